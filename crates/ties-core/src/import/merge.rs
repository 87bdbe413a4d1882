//! Writing records into the database: each one either matches a contact
//! already there and fills it in, or becomes a new contact.
//!
//! A record matches by UID, then by an email (any case), then by a phone
//! (digits only), then by the exact folded name within the same
//! organisation (or among people with none). A match only fills what is
//! empty and adds emails, phones, tags and the like it lacks: it never
//! overwrites what the user wrote. Everything runs inside the caller's one
//! transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::record::{Record, Reference};
use super::{ImportOptions, ImportReport, Outcome};
use crate::error::Result;
use crate::model::{Address, ContactRef, Kind, Labelled};
use crate::store::{NewContact, insert_contact, normal_tag, phone_key};
use crate::text::{clean, fold};

/// Imports the records of each file, in order.
pub(crate) fn apply(
    tx: &Transaction<'_>,
    now: &str,
    batches: &[(String, Vec<Record>)],
    options: &ImportOptions,
) -> Result<ImportReport> {
    Ok(apply_with_ids(tx, now, batches, options)?.0)
}

/// `apply`, also returning the contact each record became, in order.
pub(crate) fn apply_with_ids(
    tx: &Transaction<'_>,
    now: &str,
    batches: &[(String, Vec<Record>)],
    options: &ImportOptions,
) -> Result<(ImportReport, Vec<i64>)> {
    // A record runs some thirty distinct statements: keep them all prepared
    // (the default cache of 16 would re-prepare most of them every time).
    tx.set_prepared_statement_cache_capacity(64);
    // And keep their plans: without the query planner stability guarantee
    // SQLite re-plans a statement whenever a bound value it looked at
    // changes, which was half of an import's time.
    tx.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    let mut merger = Merger {
        tx,
        now,
        options,
        organisations: HashMap::new(),
        created_organisations: HashSet::new(),
        added_with_uid: HashSet::new(),
        added: HashSet::new(),
        changed: HashSet::new(),
        outcomes: Vec::new(),
        report: ImportReport::default(),
    };
    let mut links = Vec::new();
    let mut ids = Vec::new();
    for (file, records) in batches {
        for rec in records {
            let id = merger.record(file, rec)?;
            ids.push(id);
            if rec.met_through.is_some() || !rec.related.is_empty() {
                links.push((id, file, rec));
            }
        }
    }
    // Links point at contacts anywhere in the files, so they are made once
    // every record is in.
    for (id, file, rec) in links {
        merger.links(id, file, rec)?;
    }
    Ok((merger.finish()?, ids))
}

struct Merger<'a> {
    tx: &'a Transaction<'a>,
    now: &'a str,
    options: &'a ImportOptions,
    /// Organisations by folded name, found or created once per import.
    organisations: HashMap<String, i64>,
    /// Those created for a person's ORG: the organisation's own card, when
    /// it comes later, gives them its UID.
    created_organisations: HashSet<i64>,
    /// Contacts this import added from a record with a UID: another record
    /// with another UID is another contact, whatever else they share (two
    /// cards of one address book are two entries, even with one email).
    added_with_uid: HashSet<i64>,
    added: HashSet<i64>,
    changed: HashSet<i64>,
    /// (contact, file, line, matched by) per record, in file order.
    outcomes: Vec<(i64, String, usize, Option<&'static str>)>,
    report: ImportReport,
}

impl Merger<'_> {
    fn record(&mut self, file: &str, rec: &Record) -> Result<i64> {
        let (id, matched_by) = match self.find(rec)? {
            Some((id, by)) => {
                self.fill(id, rec)?;
                (id, Some(by))
            }
            None => (self.add(rec)?, None),
        };
        self.outcomes
            .push((id, file.to_string(), rec.line, matched_by));
        Ok(id)
    }

    /// The contact a record is, if the database has it already.
    fn find(&mut self, rec: &Record) -> Result<Option<(i64, &'static str)>> {
        let tx = self.tx;
        if let Some(uid) = &rec.uid
            && let Some(id) = one(tx, "SELECT id FROM contacts WHERE uid = ?1", params![uid])?
        {
            return Ok(Some((id, "uid")));
        }
        for email in &rec.emails {
            let found = self.candidate(
                rec,
                "SELECT e.contact_id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
                 WHERE lower(e.value) = lower(?1) AND c.kind = ?2 ORDER BY e.contact_id",
                params![clean(&email.value), rec.kind],
            )?;
            if let Some(id) = found {
                return Ok(Some((id, "email")));
            }
        }
        for phone in &rec.phones {
            let found = self.candidate(
                rec,
                "SELECT p.contact_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
                 WHERE p.value_key = ?1 AND c.kind = ?2 ORDER BY p.contact_id",
                params![phone_key(&clean(&phone.value)), rec.kind],
            )?;
            if let Some(id) = found {
                return Ok(Some((id, "phone")));
            }
        }
        let key = fold(&rec.name);
        let found = match (rec.kind, rec.organisations.first()) {
            (Kind::Org, _) => self.candidate(
                rec,
                "SELECT id FROM contacts WHERE name_key = ?1 AND kind = 'org' ORDER BY id",
                params![key],
            )?,
            (Kind::Person, Some(org)) => match self.existing_organisation(&org.name)? {
                Some(org) => self.candidate(
                    rec,
                    "SELECT c.id FROM contacts c JOIN affiliations a ON a.person_id = c.id
                     WHERE c.name_key = ?1 AND c.kind = 'person' AND a.org_id = ?2
                     ORDER BY c.id",
                    params![key, org],
                )?,
                None => None,
            },
            (Kind::Person, None) => self.candidate(
                rec,
                "SELECT c.id FROM contacts c
                 WHERE c.name_key = ?1 AND c.kind = 'person'
                   AND NOT EXISTS (SELECT 1 FROM affiliations a WHERE a.person_id = c.id)
                 ORDER BY c.id",
                params![key],
            )?,
        };
        Ok(found.map(|id| (id, "name")))
    }

    /// The first contact `sql` finds that the record may merge into.
    fn candidate(
        &self,
        rec: &Record,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Option<i64>> {
        let mut stmt = self.tx.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if rec.uid.is_none() || !self.added_with_uid.contains(&id) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    fn add(&mut self, rec: &Record) -> Result<i64> {
        let mut new = NewContact::new(rec.kind, rec.name.as_str());
        if rec.kind == Kind::Person {
            new.circle = rec.circle.or(self.options.circle);
        }
        new.note = rec.note.clone();
        new.met_how = rec.met_how.clone();
        new.cadence_days = rec.cadence_days;
        let id = insert_contact(self.tx, &new, self.now)?;
        self.tx
            .prepare_cached(
                "UPDATE contacts SET uid = coalesce(?2, uid), nickname = ?3, birthday = ?4,
                        met_on = ?5, snoozed_until = ?6, archived = ?7, reminders = ?8
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                rec.uid,
                clean(&rec.nickname),
                rec.birthday,
                rec.met_on,
                rec.snoozed_until,
                rec.archived,
                rec.reminders
            ])?;
        self.added.insert(id);
        if rec.uid.is_some() {
            self.added_with_uid.insert(id);
        }
        self.add_values(id, rec)?;
        Ok(id)
    }

    /// Fills what the contact lacks; never overwrites.
    fn fill(&mut self, id: i64, rec: &Record) -> Result<()> {
        let tx = self.tx;
        if let Some(uid) = &rec.uid
            && self.created_organisations.remove(&id)
        {
            tx.prepare_cached("UPDATE contacts SET uid = ?2 WHERE id = ?1")?
                .execute(params![id, uid])?;
        }
        let fills: [(&str, &dyn rusqlite::ToSql); 6] = [
            (
                "UPDATE contacts SET nickname = ?2 WHERE id = ?1 AND nickname = '' AND ?2 <> ''",
                &clean(&rec.nickname),
            ),
            (
                "UPDATE contacts SET birthday = ?2 WHERE id = ?1 AND birthday IS NULL AND ?2 IS NOT NULL",
                &rec.birthday,
            ),
            (
                "UPDATE contacts SET note = ?2 WHERE id = ?1 AND note = '' AND ?2 <> ''",
                &clean(&rec.note),
            ),
            (
                "UPDATE contacts SET met_on = ?2 WHERE id = ?1 AND met_on IS NULL AND ?2 IS NOT NULL",
                &rec.met_on,
            ),
            (
                "UPDATE contacts SET met_how = ?2 WHERE id = ?1 AND met_how = '' AND ?2 <> ''",
                &clean(&rec.met_how),
            ),
            (
                "UPDATE contacts SET cadence_days = ?2 WHERE id = ?1 AND cadence_days IS NULL AND ?2 IS NOT NULL",
                &rec.cadence_days,
            ),
        ];
        for (sql, value) in fills {
            if tx.prepare_cached(sql)?.execute(params![id, value])? > 0 {
                self.changed.insert(id);
            }
        }
        self.add_values(id, rec)
    }

    /// Adds the record's emails, phones, links, addresses, tags, expertise,
    /// kept vCard lines and organisations that the contact lacks.
    fn add_values(&mut self, id: i64, rec: &Record) -> Result<()> {
        let tx = self.tx;
        let mut changed = false;
        for email in &rec.emails {
            changed |= add_email(tx, id, email)?;
        }
        for phone in &rec.phones {
            changed |= add_phone(tx, id, phone)?;
        }
        for url in &rec.urls {
            changed |= add_url(tx, id, url)?;
        }
        for address in &rec.addresses {
            changed |= add_address(tx, id, address)?;
        }
        let tags = rec.tags.iter().chain(self.options.tag.as_ref());
        for tag in tags {
            changed |= add_tag(tx, id, tag)?;
        }
        for topic in &rec.expertise {
            changed |= add_expertise(tx, id, topic)?;
        }
        for line in &rec.extras {
            changed |= add_extra(tx, id, line)?;
        }
        if rec.kind == Kind::Person {
            for org in &rec.organisations {
                let org_id = self.organisation(&org.name)?;
                changed |=
                    add_affiliation(tx, id, org_id, org.title.as_deref(), org.unit.as_deref())?;
            }
        }
        if changed {
            self.changed.insert(id);
        }
        Ok(())
    }

    /// Makes `met_through` and relations once every record is in. A relation
    /// to a contact nobody knows keeps its vCard line, for the next export.
    fn links(&mut self, id: i64, file: &str, rec: &Record) -> Result<()> {
        let tx = self.tx;
        if let Some(target) = &rec.met_through
            && let Some(through) = resolve(tx, target)?.filter(|t| *t != id)
            && tx.execute(
                "UPDATE contacts SET met_through = ?2 WHERE id = ?1 AND met_through IS NULL",
                params![id, through],
            )? > 0
        {
            self.changed.insert(id);
        }
        for related in &rec.related {
            let changed = match resolve(tx, &related.target)?.filter(|t| *t != id) {
                Some(other) => {
                    tx.prepare_cached(
                        "INSERT OR IGNORE INTO contact_relations (contact_id, related_id, relation)
                         VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![
                        id,
                        other,
                        clean(&related.relation).to_lowercase()
                    ])? > 0
                }
                None => match &related.line {
                    Some(line) => add_extra(tx, id, line)?,
                    None => {
                        let name = match &related.target {
                            Reference::Uid(uid) | Reference::Name(uid) => uid,
                        };
                        self.report.warnings.push(format!(
                            "{file}: line {}: relation '{name}' names no known contact (or several); left out",
                            rec.line
                        ));
                        false
                    }
                },
            };
            if changed {
                self.changed.insert(id);
            }
        }
        Ok(())
    }

    /// The organisation of that name, created when there is none.
    fn organisation(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self.existing_organisation(name)? {
            return Ok(id);
        }
        let id = insert_contact(self.tx, &NewContact::new(Kind::Org, name), self.now)?;
        self.organisations.insert(fold(name), id);
        self.created_organisations.insert(id);
        self.report.organisations_added.push(ContactRef {
            id,
            name: clean(name),
        });
        self.added.insert(id);
        Ok(id)
    }

    fn existing_organisation(&mut self, name: &str) -> Result<Option<i64>> {
        let key = fold(name);
        if let Some(id) = self.organisations.get(&key) {
            return Ok(Some(*id));
        }
        let found = one(
            self.tx,
            "SELECT id FROM contacts WHERE name_key = ?1 AND kind = 'org' ORDER BY id LIMIT 1",
            params![key],
        )?;
        if let Some(id) = found {
            self.organisations.insert(key, id);
        }
        Ok(found)
    }

    fn finish(mut self) -> Result<ImportReport> {
        let tx = self.tx;
        for id in &self.changed {
            if !self.added.contains(id) {
                tx.prepare_cached("UPDATE contacts SET updated_at = ?2 WHERE id = ?1")?
                    .execute(params![id, self.now])?;
            }
        }
        let mut name = tx.prepare_cached("SELECT name FROM contacts WHERE id = ?1")?;
        for (id, file, line, matched_by) in std::mem::take(&mut self.outcomes) {
            let outcome = Outcome {
                id,
                name: name.query_row([id], |row| row.get(0))?,
                file,
                line,
                matched_by,
            };
            match matched_by {
                None => self.report.added.push(outcome),
                Some(_) if self.changed.contains(&id) => self.report.merged.push(outcome),
                Some(_) => self.report.unchanged.push(outcome),
            }
        }
        Ok(self.report)
    }
}

fn one(tx: &Transaction<'_>, sql: &str, params: impl rusqlite::Params) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(sql)?
        .query_row(params, |row| row.get(0))
        .optional()?)
}

/// The contact a reference names: by UID, or by a name exactly one contact has.
fn resolve(tx: &Transaction<'_>, target: &Reference) -> Result<Option<i64>> {
    match target {
        Reference::Uid(uid) => one(
            tx,
            "SELECT id FROM contacts WHERE uid = ?1",
            params![uid.trim()],
        ),
        Reference::Name(name) => {
            let mut stmt =
                tx.prepare_cached("SELECT id FROM contacts WHERE name_key = ?1 LIMIT 2")?;
            let ids: Vec<i64> = stmt
                .query_map([fold(name)], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(match ids.as_slice() {
                [one] => Some(*one),
                _ => None,
            })
        }
    }
}

fn label(label: &Option<String>) -> Option<String> {
    label
        .as_deref()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
}

/// Where a value goes in a contact's list: None when the list already holds
/// it (`same` is the SQL condition for that, on the list's rows), else the
/// next free position. `table` is one of this module's fixed names, never
/// input. One statement, as an import asks this for every value.
fn slot(
    tx: &Transaction<'_>,
    table: &str,
    same: &str,
    params: impl rusqlite::Params,
) -> Result<Option<i64>> {
    let (held, next): (bool, i64) = tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE contact_id = ?1 AND {same}),
                    (SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE contact_id = ?1)"
        ))?
        .query_row(params, |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok((!held).then_some(next))
}

fn exists(tx: &Transaction<'_>, sql: &str, params: impl rusqlite::Params) -> Result<bool> {
    Ok(tx
        .prepare_cached(sql)?
        .query_row(params, |row| row.get(0))?)
}

fn add_email(tx: &Transaction<'_>, id: i64, email: &Labelled) -> Result<bool> {
    let value = clean(&email.value);
    let Some(position) = slot(
        tx,
        "contact_emails",
        "lower(value) = lower(?2)",
        params![id, value],
    )?
    else {
        return Ok(false);
    };
    tx.prepare_cached(
        "INSERT INTO contact_emails (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, position, value, label(&email.label)])?;
    Ok(true)
}

fn add_phone(tx: &Transaction<'_>, id: i64, phone: &Labelled) -> Result<bool> {
    let value = clean(&phone.value);
    let key = phone_key(&value);
    let Some(position) = slot(
        tx,
        "contact_phones",
        "(value_key = ?2 OR value = ?3)",
        params![id, key, value],
    )?
    else {
        return Ok(false);
    };
    tx.prepare_cached(
        "INSERT INTO contact_phones (contact_id, position, value, value_key, label) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, position, value, key, label(&phone.label)])?;
    Ok(true)
}

fn add_url(tx: &Transaction<'_>, id: i64, url: &Labelled) -> Result<bool> {
    let value = clean(&url.value);
    if value.is_empty() {
        return Ok(false);
    }
    let Some(position) = slot(tx, "contact_urls", "value = ?2", params![id, value])? else {
        return Ok(false);
    };
    tx.prepare_cached(
        "INSERT INTO contact_urls (contact_id, position, value, label) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, position, value, label(&url.label)])?;
    Ok(true)
}

fn add_address(tx: &Transaction<'_>, id: i64, a: &Address) -> Result<bool> {
    let parts = [
        clean(&a.po_box),
        clean(&a.extended),
        clean(&a.street),
        clean(&a.locality),
        clean(&a.region),
        clean(&a.postal_code),
        clean(&a.country),
    ];
    if parts.iter().all(String::is_empty) {
        return Ok(false);
    }
    let Some(position) = slot(
        tx,
        "contact_addresses",
        "po_box = ?2 AND extended = ?3 AND street = ?4 AND locality = ?5
         AND region = ?6 AND postal_code = ?7 AND country = ?8",
        params![
            id, parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]
        ],
    )?
    else {
        return Ok(false);
    };
    tx.prepare_cached(
        "INSERT INTO contact_addresses
             (contact_id, position, label, po_box, extended, street, locality, region, postal_code, country)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        position,
        label(&a.label),
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        parts[4],
        parts[5],
        parts[6]
    ])?;
    Ok(true)
}

fn add_tag(tx: &Transaction<'_>, id: i64, tag: &str) -> Result<bool> {
    let tag = normal_tag(tag);
    if tag.is_empty() {
        return Ok(false);
    }
    Ok(tx
        .prepare_cached("INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?1, ?2)")?
        .execute(params![id, tag])?
        > 0)
}

fn add_expertise(tx: &Transaction<'_>, id: i64, topic: &str) -> Result<bool> {
    let topic = clean(topic);
    if topic.is_empty()
        || exists(
            tx,
            "SELECT EXISTS (SELECT 1 FROM contact_expertise WHERE contact_id = ?1 AND lower(topic) = lower(?2))",
            params![id, topic],
        )?
    {
        return Ok(false);
    }
    tx.prepare_cached("INSERT INTO contact_expertise (contact_id, topic) VALUES (?1, ?2)")?
        .execute(params![id, topic])?;
    Ok(true)
}

fn add_extra(tx: &Transaction<'_>, id: i64, line: &str) -> Result<bool> {
    let Some(position) = slot(tx, "contact_vcard_extras", "line = ?2", params![id, line])? else {
        return Ok(false);
    };
    tx.prepare_cached(
        "INSERT INTO contact_vcard_extras (contact_id, position, line) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, position, line])?;
    Ok(true)
}

/// Adds the person to the organisation, or fills a missing title or unit.
fn add_affiliation(
    tx: &Transaction<'_>,
    person: i64,
    org: i64,
    title: Option<&str>,
    unit: Option<&str>,
) -> Result<bool> {
    let title = title.map(clean).filter(|t| !t.is_empty());
    let unit = unit.map(clean).filter(|u| !u.is_empty());
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO affiliations (person_id, org_id, title, unit) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![person, org, title, unit])?;
    if inserted > 0 {
        return Ok(true);
    }
    let filled = tx
        .prepare_cached(
            "UPDATE affiliations SET title = coalesce(title, ?3), unit = coalesce(unit, ?4)
             WHERE person_id = ?1 AND org_id = ?2
               AND ((title IS NULL AND ?3 IS NOT NULL) OR (unit IS NULL AND ?4 IS NOT NULL))",
        )?
        .execute(params![person, org, title, unit])?;
    Ok(filled > 0)
}
