//! A contact's labelled dates (the birthday is a column of `contacts`):
//! reading them, setting and removing them by label, and finding the
//! birthdays and dates that come round between two days.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{Store, rows};
use crate::error::{Field, Refusal, Result};
use crate::model::ContactDate;
use crate::occasions::{self, BIRTHDAY, DatedRow};
use crate::rules;

/// A contact's dates, in calendar order (month and day, then label).
pub(super) fn read(conn: &Connection, id: i64) -> Result<Vec<ContactDate>> {
    let rows = conn
        .prepare_cached(
            "SELECT label, date, yearly FROM contact_dates WHERE contact_id = ?1
             ORDER BY substr(date, -5), label_key",
        )?
        .query_map([id], rows::contact_date)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sets a date (replacing the one of the same label), through its rule.
pub(super) fn set(conn: &Connection, id: i64, date: &ContactDate) -> Result<()> {
    let date = rules::contact_date(date)?;
    conn.prepare_cached(
        "INSERT INTO contact_dates (contact_id, label, label_key, date, yearly) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (contact_id, label_key) DO UPDATE SET label = excluded.label,
             date = excluded.date, yearly = excluded.yearly",
    )?
    .execute(params![
        id,
        date.label,
        rules::date_label_key(&date.label),
        date.date,
        date.yearly
    ])?;
    Ok(())
}

/// Adds the dates whose label the contact has no date for; returns whether
/// it added any. Never changes a date the contact has.
pub(super) fn add_missing(conn: &Connection, id: i64, dates: &[ContactDate]) -> Result<bool> {
    let mut added = false;
    for date in dates {
        let date = rules::contact_date(date)?;
        added |=
            conn.prepare_cached(
                "INSERT OR IGNORE INTO contact_dates (contact_id, label, label_key, date, yearly)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id,
                date.label,
                rules::date_label_key(&date.label),
                date.date,
                date.yearly
            ])? > 0;
    }
    Ok(added)
}

/// Removes the date of `label`; refused when the contact has none.
pub(super) fn remove(conn: &Connection, id: i64, label: &str) -> Result<()> {
    let removed = conn
        .prepare_cached("DELETE FROM contact_dates WHERE contact_id = ?1 AND label_key = ?2")?
        .execute(params![id, rules::date_label_key(label)])?;
    if removed == 0 {
        return Err(Refusal::NotOnContact {
            field: Field::DateLabel,
            value: rules::text(label),
        }
        .into());
    }
    Ok(())
}

impl Store {
    /// The birthdays and dates of contacts that are not archived whose
    /// month and day may fall between `from` and `until`: the candidates,
    /// found by index, that `occasions` then judges exactly.
    pub fn dated_rows(&self, from: NaiveDate, until: NaiveDate) -> Result<Vec<DatedRow>> {
        let mut out = Vec::new();
        for (low, high) in occasions::month_day_ranges(from, until) {
            let mut birthdays = self.conn.prepare_cached(
                "SELECT id, name, birthday FROM contacts
                 WHERE birthday IS NOT NULL AND archived = 0 AND substr(birthday, -5) BETWEEN ?1 AND ?2",
            )?;
            let found = birthdays.query_map(params![low, high], |row| {
                Ok(DatedRow {
                    contact: rows::contact_ref(row)?,
                    label: BIRTHDAY.to_string(),
                    date: row.get("birthday")?,
                    yearly: true,
                })
            })?;
            for row in found {
                out.push(row?);
            }
            let mut dates = self.conn.prepare_cached(
                "SELECT c.id, c.name, d.label, d.date, d.yearly FROM contact_dates d
                 JOIN contacts c ON c.id = d.contact_id
                 WHERE d.yearly = 1 AND substr(d.date, -5) BETWEEN ?1 AND ?2 AND c.archived = 0",
            )?;
            let found = dates.query_map(params![low, high], dated_row)?;
            for row in found {
                out.push(row?);
            }
        }
        let mut once = self.conn.prepare_cached(
            "SELECT c.id, c.name, d.label, d.date, d.yearly FROM contact_dates d
             JOIN contacts c ON c.id = d.contact_id
             WHERE d.yearly = 0 AND d.date BETWEEN ?1 AND ?2 AND c.archived = 0",
        )?;
        let found = once.query_map(params![from, until], dated_row)?;
        for row in found {
            out.push(row?);
        }
        Ok(out)
    }

    /// Every birthday and yearly date of contacts that are not archived,
    /// whenever it falls (for a calendar that repeats them), and every
    /// one-off date between `from` and `until`.
    pub fn calendar_rows(&self, from: NaiveDate, until: NaiveDate) -> Result<Vec<DatedRow>> {
        let mut out = Vec::new();
        let mut birthdays = self.conn.prepare_cached(
            "SELECT id, name, birthday FROM contacts
             WHERE birthday IS NOT NULL AND archived = 0 ORDER BY id",
        )?;
        let found = birthdays.query_map([], |row| {
            Ok(DatedRow {
                contact: rows::contact_ref(row)?,
                label: BIRTHDAY.to_string(),
                date: row.get("birthday")?,
                yearly: true,
            })
        })?;
        for row in found {
            out.push(row?);
        }
        let mut dates = self.conn.prepare_cached(
            "SELECT c.id, c.name, d.label, d.date, d.yearly FROM contact_dates d
             JOIN contacts c ON c.id = d.contact_id
             WHERE c.archived = 0 AND (d.yearly = 1 OR d.date BETWEEN ?1 AND ?2)
             ORDER BY c.id, d.label_key",
        )?;
        let found = dates.query_map(params![from, until], dated_row)?;
        for row in found {
            out.push(row?);
        }
        Ok(out)
    }
}

impl Store {
    /// A contact's UID.
    pub fn contact_uid(&self, id: i64) -> Result<String> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached("SELECT uid FROM contacts WHERE id = ?1")?
            .query_row([id], |row| row.get::<_, Option<String>>("uid"))
            .optional()?
            .ok_or_else(|| super::contacts::no_such_contact(id))
            .map(Option::unwrap_or_default)
    }
}

/// `id`, `name`, `label`, `date`, `yearly`.
fn dated_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DatedRow> {
    Ok(DatedRow {
        contact: rows::contact_ref(row)?,
        label: row.get("label")?,
        date: row.get("date")?,
        yearly: row.get("yearly")?,
    })
}
