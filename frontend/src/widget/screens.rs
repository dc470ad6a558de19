//! The small screens: loading, progress, success, failure and a dead link.

use leptos::prelude::*;

use super::flow::{CONTINUE_AFTER, Failure, Flow, Retry};

/// While the link or a bank's form loads.
#[component]
pub fn Loading() -> impl IntoView {
    let t = expect_context::<Flow>().t;
    view! {
        <section id="div-loading" class="widget-panel widget-center" role="status" aria-live="polite">
            <span class="widget-spinner" aria-hidden="true"></span>
            <p class="widget-status-text">{t.loading}</p>
        </section>
    }
}

/// "Connecting to <bank>…" while a call runs (inside the login and SCA
/// panels, whose controls are disabled meanwhile).
#[component]
pub fn Progress() -> impl IntoView {
    let flow = expect_context::<Flow>();
    move || {
        flow.busy.get().map(|message| {
            view! {
                <div id="div-progress" class="widget-progress" role="status" aria-live="polite" tabindex="-1">
                    <span class="widget-spinner" aria-hidden="true"></span>
                    <span>{message}</span>
                </div>
            }
        })
    }
}

/// Shown when the link cannot be used (no token, unknown, paused, deleted).
#[component]
pub fn InvalidLink() -> impl IntoView {
    let t = expect_context::<Flow>().t;
    view! {
        <section id="div-invalid-link" class="widget-panel" role="alert">
            <h1 id="title-invalid-link" class="widget-title" tabindex="-1">{t.invalid_link_title}</h1>
            <p>{t.invalid_link}</p>
        </section>
    }
}

/// Connected; the flow already sends the browser to `url`.
#[component]
pub fn Success(url: String) -> impl IntoView {
    let t = expect_context::<Flow>().t;
    view! {
        <section id="div-success" class="widget-panel widget-center" aria-labelledby="title-success">
            <span class="widget-done" aria-hidden="true"></span>
            <h1 id="title-success" class="widget-title" tabindex="-1">{t.connected}</h1>
            <ContinueLink url/>
        </section>
    }
}

/// A failure in plain words, with "Try again" and "Choose another bank";
/// or, with a rollback URL, "Taking you back…".
#[component]
pub fn ErrorScreen(failure: Failure) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = flow.t;
    let Failure {
        title,
        message,
        redirect_url,
        retry,
    } = failure;

    let next = match redirect_url {
        Some(url) => view! {
            <p class="widget-status-text">{t.taking_you_back}</p>
            <ContinueLink url/>
        }
        .into_any(),
        None => {
            let try_again = (retry != Retry::Nothing).then(|| {
                view! {
                    <button
                        id="button-try-again"
                        class="button button-primary widget-button-block"
                        type="button"
                        on:click=move |_| flow.retry(retry.clone())
                    >
                        {t.try_again}
                    </button>
                }
            });
            let change_bank = flow.can_choose_bank().then(|| {
                view! {
                    <button
                        id="button-change-bank"
                        class="button widget-button-block"
                        type="button"
                        on:click=move |_| flow.choose_another_bank()
                    >
                        {t.choose_another_bank}
                    </button>
                }
            });
            view! { <div class="widget-buttons">{try_again} {change_bank}</div> }.into_any()
        }
    };

    view! {
        <section id="div-error" class="widget-panel" aria-labelledby="title-error">
            <h1 id="title-error" class="widget-title" tabindex="-1">{title}</h1>
            <p id="text-error" class="status-error widget-error" role="alert">{message}</p>
            {next}
        </section>
    }
}

/// A plain link to `url`, shown only if the automatic redirect has not
/// happened after a while (some browsers and web views open custom schemes
/// such as `myapp://` only on a click).
#[component]
fn ContinueLink(url: String) -> impl IntoView {
    let t = expect_context::<Flow>().t;
    let shown = RwSignal::new(false);
    set_timeout(
        move || {
            shown.try_set(true);
        },
        CONTINUE_AFTER,
    );
    move || {
        shown.get().then(|| {
            view! {
                <a id="link-continue" class="button button-primary widget-button-block" href=url.clone()>
                    {t.continue_}
                </a>
            }
        })
    }
}
