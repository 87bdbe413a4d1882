//! The week's draw and what the user set aside: which suggestions a week's
//! review made (bookkeeping, see migrations/0008_review.sql), and the
//! contacts marked "not this week" (the user's decision).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, named_params, params};

use super::sections::ContactFigures;
use super::{Store, rows};
use crate::change::Change;
use crate::error::{Field, Result};
use crate::model::{ContactRef, ItemState};
use crate::review::Section;
use crate::rules;

/// A suggestion to record: its section, contact, item (for a promise) and
/// its own cadence (for a reconnect: setting a new one acts on it).
#[derive(Debug, Clone, PartialEq)]
pub struct NewDraw {
    pub section: Section,
    pub contact: i64,
    pub item_id: Option<i64>,
    pub cadence: Option<u32>,
}

/// One recorded suggestion of a week, with what its contact and item are
/// now, so the review can tell whether it still stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub position: u32,
    pub round: u32,
    pub section: Section,
    pub item_id: Option<i64>,
    /// A reconnect's own cadence when it was drawn (none: its circle's).
    pub drawn_cadence: Option<u32>,
    pub drawn_on: NaiveDate,
    pub figures: ContactFigures,
    pub listed: bool,
    pub reminded: bool,
    pub rests_until: Option<NaiveDate>,
    /// The promise now: its state, note and day; `None` once it is gone.
    pub item: Option<DrawnItem>,
    pub skipped: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DrawnItem {
    pub state: ItemState,
    pub note: String,
    pub since: NaiveDate,
    pub settled_on: Option<NaiveDate>,
}

fn section_from_row(row: &Row<'_>, column: &str) -> rusqlite::Result<Section> {
    let text: String = row.get(column)?;
    Section::from_name(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown review section '{text}'").into(),
        )
    })
}

impl Store {
    /// The suggestions recorded for the week starting `week`, in order.
    pub fn week_draw(&self, week: NaiveDate) -> Result<Vec<Drawn>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.position, d.round, d.section, d.item_id, d.cadence AS drawn_cadence, r.drawn_on,
                    s.contact_id AS id, c.name, s.gave_scaled, s.got_scaled, s.done_items,
                    s.first_interaction, s.last_interaction, s.interaction_count, s.weight_total,
                    s.cadence, s.due_on, c.cadence_days AS own_cadence, s.listed, s.reminded, s.rests_until,
                    it.state AS item_state, it.note AS item_note, it.settled_on,
                    (SELECT i.date FROM interactions i WHERE i.id = it.interaction_id) AS item_since,
                    EXISTS (SELECT 1 FROM review_skips k
                            WHERE k.week_start = d.week_start AND k.contact_id = d.contact_id) AS skipped
             FROM review_draws d JOIN review_rounds r ON r.week_start = d.week_start AND r.round = d.round
                  JOIN contact_stats s ON s.contact_id = d.contact_id
                  JOIN contacts c ON c.id = d.contact_id LEFT JOIN items it ON it.id = d.item_id
             WHERE d.week_start = :week ORDER BY d.position",
        )?;
        let rows = stmt.query_map(named_params! { ":week": week }, |row| {
            let state: Option<ItemState> = row.get("item_state")?;
            let item = match state {
                Some(state) => Some(DrawnItem {
                    state,
                    note: row.get("item_note")?,
                    since: row.get("item_since")?,
                    settled_on: row.get("settled_on")?,
                }),
                None => None,
            };
            Ok(Drawn {
                position: row.get("position")?,
                round: row.get("round")?,
                section: section_from_row(row, "section")?,
                item_id: row.get("item_id")?,
                drawn_cadence: row.get("drawn_cadence")?,
                drawn_on: row.get("drawn_on")?,
                figures: super::sections::figures(row)?,
                listed: row.get("listed")?,
                reminded: row.get("reminded")?,
                rests_until: row.get("rests_until")?,
                item,
                skipped: row.get("skipped")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many rounds the week's draw has (0: none yet).
    pub fn draw_rounds(&self, week: NaiveDate) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) AS rounds FROM review_rounds WHERE week_start = ?1")?
            .query_row([week], |row| row.get("rounds"))?)
    }

    /// Records `picks` as round `round` of the week's draw, unless the week
    /// has moved on meanwhile (another ties process drew it first): then
    /// nothing is written and the answer is false.
    pub fn record_draw(&mut self, week: NaiveDate, round: u32, picks: &[NewDraw]) -> Result<bool> {
        let week = rules::date(Field::WeekStart, week)?;
        self.write(|w| {
            let (rounds, next): (u32, u32) = w.tx.query_row(
                "SELECT (SELECT count(*) FROM review_rounds WHERE week_start = ?1) AS rounds,
                        (SELECT coalesce(max(position) + 1, 0) FROM review_draws WHERE week_start = ?1) AS next",
                [week],
                |row| Ok((row.get("rounds")?, row.get("next")?)),
            )?;
            let change = Change::ReviewDrawn {
                week_start: week,
                round,
            };
            if rounds != round {
                return Ok((false, change));
            }
            w.tx.execute(
                "INSERT INTO review_rounds (week_start, round, drawn_on) VALUES (?1, ?2, ?3)",
                params![week, round, w.today],
            )?;
            let mut insert = w.tx.prepare_cached(
                "INSERT INTO review_draws (week_start, position, round, section, contact_id, item_id, cadence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (offset, pick) in picks.iter().enumerate() {
                insert.execute(params![
                    week,
                    next + offset as u32,
                    round,
                    pick.section.name(),
                    pick.contact,
                    pick.item_id,
                    pick.cadence,
                ])?;
            }
            Ok((true, change))
        })
    }

    /// "Not this week": the contacts are not suggested again in the week
    /// starting `week` (all of them, in one transaction, or none). Saying
    /// it twice is saying it once.
    pub fn skip_for_week(&mut self, week: NaiveDate, contacts: &[i64]) -> Result<()> {
        let week = rules::date(Field::WeekStart, week)?;
        self.write(|w| {
            let mut insert = w.tx.prepare_cached(
                "INSERT INTO review_skips (week_start, contact_id, skipped_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (week_start, contact_id) DO NOTHING",
            )?;
            let mut name =
                w.tx.prepare_cached("SELECT id, name FROM contacts WHERE id = ?1")?;
            let mut set_aside = Vec::with_capacity(contacts.len());
            for &contact in contacts {
                insert
                    .execute(params![week, contact, w.now])
                    .map_err(|e| super::interactions::missing_contact(e, contact))?;
                set_aside.push(name.query_row([contact], rows::contact_ref)?);
            }
            Ok((
                (),
                Change::NotThisWeek {
                    week_start: week,
                    contacts: set_aside,
                },
            ))
        })
    }

    /// The contacts set aside for the week starting `week`.
    pub fn skipped_for_week(&self, week: NaiveDate) -> Result<Vec<ContactRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name FROM review_skips k JOIN contacts c ON c.id = k.contact_id
             WHERE k.week_start = ?1 ORDER BY k.skipped_at, c.id",
        )?;
        let rows = stmt.query_map([week], rows::contact_ref)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the contact was set aside for the week starting `week`.
    pub fn is_skipped(&self, week: NaiveDate, contact: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 AS yes FROM review_skips WHERE week_start = ?1 AND contact_id = ?2",
            )?
            .query_row(params![week, contact], |row| row.get::<_, i64>("yes"))
            .optional()?
            .is_some())
    }
}
