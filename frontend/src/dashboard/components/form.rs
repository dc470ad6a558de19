//! Form building blocks: a labelled text field with its hint and inline
//! error, the submit button with its pending text, and the alert region for
//! form-level errors.
//!
//! Every field is checked with the same parser the server uses (from
//! `bankport_shared::account`), on blur once the person has typed and again on
//! submit; the server's per-field messages land in the same place. Messages
//! are tied to their input (`aria-describedby`, `aria-invalid`) and announced
//! (`aria-live`), and what the person typed is never cleared.

use std::collections::BTreeMap;

use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

use crate::api::ApiError;

/// Checks what was typed: `None` when acceptable, else the message to show.
pub type Check = fn(&str) -> Option<String>;

/// One input of a form: its value, its message, and how to check it.
#[derive(Debug, Clone, Copy)]
pub struct FormField {
    /// The request's field name (the key of the server's `fields` map).
    pub name: &'static str,
    /// The input element's id.
    pub id: &'static str,
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    check: Check,
}

impl FormField {
    pub fn new(name: &'static str, id: &'static str, check: Check) -> Self {
        Self {
            name,
            id,
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            check,
        }
    }

    /// The current value, without subscribing.
    pub fn get(&self) -> String {
        self.value.get_untracked()
    }

    /// Checks the value and shows or clears its message; true when valid.
    pub fn validate(&self) -> bool {
        let message = self.value.with_untracked(|value| (self.check)(value));
        let valid = message.is_none();
        self.error.set(message);
        valid
    }
}

/// Checks every field and focuses the first invalid one; true when all pass.
pub fn validate_all(fields: &[FormField]) -> bool {
    let mut first_invalid = None;
    for field in fields {
        if !field.validate() && first_invalid.is_none() {
            first_invalid = Some(field.id);
        }
    }
    match first_invalid {
        Some(id) => {
            focus_element(id);
            false
        }
        None => true,
    }
}

/// Shows per-field messages keyed by request field name (the server's
/// `fields`, or a shared `parse`'s errors) and focuses the first field with
/// one. Returns false when no message belonged to any of these fields.
pub fn show_field_errors(fields: &[FormField], errors: &BTreeMap<String, String>) -> bool {
    let mut first_invalid = None;
    for field in fields {
        let message = errors.get(field.name).cloned();
        if message.is_some() && first_invalid.is_none() {
            first_invalid = Some(field.id);
        }
        field.error.set(message);
    }
    match first_invalid {
        Some(id) => {
            focus_element(id);
            true
        }
        None => false,
    }
}

/// Moves keyboard focus to the element with this id, if it is on the page.
pub fn focus_element(id: &str) {
    if let Some(element) = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Moves focus to the element with this id once the page has drawn the
/// change that creates it (e.g. a panel that replaced the button that had
/// focus).
pub fn focus_after_render(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || focus_element(&id));
}

/// A labelled input bound to a [`FormField`].
///
/// The label's text is exactly `label` (people, screen readers and tests
/// find the field by it); `hint` sits between label and input; `children`
/// go beside the label (e.g. a "Forgot password?" link).
#[component]
pub fn TextField(
    field: FormField,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// Whether the field must be filled (most are).
    #[prop(default = true)]
    required: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let FormField {
        name,
        id,
        value,
        error,
        ..
    } = field;
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let is_email = input_type == "email";
    // Checking on blur only after typing, so tabbing through an empty form
    // does not shout at anyone.
    let typed = StoredValue::new(false);

    view! {
        <div class="field">
            <div class="field-label-row">
                <label for=id class="field-label">{label}</label>
                {children.map(|aside| aside())}
            </div>
            {hint.map(|text| view! { <p id=hint_id class="field-hint">{text}</p> })}
            <input
                id=id
                name=name
                class="input"
                type=input_type
                autocomplete=autocomplete
                autocapitalize=(is_email || input_type == "url").then_some("none")
                spellcheck=(is_email || input_type == "url").then_some("false")
                required=required
                aria-describedby=described_by
                aria-invalid=move || error.read().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    typed.set_value(true);
                    // Once a message shows, re-check as they type so it goes
                    // away as soon as the value is fixed.
                    if error.read_untracked().is_some() {
                        field.validate();
                    }
                }
                on:blur=move |_| {
                    if typed.get_value() {
                        field.validate();
                    }
                }
            />
            <p id=error_id class="field-error" aria-live="polite">
                {move || error.get().map(|message| view! { <span>{message}</span> })}
            </p>
        </div>
    }
}

/// The form's primary button: disabled, with `pending_label`, while the
/// request runs, so a form is never sent twice.
#[component]
pub fn SubmitButton(
    label: &'static str,
    pending_label: &'static str,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="button button-primary button-block"
            disabled=move || pending.get()
            aria-busy=move || pending.get().then_some("true")
        >
            {move || if pending.get() { pending_label } else { label }}
        </button>
    }
}

/// Where a form's own errors appear. It is always on the page (so it can take
/// focus after a failed submit) and shows nothing until `children` do.
#[component]
pub fn FormAlert(id: &'static str, children: Children) -> impl IntoView {
    view! {
        <div id=id class="alert-region" tabindex="-1">
            {children()}
        </div>
    }
}

/// An error in the danger colours, announced when it appears. For server
/// faults it adds the trace id, so support can find the request.
#[component]
pub fn ErrorAlert(error: ApiError, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let reference = error
        .trace_id
        .clone()
        .filter(|_| error.has_code(codes::INTERNAL) || error.has_code(codes::UNAVAILABLE));
    view! {
        <div class="alert alert-error" role="alert">
            <p>{error.message}</p>
            {reference.map(|id| view! {
                <p class="alert-reference">"Reference: " <code>{id}</code></p>
            })}
            {children.map(|more| more())}
        </div>
    }
}

/// A form-level message chosen by the page (e.g. "Wrong email or password.").
#[component]
pub fn MessageAlert(
    message: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert">
            <p>{message}</p>
            {children.map(|more| more())}
        </div>
    }
}
