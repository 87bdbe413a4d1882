//! What finding duplicates reads: every contact's name, kind, emails,
//! phones and organisations, in one query per table. The judging is
//! `crate::duplicates`.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{NewContact, Store};
use crate::duplicates::{self, Duplicate, Facts, Likeness};
use crate::error::Result;
use crate::model::ContactRef;
use crate::rules;

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
        let existing = all_facts(&self.conn)?;
        let names: HashMap<i64, &str> = existing
            .iter()
            .map(|f| (f.contact.id, f.contact.name.as_str()))
            .collect();
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
            orgs: new
                .organisations
                .iter()
                .filter_map(|(id, _)| {
                    names.get(id).map(|name| ContactRef {
                        id: *id,
                        name: name.to_string(),
                    })
                })
                .collect(),
        };
        Ok(duplicates::like(&facts, &existing))
    }
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
