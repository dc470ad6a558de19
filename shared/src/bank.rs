//! The bank catalogue as clients see it.

use serde::{Deserialize, Serialize};

/// One bank an end user can connect, as `GET /v0/bank/available` returns it.
///
/// The field names are Flanks' (`id`, `name`, `country`, `logo_url`), so a script
/// written for Flanks reads Bankport's catalogue unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankResponse {
    /// Stable identifier, used in links as `bank=<id>`.
    pub id: String,
    /// Display name, as the bank calls itself.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Absolute URL of the bank's logo (SVG).
    pub logo_url: String,
}

impl BankResponse {
    /// True when `query` (typed by an end user) matches this bank.
    ///
    /// Matching ignores case and accents (`atlantico` finds "Banco Atlântico")
    /// so end users find their bank however they type it.
    pub fn matches(&self, query: &str) -> bool {
        search_matches(&self.id, &self.name, query)
    }
}

/// The bank search rule, shared by the widget's chooser and the dashboard:
/// `query` is in the bank's name or id, ignoring case and accents.
pub fn search_matches(id: &str, name: &str, query: &str) -> bool {
    let query = fold(query.trim());
    query.is_empty() || fold(name).contains(&query) || fold(id).contains(&query)
}

/// Lower-cases and strips the common Latin diacritics, for forgiving search.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => 's',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank(name: &str) -> BankResponse {
        BankResponse {
            id: "sandbox-pt".into(),
            name: name.into(),
            country: "PT".into(),
            logo_url: String::new(),
        }
    }

    #[test]
    fn search_ignores_case_and_accents() {
        let b = bank("Banco Atlântico");
        assert!(b.matches("ATLANTICO"));
        assert!(b.matches("  banco "));
        assert!(b.matches(""));
        assert!(!b.matches("lumière"));
    }

    #[test]
    fn search_matches_the_id_too() {
        assert!(bank("Banco Atlântico").matches("sandbox-pt"));
    }

    #[test]
    fn serialises_with_flanks_field_names() {
        let json = serde_json::to_value(bank("X")).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["country", "id", "logo_url", "name"]);
    }
}
