//! Entry point of the link widget that end users open.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bankport_frontend::widget::Widget);
}
