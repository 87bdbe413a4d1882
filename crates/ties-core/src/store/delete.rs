//! Deleting a contact for good: its items, memberships, affiliations,
//! relations and its own lists go; interactions it shared with others stay,
//! without it; interactions it was the only participant of go too. The
//! plan says so beforehand, and is what the deletion then does.

use std::fmt;

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Store, contacts, rows};
use crate::change::Change;
use crate::error::Result;
use crate::model::{ContactRef, Kind, NetworkRef};

/// What deleting a contact takes with it: the faces show it before asking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeletePlan {
    pub contact: ContactRef,
    pub kind: Kind,
    /// Every interaction it was in.
    pub interactions: usize,
    /// Of those, the ones shared with others: they stay, without it.
    pub shared: usize,
    /// Items it is the counterparty of (all go).
    pub items: usize,
    pub networks: Vec<NetworkRef>,
    /// Its organisations (for a person) or its people (for an organisation).
    pub affiliations: Vec<ContactRef>,
    /// Links to and from other contacts (spouse, colleague…).
    pub relations: usize,
    /// Contacts who were met through it: they keep everything but the link.
    pub met_through_of: Vec<ContactRef>,
}

impl DeletePlan {
    /// Interactions that go with the contact (it was their only participant).
    pub fn alone(&self) -> usize {
        self.interactions - self.shared
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Bob Smith #141: 14 interactions (3 shared, kept), 22 items, 2 networks".
impl fmt::Display for DeletePlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} #{}: {}",
            self.contact.name,
            self.contact.id,
            count(self.interactions, "interaction", "interactions")
        )?;
        if self.shared > 0 {
            write!(f, " ({} shared, kept)", self.shared)?;
        }
        write!(f, ", {}", count(self.items, "item", "items"))?;
        if !self.networks.is_empty() {
            write!(f, ", {}", count(self.networks.len(), "network", "networks"))?;
        }
        if !self.affiliations.is_empty() {
            let (one, many) = match self.kind {
                Kind::Person => ("organisation", "organisations"),
                Kind::Org => ("person", "people"),
            };
            write!(f, ", {}", count(self.affiliations.len(), one, many))?;
        }
        if self.relations > 0 {
            write!(f, ", {}", count(self.relations, "relation", "relations"))?;
        }
        if !self.met_through_of.is_empty() {
            write!(
                f,
                ", the link of {} met through them",
                count(self.met_through_of.len(), "contact", "contacts")
            )?;
        }
        Ok(())
    }
}

impl Store {
    /// What deleting contact `id` would take with it.
    pub fn delete_plan(&self, id: i64) -> Result<DeletePlan> {
        delete_plan(&self.conn, id)
    }

    /// Deletes contact `id` for good (undo brings it back); returns what
    /// went, as `delete_plan` said.
    pub fn delete_contact(&mut self, id: i64) -> Result<DeletePlan> {
        self.write(|w| {
            let plan = delete_plan(&w.tx, id)?;
            w.drop_contact(id)?;
            let change = Change::DeletedContact {
                contact: plan.contact.clone(),
                interactions: plan.interactions,
                items: plan.items,
            };
            Ok((plan, change))
        })
    }
}

pub(super) fn delete_plan(conn: &Connection, id: i64) -> Result<DeletePlan> {
    let kind = contacts::kind_of(conn, id)?;
    let contact = contacts::read_contact(conn, id)?;
    let (interactions, shared): (i64, i64) = conn
        .prepare_cached(
            "SELECT count(*) AS n,
                    coalesce(sum((SELECT count(*) FROM interaction_participants o
                                  WHERE o.interaction_id = p.interaction_id) > 1), 0) AS shared
             FROM interaction_participants p WHERE p.contact_id = ?1",
        )?
        .query_row([id], |row| Ok((row.get("n")?, row.get("shared")?)))?;
    let items: i64 = conn
        .prepare_cached("SELECT count(*) AS n FROM items WHERE counterparty_id = ?1")?
        .query_row([id], |row| row.get("n"))?;
    let networks = conn
        .prepare_cached(
            "SELECT n.id, n.name FROM network_members m JOIN networks n ON n.id = m.network_id
             WHERE m.contact_id = ?1 ORDER BY n.name_key",
        )?
        .query_map([id], rows::network_ref)?
        .collect::<rusqlite::Result<_>>()?;
    let affiliations = conn
        .prepare_cached(
            "SELECT c.id, c.name FROM affiliations a
             JOIN contacts c ON c.id = CASE WHEN a.person_id = ?1 THEN a.org_id ELSE a.person_id END
             WHERE a.person_id = ?1 OR a.org_id = ?1 ORDER BY c.name_key",
        )?
        .query_map([id], rows::contact_ref)?
        .collect::<rusqlite::Result<_>>()?;
    let relations: i64 = conn
        .prepare_cached(
            "SELECT count(*) AS n FROM contact_relations WHERE contact_id = ?1 OR related_id = ?1",
        )?
        .query_row([id], |row| row.get("n"))?;
    let met_through_of = conn
        .prepare_cached(
            "SELECT id, name FROM contacts WHERE met_through = ?1 AND id <> ?1 ORDER BY name_key",
        )?
        .query_map([id], rows::contact_ref)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(DeletePlan {
        contact: ContactRef {
            id,
            name: contact.name,
        },
        kind,
        interactions: interactions as usize,
        shared: shared as usize,
        items: items as usize,
        networks,
        affiliations,
        relations: relations as usize,
        met_through_of,
    })
}

impl super::Writer<'_> {
    /// Deletes a contact and everything that is only its. What it shared
    /// is deleted row by row before the contact itself, so the history
    /// records each row before its contact and an undo writes the contact
    /// back first.
    pub(crate) fn drop_contact(&self, id: i64) -> Result<()> {
        let tx = &self.tx;
        // Its figures go with it; not keeping them current row by row
        // makes deleting a contact of thousands of interactions fast.
        tx.prepare_cached("DELETE FROM contact_stats WHERE contact_id = ?1")?
            .execute([id])?;
        tx.prepare_cached("DELETE FROM items WHERE counterparty_id = ?1")?
            .execute([id])?;
        let alone: Vec<i64> = tx
            .prepare_cached(
                "SELECT p.interaction_id AS id FROM interaction_participants p
                 WHERE p.contact_id = ?1 AND NOT EXISTS (
                     SELECT 1 FROM interaction_participants o
                     WHERE o.interaction_id = p.interaction_id AND o.contact_id <> ?1)",
            )?
            .query_map([id], |row| row.get("id"))?
            .collect::<rusqlite::Result<_>>()?;
        tx.prepare_cached("DELETE FROM interaction_participants WHERE contact_id = ?1")?
            .execute([id])?;
        // In one statement: each statement that touches the search index
        // makes FTS5 write what it holds out as a segment of its own.
        tx.prepare_cached(
            "DELETE FROM interactions WHERE id IN (SELECT value FROM json_each(?1))",
        )?
        .execute([serde_json::Value::from(alone).to_string()])?;
        tx.prepare_cached(
            "UPDATE contacts SET met_through = NULL WHERE met_through = ?1 AND id <> ?1",
        )?
        .execute([id])?;
        for sql in [
            "DELETE FROM network_members WHERE contact_id = ?1",
            "DELETE FROM affiliations WHERE person_id = ?1 OR org_id = ?1",
            "DELETE FROM contact_relations WHERE contact_id = ?1 OR related_id = ?1",
            "DELETE FROM contact_emails WHERE contact_id = ?1",
            "DELETE FROM contact_phones WHERE contact_id = ?1",
            "DELETE FROM contact_urls WHERE contact_id = ?1",
            "DELETE FROM contact_addresses WHERE contact_id = ?1",
            "DELETE FROM contact_tags WHERE contact_id = ?1",
            "DELETE FROM contact_expertise WHERE contact_id = ?1",
            "DELETE FROM contact_vcard_extras WHERE contact_id = ?1",
            "DELETE FROM contact_uids WHERE contact_id = ?1",
            "DELETE FROM contacts WHERE id = ?1",
        ] {
            tx.prepare_cached(sql)?.execute(params![id])?;
        }
        Ok(())
    }
}
