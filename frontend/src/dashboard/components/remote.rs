//! Data a page reads from the server: loading, loaded or failed, reloadable,
//! and editable in place after a write (so a row keeps its focus when the
//! server answers, instead of the whole list being rebuilt).
//!
//! An `UNAUTHENTICATED` answer ends the session, which sends the person to
//! log in and back, as the guard does.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::dashboard::session::{Session, use_session};

/// What the page has of one read.
#[derive(Debug, Clone)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// [`Load`] without the data, so views that only branch on it are not
/// rebuilt when the data changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed,
}

type Fetch<T> = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>>>;

/// One server read, started when created. Cheap to copy into closures.
pub struct Remote<T: Send + Sync + 'static> {
    state: RwSignal<Load<T>>,
    status: Memo<LoadStatus>,
    fetch: StoredValue<Fetch<T>, LocalStorage>,
    /// Number of the latest request: an older answer arriving late is dropped.
    latest: StoredValue<u64>,
    session: Session,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Clone + Send + Sync + 'static> Remote<T> {
    /// Starts loading with `fetch`, which [`Remote::reload`] calls again.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let state = RwSignal::new(Load::Loading);
        let status = Memo::new(move |_| match &*state.read() {
            Load::Loading => LoadStatus::Loading,
            Load::Ready(_) => LoadStatus::Ready,
            Load::Failed(_) => LoadStatus::Failed,
        });
        let fetch: Fetch<T> = Rc::new(move || Box::pin(fetch()));
        let remote = Self {
            state,
            status,
            fetch: StoredValue::new_local(fetch),
            latest: StoredValue::new(0),
            session: use_session(),
        };
        remote.reload();
        remote
    }

    /// Asks the server again. Data already shown stays on screen until the
    /// answer replaces it; otherwise the page shows its loading state.
    pub fn reload(&self) {
        let request = self.latest.get_value() + 1;
        self.latest.set_value(request);
        if self.status.get_untracked() != LoadStatus::Ready {
            self.state.set(Load::Loading);
        }
        let future = self.fetch.with_value(|fetch| fetch());
        let Self {
            state,
            latest,
            session,
            ..
        } = *self;
        spawn_local(async move {
            let result = future.await;
            // The page was left, or a newer request is on its way.
            if latest.try_get_value() != Some(request) {
                return;
            }
            match result {
                Ok(data) => {
                    state.try_set(Load::Ready(data));
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    state.try_set(Load::Failed(error));
                }
            }
        });
    }

    /// Loading, ready or failed (reactive).
    pub fn status(&self) -> LoadStatus {
        self.status.get()
    }

    /// The loaded data, if any (reactive).
    pub fn data(&self) -> Option<T> {
        match &*self.state.read() {
            Load::Ready(data) => Some(data.clone()),
            _ => None,
        }
    }

    /// Reads part of the loaded data without cloning it all (reactive).
    pub fn with_data<U>(&self, read: impl FnOnce(Option<&T>) -> U) -> U {
        self.state.with(|state| match state {
            Load::Ready(data) => read(Some(data)),
            _ => read(None),
        })
    }

    /// The loaded data, if any, without subscribing (for a form's initial
    /// choice, or an event handler).
    pub fn data_untracked(&self) -> Option<T> {
        match &*self.state.read_untracked() {
            Load::Ready(data) => Some(data.clone()),
            _ => None,
        }
    }

    /// The error of a failed load, if any (reactive).
    pub fn error(&self) -> Option<ApiError> {
        match &*self.state.read() {
            Load::Failed(error) => Some(error.clone()),
            _ => None,
        }
    }

    /// Replaces what is shown with `data`, the server's answer to a write
    /// (even if the first read failed or is still on its way: that older
    /// answer is then dropped).
    pub fn set(&self, data: T) {
        // `try_`: the answer may arrive after the page was left.
        self.latest.try_update_value(|latest| *latest += 1);
        self.state.try_set(Load::Ready(data));
    }

    /// Changes the loaded data in place, after a write the server accepted.
    /// Does nothing while nothing is loaded.
    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.state.try_update(|state| {
            if let Load::Ready(data) = state {
                change(data);
            }
        });
    }
}
