//! `/users`: the end users who connected a bank. The table comes later; for
//! now the page says what will appear here.

use leptos::prelude::*;

use crate::dashboard::components::page::set_title;

#[component]
pub fn UsersPage() -> impl IntoView {
    set_title("Users");
    view! {
        <header class="page-header">
            <h1>"Users"</h1>
        </header>
        <section class="empty-state" aria-label="No users">
            <p>
                "When your end users connect their bank through one of your links, their "
                "credentials_token appears here."
            </p>
        </section>
    }
}
