//! What the weekly review reads. Each read is one aggregate or indexed
//! query: per-contact sums come from `contact_stats` (kept by triggers),
//! never from a rescan of every item. The rules that turn these figures
//! into the review live in `crate::review`.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Store, rows};
use crate::error::Result;
use crate::model::{Circle, Direction, Intent, Kind, Role};
use crate::review::PromiseEntry;

/// What the review's rules need to know about one contact: its settings
/// and the kept sums. Not a `ContactSummary`: it carries the decayed sums
/// and the dates the rules count from, and none of the lists a listing shows.
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

/// A network's plan and its logged minutes over two spans.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkMinutes {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub intent: Intent,
    pub hours_per_month: Option<f64>,
    pub review_on: Option<NaiveDate>,
    /// Minutes logged in the network after `recent` and after `longer`.
    pub minutes_recent: f64,
    pub minutes_longer: f64,
}

/// Done items' weight in a network, one direction: decayed over all time
/// (in the scaled form the kept sums use) and plain since a day.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkWeights {
    pub network: i64,
    pub direction: Direction,
    pub scaled: f64,
    pub plain_since: f64,
}

impl Store {
    /// The facts of every contact that is not archived.
    pub fn contact_facts(&self) -> Result<Vec<ContactFacts>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM contacts c JOIN contact_stats s ON s.contact_id = c.id WHERE c.archived = 0",
            rows::FACT_COLUMNS
        ))?;
        let rows = stmt.query_map([], rows::contact_facts)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn contact_fact(&self, id: i64) -> Result<ContactFacts> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM contacts c JOIN contact_stats s ON s.contact_id = c.id WHERE c.id = ?1",
            rows::FACT_COLUMNS
        ))?;
        stmt.query_row([id], rows::contact_facts)
            .optional()?
            .ok_or_else(|| super::contacts::no_such_contact(id))
    }

    /// The ids of the interactions between two days, newest first (at most
    /// `cap`), and how many there are in all.
    pub fn interactions_between(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        cap: usize,
    ) -> Result<(Vec<i64>, usize)> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) AS n FROM interactions WHERE date BETWEEN ?1 AND ?2",
            params![start, end],
            |row| row.get("n"),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM interactions WHERE date BETWEEN ?1 AND ?2
             ORDER BY date DESC, coalesce(time, '') DESC, id DESC LIMIT ?3",
        )?;
        let cap = i64::try_from(cap).unwrap_or(i64::MAX);
        let ids = stmt
            .query_map(params![start, end, cap], |row| row.get("id"))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((ids, count as usize))
    }

    /// Open items in both directions, oldest first (at most `cap`); of one
    /// contact, or of all contacts that are not archived.
    pub fn open_promises(
        &self,
        contact: Option<i64>,
        today: NaiveDate,
        cap: usize,
    ) -> Result<Vec<PromiseEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT it.id AS item_id, c.id, c.name, it.direction, it.note, i.date
             FROM items it JOIN interactions i ON i.id = it.interaction_id JOIN contacts c ON c.id = it.counterparty_id
             WHERE it.state = 'open' AND (?1 IS NULL OR c.id = ?1) AND (?1 IS NOT NULL OR c.archived = 0)
             ORDER BY i.date, it.id LIMIT ?2",
        )?;
        let cap = i64::try_from(cap).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![contact, cap], |row| {
            let since: NaiveDate = row.get("date")?;
            Ok(PromiseEntry {
                item_id: row.get("item_id")?,
                contact: rows::contact_ref(row)?,
                direction: row.get("direction")?,
                text: row.get("note")?,
                since,
                age_days: (today - since).num_days(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many interactions each day between two days had (days without
    /// any left out).
    pub fn interactions_per_day(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<(NaiveDate, u32)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, count(*) AS n FROM interactions WHERE date BETWEEN ?1 AND ?2 GROUP BY date",
        )?;
        let rows = stmt.query_map(params![first, last], |row| {
            Ok((row.get("date")?, row.get("n")?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every network's plan and minutes logged after `recent` and after
    /// `longer`, up to `today`, in name order.
    pub fn network_minutes(
        &self,
        recent: NaiveDate,
        longer: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<NetworkMinutes>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.name, n.role, n.intent, n.hours_per_month, n.review_on,
                (SELECT coalesce(sum(i.minutes), 0) FROM interactions i
                  WHERE i.network_id = n.id AND i.date > ?1 AND i.date <= ?3) AS minutes_recent,
                (SELECT coalesce(sum(i.minutes), 0) FROM interactions i
                  WHERE i.network_id = n.id AND i.date > ?2 AND i.date <= ?3) AS minutes_longer
             FROM networks n ORDER BY n.name_key",
        )?;
        let rows = stmt.query_map(params![recent, longer, today], |row| {
            Ok(NetworkMinutes {
                id: row.get("id")?,
                name: row.get("name")?,
                role: row.get("role")?,
                intent: row.get("intent")?,
                hours_per_month: row.get("hours_per_month")?,
                review_on: row.get("review_on")?,
                minutes_recent: row.get("minutes_recent")?,
                minutes_longer: row.get("minutes_longer")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Give and take per network in one pass: decayed over all time (scaled
    /// sums, as for contacts) and plain since `since`. CROSS JOIN keeps
    /// SQLite's join order: the network's interactions by their partial
    /// index, then their items by a covering one, rather than every item.
    pub fn network_weights(&self, half_life: f64, since: NaiveDate) -> Result<Vec<NetworkWeights>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.network_id, it.direction,
                    sum(it.weight * ties_exp2((julianday(i.date) - 2458849.5) / ?1)) AS scaled,
                    sum(CASE WHEN i.date > ?2 THEN it.weight ELSE 0 END) AS plain_since
             FROM interactions i CROSS JOIN items it ON it.interaction_id = i.id
             WHERE i.network_id IS NOT NULL AND it.state = 'done'
             GROUP BY i.network_id, it.direction",
        )?;
        let rows = stmt.query_map(params![half_life, since], |row| {
            Ok(NetworkWeights {
                network: row.get("network_id")?,
                direction: row.get("direction")?,
                scaled: row.get("scaled")?,
                plain_since: row.get("plain_since")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
