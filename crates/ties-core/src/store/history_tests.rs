//! The history's mechanism: every table of the user's is recorded, every
//! column of it, and undo gives back exactly what was there.

use chrono::NaiveDate;
use rusqlite::types::ValueRef;

use super::history::{DERIVED_TABLES, HISTORY_TABLES, RECORDED_TABLES};
use super::{ContactEdit, NewContact, NewInteraction, NewItem, NewNetwork, Store};
use crate::change::Change;
use crate::dates::Clock;
use crate::error::{Error, Refusal};
use crate::model::{Channel, Direction, ItemKind, ItemState, Kind, Labelled};

pub(super) fn store() -> Store {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    Store::open_in_memory(Clock::fixed(today)).unwrap()
}

/// Every row of every table the user wrote, as text, table by table.
pub(super) fn digest(store: &Store) -> Vec<(String, Vec<String>)> {
    RECORDED_TABLES
        .iter()
        .map(|table| {
            let mut stmt = store
                .conn()
                .prepare(&format!("SELECT * FROM {table}"))
                .unwrap();
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |row| {
                    Ok((0..columns)
                        .map(|i| match row.get_ref(i).unwrap() {
                            ValueRef::Null => "NULL".to_string(),
                            ValueRef::Integer(n) => n.to_string(),
                            ValueRef::Real(x) => format!("{x:?}"),
                            ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                            ValueRef::Blob(b) => format!("{b:?}"),
                        })
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows.sort();
            (table.to_string(), rows)
        })
        .collect()
}

fn names(store: &Store, sql: &str) -> Vec<String> {
    store
        .conn()
        .prepare(sql)
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn every_table_is_recorded_derived_or_the_history_own() {
    let store = store();
    let mut known: Vec<&str> = RECORDED_TABLES
        .iter()
        .chain(DERIVED_TABLES)
        .chain(HISTORY_TABLES)
        .copied()
        .collect();
    known.sort_unstable();
    let tables = names(
        &store,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    assert_eq!(tables, known);
}

/// The history's triggers record every column of a row before it is
/// changed or deleted (they are made from the schema, so a column a later
/// migration adds is recorded too). They are made at the first write: a
/// store that only reads has none.
#[test]
fn the_triggers_record_every_column() {
    let mut store = store();
    let temp_triggers = |store: &Store| {
        names(
            store,
            "SELECT name FROM sqlite_temp_schema WHERE type = 'trigger'",
        )
        .len()
    };
    store.list_contacts(&Default::default()).unwrap();
    assert_eq!(temp_triggers(&store), 0, "a read made the triggers");
    store
        .add_contact(&NewContact::new(Kind::Person, "Anna"))
        .unwrap();
    assert!(temp_triggers(&store) >= 2 * RECORDED_TABLES.len());
    for table in RECORDED_TABLES {
        let columns = names(
            &store,
            &format!("SELECT name FROM pragma_table_info('{table}')"),
        );
        let triggers = names(
            &store,
            &format!(
                "SELECT sql FROM sqlite_temp_schema WHERE type = 'trigger' AND tbl_name = '{table}'
                 AND (name LIKE '%_update' OR name LIKE '%_delete')"
            ),
        );
        assert_eq!(triggers.len(), 2, "{table}");
        for sql in &triggers {
            for column in &columns {
                assert!(
                    sql.contains(&format!("'{column}', old.{column}")),
                    "{table}.{column} not recorded by: {sql}"
                );
            }
        }
    }
}

fn meeting(date: NaiveDate, participants: Vec<i64>, items: Vec<NewItem>) -> NewInteraction {
    NewInteraction {
        date,
        time: Some("09:30".into()),
        channel: Channel::Meeting,
        minutes: Some(45),
        network: None,
        note: "coffee".into(),
        participants,
        items,
    }
}

fn intro(counterparty: i64, state: ItemState) -> NewItem {
    NewItem {
        counterparty,
        direction: Direction::Gave,
        kind: ItemKind::Intro,
        weight: 3,
        state,
        note: "to Carl".into(),
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

#[test]
fn each_write_is_one_entry_and_undo_gives_back_what_was_there() {
    let mut store = store();
    let empty = digest(&store);
    let mut anna = NewContact::new(Kind::Person, "Anna Järvinen");
    anna.emails.push(Labelled {
        value: "anna@example.org".into(),
        label: None,
    });
    let anna = store.add_contact(&anna).unwrap();
    let bob = store
        .add_contact(&NewContact::new(Kind::Person, "Bob Smith"))
        .unwrap();
    let network = store.add_network(&NewNetwork::new("Tampere Tech")).unwrap();
    store.join_network(network, &[anna, bob]).unwrap();
    let logged = store
        .log_interaction(&meeting(
            day(20),
            vec![anna, bob],
            vec![intro(bob, ItemState::Open)],
        ))
        .unwrap();
    let states = vec![digest(&store)];
    let item = store.interaction(logged).unwrap().items[0].id;
    store.settle_item(item).unwrap();
    let mut states = states;
    states.push(digest(&store));
    store
        .edit_contact(
            anna,
            &ContactEdit {
                note: Some("climber".into()),
                remove_emails: vec!["anna@example.org".into()],
                add_tags: vec!["climbing".into()],
                ..ContactEdit::default()
            },
        )
        .unwrap();
    store.set_archived(bob, true).unwrap();

    let history = store.history(100).unwrap();
    let texts: Vec<String> = history.iter().map(|e| e.change.to_string()).collect();
    assert_eq!(history.len(), 8, "{texts:#?}");
    assert!(
        texts[1].starts_with("edited Anna Järvinen #1: note set to climber"),
        "{texts:#?}"
    );
    assert!(
        texts[1].contains("email − anna@example.org"),
        "{}",
        texts[1]
    );
    assert!(texts[1].contains("tag + climbing"), "{}", texts[1]);
    assert!(
        texts[3].starts_with("logged a meeting with Anna Järvinen and Bob Smith"),
        "{texts:#?}"
    );

    let undone = store.undo().unwrap();
    assert!(matches!(undone.entry.change, Change::Archived { .. }));
    let undone = store.undo().unwrap();
    assert!(matches!(undone.entry.change, Change::EditedContact { .. }));
    assert_eq!(digest(&store), states[1]);
    store.undo().unwrap();
    assert_eq!(digest(&store), states[0]);
    for _ in 0..5 {
        store.undo().unwrap();
    }
    assert_eq!(digest(&store), empty);
    assert!(matches!(
        store.undo(),
        Err(Error::Refused(Refusal::NothingToUndo))
    ));
    // The undos are in the history, each naming what it reversed.
    let history = store.history(100).unwrap();
    assert_eq!(history.len(), 16);
    assert!(
        history[0]
            .change
            .to_string()
            .starts_with("undid #1: added person Anna")
    );
    assert!(history.iter().skip(8).all(|e| e.undone_by.is_some()));
}

#[test]
fn a_write_that_changes_nothing_leaves_no_entry() {
    let mut store = store();
    let anna = store
        .add_contact(&NewContact::new(Kind::Person, "Anna"))
        .unwrap();
    let network = store.add_network(&NewNetwork::new("Club")).unwrap();
    store.join_network(network, &[anna]).unwrap();
    let before = store.history(10).unwrap().len();
    assert_eq!(store.join_network(network, &[anna]).unwrap(), 0);
    store.set_half_life(100).unwrap();
    assert_eq!(store.history(10).unwrap().len(), before);
}

#[test]
fn an_undo_of_a_row_changed_outside_the_history_is_refused_and_writes_nothing() {
    let mut store = store();
    let anna = store
        .add_contact(&NewContact::new(Kind::Person, "Anna"))
        .unwrap();
    store
        .edit_contact(
            anna,
            &ContactEdit {
                note: Some("first".into()),
                ..ContactEdit::default()
            },
        )
        .unwrap();
    // Another program writes the row (ties' own writes are all recorded).
    store
        .conn()
        .execute("UPDATE contacts SET note = 'by hand' WHERE id = ?1", [anna])
        .unwrap();
    let before = digest(&store);
    let history = store.history(10).unwrap();
    let err = store.undo().unwrap_err();
    match &err {
        Error::Refused(Refusal::UndoConflict { record, by, .. }) => {
            assert_eq!(record, "contact #1 (Anna)");
            assert!(by.is_none());
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("outside ties"), "{err}");
    assert_eq!(digest(&store), before);
    assert_eq!(store.history(10).unwrap(), history);
}

#[test]
fn a_conflict_names_the_later_entry_that_changed_the_row() {
    let mut store = store();
    let anna = store
        .add_contact(&NewContact::new(Kind::Person, "Anna"))
        .unwrap();
    let note = |text: &str| ContactEdit {
        note: Some(text.into()),
        ..ContactEdit::default()
    };
    store.edit_contact(anna, &note("first")).unwrap();
    store.edit_contact(anna, &note("second")).unwrap();
    // Undo goes strictly newest first, so ties itself never leaves a later
    // entry's rows over an earlier one's. Set the newest entry aside by hand
    // (as a later sync might) and the earlier one's row was changed since
    // by it.
    store
        .conn()
        .execute("UPDATE history SET undone_by = 1 WHERE id = 3", [])
        .unwrap();
    let err = store.undo().unwrap_err();
    match err {
        Error::Refused(Refusal::UndoConflict { entry, by, .. }) => {
            assert_eq!(entry, 2);
            let (id, _) = by.expect("the later entry");
            assert_eq!(id, 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn undoing_rows_added_in_bulk_deletes_their_ranges() {
    let mut store = store();
    let anna = store
        .add_contact(&NewContact::new(Kind::Person, "Anna"))
        .unwrap();
    let before = digest(&store);
    let options = crate::demo::DemoOptions {
        contacts: 30,
        interactions: 200,
        seed: 3,
        force: true,
    };
    crate::demo::generate(&mut store, &options).unwrap();
    // Only the ranges were recorded, not the rows.
    let rows: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM history_rows", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
    let undone = store.undo().unwrap();
    assert!(matches!(undone.entry.change, Change::Demo { .. }));
    assert_eq!(digest(&store), before);
    assert_eq!(store.contact(anna).unwrap().name, "Anna");
}
