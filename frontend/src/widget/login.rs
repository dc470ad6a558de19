//! The bank's login form: one labelled input per field the bank asks for,
//! labelled exactly as the bank labels it.
//!
//! Values are bound as properties (`prop:value`), never attributes, so no
//! stylesheet (integrators upload their own) can select on what is typed.

use std::collections::BTreeMap;

use bankport_shared::widget::{FieldKindDto, LoginFieldDto};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::flow::{Flow, field_id, focus};
use super::i18n::fill;
use super::screens::Progress;

/// Field name → "Fill in <label>." for the fields left empty.
type Errors = RwSignal<BTreeMap<String, String>>;

#[component]
pub fn LoginForm() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = flow.t;
    let Some(form) = flow.form.get_untracked() else {
        return ().into_any();
    };
    let errors: Errors = RwSignal::new(BTreeMap::new());
    let busy = move || flow.is_busy();

    let fields = form.fields.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if flow.busy.with_untracked(Option::is_some) {
            return;
        }
        let missing: BTreeMap<String, String> = flow.values.with_untracked(|values| {
            fields
                .iter()
                .filter(|f| values.get(&f.name).is_none_or(|v| v.trim().is_empty()))
                .map(|f| (f.name.clone(), fill(t.fill_in, &f.label)))
                .collect()
        });
        let first = fields.iter().find(|f| missing.contains_key(&f.name));
        match first {
            Some(field) => {
                focus(&format!("#{}", field_id(&field.name)));
                errors.set(missing);
            }
            None => {
                errors.set(missing);
                flow.connect();
            }
        }
    };

    let change_bank = flow.can_choose_bank().then(|| {
        view! {
            <button
                id="button-change-bank"
                class="widget-link-button"
                type="button"
                on:click=move |_| flow.choose_another_bank()
            >
                {t.choose_another_bank}
            </button>
        }
    });

    view! {
        <section id="div-login" class="widget-panel" aria-labelledby="title-login">
            <h1 id="title-login" class="widget-title widget-bank-title" tabindex="-1">
                <img class="bank-img" src=form.bank.logo_url.clone() alt="" width="40" height="40"/>
                <span>{fill(t.log_in_to, &form.bank.name)}</span>
            </h1>
            <form id="form-login" class="widget-form" novalidate on:submit=on_submit>
                <fieldset class="widget-fieldset" disabled=busy>
                    {form
                        .fields
                        .into_iter()
                        .map(|field| view! { <LoginField field errors/> })
                        .collect_view()}
                    <button id="button-connect" class="button button-primary widget-button-block" type="submit">
                        {t.connect}
                    </button>
                    <div class="widget-actions">
                        {change_bank}
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
            <p id="text-security-note" class="widget-note">{t.security_note}</p>
            {form.help.clone().map(|help| view! { <p id="text-bank-help" class="widget-note widget-help">{help}</p> })}
        </section>
    }
    .into_any()
}

/// One input (or select), its label, and its "Fill in …" message.
#[component]
fn LoginField(field: LoginFieldDto, errors: Errors) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let LoginFieldDto {
        name,
        label,
        kind,
        options,
    } = field;
    let id = field_id(&name);
    let error_id = id.replacen("input-", "error-", 1);

    let name = StoredValue::new(name);
    let error = move || errors.with(|e| name.with_value(|n| e.get(n).cloned()));
    let has_error = move || errors.with(|e| name.with_value(|n| e.contains_key(n)));
    let value = move || {
        flow.values
            .with(|v| name.with_value(|n| v.get(n).cloned()))
            .unwrap_or_default()
    };
    let on_change = move |ev| {
        let typed = event_target_value(&ev);
        name.with_value(|n| {
            flow.values.update(|v| {
                v.insert(n.clone(), typed);
            });
            if errors.with_untracked(|e| e.contains_key(n)) {
                errors.update(|e| {
                    e.remove(n);
                });
            }
        });
    };
    let described_by = {
        let error_id = error_id.clone();
        move || has_error().then(|| error_id.clone())
    };
    let invalid = move || has_error().then_some("true");

    let control = match kind {
        FieldKindDto::Select => view! {
            <select
                id=id.clone()
                class="widget-input"
                name=name.get_value()
                required
                aria-invalid=invalid
                aria-describedby=described_by
                on:change=on_change
            >
                {options
                    .into_iter()
                    .map(|option| {
                        let selected = {
                            let chosen = option.value.clone();
                            move || value() == chosen
                        };
                        view! {
                            <option value=option.value prop:selected=selected>
                                {option.label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        FieldKindDto::Text | FieldKindDto::Password => view! {
            <input
                id=id.clone()
                class="widget-input"
                type=if kind == FieldKindDto::Password { "password" } else { "text" }
                name=name.get_value()
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                required
                aria-invalid=invalid
                aria-describedby=described_by
                prop:value=value
                on:input=on_change
            />
        }
        .into_any(),
    };

    view! {
        <div class="widget-field">
            <label class="widget-label" for=id>{label}</label>
            {control}
            {move || {
                error()
                    .map(|message| {
                        view! {
                            <p id=error_id.clone() class="widget-field-error" role="alert">{message}</p>
                        }
                    })
            }}
        </div>
    }
}
