//! The sandbox banks: fictional banks that behave like real ones, so
//! integrators can build and test against Bankport without real accounts.

use super::CatalogueEntry;

/// The sandbox catalogue, in several countries.
pub const BANKS: &[CatalogueEntry] = &[
    CatalogueEntry {
        id: "sandbox-es",
        name: "Banco Arenal",
        country: "ES",
        monogram: "BA",
        colour: "#b3261e",
    },
    CatalogueEntry {
        id: "sandbox-es-doc",
        name: "Caja Meseta",
        country: "ES",
        monogram: "CM",
        colour: "#1b6e3a",
    },
    CatalogueEntry {
        id: "sandbox-pt",
        name: "Banco Atlântico",
        country: "PT",
        monogram: "AT",
        colour: "#0b5cad",
    },
    CatalogueEntry {
        id: "sandbox-fr",
        name: "Banque Lumière",
        country: "FR",
        monogram: "BL",
        colour: "#6a3fb5",
    },
    CatalogueEntry {
        id: "sandbox-de",
        name: "Nordwald Bank",
        country: "DE",
        monogram: "NW",
        colour: "#22313f",
    },
    CatalogueEntry {
        id: "sandbox-it",
        name: "Banca Laguna",
        country: "IT",
        monogram: "BL",
        colour: "#00838f",
    },
    CatalogueEntry {
        id: "sandbox-gb",
        name: "Thames Sandbox Bank",
        country: "GB",
        monogram: "TS",
        colour: "#8d5b00",
    },
];
