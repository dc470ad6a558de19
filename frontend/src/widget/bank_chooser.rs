//! The bank chooser: search as you type, one tile (a button) per bank the
//! link offers. Up and Down move between the search box and the tiles. In
//! the dashboard's theme preview a tile only says that banks cannot be
//! opened there.

use bankport_shared::BankResponse;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::flow::Flow;
use super::i18n::fill;

#[component]
pub fn BankChooser() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = flow.t;
    let (banks, company) = flow
        .link
        .with_untracked(|link| {
            link.as_ref()
                .map(|l| (l.banks.clone(), l.company_name.clone()))
        })
        .unwrap_or_default();
    let company = company.filter(|c| !c.trim().is_empty()).map(
        |c| view! { <p id="text-company" class="widget-lead">{fill(t.company_uses, c.trim())}</p> },
    );
    let (query, set_query) = signal(String::new());
    let list = NodeRef::<html::Ul>::new();
    // A bank was chosen in the preview.
    let tried = RwSignal::new(false);
    let preview_note = flow.is_preview().then(|| {
        view! {
            <p class="widget-note widget-preview-note" role="status">
                {move || tried.get().then_some(t.preview_note)}
            </p>
        }
    });

    let on_search_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "ArrowDown" {
            ev.prevent_default();
            move_focus(list, 1);
        }
    };

    view! {
        <section id="div-select-bank" class="widget-panel" aria-labelledby="title-select-bank">
            <h1 id="title-select-bank" class="widget-title" tabindex="-1">{t.select_bank}</h1>
            {company}
            <label for="input-search-bank" class="visually-hidden">{t.search_bank}</label>
            <input
                id="input-search-bank"
                class="search"
                type="search"
                placeholder=t.search_bank
                autocomplete="off"
                spellcheck="false"
                prop:value=query
                on:input=move |ev| set_query.set(event_target_value(&ev))
                on:keydown=on_search_keydown
            />
            <BankList banks query list tried/>
            {preview_note}
        </section>
    }
}

#[component]
fn BankList(
    banks: Vec<BankResponse>,
    query: ReadSignal<String>,
    list: NodeRef<html::Ul>,
    tried: RwSignal<bool>,
) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let t = flow.t;
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
    let count = Memo::new(move |_| visible().len());

    let on_keydown = move |ev: KeyboardEvent| {
        let step = match ev.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            _ => return,
        };
        ev.prevent_default();
        move_focus(list, step);
    };

    view! {
        <p class="visually-hidden" aria-live="polite">
            {move || match count.get() {
                1 => t.one_bank.to_owned(),
                n => fill(t.n_banks, &n.to_string()),
            }}
        </p>
        <Show
            when=move || { count.get() > 0 }
            fallback=move || view! {
                <p class="status empty">{move || fill(t.no_match, &query.get())}</p>
            }
        >
            <ul class="bank-list" aria-label=t.banks node_ref=list on:keydown=on_keydown>
                <For
                    each=visible
                    key=|bank| bank.id.clone()
                    children=move |bank| {
                        let id = bank.id.clone();
                        view! {
                            <li>
                                <button
                                    id="bank-box"
                                    class="bank-box"
                                    type="button"
                                    data-bank-id=bank.id
                                    on:click=move |_| {
                                        if flow.is_preview() {
                                            tried.set(true);
                                        } else {
                                            flow.choose_bank(id.clone());
                                        }
                                    }
                                >
                                    <img id="bank-img" class="bank-img" src=bank.logo_url alt="" width="40" height="40"/>
                                    <span class="bank-name">{bank.name}</span>
                                    <span class="bank-country">{bank.country}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

/// Moves focus `step` tiles down (or up) from the focused one; up from the
/// first tile goes back to the search box, down from the search box goes
/// to the first tile.
fn move_focus(list: NodeRef<html::Ul>, step: i32) {
    let Some(list) = list.get_untracked() else {
        return;
    };
    let Ok(tiles) = list.query_selector_all(".bank-box") else {
        return;
    };
    let tiles: Vec<web_sys::HtmlElement> = (0..tiles.length())
        .filter_map(|i| tiles.item(i)?.dyn_into().ok())
        .collect();
    let active = document().active_element();
    let current = tiles
        .iter()
        .position(|tile| active.as_ref() == Some(tile.unchecked_ref::<web_sys::Element>()));
    let target = match (current, step) {
        (None, _) => tiles.first().cloned(),
        (Some(0), s) if s < 0 => document()
            .get_element_by_id("input-search-bank")
            .and_then(|e| e.dyn_into().ok()),
        (Some(i), s) => {
            let next = (i as i64 + i64::from(s)).clamp(0, tiles.len() as i64 - 1);
            tiles.get(next as usize).cloned()
        }
    };
    if let Some(target) = target {
        let _ = target.focus();
    }
}
