//! `/apps`: the account's apps. Creating and managing them comes later; for
//! now the page says what an app is and that there are none.

use leptos::prelude::*;

use crate::dashboard::components::page::set_title;

#[component]
pub fn AppsPage() -> impl IntoView {
    set_title("Apps");
    view! {
        <header class="page-header">
            <h1>"Apps"</h1>
        </header>
        <section class="empty-state" aria-label="No apps">
            <p>
                "An app holds the CLIENT_ID and CLIENT_SECRET your servers use to call the "
                "Bankport API, its redirect URIs and its links. You have no apps yet."
            </p>
        </section>
    }
}
