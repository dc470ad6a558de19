//! "Resend confirmation email": used after signing up, when logging in
//! before confirming, and when a confirmation link no longer works.

use bankport_shared::account::EmailAddress;
use leptos::prelude::*;

use super::form::{
    ErrorAlert, FormField, SubmitButton, TextField, show_field_errors, validate_all,
};
use crate::api;

/// A button that re-sends the confirmation link to an email we already have.
/// `done` is what to say once the server accepted the request.
#[component]
pub fn ResendButton(#[prop(into)] email: Signal<String>, done: &'static str) -> impl IntoView {
    let resend = Action::new_local(|email: &String| api::auth::resend_confirmation(email.clone()));
    let pending = resend.pending();

    view! {
        <div class="resend">
            <button
                type="button"
                class="button button-block"
                disabled=move || pending.get()
                aria-busy=move || pending.get().then_some("true")
                on:click=move |_| {
                    resend.dispatch(email.get_untracked());
                }
            >
                "Resend confirmation email"
            </button>
            <div class="resend-status" aria-live="polite">
                {move || {
                    if pending.get() {
                        return view! { <p class="status">"Sending…"</p> }.into_any();
                    }
                    match resend.value().get() {
                        None => ().into_any(),
                        Some(Ok(_)) => {
                            view! { <p class="status status-success">{done}</p> }.into_any()
                        }
                        Some(Err(error)) => view! { <ErrorAlert error=error/> }.into_any(),
                    }
                }}
            </div>
        </div>
    }
}

/// A small form (Email + "Resend confirmation email") for when we do not know
/// the email, e.g. on a confirmation link that no longer works. Its input's
/// id is `resend-email`.
#[component]
pub fn ResendForm() -> impl IntoView {
    let email = FormField::new("email", "resend-email", |raw| {
        EmailAddress::parse(raw).err()
    });
    let resend = Action::new_local(move |address: &String| {
        let address = address.clone();
        async move {
            let result = api::auth::resend_confirmation(address).await;
            if let Err(error) = &result {
                show_field_errors(&[email], &error.fields);
            }
            result
        }
    });
    let pending = resend.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || !validate_all(&[email]) {
            return;
        }
        resend.dispatch(email.get().trim().to_owned());
    };

    view! {
        <form class="form" novalidate on:submit=on_submit>
            <TextField field=email label="Email" input_type="email" autocomplete="email"/>
            <SubmitButton
                label="Resend confirmation email"
                pending_label="Sending…"
                pending=pending
            />
            <div class="resend-status" aria-live="polite">
                {move || match resend.value().get() {
                    None => ().into_any(),
                    Some(Ok(_)) => view! {
                        <p class="alert alert-success">
                            "If that email belongs to an account waiting for confirmation, "
                            "we sent it a new link. Check your email."
                        </p>
                    }
                    .into_any(),
                    // Field messages already show beside the input.
                    Some(Err(error)) if error.fields.contains_key(email.name) => ().into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error=error/> }.into_any(),
                }}
            </div>
        </form>
    }
}
