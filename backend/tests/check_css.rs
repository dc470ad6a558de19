//! `bankport check-css FILE…`: the built binary checks themes offline, with
//! no configuration, database or environment.

use std::path::Path;
use std::process::{Command, Output};

fn check_css(dir: &Path, files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bankport"))
        .arg("check-css")
        .args(files)
        // Nothing from the environment or a `.env` file is needed.
        .env_clear()
        .current_dir(dir)
        .output()
        .expect("run bankport check-css")
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
