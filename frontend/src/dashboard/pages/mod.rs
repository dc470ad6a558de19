//! One module per dashboard page, named after its path.

pub mod app;
pub mod apps;
pub mod confirm;
pub mod custom_css;
pub mod forgot_password;
pub mod login;
pub mod reset_password;
pub mod signup;
pub mod users;
