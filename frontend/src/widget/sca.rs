//! The SCA step: the bank sent a one-time code; the end user types it in.
//! When a link re-authorises an existing credential, a sentence above the
//! bank's prompt says why the bank asks again.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::flow::{Flow, focus};
use super::i18n::fill;
use super::screens::Progress;

#[component]
pub fn ScaStep(flow_id: String, prompt: String) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = flow.t;
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = move || flow.is_busy();
    let reason = flow
        .sca_reason()
        .map(|reason| view! { <p id="text-sca-reason" class="widget-lead">{reason}</p> });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if flow.busy.with_untracked(Option::is_some) {
            return;
        }
        let typed = code.with_untracked(|c| c.trim().to_owned());
        if typed.is_empty() {
            error.set(Some(fill(t.fill_in, t.code)));
            focus("#input-sca");
        } else {
            error.set(None);
            flow.verify(flow_id.clone(), typed);
        }
    };

    view! {
        <section id="div-sca" class="widget-panel" aria-labelledby="title-sca">
            <h1 id="title-sca" class="widget-title" tabindex="-1">{t.verify_title}</h1>
            {reason}
            <p id="text-sca-prompt" class="widget-lead">{prompt}</p>
            <form id="form-sca" class="widget-form" novalidate on:submit=on_submit>
                <fieldset class="widget-fieldset" disabled=busy>
                    <div class="widget-field">
                        <label class="widget-label" for="input-sca">{t.code}</label>
                        <input
                            id="input-sca"
                            class="widget-input widget-code"
                            type="text"
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            spellcheck="false"
                            required
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            aria-describedby=move || error.with(Option::is_some).then_some("error-sca")
                            prop:value=code
                            on:input=move |ev| {
                                code.set(event_target_value(&ev));
                                if error.with_untracked(Option::is_some) {
                                    error.set(None);
                                }
                            }
                        />
                        {move || {
                            error
                                .get()
                                .map(|message| {
                                    view! {
                                        <p id="error-sca" class="widget-field-error" role="alert">{message}</p>
                                    }
                                })
                        }}
                    </div>
                    <button id="button-verify" class="button button-primary widget-button-block" type="submit">
                        {t.verify}
                    </button>
                    <div class="widget-actions">
                        <button
                            id="button-cancel"
                            class="widget-link-button"
                            type="button"
                            on:click=move |_| flow.cancel()
                        >
                            {t.cancel}
                        </button>
                    </div>
                </fieldset>
            </form>
            <Progress/>
        </section>
    }
}
