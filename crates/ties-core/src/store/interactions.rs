//! Interactions and their give/take items: logging, settling, reading back.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, Writer, rows};
use crate::change::Change;
use crate::error::{Error, Field, Refusal, Result};
use crate::model::{Channel, Direction, Interaction, Item, ItemKind, ItemState};
use crate::rules;

#[derive(Debug, Clone)]
pub struct NewInteraction {
    pub date: NaiveDate,
    /// `HH:MM`, when it matters.
    pub time: Option<String>,
    pub channel: Channel,
    pub minutes: Option<u32>,
    pub network: Option<i64>,
    pub note: String,
    pub participants: Vec<i64>,
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone)]
pub struct NewItem {
    pub counterparty: i64,
    pub direction: Direction,
    pub kind: ItemKind,
    pub weight: u8,
    pub state: ItemState,
    pub note: String,
}

impl Store {
    pub fn log_interaction(&mut self, new: &NewInteraction) -> Result<i64> {
        self.write(|w| {
            let id = w.insert_interaction(new)?;
            let change = Change::Logged {
                interaction: w.interaction_ref(id)?,
                new_contacts: Vec::new(),
            };
            Ok((id, change))
        })
    }

    /// Marks an open item (a promise) as kept, today.
    pub fn settle_item(&mut self, item_id: i64) -> Result<Item> {
        self.write(|w| {
            let state: ItemState =
                w.tx.query_row("SELECT state FROM items WHERE id = ?1", [item_id], |row| {
                    row.get("state")
                })
                .optional()?
                .ok_or(Refusal::NoSuchItem(item_id))?;
            if state == ItemState::Done {
                return Err(Refusal::ItemAlreadyDone(item_id).into());
            }
            w.tx.execute(
                "UPDATE items SET state = 'done', settled_on = ?2 WHERE id = ?1",
                params![item_id, w.today],
            )?;
            let mut item = w.item_ref(item_id)?;
            item.open = true;
            Ok(((), Change::Settled { item }))
        })?;
        self.item(item_id)
    }

    pub fn item(&self, item_id: i64) -> Result<Item> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM items it JOIN contacts c ON c.id = it.counterparty_id WHERE it.id = ?1",
            rows::ITEM_COLUMNS
        ))?;
        Ok(stmt
            .query_row([item_id], rows::item)
            .optional()?
            .ok_or(Refusal::NoSuchItem(item_id))?)
    }

    pub fn interaction(&self, id: i64) -> Result<Interaction> {
        Ok(self
            .load_interactions(&[id])?
            .pop()
            .ok_or(Refusal::NoSuchInteraction(id))?)
    }

    /// How many interactions there are.
    pub fn count_interactions(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) AS n FROM interactions", [], |row| {
                row.get("n")
            })?)
    }

    /// A contact's interactions, newest first.
    pub fn interactions_of_contact(
        &self,
        contact: i64,
        limit: Option<usize>,
    ) -> Result<Vec<Interaction>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT interaction_id AS id FROM contact_timeline WHERE contact_id = ?1
             ORDER BY date DESC, time_key DESC, interaction_id DESC LIMIT ?2",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let ids = stmt
            .query_map(params![contact, limit], |row| row.get("id"))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        self.load_interactions(&ids)
    }

    /// A network's interactions, newest first.
    pub fn interactions_of_network(
        &self,
        network: i64,
        limit: Option<usize>,
    ) -> Result<Vec<Interaction>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM interactions WHERE network_id = ?1
             ORDER BY date DESC, coalesce(time, '') DESC, id DESC LIMIT ?2",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let ids = stmt
            .query_map(params![network, limit], |row| row.get("id"))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        self.load_interactions(&ids)
    }

    /// Interactions by id, in the order given, with participants and items.
    pub fn load_interactions(&self, ids: &[i64]) -> Result<Vec<Interaction>> {
        load_interactions(&self.conn, ids)
    }
}

pub(super) fn load_interactions(conn: &Connection, ids: &[i64]) -> Result<Vec<Interaction>> {
    let mut head = conn.prepare_cached(&format!(
        "SELECT {} FROM interactions i LEFT JOIN networks n ON n.id = i.network_id WHERE i.id = ?1",
        rows::INTERACTION_COLUMNS
    ))?;
    let mut people = conn.prepare_cached(
        "SELECT c.id, c.name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id
         WHERE p.interaction_id = ?1 ORDER BY c.name_key",
    )?;
    let mut items = conn.prepare_cached(&format!(
        "SELECT {} FROM items it JOIN contacts c ON c.id = it.counterparty_id
         WHERE it.interaction_id = ?1 ORDER BY it.id",
        rows::ITEM_COLUMNS
    ))?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let Some(mut interaction) = head.query_row([id], rows::interaction).optional()? else {
            continue;
        };
        interaction.participants = people
            .query_map([id], rows::contact_ref)?
            .collect::<rusqlite::Result<_>>()?;
        interaction.items = items
            .query_map([id], rows::item)?
            .collect::<rusqlite::Result<_>>()?;
        out.push(interaction);
    }
    Ok(out)
}

/// An interaction's own fields after their rules: what `insert_interaction`
/// and the JSON import both write.
pub(super) struct CheckedInteraction {
    pub date: NaiveDate,
    pub time: Option<String>,
    pub minutes: Option<u32>,
    pub note: String,
}

/// Checks an interaction's fields, its participants and its items (each
/// as counterparty and weight). Linear in participants and items.
pub(super) fn check_interaction(
    date: NaiveDate,
    time: Option<&str>,
    minutes: Option<u32>,
    note: &str,
    participants: &[i64],
    items: &[(i64, u8)],
) -> Result<CheckedInteraction> {
    let checked = CheckedInteraction {
        date: rules::date(Field::Date, date)?,
        time: time.map(rules::time).transpose()?,
        minutes: minutes.map(rules::minutes).transpose()?,
        note: rules::text(note),
    };
    for &(_, weight) in items {
        rules::weight(weight)?;
    }
    rules::participants(participants, items.iter().map(|&(c, _)| c))?;
    Ok(checked)
}

impl Writer<'_> {
    /// Logs an interaction with its participants and items, every field
    /// through its rule. Returns its id.
    pub(crate) fn insert_interaction(&self, new: &NewInteraction) -> Result<i64> {
        let items: Vec<(i64, u8)> = new
            .items
            .iter()
            .map(|i| (i.counterparty, i.weight))
            .collect();
        let checked = check_interaction(
            new.date,
            new.time.as_deref(),
            new.minutes,
            &new.note,
            &new.participants,
            &items,
        )?;
        if let Some(network) = new.network {
            super::networks::network_exists(&self.tx, network)?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO interactions (date, time, channel, minutes, network_id, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                checked.date,
                checked.time,
                new.channel,
                checked.minutes,
                new.network,
                checked.note,
                self.now
            ])?;
        let id = self.tx.last_insert_rowid();
        let mut participant = self.tx.prepare_cached(
            "INSERT INTO interaction_participants (interaction_id, contact_id) VALUES (?1, ?2)",
        )?;
        for contact in &new.participants {
            participant
                .execute(params![id, contact])
                .map_err(|e| missing_contact(e, *contact))?;
        }
        let mut item = self.tx.prepare_cached(
            "INSERT INTO items (interaction_id, counterparty_id, direction, kind, weight, state, note, settled_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for it in &new.items {
            let settled = (it.state == ItemState::Done).then_some(checked.date);
            item.execute(params![
                id,
                it.counterparty,
                it.direction,
                it.kind,
                it.weight,
                it.state,
                rules::text(&it.note),
                settled
            ])?;
        }
        Ok(id)
    }
}

pub(super) fn missing_contact(error: rusqlite::Error, contact: i64) -> Error {
    if error.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        super::contacts::no_such_contact(contact)
    } else {
        Error::Sqlite(error)
    }
}
