//! A real SMTP server for tests.
//!
//! The protocol is `mailin`'s (a maintained SMTP state machine); this crate
//! only wires it to tokio sockets and keeps what arrives. Tests point
//! Bankport's `BANKPORT_SMTP_URL` at [`SmtpSink::url`], then wait for messages
//! and read links out of their decoded bodies. [`SmtpSink::stop`] and
//! [`SmtpSink::start_on`] simulate an outage on a fixed port.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin::{Action, Handler, Response, SessionBuilder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One message as received.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`).
    pub from: String,
    /// The envelope recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// The raw message, headers and body, as sent over the wire.
    pub raw: Vec<u8>,
}

impl ReceivedMail {
    /// The decoded `Subject:` header.
    pub fn subject(&self) -> String {
        self.parsed()
            .and_then(|m| m.subject().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The decoded plain-text body (first text part).
    pub fn text(&self) -> String {
        self.parsed()
            .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
            .unwrap_or_default()
    }

    /// The decoded HTML body (first HTML part).
    pub fn html(&self) -> String {
        self.parsed()
            .and_then(|m| m.body_html(0).map(|t| t.into_owned()))
            .unwrap_or_default()
    }

    /// The first URL in the text body that starts with `prefix`.
    pub fn link_starting_with(&self, prefix: &str) -> Option<String> {
        let text = self.text();
        let start = text.find(prefix)?;
        let link: String = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '"' | '<' | ')'))
            .collect();
        Some(link)
    }

    fn parsed(&self) -> Option<mail_parser::Message<'_>> {
        mail_parser::MessageParser::default().parse(&self.raw)
    }
}

#[derive(Default)]
struct Mailbox {
    messages: Mutex<Vec<ReceivedMail>>,
    arrived: Notify,
}

/// A running SMTP server that accepts everything.
pub struct SmtpSink {
    addr: SocketAddr,
    mailbox: Arc<Mailbox>,
    server: Option<JoinHandle<()>>,
}

impl SmtpSink {
    /// Starts on a random loopback port.
    pub async fn start() -> io::Result<Self> {
        Self::start_with(SocketAddr::from(([127, 0, 0, 1], 0)), Arc::default()).await
    }

    /// Starts again on the port of a stopped sink, keeping its mailbox.
    pub async fn start_on(previous: &SmtpSink) -> io::Result<Self> {
        Self::start_with(previous.addr, previous.mailbox.clone()).await
    }

    async fn start_with(addr: SocketAddr, mailbox: Arc<Mailbox>) -> io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let inbox = mailbox.clone();
        let server = tokio::spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            // Aborting this task drops the listener and every connection task.
            while let Ok((stream, peer)) = listener.accept().await {
                connections.spawn(serve(stream, peer.ip(), inbox.clone()));
            }
        });
        Ok(Self {
            addr,
            mailbox,
            server: Some(server),
        })
    }

    /// `smtp://127.0.0.1:<port>`, for `BANKPORT_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Stops accepting connections; the port is free until [`start_on`](Self::start_on).
    pub async fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
            let _ = server.await;
        }
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.mailbox.messages.lock().expect("mailbox lock").clone()
    }

    /// Waits up to `timeout` for a message to `recipient` (the `n`-th one,
    /// counting from 0), and returns it.
    pub async fn wait_for_nth(
        &self,
        recipient: &str,
        n: usize,
        timeout: Duration,
    ) -> Option<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.mailbox.arrived.notified();
            let found = self
                .messages()
                .into_iter()
                .filter(|m| m.to.iter().any(|to| to.eq_ignore_ascii_case(recipient)))
                .nth(n);
            if found.is_some() {
                return found;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return None;
            }
        }
    }

    /// Waits for the first message to `recipient`.
    pub async fn wait_for(&self, recipient: &str, timeout: Duration) -> Option<ReceivedMail> {
        self.wait_for_nth(recipient, 0, timeout).await
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// Collects one connection's messages.
struct Collector {
    mailbox: Arc<Mailbox>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail = ReceivedMail {
            from: std::mem::take(&mut self.from),
            to: std::mem::take(&mut self.to),
            raw: std::mem::take(&mut self.data),
        };
        self.mailbox
            .messages
            .lock()
            .expect("mailbox lock")
            .push(mail);
        self.mailbox.arrived.notify_waiters();
        mailin::response::OK
    }
}

async fn serve(stream: TcpStream, peer: IpAddr, mailbox: Arc<Mailbox>) {
    let collector = Collector {
        mailbox,
        from: String::new(),
        to: Vec::new(),
        data: Vec::new(),
    };
    let mut session = SessionBuilder::new("bankport-smtp-sink").build(peer, collector);
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    if send(&mut write, &session.greeting()).await.is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => continue,
            Action::Close => {
                let _ = send(&mut write, &response).await;
                return;
            }
            Action::Reply | Action::UpgradeTls => {
                if send(&mut write, &response).await.is_err() {
                    return;
                }
            }
        }
    }
}

async fn send(write: &mut tokio::net::tcp::OwnedWriteHalf, response: &Response) -> io::Result<()> {
    let bytes = response.buffer()?;
    write.write_all(&bytes).await?;
    write.flush().await
}
