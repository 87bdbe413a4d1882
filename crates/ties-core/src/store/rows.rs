//! Reading rows: one mapper per shape, each reading its columns by name,
//! with the column list it expects written beside it. A query that selects
//! a shape selects these columns (under these names), so a column moved in
//! a SELECT can never land in the wrong field.

use rusqlite::Row;

use crate::export::snapshot::{
    AffiliationRow, ContactRow, InteractionRow, ItemRow, MembershipRow, NetworkRow, RelationRow,
    ReviewRow,
};
use crate::model::{
    Address, Affiliation, Contact, ContactRef, ContactSummary, Interaction, Item, Labelled,
    Network, NetworkRef, Relation,
};
use crate::resolve::Candidate;
use crate::review::PromiseEntry;
use crate::text::fold_keeping_symbols;

use super::review::ContactFacts;
use super::reviews::ReviewRecord;

type Mapped<T> = rusqlite::Result<T>;

/// `id`, `name`.
pub fn contact_ref(row: &Row<'_>) -> Mapped<ContactRef> {
    Ok(ContactRef {
        id: row.get("id")?,
        name: row.get("name")?,
    })
}

/// `id`, `name`.
/// An open promise from `open_items o` with its item's note and its
/// contact (`item_id`, `id`, `name`, `direction`, `note`, `since`), aged to
/// `today`.
pub fn promise_entry(row: &Row<'_>, today: chrono::NaiveDate) -> Mapped<PromiseEntry> {
    let since: chrono::NaiveDate = row.get("since")?;
    Ok(PromiseEntry {
        item_id: row.get("item_id")?,
        contact: contact_ref(row)?,
        direction: row.get("direction")?,
        text: row.get("note")?,
        since,
        age_days: (today - since).num_days(),
    })
}

pub fn network_ref(row: &Row<'_>) -> Mapped<NetworkRef> {
    Ok(NetworkRef {
        id: row.get("id")?,
        name: row.get("name")?,
    })
}

/// `id`, `name`, `archived` (networks select `0 AS archived`).
pub fn candidate(row: &Row<'_>) -> Mapped<Candidate> {
    let name: String = row.get("name")?;
    Ok(Candidate {
        id: row.get("id")?,
        key: fold_keeping_symbols(&name),
        name,
        archived: row.get("archived")?,
    })
}

/// The columns of `contact`, from `contacts c` and the contact it was met
/// through, `contacts m`.
pub const CONTACT_COLUMNS: &str = "c.id, c.kind, c.name, c.circle, c.note, c.met_how,
    c.met_through, m.name AS met_through_name, c.cadence_days, c.snoozed_until, c.archived,
    c.created_at, c.updated_at, c.uid, c.nickname, c.birthday, c.met_on, c.reminders";

/// A contact without its lists (emails, phones, tags, …), which come from
/// their own tables.
pub fn contact(row: &Row<'_>) -> Mapped<Contact> {
    let through: Option<i64> = row.get("met_through")?;
    let through_name: Option<String> = row.get("met_through_name")?;
    Ok(Contact {
        id: row.get("id")?,
        kind: row.get("kind")?,
        name: row.get("name")?,
        circle: row.get("circle")?,
        emails: Vec::new(),
        phones: Vec::new(),
        tags: Vec::new(),
        expertise: Vec::new(),
        note: row.get("note")?,
        met_how: row.get("met_how")?,
        met_through: through
            .zip(through_name)
            .map(|(id, name)| ContactRef { id, name }),
        cadence_days: row.get("cadence_days")?,
        snoozed_until: row.get("snoozed_until")?,
        archived: row.get("archived")?,
        reminders: row.get("reminders")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        uid: row.get::<_, Option<String>>("uid")?.unwrap_or_default(),
        nickname: row.get("nickname")?,
        birthday: row.get("birthday")?,
        dates: Vec::new(),
        met_on: row.get("met_on")?,
        urls: Vec::new(),
        addresses: Vec::new(),
        related: Vec::new(),
    })
}

/// The columns of `contact_summary`, from `contacts c` and `contact_stats s`.
pub const SUMMARY_COLUMNS: &str = "c.id, c.name, c.kind, c.circle, c.cadence_days,
    c.snoozed_until, c.archived, s.last_interaction, s.interaction_count";

/// A listed contact without its lists.
pub fn contact_summary(row: &Row<'_>) -> Mapped<ContactSummary> {
    SummaryColumns::of(row.as_ref())?.read(row)
}

/// Where a statement holds `contact_summary`'s columns, found by name once:
/// a walk over every contact then reads each field where it is, instead of
/// comparing column names for every field of every row (a tenth of
/// `list --format json`).
pub struct SummaryColumns([usize; 9]);

impl SummaryColumns {
    const NAMES: [&'static str; 9] = [
        "id",
        "name",
        "kind",
        "circle",
        "cadence_days",
        "snoozed_until",
        "archived",
        "last_interaction",
        "interaction_count",
    ];

    pub fn of(statement: &rusqlite::Statement<'_>) -> Mapped<Self> {
        let mut at = [0; 9];
        for (slot, name) in at.iter_mut().zip(Self::NAMES) {
            *slot = statement.column_index(name)?;
        }
        Ok(SummaryColumns(at))
    }

    pub fn read(&self, row: &Row<'_>) -> Mapped<ContactSummary> {
        let [
            id,
            name,
            kind,
            circle,
            cadence,
            snoozed,
            archived,
            last,
            count,
        ] = self.0;
        Ok(ContactSummary {
            id: row.get(id)?,
            name: row.get(name)?,
            kind: row.get(kind)?,
            circle: row.get(circle)?,
            tags: Vec::new(),
            expertise: Vec::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            organisations: Vec::new(),
            affiliations: Vec::new(),
            cadence_days: row.get(cadence)?,
            snoozed_until: row.get(snoozed)?,
            archived: row.get(archived)?,
            last_interaction: row.get(last)?,
            interaction_count: row.get(count)?,
        })
    }
}

/// `label`, `date`, `yearly`.
pub fn contact_date(row: &Row<'_>) -> Mapped<crate::model::ContactDate> {
    Ok(crate::model::ContactDate {
        label: row.get("label")?,
        date: row.get("date")?,
        yearly: row.get("yearly")?,
    })
}

/// `value`, `label`.
pub fn labelled(row: &Row<'_>) -> Mapped<Labelled> {
    Ok(Labelled {
        value: row.get("value")?,
        label: row.get("label")?,
    })
}

pub const ADDRESS_COLUMNS: &str =
    "label, po_box, extended, street, locality, region, postal_code, country";

pub fn address(row: &Row<'_>) -> Mapped<Address> {
    Ok(Address {
        label: row.get("label")?,
        po_box: row.get("po_box")?,
        extended: row.get("extended")?,
        street: row.get("street")?,
        locality: row.get("locality")?,
        region: row.get("region")?,
        postal_code: row.get("postal_code")?,
        country: row.get("country")?,
    })
}

/// `id`, `name` (of the other contact), `relation`.
pub fn relation(row: &Row<'_>) -> Mapped<Relation> {
    Ok(Relation {
        contact: contact_ref(row)?,
        relation: row.get("relation")?,
    })
}

/// The columns of `affiliation`, from `affiliations a`, `contacts p` (the
/// person) and `contacts o` (the organisation).
pub const AFFILIATION_COLUMNS: &str = "p.id AS person_id, p.name AS person_name,
    o.id AS org_id, o.name AS org_name, a.title, a.unit";
/// The order affiliations are listed in: by organisation, then person, by
/// name; ids settle equal names.
pub const AFFILIATION_ORDER: &str = "o.name_key, p.name_key, o.id, p.id";

pub fn affiliation(row: &Row<'_>) -> Mapped<Affiliation> {
    Ok(Affiliation {
        person: ContactRef {
            id: row.get("person_id")?,
            name: row.get("person_name")?,
        },
        org: ContactRef {
            id: row.get("org_id")?,
            name: row.get("org_name")?,
        },
        title: row.get("title")?,
        unit: row.get("unit")?,
    })
}

/// The columns of `interaction`, from `interactions i` and `networks n`.
pub const INTERACTION_COLUMNS: &str = "i.id, i.date, i.time, i.channel, i.minutes,
    i.network_id, n.name AS network_name, i.note";

/// An interaction without its participants and items.
pub fn interaction(row: &Row<'_>) -> Mapped<Interaction> {
    let network_id: Option<i64> = row.get("network_id")?;
    let network_name: Option<String> = row.get("network_name")?;
    Ok(Interaction {
        id: row.get("id")?,
        date: row.get("date")?,
        time: row.get("time")?,
        channel: row.get("channel")?,
        minutes: row.get("minutes")?,
        network: network_id
            .zip(network_name)
            .map(|(id, name)| NetworkRef { id, name }),
        note: row.get("note")?,
        participants: Vec::new(),
        items: Vec::new(),
    })
}

/// The columns of `item`, from `items it` and the counterparty `contacts c`.
pub const ITEM_COLUMNS: &str = "it.id, it.counterparty_id, c.name AS counterparty_name,
    it.direction, it.kind, it.weight, it.state, it.note, it.settled_on";

pub fn item(row: &Row<'_>) -> Mapped<Item> {
    Ok(Item {
        id: row.get("id")?,
        counterparty: ContactRef {
            id: row.get("counterparty_id")?,
            name: row.get("counterparty_name")?,
        },
        direction: row.get("direction")?,
        kind: row.get("kind")?,
        weight: row.get("weight")?,
        state: row.get("state")?,
        note: row.get("note")?,
        settled_on: row.get("settled_on")?,
    })
}

/// The columns of `network`, from `networks n`.
pub const NETWORK_COLUMNS: &str = "n.id, n.name, n.goal, n.role, n.intent, n.hours_per_month,
    n.review_on, n.note, n.created_at,
    (SELECT count(*) FROM network_members m WHERE m.network_id = n.id) AS member_count";

pub fn network(row: &Row<'_>) -> Mapped<Network> {
    Ok(Network {
        id: row.get("id")?,
        name: row.get("name")?,
        goal: row.get("goal")?,
        role: row.get("role")?,
        intent: row.get("intent")?,
        hours_per_month: row.get("hours_per_month")?,
        review_on: row.get("review_on")?,
        note: row.get("note")?,
        member_count: row.get("member_count")?,
        created_at: row.get("created_at")?,
    })
}

/// `week_start`, `done_at`, `note`.
pub fn review_record(row: &Row<'_>) -> Mapped<ReviewRecord> {
    Ok(ReviewRecord {
        week_start: row.get("week_start")?,
        done_at: row.get("done_at")?,
        note: row.get("note")?,
    })
}

/// The columns of `contact_facts`, from `contacts c` and `contact_stats s`.
pub const FACT_COLUMNS: &str = "c.id, c.name, c.kind, c.circle, c.cadence_days,
    c.snoozed_until, c.archived, substr(c.created_at, 1, 10) AS added,
    s.first_interaction, s.last_interaction, s.gave_scaled, s.got_scaled, s.done_items,
    c.reminders";

pub fn contact_facts(row: &Row<'_>) -> Mapped<ContactFacts> {
    Ok(ContactFacts {
        id: row.get("id")?,
        name: row.get("name")?,
        kind: row.get("kind")?,
        circle: row.get("circle")?,
        cadence_days: row.get("cadence_days")?,
        snoozed_until: row.get("snoozed_until")?,
        archived: row.get("archived")?,
        added: row.get("added")?,
        first_interaction: row.get("first_interaction")?,
        last_interaction: row.get("last_interaction")?,
        gave_scaled: row.get("gave_scaled")?,
        got_scaled: row.get("got_scaled")?,
        done_items: row.get("done_items")?,
        reminders: row.get("reminders")?,
    })
}

// The rows of the JSON export: each table as the file holds it.

pub const CONTACT_ROW_COLUMNS: &str = "id, uid, kind, name, nickname, circle, birthday, met_on,
    note, met_how, met_through, cadence_days, snoozed_until, archived, created_at, updated_at,
    reminders";

pub fn contact_row(row: &Row<'_>) -> Mapped<ContactRow> {
    Ok(ContactRow {
        id: row.get("id")?,
        uid: row.get::<_, Option<String>>("uid")?.unwrap_or_default(),
        kind: row.get("kind")?,
        name: row.get("name")?,
        nickname: row.get("nickname")?,
        circle: row.get("circle")?,
        birthday: row.get("birthday")?,
        met_on: row.get("met_on")?,
        note: row.get("note")?,
        met_how: row.get("met_how")?,
        met_through: row.get("met_through")?,
        cadence_days: row.get("cadence_days")?,
        snoozed_until: row.get("snoozed_until")?,
        archived: row.get("archived")?,
        reminders: row.get("reminders")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        emails: Vec::new(),
        phones: Vec::new(),
        urls: Vec::new(),
        addresses: Vec::new(),
        tags: Vec::new(),
        expertise: Vec::new(),
        related: Vec::new(),
        vcard_extras: Vec::new(),
        other_uids: Vec::new(),
        dates: Vec::new(),
    })
}

/// `related_id`, `relation`.
pub fn relation_row(row: &Row<'_>) -> Mapped<RelationRow> {
    Ok(RelationRow {
        contact: row.get("related_id")?,
        relation: row.get("relation")?,
    })
}

/// `person_id`, `org_id`, `title`, `unit`.
pub fn affiliation_row(row: &Row<'_>) -> Mapped<AffiliationRow> {
    Ok(AffiliationRow {
        person: row.get("person_id")?,
        org: row.get("org_id")?,
        title: row.get("title")?,
        unit: row.get("unit")?,
    })
}

pub const NETWORK_ROW_COLUMNS: &str =
    "id, name, goal, role, intent, hours_per_month, review_on, note, created_at, updated_at";

pub fn network_row(row: &Row<'_>) -> Mapped<NetworkRow> {
    Ok(NetworkRow {
        id: row.get("id")?,
        name: row.get("name")?,
        goal: row.get("goal")?,
        role: row.get("role")?,
        intent: row.get("intent")?,
        hours_per_month: row.get("hours_per_month")?,
        review_on: row.get("review_on")?,
        note: row.get("note")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

/// `network_id`, `contact_id`, `joined_on`.
pub fn membership_row(row: &Row<'_>) -> Mapped<MembershipRow> {
    Ok(MembershipRow {
        network: row.get("network_id")?,
        contact: row.get("contact_id")?,
        joined_on: row.get("joined_on")?,
    })
}

pub const INTERACTION_ROW_COLUMNS: &str =
    "id, date, time, channel, minutes, network_id, note, created_at";

pub fn interaction_row(row: &Row<'_>) -> Mapped<InteractionRow> {
    Ok(InteractionRow {
        id: row.get("id")?,
        date: row.get("date")?,
        time: row.get("time")?,
        channel: row.get("channel")?,
        minutes: row.get("minutes")?,
        network: row.get("network_id")?,
        note: row.get("note")?,
        created_at: row.get("created_at")?,
        participants: Vec::new(),
        items: Vec::new(),
    })
}

pub const ITEM_ROW_COLUMNS: &str =
    "id, counterparty_id, direction, kind, weight, state, note, settled_on";

pub fn item_row(row: &Row<'_>) -> Mapped<ItemRow> {
    Ok(ItemRow {
        id: row.get("id")?,
        counterparty: row.get("counterparty_id")?,
        direction: row.get("direction")?,
        kind: row.get("kind")?,
        weight: row.get("weight")?,
        state: row.get("state")?,
        note: row.get("note")?,
        settled_on: row.get("settled_on")?,
    })
}

/// `id`, `week_start`, `done_at`, `note`.
pub fn review_row(row: &Row<'_>) -> Mapped<ReviewRow> {
    Ok(ReviewRow {
        id: row.get("id")?,
        week_start: row.get("week_start")?,
        done_at: row.get("done_at")?,
        note: row.get("note")?,
    })
}
