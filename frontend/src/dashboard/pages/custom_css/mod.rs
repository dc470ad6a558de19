//! `/custom-css`: the stylesheet that restyles the link widget of every link
//! of every app of the account.
//!
//! Choosing or dropping a file (field **CSS file**) reads it and asks the
//! server to check it at once: the problems are listed with line and
//! column, or the preview shows the widget with the new style. Nothing is
//! saved until **Upload**. The current theme can be swapped with the one
//! before it (**Restore previous version**) or removed (**Restore default
//! theme**, then **Confirm**).
//!
//! The server is the authority on every file: the checks made here (that
//! it is a `.css` file, that it is not over the size limit) only say sooner
//! what it would say.

mod current;
mod preview;
mod text;
mod upload;

use bankport_shared::css::{CssViolation, CustomCssResponse, PreviewCssResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::dashboard::components::form::focus_after_render;
use crate::dashboard::components::page::set_title;
use crate::dashboard::components::remote::Remote;
use crate::dashboard::session::{Session, use_session};

/// The file input (**CSS file**).
const FILE_INPUT_ID: &str = "css-file";
/// The heading of a refused file's problems (takes focus after a refused upload).
const ERRORS_TITLE_ID: &str = "css-errors-title";
/// Where an upload's failure other than a refused file shows.
const UPLOAD_ALERT_ID: &str = "css-upload-alert";
/// The heading of the current theme (takes focus after a restore).
const CURRENT_TITLE_ID: &str = "css-current-title";
/// **Restore default theme**.
const RESTORE_DEFAULT_ID: &str = "css-restore-default";
/// **Restore previous version**.
const RESTORE_PREVIOUS_ID: &str = "css-restore-previous";

const SAVED: &str = "Saved. Every link now uses this theme.";
const DEFAULT_RESTORED: &str = "The default theme is back. Every link now uses it.";
const PREVIOUS_RESTORED: &str = "The previous version is back. Every link now uses it.";

/// The file the person chose or dropped.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    name: String,
    /// In bytes, as the browser reports it.
    size: f64,
    /// The file's text once read (None while reading, or when it was not
    /// read: not a stylesheet, or far over the limit).
    css: Option<String>,
}

/// What the server (or this page, sooner) says of the chosen file.
#[derive(Debug, Clone, PartialEq)]
enum Check {
    /// No file chosen (or the chosen one was just saved).
    Idle,
    Reading,
    /// Waiting for `POST /api/custom-css/preview`.
    Checking,
    /// Valid: the preview shows it; nothing is saved yet.
    Accepted(PreviewCssResponse),
    /// Refused, with every problem.
    Refused(Vec<CssViolation>),
    /// Not checked: not a stylesheet, unreadable, or the server unreachable.
    Failed(ApiError),
}

/// The page's state and writes, shared by its sections. Cheap to copy.
#[derive(Clone, Copy)]
struct CssPage {
    session: Session,
    theme: Remote<CustomCssResponse>,
    chosen: RwSignal<Option<Chosen>>,
    check: RwSignal<Check>,
    /// Bumped for each file chosen and each save, so a late answer about an
    /// older file is dropped.
    generation: StoredValue<u64>,
    upload: Action<(), ()>,
    restore_default: Action<(), ()>,
    restore_previous: Action<(), ()>,
    /// True while any write runs: every button and the file field wait.
    busy: Memo<bool>,
    uploading: Memo<bool>,
    restoring_default: Memo<bool>,
    restoring_previous: Memo<bool>,
    /// The changes the server made to the file just saved (`Some` once saved).
    saved_notes: RwSignal<Option<Vec<CssViolation>>>,
    upload_problem: RwSignal<Option<ApiError>>,
    theme_status: RwSignal<Option<&'static str>>,
    theme_problem: RwSignal<Option<ApiError>>,
    /// The **Restore default theme** → **Confirm** step is open.
    confirming: RwSignal<bool>,
}

impl CssPage {
    fn new() -> Self {
        let session = use_session();
        let theme = Remote::new(api::custom_css::get_theme);
        let chosen = RwSignal::new(None::<Chosen>);
        let check = RwSignal::new(Check::Idle);
        let generation = StoredValue::new(0_u64);
        let saved_notes = RwSignal::new(None::<Vec<CssViolation>>);
        let upload_problem = RwSignal::new(None::<ApiError>);
        let theme_status = RwSignal::new(None::<&'static str>);
        let theme_problem = RwSignal::new(None::<ApiError>);
        let confirming = RwSignal::new(false);

        let upload = Action::new_local(move |_: &()| {
            let file = chosen.get_untracked();
            async move {
                let Some(Chosen {
                    name,
                    css: Some(css),
                    ..
                }) = file
                else {
                    return;
                };
                match api::custom_css::save(css, Some(name)).await {
                    Ok(saved) => {
                        generation.try_update_value(|n| *n += 1);
                        saved_notes.try_set(Some(saved.notes.clone()));
                        theme.set(saved);
                        chosen.try_set(None);
                        check.try_set(Check::Idle);
                        clear_file_input();
                        // Upload is disabled again; the field is what comes next.
                        focus_after_render(FILE_INPUT_ID);
                    }
                    Err(error) if !error.violations.is_empty() => {
                        // The file stays chosen, to fix and choose again.
                        check.try_set(Check::Refused(error.violations));
                        focus_after_render(ERRORS_TITLE_ID);
                    }
                    Err(error) => {
                        session.end_if_unauthenticated(&error);
                        upload_problem.try_set(Some(error));
                        focus_after_render(UPLOAD_ALERT_ID);
                    }
                }
            }
        });

        let restore_default = Action::new_local(move |_: &()| async move {
            let result = api::custom_css::restore_default().await;
            confirming.try_set(false);
            match result {
                Ok(now) => {
                    theme.set(now);
                    theme_status.try_set(Some(DEFAULT_RESTORED));
                    focus_after_render(CURRENT_TITLE_ID);
                }
                Err(error) => {
                    theme_failed(session, theme, theme_problem, error);
                    focus_after_render(RESTORE_DEFAULT_ID);
                }
            }
        });

        let restore_previous = Action::new_local(move |_: &()| async move {
            match api::custom_css::restore_previous().await {
                Ok(now) => {
                    theme.set(now);
                    theme_status.try_set(Some(PREVIOUS_RESTORED));
                    focus_after_render(CURRENT_TITLE_ID);
                }
                Err(error) => {
                    theme_failed(session, theme, theme_problem, error);
                    focus_after_render(RESTORE_PREVIOUS_ID);
                }
            }
        });

        let uploading = upload.pending();
        let restoring_default = restore_default.pending();
        let restoring_previous = restore_previous.pending();
        let busy = Memo::new(move |_| {
            uploading.get() || restoring_default.get() || restoring_previous.get()
        });

        Self {
            session,
            theme,
            chosen,
            check,
            generation,
            upload,
            restore_default,
            restore_previous,
            busy,
            uploading,
            restoring_default,
            restoring_previous,
            saved_notes,
            upload_problem,
            theme_status,
            theme_problem,
            confirming,
        }
    }

    /// Clears the outcome of the last write, before the next one (or a new
    /// file) makes it stale.
    fn clear_messages(self) {
        self.saved_notes.set(None);
        self.upload_problem.set(None);
        self.theme_status.set(None);
        self.theme_problem.set(None);
    }

    /// A file was chosen or dropped: show it, read it and have it checked.
    fn take_file(self, file: web_sys::File) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.clear_messages();

        let name = file.name();
        let size = file.size();
        self.chosen.set(Some(Chosen {
            name: name.clone(),
            size,
            css: None,
        }));
        if !text::looks_like_css(&name, &file.type_()) {
            self.check.set(Check::Failed(ApiError::local(format!(
                "“{name}” is not a CSS file. Choose a file whose name ends in .css."
            ))));
            return;
        }
        if size > text::READ_LIMIT_BYTES {
            self.check
                .set(Check::Refused(vec![text::too_large_problem(size)]));
            return;
        }
        self.check.set(Check::Reading);

        let current = move || self.generation.try_get_value() == Some(generation);
        let read = file.text();
        spawn_local(async move {
            let css = read.await.ok().and_then(|text| text.as_string());
            if !current() {
                return;
            }
            let Some(css) = css else {
                self.check.try_set(Check::Failed(ApiError::local(
                    "This file could not be read. Choose it again.",
                )));
                return;
            };
            self.chosen.try_update(|chosen| {
                if let Some(chosen) = chosen {
                    chosen.css = Some(css.clone());
                }
            });
            // Said here at once; **Upload** still lets the server decide.
            if text::too_large(size) {
                self.check
                    .try_set(Check::Refused(vec![text::too_large_problem(size)]));
                return;
            }
            if css.trim().is_empty() {
                self.check.try_set(Check::Failed(ApiError::local(format!(
                    "“{name}” is empty. Choose a stylesheet with at least one rule."
                ))));
                return;
            }
            self.check.try_set(Check::Checking);
            let result = api::custom_css::preview(css, Some(name)).await;
            if !current() {
                return;
            }
            let outcome = match result {
                Ok(preview) => Check::Accepted(preview),
                Err(error) if !error.violations.is_empty() => Check::Refused(error.violations),
                Err(error) => {
                    self.session.end_if_unauthenticated(&error);
                    Check::Failed(error)
                }
            };
            self.check.try_set(outcome);
        });
    }
}

/// A restore the server did not make: say why, and read the theme again in
/// case it changed meanwhile (e.g. from another tab).
fn theme_failed(
    session: Session,
    theme: Remote<CustomCssResponse>,
    problem: RwSignal<Option<ApiError>>,
    error: ApiError,
) {
    session.end_if_unauthenticated(&error);
    let answered = error.code.is_some();
    // Nothing to do once the page was left.
    if problem.try_set(Some(error)).is_none() && answered {
        theme.reload();
    }
}

/// Empties **CSS file** after a save, so choosing the same file again is
/// noticed.
fn clear_file_input() {
    if let Some(input) = document()
        .get_element_by_id(FILE_INPUT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}

#[component]
pub fn CustomCssPage() -> impl IntoView {
    set_title("Custom CSS");
    let page = CssPage::new();

    view! {
        <header class="page-header">
            <h1>"Custom CSS"</h1>
        </header>
        <p class="page-lead">
            "Your stylesheet restyles the link widget for every link of every app. Only the "
            "widget's ids can be styled: " <code>"#background"</code> ", "
            <code>"#div-select-bank"</code> ", " <code>"#title-select-bank"</code> ", "
            <code>"#input-search-bank"</code> ", " <code>"#bank-box"</code> " and "
            <code>"#bank-img"</code> "."
        </p>
        <div class="custom-css-layout">
            <div class="custom-css-main">
                <current::CurrentTheme page=page/>
                <upload::UploadTheme page=page/>
            </div>
            <preview::Preview page=page/>
        </div>
    }
}
