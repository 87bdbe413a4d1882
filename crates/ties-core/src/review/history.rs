//! The review computed from scratch, as of any day: every section from
//! the user's rows themselves (a snapshot), with no kept figure. It is how
//! a past week is shown (as of its last day, with the queue as drawn then,
//! or as it would have been drawn at the week's start), and the reference
//! the kept figures and this week's fast path are tested against.
//!
//! "As of" a day counts what was logged on or before it: an item settled
//! after the day was still open then. Settings (cadences, snoozes,
//! let-goes, archiving) keep no history, so their present values are used;
//! and what became of a past week's suggestion is known only where it left
//! a date: met that week, a promise settled that week, "not this week".

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use super::queue::{self, Candidate, Handled, Outcome, Suggestion, Why};
use super::section::{self, Section, Totals};
use super::{
    ACTIVITY_WEEKS, BalanceEntry, NetworkEntry, PromiseEntry, ReconnectEntry, RekindleEntry,
    Review, Week, read, round, sort_networks, streak,
};
use crate::config::Config;
use crate::error::Result;
use crate::export::snapshot::{ContactRow, ItemRow, Snapshot};
use crate::model::{ContactRef, Direction, ItemState};
use crate::reciprocity::{self, Standing, Tally};
use crate::store::{DatedNote, Given, Store};

/// The day a review is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    /// What was logged on or before this day counts…
    pub until: NaiveDate,
    /// …judged on this day (balances decayed to it, lateness counted to it).
    pub day: NaiveDate,
}

impl AsOf {
    /// Judged on `day`, from everything logged up to it.
    pub fn day(day: NaiveDate) -> AsOf {
        AsOf { until: day, day }
    }
}

/// One contact's history up to the day.
struct Tie<'a> {
    row: &'a ContactRow,
    added: NaiveDate,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    interactions: u32,
    done: Vec<(Direction, u8, NaiveDate)>,
    weight: u32,
    /// (date, interaction id, note) of interactions with a note.
    notes: Vec<(NaiveDate, i64, &'a str)>,
    /// (date, item id, what they gave).
    given: Vec<(NaiveDate, i64, Given)>,
}

/// Every section in full, ranked, with what a draw may pick.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub as_of: AsOf,
    pub you_may_owe: Vec<BalanceEntry>,
    pub one_sided: Vec<BalanceEntry>,
    pub reconnect: Vec<ReconnectEntry>,
    pub open_promises: Vec<PromiseEntry>,
    pub rekindle: Vec<RekindleEntry>,
    pub networks: Vec<NetworkEntry>,
    /// Per contact: whether a draw may suggest them at all (not archived,
    /// not let go, not resting), and their last interaction.
    drawable: HashMap<i64, Option<NaiveDate>>,
    /// Per section, what a draw may pick, in rank order (before excluding
    /// anyone met, drawn or set aside).
    candidates: [Vec<Candidate>; 5],
    /// The figures behind any contact's suggestion, by section.
    whys: HashMap<(Section, i64), Why>,
    promise_whys: HashMap<i64, Why>,
}

impl Figures {
    pub fn totals(&self) -> Totals {
        Totals {
            open_promises: self.open_promises.len(),
            reconnect: self.reconnect.len(),
            you_may_owe: self.you_may_owe.len(),
            rekindle: self.rekindle.len(),
            one_sided: self.one_sided.len(),
            networks: self.networks.len(),
            logged: 0,
            dates: 0,
        }
    }

    /// A draw of `size` for the week starting `week_start`, leaving out
    /// contacts met since it began, `taken` and `skipped`; in the queue's
    /// order.
    pub fn draw(
        &self,
        week_start: NaiveDate,
        taken: &HashSet<i64>,
        skipped: &HashSet<i64>,
        size: usize,
        round: u32,
    ) -> Vec<Suggestion> {
        let eligible = |id: i64| {
            !skipped.contains(&id)
                && self
                    .drawable
                    .get(&id)
                    .is_some_and(|last| last.is_none_or(|last| last < week_start))
        };
        let lists = self.candidates.clone().map(|list| {
            list.into_iter()
                .filter(|c| eligible(c.contact.id))
                .collect()
        });
        let mut picks: Vec<(u32, Suggestion)> = queue::draw_round(&lists, taken, size)
            .into_iter()
            .enumerate()
            .map(|(n, (section, c))| {
                let suggestion = Suggestion {
                    section,
                    reason: c.why.words(),
                    contact: c.contact,
                    item_id: c.item_id,
                    round,
                    why: c.why,
                };
                (n as u32, suggestion)
            })
            .collect();
        queue::in_queue_order(&mut picks, |s| s.section);
        picks.into_iter().map(|(_, s)| s).collect()
    }

    /// The figures behind a suggestion of `section` for a contact (and
    /// promise), as of the day.
    fn why(&self, section: Section, contact: i64, item: Option<i64>) -> Option<Why> {
        match item {
            Some(item) => self.promise_whys.get(&item).cloned(),
            None => self.whys.get(&(section, contact)).cloned(),
        }
    }
}

/// Every section as of `as_of`, from scratch.
pub fn from_scratch(store: &Store, config: &Config, as_of: AsOf) -> Result<Figures> {
    let snapshot = store.snapshot()?;
    let half_life = f64::from(store.half_life()?);
    Ok(compute(&snapshot, config, half_life, as_of))
}

fn done_by(item: &ItemRow, until: NaiveDate) -> bool {
    item.state == ItemState::Done && item.settled_on.is_none_or(|day| day <= until)
}

fn compute(snapshot: &Snapshot, config: &Config, half_life: f64, as_of: AsOf) -> Figures {
    let AsOf { until, day } = as_of;
    let mut ties: HashMap<i64, Tie<'_>> = snapshot
        .contacts
        .iter()
        .map(|row| {
            let added = row
                .created_at
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or(day);
            let tie = Tie {
                row,
                added,
                first: None,
                last: None,
                interactions: 0,
                done: Vec::new(),
                weight: 0,
                notes: Vec::new(),
                given: Vec::new(),
            };
            (row.id, tie)
        })
        .collect();
    let mut open: Vec<(NaiveDate, i64, PromiseEntry)> = Vec::new();
    for interaction in snapshot.interactions.iter().filter(|i| i.date <= until) {
        let date = interaction.date;
        for id in &interaction.participants {
            if let Some(tie) = ties.get_mut(id) {
                tie.first = Some(tie.first.map_or(date, |d| d.min(date)));
                tie.last = Some(tie.last.map_or(date, |d| d.max(date)));
                tie.interactions += 1;
                if !interaction.note.is_empty() {
                    tie.notes.push((date, interaction.id, &interaction.note));
                }
            }
        }
        for item in &interaction.items {
            let Some(tie) = ties.get_mut(&item.counterparty) else {
                continue;
            };
            if done_by(item, until) {
                tie.done.push((item.direction, item.weight, date));
                tie.weight += u32::from(item.weight);
                if item.direction == Direction::Got {
                    let given = Given {
                        date,
                        kind: item.kind,
                        weight: item.weight,
                        note: item.note.clone(),
                    };
                    tie.given.push((date, item.id, given));
                }
            } else if !tie.row.archived {
                open.push((
                    date,
                    item.id,
                    PromiseEntry {
                        item_id: item.id,
                        contact: reference(tie.row),
                        direction: item.direction,
                        text: item.note.clone(),
                        since: date,
                        age_days: (day - date).num_days(),
                    },
                ));
            }
        }
    }
    open.sort_by_key(|(date, id, _)| (*date, *id));
    let open_promises: Vec<PromiseEntry> = open.into_iter().map(|(_, _, p)| p).collect();

    let dormant_cutoff = day
        .checked_sub_signed(Duration::days(i64::from(config.review.dormant_after_days)))
        .unwrap_or(NaiveDate::MIN);
    let mut ids: Vec<i64> = ties.keys().copied().collect();
    ids.sort_unstable();
    // Balance sections rank by the exact balance (the kept figures' order),
    // not by its two-decimal rounding.
    let mut you_may_owe: Vec<(f64, BalanceEntry)> = Vec::new();
    let mut one_sided: Vec<(f64, BalanceEntry)> = Vec::new();
    let mut reconnect = Vec::new();
    let mut rekindle: Vec<(u32, RekindleEntry)> = Vec::new();
    let mut drawable = HashMap::new();
    let mut whys = HashMap::new();
    for id in ids {
        let tie = &ties[&id];
        let row = tie.row;
        if row.archived {
            continue;
        }
        let resting = reciprocity::is_resting(row.archived, row.snoozed_until, day);
        let tally = Tally::from_items(tie.done.iter().copied(), day, half_life);
        let entry = BalanceEntry {
            contact: reference(row),
            balance: round(tally.balance()),
            gave: round(tally.gave),
            got: round(tally.got),
            last_interaction: tie.last,
        };
        let balance_why = Why::Balance {
            balance: entry.balance,
            gave: entry.gave,
            got: entry.got,
            last_interaction: tie.last,
        };
        whys.insert((Section::YouMayOwe, id), balance_why.clone());
        whys.insert((Section::OneSided, id), balance_why);
        let rekindle_why = Why::Rekindle {
            last_interaction: tie.last,
            interactions: tie.interactions,
            weight_exchanged: tie.weight,
        };
        whys.insert((Section::Rekindle, id), rekindle_why);
        let cadence = if row.reminders {
            reciprocity::cadence(row.kind, row.circle, row.cadence_days, config)
        } else {
            None
        };
        if let Some(cadence) = cadence {
            let due = reciprocity::due(cadence, tie.last, tie.added, day);
            whys.insert(
                (Section::Reconnect, id),
                Why::Reconnect {
                    cadence_days: cadence,
                    overdue_days: due.overdue_days,
                    last_interaction: tie.last,
                },
            );
            if !resting && due.overdue_days >= 0 {
                reconnect.push(ReconnectEntry {
                    contact: reference(row),
                    last_interaction: tie.last,
                    cadence_days: cadence,
                    due: due.due,
                    overdue_days: due.overdue_days,
                });
            }
        }
        if resting {
            continue;
        }
        match reciprocity::standing(&tally, tie.first, day, config) {
            Standing::YouMayOwe => you_may_owe.push((tally.balance(), entry)),
            Standing::OneSided => one_sided.push((tally.balance(), entry)),
            Standing::Even => {}
        }
        if !row.reminders {
            continue;
        }
        drawable.insert(id, tie.last);
        if section::has_substantial_past(tie.interactions, tie.weight)
            && tie.last.is_some_and(|last| last <= dormant_cutoff)
        {
            rekindle.push((
                section::past(tie.interactions, tie.weight),
                rekindle_entry(tie, &open_promises),
            ));
        }
    }
    you_may_owe.sort_by(|(a, x), (b, y)| a.total_cmp(b).then(x.contact.id.cmp(&y.contact.id)));
    one_sided.sort_by(|(a, x), (b, y)| b.total_cmp(a).then(x.contact.id.cmp(&y.contact.id)));
    let you_may_owe: Vec<BalanceEntry> = you_may_owe.into_iter().map(|(_, e)| e).collect();
    let one_sided: Vec<BalanceEntry> = one_sided.into_iter().map(|(_, e)| e).collect();
    reconnect.sort_by(|a, b| {
        reciprocity::urgency(b.overdue_days, b.cadence_days)
            .total_cmp(&reciprocity::urgency(a.overdue_days, a.cadence_days))
            .then(b.overdue_days.cmp(&a.overdue_days))
            .then(a.contact.id.cmp(&b.contact.id))
    });
    rekindle.sort_by(|(a_past, a), (b_past, b)| {
        b_past.cmp(a_past).then(a.contact.id.cmp(&b.contact.id))
    });
    let rekindle: Vec<RekindleEntry> = rekindle.into_iter().map(|(_, e)| e).collect();

    let promise_whys: HashMap<i64, Why> = open_promises
        .iter()
        .map(|p| (p.item_id, promise_why(p)))
        .collect();
    let candidates = candidates(
        &you_may_owe,
        &one_sided,
        &reconnect,
        &open_promises,
        &rekindle,
        &whys,
    );
    let mut networks = networks(snapshot, config, half_life, as_of);
    sort_networks(&mut networks);
    Figures {
        as_of,
        you_may_owe,
        one_sided,
        reconnect,
        open_promises,
        rekindle,
        networks,
        drawable,
        candidates,
        whys,
        promise_whys,
    }
}

fn reference(row: &ContactRow) -> ContactRef {
    ContactRef {
        id: row.id,
        name: row.name.clone(),
    }
}

fn promise_why(p: &PromiseEntry) -> Why {
    Why::Promise {
        text: p.text.clone(),
        since: p.since,
        age_days: p.age_days,
    }
}

fn rekindle_entry(tie: &Tie<'_>, open: &[PromiseEntry]) -> RekindleEntry {
    let last_note = tie
        .notes
        .iter()
        .max_by_key(|(date, id, _)| (*date, *id))
        .map(|(date, _, note)| DatedNote {
            date: *date,
            note: note.to_string(),
        });
    let mut given: Vec<&(NaiveDate, i64, Given)> = tie.given.iter().collect();
    given.sort_by_key(|(date, id, _)| std::cmp::Reverse((*date, *id)));
    RekindleEntry {
        contact: reference(tie.row),
        last_interaction: tie.last,
        interactions: tie.interactions,
        weight_exchanged: tie.weight,
        last_note,
        they_gave: given
            .into_iter()
            .take(3)
            .map(|(_, _, g)| g.clone())
            .collect(),
        open_promises: open
            .iter()
            .filter(|p| p.contact.id == tie.row.id)
            .cloned()
            .collect(),
    }
}

fn candidates(
    you_may_owe: &[BalanceEntry],
    one_sided: &[BalanceEntry],
    reconnect: &[ReconnectEntry],
    open: &[PromiseEntry],
    rekindle: &[RekindleEntry],
    whys: &HashMap<(Section, i64), Why>,
) -> [Vec<Candidate>; 5] {
    let of = |section: Section, contact: &ContactRef, cadence: Option<u32>| Candidate {
        contact: contact.clone(),
        item_id: None,
        cadence,
        why: whys[&(section, contact.id)].clone(),
    };
    let mut seen = HashSet::new();
    let mut lists: [Vec<Candidate>; 5] = Default::default();
    lists[Section::OpenPromises.rank()] = open
        .iter()
        .filter(|p| p.direction == Direction::Gave && seen.insert(p.contact.id))
        .map(|p| Candidate {
            contact: p.contact.clone(),
            item_id: Some(p.item_id),
            cadence: None,
            why: promise_why(p),
        })
        .collect();
    lists[Section::Reconnect.rank()] = reconnect
        .iter()
        .map(|e| of(Section::Reconnect, &e.contact, None))
        .collect();
    lists[Section::YouMayOwe.rank()] = you_may_owe
        .iter()
        .map(|e| of(Section::YouMayOwe, &e.contact, None))
        .collect();
    lists[Section::Rekindle.rank()] = rekindle
        .iter()
        .map(|e| of(Section::Rekindle, &e.contact, None))
        .collect();
    lists[Section::OneSided.rank()] = one_sided
        .iter()
        .map(|e| of(Section::OneSided, &e.contact, None))
        .collect();
    lists
}

/// Each network's plan against what happened up to the day: as
/// `read::networks` does from the kept days.
fn networks(
    snapshot: &Snapshot,
    config: &Config,
    half_life: f64,
    as_of: AsOf,
) -> Vec<NetworkEntry> {
    let AsOf { until, day } = as_of;
    let three_months = day - Duration::days(91);
    let six_months = day - Duration::days(182);
    let mut rows: Vec<&crate::export::snapshot::NetworkRow> = snapshot.networks.iter().collect();
    rows.sort_by_key(|n| crate::text::fold(&n.name));
    rows.into_iter()
        .map(|n| {
            let (mut recent, mut longer) = (0.0, 0.0);
            let (mut gave, mut got, mut gave_6m, mut got_6m) = (Vec::new(), Vec::new(), 0.0, 0.0);
            for i in snapshot
                .interactions
                .iter()
                .filter(|i| i.network == Some(n.id) && i.date <= until)
            {
                let minutes = f64::from(i.minutes.unwrap_or(0));
                if i.date > three_months && i.date <= day {
                    recent += minutes;
                }
                if i.date > six_months && i.date <= day {
                    longer += minutes;
                }
                for item in i.items.iter().filter(|it| done_by(it, until)) {
                    let plain = f64::from(item.weight);
                    match item.direction {
                        Direction::Gave => {
                            gave.push((Direction::Gave, item.weight, i.date));
                            if i.date > six_months {
                                gave_6m += plain;
                            }
                        }
                        Direction::Got => {
                            got.push((Direction::Got, item.weight, i.date));
                            if i.date > six_months {
                                got_6m += plain;
                            }
                        }
                    }
                }
            }
            let decayed = |items: Vec<(Direction, u8, NaiveDate)>| {
                let tally = Tally::from_items(items, day, half_life);
                tally.gave + tally.got
            };
            let r = &config.reciprocity;
            let cost = gave_6m + longer / 60.0 * r.network_hour_weight;
            NetworkEntry {
                id: n.id,
                name: n.name.clone(),
                role: n.role,
                intent: n.intent,
                hours_budget: n.hours_per_month,
                hours_logged: round(recent / 60.0 / 3.0),
                gave: round(decayed(gave)),
                got: round(decayed(got)),
                costs_exceed_benefits: cost - got_6m >= r.threshold && cost >= 2.0 * got_6m,
                review_on: n.review_on,
                review_due: n.review_on.is_some_and(|d| d <= day),
            }
        })
        .collect()
}

/// A past week: its sections as of its last day, its queue as drawn then
/// (or as a draw at its start would have made it), each suggestion judged
/// by what the week left dated.
pub(super) fn past_week(
    store: &mut Store,
    config: &Config,
    week: Week,
    cap: usize,
) -> Result<Review> {
    let today = store.clock().today;
    let snapshot = store.snapshot()?;
    let half_life = f64::from(store.half_life()?);
    let end = compute(&snapshot, config, half_life, AsOf::day(week.end));
    let start = compute(
        &snapshot,
        config,
        half_life,
        AsOf {
            until: week.start - Duration::days(1),
            day: week.start,
        },
    );
    let skipped: HashSet<i64> = store
        .skipped_for_week(week.start)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let kept = store.week_draw(week.start)?;
    let draw_kept = !kept.is_empty();
    let mut suggestions: Vec<(u32, Suggestion)> = if draw_kept {
        kept.into_iter()
            .map(|d| {
                let contact = d.figures.contact;
                let why = start
                    .why(d.section, contact.id, d.item_id)
                    .or_else(|| end.why(d.section, contact.id, d.item_id))
                    .unwrap_or(Why::Rekindle {
                        last_interaction: None,
                        interactions: 0,
                        weight_exchanged: 0,
                    });
                let suggestion = Suggestion {
                    section: d.section,
                    reason: why.words(),
                    contact,
                    item_id: d.item_id,
                    round: d.round,
                    why,
                };
                (d.position, suggestion)
            })
            .collect()
    } else {
        start
            .draw(
                week.start,
                &HashSet::new(),
                &skipped,
                config.review.queue,
                0,
            )
            .into_iter()
            .enumerate()
            .map(|(n, s)| (n as u32, s))
            .collect()
    };
    queue::in_queue_order(&mut suggestions, |s| s.section);

    let met: HashSet<i64> = snapshot
        .interactions
        .iter()
        .filter(|i| i.date >= week.start && i.date <= week.end)
        .flat_map(|i| i.participants.iter().copied())
        .collect();
    let settled: HashSet<i64> = snapshot
        .interactions
        .iter()
        .flat_map(|i| i.items.iter())
        .filter(|it| {
            it.settled_on
                .is_some_and(|d| d >= week.start && d <= week.end)
        })
        .map(|it| it.id)
        .collect();
    let (mut queue, mut handled) = (Vec::new(), Vec::new());
    for (_, suggestion) in suggestions {
        let outcome = if met.contains(&suggestion.contact.id) {
            Some(Outcome::Logged)
        } else if skipped.contains(&suggestion.contact.id) {
            Some(Outcome::Skipped)
        } else if suggestion.item_id.is_some_and(|id| settled.contains(&id)) {
            Some(Outcome::Settled)
        } else {
            None
        };
        match outcome {
            Some(outcome) => handled.push(Handled {
                suggestion,
                outcome,
            }),
            None => queue.push(suggestion),
        }
    }

    let mut totals = end.totals();
    let (logged_ids, logged_count) = store.interactions_between(week.start, week.end, cap)?;
    totals.logged = logged_count;
    let logged = store.load_interactions(&logged_ids)?;
    // The dates that were coming up as of the week's end.
    let mut dates = crate::occasions::upcoming(
        store,
        week.end,
        week.end + chrono::Duration::days(super::DATES_AHEAD_DAYS),
    )?;
    totals.dates = dates.len();
    dates.truncate(cap);
    let capped = |n: usize| n.min(cap);
    let reviewed = store.reviewed_weeks()?;
    let last_review = store.reviews(1)?.into_iter().next();
    let activity = read::weekly_activity(store, week.start, ACTIVITY_WEEKS)?;
    let Figures {
        mut you_may_owe,
        mut one_sided,
        mut reconnect,
        mut open_promises,
        mut rekindle,
        mut networks,
        ..
    } = end;
    you_may_owe.truncate(capped(you_may_owe.len()));
    one_sided.truncate(capped(one_sided.len()));
    reconnect.truncate(capped(reconnect.len()));
    open_promises.truncate(capped(open_promises.len()));
    rekindle.truncate(capped(rekindle.len()));
    networks.truncate(capped(networks.len()));
    Ok(Review {
        dates,
        today,
        week,
        current: false,
        as_of: week.end,
        queue,
        handled,
        draw_kept,
        totals,
        logged,
        logged_count,
        you_may_owe,
        one_sided,
        reconnect,
        open_promises,
        rekindle,
        networks,
        activity,
        last_review,
        streak: streak(&reviewed, week.start),
        reviewed_this_week: reviewed.contains(&week.start),
    })
}
