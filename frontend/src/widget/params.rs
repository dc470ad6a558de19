//! The widget's URL: the link token, the optional `bank`, whether it
//! re-authorises an existing credential, and every other query parameter,
//! which the widget forwards untouched (the server decides which are
//! reserved and which are the integrator's `extra`). `preview=true` without
//! a token is the dashboard's preview of a theme instead: no link at all.

use std::collections::BTreeMap;

use bankport_shared::css::is_theme_hash;

/// Parameters the widget reads from its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkParams {
    pub token: Option<String>,
    /// `bank=<id>`: skip the chooser and open this bank's login form.
    pub bank: Option<String>,
    /// Set when the link re-authorises an existing credential instead of
    /// connecting a new one.
    pub reauth: Option<Reauth>,
    /// Set by `preview=true` on a URL without `token`: show the bank
    /// chooser only, to preview a theme; no link is opened and no bank can
    /// be. (A link's own `preview` parameter is the integrator's `extra`.)
    pub preview: Option<Preview>,
    /// Every query parameter, decoded (the first of repeated names wins).
    pub all: BTreeMap<String, String>,
}

/// `/link?preview=true[&theme=<hash>]`, what the dashboard's Custom CSS
/// page frames (see `bankport_shared::css::preview_url`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// The theme to show: a hash that passes `is_theme_hash`. Anything else
    /// is ignored, leaving the default look.
    pub theme: Option<String>,
}

/// Why a link re-authorises an existing credential: which of its tokens
/// (`sca_token`, `reset_token`, `transaction_token`) the URL carries. The
/// server checks the token; this only picks what the widget says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reauth {
    /// `sca_token`: the bank asks for SCA again.
    Sca,
    /// `reset_token`: the bank blocked access; log in again.
    Reset,
    /// `transaction_token`: SCA before older transactions are fetched.
    Transaction,
}

impl Reauth {
    /// The query parameter of each kind, in the order they are looked for
    /// when a URL (oddly) carries more than one.
    const PARAMS: [(&'static str, Self); 3] = [
        ("sca_token", Self::Sca),
        ("reset_token", Self::Reset),
        ("transaction_token", Self::Transaction),
    ];
}

impl LinkParams {
    /// Reads the current page's query string.
    pub fn from_location() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        Self::parse(&search)
    }

    /// Parses a query string (with or without its leading `?`) as
    /// `application/x-www-form-urlencoded`, like `URLSearchParams` does.
    pub fn parse(search: &str) -> Self {
        let mut all = BTreeMap::new();
        for pair in search.trim_start_matches('?').split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name);
            if !name.is_empty() {
                all.entry(name).or_insert_with(|| decode(value));
            }
        }
        let get = |name: &str| {
            all.get(name)
                .map(|v: &String| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let reauth = Reauth::PARAMS
            .iter()
            .find(|(name, _)| get(name).is_some())
            .map(|&(_, kind)| kind);
        let token = get("token");
        let preview = get("preview")
            .filter(|value| token.is_none() && value.eq_ignore_ascii_case("true"))
            .map(|_| Preview {
                theme: get("theme").filter(|hash| is_theme_hash(hash)),
            });
        Self {
            token,
            bank: get("bank"),
            reauth,
            preview,
            all,
        }
    }

    /// True when the link is about one existing credential of one bank
    /// (`sca_token` or `transaction_token` with `bank`): the end user may not
    /// switch to another bank.
    pub fn bank_is_fixed(&self) -> bool {
        let set = |name: &str| self.all.get(name).is_some_and(|v| !v.trim().is_empty());
        self.bank.is_some() && (set("sca_token") || set("transaction_token"))
    }
}

/// Percent-decodes one query component (`+` is a space); invalid UTF-8
/// becomes U+FFFD, as in browsers.
fn decode(component: &str) -> String {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = match bytes[i] {
            b'+' => b' ',
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(high), Some(low)) => {
                    i += 2;
                    (high << 4) | low
                }
                _ => b'%',
            },
            other => other,
        };
        out.push(byte);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// `url` when the browser may be sent there: anything but a scheme that
/// runs script or inlines content. The server only hands out registered
/// redirect URIs; this is a second lock on the door.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme: String = url
        .split(':')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let dangerous = ["javascript", "data", "vbscript", "blob", "file"];
    (!url.is_empty() && !dangerous.contains(&scheme.as_str())).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_kept_and_decoded() {
        let p = LinkParams::parse(
            "?token=%20abc%20&bank=sandbox-es&user=J%C3%BCrgen+M&flag&=x&token=other",
        );
        assert_eq!(p.token.as_deref(), Some("abc"));
        assert_eq!(p.bank.as_deref(), Some("sandbox-es"));
        assert_eq!(p.all["user"], "Jürgen M");
        assert_eq!(p.all["flag"], "");
        assert_eq!(p.all["token"], " abc ");
        assert_eq!(p.all.len(), 4);
    }

    #[test]
    fn broken_escapes_stay_as_typed() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%ff"), "\u{fffd}");
    }

    #[test]
    fn an_empty_query_has_no_token() {
        assert_eq!(LinkParams::parse(""), LinkParams::default());
        assert_eq!(LinkParams::parse("?token=").token, None);
    }

    #[test]
    fn sca_and_transaction_tokens_fix_the_bank() {
        assert!(LinkParams::parse("token=t&bank=b&sca_token=s").bank_is_fixed());
        assert!(LinkParams::parse("token=t&bank=b&transaction_token=s").bank_is_fixed());
        assert!(!LinkParams::parse("token=t&sca_token=s").bank_is_fixed());
        assert!(!LinkParams::parse("token=t&bank=b&reset_token=r").bank_is_fixed());
    }

    #[test]
    fn a_reauthorisation_token_says_which_kind() {
        let reauth = |query: &str| LinkParams::parse(query).reauth;
        assert_eq!(reauth("token=t&bank=b&sca_token=s"), Some(Reauth::Sca));
        assert_eq!(reauth("token=t&reset_token=r"), Some(Reauth::Reset));
        assert_eq!(
            reauth("token=t&bank=b&transaction_token=x"),
            Some(Reauth::Transaction)
        );
        // A missing `bank` is for the server to refuse, not the URL parser.
        assert_eq!(reauth("token=t&sca_token=s"), Some(Reauth::Sca));
    }

    #[test]
    fn empty_reauthorisation_tokens_are_ignored() {
        assert_eq!(LinkParams::parse("token=t&bank=b").reauth, None);
        assert_eq!(
            LinkParams::parse("token=t&sca_token=&reset_token=%20").reauth,
            None
        );
        assert_eq!(
            LinkParams::parse("token=t&sca_token=&reset_token=r").reauth,
            Some(Reauth::Reset)
        );
    }

    const HASH: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn preview_mode_needs_preview_true() {
        assert_eq!(LinkParams::parse("").preview, None);
        assert_eq!(LinkParams::parse("token=t").preview, None);
        assert_eq!(LinkParams::parse("preview=false").preview, None);
        assert_eq!(LinkParams::parse("preview=").preview, None);
        assert_eq!(LinkParams::parse("preview=1").preview, None);
        // A real link stays a real link, whatever extra parameters it carries.
        let link = LinkParams::parse("token=t&preview=true");
        assert_eq!(link.preview, None);
        assert_eq!(link.token.as_deref(), Some("t"));
        assert_eq!(link.all["preview"], "true");
        assert_eq!(
            LinkParams::parse("token=%20&preview=true").preview,
            Some(Preview { theme: None })
        );
        assert_eq!(
            LinkParams::parse("?preview=true").preview,
            Some(Preview { theme: None })
        );
        assert_eq!(
            LinkParams::parse("preview=TRUE").preview,
            Some(Preview { theme: None })
        );
    }

    #[test]
    fn a_preview_keeps_only_a_well_formed_theme_hash() {
        let theme = |query: &str| LinkParams::parse(query).preview.and_then(|p| p.theme);
        assert_eq!(
            theme(&format!("preview=true&theme={HASH}")).as_deref(),
            Some(HASH)
        );
        assert_eq!(
            theme(&format!("theme={HASH}&preview=true")).as_deref(),
            Some(HASH)
        );
        // Uppercase, short, long, a path or a URL: the default look.
        assert_eq!(
            theme(&format!("preview=true&theme={}", HASH.to_uppercase())),
            None
        );
        assert_eq!(theme(&format!("preview=true&theme={}", &HASH[1..])), None);
        assert_eq!(theme(&format!("preview=true&theme={HASH}0")), None);
        assert_eq!(theme("preview=true&theme=..%2F..%2Fapi%2Fbanks"), None);
        assert_eq!(
            theme("preview=true&theme=https%3A%2F%2Fevil.example%2Fx.css"),
            None
        );
        assert_eq!(theme("preview=true&theme="), None);
    }

    #[test]
    fn the_dashboards_preview_urls_parse_as_previews() {
        use bankport_shared::css::preview_url;
        let query = |url: String| url.split_once('?').map(|(_, q)| q.to_owned()).unwrap();
        let with_theme = LinkParams::parse(&query(preview_url(Some(HASH))));
        assert_eq!(
            with_theme.preview.and_then(|p| p.theme).as_deref(),
            Some(HASH)
        );
        assert_eq!(with_theme.token, None);
        let default = LinkParams::parse(&query(preview_url(None)));
        assert_eq!(default.preview, Some(Preview { theme: None }));
    }

    #[test]
    fn script_urls_are_refused() {
        assert_eq!(
            safe_url("https://a.example/cb?code=1"),
            Some("https://a.example/cb?code=1")
        );
        assert_eq!(
            safe_url("myapp://callback?code=1"),
            Some("myapp://callback?code=1")
        );
        assert_eq!(safe_url(" JavaScript:alert(1)"), None);
        assert_eq!(safe_url("java\tscript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url(""), None);
    }
}
