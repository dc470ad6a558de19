//! What the sandbox banks hand back from an extraction: accounts with valid
//! IBANs and running balances, their transactions, a card, a portfolio, a
//! loan or mortgage, the holder's identity and the accounts' holders.
//!
//! The data is a pure function of the bank, the login identity and the
//! requested window. Every record is drawn from a ChaCha RNG seeded with a
//! SHA-256 of what it belongs to (the login, the account, the day…), never
//! from a stream shared with other records, so a transaction on 2025-03-02
//! is the same whether the window starts in 2025-01 or 2024-06. Balances
//! run from an opening balance fixed at [`HISTORY_START`] over the whole
//! history up to the window's end, which is then cut to the window.

use std::collections::BTreeMap;

use bankport_shared::data;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use super::CatalogueEntry;
use super::connector::{Consent, Extraction, ExtractionRequest};

/// The first day of every sandbox login's history: nothing older exists,
/// so asking for older history is pointless once a window reaches it.
pub const HISTORY_START: NaiveDate = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date");

/// What kind of customer a sandbox login is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// A household: salary, rent or mortgage, groceries; a few movements a day.
    Personal,
    /// A busy business: three accounts with about forty movements a day
    /// each, so paging and storage see real volume.
    Business,
}

/// Everything the sandbox bank `entry` holds for `identity` (the
/// connector's login identity) in `request`'s window, with consent
/// [`Consent::Valid`] and every product present; the caller applies the
/// per-user behaviour on top.
pub fn extraction(
    entry: &CatalogueEntry,
    identity: &str,
    profile: Profile,
    request: &ExtractionRequest,
) -> Extraction {
    Customer::new(entry, identity, profile).extract(request)
}

/// Movements a busy business account has per day (inclusive bounds): at
/// least 3 × 38 × 90 = 10,260 in any 90 days.
const BUSY_MIN_PER_DAY: u32 = 38;
const BUSY_MAX_PER_DAY: u32 = 44;
/// Average days per month, for turning monthly amounts into daily ones.
const DAYS_PER_MONTH: f64 = 30.4;

// ---------------------------------------------------------------------------
// Seeding, money and dates
// ---------------------------------------------------------------------------

/// A ChaCha RNG seeded with a SHA-256 of `parts` (length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` differ).
fn rng_for(parts: &[&[u8]]) -> ChaCha8Rng {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part);
    }
    ChaCha8Rng::from_seed(hash.finalize().into())
}

/// A random amount in `[lo, hi]` cents, skewed towards `lo` (mean
/// `lo + (hi - lo) / 3`), as most spending is small.
fn skewed(rng: &mut impl Rng, lo: i64, hi: i64) -> i64 {
    let u: f64 = rng.random();
    lo + ((hi - lo) as f64 * u * u).round() as i64
}

fn skewed_mean(lo: i64, hi: i64) -> f64 {
    lo as f64 + (hi - lo) as f64 / 3.0
}

/// Cents as the currency's unit: always an exact two-decimal value.
fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Rounds cents to a multiple of `step` cents.
fn round_to(cents: i64, step: i64) -> i64 {
    (cents + step / 2).div_euclid(step) * step
}

fn date(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

fn compact(day: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

fn plus_days(day: NaiveDate, days: u8) -> NaiveDate {
    day.checked_add_days(Days::new(days.into()))
        .expect("sandbox dates are far from chrono's limits")
}

fn plus_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .expect("sandbox dates are far from chrono's limits")
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

fn is_last_of_month(day: NaiveDate) -> bool {
    day.succ_opt()
        .is_none_or(|next| next.month() != day.month())
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month");
    plus_months(first, 1)
        .pred_opt()
        .expect("not the first day ever")
}

fn digits(rng: &mut impl Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

fn letters(rng: &mut impl Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'A' + rng.random_range(0..26u8)))
        .collect()
}

/// A date in `[from, from + days)`.
fn day_in(rng: &mut impl Rng, from: NaiveDate, days: u64) -> NaiveDate {
    from.checked_add_days(Days::new(rng.random_range(0..days)))
        .expect("sandbox dates are far from chrono's limits")
}

// ---------------------------------------------------------------------------
// IBANs and documents
// ---------------------------------------------------------------------------

/// The remainder mod 97 of `text` read as an IBAN number (letters are
/// 10…35), one character at a time so any length fits.
fn mod97(text: &str) -> u32 {
    text.bytes().fold(0, |rest, byte| {
        if byte.is_ascii_digit() {
            (rest * 10 + u32::from(byte - b'0')) % 97
        } else {
            (rest * 100 + u32::from(byte.to_ascii_uppercase() - b'A') + 10) % 97
        }
    })
}

/// An IBAN from its country and BBAN, with ISO 13616 check digits.
fn iban(country: &str, bban: &str) -> String {
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// The bank part of a BBAN, in the country's layout (GB: four letters).
fn bank_code(country: &str, rng: &mut impl Rng) -> String {
    match country {
        "ES" | "PT" => digits(rng, 4),
        "FR" | "IT" => digits(rng, 5),
        "GB" => letters(rng, 4),
        _ => digits(rng, 8),
    }
}

/// A new account at `bank`, with the country's national check digits too
/// where it has them (ES, PT, FR, IT).
fn account_iban(country: &str, bank: &str, rng: &mut impl Rng) -> String {
    let bban = match country {
        "ES" => {
            let branch = digits(rng, 4);
            let account = digits(rng, 10);
            let first = es_control(&format!("00{bank}{branch}"));
            let second = es_control(&account);
            format!("{bank}{branch}{first}{second}{account}")
        }
        "PT" => {
            let branch = digits(rng, 4);
            let account = digits(rng, 11);
            let key = 98 - mod97(&format!("{bank}{branch}{account}00"));
            format!("{bank}{branch}{account}{key:02}")
        }
        "FR" => {
            let branch = digits(rng, 5);
            let account = digits(rng, 11);
            let number = |s: &str| s.parse::<u64>().expect("digits");
            let key = 97 - (89 * number(bank) + 15 * number(&branch) + 3 * number(&account)) % 97;
            format!("{bank}{branch}{account}{key:02}")
        }
        "IT" => {
            let branch = digits(rng, 5);
            let account = digits(rng, 12);
            let cin = it_cin(&format!("{bank}{branch}{account}"));
            format!("{cin}{bank}{branch}{account}")
        }
        "GB" => format!("{bank}{}{}", digits(rng, 6), digits(rng, 8)),
        // DE and anything else: bank code + 10-digit account number.
        _ => format!("{bank}{}", digits(rng, 10)),
    };
    iban(country, &bban)
}

/// An account at some other bank of the same country (a counterparty's).
fn other_iban(country: &str, rng: &mut impl Rng) -> String {
    let bank = bank_code(country, rng);
    account_iban(country, &bank, rng)
}

/// One of the two Spanish "dígitos de control" over ten digits.
fn es_control(ten_digits: &str) -> u32 {
    const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let sum: u32 = ten_digits
        .bytes()
        .zip(WEIGHTS)
        .map(|(byte, weight)| u32::from(byte - b'0') * weight)
        .sum();
    match 11 - sum % 11 {
        11 => 0,
        10 => 1,
        digit => digit,
    }
}

/// The Italian CIN letter over ABI + CAB + account number.
fn it_cin(text: &str) -> char {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let sum: u32 = text
        .bytes()
        .enumerate()
        .map(|(i, byte)| {
            let value = if byte.is_ascii_digit() {
                byte - b'0'
            } else {
                byte - b'A'
            };
            // Positions count from 1, so index 0 is an odd position.
            if i % 2 == 0 {
                ODD[usize::from(value)]
            } else {
                u32::from(value)
            }
        })
        .sum();
    char::from(b'A' + (sum % 26) as u8)
}

/// The control letter of a Spanish DNI number (and of a NIE, with its
/// leading X/Y/Z read as 0/1/2).
fn dni_letter(number: u32) -> char {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    char::from(LETTERS[(number % 23) as usize])
}

/// `(document type, number)` as people of `country` usually identify.
fn document(country: &str, rng: &mut impl Rng) -> (&'static str, String) {
    if country != "ES" {
        return ("passport", format!("{}{}", letters(rng, 2), digits(rng, 7)));
    }
    if rng.random_bool(0.85) {
        let number = rng.random_range(10_000_000..100_000_000u32);
        ("dni", format!("{number:08}{}", dni_letter(number)))
    } else {
        let prefix = rng.random_range(0..3u32);
        let number = rng.random_range(0..10_000_000u32);
        let letter = dni_letter(prefix * 10_000_000 + number);
        let initial = ['X', 'Y', 'Z'][prefix as usize];
        ("nie", format!("{initial}{number:07}{letter}"))
    }
}

// ---------------------------------------------------------------------------
// Static tables
// ---------------------------------------------------------------------------

/// Descriptions are Spanish at Spanish banks and English elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Es,
    En,
}

impl Lang {
    /// The Spanish or the English one of two texts (or tables).
    fn pick<T: ?Sized>(self, es: &'static T, en: &'static T) -> &'static T {
        match self {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    fn month(self, month: u32) -> &'static str {
        const ES: [&str; 12] = [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let index = (month as usize + 11) % 12;
        match self {
            Lang::Es => ES[index],
            Lang::En => EN[index],
        }
    }
}

mod category {
    pub const SALARY: &str = "salary";
    pub const GROCERIES: &str = "groceries";
    pub const HOUSING: &str = "housing";
    pub const UTILITIES: &str = "utilities";
    pub const TRANSPORT: &str = "transport";
    pub const RESTAURANTS: &str = "restaurants";
    pub const TRANSFERS: &str = "transfers";
    pub const SHOPPING: &str = "shopping";
    pub const HEALTH: &str = "health";
    pub const LEISURE: &str = "leisure";
    pub const CASH: &str = "cash";
    pub const SAVINGS: &str = "savings";
    pub const INVESTMENTS: &str = "investments";
    pub const LOANS: &str = "loans";
    pub const CARDS: &str = "cards";
    pub const SALES: &str = "sales";
    pub const SUPPLIERS: &str = "suppliers";
    pub const TAXES: &str = "taxes";
    pub const FEES: &str = "fees";
}

struct Locale {
    country: &'static str,
    first_names: &'static [&'static str],
    surnames: &'static [&'static str],
    /// Spanish names carry both surnames.
    two_surnames: bool,
    /// `(city, postcode)`.
    cities: &'static [(&'static str, &'static str)],
    streets: &'static [&'static str],
    /// The mobile number's prefix and the digit groups after it.
    phone: (&'static str, &'static [usize]),
}

const LOCALES: &[Locale] = &[
    Locale {
        country: "ES",
        first_names: &[
            "Lucía",
            "María",
            "Carmen",
            "Laura",
            "Marta",
            "Elena",
            "Javier",
            "Carlos",
            "Alejandro",
            "Pablo",
            "Sergio",
            "David",
        ],
        surnames: &[
            "García",
            "Martínez",
            "López",
            "Sánchez",
            "Fernández",
            "Gómez",
            "Ruiz",
            "Díaz",
            "Moreno",
            "Navarro",
            "Romero",
            "Torres",
        ],
        two_surnames: true,
        cities: &[
            ("Madrid", "28013"),
            ("Barcelona", "08010"),
            ("Valencia", "46002"),
            ("Sevilla", "41004"),
            ("Zaragoza", "50001"),
            ("Málaga", "29005"),
        ],
        streets: &[
            "Calle Mayor",
            "Calle de Alcalá",
            "Avenida de la Constitución",
            "Calle Real",
            "Paseo de las Acacias",
            "Calle San Vicente",
        ],
        phone: ("+34 6", &[2, 3, 3]),
    },
    Locale {
        country: "PT",
        first_names: &[
            "João", "Maria", "Ana", "Pedro", "Inês", "Tiago", "Beatriz", "Miguel",
        ],
        surnames: &[
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
        ],
        two_surnames: false,
        cities: &[
            ("Lisboa", "1100-148"),
            ("Porto", "4000-322"),
            ("Braga", "4700-435"),
            ("Coimbra", "3000-150"),
        ],
        streets: &[
            "Rua Augusta",
            "Rua de Santa Catarina",
            "Avenida da Liberdade",
            "Rua do Carmo",
        ],
        phone: ("+351 9", &[2, 3, 3]),
    },
    Locale {
        country: "FR",
        first_names: &[
            "Camille", "Léa", "Manon", "Chloé", "Hugo", "Lucas", "Louis", "Julien",
        ],
        surnames: &[
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        ],
        two_surnames: false,
        cities: &[
            ("Paris", "75011"),
            ("Lyon", "69002"),
            ("Marseille", "13001"),
            ("Toulouse", "31000"),
            ("Nantes", "44000"),
        ],
        streets: &[
            "rue de la République",
            "rue Victor Hugo",
            "avenue Jean Jaurès",
            "rue du Moulin",
        ],
        phone: ("+33 6", &[2, 2, 2, 2]),
    },
    Locale {
        country: "DE",
        first_names: &[
            "Anna",
            "Lena",
            "Leonie",
            "Sophie",
            "Lukas",
            "Jonas",
            "Felix",
            "Maximilian",
        ],
        surnames: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
        ],
        two_surnames: false,
        cities: &[
            ("Berlin", "10115"),
            ("München", "80331"),
            ("Hamburg", "20095"),
            ("Köln", "50667"),
            ("Frankfurt am Main", "60311"),
        ],
        streets: &[
            "Hauptstraße",
            "Bahnhofstraße",
            "Gartenstraße",
            "Schillerstraße",
        ],
        phone: ("+49 15", &[1, 8]),
    },
    Locale {
        country: "IT",
        first_names: &[
            "Giulia",
            "Francesca",
            "Chiara",
            "Sofia",
            "Marco",
            "Luca",
            "Alessandro",
            "Matteo",
        ],
        surnames: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
        ],
        two_surnames: false,
        cities: &[
            ("Roma", "00184"),
            ("Milano", "20121"),
            ("Napoli", "80134"),
            ("Torino", "10121"),
            ("Bologna", "40121"),
        ],
        streets: &[
            "Via Roma",
            "Via Garibaldi",
            "Corso Vittorio Emanuele II",
            "Via Dante",
        ],
        phone: ("+39 3", &[2, 3, 4]),
    },
    Locale {
        country: "GB",
        first_names: &[
            "Amelia", "Isla", "Emily", "Sophie", "Oliver", "Harry", "George", "Jack",
        ],
        surnames: &[
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas",
        ],
        two_surnames: false,
        cities: &[
            ("London", "N1 9GU"),
            ("Manchester", "M1 1AE"),
            ("Bristol", "BS1 4DJ"),
            ("Leeds", "LS1 4AP"),
            ("Edinburgh", "EH1 1YZ"),
        ],
        streets: &[
            "High Street",
            "Station Road",
            "Church Lane",
            "Victoria Road",
        ],
        phone: ("+44 7", &[3, 6]),
    },
];

fn locale(country: &str) -> &'static Locale {
    LOCALES
        .iter()
        .find(|locale| locale.country == country)
        .unwrap_or(&LOCALES[LOCALES.len() - 1])
}

/// A shop, and what people usually spend there (cents).
struct Merchant {
    name: &'static str,
    category: &'static str,
    lo: i64,
    hi: i64,
}

const fn merchant(name: &'static str, category: &'static str, lo: i64, hi: i64) -> Merchant {
    Merchant {
        name,
        category,
        lo,
        hi,
    }
}

/// Groceries are listed more often as people buy food more often.
const ES_MERCHANTS: &[Merchant] = &[
    merchant("Mercadona", category::GROCERIES, 1_200, 9_500),
    merchant("Carrefour", category::GROCERIES, 1_500, 11_000),
    merchant("Lidl", category::GROCERIES, 900, 7_000),
    merchant("Dia", category::GROCERIES, 500, 4_000),
    merchant("Frutería La Huerta", category::GROCERIES, 400, 2_500),
    merchant("Panadería San Antón", category::GROCERIES, 150, 1_200),
    merchant("Bar Casa Paco", category::RESTAURANTS, 250, 2_500),
    merchant("Cafetería Central", category::RESTAURANTS, 180, 1_200),
    merchant("Restaurante El Fogón", category::RESTAURANTS, 2_500, 7_500),
    merchant("Telepizza", category::RESTAURANTS, 1_400, 3_500),
    merchant("Repsol", category::TRANSPORT, 3_000, 7_500),
    merchant("Renfe Cercanías", category::TRANSPORT, 170, 1_200),
    merchant("Cabify", category::TRANSPORT, 700, 3_000),
    merchant("Parking Saba", category::TRANSPORT, 200, 2_000),
    merchant("Zara", category::SHOPPING, 1_990, 8_990),
    merchant("Amazon EU", category::SHOPPING, 800, 9_000),
    merchant("El Corte Inglés", category::SHOPPING, 1_500, 15_000),
    merchant("Decathlon", category::SHOPPING, 900, 8_000),
    merchant("Farmacia Gran Vía", category::HEALTH, 300, 4_500),
    merchant("Óptica Visión", category::HEALTH, 2_500, 15_000),
    merchant("Cines Yelmo", category::LEISURE, 700, 2_800),
    merchant("FNAC", category::LEISURE, 1_200, 6_000),
];

const INTL_MERCHANTS: &[Merchant] = &[
    merchant("Lidl", category::GROCERIES, 900, 7_000),
    merchant("Aldi", category::GROCERIES, 900, 8_000),
    merchant("Carrefour Market", category::GROCERIES, 1_200, 9_500),
    merchant("Spar", category::GROCERIES, 500, 4_000),
    merchant("Fresh Greens Grocer", category::GROCERIES, 400, 2_500),
    merchant("Corner Bakery", category::GROCERIES, 150, 1_200),
    merchant("Starbucks", category::RESTAURANTS, 300, 1_500),
    merchant("Café Central", category::RESTAURANTS, 180, 1_200),
    merchant("The Olive Tree", category::RESTAURANTS, 2_500, 7_500),
    merchant("Pizza Express", category::RESTAURANTS, 1_400, 4_500),
    merchant("Shell", category::TRANSPORT, 3_000, 7_500),
    merchant("City Transit", category::TRANSPORT, 170, 1_200),
    merchant("Uber", category::TRANSPORT, 700, 3_000),
    merchant("City Parking", category::TRANSPORT, 200, 2_000),
    merchant("H&M", category::SHOPPING, 1_500, 8_000),
    merchant("Amazon", category::SHOPPING, 800, 9_000),
    merchant("IKEA", category::SHOPPING, 1_500, 15_000),
    merchant("Decathlon", category::SHOPPING, 900, 8_000),
    merchant("City Pharmacy", category::HEALTH, 300, 4_500),
    merchant("Optical Centre", category::HEALTH, 2_500, 15_000),
    merchant("Cinema City", category::LEISURE, 700, 2_800),
    merchant("Corner Books", category::LEISURE, 1_200, 6_000),
];

/// What a business buys day to day (amounts come from its spending mix).
const ES_BUSINESS_MERCHANTS: &[Merchant] = &[
    merchant("Repsol", category::TRANSPORT, 0, 0),
    merchant("SEUR Envíos", category::TRANSPORT, 0, 0),
    merchant("Lyreco Material de Oficina", category::SHOPPING, 0, 0),
    merchant("Amazon Business EU", category::SHOPPING, 0, 0),
    merchant("Makro", category::GROCERIES, 0, 0),
];

const INTL_BUSINESS_MERCHANTS: &[Merchant] = &[
    merchant("Shell", category::TRANSPORT, 0, 0),
    merchant("DHL Express", category::TRANSPORT, 0, 0),
    merchant("Office Supplies Direct", category::SHOPPING, 0, 0),
    merchant("Amazon Business", category::SHOPPING, 0, 0),
    merchant("Metro Cash & Carry", category::GROCERIES, 0, 0),
];

/// A recurring direct debit: `(Spanish name, English name)`, the day of
/// the month it is charged, every how many months (counted from January
/// through `offset`), and its range in cents.
struct Bill {
    es: &'static str,
    en: &'static str,
    category: &'static str,
    day: u32,
    every: u32,
    offset: u32,
    lo: i64,
    hi: i64,
}

const BILLS: &[Bill] = &[
    Bill {
        es: "Recibo Iberdrola luz",
        en: "City Power & Light electricity",
        category: category::UTILITIES,
        day: 6,
        every: 1,
        offset: 0,
        lo: 4_500,
        hi: 12_000,
    },
    Bill {
        es: "Recibo Movistar fibra y móvil",
        en: "FibreNet broadband and mobile",
        category: category::UTILITIES,
        day: 9,
        every: 1,
        offset: 0,
        lo: 5_500,
        hi: 7_500,
    },
    Bill {
        es: "Recibo Canal de Isabel II agua",
        en: "Municipal Water bill",
        category: category::UTILITIES,
        day: 14,
        every: 2,
        offset: 0,
        lo: 2_500,
        hi: 6_000,
    },
    Bill {
        es: "Recibo Naturgy gas",
        en: "Northern Gas bill",
        category: category::UTILITIES,
        day: 18,
        every: 2,
        offset: 1,
        lo: 3_000,
        hi: 9_000,
    },
    Bill {
        es: "Recibo Mapfre seguro hogar",
        en: "HomeSafe home insurance",
        category: category::HOUSING,
        day: 20,
        every: 12,
        offset: 3,
        lo: 18_000,
        hi: 32_000,
    },
    Bill {
        es: "Cuota Gimnasio Altafit",
        en: "Fitness Club membership",
        category: category::LEISURE,
        day: 2,
        every: 1,
        offset: 0,
        lo: 2_990,
        hi: 2_990,
    },
    Bill {
        es: "Spotify Premium",
        en: "Spotify Premium",
        category: category::LEISURE,
        day: 16,
        every: 1,
        offset: 0,
        lo: 1_199,
        hi: 1_199,
    },
];

impl Bill {
    fn is_due(&self, day: NaiveDate) -> bool {
        day.day() == self.day && day.month() % self.every == self.offset % self.every
    }

    fn monthly_mean(&self) -> f64 {
        (self.lo + self.hi) as f64 / 2.0 / f64::from(self.every)
    }
}

const ES_EMPLOYERS: &[&str] = &[
    "Logística Lince S.L.",
    "Talleres Ebro S.A.",
    "Consultora Albahaca S.L.",
    "Hospital San Rafael",
    "Tecnologías Brisa S.L.",
];
const EN_EMPLOYERS: &[&str] = &[
    "Northwind Logistics Ltd",
    "Bluebay Consulting",
    "Harbour Health Services",
    "Atlas Engineering",
    "Greenfield Software",
];
const ES_CLIENTS: &[&str] = &[
    "Distribuciones Norte S.L.",
    "Hostelería Playa S.L.",
    "Construcciones Vega S.A.",
    "Clínica Dental Sol S.L.",
    "Hotel Miramar S.A.",
    "Eventos Luna S.L.",
];
const EN_CLIENTS: &[&str] = &[
    "Riverside Hotels Ltd",
    "Oakwood Dental Clinic",
    "Summit Builders",
    "Brightside Events",
    "Meadow Schools Trust",
    "Harbour Catering",
];
const ES_SUPPLIERS: &[&str] = &[
    "Frutas Hermanos Gil S.L.",
    "Bebidas del Sur S.A.",
    "Papelería Técnica S.L.",
    "Limpiezas Brillo S.L.",
    "Cárnicas Ortega S.L.",
];
const EN_SUPPLIERS: &[&str] = &[
    "FreshFarm Produce",
    "Southern Beverages",
    "PackRight Supplies",
    "CleanPro Services",
    "Prime Meats",
];
/// References people put on transfers to each other.
const ES_REFERENCES: &[&str] = &[
    "Cena viernes",
    "Regalo cumpleaños",
    "Viaje",
    "Entradas concierto",
    "Lotería",
    "Gastos piso",
];
const EN_REFERENCES: &[&str] = &[
    "Dinner",
    "Birthday gift",
    "Trip",
    "Concert tickets",
    "Flat expenses",
    "Thanks!",
];

/// A listed security. Prices are in the portfolio's currency.
struct Instrument {
    isin: &'static str,
    name: &'static str,
    /// `fund`, `etf` or `stock`; funds and ETFs get monthly buys.
    kind: &'static str,
    /// Price on [`HISTORY_START`], in cents.
    base_price: i64,
    /// Yearly price trend (0.10 = +10 % a year).
    drift: f64,
    /// Dividend per share each quarter, in cents (0: none).
    dividend: i64,
}

const INSTRUMENTS: &[Instrument] = &[
    Instrument {
        isin: "IE00B4L5Y983",
        name: "iShares Core MSCI World UCITS ETF USD (Acc)",
        kind: "etf",
        base_price: 8_050,
        drift: 0.14,
        dividend: 0,
    },
    Instrument {
        isin: "IE00B5BMR087",
        name: "iShares Core S&P 500 UCITS ETF USD (Acc)",
        kind: "etf",
        base_price: 43_500,
        drift: 0.17,
        dividend: 0,
    },
    Instrument {
        isin: "IE00B3RBWM25",
        name: "Vanguard FTSE All-World UCITS ETF (USD) Distributing",
        kind: "etf",
        base_price: 10_600,
        drift: 0.12,
        dividend: 48,
    },
    Instrument {
        isin: "IE00B03HD191",
        name: "Vanguard Global Stock Index Fund EUR Acc",
        kind: "fund",
        base_price: 3_950,
        drift: 0.13,
        dividend: 0,
    },
    Instrument {
        isin: "LU0996182563",
        name: "Amundi Index MSCI World AE-C",
        kind: "fund",
        base_price: 29_400,
        drift: 0.12,
        dividend: 0,
    },
    Instrument {
        isin: "ES0113900J37",
        name: "Banco Santander S.A.",
        kind: "stock",
        base_price: 378,
        drift: 0.22,
        dividend: 5,
    },
    Instrument {
        isin: "ES0148396007",
        name: "Industria de Diseño Textil S.A. (Inditex)",
        kind: "stock",
        base_price: 3_940,
        drift: 0.18,
        dividend: 38,
    },
    Instrument {
        isin: "ES0144580Y14",
        name: "Iberdrola S.A.",
        kind: "stock",
        base_price: 1_185,
        drift: 0.11,
        dividend: 13,
    },
    Instrument {
        isin: "US0378331005",
        name: "Apple Inc.",
        kind: "stock",
        base_price: 17_400,
        drift: 0.09,
        dividend: 22,
    },
    Instrument {
        isin: "US5949181045",
        name: "Microsoft Corporation",
        kind: "stock",
        base_price: 34_100,
        drift: 0.11,
        dividend: 68,
    },
    Instrument {
        isin: "FR0000120271",
        name: "TotalEnergies SE",
        kind: "stock",
        base_price: 6_150,
        drift: 0.01,
        dividend: 79,
    },
    Instrument {
        isin: "NL0010273215",
        name: "ASML Holding N.V.",
        kind: "stock",
        base_price: 68_200,
        drift: 0.06,
        dividend: 152,
    },
];

impl Instrument {
    fn gets_monthly_buys(&self) -> bool {
        self.kind != "stock"
    }

    /// The closing price on `day`, in cents: a trend plus a little daily
    /// noise drawn from the day alone (so any window sees the same price).
    fn price(&self, day: NaiveDate) -> i64 {
        let years = (day - HISTORY_START).num_days() as f64 / 365.25;
        let mut rng = rng_for(&[
            b"price",
            self.isin.as_bytes(),
            &day.num_days_from_ce().to_be_bytes(),
        ]);
        let noise: f64 = rng.random_range(-0.02..0.02);
        let price = self.base_price as f64 * (1.0 + self.drift * years) * (1.0 + noise);
        (price.round() as i64).max(1)
    }
}

// ---------------------------------------------------------------------------
// The customer behind a login
// ---------------------------------------------------------------------------

struct Person {
    name: String,
    document_type: &'static str,
    document_number: String,
    email: String,
    phone: String,
    address: String,
    birth_date: NaiveDate,
}

fn person_name(rng: &mut impl Rng, locale: &Locale) -> String {
    let first = locale.first_names.choose(rng).expect("names");
    let surname = locale.surnames.choose(rng).expect("names");
    if locale.two_surnames {
        let second = locale.surnames.choose(rng).expect("names");
        format!("{first} {surname} {second}")
    } else {
        format!("{first} {surname}")
    }
}

/// `text` in lowercase ASCII letters and digits, for e-mail addresses.
fn ascii_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => slug.push('a'),
            'é' | 'è' | 'ê' | 'ë' => slug.push('e'),
            'í' | 'ì' | 'î' | 'ï' => slug.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => slug.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => slug.push('u'),
            'ñ' => slug.push('n'),
            'ç' => slug.push('c'),
            'ß' => slug.push_str("ss"),
            c if c.is_ascii_alphanumeric() => slug.push(c),
            _ => {}
        }
    }
    slug
}

fn person(rng: &mut impl Rng, locale: &'static Locale) -> Person {
    let name = person_name(rng, locale);
    let (document_type, document_number) = document(locale.country, rng);
    let mut words = name.split(' ');
    let first = ascii_slug(words.next().unwrap_or_default());
    let last = ascii_slug(words.next().unwrap_or_default());
    let email = format!("{first}.{last}{}@example.com", rng.random_range(1..100));
    let (prefix, groups) = locale.phone;
    let mut phone = prefix.to_owned();
    for (i, &len) in groups.iter().enumerate() {
        if i > 0 {
            phone.push(' ');
        }
        phone.push_str(&digits(rng, len));
    }
    let (city, postcode) = locale.cities.choose(rng).expect("cities");
    let street = locale.streets.choose(rng).expect("streets");
    let number = rng.random_range(1..180);
    let address = match locale.country {
        "ES" => {
            let floor = rng.random_range(1..9);
            let door = ['A', 'B', 'C', 'D'][rng.random_range(0..4)];
            format!("{street} {number}, {floor}º {door}, {postcode} {city}")
        }
        "FR" => format!("{number} {street}, {postcode} {city}"),
        "GB" => format!("{number} {street}, {city} {postcode}"),
        _ => format!("{street} {number}, {postcode} {city}"),
    };
    let born = NaiveDate::from_ymd_opt(1958, 1, 1).expect("a valid date");
    Person {
        name,
        document_type,
        document_number,
        email,
        phone,
        address,
        birth_date: day_in(rng, born, 42 * 365),
    }
}

/// Someone money goes to or comes from, with their account elsewhere.
struct Counterparty {
    name: String,
    iban: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Salary in; bills, card, loan and investments out.
    Main,
    Savings,
    /// A second savings pot.
    Holiday,
    /// Day-to-day spending, topped up from the main account.
    Everyday,
    /// A business's account: clients in, suppliers, payroll and taxes out.
    Operating,
    /// Card-terminal takings, swept to the operating account weekly.
    Takings,
    /// A second business account paying suppliers.
    Payments,
}

struct AccountPlan {
    id: String,
    iban: String,
    alias: &'static str,
    account_type: &'static str,
    role: Role,
    /// Balance at the start of [`HISTORY_START`], in cents.
    opening_balance: i64,
    opening_date: NaiveDate,
    co_owned: bool,
    /// Moved in from the main account on payday (savings, everyday).
    monthly_in: i64,
    /// Yearly interest paid monthly (savings), e.g. 0.015.
    interest_rate: f64,
}

struct CardPlan {
    id: String,
    name: &'static str,
    last4: String,
    credit: bool,
    limit: i64,
    expiration: NaiveDate,
}

struct InvestmentPlan {
    id: String,
    instrument: &'static Instrument,
    /// Shares held on [`HISTORY_START`], in ten-thousandths.
    shares: i64,
    /// What those shares cost, in cents.
    cost: i64,
    /// Bought on the 5th of every month, in cents (0: never).
    contribution: i64,
}

struct PortfolioPlan {
    id: String,
    name: &'static str,
    number: String,
    investments: Vec<InvestmentPlan>,
}

struct LiabilityPlan {
    id: String,
    name: &'static str,
    kind: &'static str,
    initial: i64,
    /// Yearly rate in basis points (235 = 2.35 %).
    rate_bp: i64,
    months: u32,
    /// The loan was signed on this day; instalments fall on the same day
    /// of each following month.
    start: NaiveDate,
    payment: i64,
}

impl LiabilityPlan {
    fn monthly_rate(&self) -> f64 {
        self.rate_bp as f64 / 10_000.0 / 12.0
    }
}

/// One side of the business's daily money: what goes out, and how often.
struct Spend {
    weight: u32,
    kind: SpendKind,
    lo: i64,
    hi: i64,
}

#[derive(Clone, Copy)]
enum SpendKind {
    Supplier,
    Purchase,
    TakingsFee,
    BankFee,
}

const OPERATING_SPEND: &[Spend] = &[
    Spend {
        weight: 6,
        kind: SpendKind::Supplier,
        lo: 5_000,
        hi: 60_000,
    },
    Spend {
        weight: 3,
        kind: SpendKind::Purchase,
        lo: 1_000,
        hi: 20_000,
    },
    Spend {
        weight: 2,
        kind: SpendKind::BankFee,
        lo: 50,
        hi: 1_500,
    },
];
const TAKINGS_SPEND: &[Spend] = &[Spend {
    weight: 1,
    kind: SpendKind::TakingsFee,
    lo: 20,
    hi: 600,
}];
const PAYMENTS_SPEND: &[Spend] = &[
    Spend {
        weight: 5,
        kind: SpendKind::Supplier,
        lo: 3_000,
        hi: 45_000,
    },
    Spend {
        weight: 2,
        kind: SpendKind::Purchase,
        lo: 1_000,
        hi: 15_000,
    },
    Spend {
        weight: 1,
        kind: SpendKind::BankFee,
        lo: 50,
        hi: 1_000,
    },
];

/// A business account's daily mix: a share of movements bring money in
/// (card takings or client payments) in a range chosen so the account
/// drifts by `target` a day on average; the rest is `spend`.
struct Mix {
    p_in: f64,
    takings: bool,
    in_lo: i64,
    in_hi: i64,
    spend: &'static [Spend],
}

impl Mix {
    fn new(p_in: f64, takings: bool, spend: &'static [Spend], target_per_day: f64) -> Self {
        let weights: u32 = spend.iter().map(|s| s.weight).sum();
        let mean_out = spend
            .iter()
            .map(|s| f64::from(s.weight) * skewed_mean(s.lo, s.hi))
            .sum::<f64>()
            / f64::from(weights);
        let per_item = target_per_day / f64::from(BUSY_MIN_PER_DAY + BUSY_MAX_PER_DAY) * 2.0;
        let mean_in = ((per_item + (1.0 - p_in) * mean_out) / p_in).max(2_000.0);
        // A skewed draw in [m/4, 5m/2] averages m.
        Self {
            p_in,
            takings,
            in_lo: (mean_in / 4.0).round() as i64,
            in_hi: (mean_in * 2.5).round() as i64,
            spend,
        }
    }

    fn pick_spend(&self, rng: &mut impl Rng) -> &'static Spend {
        let weights: u32 = self.spend.iter().map(|s| s.weight).sum();
        let mut ticket = rng.random_range(0..weights);
        for spend in self.spend {
            if ticket < spend.weight {
                return spend;
            }
            ticket -= spend.weight;
        }
        &self.spend[self.spend.len() - 1]
    }
}

impl BusinessPlan {
    /// Per account, what it hands the operating account on Friday
    /// (negative: what it receives) to get back to its target balance, in
    /// whole hundreds.
    fn pooling(&self, balances: &[i64]) -> [i64; 3] {
        std::array::from_fn(|index| {
            if index == 0 {
                0
            } else {
                round_to(balances[index] - self.pool_targets[index], 10_000)
            }
        })
    }
}

struct BusinessPlan {
    /// `(index into people, monthly salary)`.
    employees: Vec<(usize, i64)>,
    social_security: i64,
    premises_rent: i64,
    /// Paid every quarter.
    vat: i64,
    /// What the takings and payments accounts are brought back to every
    /// Friday, through the operating account (cash pooling).
    pool_targets: [i64; 3],
    /// One per account, by index.
    mixes: [Mix; 3],
}

/// Everything fixed about a login's customer: who they are, their
/// accounts and products, and the parameters their daily life is drawn
/// from.
struct Customer {
    entry: CatalogueEntry,
    identity: String,
    lang: Lang,
    currency: &'static str,
    key: String,
    person: Person,
    co_owner: Person,
    co_owner_iban: String,
    /// Friends (personal) or employees (business); `people[0]` is the landlord.
    people: Vec<Counterparty>,
    employer: Counterparty,
    clients: Vec<Counterparty>,
    suppliers: Vec<Counterparty>,
    merchants: &'static [Merchant],
    business_merchants: &'static [Merchant],
    accounts: Vec<AccountPlan>,
    salary: i64,
    payday: u32,
    rent: Option<i64>,
    co_owner_in: i64,
    card: CardPlan,
    portfolio: PortfolioPlan,
    liability: LiabilityPlan,
    business: Option<BusinessPlan>,
}

impl Customer {
    fn new(entry: &CatalogueEntry, identity: &str, profile: Profile) -> Self {
        let country = entry.country;
        let lang = if country == "ES" { Lang::Es } else { Lang::En };
        let currency = if country == "GB" { "GBP" } else { "EUR" };
        let locale = locale(country);
        let key: String = Sha256::digest(format!("{}\n{identity}", entry.id))
            .iter()
            .take(5)
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let own_bank = bank_code(country, &mut rng_for(&[b"bank", entry.id.as_bytes()]));
        let mut rng = rng_for(&[b"customer", entry.id.as_bytes(), identity.as_bytes()]);
        let business = profile == Profile::Business;

        let person = person(&mut rng, locale);
        let co_owner = person_of_other_name(&mut rng, locale, &person.name);
        let co_owner_iban = other_iban(country, &mut rng);
        let people: Vec<Counterparty> = (0..8)
            .map(|_| Counterparty {
                name: person_name(&mut rng, locale),
                iban: other_iban(country, &mut rng),
            })
            .collect();
        let mut companies = |names: &[&str]| -> Vec<Counterparty> {
            names
                .iter()
                .map(|name| Counterparty {
                    name: (*name).to_owned(),
                    iban: other_iban(country, &mut rng),
                })
                .collect()
        };
        let employers = companies(lang.pick(ES_EMPLOYERS, EN_EMPLOYERS));
        let clients = companies(lang.pick(ES_CLIENTS, EN_CLIENTS));
        let suppliers = companies(lang.pick(ES_SUPPLIERS, EN_SUPPLIERS));
        let employer_index = rng.random_range(0..employers.len());
        let employer = employers
            .into_iter()
            .nth(employer_index)
            .expect("an employer");

        let roles: Vec<Role> = if business {
            vec![Role::Operating, Role::Takings, Role::Payments]
        } else {
            let all = [Role::Main, Role::Savings, Role::Everyday, Role::Holiday];
            all[..rng.random_range(2..=4)].to_vec()
        };
        let co_owned_account = if business {
            rng.random_bool(0.5).then_some(0)
        } else {
            (roles.len() >= 3 && rng.random_bool(0.6)).then_some(2)
        };
        let opened_from = NaiveDate::from_ymd_opt(2008, 1, 1).expect("a valid date");
        let mut accounts: Vec<AccountPlan> = roles
            .iter()
            .enumerate()
            .map(|(i, &role)| {
                let co_owned = co_owned_account == Some(i);
                let (alias, account_type, opening, monthly_in, interest_rate) = match role {
                    Role::Main => (
                        lang.pick("Cuenta Nómina", "Main account"),
                        "current",
                        rng.random_range(1_500..6_000) * 100,
                        0,
                        0.0,
                    ),
                    Role::Savings => (
                        lang.pick("Cuenta Ahorro", "Savings"),
                        "savings",
                        rng.random_range(3_000..40_000) * 100,
                        rng.random_range(15..40) * 1_000,
                        f64::from(rng.random_range(100..250u32)) / 10_000.0,
                    ),
                    Role::Holiday => (
                        lang.pick("Hucha Vacaciones", "Holiday savings"),
                        "savings",
                        rng.random_range(500..3_000) * 100,
                        rng.random_range(5..15) * 1_000,
                        f64::from(rng.random_range(50..150u32)) / 10_000.0,
                    ),
                    Role::Everyday if co_owned => (
                        lang.pick("Cuenta Compartida", "Joint account"),
                        "current",
                        rng.random_range(200..1_500) * 100,
                        rng.random_range(50..75) * 1_000,
                        0.0,
                    ),
                    Role::Everyday => (
                        lang.pick("Cuenta Gastos", "Everyday account"),
                        "current",
                        rng.random_range(200..1_500) * 100,
                        rng.random_range(50..75) * 1_000,
                        0.0,
                    ),
                    Role::Operating => (
                        lang.pick("Cuenta Negocios", "Business account"),
                        "current",
                        rng.random_range(100_000..250_000) * 100,
                        0,
                        0.0,
                    ),
                    Role::Takings => (
                        lang.pick("Cuenta Cobros TPV", "Card takings"),
                        "current",
                        rng.random_range(10_000..30_000) * 100,
                        0,
                        0.0,
                    ),
                    Role::Payments => (
                        lang.pick("Cuenta Pagos", "Payments account"),
                        "current",
                        rng.random_range(20_000..60_000) * 100,
                        0,
                        0.0,
                    ),
                };
                AccountPlan {
                    id: format!("acc-{key}-{}", i + 1),
                    iban: account_iban(country, &own_bank, &mut rng),
                    alias,
                    account_type,
                    role,
                    opening_balance: opening,
                    opening_date: day_in(&mut rng, opened_from, 15 * 365),
                    co_owned,
                    monthly_in,
                    interest_rate,
                }
            })
            .collect();

        let credit = business || rng.random_bool(0.6);
        let card = CardPlan {
            id: format!("card-{key}-1"),
            name: match (business, credit, lang) {
                (true, _, _) => "Visa Business",
                (false, true, Lang::Es) => "Visa Oro",
                (false, true, Lang::En) => "Visa Platinum Credit",
                (false, false, Lang::Es) => "Visa Débito",
                (false, false, Lang::En) => "Visa Debit",
            },
            last4: digits(&mut rng, 4),
            credit,
            limit: if business {
                1_000_000
            } else {
                [150_000, 300_000, 500_000][rng.random_range(0..3)]
            },
            expiration: last_of_month(rng.random_range(2027..=2030), rng.random_range(1..=12)),
        };

        let portfolio = Self::portfolio_plan(&mut rng, &key, lang, business);
        let liability = Self::liability_plan(&mut rng, &key, lang, business);
        let rent =
            (liability.kind != "mortgage" || business).then(|| rng.random_range(65..120) * 1_000);
        let payday = rng.random_range(24..=28);
        let co_owner_in = rng.random_range(30..50) * 1_000;

        let merchants = lang.pick(ES_MERCHANTS, INTL_MERCHANTS);
        let business_merchants = lang.pick(ES_BUSINESS_MERCHANTS, INTL_BUSINESS_MERCHANTS);
        let card_spend = 1.5 * merchants_mean(merchants) * DAYS_PER_MONTH;
        let bills: f64 = BILLS.iter().map(Bill::monthly_mean).sum();
        let contributions: i64 = portfolio.investments.iter().map(|i| i.contribution).sum();

        let mut business_plan = None;
        let salary;
        if business {
            let employees: Vec<(usize, i64)> = (1..=rng.random_range(4..=7))
                .map(|i| (i, rng.random_range(150..260) * 1_000))
                .collect();
            let payroll: i64 = employees.iter().map(|(_, pay)| pay).sum();
            let social_security = round_to(payroll * 31 / 100, 100);
            let premises_rent = rng.random_range(150..400) * 1_000;
            let vat = rng.random_range(300..900) * 1_000;
            // Daily drifts: the takings account fills up, the payments
            // account drains, and the weekly pooling evens both out
            // against the operating account, which covers the fixed costs
            // and still grows a little.
            let takings_per_day = f64::from(rng.random_range(1_200..2_500u32)) * 100.0;
            let payments_per_day = -f64::from(rng.random_range(50..150u32)) * 100.0;
            let fixed = (payroll + social_security + premises_rent + vat / 3) as f64
                + (liability.payment + contributions) as f64
                + card_spend
                + bills;
            let growth = f64::from(rng.random_range(150..250u32)) * 100.0;
            let operating_per_day =
                fixed / DAYS_PER_MONTH - takings_per_day - payments_per_day + growth;
            business_plan = Some(BusinessPlan {
                employees,
                social_security,
                premises_rent,
                vat,
                pool_targets: [
                    0,
                    rng.random_range(50..100) * 10_000,
                    rng.random_range(400..800) * 10_000,
                ],
                mixes: [
                    Mix::new(0.45, false, OPERATING_SPEND, operating_per_day),
                    Mix::new(0.75, true, TAKINGS_SPEND, takings_per_day),
                    Mix::new(0.35, false, PAYMENTS_SPEND, payments_per_day),
                ],
            });
            salary = 0;
        } else {
            // Pay enough for everything the month brings, plus a margin,
            // so balances stay positive.
            let transfers_out: i64 = accounts.iter().map(|a| a.monthly_in).sum();
            let daily = 1.5 * (MAIN_DAY_SPEND_SHARE * merchants_mean(merchants) + MAIN_DAY_OTHER);
            let fixed = (rent.unwrap_or(0) + liability.payment + transfers_out + contributions)
                as f64
                + bills
                + card_spend
                + daily * DAYS_PER_MONTH;
            let margin = rng.random_range(200..600) * 100;
            salary = round_to(fixed as i64 + margin, 1_000);
            // December's salary and top-ups are in when the history starts,
            // so January's bills find money to pay them.
            for account in &mut accounts {
                match account.role {
                    Role::Main => account.opening_balance += salary,
                    Role::Everyday => account.opening_balance += account.monthly_in,
                    _ => {}
                }
            }
        }

        Self {
            entry: *entry,
            identity: identity.to_owned(),
            lang,
            currency,
            key,
            person,
            co_owner,
            co_owner_iban,
            people,
            employer,
            clients,
            suppliers,
            merchants,
            business_merchants,
            accounts,
            salary,
            payday,
            rent,
            co_owner_in,
            card,
            portfolio,
            liability,
            business: business_plan,
        }
    }

    fn portfolio_plan(rng: &mut impl Rng, key: &str, lang: Lang, business: bool) -> PortfolioPlan {
        let id = format!("pf-{key}-1");
        // At least one fund or ETF, so there are monthly buys.
        let (regular, stocks): (Vec<&Instrument>, Vec<&Instrument>) =
            INSTRUMENTS.iter().partition(|i| i.gets_monthly_buys());
        let count = rng.random_range(3..=5);
        let funds = rng.random_range(1..=count.min(3));
        let mut chosen: Vec<&'static Instrument> =
            regular.choose_multiple(rng, funds).copied().collect();
        chosen.extend(stocks.choose_multiple(rng, count - funds).copied());
        let scale = if business { 5 } else { 1 };
        let investments = chosen
            .into_iter()
            .map(|instrument| {
                let worth = rng.random_range(1_000..8_000) * 100 * scale;
                let shares = worth * 10_000 / instrument.base_price;
                let cost = round_to(worth * rng.random_range(80..105) / 100, 1);
                let contribution = if instrument.gets_monthly_buys() {
                    rng.random_range(5..25) * 1_000 * scale
                } else {
                    0
                };
                InvestmentPlan {
                    id: format!("inv-{key}-{}", instrument.isin),
                    instrument,
                    shares,
                    cost,
                    contribution,
                }
            })
            .collect();
        PortfolioPlan {
            id,
            name: if business {
                lang.pick("Cartera de tesorería", "Treasury portfolio")
            } else {
                lang.pick("Cartera de fondos y acciones", "Investment portfolio")
            },
            number: digits(rng, 10),
            investments,
        }
    }

    fn liability_plan(rng: &mut impl Rng, key: &str, lang: Lang, business: bool) -> LiabilityPlan {
        let (kind, name, initial, rate_bp, months, start) = if business {
            (
                "loan",
                lang.pick("Préstamo ICO empresa", "Business loan"),
                rng.random_range(40..120) * 100_000,
                rng.random_range(400..650),
                rng.random_range(7..=10) * 12,
                signed_between(rng, 2021, 3),
            )
        } else if rng.random_bool(0.45) {
            (
                "mortgage",
                lang.pick("Hipoteca vivienda", "Home mortgage"),
                rng.random_range(120..260) * 100_000,
                rng.random_range(180..390),
                [300, 360][rng.random_range(0..2)],
                signed_between(rng, 2015, 8),
            )
        } else {
            (
                "loan",
                lang.pick("Préstamo personal", "Personal loan"),
                rng.random_range(16..60) * 50_000,
                rng.random_range(550..890),
                rng.random_range(6..=9) * 12,
                signed_between(rng, 2022, 2),
            )
        };
        let mut plan = LiabilityPlan {
            id: format!("loan-{key}-1"),
            name,
            kind,
            initial,
            rate_bp,
            months,
            start,
            payment: 0,
        };
        // The annuity formula, with the power by repeated multiplication
        // so every platform rounds alike.
        let rate = plan.monthly_rate();
        let growth = (0..months).fold(1.0_f64, |acc, _| acc * (1.0 + rate));
        plan.payment = (initial as f64 * rate * growth / (growth - 1.0)).round() as i64;
        plan
    }
}

/// A day from 1 January `from_year` over `years` years (a loan's signing day;
/// never after the 28th, so every month has its instalment day).
fn signed_between(rng: &mut impl Rng, from_year: i32, years: i32) -> NaiveDate {
    let month = rng.random_range(0..years * 12);
    let day = rng.random_range(1..=28);
    NaiveDate::from_ymd_opt(from_year + month / 12, 1 + (month % 12) as u32, day)
        .expect("a valid date")
}

fn person_of_other_name(rng: &mut impl Rng, locale: &'static Locale, not: &str) -> Person {
    loop {
        let candidate = person(rng, locale);
        if candidate.name != not {
            return candidate;
        }
    }
}

/// Share of the main account's daily movements that are purchases, and
/// the average net outflow of the rest (transfers, cash), in cents.
const MAIN_DAY_SPEND_SHARE: f64 = 0.70;
const MAIN_DAY_OTHER: f64 = 0.12 * 2_670.0 + 0.10 * 5_670.0 - 0.08 * 5_000.0;

fn merchants_mean(merchants: &[Merchant]) -> f64 {
    merchants
        .iter()
        .map(|m| skewed_mean(m.lo, m.hi))
        .sum::<f64>()
        / merchants.len() as f64
}

// ---------------------------------------------------------------------------
// Movements
// ---------------------------------------------------------------------------

/// What a movement is; turned into text only for the days in the window.
#[derive(Clone, Copy)]
enum Kind {
    Salary,
    Rent,
    Bill(&'static Bill),
    Purchase(&'static Merchant),
    Cash,
    TransferOut {
        person: usize,
        reference: usize,
    },
    TransferIn {
        person: usize,
        reference: usize,
    },
    /// Between two of the customer's own accounts (by index).
    Internal {
        from: usize,
        to: usize,
    },
    FromCoOwner,
    Interest,
    CardSettlement {
        month: u32,
    },
    CardPayment(&'static Merchant),
    Instalment {
        number: u32,
    },
    InvestmentBuy(usize),
    Dividend(usize),
    CardTakings {
        batch: u32,
    },
    TakingsFee,
    BankFee,
    FromClient {
        client: usize,
        invoice: u32,
    },
    ToSupplier {
        supplier: usize,
        invoice: u32,
    },
    Payroll {
        employee: usize,
    },
    SocialSecurity,
    Vat {
        quarter: u32,
    },
}

#[derive(Clone, Copy)]
struct Movement {
    day: NaiveDate,
    /// Value date = operation date + this many days.
    lag: u8,
    cents: i64,
    kind: Kind,
}

/// One card payment.
struct CardMove {
    day: NaiveDate,
    lag: u8,
    cents: i64,
    merchant: &'static Merchant,
}

struct Instalment {
    number: u32,
    day: NaiveDate,
    principal: i64,
    interest: i64,
    /// Still owed after it.
    debt: i64,
}

struct InvestmentMove {
    day: NaiveDate,
    buy: bool,
    /// Shares bought, or held when a dividend is paid (ten-thousandths).
    shares: i64,
    /// Price per share, or dividend per share (cents).
    price: i64,
    /// Cash effect on the settling account (cents): negative for buys.
    cents: i64,
}

struct Position {
    shares: i64,
    cost: i64,
    moves: Vec<InvestmentMove>,
}

impl Customer {
    fn rng(&self, what: &str, index: usize, day: NaiveDate) -> ChaCha8Rng {
        rng_for(&[
            self.entry.id.as_bytes(),
            self.identity.as_bytes(),
            what.as_bytes(),
            &(index as u64).to_be_bytes(),
            &day.num_days_from_ce().to_be_bytes(),
        ])
    }

    /// Card payments from `from` to `to`, by day.
    fn card_moves(&self, from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, Vec<CardMove>> {
        let mut moves = BTreeMap::new();
        for day in from.iter_days().take_while(|day| *day <= to) {
            let mut rng = self.rng("card", 0, day);
            let count = rng.random_range(1..=2);
            let list: Vec<CardMove> = (0..count)
                .map(|_| {
                    let merchant = self.merchants.choose(&mut rng).expect("merchants");
                    CardMove {
                        day,
                        lag: rng.random_range(0..=1),
                        cents: -skewed(&mut rng, merchant.lo, merchant.hi),
                        merchant,
                    }
                })
                .collect();
            moves.insert(day, list);
        }
        moves
    }

    /// The loan's instalments up to `to`.
    fn instalments(&self, to: NaiveDate) -> Vec<Instalment> {
        let plan = &self.liability;
        let rate = plan.monthly_rate();
        let mut debt = plan.initial;
        let mut list = Vec::new();
        for number in 1..=plan.months {
            let day = plus_months(plan.start, number);
            if day > to || debt == 0 {
                break;
            }
            let interest = (debt as f64 * rate).round() as i64;
            let principal = if number == plan.months {
                debt
            } else {
                (plan.payment - interest).min(debt)
            };
            debt -= principal;
            list.push(Instalment {
                number,
                day,
                principal,
                interest,
                debt,
            });
        }
        list
    }

    /// Each investment's buys and dividends from [`HISTORY_START`] to `to`,
    /// and the position they leave.
    fn positions(&self, to: NaiveDate) -> Vec<Position> {
        self.portfolio
            .investments
            .iter()
            .map(|plan| {
                let instrument = plan.instrument;
                let mut position = Position {
                    shares: plan.shares,
                    cost: plan.cost,
                    moves: Vec::new(),
                };
                let mut month = HISTORY_START;
                while month <= to {
                    let buy_day = month.with_day(5).expect("every month has a 5th");
                    if plan.contribution > 0 && buy_day <= to {
                        let price = instrument.price(buy_day);
                        let shares = plan.contribution * 10_000 / price;
                        position.shares += shares;
                        position.cost += plan.contribution;
                        position.moves.push(InvestmentMove {
                            day: buy_day,
                            buy: true,
                            shares,
                            price,
                            cents: -plan.contribution,
                        });
                    }
                    let dividend_day = month.with_day(15).expect("every month has a 15th");
                    if instrument.dividend > 0
                        && month.month().is_multiple_of(3)
                        && dividend_day <= to
                    {
                        let cents = position.shares * instrument.dividend / 10_000;
                        position.moves.push(InvestmentMove {
                            day: dividend_day,
                            buy: false,
                            shares: position.shares,
                            price: instrument.dividend,
                            cents,
                        });
                    }
                    month = plus_months(month, 1);
                }
                position
            })
            .collect()
    }

    /// Movements that follow from the products (card, loan, investments),
    /// per account index and day.
    fn scheduled(
        &self,
        cards: &BTreeMap<NaiveDate, Vec<CardMove>>,
        instalments: &[Instalment],
        positions: &[Position],
    ) -> Vec<BTreeMap<NaiveDate, Vec<Movement>>> {
        let mut scheduled: Vec<BTreeMap<NaiveDate, Vec<Movement>>> =
            self.accounts.iter().map(|_| BTreeMap::new()).collect();
        let main = &mut scheduled[0];
        let mut push = |movement: Movement| main.entry(movement.day).or_default().push(movement);
        if self.card.credit {
            // The previous month's card payments, charged on the 3rd.
            let mut totals: BTreeMap<NaiveDate, i64> = BTreeMap::new();
            for list in cards.values() {
                for card_move in list {
                    let charged = plus_months(first_of_month(card_move.day), 1)
                        .with_day(3)
                        .expect("every month has a 3rd");
                    *totals.entry(charged).or_default() += card_move.cents;
                }
            }
            let last = cards.keys().next_back().copied();
            for (day, cents) in totals {
                if day >= HISTORY_START && last.is_some_and(|last| day <= last) {
                    let month = first_of_month(day)
                        .pred_opt()
                        .expect("not the first day ever")
                        .month();
                    push(Movement {
                        day,
                        lag: 0,
                        cents,
                        kind: Kind::CardSettlement { month },
                    });
                }
            }
        } else {
            for card_move in cards.values().flatten() {
                if card_move.day >= HISTORY_START {
                    push(Movement {
                        day: card_move.day,
                        lag: card_move.lag,
                        cents: card_move.cents,
                        kind: Kind::CardPayment(card_move.merchant),
                    });
                }
            }
        }
        for instalment in instalments {
            if instalment.day >= HISTORY_START {
                push(Movement {
                    day: instalment.day,
                    lag: 0,
                    cents: -(instalment.principal + instalment.interest),
                    kind: Kind::Instalment {
                        number: instalment.number,
                    },
                });
            }
        }
        for (index, position) in positions.iter().enumerate() {
            for investment_move in &position.moves {
                push(Movement {
                    day: investment_move.day,
                    lag: if investment_move.buy { 2 } else { 0 },
                    cents: investment_move.cents,
                    kind: if investment_move.buy {
                        Kind::InvestmentBuy(index)
                    } else {
                        Kind::Dividend(index)
                    },
                });
            }
        }
        scheduled
    }

    /// The movements of account `index` on `day`, in order; `balances`
    /// are every account's balance at the start of the day.
    fn day(
        &self,
        index: usize,
        day: NaiveDate,
        balances: &[i64],
        scheduled: Option<&Vec<Movement>>,
        out: &mut Vec<Movement>,
    ) {
        let account = &self.accounts[index];
        let balance = balances[index];
        let mut rng = self.rng("account", index, day);
        let mut push = |lag: u8, cents: i64, kind: Kind| {
            out.push(Movement {
                day,
                lag,
                cents,
                kind,
            })
        };
        let payday = day.day() == self.payday;
        match account.role {
            Role::Main => {
                if payday {
                    push(0, self.salary, Kind::Salary);
                    for (to, other) in self.accounts.iter().enumerate().skip(1) {
                        push(0, -other.monthly_in, Kind::Internal { from: 0, to });
                    }
                }
                if let Some(rent) = self.rent
                    && day.day() == 1
                {
                    push(0, -rent, Kind::Rent);
                }
                for bill in BILLS.iter().filter(|bill| bill.is_due(day)) {
                    push(0, -rng.random_range(bill.lo..=bill.hi), Kind::Bill(bill));
                }
            }
            Role::Savings | Role::Holiday | Role::Everyday => {
                if payday {
                    push(0, account.monthly_in, Kind::Internal { from: 0, to: index });
                    if account.co_owned {
                        push(1, self.co_owner_in, Kind::FromCoOwner);
                    }
                }
            }
            Role::Operating => {
                let plan = self.business.as_ref().expect("a business plan");
                if day.day() == 1 {
                    push(0, -plan.premises_rent, Kind::Rent);
                }
                if day.weekday() == Weekday::Fri {
                    for (other, excess) in plan.pooling(balances).into_iter().enumerate() {
                        match excess.signum() {
                            1 => push(0, excess, Kind::Internal { from: other, to: 0 }),
                            -1 => push(0, excess, Kind::Internal { from: 0, to: other }),
                            _ => {}
                        }
                    }
                }
                for bill in BILLS.iter().filter(|bill| bill.is_due(day)) {
                    push(0, -rng.random_range(bill.lo..=bill.hi), Kind::Bill(bill));
                }
                if day.day() == 28 {
                    for (employee, pay) in &plan.employees {
                        push(
                            0,
                            -pay,
                            Kind::Payroll {
                                employee: *employee,
                            },
                        );
                    }
                    push(0, -plan.social_security, Kind::SocialSecurity);
                }
                if day.day() == 20 && day.month() % 3 == 1 {
                    let quarter = (day.month() + 8) / 3 % 4 + 1;
                    push(0, -plan.vat, Kind::Vat { quarter });
                }
            }
            Role::Takings | Role::Payments => {
                let plan = self.business.as_ref().expect("a business plan");
                if day.weekday() == Weekday::Fri {
                    let excess = plan.pooling(balances)[index];
                    match excess.signum() {
                        1 => push(0, -excess, Kind::Internal { from: index, to: 0 }),
                        -1 => push(0, -excess, Kind::Internal { from: 0, to: index }),
                        _ => {}
                    }
                }
            }
        }
        if let Some(scheduled) = scheduled {
            out.extend(scheduled.iter().copied());
        }
        let mut push = |lag: u8, cents: i64, kind: Kind| {
            out.push(Movement {
                day,
                lag,
                cents,
                kind,
            })
        };
        match account.role {
            Role::Main => {
                for _ in 0..rng.random_range(1..=2) {
                    let references = self.lang.pick(ES_REFERENCES, EN_REFERENCES).len();
                    match rng.random_range(0..100) {
                        0..70 => {
                            let merchant = self.merchants.choose(&mut rng).expect("merchants");
                            let cents = skewed(&mut rng, merchant.lo, merchant.hi);
                            push(rng.random_range(0..=2), -cents, Kind::Purchase(merchant));
                        }
                        70..82 => {
                            let person = rng.random_range(1..self.people.len());
                            let reference = rng.random_range(0..references);
                            let cents = skewed(&mut rng, 1_000, 6_000);
                            push(0, -cents, Kind::TransferOut { person, reference });
                        }
                        82..92 => {
                            let cents = [2_000, 5_000, 10_000][rng.random_range(0..3)];
                            push(0, -cents, Kind::Cash);
                        }
                        _ => {
                            let person = rng.random_range(1..self.people.len());
                            let reference = rng.random_range(0..references);
                            let cents = skewed(&mut rng, 1_500, 12_000);
                            push(
                                rng.random_range(0..=1),
                                cents,
                                Kind::TransferIn { person, reference },
                            );
                        }
                    }
                }
            }
            Role::Everyday => {
                // A joint account pays the household's shopping every day.
                if account.co_owned || rng.random_bool(0.5) {
                    let merchant = self.merchants.choose(&mut rng).expect("merchants");
                    let cents = skewed(&mut rng, merchant.lo, merchant.hi);
                    push(rng.random_range(0..=2), -cents, Kind::Purchase(merchant));
                }
            }
            Role::Savings | Role::Holiday => {
                if is_last_of_month(day) {
                    let interest = (balance as f64 * account.interest_rate / 12.0).round() as i64;
                    if interest > 0 {
                        push(0, interest, Kind::Interest);
                    }
                }
            }
            Role::Operating | Role::Takings | Role::Payments => {
                let plan = self.business.as_ref().expect("a business plan");
                let mix = &plan.mixes[index];
                for _ in 0..rng.random_range(BUSY_MIN_PER_DAY..=BUSY_MAX_PER_DAY) {
                    if rng.random_bool(mix.p_in) {
                        let cents = skewed(&mut rng, mix.in_lo, mix.in_hi);
                        let kind = if mix.takings {
                            Kind::CardTakings {
                                batch: rng.random_range(100_000..1_000_000),
                            }
                        } else {
                            Kind::FromClient {
                                client: rng.random_range(0..self.clients.len()),
                                invoice: rng.random_range(1..100_000),
                            }
                        };
                        push(rng.random_range(0..=1), cents, kind);
                        continue;
                    }
                    let spend = mix.pick_spend(&mut rng);
                    let cents = -skewed(&mut rng, spend.lo, spend.hi);
                    let kind = match spend.kind {
                        SpendKind::Supplier => Kind::ToSupplier {
                            supplier: rng.random_range(0..self.suppliers.len()),
                            invoice: rng.random_range(1..100_000),
                        },
                        SpendKind::Purchase => Kind::Purchase(
                            self.business_merchants.choose(&mut rng).expect("merchants"),
                        ),
                        SpendKind::TakingsFee => Kind::TakingsFee,
                        SpendKind::BankFee => Kind::BankFee,
                    };
                    push(0, cents, kind);
                }
            }
        }
    }

    // -----------------------------------------------------------------------
    // Records
    // -----------------------------------------------------------------------

    fn holder_party(&self, account: usize) -> data::Party {
        data::Party {
            name: self.person.name.clone(),
            iban: Some(self.accounts[account].iban.clone()),
        }
    }

    fn party(counterparty: &Counterparty) -> data::Party {
        data::Party {
            name: counterparty.name.clone(),
            iban: Some(counterparty.iban.clone()),
        }
    }

    /// Description, category and transfer details of a movement on account
    /// `account`.
    fn describe(
        &self,
        account: usize,
        movement: &Movement,
    ) -> (String, &'static str, Option<data::Transfer>) {
        let lang = self.lang;
        let month = lang.month(movement.day.month());
        let year = movement.day.year();
        let transfer = |payer: data::Party, payee: data::Party, reference: String| {
            Some(data::Transfer {
                payer,
                payee,
                reference: Some(reference),
            })
        };
        let me = || self.holder_party(account);
        match movement.kind {
            Kind::Salary => (
                format!("{} {}", lang.pick("Nómina", "Salary"), self.employer.name),
                category::SALARY,
                transfer(
                    Self::party(&self.employer),
                    me(),
                    format!("{} {month} {year}", lang.pick("Nómina", "Salary")),
                ),
            ),
            Kind::Rent => {
                let landlord = &self.people[0];
                let what = if self.business.is_some() {
                    lang.pick("Alquiler local", "Premises rent")
                } else {
                    lang.pick("Alquiler", "Rent")
                };
                (
                    format!("{what} {month} {year}"),
                    category::HOUSING,
                    transfer(me(), Self::party(landlord), format!("{what} {month}")),
                )
            }
            Kind::Bill(bill) => (lang.pick(bill.es, bill.en).to_owned(), bill.category, None),
            Kind::Purchase(merchant) => (
                format!(
                    "{} {}",
                    lang.pick("Compra en", "Purchase at"),
                    merchant.name
                ),
                merchant.category,
                None,
            ),
            Kind::Cash => (
                lang.pick("Retirada de efectivo en cajero", "Cash withdrawal ATM")
                    .to_owned(),
                category::CASH,
                None,
            ),
            Kind::TransferOut { person, reference } => {
                let friend = &self.people[person];
                let reference = lang.pick(ES_REFERENCES, EN_REFERENCES)[reference].to_owned();
                (
                    format!(
                        "{} {}",
                        lang.pick("Transferencia a", "Transfer to"),
                        friend.name
                    ),
                    category::TRANSFERS,
                    transfer(me(), Self::party(friend), reference),
                )
            }
            Kind::TransferIn { person, reference } => {
                let friend = &self.people[person];
                let reference = lang.pick(ES_REFERENCES, EN_REFERENCES)[reference].to_owned();
                (
                    format!(
                        "{} {}",
                        lang.pick("Transferencia de", "Transfer from"),
                        friend.name
                    ),
                    category::TRANSFERS,
                    transfer(Self::party(friend), me(), reference),
                )
            }
            Kind::Internal { from, to } => {
                let description = if account == from {
                    format!(
                        "{} {}",
                        lang.pick("Traspaso a", "Transfer to"),
                        self.accounts[to].alias
                    )
                } else {
                    format!(
                        "{} {}",
                        lang.pick("Traspaso desde", "Transfer from"),
                        self.accounts[from].alias
                    )
                };
                let reference = match self.accounts[to].role {
                    Role::Savings | Role::Holiday => lang.pick("Ahorro mensual", "Monthly savings"),
                    Role::Everyday => lang.pick("Gastos del mes", "Monthly budget"),
                    Role::Payments => lang.pick("Provisión de fondos", "Payments funding"),
                    _ => lang.pick("Barrido de saldos", "Cash sweep"),
                };
                let category = match self.accounts[to].role {
                    Role::Savings | Role::Holiday => category::SAVINGS,
                    _ => category::TRANSFERS,
                };
                (
                    description,
                    category,
                    transfer(
                        self.holder_party(from),
                        self.holder_party(to),
                        reference.to_owned(),
                    ),
                )
            }
            Kind::FromCoOwner => (
                format!(
                    "{} {}",
                    lang.pick("Transferencia de", "Transfer from"),
                    self.co_owner.name
                ),
                category::TRANSFERS,
                transfer(
                    data::Party {
                        name: self.co_owner.name.clone(),
                        iban: Some(self.co_owner_iban.clone()),
                    },
                    me(),
                    lang.pick("Gastos comunes", "Shared expenses").to_owned(),
                ),
            ),
            Kind::Interest => (
                lang.pick("Liquidación de intereses", "Interest paid")
                    .to_owned(),
                category::SAVINGS,
                None,
            ),
            Kind::CardSettlement { month } => (
                format!(
                    "{} {} ****{} {}",
                    lang.pick("Liquidación tarjeta", "Card statement"),
                    self.card.name,
                    self.card.last4,
                    lang.month(month)
                ),
                category::CARDS,
                None,
            ),
            Kind::CardPayment(merchant) => (
                format!(
                    "{} ****{} {}",
                    lang.pick("Compra tarjeta", "Card payment"),
                    self.card.last4,
                    merchant.name
                ),
                merchant.category,
                None,
            ),
            Kind::Instalment { number } => (
                format!(
                    "{} {} {number}/{}",
                    lang.pick("Cuota", "Instalment"),
                    self.liability.name,
                    self.liability.months
                ),
                if self.liability.kind == "mortgage" {
                    category::HOUSING
                } else {
                    category::LOANS
                },
                None,
            ),
            Kind::InvestmentBuy(index) => (
                format!(
                    "{} {}",
                    lang.pick("Compra", "Buy"),
                    self.portfolio.investments[index].instrument.name
                ),
                category::INVESTMENTS,
                None,
            ),
            Kind::Dividend(index) => (
                format!(
                    "{} {}",
                    lang.pick("Dividendo", "Dividend"),
                    self.portfolio.investments[index].instrument.name
                ),
                category::INVESTMENTS,
                None,
            ),
            Kind::CardTakings { batch } => (
                format!(
                    "{} {batch}",
                    lang.pick("Abono remesa TPV", "Card takings batch")
                ),
                category::SALES,
                None,
            ),
            Kind::TakingsFee => (
                lang.pick("Comisión TPV", "Card terminal fee").to_owned(),
                category::FEES,
                None,
            ),
            Kind::BankFee => (
                lang.pick("Comisión servicio banca empresas", "Business banking fee")
                    .to_owned(),
                category::FEES,
                None,
            ),
            Kind::FromClient { client, invoice } => {
                let client = &self.clients[client];
                (
                    format!(
                        "{} {} {} {invoice}",
                        lang.pick("Transferencia de", "Payment from"),
                        client.name,
                        lang.pick("Fra.", "inv.")
                    ),
                    category::SALES,
                    transfer(
                        Self::party(client),
                        me(),
                        format!("{}-{year}-{invoice:05}", lang.pick("FRA", "INV")),
                    ),
                )
            }
            Kind::ToSupplier { supplier, invoice } => {
                let supplier = &self.suppliers[supplier];
                (
                    format!(
                        "{} {} {} {invoice}",
                        lang.pick("Pago a", "Payment to"),
                        supplier.name,
                        lang.pick("Fra.", "inv.")
                    ),
                    category::SUPPLIERS,
                    transfer(me(), Self::party(supplier), format!("{invoice:05}")),
                )
            }
            Kind::Payroll { employee } => {
                let employee = &self.people[employee];
                (
                    format!("{} {}", lang.pick("Nómina", "Salary"), employee.name),
                    category::SALARY,
                    transfer(
                        me(),
                        Self::party(employee),
                        format!("{} {month} {year}", lang.pick("Nómina", "Salary")),
                    ),
                )
            }
            Kind::SocialSecurity => (
                lang.pick(
                    "TGSS Cotización régimen general",
                    "Employer social contributions",
                )
                .to_owned(),
                category::TAXES,
                None,
            ),
            Kind::Vat { quarter } => (
                match lang {
                    Lang::Es => format!("AEAT Modelo 303 IVA {quarter}T"),
                    Lang::En => format!("VAT return Q{quarter}"),
                },
                category::TAXES,
                None,
            ),
        }
    }

    fn transaction(
        &self,
        account: usize,
        n: usize,
        movement: &Movement,
        balance: i64,
    ) -> data::Transaction {
        let plan = &self.accounts[account];
        let (description, category, transfer) = self.describe(account, movement);
        data::Transaction {
            id: format!("{}-{}-{n}", plan.id, compact(movement.day)),
            account_id: plan.id.clone(),
            amount: money(movement.cents),
            balance: money(balance),
            currency: self.currency.to_owned(),
            operation_date: date(movement.day),
            value_date: date(plus_days(movement.day, movement.lag)),
            description,
            category: category.to_owned(),
            transfer,
        }
    }

    fn extract(&self, request: &ExtractionRequest) -> Extraction {
        let to = request.to;
        let from = request.from.max(HISTORY_START);
        let in_window = |day: NaiveDate| from <= day && day <= to;

        // A month before the history, for the first card statement.
        let cards = self.card_moves(HISTORY_START - Days::new(31), to);
        let instalments = self.instalments(to);
        let positions = self.positions(to);
        let scheduled = self.scheduled(&cards, &instalments, &positions);

        // Day by day across all accounts, as the weekly pooling moves money
        // by the accounts' balances.
        let mut balances: Vec<i64> = self.accounts.iter().map(|a| a.opening_balance).collect();
        let mut per_account: Vec<Vec<data::Transaction>> =
            self.accounts.iter().map(|_| Vec::new()).collect();
        let mut moves = Vec::with_capacity(64);
        for day in HISTORY_START.iter_days().take_while(|day| *day <= to) {
            let opening = balances.clone();
            for (index, balance) in balances.iter_mut().enumerate() {
                moves.clear();
                self.day(index, day, &opening, scheduled[index].get(&day), &mut moves);
                for (n, movement) in moves.iter().enumerate() {
                    *balance += movement.cents;
                    if day >= from {
                        per_account[index].push(self.transaction(index, n + 1, movement, *balance));
                    }
                }
            }
        }
        let transactions: Vec<data::Transaction> = per_account.into_iter().flatten().collect();
        let mut accounts = Vec::with_capacity(self.accounts.len());
        for (plan, balance) in self.accounts.iter().zip(balances) {
            accounts.push(data::Account {
                id: plan.id.clone(),
                iban: plan.iban.clone(),
                alias: plan.alias.to_owned(),
                account_type: plan.account_type.to_owned(),
                currency: self.currency.to_owned(),
                balance: money(balance),
                available_balance: money(balance),
                entity: self.entry.name.to_owned(),
                is_owner: true,
                num_owners: if plan.co_owned { 2 } else { 1 },
                opening_date: date(plan.opening_date),
            });
        }

        Extraction {
            accounts: Ok(accounts),
            transactions: Ok(transactions),
            cards: Ok(vec![self.card_record(&cards, to)]),
            card_transactions: Ok(self.card_transactions(&cards, in_window)),
            portfolios: Ok(vec![self.portfolio_record(&positions, to)]),
            investments: Ok(self.investment_records(&positions, to)),
            investment_transactions: Ok(self.investment_transactions(&positions, in_window)),
            liabilities: Ok(vec![self.liability_record(&instalments)]),
            liability_transactions: Ok(self.liability_transactions(&instalments, in_window)),
            identities: Ok(vec![self.identity_record()]),
            holders: Ok(self.holder_records()),
            consent: Consent::Valid,
            older_history_from: (HISTORY_START < request.from).then_some(HISTORY_START),
        }
    }

    fn card_record(&self, cards: &BTreeMap<NaiveDate, Vec<CardMove>>, to: NaiveDate) -> data::Card {
        // This month's payments so far (none before the history starts).
        let cycle = first_of_month(to).max(HISTORY_START);
        let spent: i64 = -cards
            .iter()
            .filter(|(day, _)| cycle <= **day && **day <= to)
            .flat_map(|(_, list)| list)
            .map(|card_move| card_move.cents)
            .sum::<i64>();
        data::Card {
            id: self.card.id.clone(),
            account_id: self.accounts[0].id.clone(),
            name: self.card.name.to_owned(),
            card_number: format!("**** **** **** {}", self.card.last4),
            card_type: if self.card.credit { "credit" } else { "debit" }.to_owned(),
            currency: self.currency.to_owned(),
            balance: money(spent),
            limit: money(self.card.limit),
            available: money((self.card.limit - spent).max(0)),
            expiration_date: date(self.card.expiration),
        }
    }

    fn card_transactions(
        &self,
        cards: &BTreeMap<NaiveDate, Vec<CardMove>>,
        in_window: impl Fn(NaiveDate) -> bool,
    ) -> Vec<data::CardTransaction> {
        let lang = self.lang;
        cards
            .iter()
            .filter(|(day, _)| in_window(**day))
            .flat_map(|(day, list)| {
                list.iter()
                    .enumerate()
                    .map(move |(n, card_move)| data::CardTransaction {
                        id: format!("{}-{}-{}", self.card.id, compact(*day), n + 1),
                        card_id: self.card.id.clone(),
                        amount: money(card_move.cents),
                        currency: self.currency.to_owned(),
                        operation_date: date(card_move.day),
                        value_date: date(plus_days(card_move.day, card_move.lag)),
                        description: format!(
                            "{} {}",
                            lang.pick("Compra en", "Purchase at"),
                            card_move.merchant.name
                        ),
                        category: card_move.merchant.category.to_owned(),
                        merchant: card_move.merchant.name.to_owned(),
                    })
            })
            .collect()
    }

    fn investment_records(&self, positions: &[Position], to: NaiveDate) -> Vec<data::Investment> {
        self.portfolio
            .investments
            .iter()
            .zip(positions)
            .map(|(plan, position)| {
                let price = plan.instrument.price(to);
                data::Investment {
                    id: plan.id.clone(),
                    portfolio_id: self.portfolio.id.clone(),
                    isin: plan.instrument.isin.to_owned(),
                    name: plan.instrument.name.to_owned(),
                    investment_type: plan.instrument.kind.to_owned(),
                    currency: self.currency.to_owned(),
                    shares: position.shares as f64 / 10_000.0,
                    price: money(price),
                    value: money(position_value(position.shares, price)),
                    cost: money(position.cost),
                }
            })
            .collect()
    }

    fn portfolio_record(&self, positions: &[Position], to: NaiveDate) -> data::Portfolio {
        let value: i64 = self
            .portfolio
            .investments
            .iter()
            .zip(positions)
            .map(|(plan, position)| position_value(position.shares, plan.instrument.price(to)))
            .sum();
        data::Portfolio {
            id: self.portfolio.id.clone(),
            name: self.portfolio.name.to_owned(),
            portfolio_number: self.portfolio.number.clone(),
            currency: self.currency.to_owned(),
            value: money(value),
            account_id: Some(self.accounts[0].id.clone()),
        }
    }

    fn investment_transactions(
        &self,
        positions: &[Position],
        in_window: impl Fn(NaiveDate) -> bool,
    ) -> Vec<data::InvestmentTransaction> {
        let lang = self.lang;
        let mut list = Vec::new();
        for (plan, position) in self.portfolio.investments.iter().zip(positions) {
            for investment_move in position.moves.iter().filter(|m| in_window(m.day)) {
                let (kind, what, lag) = if investment_move.buy {
                    ("buy", lang.pick("Compra", "Buy"), 2)
                } else {
                    ("dividend", lang.pick("Dividendo", "Dividend"), 0)
                };
                list.push(data::InvestmentTransaction {
                    id: format!("{}-{}-{kind}", plan.id, compact(investment_move.day)),
                    investment_id: plan.id.clone(),
                    isin: plan.instrument.isin.to_owned(),
                    transaction_type: kind.to_owned(),
                    shares: investment_move.shares as f64 / 10_000.0,
                    price: money(investment_move.price),
                    amount: money(investment_move.cents),
                    currency: self.currency.to_owned(),
                    operation_date: date(investment_move.day),
                    value_date: date(plus_days(investment_move.day, lag)),
                    description: format!("{what} {}", plan.instrument.name),
                });
            }
        }
        list
    }

    fn liability_record(&self, instalments: &[Instalment]) -> data::Liability {
        let plan = &self.liability;
        data::Liability {
            id: plan.id.clone(),
            name: plan.name.to_owned(),
            liability_type: plan.kind.to_owned(),
            currency: self.currency.to_owned(),
            initial_amount: money(plan.initial),
            debt: money(instalments.last().map_or(plan.initial, |last| last.debt)),
            interest_rate: plan.rate_bp as f64 / 100.0,
            monthly_payment: money(plan.payment),
            start_date: date(plan.start),
            end_date: date(plus_months(plan.start, plan.months)),
            account_id: Some(self.accounts[0].id.clone()),
        }
    }

    fn liability_transactions(
        &self,
        instalments: &[Instalment],
        in_window: impl Fn(NaiveDate) -> bool,
    ) -> Vec<data::LiabilityTransaction> {
        let plan = &self.liability;
        instalments
            .iter()
            .filter(|instalment| in_window(instalment.day))
            .map(|instalment| data::LiabilityTransaction {
                id: format!("{}-{}", plan.id, compact(instalment.day)),
                liability_id: plan.id.clone(),
                amount: money(instalment.principal + instalment.interest),
                principal: money(instalment.principal),
                interest: money(instalment.interest),
                currency: self.currency.to_owned(),
                operation_date: date(instalment.day),
                value_date: date(instalment.day),
                description: format!(
                    "{} {}/{} {}",
                    self.lang.pick("Cuota", "Instalment"),
                    instalment.number,
                    plan.months,
                    plan.name
                ),
            })
            .collect()
    }

    fn identity_record(&self) -> data::Identity {
        let person = &self.person;
        data::Identity {
            id: format!("auth-{}", self.key),
            name: person.name.clone(),
            document_type: person.document_type.to_owned(),
            document_number: person.document_number.clone(),
            email: Some(person.email.clone()),
            phone: Some(person.phone.clone()),
            address: Some(person.address.clone()),
            birth_date: Some(date(person.birth_date)),
        }
    }

    fn holder_records(&self) -> Vec<data::Holder> {
        let mut holders = Vec::new();
        for account in &self.accounts {
            holders.push(data::Holder {
                id: format!("{}-h1", account.id),
                account_id: account.id.clone(),
                name: self.person.name.clone(),
                role: "owner".to_owned(),
                document_number: Some(self.person.document_number.clone()),
            });
            if account.co_owned {
                holders.push(data::Holder {
                    id: format!("{}-h2", account.id),
                    account_id: account.id.clone(),
                    name: self.co_owner.name.clone(),
                    role: "co-owner".to_owned(),
                    document_number: Some(self.co_owner.document_number.clone()),
                });
            }
        }
        holders
    }
}

/// Shares (ten-thousandths) × price (cents), in cents.
fn position_value(shares: i64, price: i64) -> i64 {
    (i128::from(shares) * i128::from(price) + 5_000).div_euclid(10_000) as i64
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap, HashSet};

    use super::*;
    use crate::bank::sandbox::BANKS;

    fn ymd(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    fn window(from: &str, to: &str) -> ExtractionRequest {
        ExtractionRequest {
            from: ymd(from),
            to: ymd(to),
            first: true,
        }
    }

    fn extract(bank: &CatalogueEntry, user: &str, request: &ExtractionRequest) -> Extraction {
        let profile = if user == "user_busy" {
            Profile::Business
        } else {
            Profile::Personal
        };
        extraction(bank, &format!("{}:{user}", bank.id), profile, request)
    }

    fn ok<T>(product: &super::super::connector::Product<T>) -> &[T] {
        product.as_deref().expect("the product is present")
    }

    fn json(extraction: &Extraction) -> String {
        serde_json::json!({
            "accounts": ok(&extraction.accounts),
            "transactions": ok(&extraction.transactions),
            "cards": ok(&extraction.cards),
            "card_transactions": ok(&extraction.card_transactions),
            "portfolios": ok(&extraction.portfolios),
            "investments": ok(&extraction.investments),
            "investment_transactions": ok(&extraction.investment_transactions),
            "liabilities": ok(&extraction.liabilities),
            "liability_transactions": ok(&extraction.liability_transactions),
            "identities": ok(&extraction.identities),
            "holders": ok(&extraction.holders),
            "older_history_from": extraction.older_history_from,
        })
        .to_string()
    }

    fn cents(amount: f64) -> i64 {
        (amount * 100.0).round() as i64
    }

    fn is_cents(amount: f64) -> bool {
        cents(amount) as f64 / 100.0 == amount
    }

    /// ISO 13616, written apart from the module's: the rearranged number
    /// as a decimal string, reduced seven digits at a time.
    fn iban_is_valid(iban: &str) -> bool {
        if iban.len() < 15
            || !iban
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return false;
        }
        let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
        let number: String = rearranged
            .chars()
            .map(|c| c.to_digit(36).expect("alphanumeric").to_string())
            .collect();
        let mut rest = 0u64;
        for chunk in number.as_bytes().chunks(7) {
            let chunk = std::str::from_utf8(chunk).expect("digits");
            rest = format!("{rest}{chunk}").parse::<u64>().expect("digits") % 97;
        }
        rest == 1
    }

    /// ISIN: two letters, nine alphanumerics and a Luhn check digit over
    /// the digits with letters expanded (A = 10 … Z = 35).
    fn isin_is_valid(isin: &str) -> bool {
        if isin.len() != 12 || !isin[..2].bytes().all(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let mut expanded = Vec::new();
        for c in isin.chars() {
            let Some(value) = c.to_digit(36) else {
                return false;
            };
            expanded.extend(
                value
                    .to_string()
                    .chars()
                    .map(|d| d.to_digit(10).expect("a digit")),
            );
        }
        let sum: u32 = expanded
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 1 {
                    (d * 2) / 10 + (d * 2) % 10
                } else {
                    d
                }
            })
            .sum();
        sum.is_multiple_of(10)
    }

    const IBAN_LENGTHS: [(&str, usize); 6] = [
        ("ES", 24),
        ("PT", 25),
        ("FR", 27),
        ("DE", 22),
        ("IT", 27),
        ("GB", 22),
    ];

    /// Where the bank code sits in each country's IBAN.
    fn bank_part(iban: &str) -> &str {
        match &iban[..2] {
            "ES" | "PT" | "GB" => &iban[4..8],
            "FR" => &iban[4..9],
            "IT" => &iban[5..10],
            _ => &iban[4..12],
        }
    }

    #[test]
    fn the_reference_checks_know_real_ibans_and_isins() {
        assert!(iban_is_valid("GB82WEST12345698765432"));
        assert!(iban_is_valid("DE89370400440532013000"));
        assert!(!iban_is_valid("GB82WEST12345698765433"));
        assert!(isin_is_valid("US0378331005"));
        assert!(!isin_is_valid("US0378331006"));
    }

    #[test]
    fn the_same_request_gives_the_same_data() {
        let request = window("2025-01-01", "2025-03-31");
        for bank in [&BANKS[0], &BANKS[6]] {
            let first = json(&extract(bank, "user_good", &request));
            let second = json(&extract(bank, "user_good", &request));
            assert_eq!(first, second, "{}", bank.id);
        }
        let other = json(&extract(&BANKS[0], "user_sca", &request));
        assert_ne!(
            json(&extract(&BANKS[0], "user_good", &request)),
            other,
            "another login is another customer"
        );
    }

    #[test]
    fn a_record_is_the_same_whatever_the_window() {
        for bank in [&BANKS[0], &BANKS[3]] {
            let short = extract(bank, "user_good", &window("2025-01-01", "2025-06-30"));
            let long = extract(bank, "user_good", &window("2024-06-01", "2025-06-30"));
            fn by_id<T: serde::Serialize>(records: &[T]) -> HashMap<String, String> {
                records
                    .iter()
                    .map(|record| {
                        let value = serde_json::to_value(record).expect("serialises");
                        (
                            value["_id"].as_str().expect("an id").to_owned(),
                            value.to_string(),
                        )
                    })
                    .collect()
            }
            fn contained<T: serde::Serialize>(short: &[T], long: &[T]) {
                let long = by_id(long);
                assert!(!short.is_empty());
                for (id, record) in by_id(short) {
                    assert_eq!(long.get(&id), Some(&record), "{id}");
                }
            }
            contained(ok(&short.transactions), ok(&long.transactions));
            contained(ok(&short.card_transactions), ok(&long.card_transactions));
            contained(
                ok(&short.investment_transactions),
                ok(&long.investment_transactions),
            );
            contained(
                ok(&short.liability_transactions),
                ok(&long.liability_transactions),
            );
            // Same `to`: the same balances, positions and people.
            assert_eq!(ok(&short.accounts), ok(&long.accounts));
            assert_eq!(ok(&short.investments), ok(&long.investments));
            assert_eq!(ok(&short.identities), ok(&long.identities));
            assert_eq!(ok(&short.holders), ok(&long.holders));
            assert!(ok(&long.transactions).len() > ok(&short.transactions).len());
        }
    }

    #[test]
    fn every_iban_is_valid_and_fits_its_country() {
        let request = window("2025-04-01", "2025-06-30");
        let lengths: HashMap<_, _> = IBAN_LENGTHS.into_iter().collect();
        for bank in BANKS {
            let mut bank_codes = HashSet::new();
            for user in ["user_good", "user_sca", "user_partial", "user_blocked"] {
                let extraction = extract(bank, user, &request);
                for account in ok(&extraction.accounts) {
                    assert!(iban_is_valid(&account.iban), "{}", account.iban);
                    assert_eq!(&account.iban[..2], bank.country);
                    assert_eq!(
                        account.iban.len(),
                        lengths[bank.country],
                        "{}",
                        account.iban
                    );
                    bank_codes.insert(bank_part(&account.iban).to_owned());
                }
                let mut transfers = 0;
                for transaction in ok(&extraction.transactions) {
                    let Some(transfer) = &transaction.transfer else {
                        continue;
                    };
                    transfers += 1;
                    for party in [&transfer.payer, &transfer.payee] {
                        let iban = party.iban.as_deref().expect("transfers carry IBANs");
                        assert!(iban_is_valid(iban), "{iban}");
                        assert_eq!(iban.len(), lengths[&iban[..2]], "{iban}");
                    }
                }
                assert!(transfers > 0);
            }
            assert_eq!(
                bank_codes.len(),
                1,
                "one bank code per bank: {bank_codes:?}"
            );
        }
    }

    #[test]
    fn spanish_ibans_carry_their_national_control_digits() {
        let extraction = extract(&BANKS[0], "user_good", &window("2025-04-01", "2025-06-30"));
        let weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
        let control = |ten: &str| {
            let sum: u32 = ten
                .chars()
                .zip(weights)
                .map(|(c, w)| c.to_digit(10).expect("a digit") * w)
                .sum();
            (11 - sum % 11) % 11 % 10 + u32::from(11 - sum % 11 == 10)
        };
        for account in ok(&extraction.accounts) {
            let bban = &account.iban[4..];
            let first = control(&format!("00{}", &bban[..8]));
            let second = control(&bban[10..]);
            assert_eq!(&bban[8..10], format!("{first}{second}"), "{}", account.iban);
        }
    }

    #[test]
    fn isins_have_valid_check_digits() {
        for instrument in INSTRUMENTS {
            assert!(isin_is_valid(instrument.isin), "{}", instrument.isin);
        }
        let extraction = extract(&BANKS[2], "user_good", &window("2025-01-01", "2025-06-30"));
        for investment in ok(&extraction.investments) {
            assert!(isin_is_valid(&investment.isin), "{}", investment.isin);
        }
        for transaction in ok(&extraction.investment_transactions) {
            assert!(isin_is_valid(&transaction.isin), "{}", transaction.isin);
        }
    }

    #[test]
    fn running_balances_add_up() {
        let request = window("2024-11-01", "2025-06-30");
        for bank in BANKS {
            for user in ["user_good", "user_sca"] {
                let extraction = extract(bank, user, &request);
                let transactions = ok(&extraction.transactions);
                for account in ok(&extraction.accounts) {
                    let own: Vec<_> = transactions
                        .iter()
                        .filter(|t| t.account_id == account.id)
                        .collect();
                    assert!(!own.is_empty(), "{}", account.id);
                    for pair in own.windows(2) {
                        assert!(pair[0].operation_date <= pair[1].operation_date);
                        assert_eq!(
                            cents(pair[1].balance),
                            cents(pair[0].balance) + cents(pair[1].amount),
                            "{}",
                            pair[1].id
                        );
                    }
                    let last = own.last().expect("transactions");
                    assert_eq!(account.balance, last.balance);
                    assert_eq!(account.available_balance, last.balance);
                }
                for t in transactions {
                    assert!(is_cents(t.amount) && is_cents(t.balance), "{}", t.id);
                    assert_ne!(t.amount, 0.0, "{}", t.id);
                }
            }
        }
    }

    #[test]
    fn balances_stay_mostly_positive() {
        let request = window("2024-01-01", "2026-06-30");
        for bank in BANKS {
            for user in ["user_good", "user_sca", "user_partial", "user_delayed"] {
                let extraction = extract(bank, user, &request);
                let transactions = ok(&extraction.transactions);
                let negative = transactions.iter().filter(|t| t.balance < 0.0).count();
                assert!(
                    negative * 50 < transactions.len(),
                    "{} {user}: {negative} of {} balances below zero",
                    bank.id,
                    transactions.len()
                );
            }
        }
        let busy = extract(&BANKS[0], "user_busy", &request);
        let transactions = ok(&busy.transactions);
        let negative = transactions.iter().filter(|t| t.balance < 0.0).count();
        assert!(negative * 50 < transactions.len(), "busy: {negative}");
    }

    #[test]
    fn a_busy_business_has_ten_thousand_transactions_in_ninety_days() {
        let to = ymd("2025-06-30");
        let from = to - Days::new(89);
        let request = ExtractionRequest {
            from,
            to,
            first: true,
        };
        let extraction = extract(&BANKS[1], "user_busy", &request);
        assert_eq!(ok(&extraction.accounts).len(), 3);
        let transactions = ok(&extraction.transactions);
        assert!(transactions.len() >= 10_000, "{}", transactions.len());
        let ids: HashSet<_> = transactions.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), transactions.len(), "ids are unique");
        let days: BTreeSet<_> = transactions.iter().map(|t| &t.operation_date).collect();
        assert_eq!(days.len(), 90);
        assert!(
            days.iter()
                .all(|day| day.as_str() >= "2025-04-01" && day.as_str() <= "2025-06-30")
        );
    }

    #[test]
    fn older_history_is_offered_only_when_the_window_starts_after_it() {
        let late = extract(&BANKS[0], "user_good", &window("2025-01-01", "2025-03-31"));
        assert_eq!(late.older_history_from, Some(HISTORY_START));
        let from_start = extract(&BANKS[0], "user_good", &window("2024-01-01", "2024-03-31"));
        assert_eq!(from_start.older_history_from, None);
        let early = extract(&BANKS[0], "user_good", &window("2023-06-01", "2024-03-31"));
        assert_eq!(early.older_history_from, None);
        assert_eq!(
            json(&early),
            json(&from_start),
            "nothing exists before the history"
        );
        let first = ok(&early.transactions)
            .iter()
            .map(|t| t.operation_date.as_str())
            .min();
        assert_eq!(first, Some("2024-01-01"));
    }

    #[test]
    fn a_window_before_the_history_has_no_movements() {
        for user in ["user_good", "user_busy"] {
            let extraction = extract(&BANKS[0], user, &window("2023-01-01", "2023-06-30"));
            assert!(ok(&extraction.transactions).is_empty());
            assert!(ok(&extraction.card_transactions).is_empty());
            assert!(ok(&extraction.investment_transactions).is_empty());
            assert!(ok(&extraction.liability_transactions).is_empty());
            assert!(!ok(&extraction.accounts).is_empty());
            assert_eq!(ok(&extraction.cards)[0].balance, 0.0);
            assert_eq!(extraction.older_history_from, None);
        }
    }

    #[test]
    fn a_default_window_has_every_product() {
        let to = ymd("2025-06-30");
        let request = ExtractionRequest {
            from: to - Days::new(89),
            to,
            first: true,
        };
        for bank in BANKS {
            let extraction = extract(bank, "user_good", &request);
            let accounts = ok(&extraction.accounts);
            assert!((2..=4).contains(&accounts.len()));
            let account_ids: HashSet<_> = accounts.iter().map(|a| a.id.as_str()).collect();
            for account in accounts {
                assert_eq!(account.entity, bank.name);
                let currency = if bank.country == "GB" { "GBP" } else { "EUR" };
                assert_eq!(account.currency, currency);
                assert!(["current", "savings"].contains(&account.account_type.as_str()));
                assert!(account.opening_date.as_str() < "2024-01-01");
            }

            let transactions = ok(&extraction.transactions);
            let days: BTreeSet<_> = transactions.iter().map(|t| &t.operation_date).collect();
            assert!(days.len() >= 90, "{}: {} days", bank.id, days.len());
            let categories: HashSet<_> = transactions.iter().map(|t| t.category.as_str()).collect();
            for expected in ["salary", "groceries", "utilities", "transfers"] {
                assert!(categories.contains(expected), "{}: {expected}", bank.id);
            }
            for t in transactions {
                assert!(account_ids.contains(t.account_id.as_str()));
                assert!(t.id.starts_with(&format!(
                    "{}-{}",
                    t.account_id,
                    t.operation_date.replace('-', "")
                )));
                let lag = (ymd(&t.value_date) - ymd(&t.operation_date)).num_days();
                assert!((0..=2).contains(&lag), "{}", t.id);
                // Money sent or received by transfer says who paid whom;
                // card payments, bills and cash do not.
                match t.category.as_str() {
                    "transfers" | "salary" => assert!(t.transfer.is_some(), "{}", t.id),
                    "groceries" | "restaurants" | "utilities" | "cards" | "cash" => {
                        assert!(t.transfer.is_none(), "{}", t.id)
                    }
                    _ => {}
                }
            }

            let cards = ok(&extraction.cards);
            assert_eq!(cards.len(), 1);
            let card = &cards[0];
            assert_eq!(card.account_id, accounts[0].id);
            assert!(
                card.card_number.starts_with("**** **** **** ") && card.card_number.len() == 19
            );
            assert!(["credit", "debit"].contains(&card.card_type.as_str()));
            let card_transactions = ok(&extraction.card_transactions);
            assert!(card_transactions.len() >= 90);
            assert!(
                card_transactions
                    .iter()
                    .all(|t| t.card_id == card.id && t.amount < 0.0 && !t.merchant.is_empty())
            );

            let portfolios = ok(&extraction.portfolios);
            assert_eq!(portfolios.len(), 1);
            let portfolio = &portfolios[0];
            assert!(account_ids.contains(portfolio.account_id.as_deref().expect("linked")));
            let investments = ok(&extraction.investments);
            assert!((3..=5).contains(&investments.len()));
            let mut total = 0;
            for investment in investments {
                assert_eq!(investment.portfolio_id, portfolio.id);
                let value = cents(investment.value);
                let expected = investment.shares * investment.price;
                assert!(
                    (investment.value - expected).abs() < 0.01,
                    "{}",
                    investment.id
                );
                total += value;
            }
            assert_eq!(cents(portfolio.value), total);
            let investment_transactions = ok(&extraction.investment_transactions);
            let investment_ids: HashSet<_> = investments.iter().map(|i| i.id.as_str()).collect();
            assert!(
                investment_transactions
                    .iter()
                    .any(|t| t.transaction_type == "buy")
            );
            for t in investment_transactions {
                assert!(investment_ids.contains(t.investment_id.as_str()));
                match t.transaction_type.as_str() {
                    "buy" => assert!(t.operation_date.ends_with("-05") && t.amount < 0.0),
                    "dividend" => assert!(t.operation_date.ends_with("-15") && t.amount >= 0.0),
                    other => panic!("{other}"),
                }
            }

            let liabilities = ok(&extraction.liabilities);
            assert_eq!(liabilities.len(), 1);
            let liability = &liabilities[0];
            assert!(account_ids.contains(liability.account_id.as_deref().expect("linked")));
            assert!(liability.debt > 0.0 && liability.debt < liability.initial_amount);
            let instalments = ok(&extraction.liability_transactions);
            assert!(instalments.len() >= 2);
            for t in instalments {
                assert_eq!(t.liability_id, liability.id);
                assert_eq!(cents(t.principal) + cents(t.interest), cents(t.amount));
                assert_eq!(t.amount, liability.monthly_payment);
                // The instalment is charged to the linked account too.
                assert!(
                    transactions
                        .iter()
                        .any(|a| a.operation_date == t.operation_date
                            && a.amount == -t.amount
                            && Some(&a.account_id) == liability.account_id.as_ref())
                );
            }

            let identities = ok(&extraction.identities);
            assert_eq!(identities.len(), 1);
            let identity = &identities[0];
            assert!(!identity.name.is_empty() && identity.email.is_some());
            let holders = ok(&extraction.holders);
            for account in accounts {
                let own: Vec<_> = holders
                    .iter()
                    .filter(|h| h.account_id == account.id)
                    .collect();
                assert_eq!(own.len() as u32, account.num_owners);
                assert_eq!(own.iter().filter(|h| h.role == "owner").count(), 1);
                assert!(own.iter().any(|h| h.name == identity.name));
            }
        }
    }

    #[test]
    fn spanish_documents_have_their_control_letter() {
        assert_eq!(dni_letter(12_345_678), 'Z');
        let letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        let request = window("2025-06-01", "2025-06-30");
        let mut seen = 0;
        for user in [
            "user_good",
            "user_sca",
            "user_partial",
            "user_busy",
            "user_delayed",
            "user_blocked",
        ] {
            for bank in &BANKS[..2] {
                let extraction = extract(bank, user, &request);
                let identity = &ok(&extraction.identities)[0];
                let number = &identity.document_number;
                let (digits, letter) = number.split_at(8);
                let digits = match identity.document_type.as_str() {
                    "dni" => digits.to_owned(),
                    "nie" => digits
                        .replacen('X', "0", 1)
                        .replacen('Y', "1", 1)
                        .replacen('Z', "2", 1),
                    other => panic!("{other}"),
                };
                let value: usize = digits.parse().expect("digits");
                assert_eq!(letter, &letters[value % 23..value % 23 + 1], "{number}");
                seen += 1;
            }
        }
        assert_eq!(seen, 12);
    }
}
