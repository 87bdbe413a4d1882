//! Reading ties' own JSON export back.
//!
//! Into a database that holds none of the file's ids (an empty one, most
//! often) every row is written as it was, ids and timestamps included, so
//! the database is reproduced exactly; the triggers rebuild the derived
//! figures as the rows go in. A database that shares ids with the file is
//! refused unless `merge` is asked for: then contacts merge like any import
//! (by UID, email, phone, name), networks by name, and interactions and
//! reviews already there are not added twice.
//!
//! Either way every value passes the same rule as when it is typed, and a
//! refusal names the record ("contact #3 (Anna)") and what is accepted.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::merge;
use super::record::{OrgLink, Record, RecordError, Reference, Related};
use super::{ImportOptions, ImportReport, Source};
use crate::change::Change;
use crate::error::{Error, Place, RecordName, Refusal, Result};
use crate::export::snapshot::{self, ContactRow, InteractionRow, Snapshot};
use crate::model::{ContactRef, Kind};
use crate::store::{Store, Writer};

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
    check_references(&snapshot)
        .map_err(|problem| Error::unreadable(&source.name, Place::Contents, problem, false))?;
    let file = source.name.as_str();
    let work =
        |w: &Writer<'_>| {
            let shared = w.ids_in_use(&snapshot)?;
            let report =
                match (shared, options.merge) {
                    (None, _) => exact(w, file, &snapshot),
                    (Some(_), true) => merged(w, file, &snapshot),
                    (Some(what), false) => Err(Error::Refused(Refusal::SharedIds { what })
                        .in_file(file, Place::Contents, false)),
                }?;
            let change = Change::Imported {
                format: "ties JSON".to_string(),
                files: vec![file.to_string()],
                added: report.contacts.added.len(),
                merged: report.contacts.merged.len(),
                interactions: report.interactions_added,
            };
            Ok((report, change))
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
    let version = match value.get("version") {
        None => {
            return Err(RecordError::new(
                1,
                None,
                "the export has no \"version\": a ties export says which format version it is",
            ));
        }
        Some(v) => v.as_u64().ok_or_else(|| {
            RecordError::new(
                1,
                None,
                format!(
                    "the export's \"version\" is {v}, not a whole number: a ties export says \"version\": {}",
                    snapshot::VERSION
                ),
            )
        })?,
    };
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

/// The names the file gives its contacts, for naming records in messages.
struct Names<'a>(HashMap<i64, &'a ContactRow>);

impl<'a> Names<'a> {
    fn of(s: &'a Snapshot) -> Self {
        Names(s.contacts.iter().map(|c| (c.id, c)).collect())
    }

    fn contact(&self, id: i64) -> ContactRef {
        ContactRef {
            id,
            name: self.0.get(&id).map(|c| c.name.clone()).unwrap_or_default(),
        }
    }
}

/// A refusal as the problem of one record of the file.
fn at(file: &str, record: RecordName) -> impl FnOnce(Error) -> Error + '_ {
    move |e| e.in_file(file, Place::Record(record), false)
}

fn contact_place(c: &ContactRow) -> RecordName {
    RecordName::Contact(ContactRef {
        id: c.id,
        name: c.name.clone(),
    })
}

fn interaction_place(i: &InteractionRow) -> RecordName {
    RecordName::Interaction {
        id: i.id,
        date: i.date,
    }
}

/// Writes every row as it is in the file.
fn exact(w: &Writer<'_>, file: &str, s: &Snapshot) -> Result<JsonReport> {
    w.defer_foreign_keys()?;
    let names = Names::of(s);
    let mut report = JsonReport {
        mode: "exact",
        ..JsonReport::default()
    };
    for c in &s.contacts {
        w.restore_contact(c).map_err(at(file, contact_place(c)))?;
        report.contacts.added.push(super::Outcome {
            id: c.id,
            name: c.name.clone(),
            file: String::new(),
            line: 0,
            matched_by: None,
        });
    }
    for a in &s.affiliations {
        let place = RecordName::Affiliation {
            person: names.contact(a.person),
            org: names.contact(a.org),
        };
        w.restore_affiliation(a, &names.contact(a.org))
            .map_err(at(file, place))?;
    }
    for n in &s.networks {
        let place = RecordName::Network {
            id: n.id,
            name: n.name.clone(),
        };
        w.restore_network(n, true).map_err(at(file, place))?;
        report.networks_added += 1;
    }
    for m in &s.memberships {
        let place = RecordName::Membership {
            network: m.network,
            contact: m.contact,
        };
        report.memberships_added += usize::from(
            w.join(m.network, m.contact, m.joined_on)
                .map_err(at(file, place))?,
        );
    }
    for i in &s.interactions {
        w.restore_interaction(i, true)
            .map_err(at(file, interaction_place(i)))?;
        report.interactions_added += 1;
        report.items_added += i.items.len();
    }
    for r in &s.reviews {
        w.restore_review(r, true)
            .map_err(at(file, RecordName::Review { id: r.id }))?;
        report.reviews_added += 1;
    }
    Ok(report)
}

/// Merges the file into a database that has data of its own.
fn merged(w: &Writer<'_>, file: &str, s: &Snapshot) -> Result<JsonReport> {
    let uid_of: HashMap<i64, &str> = s.contacts.iter().map(|c| (c.id, c.uid.as_str())).collect();
    let names = Names::of(s);
    // Organisations first, so people's affiliations find them by name.
    let ordered: Vec<&ContactRow> = s
        .contacts
        .iter()
        .filter(|c| c.kind == Kind::Org)
        .chain(s.contacts.iter().filter(|c| c.kind == Kind::Person))
        .collect();
    let mut records = Vec::with_capacity(ordered.len());
    for c in &ordered {
        let mut rec = record_of(c, &uid_of);
        rec.organisations = s
            .affiliations
            .iter()
            .filter(|a| a.person == c.id)
            .map(|a| OrgLink {
                name: names.contact(a.org).name,
                unit: a.unit.clone(),
                title: a.title.clone(),
            })
            .collect();
        merge::check(&rec).map_err(at(file, contact_place(c)))?;
        records.push(rec);
    }
    let places: Vec<Place> = ordered
        .iter()
        .map(|c| Place::Record(contact_place(c)))
        .collect();
    let batches = [(String::from("JSON"), records)];
    let (contacts, ids) =
        merge::apply_placed(w, &batches, &ImportOptions::default(), |_, index| {
            places[index].clone()
        })
        .map_err(|e| match e {
            // The merge names the file "JSON"; the user named it otherwise.
            Error::File(mut f) => {
                f.file = file.to_string();
                Error::File(f)
            }
            other => other,
        })?;
    let id_map: HashMap<i64, i64> = ordered.iter().map(|c| c.id).zip(ids).collect();
    let contact = |id: i64| id_map[&id];

    let mut report = JsonReport {
        mode: "merge",
        contacts,
        ..JsonReport::default()
    };
    let mut network_map = HashMap::new();
    for n in &s.networks {
        let place = RecordName::Network {
            id: n.id,
            name: n.name.clone(),
        };
        let id = match w.network_named(&n.name)? {
            Some(id) => id,
            None => {
                report.networks_added += 1;
                w.restore_network(n, false).map_err(at(file, place))?
            }
        };
        network_map.insert(n.id, id);
    }
    for m in &s.memberships {
        let place = RecordName::Membership {
            network: m.network,
            contact: m.contact,
        };
        report.memberships_added += usize::from(
            w.join(network_map[&m.network], contact(m.contact), m.joined_on)
                .map_err(at(file, place))?,
        );
    }

    // The file's interactions in this database's ids. One already stored
    // is not added again, and two identical ones in the file are two: of k
    // identical in the file and j in the database, k - j are added.
    let mapped: Vec<InteractionRow> = s
        .interactions
        .iter()
        .map(|i| {
            let mut m = i.clone();
            m.participants = i.participants.iter().map(|p| contact(*p)).collect();
            m.network = i.network.map(|n| network_map[&n]);
            for it in &mut m.items {
                it.counterparty = id_map
                    .get(&it.counterparty)
                    .copied()
                    .unwrap_or(it.counterparty);
            }
            m
        })
        .collect();
    let mut already: HashMap<String, usize> = HashMap::new();
    for (i, m) in s.interactions.iter().zip(&mapped) {
        let key = same_key(m);
        if let std::collections::hash_map::Entry::Vacant(slot) = already.entry(key) {
            let stored = w
                .count_same_interactions(m)
                .map_err(at(file, interaction_place(i)))?;
            slot.insert(stored);
        }
    }
    for (i, m) in s.interactions.iter().zip(&mapped) {
        let left = already.get_mut(&same_key(m)).expect("counted above");
        if *left > 0 {
            *left -= 1;
            report.interactions_skipped += 1;
            continue;
        }
        w.restore_interaction(m, false)
            .map_err(at(file, interaction_place(i)))?;
        report.interactions_added += 1;
        report.items_added += i.items.len();
    }
    for r in &s.reviews {
        report.reviews_added += usize::from(
            w.restore_review(r, false)
                .map_err(at(file, RecordName::Review { id: r.id }))?,
        );
    }
    Ok(report)
}

/// What makes two interactions the same one: everything but their ids and
/// when they were written down.
fn same_key(i: &InteractionRow) -> String {
    let mut participants = i.participants.clone();
    participants.sort_unstable();
    let mut items: Vec<String> = i
        .items
        .iter()
        .map(|it| {
            format!(
                "{}|{}|{}|{}|{}|{:?}|{:?}",
                it.counterparty,
                it.direction,
                it.kind,
                it.weight,
                it.state,
                crate::rules::text(&it.note),
                it.settled_on
            )
        })
        .collect();
    items.sort();
    format!(
        "{}|{:?}|{}|{:?}|{:?}|{:?}|{:?}|{:?}",
        i.date,
        i.time.as_deref().map(str::trim),
        i.channel,
        i.minutes,
        i.network,
        crate::rules::text(&i.note),
        participants,
        items
    )
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
    rec.dates = c.dates.clone();
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
