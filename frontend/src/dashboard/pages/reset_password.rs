//! `/reset-password?token=…`, where the reset email's link lands: **New
//! password**, **Set new password**.

use bankport_shared::account::{NewPassword, ResetPasswordRequest};
use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, SubmitButton, TextField, focus_element, show_field_errors,
    validate_all,
};
use crate::dashboard::components::page::{AuthCard, set_title};
use crate::dashboard::routes;

const ALERT_ID: &str = "reset-alert";

/// Where the page is at.
#[derive(Debug, Clone)]
enum Outcome {
    /// Waiting for the new password.
    Form,
    Changed,
    /// The token is missing, expired, used or forged (the server's words).
    BadLink(Option<String>),
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    set_title("Choose a new password");
    let token = use_query_map()
        .with_untracked(|query| query.get("token"))
        .map(|token| token.trim().to_owned())
        .filter(|token| !token.is_empty());
    let outcome = RwSignal::new(match token {
        Some(_) => Outcome::Form,
        None => Outcome::BadLink(None),
    });
    let token = StoredValue::new(token.unwrap_or_default());

    let password = FormField::new("password", "reset-password", |raw| {
        NewPassword::parse(raw).err()
    });
    let problem = RwSignal::new(None::<ApiError>);

    let submit = Action::new_local(move |request: &ResetPasswordRequest| {
        let request = request.clone();
        async move {
            match api::auth::reset_password(request).await {
                Ok(_) => outcome.set(Outcome::Changed),
                Err(error) if error.has_code(codes::INVALID_TOKEN) => {
                    outcome.set(Outcome::BadLink(Some(error.message)));
                }
                Err(error) => {
                    if !(error.has_code(codes::VALIDATION)
                        && show_field_errors(&[password], &error.fields))
                    {
                        problem.set(Some(error));
                        focus_element(ALERT_ID);
                    }
                }
            }
        }
    });
    let pending = submit.pending();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        problem.set(None);
        if validate_all(&[password]) {
            submit.dispatch(ResetPasswordRequest {
                token: token.get_value(),
                password: password.get(),
            });
        }
    };

    view! {
        <AuthCard>
            {move || match outcome.get() {
                Outcome::Form => view! {
                    <h1>"Choose a new password"</h1>
                    <p class="card-lead">"You will log in with it from now on."</p>
                    <form class="form" novalidate on:submit=on_submit>
                        <TextField
                            field=password
                            label="New password"
                            input_type="password"
                            autocomplete="new-password"
                            hint="At least 12 characters"
                        />
                        <FormAlert id=ALERT_ID>
                            {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
                        </FormAlert>
                        <SubmitButton
                            label="Set new password"
                            pending_label="Setting new password…"
                            pending=pending
                        />
                    </form>
                }
                .into_any(),
                Outcome::Changed => view! {
                    <h1>"Password changed"</h1>
                    <p role="status">"Your password was changed. Log in with your new password."</p>
                    <A href=routes::LOGIN attr:class="button button-primary button-block">
                        "Log in"
                    </A>
                }
                .into_any(),
                Outcome::BadLink(message) => view! {
                    <h1>"This reset link cannot be used"</h1>
                    <div class="alert alert-error" role="alert">
                        <p>
                            {message.unwrap_or_else(|| {
                                "This reset link is incomplete. Open the link from the email again."
                                    .to_owned()
                            })}
                        </p>
                    </div>
                    <p>"Reset links work once, for 1 hour. Ask for a new one:"</p>
                    <A href=routes::FORGOT_PASSWORD attr:class="button button-primary button-block">
                        "Request a new reset link"
                    </A>
                }
                .into_any(),
            }}
        </AuthCard>
    }
}
