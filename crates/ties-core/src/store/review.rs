//! What the weekly review reads besides its sections (`sections.rs`):
//! the week's interactions, activity per day, networks, and the context of
//! a tie to rekindle. Each read is an indexed query over kept figures
//! (`contact_stats`, `interaction_days`, `network_days`, kept by
//! triggers), never a rescan of every item. The rules that turn these
//! figures into the review live in `crate::review`.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, rows};
use crate::error::Result;
use crate::model::{Circle, Intent, ItemKind, Kind, Role};
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

/// Done items' weight in a network, given and received: decayed over all
/// time (in the scaled form the kept sums use) and plain since a day.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkWeights {
    pub network: i64,
    pub gave_scaled: f64,
    pub got_scaled: f64,
    pub gave_since: f64,
    pub got_since: f64,
}

/// Something a contact gave you, for the context of a tie to rekindle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Given {
    pub date: NaiveDate,
    pub kind: ItemKind,
    pub weight: u8,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub note: String,
}

/// A dated note of an interaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatedNote {
    pub date: NaiveDate,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub note: String,
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
            "SELECT coalesce(sum(interactions), 0) AS n FROM interaction_days WHERE date BETWEEN ?1 AND ?2",
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
    /// contact (archived or not), or of all contacts that are not archived.
    pub fn open_promises(
        &self,
        contact: Option<i64>,
        today: NaiveDate,
        cap: usize,
    ) -> Result<Vec<PromiseEntry>> {
        let Some(contact) = contact else {
            return self.open_promise_section(None, today, cap, None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.item_id, c.id, c.name, o.direction, it.note, o.since
             FROM open_items o CROSS JOIN contacts c ON c.id = o.counterparty_id
                  CROSS JOIN items it ON it.id = o.item_id
             WHERE o.counterparty_id = ?1 ORDER BY o.since, o.item_id LIMIT ?2",
        )?;
        let cap = i64::try_from(cap).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![contact, cap], |row| rows::promise_entry(row, today))?;
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
            "SELECT date, interactions AS n FROM interaction_days WHERE date BETWEEN ?1 AND ?2",
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
                (SELECT coalesce(sum(d.minutes), 0) FROM network_days d
                  WHERE d.network_id = n.id AND d.date > ?1 AND d.date <= ?3) AS minutes_recent,
                (SELECT coalesce(sum(d.minutes), 0) FROM network_days d
                  WHERE d.network_id = n.id AND d.date > ?2 AND d.date <= ?3) AS minutes_longer
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

    /// Give and take per network: decayed over all time (the scaled sums
    /// of `network_stats`, as for contacts) and plain since `since` (from
    /// its days, `network_days`).
    pub fn network_weights(&self, since: NaiveDate) -> Result<Vec<NetworkWeights>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.network_id, n.gave_scaled, n.got_scaled,
                    (SELECT coalesce(sum(d.gave), 0) FROM network_days d
                      WHERE d.network_id = n.network_id AND d.date > ?1) AS gave_since,
                    (SELECT coalesce(sum(d.got), 0) FROM network_days d
                      WHERE d.network_id = n.network_id AND d.date > ?1) AS got_since
             FROM network_stats n",
        )?;
        let rows = stmt.query_map(params![since], |row| {
            Ok(NetworkWeights {
                network: row.get("network_id")?,
                gave_scaled: row.get("gave_scaled")?,
                got_scaled: row.get("got_scaled")?,
                gave_since: row.get("gave_since")?,
                got_since: row.get("got_since")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest note of an interaction with the contact.
    pub fn last_note(&self, contact: i64) -> Result<Option<DatedNote>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT i.date, i.note FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                 WHERE p.contact_id = ?1 AND i.note <> '' ORDER BY i.date DESC, i.id DESC LIMIT 1",
            )?
            .query_row([contact], |row| {
                Ok(DatedNote {
                    date: row.get("date")?,
                    note: row.get("note")?,
                })
            })
            .optional()?)
    }

    /// The newest `n` things the contact gave you (done items).
    pub fn given_by(&self, contact: i64, n: usize) -> Result<Vec<Given>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.date, it.kind, it.weight, it.note FROM items it JOIN interactions i ON i.id = it.interaction_id
             WHERE it.counterparty_id = ?1 AND it.direction = 'got' AND it.state = 'done'
             ORDER BY i.date DESC, it.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![contact, n as i64], |row| {
            Ok(Given {
                date: row.get("date")?,
                kind: row.get("kind")?,
                weight: row.get("weight")?,
                note: row.get("note")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
