//! `bankport check-css FILE…`: the built binary checks themes offline, with
//! no configuration, database or environment.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Far more than any check needs: a run that reads forever fails the test
/// instead of hanging it.
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn check_css(dir: &Path, files: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bankport"))
        .arg("check-css")
        .args(files)
        // Nothing from the environment or a `.env` file is needed.
        .env_clear()
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bankport check-css");
    let started = Instant::now();
    // The outputs here are far smaller than a pipe's buffer, so waiting
    // before reading cannot block the child.
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for bankport check-css") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            panic!("bankport check-css {files:?} ran for more than {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut stderr)
        .unwrap();
    Output {
        status,
        stdout,
        stderr,
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn an_accepted_theme_prints_its_notes_and_minified_css_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.css"),
        "#title-select-bank {\n  color: #78281f !important\n}\n#background {\n  background: #CD5C5C;\n}\n",
    )
    .unwrap();

    let output = check_css(dir.path(), &["good.css"]);

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        stdout(&output),
        "good.css:2:3: note: `!important` is not needed: your theme loads after the widget's and wins; it was removed\n\
         #title-select-bank{color:#78281f}#background{background:#cd5c5c}\n"
    );
}

#[test]
fn a_refused_theme_prints_every_problem_with_its_position_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.css"),
        "#background {\n  color: red;\n    position: fixed;\n}\n#input-password { background: url(https://evil.example/x) }\n",
    )
    .unwrap();

    let output = check_css(dir.path(), &["bad.css"]);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = stdout(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines.contains(&"bad.css:3:5: `position` is not allowed: the widget's layout is fixed"),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.starts_with("bad.css:5:1: `#input-password` cannot be styled")),
        "{stdout}"
    );
    assert!(
        lines.contains(&"bad.css:5:19: `url()` is not allowed: a theme cannot load anything"),
        "{stdout}"
    );
}

#[test]
fn one_refused_or_unreadable_file_among_good_ones_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.css"), "#bank-box { color: red }").unwrap();
    std::fs::write(dir.path().join("bad.css"), "#bank-box { opacity: 0 }").unwrap();

    let output = check_css(dir.path(), &["good.css", "missing.css", "bad.css"]);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = stdout(&output);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "#bank-box{color:red}");
    assert!(
        lines[1].starts_with("missing.css: cannot read: "),
        "{stdout}"
    );
    assert_eq!(
        lines[2],
        "bad.css:1:13: `opacity` is not allowed: it could hide the widget"
    );
    assert_eq!(lines.len(), 3, "{stdout}");
}

#[test]
fn only_good_files_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.css"), "#bank-box { color: red }").unwrap();
    std::fs::write(
        dir.path().join("b.css"),
        "@media (max-width: 600px) { #bank-img { width: 32px } }",
    )
    .unwrap();

    let output = check_css(dir.path(), &["a.css", "b.css"]);

    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        stdout(&output),
        "#bank-box{color:red}\n@media (width<=600px){#bank-img{width:32px}}\n"
    );
}

#[test]
fn an_endless_file_is_refused_as_too_large_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();

    let output = check_css(dir.path(), &["/dev/zero"]);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        stdout(&output),
        "/dev/zero:1:1: the stylesheet is larger than the limit of 16384 bytes (16 KiB)\n"
    );
}

#[test]
fn a_huge_file_is_refused_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: 4 GiB of size, no disk.
    let file = std::fs::File::create(dir.path().join("huge.css")).unwrap();
    file.set_len(4 << 30).unwrap();

    let output = check_css(dir.path(), &["huge.css"]);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        stdout(&output),
        "huge.css:1:1: the stylesheet is larger than the limit of 16384 bytes (16 KiB)\n"
    );
}

#[test]
fn escaped_control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // Decoded: `.ESC[2J` clears the screen, `#ESC]0;owned BEL` retitles the
    // window, and `\a` is a newline that would forge a line of output.
    std::fs::write(
        dir.path().join("ansi.css"),
        r"#bank-box.\1b\5b 2J { color: red }
#\1b\5d 0\3b owned\7 { color: red }
#bank-box.x\a y { color: red }
",
    )
    .unwrap();

    let output = check_css(dir.path(), &["ansi.css"]);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = stdout(&output);
    assert!(!stdout.contains(['\x1b', '\x07']), "{stdout:?}");
    assert_eq!(
        stdout,
        "ansi.css:1:1: class selectors (`.[2J`) are not allowed: style the widget through its ids\n\
         ansi.css:2:1: `#]0;owned` cannot be styled: a theme may only style the widget's documented ids \
         (#background, #div-select-bank, #title-select-bank, #input-search-bank, #bank-box, #bank-img)\n\
         ansi.css:3:1: class selectors (`.xy`) are not allowed: style the widget through its ids\n"
    );
}

#[test]
fn a_nesting_bomb_behind_a_url_escape_is_refused_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bomb.css"),
        format!(
            "#background{{color:red;x:url(a \\);{})}}",
            "a{".repeat(3500)
        ),
    )
    .unwrap();

    let output = check_css(dir.path(), &["bomb.css"]);

    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        stdout(&output),
        "bomb.css:1:25: `url()` is not allowed: a theme cannot load anything\n\
         bomb.css:1:49: brackets are nested too deeply: at most 8 levels of (), [] and {} are allowed\n"
    );
}
