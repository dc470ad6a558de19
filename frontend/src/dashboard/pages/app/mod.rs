//! `/apps/:id`: one app. The heading is its name; below it, one section per
//! concern: **Credentials**, **Redirect URIs**, **Links**, **Link builder**
//! and **Danger zone**. Each section loads and writes on its own, so a slow
//! or failed list never hides the others.

mod builder;
mod credentials;
mod danger;
mod links;
mod redirect_uris;

use bankport_shared::app::{AppResponse, LinkResponse, RedirectUriResponse};
use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::dashboard::components::page::{LoadFailed, Loading, set_title};
use crate::dashboard::components::remote::{LoadStatus, Remote};
use crate::dashboard::routes;

/// What the sections of one app's page share: the app (its secret hint
/// changes on rotation) and the two lists the link sections read.
#[derive(Clone, Copy)]
struct AppContext {
    id: StoredValue<String>,
    app: Remote<AppResponse>,
    uris: Remote<Vec<RedirectUriResponse>>,
    links: Remote<Vec<LinkResponse>>,
}

impl AppContext {
    fn id(&self) -> String {
        self.id.get_value()
    }
}

#[component]
pub fn AppPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    // A new page for each app: nothing typed for one app leaks into another.
    move || {
        let id = id.get();
        view! { <AppDetail id=id/> }
    }
}

#[component]
fn AppDetail(id: String) -> impl IntoView {
    set_title("App");
    let app = {
        let id = id.clone();
        Remote::new(move || {
            let id = id.clone();
            async move { api::apps::get_app(&id).await }
        })
    };
    Effect::new(move |_| {
        if let Some(name) = app.with_data(|app| app.map(|app| app.name.clone())) {
            set_title(&name);
        }
    });

    view! {
        <nav class="back-nav" aria-label="Breadcrumb">
            <A href=routes::APPS attr:class="back-link">"All apps"</A>
        </nav>
        {move || match app.status() {
            LoadStatus::Loading => view! { <Loading text="Loading the app…"/> }.into_any(),
            LoadStatus::Failed => {
                let error = app.error();
                if error.as_ref().is_some_and(|error| error.has_code(codes::NOT_FOUND)) {
                    set_title("App not found");
                    return view! {
                        <header class="page-header">
                            <h1>"App not found"</h1>
                        </header>
                        <p>
                            "There is no app at this address in your account. It may have been "
                            "deleted."
                        </p>
                        <A href=routes::APPS attr:class="button">"All apps"</A>
                    }
                    .into_any();
                }
                let retry = Callback::new(move |()| app.reload());
                view! {
                    <header class="page-header">
                        <h1>"App"</h1>
                    </header>
                    {error.map(|error| view! { <LoadFailed error=error retry=retry/> })}
                }
                .into_any()
            }
            LoadStatus::Ready => {
                let id = id.clone();
                view! { <AppSections id=id app=app/> }.into_any()
            }
        }}
    }
}

#[component]
fn AppSections(id: String, app: Remote<AppResponse>) -> impl IntoView {
    let uris = {
        let id = id.clone();
        Remote::new(move || {
            let id = id.clone();
            async move { api::apps::list_redirect_uris(&id).await }
        })
    };
    let links = {
        let id = id.clone();
        Remote::new(move || {
            let id = id.clone();
            async move { api::apps::list_links(&id).await }
        })
    };
    let context = AppContext {
        id: StoredValue::new(id),
        app,
        uris,
        links,
    };
    let name = move || app.with_data(|app| app.map(|app| app.name.clone()).unwrap_or_default());

    view! {
        <header class="page-header">
            <h1 class="break-anywhere">{name}</h1>
        </header>
        <div class="app-sections">
            <credentials::Credentials context=context/>
            <redirect_uris::RedirectUris context=context/>
            <links::Links context=context/>
            <builder::LinkBuilder context=context/>
            <danger::DangerZone context=context/>
        </div>
    }
}
