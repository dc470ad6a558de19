//! Background work every instance runs. State lives in the database and
//! every claim is a conditional update, so any number of instances may run
//! the same job, and a restart loses nothing.

pub mod delayed_checks;
pub mod extraction;
