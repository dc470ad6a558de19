//! Pieces the dashboard's pages share: forms, frames, guards, the page title.

pub mod form;
pub mod guard;
pub mod page;
pub mod resend;
pub mod shell;
