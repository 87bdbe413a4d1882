//! Changing and deleting what was logged: an interaction's fields, its
//! participants and items, one item, a settled promise opened again. Each
//! is one write (one entry of the history), every value through its rule.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::interactions::{NewItem, load_interactions, missing_contact};
use super::{Store, Writer, describe};
use crate::change::{Change, FieldChange, InteractionRef};
use crate::error::{Field, Refusal, Result};
use crate::model::{Channel, ContactRef, Direction, Interaction, Item, ItemKind, ItemState};
use crate::rules;

/// Changes to an interaction; `None` (or an empty list) leaves a part as
/// it is. One edit is one change in the history, however many parts it
/// touches, so the UI's form can save everything at once.
#[derive(Debug, Clone, Default)]
pub struct InteractionEdit {
    pub date: Option<NaiveDate>,
    /// `Some(None)` clears the time.
    pub time: Option<Option<String>>,
    pub channel: Option<Channel>,
    pub minutes: Option<Option<u32>>,
    pub note: Option<String>,
    pub network: Option<Option<i64>>,
    pub add_participants: Vec<i64>,
    /// Refused while one of them is the counterparty of an item that stays.
    pub remove_participants: Vec<i64>,
    /// Items to add; their counterparty must be a participant after the edit.
    pub add_items: Vec<NewItem>,
    /// Items of this interaction to change.
    pub edit_items: Vec<(i64, ItemEdit)>,
    /// Items of this interaction to delete.
    pub remove_items: Vec<i64>,
}

/// Changes to one item; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ItemEdit {
    pub kind: Option<ItemKind>,
    pub weight: Option<u8>,
    pub direction: Option<Direction>,
    pub note: Option<String>,
    /// Another participant of the item's interaction.
    pub counterparty: Option<i64>,
}

impl ItemEdit {
    pub fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.weight.is_none()
            && self.direction.is_none()
            && self.note.is_none()
            && self.counterparty.is_none()
    }
}

impl Store {
    /// The interaction an item belongs to (to name another participant).
    pub fn interaction_of_item(&self, item: i64) -> Result<Interaction> {
        let id: i64 = self
            .conn
            .prepare_cached("SELECT interaction_id FROM items WHERE id = ?1")?
            .query_row([item], |row| row.get("interaction_id"))
            .optional()?
            .ok_or(Refusal::NoSuchItem(item))?;
        self.interaction(id)
    }

    /// Applies `edit` to interaction `id` in one transaction; returns the
    /// interaction as it is now.
    pub fn edit_interaction(&mut self, id: i64, edit: &InteractionEdit) -> Result<Interaction> {
        self.write(|w| {
            let change = w.edit_interaction(id, edit)?;
            Ok(((), change))
        })?;
        self.interaction(id)
    }

    /// Deletes an interaction with its items; returns what was deleted.
    pub fn delete_interaction(&mut self, id: i64) -> Result<Interaction> {
        self.write(|w| {
            let gone = interaction_of(w, id)?;
            let change = Change::DeletedInteraction {
                interaction: InteractionRef::new(id, gone.channel, gone.date, &gone.participants),
            };
            w.tx.prepare_cached("DELETE FROM items WHERE interaction_id = ?1")?
                .execute([id])?;
            w.tx.prepare_cached("DELETE FROM interaction_participants WHERE interaction_id = ?1")?
                .execute([id])?;
            w.tx.prepare_cached("DELETE FROM interactions WHERE id = ?1")?
                .execute([id])?;
            Ok((gone, change))
        })
    }

    /// Changes one item; returns it as it is now.
    pub fn edit_item(&mut self, id: i64, edit: &ItemEdit) -> Result<Item> {
        self.write(|w| {
            let before = w.item_ref(id)?;
            let fields = w.edit_item(id, edit)?;
            let item = w.item_ref(id)?;
            let item = crate::change::ItemRef {
                open: before.open || item.open,
                ..item
            };
            Ok(((), Change::EditedItem { item, fields }))
        })?;
        self.item(id)
    }

    /// Deletes one item; returns what was deleted.
    pub fn delete_item(&mut self, id: i64) -> Result<Item> {
        let gone = self.item(id)?;
        self.write(|w| {
            let item = w.item_ref(id)?;
            w.tx.prepare_cached("DELETE FROM items WHERE id = ?1")?
                .execute([id])?;
            Ok(((), Change::DeletedItem { item }))
        })?;
        Ok(gone)
    }

    /// Opens a settled promise (or any done item) again: open, not settled.
    pub fn reopen_item(&mut self, id: i64) -> Result<Item> {
        self.write(|w| {
            let state: ItemState =
                w.tx.prepare_cached("SELECT state FROM items WHERE id = ?1")?
                    .query_row([id], |row| row.get("state"))
                    .optional()?
                    .ok_or(Refusal::NoSuchItem(id))?;
            if state == ItemState::Open {
                return Err(Refusal::ItemAlreadyOpen(id).into());
            }
            let mut item = w.item_ref(id)?;
            w.tx.prepare_cached(
                "UPDATE items SET state = 'open', settled_on = NULL WHERE id = ?1",
            )?
            .execute([id])?;
            item.open = true;
            Ok(((), Change::Reopened { item }))
        })?;
        self.item(id)
    }
}

fn interaction_of(w: &Writer<'_>, id: i64) -> Result<Interaction> {
    Ok(load_interactions(&w.tx, &[id])?
        .pop()
        .ok_or(Refusal::NoSuchInteraction(id))?)
}

fn named(participants: &[ContactRef], id: i64) -> ContactRef {
    participants
        .iter()
        .find(|p| p.id == id)
        .cloned()
        .unwrap_or(ContactRef {
            id,
            name: format!("#{id}"),
        })
}

impl Writer<'_> {
    /// Applies an `InteractionEdit`; returns its description.
    pub(crate) fn edit_interaction(&self, id: i64, edit: &InteractionEdit) -> Result<Change> {
        let before = interaction_of(self, id)?;
        let tx = &self.tx;

        // Items first: an item removed or given to someone else no longer
        // keeps its counterparty among the participants.
        for &item in &edit.remove_items {
            self.item_of(item, id)?;
            tx.prepare_cached("DELETE FROM items WHERE id = ?1")?
                .execute([item])?;
        }

        if let Some(date) = edit.date {
            let date = rules::date(Field::Date, date)?;
            tx.prepare_cached("UPDATE interactions SET date = ?2 WHERE id = ?1")?
                .execute(params![id, date])?;
            // A done item is settled the day of its interaction: it follows.
            tx.prepare_cached(
                "UPDATE items SET settled_on = ?3
                 WHERE interaction_id = ?1 AND state = 'done' AND settled_on = ?2",
            )?
            .execute(params![id, before.date, date])?;
        }
        if let Some(time) = &edit.time {
            let time = time.as_deref().map(rules::time).transpose()?;
            tx.prepare_cached("UPDATE interactions SET time = ?2 WHERE id = ?1")?
                .execute(params![id, time])?;
        }
        if let Some(channel) = edit.channel {
            tx.prepare_cached("UPDATE interactions SET channel = ?2 WHERE id = ?1")?
                .execute(params![id, channel])?;
        }
        if let Some(minutes) = edit.minutes {
            let minutes = minutes.map(rules::minutes).transpose()?;
            tx.prepare_cached("UPDATE interactions SET minutes = ?2 WHERE id = ?1")?
                .execute(params![id, minutes])?;
        }
        if let Some(note) = &edit.note {
            tx.prepare_cached("UPDATE interactions SET note = ?2 WHERE id = ?1")?
                .execute(params![id, rules::text(note)])?;
        }
        if let Some(network) = edit.network {
            if let Some(network) = network {
                super::networks::network_exists(tx, network)?;
            }
            tx.prepare_cached("UPDATE interactions SET network_id = ?2 WHERE id = ?1")?
                .execute(params![id, network])?;
        }

        let mut participants: Vec<i64> = before.participants.iter().map(|p| p.id).collect();
        for &contact in &edit.add_participants {
            if participants.contains(&contact) {
                return Err(Refusal::AlreadyAParticipant(self.contact_ref(contact)?).into());
            }
            tx.prepare_cached(
                "INSERT INTO interaction_participants (interaction_id, contact_id) VALUES (?1, ?2)",
            )?
            .execute(params![id, contact])
            .map_err(|e| missing_contact(e, contact))?;
            participants.push(contact);
        }
        for &contact in &edit.remove_participants {
            if !participants.contains(&contact) {
                return Err(Refusal::NotAParticipant {
                    contact: self.contact_ref(contact)?,
                    interaction: id,
                }
                .into());
            }
            participants.retain(|&p| p != contact);
        }
        if participants.is_empty() {
            return Err(Refusal::NoParticipants.into());
        }

        let mut item_fields = Vec::new();
        for (item, item_edit) in &edit.edit_items {
            self.item_of(*item, id)?;
            if let Some(to) = item_edit.counterparty
                && !participants.contains(&to)
            {
                return Err(Refusal::CounterpartyNotParticipant(to).into());
            }
            for field in self.edit_item(*item, item_edit)? {
                item_fields.push(FieldChange::new(
                    Field::Item,
                    format!("item #{item} {} {}", field.field, field.before),
                    field.after,
                ));
            }
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO items (interaction_id, counterparty_id, direction, kind, weight, state, note, settled_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let date = edit.date.unwrap_or(before.date);
        for item in &edit.add_items {
            rules::weight(item.weight)?;
            if !participants.contains(&item.counterparty) {
                return Err(Refusal::CounterpartyNotParticipant(item.counterparty).into());
            }
            let settled = (item.state == ItemState::Done).then_some(date);
            insert.execute(params![
                id,
                item.counterparty,
                item.direction,
                item.kind,
                item.weight,
                item.state,
                rules::text(&item.note),
                settled
            ])?;
            let added = self.item_ref(self.tx.last_insert_rowid())?;
            item_fields.push(FieldChange::new(Field::Item, "", added.to_string()));
        }

        for &contact in &edit.remove_participants {
            let items: Vec<i64> = tx
                .prepare_cached(
                    "SELECT id FROM items WHERE interaction_id = ?1 AND counterparty_id = ?2 ORDER BY id",
                )?
                .query_map(params![id, contact], |row| row.get("id"))?
                .collect::<rusqlite::Result<_>>()?;
            if !items.is_empty() {
                return Err(Refusal::ParticipantHasItems {
                    contact: named(&before.participants, contact),
                    items,
                }
                .into());
            }
            tx.prepare_cached(
                "DELETE FROM interaction_participants WHERE interaction_id = ?1 AND contact_id = ?2",
            )?
            .execute(params![id, contact])?;
        }

        let after = interaction_of(self, id)?;
        let mut fields = describe::interaction_fields(&before, &after);
        for item in before
            .items
            .iter()
            .filter(|i| edit.remove_items.contains(&i.id))
        {
            let gone = crate::change::ItemRef {
                id: item.id,
                counterparty: item.counterparty.clone(),
                direction: item.direction,
                kind: item.kind,
                weight: item.weight,
                open: item.state == ItemState::Open,
                note: item.note.clone(),
            };
            fields.push(FieldChange::new(Field::Item, gone.to_string(), ""));
        }
        fields.extend(item_fields);
        Ok(Change::EditedInteraction {
            interaction: InteractionRef::new(id, after.channel, after.date, &after.participants),
            fields,
        })
    }

    /// Checks that `item` belongs to interaction `interaction`.
    fn item_of(&self, item: i64, interaction: i64) -> Result<()> {
        let of: i64 = self
            .tx
            .prepare_cached("SELECT interaction_id FROM items WHERE id = ?1")?
            .query_row([item], |row| row.get("interaction_id"))
            .optional()?
            .ok_or(Refusal::NoSuchItem(item))?;
        if of != interaction {
            return Err(Refusal::ItemOfAnotherInteraction { item, interaction }.into());
        }
        Ok(())
    }

    /// Applies an `ItemEdit`; returns the fields it changed.
    pub(crate) fn edit_item(&self, id: i64, edit: &ItemEdit) -> Result<Vec<FieldChange>> {
        let tx = &self.tx;
        let (before, interaction) = {
            let item = super::rows::ITEM_COLUMNS;
            tx.prepare_cached(&format!(
                "SELECT {item}, it.interaction_id FROM items it JOIN contacts c ON c.id = it.counterparty_id
                 WHERE it.id = ?1"
            ))?
            .query_row([id], |row| {
                Ok((super::rows::item(row)?, row.get::<_, i64>("interaction_id")?))
            })
            .optional()?
            .ok_or(Refusal::NoSuchItem(id))?
        };
        if let Some(kind) = edit.kind {
            tx.prepare_cached("UPDATE items SET kind = ?2 WHERE id = ?1")?
                .execute(params![id, kind])?;
        }
        if let Some(weight) = edit.weight {
            tx.prepare_cached("UPDATE items SET weight = ?2 WHERE id = ?1")?
                .execute(params![id, rules::weight(weight)?])?;
        }
        if let Some(direction) = edit.direction {
            tx.prepare_cached("UPDATE items SET direction = ?2 WHERE id = ?1")?
                .execute(params![id, direction])?;
        }
        if let Some(note) = &edit.note {
            tx.prepare_cached("UPDATE items SET note = ?2 WHERE id = ?1")?
                .execute(params![id, rules::text(note)])?;
        }
        if let Some(to) = edit.counterparty {
            let participant: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM interaction_participants
                                    WHERE interaction_id = ?1 AND contact_id = ?2) AS found",
                )?
                .query_row(params![interaction, to], |row| row.get("found"))?;
            if !participant {
                return Err(Refusal::CounterpartyNotParticipant(to).into());
            }
            tx.prepare_cached("UPDATE items SET counterparty_id = ?2 WHERE id = ?1")?
                .execute(params![id, to])?;
        }
        let after = tx
            .prepare_cached(&format!(
                "SELECT {} FROM items it JOIN contacts c ON c.id = it.counterparty_id WHERE it.id = ?1",
                super::rows::ITEM_COLUMNS
            ))?
            .query_row([id], super::rows::item)?;
        Ok(describe::item_fields(&before, &after))
    }
}
