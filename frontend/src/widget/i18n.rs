//! The widget's words in English and Spanish, chosen from the browser's
//! language. Bank field labels are not here: they come from the bank as-is.
//!
//! The English texts of labels and buttons are part of the UI contract
//! (PRODUCT.md §8): people, screen readers and tests find things by them.
//! A `{}` in a text is filled by [`fill`].

/// Every text the widget shows, in one language.
#[derive(Debug)]
pub struct Strings {
    /// BCP 47 tag for `<html lang>`.
    pub lang: &'static str,
    pub page_title: &'static str,
    pub loading: &'static str,
    pub secured_by: &'static str,

    pub select_bank: &'static str,
    pub search_bank: &'static str,
    /// "{company} uses Bankport…".
    pub company_uses: &'static str,
    pub banks: &'static str,
    pub one_bank: &'static str,
    pub n_banks: &'static str,
    pub no_match: &'static str,
    /// Said when a bank is chosen in the dashboard's theme preview.
    pub preview_note: &'static str,

    pub log_in_to: &'static str,
    pub connect: &'static str,
    pub choose_another_bank: &'static str,
    pub cancel: &'static str,
    pub fill_in: &'static str,
    pub security_note: &'static str,
    pub connecting_to: &'static str,
    pub cancelling: &'static str,
    pub taking_you_back: &'static str,

    pub verify_title: &'static str,
    /// Above the code when a link re-authorises with `sca_token`: "{bank} asks…".
    pub sca_again: &'static str,
    /// Above the code when a link re-authorises with `transaction_token`.
    pub sca_older_transactions: &'static str,
    pub code: &'static str,
    pub verify: &'static str,

    pub connected: &'static str,
    pub continue_: &'static str,

    pub error_title: &'static str,
    pub cancelled_title: &'static str,
    pub try_again: &'static str,
    pub invalid_credentials: &'static str,
    pub invalid_sca: &'static str,
    pub already_exist: &'static str,
    pub bank_unavailable: &'static str,
    /// Too many refused log-ins or codes through this link from here.
    pub too_many_attempts: &'static str,
    pub aborted: &'static str,
    pub bank_not_found: &'static str,
    pub network: &'static str,

    pub invalid_link_title: &'static str,
    pub invalid_link: &'static str,
}

pub static EN: Strings = Strings {
    lang: "en",
    page_title: "Connect your bank",
    loading: "Loading…",
    secured_by: "Secured by Bankport",

    select_bank: "Select your bank",
    search_bank: "Search your bank",
    company_uses: "{} uses Bankport to connect your bank.",
    banks: "Banks",
    one_bank: "1 bank",
    n_banks: "{} banks",
    no_match: "No bank matches “{}”.",
    preview_note: "Preview: banks cannot be opened here.",

    log_in_to: "Log in to {}",
    connect: "Connect",
    choose_another_bank: "Choose another bank",
    cancel: "Cancel",
    fill_in: "Fill in {}.",
    security_note: "Your credentials are encrypted and sent only to your bank.",
    connecting_to: "Connecting to {}…",
    cancelling: "Cancelling…",
    taking_you_back: "Taking you back…",

    verify_title: "Verify it's you",
    sca_again: "{} asks you to confirm it's you again.",
    sca_older_transactions: "{} must confirm it's you before sharing your older transactions.",
    code: "Code",
    verify: "Verify",

    connected: "Connected! Taking you back…",
    continue_: "Continue",

    error_title: "We could not connect your bank",
    cancelled_title: "Connection cancelled",
    try_again: "Try again",
    invalid_credentials: "The bank did not accept these credentials. Check them and try again.",
    invalid_sca: "That code was not accepted. Try connecting again.",
    already_exist: "This bank login is already connected.",
    bank_unavailable: "The bank is not available right now. Try again later.",
    too_many_attempts: "Too many attempts. Wait a few minutes, then try again.",
    aborted: "You cancelled the connection.",
    bank_not_found: "This bank is not available. Choose another bank.",
    network: "Cannot reach Bankport. Check your connection and try again.",

    invalid_link_title: "This link cannot be used",
    invalid_link: bankport_shared::widget::INVALID_LINK_MESSAGE,
};

pub static ES: Strings = Strings {
    lang: "es",
    page_title: "Conecta tu banco",
    loading: "Cargando…",
    secured_by: "Protegido por Bankport",

    select_bank: "Selecciona tu banco",
    search_bank: "Busca tu banco",
    company_uses: "{} usa Bankport para conectar tu banco.",
    banks: "Bancos",
    one_bank: "1 banco",
    n_banks: "{} bancos",
    no_match: "Ningún banco coincide con “{}”.",
    preview_note: "Vista previa: aquí no se pueden abrir los bancos.",

    log_in_to: "Inicia sesión en {}",
    connect: "Conectar",
    choose_another_bank: "Elegir otro banco",
    cancel: "Cancelar",
    fill_in: "Rellena el campo {}.",
    security_note: "Tus credenciales se cifran y se envían solo a tu banco.",
    connecting_to: "Conectando con {}…",
    cancelling: "Cancelando…",
    taking_you_back: "Te estamos redirigiendo…",

    verify_title: "Confirma que eres tú",
    sca_again: "{} te pide que confirmes de nuevo que eres tú.",
    sca_older_transactions: "{} tiene que confirmar que eres tú antes de compartir tus movimientos más antiguos.",
    code: "Código",
    verify: "Verificar",

    connected: "¡Conectado! Te estamos redirigiendo…",
    continue_: "Continuar",

    error_title: "No hemos podido conectar tu banco",
    cancelled_title: "Conexión cancelada",
    try_again: "Reintentar",
    invalid_credentials: "El banco no ha aceptado estas credenciales. Revísalas e inténtalo de nuevo.",
    invalid_sca: "No se ha aceptado ese código. Vuelve a intentar la conexión.",
    already_exist: "Este acceso bancario ya está conectado.",
    bank_unavailable: "El banco no está disponible ahora mismo. Inténtalo más tarde.",
    too_many_attempts: "Demasiados intentos. Espera unos minutos y vuelve a intentarlo.",
    aborted: "Has cancelado la conexión.",
    bank_not_found: "Este banco no está disponible. Elige otro banco.",
    network: "No podemos contactar con Bankport. Comprueba tu conexión e inténtalo de nuevo.",

    invalid_link_title: "Este enlace no se puede usar",
    invalid_link: "Enlace no válido, genera uno nuevo.",
};

/// Spanish for browsers that prefer it, English for everyone else.
pub fn for_language(language: &str) -> &'static Strings {
    if language.trim().to_ascii_lowercase().starts_with("es") {
        &ES
    } else {
        &EN
    }
}

/// The browser's choice (`navigator.language`).
pub fn detect() -> &'static Strings {
    let language = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    for_language(&language)
}

/// Sets `<html lang>` and the tab's title, so screen readers pronounce the
/// page in the language it is written in.
pub fn apply_to_document(t: &Strings) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", t.lang);
        }
        document.set_title(t.page_title);
    }
}

/// `template` with its `{}` replaced by `value`.
pub fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_browsers_get_spanish_and_everyone_else_english() {
        assert_eq!(for_language("es-ES").lang, "es");
        assert_eq!(for_language("ES").lang, "es");
        assert_eq!(for_language("en-GB").lang, "en");
        assert_eq!(for_language("pt-PT").lang, "en");
        assert_eq!(for_language("").lang, "en");
    }

    #[test]
    fn the_contract_words_are_exact_in_english() {
        assert_eq!(EN.select_bank, "Select your bank");
        assert_eq!(EN.search_bank, "Search your bank");
        assert_eq!(EN.connect, "Connect");
        assert_eq!(EN.code, "Code");
        assert_eq!(EN.verify, "Verify");
        assert_eq!(EN.try_again, "Try again");
        assert_eq!(fill(EN.log_in_to, "Banco X"), "Log in to Banco X");
        assert_eq!(fill(EN.fill_in, "Username"), "Fill in Username.");
    }
}
