//! The link flow as one state machine: which screen is showing, what the end
//! user typed, and the calls that move from one screen to the next.
//!
//! Screens never call the API themselves; they call [`Flow`]'s methods, so
//! every outcome (SCA, redirect, failure, a dead link) is handled once.
//!
//! A link with `sca_token`, `reset_token` or `transaction_token`
//! re-authorises an existing credential: after opening the link the server
//! says which step that needs (the SCA code, or the bank's login form), and
//! the end user cannot switch to another bank.
//!
//! The integrator's theme (the link's `stylesheet`) is loaded before the
//! first screen after "Loading…" is drawn (see [`super::theme`]). A URL
//! with `preview=true` is the dashboard previewing a theme: the bank
//! chooser with the public bank list, and nothing that opens a link or a
//! bank.

use std::collections::BTreeMap;
use std::time::Duration;

use bankport_shared::error::codes;
use bankport_shared::widget::{
    BankFormResponse, ConnectResponse, FieldKindDto, LinkInfoResponse, LoginFieldDto,
    ReauthResponse, flow_codes,
};
use bankport_shared::{BankResponse, paths};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::api;
use super::i18n::{Strings, fill};
use super::params::{LinkParams, Reauth, safe_url};
use super::theme;
use crate::api::ApiError;

/// How long "Connected! Taking you back…" shows before the redirect.
const SUCCESS_DELAY: Duration = Duration::from_millis(800);
/// How long a failure shows before a rollback redirect (long enough to read).
const ROLLBACK_DELAY: Duration = Duration::from_millis(2500);
/// How long a cancellation shows before its redirect (the user asked to go).
const CANCEL_DELAY: Duration = Duration::from_millis(600);
/// After this, a redirect that did not happen (e.g. a custom scheme the
/// browser wants a click for) gets a "Continue" link.
pub const CONTINUE_AFTER: Duration = Duration::from_secs(3);

/// What fills the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Opening the link or loading a bank's form.
    Loading,
    InvalidLink,
    Chooser,
    /// The form in [`Flow::form`].
    Login,
    Sca {
        flow_id: String,
        prompt: String,
    },
    /// Connected; the browser is on its way to `url`.
    Success {
        url: String,
    },
    Error(Failure),
}

/// A failed step, in words for the end user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub title: &'static str,
    pub message: String,
    /// Set with `rollback`: the browser is on its way back to the integrator.
    pub redirect_url: Option<String>,
    pub retry: Retry,
}

/// What "Try again" does after a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retry {
    /// Open the link again.
    Open,
    /// Load this bank's form again.
    Form(String),
    /// Back to the login form, keeping what was typed but passwords.
    Login,
    /// Ask the server again what re-authorising the credential needs (its
    /// SCA flow cannot be answered twice).
    Reauth,
    /// Nothing to retry (e.g. an unknown bank): only "Choose another bank".
    Nothing,
}

/// The widget's state, shared by every screen through the context.
#[derive(Clone, Copy)]
pub struct Flow {
    pub t: &'static Strings,
    params: StoredValue<LinkParams>,
    pub link: RwSignal<Option<LinkInfoResponse>>,
    pub form: RwSignal<Option<BankFormResponse>>,
    /// The bank of a re-authorisation that asks only for the SCA code (no
    /// login form is loaded then).
    reauth_bank: RwSignal<Option<BankResponse>>,
    /// Login field name → what the end user typed.
    pub values: RwSignal<BTreeMap<String, String>>,
    pub screen: RwSignal<Screen>,
    /// What is running, for `#div-progress`; `None` when idle. While set,
    /// the screen's controls are disabled.
    pub busy: RwSignal<Option<String>>,
}

impl Flow {
    pub fn new(t: &'static Strings, params: LinkParams) -> Self {
        Self {
            t,
            params: StoredValue::new(params),
            link: RwSignal::new(None),
            form: RwSignal::new(None),
            reauth_bank: RwSignal::new(None),
            values: RwSignal::new(BTreeMap::new()),
            screen: RwSignal::new(Screen::Loading),
            busy: RwSignal::new(None),
        }
    }

    fn token(self) -> String {
        self.params
            .with_value(|p| p.token.clone())
            .unwrap_or_default()
    }

    fn all_params(self) -> BTreeMap<String, String> {
        self.params.with_value(|p| p.all.clone())
    }

    /// Set when the link re-authorises an existing credential.
    fn reauth(self) -> Option<Reauth> {
        self.params.with_value(|p| p.reauth)
    }

    /// False when the link is about one existing credential (`sca_token`,
    /// `reset_token`, `transaction_token`), or before the bank list has loaded.
    pub fn can_choose_bank(self) -> bool {
        !self
            .params
            .with_value(|p| p.bank_is_fixed() || p.reauth.is_some())
            && self.link.with_untracked(Option::is_some)
    }

    pub fn is_busy(self) -> bool {
        self.busy.with(Option::is_some)
    }

    /// True in the dashboard's theme preview (`preview=true`): the bank
    /// chooser only, and no bank can be opened.
    pub fn is_preview(self) -> bool {
        self.params.with_value(|p| p.preview.is_some())
    }

    /// The first step: a link without a token is dead on arrival (a
    /// preview needs none).
    pub fn start(self) {
        if self
            .params
            .with_value(|p| p.token.is_none() && p.preview.is_none())
        {
            self.screen.set(Screen::InvalidLink);
        } else {
            self.open();
        }
    }

    fn open(self) {
        if self.is_preview() {
            self.open_preview();
            return;
        }
        self.screen.set(Screen::Loading);
        spawn_local(async move {
            match api::open_link(self.token()).await {
                Ok(info) => {
                    let stylesheet = info.stylesheet.clone();
                    self.link.set(Some(info));
                    self.with_theme(stylesheet, move || {
                        if self.reauth().is_some() {
                            self.reauthorise();
                        } else {
                            match self.params.with_value(|p| p.bank.clone()) {
                                Some(bank) => self.choose_bank(bank),
                                None => self.screen.set(Screen::Chooser),
                            }
                        }
                    });
                }
                Err(err) => self.fail_request(err, Retry::Open),
            }
        });
    }

    /// The preview: the public bank list, with the theme of the URL (if
    /// any); no link is opened.
    fn open_preview(self) {
        self.screen.set(Screen::Loading);
        let stylesheet = self.params.with_value(|p| {
            p.preview
                .as_ref()
                .and_then(|preview| preview.theme.as_deref())
                .map(paths::theme_url)
        });
        spawn_local(async move {
            match api::all_banks().await {
                Ok(banks) => {
                    self.link.set(Some(LinkInfoResponse {
                        company_name: None,
                        banks,
                        stylesheet: stylesheet.clone(),
                    }));
                    self.with_theme(stylesheet, move || self.screen.set(Screen::Chooser));
                }
                Err(err) => self.fail_request(err, Retry::Open),
            }
        });
    }

    /// Runs `then` once the theme `stylesheet` has loaded (or failed, or
    /// took too long), at once without one.
    fn with_theme(self, stylesheet: Option<String>, then: impl FnOnce() + 'static) {
        match stylesheet.as_deref().and_then(theme::theme_href) {
            Some(href) => theme::load(&href, then),
            None => then(),
        }
    }

    /// Asks the server what re-authorising the credential needs: only the
    /// SCA code, or logging in again (the `reset_token` that `connect`
    /// sends among the parameters re-authorises instead of creating).
    fn reauthorise(self) {
        self.screen.set(Screen::Loading);
        let params = self.all_params();
        spawn_local(async move {
            match api::reauth(self.token(), params).await {
                Ok(ReauthResponse::Sca { flow, prompt, bank }) => {
                    self.form.set(None);
                    self.reauth_bank.set(Some(bank));
                    self.screen.set(Screen::Sca {
                        flow_id: flow,
                        prompt,
                    });
                }
                Ok(ReauthResponse::Login { bank }) => self.choose_bank(bank),
                // `INVALID_LINK` (a bad token, or no `bank`) shows the dead link.
                Err(err) => self.fail_request(err, Retry::Reauth),
            }
        });
    }

    /// What "Try again" does once a connection's flow is spent (a failed
    /// SCA step, a cancellation): log in again, or, re-authorising, ask the
    /// server again.
    fn retry_spent_flow(self) -> Retry {
        if self.reauth().is_some() {
            Retry::Reauth
        } else {
            Retry::Login
        }
    }

    /// Opens `bank`'s login form (never in a preview, which has no link).
    pub fn choose_bank(self, bank: String) {
        if self.is_preview() {
            return;
        }
        self.screen.set(Screen::Loading);
        spawn_local(async move {
            match api::bank_form(self.token(), bank.clone()).await {
                Ok(form) => {
                    self.values.set(initial_values(&form.fields));
                    self.form.set(Some(form));
                    self.screen.set(Screen::Login);
                }
                // Re-authorising, there is no other bank to choose.
                Err(err) if err.has_code(codes::NOT_FOUND) && self.reauth().is_some() => {
                    let message = self.t.bank_unavailable.to_owned();
                    self.fail(None, message, None, Retry::Reauth);
                }
                Err(err) if err.has_code(codes::NOT_FOUND) => {
                    let message = self.t.bank_not_found.to_owned();
                    self.fail(None, message, None, Retry::Nothing);
                }
                Err(err) => self.fail_request(err, Retry::Form(bank)),
            }
        });
    }

    /// Back to the list, forgetting what was typed.
    pub fn choose_another_bank(self) {
        self.form.set(None);
        self.values.set(BTreeMap::new());
        self.screen.set(Screen::Chooser);
    }

    fn bank_name(self) -> String {
        self.form
            .with_untracked(|f| f.as_ref().map(|f| f.bank.name.clone()))
            .or_else(|| {
                self.reauth_bank
                    .with_untracked(|b| b.as_ref().map(|b| b.name.clone()))
            })
            .unwrap_or_default()
    }

    /// Why a re-authorisation asks for the SCA code, shown above it.
    pub fn sca_reason(self) -> Option<String> {
        let template = match self.reauth()? {
            Reauth::Sca => self.t.sca_again,
            Reauth::Transaction => self.t.sca_older_transactions,
            Reauth::Reset => return None,
        };
        Some(fill(template, &self.bank_name()))
    }

    /// Sends the (already checked) login form.
    pub fn connect(self) {
        let Some(bank) = self
            .form
            .with_untracked(|f| f.as_ref().map(|f| f.bank.id.clone()))
        else {
            return;
        };
        self.busy
            .set(Some(fill(self.t.connecting_to, &self.bank_name())));
        let fields = self.values.get_untracked();
        let params = self.all_params();
        spawn_local(async move {
            let outcome = api::connect(self.token(), bank, fields, params).await;
            self.settle(outcome, Retry::Login);
        });
    }

    /// Sends the SCA code.
    pub fn verify(self, flow_id: String, code: String) {
        self.busy
            .set(Some(fill(self.t.connecting_to, &self.bank_name())));
        spawn_local(async move {
            let outcome = api::answer_sca(flow_id, code).await;
            self.settle(outcome, self.retry_spent_flow());
        });
    }

    /// The end user gives up: the server says whether to go back to the
    /// integrator (rollback) or stay.
    pub fn cancel(self) {
        self.busy.set(Some(self.t.cancelling.to_owned()));
        let params = self.all_params();
        spawn_local(async move {
            let outcome = api::abort(self.token(), params).await;
            self.busy.set(None);
            let redirect_url = match outcome {
                Err(err) if err.has_code(flow_codes::INVALID_LINK) => {
                    self.screen.set(Screen::InvalidLink);
                    return;
                }
                Ok(ConnectResponse::Failed { redirect_url, .. }) => redirect_url,
                Ok(ConnectResponse::Redirect { url }) => Some(url),
                _ => None,
            };
            if redirect_url.is_none() && self.can_choose_bank() {
                self.choose_another_bank();
            } else {
                let code = flow_codes::ABORTED_BY_USER.to_owned();
                let retry = self.retry_spent_flow();
                self.fail(Some(code), String::new(), redirect_url, retry);
            }
        });
    }

    /// "Try again" on the error screen.
    pub fn retry(self, retry: Retry) {
        match retry {
            Retry::Open => self.open(),
            Retry::Form(bank) => self.choose_bank(bank),
            Retry::Reauth => self.reauthorise(),
            Retry::Login => {
                self.forget_passwords();
                self.screen.set(Screen::Login);
            }
            Retry::Nothing => {}
        }
    }

    fn forget_passwords(self) {
        let passwords: Vec<String> = self.form.with_untracked(|form| {
            form.iter()
                .flat_map(|f| &f.fields)
                .filter(|f| f.kind == FieldKindDto::Password)
                .map(|f| f.name.clone())
                .collect()
        });
        self.values.update(|values| {
            for name in &passwords {
                values.remove(name);
            }
        });
    }

    /// Moves on after a connect or SCA call; `retry` is what "Try again"
    /// does if it failed.
    fn settle(self, outcome: Result<ConnectResponse, ApiError>, retry: Retry) {
        self.busy.set(None);
        match outcome {
            Ok(ConnectResponse::ScaRequired { flow, prompt }) => self.screen.set(Screen::Sca {
                flow_id: flow,
                prompt,
            }),
            Ok(ConnectResponse::Redirect { url }) => match safe_url(&url) {
                Some(url) => {
                    navigate_after(url.to_owned(), SUCCESS_DELAY);
                    self.screen.set(Screen::Success {
                        url: url.to_owned(),
                    });
                }
                // Never sent by Bankport; refuse rather than run script.
                None => self.fail(None, self.t.network.to_owned(), None, retry),
            },
            Ok(ConnectResponse::Failed {
                code,
                message,
                redirect_url,
            }) => self.fail(Some(code), message, redirect_url, retry),
            Err(err) => self.fail_request(err, retry),
        }
    }

    fn fail_request(self, err: ApiError, retry: Retry) {
        // No code: the server never answered (or not in JSON), so the
        // message is this browser's English; say it in the page's language.
        let message = match err.code {
            Some(_) => err.message,
            None => self.t.network.to_owned(),
        };
        self.fail(err.code, message, None, retry);
    }

    /// Shows a failure in plain words; with a rollback URL, also goes back
    /// to the integrator after a moment.
    fn fail(
        self,
        code: Option<String>,
        server_message: String,
        redirect_url: Option<String>,
        retry: Retry,
    ) {
        let code = code.unwrap_or_default();
        if code == flow_codes::INVALID_LINK {
            self.screen.set(Screen::InvalidLink);
            return;
        }
        let t = self.t;
        let known = match code.as_str() {
            flow_codes::INVALID_CREDENTIALS => Some(t.invalid_credentials),
            flow_codes::INVALID_SCA => Some(t.invalid_sca),
            flow_codes::CREDENTIALS_ALREADY_EXIST => Some(t.already_exist),
            flow_codes::INTERNAL_ERROR => Some(t.bank_unavailable),
            flow_codes::ABORTED_BY_USER => Some(t.aborted),
            codes::TOO_MANY_ATTEMPTS => Some(t.too_many_attempts),
            _ => None,
        };
        let message = known.map_or(server_message, str::to_owned);
        let aborted = code == flow_codes::ABORTED_BY_USER;
        let redirect_url = redirect_url.and_then(|url| safe_url(&url).map(str::to_owned));
        if let Some(url) = &redirect_url {
            let delay = if aborted {
                CANCEL_DELAY
            } else {
                ROLLBACK_DELAY
            };
            navigate_after(url.clone(), delay);
        }
        self.screen.set(Screen::Error(Failure {
            title: if aborted {
                t.cancelled_title
            } else {
                t.error_title
            },
            message,
            redirect_url,
            retry,
        }));
    }
}

/// Every field starts empty but selects, which start on their first option.
fn initial_values(fields: &[LoginFieldDto]) -> BTreeMap<String, String> {
    fields
        .iter()
        .filter_map(|f| Some((f.name.clone(), f.options.first()?.value.clone())))
        .collect()
}

/// Sends this window (popup, iframe or tab) to `url` after `delay`,
/// replacing the widget in history so "Back" cannot resubmit it.
fn navigate_after(url: String, delay: Duration) {
    set_timeout(
        move || {
            if let Some(window) = web_sys::window() {
                let _ = window.location().replace(&url);
            }
        },
        delay,
    );
}

/// The HTML id of the input for the login field `name`.
pub fn field_id(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("input-{safe}")
}

/// Moves keyboard focus to the first element matching `selector`.
pub fn focus(selector: &str) {
    if let Some(element) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// [`focus`], once the change being made has been drawn.
pub fn focus_after_render(selector: &'static str) {
    request_animation_frame(move || focus(selector));
}
