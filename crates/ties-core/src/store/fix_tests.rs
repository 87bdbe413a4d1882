//! Fixing mistakes (issue 11): editing and deleting what was logged,
//! deleting and merging contacts, undoing any of it; and the two
//! properties they keep: the kept sums equal a computation from scratch
//! after every step, and undo gives back exactly what was there.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::history_tests::{digest, store};
use super::{
    ContactEdit, InteractionEdit, ItemEdit, NewContact, NewInteraction, NewItem, NewNetwork, Store,
};
use crate::change::Change;
use crate::error::{Error, Refusal};
use crate::model::{Channel, Direction, ItemKind, ItemState, Kind, Labelled};
use crate::reciprocity::DECAY_EPOCH;
use crate::text::{fold_keeping_symbols, width};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn person(store: &mut Store, name: &str) -> i64 {
    store
        .add_contact(&NewContact::new(Kind::Person, name))
        .unwrap()
}

fn item(counterparty: i64, direction: Direction, weight: u8, state: ItemState) -> NewItem {
    NewItem {
        counterparty,
        direction,
        kind: ItemKind::Help,
        weight,
        state,
        note: if state == ItemState::Open {
            "send slides".into()
        } else {
            String::new()
        },
    }
}

fn log(store: &mut Store, days_ago: i64, who: &[i64], items: Vec<NewItem>) -> i64 {
    store
        .log_interaction(&NewInteraction {
            date: today() - Duration::days(days_ago),
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

/// Per contact: interactions, first and last date, done items, the scaled
/// sums given and got, and what the list sorts and filters by (the folded
/// name, archived, the name's width in columns).
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    count: i64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    done: i64,
    gave: f64,
    got: f64,
    name_key: String,
    archived: bool,
    name_width: i64,
}

/// What `contact_stats` holds.
fn kept(store: &Store) -> HashMap<i64, Figures> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT contact_id, interaction_count, first_interaction, last_interaction, done_items,
                    gave_scaled, got_scaled, name_key, listed = 0, name_width FROM contact_stats",
        )
        .unwrap();
    stmt.query_map([], |row| {
        Ok((
            row.get(0)?,
            Figures {
                count: row.get(1)?,
                first: row.get(2)?,
                last: row.get(3)?,
                done: row.get(4)?,
                gave: row.get(5)?,
                got: row.get(6)?,
                name_key: row.get(7)?,
                archived: row.get(8)?,
                name_width: row.get(9)?,
            },
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// The same figures computed from scratch, over every participation and
/// every item.
fn from_scratch(store: &Store) -> HashMap<i64, Figures> {
    let half_life = f64::from(store.half_life().unwrap());
    let snapshot = store.snapshot().unwrap();
    let mut out: HashMap<i64, Figures> = snapshot
        .contacts
        .iter()
        .map(|c| {
            (
                c.id,
                Figures {
                    count: 0,
                    first: None,
                    last: None,
                    done: 0,
                    gave: 0.0,
                    got: 0.0,
                    name_key: fold_keeping_symbols(&c.name),
                    archived: c.archived,
                    name_width: width(&c.name) as i64,
                },
            )
        })
        .collect();
    for i in &snapshot.interactions {
        for p in &i.participants {
            let f = out.get_mut(p).expect("a participant is a contact");
            f.count += 1;
            f.first = Some(f.first.map_or(i.date, |d| d.min(i.date)));
            f.last = Some(f.last.map_or(i.date, |d| d.max(i.date)));
        }
        for it in i.items.iter().filter(|it| it.state == ItemState::Done) {
            let f = out
                .get_mut(&it.counterparty)
                .expect("a counterparty is a contact");
            let value = f64::from(it.weight)
                * ((i.date - DECAY_EPOCH).num_days() as f64 / half_life).exp2();
            f.done += 1;
            match it.direction {
                Direction::Gave => f.gave += value,
                Direction::Got => f.got += value,
            }
        }
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every contact's kept figures equal the ones computed from scratch.
fn sums_hold(store: &Store) -> std::result::Result<(), String> {
    let (kept, expected) = (kept(store), from_scratch(store));
    if kept.len() != expected.len() {
        return Err(format!(
            "{} kept rows for {} contacts",
            kept.len(),
            expected.len()
        ));
    }
    for (id, e) in &expected {
        let k = kept.get(id).ok_or(format!("no kept figures for #{id}"))?;
        let same = k.count == e.count
            && k.first == e.first
            && k.last == e.last
            && k.done == e.done
            && close(k.gave, e.gave)
            && close(k.got, e.got)
            && k.name_key == e.name_key
            && k.archived == e.archived
            && k.name_width == e.name_width;
        if !same {
            return Err(format!("contact #{id}: kept {k:?}, from scratch {e:?}"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Editing and deleting what was logged
// ---------------------------------------------------------------------------

#[test]
fn an_interaction_is_edited_in_one_entry_and_undone_in_one() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let bob = person(&mut store, "Bob");
    let carl = person(&mut store, "Carl");
    let id = log(
        &mut store,
        3,
        &[anna, bob],
        vec![item(bob, Direction::Gave, 5, ItemState::Done)],
    );
    let before = digest(&store);
    let edited = store
        .edit_interaction(
            id,
            &InteractionEdit {
                date: Some(today() - Duration::days(10)),
                time: Some(Some("9:05".into())),
                note: Some("lunch".into()),
                add_participants: vec![carl],
                remove_participants: vec![anna],
                add_items: vec![item(carl, Direction::Got, 2, ItemState::Open)],
                ..InteractionEdit::default()
            },
        )
        .unwrap();
    assert_eq!(edited.time.as_deref(), Some("09:05"));
    let names: Vec<&str> = edited
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Bob", "Carl"]);
    assert_eq!(edited.items.len(), 2);
    // A done item settles the day of its interaction, and follows it.
    assert_eq!(edited.items[0].settled_on, Some(edited.date));
    sums_hold(&store).unwrap();
    let entry = &store.history(1).unwrap()[0];
    let text = entry.change.to_string();
    assert!(
        text.starts_with("edited the meeting of 2026-11-16 with Bob and Carl (#1)"),
        "{text}"
    );
    assert!(text.contains("date 2026-11-23 → 2026-11-16"), "{text}");
    assert!(text.contains("participant − Anna"), "{text}");
    store.undo().unwrap();
    assert_eq!(digest(&store), before);
    sums_hold(&store).unwrap();
}

#[test]
fn removing_an_items_counterparty_is_refused_with_the_items() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let bob = person(&mut store, "Bob");
    let id = log(
        &mut store,
        1,
        &[anna, bob],
        vec![item(bob, Direction::Gave, 3, ItemState::Done)],
    );
    let item_id = store.interaction(id).unwrap().items[0].id;
    let before = digest(&store);
    let remove_bob = InteractionEdit {
        remove_participants: vec![bob],
        ..InteractionEdit::default()
    };
    match store.edit_interaction(id, &remove_bob) {
        Err(Error::Refused(Refusal::ParticipantHasItems { contact, items })) => {
            assert_eq!(contact.name, "Bob");
            assert_eq!(items, vec![item_id]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(digest(&store), before);
    // Giving the item to Anna in the same edit lets Bob go.
    let edit = InteractionEdit {
        remove_participants: vec![bob],
        edit_items: vec![(
            item_id,
            ItemEdit {
                counterparty: Some(anna),
                ..ItemEdit::default()
            },
        )],
        ..InteractionEdit::default()
    };
    let edited = store.edit_interaction(id, &edit).unwrap();
    assert_eq!(edited.items[0].counterparty.name, "Anna");
    // The last participant cannot go.
    let remove_anna = InteractionEdit {
        remove_participants: vec![anna],
        ..InteractionEdit::default()
    };
    assert!(matches!(
        store.edit_interaction(id, &remove_anna),
        Err(Error::Refused(Refusal::NoParticipants))
    ));
    sums_hold(&store).unwrap();
}

#[test]
fn items_are_edited_deleted_and_reopened() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let id = log(
        &mut store,
        5,
        &[anna],
        vec![item(anna, Direction::Gave, 5, ItemState::Open)],
    );
    let promise = store.interaction(id).unwrap().items[0].id;
    store.settle_item(promise).unwrap();
    sums_hold(&store).unwrap();
    let reopened = store.reopen_item(promise).unwrap();
    assert_eq!(reopened.state, ItemState::Open);
    assert_eq!(reopened.settled_on, None);
    assert!(matches!(
        store.reopen_item(promise),
        Err(Error::Refused(Refusal::ItemAlreadyOpen(_)))
    ));
    sums_hold(&store).unwrap();
    let edited = store
        .edit_item(
            promise,
            &ItemEdit {
                weight: Some(2),
                direction: Some(Direction::Got),
                ..ItemEdit::default()
            },
        )
        .unwrap();
    assert_eq!((edited.weight, edited.direction), (2, Direction::Got));
    assert!(matches!(
        store.edit_item(
            promise,
            &ItemEdit {
                weight: Some(9),
                ..ItemEdit::default()
            }
        ),
        Err(Error::Invalid { .. })
    ));
    let text = store.history(1).unwrap()[0].change.to_string();
    assert!(text.contains("weight 5 → 2"), "{text}");
    store.delete_item(promise).unwrap();
    assert!(matches!(
        store.delete_item(promise),
        Err(Error::Refused(Refusal::NoSuchItem(_)))
    ));
    store.undo().unwrap();
    assert_eq!(store.item(promise).unwrap().weight, 2);
    sums_hold(&store).unwrap();
}

#[test]
fn deleting_an_interaction_takes_its_items_and_undo_brings_them_back() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let bob = person(&mut store, "Bob");
    let id = log(
        &mut store,
        2,
        &[anna, bob],
        vec![
            item(anna, Direction::Gave, 3, ItemState::Done),
            item(bob, Direction::Got, 1, ItemState::Open),
        ],
    );
    let before = digest(&store);
    let gone = store.delete_interaction(id).unwrap();
    assert_eq!(gone.items.len(), 2);
    assert_eq!(store.count_interactions().unwrap(), 0);
    sums_hold(&store).unwrap();
    assert!(matches!(
        store.delete_interaction(id),
        Err(Error::Refused(Refusal::NoSuchInteraction(_)))
    ));
    let undone = store.undo().unwrap();
    assert!(matches!(
        undone.entry.change,
        Change::DeletedInteraction { .. }
    ));
    assert_eq!(digest(&store), before);
    sums_hold(&store).unwrap();
}

// ---------------------------------------------------------------------------
// Deleting a contact
// ---------------------------------------------------------------------------

#[test]
fn deleting_a_contact_keeps_what_it_shared_and_says_so_first() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let bob = person(&mut store, "Bob");
    let org = store
        .add_contact(&NewContact::new(Kind::Org, "Kasvu Oy"))
        .unwrap();
    let mut carl = NewContact::new(Kind::Person, "Carl");
    carl.met_through = Some(bob);
    carl.organisations.push((org, Some("CTO".into())));
    let carl = store.add_contact(&carl).unwrap();
    store
        .edit_contact(
            bob,
            &ContactEdit {
                add_organisations: vec![(org, None)],
                add_emails: vec![Labelled {
                    value: "bob@example.org".into(),
                    label: None,
                }],
                ..ContactEdit::default()
            },
        )
        .unwrap();
    let network = store.add_network(&NewNetwork::new("Club")).unwrap();
    store.join_network(network, &[bob, anna]).unwrap();
    let shared = log(
        &mut store,
        3,
        &[anna, bob],
        vec![item(bob, Direction::Gave, 4, ItemState::Done)],
    );
    let alone = log(
        &mut store,
        2,
        &[bob],
        vec![item(bob, Direction::Got, 2, ItemState::Done)],
    );
    log(
        &mut store,
        1,
        &[anna, carl],
        vec![item(anna, Direction::Gave, 1, ItemState::Done)],
    );
    let before = digest(&store);

    let plan = store.delete_plan(bob).unwrap();
    assert_eq!((plan.interactions, plan.shared, plan.items), (2, 1, 2));
    assert_eq!(plan.networks.len(), 1);
    assert_eq!(plan.affiliations.len(), 1);
    assert_eq!(plan.met_through_of.len(), 1);
    assert_eq!(
        plan.to_string(),
        "Bob #2: 2 interactions (1 shared, kept), 2 items, 1 network, 1 organisation, the link of 1 contact met through them"
    );
    let done = store.delete_contact(bob).unwrap();
    assert_eq!(done, plan);
    assert!(store.contact(bob).is_err());
    assert_eq!(store.interaction(shared).unwrap().participants.len(), 1);
    assert!(store.interaction(shared).unwrap().items.is_empty());
    assert!(store.interaction(alone).is_err());
    assert!(store.contact(carl).unwrap().met_through.is_none());
    sums_hold(&store).unwrap();

    store.undo().unwrap();
    assert_eq!(digest(&store), before);
    sums_hold(&store).unwrap();
}

/// A contact of hundreds of interactions: its rows go back to a statement
/// a hundred at a time (history::ROWS_PER_INSERT), so the undo crosses
/// several of those runs in every table, and must still give back exactly
/// what was there, with every kept figure and the search index as a
/// computation from scratch finds them.
#[test]
fn undoing_the_delete_of_a_contact_of_hundreds_of_interactions_is_exact() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let bob = person(&mut store, "Bob");
    let network = store.add_network(&NewNetwork::new("Club")).unwrap();
    for n in 0..250 {
        let state = if n % 7 == 0 {
            ItemState::Open
        } else {
            ItemState::Done
        };
        let direction = if n % 2 == 0 {
            Direction::Gave
        } else {
            Direction::Got
        };
        let who: &[i64] = if n % 3 == 0 { &[anna, bob] } else { &[bob] };
        store
            .log_interaction(&NewInteraction {
                date: today() - Duration::days(n % 90),
                time: None,
                channel: Channel::Meeting,
                minutes: Some(30),
                network: (n % 4 == 0).then_some(network),
                note: if n % 5 == 0 {
                    format!("walk {n}")
                } else {
                    String::new()
                },
                participants: who.to_vec(),
                items: vec![
                    item(bob, direction, (n % 5 + 1) as u8, state),
                    item(bob, Direction::Got, 2, ItemState::Done),
                ],
            })
            .unwrap();
    }
    let before = digest(&store);

    let plan = store.delete_contact(bob).unwrap();
    assert_eq!((plan.interactions, plan.shared, plan.items), (250, 84, 500));
    sums_hold(&store).unwrap();
    store.undo().unwrap();

    assert_eq!(digest(&store), before);
    sums_hold(&store).unwrap();
    super::derived_tests::check(&store).unwrap();
    super::search_tests::index_is_derived(&store).unwrap();
}

// ---------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------

#[test]
fn merging_moves_everything_and_the_kept_balance_is_the_sum() {
    let mut store = store();
    let mut keep = NewContact::new(Kind::Person, "Bob Smith");
    keep.emails.push(Labelled {
        value: "bob@example.org".into(),
        label: None,
    });
    keep.note = "met at the meetup".into();
    let keep = store.add_contact(&keep).unwrap();
    let mut other = NewContact::new(Kind::Person, "Bob Smith");
    other.emails.push(Labelled {
        value: "BOB@example.org".into(),
        label: None,
    });
    other.phones.push(Labelled {
        value: "+358 40 123".into(),
        label: None,
    });
    other.tags.push("climbing".into());
    other.nickname = "Bobby".into();
    other.note = "plays chess".into();
    other.uid = Some("urn:uuid:other".into());
    let other = store.add_contact(&other).unwrap();
    let anna = person(&mut store, "Anna");
    let both = log(
        &mut store,
        9,
        &[keep, other, anna],
        vec![
            item(other, Direction::Gave, 3, ItemState::Done),
            item(keep, Direction::Got, 2, ItemState::Done),
        ],
    );
    let theirs = log(
        &mut store,
        4,
        &[other],
        vec![item(other, Direction::Got, 5, ItemState::Done)],
    );
    let network = store.add_network(&NewNetwork::new("Club")).unwrap();
    store.join_network(network, &[other]).unwrap();
    let sums_before = kept(&store);
    let before = digest(&store);

    let plan = store.merge_plan(keep, other).unwrap();
    assert_eq!(digest(&store), before, "the plan writes nothing");
    assert_eq!(plan.interactions_shared, vec![both]);
    assert_eq!(plan.interactions_moved, vec![theirs]);
    assert_eq!(plan.items_moved.len(), 2);
    assert_eq!(plan.networks_joined.len(), 1);
    assert_eq!(plan.uids_added, vec!["urn:uuid:other".to_string()]);
    let added: Vec<String> = plan.added.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        added,
        ["phone + +358 40 123", "tag + climbing"],
        "the email is the same address"
    );
    let filled: Vec<String> = plan.filled.iter().map(|c| c.to_string()).collect();
    assert!(
        filled.contains(&"nickname set to Bobby".to_string()),
        "{filled:?}"
    );
    assert!(
        filled.iter().any(|f| f.contains("plays chess")),
        "notes are joined: {filled:?}"
    );

    let done = store.merge_contacts(keep, other).unwrap();
    assert_eq!(done, plan, "the dry run showed exactly what was done");
    assert!(store.contact(other).is_err());
    let merged = store.contact_detail(keep, None).unwrap();
    assert_eq!(merged.interaction_count, 2);
    assert_eq!(merged.networks.len(), 1);
    assert_eq!(merged.contact.note, "met at the meetup\n\nplays chess");
    sums_hold(&store).unwrap();
    // The kept balance is the sum of both.
    let after = kept(&store);
    let (k, o) = (&sums_before[&keep], &sums_before[&other]);
    assert!(close(after[&keep].gave, k.gave + o.gave));
    assert!(close(after[&keep].got, k.got + o.got));
    assert_eq!(after[&keep].done, k.done + o.done);
    // OTHER's UID still finds KEEP.
    store
        .write(|w| {
            assert_eq!(w.contact_by_uid("urn:uuid:other")?, Some(keep));
            Ok(((), Change::HalfLife { days: 1 }))
        })
        .unwrap();

    let text = store.history(1).unwrap()[0].change.to_string();
    assert_eq!(
        text,
        format!("merged Bob Smith #{other} into Bob Smith #{keep}")
    );
    store.undo().unwrap();
    assert_eq!(digest(&store), before);
    sums_hold(&store).unwrap();
}

#[test]
fn merging_a_contact_with_itself_or_a_person_with_an_organisation_is_refused() {
    let mut store = store();
    let anna = person(&mut store, "Anna");
    let org = store
        .add_contact(&NewContact::new(Kind::Org, "Anna Oy"))
        .unwrap();
    let before = digest(&store);
    assert!(matches!(
        store.merge_contacts(anna, anna),
        Err(Error::Refused(Refusal::MergeWithItself(_)))
    ));
    let err = store.merge_contacts(anna, org).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::MergeKinds { .. })));
    assert!(
        err.to_string().contains("only contacts of one kind"),
        "{err}"
    );
    assert_eq!(digest(&store), before);
}

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

/// One step of a random session. Numbers pick among what exists when the
/// step runs (modulo how many there are).
#[derive(Debug, Clone)]
enum Step {
    Add,
    Log {
        who: Vec<u8>,
        days_ago: u16,
        items: Vec<(u8, bool, u8, bool)>,
    },
    EditInteraction {
        which: u8,
        days_ago: Option<u16>,
        add: Option<u8>,
        remove: Option<u8>,
        item: Option<(u8, bool, u8, bool)>,
    },
    EditItem {
        which: u8,
        weight: Option<u8>,
        flip: bool,
        to: Option<u8>,
    },
    DeleteInteraction(u8),
    DeleteItem(u8),
    DeleteContact(u8),
    Merge(u8, u8),
    Settle(u8),
    Reopen(u8),
    EditContact(u8, u8),
    Archive(u8, bool),
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    let new_item = (any::<u8>(), any::<bool>(), 1u8..=5, any::<bool>());
    prop_oneof![
        1 => Just(Step::Add),
        4 => (prop::collection::vec(any::<u8>(), 1..4), 0u16..900, prop::collection::vec(new_item.clone(), 0..3))
            .prop_map(|(who, days_ago, items)| Step::Log { who, days_ago, items }),
        2 => (any::<u8>(), prop::option::of(0u16..900), prop::option::of(any::<u8>()), prop::option::of(any::<u8>()), prop::option::of(new_item))
            .prop_map(|(which, days_ago, add, remove, item)| Step::EditInteraction { which, days_ago, add, remove, item }),
        2 => (any::<u8>(), prop::option::of(1u8..=5), any::<bool>(), prop::option::of(any::<u8>()))
            .prop_map(|(which, weight, flip, to)| Step::EditItem { which, weight, flip, to }),
        1 => any::<u8>().prop_map(Step::DeleteInteraction),
        1 => any::<u8>().prop_map(Step::DeleteItem),
        1 => any::<u8>().prop_map(Step::DeleteContact),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Step::Merge(a, b)),
        1 => any::<u8>().prop_map(Step::Settle),
        1 => any::<u8>().prop_map(Step::Reopen),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Step::EditContact(a, b)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(a, on)| Step::Archive(a, on)),
        2 => Just(Step::Undo),
    ]
}

fn ids(store: &Store, sql: &str) -> Vec<i64> {
    store
        .conn()
        .prepare(sql)
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn pick(list: &[i64], n: u8) -> Option<i64> {
    (!list.is_empty()).then(|| list[usize::from(n) % list.len()])
}

/// Runs one step; a refusal is a fine outcome. Undo is not run here.
fn run(store: &mut Store, step: &Step, names: &mut usize) -> crate::error::Result<()> {
    let contacts = ids(store, "SELECT id FROM contacts ORDER BY id");
    let interactions = ids(store, "SELECT id FROM interactions ORDER BY id");
    let items = ids(store, "SELECT id FROM items ORDER BY id");
    let participants_of = |store: &Store, id: i64| -> Vec<i64> {
        ids(
            store,
            &format!(
                "SELECT contact_id FROM interaction_participants WHERE interaction_id = {id} ORDER BY contact_id"
            ),
        )
    };
    let new_item = |who: &[i64], (to, gave, weight, open): (u8, bool, u8, bool)| {
        item(
            pick(who, to).unwrap(),
            if gave {
                Direction::Gave
            } else {
                Direction::Got
            },
            weight,
            if open {
                ItemState::Open
            } else {
                ItemState::Done
            },
        )
    };
    match step {
        Step::Add => {
            *names += 1;
            let kind = if (*names).is_multiple_of(5) {
                Kind::Org
            } else {
                Kind::Person
            };
            store.add_contact(&NewContact::new(kind, format!("Contact {names}")))?;
        }
        Step::Log {
            who,
            days_ago,
            items,
        } => {
            let mut people: Vec<i64> = who.iter().filter_map(|&n| pick(&contacts, n)).collect();
            people.sort_unstable();
            people.dedup();
            if people.is_empty() {
                return Ok(());
            }
            let items = items.iter().map(|&i| new_item(&people, i)).collect();
            log(store, i64::from(*days_ago), &people, items);
        }
        Step::EditInteraction {
            which,
            days_ago,
            add,
            remove,
            item,
        } => {
            let Some(id) = pick(&interactions, *which) else {
                return Ok(());
            };
            let mut people = participants_of(store, id);
            let mut edit = InteractionEdit {
                date: days_ago.map(|d| today() - Duration::days(i64::from(d))),
                ..InteractionEdit::default()
            };
            if let Some(c) = add
                .and_then(|n| pick(&contacts, n))
                .filter(|c| !people.contains(c))
            {
                edit.add_participants.push(c);
                people.push(c);
            }
            if let Some(c) = remove.and_then(|n| pick(&people, n)) {
                edit.remove_participants.push(c);
                people.retain(|&p| p != c);
            }
            if let Some(i) = item.filter(|_| !people.is_empty()) {
                edit.add_items.push(new_item(&people, i));
            }
            store.edit_interaction(id, &edit)?;
        }
        Step::EditItem {
            which,
            weight,
            flip,
            to,
        } => {
            let Some(id) = pick(&items, *which) else {
                return Ok(());
            };
            let interaction = ids(
                store,
                &format!("SELECT interaction_id FROM items WHERE id = {id}"),
            )[0];
            let current = store.item(id)?;
            let edit = ItemEdit {
                weight: *weight,
                direction: flip.then_some(match current.direction {
                    Direction::Gave => Direction::Got,
                    Direction::Got => Direction::Gave,
                }),
                counterparty: to.and_then(|n| pick(&participants_of(store, interaction), n)),
                ..ItemEdit::default()
            };
            store.edit_item(id, &edit)?;
        }
        Step::DeleteInteraction(n) => {
            if let Some(id) = pick(&interactions, *n) {
                store.delete_interaction(id)?;
            }
        }
        Step::DeleteItem(n) => {
            if let Some(id) = pick(&items, *n) {
                store.delete_item(id)?;
            }
        }
        Step::DeleteContact(n) => {
            if let Some(id) = pick(&contacts, *n) {
                store.delete_contact(id)?;
            }
        }
        Step::Merge(a, b) => {
            if let (Some(keep), Some(other)) = (pick(&contacts, *a), pick(&contacts, *b)) {
                store.merge_contacts(keep, other)?;
            }
        }
        Step::Settle(n) => {
            if let Some(id) = pick(&items, *n) {
                store.settle_item(id)?;
            }
        }
        Step::Reopen(n) => {
            if let Some(id) = pick(&items, *n) {
                store.reopen_item(id)?;
            }
        }
        Step::EditContact(n, what) => {
            if let Some(id) = pick(&contacts, *n) {
                // Some edits rename: wide letters change the name's width.
                let name = ["Émile Zola", "李小龍", "o'Brien"][usize::from(*what % 6) % 3];
                let edit = ContactEdit {
                    name: (*what % 6 < 3).then(|| format!("{name} {what}")),
                    note: Some(format!("note {what}")),
                    add_tags: vec![format!("tag{}", what % 3)],
                    add_emails: vec![Labelled {
                        value: format!("c{}@example.org", what % 4),
                        label: None,
                    }],
                    ..ContactEdit::default()
                };
                store.edit_contact(id, &edit)?;
            }
        }
        Step::Archive(n, on) => {
            if let Some(id) = pick(&contacts, *n) {
                store.set_archived(id, *on)?;
            }
        }
        Step::Undo => unreachable!("undo is run by the property"),
    }
    Ok(())
}

fn seeded() -> (Store, usize) {
    let mut store = store();
    let mut names = 0;
    for _ in 0..4 {
        run(&mut store, &Step::Add, &mut names).unwrap();
    }
    (store, names)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever is logged, edited, renamed, archived, deleted, merged,
    /// reopened and undone, in whatever order, every contact's kept figures
    /// (balance sums, done items, interaction count, first and last date,
    /// and the list's sort keys: folded name, archived, name width) equal a
    /// computation from scratch after every step; and a refused step writes
    /// nothing.
    #[test]
    fn kept_sums_stay_exact(steps in prop::collection::vec(step(), 1..30)) {
        let (mut store, mut names) = seeded();
        for step in &steps {
            let before = digest(&store);
            let outcome = match step {
                Step::Undo => store.undo().map(|_| ()),
                other => run(&mut store, other, &mut names),
            };
            if outcome.is_err() {
                prop_assert_eq!(&digest(&store), &before, "{:?} failed but wrote: {:?}", step, outcome);
            }
            if let Err(problem) = sums_hold(&store) {
                prop_assert!(false, "after {:?}: {}", step, problem);
            }
        }
    }

    /// After any changes, as many undos give back exactly what was there
    /// before each of them, down to the first.
    #[test]
    fn undo_is_exact(steps in prop::collection::vec(step(), 1..30)) {
        let (mut store, mut names) = seeded();
        let mut states = Vec::new();
        for step in steps.iter().filter(|s| !matches!(s, Step::Undo)) {
            let before = digest(&store);
            let entries = store.history(1).unwrap().first().map(|e| e.id);
            if run(&mut store, step, &mut names).is_ok()
                && store.history(1).unwrap().first().map(|e| e.id) != entries
            {
                states.push((step.clone(), before));
            }
        }
        while let Some((step, before)) = states.pop() {
            store.undo().unwrap();
            prop_assert_eq!(&digest(&store), &before, "undoing {:?}", step);
            if let Err(problem) = sums_hold(&store) {
                prop_assert!(false, "after undoing {:?}: {}", step, problem);
            }
        }
    }
}
