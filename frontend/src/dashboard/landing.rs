//! The page anonymous visitors land on; logged-in visitors go to their apps.

use leptos::prelude::*;
use leptos_router::components::A;

use super::components::guard::AnonymousOnly;
use super::routes;

#[component]
pub fn Landing() -> impl IntoView {
    document().set_title("Bankport");
    view! {
        <AnonymousOnly>
            <section class="hero">
                <h1>"Connect your users' bank accounts"</h1>
                <p class="lead">
                    "Bankport gives your app a secure link your users open to connect their bank, "
                    "and a JSON API to read their accounts, transactions and investments."
                </p>
                <div class="actions">
                    <A href=routes::SIGNUP attr:class="button button-primary">"Sign up"</A>
                    <A href=routes::LOGIN attr:class="button">"Log in"</A>
                </div>
            </section>
        </AnonymousOnly>
    }
}
