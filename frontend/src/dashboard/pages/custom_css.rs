//! `/custom-css`: restyling the link widget. Uploading comes later; for now
//! the page says what it is for.

use leptos::prelude::*;

use crate::dashboard::components::page::set_title;

#[component]
pub fn CustomCssPage() -> impl IntoView {
    set_title("Custom CSS");
    view! {
        <header class="page-header">
            <h1>"Custom CSS"</h1>
        </header>
        <p class="page-lead">"Restyle the link widget your end users see."</p>
    }
}
