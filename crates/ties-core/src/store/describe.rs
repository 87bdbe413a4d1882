//! What a write reads to describe itself in the history: the names of the
//! records it touched, and the fields an edit changed.

use rusqlite::{OptionalExtension, params};

use super::{Writer, interactions, rows};
use crate::change::{FieldChange, InteractionRef, ItemRef};
use crate::error::{Field, Refusal, Result};
use crate::model::{Contact, ContactRef, Interaction, Item, ItemState, Network, NetworkRef};

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
    out.extend(FieldChange::of(
        Field::Name,
        &before.name,
        &after.name,
        |n| n.clone(),
    ));
    out.extend(FieldChange::of(
        Field::Circle,
        &before.circle,
        &after.circle,
        |c| word(c.map(|c| c.to_string())),
    ));
    out.extend(FieldChange::of(
        Field::Cadence,
        &before.cadence_days,
        &after.cadence_days,
        |d| word(d.map(|d| format!("{d} d"))),
    ));
    out.extend(FieldChange::of(
        Field::SnoozedUntil,
        &before.snoozed_until,
        &after.snoozed_until,
        |d| word(d.map(|d| d.to_string())),
    ));
    out.extend(FieldChange::of(
        Field::Reminders,
        &before.reminders,
        &after.reminders,
        |on| if *on { "on" } else { "off" }.to_string(),
    ));
    out.extend(FieldChange::of(
        Field::Note,
        &before.note,
        &after.note,
        |n| n.clone(),
    ));
    out.extend(FieldChange::of(
        Field::MetHow,
        &before.met_how,
        &after.met_how,
        |n| n.clone(),
    ));
    out.extend(FieldChange::of(
        Field::MetThrough,
        &before.met_through,
        &after.met_through,
        |c| word(c.as_ref().map(|c| c.name.clone())),
    ));
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
    out.extend(FieldChange::of(
        Field::Birthday,
        &before.birthday,
        &after.birthday,
        |b| word(b.clone()),
    ));
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
    out.extend(FieldChange::of(
        Field::NetworkName,
        &before.name,
        &after.name,
        |n| n.clone(),
    ));
    out.extend(FieldChange::of(
        Field::Goal,
        &before.goal,
        &after.goal,
        |g| g.clone(),
    ));
    out.extend(FieldChange::of(
        Field::Role,
        &before.role,
        &after.role,
        |r| r.to_string(),
    ));
    out.extend(FieldChange::of(
        Field::Intent,
        &before.intent,
        &after.intent,
        |i| i.to_string(),
    ));
    out.extend(FieldChange::of(
        Field::HoursPerMonth,
        &before.hours_per_month,
        &after.hours_per_month,
        |h| h.map(|h| h.to_string()).unwrap_or_default(),
    ));
    out.extend(FieldChange::of(
        Field::ReviewOn,
        &before.review_on,
        &after.review_on,
        |d| d.map(|d| d.to_string()).unwrap_or_default(),
    ));
    out.extend(FieldChange::of(
        Field::Note,
        &before.note,
        &after.note,
        |n| n.clone(),
    ));
    out
}

/// The fields of an item an edit changed.
pub(super) fn item_fields(before: &Item, after: &Item) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    fields.extend(FieldChange::of(
        Field::ItemKind,
        &before.kind,
        &after.kind,
        |k| k.to_string(),
    ));
    fields.extend(FieldChange::of(
        Field::Weight,
        &before.weight,
        &after.weight,
        |w| w.to_string(),
    ));
    fields.extend(FieldChange::of(
        Field::Direction,
        &before.direction,
        &after.direction,
        |d| d.to_string(),
    ));
    fields.extend(FieldChange::of(
        Field::Note,
        &before.note,
        &after.note,
        |n| n.clone(),
    ));
    fields.extend(FieldChange::of(
        Field::Counterparty,
        &before.counterparty,
        &after.counterparty,
        |c| c.name.clone(),
    ));
    fields
}

/// The fields of an interaction an edit changed (its own and its
/// participants; items are described by the edit).
pub(super) fn interaction_fields(before: &Interaction, after: &Interaction) -> Vec<FieldChange> {
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let mut out = Vec::new();
    out.extend(FieldChange::of(
        Field::Date,
        &before.date,
        &after.date,
        |d| d.to_string(),
    ));
    out.extend(FieldChange::of(
        Field::Time,
        &before.time,
        &after.time,
        text,
    ));
    out.extend(FieldChange::of(
        Field::Channel,
        &before.channel,
        &after.channel,
        |c| c.to_string(),
    ));
    out.extend(FieldChange::of(
        Field::Minutes,
        &before.minutes,
        &after.minutes,
        |m| m.map(|m| m.to_string()).unwrap_or_default(),
    ));
    out.extend(FieldChange::of(
        Field::Note,
        &before.note,
        &after.note,
        |n| n.clone(),
    ));
    out.extend(FieldChange::of(
        Field::Network,
        &before.network,
        &after.network,
        |n| n.as_ref().map(|n| n.name.clone()).unwrap_or_default(),
    ));
    let names =
        |list: &[ContactRef]| -> Vec<String> { list.iter().map(|c| c.name.clone()).collect() };
    out.extend(FieldChange::of_list(
        Field::Participant,
        &names(&before.participants),
        &names(&after.participants),
    ));
    out
}
