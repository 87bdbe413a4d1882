//! A contact's lists (emails, phones, links, addresses, tags, expertise,
//! kept vCard lines): adding what a contact lacks, by each list's rule.
//! `add`, `edit`, an import's new contacts and its merges all add values
//! here, so "already there" means the same thing for all of them (an email
//! of another case is the same email; a phone is its digits).
//!
//! What the contact holds is read once per list and compared in memory, so
//! adding n values to a contact costs n inserts, not n scans of its list;
//! a contact inserted a moment ago holds nothing, and is not read at all.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::model::{Address, ContactDate, Labelled};
use crate::rules;

/// Values to add to a contact; what it holds already is left out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Values<'a> {
    pub emails: &'a [Labelled],
    pub phones: &'a [Labelled],
    pub urls: &'a [Labelled],
    pub addresses: &'a [Address],
    pub tags: &'a [String],
    pub expertise: &'a [String],
    /// vCard lines ties has no field for, kept as they came.
    pub extras: &'a [String],
    /// Labelled dates: those of a label the contact has no date for.
    pub dates: &'a [ContactDate],
}

/// What the contact holds before values are added to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holding {
    /// A contact inserted by this write a moment ago: nothing, so there is
    /// nothing to read (an import adds thousands of them).
    Nothing,
    /// A contact that was there: what it has stored is read first.
    Stored,
}

/// Adds `values` to contact `id`; returns whether anything was added. Every
/// value must pass its rule (an invalid email is an error, not skipped).
/// Values repeated within `values` are added once either way.
pub(super) fn add(
    conn: &Connection,
    id: i64,
    values: &Values<'_>,
    holding: Holding,
) -> Result<bool> {
    let mut added = false;
    if !values.emails.is_empty() {
        let mut list = List::read(conn, holding, "contact_emails", id, |row| {
            Ok(rules::email_key(&row.get::<_, String>("value")?))
        })?;
        for email in values.emails {
            let value = rules::email(&email.value)?;
            if list.insert(rules::email_key(&value)) {
                conn.prepare_cached(
                    "INSERT INTO contact_emails (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, list.next(), value, rules::label(email.label.as_deref())])?;
                added = true;
            }
        }
    }
    if !values.phones.is_empty() {
        let mut list = List::read(conn, holding, "contact_phones", id, |row| {
            row.get("value_key")
        })?;
        for phone in values.phones {
            let value = rules::phone(&phone.value)?;
            let key = rules::phone_key(&value);
            if list.insert(key.clone()) {
                conn.prepare_cached(
                    "INSERT INTO contact_phones (contact_id, position, value, value_key, label) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![id, list.next(), value, key, rules::label(phone.label.as_deref())])?;
                added = true;
            }
        }
    }
    if !values.urls.is_empty() {
        let mut list = List::read(conn, holding, "contact_urls", id, |row| row.get("value"))?;
        for url in values.urls {
            let value = rules::url(&url.value)?;
            if list.insert(value.clone()) {
                conn.prepare_cached(
                    "INSERT INTO contact_urls (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, list.next(), value, rules::label(url.label.as_deref())])?;
                added = true;
            }
        }
    }
    if !values.addresses.is_empty() {
        let mut list = List::read(conn, holding, "contact_addresses", id, |row| {
            Ok(address_key(&super::rows::address(row)?))
        })?;
        for address in values.addresses {
            let address = clean_address(address);
            if address.is_empty() {
                continue;
            }
            if list.insert(address_key(&address)) {
                conn.prepare_cached(
                    "INSERT INTO contact_addresses
                         (contact_id, position, label, po_box, extended, street, locality, region, postal_code, country)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    id,
                    list.next(),
                    address.label,
                    address.po_box,
                    address.extended,
                    address.street,
                    address.locality,
                    address.region,
                    address.postal_code,
                    address.country
                ])?;
                added = true;
            }
        }
    }
    for tag in values.tags {
        let tag = rules::tag(tag)?;
        added |= conn
            .prepare_cached("INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)")?
            .execute(params![id, tag])?
            > 0;
    }
    if !values.expertise.is_empty() {
        let mut known: HashSet<String> = match holding {
            Holding::Nothing => HashSet::new(),
            Holding::Stored => conn
                .prepare_cached("SELECT topic FROM contact_expertise WHERE contact_id = ?1")?
                .query_map([id], |row| row.get::<_, String>("topic"))?
                .map(|topic| topic.map(|t| rules::expertise_key(&t)))
                .collect::<rusqlite::Result<_>>()?,
        };
        for topic in values.expertise {
            let topic = rules::expertise(topic)?;
            if known.insert(rules::expertise_key(&topic)) {
                conn.prepare_cached(
                    "INSERT INTO contact_expertise (contact_id, topic) VALUES (?1, ?2)",
                )?
                .execute(params![id, topic])?;
                added = true;
            }
        }
    }
    if !values.extras.is_empty() {
        let mut list = List::read(conn, holding, "contact_vcard_extras", id, |row| {
            row.get("line")
        })?;
        for line in values.extras {
            if list.insert(line.clone()) {
                conn.prepare_cached(
                    "INSERT INTO contact_vcard_extras (contact_id, position, line) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, list.next(), line])?;
                added = true;
            }
        }
    }
    added |= super::dates::add_missing(conn, id, values.dates)?;
    Ok(added)
}

/// A contact's ordered list as the keys its values are compared by, and the
/// next free position.
struct List {
    keys: HashSet<String>,
    next: i64,
}

impl List {
    /// `table` is one of this module's fixed names, never input.
    fn read(
        conn: &Connection,
        holding: Holding,
        table: &str,
        id: i64,
        key: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<String>,
    ) -> Result<List> {
        if holding == Holding::Nothing {
            return Ok(List {
                keys: HashSet::new(),
                next: 0,
            });
        }
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT * FROM {table} WHERE contact_id = ?1 ORDER BY position"
        ))?;
        let mut rows = stmt.query([id])?;
        let mut list = List {
            keys: HashSet::new(),
            next: 0,
        };
        while let Some(row) = rows.next()? {
            list.keys.insert(key(row)?);
            list.next = list.next.max(row.get::<_, i64>("position")? + 1);
        }
        Ok(list)
    }

    /// Whether `key` is new to the list (and now in it).
    fn insert(&mut self, key: String) -> bool {
        self.keys.insert(key)
    }

    /// The position for the value just inserted.
    fn next(&mut self) -> i64 {
        self.next += 1;
        self.next - 1
    }
}

/// An address with each part cleaned and its label normalised.
pub(super) fn clean_address(a: &Address) -> Address {
    Address {
        label: rules::label(a.label.as_deref()),
        po_box: rules::text(&a.po_box),
        extended: rules::text(&a.extended),
        street: rules::text(&a.street),
        locality: rules::text(&a.locality),
        region: rules::text(&a.region),
        postal_code: rules::text(&a.postal_code),
        country: rules::text(&a.country),
    }
}

/// Two addresses are one when every part is the same (labels aside).
fn address_key(a: &Address) -> String {
    [
        &a.po_box,
        &a.extended,
        &a.street,
        &a.locality,
        &a.region,
        &a.postal_code,
        &a.country,
    ]
    .iter()
    .map(|part| part.as_str())
    .collect::<Vec<_>>()
    .join("\u{1f}")
}
