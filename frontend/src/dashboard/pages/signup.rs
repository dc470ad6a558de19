//! `/signup`: create an account (**Company**, **Email**, **Password**), then
//! "Check your email" with **Resend confirmation email**.

use bankport_shared::account::{CompanyName, EmailAddress, NewPassword, SignupRequest};
use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, SubmitButton, TextField, focus_element, show_field_errors,
};
use crate::dashboard::components::guard::AnonymousOnly;
use crate::dashboard::components::page::{AuthCard, set_title};
use crate::dashboard::components::resend::ResendButton;
use crate::dashboard::routes;

const ALERT_ID: &str = "signup-alert";

#[component]
pub fn SignupPage() -> impl IntoView {
    set_title("Sign up");
    view! {
        <AnonymousOnly>
            <SignupForm/>
        </AnonymousOnly>
    }
}

#[component]
fn SignupForm() -> impl IntoView {
    let company = FormField::new("company", "signup-company", |raw| {
        CompanyName::parse(raw).err()
    });
    let email = FormField::new("email", "signup-email", |raw| {
        EmailAddress::parse(raw).err()
    });
    let password = FormField::new("password", "signup-password", |raw| {
        NewPassword::parse(raw).err()
    });
    let fields = [company, email, password];

    // Where the confirmation link went, once the server accepted the sign-up.
    let sent_to = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<api::ApiError>);

    let submit = Action::new_local(move |(request, address): &(SignupRequest, String)| {
        let request = request.clone();
        let address = address.clone();
        async move {
            match api::auth::signup(request).await {
                Ok(_) => sent_to.set(Some(address)),
                Err(error) => {
                    let shown_inline = error.has_code(codes::VALIDATION)
                        && show_field_errors(&fields, &error.fields);
                    if !shown_inline {
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
        let request = SignupRequest {
            company: company.get(),
            email: email.get(),
            password: password.get(),
        };
        // The same parser as the server's, reporting every field at once.
        match request.parse() {
            Err(errors) => {
                show_field_errors(&fields, &errors);
            }
            Ok(signup) => {
                for field in fields {
                    field.error.set(None);
                }
                submit.dispatch((request, signup.email.to_string()));
            }
        }
    };

    move || match sent_to.get() {
        Some(address) => view! { <CheckYourEmail email=address/> }.into_any(),
        None => view! {
            <AuthCard>
                <h1>"Create your account"</h1>
                <p class="card-lead">"Sign up to get API credentials for your apps."</p>
                <form class="form" novalidate on:submit=on_submit>
                    <TextField field=company label="Company" autocomplete="organization"/>
                    <TextField field=email label="Email" input_type="email" autocomplete="email"/>
                    <TextField
                        field=password
                        label="Password"
                        input_type="password"
                        autocomplete="new-password"
                        hint="At least 12 characters"
                    />
                    <FormAlert id=ALERT_ID>
                        {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
                    </FormAlert>
                    <SubmitButton label="Sign up" pending_label="Signing up…" pending=pending/>
                </form>
                <p class="card-footer">
                    "Already have an account? " <A href=routes::LOGIN>"Log in"</A>
                </p>
            </AuthCard>
        }
        .into_any(),
    }
}

/// What replaces the form once the sign-up went through.
#[component]
fn CheckYourEmail(email: String) -> impl IntoView {
    set_title("Check your email");
    let heading = NodeRef::<leptos::html::H1>::new();
    // The form that had focus is gone: bring focus (and screen readers) here.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let address = Signal::stored(email.clone());

    view! {
        <AuthCard>
            <h1 node_ref=heading tabindex="-1">"Check your email"</h1>
            <p>
                "We sent a confirmation link to " <strong class="break-anywhere">{email}</strong>
                ". Open it to activate your account."
            </p>
            <p class="muted">
                "The link works for 24 hours. No email? Check your spam folder, or send it again."
            </p>
            <ResendButton email=address done="Sent again."/>
            <p class="card-footer">
                "Confirmed already? " <A href=routes::LOGIN>"Log in"</A>
            </p>
        </AuthCard>
    }
}
