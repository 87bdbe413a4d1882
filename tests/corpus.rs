//! Every file of the corpus of real vCards and CSV exports
//! (`tests/fixtures/corpus`, see its README) through the core's import: it
//! imports; no card with a name, email or phone is lost (counted here
//! independently of ties' reader); what was renamed, re-encoded or skipped
//! is said; and exporting what was imported and importing that into an
//! empty database gives the same contacts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};
use ties::Store;
use ties::dates::Clock;
use ties::export::vcard::Version;
use ties::import::{self, CsvOptions, Format, ImportOptions, ImportReport, Layout, Source};

/// Files their own sources treat as broken, and why ties refuses them too.
const REFUSED: &[(&str, &str)] = &[
    (
        "FolkerKinzel__VCards/src/FolkerKinzel.VCards.Tests/TestFiles/Cropped_2_1.vcf",
        "truncated",
    ),
    (
        "FolkerKinzel__VCards/src/FolkerKinzel.VCards.Tests/TestFiles/Empty.vcf",
        "not a vCard file",
    ),
    (
        "GNOME__evolution-data-server/tests/libebook/vcard/7.vcf",
        "not a vCard file",
    ),
    (
        "GNOME__evolution-data-server/tests/libebook/vcard/8.vcf",
        "truncated",
    ),
    (
        "GNOME__evolution-data-server/tests/libebook/vcard/9.vcf",
        "truncated",
    ),
    // calcard's 028.vcf is the same file.
    (
        "lucc__khard/test/fixture/vcards/unparsable.vcf",
        "truncated",
    ),
    ("stalwartlabs__calcard/resources/vcard/056.vcf", "truncated"),
];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn files(extensions: &[&str]) -> Vec<PathBuf> {
    fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, extensions, out);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&corpus(), extensions, &mut out);
    out.sort();
    out
}

fn store() -> Store {
    Store::open_in_memory(Clock::fixed(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())).unwrap()
}

fn source(path: &Path) -> Source {
    Source {
        name: path.strip_prefix(corpus()).unwrap().display().to_string(),
        bytes: std::fs::read(path).unwrap(),
    }
}

fn run(store: &mut Store, format: &Format, source: Source) -> ties::Result<ImportReport> {
    import::import(store, format.clone(), &[source], &ImportOptions::default())
}

// ---------------------------------------------------------------------------
// An independent count of what a vCard file holds
// ---------------------------------------------------------------------------

/// What one card holds that identifies a person, read the simplest way.
#[derive(Debug, Default)]
struct Held {
    /// A contact group, not a contact.
    group: bool,
    named: bool,
    emails: Vec<String>,
    phones: Vec<String>,
}

impl Held {
    fn identifies(&self) -> bool {
        !self.group && (self.named || !self.emails.is_empty() || !self.phones.is_empty())
    }
}

/// The file as text: UTF-16 decoded, anything else as UTF-8 with
/// replacements (names are only checked for being there).
fn text_of(bytes: &[u8]) -> String {
    let utf16 = |le: bool, b: &[u8]| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(true, rest),
        [0xfe, 0xff, rest @ ..] => utf16(false, rest),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => utf16(true, bytes),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => utf16(false, bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Every BEGIN:VCARD of the file (nested ones too) with what its card holds.
fn scan(bytes: &[u8]) -> Vec<Held> {
    let text = text_of(bytes).replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        match (line.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(line.to_string()),
        }
    }
    let mut cards: Vec<Held> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for line in lines {
        let Some((head, value)) = line.split_once(':') else {
            continue;
        };
        let name = head
            .split(';')
            .next()
            .unwrap()
            .rsplit('.')
            .next()
            .unwrap()
            .trim()
            .to_uppercase();
        let value = value.trim();
        if value.eq_ignore_ascii_case("VCARD") && name == "BEGIN" {
            cards.push(Held::default());
            open.push(cards.len() - 1);
            continue;
        }
        if value.eq_ignore_ascii_case("VCARD") && name == "END" {
            open.pop();
            continue;
        }
        let Some(&card) = open.last() else { continue };
        let card = &mut cards[card];
        let meaningful = value.chars().any(|c| c.is_alphanumeric());
        match name.as_str() {
            "FN" | "N" | "ORG" | "NICKNAME" if meaningful => card.named = true,
            "KIND" | "X-ADDRESSBOOKSERVER-KIND" => {
                card.group |= value.eq_ignore_ascii_case("group")
            }
            "EMAIL" => {
                let email = value
                    .trim_start_matches("mailto:")
                    .replace("\\;", ";")
                    .replace("\\,", ",")
                    .to_lowercase();
                // Text in another charset than UTF-8 is not compared here.
                if email.contains('@')
                    && !email.contains(char::is_whitespace)
                    && !email.contains('\u{fffd}')
                    && !head.to_uppercase().contains("QUOTED")
                {
                    card.emails.push(email);
                }
            }
            "TEL" if !head.to_uppercase().contains("QUOTED") => {
                let digits: String = value.chars().filter(char::is_ascii_digit).collect();
                if digits.len() >= 3 {
                    card.phones.push(digits);
                }
            }
            _ => {}
        }
    }
    cards
}

/// Every email and the digits of every phone the database holds, its kept
/// vCard lines included (a phone ties cannot hold as a phone stays there).
fn held_by(store: &Store) -> (Vec<String>, String) {
    let snapshot = ties::export::snapshot(store).unwrap();
    let dump: Value =
        serde_json::from_slice(&ties::export::json::write(&snapshot).unwrap()).unwrap();
    let mut emails = Vec::new();
    let mut digits = String::new();
    for c in dump["contacts"].as_array().unwrap() {
        for e in c["emails"].as_array().unwrap() {
            emails.push(e["value"].as_str().unwrap().to_lowercase());
        }
        for p in c["phones"].as_array().unwrap() {
            digits.push_str(
                &p["value"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            );
            digits.push(' ');
        }
        digits.push_str(
            &c.to_string()
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>(),
        );
        digits.push(' ');
    }
    (emails, digits)
}

/// The database's contacts by UID, ids and timestamps left out: what must
/// survive an export and an import into an empty database.
fn contacts_by_uid(store: &Store) -> BTreeMap<String, Value> {
    let snapshot = ties::export::snapshot(store).unwrap();
    let dump: Value =
        serde_json::from_slice(&ties::export::json::write(&snapshot).unwrap()).unwrap();
    let uid_of: BTreeMap<i64, String> = dump["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap(),
                c["uid"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let uid = |v: &Value| {
        v.as_i64()
            .map(|id| json!(uid_of[&id]))
            .unwrap_or(Value::Null)
    };
    let mut out = BTreeMap::new();
    for c in dump["contacts"].as_array().unwrap() {
        let mut c = c.clone();
        let object = c.as_object_mut().unwrap();
        for key in ["id", "created_at", "updated_at"] {
            object.remove(key);
        }
        object["met_through"] = uid(&object["met_through"]);
        // Lines kept from several cards merged into one contact come back
        // out as one card, N lines first: the same lines, not their order.
        let mut extras: Vec<String> = object["vcard_extras"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect();
        extras.sort();
        object["vcard_extras"] = json!(extras);
        let mut related: Vec<String> = object["related"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", uid(&r["contact"]), r["relation"]))
            .collect();
        related.sort();
        object["related"] = json!(related);
        out.insert(c["uid"].as_str().unwrap().to_string(), c);
    }
    let mut affiliations: Vec<String> = dump["affiliations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{} in {} as {} / {}",
                uid(&a["person"]),
                uid(&a["org"]),
                a["title"],
                a["unit"]
            )
        })
        .collect();
    affiliations.sort();
    out.insert("~affiliations".into(), json!(affiliations));
    out
}

/// Export what `store` holds as vCards, import that into an empty database:
/// the same contacts.
fn round_trip(store: &Store, name: &str) {
    round_trip_as(store, name, &[Version::V4, Version::V3]);
}

fn round_trip_as(store: &Store, name: &str, versions: &[Version]) {
    let expected = contacts_by_uid(store);
    if expected.len() == 1 {
        return; // Nothing was imported (only affiliations, empty).
    }
    let snapshot = ties::export::snapshot(store).unwrap();
    for &version in versions {
        let text = ties::export::vcard::write(&snapshot, version);
        let mut copy = self::store();
        let again = Source {
            name: format!("{name} exported"),
            bytes: text.into_bytes(),
        };
        run(&mut copy, &Format::Vcard, again).unwrap_or_else(|e| panic!("{name} {version:?}: {e}"));
        assert_eq!(
            contacts_by_uid(&copy),
            expected,
            "{name}: vCard {version:?} round trip"
        );
    }
}

#[test]
fn every_vcard_of_the_corpus_imports_and_loses_no_one() {
    let files = files(&["vcf", "vcard"]);
    assert!(
        files.len() > 300,
        "the corpus is there: {} files",
        files.len()
    );
    for (file, _) in REFUSED {
        assert!(corpus().join(file).is_file(), "{file} is in the corpus");
    }
    let mut imported_files = 0;
    let mut renamed = 0;
    let mut reencoded = 0;
    let mut skipped = 0;
    for (index, path) in files.iter().enumerate() {
        let source = source(path);
        let name = source.name.clone();
        let held = scan(&source.bytes);
        let mut store = store();
        let result = run(&mut store, &Format::Vcard, source);
        if let Some((_, why)) = REFUSED.iter().find(|(file, _)| *file == name) {
            let err = result
                .err()
                .unwrap_or_else(|| panic!("{name} should be refused"));
            assert!(err.to_string().contains(why), "{name}: {err}");
            continue;
        }
        let report = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        imported_files += 1;
        let records = report.added.len() + report.merged.len() + report.unchanged.len();
        let identifying = held.iter().filter(|h| h.identifies()).count();
        // Cards inside a card's AGENT text are records too, not BEGIN lines.
        assert!(
            records >= identifying,
            "{name}: {records} records for {identifying} cards with a name, email or phone: {report:?}"
        );
        assert!(
            records + report.skipped.len() >= held.len(),
            "{name}: {} cards, {records} imported, {} skipped",
            held.len(),
            report.skipped.len()
        );
        assert!(
            report.skipped.len() <= held.len() - identifying,
            "{name}: a card with a name, email or phone was skipped: {:?}",
            report.skipped
        );
        let (emails, digits) = held_by(&store);
        for card in &held {
            for email in &card.emails {
                assert!(
                    emails.contains(email),
                    "{name}: {email} is lost; the database holds {emails:?}"
                );
            }
            for phone in &card.phones {
                assert!(
                    digits.contains(phone.as_str()),
                    "{name}: phone {phone} is lost"
                );
            }
        }
        renamed += report
            .notes
            .iter()
            .filter(|n| n.kind == import::NoteKind::Renamed)
            .count();
        reencoded += report
            .notes
            .iter()
            .filter(|n| n.kind == import::NoteKind::Reencoded)
            .count();
        skipped += report.skipped.len();
        // Each file one way, 4.0 and 3.0 in turn: the suite stays quick.
        let version = if index % 2 == 0 {
            Version::V4
        } else {
            Version::V3
        };
        round_trip_as(&store, &name, &[version]);
    }
    assert_eq!(imported_files + REFUSED.len(), files.len());
    // The corpus has cards of each kind the summary must tell of.
    assert!(
        renamed >= 15 && reencoded >= 30 && skipped >= 20,
        "{renamed} renamed, {reencoded} re-encoded, {skipped} skipped"
    );
}

/// One file imported into an empty database, with its report.
fn imported(file: &str, format: Format) -> (Store, ImportReport) {
    let mut store = store();
    let report = run(&mut store, &format, source(&corpus().join(file)))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    (store, report)
}

fn contact<'a>(dump: &'a Value, name: &str) -> &'a Value {
    dump["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no contact {name} in {dump}"))
}

fn dump(store: &Store) -> Value {
    let snapshot = ties::export::snapshot(store).unwrap();
    serde_json::from_slice(&ties::export::json::write(&snapshot).unwrap()).unwrap()
}

fn notes(report: &ImportReport) -> String {
    report
        .notes
        .iter()
        .map(|n| format!("{} line {}: {}", n.kind.as_str(), n.line, n.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_hard_cases_of_the_issue_read_right() {
    // CHARSET=SHIFT_JIS (Android's Japanese tests).
    let (store, report) = imported(
        "CyanogenMod__android_frameworks_opt_vcard/tests/res/raw/v21_japanese_1.vcf",
        Format::Vcard,
    );
    assert!(
        notes(&report).contains("re-encoded line 3: read from Shift_JIS"),
        "{}",
        notes(&report)
    );
    assert_eq!(dump(&store)["contacts"][0]["name"], "安藤ロイド");

    // Undeclared 8-bit text (The Bat!): chardetng's guess, said per card.
    let (store, report) = imported(
        "roundcube__roundcubemail/tests/src/thebat.vcf",
        Format::Vcard,
    );
    assert!(
        notes(&report).contains("names no CHARSET; read as windows-1252"),
        "{}",
        notes(&report)
    );
    let name = dump(&store)["contacts"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!name.contains('\u{fffd}'), "{name}");

    // UTF-16 without and with a byte order mark.
    let (_, report) = imported(
        "roundcube__roundcubemail/tests/src/utf-16_sample.vcf",
        Format::Vcard,
    );
    assert!(
        report.detected[0].what.starts_with("UTF-16"),
        "{:?}",
        report.detected
    );
    assert_eq!(report.added.len(), 1);
    let (_, report) = imported(
        "FolkerKinzel__VCards/src/FolkerKinzel.VCards.Tests/TestFiles/MultiAnsiFilterTests/v3Utf16Bom.vcf",
        Format::Vcard,
    );
    assert!(
        report.detected[0].what.starts_with("UTF-16"),
        "{:?}",
        report.detected
    );

    // KDE's X-messaging/aim-All and X-GOOGLE TALK: kept, and given back.
    for (file, line) in [
        (
            "KDE__kcontacts/autotests/data/vcard_legacy_messaging_fields.vcf",
            "X-MESSAGING/TWITTER-ALL:kdecommunity",
        ),
        (
            "stalwartlabs__calcard/resources/vcard/066.vcf",
            "X-GOOGLE TALK;TYPE=WORK:gtalk.john",
        ),
    ] {
        let (store, _) = imported(file, Format::Vcard);
        let text =
            ties::export::vcard::write(&ties::export::snapshot(&store).unwrap(), Version::V4);
        assert!(text.contains(line), "{file}: {text}");
    }

    // A card with only a phone, and one with only a nickname.
    let (_, report) = imported(
        "CyanogenMod__android_frameworks_opt_vcard/tests/res/raw/v21_im.vcf",
        Format::Vcard,
    );
    assert!(notes(&report).contains("renamed"), "{}", notes(&report));

    // A group prefix on BEGIN, lowercase names.
    let (store, _) = imported(
        "py-vobject__vobject/tests/test_vcards.py.vcard_with_groups.vcf",
        Format::Vcard,
    );
    let d = dump(&store);
    let berger = contact(&d, "Meister Berger");
    assert_eq!(berger["emails"][0]["value"], "mb@goerlitz.de");
    assert_eq!(berger["birthday"], "1963-09-21");

    // 2.1 cards nested inside a card: each a contact of its own.
    let (store, report) = imported(
        "CyanogenMod__android_frameworks_opt_vcard/tests/res/raw/v21_nest.vcf",
        Format::Vcard,
    );
    let d = dump(&store);
    for name in ["parent", "nest1", "nest2"] {
        contact(&d, name);
    }
    // Its TEL:1 after the nested cards is the outer card's (kept as
    // written: one digit is no phone number for ties).
    let extras = contact(&d, "parent")["vcard_extras"].to_string();
    assert!(extras.contains("\"TEL:1\""), "{extras}");
    assert!(notes(&report).contains("separated"), "{}", notes(&report));

    // An AGENT written as text: its own contact, related as the agent.
    let (store, _) = imported(
        "stalwartlabs__calcard/resources/vcard/048.vcf",
        Format::Vcard,
    );
    let d = dump(&store);
    let susan = contact(&d, "Susan Thomas");
    assert_eq!(susan["emails"][0]["value"], "sthomas@host.com");

    // A fold that splits a multi-byte character (kcontacts' vcard9).
    let (store, _) = imported("KDE__kcontacts/autotests/data/vcard9.vcf", Format::Vcard);
    let note = dump(&store)["contacts"][0]["note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(note.contains("более 70"), "{note}");
    assert!(!note.contains('\u{fffd}'), "{note}");

    // vCard 2.1 base64 photo lines without indentation, and a raw base64
    // photo without ENCODING: the cards around them read whole.
    let (_, report) = imported(
        "FolkerKinzel__VCards/src/FolkerKinzel.VCards.Tests/TestFiles/Library v2.vcf",
        Format::Vcard,
    );
    assert!(!notes(&report).contains("left out"), "{}", notes(&report));
    let (_, report) = imported(
        "mozilla__releases-comm-central/mailnews/addrbook/test/unit/data/v3-binary-png.vcf",
        Format::Vcard,
    );
    assert_eq!(report.added.len(), 1);

    // Android's backslash-continued address lines.
    let (store, _) = imported(
        "CyanogenMod__android_frameworks_opt_vcard/tests/res/raw/v21_adr_multiple_line.vcf",
        Format::Vcard,
    );
    let d = dump(&store);
    let streets: Vec<&str> = contact(&d, "bogus")["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["street"].as_str().unwrap())
        .collect();
    assert!(
        streets.contains(&"Hermann v. Brevern\n9999999\nPackstation 999"),
        "{streets:?}"
    );
}

#[test]
fn cr_only_and_crcrlf_line_ends_read_like_crlf() {
    let path =
        corpus().join("mangstadt__ez-vcard/src/test/resources/ezvcard/io/text/John_Doe_GMAIL.vcf");
    let crlf = std::fs::read(&path).unwrap();
    let text = String::from_utf8(crlf.clone())
        .unwrap()
        .replace("\r\n", "\n");
    let mut expected = None;
    for bytes in [
        crlf,
        text.replace('\n', "\r").into_bytes(),
        text.replace('\n', "\r\r\n").into_bytes(),
    ] {
        let mut store = store();
        run(
            &mut store,
            &Format::Vcard,
            Source {
                name: "John_Doe_GMAIL".into(),
                bytes,
            },
        )
        .unwrap();
        let contacts = contacts_by_uid(&store);
        let contacts: Vec<Value> = contacts
            .into_values()
            .filter_map(|mut c| {
                c.as_object_mut()?.remove("uid");
                Some(c)
            })
            .collect();
        match &expected {
            None => expected = Some(contacts),
            Some(expected) => assert_eq!(&contacts, expected),
        }
    }
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

fn csv(layout: Layout, maps: &[&str]) -> Format {
    Format::Csv(CsvOptions {
        layout,
        maps: maps.iter().map(|m| m.parse().unwrap()).collect(),
    })
}

#[test]
fn every_csv_of_the_corpus_imports_by_its_layout() {
    // (file, maps, layout detected, contacts expected)
    let cases: &[(&str, &[&str], &str, usize)] = &[
        (
            "roundcube__roundcubemail/tests/src/Csv2vcard/gmail.csv",
            &[],
            "Google Contacts layout",
            1,
        ),
        (
            "roundcube__roundcubemail/tests/src/Csv2vcard/outlook.csv",
            &[],
            "Outlook layout",
            1,
        ),
        (
            "roundcube__roundcubemail/tests/src/Csv2vcard/tb_plain.csv",
            &[],
            "Thunderbird layout",
            1,
        ),
        (
            "roundcube__roundcubemail/tests/src/Csv2vcard/email.csv",
            &[],
            "Thunderbird layout",
            4,
        ),
        (
            "roundcube__roundcubemail/tests/src/Csv2vcard/all.csv",
            &["Email Home=email:home", "Email Work=email:work"],
            "Outlook layout",
            1,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/basic_addressbook.csv",
            &[],
            "Thunderbird layout",
            1,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/basic_csv_addressbook.csv",
            &[],
            "Thunderbird layout",
            2,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/csv_semicolon.csv",
            &[],
            "Thunderbird layout",
            2,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/quote.csv",
            &[],
            "Thunderbird layout",
            1,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/shiftjis_addressbook.csv",
            &[],
            "Thunderbird layout",
            1,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/utf16_addressbook.csv",
            &[],
            "Thunderbird layout",
            1,
        ),
        (
            "mozilla__releases-comm-central/mailnews/addrbook/test/unit/data/export.csv",
            &[],
            "Thunderbird layout",
            0,
        ),
        (
            "mozilla__releases-comm-central/mail/components/addrbook/test/browser/data/import.csv",
            &["Name=name", "Email=email"],
            "columns named by hand",
            0,
        ),
        (
            "mozilla__releases-comm-central/mailnews/import/test/unit/resources/csv_no_header.csv",
            &["1=name", "2=first-name", "3=last-name", "4=email"],
            "no header: columns by number",
            2,
        ),
    ];
    let mut seen = Vec::new();
    for (file, maps, layout, contacts) in cases {
        let mut store = store();
        let report = run(
            &mut store,
            &csv(Layout::Auto, maps),
            source(&corpus().join(file)),
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            report.detected[0].what, *layout,
            "{file}: {:?}",
            report.detected
        );
        if *contacts > 0 {
            assert_eq!(report.added.len(), *contacts, "{file}: {report:?}");
        } else {
            assert!(!report.added.is_empty(), "{file}: {report:?}");
        }
        // Whatever was read goes out as vCards and comes back the same.
        round_trip(&store, file);
        seen.push(corpus().join(file));
    }
    // Every CSV of the corpus is one of the cases.
    let tab_comma = corpus().join(
        "mozilla__releases-comm-central/mailnews/import/test/unit/resources/tab_comma_mixed.csv",
    );
    seen.push(tab_comma);
    assert_eq!(
        files(&["csv"]).len(),
        seen.len(),
        "a CSV of the corpus has no case"
    );
}

#[test]
fn csv_encodings_layouts_and_files_without_a_header() {
    let base = "mozilla__releases-comm-central/mailnews/import/test/unit/resources/";
    // Shift_JIS, as Japanese Windows writes it.
    let (store, report) = imported(
        &format!("{base}shiftjis_addressbook.csv"),
        csv(Layout::Auto, &[]),
    );
    assert!(
        report.detected.iter().any(|d| d.what.contains("Shift_JIS")),
        "{:?}",
        report.detected
    );
    let d = dump(&store);
    let person = &d["contacts"][0];
    assert_eq!(person["name"], "名無しの権兵衛");
    assert_eq!(person["emails"][0]["value"], "名無しの権兵衛@host.invalid");

    // UTF-16.
    let (store, report) = imported(
        &format!("{base}utf16_addressbook.csv"),
        csv(Layout::Auto, &[]),
    );
    assert!(
        report.detected.iter().any(|d| d.what.starts_with("UTF-16")),
        "{:?}",
        report.detected
    );
    assert!(
        dump(&store)["contacts"][0]["emails"][0]["value"]
            .as_str()
            .unwrap()
            .contains('@')
    );

    // Semicolons.
    let (_, report) = imported(&format!("{base}csv_semicolon.csv"), csv(Layout::Auto, &[]));
    assert!(
        report
            .detected
            .iter()
            .any(|d| d.what == "semicolon-separated"),
        "{:?}",
        report.detected
    );

    // No header: auto asks for the layout or the columns…
    let mut store = self::store();
    let err = run(
        &mut store,
        &csv(Layout::Auto, &[]),
        source(&corpus().join(format!("{base}csv_no_header.csv"))),
    )
    .err()
    .unwrap()
    .to_string();
    assert!(
        err.contains("John Doe, John, Doe, john@doe.invalid") && err.contains("--map"),
        "{err}"
    );
    // …and Thunderbird's column order reads a file of tabs and commas mixed.
    let (store, report) = imported(
        &format!("{base}tab_comma_mixed.csv"),
        csv(Layout::Thunderbird, &[]),
    );
    assert_eq!(
        report.detected[0].what,
        "no header: read in Thunderbird layout column order"
    );
    let d = dump(&store);
    let emails: Vec<&str> = d["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["emails"][0]["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        [
            "1@host.invalid",
            "2@host.invalid",
            "3@host.invalid",
            "4@host.invalid"
        ]
    );

    // Thunderbird's quoted company row: the company itself.
    let (store, _) = imported(&format!("{base}quote.csv"), csv(Layout::Auto, &[]));
    let d = dump(&store);
    let acer = contact(&d, "Acer America");
    assert_eq!(acer["phones"][0]["value"], "(800) 000-0000");

    // Google's older layout with every column filled (Roundcube's test).
    let (store, _) = imported(
        "roundcube__roundcubemail/tests/src/Csv2vcard/gmail.csv",
        csv(Layout::Auto, &[]),
    );
    let d = dump(&store);
    let person = &d["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "person")
        .unwrap();
    assert_eq!(person["nickname"], "nick");
    assert_eq!(person["birthday"], "1975-12-12");
}
