//! What `ties due` reads: reconnects due by a day, from the kept, indexed
//! due dates (migrations/0008_review.sql); the user's own open promises made
//! by a day, from the kept open items. Each reads what it returns or counts
//! (one index range per cadence in effect), never every contact.

use chrono::NaiveDate;
use rusqlite::params;

use super::sections::ContactFigures;
use super::{Store, buckets, rows};
use crate::error::Result;
use crate::review::PromiseEntry;

impl Store {
    /// Every contact with reminders (not archived, not let go) whose kept
    /// due date is on or before `day` and who is not snoozed past `day`,
    /// soonest due first.
    pub fn reconnects_due_by(&self, day: NaiveDate) -> Result<Vec<ContactFigures>> {
        let mut due = Vec::new();
        for cadence in self.cadences_in_effect()? {
            due.extend(self.due_of_cadence(cadence, day, usize::MAX, None)?);
        }
        due.sort_by(|a, b| {
            a.due_on
                .cmp(&b.due_on)
                .then(a.contact.id.cmp(&b.contact.id))
        });
        Ok(due)
    }

    /// How many `reconnects_due_by(day)` returns, from the kept buckets.
    pub fn count_reconnects_due_by(&self, day: NaiveDate) -> Result<usize> {
        self.count_due(&self.cadences_in_effect()?, day)
    }

    /// Your open promises (to contacts that are not archived) made on or
    /// before `made_by`, oldest first; ages count to `today`.
    pub fn my_open_promises_made_by(
        &self,
        made_by: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<PromiseEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.item_id, c.id, c.name, o.direction, it.note, o.since
             FROM open_items o CROSS JOIN items it ON it.id = o.item_id
                 CROSS JOIN contacts c ON c.id = o.counterparty_id
             WHERE o.listed = 1 AND o.direction = 'gave' AND o.since <= ?1
             ORDER BY o.since, o.item_id",
        )?;
        let rows = stmt.query_map(params![made_by], |row| rows::promise_entry(row, today))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many `my_open_promises_made_by(made_by, _)` returns: the kept
    /// weeks wholly before `made_by`'s week (migrations/0013_promise_weeks.sql),
    /// and the promises of its week up to it, by their index.
    pub fn count_my_open_promises_made_by(&self, made_by: NaiveDate) -> Result<usize> {
        let weeks = self.bucket_sum("promised", i64::MIN, buckets::week_bucket(made_by) - 1)?;
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) AS n FROM open_items
                 WHERE listed = 1 AND direction = 'gave' AND since BETWEEN ?1 AND ?2",
            )?
            .query_row(
                params![buckets::week_bucket_start(made_by), made_by],
                |row| row.get("n"),
            )?;
        Ok(weeks + n as usize)
    }
}
