//! `/login`: **Email**, **Password**, **Log in**; then back to the page that
//! asked for a session (`?next=`), or the apps.

use bankport_shared::account::{EmailAddress, LoginRequest};
use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, MessageAlert, SubmitButton, TextField, focus_element,
    show_field_errors, validate_all,
};
use crate::dashboard::components::guard::AnonymousOnly;
use crate::dashboard::components::page::{AuthCard, set_title};
use crate::dashboard::components::resend::ResendButton;
use crate::dashboard::routes;
use crate::dashboard::session::use_session;

const ALERT_ID: &str = "login-alert";

#[component]
pub fn LoginPage() -> impl IntoView {
    set_title("Log in");
    let query = use_query_map();
    // Only a path on this site: `next` comes from a URL anyone can craft.
    let after_login = Signal::derive(move || {
        query
            .with(|q| routes::safe_next(q.get_str(routes::NEXT_PARAM)))
            .unwrap_or_else(|| routes::AFTER_LOGIN.to_owned())
    });
    view! {
        // Logging in sets the session, and this guard then takes the person on.
        <AnonymousOnly redirect_to=after_login>
            <LoginForm/>
        </AnonymousOnly>
    }
}

/// Why the last attempt failed, when it was not a field's fault.
#[derive(Debug, Clone)]
enum Problem {
    WrongCredentials,
    /// The email used, to re-send the confirmation link to.
    NotConfirmed(String),
    Other(ApiError),
}

#[component]
fn LoginForm() -> impl IntoView {
    let session = use_session();
    let email = FormField::new("email", "login-email", |raw| EmailAddress::parse(raw).err());
    // Any password is checked by the server; the rules for new ones do not
    // apply here (and would tell an attacker nothing new anyway).
    let password = FormField::new("password", "login-password", |raw| {
        raw.is_empty().then(|| "Enter your password.".to_owned())
    });
    let fields = [email, password];
    let problem = RwSignal::new(None::<Problem>);

    let submit = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move {
            match api::auth::login(request.clone()).await {
                Ok(me) => session.log_in(me),
                Err(error) => {
                    if error.has_code(codes::VALIDATION)
                        && show_field_errors(&fields, &error.fields)
                    {
                        return;
                    }
                    problem.set(Some(if error.has_code(codes::INVALID_CREDENTIALS) {
                        Problem::WrongCredentials
                    } else if error.has_code(codes::EMAIL_NOT_CONFIRMED) {
                        Problem::NotConfirmed(request.email)
                    } else {
                        // TOO_MANY_ATTEMPTS included: its message says when
                        // to try again.
                        Problem::Other(error)
                    }));
                    focus_element(ALERT_ID);
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
        if validate_all(&fields) {
            submit.dispatch(LoginRequest {
                email: email.get().trim().to_owned(),
                password: password.get(),
            });
        }
    };

    view! {
        <AuthCard>
            <h1>"Log in"</h1>
            <p class="card-lead">"Welcome back to your Bankport dashboard."</p>
            <form class="form" novalidate on:submit=on_submit>
                <TextField field=email label="Email" input_type="email" autocomplete="email"/>
                <TextField
                    field=password
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                >
                    <A href=routes::FORGOT_PASSWORD attr:class="field-aside">"Forgot password?"</A>
                </TextField>
                <FormAlert id=ALERT_ID>
                    {move || problem.get().map(|problem| match problem {
                        Problem::WrongCredentials => view! {
                            <MessageAlert message="Wrong email or password."/>
                        }
                        .into_any(),
                        Problem::NotConfirmed(address) => view! {
                            <MessageAlert message="Confirm your email before logging in.">
                                <p>"Open the link we emailed you, or get a new one."</p>
                                <ResendButton
                                    email=Signal::stored(address)
                                    done="Sent. Check your email for the new link."
                                />
                            </MessageAlert>
                        }
                        .into_any(),
                        Problem::Other(error) => view! { <ErrorAlert error=error/> }.into_any(),
                    })}
                </FormAlert>
                <SubmitButton label="Log in" pending_label="Logging in…" pending=pending/>
            </form>
            <p class="card-footer">
                "New to Bankport? " <A href=routes::SIGNUP>"Sign up"</A>
            </p>
        </AuthCard>
    }
}
