//! The generator's tests: the same seed writes the same data, and every
//! screen has something to show.

use chrono::{Duration, NaiveDate};
use rusqlite::types::ValueRef;

use super::*;
use crate::dates::Clock;
use crate::model::Kind;
use crate::store::{ListFilter, NewContact};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
}

fn store() -> Store {
    Store::open_in_memory(Clock::fixed(today())).unwrap()
}

fn small(seed: u64) -> DemoOptions {
    DemoOptions {
        contacts: 80,
        interactions: 600,
        seed,
        force: false,
    }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |row| row.get(0)).unwrap()
}

/// Every row of a query, each as one line of text.
fn dump(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let cells: Vec<String> = (0..columns)
            .map(|i| match row.get_ref(i).unwrap() {
                ValueRef::Null => "NULL".to_string(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(x) => x.to_string(),
                ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                ValueRef::Blob(b) => format!("{b:?}"),
            })
            .collect();
        out.push(cells.join("|"));
    }
    out
}

const TABLES: &[&str] = &[
    "SELECT * FROM contacts ORDER BY id",
    "SELECT * FROM contact_emails ORDER BY contact_id, position",
    "SELECT * FROM contact_phones ORDER BY contact_id, position",
    "SELECT * FROM contact_tags ORDER BY contact_id, tag",
    "SELECT * FROM contact_expertise ORDER BY contact_id, topic",
    "SELECT * FROM affiliations ORDER BY person_id, org_id",
    "SELECT * FROM networks ORDER BY id",
    "SELECT * FROM network_members ORDER BY network_id, contact_id",
    "SELECT * FROM interactions ORDER BY id",
    "SELECT * FROM interaction_participants ORDER BY interaction_id, contact_id",
    "SELECT * FROM items ORDER BY id",
];

fn everything(store: &Store) -> Vec<Vec<String>> {
    TABLES.iter().map(|sql| dump(store, sql)).collect()
}

#[test]
fn the_same_seed_writes_the_same_data() {
    let (mut a, mut b) = (store(), store());
    generate(&mut a, &small(7)).unwrap();
    generate(&mut b, &small(7)).unwrap();
    for archived in [false, true] {
        let filter = ListFilter {
            archived,
            ..ListFilter::default()
        };
        assert_eq!(
            a.list_contacts(&filter).unwrap(),
            b.list_contacts(&filter).unwrap()
        );
    }
    assert_eq!(everything(&a), everything(&b));
}

#[test]
fn another_seed_writes_other_data() {
    let (mut a, mut b) = (store(), store());
    generate(&mut a, &small(7)).unwrap();
    generate(&mut b, &small(8)).unwrap();
    let names = |s: &Store| dump(s, "SELECT name FROM contacts ORDER BY id");
    assert_ne!(names(&a), names(&b));
    let interactions = "SELECT * FROM interactions ORDER BY id";
    assert_ne!(dump(&a, interactions), dump(&b, interactions));
}

#[test]
fn writes_as_many_contacts_and_interactions_as_asked() {
    let mut store = store();
    let summary = generate(&mut store, &small(1)).unwrap();
    assert_eq!(summary.contacts, 80);
    assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 80);
    assert_eq!(summary.interactions, 600);
    assert_eq!(count(&store, "SELECT count(*) FROM interactions"), 600);
    assert_eq!(
        summary.organisations as i64,
        count(&store, "SELECT count(*) FROM contacts WHERE kind = 'org'")
    );
    assert_eq!(summary.organisations, 6);
    assert_eq!(
        summary.networks as i64,
        count(&store, "SELECT count(*) FROM networks")
    );
    assert_eq!(
        summary.items as i64,
        count(&store, "SELECT count(*) FROM items")
    );
    assert_eq!(
        summary.open_promises as i64,
        count(&store, "SELECT count(*) FROM items WHERE state = 'open'")
    );
    assert!(summary.open_promises >= 6, "{summary:?}");
}

#[test]
fn refuses_a_database_with_contacts_unless_forced() {
    let mut store = store();
    store
        .add_contact(&NewContact::new(Kind::Person, "Anna Järvinen"))
        .unwrap();
    let error = generate(&mut store, &small(1)).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("already holds 1 contact:"), "{message}");
    assert!(
        matches!(
            error,
            crate::Error::Refused(crate::Refusal::DemoNeedsEmptyDatabase(1))
        ),
        "{error:?}"
    );
    assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM interactions"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM networks"), 0);

    let forced = DemoOptions {
        force: true,
        ..small(1)
    };
    generate(&mut store, &forced).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 81);
    // Twice: the second set of networks gets names of its own.
    let summary = generate(&mut store, &forced).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM contacts"), 161);
    assert_eq!(
        count(&store, "SELECT count(*) FROM networks"),
        2 * summary.networks as i64
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM networks WHERE name = 'Tampere Tech 2'"
        ),
        1
    );
}

#[test]
fn refuses_zero_contacts() {
    let mut store = store();
    let options = DemoOptions {
        contacts: 0,
        ..DemoOptions::default()
    };
    let error = generate(&mut store, &options).unwrap_err();
    assert!(
        matches!(
            error,
            crate::Error::Invalid {
                field: crate::Field::ContactCount,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "invalid number of contacts '0': use at least 1"
    );
}

#[test]
fn every_screen_has_something_to_show() {
    let mut store = store();
    let summary = generate(&mut store, &DemoOptions::default()).unwrap();
    assert_eq!(summary.contacts, 150);
    assert_eq!(summary.organisations, 12);
    assert_eq!(summary.networks, 8);
    let week_ago = (today() - Duration::days(6)).to_string();
    let promise_from = (today() - Duration::days(i64::from(PROMISE_DAYS))).to_string();
    let has = |sql: &str| count(&store, sql);
    // Open promises both ways, and only recent ones.
    assert!(has("SELECT count(*) FROM items WHERE state = 'open' AND direction = 'gave'") > 0);
    assert!(has("SELECT count(*) FROM items WHERE state = 'open' AND direction = 'got'") > 0);
    let old_promises: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM items it JOIN interactions i ON i.id = it.interaction_id
             WHERE it.state = 'open' AND i.date < ?1",
            [&promise_from],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(old_promises, 0);
    let this_week: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM interactions WHERE date >= ?1",
            [&week_ago],
            |row| row.get(0),
        )
        .unwrap();
    assert!(this_week >= 3, "{this_week}");
    assert_eq!(
        has("SELECT count(*) FROM interactions WHERE date > '2026-03-04'"),
        0
    );
    assert!(has("SELECT count(*) FROM interactions WHERE network_id IS NOT NULL") > 0);
    // Every network has members, within 5 to 40.
    assert_eq!(
        has("SELECT count(*) FROM networks n
             WHERE (SELECT count(*) FROM network_members m WHERE m.network_id = n.id)
                   NOT BETWEEN 5 AND 40"),
        0
    );
    assert!(has("SELECT count(*) FROM networks WHERE review_on < '2026-03-04'") > 0);
    assert!(has("SELECT count(*) FROM contacts WHERE archived = 1") > 0);
    assert!(has("SELECT count(*) FROM contacts WHERE snoozed_until > '2026-03-04'") > 0);
    assert!(has("SELECT count(*) FROM contacts WHERE cadence_days IS NOT NULL") > 0);
    assert!(has("SELECT count(*) FROM contacts WHERE met_through IS NOT NULL") > 0);
    assert!(has("SELECT count(*) FROM affiliations WHERE title IS NOT NULL") > 0);
    // Ties to reconnect with: not seen for half a year.
    assert!(has("SELECT count(*) FROM contact_stats WHERE last_interaction < '2025-09-01'") > 0);
}

#[test]
fn the_data_is_consistent() {
    let mut store = store();
    generate(&mut store, &DemoOptions::default()).unwrap();
    let has = |sql: &str| count(&store, sql);
    // Counterparties are participants.
    assert_eq!(
        has("SELECT count(*) FROM items it
             WHERE NOT EXISTS (SELECT 1 FROM interaction_participants p
                   WHERE p.interaction_id = it.interaction_id
                     AND p.contact_id = it.counterparty_id)"),
        0
    );
    // People in a network's interactions are its members, joined by then.
    assert_eq!(
        has("SELECT count(*) FROM interactions i
             JOIN interaction_participants p ON p.interaction_id = i.id
             WHERE i.network_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM network_members m
                   WHERE m.network_id = i.network_id AND m.contact_id = p.contact_id
                     AND m.joined_on <= i.date)"),
        0
    );
    let crowded = "SELECT count(*) FROM (SELECT 1 FROM items GROUP BY interaction_id
                   HAVING count(*) > 3)";
    assert_eq!(has(crowded), 0);
    assert_eq!(
        has("SELECT count(*) FROM interactions WHERE date < '2023-03-01'"),
        0
    );
    // Archived ties were last seen over a year ago.
    assert_eq!(
        has(
            "SELECT count(*) FROM contacts c JOIN contact_stats s ON s.contact_id = c.id
             WHERE c.archived = 1 AND s.last_interaction > '2025-03-01'"
        ),
        0
    );
    // Names are written as people write them.
    assert!(has("SELECT count(*) FROM contacts WHERE name GLOB '*[äöåéëøễ]*'") > 0);
    // Activity is skewed: the busiest tie has far more than the median.
    let counts: Vec<i64> = dump(
        &store,
        "SELECT interaction_count FROM contact_stats ORDER BY interaction_count",
    )
    .iter()
    .map(|c| c.parse().unwrap())
    .collect();
    let (median, top) = (counts[counts.len() / 2], counts[counts.len() - 1]);
    assert!(top > 10 * median.max(1), "median {median}, top {top}");
}

#[test]
fn reciprocity_has_every_pattern() {
    let mut store = store();
    generate(&mut store, &DemoOptions::default()).unwrap();
    let balance = "SELECT counterparty_id,
                sum(CASE direction WHEN 'gave' THEN weight ELSE 0 END) AS gave,
                sum(CASE direction WHEN 'got' THEN weight ELSE 0 END) AS got
         FROM items GROUP BY counterparty_id HAVING count(*) >= 6";
    let one_sided = count(
        &store,
        &format!("SELECT count(*) FROM ({balance}) WHERE gave >= 3 * got"),
    );
    let may_owe = count(
        &store,
        &format!("SELECT count(*) FROM ({balance}) WHERE got >= 3 * gave"),
    );
    let even = count(
        &store,
        &format!("SELECT count(*) FROM ({balance}) WHERE gave < 2 * got AND got < 2 * gave"),
    );
    assert!(
        one_sided > 0 && may_owe > 0,
        "one-sided {one_sided}, may owe {may_owe}"
    );
    assert!(even > one_sided + may_owe, "even {even}");
}

#[test]
fn tiny_databases_work() {
    for (contacts, interactions) in [(1, 0), (1, 10), (3, 2), (7, 50), (12, 120)] {
        let mut store = store();
        let options = DemoOptions {
            contacts,
            interactions,
            ..DemoOptions::default()
        };
        let summary = generate(&mut store, &options).unwrap();
        assert_eq!(summary.contacts, contacts);
        assert_eq!(
            count(&store, "SELECT count(*) FROM interactions"),
            interactions as i64
        );
        if interactions >= 50 {
            assert!(summary.open_promises >= 3, "{summary:?}");
        }
    }
}

/// `cargo test --release --lib demo -- --ignored --nocapture`
#[test]
#[ignore = "timing: run in release"]
fn generates_a_large_database_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("ties.db"), Clock::fixed(today())).unwrap();
    let options = DemoOptions {
        contacts: 10_000,
        interactions: 200_000,
        ..DemoOptions::default()
    };
    let started = std::time::Instant::now();
    let plan = Plan::draw(&options);
    let planning = started.elapsed();
    drop(plan);
    let started = std::time::Instant::now();
    let summary = generate(&mut store, &options).unwrap();
    let elapsed = started.elapsed();
    println!("{summary:?} in {elapsed:.2?} (of which planning {planning:.2?})");
    assert_eq!(count(&store, "SELECT count(*) FROM interactions"), 200_000);
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

#[test]
fn people_have_birthdays_and_dates_some_of_them_soon() {
    let mut store = store();
    generate(&mut store, &DemoOptions::default()).unwrap();
    let has = |sql: &str| count(&store, sql);
    let people = has("SELECT count(*) FROM contacts WHERE kind = 'person'");
    let birthdays = has("SELECT count(*) FROM contacts WHERE birthday IS NOT NULL");
    assert!(
        birthdays * 2 > people && birthdays < people,
        "{birthdays} of {people}"
    );
    assert_eq!(
        has("SELECT count(*) FROM contacts WHERE kind = 'org' AND birthday IS NOT NULL"),
        0
    );
    assert!(has("SELECT count(*) FROM contacts WHERE birthday LIKE '--%'") > 0);
    assert!(has("SELECT count(*) FROM contacts WHERE birthday LIKE '19%'") > 0);
    assert!(has("SELECT count(*) FROM contact_dates WHERE label = 'anniversary'") > 0);
    assert!(has("SELECT count(*) FROM contact_dates WHERE label = 'name day'") > 0);
    // Today is 4 March: the anchors' dates fall within the next three weeks.
    let soon = crate::occasions::upcoming(&store, today(), today() + Duration::days(21)).unwrap();
    assert!(soon.len() >= 3, "{soon:?}");
}

#[test]
fn dates_come_from_their_own_stream_and_change_nothing_else() {
    let options = DemoOptions::default();
    let mut with_dates = store();
    generate(&mut with_dates, &options).unwrap();
    let mut without = store();
    without
        .write(|w| {
            let mut plan = Plan::draw(&options);
            plan.dates.clear();
            Ok((
                plan.write(w)?,
                Change::Demo {
                    contacts: 0,
                    interactions: 0,
                },
            ))
        })
        .unwrap();
    let all_but_dates = |store: &Store| {
        let mut tables = everything(store);
        // Every column but the birthday.
        tables[0] = dump(
            store,
            "SELECT id, kind, name, circle, note, met_how, met_through, cadence_days,
                    archived, snoozed_until, uid, nickname, met_on, reminders
             FROM contacts ORDER BY id",
        );
        tables
    };
    assert_eq!(all_but_dates(&with_dates), all_but_dates(&without));
    assert_eq!(
        count(
            &without,
            "SELECT count(*) FROM contacts WHERE birthday IS NOT NULL"
        ),
        0
    );
}
