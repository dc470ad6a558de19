//! Who is logged in: loaded once from `GET /api/auth/me` when the dashboard
//! starts, then updated by logging in and out, and shared as context.
//!
//! The cookie itself is HttpOnly, so this is the page's only view of the
//! session; guards and the shell read it, pages never call `/me` again.

use bankport_shared::account::MeResponse;
use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};

/// What the dashboard knows about the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// `GET /api/auth/me` has not answered yet.
    Loading,
    /// Nobody is logged in (or the server could not say who is).
    Anonymous,
    LoggedIn(MeResponse),
}

/// [`SessionState`] without the account, so views that only branch on it
/// are not rebuilt when the account's details change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Loading,
    Anonymous,
    LoggedIn,
}

/// The session context: cheap to copy into closures.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
    status: Memo<SessionStatus>,
}

impl Session {
    fn new(state: RwSignal<SessionState>) -> Self {
        let status = Memo::new(move |_| match &*state.read() {
            SessionState::Loading => SessionStatus::Loading,
            SessionState::Anonymous => SessionStatus::Anonymous,
            SessionState::LoggedIn(_) => SessionStatus::LoggedIn,
        });
        Self { state, status }
    }

    /// Loading, anonymous or logged in (reactive).
    pub fn status(&self) -> SessionStatus {
        self.status.get()
    }

    /// The logged-in account, if any (reactive).
    pub fn me(&self) -> Option<MeResponse> {
        match &*self.state.read() {
            SessionState::LoggedIn(me) => Some(me.clone()),
            _ => None,
        }
    }

    /// Records a successful log-in.
    pub fn log_in(&self, me: MeResponse) {
        self.state.set(SessionState::LoggedIn(me));
    }

    /// Forgets the account, after the server ended the session.
    pub fn log_out(&self) {
        self.state.set(SessionState::Anonymous);
    }

    /// After a call failed: when the server no longer knows this session
    /// (it expired, or the person logged out in another tab), forget it, so
    /// the guard sends the person to log in and back to this page.
    pub fn end_if_unauthenticated(&self, error: &ApiError) {
        if error.has_code(codes::UNAUTHENTICATED) {
            self.state.try_set(SessionState::Anonymous);
        }
    }
}

/// Creates the session context and asks the server, once, who is logged in.
pub fn provide_session() -> Session {
    let state = RwSignal::new(SessionState::Loading);
    let session = Session::new(state);
    provide_context(session);
    spawn_local(async move {
        // Any failure (401, but also a network error or a 5xx) leaves the
        // visitor anonymous: guarded pages then offer the log-in form, which
        // reports connection problems in words.
        let loaded = match api::auth::me().await {
            Ok(me) => SessionState::LoggedIn(me),
            Err(_) => SessionState::Anonymous,
        };
        // Only settle the initial state: never overwrite a log-in that
        // happened while `/me` was on its way.
        state.update(|current| {
            if *current == SessionState::Loading {
                *current = loaded;
            }
        });
    });
    session
}

/// The session context; [`provide_session`] must have run in an ancestor.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
