//! The integrators' dashboard: a single-page app under `/`.

mod landing;

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use landing::Landing;

/// The dashboard's router and frame.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="topbar">
                <A href="/" attr:class="brand">"Bankport"</A>
            </header>
            <main class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <A href="/">"Back to the start"</A>
        </section>
    }
}
