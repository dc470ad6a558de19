//! Banks an end user can connect.
//!
//! Each bank family implements [`connector::BankConnector`]; the registry
//! holds one connector per bank. The catalogue (identity and branding) is
//! written to the `banks` table at start-up, so every instance serves the
//! same list from the database.

pub mod connector;
pub mod sandbox;
pub mod sandbox_data;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use connector::BankConnector;

/// Every bank this server can connect to, by id.
#[derive(Clone)]
pub struct Registry(Arc<BTreeMap<&'static str, Arc<dyn BankConnector>>>);

impl Registry {
    /// The shipped connectors: the sandbox banks. `sandbox_delay` is how long
    /// `user_delayed`'s security checks take.
    pub fn new(sandbox_delay: Duration) -> Self {
        let mut banks: BTreeMap<&'static str, Arc<dyn BankConnector>> = BTreeMap::new();
        for entry in sandbox::BANKS {
            banks.insert(
                entry.id,
                Arc::new(sandbox::SandboxBank::new(entry, sandbox_delay)),
            );
        }
        Self(Arc::new(banks))
    }

    pub fn get(&self, id: &str) -> Option<Arc<dyn BankConnector>> {
        self.0.get(id).cloned()
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// Identity and branding of one bank.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueEntry {
    /// Stable id used in links (`bank=<id>`); never change a shipped one.
    pub id: &'static str,
    pub name: &'static str,
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// Two or three letters drawn on the logo.
    pub monogram: &'static str,
    /// Logo background, `#rrggbb`.
    pub colour: &'static str,
}

impl CatalogueEntry {
    /// A small square SVG logo: the monogram on the bank's colour.
    pub fn logo_svg(&self) -> String {
        let name = escape_xml(self.name);
        let monogram = escape_xml(self.monogram);
        format!(
            concat!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img" aria-label="{name}">"##,
                r##"<title>{name}</title>"##,
                r##"<rect width="64" height="64" rx="14" fill="{colour}"/>"##,
                r##"<text x="32" y="41" text-anchor="middle" font-family="system-ui, sans-serif" font-size="22" font-weight="700" fill="#ffffff">{monogram}</text>"##,
                r##"</svg>"##
            ),
            name = name,
            colour = self.colour,
            monogram = monogram,
        )
    }
}

/// Every bank this server offers.
pub fn catalogue() -> &'static [CatalogueEntry] {
    sandbox::BANKS
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_url_safe_and_countries_are_iso_codes() {
        let mut seen = HashSet::new();
        for bank in catalogue() {
            assert!(seen.insert(bank.id), "duplicate id {}", bank.id);
            assert!(
                bank.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            );
            assert!(
                bank.country.len() == 2 && bank.country.bytes().all(|b| b.is_ascii_uppercase())
            );
            assert!(bank.colour.len() == 7 && bank.colour.starts_with('#'));
        }
        let countries: HashSet<_> = catalogue().iter().map(|b| b.country).collect();
        assert!(catalogue().len() >= 5 && countries.len() >= 2);
    }

    #[test]
    fn logos_are_svg_with_escaped_names() {
        let entry = CatalogueEntry {
            id: "x",
            name: "A & <B>",
            country: "ES",
            monogram: "AB",
            colour: "#123456",
        };
        let svg = entry.logo_svg();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("A &amp; &lt;B&gt;") && !svg.contains("<B>"));
    }
}
