//! Review history: which weeks were reviewed; and the settings the kept
//! figures are computed with (the decay basis of the running balances, the
//! circle cadences of the kept due dates), which follow the config.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, rows};
use crate::change::Change;
use crate::error::{Field, Result};
use crate::model::Circle;
use crate::rules;

/// One week marked as reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewRecord {
    pub week_start: NaiveDate,
    pub done_at: String,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
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

    /// Brings the kept figures to the config: the half-life of the running
    /// balances and the circle cadences of the kept due dates (each only
    /// when it differs). Every face calls this once it has read the config.
    pub fn follow_config(&mut self, config: &crate::config::Config) -> Result<()> {
        self.set_half_life(config.reciprocity.half_life_days)?;
        let cadences: Vec<(Circle, Option<u32>)> = Circle::ALL
            .iter()
            .map(|&circle| (circle, config.circle_cadence(circle)))
            .collect();
        self.set_circle_cadences(&cadences)?;
        Ok(())
    }

    /// The circles' cadences the kept due dates are computed with.
    pub fn circle_cadences(&self) -> Result<Vec<(Circle, Option<u32>)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT circle, days FROM circle_cadences ORDER BY circle")?;
        let rows = stmt.query_map([], |row| Ok((row.get("circle")?, row.get("days")?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Brings the kept due dates to the configured circle cadences when
    /// they differ (the contacts of each changed circle, in one
    /// transaction). Returns whether anything changed.
    pub fn set_circle_cadences(&mut self, wanted: &[(Circle, Option<u32>)]) -> Result<bool> {
        let kept = self.circle_cadences()?;
        let changed: Vec<(Circle, Option<u32>)> = wanted
            .iter()
            .copied()
            .filter(|(circle, days)| !kept.contains(&(*circle, *days)))
            .collect();
        if changed.is_empty() {
            return Ok(false);
        }
        for (_, days) in &changed {
            if let Some(days) = days {
                rules::cadence(*days)?;
            }
        }
        self.write(|w| {
            let mut update = w.tx.prepare_cached(
                "INSERT INTO circle_cadences (circle, days) VALUES (?1, ?2)
                 ON CONFLICT (circle) DO UPDATE SET days = excluded.days",
            )?;
            for (circle, days) in &changed {
                update.execute(params![circle, days])?;
            }
            // Only derived figures change: the history keeps no entry.
            Ok((
                (),
                Change::CircleCadences {
                    circles: changed.clone(),
                },
            ))
        })?;
        Ok(true)
    }
}
