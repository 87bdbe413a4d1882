//! What the contacts list shows beside each name, judged row by row from
//! the kept figures of the rows on screen (`store::ListedContact`), and
//! the one order no index holds yet: overdue.

use chrono::NaiveDate;

use crate::config::Config;
use crate::error::Result;
use crate::reciprocity;
use crate::review::{ContactFacts, ContactSignal, round};
use crate::store::Store;

impl ContactSignal {
    /// The signal of one contact: what `review::contact_signals` says of
    /// it, from its facts alone.
    pub fn of(fact: &ContactFacts, config: &Config, today: NaiveDate, half_life: f64) -> Self {
        let resting = reciprocity::is_resting(fact.archived, fact.snoozed_until, today);
        let overdue_days = fact
            .due(config, today)
            .map(|(_, due)| due.overdue_days)
            .filter(|days| *days >= 0 && !resting);
        ContactSignal {
            balance: round(fact.tally(today, half_life).balance()),
            overdue_days,
        }
    }
}

/// Every listed contact in the overdue order: those due for a reconnect,
/// most overdue first, then everyone else; equal days keep the name order.
///
/// Reads every contact's facts once: the due date is not kept yet, so no
/// index holds this order. (A kept, indexed due date makes this a range of
/// that index followed by the name index, like the other sorts.)
pub fn overdue_order(store: &Store, config: &Config, archived: bool) -> Result<Vec<i64>> {
    let today = store.clock().today;
    let half_life = f64::from(store.half_life()?);
    let mut overdue: Vec<(i64, i64)> = Vec::new();
    let mut rest = Vec::new();
    store.each_listed_fact(archived, |fact| {
        match ContactSignal::of(&fact, config, today, half_life).overdue_days {
            Some(days) => overdue.push((days, fact.id)),
            None => rest.push(fact.id),
        }
    })?;
    // Stable: equal days stay in name order.
    overdue.sort_by_key(|&(days, _)| std::cmp::Reverse(days));
    Ok(overdue.into_iter().map(|(_, id)| id).chain(rest).collect())
}
