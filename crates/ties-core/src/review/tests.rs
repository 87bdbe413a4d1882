//! The review from the kept figures against the review from scratch, on
//! random networks: the same lists in the same order, the same true
//! totals, the same draw. And the week's queue: acting on a suggestion
//! removes it, nothing refills it, "more" draws only new contacts.
//!
//! `TIES_PROPTEST_CASES` runs more cases.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::dates::Clock;
use crate::model::{Channel, Circle, ItemKind, ItemState, Kind};
use crate::store::{ContactEdit, NewContact, NewInteraction, NewItem, NewNetwork};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

#[derive(Debug, Clone)]
struct ContactSpec {
    org: bool,
    circle: usize,
    cadence: Option<u32>,
    snooze: Option<i64>,
    archived: bool,
    reminders: bool,
}

#[derive(Debug, Clone)]
struct LogSpec {
    age: i64,
    who: Vec<usize>,
    items: Vec<(usize, bool, u8, bool)>,
    network: Option<usize>,
    minutes: Option<u32>,
}

fn contact_spec() -> impl Strategy<Value = ContactSpec> {
    (
        prop::bool::weighted(0.1),
        0..6usize,
        prop::option::weighted(0.3, 3u32..120),
        prop::option::weighted(0.15, -10i64..30),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.9),
    )
        .prop_map(
            |(org, circle, cadence, snooze, archived, reminders)| ContactSpec {
                org,
                circle,
                cadence,
                snooze,
                archived,
                reminders,
            },
        )
}

fn log_spec(contacts: usize) -> impl Strategy<Value = LogSpec> {
    (
        prop_oneof![0i64..60, 0i64..1500],
        prop::collection::vec(0..contacts, 1..3),
        prop::collection::vec(
            (0..3usize, any::<bool>(), 1u8..=5, prop::bool::weighted(0.2)),
            0..3,
        ),
        prop::option::weighted(0.3, 0..2usize),
        prop::option::of(0u32..180),
    )
        .prop_map(|(age, who, items, network, minutes)| LogSpec {
            age,
            who,
            items,
            network,
            minutes,
        })
}

fn world_spec() -> impl Strategy<Value = (Vec<ContactSpec>, Vec<LogSpec>, Vec<usize>)> {
    prop::collection::vec(contact_spec(), 2..14).prop_flat_map(|contacts| {
        let n = contacts.len();
        (
            Just(contacts),
            prop::collection::vec(log_spec(n), 0..45),
            prop::collection::vec(0..100usize, 0..4),
        )
    })
}

/// A store holding the network the specs describe.
fn build(contacts: &[ContactSpec], logs: &[LogSpec], settles: &[usize]) -> Store {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let networks: Vec<i64> = ["North", "South"]
        .iter()
        .map(|name| store.add_network(&NewNetwork::new(*name)).unwrap())
        .collect();
    let circles = [
        Some(Circle::Family),
        Some(Circle::Friend),
        Some(Circle::Work),
        Some(Circle::Acquaintance),
        Some(Circle::Other),
        None,
    ];
    let ids: Vec<i64> = contacts
        .iter()
        .enumerate()
        .map(|(n, spec)| {
            let kind = if spec.org { Kind::Org } else { Kind::Person };
            let mut new = NewContact::new(kind, format!("Contact {n}"));
            if !spec.org {
                new.circle = circles[spec.circle];
            }
            new.cadence_days = spec.cadence;
            store.add_contact(&new).unwrap()
        })
        .collect();
    for log in logs {
        let mut who: Vec<i64> = log.who.iter().map(|&n| ids[n]).collect();
        who.sort_unstable();
        who.dedup();
        let items = log
            .items
            .iter()
            .map(|&(n, gave, weight, open)| NewItem {
                counterparty: who[n % who.len()],
                direction: if gave {
                    Direction::Gave
                } else {
                    Direction::Got
                },
                kind: ItemKind::Advice,
                weight,
                state: if open {
                    ItemState::Open
                } else {
                    ItemState::Done
                },
                note: format!("note {weight}"),
            })
            .collect();
        store
            .log_interaction(&NewInteraction {
                date: today() - Duration::days(log.age),
                time: None,
                channel: Channel::Meeting,
                minutes: log.minutes,
                network: log.network.map(|n| networks[n]),
                note: if log.age % 3 == 0 {
                    format!("met {}", log.age)
                } else {
                    String::new()
                },
                participants: who,
                items,
            })
            .unwrap();
    }
    let open: Vec<i64> = store
        .open_promises(None, today(), usize::MAX)
        .unwrap()
        .into_iter()
        .map(|p| p.item_id)
        .collect();
    for &n in settles {
        if let Some(&item) = open.get(n % open.len().max(1))
            && store.item(item).unwrap().state == ItemState::Open
        {
            store.settle_item(item).unwrap();
        }
    }
    for (spec, &id) in contacts.iter().zip(&ids) {
        if let Some(days) = spec.snooze {
            let edit = ContactEdit {
                snoozed_until: Some(Some(today() + Duration::days(days))),
                ..ContactEdit::default()
            };
            store.edit_contact(id, &edit).unwrap();
        }
        if !spec.reminders {
            store.set_reminders(id, false).unwrap();
        }
        if spec.archived {
            store.set_archived(id, true).unwrap();
        }
    }
    store
}

fn config() -> Config {
    let mut config = Config::default();
    // Short enough for dormant ties to occur in a few years of history.
    config.review.dormant_after_days = 400;
    config.review.queue = 5;
    config
}

/// Balances may differ in the last bits between the kept sums and the
/// item-by-item reference: order and membership are compared up to that.
fn same_balances(fast: &[BalanceEntry], reference: &[BalanceEntry]) -> Result<(), TestCaseError> {
    let ids = |l: &[BalanceEntry]| l.iter().map(|e| e.contact.id).collect::<Vec<_>>();
    prop_assert_eq!(ids(fast), ids(reference));
    for (f, r) in fast.iter().zip(reference) {
        prop_assert!((f.balance - r.balance).abs() < 0.011, "{f:?} vs {r:?}");
        prop_assert!((f.gave - r.gave).abs() < 0.011 && (f.got - r.got).abs() < 0.011);
    }
    Ok(())
}

fn drawn(queue: &[Suggestion]) -> Vec<(Section, i64, Option<i64>)> {
    queue
        .iter()
        .map(|s| (s.section, s.contact.id, s.item_id))
        .collect()
}

fn cases() -> u32 {
    std::env::var("TIES_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn this_weeks_review_equals_the_review_from_scratch((contacts, logs, settles) in world_spec()) {
        let mut store = build(&contacts, &logs, &settles);
        let config = config();
        let reference = from_scratch(&store, &config, AsOf::day(today())).unwrap();
        let week = Week::containing(today(), config.review.week_start);
        let expected_draw = reference.draw(week.start, &HashSet::new(), &HashSet::new(), config.review.queue, 0);
        let fast = weekly_review(&mut store, &config, today(), 0).unwrap();

        same_balances(&fast.you_may_owe, &reference.you_may_owe)?;
        same_balances(&fast.one_sided, &reference.one_sided)?;
        prop_assert_eq!(&fast.reconnect, &reference.reconnect);
        prop_assert_eq!(&fast.open_promises, &reference.open_promises);
        prop_assert_eq!(&fast.rekindle, &reference.rekindle);
        prop_assert_eq!(fast.networks.len(), reference.networks.len());
        for (f, r) in fast.networks.iter().zip(&reference.networks) {
            prop_assert_eq!(f.id, r.id);
            prop_assert_eq!(f.hours_logged, r.hours_logged);
            prop_assert!((f.gave - r.gave).abs() < 0.011 && (f.got - r.got).abs() < 0.011, "{f:?} vs {r:?}");
            prop_assert_eq!(f.costs_exceed_benefits, r.costs_exceed_benefits);
            prop_assert_eq!(f.review_due, r.review_due);
        }
        let mut totals = reference.totals();
        totals.logged = fast.totals.logged;
        prop_assert_eq!(fast.totals, totals);
        prop_assert_eq!(drawn(&fast.queue), drawn(&expected_draw));
        prop_assert!(fast.queue.len() <= config.review.queue);

        // A list cut to a screenful is the head of the whole list; the
        // totals stay true.
        let short = weekly_review(&mut store, &config, today(), 2).unwrap();
        prop_assert_eq!(&short.reconnect[..], &fast.reconnect[..fast.reconnect.len().min(2)]);
        prop_assert_eq!(&short.open_promises[..], &fast.open_promises[..fast.open_promises.len().min(2)]);
        prop_assert_eq!(short.totals, fast.totals);
        prop_assert_eq!(drawn(&short.queue), drawn(&fast.queue), "the draw is kept");
    }

    #[test]
    fn acting_on_suggestions_empties_the_week_and_nothing_refills_it(
        (contacts, logs, settles) in world_spec(),
        actions in prop::collection::vec(0..6u8, 1..12),
    ) {
        let mut store = build(&contacts, &logs, &settles);
        let config = config();
        let first = weekly_review(&mut store, &config, today(), 0).unwrap();
        let drawn_total = first.queue.len();
        let mut before: HashSet<(Section, i64)> =
            first.queue.iter().map(|s| (s.section, s.contact.id)).collect();
        for action in actions {
            let review = weekly_review(&mut store, &config, today(), 0).unwrap();
            let Some(s) = review.queue.first().cloned() else { break };
            let expected = act(&mut store, &config, &s, action);
            let after = weekly_review(&mut store, &config, today(), 0).unwrap();
            let now: HashSet<(Section, i64)> =
                after.queue.iter().map(|s| (s.section, s.contact.id)).collect();
            prop_assert!(now.is_subset(&before), "the queue refilled: {now:?} after {before:?}");
            prop_assert!(!now.contains(&(s.section, s.contact.id)), "{s:?} is still suggested");
            let handled = after.handled.iter().find(|h| h.suggestion.contact.id == s.contact.id);
            prop_assert_eq!(handled.map(|h| h.outcome), Some(expected));
            prop_assert_eq!(after.queue.len() + after.handled.len(), drawn_total);
            before = now;
        }

        // More draws contacts not suggested yet this week, as the
        // reference would with them taken.
        let review = weekly_review(&mut store, &config, today(), 0).unwrap();
        let taken: HashSet<i64> = review
            .queue
            .iter()
            .map(|s| s.contact.id)
            .chain(review.handled.iter().map(|h| h.suggestion.contact.id))
            .collect();
        let skipped: HashSet<i64> = store
            .skipped_for_week(review.week.start)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        let reference = from_scratch(&store, &config, AsOf::day(today())).unwrap();
        let expected = reference.draw(review.week.start, &taken, &skipped, config.review.queue, 1);
        let more = super::more(&mut store, &config).unwrap();
        prop_assert_eq!(drawn(&more), drawn(&expected));
        prop_assert!(more.iter().all(|s| !taken.contains(&s.contact.id) && s.round == 1));
    }
}

/// Acts on a suggestion as a user would; returns what it should become.
fn act(store: &mut Store, config: &Config, s: &Suggestion, action: u8) -> Outcome {
    let id = s.contact.id;
    match (action, s.item_id) {
        (0, _) => {
            store
                .log_interaction(&NewInteraction {
                    date: today(),
                    time: None,
                    channel: Channel::Call,
                    minutes: None,
                    network: None,
                    note: String::new(),
                    participants: vec![id],
                    items: Vec::new(),
                })
                .unwrap();
            Outcome::Logged
        }
        (1, _) => {
            let edit = ContactEdit {
                snoozed_until: Some(Some(today() + Duration::days(14))),
                ..ContactEdit::default()
            };
            store.edit_contact(id, &edit).unwrap();
            Outcome::Snoozed
        }
        (2, Some(item)) => {
            store.settle_item(item).unwrap();
            Outcome::Settled
        }
        (3, _) => {
            store.set_reminders(id, false).unwrap();
            Outcome::LetGo
        }
        (4, _) if s.section == Section::Reconnect => {
            let own = store.contact(id).unwrap().cadence_days;
            let edit = ContactEdit {
                cadence_days: Some(Some(own.map_or(400, |d| d + 1))),
                ..ContactEdit::default()
            };
            store.edit_contact(id, &edit).unwrap();
            Outcome::CadenceChanged
        }
        _ => {
            super::skip(store, config, std::slice::from_ref(&s.contact)).unwrap();
            Outcome::Skipped
        }
    }
}

fn person(store: &mut Store, name: &str) -> i64 {
    store
        .add_contact(&NewContact::new(Kind::Person, name))
        .unwrap()
}

fn meet(store: &mut Store, who: i64, age: i64, note: &str, items: Vec<NewItem>) {
    store
        .log_interaction(&NewInteraction {
            date: today() - Duration::days(age),
            time: None,
            channel: Channel::Meeting,
            minutes: None,
            network: None,
            note: note.into(),
            participants: vec![who],
            items,
        })
        .unwrap();
}

fn got(who: i64, weight: u8, note: &str) -> NewItem {
    NewItem {
        counterparty: who,
        direction: Direction::Got,
        kind: ItemKind::Advice,
        weight,
        state: ItemState::Done,
        note: note.into(),
    }
}

#[test]
fn rekindle_takes_dormant_ties_with_a_rich_past_only() {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    // Quiet for three years after twelve meetings and real help.
    let old_friend = person(&mut store, "Old Friend");
    for n in 0..12 {
        let items = if n == 3 {
            vec![got(old_friend, 4, "the intro to Kasvu")]
        } else {
            vec![]
        };
        meet(
            &mut store,
            old_friend,
            1100 + n * 20,
            if n == 0 { "last hike" } else { "" },
            items,
        );
    }
    let mut promise = got(old_friend, 2, "lend the tent");
    promise.state = ItemState::Open;
    meet(&mut store, old_friend, 1100, "", vec![promise]);
    // Quiet as long, with nothing exchanged: two meetings.
    let faded = person(&mut store, "Faded");
    meet(&mut store, faded, 1200, "once", vec![]);
    meet(&mut store, faded, 1300, "", vec![]);
    // Quiet as long, with little met but much weight exchanged.
    let generous = person(&mut store, "Generous");
    meet(
        &mut store,
        generous,
        900,
        "",
        vec![got(generous, 5, ""), got(generous, 5, "")],
    );
    // A rich past, but met last month.
    let recent = person(&mut store, "Recent");
    for n in 0..12 {
        meet(
            &mut store,
            recent,
            30 + n * 40,
            "",
            vec![got(recent, 3, "")],
        );
    }
    let review = weekly_review(&mut store, &Config::default(), today(), 0).unwrap();
    let names: Vec<&str> = review
        .rekindle
        .iter()
        .map(|e| e.contact.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Old Friend", "Generous"],
        "by their past: 13 + 4 against 1 + 10"
    );
    let friend = &review.rekindle[0];
    assert_eq!(friend.interactions, 13);
    assert_eq!(friend.weight_exchanged, 4);
    assert_eq!(friend.last_note.as_ref().unwrap().note, "last hike");
    assert_eq!(friend.they_gave[0].note, "the intro to Kasvu");
    assert_eq!(friend.open_promises[0].text, "lend the tent");
    assert_eq!(review.totals.rekindle, 2);
    // The queue takes one of them, with its past as the reason.
    let suggestion = review
        .queue
        .iter()
        .find(|s| s.section == Section::Rekindle)
        .expect("a rekindle suggestion");
    assert_eq!(suggestion.contact.name, "Old Friend");
    assert_eq!(
        suggestion.reason,
        "quiet since Nov 2023; met 13 times, 4 points exchanged"
    );
}

#[test]
fn a_past_week_is_shown_as_of_its_end() {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let config = Config::default();
    let anna = person(&mut store, "Anna");
    let network = store.add_network(&NewNetwork::new("Club")).unwrap();
    let in_club = |store: &mut Store, age: i64, minutes: u32| {
        store
            .log_interaction(&NewInteraction {
                date: today() - Duration::days(age),
                time: None,
                channel: Channel::Event,
                minutes: Some(minutes),
                network: Some(network),
                note: String::new(),
                participants: vec![anna],
                items: vec![got(anna, 5, "")],
            })
            .unwrap();
    };
    // Three weeks ago (the week of 2 November), then this week.
    in_club(&mut store, 24, 180);
    in_club(&mut store, 1, 360);
    let past = weekly_review(&mut store, &config, today() - Duration::days(24), 0).unwrap();
    assert!(!past.current);
    assert_eq!(past.week.start.to_string(), "2026-11-02");
    assert_eq!(past.as_of.to_string(), "2026-11-08");
    assert_eq!(past.logged_count, 1);
    // That week's hours: 180 minutes over the 3 months before it.
    assert_eq!(past.networks[0].hours_logged, 1.0);
    // As of then, Anna had given one item of 5, six days before the week's end.
    assert_eq!(past.you_may_owe.len(), 1);
    assert!((past.you_may_owe[0].got - 5.0 * (-6.0f64 / 365.0).exp2()).abs() < 0.011);
    let now = weekly_review(&mut store, &config, today(), 0).unwrap();
    assert!(now.current);
    assert_eq!(now.networks[0].hours_logged, 3.0);
    // A week ahead is not reviewed.
    let ahead = weekly_review(&mut store, &config, today() + Duration::days(7), 0).unwrap_err();
    assert!(
        matches!(
            ahead,
            crate::Error::Refused(crate::Refusal::WeekNotBegun(_))
        ),
        "{ahead:?}"
    );
}

#[test]
fn a_past_week_keeps_its_draw_and_what_became_of_it() {
    let config = Config::default();
    let last_week = today() - Duration::days(7);
    let mut store = Store::open_in_memory(Clock::fixed(last_week)).unwrap();
    let ids: Vec<i64> = (0..4)
        .map(|n| person(&mut store, &format!("P{n}")))
        .collect();
    for &id in &ids {
        let edit = ContactEdit {
            cadence_days: Some(Some(10)),
            ..ContactEdit::default()
        };
        store.edit_contact(id, &edit).unwrap();
        meet(&mut store, id, 100, "", vec![]);
    }
    // Last week's review drew all four; one was met that week, one set aside.
    let drawn = weekly_review(&mut store, &config, last_week, 0).unwrap();
    assert_eq!(drawn.queue.len(), 4);
    super::skip(
        &mut store,
        &config,
        std::slice::from_ref(&drawn.queue[1].contact),
    )
    .unwrap();
    // Met on the Thursday of that week (seven days before today).
    meet(&mut store, drawn.queue[0].contact.id, 7, "", vec![]);
    store.set_clock(Clock::fixed(today()));
    let past = weekly_review(&mut store, &config, last_week, 0).unwrap();
    assert!(past.draw_kept);
    let outcome = |n: usize| {
        past.handled
            .iter()
            .find(|h| h.suggestion.contact == drawn.queue[n].contact)
            .map(|h| h.outcome)
    };
    assert_eq!(outcome(0), Some(Outcome::Logged));
    assert_eq!(outcome(1), Some(Outcome::Skipped));
    assert_eq!(past.queue.len(), 2, "left open at the week's end");
    // This week has its own draw.
    let now = weekly_review(&mut store, &config, today(), 0).unwrap();
    assert_eq!(now.week.start.to_string(), "2026-11-23");
}

#[test]
fn a_read_only_database_draws_in_memory_the_same_draw_every_time() {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    crate::demo::generate(&mut store, &crate::demo::DemoOptions::default()).unwrap();
    let config = Config::default();
    let reference = from_scratch(&store, &config, AsOf::day(today())).unwrap();
    let week = Week::containing(today(), config.review.week_start);
    let expected = reference.draw(week.start, &HashSet::new(), &HashSet::new(), 12, 0);
    // Every write is refused from here on, as on a file ties may not write.
    store
        .conn()
        .pragma_update(None, "query_only", true)
        .unwrap();
    let first = weekly_review(&mut store, &config, today(), 10).unwrap();
    assert!(!first.draw_kept);
    assert_eq!(drawn(&first.queue), drawn(&expected));
    let again = weekly_review(&mut store, &config, today(), 10).unwrap();
    assert_eq!(drawn(&again.queue), drawn(&first.queue));
    // A decision of the user's is a write: refused, plainly.
    let error = super::skip(
        &mut store,
        &config,
        std::slice::from_ref(&first.queue[0].contact),
    )
    .unwrap_err();
    assert!(Store::refuses_writes(&error), "{error:?}");
    assert!(error.to_string().contains("may not write"), "{error}");
}
