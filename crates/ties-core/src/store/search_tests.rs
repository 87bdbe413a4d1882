//! The search index is derived data: after any sequence of writes it holds
//! exactly what an index built from scratch from the tables would, and
//! finds exactly the same records for every word.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::model::{Channel, Direction, ItemKind, ItemState, Kind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// Words the writes draw from, some with accents, and the queries. Tags
/// and topics come from the first three, and writes pick among few
/// contacts, so that what is added is often removed again.
const WORDS: &[&str] = &[
    "coffee",
    "Kubernetes",
    "Järvinen",
    "library",
    "slides",
    "climbing",
    "Zoë",
    "operator",
];

/// The documents as the migration's backfill computes them from the tables.
/// Written out here rather than read from the view `contact_search_doc`
/// (migrations/0015), which new contacts' documents are made from, so that a
/// mistake in the view shows.
const FROM_SCRATCH: &str = "
    SELECT 'contact' AS kind, c.id AS ref,
           replace(replace(c.name, char(2), ''), char(3), '') AS name,
           replace(replace(c.nickname, char(2), ''), char(3), '') AS nickname,
           replace(replace(c.note, char(2), ''), char(3), '') AS note,
           replace(replace(c.met_how, char(2), ''), char(3), '') AS met_how,
           coalesce((SELECT replace(replace(group_concat(tag, ', '), char(2), ''), char(3), '')
                     FROM (SELECT t.tag FROM contact_tags t WHERE t.contact_id = c.id ORDER BY t.tag)), '') AS tags,
           coalesce((SELECT replace(replace(group_concat(topic, ', '), char(2), ''), char(3), '')
                     FROM (SELECT e.topic FROM contact_expertise e WHERE e.contact_id = c.id ORDER BY e.topic)), '') AS expertise
    FROM contacts c
    UNION ALL
    SELECT 'interaction', id, '', '', replace(replace(note, char(2), ''), char(3), ''), '', '', ''
    FROM interactions WHERE note <> ''
    UNION ALL
    SELECT 'item', id, '', '', replace(replace(note, char(2), ''), char(3), ''), '', '', ''
    FROM items WHERE note <> ''";

type Doc = (String, i64, [String; 6]);

fn docs(store: &Store, sql: &str) -> BTreeSet<Doc> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |row| {
        Ok((
            row.get(0)?,
            row.get(1)?,
            [
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
            ],
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// What a query of the index finds, as (kind, ref).
fn found(store: &Store, sql: &str, query: &str) -> BTreeSet<(String, i64)> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([query], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Checks the kept index against one built from scratch.
pub(super) fn index_is_derived(store: &Store) -> Result<(), TestCaseError> {
    let kept = docs(
        store,
        "SELECT kind, ref, name, nickname, note, met_how, tags, expertise FROM search_docs",
    );
    prop_assert_eq!(&kept, &docs(store, FROM_SCRATCH));
    // Every write handed the index what it changed before it committed.
    let queued: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM search_queue", [], |row| row.get(0))
        .unwrap();
    prop_assert_eq!(queued, 0);
    // The index holds exactly the documents' text.
    store
        .conn()
        .execute_batch(
            "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
        )
        .map_err(|e| TestCaseError::fail(format!("integrity-check: {e}")))?;
    store
        .conn()
        .execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.fresh_docs;
             CREATE TEMP TABLE fresh_docs AS {FROM_SCRATCH};
             DROP TABLE IF EXISTS temp.fresh;
             CREATE VIRTUAL TABLE temp.fresh USING fts5 (
                 name, nickname, note, met_how, tags, expertise, kind UNINDEXED, ref UNINDEXED,
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO temp.fresh SELECT name, nickname, note, met_how, tags, expertise, kind, ref FROM temp.fresh_docs;"
        ))
        .unwrap();
    for word in WORDS.iter().chain(&["jarvinen", "zoe", "kub", "co"]) {
        let query = crate::fulltext::query(word).unwrap();
        let kept = found(
            store,
            "SELECT d.kind, d.ref FROM search_index JOIN search_docs d ON d.doc = search_index.rowid
             WHERE search_index MATCH ?1",
            &query,
        );
        let fresh = found(
            store,
            "SELECT kind, ref FROM temp.fresh WHERE fresh MATCH ?1",
            &query,
        );
        prop_assert_eq!(&kept, &fresh, "{}", word);
        // And the store's own search finds the same records.
        let searched: BTreeSet<(String, i64)> = store
            .search(word, 0)
            .unwrap()
            .into_iter()
            .map(|hit| {
                let kind = serde_json::to_value(hit.kind).unwrap();
                let id = match hit.kind {
                    crate::fulltext::HitKind::Contact => hit.contacts[0].id,
                    crate::fulltext::HitKind::Interaction => hit.interaction_id.unwrap(),
                    crate::fulltext::HitKind::Item => hit.item_id.unwrap(),
                };
                (kind.as_str().unwrap().to_string(), id)
            })
            .collect();
        prop_assert_eq!(&searched, &fresh, "search {}", word);
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Write {
    Add {
        name: usize,
        note: Vec<usize>,
        tag: Option<usize>,
        topic: Option<usize>,
    },
    Rename {
        who: usize,
        name: usize,
    },
    Note {
        who: usize,
        note: Vec<usize>,
    },
    Tag {
        who: usize,
        tag: usize,
        remove: bool,
    },
    Topic {
        who: usize,
        topic: usize,
        remove: bool,
    },
    Log {
        who: usize,
        note: Vec<usize>,
        promise: Option<usize>,
    },
    Settle {
        item: usize,
    },
    Archive {
        who: usize,
    },
    Import {
        name: usize,
        note: Vec<usize>,
    },
}

fn text(words: &[usize]) -> String {
    words
        .iter()
        .map(|w| WORDS[w % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn write() -> impl Strategy<Value = Write> {
    let w = || 0usize..WORDS.len();
    let note = || prop::collection::vec(0usize..WORDS.len(), 0..4);
    prop_oneof![
        (
            w(),
            note(),
            prop::option::of(0usize..3),
            prop::option::of(0usize..3)
        )
            .prop_map(|(name, note, tag, topic)| Write::Add {
                name,
                note,
                tag,
                topic
            }),
        (0usize..8, w()).prop_map(|(who, name)| Write::Rename { who, name }),
        (0usize..8, note()).prop_map(|(who, note)| Write::Note { who, note }),
        (0usize..3, 0usize..3, any::<bool>()).prop_map(|(who, tag, remove)| Write::Tag {
            who,
            tag,
            remove
        }),
        (0usize..3, 0usize..3, any::<bool>()).prop_map(|(who, topic, remove)| Write::Topic {
            who,
            topic,
            remove
        }),
        (0usize..8, note(), prop::option::of(w())).prop_map(|(who, note, promise)| Write::Log {
            who,
            note,
            promise
        }),
        (0usize..8).prop_map(|item| Write::Settle { item }),
        (0usize..8).prop_map(|who| Write::Archive { who }),
        (w(), note()).prop_map(|(name, note)| Write::Import { name, note }),
    ]
}

fn apply(store: &mut Store, write: &Write, contacts: &mut Vec<i64>, items: &[i64]) {
    let pick = |list: &[i64], i: usize| (!list.is_empty()).then(|| list[i % list.len()]);
    // Refusals (removing a tag that is not there, …) are part of the game:
    // they must leave the index as it was.
    let _ = match write {
        Write::Add {
            name,
            note,
            tag,
            topic,
        } => {
            let mut new =
                NewContact::new(Kind::Person, format!("{} {}", WORDS[*name], contacts.len()));
            new.note = text(note);
            new.tags = tag.iter().map(|t| WORDS[*t].to_string()).collect();
            new.expertise = topic.iter().map(|t| WORDS[*t].to_string()).collect();
            store.add_contact(&new).map(|id| contacts.push(id))
        }
        Write::Rename { who, name } => match pick(contacts, *who) {
            Some(id) => store.edit_contact(
                id,
                &ContactEdit {
                    name: Some(format!("{} {id}", WORDS[*name])),
                    ..ContactEdit::default()
                },
            ),
            None => Ok(()),
        },
        Write::Note { who, note } => match pick(contacts, *who) {
            Some(id) => store.edit_contact(
                id,
                &ContactEdit {
                    note: Some(text(note)),
                    ..ContactEdit::default()
                },
            ),
            None => Ok(()),
        },
        Write::Tag { who, tag, remove } => match pick(contacts, *who) {
            Some(id) => {
                let tag = vec![WORDS[*tag].to_string()];
                let edit = if *remove {
                    ContactEdit {
                        remove_tags: tag,
                        ..ContactEdit::default()
                    }
                } else {
                    ContactEdit {
                        add_tags: tag,
                        ..ContactEdit::default()
                    }
                };
                store.edit_contact(id, &edit)
            }
            None => Ok(()),
        },
        Write::Topic { who, topic, remove } => match pick(contacts, *who) {
            Some(id) => {
                let topic = vec![WORDS[*topic].to_string()];
                let edit = if *remove {
                    ContactEdit {
                        remove_expertise: topic,
                        ..ContactEdit::default()
                    }
                } else {
                    ContactEdit {
                        add_expertise: topic,
                        ..ContactEdit::default()
                    }
                };
                store.edit_contact(id, &edit)
            }
            None => Ok(()),
        },
        Write::Log { who, note, promise } => match pick(contacts, *who) {
            Some(id) => {
                let items = promise
                    .iter()
                    .map(|p| NewItem {
                        counterparty: id,
                        direction: Direction::Gave,
                        kind: ItemKind::Other,
                        weight: 1,
                        state: ItemState::Open,
                        note: WORDS[*p].to_string(),
                    })
                    .collect();
                store
                    .log_interaction(&NewInteraction {
                        date: today() - Duration::days(3),
                        time: None,
                        channel: Channel::Call,
                        minutes: None,
                        network: None,
                        note: text(note),
                        participants: vec![id],
                        items,
                    })
                    .map(|_| ())
            }
            None => Ok(()),
        },
        Write::Settle { item } => match pick(items, *item) {
            Some(id) => store.settle_item(id).map(|_| ()),
            None => Ok(()),
        },
        Write::Archive { who } => match pick(contacts, *who) {
            Some(id) => store.set_archived(id, true),
            None => Ok(()),
        },
        Write::Import { name, note } => {
            let card = format!(
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{} 0\r\nNOTE:{}\r\nCATEGORIES:{}\r\nEND:VCARD\r\n",
                WORDS[*name],
                text(note),
                WORDS[(*name + 1) % WORDS.len()]
            );
            let source = crate::import::Source {
                name: "cards.vcf".into(),
                bytes: card.into_bytes(),
            };
            crate::import::import(
                store,
                crate::import::Format::Vcard,
                &[source],
                &Default::default(),
            )
            .map(|report| contacts.extend(report.added.iter().map(|o| o.id)))
        }
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_search_index_equals_one_built_from_scratch(writes in prop::collection::vec(write(), 1..40)) {
        let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
        let mut contacts = Vec::new();
        let mut items = Vec::new();
        for w in &writes {
            apply(&mut store, w, &mut contacts, &items);
            // Items of the interactions logged so far, for settling.
            items = store
                .conn()
                .prepare("SELECT id FROM items ORDER BY id")
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
        }
        index_is_derived(&store)?;
    }
}

#[test]
fn removing_a_tag_leaves_the_index() {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let mut contacts = Vec::new();
    apply(
        &mut store,
        &Write::Add {
            name: 0,
            note: vec![],
            tag: Some(1),
            topic: None,
        },
        &mut contacts,
        &[],
    );
    apply(
        &mut store,
        &Write::Tag {
            who: 0,
            tag: 1,
            remove: true,
        },
        &mut contacts,
        &[],
    );
    index_is_derived(&store).unwrap();
}
