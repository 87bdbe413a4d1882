//! Reconnects due by a given day: the one question `ties due`, the
//! calendar export and any status bar ask of the cadences. Answered from
//! the kept, indexed due dates (migrations/0008_review.sql), so it costs
//! what it returns; `from_scratch` is the reference it is tested against.

use chrono::NaiveDate;

use super::ReconnectEntry;
use crate::config::Config;
use crate::error::Result;
use crate::store::Store;

/// Every contact that is not archived, snoozed past `day` or let go, whose
/// reconnect falls due on or before `day`, soonest due first. `overdue_days`
/// counts from the store's today (negative: due later than today). The
/// circles' cadences are those the store keeps (`Store::follow_config`).
pub fn reconnects_due_by(
    store: &Store,
    _config: &Config,
    day: NaiveDate,
) -> Result<Vec<ReconnectEntry>> {
    let today = store.clock().today;
    Ok(store
        .reconnects_due_by(day)?
        .into_iter()
        .filter_map(|f| {
            let (cadence, due) = (f.cadence?, f.due_on?);
            Some(ReconnectEntry {
                contact: f.contact,
                last_interaction: f.last_interaction,
                cadence_days: cadence,
                due,
                overdue_days: (today - due).num_days(),
            })
        })
        .collect())
}

/// How many `reconnects_due_by(store, config, day)` returns, from the kept
/// counts.
pub fn count_reconnects_due_by(store: &Store, day: NaiveDate) -> Result<usize> {
    store.count_reconnects_due_by(day)
}

/// The same answer computed from every contact's facts and the config's
/// cadences: the reference the kept due dates are tested against.
#[cfg(test)]
pub fn from_scratch(store: &Store, config: &Config, day: NaiveDate) -> Result<Vec<ReconnectEntry>> {
    let today = store.clock().today;
    let mut due: Vec<ReconnectEntry> = store
        .contact_facts()?
        .iter()
        .filter(|fact| !crate::reciprocity::is_resting(fact.archived, fact.snoozed_until, day))
        .filter_map(|fact| {
            let (cadence, when) = fact.due(config, today)?;
            (when.due <= day).then(|| ReconnectEntry {
                contact: fact.reference(),
                last_interaction: fact.last_interaction,
                cadence_days: cadence,
                due: when.due,
                overdue_days: when.overdue_days,
            })
        })
        .collect();
    due.sort_by(|a, b| a.due.cmp(&b.due).then(a.contact.id.cmp(&b.contact.id)));
    Ok(due)
}
