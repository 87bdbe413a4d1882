//! Contacts: adding, editing, archiving, listing, naming.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};
use crate::model::{
    Address, Affiliation, Circle, Contact, ContactRef, ContactSummary, Interaction, Kind, Labelled,
    NetworkRef, Relation,
};
use crate::resolve::{self, Candidate};
use crate::text::{clean, fold};

/// A contact to add. Names of related contacts are already resolved to ids.
#[derive(Debug, Clone)]
pub struct NewContact {
    pub kind: Kind,
    pub name: String,
    pub circle: Option<Circle>,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    pub tags: Vec<String>,
    pub expertise: Vec<String>,
    pub note: String,
    pub met_how: String,
    pub met_through: Option<i64>,
    pub cadence_days: Option<u32>,
    /// Organisations this person belongs to, with an optional title.
    pub organisations: Vec<(i64, Option<String>)>,
}

impl NewContact {
    pub fn new(kind: Kind, name: impl Into<String>) -> Self {
        NewContact {
            kind,
            name: name.into(),
            circle: None,
            emails: Vec::new(),
            phones: Vec::new(),
            tags: Vec::new(),
            expertise: Vec::new(),
            note: String::new(),
            met_how: String::new(),
            met_through: None,
            cadence_days: None,
            organisations: Vec::new(),
        }
    }
}

/// Changes to a contact; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ContactEdit {
    pub name: Option<String>,
    pub circle: Option<Circle>,
    /// `Some(None)` clears the contact's own cadence (back to its circle's).
    pub cadence_days: Option<Option<u32>>,
    pub snoozed_until: Option<Option<NaiveDate>>,
    /// `Some(false)` lets the tie go: no more reconnect suggestions.
    pub reminders: Option<bool>,
    pub note: Option<String>,
    pub met_how: Option<String>,
    pub met_through: Option<Option<i64>>,
    pub add_emails: Vec<Labelled>,
    pub remove_emails: Vec<String>,
    pub add_phones: Vec<Labelled>,
    pub remove_phones: Vec<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    pub add_expertise: Vec<String>,
    pub remove_expertise: Vec<String>,
    pub add_organisations: Vec<(i64, Option<String>)>,
    pub remove_organisations: Vec<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub kind: Option<Kind>,
    pub circle: Option<Circle>,
    pub tag: Option<String>,
    /// List the archived contacts instead of the active ones.
    pub archived: bool,
}

/// A contact with everything around it, for `show`.
#[derive(Debug, Clone, Serialize)]
pub struct ContactDetail {
    #[serde(flatten)]
    pub contact: Contact,
    /// For a person, the organisations they belong to; for an organisation,
    /// its people.
    pub affiliations: Vec<Affiliation>,
    pub networks: Vec<NetworkRef>,
    pub first_interaction: Option<NaiveDate>,
    pub last_interaction: Option<NaiveDate>,
    pub interaction_count: u32,
    /// Newest first.
    pub interactions: Vec<Interaction>,
}

impl Store {
    pub fn add_contact(&mut self, new: &NewContact) -> Result<i64> {
        let now = self.clock.timestamp();
        self.write(|tx| insert_contact(tx, new, &now))
    }

    pub fn edit_contact(&mut self, id: i64, edit: &ContactEdit) -> Result<()> {
        let now = self.clock.timestamp();
        self.write(|tx| apply_edit(tx, id, edit, &now))
    }

    pub fn set_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        let now = self.clock.timestamp();
        self.write(|tx| {
            kind_of(tx, id)?;
            tx.execute(
                "UPDATE contacts SET archived = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, archived, now],
            )?;
            Ok(())
        })
    }

    /// Lets a tie go (no more reconnect suggestions), or takes it back.
    pub fn set_reminders(&mut self, id: i64, reminders: bool) -> Result<()> {
        let now = self.clock.timestamp();
        self.write(|tx| {
            kind_of(tx, id)?;
            tx.execute(
                "UPDATE contacts SET reminders = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, reminders, now],
            )?;
            Ok(())
        })
    }

    /// Every contact that can be named, optionally of one kind.
    pub fn contact_candidates(&self, kind: Option<Kind>) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, name_key, archived FROM contacts WHERE ?1 IS NULL OR kind = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([kind], |row| {
            Ok(Candidate {
                id: row.get(0)?,
                name: row.get(1)?,
                key: row.get(2)?,
                archived: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The contact a user's query names (an id or part of a name).
    pub fn resolve_contact(&self, query: &str) -> Result<ContactRef> {
        self.resolve_contact_of_kind(query, None)
    }

    pub fn resolve_contact_of_kind(&self, query: &str, kind: Option<Kind>) -> Result<ContactRef> {
        let candidates = self.contact_candidates(kind)?;
        let what = match kind {
            Some(Kind::Org) => "organisation",
            Some(Kind::Person) => "person",
            None => "contact",
        };
        Ok(resolve::pick(what, query, &candidates)?.reference())
    }

    pub fn contact(&self, id: i64) -> Result<Contact> {
        let mut contact = self
            .conn
            .query_row(
                "SELECT c.id, c.kind, c.name, c.circle, c.note, c.met_how, c.met_through, m.name,
                        c.cadence_days, c.snoozed_until, c.archived, c.created_at, c.updated_at,
                        c.uid, c.nickname, c.birthday, c.met_on, c.reminders
                 FROM contacts c LEFT JOIN contacts m ON m.id = c.met_through
                 WHERE c.id = ?1",
                [id],
                |row| {
                    let through: Option<i64> = row.get(6)?;
                    let through_name: Option<String> = row.get(7)?;
                    Ok(Contact {
                        id: row.get(0)?,
                        kind: row.get(1)?,
                        name: row.get(2)?,
                        circle: row.get(3)?,
                        emails: Vec::new(),
                        phones: Vec::new(),
                        tags: Vec::new(),
                        expertise: Vec::new(),
                        note: row.get(4)?,
                        met_how: row.get(5)?,
                        met_through: through
                            .zip(through_name)
                            .map(|(id, name)| ContactRef { id, name }),
                        cadence_days: row.get(8)?,
                        snoozed_until: row.get(9)?,
                        archived: row.get(10)?,
                        created_at: row.get(11)?,
                        updated_at: row.get(12)?,
                        uid: row.get::<_, Option<String>>(13)?.unwrap_or_default(),
                        nickname: row.get(14)?,
                        birthday: row.get(15)?,
                        met_on: row.get(16)?,
                        reminders: row.get(17)?,
                        urls: Vec::new(),
                        addresses: Vec::new(),
                        related: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| no_such_contact(id))?;
        contact.emails = self.labelled("contact_emails", id)?;
        contact.phones = self.labelled("contact_phones", id)?;
        contact.tags = self.strings(
            "SELECT tag FROM contact_tags WHERE contact_id = ?1 ORDER BY tag",
            id,
        )?;
        contact.expertise = self.strings(
            "SELECT topic FROM contact_expertise WHERE contact_id = ?1 ORDER BY lower(topic)",
            id,
        )?;
        contact.urls = self.labelled("contact_urls", id)?;
        contact.addresses = self.addresses(id)?;
        contact.related = self.relations(id)?;
        Ok(contact)
    }

    pub fn contact_detail(
        &self,
        id: i64,
        interaction_limit: Option<usize>,
    ) -> Result<ContactDetail> {
        let contact = self.contact(id)?;
        let affiliations = self.affiliations_of(id)?;
        let networks = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT n.id, n.name FROM network_members m JOIN networks n ON n.id = m.network_id
                 WHERE m.contact_id = ?1 ORDER BY n.name_key",
            )?;
            let rows = stmt.query_map([id], |row| {
                Ok(NetworkRef {
                    id: row.get(0)?,
                    name: row.get(1)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let (first_interaction, last_interaction, interaction_count) = self.conn.query_row(
            "SELECT first_interaction, last_interaction, interaction_count FROM contact_stats WHERE contact_id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        let interactions = self.interactions_of_contact(id, interaction_limit)?;
        Ok(ContactDetail {
            contact,
            affiliations,
            networks,
            first_interaction,
            last_interaction,
            interaction_count,
            interactions,
        })
    }

    /// A person's organisations, or an organisation's people.
    pub fn affiliations_of(&self, id: i64) -> Result<Vec<Affiliation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, o.id, o.name, a.title, a.unit FROM affiliations a
             JOIN contacts p ON p.id = a.person_id JOIN contacts o ON o.id = a.org_id
             WHERE a.person_id = ?1 OR a.org_id = ?1 ORDER BY o.name_key, p.name_key",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok(Affiliation {
                person: ContactRef {
                    id: row.get(0)?,
                    name: row.get(1)?,
                },
                org: ContactRef {
                    id: row.get(2)?,
                    name: row.get(3)?,
                },
                title: row.get(4)?,
                unit: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The contacts a listing shows, sorted by name. Reads each side table
    /// once rather than once per contact, so 10,000 contacts cost a handful
    /// of queries.
    pub fn list_contacts(&self, filter: &ListFilter) -> Result<Vec<ContactSummary>> {
        let tag = filter.tag.as_deref().map(normal_tag);
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.kind, c.circle, c.cadence_days, c.snoozed_until, c.archived,
                    s.last_interaction, s.interaction_count
             FROM contacts c JOIN contact_stats s ON s.contact_id = c.id
             WHERE (?1 IS NULL OR c.kind = ?1) AND (?2 IS NULL OR c.circle = ?2) AND c.archived = ?3
               AND (?4 IS NULL OR EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ?4))
             ORDER BY c.name_key, c.id",
        )?;
        let rows = stmt.query_map(
            params![filter.kind, filter.circle, filter.archived, tag],
            |row| {
                Ok(ContactSummary {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    circle: row.get(3)?,
                    tags: Vec::new(),
                    expertise: Vec::new(),
                    emails: Vec::new(),
                    phones: Vec::new(),
                    organisations: Vec::new(),
                    cadence_days: row.get(4)?,
                    snoozed_until: row.get(5)?,
                    archived: row.get(6)?,
                    last_interaction: row.get(7)?,
                    interaction_count: row.get(8)?,
                })
            },
        )?;
        let mut contacts: Vec<ContactSummary> = rows.collect::<rusqlite::Result<_>>()?;
        let mut tags =
            self.grouped("SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, tag")?;
        let mut expertise = self.grouped(
            "SELECT contact_id, topic FROM contact_expertise ORDER BY contact_id, lower(topic)",
        )?;
        let mut emails = self.grouped(
            "SELECT contact_id, value FROM contact_emails ORDER BY contact_id, position",
        )?;
        let mut phones = self.grouped(
            "SELECT contact_id, value FROM contact_phones ORDER BY contact_id, position",
        )?;
        let mut orgs = self.grouped(
            "SELECT a.person_id, o.name FROM affiliations a JOIN contacts o ON o.id = a.org_id
             ORDER BY a.person_id, o.name_key",
        )?;
        for contact in &mut contacts {
            contact.tags = tags.remove(&contact.id).unwrap_or_default();
            contact.expertise = expertise.remove(&contact.id).unwrap_or_default();
            contact.emails = emails.remove(&contact.id).unwrap_or_default();
            contact.phones = phones.remove(&contact.id).unwrap_or_default();
            contact.organisations = orgs.remove(&contact.id).unwrap_or_default();
        }
        Ok(contacts)
    }

    pub fn count_contacts(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |row| row.get(0))?)
    }

    fn grouped(&self, sql: &str) -> Result<HashMap<i64, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut map: HashMap<i64, Vec<String>> = HashMap::new();
        while let Some(row) = rows.next()? {
            map.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
        Ok(map)
    }

    fn labelled(&self, table: &str, id: i64) -> Result<Vec<Labelled>> {
        // `table` is one of three fixed names chosen by this module, never input.
        let sql =
            format!("SELECT value, label FROM {table} WHERE contact_id = ?1 ORDER BY position");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |row| {
            Ok(Labelled {
                value: row.get(0)?,
                label: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn addresses(&self, id: i64) -> Result<Vec<Address>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT label, po_box, extended, street, locality, region, postal_code, country
             FROM contact_addresses WHERE contact_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok(Address {
                label: row.get(0)?,
                po_box: row.get(1)?,
                extended: row.get(2)?,
                street: row.get(3)?,
                locality: row.get(4)?,
                region: row.get(5)?,
                postal_code: row.get(6)?,
                country: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn relations(&self, id: i64) -> Result<Vec<Relation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, r.relation FROM contact_relations r
             JOIN contacts c ON c.id = r.related_id
             WHERE r.contact_id = ?1 ORDER BY c.name_key, r.relation",
        )?;
        let rows = stmt.query_map([id], |row| {
            Ok(Relation {
                contact: ContactRef {
                    id: row.get(0)?,
                    name: row.get(1)?,
                },
                relation: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn strings(&self, sql: &str, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Applies a `ContactEdit` inside a caller's transaction, so that edits
/// combined with other writes (a new organisation, say) stay all-or-nothing.
pub(crate) fn apply_edit(
    tx: &Transaction<'_>,
    id: i64,
    edit: &ContactEdit,
    now: &str,
) -> Result<()> {
    let kind = kind_of(tx, id)?;
    if let Some(name) = &edit.name {
        let name = valid_name(name)?;
        tx.execute(
            "UPDATE contacts SET name = ?2, name_key = ?3 WHERE id = ?1",
            params![id, name, fold(&name)],
        )?;
    }
    if let Some(circle) = edit.circle {
        check_circle(kind, Some(circle))?;
        tx.execute(
            "UPDATE contacts SET circle = ?2 WHERE id = ?1",
            params![id, circle],
        )?;
    }
    if let Some(cadence) = edit.cadence_days {
        tx.execute(
            "UPDATE contacts SET cadence_days = ?2 WHERE id = ?1",
            params![id, cadence],
        )?;
    }
    if let Some(reminders) = edit.reminders {
        tx.execute(
            "UPDATE contacts SET reminders = ?2 WHERE id = ?1",
            params![id, reminders],
        )?;
    }
    if let Some(until) = edit.snoozed_until {
        tx.execute(
            "UPDATE contacts SET snoozed_until = ?2 WHERE id = ?1",
            params![id, until],
        )?;
    }
    if let Some(note) = &edit.note {
        tx.execute(
            "UPDATE contacts SET note = ?2 WHERE id = ?1",
            params![id, clean(note)],
        )?;
    }
    if let Some(how) = &edit.met_how {
        tx.execute(
            "UPDATE contacts SET met_how = ?2 WHERE id = ?1",
            params![id, clean(how)],
        )?;
    }
    if let Some(through) = edit.met_through {
        if through == Some(id) {
            return Err(Error::rejected(
                "a contact cannot have met you through themselves",
            ));
        }
        tx.execute(
            "UPDATE contacts SET met_through = ?2 WHERE id = ?1",
            params![id, through],
        )?;
    }
    for email in &edit.remove_emails {
        remove_value(tx, "contact_emails", id, email, "email")?;
    }
    for phone in &edit.remove_phones {
        remove_value(tx, "contact_phones", id, phone, "phone")?;
    }
    for tag in &edit.remove_tags {
        let removed = tx.execute(
            "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag = ?2",
            params![id, normal_tag(tag)],
        )?;
        if removed == 0 {
            return Err(Error::rejected(format!("the contact has no tag '{tag}'")));
        }
    }
    for topic in &edit.remove_expertise {
        let removed = tx.execute(
            "DELETE FROM contact_expertise WHERE contact_id = ?1 AND lower(topic) = lower(?2)",
            params![id, clean(topic)],
        )?;
        if removed == 0 {
            return Err(Error::rejected(format!(
                "the contact has no expertise '{topic}'"
            )));
        }
    }
    for org in &edit.remove_organisations {
        tx.execute(
            "DELETE FROM affiliations WHERE person_id = ?1 AND org_id = ?2",
            params![id, org],
        )?;
    }
    add_details(
        tx,
        id,
        kind,
        &edit.add_emails,
        &edit.add_phones,
        &edit.add_tags,
        &edit.add_expertise,
        &edit.add_organisations,
    )?;
    tx.execute(
        "UPDATE contacts SET updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

pub(crate) fn insert_contact(tx: &Transaction<'_>, new: &NewContact, now: &str) -> Result<i64> {
    let name = valid_name(&new.name)?;
    check_circle(new.kind, new.circle)?;
    let circle = match new.kind {
        // People without a stated circle are `other`: no reconnect reminders
        // the user did not ask for.
        Kind::Person => Some(new.circle.unwrap_or(Circle::Other)),
        Kind::Org => None,
    };
    if let Some(days) = new.cadence_days
        && days == 0
    {
        return Err(Error::invalid("cadence", "0", "at least one day"));
    }
    tx.prepare_cached(
        "INSERT INTO contacts (kind, name, name_key, circle, note, met_how, met_through, cadence_days, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        new.kind,
        name,
        fold(&name),
        circle,
        clean(&new.note),
        clean(&new.met_how),
        new.met_through,
        new.cadence_days,
        now
    ])?;
    let id = tx.last_insert_rowid();
    // A UID that arrived with an imported card may equal the one derived
    // here (a ties export imported with the same clock): derive another.
    let mut uid = super::uid::derive_uid(id, now, &name);
    let mut salt = 0u32;
    while tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM contacts WHERE uid = ?1)")?
        .query_row(params![uid], |row| row.get::<_, bool>(0))?
    {
        salt += 1;
        uid = super::uid::derive_uid(id, now, &format!("{name}\u{0}{salt}"));
    }
    tx.prepare_cached("UPDATE contacts SET uid = ?2 WHERE id = ?1")?
        .execute(params![id, uid])?;
    add_details(
        tx,
        id,
        new.kind,
        &new.emails,
        &new.phones,
        &new.tags,
        &new.expertise,
        &new.organisations,
    )?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn add_details(
    tx: &Transaction<'_>,
    id: i64,
    kind: Kind,
    emails: &[Labelled],
    phones: &[Labelled],
    tags: &[String],
    expertise: &[String],
    organisations: &[(i64, Option<String>)],
) -> Result<()> {
    for email in emails {
        let value = clean(&email.value);
        if !is_valid_email(&value) {
            return Err(Error::invalid(
                "email",
                &email.value,
                "an address like name@example.org",
            ));
        }
        add_labelled(
            tx,
            "contact_emails",
            id,
            &value,
            email.label.as_deref(),
            None,
        )?;
    }
    for phone in phones {
        let value = clean(&phone.value);
        let key = phone_key(&value);
        if !is_valid_phone(&value) {
            return Err(Error::invalid(
                "phone",
                &phone.value,
                "a number with at least 3 digits, like +358 40 123 4567",
            ));
        }
        add_labelled(
            tx,
            "contact_phones",
            id,
            &value,
            phone.label.as_deref(),
            Some(&key),
        )?;
    }
    for tag in tags {
        let tag = normal_tag(tag);
        if tag.is_empty() {
            return Err(Error::invalid("tag", "", "a non-empty word, like climbing"));
        }
        tx.prepare_cached("INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)")?
            .execute(params![id, tag])?;
    }
    for topic in expertise {
        let topic = clean(topic);
        if topic.is_empty() {
            return Err(Error::invalid(
                "expertise",
                "",
                "a non-empty topic, like kubernetes",
            ));
        }
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM contact_expertise WHERE contact_id = ?1 AND lower(topic) = lower(?2))",
            params![id, topic],
            |row| row.get(0),
        )?;
        if !known {
            tx.prepare_cached("INSERT INTO contact_expertise (contact_id, topic) VALUES (?1, ?2)")?
                .execute(params![id, topic])?;
        }
    }
    if !organisations.is_empty() && kind == Kind::Org {
        return Err(Error::rejected(
            "an organisation cannot belong to an organisation: --org is for people",
        ));
    }
    for (org, title) in organisations {
        if kind_of(tx, *org)? != Kind::Org {
            return Err(Error::rejected(format!(
                "contact #{org} is a person, not an organisation"
            )));
        }
        let title = title.as_deref().map(clean).filter(|t| !t.is_empty());
        tx.prepare_cached(
            "INSERT INTO affiliations (person_id, org_id, title) VALUES (?1, ?2, ?3)
             ON CONFLICT (person_id, org_id) DO UPDATE SET title = coalesce(excluded.title, title)",
        )?
        .execute(params![id, org, title])?;
    }
    Ok(())
}

fn add_labelled(
    tx: &Transaction<'_>,
    table: &str,
    id: i64,
    value: &str,
    label: Option<&str>,
    key: Option<&str>,
) -> Result<()> {
    let label = label
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty());
    // `table` is one of two fixed names chosen by this module, never input.
    let exists: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE contact_id = ?1 AND value = ?2)"),
        params![id, value],
        |row| row.get(0),
    )?;
    if exists {
        return Ok(());
    }
    let position: i64 = tx.query_row(
        &format!("SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE contact_id = ?1"),
        [id],
        |row| row.get(0),
    )?;
    match key {
        Some(key) => tx
            .prepare_cached(&format!(
                "INSERT INTO {table} (contact_id, position, value, value_key, label) VALUES (?1, ?2, ?3, ?4, ?5)"
            ))?
            .execute(params![id, position, value, key, label])?,
        None => tx
            .prepare_cached(&format!(
                "INSERT INTO {table} (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)"
            ))?
            .execute(params![id, position, value, label])?,
    };
    Ok(())
}

fn remove_value(tx: &Transaction<'_>, table: &str, id: i64, value: &str, what: &str) -> Result<()> {
    let removed = tx.execute(
        &format!("DELETE FROM {table} WHERE contact_id = ?1 AND value = ?2"),
        params![id, clean(value)],
    )?;
    if removed == 0 {
        return Err(Error::rejected(format!(
            "the contact has no {what} '{value}'"
        )));
    }
    Ok(())
}

pub(crate) fn kind_of(tx: &rusqlite::Connection, id: i64) -> Result<Kind> {
    tx.query_row("SELECT kind FROM contacts WHERE id = ?1", [id], |row| {
        row.get(0)
    })
    .optional()?
    .ok_or_else(|| no_such_contact(id))
}

pub(crate) fn no_such_contact(id: i64) -> Error {
    Error::NotFound {
        what: "contact",
        query: format!("#{id}"),
        suggestions: Vec::new(),
    }
}

pub(crate) fn valid_name(name: &str) -> Result<String> {
    let name = clean(name);
    if name.is_empty() {
        return Err(Error::rejected(
            "the name is empty: give the contact a name, e.g. \"Anna Järvinen\"",
        ));
    }
    if name.chars().count() > 500 {
        return Err(Error::rejected(
            "the name is longer than 500 characters: shorten it",
        ));
    }
    Ok(name)
}

fn check_circle(kind: Kind, circle: Option<Circle>) -> Result<()> {
    if kind == Kind::Org && circle.is_some() {
        return Err(Error::rejected(
            "organisations have no circle: --circle is for people (use --tag to group organisations)",
        ));
    }
    Ok(())
}

pub(crate) fn normal_tag(tag: &str) -> String {
    clean(tag).to_lowercase()
}

/// What ties accepts as an email address (cleaned text): something@something.
pub(crate) fn is_valid_email(value: &str) -> bool {
    value.contains('@') && !value.contains(char::is_whitespace)
}

/// What ties accepts as a phone number: at least three digits.
pub(crate) fn is_valid_phone(value: &str) -> bool {
    phone_key(value).trim_start_matches('+').len() >= 3
}

/// Digits only, with a leading `+` kept: "+358 40 123-4567" → "+358401234567".
pub fn phone_key(phone: &str) -> String {
    let mut key: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if phone.trim_start().starts_with('+') {
        key.insert(0, '+');
    }
    key
}
