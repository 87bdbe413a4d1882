//! Reconnects due by a given day: the one question `ties due`, the
//! calendar export and any status bar ask of the cadences. Kept in one
//! function so that how it is answered (today from the kept per-contact
//! facts) can change without its callers.

use chrono::NaiveDate;

use super::ReconnectEntry;
use crate::config::Config;
use crate::error::Result;
use crate::reciprocity;
use crate::store::Store;

/// Every contact that is not archived, snoozed past `day` or let go, whose
/// reconnect falls due on or before `day`, soonest due first. `overdue_days`
/// counts from the store's today (negative: due later than today).
pub fn reconnects_due_by(
    store: &Store,
    config: &Config,
    day: NaiveDate,
) -> Result<Vec<ReconnectEntry>> {
    let today = store.clock().today;
    let mut due: Vec<ReconnectEntry> = store
        .contact_facts()?
        .iter()
        .filter(|fact| !reciprocity::is_resting(fact.archived, fact.snoozed_until, day))
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
