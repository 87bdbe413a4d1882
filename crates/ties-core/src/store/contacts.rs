//! Contacts: adding, editing, archiving, listing, naming.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::values::{self, Holding, Values};
use super::{Store, Writer, rows};
use crate::change::{Change, FieldChange};
use crate::error::{Error, Field, Refusal, Result};
use crate::model::{
    Address, Affiliation, Circle, Contact, ContactDate, ContactRef, ContactSummary, Interaction,
    Kind, Labelled, NetworkRef, Relation,
};
use crate::resolve::{self, Candidate, Resolver};
use crate::rules;
use crate::text::{fold, fold_keeping_symbols};

/// A contact to add: every field a contact can be created with. Links to
/// other contacts are already resolved to ids. The one input shape for a
/// new contact, whether it was typed, entered in a form, read from a file
/// or drawn by the demo.
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
    /// The vCard UID the contact arrived with; None makes one.
    pub uid: Option<String>,
    pub nickname: String,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is not known.
    pub birthday: Option<String>,
    /// Labelled dates (one per label).
    pub dates: Vec<ContactDate>,
    pub met_on: Option<NaiveDate>,
    pub snoozed_until: Option<NaiveDate>,
    pub archived: bool,
    /// False to add the tie already let go.
    pub reminders: bool,
    pub urls: Vec<Labelled>,
    pub addresses: Vec<Address>,
    /// vCard lines ties has no field for, kept for the next export.
    pub vcard_extras: Vec<String>,
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
            uid: None,
            nickname: String::new(),
            birthday: None,
            dates: Vec::new(),
            met_on: None,
            snoozed_until: None,
            archived: false,
            reminders: true,
            urls: Vec::new(),
            addresses: Vec::new(),
            vcard_extras: Vec::new(),
        }
    }

    fn values(&self) -> Values<'_> {
        Values {
            emails: &self.emails,
            phones: &self.phones,
            urls: &self.urls,
            addresses: &self.addresses,
            tags: &self.tags,
            expertise: &self.expertise,
            extras: &self.vcard_extras,
            dates: &self.dates,
        }
    }
}

/// Changes to a contact; `None` leaves a field as it is. Not a `NewContact`:
/// it says what to add, remove or clear, field by field.
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
    /// `Some(None)` clears the birthday.
    pub birthday: Option<Option<String>>,
    /// Dates to set, each replacing the contact's date of the same label.
    pub set_dates: Vec<ContactDate>,
    /// Labels of dates to remove.
    pub remove_dates: Vec<String>,
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
    /// Only those who know about this topic (case ignored).
    pub expertise: Option<String>,
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
        self.write(|w| {
            let id = w.insert_contact(new)?;
            let change = Change::AddedContact {
                contact: w.contact_ref(id)?,
                kind: new.kind,
                new_org: None,
            };
            Ok((id, change))
        })
    }

    pub fn edit_contact(&mut self, id: i64, edit: &ContactEdit) -> Result<()> {
        self.write(|w| {
            let change = w.described_edit(id, None, |w| w.apply_edit(id, edit))?;
            Ok(((), change))
        })
    }

    /// Applies `edit` as `edit_contact` does, with a new organisation
    /// (name, title) when given, and returns what it changed, field by
    /// field. An edit that would change nothing writes nothing: no time of
    /// change, no entry in the history.
    pub fn edit_contact_saying(
        &mut self,
        id: i64,
        edit: &ContactEdit,
        new_org: Option<(&str, Option<String>)>,
    ) -> Result<Vec<FieldChange>> {
        if new_org.is_none() {
            let rehearsed = self.rehearse(|w| {
                let change = w.described_edit(id, None, |w| w.apply_edit(id, edit))?;
                Ok((edited_fields(&change), change))
            })?;
            if rehearsed.is_empty() {
                return Ok(rehearsed);
            }
        }
        self.write(|w| {
            let mut edit = edit.clone();
            let mut made = None;
            if let Some((name, title)) = new_org {
                let org = w.insert_contact(&NewContact::new(Kind::Org, name))?;
                edit.add_organisations.push((org, title));
                made = Some(w.contact_ref(org)?);
            }
            let change = w.described_edit(id, made, |w| w.apply_edit(id, &edit))?;
            Ok((edited_fields(&change), change))
        })
    }

    pub fn set_archived(&mut self, id: i64, archived: bool) -> Result<()> {
        self.write(|w| {
            w.set_archived(id, archived)?;
            let contact = w.contact_ref(id)?;
            let change = if archived {
                Change::Archived { contact }
            } else {
                Change::Unarchived { contact }
            };
            Ok(((), change))
        })
    }

    /// Lets a tie go (no more reconnect suggestions), or takes it back.
    pub fn set_reminders(&mut self, id: i64, reminders: bool) -> Result<()> {
        self.write(|w| {
            kind_of(&w.tx, id)?;
            w.tx.execute(
                "UPDATE contacts SET reminders = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, reminders, w.now],
            )?;
            let change = Change::Reminders {
                contact: w.contact_ref(id)?,
                on: reminders,
            };
            Ok(((), change))
        })
    }

    /// Every contact that can be named, optionally of one kind.
    pub fn contact_candidates(&self, kind: Option<Kind>) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, archived FROM contacts WHERE ?1 IS NULL OR kind = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([kind], rows::candidate)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Names many contacts against one read of the candidates.
    pub fn contact_resolver(&self, kind: Option<Kind>) -> Result<Resolver> {
        Ok(Resolver::new(
            kind_word(kind),
            self.contact_candidates(kind)?,
        ))
    }

    /// Names the contacts of one command (a `log`'s participants): a few
    /// are each looked up by index, and the first that is only part of a
    /// name, or more than a few, read every name once for all of them.
    pub fn contact_namer(&self, expected: usize) -> Result<ContactNamer<'_>> {
        let every = if expected > FEW_NAMES {
            Some(self.contact_resolver(None)?)
        } else {
            None
        };
        Ok(ContactNamer { store: self, every })
    }

    /// The candidates of these contacts (the participants an item's
    /// counterparty is named among), by id.
    pub fn candidates_among(&self, people: &[ContactRef]) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, archived FROM contacts WHERE id = ?1")?;
        let mut found = Vec::with_capacity(people.len());
        for person in people {
            found.push(stmt.query_row([person.id], rows::candidate)?);
        }
        found.sort_by_key(|c| c.id);
        Ok(found)
    }

    /// The contact a user's query names (an id or part of a name).
    pub fn resolve_contact(&self, query: &str) -> Result<ContactRef> {
        self.resolve_contact_of_kind(query, None)
    }

    pub fn resolve_contact_of_kind(&self, query: &str, kind: Option<Kind>) -> Result<ContactRef> {
        let what = kind_word(kind);
        // An id or a whole name, what people type most, is looked up by
        // index: `pick` over only the contacts it could name answers as it
        // would over all of them, since those tiers come first. Only a part
        // of a name needs every name read and folded.
        if let Some(few) = self.contacts_named_exactly(query, kind)? {
            return Ok(resolve::pick(what, query, &few)?.reference());
        }
        let candidates = self.contact_candidates(kind)?;
        Ok(resolve::pick(what, query, &candidates)?.reference())
    }

    /// The candidates `query` names as an id (none or one) or as a whole
    /// name (all of that name), or `None` when it is neither.
    fn contacts_named_exactly(
        &self,
        query: &str,
        kind: Option<Kind>,
    ) -> Result<Option<Vec<Candidate>>> {
        let trimmed = query.trim();
        if let Some(id) = resolve::parse_id(trimmed) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name, archived FROM contacts WHERE id = ?1 AND (?2 IS NULL OR kind = ?2)",
            )?;
            let rows = stmt.query_map(params![id, kind], rows::candidate)?;
            return Ok(Some(rows.collect::<rusqlite::Result<_>>()?));
        }
        let key = fold_keeping_symbols(trimmed);
        if key.is_empty() {
            return Ok(None);
        }
        // Equal keys have equal folds, and name_key is the fold.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, archived FROM contacts
             WHERE name_key = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![fold(trimmed), kind], rows::candidate)?;
        let same: Vec<Candidate> = rows
            .filter(|row| row.as_ref().map_or(true, |c| c.key == key))
            .collect::<rusqlite::Result<_>>()?;
        Ok((!same.is_empty()).then_some(same))
    }

    pub fn contact(&self, id: i64) -> Result<Contact> {
        read_contact(&self.conn, id)
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
            let rows = stmt.query_map([id], rows::network_ref)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let (first_interaction, last_interaction, interaction_count) = self.conn.query_row(
            "SELECT first_interaction, last_interaction, interaction_count FROM contact_stats WHERE contact_id = ?1",
            [id],
            |row| {
                Ok((
                    row.get("first_interaction")?,
                    row.get("last_interaction")?,
                    row.get("interaction_count")?,
                ))
            },
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
        affiliations_of(&self.conn, id)
    }

    /// The contacts a listing shows, sorted by name. Reads each side table
    /// once rather than once per contact, so 10,000 contacts cost a handful
    /// of queries.
    pub fn list_contacts(&self, filter: &ListFilter) -> Result<Vec<ContactSummary>> {
        let tag = filter.tag.as_deref().map(rules::normal_tag);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM contacts c JOIN contact_stats s ON s.contact_id = c.id
             WHERE (?1 IS NULL OR c.kind = ?1) AND (?2 IS NULL OR c.circle = ?2) AND c.archived = ?3
               AND (?4 IS NULL OR EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ?4))
             ORDER BY c.name_key, c.id",
            rows::SUMMARY_COLUMNS
        ))?;
        let rows = stmt.query_map(
            params![filter.kind, filter.circle, filter.archived, tag],
            rows::contact_summary,
        )?;
        let mut contacts: Vec<ContactSummary> = rows.collect::<rusqlite::Result<_>>()?;
        let mut tags = self.owned_values(
            "SELECT contact_id AS owner, tag AS value FROM contact_tags ORDER BY contact_id, tag",
        )?;
        let mut expertise = self.owned_values(
            "SELECT contact_id AS owner, topic AS value FROM contact_expertise ORDER BY contact_id, lower(topic)",
        )?;
        let mut emails = self.owned_labelled(
            "SELECT contact_id AS owner, value, label FROM contact_emails ORDER BY contact_id, position",
        )?;
        let mut phones = self.owned_labelled(
            "SELECT contact_id AS owner, value, label FROM contact_phones ORDER BY contact_id, position",
        )?;
        let mut affiliations = self.all_affiliations()?;
        for contact in &mut contacts {
            contact.tags = tags.remove(&contact.id).unwrap_or_default();
            contact.expertise = expertise.remove(&contact.id).unwrap_or_default();
            contact.emails = emails.remove(&contact.id).unwrap_or_default();
            contact.phones = phones.remove(&contact.id).unwrap_or_default();
            contact.affiliations = affiliations.remove(&contact.id).unwrap_or_default();
            contact.organisations = contact
                .affiliations
                .iter()
                .filter(|a| a.person.id == contact.id)
                .map(|a| a.org.name.clone())
                .collect();
        }
        if let Some(topic) = &filter.expertise {
            let key = rules::expertise_key(topic);
            contacts.retain(|c| c.expertise.iter().any(|t| rules::expertise_key(t) == key));
        }
        Ok(contacts)
    }

    pub fn count_contacts(&self) -> Result<i64> {
        count_contacts(&self.conn)
    }

    /// Every affiliation, under both its person and its organisation, in
    /// the order `affiliations_of` gives them.
    fn all_affiliations(&self) -> Result<HashMap<i64, Vec<Affiliation>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM affiliations a
             JOIN contacts p ON p.id = a.person_id JOIN contacts o ON o.id = a.org_id
             ORDER BY {}",
            rows::AFFILIATION_COLUMNS,
            rows::AFFILIATION_ORDER
        ))?;
        let mut map: HashMap<i64, Vec<Affiliation>> = HashMap::new();
        for affiliation in stmt.query_map([], rows::affiliation)? {
            let affiliation = affiliation?;
            map.entry(affiliation.person.id)
                .or_default()
                .push(affiliation.clone());
            map.entry(affiliation.org.id).or_default().push(affiliation);
        }
        Ok(map)
    }

    /// Rows of (`owner`, `value`, `label`) grouped by owner, order kept.
    fn owned_labelled(&self, sql: &str) -> Result<HashMap<i64, Vec<Labelled>>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut map: HashMap<i64, Vec<Labelled>> = HashMap::new();
        while let Some(row) = rows.next()? {
            map.entry(row.get("owner")?)
                .or_default()
                .push(rows::labelled(row)?);
        }
        Ok(map)
    }

    /// Rows of (`owner`, `value`) grouped by owner, order kept.
    fn owned_values(&self, sql: &str) -> Result<HashMap<i64, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        let mut map: HashMap<i64, Vec<String>> = HashMap::new();
        while let Some(row) = rows.next()? {
            map.entry(row.get("owner")?)
                .or_default()
                .push(row.get("value")?);
        }
        Ok(map)
    }
}

pub(super) fn kind_word(kind: Option<Kind>) -> &'static str {
    match kind {
        Some(Kind::Org) => "organisation",
        Some(Kind::Person) => "person",
        None => "contact",
    }
}

pub(super) fn count_contacts(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) AS n FROM contacts", [], |row| row.get("n"))?)
}

/// Everything stored about one contact.
pub(super) fn read_contact(conn: &Connection, id: i64) -> Result<Contact> {
    let mut contact = conn
        .prepare_cached(&format!(
            "SELECT {} FROM contacts c LEFT JOIN contacts m ON m.id = c.met_through WHERE c.id = ?1",
            rows::CONTACT_COLUMNS
        ))?
        .query_row([id], rows::contact)
        .optional()?
        .ok_or_else(|| no_such_contact(id))?;
    contact.emails = labelled(conn, "contact_emails", id)?;
    contact.phones = labelled(conn, "contact_phones", id)?;
    contact.urls = labelled(conn, "contact_urls", id)?;
    contact.tags = strings(
        conn,
        "SELECT tag AS value FROM contact_tags WHERE contact_id = ?1 ORDER BY tag",
        id,
    )?;
    contact.expertise = strings(
        conn,
        "SELECT topic AS value FROM contact_expertise WHERE contact_id = ?1 ORDER BY lower(topic)",
        id,
    )?;
    contact.dates = super::dates::read(conn, id)?;
    contact.addresses = conn
        .prepare_cached(&format!(
            "SELECT {} FROM contact_addresses WHERE contact_id = ?1 ORDER BY position",
            rows::ADDRESS_COLUMNS
        ))?
        .query_map([id], rows::address)?
        .collect::<rusqlite::Result<_>>()?;
    contact.related = conn
        .prepare_cached(
            "SELECT c.id, c.name, r.relation FROM contact_relations r
             JOIN contacts c ON c.id = r.related_id
             WHERE r.contact_id = ?1 ORDER BY c.name_key, r.relation",
        )?
        .query_map([id], rows::relation)?
        .collect::<rusqlite::Result<Vec<Relation>>>()?;
    Ok(contact)
}

/// A person's organisations, or an organisation's people.
pub(super) fn affiliations_of(conn: &Connection, id: i64) -> Result<Vec<Affiliation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM affiliations a
         JOIN contacts p ON p.id = a.person_id JOIN contacts o ON o.id = a.org_id
         WHERE a.person_id = ?1 OR a.org_id = ?1 ORDER BY {}",
        rows::AFFILIATION_COLUMNS,
        rows::AFFILIATION_ORDER
    ))?;
    let rows = stmt.query_map([id], rows::affiliation)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn labelled(conn: &Connection, table: &str, id: i64) -> Result<Vec<Labelled>> {
    // `table` is one of three fixed names chosen by this module, never input.
    let sql = format!("SELECT value, label FROM {table} WHERE contact_id = ?1 ORDER BY position");
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([id], rows::labelled)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn strings(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map([id], |row| row.get("value"))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Writer<'_> {
    /// Runs `edit` on contact `id` and describes what it changed.
    pub(crate) fn described_edit(
        &self,
        id: i64,
        new_org: Option<ContactRef>,
        edit: impl FnOnce(&Self) -> Result<()>,
    ) -> Result<Change> {
        let before = read_contact(&self.tx, id)?;
        let orgs_before = self.affiliation_names(id)?;
        edit(self)?;
        let after = read_contact(&self.tx, id)?;
        let orgs_after = self.affiliation_names(id)?;
        Ok(Change::EditedContact {
            contact: ContactRef {
                id,
                name: after.name.clone(),
            },
            fields: super::describe::contact_fields(&before, &after, &orgs_before, &orgs_after),
            new_org,
        })
    }

    /// Adds a contact, every field through its rule. Returns its id.
    pub(crate) fn insert_contact(&self, new: &NewContact) -> Result<i64> {
        let name = rules::contact_name(&new.name)?;
        let circle = rules::circle(new.kind, new.circle)?;
        let cadence = new.cadence_days.map(rules::cadence).transpose()?;
        let birthday = new.birthday.as_deref().map(rules::birthday).transpose()?;
        rules::distinct_date_labels(&new.dates)?;
        let met_on = new
            .met_on
            .map(|d| rules::date(Field::MetOn, d))
            .transpose()?;
        let snoozed = new
            .snoozed_until
            .map(|d| rules::date(Field::SnoozedUntil, d))
            .transpose()?;
        let uid = new.uid.as_deref().map(rules::uid).transpose()?;
        if let Some(uid) = &uid
            && self.contact_by_uid(uid)?.is_some()
        {
            return Err(Refusal::UidTaken(uid.clone()).into());
        }
        if let Some(through) = new.met_through {
            kind_of(&self.tx, through)?;
        }
        // The id a new row gets (the highest plus one; the write lock is
        // held), so that the UID made of it is written with the row rather
        // than by a second statement.
        let id: i64 = self
            .tx
            .prepare_cached("SELECT coalesce(max(id), 0) + 1 AS next FROM contacts")?
            .query_row([], |row| row.get("next"))?;
        let uid = match uid {
            Some(uid) => uid,
            None => self.free_derived_uid(id, &name)?,
        };
        self.tx
            .prepare_cached(
                "INSERT INTO contacts (id, kind, name, name_key, circle, note, met_how, met_through, cadence_days,
                                       nickname, birthday, met_on, snoozed_until, archived, reminders,
                                       created_at, updated_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
            )?
            .execute(params![
                id,
                new.kind,
                name,
                fold(&name),
                circle,
                rules::text(&new.note),
                rules::text(&new.met_how),
                new.met_through,
                cadence,
                rules::text(&new.nickname),
                birthday,
                met_on,
                snoozed,
                new.archived,
                new.reminders,
                self.now,
                uid
            ])?;
        values::add(&self.tx, id, &new.values(), Holding::Nothing)?;
        for (org, title) in &new.organisations {
            self.affiliate(id, new.kind, *org, title.as_deref(), None)?;
        }
        Ok(id)
    }

    /// The UID ties makes for a new contact. One that arrived with an
    /// imported card may equal it (a ties export imported under the same
    /// clock): then derive another.
    fn free_derived_uid(&self, id: i64, name: &str) -> Result<String> {
        let mut uid = super::uid::derive_uid(id, &self.now, name);
        let mut salt = 0u32;
        while self.contact_by_uid(&uid)?.is_some() {
            salt += 1;
            uid = super::uid::derive_uid(id, &self.now, &format!("{name}\u{0}{salt}"));
        }
        Ok(uid)
    }

    /// Applies a `ContactEdit`, every changed field through its rule.
    pub(crate) fn apply_edit(&self, id: i64, edit: &ContactEdit) -> Result<()> {
        let tx = &self.tx;
        let kind = kind_of(tx, id)?;
        if let Some(name) = &edit.name {
            let name = rules::contact_name(name)?;
            tx.execute(
                "UPDATE contacts SET name = ?2, name_key = ?3 WHERE id = ?1",
                params![id, name, fold(&name)],
            )?;
        }
        if let Some(circle) = edit.circle {
            let circle = rules::circle(kind, Some(circle))?;
            tx.execute(
                "UPDATE contacts SET circle = ?2 WHERE id = ?1",
                params![id, circle],
            )?;
        }
        if let Some(cadence) = edit.cadence_days {
            let cadence = cadence.map(rules::cadence).transpose()?;
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
            let until = until
                .map(|d| rules::date(Field::SnoozedUntil, d))
                .transpose()?;
            tx.execute(
                "UPDATE contacts SET snoozed_until = ?2 WHERE id = ?1",
                params![id, until],
            )?;
        }
        if let Some(note) = &edit.note {
            tx.execute(
                "UPDATE contacts SET note = ?2 WHERE id = ?1",
                params![id, rules::text(note)],
            )?;
        }
        if let Some(birthday) = &edit.birthday {
            let birthday = birthday.as_deref().map(rules::birthday).transpose()?;
            tx.execute(
                "UPDATE contacts SET birthday = ?2 WHERE id = ?1",
                params![id, birthday],
            )?;
        }
        for label in &edit.remove_dates {
            super::dates::remove(tx, id, label)?;
        }
        for date in &edit.set_dates {
            super::dates::set(tx, id, date)?;
        }
        if let Some(how) = &edit.met_how {
            tx.execute(
                "UPDATE contacts SET met_how = ?2 WHERE id = ?1",
                params![id, rules::text(how)],
            )?;
        }
        if let Some(through) = edit.met_through {
            rules::met_through(id, through)?;
            if let Some(through) = through {
                kind_of(tx, through)?;
            }
            tx.execute(
                "UPDATE contacts SET met_through = ?2 WHERE id = ?1",
                params![id, through],
            )?;
        }
        for email in &edit.remove_emails {
            let key = rules::email_key(email);
            let removed = remove_where(tx, "contact_emails", "value", id, |v| {
                rules::email_key(v) == key
            })?;
            not_on_contact(removed, Field::Email, email)?;
        }
        for phone in &edit.remove_phones {
            let (text, key) = (rules::text(phone), rules::phone_key(phone));
            let removed = remove_where(tx, "contact_phones", "value", id, |v| {
                v == text || (!key.is_empty() && rules::phone_key(v) == key)
            })?;
            not_on_contact(removed, Field::Phone, phone)?;
        }
        for tag in &edit.remove_tags {
            let removed = tx.execute(
                "DELETE FROM contact_tags WHERE contact_id = ?1 AND tag = ?2",
                params![id, rules::normal_tag(tag)],
            )?;
            not_on_contact(removed, Field::Tag, tag)?;
        }
        for topic in &edit.remove_expertise {
            let key = rules::expertise_key(topic);
            let removed = remove_where(tx, "contact_expertise", "topic", id, |v| {
                rules::expertise_key(v) == key
            })?;
            not_on_contact(removed, Field::Expertise, topic)?;
        }
        for org in &edit.remove_organisations {
            tx.execute(
                "DELETE FROM affiliations WHERE person_id = ?1 AND org_id = ?2",
                params![id, org],
            )?;
        }
        values::add(
            tx,
            id,
            &Values {
                emails: &edit.add_emails,
                phones: &edit.add_phones,
                tags: &edit.add_tags,
                expertise: &edit.add_expertise,
                ..Values::default()
            },
            Holding::Stored,
        )?;
        for (org, title) in &edit.add_organisations {
            self.affiliate(id, kind, *org, title.as_deref(), None)?;
        }
        self.touch(id)
    }

    pub(crate) fn set_archived(&self, id: i64, archived: bool) -> Result<()> {
        kind_of(&self.tx, id)?;
        self.tx
            .prepare_cached("UPDATE contacts SET archived = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, archived, self.now])?;
        Ok(())
    }

    /// Marks a contact as changed now.
    pub(crate) fn touch(&self, id: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE contacts SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![id, self.now])?;
        Ok(())
    }

    /// Makes `person` (of kind `kind`) a member of `org`, or fills the
    /// title or unit the membership lacks; never overwrites them. Returns
    /// whether anything changed.
    pub(crate) fn affiliate(
        &self,
        person: i64,
        kind: Kind,
        org: i64,
        title: Option<&str>,
        unit: Option<&str>,
    ) -> Result<bool> {
        let org_kind = kind_of(&self.tx, org)?;
        if kind == Kind::Org || org_kind != Kind::Org {
            let org_ref = ContactRef {
                id: org,
                name: contact_name(&self.tx, org)?,
            };
            rules::affiliation(kind, (&org_ref, org_kind))?;
        }
        let title = rules::optional_text(title);
        let unit = rules::optional_text(unit);
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO affiliations (person_id, org_id, title, unit) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![person, org, title, unit])?;
        if inserted > 0 {
            return Ok(true);
        }
        let filled = self
            .tx
            .prepare_cached(
                "UPDATE affiliations SET title = coalesce(title, ?3), unit = coalesce(unit, ?4)
                 WHERE person_id = ?1 AND org_id = ?2
                   AND ((title IS NULL AND ?3 IS NOT NULL) OR (unit IS NULL AND ?4 IS NOT NULL))",
            )?
            .execute(params![person, org, title, unit])?;
        Ok(filled > 0)
    }

    /// Adds the values a contact lacks; returns whether it lacked any.
    pub(crate) fn add_values(&self, id: i64, values: &Values<'_>) -> Result<bool> {
        values::add(&self.tx, id, values, Holding::Stored)
    }

    pub(crate) fn count_contacts(&self) -> Result<i64> {
        count_contacts(&self.tx)
    }

    /// The contact with this UID: its own, or one of a contact merged into it.
    pub(crate) fn contact_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT id FROM contacts WHERE uid = ?1
                 UNION ALL SELECT contact_id AS id FROM contact_uids WHERE uid = ?1 LIMIT 1",
            )?
            .query_row([uid.trim()], |row| row.get("id"))
            .optional()?)
    }

    pub(crate) fn contact_name(&self, id: i64) -> Result<String> {
        contact_name(&self.tx, id)
    }
}

/// Deletes the contact's values of `column` in `table` (fixed names of this
/// module, never input) that `matches` picks; returns how many. The match
/// is the field's rule in Rust, not SQL's ASCII-only `lower`.
fn remove_where(
    conn: &Connection,
    table: &str,
    column: &str,
    id: i64,
    matches: impl Fn(&str) -> bool,
) -> Result<usize> {
    let held: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT {column} AS value FROM {table} WHERE contact_id = ?1"
        ))?
        .query_map([id], |row| row.get("value"))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = 0;
    for value in held.iter().filter(|v| matches(v)) {
        removed += conn
            .prepare_cached(&format!(
                "DELETE FROM {table} WHERE contact_id = ?1 AND {column} = ?2"
            ))?
            .execute(params![id, value])?;
    }
    Ok(removed)
}

fn not_on_contact(removed: usize, field: Field, value: &str) -> Result<()> {
    if removed == 0 {
        return Err(Refusal::NotOnContact {
            field,
            value: value.to_string(),
        }
        .into());
    }
    Ok(())
}

pub(super) fn kind_of(conn: &Connection, id: i64) -> Result<Kind> {
    conn.prepare_cached("SELECT kind FROM contacts WHERE id = ?1")?
        .query_row([id], |row| row.get("kind"))
        .optional()?
        .ok_or_else(|| no_such_contact(id))
}

fn contact_name(conn: &Connection, id: i64) -> Result<String> {
    conn.prepare_cached("SELECT name FROM contacts WHERE id = ?1")?
        .query_row([id], |row| row.get("name"))
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

/// The fields an edit of a contact changed.
fn edited_fields(change: &Change) -> Vec<FieldChange> {
    match change {
        Change::EditedContact { fields, .. } => fields.clone(),
        _ => Vec::new(),
    }
}

/// More names than this are looked up in one read of every contact rather
/// than one index lookup each.
const FEW_NAMES: usize = 32;

/// See `Store::contact_namer`.
pub struct ContactNamer<'s> {
    store: &'s Store,
    every: Option<Resolver>,
}

impl ContactNamer<'_> {
    /// The contact `query` names, as `resolve::pick` over every contact
    /// would answer.
    pub fn pick(&mut self, query: &str) -> Result<Candidate> {
        if self.every.is_none() {
            if let Some(few) = self.store.contacts_named_exactly(query, None)? {
                return Ok(resolve::pick(kind_word(None), query, &few)?.clone());
            }
            self.every = Some(self.store.contact_resolver(None)?);
        }
        let every = self.every.as_ref().expect("read just above");
        Ok(every.pick(query)?.clone())
    }
}
