//! The bank chooser: search as you type, one tile per bank.

use bankport_shared::BankResponse;
use leptos::prelude::*;

use crate::api;

#[component]
pub fn BankChooser() -> impl IntoView {
    let banks = LocalResource::new(api::fetch_banks);
    let (query, set_query) = signal(String::new());

    view! {
        <section id="div-select-bank" class="widget-panel" aria-labelledby="title-select-bank">
            <h1 id="title-select-bank" class="widget-title">"Select your bank"</h1>
            <label for="input-search-bank" class="visually-hidden">"Search your bank"</label>
            <input
                id="input-search-bank"
                class="search"
                type="search"
                placeholder="Search your bank"
                autocomplete="off"
                spellcheck="false"
                prop:value=query
                on:input=move |ev| set_query.set(event_target_value(&ev))
            />
            <Transition fallback=|| view! { <p class="status" aria-busy="true">"Loading banks…"</p> }>
                {move || Suspend::new(async move {
                    match banks.await {
                        Ok(list) => view! { <BankList banks=list query=query/> }.into_any(),
                        Err(err) => view! {
                            <div class="status status-error" role="alert">
                                <p>"We could not load the list of banks. " {err.message}</p>
                                <button class="button" on:click=move |_| banks.refetch()>"Try again"</button>
                            </div>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn BankList(banks: Vec<BankResponse>, query: ReadSignal<String>) -> impl IntoView {
    let banks = StoredValue::new(banks);
    let visible = move || {
        let q = query.get();
        banks.with_value(|all| {
            all.iter()
                .filter(|b| b.matches(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || visible().len();

    view! {
        <p class="visually-hidden" aria-live="polite">
            {move || match count() {
                1 => "1 bank".to_owned(),
                n => format!("{n} banks"),
            }}
        </p>
        <Show
            when=move || { count() > 0 }
            fallback=move || view! {
                <p class="status empty">"No bank matches “" {move || query.get()} "”."</p>
            }
        >
            <ul class="bank-list" aria-label="Banks">
                <For each=visible key=|bank| bank.id.clone() let:bank>
                    <li>
                        <button id="bank-box" class="bank-box" type="button" data-bank-id=bank.id.clone()>
                            <img id="bank-img" class="bank-img" src=bank.logo_url.clone() alt="" width="40" height="40"/>
                            <span class="bank-name">{bank.name.clone()}</span>
                            <span class="bank-country">{bank.country.clone()}</span>
                        </button>
                    </li>
                </For>
            </ul>
        </Show>
    }
}
