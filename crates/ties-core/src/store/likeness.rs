//! What finding duplicates reads: every contact's name, kind, emails,
//! phones and organisations, in one query per table (or, for a new
//! contact, only those that share one of them). The judging is
//! `crate::duplicates`.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension};

use super::{NewContact, Store};
use crate::duplicates::{self, Duplicate, Facts, Likeness};
use crate::error::Result;
use crate::model::ContactRef;
use crate::rules;
use crate::text::fold;

impl Store {
    /// Likely duplicate pairs among all contacts, with the reasons.
    pub fn duplicates(&self) -> Result<Vec<Duplicate>> {
        Ok(duplicates::find(&all_facts(&self.conn)?))
    }

    /// The contacts a new one would look like (the same name, email or
    /// phone, or a very close name in one of its organisations), for a
    /// warning before or after it is added. Invalid values are left out:
    /// adding will refuse them anyway.
    pub fn contacts_like(&self, new: &NewContact) -> Result<Vec<Likeness>> {
        let conn = &self.conn;
        let mut org_name = conn.prepare_cached("SELECT name FROM contacts WHERE id = ?1")?;
        let mut orgs = Vec::new();
        for (id, _) in &new.organisations {
            if let Some(name) = org_name
                .query_row([id], |row| row.get::<_, String>("name"))
                .optional()?
            {
                orgs.push(ContactRef { id: *id, name });
            }
        }
        let facts = Facts {
            contact: ContactRef {
                id: 0,
                name: new.name.clone(),
            },
            kind: new.kind,
            emails: new
                .emails
                .iter()
                .filter_map(|e| rules::email(&e.value).ok())
                .map(|e| rules::email_key(&e))
                .collect(),
            phones: new
                .phones
                .iter()
                .filter_map(|p| rules::phone(&p.value).ok())
                .map(|p| rules::phone_key(&p))
                .collect(),
            orgs,
        };
        let alike = facts_of(conn, &ids_alike(conn, &facts)?)?;
        Ok(duplicates::like(&facts, &alike))
    }
}

/// The contacts that share something with `new` that `duplicates::like`
/// judges by: an email, a phone, the folded name, an organisation. Each is
/// an index lookup, so adding a contact costs what it resembles, not the
/// size of the address book.
fn ids_alike(conn: &Connection, new: &Facts) -> Result<BTreeSet<i64>> {
    let mut ids = BTreeSet::new();
    let mut collect = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<()> {
        let mut stmt = conn.prepare_cached(sql)?;
        let found = stmt.query_map([key], |row| row.get::<_, i64>(0))?;
        for id in found {
            ids.insert(id?);
        }
        Ok(())
    };
    for email in &new.emails {
        collect(
            "SELECT contact_id FROM contact_emails WHERE lower(value) = ?1",
            email,
        )?;
    }
    for phone in new.phones.iter().filter(|p| !p.is_empty()) {
        collect(
            "SELECT contact_id FROM contact_phones WHERE value_key = ?1",
            phone,
        )?;
    }
    collect(
        "SELECT id FROM contacts WHERE name_key = ?1",
        &fold(&new.contact.name),
    )?;
    for org in &new.orgs {
        collect(
            "SELECT person_id FROM affiliations WHERE org_id = ?1",
            &org.id,
        )?;
    }
    Ok(ids)
}

/// What `all_facts` reads, for these contacts only.
fn facts_of(conn: &Connection, ids: &BTreeSet<i64>) -> Result<Vec<Facts>> {
    let mut contact = conn.prepare_cached("SELECT id, name, kind FROM contacts WHERE id = ?1")?;
    let mut emails =
        conn.prepare_cached("SELECT value FROM contact_emails WHERE contact_id = ?1")?;
    let mut phones =
        conn.prepare_cached("SELECT value_key FROM contact_phones WHERE contact_id = ?1")?;
    let mut orgs = conn.prepare_cached(
        "SELECT o.id, o.name FROM affiliations a JOIN contacts o ON o.id = a.org_id
         WHERE a.person_id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let (name, kind) =
            contact.query_row([id], |row| Ok((row.get("name")?, row.get("kind")?)))?;
        out.push(Facts {
            contact: ContactRef { id, name },
            kind,
            emails: emails
                .query_map([id], |row| row.get::<_, String>("value"))?
                .map(|v| v.map(|v| rules::email_key(&v)))
                .collect::<rusqlite::Result<_>>()?,
            phones: phones
                .query_map([id], |row| row.get("value_key"))?
                .collect::<rusqlite::Result<_>>()?,
            orgs: orgs
                .query_map([id], |row| {
                    Ok(ContactRef {
                        id: row.get("id")?,
                        name: row.get("name")?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?,
        });
    }
    Ok(out)
}

fn all_facts(conn: &Connection) -> Result<Vec<Facts>> {
    let mut facts: Vec<Facts> = conn
        .prepare_cached("SELECT id, name, kind FROM contacts ORDER BY id")?
        .query_map([], |row| {
            Ok(Facts {
                contact: ContactRef {
                    id: row.get("id")?,
                    name: row.get("name")?,
                },
                kind: row.get("kind")?,
                emails: Vec::new(),
                phones: Vec::new(),
                orgs: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = facts
        .iter()
        .enumerate()
        .map(|(i, f)| (f.contact.id, i))
        .collect();
    let mut emails = conn.prepare_cached("SELECT contact_id, value FROM contact_emails")?;
    let mut rows = emails.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get::<_, i64>("contact_id")?) {
            facts[i]
                .emails
                .push(rules::email_key(&row.get::<_, String>("value")?));
        }
    }
    let mut phones = conn.prepare_cached("SELECT contact_id, value_key FROM contact_phones")?;
    let mut rows = phones.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get::<_, i64>("contact_id")?) {
            facts[i].phones.push(row.get("value_key")?);
        }
    }
    let mut orgs = conn.prepare_cached(
        "SELECT a.person_id, o.id, o.name FROM affiliations a JOIN contacts o ON o.id = a.org_id",
    )?;
    let mut rows = orgs.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get::<_, i64>("person_id")?) {
            facts[i].orgs.push(ContactRef {
                id: row.get("id")?,
                name: row.get("name")?,
            });
        }
    }
    Ok(facts)
}
