//! What `ties due` reads besides the review's facts: the user's own open
//! promises made by a day, by the partial index of open items.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Store, rows};
use crate::error::Result;
use crate::review::PromiseEntry;

impl Store {
    /// Your open promises (to contacts that are not archived) made on or
    /// before `made_by`, oldest first; ages count to `today`.
    pub fn my_open_promises_made_by(
        &self,
        made_by: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<PromiseEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT it.id AS item_id, c.id, c.name, it.direction, it.note, i.date
             FROM items it JOIN interactions i ON i.id = it.interaction_id JOIN contacts c ON c.id = it.counterparty_id
             WHERE it.state = 'open' AND it.direction = 'gave' AND i.date <= ?1 AND c.archived = 0
             ORDER BY i.date, it.id",
        )?;
        let rows = stmt.query_map(params![made_by], |row| {
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
}
