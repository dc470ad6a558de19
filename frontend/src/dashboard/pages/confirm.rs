//! `/confirm?token=…`, where the confirmation email's link lands: confirms on
//! load, then offers **Log in**, or a new link when this one does not work.

use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::dashboard::components::form::ErrorAlert;
use crate::dashboard::components::page::{AuthCard, Loading, set_title};
use crate::dashboard::components::resend::ResendForm;
use crate::dashboard::routes;

#[component]
pub fn ConfirmPage() -> impl IntoView {
    set_title("Confirm your email");
    let token = use_query_map()
        .with_untracked(|query| query.get("token"))
        .map(|token| token.trim().to_owned())
        .filter(|token| !token.is_empty());

    let confirm = Action::new_local(|token: &String| api::auth::confirm(token.clone()));
    let pending = confirm.pending();
    // A write, so an action, dispatched once as the page opens.
    if let Some(token) = token.clone() {
        confirm.dispatch(token);
    }
    let token = StoredValue::new(token);

    let retry = move || {
        if let Some(token) = token.get_value() {
            confirm.dispatch(token);
        }
    };

    view! {
        <AuthCard>
            {move || {
                if token.with_value(Option::is_none) {
                    return view! { <Failed error=None retry=None/> }.into_any();
                }
                if pending.get() {
                    return view! { <Loading text="Confirming your email…"/> }.into_any();
                }
                match confirm.value().get() {
                    None => view! { <Loading text="Confirming your email…"/> }.into_any(),
                    Some(Ok(_)) => view! { <Confirmed/> }.into_any(),
                    Some(Err(error)) => {
                        // A bad token will stay bad; anything else may pass
                        // on a second try.
                        let retry = (!error.has_code(codes::INVALID_TOKEN))
                            .then(|| Callback::new(move |()| retry()));
                        view! { <Failed error=Some(error) retry=retry/> }.into_any()
                    }
                }
            }}
        </AuthCard>
    }
}

#[component]
fn Confirmed() -> impl IntoView {
    view! {
        <h1>"Email confirmed"</h1>
        <p role="status">"Your account is active. Log in to open your dashboard."</p>
        <A href=routes::LOGIN attr:class="button button-primary button-block">"Log in"</A>
    }
}

/// The link did not confirm anything: why, and a way to get a new one.
#[component]
fn Failed(error: Option<ApiError>, retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <h1>"We could not confirm your email"</h1>
        {match error {
            Some(error) => view! { <ErrorAlert error=error/> }.into_any(),
            None => view! {
                <div class="alert alert-error" role="alert">
                    <p>
                        "This confirmation link is incomplete. Open the link from the email "
                        "again, or ask for a new one below."
                    </p>
                </div>
            }
            .into_any(),
        }}
        {retry.map(|retry| view! {
            <button type="button" class="button button-block" on:click=move |_| retry.run(())>
                "Try again"
            </button>
        })}
        <h2 class="section-title">"Get a new confirmation link"</h2>
        <ResendForm/>
        <p class="card-footer">
            "Confirmed already? " <A href=routes::LOGIN>"Log in"</A>
        </p>
    }
}
