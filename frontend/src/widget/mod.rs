//! The link widget: what an end user sees after opening `/link?token=…`.
//! They choose their bank, log in, pass SCA when the bank asks, and go back
//! to the integrator's redirect URI with a `code`. A link carrying
//! `sca_token`, `reset_token` or `transaction_token` re-authorises an
//! existing credential instead: only the SCA step, or only that bank's
//! login form.
//!
//! Element ids (`#background`, `#div-select-bank`, …) are a documented
//! contract: integrators style them with custom CSS and tests find them, so
//! they never change. The default look hangs on classes only.
//!
//! | screen | ids |
//! |---|---|
//! | page | `#background` |
//! | loading | `#div-loading` |
//! | bank chooser | `#div-select-bank`, `#title-select-bank`, `#text-company`, `#input-search-bank`, `#bank-box`, `#bank-img` |
//! | login form | `#div-login`, `#title-login`, `#form-login`, `#input-<field name>`, `#error-<field name>`, `#button-connect`, `#button-change-bank`, `#button-cancel`, `#text-security-note` |
//! | progress | `#div-progress` |
//! | SCA step | `#div-sca`, `#title-sca`, `#text-sca-reason` (re-authorising only), `#text-sca-prompt`, `#form-sca`, `#input-sca`, `#error-sca`, `#button-verify`, `#button-cancel` |
//! | success | `#div-success`, `#title-success`, `#link-continue` |
//! | error | `#div-error`, `#title-error`, `#text-error`, `#button-try-again`, `#button-change-bank`, `#link-continue` |
//! | invalid link | `#div-invalid-link`, `#title-invalid-link` |
//!
//! The integrator's theme (`LinkInfoResponse::stylesheet`) is added as a
//! `<link>` after the widget's own stylesheets (see `theme`). With
//! `preview=true[&theme=<hash>]` and no token, the widget is the Custom CSS
//! page's preview: the bank chooser only, with the public bank list, and
//! choosing a bank does nothing.
//!
//! The widget binary must stay small: nothing here may use `crate::dashboard`.

mod api;
mod bank_chooser;
mod flow;
mod i18n;
mod login;
mod params;
mod sca;
mod screens;
mod theme;

use leptos::prelude::*;

use bank_chooser::BankChooser;
use flow::{Flow, Screen, focus_after_render};
use login::LoginForm;
pub use params::{LinkParams, Preview, Reauth};
use sca::ScaStep;
use screens::{ErrorScreen, InvalidLink, Loading, Success};

/// The whole widget.
#[component]
pub fn Widget() -> impl IntoView {
    let t = i18n::detect();
    i18n::apply_to_document(t);
    let flow = Flow::new(t, LinkParams::from_location());
    provide_context(flow);
    flow.start();

    // A new screen: its heading takes focus, so screen readers say where
    // the end user is (the first screen keeps the browser's own focus).
    // Not in a preview: framed in the dashboard, it would take the focus
    // away from the page around it.
    Effect::new(move |seen: Option<()>| {
        flow.screen.track();
        if seen.is_some() && !flow.is_preview() {
            focus_after_render("#background h1");
        }
    });
    // Work started: the disabled button lost focus; the progress message
    // takes it and is read out.
    Effect::new(move |_| {
        if flow.is_busy() {
            focus_after_render("#div-progress");
        }
    });

    view! {
        <main id="background" class="widget">
            {move || match flow.screen.get() {
                Screen::Loading => view! { <Loading/> }.into_any(),
                Screen::InvalidLink => view! { <InvalidLink/> }.into_any(),
                Screen::Chooser => view! { <BankChooser/> }.into_any(),
                Screen::Login => view! { <LoginForm/> }.into_any(),
                Screen::Sca { flow_id, prompt } => view! { <ScaStep flow_id prompt/> }.into_any(),
                Screen::Success { url } => view! { <Success url/> }.into_any(),
                Screen::Error(failure) => view! { <ErrorScreen failure/> }.into_any(),
            }}
            <footer class="widget-footer">{t.secured_by}</footer>
        </main>
    }
}
