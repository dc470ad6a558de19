//! The page anonymous visitors land on.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Landing() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Connect your users' bank accounts"</h1>
            <p class="lead">
                "Bankport gives your app a secure link your users open to connect their bank, "
                "and a JSON API to read their accounts, transactions and investments."
            </p>
            <div class="actions">
                <A href="/signup" attr:class="button button-primary">"Sign up"</A>
                <A href="/login" attr:class="button">"Log in"</A>
            </div>
        </section>
    }
}
