//! The page frames: the public one (brand only) around the landing and
//! account pages, and the dashboard shell around logged-in pages, with its
//! navigation (**Apps**, **Users**, **Custom CSS**) and account menu
//! (company, email, **Log out**).

use bankport_shared::error::codes;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_navigate;

use super::form::ErrorAlert;
use super::guard::RequireSession;
use crate::api;
use crate::dashboard::routes;
use crate::dashboard::session::use_session;

/// The frame of pages anyone may see: a top bar with the brand, then the page.
#[component]
pub fn PublicFrame(children: Children) -> impl IntoView {
    view! {
        <header class="topbar">
            <a href=routes::HOME class="brand">"Bankport"</a>
        </header>
        <main class="page">{children()}</main>
    }
}

/// Route view for the public pages (nested routes render in the outlet).
#[component]
pub fn PublicLayout() -> impl IntoView {
    view! {
        <PublicFrame>
            <Outlet/>
        </PublicFrame>
    }
}

/// Route view for the logged-in pages: the guard, then the shell.
#[component]
pub fn DashboardLayout() -> impl IntoView {
    view! {
        <RequireSession>
            <DashboardShell/>
        </RequireSession>
    }
}

#[component]
fn DashboardShell() -> impl IntoView {
    view! {
        <header class="topbar topbar-app">
            // A plain link: `<A>` would also mark the brand as the current page.
            <a href=routes::APPS class="brand">"Bankport"</a>
            <nav class="main-nav" aria-label="Dashboard">
                <ul>
                    <li><A href=routes::APPS>"Apps"</A></li>
                    <li><A href=routes::USERS>"Users"</A></li>
                    <li><A href=routes::CUSTOM_CSS>"Custom CSS"</A></li>
                </ul>
            </nav>
            <AccountMenu/>
        </header>
        <main class="page">
            <Outlet/>
        </main>
    }
}

/// A disclosure: the company's name opens a panel with the email and
/// **Log out**. Escape or a click elsewhere closes it.
#[component]
fn AccountMenu() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let menu = NodeRef::<html::Div>::new();
    let toggle = NodeRef::<html::Button>::new();

    let company = move || {
        session
            .me()
            .map(|me| {
                if me.company.trim().is_empty() {
                    me.email
                } else {
                    me.company
                }
            })
            .unwrap_or_default()
    };
    let email = move || session.me().map(|me| me.email).unwrap_or_default();

    let logout = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let result = match api::auth::logout().await {
                // Already logged out elsewhere (or expired): the same outcome.
                Err(error) if error.has_code(codes::UNAUTHENTICATED) => Ok(()),
                other => other,
            };
            if result.is_ok() {
                open.set(false);
                // Leave first, so the guard of the page being left does not
                // add it as `next` to the log-in page.
                navigate(routes::LOGIN, Default::default());
                session.log_out();
            }
            result
        }
    });
    let pending = logout.pending();

    let close_on_outside_click = window_event_listener(ev::click, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = match (menu.get_untracked(), ev.target()) {
            (Some(menu), Some(target)) => target
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|node| menu.contains(Some(node))),
            _ => false,
        };
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || close_on_outside_click.remove());

    let on_keydown = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    };

    view! {
        <div class="account-menu" node_ref=menu on:keydown=on_keydown>
            <button
                type="button"
                class="account-toggle"
                node_ref=toggle
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="account-menu-panel"
                on:click=move |_| open.update(|open| *open = !*open)
            >
                <span class="account-company">{company}</span>
            </button>
            <Show when=move || open.get()>
                <div id="account-menu-panel" class="account-panel">
                    <p class="account-label">"Logged in as"</p>
                    <p class="account-email">{email}</p>
                    <button
                        type="button"
                        class="button button-block"
                        disabled=move || pending.get()
                        aria-busy=move || pending.get().then_some("true")
                        on:click=move |_| {
                            logout.dispatch(());
                        }
                    >
                        {move || if pending.get() { "Logging out…" } else { "Log out" }}
                    </button>
                    {move || {
                        logout
                            .value()
                            .get()
                            .and_then(Result::err)
                            .map(|error| view! { <ErrorAlert error=error/> })
                    }}
                </div>
            </Show>
        </div>
    }
}
