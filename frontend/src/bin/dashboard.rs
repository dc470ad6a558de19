//! Entry point of the integrators' dashboard.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bankport_frontend::dashboard::App);
}
