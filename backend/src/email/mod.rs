//! Outgoing email: what we send (`templates`), how it reaches people
//! (`Mailer`: real SMTP through lettre, or `.eml` files for development), and
//! the outbox worker that sends after the database commit and retries.

pub mod outbox;
pub mod templates;

use std::path::PathBuf;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::outbox::OutgoingEmail;

/// How email leaves the server.
#[derive(Clone)]
pub enum Mailer {
    /// Real SMTP (`BANKPORT_SMTP_URL`).
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// Development default: each message becomes an `.eml` file, and its
    /// first link is logged, so whoever runs Bankport locally can click it.
    Files { dir: PathBuf, from: Mailbox },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
            Self::Files { dir, from } => write!(f, "Mailer::Files({}, from {from})", dir.display()),
        }
    }
}

impl Mailer {
    /// Builds the mailer from configuration. Fails on a malformed SMTP URL.
    pub fn new(
        smtp_url: Option<&str>,
        from: Mailbox,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => Ok(Self::Smtp {
                transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("BANKPORT_SMTP_URL is not a valid SMTP URL")?
                    .build(),
                from,
            }),
            None => Ok(Self::Files {
                dir: data_dir.join("mail"),
                from,
            }),
        }
    }

    /// Sends one email; an error means "try again later".
    pub async fn send(&self, email: &OutgoingEmail) -> anyhow::Result<()> {
        let from = match self {
            Self::Smtp { from, .. } | Self::Files { from, .. } => from.clone(),
        };
        let to: Mailbox = email
            .recipient
            .parse()
            .with_context(|| "the recipient address is not deliverable".to_string())?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(&email.subject)
            .multipart(MultiPart::alternative_plain_html(
                email.text_body.clone(),
                email.html_body.clone(),
            ))
            .context("building the message")?;

        match self {
            Self::Smtp { transport, .. } => {
                transport
                    .send(message)
                    .await
                    .context("SMTP delivery failed")?;
            }
            Self::Files { dir, .. } => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .context("creating the mail folder")?;
                let path = dir.join(format!("{}.eml", email.id));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .with_context(|| format!("writing {}", path.display()))?;
                // Development transport only: show the link, since no mail leaves.
                let link = email
                    .text_body
                    .split_whitespace()
                    .find(|w| w.starts_with("http://") || w.starts_with("https://"))
                    .unwrap_or("(no link)");
                tracing::info!(
                    to = %email.recipient,
                    subject = %email.subject,
                    file = %path.display(),
                    "email written to a file (no BANKPORT_SMTP_URL); its link: {link}"
                );
            }
        }
        Ok(())
    }
}
