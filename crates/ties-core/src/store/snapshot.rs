//! Reading everything the user wrote in one pass (one query per table,
//! whatever its size): the body of the JSON export and what the vCard and
//! CSV exports are drawn from. Derived data (`contact_stats`, the decay
//! basis) is left out: the triggers rebuild it when a snapshot is imported.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Store, rows};
use crate::error::Result;
use crate::export::snapshot::{FORMAT, Snapshot, VERSION};

impl Store {
    /// Everything the user wrote, as of now.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let mut contacts = self.rows(
            &format!(
                "SELECT {} FROM contacts ORDER BY id",
                rows::CONTACT_ROW_COLUMNS
            ),
            rows::contact_row,
        )?;
        let mut emails = self.grouped(
            "SELECT contact_id, value, label FROM contact_emails ORDER BY contact_id, position",
            rows::labelled,
        )?;
        let mut phones = self.grouped(
            "SELECT contact_id, value, label FROM contact_phones ORDER BY contact_id, position",
            rows::labelled,
        )?;
        let mut urls = self.grouped(
            "SELECT contact_id, value, label FROM contact_urls ORDER BY contact_id, position",
            rows::labelled,
        )?;
        let mut addresses = self.grouped(
            &format!(
                "SELECT contact_id, {} FROM contact_addresses ORDER BY contact_id, position",
                rows::ADDRESS_COLUMNS
            ),
            rows::address,
        )?;
        let mut tags = self.grouped(
            "SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, tag",
            |row| row.get("tag"),
        )?;
        let mut expertise = self.grouped(
            "SELECT contact_id, topic FROM contact_expertise ORDER BY contact_id, topic",
            |row| row.get("topic"),
        )?;
        let mut related = self.grouped(
            "SELECT contact_id, related_id, relation FROM contact_relations
             ORDER BY contact_id, related_id, relation",
            rows::relation_row,
        )?;
        let mut dates = self.grouped(
            "SELECT contact_id, label, date, yearly FROM contact_dates
             ORDER BY contact_id, substr(date, -5), label_key",
            rows::contact_date,
        )?;
        let mut extras = self.grouped(
            "SELECT contact_id, line FROM contact_vcard_extras ORDER BY contact_id, position",
            |row| row.get("line"),
        )?;
        let mut other_uids = self.grouped(
            "SELECT contact_id, uid FROM contact_uids ORDER BY contact_id, uid",
            |row| row.get("uid"),
        )?;
        for c in &mut contacts {
            c.emails = emails.remove(&c.id).unwrap_or_default();
            c.phones = phones.remove(&c.id).unwrap_or_default();
            c.urls = urls.remove(&c.id).unwrap_or_default();
            c.addresses = addresses.remove(&c.id).unwrap_or_default();
            c.tags = tags.remove(&c.id).unwrap_or_default();
            c.expertise = expertise.remove(&c.id).unwrap_or_default();
            c.related = related.remove(&c.id).unwrap_or_default();
            c.vcard_extras = extras.remove(&c.id).unwrap_or_default();
            c.other_uids = other_uids.remove(&c.id).unwrap_or_default();
            c.dates = dates.remove(&c.id).unwrap_or_default();
        }

        let affiliations = self.rows(
            "SELECT person_id, org_id, title, unit FROM affiliations ORDER BY person_id, org_id",
            rows::affiliation_row,
        )?;
        let networks = self.rows(
            &format!(
                "SELECT {} FROM networks ORDER BY id",
                rows::NETWORK_ROW_COLUMNS
            ),
            rows::network_row,
        )?;
        let memberships = self.rows(
            "SELECT network_id, contact_id, joined_on FROM network_members ORDER BY network_id, contact_id",
            rows::membership_row,
        )?;
        let mut participants = self.grouped_by(
            "SELECT interaction_id, contact_id FROM interaction_participants
             ORDER BY interaction_id, contact_id",
            "interaction_id",
            |row| row.get("contact_id"),
        )?;
        let mut items = self.grouped_by(
            &format!(
                "SELECT interaction_id, {} FROM items ORDER BY interaction_id, id",
                rows::ITEM_ROW_COLUMNS
            ),
            "interaction_id",
            rows::item_row,
        )?;
        let mut interactions = self.rows(
            &format!(
                "SELECT {} FROM interactions ORDER BY id",
                rows::INTERACTION_ROW_COLUMNS
            ),
            rows::interaction_row,
        )?;
        for i in &mut interactions {
            i.participants = participants.remove(&i.id).unwrap_or_default();
            i.items = items.remove(&i.id).unwrap_or_default();
        }
        let reviews = self.rows(
            "SELECT id, week_start, done_at, note FROM reviews ORDER BY id",
            rows::review_row,
        )?;
        Ok(Snapshot {
            format: FORMAT.to_string(),
            version: VERSION,
            exported_at: self.clock.timestamp(),
            contacts,
            affiliations,
            networks,
            memberships,
            interactions,
            reviews,
        })
    }

    /// Per contact: the last interaction and how many there were.
    pub fn activity(&self) -> Result<HashMap<i64, (Option<NaiveDate>, u32)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT contact_id, last_interaction, interaction_count FROM contact_stats")?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get("contact_id")?,
                (row.get("last_interaction")?, row.get("interaction_count")?),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn rows<T>(
        &self,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Rows grouped by their `contact_id`, order kept within a group.
    fn grouped<T>(
        &self,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<HashMap<i64, Vec<T>>> {
        self.grouped_by(sql, "contact_id", map)
    }

    /// Rows grouped by the id in column `by`, order kept within a group.
    fn grouped_by<T>(
        &self,
        sql: &str,
        by: &str,
        mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<HashMap<i64, Vec<T>>> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut out: HashMap<i64, Vec<T>> = HashMap::new();
        while let Some(row) = rows.next()? {
            out.entry(row.get(by)?).or_default().push(map(row)?);
        }
        Ok(out)
    }
}
