//! **Upload a theme**: the drop zone holding the field **CSS file**, what
//! the check of the chosen file found (problems with line and column, or
//! the changes the server will make), and **Upload**.

use bankport_shared::css::CssViolation;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use super::text::{
    change_text, changes_heading, file_size, problem_text, refused_heading, size_limit,
};
use super::{Check, Chosen, CssPage, ERRORS_TITLE_ID, FILE_INPUT_ID, SAVED, UPLOAD_ALERT_ID};
use crate::dashboard::components::form::{ErrorAlert, FormAlert};

const TITLE_ID: &str = "css-upload-title";
const DROP_TITLE_ID: &str = "css-drop-zone-title";
const CHOSEN_ID: &str = "css-file-chosen";
const UPLOAD_ID: &str = "css-upload";

/// What the widget's ids look like styled (the seed guide's example,
/// without `!important`, which the server drops anyway).
const EXAMPLE: &str = "#background {
    background: #cd5c5c;
}
#div-select-bank {
    background: #f5f5f5;
}
#title-select-bank {
    color: #78281f;
}
#input-search-bank {
    background: #fadbd9;
}
#bank-box {
    background: #fadbd9;
}
#bank-img {
    background: transparent;
}";

#[component]
pub(super) fn UploadTheme(page: CssPage) -> impl IntoView {
    let can_upload = Memo::new(move |_| {
        !page.busy.get()
            && page
                .chosen
                .with(|chosen| chosen.as_ref().is_some_and(|chosen| chosen.css.is_some()))
    });
    let uploading = page.uploading;

    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if !can_upload.get_untracked() {
            return;
        }
        page.clear_messages();
        page.upload.dispatch(());
    };

    view! {
        <section id="css-upload-section" class="card section" aria-labelledby=TITLE_ID>
            <h2 id=TITLE_ID class="section-title-small">"Upload a theme"</h2>
            <p class="muted">
                "A file is checked and previewed as soon as you choose it. Nothing is saved "
                "until you select Upload."
            </p>
            <form id="css-upload-form" class="form" novalidate on:submit=on_submit>
                <DropZone page=page/>
                <p id="css-check-status" class="css-check-status" role="status">
                    {move || check_status(page)}
                </p>
                {move || match page.check.get() {
                    Check::Refused(problems) => view! { <Problems problems=problems/> }.into_any(),
                    Check::Accepted(preview) if !preview.notes.is_empty() => {
                        view! { <Changes notes=preview.notes saved=false/> }.into_any()
                    }
                    Check::Failed(error) => view! { <ErrorAlert error=error/> }.into_any(),
                    _ => ().into_any(),
                }}
                <FormAlert id=UPLOAD_ALERT_ID>
                    {move || page.upload_problem.get().map(|error| view! { <ErrorAlert error=error/> })}
                </FormAlert>
                <div class="button-row">
                    <button
                        id=UPLOAD_ID
                        type="submit"
                        class="button button-primary"
                        disabled=move || !can_upload.get()
                        aria-busy=move || uploading.get().then_some("true")
                    >
                        {move || if uploading.get() { "Uploading…" } else { "Upload" }}
                    </button>
                </div>
                <div id="css-upload-status" class="status-region" role="status">
                    {move || {
                        page.saved_notes
                            .with(Option::is_some)
                            .then(|| view! { <p class="alert alert-success">{SAVED}</p> })
                    }}
                </div>
                {move || {
                    page.saved_notes
                        .get()
                        .filter(|notes| !notes.is_empty())
                        .map(|notes| view! { <Changes notes=notes saved=true/> })
                }}
            </form>
            <details class="css-example">
                <summary>"Example stylesheet"</summary>
                <pre class="css-example-code"><code>{EXAMPLE}</code></pre>
            </details>
        </section>
    }
}

/// The line under the drop zone that says (and announces) what is
/// happening to the chosen file.
fn check_status(page: CssPage) -> String {
    let name = page
        .chosen
        .with(|chosen| chosen.as_ref().map(|chosen| chosen.name.clone()))
        .unwrap_or_default();
    page.check.with(|check| match check {
        Check::Idle | Check::Failed(_) => String::new(),
        Check::Reading => format!("Reading {name}…"),
        Check::Checking => format!("Checking {name}…"),
        Check::Accepted(_) => format!(
            "{name} passed the checks. The preview shows it; nothing is saved until you select \
             Upload."
        ),
        Check::Refused(problems) => match problems.len() {
            1 => format!("{name} was not accepted: 1 problem."),
            n => format!("{name} was not accepted: {n} problems."),
        },
    })
}

/// The labelled region that takes a dragged `.css` file, around the field
/// **CSS file** (which works with the keyboard and without dragging).
#[component]
fn DropZone(page: CssPage) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let dragging = RwSignal::new(false);
    // dragenter/dragleave fire for every child crossed: count them.
    let depth = StoredValue::new(0_u32);

    // A file dropped beside the zone must not replace the dashboard with it.
    let outside_over = window_event_listener(ev::dragover, |ev| {
        if !ev.default_prevented() {
            ev.prevent_default();
            if let Some(transfer) = ev.data_transfer() {
                transfer.set_drop_effect("none");
            }
        }
    });
    let outside_drop = window_event_listener(ev::drop, |ev| {
        if !ev.default_prevented() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        outside_over.remove();
        outside_drop.remove();
    });

    let on_change = move |_: ev::Event| {
        let Some(input) = input.get_untracked() else {
            return;
        };
        match input.files().and_then(|files| files.get(0)) {
            Some(file) => page.take_file(file),
            // The picker was dismissed and the browser emptied the field.
            None => {
                page.generation.update_value(|n| *n += 1);
                page.chosen.set(None);
                page.check.set(Check::Idle);
            }
        }
    };
    let on_dragenter = move |ev: ev::DragEvent| {
        ev.prevent_default();
        depth.update_value(|depth| *depth += 1);
        dragging.set(true);
    };
    let on_dragover = move |ev: ev::DragEvent| {
        ev.prevent_default();
        if let Some(transfer) = ev.data_transfer() {
            let effect = if page.busy.get_untracked() {
                "none"
            } else {
                "copy"
            };
            transfer.set_drop_effect(effect);
        }
        if !dragging.get_untracked() {
            dragging.set(true);
        }
    };
    let on_dragleave = move |_: ev::DragEvent| {
        depth.update_value(|depth| *depth = depth.saturating_sub(1));
        if depth.get_value() == 0 {
            dragging.set(false);
        }
    };
    let on_drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        depth.set_value(0);
        dragging.set(false);
        if page.busy.get_untracked() {
            return;
        }
        let Some(file) = ev
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        // The field shows the dropped file too (only the first, if several).
        if let (Some(input), Ok(one)) = (input.get_untracked(), web_sys::DataTransfer::new())
            && one.items().add_with_file(&file).is_ok()
        {
            input.set_files(one.files().as_ref());
        }
        page.take_file(file);
    };

    let chosen = move || match page.chosen.get() {
        Some(Chosen { name, size, .. }) => view! {
            <span class="drop-zone-file-name break-anywhere">{name}</span>
            " · "
            <span class="drop-zone-file-size">{file_size(size)}</span>
        }
        .into_any(),
        None => "No file chosen yet.".into_any(),
    };

    view! {
        <div
            id="css-drop-zone"
            class=move || if dragging.get() { "drop-zone drop-zone-active" } else { "drop-zone" }
            role="region"
            aria-labelledby=DROP_TITLE_ID
            on:dragenter=on_dragenter
            on:dragover=on_dragover
            on:dragleave=on_dragleave
            on:drop=on_drop
        >
            <p id=DROP_TITLE_ID class="drop-zone-title">"Drag and drop a .css file here"</p>
            <p class="drop-zone-or">{format!("or choose one (up to {}):", size_limit())}</p>
            <div class="field drop-zone-field">
                <label for=FILE_INPUT_ID class="field-label">"CSS file"</label>
                <input
                    id=FILE_INPUT_ID
                    name="css_file"
                    class="file-input"
                    type="file"
                    accept=".css,text/css"
                    aria-describedby=CHOSEN_ID
                    disabled=move || page.busy.get()
                    node_ref=input
                    on:change=on_change
                />
            </div>
            <p id=CHOSEN_ID class="drop-zone-file">{chosen}</p>
        </div>
    }
}

/// A refused file's problems, each with its line, column and text.
#[component]
fn Problems(problems: Vec<CssViolation>) -> impl IntoView {
    let heading = refused_heading(problems.len());
    view! {
        <section id="css-errors" class="alert alert-error css-problems" aria-labelledby=ERRORS_TITLE_ID>
            <h3 id=ERRORS_TITLE_ID class="css-problems-title" tabindex="-1">{heading}</h3>
            <ol id="css-error-list" class="css-problem-list">
                {problems
                    .iter()
                    .map(|problem| {
                        view! {
                            <li>
                                {problem_text(problem)}
                                <Offending text=problem.text.clone()/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p>"Fix the file, then choose it again."</p>
        </section>
    }
}

/// What the server changes in an accepted file (e.g. `!important` dropped),
/// before or after saving it.
#[component]
fn Changes(notes: Vec<CssViolation>, saved: bool) -> impl IntoView {
    let heading = changes_heading(notes.len(), saved);
    let id = if saved {
        "css-saved-notes"
    } else {
        "css-notes"
    };
    let title_id = format!("{id}-title");
    view! {
        <section id=id class="panel css-notes" aria-labelledby=title_id.clone()>
            <h3 id=title_id.clone() class="css-problems-title">{heading}</h3>
            <ul class="css-problem-list">
                {notes
                    .iter()
                    .map(|note| {
                        view! {
                            <li>
                                {change_text(note)}
                                <Offending text=note.text.clone()/>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The offending text of a problem or change, when the server quoted it.
#[component]
fn Offending(text: String) -> impl IntoView {
    (!text.trim().is_empty()).then(|| {
        view! {
            " "
            <code class="css-problem-text">{text}</code>
        }
    })
}
