//! The emails Bankport sends, each with a text and an HTML body.

/// A rendered email.
#[derive(Debug, Clone)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_page(
    heading: &str,
    paragraphs: &[String],
    button: Option<(&str, &str)>,
    footer: &str,
) -> String {
    let mut body = String::new();
    for p in paragraphs {
        body.push_str(&format!(r#"<p style="margin:0 0 16px">{}</p>"#, escape(p)));
    }
    if let Some((label, href)) = button {
        body.push_str(&format!(
            r#"<p style="margin:24px 0"><a href="{href}" style="background:#174ea6;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">{label}</a></p><p style="margin:0 0 16px;color:#5b6675;font-size:14px">Or paste this address into your browser:<br><span style="word-break:break-all">{href}</span></p>"#,
            href = escape(href),
            label = escape(label),
        ));
    }
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body style="margin:0;background:#f5f7fb;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c2430"><div style="max-width:560px;margin:0 auto;padding:32px 16px"><p style="font-weight:800;color:#174ea6;font-size:20px;margin:0 0 24px">Bankport</p><div style="background:#ffffff;border:1px solid #d9dee7;border-radius:10px;padding:24px"><h1 style="font-size:22px;margin:0 0 16px">{title}</h1>{body}</div><p style="color:#5b6675;font-size:13px;margin:16px 0 0">{footer}</p></div></body></html>"#,
        title = escape(heading),
        body = body,
        footer = escape(footer),
    )
}

const IGNORE: &str = "If you did not ask for this, you can ignore this email.";

/// Sent after sign-up: the link confirms the address (valid 24 hours).
pub fn confirm_account(company: &str, link: &str) -> Email {
    let intro = format!(
        "Welcome to Bankport! Confirm your email address to activate the account of {company}."
    );
    let expiry = "The link works once and expires in 24 hours.".to_owned();
    Email {
        subject: "Confirm your Bankport account".into(),
        text: format!("{intro}\n\nOpen this link to confirm:\n{link}\n\n{expiry}\n\n{IGNORE}\n"),
        html: html_page(
            "Confirm your email",
            &[intro, expiry],
            Some(("Confirm my email", link)),
            IGNORE,
        ),
    }
}

/// Sent when someone signs up with an address that already has an account:
/// the owner learns of it, the person signing up learns nothing.
pub fn already_registered(login_link: &str, reset_link: &str) -> Email {
    let intro = "Someone (perhaps you) tried to sign up for Bankport with this email address, which already has an account.".to_owned();
    let forgot = format!("Forgot your password? Reset it here: {reset_link}");
    Email {
        subject: "You already have a Bankport account".into(),
        text: format!("{intro}\n\nLog in here:\n{login_link}\n\n{forgot}\n\n{IGNORE}\n"),
        html: html_page(
            "You already have an account",
            &[intro, forgot],
            Some(("Log in", login_link)),
            IGNORE,
        ),
    }
}

/// Sent on "Forgot password?" (valid 1 hour).
pub fn reset_password(link: &str) -> Email {
    let intro = "We received a request to reset the password of your Bankport account.".to_owned();
    let expiry = "The link works once and expires in 1 hour. Resetting your password logs you out everywhere.".to_owned();
    Email {
        subject: "Reset your Bankport password".into(),
        text: format!(
            "{intro}\n\nOpen this link to choose a new password:\n{link}\n\n{expiry}\n\n{IGNORE}\n"
        ),
        html: html_page(
            "Reset your password",
            &[intro, expiry],
            Some(("Choose a new password", link)),
            IGNORE,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_carry_the_link_and_html_escapes_what_people_typed() {
        let email = confirm_account("<Acme & Co>", "https://bp.example/confirm?token=abc");
        assert!(email.text.contains("https://bp.example/confirm?token=abc"));
        assert!(email.html.contains("&lt;Acme &amp; Co&gt;"));
        assert!(!email.html.contains("<Acme"));
    }
}
