//! The review's figures from the store's reads: activity per week, and
//! each network's plan against what happened in it.

use chrono::{Duration, NaiveDate};

use super::{NetworkEntry, round};
use crate::config::Config;
use crate::error::Result;
use crate::reciprocity;
use crate::store::Store;

/// Interactions per week for `weeks` weeks ending with the one starting
/// `current`, oldest first.
pub fn weekly_activity(store: &Store, current: NaiveDate, weeks: usize) -> Result<Vec<u32>> {
    let first = current - Duration::weeks(weeks as i64 - 1);
    let last = current + Duration::days(6);
    let mut counts = vec![0u32; weeks];
    for (date, n) in store.interactions_per_day(first, last)? {
        let index = ((date - first).num_days() / 7) as usize;
        if let Some(slot) = counts.get_mut(index) {
            *slot += n;
        }
    }
    Ok(counts)
}

/// Each network's plan against what happened: hours per month over the last
/// 3 months, decayed give and take within it, and whether over the last 6
/// months it cost clearly more (weight given plus hours) than it returned.
pub fn networks(
    store: &Store,
    config: &Config,
    today: NaiveDate,
    half_life: f64,
) -> Result<Vec<NetworkEntry>> {
    let three_months = today - Duration::days(91);
    let six_months = today - Duration::days(182);
    let mut entries: Vec<(NetworkEntry, f64)> = store
        .network_minutes(three_months, six_months, today)?
        .into_iter()
        .map(|n| {
            (
                NetworkEntry {
                    id: n.id,
                    name: n.name,
                    role: n.role,
                    intent: n.intent,
                    hours_budget: n.hours_per_month,
                    hours_logged: round(n.minutes_recent / 60.0 / 3.0),
                    gave: 0.0,
                    got: 0.0,
                    costs_exceed_benefits: false,
                    review_on: n.review_on,
                    review_due: n.review_on.is_some_and(|d| d <= today),
                },
                n.minutes_longer / 60.0,
            )
        })
        .collect();

    let unscale = 1.0 / reciprocity::scale(today, half_life);
    let mut recent: std::collections::HashMap<i64, (f64, f64)> = Default::default();
    for sums in store.network_weights(six_months)? {
        if let Some((entry, _)) = entries.iter_mut().find(|(e, _)| e.id == sums.network) {
            entry.gave = round(sums.gave_scaled * unscale);
            entry.got = round(sums.got_scaled * unscale);
        }
        recent.insert(sums.network, (sums.gave_since, sums.got_since));
    }
    let r = &config.reciprocity;
    for (entry, hours_6m) in &mut entries {
        let (gave, got) = recent.get(&entry.id).copied().unwrap_or_default();
        let cost = gave + *hours_6m * r.network_hour_weight;
        // Clearly more: ahead by the threshold, and at least twice the benefit.
        entry.costs_exceed_benefits = cost - got >= r.threshold && cost >= 2.0 * got;
    }
    Ok(entries.into_iter().map(|(entry, _)| entry).collect())
}
