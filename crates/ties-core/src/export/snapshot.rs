//! Everything the user wrote, as one value: the body of the JSON export and
//! what the vCard and CSV exports are drawn from (`Store::snapshot` reads
//! it). Each row is a table's row as the file holds it, with ids: not the
//! shapes the store hands to the faces (`Contact` names the contact it was
//! met through, a `ContactRow` gives its id), because the file must say
//! exactly what the database holds, and stay readable across versions.
//!
//! Derived data (`contact_stats`, the decay basis) is left out: the store's
//! triggers rebuild it when a snapshot is imported.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{
    Address, Channel, Circle, ContactDate, Direction, Intent, ItemKind, ItemState, Kind, Labelled,
    Role,
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
    /// Labelled dates; files written before they existed have none. A ties
    /// that predates them reads the file and leaves them out.
    #[serde(default)]
    pub dates: Vec<ContactDate>,
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
    /// UIDs of contacts merged into this one (its own is `uid`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_uids: Vec<String>,
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

fn reminders_on() -> bool {
    true
}
