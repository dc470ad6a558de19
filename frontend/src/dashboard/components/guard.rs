//! Who may see a page: [`RequireSession`] for the dashboard proper,
//! [`AnonymousOnly`] for the pages that make no sense once logged in.
//!
//! Both wait for the session to load (showing "Loading…") rather than guess,
//! and redirect by replacing the history entry, so Back does not bounce the
//! person straight into the same redirect again.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use super::page::Loading;
use crate::dashboard::routes;
use crate::dashboard::session::{SessionStatus, use_session};

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    }
}

/// Shows `children` to a logged-in person; sends anyone else to the log-in
/// page with `next` set to the page they asked for.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    move || match session.status() {
        SessionStatus::Loading => view! {
            <main class="page">
                <Loading/>
            </main>
        }
        .into_any(),
        SessionStatus::Anonymous => {
            let path = location.pathname.get_untracked();
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            };
            view! { <Redirect path=routes::login_with_next(&here) options=replace()/> }.into_any()
        }
        SessionStatus::LoggedIn => children().into_any(),
    }
}

/// Shows `children` to anonymous visitors; sends a logged-in person to
/// `redirect_to` (the dashboard, or where the log-in was asked to return).
#[component]
pub fn AnonymousOnly(
    #[prop(into, default = Signal::stored(routes::AFTER_LOGIN.to_owned()))] redirect_to: Signal<
        String,
    >,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    move || match session.status() {
        SessionStatus::Loading => view! { <Loading/> }.into_any(),
        SessionStatus::Anonymous => children().into_any(),
        SessionStatus::LoggedIn => {
            view! { <Redirect path=redirect_to.get_untracked() options=replace()/> }.into_any()
        }
    }
}
