//! Pieces the dashboard's pages share: forms, frames, guards, the page title,
//! server reads, the modal dialog and the Copy button.

pub mod confirm;
pub mod copy;
pub mod form;
pub mod guard;
pub mod modal;
pub mod page;
pub mod remote;
pub mod resend;
pub mod shell;
