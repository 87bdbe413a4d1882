//! The review's reads. Each is one aggregate or indexed query: per-contact
//! sums come from `contact_stats` (kept by triggers), never from a rescan of
//! every item.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::{NetworkEntry, PromiseEntry, round};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Circle, ContactRef, Kind};
use crate::reciprocity;

/// What the rules need to know about one contact.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactFacts {
    pub id: i64,
    pub name: String,
    pub kind: Kind,
    pub circle: Option<Circle>,
    pub cadence_days: Option<u32>,
    pub snoozed_until: Option<NaiveDate>,
    pub archived: bool,
    /// The day the contact was added.
    pub added: NaiveDate,
    pub first_interaction: Option<NaiveDate>,
    pub last_interaction: Option<NaiveDate>,
    pub gave_scaled: f64,
    pub got_scaled: f64,
    pub done_items: u32,
    /// False once the user let the tie go: never suggested for a reconnect.
    pub reminders: bool,
}

const FACTS: &str =
    "SELECT c.id, c.name, c.kind, c.circle, c.cadence_days, c.snoozed_until, c.archived,
        substr(c.created_at, 1, 10), s.first_interaction, s.last_interaction,
        s.gave_scaled, s.got_scaled, s.done_items, c.reminders
 FROM contacts c JOIN contact_stats s ON s.contact_id = c.id";

fn facts_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ContactFacts> {
    Ok(ContactFacts {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        circle: row.get(3)?,
        cadence_days: row.get(4)?,
        snoozed_until: row.get(5)?,
        archived: row.get(6)?,
        added: row.get(7)?,
        first_interaction: row.get(8)?,
        last_interaction: row.get(9)?,
        gave_scaled: row.get(10)?,
        got_scaled: row.get(11)?,
        done_items: row.get(12)?,
        reminders: row.get(13)?,
    })
}

pub fn contact_facts(conn: &Connection) -> Result<Vec<ContactFacts>> {
    let mut stmt = conn.prepare_cached(&format!("{FACTS} WHERE c.archived = 0"))?;
    let rows = stmt.query_map([], facts_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn contact_fact(conn: &Connection, id: i64) -> Result<ContactFacts> {
    let mut stmt = conn.prepare_cached(&format!("{FACTS} WHERE c.id = ?1"))?;
    stmt.query_row([id], facts_from_row)
        .optional()?
        .ok_or_else(|| Error::rejected(format!("there is no contact #{id}")))
}

/// The ids of the week's interactions, newest first (at most `cap`), and how
/// many there are in all.
pub fn week_interactions(
    conn: &Connection,
    start: NaiveDate,
    end: NaiveDate,
    cap: usize,
) -> Result<(Vec<i64>, usize)> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM interactions WHERE date BETWEEN ?1 AND ?2",
        params![start, end],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM interactions WHERE date BETWEEN ?1 AND ?2
         ORDER BY date DESC, coalesce(time, '') DESC, id DESC LIMIT ?3",
    )?;
    let cap = i64::try_from(cap).unwrap_or(i64::MAX);
    let ids = stmt
        .query_map(params![start, end, cap], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((ids, count as usize))
}

/// Open items in both directions, oldest first (at most `cap`); of one
/// contact, or of all contacts that are not archived.
pub fn open_promises(
    conn: &Connection,
    contact: Option<i64>,
    today: NaiveDate,
    cap: usize,
) -> Result<Vec<PromiseEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT it.id, c.id, c.name, it.direction, it.note, i.date
         FROM items it JOIN interactions i ON i.id = it.interaction_id JOIN contacts c ON c.id = it.counterparty_id
         WHERE it.state = 'open' AND (?1 IS NULL OR c.id = ?1) AND (?1 IS NOT NULL OR c.archived = 0)
         ORDER BY i.date, it.id LIMIT ?2",
    )?;
    let cap = i64::try_from(cap).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![contact, cap], |row| {
        let since: NaiveDate = row.get(5)?;
        Ok(PromiseEntry {
            item_id: row.get(0)?,
            contact: ContactRef {
                id: row.get(1)?,
                name: row.get(2)?,
            },
            direction: row.get(3)?,
            text: row.get(4)?,
            since,
            age_days: (today - since).num_days(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Interactions per week for `weeks` weeks ending with the one starting
/// `current`, oldest first.
pub fn weekly_activity(conn: &Connection, current: NaiveDate, weeks: usize) -> Result<Vec<u32>> {
    let first = current - Duration::weeks(weeks as i64 - 1);
    let last = current + Duration::days(6);
    let mut stmt = conn.prepare_cached(
        "SELECT date, count(*) FROM interactions WHERE date BETWEEN ?1 AND ?2 GROUP BY date",
    )?;
    let mut counts = vec![0u32; weeks];
    let mut rows = stmt.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        let date: NaiveDate = row.get(0)?;
        let n: u32 = row.get(1)?;
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
    conn: &Connection,
    config: &Config,
    today: NaiveDate,
    half_life: f64,
) -> Result<Vec<NetworkEntry>> {
    let three_months = today - Duration::days(91);
    let six_months = today - Duration::days(182);
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.name, n.role, n.intent, n.hours_per_month, n.review_on,
            (SELECT coalesce(sum(i.minutes), 0) FROM interactions i
              WHERE i.network_id = n.id AND i.date > ?1 AND i.date <= ?3),
            (SELECT coalesce(sum(i.minutes), 0) FROM interactions i
              WHERE i.network_id = n.id AND i.date > ?2 AND i.date <= ?3)
         FROM networks n ORDER BY n.name_key",
    )?;
    let mut entries: Vec<(NetworkEntry, f64)> = stmt
        .query_map(params![three_months, six_months, today], |row| {
            let minutes_3m: f64 = row.get(6)?;
            let minutes_6m: f64 = row.get(7)?;
            let review_on: Option<NaiveDate> = row.get(5)?;
            Ok((
                NetworkEntry {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    role: row.get(2)?,
                    intent: row.get(3)?,
                    hours_budget: row.get(4)?,
                    hours_logged: round(minutes_3m / 60.0 / 3.0),
                    gave: 0.0,
                    got: 0.0,
                    costs_exceed_benefits: false,
                    review_on,
                    review_due: review_on.is_some_and(|d| d <= today),
                },
                minutes_6m / 60.0,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;

    // Give and take per network in one pass: decayed over all time (scaled
    // sums, as for contacts) and plain over the last 6 months. CROSS JOIN
    // keeps SQLite's join order: the network's interactions by their partial
    // index, then their items by a covering one, rather than every item.
    let mut sums = conn.prepare_cached(
        "SELECT i.network_id, it.direction,
                sum(it.weight * ties_exp2((julianday(i.date) - 2458849.5) / ?1)),
                sum(CASE WHEN i.date > ?2 THEN it.weight ELSE 0 END)
         FROM interactions i CROSS JOIN items it ON it.interaction_id = i.id
         WHERE i.network_id IS NOT NULL AND it.state = 'done'
         GROUP BY i.network_id, it.direction",
    )?;
    let unscale = 1.0 / reciprocity::scale(today, half_life);
    let mut recent: std::collections::HashMap<i64, (f64, f64)> = Default::default();
    let mut rows = sums.query(params![half_life, six_months])?;
    while let Some(row) = rows.next()? {
        let network: i64 = row.get(0)?;
        let gave = row.get::<_, String>(1)? == "gave";
        let scaled: f64 = row.get(2)?;
        let plain: f64 = row.get(3)?;
        if let Some((entry, _)) = entries.iter_mut().find(|(e, _)| e.id == network) {
            if gave {
                entry.gave = round(scaled * unscale);
            } else {
                entry.got = round(scaled * unscale);
            }
        }
        let slot = recent.entry(network).or_default();
        if gave {
            slot.0 += plain;
        } else {
            slot.1 += plain;
        }
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
