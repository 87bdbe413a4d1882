//! Networks: the plan for each association, community or partner group.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};
use crate::input::MAX_HOURS_PER_MONTH;
use crate::model::{ContactRef, Intent, Interaction, Network, NetworkRef, Role};
use crate::resolve::{self, Candidate};
use crate::text::{clean, fold};

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
        let now = self.clock.timestamp();
        self.write(|tx| insert_network(tx, new, &now))
    }

    pub fn edit_network(&mut self, id: i64, edit: &NetworkEdit) -> Result<()> {
        let now = self.clock.timestamp();
        self.write(|tx| {
            if let Some(name) = &edit.name {
                let name = valid_name(name)?;
                ensure_free_name(tx, &name, Some(id))?;
                tx.execute(
                    "UPDATE networks SET name = ?2, name_key = ?3 WHERE id = ?1",
                    params![id, name, fold(&name)],
                )?;
            }
            if let Some(goal) = &edit.goal {
                tx.execute(
                    "UPDATE networks SET goal = ?2 WHERE id = ?1",
                    params![id, clean(goal)],
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
                tx.execute(
                    "UPDATE networks SET hours_per_month = ?2 WHERE id = ?1",
                    params![id, valid_hours(hours)?],
                )?;
            }
            if let Some(review) = edit.review_on {
                tx.execute(
                    "UPDATE networks SET review_on = ?2 WHERE id = ?1",
                    params![id, review],
                )?;
            }
            if let Some(note) = &edit.note {
                tx.execute(
                    "UPDATE networks SET note = ?2 WHERE id = ?1",
                    params![id, clean(note)],
                )?;
            }
            let changed = tx.execute(
                "UPDATE networks SET updated_at = ?2 WHERE id = ?1",
                params![id, now],
            )?;
            if changed == 0 {
                return Err(Error::rejected(format!("there is no network #{id}")));
            }
            Ok(())
        })
    }

    /// Adds contacts to a network; returns how many were not members yet.
    pub fn join_network(&mut self, network: i64, contacts: &[i64]) -> Result<usize> {
        let today = self.clock.today;
        self.write(|tx| {
            let mut added = 0;
            for contact in contacts {
                added += tx.execute(
                    "INSERT OR IGNORE INTO network_members (network_id, contact_id, joined_on) VALUES (?1, ?2, ?3)",
                    params![network, contact, today],
                )?;
            }
            Ok(added)
        })
    }

    /// Removes contacts from a network; returns how many were members.
    pub fn leave_network(&mut self, network: i64, contacts: &[i64]) -> Result<usize> {
        self.write(|tx| {
            let mut removed = 0;
            for contact in contacts {
                removed += tx.execute(
                    "DELETE FROM network_members WHERE network_id = ?1 AND contact_id = ?2",
                    params![network, contact],
                )?;
            }
            Ok(removed)
        })
    }

    pub fn network_candidates(&self) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, name_key FROM networks ORDER BY id")?;
        let rows = stmt.query_map([], |row| {
            Ok(Candidate {
                id: row.get(0)?,
                name: row.get(1)?,
                key: row.get(2)?,
                archived: false,
            })
        })?;
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
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{NETWORK_SELECT} ORDER BY n.name_key"))?;
        let rows = stmt.query_map([], network_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn network(&self, id: i64) -> Result<Network> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{NETWORK_SELECT} WHERE n.id = ?1"))?;
        stmt.query_row([id], network_from_row)
            .optional()?
            .ok_or_else(|| Error::rejected(format!("there is no network #{id}")))
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
            .query_map([id], |row| {
                Ok(ContactRef {
                    id: row.get(0)?,
                    name: row.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let interactions = self.interactions_of_network(id, interaction_limit)?;
        Ok(NetworkDetail {
            network,
            members,
            interactions,
        })
    }
}

pub(crate) fn insert_network(
    tx: &rusqlite::Connection,
    new: &NewNetwork,
    now: &str,
) -> Result<i64> {
    let name = valid_name(&new.name)?;
    let hours = valid_hours(new.hours_per_month)?;
    ensure_free_name(tx, &name, None)?;
    tx.execute(
        "INSERT INTO networks (name, name_key, goal, role, intent, hours_per_month, review_on, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            name,
            fold(&name),
            clean(&new.goal),
            new.role,
            new.intent,
            hours,
            new.review_on,
            clean(&new.note),
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

const NETWORK_SELECT: &str =
    "SELECT n.id, n.name, n.goal, n.role, n.intent, n.hours_per_month, n.review_on, n.note,
        (SELECT count(*) FROM network_members m WHERE m.network_id = n.id), n.created_at
 FROM networks n";

fn network_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Network> {
    Ok(Network {
        id: row.get(0)?,
        name: row.get(1)?,
        goal: row.get(2)?,
        role: row.get(3)?,
        intent: row.get(4)?,
        hours_per_month: row.get(5)?,
        review_on: row.get(6)?,
        note: row.get(7)?,
        member_count: row.get(8)?,
        created_at: row.get(9)?,
    })
}

fn valid_name(name: &str) -> Result<String> {
    let name = clean(name);
    if fold(&name).is_empty() {
        return Err(Error::rejected(
            "the network name is empty: give it a name, e.g. \"Tampere Tech\"",
        ));
    }
    Ok(name)
}

fn valid_hours(hours: Option<f64>) -> Result<Option<f64>> {
    match hours {
        Some(h) if !(0.0..=MAX_HOURS_PER_MONTH).contains(&h) || h.is_nan() => Err(Error::invalid(
            "hours per month",
            h.to_string(),
            format!("a number from 0 to {MAX_HOURS_PER_MONTH}"),
        )),
        other => Ok(other),
    }
}

fn ensure_free_name(tx: &rusqlite::Connection, name: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<String> = tx
        .query_row(
            "SELECT name FROM networks WHERE name_key = ?1 AND id IS NOT ?2",
            params![fold(name), except],
            |row| row.get(0),
        )
        .optional()?;
    match taken {
        Some(existing) => Err(Error::rejected(format!(
            "a network named '{existing}' already exists: choose another name, or edit it with `ties network edit`"
        ))),
        None => Ok(()),
    }
}
