//! Interactions and their give/take items: logging, settling, reading back.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::error::{Error, Result};
use crate::input::MAX_MINUTES;
use crate::model::{
    Channel, ContactRef, Direction, Interaction, Item, ItemKind, ItemState, NetworkRef,
    WEIGHT_RANGE,
};
use crate::text::clean;

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
        let now = self.clock.timestamp();
        self.write(|tx| insert_interaction(tx, new, &now))
    }

    /// Marks an open item (a promise) as kept, today.
    pub fn settle_item(&mut self, item_id: i64) -> Result<Item> {
        let today = self.clock.today;
        self.write(|tx| {
            let state: ItemState = tx
                .query_row("SELECT state FROM items WHERE id = ?1", [item_id], |row| {
                    row.get(0)
                })
                .optional()?
                .ok_or_else(|| {
                    Error::rejected(format!(
                        "there is no item #{item_id}: `ties show CONTACT` lists item ids"
                    ))
                })?;
            if state == ItemState::Done {
                return Err(Error::rejected(format!("item #{item_id} is already done")));
            }
            tx.execute(
                "UPDATE items SET state = 'done', settled_on = ?2 WHERE id = ?1",
                params![item_id, today],
            )?;
            Ok(())
        })?;
        self.item(item_id)
    }

    pub fn item(&self, item_id: i64) -> Result<Item> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{ITEM_SELECT} WHERE it.id = ?1"))?;
        stmt.query_row([item_id], item_from_row)
            .optional()?
            .ok_or_else(|| Error::rejected(format!("there is no item #{item_id}")))
    }

    pub fn interaction(&self, id: i64) -> Result<Interaction> {
        self.load_interactions(&[id])?
            .pop()
            .ok_or_else(|| Error::rejected(format!("there is no interaction #{id}")))
    }

    /// A contact's interactions, newest first.
    pub fn interactions_of_contact(
        &self,
        contact: i64,
        limit: Option<usize>,
    ) -> Result<Vec<Interaction>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.contact_id = ?1 ORDER BY i.date DESC, coalesce(i.time, '') DESC, i.id DESC LIMIT ?2",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let ids = stmt
            .query_map(params![contact, limit], |row| row.get(0))?
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
            .query_map(params![network, limit], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        self.load_interactions(&ids)
    }

    /// Interactions by id, in the order given, with participants and items.
    pub fn load_interactions(&self, ids: &[i64]) -> Result<Vec<Interaction>> {
        let mut head = self.conn.prepare_cached(
            "SELECT i.id, i.date, i.time, i.channel, i.minutes, i.network_id, n.name, i.note
             FROM interactions i LEFT JOIN networks n ON n.id = i.network_id WHERE i.id = ?1",
        )?;
        let mut people = self.conn.prepare_cached(
            "SELECT c.id, c.name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id
             WHERE p.interaction_id = ?1 ORDER BY c.name_key",
        )?;
        let mut items = self.conn.prepare_cached(&format!(
            "{ITEM_SELECT} WHERE it.interaction_id = ?1 ORDER BY it.id"
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let Some(mut interaction) = head
                .query_row([id], |row| {
                    let network_id: Option<i64> = row.get(5)?;
                    let network_name: Option<String> = row.get(6)?;
                    Ok(Interaction {
                        id: row.get(0)?,
                        date: row.get(1)?,
                        time: row.get(2)?,
                        channel: row.get(3)?,
                        minutes: row.get(4)?,
                        network: network_id
                            .zip(network_name)
                            .map(|(id, name)| NetworkRef { id, name }),
                        note: row.get(7)?,
                        participants: Vec::new(),
                        items: Vec::new(),
                    })
                })
                .optional()?
            else {
                continue;
            };
            interaction.participants = people
                .query_map([id], |row| {
                    Ok(ContactRef {
                        id: row.get(0)?,
                        name: row.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            interaction.items = items
                .query_map([id], item_from_row)?
                .collect::<rusqlite::Result<_>>()?;
            out.push(interaction);
        }
        Ok(out)
    }
}

const ITEM_SELECT: &str =
    "SELECT it.id, it.counterparty_id, c.name, it.direction, it.kind, it.weight, it.state,
        it.note, it.settled_on
 FROM items it JOIN contacts c ON c.id = it.counterparty_id";

fn item_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: row.get(0)?,
        counterparty: ContactRef {
            id: row.get(1)?,
            name: row.get(2)?,
        },
        direction: row.get(3)?,
        kind: row.get(4)?,
        weight: row.get(5)?,
        state: row.get(6)?,
        note: row.get(7)?,
        settled_on: row.get(8)?,
    })
}

pub(crate) fn insert_interaction(
    tx: &Transaction<'_>,
    new: &NewInteraction,
    now: &str,
) -> Result<i64> {
    validate(new)?;
    tx.prepare_cached(
        "INSERT INTO interactions (date, time, channel, minutes, network_id, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        new.date,
        new.time,
        new.channel,
        new.minutes,
        new.network,
        clean(&new.note),
        now
    ])?;
    let id = tx.last_insert_rowid();
    let mut participant = tx.prepare_cached(
        "INSERT INTO interaction_participants (interaction_id, contact_id) VALUES (?1, ?2)",
    )?;
    for contact in &new.participants {
        participant
            .execute(params![id, contact])
            .map_err(|e| missing_contact(e, *contact))?;
    }
    let mut item = tx.prepare_cached(
        "INSERT INTO items (interaction_id, counterparty_id, direction, kind, weight, state, note, settled_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for it in &new.items {
        let settled = (it.state == ItemState::Done).then_some(new.date);
        item.execute(params![
            id,
            it.counterparty,
            it.direction,
            it.kind,
            it.weight,
            it.state,
            clean(&it.note),
            settled
        ])?;
    }
    Ok(id)
}

fn validate(new: &NewInteraction) -> Result<()> {
    if new.participants.is_empty() {
        return Err(Error::rejected(
            "an interaction needs at least one participant: name who you met, e.g. `ties log anna`",
        ));
    }
    let mut seen = new.participants.clone();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != new.participants.len() {
        return Err(Error::rejected(
            "a participant is named twice: name each person once",
        ));
    }
    if let Some(minutes) = new.minutes
        && minutes > MAX_MINUTES
    {
        return Err(Error::invalid(
            "minutes",
            minutes.to_string(),
            format!("0 to {MAX_MINUTES} (one week)"),
        ));
    }
    if let Some(time) = &new.time
        && chrono::NaiveTime::parse_from_str(time, "%H:%M").is_err()
    {
        return Err(Error::invalid("time", time.as_str(), "HH:MM, like 14:30"));
    }
    for item in &new.items {
        if !WEIGHT_RANGE.contains(&item.weight) {
            return Err(Error::invalid(
                "weight",
                item.weight.to_string(),
                "a whole number from 1 to 5",
            ));
        }
        if !new.participants.contains(&item.counterparty) {
            return Err(Error::rejected(format!(
                "an item's counterparty (contact #{}) is not a participant: add them to the interaction",
                item.counterparty
            )));
        }
    }
    Ok(())
}

fn missing_contact(error: rusqlite::Error, contact: i64) -> Error {
    if error.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
        super::contacts::no_such_contact(contact)
    } else {
        Error::Sqlite(error)
    }
}
