//! The gate at the core's level: every write path refuses the same values
//! with the same structured error, and a refused write leaves nothing.

use chrono::NaiveDate;

use super::*;
use crate::error::{Error, Field, FileError, Place, Problem, RecordName, Refusal};
use crate::import::json::{self, JsonOptions};
use crate::import::{self, Format, ImportOptions, Source};
use crate::model::{Channel, Circle, ContactRef, Kind, Labelled};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn store() -> Store {
    Store::open_in_memory(Clock::fixed(today())).unwrap()
}

fn rows(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}

fn field(error: &Error) -> Field {
    match error {
        Error::Invalid { field, .. } => *field,
        Error::File(f) => match &f.problem {
            Problem::Refused(inner) => field(inner),
            Problem::Unreadable(text) => panic!("unreadable: {text}"),
        },
        other => panic!("not an invalid value: {other:?}"),
    }
}

fn refusal(error: &Error) -> &Refusal {
    match error {
        Error::Refused(r) => r,
        Error::File(f) => match &f.problem {
            Problem::Refused(inner) => refusal(inner),
            Problem::Unreadable(text) => panic!("unreadable: {text}"),
        },
        other => panic!("not a refusal: {other:?}"),
    }
}

fn file(error: &Error) -> &FileError {
    match error {
        Error::File(f) => f,
        other => panic!("not a file error: {other:?}"),
    }
}

fn source(name: &str, text: &str) -> Source {
    Source {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn person(name: &str) -> NewContact {
    NewContact::new(Kind::Person, name)
}

#[test]
fn a_cadence_is_one_rule_for_add_edit_and_every_importer() {
    let mut store = store();
    let mut huge = person("Anna");
    huge.cadence_days = Some(1_000_000_000);
    assert_eq!(
        field(&store.add_contact(&huge).unwrap_err()),
        Field::Cadence
    );
    let anna = store.add_contact(&person("Anna")).unwrap();
    let edit = ContactEdit {
        cadence_days: Some(Some(0)),
        ..ContactEdit::default()
    };
    assert_eq!(
        field(&store.edit_contact(anna, &edit).unwrap_err()),
        Field::Cadence
    );

    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Huge\r\nX-TIES-EVERY:1000000000\r\nEND:VCARD\r\n";
    let error = import::import(
        &mut store,
        Format::Vcard,
        &[source("huge.vcf", card)],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(field(&error), Field::Cadence);
    let f = file(&error);
    assert_eq!(f.file, "huge.vcf");
    assert_eq!(
        f.place,
        Place::Line {
            line: 1,
            card: Some(1)
        }
    );
    assert!(f.others_importable);
    assert_eq!(rows(&store, "contacts"), 1, "nothing imported");
}

#[test]
fn the_json_import_names_the_record_it_refuses() {
    let mut store = store();
    let mut anna = person("Anna");
    anna.cadence_days = Some(30);
    store.add_contact(&anna).unwrap();
    let text = String::from_utf8(crate::export::json::write(&store.snapshot().unwrap()).unwrap())
        .unwrap()
        .replace("\"cadence_days\": 30", "\"cadence_days\": 96000000");
    let mut other = self::store();
    let error =
        json::import(&mut other, &source("a.json", &text), JsonOptions::default()).unwrap_err();
    assert_eq!(field(&error), Field::Cadence);
    assert_eq!(
        file(&error).place,
        Place::Record(RecordName::Contact(ContactRef {
            id: 1,
            name: "Anna".into()
        }))
    );
    assert_eq!(rows(&other, "contacts"), 0);
}

#[test]
fn kinds_and_self_references() {
    let mut store = store();
    let org = store
        .add_contact(&NewContact::new(Kind::Org, "Kasvu Oy"))
        .unwrap();
    let anna = store.add_contact(&person("Anna")).unwrap();

    let mut org_in_org = NewContact::new(Kind::Org, "Holding Oy");
    org_in_org.organisations.push((org, None));
    let error = store.add_contact(&org_in_org).unwrap_err();
    assert_eq!(refusal(&error), &Refusal::OrgInOrg);

    let mut in_a_person = person("Bob");
    in_a_person.organisations.push((anna, None));
    let error = store.add_contact(&in_a_person).unwrap_err();
    assert!(matches!(refusal(&error), Refusal::NotAnOrganisation(c) if c.id == anna));

    let mut org_with_circle = NewContact::new(Kind::Org, "Circle Oy");
    org_with_circle.circle = Some(Circle::Work);
    assert_eq!(
        refusal(&store.add_contact(&org_with_circle).unwrap_err()),
        &Refusal::CircleForOrg
    );

    let edit = ContactEdit {
        met_through: Some(Some(anna)),
        ..ContactEdit::default()
    };
    assert_eq!(
        refusal(&store.edit_contact(anna, &edit).unwrap_err()),
        &Refusal::MetThroughSelf
    );
    assert_eq!(
        rows(&store, "contacts"),
        2,
        "no refused contact was written"
    );
}

#[test]
fn a_refused_person_leaves_no_new_organisation() {
    let mut store = store();
    let mut bad = person("X");
    bad.emails.push(Labelled {
        value: "bad".into(),
        label: None,
    });
    let error = store
        .add_contact_with_new_org(&bad, "New Org", None)
        .unwrap_err();
    assert_eq!(field(&error), Field::Email);
    assert_eq!(rows(&store, "contacts"), 0);
}

#[test]
fn emails_tags_and_expertise_are_one_value_whatever_their_case() {
    let mut store = store();
    let mut anna = person("Anna");
    anna.emails.push(Labelled {
        value: "anna@example.org".into(),
        label: None,
    });
    anna.tags = vec!["Climbing ".into()];
    anna.expertise = vec!["Kubernetes".into(), "kubernetes".into()];
    let id = store.add_contact(&anna).unwrap();
    let edit = ContactEdit {
        add_emails: vec![Labelled {
            value: "ANNA@example.ORG".into(),
            label: None,
        }],
        add_tags: vec!["CLIMBING".into()],
        add_expertise: vec!["KUBERNETES".into()],
        ..ContactEdit::default()
    };
    store.edit_contact(id, &edit).unwrap();
    let contact = store.contact(id).unwrap();
    assert_eq!(contact.emails.len(), 1);
    assert_eq!(contact.tags, ["climbing"]);
    assert_eq!(contact.expertise, ["Kubernetes"]);
}

#[test]
fn dates_times_minutes_and_hours_have_their_bounds_everywhere() {
    let mut store = store();
    let anna = store.add_contact(&person("Anna")).unwrap();
    let log = |date: NaiveDate, time: Option<&str>, minutes: Option<u32>| NewInteraction {
        date,
        time: time.map(String::from),
        channel: Channel::Call,
        minutes,
        network: None,
        note: String::new(),
        participants: vec![anna],
        items: Vec::new(),
    };
    let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    assert_eq!(
        field(&store.log_interaction(&log(far, None, None)).unwrap_err()),
        Field::Date
    );
    assert_eq!(
        field(
            &store
                .log_interaction(&log(today(), Some("25:99"), None))
                .unwrap_err()
        ),
        Field::Time
    );
    assert_eq!(
        field(
            &store
                .log_interaction(&log(today(), None, Some(u32::MAX)))
                .unwrap_err()
        ),
        Field::Minutes
    );
    let id = store
        .log_interaction(&log(today(), Some("9:05"), None))
        .unwrap();
    assert_eq!(
        store.interaction(id).unwrap().time.as_deref(),
        Some("09:05")
    );

    let snooze = ContactEdit {
        snoozed_until: Some(Some(far)),
        ..ContactEdit::default()
    };
    assert_eq!(
        field(&store.edit_contact(anna, &snooze).unwrap_err()),
        Field::SnoozedUntil
    );
    let mut network = NewNetwork::new("Tampere Tech");
    network.hours_per_month = Some(1e308);
    assert_eq!(
        field(&store.add_network(&network).unwrap_err()),
        Field::HoursPerMonth
    );
    assert_eq!(rows(&store, "networks"), 0);
}

#[test]
fn a_database_holding_a_huge_cadence_from_before_the_rules_still_reviews() {
    let mut store = store();
    let anna = store.add_contact(&person("Anna")).unwrap();
    // Written around the rules, as an older ties could.
    store
        .conn()
        .execute(
            "UPDATE contacts SET cadence_days = 1000000000 WHERE id = ?1",
            [anna],
        )
        .unwrap();
    let config = crate::config::Config::default();
    crate::review::weekly_review(&mut store, &config, today(), 0).unwrap();
    crate::review::contact_standing(&store, &config, anna).unwrap();
}

#[test]
fn the_json_merge_counts_identical_interactions() {
    let mut a = store();
    let anna = a.add_contact(&person("Anna")).unwrap();
    let call = NewInteraction {
        date: today(),
        time: None,
        channel: Channel::Call,
        minutes: None,
        network: None,
        note: String::new(),
        participants: vec![anna],
        items: Vec::new(),
    };
    a.log_interaction(&call).unwrap();
    a.log_interaction(&call).unwrap();
    let mut longer = call.clone();
    longer.minutes = Some(30);
    a.log_interaction(&longer).unwrap();
    let file = crate::export::json::write(&a.snapshot().unwrap()).unwrap();
    let file = Source {
        name: "a.json".into(),
        bytes: file,
    };

    let mut b = store();
    b.add_contact(&person("Zed")).unwrap();
    let merge = JsonOptions {
        merge: true,
        dry_run: false,
    };
    let report = json::import(&mut b, &file, merge).unwrap();
    assert_eq!(
        (report.interactions_added, report.interactions_skipped),
        (3, 0)
    );
    let report = json::import(&mut b, &file, merge).unwrap();
    assert_eq!(
        (report.interactions_added, report.interactions_skipped),
        (0, 3)
    );
    assert_eq!(rows(&b, "interactions"), 3);
}

/// Naming a contact by id or whole name reads only those contacts by
/// index; it must answer exactly as matching against every contact does,
/// refusals included (ambiguous names, ids of the other kind, no such id).
#[test]
fn resolving_by_index_answers_as_matching_every_name() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut store = Store::open_in_memory(crate::dates::Clock::fixed(today)).unwrap();
    crate::demo::generate(
        &mut store,
        &crate::demo::DemoOptions {
            contacts: 300,
            interactions: 100,
            seed: 7,
            force: true,
        },
    )
    .unwrap();
    for name in ["Anna Järvinen", "anna jarvinen", "C++ Users", "C# Users"] {
        store
            .add_contact(&NewContact::new(Kind::Person, name))
            .unwrap();
    }
    store
        .add_contact(&NewContact::new(Kind::Org, "C++ Users"))
        .unwrap();
    let everyone = store.contact_candidates(None).unwrap();
    let mut queries: Vec<String> = everyone
        .iter()
        .flat_map(|c| [c.id.to_string(), format!("#{}", c.id), c.name.clone()])
        .collect();
    queries.extend(
        [
            "ANNA JARVINEN",
            "c++ users",
            "c# users",
            "c users",
            "#0",
            "99999",
            "",
            "  ",
            "!!",
            "kasvu",
        ]
        .map(String::from),
    );
    let answer = |r: Result<ContactRef>| r.map_err(|e| format!("{e:?}"));
    // A log's namer, looking up a few or reading all, answers the same,
    // and keeps answering the same once a part of a name made it read all.
    let everyone_pick =
        |query: &str| crate::resolve::pick("contact", query, &everyone).map(|c| c.reference());
    for expected in [1, 1000] {
        let mut namer = store.contact_namer(expected).unwrap();
        for query in &queries {
            assert_eq!(
                answer(namer.pick(query).map(|c| c.reference())),
                answer(everyone_pick(query)),
                "{query:?} named among {expected}"
            );
        }
    }
    for kind in [None, Some(Kind::Person), Some(Kind::Org)] {
        let candidates = store.contact_candidates(kind).unwrap();
        for query in &queries {
            let whole = crate::resolve::pick(contacts::kind_word(kind), query, &candidates)
                .map(|c| c.reference());
            assert_eq!(
                answer(store.resolve_contact_of_kind(query, kind)),
                answer(whole),
                "{query:?} as {kind:?}"
            );
        }
    }
}
