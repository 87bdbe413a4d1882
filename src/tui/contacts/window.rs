//! The rows of the contacts list that have been read: those on screen and
//! a screen more on either side. A move reads the next rows from a row
//! already read (or from either end), so its cost is the rows it brings,
//! wherever in the list it is.

use std::ops::Range;

use super::ContactRow;
use ties::review::{ContactFacts, ContactSignal};
use ties::store::{Cursor, ListOrder, ListedContact, PageStart};
use ties::{Result, Store};

#[derive(Default)]
pub struct Window {
    /// The list position of the first row read.
    start: usize,
    /// `None` for a contact that is gone since the list was made.
    rows: Vec<Option<(ContactRow, Cursor)>>,
}

impl Window {
    pub fn get(&self, position: usize) -> Option<&ContactRow> {
        self.slot(position).map(|(row, _)| row)
    }

    fn cursor(&self, position: usize) -> Option<&Cursor> {
        self.slot(position).map(|(_, cursor)| cursor)
    }

    fn slot(&self, position: usize) -> Option<&(ContactRow, Cursor)> {
        let at = position.checked_sub(self.start)?;
        self.rows.get(at)?.as_ref()
    }

    fn covers(&self, positions: &Range<usize>) -> bool {
        positions.start >= self.start && positions.end <= self.start + self.rows.len()
    }

    /// Reads `positions` of the list (the active contacts, or the archived
    /// ones) in `order` (of `total` rows).
    pub fn read_indexed(
        &mut self,
        store: &Store,
        archived: bool,
        order: ListOrder,
        positions: Range<usize>,
        total: usize,
        signal: impl Fn(&ContactFacts) -> ContactSignal,
    ) -> Result<()> {
        if positions.is_empty() || self.covers(&positions) {
            return Ok(());
        }
        let want = positions.len();
        // A screen more on each side, so small moves read nothing.
        let margin = want;
        let (start, rows) = if positions.start == 0 {
            (
                0,
                store.contact_page(archived, order, PageStart::First, want + margin)?,
            )
        } else if positions.end >= total {
            let limit = (total - positions.start + margin).min(total);
            let rows = store.contact_page(archived, order, PageStart::Last, limit)?;
            (total.saturating_sub(rows.len()), rows)
        } else if let Some(before) = positions.start.checked_sub(1).and_then(|p| self.cursor(p)) {
            let rows =
                store.contact_page(archived, order, PageStart::After(before), want + margin)?;
            (positions.start, rows)
        } else if let Some(after) = self.cursor(positions.end) {
            let limit = (want + margin).min(positions.end);
            let rows = store.contact_page(archived, order, PageStart::Before(after), limit)?;
            (positions.end - rows.len(), rows)
        } else {
            let rows = store.contact_page(
                archived,
                order,
                PageStart::At(positions.start),
                want + margin,
            )?;
            (positions.start, rows)
        };
        self.start = start;
        self.rows = rows.into_iter().map(|r| Some(row_of(r, &signal))).collect();
        Ok(())
    }

    /// Reads `positions` of a list of these contacts.
    pub fn read_ids(
        &mut self,
        store: &Store,
        archived: bool,
        ids: &[i64],
        positions: Range<usize>,
        signal: impl Fn(&ContactFacts) -> ContactSignal,
    ) -> Result<()> {
        let positions = positions.start.min(ids.len())..positions.end.min(ids.len());
        if positions.is_empty() || self.covers(&positions) {
            return Ok(());
        }
        let margin = positions.len();
        let start = positions.start.saturating_sub(margin);
        let end = (positions.end + margin).min(ids.len());
        self.start = start;
        self.rows = store
            .listed_contacts(archived, &ids[start..end])?
            .into_iter()
            .map(|r| r.map(|r| row_of(r, &signal)))
            .collect();
        Ok(())
    }
}

fn row_of(
    listed: ListedContact,
    signal: &impl Fn(&ContactFacts) -> ContactSignal,
) -> (ContactRow, Cursor) {
    (
        ContactRow {
            signal: signal(&listed.facts),
            contact: listed.summary,
        },
        listed.cursor,
    )
}
