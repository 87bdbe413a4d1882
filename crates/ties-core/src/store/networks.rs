//! Networks: the plan for each association, community or partner group.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Store, Writer, rows};
use crate::change::Change;
use crate::error::{Field, Refusal, Result};
use crate::model::{ContactRef, Intent, Interaction, Network, NetworkRef, Role};
use crate::resolve::{self, Candidate};
use crate::rules;
use crate::text::fold_keeping_symbols;

#[derive(Debug, Clone)]
pub struct NewNetwork {
    pub name: String,
    pub goal: String,
    pub role: Role,
    pub intent: Intent,
    pub hours_per_month: Option<f64>,
    pub review_on: Option<NaiveDate>,
    pub note: String,
}

impl NewNetwork {
    pub fn new(name: impl Into<String>) -> Self {
        NewNetwork {
            name: name.into(),
            goal: String::new(),
            role: Role::Member,
            intent: Intent::Keep,
            hours_per_month: None,
            review_on: None,
            note: String::new(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NetworkEdit {
    pub name: Option<String>,
    pub goal: Option<String>,
    pub role: Option<Role>,
    pub intent: Option<Intent>,
    pub hours_per_month: Option<Option<f64>>,
    pub review_on: Option<Option<NaiveDate>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkDetail {
    #[serde(flatten)]
    pub network: Network,
    pub members: Vec<ContactRef>,
    /// Newest first.
    pub interactions: Vec<Interaction>,
}

impl Store {
    pub fn add_network(&mut self, new: &NewNetwork) -> Result<i64> {
        self.write(|w| {
            let id = w.insert_network(new)?;
            let network = w.network_ref(id)?;
            Ok((id, Change::AddedNetwork { network }))
        })
    }

    pub fn edit_network(&mut self, id: i64, edit: &NetworkEdit) -> Result<()> {
        self.write(|w| {
            let tx = &w.tx;
            let before = read_network(tx, id)?;
            if let Some(name) = &edit.name {
                let name = rules::network_name(name)?;
                ensure_free_name(tx, &name, Some(id))?;
                tx.execute(
                    "UPDATE networks SET name = ?2, name_key = ?3 WHERE id = ?1",
                    params![id, name, network_key(&name)],
                )?;
            }
            if let Some(goal) = &edit.goal {
                tx.execute(
                    "UPDATE networks SET goal = ?2 WHERE id = ?1",
                    params![id, rules::text(goal)],
                )?;
            }
            if let Some(role) = edit.role {
                tx.execute(
                    "UPDATE networks SET role = ?2 WHERE id = ?1",
                    params![id, role],
                )?;
            }
            if let Some(intent) = edit.intent {
                tx.execute(
                    "UPDATE networks SET intent = ?2 WHERE id = ?1",
                    params![id, intent],
                )?;
            }
            if let Some(hours) = edit.hours_per_month {
                let hours = hours.map(rules::hours_per_month).transpose()?;
                tx.execute(
                    "UPDATE networks SET hours_per_month = ?2 WHERE id = ?1",
                    params![id, hours],
                )?;
            }
            if let Some(review) = edit.review_on {
                let review = review
                    .map(|d| rules::date(Field::ReviewOn, d))
                    .transpose()?;
                tx.execute(
                    "UPDATE networks SET review_on = ?2 WHERE id = ?1",
                    params![id, review],
                )?;
            }
            if let Some(note) = &edit.note {
                tx.execute(
                    "UPDATE networks SET note = ?2 WHERE id = ?1",
                    params![id, rules::text(note)],
                )?;
            }
            tx.execute(
                "UPDATE networks SET updated_at = ?2 WHERE id = ?1",
                params![id, w.now],
            )?;
            let after = read_network(tx, id)?;
            let change = Change::EditedNetwork {
                network: NetworkRef {
                    id,
                    name: after.name.clone(),
                },
                fields: super::describe::network_fields(&before, &after),
            };
            Ok(((), change))
        })
    }

    /// Adds contacts to a network; returns how many were not members yet.
    pub fn join_network(&mut self, network: i64, contacts: &[i64]) -> Result<usize> {
        self.write(|w| {
            network_exists(&w.tx, network)?;
            let mut added = Vec::new();
            for &contact in contacts {
                if w.join(network, contact, w.today)? {
                    added.push(w.contact_ref(contact)?);
                }
            }
            let change = Change::Joined {
                network: w.network_ref(network)?,
                contacts: added.clone(),
            };
            Ok((added.len(), change))
        })
    }

    /// Removes contacts from a network; returns how many were members.
    pub fn leave_network(&mut self, network: i64, contacts: &[i64]) -> Result<usize> {
        self.write(|w| {
            network_exists(&w.tx, network)?;
            let mut removed = Vec::new();
            for &contact in contacts {
                let name = w.contact_ref(contact);
                let gone = w.tx.execute(
                    "DELETE FROM network_members WHERE network_id = ?1 AND contact_id = ?2",
                    params![network, contact],
                )?;
                if gone > 0 {
                    removed.push(name?);
                }
            }
            let change = Change::Left {
                network: w.network_ref(network)?,
                contacts: removed.clone(),
            };
            Ok((removed.len(), change))
        })
    }

    pub fn network_candidates(&self) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, 0 AS archived FROM networks ORDER BY id")?;
        let rows = stmt.query_map([], rows::candidate)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn resolve_network(&self, query: &str) -> Result<NetworkRef> {
        let candidates = self.network_candidates()?;
        let found = resolve::pick("network", query, &candidates)?;
        Ok(NetworkRef {
            id: found.id,
            name: found.name.clone(),
        })
    }

    pub fn list_networks(&self) -> Result<Vec<Network>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM networks n ORDER BY n.name_key",
            rows::NETWORK_COLUMNS
        ))?;
        let rows = stmt.query_map([], rows::network)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn network(&self, id: i64) -> Result<Network> {
        read_network(&self.conn, id)
    }

    pub fn network_detail(
        &self,
        id: i64,
        interaction_limit: Option<usize>,
    ) -> Result<NetworkDetail> {
        let network = self.network(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name FROM network_members m JOIN contacts c ON c.id = m.contact_id
             WHERE m.network_id = ?1 ORDER BY c.name_key",
        )?;
        let members = stmt
            .query_map([id], rows::contact_ref)?
            .collect::<rusqlite::Result<_>>()?;
        let interactions = self.interactions_of_network(id, interaction_limit)?;
        Ok(NetworkDetail {
            network,
            members,
            interactions,
        })
    }
}

/// A network's fields after their rules.
pub(super) struct CheckedNetwork {
    pub name: String,
    pub goal: String,
    pub hours_per_month: Option<f64>,
    pub review_on: Option<NaiveDate>,
    pub note: String,
}

pub(super) fn check_network(
    name: &str,
    goal: &str,
    hours_per_month: Option<f64>,
    review_on: Option<NaiveDate>,
    note: &str,
) -> Result<CheckedNetwork> {
    Ok(CheckedNetwork {
        name: rules::network_name(name)?,
        goal: rules::text(goal),
        hours_per_month: hours_per_month.map(rules::hours_per_month).transpose()?,
        review_on: review_on
            .map(|d| rules::date(Field::ReviewOn, d))
            .transpose()?,
        note: rules::text(note),
    })
}

impl Writer<'_> {
    pub(crate) fn insert_network(&self, new: &NewNetwork) -> Result<i64> {
        let n = check_network(
            &new.name,
            &new.goal,
            new.hours_per_month,
            new.review_on,
            &new.note,
        )?;
        ensure_free_name(&self.tx, &n.name, None)?;
        self.tx.execute(
            "INSERT INTO networks (name, name_key, goal, role, intent, hours_per_month, review_on, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                n.name,
                network_key(&n.name),
                n.goal,
                new.role,
                new.intent,
                n.hours_per_month,
                n.review_on,
                n.note,
                self.now
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Makes `contact` a member of `network` since `joined_on`; returns
    /// whether they were not one already.
    pub(crate) fn join(&self, network: i64, contact: i64, joined_on: NaiveDate) -> Result<bool> {
        let joined_on = rules::date(Field::JoinedOn, joined_on)?;
        super::contacts::kind_of(&self.tx, contact)?;
        Ok(self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO network_members (network_id, contact_id, joined_on) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![network, contact, joined_on])?
            > 0)
    }

    /// `base`, or `base 2`, `base 3`… when a network of that name exists.
    pub(crate) fn free_network_name(&self, base: &str) -> Result<String> {
        let mut taken = self.tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM networks WHERE name_key = ?1) AS taken",
        )?;
        let mut name = base.to_string();
        for n in 2.. {
            if !taken.query_row([network_key(&name)], |row| row.get::<_, bool>("taken"))? {
                break;
            }
            name = format!("{base} {n}");
        }
        Ok(name)
    }

    /// The network of that name (as `network_key` compares names), if any.
    pub(crate) fn network_named(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM networks WHERE name_key = ?1")?
            .query_row([network_key(name)], |row| row.get("id"))
            .optional()?)
    }
}

fn read_network(conn: &Connection, id: i64) -> Result<Network> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM networks n WHERE n.id = ?1",
        rows::NETWORK_COLUMNS
    ))?;
    Ok(stmt
        .query_row([id], rows::network)
        .optional()?
        .ok_or(Refusal::NoSuchNetwork(id))?)
}

pub(super) fn network_exists(conn: &Connection, id: i64) -> Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM networks WHERE id = ?1) AS found")?
        .query_row([id], |row| row.get("found"))?;
    if !exists {
        return Err(Refusal::NoSuchNetwork(id).into());
    }
    Ok(())
}

pub(super) fn ensure_free_name(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached("SELECT name FROM networks WHERE name_key = ?1 AND id IS NOT ?2")?
        .query_row(params![network_key(name), except], |row| row.get("name"))
        .optional()?;
    match taken {
        Some(existing) => Err(Refusal::NetworkNameTaken(existing).into()),
        None => Ok(()),
    }
}

/// The key a network's name is unique by and found by: case, accents and
/// decorative punctuation ignored, but the symbols that tell names apart
/// kept, so "C++ Users" and "C# Users" are two networks (as organisations
/// are). Migration 7 rewrote the keys of existing networks with it.
pub(crate) fn network_key(name: &str) -> String {
    fold_keeping_symbols(name)
}
