//! This week's review from the kept figures, in O(what it shows): every
//! section is a walk of one index that stops after a screenful, every
//! total a count over the same index (`store/sections.rs`), and the queue
//! is the week's draw, made once (and on each "more") and kept.
//!
//! Why the draw is kept rather than computed as of the week's start: the
//! state at the week's start cannot be recovered. Snoozes, cadences,
//! let-goes and archiving keep no dates, so a draw recomputed later would
//! lose a snoozed contact and pull the next one in: the queue would refill.
//! A kept draw is at most `review.queue` rows a round, derived bookkeeping
//! outside the user's history (migrations/0008_review.sql); whether each
//! suggestion still stands is judged afresh from the kept figures every
//! time, so undoing an action brings its suggestion back. On a read-only
//! database the draw is made in memory: nothing there can change, so it is
//! the same draw on every read that day.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};

use super::queue::{self, Candidate, Handled, Outcome, Suggestion, Why};
use super::section::{self, Section, Totals};
use super::{BalanceEntry, ReconnectEntry, RekindleEntry, Week, round};
use crate::config::Config;
use crate::error::Result;
use crate::model::{ContactRef, Direction};
use crate::reciprocity::{self, Tally};
use crate::store::{BalanceBounds, BalanceSide, ContactFigures, Drawn, NewDraw, Store};

/// Things a dormant tie shows of what they gave.
const GIVEN_SHOWN: usize = 3;

/// The rules of this week's sections, in the kept figures' terms.
pub(super) struct Judge {
    pub today: NaiveDate,
    pub week: Week,
    half_life: f64,
    owe: BalanceBounds,
    one_sided: BalanceBounds,
    dormant_cutoff: NaiveDate,
}

impl Judge {
    pub fn new(store: &Store, config: &Config, week: Week) -> Result<Judge> {
        let today = store.clock().today;
        let half_life = f64::from(store.half_life()?);
        let r = &config.reciprocity;
        let scale = reciprocity::scale(today, half_life);
        let days = |n: u32| Duration::days(i64::from(n));
        let grace_cutoff = today
            .checked_sub_signed(days(r.grace_days))
            .unwrap_or(today);
        Ok(Judge {
            today,
            week,
            half_life,
            owe: BalanceBounds {
                side: BalanceSide::YouMayOwe,
                bound: -r.threshold * scale,
                grace_cutoff,
            },
            one_sided: BalanceBounds {
                side: BalanceSide::OneSided,
                bound: r.threshold * scale,
                grace_cutoff,
            },
            dormant_cutoff: today
                .checked_sub_signed(days(config.review.dormant_after_days))
                .unwrap_or(NaiveDate::MIN),
        })
    }

    fn tally(&self, f: &ContactFigures) -> Tally {
        Tally::from_scaled(
            f.gave_scaled,
            f.got_scaled,
            f.done_items,
            self.today,
            self.half_life,
        )
    }

    pub fn balance_entry(&self, f: &ContactFigures) -> BalanceEntry {
        let tally = self.tally(f);
        BalanceEntry {
            contact: f.contact.clone(),
            balance: round(tally.balance()),
            gave: round(tally.gave),
            got: round(tally.got),
            last_interaction: f.last_interaction,
        }
    }

    pub fn reconnect_entry(&self, f: &ContactFigures) -> Option<ReconnectEntry> {
        let (cadence, due) = (f.cadence?, f.due_on?);
        Some(ReconnectEntry {
            contact: f.contact.clone(),
            last_interaction: f.last_interaction,
            cadence_days: cadence,
            due,
            overdue_days: (self.today - due).num_days(),
        })
    }

    fn why(&self, section: Section, f: &ContactFigures) -> Why {
        match section {
            Section::Reconnect => match self.reconnect_entry(f) {
                Some(e) => Why::Reconnect {
                    cadence_days: e.cadence_days,
                    overdue_days: e.overdue_days,
                    last_interaction: e.last_interaction,
                },
                None => self.why(Section::YouMayOwe, f),
            },
            Section::Rekindle => Why::Rekindle {
                last_interaction: f.last_interaction,
                interactions: f.interaction_count,
                weight_exchanged: f.weight_total,
            },
            _ => {
                let e = self.balance_entry(f);
                Why::Balance {
                    balance: e.balance,
                    gave: e.gave,
                    got: e.got,
                    last_interaction: e.last_interaction,
                }
            }
        }
    }

    fn promise_why(&self, text: &str, since: NaiveDate) -> Why {
        Why::Promise {
            text: text.to_string(),
            since,
            age_days: (self.today - since).num_days(),
        }
    }

    /// Whether a contact is still an entry of a section, by today's figures.
    fn in_section(&self, section: Section, f: &ContactFigures) -> bool {
        let net = f.gave_scaled - f.got_scaled;
        match section {
            Section::OpenPromises => true,
            Section::Reconnect => f.due_on.is_some_and(|due| due <= self.today),
            Section::YouMayOwe => net <= self.owe.bound,
            Section::OneSided => {
                f.done_items >= reciprocity::ONE_SIDED_MIN_ITEMS
                    && f.got_scaled < f.gave_scaled / 3.0
                    && net >= self.one_sided.bound
                    && f.first_interaction
                        .is_some_and(|first| first <= self.one_sided.grace_cutoff)
            }
            Section::Rekindle => {
                section::has_substantial_past(f.interaction_count, f.weight_total)
                    && f.last_interaction
                        .is_some_and(|last| last <= self.dormant_cutoff)
            }
        }
    }
}

/// A section's lists and true totals for this week.
pub(super) struct Sections {
    pub you_may_owe: Vec<BalanceEntry>,
    pub one_sided: Vec<BalanceEntry>,
    pub reconnect: Vec<ReconnectEntry>,
    pub open_promises: Vec<super::PromiseEntry>,
    pub rekindle: Vec<RekindleEntry>,
    pub totals: Totals,
}

pub(super) fn sections(store: &Store, judge: &Judge, limit: usize) -> Result<Sections> {
    let today = judge.today;
    let you_may_owe = store
        .balance_section(judge.owe, today, limit, None)?
        .iter()
        .map(|f| judge.balance_entry(f))
        .collect();
    let one_sided = store
        .balance_section(judge.one_sided, today, limit, None)?
        .iter()
        .map(|f| judge.balance_entry(f))
        .collect();
    let cadences = store.cadences_in_effect()?;
    let reconnect = reconnect_ranked(store, judge, &cadences, limit, None)?
        .iter()
        .filter_map(|f| judge.reconnect_entry(f))
        .collect();
    let reconnect_total = store.count_due(&cadences, today)?;
    let open_promises = store.open_promise_section(None, today, limit, None)?;
    let rekindle = store
        .dormant(judge.dormant_cutoff, today, limit, None)?
        .into_iter()
        .map(|f| rekindle_entry(store, f, today))
        .collect::<Result<_>>()?;
    let totals = Totals {
        open_promises: store.count_open_promises()?,
        reconnect: reconnect_total,
        you_may_owe: store.count_balance_section(judge.owe, today)?,
        rekindle: store.count_dormant(judge.dormant_cutoff, today)?,
        one_sided: store.count_balance_section(judge.one_sided, today)?,
        ..Totals::default()
    };
    Ok(Sections {
        you_may_owe,
        one_sided,
        reconnect,
        open_promises,
        rekindle,
        totals,
    })
}

fn rekindle_entry(store: &Store, f: ContactFigures, today: NaiveDate) -> Result<RekindleEntry> {
    let id = f.contact.id;
    Ok(RekindleEntry {
        last_note: store.last_note(id)?,
        they_gave: store.given_by(id, GIVEN_SHOWN)?,
        open_promises: store.open_promises(Some(id), today, usize::MAX)?,
        last_interaction: f.last_interaction,
        interactions: f.interaction_count,
        weight_exchanged: f.weight_total,
        contact: f.contact,
    })
}

/// The first `n` contacts due, by how late they are relative to their
/// cadence. Within one cadence that is the order of the due date, which an
/// index holds; so each cadence gives its first `n` and they are merged.
fn reconnect_ranked(
    store: &Store,
    judge: &Judge,
    cadences: &[u32],
    n: usize,
    week: Option<NaiveDate>,
) -> Result<Vec<ContactFigures>> {
    let mut all = Vec::new();
    for &cadence in cadences {
        all.extend(store.due_of_cadence(cadence, judge.today, n, week)?);
    }
    let overdue = |f: &ContactFigures| f.due_on.map_or(0, |due| (judge.today - due).num_days());
    let urgency = |f: &ContactFigures| reciprocity::urgency(overdue(f), f.cadence.unwrap_or(1));
    all.sort_by(|a, b| {
        urgency(b)
            .total_cmp(&urgency(a))
            .then(overdue(b).cmp(&overdue(a)))
            .then(a.contact.id.cmp(&b.contact.id))
    });
    all.truncate(n);
    Ok(all)
}

/// Each section's candidates for a draw of `size`, in rank order.
fn candidates(store: &Store, judge: &Judge, size: usize) -> Result<[Vec<Candidate>; 5]> {
    let need = queue::candidates_needed(size);
    let week = Some(judge.week.start);
    let today = judge.today;
    let from_figures = |section: Section, list: Vec<ContactFigures>| -> Vec<Candidate> {
        list.into_iter()
            .map(|f| Candidate {
                why: judge.why(section, &f),
                cadence: if section == Section::Reconnect {
                    f.own_cadence
                } else {
                    None
                },
                item_id: None,
                contact: f.contact,
            })
            .collect()
    };
    let mut lists: [Vec<Candidate>; 5] = Default::default();
    lists[Section::OpenPromises.rank()] = promise_candidates(store, judge, need)?;
    let cadences = store.cadences_in_effect()?;
    lists[Section::Reconnect.rank()] = from_figures(
        Section::Reconnect,
        reconnect_ranked(store, judge, &cadences, need, week)?,
    );
    lists[Section::YouMayOwe.rank()] = from_figures(
        Section::YouMayOwe,
        store.balance_section(judge.owe, today, need, week)?,
    );
    lists[Section::Rekindle.rank()] = from_figures(
        Section::Rekindle,
        store.dormant(judge.dormant_cutoff, today, need, week)?,
    );
    lists[Section::OneSided.rank()] = from_figures(
        Section::OneSided,
        store.balance_section(judge.one_sided, today, need, week)?,
    );
    Ok(lists)
}

/// Promises you owe, oldest first, one per contact (its oldest): read in
/// growing pages until `need` contacts are found or there are no more.
fn promise_candidates(store: &Store, judge: &Judge, need: usize) -> Result<Vec<Candidate>> {
    let mut page = need.max(1);
    loop {
        let promises = store.open_promise_section(
            Some(Direction::Gave),
            judge.today,
            page,
            Some(judge.week.start),
        )?;
        let exhausted = promises.len() < page;
        let mut seen = HashSet::new();
        let list: Vec<Candidate> = promises
            .into_iter()
            .filter(|p| seen.insert(p.contact.id))
            .take(need)
            .map(|p| Candidate {
                why: judge.promise_why(&p.text, p.since),
                item_id: Some(p.item_id),
                cadence: None,
                contact: p.contact,
            })
            .collect();
        if exhausted || list.len() >= need {
            return Ok(list);
        }
        page = page.saturating_mul(4);
    }
}

fn suggestion(section: Section, candidate: Candidate, round: u32) -> Suggestion {
    Suggestion {
        section,
        reason: candidate.why.words(),
        contact: candidate.contact,
        item_id: candidate.item_id,
        round,
        why: candidate.why,
    }
}

/// Draws round `round` of the week and keeps it. On a read-only database
/// the draw is returned instead, unkept.
fn draw(
    store: &mut Store,
    config: &Config,
    judge: &Judge,
    round: u32,
) -> Result<Option<Vec<Suggestion>>> {
    let drawn: HashSet<i64> = store
        .week_draw(judge.week.start)?
        .iter()
        .map(|d| d.figures.contact.id)
        .collect();
    let candidates = candidates(store, judge, config.review.queue)?;
    let picks = queue::draw_round(&candidates, &drawn, config.review.queue);
    let new: Vec<NewDraw> = picks
        .iter()
        .map(|(section, c)| NewDraw {
            section: *section,
            contact: c.contact.id,
            item_id: c.item_id,
            cadence: c.cadence,
        })
        .collect();
    match store.record_draw(judge.week.start, round, &new) {
        Ok(_) => Ok(None),
        Err(error) if Store::refuses_writes(&error) => {
            let mut unkept: Vec<(u32, Suggestion)> = picks
                .into_iter()
                .enumerate()
                .map(|(n, (section, c))| (n as u32, suggestion(section, c, round)))
                .collect();
            queue::in_queue_order(&mut unkept, |s| s.section);
            Ok(Some(unkept.into_iter().map(|(_, s)| s).collect()))
        }
        Err(error) => Err(error),
    }
}

/// The queue and what was handled this week: the kept draw (made now if
/// the week has none), each suggestion judged by today's figures.
pub(super) fn queue(
    store: &mut Store,
    config: &Config,
    judge: &Judge,
) -> Result<(Vec<Suggestion>, Vec<Handled>)> {
    if store.draw_rounds(judge.week.start)? == 0
        && let Some(unkept) = draw(store, config, judge, 0)?
    {
        return Ok((unkept, Vec::new()));
    }
    let mut drawn: Vec<(u32, Drawn)> = store
        .week_draw(judge.week.start)?
        .into_iter()
        .map(|d| (d.position, d))
        .collect();
    queue::in_queue_order(&mut drawn, |d| d.section);
    let (mut open, mut handled) = (Vec::new(), Vec::new());
    for (_, d) in drawn {
        let outcome = outcome(judge, &d);
        let why = match (&d.item, d.section) {
            (Some(item), Section::OpenPromises) => judge.promise_why(&item.note, item.since),
            _ => judge.why(d.section, &d.figures),
        };
        let suggestion = Suggestion {
            section: d.section,
            reason: why.words(),
            contact: d.figures.contact.clone(),
            item_id: d.item_id,
            round: d.round,
            why,
        };
        match outcome {
            None => open.push(suggestion),
            Some(outcome) => handled.push(Handled {
                suggestion,
                outcome,
            }),
        }
    }
    Ok((open, handled))
}

/// Why a drawn suggestion left the queue, or `None` while it stands.
fn outcome(judge: &Judge, d: &Drawn) -> Option<Outcome> {
    let f = &d.figures;
    if f.last_interaction
        .is_some_and(|last| last >= judge.week.start)
    {
        return Some(Outcome::Logged);
    }
    if d.skipped {
        return Some(Outcome::Skipped);
    }
    if d.section == Section::OpenPromises {
        match &d.item {
            Some(item) if item.state == crate::model::ItemState::Done => {
                return Some(Outcome::Settled);
            }
            None => return Some(Outcome::Resolved),
            Some(_) => {}
        }
    }
    if !d.listed {
        return Some(Outcome::Archived);
    }
    if d.rests_until.is_some_and(|until| until > judge.today) {
        return Some(Outcome::Snoozed);
    }
    if !d.reminded {
        return Some(Outcome::LetGo);
    }
    if d.section == Section::Reconnect && f.own_cadence != d.drawn_cadence {
        return Some(Outcome::CadenceChanged);
    }
    if !judge.in_section(d.section, f) {
        return Some(Outcome::Resolved);
    }
    None
}

/// Draws another round of suggestions for this week ("more") and keeps it;
/// returns what it drew (nothing, when nobody else is left to suggest).
/// A week not drawn yet gets its first draw first, as any read makes it.
pub fn more(store: &mut Store, config: &Config) -> Result<Vec<Suggestion>> {
    let week = Week::containing(store.clock().today, config.review.week_start);
    let judge = Judge::new(store, config, week)?;
    let mut round = store.draw_rounds(week.start)?;
    if round == 0 {
        if let Some(unkept) = draw(store, config, &judge, 0)? {
            return Ok(unkept);
        }
        round = 1;
    }
    if let Some(unkept) = draw(store, config, &judge, round)? {
        return Ok(unkept);
    }
    let (open, _) = queue(store, config, &judge)?;
    Ok(open.into_iter().filter(|s| s.round == round).collect())
}

/// "Not this week": the contacts leave this week's queue, and no draw
/// suggests them again this week.
pub fn skip(store: &mut Store, config: &Config, contacts: &[ContactRef]) -> Result<()> {
    let week = Week::containing(store.clock().today, config.review.week_start);
    let ids: Vec<i64> = contacts.iter().map(|c| c.id).collect();
    store.skip_for_week(week.start, &ids)
}
