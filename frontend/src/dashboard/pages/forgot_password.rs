//! `/forgot-password`: **Email**, **Send reset link**. The answer never says
//! whether an account exists for that email.

use bankport_shared::account::EmailAddress;
use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, SubmitButton, TextField, focus_element, show_field_errors,
    validate_all,
};
use crate::dashboard::components::page::{AuthCard, set_title};
use crate::dashboard::routes;

const ALERT_ID: &str = "forgot-alert";

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    set_title("Forgot password");
    let email = FormField::new("email", "forgot-email", |raw| {
        EmailAddress::parse(raw).err()
    });
    let sent = RwSignal::new(false);
    let problem = RwSignal::new(None::<api::ApiError>);

    let submit = Action::new_local(move |address: &String| {
        let address = address.clone();
        async move {
            match api::auth::forgot_password(address).await {
                Ok(_) => sent.set(true),
                Err(error) => {
                    if !(error.has_code(codes::VALIDATION)
                        && show_field_errors(&[email], &error.fields))
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
        if validate_all(&[email]) {
            submit.dispatch(email.get().trim().to_owned());
        }
    };

    view! {
        <AuthCard>
            {move || if sent.get() {
                view! {
                    <h1>"Check your email"</h1>
                    <p role="status">
                        "If an account exists for that email, we sent a link to reset your "
                        "password. It expires in 1 hour."
                    </p>
                    <p class="card-footer">
                        <A href=routes::LOGIN>"Back to log in"</A>
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <h1>"Forgot your password?"</h1>
                    <p class="card-lead">
                        "Enter the email you signed up with and we will send you a link to "
                        "choose a new password."
                    </p>
                    <form class="form" novalidate on:submit=on_submit>
                        <TextField
                            field=email
                            label="Email"
                            input_type="email"
                            autocomplete="email"
                        />
                        <FormAlert id=ALERT_ID>
                            {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
                        </FormAlert>
                        <SubmitButton
                            label="Send reset link"
                            pending_label="Sending…"
                            pending=pending
                        />
                    </form>
                    <p class="card-footer">
                        "Remembered it? " <A href=routes::LOGIN>"Log in"</A>
                    </p>
                }
                .into_any()
            }}
        </AuthCard>
    }
}
