//! Whatever an importer accepts can be shown, reviewed, exported and
//! imported again; whatever it refuses is refused with a structured error
//! naming the record, and nothing is written. Records are generated within
//! and outside the rules, and written as each format writes them: vCard,
//! Google Contacts CSV, LinkedIn CSV and ties' JSON.
//!
//! `TIES_ROUNDTRIP_CASES=2000 cargo test --test roundtrip` for a longer run.

use chrono::NaiveDate;
use proptest::prelude::*;
use ties::Store;
use ties::config::Config;
use ties::dates::Clock;
use ties::error::{FileError, Problem};
use ties::export::snapshot::{ContactRow, Snapshot};
use ties::import::json::{self as json_import, JsonOptions};
use ties::import::{self, CsvOptions, Format, ImportOptions, Layout, Source};
use ties::model::{Kind, Labelled};
use ties::{Error, review};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn store() -> Store {
    Store::open_in_memory(Clock::fixed(today())).unwrap()
}

/// One contact as a file might hold it: each field either within its rule
/// or outside it.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    tag: Option<String>,
    cadence: Option<u32>,
    birthday: Option<String>,
    org: Option<String>,
    note: String,
}

impl Person {
    /// Whether a field the formats all carry breaks its rule: such a record
    /// must be refused by every importer that reads that field.
    fn breaks_cadence(&self) -> bool {
        self.cadence.is_some_and(|d| !(1..=3650).contains(&d))
    }
}

fn person() -> impl Strategy<Value = Person> {
    let name = prop_oneof![
        8 => "[A-Za-zÀ-ÿ]{1,12}( [A-Za-zÀ-ÿ'-]{1,12})?",
        1 => Just("C++ Foundation".to_string()),
        1 => Just("Zoë O'Brien".to_string()),
        1 => Just("x".repeat(501)),
        1 => Just("  ".to_string()),
    ];
    let email = prop_oneof![
        Just(None),
        "[a-z]{1,8}@[a-z]{1,8}\\.(org|fi)".prop_map(Some),
        Just(Some("not-an-address".to_string())),
    ];
    let phone = prop_oneof![
        Just(None),
        "\\+358 [0-9]{2} [0-9]{3} [0-9]{4}".prop_map(Some),
        Just(Some("12".to_string())),
    ];
    let tag = prop_oneof![Just(None), "[A-Za-z]{1,10}( [A-Za-z]{1,6})?".prop_map(Some),];
    let cadence = prop_oneof![
        Just(None),
        (1u32..=3650).prop_map(Some),
        Just(Some(0)),
        Just(Some(3651)),
        Just(Some(1_000_000_000)),
    ];
    let birthday = prop_oneof![
        Just(None),
        Just(Some("1985-07-04".to_string())),
        Just(Some("--02-29".to_string())),
        Just(Some("1850-01-01".to_string())),
        Just(Some("9999-12-31".to_string())),
    ];
    let org = prop_oneof![
        2 => Just(None),
        1 => Just(Some("Kasvu Oy".to_string())),
        1 => Just(Some("C# Foundation".to_string())),
        1 => Just(Some("C++ Foundation".to_string())),
    ];
    let note = prop_oneof![
        Just(String::new()),
        "[a-z ,;]{0,20}",
        Just("line one\nline two".to_string()),
    ];
    (name, email, phone, tag, cadence, birthday, org, note).prop_map(
        |(name, email, phone, tag, cadence, birthday, org, note)| Person {
            name,
            email,
            phone,
            tag,
            cadence,
            birthday,
            org,
            note,
        },
    )
}

fn vcard_text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

fn vcard(people: &[Person]) -> String {
    let mut out = String::new();
    for p in people {
        out.push_str("BEGIN:VCARD\r\nVERSION:4.0\r\n");
        out.push_str(&format!("FN:{}\r\n", vcard_text(&p.name)));
        if let Some(email) = &p.email {
            out.push_str(&format!("EMAIL:{email}\r\n"));
        }
        if let Some(phone) = &p.phone {
            out.push_str(&format!("TEL:{phone}\r\n"));
        }
        if let Some(tag) = &p.tag {
            out.push_str(&format!("CATEGORIES:{}\r\n", vcard_text(tag)));
        }
        if let Some(days) = p.cadence {
            out.push_str(&format!("X-TIES-EVERY:{days}\r\n"));
        }
        if let Some(day) = &p.birthday {
            out.push_str(&format!("BDAY:{day}\r\n"));
        }
        if let Some(org) = &p.org {
            out.push_str(&format!("ORG:{}\r\n", vcard_text(org)));
        }
        if !p.note.is_empty() {
            out.push_str(&format!("NOTE:{}\r\n", vcard_text(&p.note)));
        }
        out.push_str("END:VCARD\r\n");
    }
    out
}

fn csv_cell(value: &str) -> String {
    format!("\"{}\"", value.replace('"', "\"\""))
}

fn google_csv(people: &[Person]) -> String {
    let mut out = String::from(
        "First Name,Last Name,Labels,E-mail 1 - Value,Phone 1 - Value,Birthday,Organization Name,Notes\n",
    );
    for p in people {
        let cells = [
            p.name.clone(),
            String::new(),
            p.tag.clone().unwrap_or_default(),
            p.email.clone().unwrap_or_default(),
            p.phone.clone().unwrap_or_default(),
            p.birthday.clone().unwrap_or_default(),
            p.org.clone().unwrap_or_default(),
            p.note.clone(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn linkedin_csv(people: &[Person]) -> String {
    let mut out =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for p in people {
        let cells = [
            p.name.clone(),
            String::new(),
            String::new(),
            p.email.clone().unwrap_or_default(),
            p.org.clone().unwrap_or_default(),
            String::new(),
            "01 Sep 2026".to_string(),
        ];
        let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn json(people: &[Person]) -> String {
    let contacts = people
        .iter()
        .enumerate()
        .map(|(i, p)| ContactRow {
            id: i as i64 + 1,
            uid: String::new(),
            kind: Kind::Person,
            name: p.name.clone(),
            nickname: String::new(),
            circle: None,
            birthday: p.birthday.clone(),
            dates: Vec::new(),
            other_uids: Vec::new(),
            met_on: None,
            note: p.note.clone(),
            met_how: String::new(),
            met_through: None,
            cadence_days: p.cadence,
            snoozed_until: None,
            archived: false,
            reminders: true,
            created_at: "2026-01-01T12:00:00Z".into(),
            updated_at: "2026-01-01T12:00:00Z".into(),
            emails: p
                .email
                .iter()
                .map(|e| Labelled {
                    value: e.clone(),
                    label: None,
                })
                .collect(),
            phones: p
                .phone
                .iter()
                .map(|e| Labelled {
                    value: e.clone(),
                    label: None,
                })
                .collect(),
            urls: Vec::new(),
            addresses: Vec::new(),
            tags: p.tag.iter().cloned().collect(),
            expertise: Vec::new(),
            related: Vec::new(),
            vcard_extras: Vec::new(),
        })
        .collect();
    let snapshot = Snapshot {
        format: "ties".into(),
        version: 1,
        exported_at: "2026-11-26T12:00:00Z".into(),
        contacts,
        affiliations: Vec::new(),
        networks: Vec::new(),
        memberships: Vec::new(),
        interactions: Vec::new(),
        reviews: Vec::new(),
    };
    serde_json::to_string_pretty(&snapshot).unwrap()
}

fn source(name: &str, text: String) -> Source {
    Source {
        name: name.into(),
        bytes: text.into_bytes(),
    }
}

/// Imports `text` into an empty database as `format` ("json" for ties'
/// own), returning the store and what the import said.
fn import_into_empty(format: &str, text: String) -> (Store, Result<(), Error>) {
    let mut store = store();
    let result = match format {
        "json" => json_import::import(
            &mut store,
            &source("people.json", text),
            JsonOptions::default(),
        )
        .map(|_| ()),
        other => {
            let format = match other {
                "vcard" => Format::Vcard,
                "google" => Format::Csv(CsvOptions::layout(Layout::Google)),
                _ => Format::Csv(CsvOptions::layout(Layout::Linkedin)),
            };
            import::import(
                &mut store,
                format,
                &[source("people", text)],
                &ImportOptions::default(),
            )
            .map(|_| ())
        }
    };
    (store, result)
}

/// Shown, reviewed, exported and imported again, without an error; the
/// JSON export reproduces the contacts exactly.
fn round_trips(store: &mut Store) -> Result<(), TestCaseError> {
    let config = Config::default();
    let listed = store.list_contacts(&Default::default()).unwrap();
    for contact in &listed {
        store.contact_detail(contact.id, None).unwrap();
        review::contact_standing(store, &config, contact.id).unwrap();
    }
    review::weekly_review(store, &config, today(), 0).unwrap();
    let snapshot = store.snapshot().unwrap();
    let json = ties::export::json::write(&snapshot).unwrap();
    let csv_activity = store.activity().unwrap();
    ties::export::csv::write(&snapshot, &csv_activity).unwrap();
    let vcards = ties::export::vcard::write(&snapshot, ties::export::vcard::Version::V4);

    let (again, result) = import_into_empty("json", String::from_utf8(json).unwrap());
    prop_assert!(result.is_ok(), "the JSON export did not import: {result:?}");
    prop_assert_eq!(&again.snapshot().unwrap().contacts, &snapshot.contacts);

    if snapshot.contacts.is_empty() {
        // Every record was skipped (a card that identifies nobody is
        // skipped, not refused): an export of nothing holds no card to read.
        prop_assert!(!vcards.contains("BEGIN:VCARD"), "{vcards}");
        return Ok(());
    }
    let (again, result) = import_into_empty("vcard", vcards);
    prop_assert!(
        result.is_ok(),
        "the vCard export did not import: {result:?}"
    );
    prop_assert_eq!(
        again.count_contacts().unwrap(),
        store.count_contacts().unwrap()
    );
    Ok(())
}

fn cases() -> u32 {
    std::env::var("TIES_ROUNDTRIP_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn accepted_records_round_trip_and_refused_ones_write_nothing(
        people in prop::collection::vec(person(), 1..5),
        format in prop_oneof![Just("vcard"), Just("google"), Just("linkedin"), Just("json")],
    ) {
        let text = match format {
            "vcard" => vcard(&people),
            "google" => google_csv(&people),
            "linkedin" => linkedin_csv(&people),
            _ => json(&people),
        };
        let (mut store, result) = import_into_empty(format, text);
        match result {
            Ok(()) => {
                // What the rules refuse never gets in, by any format that
                // carries the field: a named record that breaks them makes
                // the import fail. (A record with nothing that identifies
                // it is skipped, and reported, whatever else it holds.)
                if matches!(format, "vcard" | "json") {
                    prop_assert!(!people
                        .iter()
                        .any(|p| p.breaks_cadence() && !p.name.trim().is_empty()));
                }
                for contact in store.list_contacts(&Default::default()).unwrap() {
                    let cadence = store.contact_detail(contact.id, None).unwrap().contact.cadence_days;
                    prop_assert!(cadence.is_none_or(|d| (1..=3650).contains(&d)), "{cadence:?}");
                }
                round_trips(&mut store)?;
            }
            Err(error) => {
                let Error::File(f) = &error else {
                    return Err(TestCaseError::fail(format!("not a file error: {error:?}")));
                };
                let FileError { file, problem, .. } = f.as_ref();
                prop_assert!(!file.is_empty());
                if let Problem::Refused(inner) = problem {
                    prop_assert!(
                        matches!(inner, Error::Invalid { .. } | Error::Refused(_)),
                        "{inner:?}"
                    );
                }
                prop_assert_eq!(store.count_contacts().unwrap(), 0, "a refused import wrote");
            }
        }
    }
}
