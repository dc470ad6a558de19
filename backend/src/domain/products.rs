//! The products of a credential's data: how each is stored (records or
//! transactions), what its parent is, and how bank ids become stable ids.

use bankport_shared::data::products as p;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// One product (`account`, `data`, `card`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Its endpoint and status key.
    pub name: &'static str,
    /// The JSON field holding its parent's id, and the parent's product.
    pub parent: Option<(&'static str, &'static str)>,
    /// Stored as transactions (dated, paged) rather than records.
    pub transactions: bool,
    /// The `query` field that selects records by their own id.
    pub own_filter: Option<&'static str>,
}

const fn spec(
    name: &'static str,
    parent: Option<(&'static str, &'static str)>,
    transactions: bool,
    own_filter: Option<&'static str>,
) -> Spec {
    Spec {
        name,
        parent,
        transactions,
        own_filter,
    }
}

/// Every product, in `products::ALL` order.
pub const SPECS: &[Spec] = &[
    spec(p::ACCOUNT, None, false, Some("account_id")),
    spec(p::DATA, Some(("account_id", p::ACCOUNT)), true, None),
    spec(
        p::CARD,
        Some(("account_id", p::ACCOUNT)),
        false,
        Some("card_id"),
    ),
    spec(p::CARD_TRANSACTION, Some(("card_id", p::CARD)), true, None),
    spec(
        p::PORTFOLIO,
        Some(("account_id", p::ACCOUNT)),
        false,
        Some("portfolio_id"),
    ),
    spec(
        p::INVESTMENT,
        Some(("portfolio_id", p::PORTFOLIO)),
        false,
        Some("investment_id"),
    ),
    spec(
        p::INVESTMENT_TRANSACTION,
        Some(("investment_id", p::INVESTMENT)),
        true,
        None,
    ),
    spec(
        p::LIABILITY,
        Some(("account_id", p::ACCOUNT)),
        false,
        Some("liability_id"),
    ),
    spec(
        p::LIABILITY_TRANSACTION,
        Some(("liability_id", p::LIABILITY)),
        true,
        None,
    ),
    spec(p::AUTH, None, false, None),
    spec(p::HOLDER, Some(("account_id", p::ACCOUNT)), false, None),
];

/// Per-product flags as stored (`created`, `errored`), with every product
/// present (false when never set).
pub fn flags(raw: &str) -> std::collections::BTreeMap<String, bool> {
    let stored: std::collections::BTreeMap<String, bool> =
        serde_json::from_str(raw).unwrap_or_default();
    SPECS
        .iter()
        .map(|s| {
            (
                s.name.to_owned(),
                stored.get(s.name).copied().unwrap_or(false),
            )
        })
        .collect()
}

pub fn spec_of(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

/// Bankport's id for a bank record: the same bank record of the same
/// credential always gets the same id, and ids never collide across
/// credentials or products. 24 hex digits, like Flanks' ids.
pub fn stable_id(credential_id: Uuid, product: &str, bank_id: &str) -> String {
    let digest = Sha256::digest(format!("{credential_id}:{product}:{bank_id}").as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites a record's `_id` and parent reference from the bank's ids to
/// stable ids; returns (id, parent id). `None` when the record has no `_id`.
pub fn normalise(
    credential_id: Uuid,
    spec: &Spec,
    record: &mut serde_json::Value,
) -> Option<(String, Option<String>)> {
    let object = record.as_object_mut()?;
    let bank_id = object.get("_id")?.as_str()?.to_owned();
    let id = stable_id(credential_id, spec.name, &bank_id);
    object.insert("_id".into(), id.clone().into());
    let parent = match spec.parent {
        Some((field, parent_product)) => match object.get(field).and_then(|v| v.as_str()) {
            Some(parent_bank_id) => {
                let parent_id = stable_id(credential_id, parent_product, parent_bank_id);
                object.insert(field.into(), parent_id.clone().into());
                Some(parent_id)
            }
            None => None,
        },
        None => None,
    };
    Some((id, parent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bankport_shared::data::products::ALL;

    #[test]
    fn every_product_has_a_spec_in_order() {
        let names: Vec<_> = SPECS.iter().map(|s| s.name).collect();
        assert_eq!(names, ALL);
        for s in SPECS {
            if let Some((_, parent)) = s.parent {
                assert!(
                    spec_of(parent).is_some(),
                    "{} has an unknown parent",
                    s.name
                );
            }
        }
    }

    #[test]
    fn stable_ids_depend_on_credential_product_and_bank_id_only() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert_eq!(stable_id(a, "data", "x"), stable_id(a, "data", "x"));
        assert_ne!(stable_id(a, "data", "x"), stable_id(b, "data", "x"));
        assert_ne!(stable_id(a, "data", "x"), stable_id(a, "card", "x"));
        assert_eq!(stable_id(a, "data", "x").len(), 24);
    }

    #[test]
    fn normalising_maps_the_id_and_the_parent() {
        let credential = Uuid::now_v7();
        let mut record = serde_json::json!({"_id": "t1", "account_id": "acc1", "amount": 1.5});
        let (id, parent) = normalise(credential, spec_of("data").unwrap(), &mut record).unwrap();
        assert_eq!(record["_id"], id.as_str());
        assert_eq!(
            parent.as_deref(),
            Some(stable_id(credential, "account", "acc1").as_str())
        );
        assert_eq!(record["account_id"], parent.unwrap().as_str());
        assert_eq!(record["amount"], 1.5);
    }
}
