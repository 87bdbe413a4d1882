//! Review history: which weeks were reviewed, and the decay basis the
//! running balances are kept in.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, rows};
use crate::change::Change;
use crate::error::{Field, Result};
use crate::rules;

/// One week marked as reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewRecord {
    pub week_start: NaiveDate,
    pub done_at: String,
    pub note: String,
}

impl Store {
    /// Records that the week starting `week_start` was reviewed. Doing it
    /// again the same week updates the note and time.
    pub fn mark_reviewed(&mut self, week_start: NaiveDate, note: &str) -> Result<ReviewRecord> {
        let week_start = rules::date(Field::WeekStart, week_start)?;
        self.write(|w| {
            w.tx.execute(
                "INSERT INTO reviews (week_start, done_at, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT (week_start) DO UPDATE SET done_at = excluded.done_at,
                     note = CASE WHEN excluded.note = '' THEN note ELSE excluded.note END",
                params![week_start, w.now, rules::text(note)],
            )?;
            let record = w.tx.query_row(
                "SELECT week_start, done_at, note FROM reviews WHERE week_start = ?1",
                [week_start],
                rows::review_record,
            )?;
            Ok((record, Change::Reviewed { week_start }))
        })
    }

    /// The most recent reviews, newest week first.
    pub fn reviews(&self, limit: usize) -> Result<Vec<ReviewRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT week_start, done_at, note FROM reviews ORDER BY week_start DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], rows::review_record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every reviewed week start, newest first.
    pub fn reviewed_weeks(&self) -> Result<Vec<NaiveDate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT week_start FROM reviews ORDER BY week_start DESC")?;
        let rows = stmt.query_map([], |row| row.get("week_start"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The half-life the running balances are kept in.
    pub fn half_life(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row(
                "SELECT half_life_days FROM decay_basis WHERE id = 1",
                [],
                |row| row.get("half_life_days"),
            )
            .optional()?
            .unwrap_or(365))
    }

    /// Rescales the running balances when the configured half-life changed
    /// (one pass over the items, in one transaction). Returns whether it did.
    pub fn set_half_life(&mut self, days: u32) -> Result<bool> {
        if self.half_life()? == days {
            return Ok(false);
        }
        self.write(|w| {
            w.tx.execute(
                "UPDATE decay_basis SET half_life_days = ?1 WHERE id = 1",
                [days],
            )?;
            // Only derived figures change: the history keeps no entry.
            Ok(((), Change::HalfLife { days }))
        })?;
        Ok(true)
    }
}
