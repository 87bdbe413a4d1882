//! The store's derived figures against the rules computed item by item, and
//! upgrading a database written by an older schema.

mod common;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use ties::Store;
use ties::config::Config;
use ties::dates::Clock;
use ties::model::{Channel, Direction, ItemKind, ItemState, Kind};
use ties::reciprocity::Tally;
use ties::review;
use ties::store::{NewContact, NewInteraction, NewItem};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn store_with(names: &[&str]) -> (Store, Vec<i64>) {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let ids = names
        .iter()
        .map(|name| {
            store
                .add_contact(&NewContact::new(Kind::Person, *name))
                .unwrap()
        })
        .collect();
    (store, ids)
}

fn log(store: &mut Store, date: NaiveDate, who: &[i64], items: Vec<NewItem>) -> i64 {
    store
        .log_interaction(&NewInteraction {
            date,
            time: None,
            channel: Channel::Meeting,
            minutes: None,
            network: None,
            note: String::new(),
            participants: who.to_vec(),
            items,
        })
        .unwrap()
}

fn item(counterparty: i64, direction: Direction, weight: u8, state: ItemState) -> NewItem {
    NewItem {
        counterparty,
        direction,
        kind: ItemKind::Help,
        weight,
        state,
        note: String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is logged, in whatever order, and whichever promises are
    /// settled, the balance the store keeps equals the one computed item by
    /// item, for both contacts.
    #[test]
    fn kept_balances_equal_item_by_item(
        logs in prop::collection::vec(
            (0i64..1500, any::<bool>(), 1u8..=5, any::<bool>(), any::<bool>(), any::<bool>()),
            1..25,
        ),
        half_life in prop_oneof![Just(365u32), Just(30u32), Just(1000u32)],
    ) {
        let (mut store, ids) = store_with(&["A", "B"]);
        store.set_half_life(half_life).unwrap();
        let mut reference: Vec<Vec<(Direction, u8, NaiveDate)>> = vec![Vec::new(), Vec::new()];
        let mut open = Vec::new();
        for (age, gave, weight, to_b, promise, settle) in logs {
            let date = today() - Duration::days(age);
            let who = usize::from(to_b);
            let direction = if gave { Direction::Gave } else { Direction::Got };
            let state = if promise { ItemState::Open } else { ItemState::Done };
            let interaction = log(&mut store, date, &ids, vec![item(ids[who], direction, weight, state)]);
            let logged = store.interaction(interaction).unwrap();
            if promise && settle {
                open.push((logged.items[0].id, who, direction, weight, date));
            } else if !promise {
                reference[who].push((direction, weight, date));
            }
        }
        for (item_id, who, direction, weight, date) in open {
            store.settle_item(item_id).unwrap();
            reference[who].push((direction, weight, date));
        }
        let config = Config::default();
        for (who, id) in ids.iter().enumerate() {
            let kept = review::contact_standing(&store, &config, *id).unwrap();
            let expected = Tally::from_items(reference[who].iter().copied(), today(), f64::from(half_life));
            prop_assert!((kept.gave - expected.gave).abs() < 0.006, "gave {} vs {}", kept.gave, expected.gave);
            prop_assert!((kept.got - expected.got).abs() < 0.006, "got {} vs {}", kept.got, expected.got);
        }
    }
}

#[test]
fn a_new_interaction_moves_the_due_date() {
    let (mut store, ids) = store_with(&["A"]);
    store
        .edit_contact(
            ids[0],
            &ties::store::ContactEdit {
                cadence_days: Some(Some(10)),
                ..Default::default()
            },
        )
        .unwrap();
    log(&mut store, today() - Duration::days(40), &ids, vec![]);
    let config = Config::default();
    let before = review::weekly_review(&mut store, &config, today(), 0).unwrap();
    assert_eq!(before.reconnect.len(), 1);
    assert_eq!(before.reconnect[0].overdue_days, 30);
    log(&mut store, today() - Duration::days(2), &ids, vec![]);
    let after = review::weekly_review(&mut store, &config, today(), 0).unwrap();
    assert!(after.reconnect.is_empty());
    let standing = review::contact_standing(&store, &config, ids[0]).unwrap();
    assert_eq!(standing.due, Some(today() + Duration::days(8)));
}

/// Networks of an older file, keyed with every symbol folded away, are
/// keyed by the symbols that tell names apart once upgraded.
#[test]
fn upgrading_rekeys_networks_so_symbols_tell_them_apart() {
    let env = common::Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(include_str!(
            "../crates/ties-core/migrations/0001_initial.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO networks (name, name_key, created_at, updated_at)
                 VALUES ('C++ Users', 'c users', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    env.ok(&["network", "add", "C# Users"]);
    assert_eq!(
        env.json(&["network", "show", "C++ Users"])["name"],
        "C++ Users"
    );
    assert_eq!(
        env.json(&["network", "show", "C# Users"])["name"],
        "C# Users"
    );
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let key: String = conn
        .query_row(
            "SELECT name_key FROM networks WHERE name = 'C++ Users'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(key, "c++ users");
}

#[test]
fn upgrading_a_version_1_database_keeps_a_copy_and_fills_the_balances() {
    let env = common::Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(include_str!(
            "../crates/ties-core/migrations/0001_initial.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO contacts (kind, name, name_key, circle, created_at, updated_at)
                 VALUES ('person', 'Old Friend', 'old friend', 'friend', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             INSERT INTO interactions (date, channel, created_at) VALUES ('2026-11-26', 'meeting', '2026-11-26T00:00:00Z');
             INSERT INTO interaction_participants VALUES (1, 1);
             INSERT INTO items (interaction_id, counterparty_id, direction, kind, weight) VALUES (1, 1, 'got', 'help', 4);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let original = common::read_bytes(&env.db);
    let shown = env.json(&["show", "old friend"]);
    assert_eq!(
        shown["got"], 4.0,
        "the balance was filled in from existing items: {shown}"
    );
    assert_eq!(shown["last_interaction"], "2026-11-26");

    let backup = env.dir.path().join("ties.db.bak-v1");
    assert!(backup.exists(), "no backup copy");
    let copy = rusqlite::Connection::open(&backup).unwrap();
    let version: i64 = copy
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    let names: String = copy
        .query_row("SELECT name FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(names, "Old Friend");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The copy holds the same rows as the original file did.
    drop(copy);
    assert!(!original.is_empty());
    let upgraded = rusqlite::Connection::open(&env.db).unwrap();
    let version: i64 = upgraded
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, ties::store::LATEST_VERSION);
}
