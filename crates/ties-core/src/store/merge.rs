//! Merging two contacts that are one: everything of OTHER moves onto KEEP
//! (interactions, items, memberships, affiliations, relations, who was met
//! through it), KEEP's empty fields are filled from OTHER and KEEP gains
//! the values it lacks (emails, phones, links, addresses, tags, expertise,
//! UIDs), then OTHER is deleted. Items keep their dates and weights, so
//! KEEP's kept balance becomes the sum of both.
//!
//! The plan is the merge itself: `merge_plan` runs it in a transaction it
//! rolls back, so a dry run shows exactly what the merge does.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::values::Values;
use super::{Store, Writer, contacts, rows};
use crate::change::{Change, FieldChange};
use crate::error::{Field, Refusal, Result};
use crate::model::{Contact, ContactRef, Kind, NetworkRef};

/// What merging OTHER into KEEP does (or did).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergePlan {
    pub keep: ContactRef,
    pub other: ContactRef,
    pub kind: Kind,
    /// OTHER's interactions KEEP now takes part in.
    pub interactions_moved: Vec<i64>,
    /// Interactions both were in: KEEP stays in them, once.
    pub interactions_shared: Vec<i64>,
    /// Items with OTHER, now with KEEP.
    pub items_moved: Vec<i64>,
    /// Networks KEEP joins (it was in the others already).
    pub networks_joined: Vec<NetworkRef>,
    /// Organisations (or people) KEEP gains.
    pub affiliations_added: Vec<ContactRef>,
    /// Relations moved to KEEP.
    pub relations_moved: usize,
    /// Contacts met through OTHER, now met through KEEP.
    pub met_through_moved: Vec<ContactRef>,
    /// KEEP's empty fields filled from OTHER (and notes joined).
    pub filled: Vec<FieldChange>,
    /// Fields both had, where KEEP's value stays: `before` is OTHER's value
    /// (not kept), `after` KEEP's.
    pub kept: Vec<FieldChange>,
    /// Values KEEP lacked and gains (emails, phones, links, addresses,
    /// tags, expertise).
    pub added: Vec<FieldChange>,
    /// OTHER's UIDs, now KEEP's too: a later import of OTHER's card finds
    /// KEEP.
    pub uids_added: Vec<String>,
}

impl Store {
    /// What merging `other` into `keep` would do, without doing it.
    pub fn merge_plan(&mut self, keep: i64, other: i64) -> Result<MergePlan> {
        self.rehearse(|w| merge(w, keep, other))
    }

    /// Merges `other` into `keep` and deletes `other`; returns what it did.
    /// Refused for a contact and itself, and for a person and an
    /// organisation.
    pub fn merge_contacts(&mut self, keep: i64, other: i64) -> Result<MergePlan> {
        self.write(|w| merge(w, keep, other))
    }
}

fn merge(w: &Writer<'_>, keep: i64, other: i64) -> Result<(MergePlan, Change)> {
    let plan = w.merge(keep, other)?;
    let change = Change::Merged {
        kept: plan.keep.clone(),
        other: plan.other.clone(),
    };
    Ok((plan, change))
}

impl Writer<'_> {
    fn merge(&self, keep: i64, other: i64) -> Result<MergePlan> {
        let tx = &self.tx;
        let keep_kind = contacts::kind_of(tx, keep)?;
        let other_kind = contacts::kind_of(tx, other)?;
        let kept = contacts::read_contact(tx, keep)?;
        let gone = contacts::read_contact(tx, other)?;
        let keep_ref = ContactRef {
            id: keep,
            name: kept.name.clone(),
        };
        let other_ref = ContactRef {
            id: other,
            name: gone.name.clone(),
        };
        if keep == other {
            return Err(Refusal::MergeWithItself(keep_ref).into());
        }
        if keep_kind != other_kind {
            return Err(Refusal::MergeKinds {
                keep: keep_ref,
                keep_kind,
                other: other_ref,
                other_kind,
            }
            .into());
        }
        let mut plan = MergePlan {
            keep: keep_ref,
            other: other_ref,
            kind: keep_kind,
            interactions_moved: Vec::new(),
            interactions_shared: Vec::new(),
            items_moved: Vec::new(),
            networks_joined: Vec::new(),
            affiliations_added: Vec::new(),
            relations_moved: 0,
            met_through_moved: Vec::new(),
            filled: Vec::new(),
            kept: Vec::new(),
            added: Vec::new(),
            uids_added: Vec::new(),
        };
        // OTHER's figures go with it (see `drop_contact`).
        tx.prepare_cached("DELETE FROM contact_stats WHERE contact_id = ?1")?
            .execute([other])?;
        self.move_interactions(keep, other, &mut plan)?;
        plan.items_moved = self
            .tx
            .prepare_cached("SELECT id FROM items WHERE counterparty_id = ?1 ORDER BY id")?
            .query_map([other], |row| row.get("id"))?
            .collect::<rusqlite::Result<_>>()?;
        tx.prepare_cached("UPDATE items SET counterparty_id = ?1 WHERE counterparty_id = ?2")?
            .execute(params![keep, other])?;
        self.move_memberships(keep, other, &mut plan)?;
        self.move_affiliations(keep, keep_kind, other, &mut plan)?;
        self.move_relations(keep, other, &mut plan)?;
        self.move_met_through(keep, other, &mut plan)?;
        self.fill_from(&kept, &gone, &mut plan)?;
        self.add_lists(keep, &gone, &mut plan)?;
        self.move_uids(keep, &gone, &mut plan)?;
        self.touch(keep)?;
        self.drop_contact(other)?;
        Ok(plan)
    }

    /// Participations move as a removal and an addition, which keep KEEP's
    /// figures current row by row without a rescan.
    fn move_interactions(&self, keep: i64, other: i64, plan: &mut MergePlan) -> Result<()> {
        let tx = &self.tx;
        let theirs: Vec<(i64, bool)> = tx
            .prepare_cached(
                "SELECT p.interaction_id AS id, EXISTS (
                     SELECT 1 FROM interaction_participants k
                     WHERE k.interaction_id = p.interaction_id AND k.contact_id = ?1) AS shared
                 FROM interaction_participants p WHERE p.contact_id = ?2 ORDER BY p.interaction_id",
            )?
            .query_map(params![keep, other], |row| {
                Ok((row.get("id")?, row.get("shared")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut remove = tx.prepare_cached(
            "DELETE FROM interaction_participants WHERE interaction_id = ?1 AND contact_id = ?2",
        )?;
        let mut add = tx.prepare_cached(
            "INSERT INTO interaction_participants (interaction_id, contact_id) VALUES (?1, ?2)",
        )?;
        for (interaction, shared) in theirs {
            remove.execute(params![interaction, other])?;
            if shared {
                plan.interactions_shared.push(interaction);
            } else {
                add.execute(params![interaction, keep])?;
                plan.interactions_moved.push(interaction);
            }
        }
        Ok(())
    }

    /// OTHER's memberships become KEEP's; in a network both were in, KEEP
    /// keeps the earlier joining day.
    fn move_memberships(&self, keep: i64, other: i64, plan: &mut MergePlan) -> Result<()> {
        let tx = &self.tx;
        let theirs: Vec<(NetworkRef, chrono::NaiveDate)> = tx
            .prepare_cached(
                "SELECT n.id, n.name, m.joined_on FROM network_members m JOIN networks n ON n.id = m.network_id
                 WHERE m.contact_id = ?1 ORDER BY n.name_key",
            )?
            .query_map([other], |row| Ok((rows::network_ref(row)?, row.get("joined_on")?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (network, joined_on) in theirs {
            let moved = tx
                .prepare_cached(
                    "UPDATE OR IGNORE network_members SET contact_id = ?1 WHERE network_id = ?2 AND contact_id = ?3",
                )?
                .execute(params![keep, network.id, other])?;
            if moved > 0 {
                plan.networks_joined.push(network);
            } else {
                tx.prepare_cached(
                    "UPDATE network_members SET joined_on = ?3 WHERE network_id = ?1 AND contact_id = ?2 AND joined_on > ?3",
                )?
                .execute(params![network.id, keep, joined_on])?;
            }
        }
        Ok(())
    }

    /// OTHER's organisations (or people) become KEEP's; where KEEP has the
    /// same one, its title and unit are filled from OTHER's.
    fn move_affiliations(
        &self,
        keep: i64,
        kind: Kind,
        other: i64,
        plan: &mut MergePlan,
    ) -> Result<()> {
        let theirs: Vec<(i64, i64, Option<String>, Option<String>)> = self
            .tx
            .prepare_cached(
                "SELECT person_id, org_id, title, unit FROM affiliations
                 WHERE person_id = ?1 OR org_id = ?1 ORDER BY person_id, org_id",
            )?
            .query_map([other], |row| {
                Ok((
                    row.get("person_id")?,
                    row.get("org_id")?,
                    row.get("title")?,
                    row.get("unit")?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (person, org, title, unit) in theirs {
            // KEEP takes OTHER's side of the affiliation.
            let (person, org, other_side) = if person == other {
                (keep, org, org)
            } else {
                (person, keep, person)
            };
            let had: bool = self
                .tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM affiliations WHERE person_id = ?1 AND org_id = ?2) AS had",
                )?
                .query_row(params![person, org], |row| row.get("had"))?;
            let person_kind = if person == keep {
                kind
            } else {
                contacts::kind_of(&self.tx, person)?
            };
            self.affiliate(person, person_kind, org, title.as_deref(), unit.as_deref())?;
            if !had {
                plan.affiliations_added.push(self.contact_ref(other_side)?);
            }
        }
        Ok(())
    }

    /// Relations to and from OTHER become KEEP's (one between KEEP and OTHER
    /// has nothing left to link).
    fn move_relations(&self, keep: i64, other: i64, plan: &mut MergePlan) -> Result<()> {
        let theirs: Vec<(i64, i64, String)> = self
            .tx
            .prepare_cached(
                "SELECT contact_id, related_id, relation FROM contact_relations
                 WHERE contact_id = ?1 OR related_id = ?1",
            )?
            .query_map([other], |row| {
                Ok((
                    row.get("contact_id")?,
                    row.get("related_id")?,
                    row.get("relation")?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (from, to, relation) in theirs {
            let swap = |id: i64| if id == other { keep } else { id };
            let (from, to) = (swap(from), swap(to));
            if from != to && self.relate(from, to, &relation)? {
                plan.relations_moved += 1;
            }
        }
        Ok(())
    }

    fn move_met_through(&self, keep: i64, other: i64, plan: &mut MergePlan) -> Result<()> {
        let tx = &self.tx;
        plan.met_through_moved = tx
            .prepare_cached(
                "SELECT id, name FROM contacts WHERE met_through = ?1 AND id NOT IN (?1, ?2) ORDER BY name_key",
            )?
            .query_map(params![other, keep], rows::contact_ref)?
            .collect::<rusqlite::Result<_>>()?;
        tx.prepare_cached(
            "UPDATE contacts SET met_through = ?2 WHERE met_through = ?1 AND id NOT IN (?1, ?2)",
        )?
        .execute(params![other, keep])?;
        // KEEP met through OTHER: that link is now to itself.
        tx.prepare_cached(
            "UPDATE contacts SET met_through = NULL WHERE id = ?1 AND met_through = ?2",
        )?
        .execute(params![keep, other])?;
        Ok(())
    }

    /// Fills KEEP's empty fields from OTHER; notes and how they met are
    /// joined; where both have a value, KEEP's stays and the plan says so.
    fn fill_from(&self, kept: &Contact, gone: &Contact, plan: &mut MergePlan) -> Result<()> {
        let keep = kept.id;
        let tx = &self.tx;
        if kept.name != gone.name {
            plan.kept.push(FieldChange::new(
                Field::Name,
                gone.name.clone(),
                kept.name.clone(),
            ));
        }
        let mut field = |field: Field, sql: &str, mine: String, theirs: String| -> Result<()> {
            if theirs.is_empty() || mine == theirs {
                return Ok(());
            }
            if mine.is_empty() {
                tx.prepare_cached(sql)?.execute(params![keep, gone.id])?;
                plan.filled.push(FieldChange::new(field, "", theirs));
            } else {
                plan.kept.push(FieldChange::new(field, theirs, mine));
            }
            Ok(())
        };
        let word = |w: Option<String>| w.unwrap_or_default();
        let set_from = |column: &str| {
            format!(
                "UPDATE contacts SET {column} = (SELECT {column} FROM contacts WHERE id = ?2) WHERE id = ?1"
            )
        };
        field(
            Field::Circle,
            &set_from("circle"),
            word(kept.circle.map(|c| c.to_string())),
            word(gone.circle.map(|c| c.to_string())),
        )?;
        field(
            Field::Cadence,
            &set_from("cadence_days"),
            word(kept.cadence_days.map(|d| format!("{d} d"))),
            word(gone.cadence_days.map(|d| format!("{d} d"))),
        )?;
        field(
            Field::SnoozedUntil,
            &set_from("snoozed_until"),
            word(kept.snoozed_until.map(|d| d.to_string())),
            word(gone.snoozed_until.map(|d| d.to_string())),
        )?;
        field(
            Field::Nickname,
            &set_from("nickname"),
            kept.nickname.clone(),
            gone.nickname.clone(),
        )?;
        field(
            Field::Birthday,
            &set_from("birthday"),
            word(kept.birthday.clone()),
            word(gone.birthday.clone()),
        )?;
        field(
            Field::MetOn,
            &set_from("met_on"),
            word(kept.met_on.map(|d| d.to_string())),
            word(gone.met_on.map(|d| d.to_string())),
        )?;
        // Whom they were met through, unless that is KEEP itself.
        let through = |c: &Contact| {
            c.met_through
                .as_ref()
                .filter(|t| t.id != kept.id && t.id != gone.id)
                .map(|t| t.name.clone())
                .unwrap_or_default()
        };
        let keep_through: Option<i64> = tx
            .prepare_cached("SELECT met_through FROM contacts WHERE id = ?1")?
            .query_row([keep], |row| row.get("met_through"))?;
        field(
            Field::MetThrough,
            &set_from("met_through"),
            if keep_through.is_some() {
                through(kept)
            } else {
                String::new()
            },
            through(gone),
        )?;
        // Free text is joined, never dropped.
        for (f, column, mine, theirs, joint) in [
            (Field::Note, "note", &kept.note, &gone.note, "\n\n"),
            (Field::MetHow, "met_how", &kept.met_how, &gone.met_how, "; "),
        ] {
            if theirs.is_empty() || mine == theirs || mine.contains(theirs.as_str()) {
                continue;
            }
            let joined = if mine.is_empty() {
                theirs.clone()
            } else {
                format!("{mine}{joint}{theirs}")
            };
            tx.prepare_cached(&format!("UPDATE contacts SET {column} = ?2 WHERE id = ?1"))?
                .execute(params![keep, joined])?;
            plan.filled.push(FieldChange::new(f, mine.clone(), joined));
        }
        Ok(())
    }

    /// KEEP gains the values of OTHER's lists it lacks, each by its list's
    /// rule of "the same".
    fn add_lists(&self, keep: i64, gone: &Contact, plan: &mut MergePlan) -> Result<()> {
        let before = contacts::read_contact(&self.tx, keep)?;
        let extras: Vec<String> = self
            .tx
            .prepare_cached(
                "SELECT line FROM contact_vcard_extras WHERE contact_id = ?1 ORDER BY position",
            )?
            .query_map([gone.id], |row| row.get("line"))?
            .collect::<rusqlite::Result<_>>()?;
        self.add_values(
            keep,
            &Values {
                emails: &gone.emails,
                phones: &gone.phones,
                urls: &gone.urls,
                addresses: &gone.addresses,
                tags: &gone.tags,
                expertise: &gone.expertise,
                extras: &extras,
                dates: &gone.dates,
            },
        )?;
        let after = contacts::read_contact(&self.tx, keep)?;
        let values = |list: &[crate::model::Labelled]| -> Vec<String> {
            list.iter().map(|l| l.value.clone()).collect()
        };
        let addresses =
            |c: &Contact| -> Vec<String> { c.addresses.iter().map(|a| a.one_line()).collect() };
        for (field, b, a) in [
            (Field::Email, values(&before.emails), values(&after.emails)),
            (Field::Phone, values(&before.phones), values(&after.phones)),
            (Field::Url, values(&before.urls), values(&after.urls)),
            (Field::Tag, before.tags.clone(), after.tags.clone()),
            (
                Field::Expertise,
                before.expertise.clone(),
                after.expertise.clone(),
            ),
        ] {
            plan.added.extend(FieldChange::of_list(field, &b, &a));
        }
        for address in addresses(&after)
            .into_iter()
            .filter(|a| !addresses(&before).contains(a))
        {
            plan.added
                .push(FieldChange::new(Field::Address, "", address));
        }
        Ok(())
    }

    /// OTHER's UID (and those merged into it before) become KEEP's.
    fn move_uids(&self, keep: i64, gone: &Contact, plan: &mut MergePlan) -> Result<()> {
        let tx = &self.tx;
        let mut uids: Vec<String> = tx
            .prepare_cached("SELECT uid FROM contact_uids WHERE contact_id = ?1 ORDER BY uid")?
            .query_map([gone.id], |row| row.get("uid"))?
            .collect::<rusqlite::Result<_>>()?;
        tx.prepare_cached("DELETE FROM contact_uids WHERE contact_id = ?1")?
            .execute([gone.id])?;
        if !gone.uid.is_empty() {
            uids.insert(0, gone.uid.clone());
        }
        for uid in uids {
            let own: Option<i64> = tx
                .prepare_cached("SELECT id FROM contacts WHERE uid = ?1 AND id = ?2")?
                .query_row(params![uid, keep], |row| row.get("id"))
                .optional()?;
            if own.is_some() {
                continue;
            }
            tx.prepare_cached(
                "INSERT OR IGNORE INTO contact_uids (contact_id, uid) VALUES (?1, ?2)",
            )?
            .execute(params![keep, uid])?;
            plan.uids_added.push(uid);
        }
        Ok(())
    }
}
