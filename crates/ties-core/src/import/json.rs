//! Reading ties' own JSON export back.
//!
//! Into a database that holds none of the file's ids (an empty one, most
//! often) every row is written as it was, ids and timestamps included, so
//! the database is reproduced exactly; the triggers rebuild the derived
//! figures as the rows go in. A database that shares ids with the file is
//! refused unless `merge` is asked for: then contacts merge like any import
//! (by UID, email, phone, name), networks by name, and interactions and
//! reviews already there are not added twice.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::merge;
use super::record::{OrgLink, Record, RecordError, Reference, Related};
use super::{ImportOptions, ImportReport, Source};
use crate::error::{Error, Result};
use crate::export::snapshot::{self, ContactRow, InteractionRow, Snapshot};
use crate::model::Kind;
use crate::store::{Store, phone_key};
use crate::text::fold;

#[derive(Debug, Clone, Copy, Default)]
pub struct JsonOptions {
    pub dry_run: bool,
    pub merge: bool,
}

/// What a JSON import did, table by table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct JsonReport {
    pub dry_run: bool,
    /// `exact` (ids kept) or `merge`.
    pub mode: &'static str,
    pub contacts: ImportReport,
    pub networks_added: usize,
    pub memberships_added: usize,
    pub interactions_added: usize,
    /// Already in the database (merge only).
    pub interactions_skipped: usize,
    pub items_added: usize,
    pub reviews_added: usize,
}

pub fn import(store: &mut Store, source: &Source, options: JsonOptions) -> Result<JsonReport> {
    let snapshot = parse(&source.bytes).map_err(|e| super::bad_file(&source.name, &e, false))?;
    check_references(&snapshot).map_err(|problem| Error::BadFile {
        file: source.name.clone(),
        location: "contents".into(),
        problem: format!("{problem}; nothing was imported"),
    })?;
    let now = store.clock().timestamp();
    let work = |tx: &Transaction<'_>| {
        let shared = shared_ids(tx, &snapshot)?;
        match (shared, options.merge) {
            (None, _) => exact(tx, &snapshot),
            (Some(_), true) => merged(tx, &snapshot, &now),
            (Some(what), false) => Err(Error::rejected(format!(
                "{}: the database already holds {what} with the same ids as the file; nothing was imported. Import into an empty database (--db NEW_FILE), or add --merge to merge the file into this one",
                source.name
            ))),
        }
    };
    let mut report = if options.dry_run {
        store.rehearse(work)?
    } else {
        store.write(work)?
    };
    report.dry_run = options.dry_run;
    report.contacts.dry_run = options.dry_run;
    Ok(report)
}

/// Parses the file: JSON errors carry their line; other formats and newer
/// versions are named as such.
pub fn parse(bytes: &[u8]) -> Result<Snapshot, RecordError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        let problem = if e.is_eof() {
            format!("the JSON ends early (the file may be truncated): {e}")
        } else {
            format!("not valid JSON: {e}")
        };
        RecordError::new(e.line().max(1), None, problem)
    })?;
    let format = value.get("format").and_then(|f| f.as_str());
    if format != Some(snapshot::FORMAT) {
        return Err(RecordError::new(
            1,
            None,
            "not a ties JSON export (it has no \"format\": \"ties\"); export one with `ties export json`",
        ));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version == 0 || version > u64::from(snapshot::VERSION) {
        return Err(RecordError::new(
            1,
            None,
            format!(
                "the export is format version {version}; this ties reads version {}: upgrade ties to import it",
                snapshot::VERSION
            ),
        ));
    }
    // Parsed again from the text, so that a field's error names its line.
    serde_json::from_slice(bytes).map_err(|e| {
        RecordError::new(
            e.line().max(1),
            None,
            format!("not a valid ties export: {e}"),
        )
    })
}

/// Every id the file points at must be in the file.
fn check_references(s: &Snapshot) -> std::result::Result<(), String> {
    let contacts: HashSet<i64> = s.contacts.iter().map(|c| c.id).collect();
    let networks: HashSet<i64> = s.networks.iter().map(|n| n.id).collect();
    let contact = |id: i64, whose: String| {
        if contacts.contains(&id) {
            Ok(())
        } else {
            Err(format!(
                "{whose} names contact #{id}, which the file does not hold"
            ))
        }
    };
    let mut seen = HashSet::new();
    for c in &s.contacts {
        if !seen.insert(c.id) {
            return Err(format!("contact #{} appears twice", c.id));
        }
        if let Some(id) = c.met_through {
            contact(id, format!("contact #{}'s met_through", c.id))?;
        }
        for r in &c.related {
            contact(r.contact, format!("contact #{}'s relation", c.id))?;
        }
    }
    for a in &s.affiliations {
        contact(a.person, "an affiliation".into())?;
        contact(a.org, "an affiliation".into())?;
    }
    for m in &s.memberships {
        contact(m.contact, format!("network #{}'s membership", m.network))?;
        if !networks.contains(&m.network) {
            return Err(format!(
                "a membership names network #{}, which the file does not hold",
                m.network
            ));
        }
    }
    for i in &s.interactions {
        for p in &i.participants {
            contact(*p, format!("interaction #{}", i.id))?;
        }
        for item in &i.items {
            if !i.participants.contains(&item.counterparty) {
                return Err(format!(
                    "item #{}'s counterparty #{} is not a participant of interaction #{}",
                    item.id, item.counterparty, i.id
                ));
            }
        }
        if let Some(n) = i.network
            && !networks.contains(&n)
        {
            return Err(format!(
                "interaction #{} names network #{n}, which the file does not hold",
                i.id
            ));
        }
    }
    Ok(())
}

/// What the database shares with the file, if anything ("contacts #1, #2").
fn shared_ids(tx: &Transaction<'_>, s: &Snapshot) -> Result<Option<String>> {
    let mut shared = Vec::new();
    let checks: [(&str, &str, Vec<i64>); 5] = [
        (
            "contacts",
            "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?1)",
            s.contacts.iter().map(|c| c.id).collect(),
        ),
        (
            "networks",
            "SELECT EXISTS (SELECT 1 FROM networks WHERE id = ?1)",
            s.networks.iter().map(|n| n.id).collect(),
        ),
        (
            "interactions",
            "SELECT EXISTS (SELECT 1 FROM interactions WHERE id = ?1)",
            s.interactions.iter().map(|i| i.id).collect(),
        ),
        (
            "items",
            "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?1)",
            s.interactions
                .iter()
                .flat_map(|i| i.items.iter().map(|it| it.id))
                .collect(),
        ),
        (
            "reviews",
            "SELECT EXISTS (SELECT 1 FROM reviews WHERE id = ?1)",
            s.reviews.iter().map(|r| r.id).collect(),
        ),
    ];
    for (what, sql, ids) in checks {
        let mut stmt = tx.prepare(sql)?;
        let mut found = Vec::new();
        for id in ids {
            if stmt.query_row([id], |row| row.get::<_, bool>(0))? {
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

/// Writes every row as it is in the file.
fn exact(tx: &Transaction<'_>, s: &Snapshot) -> Result<JsonReport> {
    // References between rows are checked at commit, so the order of the
    // rows does not matter.
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let mut report = JsonReport {
        mode: "exact",
        ..JsonReport::default()
    };
    for c in &s.contacts {
        insert_contact_row(tx, c)?;
        report.contacts.added.push(super::Outcome {
            id: c.id,
            name: c.name.clone(),
            file: String::new(),
            line: 0,
            matched_by: None,
        });
    }
    for a in &s.affiliations {
        tx.prepare_cached(
            "INSERT INTO affiliations (person_id, org_id, title, unit) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![a.person, a.org, a.title, a.unit])?;
    }
    for n in &s.networks {
        tx.prepare_cached(
            "INSERT INTO networks (id, name, name_key, goal, role, intent, hours_per_month, review_on, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            n.id,
            n.name,
            fold(&n.name),
            n.goal,
            n.role,
            n.intent,
            n.hours_per_month,
            n.review_on,
            n.note,
            n.created_at,
            n.updated_at
        ])
        .map_err(|e| taken_network_name(e, &n.name))?;
        report.networks_added += 1;
    }
    for m in &s.memberships {
        tx.prepare_cached(
            "INSERT INTO network_members (network_id, contact_id, joined_on) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![m.network, m.contact, m.joined_on])?;
        report.memberships_added += 1;
    }
    for i in &s.interactions {
        insert_interaction_row(tx, i, Some(i.id), |id| id, i.network)?;
        report.interactions_added += 1;
        report.items_added += i.items.len();
    }
    for r in &s.reviews {
        tx.prepare_cached(
            "INSERT INTO reviews (id, week_start, done_at, note) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![r.id, r.week_start, r.done_at, r.note])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::rejected(format!(
                "the week of {} is already reviewed in this database: add --merge to skip it",
                r.week_start
            )),
            _ => e.into(),
        })?;
        report.reviews_added += 1;
    }
    Ok(report)
}

fn insert_contact_row(tx: &Transaction<'_>, c: &ContactRow) -> Result<()> {
    let name = crate::store::valid_name(&c.name)?;
    let uid = if c.uid.trim().is_empty() {
        crate::store::derive_uid(c.id, &c.created_at, &name)
    } else {
        c.uid.clone()
    };
    tx.prepare_cached(
        "INSERT INTO contacts (id, uid, kind, name, name_key, nickname, circle, birthday, met_on, note,
                               met_how, met_through, cadence_days, snoozed_until, archived, created_at, updated_at,
                               reminders)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        c.id,
        uid,
        c.kind,
        name,
        fold(&name),
        c.nickname,
        c.circle,
        c.birthday,
        c.met_on,
        c.note,
        c.met_how,
        c.met_through,
        c.cadence_days,
        c.snoozed_until,
        c.archived,
        c.created_at,
        c.updated_at,
        c.reminders
    ])
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::rejected(format!(
            "contact #{} ({}) cannot be written as it is ({e}): its UID may already be in this database; add --merge to merge it",
            c.id, c.name
        )),
        _ => e.into(),
    })?;
    for (position, e) in c.emails.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO contact_emails (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![c.id, position as i64, e.value, e.label])?;
    }
    for (position, p) in c.phones.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO contact_phones (contact_id, position, value, value_key, label) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![c.id, position as i64, p.value, phone_key(&p.value), p.label])?;
    }
    for (position, u) in c.urls.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO contact_urls (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![c.id, position as i64, u.value, u.label])?;
    }
    for (position, a) in c.addresses.iter().enumerate() {
        tx.prepare_cached(
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
        tx.prepare_cached("INSERT INTO contact_tags (contact_id, tag) VALUES (?1, ?2)")?
            .execute(params![c.id, tag])?;
    }
    for topic in &c.expertise {
        tx.prepare_cached("INSERT INTO contact_expertise (contact_id, topic) VALUES (?1, ?2)")?
            .execute(params![c.id, topic])?;
    }
    for r in &c.related {
        tx.prepare_cached(
            "INSERT INTO contact_relations (contact_id, related_id, relation) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![c.id, r.contact, r.relation])?;
    }
    for (position, line) in c.vcard_extras.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO contact_vcard_extras (contact_id, position, line) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![c.id, position as i64, line])?;
    }
    Ok(())
}

/// Inserts an interaction with its participants and items; `id` None lets
/// SQLite choose ids (merge), and `contact` maps the file's contact ids.
fn insert_interaction_row(
    tx: &Transaction<'_>,
    i: &InteractionRow,
    id: Option<i64>,
    contact: impl Fn(i64) -> i64,
    network: Option<i64>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO interactions (id, date, time, channel, minutes, network_id, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        i.date,
        i.time,
        i.channel,
        i.minutes,
        network,
        i.note,
        i.created_at
    ])?;
    let interaction = tx.last_insert_rowid();
    for p in &i.participants {
        tx.prepare_cached(
            "INSERT INTO interaction_participants (interaction_id, contact_id) VALUES (?1, ?2)",
        )?
        .execute(params![interaction, contact(*p)])?;
    }
    for it in &i.items {
        tx.prepare_cached(
            "INSERT INTO items (id, interaction_id, counterparty_id, direction, kind, weight, state, note, settled_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            id.map(|_| it.id),
            interaction,
            contact(it.counterparty),
            it.direction,
            it.kind,
            it.weight,
            it.state,
            it.note,
            it.settled_on
        ])?;
    }
    Ok(interaction)
}

fn taken_network_name(e: rusqlite::Error, name: &str) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::rejected(format!(
            "a network named '{name}' already exists in this database: add --merge to merge the file into it"
        )),
        _ => e.into(),
    }
}

/// Merges the file into a database that has data of its own.
fn merged(tx: &Transaction<'_>, s: &Snapshot, now: &str) -> Result<JsonReport> {
    let uid_of: HashMap<i64, &str> = s.contacts.iter().map(|c| (c.id, c.uid.as_str())).collect();
    let name_of: HashMap<i64, &str> = s.contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
    // Organisations first, so people's affiliations find them by name.
    let ordered: Vec<&ContactRow> = s
        .contacts
        .iter()
        .filter(|c| c.kind == Kind::Org)
        .chain(s.contacts.iter().filter(|c| c.kind == Kind::Person))
        .collect();
    let records: Vec<Record> = ordered
        .iter()
        .map(|c| {
            let mut rec = record_of(c, &uid_of);
            rec.organisations = s
                .affiliations
                .iter()
                .filter(|a| a.person == c.id)
                .filter_map(|a| {
                    Some(OrgLink {
                        name: name_of.get(&a.org)?.to_string(),
                        unit: a.unit.clone(),
                        title: a.title.clone(),
                    })
                })
                .collect();
            rec
        })
        .collect();
    let batches = [(String::from("JSON"), records)];
    let (contacts, ids) = merge::apply_with_ids(tx, now, &batches, &ImportOptions::default())?;
    let id_map: HashMap<i64, i64> = ordered.iter().map(|c| c.id).zip(ids).collect();
    let contact = |id: i64| id_map[&id];

    let mut report = JsonReport {
        mode: "merge",
        contacts,
        ..JsonReport::default()
    };
    let mut network_map = HashMap::new();
    for n in &s.networks {
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM networks WHERE name_key = ?1",
                [fold(&n.name)],
                |row| row.get(0),
            )
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO networks (name, name_key, goal, role, intent, hours_per_month, review_on, note, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![n.name, fold(&n.name), n.goal, n.role, n.intent, n.hours_per_month, n.review_on, n.note, n.created_at, n.updated_at],
                )?;
                report.networks_added += 1;
                tx.last_insert_rowid()
            }
        };
        network_map.insert(n.id, id);
    }
    for m in &s.memberships {
        report.memberships_added += tx.execute(
            "INSERT OR IGNORE INTO network_members (network_id, contact_id, joined_on) VALUES (?1, ?2, ?3)",
            params![network_map[&m.network], contact(m.contact), m.joined_on],
        )?;
    }
    for i in &s.interactions {
        let participants: Vec<i64> = i.participants.iter().map(|p| contact(*p)).collect();
        if already_logged(tx, i, &participants)? {
            report.interactions_skipped += 1;
            continue;
        }
        let network = i.network.map(|n| network_map[&n]);
        insert_interaction_row(tx, i, None, contact, network)?;
        report.interactions_added += 1;
        report.items_added += i.items.len();
    }
    for r in &s.reviews {
        report.reviews_added += tx.execute(
            "INSERT OR IGNORE INTO reviews (week_start, done_at, note) VALUES (?1, ?2, ?3)",
            params![r.week_start, r.done_at, r.note],
        )?;
    }
    Ok(report)
}

/// The same day, time, channel, note and people: already there.
fn already_logged(tx: &Transaction<'_>, i: &InteractionRow, participants: &[i64]) -> Result<bool> {
    let mut wanted = participants.to_vec();
    wanted.sort_unstable();
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM interactions WHERE date = ?1 AND channel = ?2 AND note = ?3
           AND coalesce(time, '') = coalesce(?4, '')",
    )?;
    let candidates: Vec<i64> = stmt
        .query_map(params![i.date, i.channel, i.note, i.time], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut people = tx.prepare_cached(
        "SELECT contact_id FROM interaction_participants WHERE interaction_id = ?1 ORDER BY contact_id",
    )?;
    for id in candidates {
        let found: Vec<i64> = people
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if found == wanted {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A contact of the file as a record for the merge.
fn record_of(c: &ContactRow, uid_of: &HashMap<i64, &str>) -> Record {
    let mut rec = Record::new(c.kind, c.name.clone(), 0);
    rec.uid = Some(c.uid.clone()).filter(|u| !u.is_empty());
    rec.nickname = c.nickname.clone();
    rec.emails = c.emails.clone();
    rec.phones = c.phones.clone();
    rec.urls = c.urls.clone();
    rec.addresses = c.addresses.clone();
    rec.tags = c.tags.clone();
    rec.expertise = c.expertise.clone();
    rec.birthday = c.birthday.clone();
    rec.note = c.note.clone();
    rec.met_on = c.met_on;
    rec.met_how = c.met_how.clone();
    rec.met_through = c
        .met_through
        .and_then(|id| uid_of.get(&id))
        .map(|uid| Reference::Uid(uid.to_string()));
    rec.related = c
        .related
        .iter()
        .filter_map(|r| {
            Some(Related {
                target: Reference::Uid(uid_of.get(&r.contact)?.to_string()),
                relation: r.relation.clone(),
                line: None,
            })
        })
        .collect();
    rec.circle = c.circle;
    rec.cadence_days = c.cadence_days;
    rec.snoozed_until = c.snoozed_until;
    rec.archived = c.archived;
    rec.reminders = c.reminders;
    rec.extras = c.vcard_extras.clone();
    rec
}
