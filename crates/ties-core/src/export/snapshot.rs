//! Everything the user wrote, read in one pass: the body of the JSON export
//! and what the vCard and CSV exports are drawn from.
//!
//! Derived data (`contact_stats`, the decay basis) is left out: the store's
//! triggers rebuild it when a snapshot is imported.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{
    Address, Channel, Circle, Direction, Intent, ItemKind, ItemState, Kind, Labelled, Role,
};

/// What the `format` field of a ties JSON export says.
pub const FORMAT: &str = "ties";
/// The version of the JSON layout; a reader refuses newer ones.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub contacts: Vec<ContactRow>,
    pub affiliations: Vec<AffiliationRow>,
    pub networks: Vec<NetworkRow>,
    pub memberships: Vec<MembershipRow>,
    pub interactions: Vec<InteractionRow>,
    pub reviews: Vec<ReviewRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactRow {
    pub id: i64,
    #[serde(default)]
    pub uid: String,
    pub kind: Kind,
    pub name: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub circle: Option<Circle>,
    #[serde(default)]
    pub birthday: Option<String>,
    #[serde(default)]
    pub met_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub met_how: String,
    #[serde(default)]
    pub met_through: Option<i64>,
    #[serde(default)]
    pub cadence_days: Option<u32>,
    #[serde(default)]
    pub snoozed_until: Option<NaiveDate>,
    #[serde(default)]
    pub archived: bool,
    /// False once the tie was let go (no reconnect suggestions); files
    /// written before the field existed mean true.
    #[serde(default = "reminders_on")]
    pub reminders: bool,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub emails: Vec<Labelled>,
    #[serde(default)]
    pub phones: Vec<Labelled>,
    #[serde(default)]
    pub urls: Vec<Labelled>,
    #[serde(default)]
    pub addresses: Vec<Address>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub expertise: Vec<String>,
    #[serde(default)]
    pub related: Vec<RelationRow>,
    /// vCard properties ties has no field for, one unfolded line each.
    #[serde(default)]
    pub vcard_extras: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationRow {
    pub contact: i64,
    #[serde(default)]
    pub relation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffiliationRow {
    pub person: i64,
    pub org: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkRow {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub goal: String,
    pub role: Role,
    pub intent: Intent,
    #[serde(default)]
    pub hours_per_month: Option<f64>,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipRow {
    pub network: i64,
    pub contact: i64,
    pub joined_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InteractionRow {
    pub id: i64,
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<String>,
    pub channel: Channel,
    #[serde(default)]
    pub minutes: Option<u32>,
    #[serde(default)]
    pub network: Option<i64>,
    #[serde(default)]
    pub note: String,
    pub created_at: String,
    pub participants: Vec<i64>,
    #[serde(default)]
    pub items: Vec<ItemRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRow {
    pub id: i64,
    pub counterparty: i64,
    pub direction: Direction,
    pub kind: ItemKind,
    pub weight: u8,
    pub state: ItemState,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub settled_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub id: i64,
    pub week_start: NaiveDate,
    pub done_at: String,
    #[serde(default)]
    pub note: String,
}

/// Reads the whole database (one query per table, whatever its size).
pub fn read(conn: &Connection, exported_at: String) -> Result<Snapshot> {
    let mut contacts = rows(
        conn,
        "SELECT id, uid, kind, name, nickname, circle, birthday, met_on, note, met_how,
                met_through, cadence_days, snoozed_until, archived, created_at, updated_at, reminders
         FROM contacts ORDER BY id",
        |row| {
            Ok(ContactRow {
                id: row.get(0)?,
                uid: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                kind: row.get(2)?,
                name: row.get(3)?,
                nickname: row.get(4)?,
                circle: row.get(5)?,
                birthday: row.get(6)?,
                met_on: row.get(7)?,
                note: row.get(8)?,
                met_how: row.get(9)?,
                met_through: row.get(10)?,
                cadence_days: row.get(11)?,
                snoozed_until: row.get(12)?,
                archived: row.get(13)?,
                created_at: row.get(14)?,
                updated_at: row.get(15)?,
                reminders: row.get(16)?,
                emails: Vec::new(),
                phones: Vec::new(),
                urls: Vec::new(),
                addresses: Vec::new(),
                tags: Vec::new(),
                expertise: Vec::new(),
                related: Vec::new(),
                vcard_extras: Vec::new(),
            })
        },
    )?;
    let mut emails = grouped(conn, "contact_emails", labelled)?;
    let mut phones = grouped(conn, "contact_phones", labelled)?;
    let mut urls = grouped(conn, "contact_urls", labelled)?;
    let mut addresses = grouped_by(
        conn,
        "SELECT contact_id, label, po_box, extended, street, locality, region, postal_code, country
         FROM contact_addresses ORDER BY contact_id, position",
        |row| {
            Ok(Address {
                label: row.get(1)?,
                po_box: row.get(2)?,
                extended: row.get(3)?,
                street: row.get(4)?,
                locality: row.get(5)?,
                region: row.get(6)?,
                postal_code: row.get(7)?,
                country: row.get(8)?,
            })
        },
    )?;
    let mut tags = grouped_by(
        conn,
        "SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, tag",
        |row| row.get(1),
    )?;
    let mut expertise = grouped_by(
        conn,
        "SELECT contact_id, topic FROM contact_expertise ORDER BY contact_id, topic",
        |row| row.get(1),
    )?;
    let mut related = grouped_by(
        conn,
        "SELECT contact_id, related_id, relation FROM contact_relations
         ORDER BY contact_id, related_id, relation",
        |row| {
            Ok(RelationRow {
                contact: row.get(1)?,
                relation: row.get(2)?,
            })
        },
    )?;
    let mut extras = grouped_by(
        conn,
        "SELECT contact_id, line FROM contact_vcard_extras ORDER BY contact_id, position",
        |row| row.get(1),
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
    }

    let affiliations = rows(
        conn,
        "SELECT person_id, org_id, title, unit FROM affiliations ORDER BY person_id, org_id",
        |row| {
            Ok(AffiliationRow {
                person: row.get(0)?,
                org: row.get(1)?,
                title: row.get(2)?,
                unit: row.get(3)?,
            })
        },
    )?;
    let networks = rows(
        conn,
        "SELECT id, name, goal, role, intent, hours_per_month, review_on, note, created_at, updated_at
         FROM networks ORDER BY id",
        |row| {
            Ok(NetworkRow {
                id: row.get(0)?,
                name: row.get(1)?,
                goal: row.get(2)?,
                role: row.get(3)?,
                intent: row.get(4)?,
                hours_per_month: row.get(5)?,
                review_on: row.get(6)?,
                note: row.get(7)?,
                created_at: row.get(8)?,
                updated_at: row.get(9)?,
            })
        },
    )?;
    let memberships = rows(
        conn,
        "SELECT network_id, contact_id, joined_on FROM network_members ORDER BY network_id, contact_id",
        |row| {
            Ok(MembershipRow {
                network: row.get(0)?,
                contact: row.get(1)?,
                joined_on: row.get(2)?,
            })
        },
    )?;
    let mut participants = grouped_by(
        conn,
        "SELECT interaction_id, contact_id FROM interaction_participants
         ORDER BY interaction_id, contact_id",
        |row| row.get(1),
    )?;
    let mut items = grouped_by(
        conn,
        "SELECT interaction_id, id, counterparty_id, direction, kind, weight, state, note, settled_on
         FROM items ORDER BY interaction_id, id",
        |row| {
            Ok(ItemRow {
                id: row.get(1)?,
                counterparty: row.get(2)?,
                direction: row.get(3)?,
                kind: row.get(4)?,
                weight: row.get(5)?,
                state: row.get(6)?,
                note: row.get(7)?,
                settled_on: row.get(8)?,
            })
        },
    )?;
    let mut interactions = rows(
        conn,
        "SELECT id, date, time, channel, minutes, network_id, note, created_at
         FROM interactions ORDER BY id",
        |row| {
            Ok(InteractionRow {
                id: row.get(0)?,
                date: row.get(1)?,
                time: row.get(2)?,
                channel: row.get(3)?,
                minutes: row.get(4)?,
                network: row.get(5)?,
                note: row.get(6)?,
                created_at: row.get(7)?,
                participants: Vec::new(),
                items: Vec::new(),
            })
        },
    )?;
    for i in &mut interactions {
        i.participants = participants.remove(&i.id).unwrap_or_default();
        i.items = items.remove(&i.id).unwrap_or_default();
    }
    let reviews = rows(
        conn,
        "SELECT id, week_start, done_at, note FROM reviews ORDER BY id",
        |row| {
            Ok(ReviewRow {
                id: row.get(0)?,
                week_start: row.get(1)?,
                done_at: row.get(2)?,
                note: row.get(3)?,
            })
        },
    )?;
    Ok(Snapshot {
        format: FORMAT.to_string(),
        version: VERSION,
        exported_at,
        contacts,
        affiliations,
        networks,
        memberships,
        interactions,
        reviews,
    })
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], map)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Rows grouped by their first column (an id), order kept within a group.
fn grouped_by<T>(
    conn: &Connection,
    sql: &str,
    mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    while let Some(row) = rows.next()? {
        out.entry(row.get(0)?).or_default().push(map(row)?);
    }
    Ok(out)
}

/// Emails, phones or urls by contact. `table` is one of three fixed names.
fn grouped(
    conn: &Connection,
    table: &str,
    map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<Labelled>,
) -> Result<HashMap<i64, Vec<Labelled>>> {
    grouped_by(
        conn,
        &format!("SELECT contact_id, value, label FROM {table} ORDER BY contact_id, position"),
        map,
    )
}

fn labelled(row: &rusqlite::Row<'_>) -> rusqlite::Result<Labelled> {
    Ok(Labelled {
        value: row.get(1)?,
        label: row.get(2)?,
    })
}

fn reminders_on() -> bool {
    true
}
