//! Every kept figure of migrations/0008_review.sql equals its computation
//! from scratch, after any sequence of writes: the store's own (logging,
//! settling, editing contacts, the config's cadences and half-life;
//! editing, reopening and deleting interactions and items, deleting and
//! merging contacts, "not this week", undo of any of them, and opening the
//! file again) and
//! raw ones that later code may make (moving, re-dating and deleting
//! interactions, changing and deleting items and contacts), since the
//! triggers must keep up with any write to the user's tables.
//!
//! `TIES_PROPTEST_CASES` runs more cases.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rusqlite::params;

use super::*;
use crate::model::{Channel, Circle, Direction, ItemKind, ItemState, Kind};
use crate::reciprocity;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

const CONTACTS: usize = 6;

#[derive(Debug, Clone)]
enum Op {
    Log {
        age: i64,
        who: Vec<usize>,
        items: Vec<(usize, bool, u8, bool)>,
        network: Option<usize>,
        minutes: Option<u32>,
    },
    Settle(usize),
    Redate(usize, i64),
    MoveNetwork(usize, Option<usize>, Option<u32>),
    /// A participation handed to another contact by an UPDATE, as another
    /// program might write it (ties itself deletes and inserts).
    MoveParticipant(usize, usize),
    DeleteInteraction(usize),
    DeleteItem(usize),
    ChangeItem(usize, bool, u8, bool),
    Cadence(usize, Option<u32>),
    Circle(usize, usize),
    Snooze(usize, Option<i64>),
    Archive(usize, bool),
    Reminders(usize, bool),
    CircleCadence(usize, Option<u32>),
    HalfLife(u32),
    DeleteContact(usize),
    // The store's own edits, deletes, merges and undo (main's history).
    EditInteraction {
        n: usize,
        age: Option<i64>,
        network: Option<Option<usize>>,
        add: Option<usize>,
        remove: Option<usize>,
        item: Option<(usize, bool, u8, bool)>,
    },
    EditItem(usize, Option<u8>, Option<bool>, Option<usize>),
    ReopenItem(usize),
    StoreDeleteInteraction(usize),
    StoreDeleteItem(usize),
    StoreDeleteContact(usize),
    Merge(usize, usize),
    NotThisWeek(usize),
    Undo,
    /// Close the database and open it again (the history's triggers are
    /// made anew on the new connection).
    ReopenStore,
    /// A vCard file: new contacts (their rows made in bulk at the end,
    /// store/bulk.rs) and cards that match the contacts there and fill
    /// what they lack.
    Import(Vec<Card>),
}

#[derive(Debug, Clone)]
struct Card {
    /// Below `CONTACTS`, the name of a contact there ("Contact n").
    name: usize,
    org: bool,
    circle: Option<usize>,
    cadence: Option<u32>,
    snoozed: Option<i64>,
    archived: bool,
    reminders: bool,
    tag: bool,
    works_at: Option<usize>,
    /// A card the import refuses: the whole file is rolled back.
    broken: bool,
}

impl Card {
    fn vcard(&self) -> String {
        let name = if self.name < CONTACTS {
            format!("Contact {}", self.name)
        } else {
            format!("Newcomer {}", self.name)
        };
        let mut card = format!("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{name}\r\n");
        if self.org {
            card.push_str("KIND:org\r\n");
        }
        if let Some(c) = self.circle.filter(|_| !self.org) {
            let circle = ["family", "friend", "work", "acquaintance", "other"][c];
            card.push_str(&format!("X-TIES-CIRCLE:{circle}\r\n"));
        }
        if self.broken {
            card.push_str("X-TIES-EVERY:soon\r\n");
        } else if let Some(days) = self.cadence {
            card.push_str(&format!("X-TIES-EVERY:{days}\r\n"));
        }
        if let Some(ahead) = self.snoozed {
            card.push_str(&format!(
                "X-TIES-SNOOZED:{}\r\n",
                today() + Duration::days(ahead)
            ));
        }
        if self.archived {
            card.push_str("X-TIES-ARCHIVED:true\r\n");
        }
        if !self.reminders {
            card.push_str("X-TIES-REMINDERS:off\r\n");
        }
        if self.tag {
            card.push_str("CATEGORIES:imported\r\n");
        }
        if let Some(n) = self.works_at {
            card.push_str(&format!("ORG:Firm {n}\r\n"));
        }
        card.push_str("END:VCARD\r\n");
        card
    }
}

fn card() -> impl Strategy<Value = Card> {
    (
        (0..CONTACTS + 3, any::<bool>(), prop::option::of(0..5usize)),
        (prop::option::of(1u32..400), prop::option::of(-30i64..60)),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(0..2usize),
        ),
        prop::bool::weighted(0.05),
    )
        .prop_map(
            |(
                (name, org, circle),
                (cadence, snoozed),
                (archived, reminders, tag, works_at),
                broken,
            )| Card {
                name,
                org: org && name % 3 == 0,
                circle,
                cadence,
                snoozed,
                archived,
                reminders,
                tag,
                works_at,
                broken,
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    let who = prop::collection::vec(0..CONTACTS, 1..3);
    let items = prop::collection::vec((0..3usize, any::<bool>(), 1u8..=5, any::<bool>()), 0..3);
    prop_oneof![
        6 => (0i64..1200, who, items, prop::option::of(0..2usize), prop::option::of(0u32..200))
            .prop_map(|(age, who, items, network, minutes)| Op::Log { age, who, items, network, minutes }),
        2 => (0..40usize).prop_map(Op::Settle),
        1 => (0..40usize, 0i64..1200).prop_map(|(i, age)| Op::Redate(i, age)),
        1 => (0..40usize, prop::option::of(0..2usize), prop::option::of(0u32..200))
            .prop_map(|(i, n, m)| Op::MoveNetwork(i, n, m)),
        1 => (0..40usize, 0..CONTACTS).prop_map(|(i, c)| Op::MoveParticipant(i, c)),
        1 => (0..40usize).prop_map(Op::DeleteInteraction),
        1 => (0..60usize).prop_map(Op::DeleteItem),
        1 => (0..60usize, any::<bool>(), 1u8..=5, any::<bool>())
            .prop_map(|(i, d, w, s)| Op::ChangeItem(i, d, w, s)),
        1 => (0..CONTACTS, prop::option::of(1u32..400)).prop_map(|(c, d)| Op::Cadence(c, d)),
        1 => (0..CONTACTS, 0..5usize).prop_map(|(c, k)| Op::Circle(c, k)),
        1 => (0..CONTACTS, prop::option::of(-30i64..60)).prop_map(|(c, d)| Op::Snooze(c, d)),
        1 => (0..CONTACTS, any::<bool>()).prop_map(|(c, a)| Op::Archive(c, a)),
        1 => (0..CONTACTS, any::<bool>()).prop_map(|(c, r)| Op::Reminders(c, r)),
        1 => (0..5usize, prop::option::of(1u32..400)).prop_map(|(k, d)| Op::CircleCadence(k, d)),
        1 => prop_oneof![Just(365u32), Just(90u32), Just(1000u32)].prop_map(Op::HalfLife),
        1 => (0..CONTACTS).prop_map(Op::DeleteContact),
        2 => (
            0..40usize,
            prop::option::of(0i64..1200),
            prop::option::of(prop::option::of(0..2usize)),
            prop::option::of(0..CONTACTS),
            prop::option::of(0..CONTACTS),
            prop::option::of((0..3usize, any::<bool>(), 1u8..=5, any::<bool>())),
        )
            .prop_map(|(n, age, network, add, remove, item)| Op::EditInteraction {
                n, age, network, add, remove, item,
            }),
        2 => (0..60usize, prop::option::of(1u8..=5), prop::option::of(any::<bool>()), prop::option::of(0..3usize))
            .prop_map(|(n, w, d, c)| Op::EditItem(n, w, d, c)),
        1 => (0..60usize).prop_map(Op::ReopenItem),
        1 => (0..40usize).prop_map(Op::StoreDeleteInteraction),
        1 => (0..60usize).prop_map(Op::StoreDeleteItem),
        1 => (0..CONTACTS).prop_map(Op::StoreDeleteContact),
        2 => (0..CONTACTS, 0..CONTACTS).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => (0..CONTACTS).prop_map(Op::NotThisWeek),
        4 => Just(Op::Undo),
        1 => Just(Op::ReopenStore),
        2 => prop::collection::vec(card(), 1..5).prop_map(Op::Import),
    ]
}

struct World {
    store: Store,
    contacts: Vec<i64>,
    networks: Vec<i64>,
    /// The database file (a file, so that it can be opened again).
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn ids(store: &Store, sql: &str) -> Vec<i64> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn pick(list: &[i64], n: usize) -> Option<i64> {
    (!list.is_empty()).then(|| list[n % list.len()])
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ties.db");
        let mut store = Store::open(&path, Clock::fixed(today())).unwrap();
        let circles = [
            Some(Circle::Family),
            Some(Circle::Friend),
            Some(Circle::Work),
            None,
        ];
        let mut contacts = Vec::new();
        for n in 0..CONTACTS {
            let kind = if n == CONTACTS - 1 {
                Kind::Org
            } else {
                Kind::Person
            };
            let mut new = NewContact::new(kind, format!("Contact {n}"));
            if kind == Kind::Person {
                new.circle = circles[n % circles.len()];
            }
            contacts.push(store.add_contact(&new).unwrap());
        }
        let networks = ["North", "South"]
            .iter()
            .map(|name| store.add_network(&NewNetwork::new(*name)).unwrap())
            .collect();
        World {
            store,
            contacts,
            networks,
            path,
            _dir: dir,
        }
    }

    fn live_contacts(&self) -> Vec<i64> {
        ids(&self.store, "SELECT id FROM contacts ORDER BY id")
    }

    fn apply(&mut self, op: &Op) {
        let conn_ids = |sql: &str| ids(&self.store, sql);
        let interactions = conn_ids("SELECT id FROM interactions ORDER BY id");
        let items = conn_ids("SELECT id FROM items ORDER BY id");
        let live = self.live_contacts();
        let contact = |n: usize| self.contacts[n % self.contacts.len()];
        // An undo may take back the networks of the start, too.
        let live_networks = conn_ids("SELECT id FROM networks ORDER BY id");
        let network_of = |n: Option<usize>| {
            n.map(|n| self.networks[n])
                .filter(|id| live_networks.contains(id))
        };
        match op.clone() {
            Op::Log {
                age,
                who,
                items,
                network,
                minutes,
            } => {
                let mut participants: Vec<i64> = who
                    .iter()
                    .map(|&n| contact(n))
                    .filter(|c| live.contains(c))
                    .collect();
                participants.sort_unstable();
                participants.dedup();
                if participants.is_empty() {
                    return;
                }
                let items = items
                    .iter()
                    .map(|&(who, gave, weight, open)| NewItem {
                        counterparty: participants[who % participants.len()],
                        direction: if gave {
                            Direction::Gave
                        } else {
                            Direction::Got
                        },
                        kind: ItemKind::Help,
                        weight,
                        state: if open {
                            ItemState::Open
                        } else {
                            ItemState::Done
                        },
                        note: String::new(),
                    })
                    .collect();
                self.store
                    .log_interaction(&NewInteraction {
                        date: today() - Duration::days(age),
                        // Some at a time of day, which orders a timeline.
                        time: (age % 3 == 0).then(|| format!("{:02}:30", age % 24)),
                        channel: Channel::Meeting,
                        minutes,
                        network: network_of(network),
                        note: String::new(),
                        participants,
                        items,
                    })
                    .unwrap();
            }
            Op::Settle(n) => {
                let open = conn_ids("SELECT id FROM items WHERE state = 'open' ORDER BY id");
                if let Some(item) = pick(&open, n) {
                    self.store.settle_item(item).unwrap();
                }
            }
            Op::MoveParticipant(n, to) => {
                if let Some(id) = pick(&interactions, n) {
                    let to = contact(to);
                    if live.contains(&to) {
                        self.store
                            .conn()
                            .execute(
                                "UPDATE OR IGNORE interaction_participants SET contact_id = ?2
                                 WHERE interaction_id = ?1
                                   AND contact_id = (SELECT min(contact_id) FROM interaction_participants
                                                     WHERE interaction_id = ?1)",
                                params![id, to],
                            )
                            .unwrap();
                    }
                }
            }
            Op::Redate(n, age) => {
                if let Some(id) = pick(&interactions, n) {
                    self.store
                        .conn()
                        .execute(
                            "UPDATE interactions SET date = ?2, time = ?3 WHERE id = ?1",
                            params![
                                id,
                                today() - Duration::days(age),
                                (age % 2 == 0).then(|| format!("{:02}:15", age % 24))
                            ],
                        )
                        .unwrap();
                }
            }
            Op::MoveNetwork(n, network, minutes) => {
                if let Some(id) = pick(&interactions, n) {
                    self.store
                        .conn()
                        .execute(
                            "UPDATE interactions SET network_id = ?2, minutes = ?3 WHERE id = ?1",
                            params![id, network_of(network), minutes],
                        )
                        .unwrap();
                }
            }
            Op::DeleteInteraction(n) => {
                if let Some(id) = pick(&interactions, n) {
                    self.store
                        .conn()
                        .execute("DELETE FROM interactions WHERE id = ?1", [id])
                        .unwrap();
                }
            }
            Op::DeleteItem(n) => {
                if let Some(id) = pick(&items, n) {
                    self.store
                        .conn()
                        .execute("DELETE FROM items WHERE id = ?1", [id])
                        .unwrap();
                }
            }
            Op::ChangeItem(n, gave, weight, open) => {
                if let Some(id) = pick(&items, n) {
                    self.store
                        .conn()
                        .execute(
                            "UPDATE items SET direction = ?2, weight = ?3, state = ?4 WHERE id = ?1",
                            params![
                                id,
                                if gave { "gave" } else { "got" },
                                weight,
                                if open { "open" } else { "done" }
                            ],
                        )
                        .unwrap();
                }
            }
            Op::Cadence(n, days) => self.edit(
                contact(n),
                ContactEdit {
                    cadence_days: Some(days),
                    ..ContactEdit::default()
                },
            ),
            Op::Circle(n, k) => {
                let id = contact(n);
                // Organisations have no circle.
                if live.contains(&id) && self.store.contact(id).unwrap().kind == Kind::Person {
                    self.edit(
                        id,
                        ContactEdit {
                            circle: Some(Circle::ALL[k % Circle::ALL.len()]),
                            ..ContactEdit::default()
                        },
                    );
                }
            }
            Op::Snooze(n, days) => self.edit(
                contact(n),
                ContactEdit {
                    snoozed_until: Some(days.map(|d| today() + Duration::days(d))),
                    ..ContactEdit::default()
                },
            ),
            Op::Archive(n, archived) => {
                if live.contains(&contact(n)) {
                    self.store.set_archived(contact(n), archived).unwrap();
                }
            }
            Op::Reminders(n, on) => {
                if live.contains(&contact(n)) {
                    self.store.set_reminders(contact(n), on).unwrap();
                }
            }
            Op::CircleCadence(k, days) => {
                let mut wanted = self.store.circle_cadences().unwrap();
                let circle = Circle::ALL[k % Circle::ALL.len()];
                for entry in &mut wanted {
                    if entry.0 == circle {
                        entry.1 = days;
                    }
                }
                self.store.set_circle_cadences(&wanted).unwrap();
            }
            Op::HalfLife(days) => {
                self.store.set_half_life(days).unwrap();
            }
            Op::DeleteContact(n) => {
                self.store
                    .conn()
                    .execute("DELETE FROM contacts WHERE id = ?1", [contact(n)])
                    .unwrap();
            }
            // The store's own writes may refuse (a participant who is an
            // item's counterparty, nothing to undo, a conflict): a refusal
            // writes nothing, and the figures must hold either way.
            Op::EditInteraction {
                n,
                age,
                network,
                add,
                remove,
                item,
            } => {
                let Some(id) = pick(&interactions, n) else {
                    return;
                };
                let present: Vec<i64> = ids(
                    &self.store,
                    &format!(
                        "SELECT contact_id FROM interaction_participants WHERE interaction_id = {id} ORDER BY contact_id"
                    ),
                );
                let add: Vec<i64> = add
                    .map(contact)
                    .filter(|c| live.contains(c) && !present.contains(c))
                    .into_iter()
                    .collect();
                let remove: Vec<i64> = remove
                    .map(contact)
                    .filter(|c| present.contains(c))
                    .into_iter()
                    .collect();
                let mut after: Vec<i64> = present
                    .iter()
                    .chain(&add)
                    .copied()
                    .filter(|c| !remove.contains(c))
                    .collect();
                after.sort_unstable();
                let add_items = match item {
                    Some((who, gave, weight, open)) if !after.is_empty() => vec![NewItem {
                        counterparty: after[who % after.len()],
                        direction: if gave {
                            Direction::Gave
                        } else {
                            Direction::Got
                        },
                        kind: ItemKind::Help,
                        weight,
                        state: if open {
                            ItemState::Open
                        } else {
                            ItemState::Done
                        },
                        note: String::new(),
                    }],
                    _ => Vec::new(),
                };
                let edit = InteractionEdit {
                    date: age.map(|a| today() - Duration::days(a)),
                    network: network.map(network_of),
                    add_participants: add,
                    remove_participants: remove,
                    add_items,
                    ..InteractionEdit::default()
                };
                let _ = self.store.edit_interaction(id, &edit);
            }
            Op::EditItem(n, weight, gave, counterparty) => {
                let Some(id) = pick(&items, n) else { return };
                let counterparty = counterparty.and_then(|k| {
                    let interaction: i64 = self
                        .store
                        .conn()
                        .query_row("SELECT interaction_id FROM items WHERE id = ?1", [id], |r| {
                            r.get(0)
                        })
                        .unwrap();
                    let present = ids(
                        &self.store,
                        &format!(
                            "SELECT contact_id FROM interaction_participants WHERE interaction_id = {interaction} ORDER BY contact_id"
                        ),
                    );
                    pick(&present, k)
                });
                let edit = ItemEdit {
                    weight,
                    direction: gave.map(|g| if g { Direction::Gave } else { Direction::Got }),
                    counterparty,
                    ..ItemEdit::default()
                };
                if !edit.is_empty() {
                    let _ = self.store.edit_item(id, &edit);
                }
            }
            Op::ReopenItem(n) => {
                let done = conn_ids("SELECT id FROM items WHERE state = 'done' ORDER BY id");
                if let Some(item) = pick(&done, n) {
                    let _ = self.store.reopen_item(item);
                }
            }
            Op::StoreDeleteInteraction(n) => {
                if let Some(id) = pick(&interactions, n) {
                    let _ = self.store.delete_interaction(id);
                }
            }
            Op::StoreDeleteItem(n) => {
                if let Some(id) = pick(&items, n) {
                    let _ = self.store.delete_item(id);
                }
            }
            Op::StoreDeleteContact(n) => {
                if live.contains(&contact(n)) {
                    let _ = self.store.delete_contact(contact(n));
                }
            }
            Op::Merge(a, b) => {
                let (keep, other) = (contact(a), contact(b));
                if keep != other && live.contains(&keep) && live.contains(&other) {
                    let _ = self.store.merge_contacts(keep, other);
                }
            }
            Op::NotThisWeek(n) => {
                if live.contains(&contact(n)) {
                    let week = crate::review::Week::containing(today(), chrono::Weekday::Mon);
                    self.store.skip_for_week(week.start, &[contact(n)]).unwrap();
                }
            }
            Op::Undo => {
                let _ = self.store.undo();
            }
            Op::ReopenStore => {
                let store = Store::open(&self.path, Clock::fixed(today())).unwrap();
                self.store = store;
            }
            Op::Import(cards) => {
                let source = crate::import::Source {
                    name: "cards.vcf".into(),
                    bytes: cards
                        .iter()
                        .map(Card::vcard)
                        .collect::<String>()
                        .into_bytes(),
                };
                let imported = crate::import::import(
                    &mut self.store,
                    crate::import::Format::Vcard,
                    &[source],
                    &Default::default(),
                );
                assert_eq!(
                    imported.is_err(),
                    cards.iter().any(|c| c.broken),
                    "{imported:?}"
                );
            }
        }
    }

    fn edit(&mut self, id: i64, edit: ContactEdit) {
        if self.live_contacts().contains(&id) {
            self.store.edit_contact(id, &edit).unwrap();
        }
    }
}

/// Rows of a query as text, for comparing tables.
fn table(store: &Store, sql: &str) -> BTreeSet<String> {
    let mut stmt = store.conn().prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |row| {
        Ok((0..columns)
            .map(|i| match row.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                rusqlite::types::ValueRef::Real(x) => x.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

struct ContactRow {
    id: i64,
    kind: Kind,
    circle: Option<Circle>,
    cadence: Option<u32>,
    snoozed: Option<NaiveDate>,
    archived: bool,
    reminders: bool,
    added: NaiveDate,
}

struct ItemRow {
    id: i64,
    interaction: i64,
    counterparty: i64,
    direction: Direction,
    weight: u32,
    open: bool,
}

/// Every kept figure of 0005, from the user's rows alone.
pub(super) fn check(store: &Store) -> Result<(), TestCaseError> {
    let conn = store.conn();
    let contacts: Vec<ContactRow> = conn
        .prepare(
            "SELECT id, kind, circle, cadence_days, snoozed_until, archived, reminders,
                    substr(created_at, 1, 10) AS added FROM contacts",
        )
        .unwrap()
        .query_map([], |row| {
            Ok(ContactRow {
                id: row.get("id")?,
                kind: row.get("kind")?,
                circle: row.get("circle")?,
                cadence: row.get("cadence_days")?,
                snoozed: row.get("snoozed_until")?,
                archived: row.get("archived")?,
                reminders: row.get("reminders")?,
                added: row.get("added")?,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // (date, minutes, network, time of day or '')
    type InteractionRow = (NaiveDate, Option<u32>, Option<i64>, String);
    let interactions: BTreeMap<i64, InteractionRow> = conn
        .prepare("SELECT id, date, minutes, network_id, coalesce(time, '') FROM interactions")
        .unwrap()
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?),
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let participants: Vec<(i64, i64)> = conn
        .prepare("SELECT interaction_id, contact_id FROM interaction_participants")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let items: Vec<ItemRow> = conn
        .prepare("SELECT id, interaction_id, counterparty_id, direction, weight, state FROM items")
        .unwrap()
        .query_map([], |row| {
            Ok(ItemRow {
                id: row.get(0)?,
                interaction: row.get(1)?,
                counterparty: row.get(2)?,
                direction: row.get(3)?,
                weight: row.get(4)?,
                open: row.get::<_, ItemState>(5)? == ItemState::Open,
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let circle_days: BTreeMap<Circle, Option<u32>> =
        store.circle_cadences().unwrap().into_iter().collect();
    let half_life = f64::from(store.half_life().unwrap());

    // contact_stats: the review columns.
    let mut expected = BTreeSet::new();
    for c in &contacts {
        let dates: Vec<NaiveDate> = participants
            .iter()
            .filter(|(_, who)| *who == c.id)
            .map(|(i, _)| interactions[i].0)
            .collect();
        let last = dates.iter().max().copied();
        let weight: u32 = items
            .iter()
            .filter(|it| it.counterparty == c.id && !it.open)
            .map(|it| it.weight)
            .sum();
        let cadence = if c.archived || !c.reminders {
            None
        } else {
            c.cadence.or(match (c.kind, c.circle) {
                (Kind::Person, Some(circle)) => circle_days[&circle],
                _ => None,
            })
        };
        let due = cadence.map(|days| last.unwrap_or(c.added) + Duration::days(i64::from(days)));
        let text = |d: Option<NaiveDate>| d.map_or("NULL".to_string(), |d| d.to_string());
        expected.insert(format!(
            "{}|{}|{}|{}|{}|{}|{}",
            c.id,
            i64::from(!c.archived),
            i64::from(!c.archived && c.reminders),
            text(c.snoozed),
            cadence.map_or("NULL".to_string(), |d| d.to_string()),
            text(due),
            weight
        ));
    }
    let kept = table(
        store,
        "SELECT contact_id, listed, reminded, rests_until, cadence, due_on, weight_total FROM contact_stats",
    );
    prop_assert_eq!(kept, expected, "contact_stats");

    // What the list sorts by: the contact's folded name and its width.
    let names = table(store, "SELECT id, name, name_key FROM contacts");
    let expected: BTreeSet<String> = names
        .iter()
        .map(|row| {
            let mut fields = row.splitn(3, '|');
            let (id, name, key) = (
                fields.next().unwrap(),
                fields.next().unwrap(),
                fields.next().unwrap(),
            );
            format!("{id}|{key}|{}", crate::text::width(name))
        })
        .collect();
    prop_assert_eq!(
        table(
            store,
            "SELECT contact_id, name_key, name_width FROM contact_stats"
        ),
        expected,
        "contact_stats names"
    );

    // The kept sums against the items, decayed to today.
    for c in &contacts {
        let mine = items
            .iter()
            .filter(|it| it.counterparty == c.id && !it.open);
        let reference = reciprocity::Tally::from_items(
            mine.map(|it| {
                (
                    it.direction,
                    it.weight as u8,
                    interactions[&it.interaction].0,
                )
            }),
            today(),
            half_life,
        );
        let fact = store.contact_fact(c.id).unwrap();
        let kept = fact.tally(today(), half_life);
        prop_assert!((kept.gave - reference.gave).abs() < 1e-6 * (1.0 + reference.gave));
        prop_assert!((kept.got - reference.got).abs() < 1e-6 * (1.0 + reference.got));
    }

    // open_items.
    let archived: BTreeMap<i64, bool> = contacts.iter().map(|c| (c.id, c.archived)).collect();
    let expected: BTreeSet<String> = items
        .iter()
        .filter(|it| it.open)
        .map(|it| {
            format!(
                "{}|{}|{}|{}|{}",
                it.id,
                it.counterparty,
                it.direction,
                interactions[&it.interaction].0,
                i64::from(!archived[&it.counterparty])
            )
        })
        .collect();
    let kept = table(
        store,
        "SELECT item_id, counterparty_id, direction, since, listed FROM open_items",
    );
    prop_assert_eq!(kept, expected, "open_items");

    // interaction_days.
    let mut days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (date, _, _, _) in interactions.values() {
        *days.entry(*date).or_default() += 1;
    }
    let expected: BTreeSet<String> = days.iter().map(|(d, n)| format!("{d}|{n}")).collect();
    prop_assert_eq!(
        table(store, "SELECT date, interactions FROM interaction_days"),
        expected,
        "interaction_days"
    );

    // network_days.
    let mut networks: BTreeMap<(i64, NaiveDate), [i64; 4]> = BTreeMap::new();
    for (id, (date, minutes, network, _)) in &interactions {
        let Some(network) = network else { continue };
        let day = networks.entry((*network, *date)).or_default();
        day[0] += 1;
        day[1] += i64::from(minutes.unwrap_or(0));
        for it in items.iter().filter(|it| it.interaction == *id && !it.open) {
            let slot = if it.direction == Direction::Gave {
                2
            } else {
                3
            };
            day[slot] += i64::from(it.weight);
        }
    }
    let expected: BTreeSet<String> = networks
        .iter()
        .map(|((n, d), v)| format!("{n}|{d}|{}|{}|{}|{}", v[0], v[1], v[2], v[3]))
        .collect();
    prop_assert_eq!(
        table(
            store,
            "SELECT network_id, date, interactions, minutes, gave, got FROM network_days"
        ),
        expected,
        "network_days"
    );

    // network_stats: decayed give and take per network, from the items.
    for (network, _) in networks
        .iter()
        .map(|((n, _), _)| (n, ()))
        .collect::<BTreeMap<_, _>>()
    {
        let (mut gave, mut got) = (0.0, 0.0);
        for (id, (date, _, _, _)) in interactions.iter().filter(|(_, i)| i.2 == Some(*network)) {
            for it in items.iter().filter(|it| it.interaction == *id && !it.open) {
                let value = f64::from(it.weight) * reciprocity::scale(*date, half_life);
                match it.direction {
                    Direction::Gave => gave += value,
                    Direction::Got => got += value,
                }
            }
        }
        let (kept_gave, kept_got): (f64, f64) = conn
            .query_row(
                "SELECT gave_scaled, got_scaled FROM network_stats WHERE network_id = ?1",
                [network],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        // Kept by adding and subtracting: equal up to rounding, decayed to today.
        let unscale = 1.0 / reciprocity::scale(today(), half_life);
        let (gave, got, kept_gave, kept_got) = (
            gave * unscale,
            got * unscale,
            kept_gave * unscale,
            kept_got * unscale,
        );
        prop_assert!(
            (kept_gave - gave).abs() < 1e-9 * (1.0 + gave),
            "network gave {kept_gave} vs {gave}"
        );
        prop_assert!(
            (kept_got - got).abs() < 1e-9 * (1.0 + got),
            "network got {kept_got} vs {got}"
        );
    }

    // review_buckets, from the kept rows they count.
    let mut buckets: BTreeMap<(String, i64), i64> = BTreeMap::new();
    let rows: Vec<(bool, f64, f64, u32, Option<NaiveDate>)> = conn
        .prepare("SELECT listed, gave_scaled, got_scaled, done_items, due_on FROM contact_stats")
        .unwrap()
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (listed, gave, got, done, due) in rows {
        let key = buckets::bucket(gave - got);
        if listed {
            *buckets.entry(("listed".into(), key)).or_default() += 1;
            if done >= 3 && got < gave / 3.0 {
                *buckets.entry(("shaped".into(), key)).or_default() += 1;
            }
        }
        if let Some(due) = due {
            *buckets
                .entry(("due".into(), buckets::week_bucket(due)))
                .or_default() += 1;
        }
    }
    let open_listed = items
        .iter()
        .filter(|it| it.open && !archived[&it.counterparty])
        .count() as i64;
    *buckets.entry(("open".into(), 0)).or_default() += open_listed;
    for it in items
        .iter()
        .filter(|it| it.open && it.direction == Direction::Gave && !archived[&it.counterparty])
    {
        let made = interactions[&it.interaction].0;
        *buckets
            .entry(("promised".into(), buckets::week_bucket(made)))
            .or_default() += 1;
    }
    let expected: BTreeSet<String> = buckets
        .iter()
        .filter(|(_, n)| **n != 0)
        .map(|((kind, key), n)| format!("{kind}|{key}|{n}"))
        .collect();
    prop_assert_eq!(
        table(store, "SELECT kind, key, n FROM review_buckets"),
        expected,
        "review_buckets"
    );

    // Each contact's timeline: its participations, each with the date and
    // time of its interaction.
    let expected: BTreeSet<String> = participants
        .iter()
        .map(|(interaction, contact)| {
            let (date, _, _, time) = &interactions[interaction];
            format!("{contact}|{interaction}|{date}|{time}")
        })
        .collect();
    prop_assert_eq!(
        table(
            store,
            "SELECT contact_id, interaction_id, date, time_key FROM contact_timeline"
        ),
        expected,
        "contact_timeline"
    );

    // `ties due`: reconnects due by a day, and their count, from the kept
    // due dates, equal to every contact judged by the cadences.
    let mut config = crate::config::Config::default();
    for (circle, days) in &circle_days {
        config.cadence.insert(circle.as_str().to_string(), *days);
    }
    for ahead in [0, 7, 60] {
        let day = today() + Duration::days(ahead);
        let kept = crate::review::reconnects_due_by(store, &config, day).unwrap();
        let reference = crate::review::reconnect::from_scratch(store, &config, day).unwrap();
        prop_assert_eq!(&kept, &reference, "reconnects due by {}", day);
        prop_assert_eq!(
            store.count_reconnects_due_by(day).unwrap(),
            reference.len(),
            "count of reconnects due by {}",
            day
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("TIES_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn kept_review_figures_equal_their_computation_from_scratch(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let mut world = World::new();
        check(&world.store)?;
        for op in &ops {
            world.apply(op);
            check(&world.store)?;
        }
    }
}

#[test]
fn a_database_of_version_4_gets_its_figures_at_the_upgrade() {
    // A version 4 database written as ties 4 would (its triggers, its
    // functions), with contacts, interactions in a network, done and open
    // items, a snooze, a cadence and an archived contact; then opened by
    // this ties, which upgrades it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        open::configure(&conn).unwrap();
        for sql in [
            include_str!("../../migrations/0001_initial.sql"),
            include_str!("../../migrations/0002_reciprocity.sql"),
            include_str!("../../migrations/0003_import.sql"),
            include_str!("../../migrations/0004_let_go.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO contacts (kind, name, name_key, circle, cadence_days, snoozed_until, archived, created_at, updated_at) VALUES
                 ('person', 'Anna', 'anna', 'friend', NULL, NULL, 0, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
                 ('person', 'Bob', 'bob', 'work', 10, '2026-12-01', 0, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
                 ('person', 'Carl', 'carl', 'family', NULL, NULL, 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
                 ('org', 'Kasvu Oy', 'kasvu oy', NULL, NULL, NULL, 0, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             INSERT INTO networks (name, name_key, created_at, updated_at) VALUES ('North', 'north', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
             INSERT INTO interactions (date, channel, minutes, network_id, created_at) VALUES
                 ('2026-10-01', 'meeting', 60, 1, '2026-10-01T00:00:00Z'),
                 ('2024-05-01', 'call', NULL, NULL, '2024-05-01T00:00:00Z');
             INSERT INTO interaction_participants VALUES (1, 1), (1, 2), (2, 3);
             INSERT INTO items (interaction_id, counterparty_id, direction, kind, weight, state) VALUES
                 (1, 1, 'gave', 'help', 3, 'done'), (1, 2, 'got', 'advice', 2, 'open'),
                 (2, 3, 'got', 'gift', 5, 'done'), (2, 3, 'gave', 'help', 1, 'open');
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let store = Store::open(&path, Clock::fixed(today())).unwrap();
    check(&store).unwrap();
    let due: Option<NaiveDate> = store
        .conn()
        .query_row(
            "SELECT due_on FROM contact_stats WHERE contact_id = 2",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        due,
        NaiveDate::from_ymd_opt(2026, 10, 11),
        "Bob: ten days after the meeting"
    );
}

/// A contact made in any state (archived, without reminders, with its own
/// cadence, snoozed, an organisation, in a circle with a cadence) gets the
/// stats row its state asks for in the INSERT that makes it, as another
/// program or an undo would insert it.
#[test]
fn a_new_contact_gets_its_whole_stats_row_whatever_its_state() {
    let store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    store
        .conn()
        .execute_batch(
            "UPDATE circle_cadences SET days = 21 WHERE circle = 'friend';
             INSERT INTO contacts (kind, name, name_key, circle, cadence_days, snoozed_until, archived, reminders, created_at, updated_at) VALUES
                 ('person', 'Anna', 'anna', 'friend', NULL, NULL, 0, 1, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z'),
                 ('person', 'Bob', 'bob', 'friend', 10, '2026-12-24', 0, 1, '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z'),
                 ('person', 'Carl', 'carl', 'friend', 10, NULL, 1, 1, '2026-11-03T09:00:00Z', '2026-11-03T09:00:00Z'),
                 ('person', 'Dora', 'dora', 'friend', 10, NULL, 0, 0, '2026-11-04T09:00:00Z', '2026-11-04T09:00:00Z'),
                 ('person', 'Eeva', 'eeva', NULL, NULL, NULL, 0, 1, '2026-11-05T09:00:00Z', '2026-11-05T09:00:00Z'),
                 ('org', 'Kasvu Oy', 'kasvu oy', NULL, 30, NULL, 0, 1, '2026-11-06T09:00:00Z', '2026-11-06T09:00:00Z');",
        )
        .unwrap();
    check(&store).unwrap();
    let rows = table(
        &store,
        "SELECT contact_id, listed, reminded, rests_until, cadence, due_on FROM contact_stats",
    );
    let expected: BTreeSet<String> = [
        "1|1|1|NULL|21|2026-11-22",
        "2|1|1|2026-12-24|10|2026-11-12",
        "3|0|0|NULL|NULL|NULL",
        "4|1|0|NULL|NULL|NULL",
        "5|1|1|NULL|NULL|NULL",
        "6|1|1|NULL|30|2026-12-06",
    ]
    .iter()
    .map(|row| row.to_string())
    .collect();
    assert_eq!(rows, expected);
}
