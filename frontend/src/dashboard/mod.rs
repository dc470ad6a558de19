//! The integrators' dashboard: a single-page app under `/`.
//!
//! Public pages (landing, sign-up, log-in, email confirmation, password
//! reset) share a brand-only frame; `/apps`, `/apps/:id`, `/users` and
//! `/custom-css` sit in the dashboard shell behind the session guard. The session is loaded
//! once, here, before anything routes.

mod components;
mod landing;
mod pages;
pub mod routes;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{A, ParentRoute, Route, Router, Routes};
use leptos_router::path;

use components::page::set_title;
use components::shell::{DashboardLayout, PublicFrame, PublicLayout};
use landing::Landing;
use pages::{
    app::AppPage, apps::AppsPage, confirm::ConfirmPage, custom_css::CustomCssPage,
    forgot_password::ForgotPasswordPage, login::LoginPage, reset_password::ResetPasswordPage,
    signup::SignupPage, users::UsersPage,
};

/// The dashboard's router and frames.
#[component]
pub fn App() -> impl IntoView {
    session::provide_session();
    view! {
        <Router>
            <Routes fallback=NotFound>
                // Both layouts match no path of their own: each holds the
                // pages that share its frame.
                <ParentRoute path=path!("") view=PublicLayout>
                    <Route path=path!("/") view=Landing/>
                    <Route path=path!("/signup") view=SignupPage/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/confirm") view=ConfirmPage/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage/>
                </ParentRoute>
                <ParentRoute path=path!("") view=DashboardLayout>
                    <Route path=path!("/apps") view=AppsPage/>
                    <Route path=path!("/apps/:id") view=AppPage/>
                    <Route path=path!("/users") view=UsersPage/>
                    <Route path=path!("/custom-css") view=CustomCssPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    set_title("Page not found");
    view! {
        <PublicFrame>
            <section class="card narrow">
                <h1>"Page not found"</h1>
                <p>"There is nothing at this address."</p>
                <A href="/">"Back to the start"</A>
            </section>
        </PublicFrame>
    }
}
