//! What a write reads to describe itself in the history: the names of the
//! records it touched, and the fields an edit changed.

use rusqlite::{OptionalExtension, params};

use super::{Writer, interactions, rows};
use crate::change::{FieldChange, InteractionRef, ItemRef};
use crate::error::{Field, Refusal, Result};
use crate::model::{Contact, ContactRef, Interaction, Item, ItemState, Network, NetworkRef};

/// One `FieldChange::of` for each field named, comparing `before.field`
/// with `after.field` and showing each side with the closure given.
macro_rules! changed {
    ($out:ident, $before:ident, $after:ident; $($field:expr, $name:ident, $show:expr;)+) => {
        $($out.extend(FieldChange::of($field, &$before.$name, &$after.$name, $show));)+
    };
}

impl Writer<'_> {
    pub(crate) fn contact_ref(&self, id: i64) -> Result<ContactRef> {
        Ok(ContactRef {
            id,
            name: self.contact_name(id)?,
        })
    }

    pub(crate) fn network_ref(&self, id: i64) -> Result<NetworkRef> {
        let name: String = self
            .tx
            .prepare_cached("SELECT name FROM networks WHERE id = ?1")?
            .query_row([id], |row| row.get("name"))
            .optional()?
            .ok_or(Refusal::NoSuchNetwork(id))?;
        Ok(NetworkRef { id, name })
    }

    pub(crate) fn interaction_ref(&self, id: i64) -> Result<InteractionRef> {
        let interaction = interactions::load_interactions(&self.tx, &[id])?
            .pop()
            .ok_or(Refusal::NoSuchInteraction(id))?;
        Ok(InteractionRef::new(
            id,
            interaction.channel,
            interaction.date,
            &interaction.participants,
        ))
    }

    pub(crate) fn item_ref(&self, id: i64) -> Result<ItemRef> {
        let item = self
            .tx
            .prepare_cached(&format!(
                "SELECT {} FROM items it JOIN contacts c ON c.id = it.counterparty_id WHERE it.id = ?1",
                rows::ITEM_COLUMNS
            ))?
            .query_row([id], rows::item)
            .optional()?
            .ok_or(Refusal::NoSuchItem(id))?;
        // A settled promise is told from a done item by its settling day:
        // a done item is settled the day of its interaction.
        let date: chrono::NaiveDate = self
            .tx
            .prepare_cached(
                "SELECT i.date FROM items it JOIN interactions i ON i.id = it.interaction_id WHERE it.id = ?1",
            )?
            .query_row(params![id], |row| row.get("date"))?;
        Ok(ItemRef {
            id,
            counterparty: item.counterparty,
            direction: item.direction,
            kind: item.kind,
            weight: item.weight,
            open: item.state == ItemState::Open || item.settled_on.is_some_and(|d| d != date),
            note: item.note,
        })
    }

    /// The names of a person's organisations (or an organisation's people).
    pub(crate) fn affiliation_names(&self, id: i64) -> Result<Vec<String>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT c.name FROM affiliations a
                 JOIN contacts c ON c.id = CASE WHEN a.person_id = ?1 THEN a.org_id ELSE a.person_id END
                 WHERE a.person_id = ?1 OR a.org_id = ?1 ORDER BY c.name_key",
            )?
            .query_map([id], |row| row.get("name"))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// The fields an edit of a contact changed, from the contact before and
/// after (and its organisations' names).
pub(super) fn contact_fields(
    before: &Contact,
    after: &Contact,
    orgs_before: &[String],
    orgs_after: &[String],
) -> Vec<FieldChange> {
    let word = |w: Option<String>| w.unwrap_or_default();
    let values = |list: &[crate::model::Labelled]| -> Vec<String> {
        list.iter().map(|l| l.value.clone()).collect()
    };
    let mut out = Vec::new();
    changed!(out, before, after;
        Field::Name, name, |n| n.clone();
        Field::Circle, circle, |c| word(c.map(|c| c.to_string()));
        Field::Cadence, cadence_days, |d| word(d.map(|d| format!("{d} d")));
        Field::SnoozedUntil, snoozed_until, |d| word(d.map(|d| d.to_string()));
        Field::Reminders, reminders, |on| if *on { "on" } else { "off" }.to_string();
        Field::Note, note, |n| n.clone();
        Field::MetHow, met_how, |n| n.clone();
        Field::MetThrough, met_through, |c| word(c.as_ref().map(|c| c.name.clone()));
    );
    out.extend(FieldChange::of_list(
        Field::Email,
        &values(&before.emails),
        &values(&after.emails),
    ));
    out.extend(FieldChange::of_list(
        Field::Phone,
        &values(&before.phones),
        &values(&after.phones),
    ));
    out.extend(FieldChange::of_list(Field::Tag, &before.tags, &after.tags));
    out.extend(FieldChange::of_list(
        Field::Expertise,
        &before.expertise,
        &after.expertise,
    ));
    out.extend(FieldChange::of_list(
        Field::Organisation,
        orgs_before,
        orgs_after,
    ));
    changed!(out, before, after;
        Field::Birthday, birthday, |b| word(b.clone());
    );
    let dates = |list: &[crate::model::ContactDate]| -> Vec<String> {
        list.iter()
            .map(|d| {
                let once = if d.yearly { "" } else { " once" };
                format!("{}={}{once}", d.label, d.date)
            })
            .collect()
    };
    out.extend(FieldChange::of_list(
        Field::ContactDate,
        &dates(&before.dates),
        &dates(&after.dates),
    ));
    out
}

/// The fields an edit of a network changed.
pub(super) fn network_fields(before: &Network, after: &Network) -> Vec<FieldChange> {
    let mut out = Vec::new();
    changed!(out, before, after;
        Field::NetworkName, name, |n| n.clone();
        Field::Goal, goal, |g| g.clone();
        Field::Role, role, |r| r.to_string();
        Field::Intent, intent, |i| i.to_string();
        Field::HoursPerMonth, hours_per_month, |h| h.map(|h| h.to_string()).unwrap_or_default();
        Field::ReviewOn, review_on, |d| d.map(|d| d.to_string()).unwrap_or_default();
        Field::Note, note, |n| n.clone();
    );
    out
}

/// The fields of an item an edit changed.
pub(super) fn item_fields(before: &Item, after: &Item) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    changed!(fields, before, after;
        Field::ItemKind, kind, |k| k.to_string();
        Field::Weight, weight, |w| w.to_string();
        Field::Direction, direction, |d| d.to_string();
        Field::Note, note, |n| n.clone();
        Field::Counterparty, counterparty, |c| c.name.clone();
    );
    fields
}

/// The fields of an interaction an edit changed (its own and its
/// participants; items are described by the edit).
pub(super) fn interaction_fields(before: &Interaction, after: &Interaction) -> Vec<FieldChange> {
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let mut out = Vec::new();
    changed!(out, before, after;
        Field::Date, date, |d| d.to_string();
        Field::Time, time, text;
        Field::Channel, channel, |c| c.to_string();
        Field::Minutes, minutes, |m| m.map(|m| m.to_string()).unwrap_or_default();
        Field::Note, note, |n| n.clone();
        Field::Network, network, |n| n.as_ref().map(|n| n.name.clone()).unwrap_or_default();
    );
    let names =
        |list: &[ContactRef]| -> Vec<String> { list.iter().map(|c| c.name.clone()).collect() };
    out.extend(FieldChange::of_list(
        Field::Participant,
        &names(&before.participants),
        &names(&after.participants),
    ));
    out
}
