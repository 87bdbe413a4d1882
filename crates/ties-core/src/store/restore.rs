//! Restoring ties' own JSON export: rows written with the ids, UIDs and
//! timestamps the file gives, so a database is reproduced exactly, and
//! every value still through its field's rule (a file may have been edited
//! by hand, or written by something else). The JSON import decides what to
//! restore and how ids map (`crate::import::json`); this is the writing.
//!
//! Lists are restored as the file orders them. Emails and phones that an
//! older ties stored twice in two spellings stay two, as they were: the
//! restore reproduces, it does not merge.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use super::interactions::{check_interaction, missing_contact};
use super::networks::{check_network, ensure_free_name, network_exists};
use super::values::clean_address;
use super::{Writer, contacts};
use crate::error::{Field, Refusal, Result};
use crate::export::snapshot::{
    AffiliationRow, ContactRow, InteractionRow, ItemRow, NetworkRow, ReviewRow, Snapshot,
};
use crate::model::{ContactRef, ItemState};
use crate::rules;
use crate::text::fold;

impl Writer<'_> {
    /// What the database shares with the file, if anything ("contacts #1,
    /// #2 and networks #1").
    pub(crate) fn ids_in_use(&self, s: &Snapshot) -> Result<Option<String>> {
        let checks: [(&str, &str, Vec<i64>); 5] = [
            (
                "contacts",
                "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1) AS found",
                s.contacts.iter().map(|c| c.id).collect(),
            ),
            (
                "networks",
                "SELECT EXISTS (SELECT 1 FROM networks WHERE id = ?1) AS found",
                s.networks.iter().map(|n| n.id).collect(),
            ),
            (
                "interactions",
                "SELECT EXISTS (SELECT 1 FROM interactions WHERE id = ?1) AS found",
                s.interactions.iter().map(|i| i.id).collect(),
            ),
            (
                "items",
                "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1) AS found",
                s.interactions
                    .iter()
                    .flat_map(|i| i.items.iter().map(|it| it.id))
                    .collect(),
            ),
            (
                "reviews",
                "SELECT EXISTS (SELECT 1 FROM reviews WHERE id = ?1) AS found",
                s.reviews.iter().map(|r| r.id).collect(),
            ),
        ];
        let mut shared = Vec::new();
        for (what, sql, ids) in checks {
            let mut stmt = self.tx.prepare(sql)?;
            let mut found = Vec::new();
            for id in ids {
                if stmt.query_row([id], |row| row.get::<_, bool>("found"))? {
                    found.push(format!("#{id}"));
                }
            }
            if !found.is_empty() {
                let more = if found.len() > 3 { ", …" } else { "" };
                found.truncate(3);
                shared.push(format!("{what} {}{more}", found.join(", ")));
            }
        }
        Ok((!shared.is_empty()).then(|| shared.join(" and ")))
    }

    /// References between restored rows are checked at commit, so the
    /// order of the rows does not matter.
    pub(crate) fn defer_foreign_keys(&self) -> Result<()> {
        self.tx.pragma_update(None, "defer_foreign_keys", true)?;
        Ok(())
    }

    /// Writes a contact row as it is, with its id, UID and timestamps.
    pub(crate) fn restore_contact(&self, c: &ContactRow) -> Result<()> {
        let name = rules::contact_name(&c.name)?;
        let circle = rules::circle(c.kind, c.circle)?;
        rules::met_through(c.id, c.met_through)?;
        let created_at = rules::timestamp(Field::CreatedAt, &c.created_at)?;
        let updated_at = rules::timestamp(Field::UpdatedAt, &c.updated_at)?;
        let uid = if c.uid.trim().is_empty() {
            super::uid::derive_uid(c.id, &created_at, &name)
        } else {
            rules::uid(&c.uid)?
        };
        if let Some(other) = self.contact_by_uid(&uid)?
            && other != c.id
        {
            return Err(Refusal::UidTaken(uid).into());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO contacts (id, uid, kind, name, name_key, nickname, circle, birthday, met_on, note,
                                       met_how, met_through, cadence_days, snoozed_until, archived, created_at,
                                       updated_at, reminders)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?
            .execute(params![
                c.id,
                uid,
                c.kind,
                name,
                fold(&name),
                rules::text(&c.nickname),
                circle,
                c.birthday.as_deref().map(rules::birthday).transpose()?,
                c.met_on.map(|d| rules::date(Field::MetOn, d)).transpose()?,
                rules::text(&c.note),
                rules::text(&c.met_how),
                c.met_through,
                c.cadence_days.map(rules::cadence).transpose()?,
                c.snoozed_until
                    .map(|d| rules::date(Field::SnoozedUntil, d))
                    .transpose()?,
                c.archived,
                created_at,
                updated_at,
                c.reminders
            ])?;
        for (position, e) in c.emails.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO contact_emails (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    c.id,
                    position as i64,
                    rules::email(&e.value)?,
                    rules::label(e.label.as_deref())
                ])?;
        }
        for (position, p) in c.phones.iter().enumerate() {
            let value = rules::phone(&p.value)?;
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO contact_phones (contact_id, position, value, value_key, label)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    c.id,
                    position as i64,
                    value,
                    rules::phone_key(&value),
                    rules::label(p.label.as_deref())
                ])?;
        }
        for (position, u) in c.urls.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO contact_urls (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    c.id,
                    position as i64,
                    rules::url(&u.value)?,
                    rules::label(u.label.as_deref())
                ])?;
        }
        for (position, a) in c.addresses.iter().enumerate() {
            let a = clean_address(a);
            self.tx
                .prepare_cached(
                    "INSERT INTO contact_addresses
                         (contact_id, position, label, po_box, extended, street, locality, region, postal_code, country)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    c.id,
                    position as i64,
                    a.label,
                    a.po_box,
                    a.extended,
                    a.street,
                    a.locality,
                    a.region,
                    a.postal_code,
                    a.country
                ])?;
        }
        for tag in &c.tags {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)",
                )?
                .execute(params![c.id, rules::tag(tag)?])?;
        }
        let mut topics = HashSet::new();
        for topic in &c.expertise {
            let topic = rules::expertise(topic)?;
            if topics.insert(rules::expertise_key(&topic)) {
                self.tx
                    .prepare_cached(
                        "INSERT INTO contact_expertise (contact_id, topic) VALUES (?1, ?2)",
                    )?
                    .execute(params![c.id, topic])?;
            }
        }
        for r in &c.related {
            rules::related(c.id, r.contact)?;
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO contact_relations (contact_id, related_id, relation) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![c.id, r.contact, rules::relation(&r.relation)])?;
        }
        for uid in &c.other_uids {
            let uid = rules::uid(uid)?;
            if self
                .contact_by_uid(&uid)?
                .is_some_and(|other| other != c.id)
            {
                return Err(Refusal::UidTaken(uid).into());
            }
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO contact_uids (contact_id, uid) VALUES (?1, ?2)",
                )?
                .execute(params![c.id, uid])?;
        }
        rules::distinct_date_labels(&c.dates)?;
        for date in &c.dates {
            super::dates::set(&self.tx, c.id, date)?;
        }
        for (position, line) in c.vcard_extras.iter().enumerate() {
            self.tx
                .prepare_cached(
                    "INSERT INTO contact_vcard_extras (contact_id, position, line) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![c.id, position as i64, line])?;
        }
        Ok(())
    }

    /// Writes an affiliation between two restored contacts: a person in an
    /// organisation, never an organisation in one.
    pub(crate) fn restore_affiliation(&self, a: &AffiliationRow, org: &ContactRef) -> Result<()> {
        let member = contacts::kind_of(&self.tx, a.person)?;
        rules::affiliation(member, (org, contacts::kind_of(&self.tx, a.org)?))?;
        self.tx
            .prepare_cached(
                "INSERT INTO affiliations (person_id, org_id, title, unit) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                a.person,
                a.org,
                rules::optional_text(a.title.as_deref()),
                rules::optional_text(a.unit.as_deref())
            ])?;
        Ok(())
    }

    /// Writes a network row, with its id when `keep_id`. Returns its id.
    pub(crate) fn restore_network(&self, n: &NetworkRow, keep_id: bool) -> Result<i64> {
        let checked = check_network(&n.name, &n.goal, n.hours_per_month, n.review_on, &n.note)?;
        let created_at = rules::timestamp(Field::CreatedAt, &n.created_at)?;
        let updated_at = rules::timestamp(Field::UpdatedAt, &n.updated_at)?;
        ensure_free_name(&self.tx, &checked.name, None)?;
        self.tx
            .prepare_cached(
                "INSERT INTO networks (id, name, name_key, goal, role, intent, hours_per_month, review_on, note,
                                       created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                keep_id.then_some(n.id),
                checked.name,
                super::networks::network_key(&checked.name),
                checked.goal,
                n.role,
                n.intent,
                checked.hours_per_month,
                checked.review_on,
                checked.note,
                created_at,
                updated_at
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Writes an interaction row with its participants and items, its ids
    /// kept when `keep_ids` (contact and network ids must already be this
    /// database's). Returns its id.
    pub(crate) fn restore_interaction(&self, i: &InteractionRow, keep_ids: bool) -> Result<i64> {
        let items: Vec<(i64, u8)> = i
            .items
            .iter()
            .map(|it| (it.counterparty, it.weight))
            .collect();
        let checked = check_interaction(
            i.date,
            i.time.as_deref(),
            i.minutes,
            &i.note,
            &i.participants,
            &items,
        )?;
        let created_at = rules::timestamp(Field::CreatedAt, &i.created_at)?;
        if let Some(network) = i.network {
            network_exists(&self.tx, network)?;
        }
        self.tx
            .prepare_cached(
                "INSERT INTO interactions (id, date, time, channel, minutes, network_id, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                keep_ids.then_some(i.id),
                checked.date,
                checked.time,
                i.channel,
                checked.minutes,
                i.network,
                checked.note,
                created_at
            ])?;
        let interaction = self.tx.last_insert_rowid();
        for &p in &i.participants {
            self.tx
                .prepare_cached(
                    "INSERT INTO interaction_participants (interaction_id, contact_id) VALUES (?1, ?2)",
                )?
                .execute(params![interaction, p])
                .map_err(|e| missing_contact(e, p))?;
        }
        for it in &i.items {
            let settled = it
                .settled_on
                .map(|d| rules::date(Field::SettledOn, d))
                .transpose()?;
            self.tx
                .prepare_cached(
                    "INSERT INTO items (id, interaction_id, counterparty_id, direction, kind, weight, state, note, settled_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![
                    keep_ids.then_some(it.id),
                    interaction,
                    it.counterparty,
                    it.direction,
                    it.kind,
                    it.weight,
                    it.state,
                    rules::text(&it.note),
                    settled
                ])?;
        }
        Ok(interaction)
    }

    /// How many interactions already stored are this one: the same day,
    /// time, channel, minutes, network, note, participants and items (each
    /// item's counterparty, direction, kind, weight, state, note and
    /// settling day). Ids in `i` must be this database's.
    pub(crate) fn count_same_interactions(&self, i: &InteractionRow) -> Result<usize> {
        let time = i.time.as_deref().map(rules::time).transpose()?;
        let note = rules::text(&i.note);
        // Times and notes are compared as their rules write them, so a
        // time an older ties stored as "9:05" is the file's "09:05".
        let candidates: Vec<i64> = self
            .tx
            .prepare_cached(
                "SELECT id, time, note FROM interactions
                 WHERE date = ?1 AND channel = ?2 AND minutes IS ?3 AND network_id IS ?4",
            )?
            .query_map(params![i.date, i.channel, i.minutes, i.network], |row| {
                Ok((
                    row.get::<_, i64>("id")?,
                    row.get::<_, Option<String>>("time")?,
                    row.get::<_, String>("note")?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, t, n)| {
                t.as_deref()
                    .map(|t| rules::time(t).unwrap_or_else(|_| t.to_string()))
                    == time
                    && rules::text(n) == note
            })
            .map(|(id, _, _)| id)
            .collect();
        if candidates.is_empty() {
            return Ok(0);
        }
        let mut wanted_people = i.participants.clone();
        wanted_people.sort_unstable();
        let mut wanted_items: Vec<ItemKey> = i.items.iter().map(item_key).collect();
        wanted_items.sort();
        let mut same = 0;
        for id in candidates {
            let people: Vec<i64> = self
                .tx
                .prepare_cached(
                    "SELECT contact_id FROM interaction_participants WHERE interaction_id = ?1 ORDER BY contact_id",
                )?
                .query_map([id], |row| row.get("contact_id"))?
                .collect::<rusqlite::Result<_>>()?;
            if people != wanted_people {
                continue;
            }
            let mut items: Vec<ItemKey> = self
                .tx
                .prepare_cached(&format!(
                    "SELECT {} FROM items WHERE interaction_id = ?1",
                    super::rows::ITEM_ROW_COLUMNS
                ))?
                .query_map([id], super::rows::item_row)?
                .map(|row| row.map(|it| item_key(&it)))
                .collect::<rusqlite::Result<_>>()?;
            items.sort();
            same += usize::from(items == wanted_items);
        }
        Ok(same)
    }

    /// Writes a review row, with its id when `keep_id`. A week already
    /// reviewed is refused when `keep_id` (an exact restore), left as it is
    /// otherwise. Returns whether the row was written.
    pub(crate) fn restore_review(&self, r: &ReviewRow, keep_id: bool) -> Result<bool> {
        let week_start = rules::date(Field::WeekStart, r.week_start)?;
        let done_at = rules::timestamp(Field::DoneAt, &r.done_at)?;
        let taken: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM reviews WHERE week_start = ?1")?
            .query_row([week_start], |row| row.get("id"))
            .optional()?;
        match (taken, keep_id) {
            (Some(_), true) => Err(Refusal::WeekAlreadyReviewed(week_start).into()),
            (Some(_), false) => Ok(false),
            (None, _) => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO reviews (id, week_start, done_at, note) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![
                        keep_id.then_some(r.id),
                        week_start,
                        done_at,
                        rules::text(&r.note)
                    ])?;
                Ok(true)
            }
        }
    }
}

/// An item as the comparison of two interactions sees it.
type ItemKey = (
    i64,
    crate::model::Direction,
    crate::model::ItemKind,
    u8,
    ItemState,
    String,
    Option<chrono::NaiveDate>,
);

fn item_key(it: &ItemRow) -> ItemKey {
    (
        it.counterparty,
        it.direction,
        it.kind,
        it.weight,
        it.state,
        rules::text(&it.note),
        it.settled_on,
    )
}
