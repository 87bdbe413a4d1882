//! The weekly review: what was logged this week, whom you may owe, which ties
//! are one-sided, whom to reconnect with, open promises, networks to
//! reconsider, activity over 26 weeks, and the review streak. `ties review`
//! and the review screen both show exactly what `weekly_review` returns.

mod read;
mod reconnect;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::model::{ContactRef, Direction, Intent, Interaction, Role};
use crate::reciprocity::{self, Due, Standing, Tally};
use crate::store::{ReviewRecord, Store};

pub use crate::store::ContactFacts;
pub use reconnect::reconnects_due_by;

/// Days of birthdays and other dates the review shows ahead.
pub const DATES_AHEAD_DAYS: i64 = 14;

/// Weeks of activity the review charts.
pub const ACTIVITY_WEEKS: usize = 26;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Review {
    pub today: NaiveDate,
    pub week: Week,
    /// Interactions of the week, newest first (at most `limit`).
    pub logged: Vec<Interaction>,
    /// All interactions of the week, however many are listed.
    pub logged_count: usize,
    pub you_may_owe: Vec<BalanceEntry>,
    pub one_sided: Vec<BalanceEntry>,
    pub reconnect: Vec<ReconnectEntry>,
    pub open_promises: Vec<PromiseEntry>,
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
    pub item_id: i64,
    pub contact: ContactRef,
    /// `gave`: mine to keep; `got`: theirs to me.
    pub direction: Direction,
    pub text: String,
    pub since: NaiveDate,
    pub age_days: i64,
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

/// Builds the review of the week holding `week_of`, as of `today`. `limit`
/// caps every list (0: no cap).
pub fn weekly_review(
    store: &Store,
    config: &Config,
    week_of: NaiveDate,
    limit: usize,
) -> Result<Review> {
    let today = store.clock().today;
    let cap = if limit == 0 { usize::MAX } else { limit };
    let half_life = f64::from(store.half_life()?);
    let week = Week::containing(week_of, config.review.week_start);

    let facts = store.contact_facts()?;
    let (mut you_may_owe, mut one_sided) = (Vec::new(), Vec::new());
    let mut reconnect = Vec::new();
    for fact in facts.iter().filter(|f| !f.archived) {
        if reciprocity::is_resting(fact.archived, fact.snoozed_until, today) {
            continue;
        }
        let tally = fact.tally(today, half_life);
        match reciprocity::standing(&tally, fact.first_interaction, today, config) {
            Standing::YouMayOwe => you_may_owe.push(balance_entry(fact, &tally)),
            Standing::OneSided => one_sided.push(balance_entry(fact, &tally)),
            Standing::Even => {}
        }
        if let Some((cadence, due)) = fact.due(config, today)
            && due.overdue_days >= 0
        {
            reconnect.push(ReconnectEntry {
                contact: fact.reference(),
                last_interaction: fact.last_interaction,
                cadence_days: cadence,
                due: due.due,
                overdue_days: due.overdue_days,
            });
        }
    }
    you_may_owe.sort_by(|a, b| {
        a.balance
            .total_cmp(&b.balance)
            .then(a.contact.id.cmp(&b.contact.id))
    });
    one_sided.sort_by(|a, b| {
        b.balance
            .total_cmp(&a.balance)
            .then(a.contact.id.cmp(&b.contact.id))
    });
    reconnect.sort_by(|a, b| {
        reciprocity::urgency(b.overdue_days, b.cadence_days)
            .total_cmp(&reciprocity::urgency(a.overdue_days, a.cadence_days))
            .then(b.overdue_days.cmp(&a.overdue_days))
            .then(a.contact.id.cmp(&b.contact.id))
    });
    you_may_owe.truncate(cap);
    one_sided.truncate(cap);
    reconnect.truncate(cap);

    let (logged_ids, logged_count) = store.interactions_between(week.start, week.end, cap)?;
    let logged = store.load_interactions(&logged_ids)?;
    let open_promises = store.open_promises(None, today, cap)?;
    let mut networks = network_plan(store, config)?;
    networks.truncate(cap);
    let activity = read::weekly_activity(store, week.start, ACTIVITY_WEEKS)?;
    let mut dates =
        crate::occasions::upcoming(store, today, today + Duration::days(DATES_AHEAD_DAYS))?;
    dates.truncate(cap);

    let reviewed = store.reviewed_weeks()?;
    let reviewed_this_week = reviewed.contains(&week.start);
    let last_review = store.reviews(1)?.into_iter().next();
    Ok(Review {
        today,
        week,
        logged,
        logged_count,
        you_may_owe,
        one_sided,
        reconnect,
        open_promises,
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
    // read::networks returns them in name order; the sort is stable.
    networks.sort_by(|a, b| {
        b.costs_exceed_benefits
            .cmp(&a.costs_exceed_benefits)
            .then(b.review_due.cmp(&a.review_due))
    });
    Ok(networks)
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

fn balance_entry(fact: &ContactFacts, tally: &Tally) -> BalanceEntry {
    BalanceEntry {
        contact: fact.reference(),
        balance: round(tally.balance()),
        gave: round(tally.gave),
        got: round(tally.got),
        last_interaction: fact.last_interaction,
    }
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
