//! The weekly review: the week's queue of suggestions (`queue.rs`, drawn
//! by the priority rule of `section.rs`), and the sections it is drawn from
//! with their true totals: what was logged this week, whom you may owe,
//! which ties are one-sided, whom to reconnect with, dormant ties to
//! rekindle, open promises; networks to reconsider, activity over 26
//! weeks, and the review streak. `ties review` and the review screen both
//! show exactly what `weekly_review` returns.
//!
//! This week is read from the kept figures in O(what it shows)
//! (`current.rs`); a past week is computed from scratch as of that week
//! (`history.rs`), which is also the reference the fast path is tested
//! against.

mod current;
mod history;
mod queue;
mod read;
pub(crate) mod reconnect;
mod section;
#[cfg(test)]
mod tests;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::error::{Refusal, Result};
use crate::model::{ContactRef, Direction, Intent, Interaction, Role};
use crate::reciprocity::{self, Due, Standing, Tally};
use crate::store::{DatedNote, Given, ReviewRecord, Store};

pub use crate::store::ContactFacts;
pub use current::{more, skip};
pub use history::{AsOf, from_scratch};
pub use queue::{Handled, Outcome, Suggestion, Why};
pub use reconnect::{count_reconnects_due_by, reconnects_due_by};
pub use section::{
    REKINDLE_MIN_INTERACTIONS, REKINDLE_MIN_WEIGHT, Section, Totals, has_substantial_past,
};

/// Days of birthdays and other dates the review shows ahead.
pub const DATES_AHEAD_DAYS: i64 = 14;

/// Weeks of activity the review charts.
pub const ACTIVITY_WEEKS: usize = 26;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Review {
    pub today: NaiveDate,
    pub week: Week,
    /// Whether the week holds today; a past week is shown as of its end.
    pub current: bool,
    /// The day the figures are for: today, or a past week's last day.
    pub as_of: NaiveDate,
    /// The week's suggestions still standing, by section in priority
    /// order, then as drawn.
    pub queue: Vec<Suggestion>,
    /// The week's suggestions acted on (or gone otherwise), in the same
    /// order: what the week did.
    pub handled: Vec<Handled>,
    /// Whether the week's draw is kept in the database (false on a
    /// read-only one, and for a past week never drawn).
    pub draw_kept: bool,
    /// The true number of entries of every section.
    pub totals: Totals,
    /// Interactions of the week, newest first (at most `limit`).
    pub logged: Vec<Interaction>,
    /// All interactions of the week, however many are listed.
    pub logged_count: usize,
    pub you_may_owe: Vec<BalanceEntry>,
    pub one_sided: Vec<BalanceEntry>,
    pub reconnect: Vec<ReconnectEntry>,
    pub open_promises: Vec<PromiseEntry>,
    pub rekindle: Vec<RekindleEntry>,
    pub networks: Vec<NetworkEntry>,
    /// Birthdays and other dates of the next 14 days, soonest first.
    pub dates: Vec<crate::occasions::Occasion>,
    /// Interactions per week, oldest first, ending with this week.
    pub activity: Vec<u32>,
    pub last_review: Option<ReviewRecord>,
    /// Consecutive reviewed weeks, up to this one (or the last one, while
    /// this week is not yet reviewed).
    pub streak: u32,
    pub reviewed_this_week: bool,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Week {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// ISO week label, like 2026-W48.
    pub iso: IsoWeek,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoWeek(pub i32, pub u32);

impl Serialize for IsoWeek {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl std::fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.0, self.1)
    }
}

impl Week {
    /// The week holding `day`, starting on `start`.
    /// Total for every date chrono knows: at the ends of its calendar the
    /// week is cut short there rather than overflowing.
    pub fn containing(day: NaiveDate, start: chrono::Weekday) -> Week {
        let back = (7 + day.weekday().num_days_from_monday() - start.num_days_from_monday()) % 7;
        let shift = |days: i64| {
            day.checked_add_signed(Duration::days(days))
                .unwrap_or(if days < 0 {
                    NaiveDate::MIN
                } else {
                    NaiveDate::MAX
                })
        };
        let first = shift(-i64::from(back));
        let end = shift(6 - i64::from(back));
        // The ISO week of the week's middle, so a Sunday-start week is named
        // after the ISO week most of its days are in.
        let middle = shift(3 - i64::from(back)).iso_week();
        Week {
            start: first,
            end,
            iso: IsoWeek(middle.year(), middle.week()),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BalanceEntry {
    pub contact: ContactRef,
    /// gave − got, decayed.
    pub balance: f64,
    pub gave: f64,
    pub got: f64,
    pub last_interaction: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReconnectEntry {
    pub contact: ContactRef,
    pub last_interaction: Option<NaiveDate>,
    pub cadence_days: u32,
    pub due: NaiveDate,
    pub overdue_days: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PromiseEntry {
    /// The item's id: named as an item names it.
    #[serde(rename = "id")]
    pub item_id: i64,
    pub contact: ContactRef,
    /// `gave`: mine to keep; `got`: theirs to me.
    pub direction: Direction,
    /// The item's note, named as an item names it.
    #[serde(rename = "note", serialize_with = "crate::json_text::empty_as_null")]
    pub text: String,
    pub since: NaiveDate,
    pub age_days: i64,
}

/// A dormant tie with a substantial past, and its last context.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RekindleEntry {
    pub contact: ContactRef,
    pub last_interaction: Option<NaiveDate>,
    pub interactions: u32,
    /// Done items' weight, both directions, not decayed.
    pub weight_exchanged: u32,
    /// The newest note of an interaction with them.
    pub last_note: Option<DatedNote>,
    /// The newest things they gave you (up to three).
    pub they_gave: Vec<Given>,
    /// Promises still open between you, both ways.
    pub open_promises: Vec<PromiseEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NetworkEntry {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub intent: Intent,
    pub hours_budget: Option<f64>,
    /// Hours per month over the last 3 months.
    pub hours_logged: f64,
    /// Decayed weight given and received within the network.
    pub gave: f64,
    pub got: f64,
    pub costs_exceed_benefits: bool,
    pub review_on: Option<NaiveDate>,
    pub review_due: bool,
}

/// A contact's standing, for `ties show` and the detail screen.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContactStanding {
    pub balance: f64,
    pub gave: f64,
    pub got: f64,
    pub standing: Standing,
    /// The cadence in effect (the contact's own, else its circle's), if any.
    pub effective_cadence_days: Option<u32>,
    pub due: Option<NaiveDate>,
    pub overdue_days: Option<i64>,
    pub open_promises: Vec<PromiseEntry>,
}

/// Builds the review of the week holding `week_of`; `limit` caps every
/// list (0: no cap), never a total. This week's review makes the week's
/// draw when it has none yet, and keeps it (see `current.rs`): so it needs
/// the store mutably, though it changes none of the user's data.
pub fn weekly_review(
    store: &mut Store,
    config: &Config,
    week_of: NaiveDate,
    limit: usize,
) -> Result<Review> {
    let today = store.clock().today;
    let cap = if limit == 0 { usize::MAX } else { limit };
    let week = Week::containing(week_of, config.review.week_start);
    let this_week = Week::containing(today, config.review.week_start);
    if week.start > this_week.start {
        return Err(Refusal::WeekNotBegun(week.start).into());
    }
    if week.start < this_week.start {
        return history::past_week(store, config, week, cap);
    }
    let judge = current::Judge::new(store, config, week)?;
    let (queue, handled) = current::queue(store, config, &judge)?;
    let draw_kept = store.draw_rounds(week.start)? > 0;
    let sections = current::sections(store, &judge, cap)?;

    let (logged_ids, logged_count) = store.interactions_between(week.start, week.end, cap)?;
    let logged = store.load_interactions(&logged_ids)?;
    let networks = network_plan(store, config)?;
    let mut totals = sections.totals;
    totals.logged = logged_count;
    totals.networks = networks.len();
    let mut networks = networks;
    networks.truncate(cap);
    let activity = read::weekly_activity(store, week.start, ACTIVITY_WEEKS)?;
    let mut dates =
        crate::occasions::upcoming(store, today, today + Duration::days(DATES_AHEAD_DAYS))?;
    totals.dates = dates.len();
    dates.truncate(cap);

    let reviewed = store.reviewed_weeks()?;
    let reviewed_this_week = reviewed.contains(&week.start);
    let last_review = store.reviews(1)?.into_iter().next();
    Ok(Review {
        today,
        week,
        current: true,
        as_of: today,
        queue,
        handled,
        draw_kept,
        totals,
        logged,
        logged_count,
        you_may_owe: sections.you_may_owe,
        one_sided: sections.one_sided,
        reconnect: sections.reconnect,
        open_promises: sections.open_promises,
        rekindle: sections.rekindle,
        networks,
        dates,
        activity,
        last_review,
        streak: streak(&reviewed, week.start),
        reviewed_this_week,
    })
}

/// Every network's plan against what happened, the ones to reconsider
/// first (costing more than they return, then review due), then by name:
/// the review's networks section without the rest of the review.
pub fn network_plan(store: &Store, config: &Config) -> Result<Vec<NetworkEntry>> {
    let half_life = f64::from(store.half_life()?);
    let mut networks = read::networks(store, config, store.clock().today, half_life)?;
    sort_networks(&mut networks);
    Ok(networks)
}

/// Networks to reconsider first, then by name (a stable sort of a list in
/// name order).
fn sort_networks(networks: &mut [NetworkEntry]) {
    networks.sort_by(|a, b| {
        b.costs_exceed_benefits
            .cmp(&a.costs_exceed_benefits)
            .then(b.review_due.cmp(&a.review_due))
    });
}

/// Consecutive reviewed weeks ending with the week starting `current` — or
/// with the week before, while the current one is not reviewed yet (a streak
/// is not broken until its week is over).
pub fn streak(reviewed: &[NaiveDate], current: NaiveDate) -> u32 {
    let mut week = if reviewed.contains(&current) {
        current
    } else {
        current - Duration::days(7)
    };
    let mut count = 0;
    while reviewed.contains(&week) {
        count += 1;
        week -= Duration::days(7);
    }
    count
}

/// Balance, cadence, due date and open promises of one contact.
pub fn contact_standing(store: &Store, config: &Config, contact: i64) -> Result<ContactStanding> {
    let today = store.clock().today;
    let half_life = f64::from(store.half_life()?);
    let fact = store.contact_fact(contact)?;
    let tally = fact.tally(today, half_life);
    let due = fact.due(config, today);
    Ok(ContactStanding {
        balance: round(tally.balance()),
        gave: round(tally.gave),
        got: round(tally.got),
        standing: reciprocity::standing(&tally, fact.first_interaction, today, config),
        effective_cadence_days: due.map(|(cadence, _)| cadence),
        due: due.map(|(_, d)| d.due),
        overdue_days: due.map(|(_, d)| d.overdue_days),
        open_promises: store.open_promises(Some(contact), today, usize::MAX)?,
    })
}

/// Two decimals: decayed weights are estimates, and stable output diffs well.
pub fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

impl ContactFacts {
    pub fn reference(&self) -> ContactRef {
        ContactRef {
            id: self.id,
            name: self.name.clone(),
        }
    }

    pub fn tally(&self, today: NaiveDate, half_life: f64) -> Tally {
        Tally::from_scaled(
            self.gave_scaled,
            self.got_scaled,
            self.done_items,
            today,
            half_life,
        )
    }

    /// The cadence in effect and the due date, when the contact has one.
    pub fn due(&self, config: &Config, today: NaiveDate) -> Option<(u32, Due)> {
        if !self.reminders {
            return None;
        }
        let cadence = reciprocity::cadence(self.kind, self.circle, self.cadence_days, config)?;
        Some((
            cadence,
            reciprocity::due(cadence, self.last_interaction, self.added, today),
        ))
    }
}

/// What a contacts table shows beside each name: the decayed balance and
/// how many days a reconnect is overdue (when it is).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContactSignal {
    pub balance: f64,
    pub overdue_days: Option<i64>,
}

/// The signal of every contact that is not archived, from the kept sums.
pub fn contact_signals(
    store: &Store,
    config: &Config,
) -> Result<std::collections::HashMap<i64, ContactSignal>> {
    let today = store.clock().today;
    let half_life = f64::from(store.half_life()?);
    Ok(store
        .contact_facts()?
        .into_iter()
        .map(|fact| {
            let resting = reciprocity::is_resting(fact.archived, fact.snoozed_until, today);
            let overdue_days = fact
                .due(config, today)
                .map(|(_, due)| due.overdue_days)
                .filter(|days| *days >= 0 && !resting);
            let signal = ContactSignal {
                balance: round(fact.tally(today, half_life).balance()),
                overdue_days,
            };
            (fact.id, signal)
        })
        .collect())
}
