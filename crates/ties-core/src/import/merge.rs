//! Writing records into the database: each one either matches a contact
//! already there and fills it in, or becomes a new contact.
//!
//! A record matches by UID, then by an email (its ASCII letters in any
//! case), then by a phone (digits only), then by its name within the same
//! organisation (or among people with none). People's names are compared
//! ignoring accents, case and punctuation; organisations' names keep the
//! symbols that tell them apart ("C++ Foundation" is not "C# Foundation").
//! A match only fills what is empty and adds emails, phones, tags and the
//! like it lacks: it never overwrites what the user wrote, and a name that
//! differs is reported as a conflict. Everything runs inside the caller's
//! one transaction, through the store's writer, so every value passes the
//! same rule as when it is typed.

use std::collections::{HashMap, HashSet};

use super::record::{Record, Reference};
use super::{Conflict, ImportOptions, ImportReport, Outcome};
use crate::error::{Field, Place, Refusal, Result};
use crate::model::{ContactRef, Kind};
use crate::rules;
use crate::store::{Fill, NewContact, Values, Writer};
use crate::text::{clean, fold_keeping_symbols};

/// Checks a record against the rules of every field before anything is
/// written, so that a bad record can be skipped (or refused) whole. The
/// store applies the same rules again as it writes.
pub(crate) fn check(rec: &Record) -> Result<()> {
    rules::contact_name(&rec.name)?;
    rules::circle(rec.kind, rec.circle)?;
    if rec.kind == Kind::Org && !rec.organisations.is_empty() {
        return Err(Refusal::OrgInOrg.into());
    }
    for org in &rec.organisations {
        rules::contact_name(&org.name)?;
    }
    for email in &rec.emails {
        rules::email(&email.value)?;
    }
    for phone in &rec.phones {
        rules::phone(&phone.value)?;
    }
    for url in &rec.urls {
        rules::url(&url.value)?;
    }
    for tag in &rec.tags {
        rules::tag(tag)?;
    }
    for topic in &rec.expertise {
        rules::expertise(topic)?;
    }
    if let Some(days) = rec.cadence_days {
        rules::cadence(days)?;
    }
    if let Some(birthday) = &rec.birthday {
        rules::birthday(birthday)?;
    }
    for date in &rec.dates {
        rules::contact_date(date)?;
    }
    rules::distinct_date_labels(&rec.dates)?;
    if let Some(day) = rec.met_on {
        rules::date(Field::MetOn, day)?;
    }
    if let Some(day) = rec.snoozed_until {
        rules::date(Field::SnoozedUntil, day)?;
    }
    if let Some(uid) = &rec.uid {
        let uid = rules::uid(uid)?;
        if rec.met_through == Some(Reference::Uid(uid.clone())) {
            return Err(Refusal::MetThroughSelf.into());
        }
        if rec
            .related
            .iter()
            .any(|r| r.target == Reference::Uid(uid.clone()))
        {
            return Err(Refusal::RelatedToSelf.into());
        }
    }
    Ok(())
}

/// Imports the records of each file, in order; returns the report and the
/// contact each record became, in order.
pub(crate) fn apply(
    w: &Writer<'_>,
    batches: &[(String, Vec<Record>)],
    options: &ImportOptions,
) -> Result<(ImportReport, Vec<i64>)> {
    apply_placed(w, batches, options, |rec, _| place(rec))
}

/// `apply`, with `place_of` saying where the n-th record is (for messages).
pub(crate) fn apply_placed(
    w: &Writer<'_>,
    batches: &[(String, Vec<Record>)],
    options: &ImportOptions,
    place_of: impl Fn(&Record, usize) -> Place,
) -> Result<(ImportReport, Vec<i64>)> {
    w.prepare_for_bulk()?;
    let mut merger = Merger {
        w,
        options,
        organisations: HashMap::new(),
        created_organisations: HashSet::new(),
        added_with_uid: HashSet::new(),
        added: HashSet::new(),
        changed: HashSet::new(),
        outcomes: Vec::new(),
        report: ImportReport::default(),
    };
    // The new contacts' stats rows and search documents are made once at
    // the end, for all of them (store/bulk.rs).
    let ids = w.adding_contacts_in_bulk(|| {
        let mut links = Vec::new();
        let mut ids = Vec::new();
        for (file, records) in batches {
            for rec in records {
                let index = ids.len();
                let id = merger
                    .record(file, rec)
                    .map_err(|e| e.in_file(file, place_of(rec, index), false))?;
                ids.push(id);
                if rec.met_through.is_some() || !rec.related.is_empty() {
                    links.push((id, file, rec, index));
                }
            }
        }
        // Links point at contacts anywhere in the files, so they are made
        // once every record is in.
        for (id, file, rec, index) in links {
            merger
                .links(id, file, rec)
                .map_err(|e| e.in_file(file, place_of(rec, index), false))?;
        }
        Ok(ids)
    })?;
    Ok((merger.finish()?, ids))
}

/// Where a record is in its file.
pub(crate) fn place(rec: &Record) -> Place {
    Place::Line {
        line: rec.line,
        card: rec.card,
    }
}

struct Merger<'a> {
    w: &'a Writer<'a>,
    options: &'a ImportOptions,
    /// Organisations by `fold_keeping_symbols` of their name, found or
    /// created once per import.
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
    /// (contact, file, line, matched by, the name in the file) per record,
    /// in file order.
    outcomes: Vec<(i64, String, usize, Option<&'static str>, String)>,
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
            .push((id, file.to_string(), rec.line, matched_by, clean(&rec.name)));
        Ok(id)
    }

    /// The contact a record is, if the database has it already.
    fn find(&mut self, rec: &Record) -> Result<Option<(i64, &'static str)>> {
        if let Some(uid) = &rec.uid
            && let Some(id) = self.w.contact_by_uid(uid)?
        {
            return Ok(Some((id, "uid")));
        }
        for email in &rec.emails {
            let found = self.w.contacts_with_email(&email.value, rec.kind)?;
            if let Some(id) = self.first_mergeable(rec, found) {
                return Ok(Some((id, "email")));
            }
        }
        for phone in &rec.phones {
            let found = self.w.contacts_with_phone(&phone.value, rec.kind)?;
            if let Some(id) = self.first_mergeable(rec, found) {
                return Ok(Some((id, "phone")));
            }
        }
        let found = match (rec.kind, rec.organisations.first()) {
            (Kind::Org, _) => self.w.organisations_named(&rec.name)?,
            (Kind::Person, Some(org)) => match self.existing_organisation(&org.name)? {
                Some(org) => self.w.people_named_in(&rec.name, org)?,
                None => Vec::new(),
            },
            (Kind::Person, None) => self.w.people_named_alone(&rec.name)?,
        };
        Ok(self.first_mergeable(rec, found).map(|id| (id, "name")))
    }

    /// The first of `found` the record may merge into.
    fn first_mergeable(&self, rec: &Record, found: Vec<i64>) -> Option<i64> {
        found
            .into_iter()
            .find(|id| rec.uid.is_none() || !self.added_with_uid.contains(id))
    }

    fn add(&mut self, rec: &Record) -> Result<i64> {
        let mut new = NewContact::new(rec.kind, rec.name.as_str());
        if rec.kind == Kind::Person {
            new.circle = rec.circle.or(self.options.circle);
        }
        new.note = rec.note.clone();
        new.met_how = rec.met_how.clone();
        new.cadence_days = rec.cadence_days;
        new.uid = rec.uid.clone();
        new.nickname = rec.nickname.clone();
        new.birthday = rec.birthday.clone();
        new.met_on = rec.met_on;
        new.snoozed_until = rec.snoozed_until;
        new.archived = rec.archived;
        new.reminders = rec.reminders;
        // Its values go in with it: a contact just made holds nothing to
        // compare them with.
        new.emails = rec.emails.clone();
        new.phones = rec.phones.clone();
        new.urls = rec.urls.clone();
        new.addresses = rec.addresses.clone();
        new.tags = self.tags(rec);
        new.expertise = rec.expertise.clone();
        new.vcard_extras = rec.extras.clone();
        // The readers keep one date per label (a second is left out with a
        // note), as a new contact requires.
        new.dates = rec.dates.clone();
        let id = self.w.insert_contact(&new)?;
        self.added.insert(id);
        if rec.uid.is_some() {
            self.added_with_uid.insert(id);
        }
        self.affiliate(id, rec)?;
        Ok(id)
    }

    /// The record's tags, and the one the user asked every contact to get.
    fn tags(&self, rec: &Record) -> Vec<String> {
        rec.tags
            .iter()
            .chain(self.options.tag.as_ref())
            .cloned()
            .collect()
    }

    /// Fills what the contact lacks; never overwrites.
    fn fill(&mut self, id: i64, rec: &Record) -> Result<()> {
        if let Some(uid) = &rec.uid
            && self.created_organisations.remove(&id)
        {
            self.w.set_uid(id, uid)?;
        }
        let filled = self.w.fill(
            id,
            &Fill {
                nickname: &rec.nickname,
                birthday: rec.birthday.as_deref(),
                note: &rec.note,
                met_on: rec.met_on,
                met_how: &rec.met_how,
                cadence_days: rec.cadence_days,
            },
        )?;
        if filled {
            self.changed.insert(id);
        }
        self.add_values(id, rec)
    }

    /// Adds the record's emails, phones, links, addresses, tags, expertise,
    /// kept vCard lines and organisations that the contact lacks.
    fn add_values(&mut self, id: i64, rec: &Record) -> Result<()> {
        let tags = self.tags(rec);
        let changed = self.w.add_values(
            id,
            &Values {
                emails: &rec.emails,
                phones: &rec.phones,
                urls: &rec.urls,
                addresses: &rec.addresses,
                tags: &tags,
                expertise: &rec.expertise,
                extras: &rec.extras,
                dates: &rec.dates,
            },
        )?;
        if self.affiliate(id, rec)? || changed {
            self.changed.insert(id);
        }
        Ok(())
    }

    /// Links a person to the record's organisations (made when the
    /// database has none of the name); returns whether any link was new.
    fn affiliate(&mut self, id: i64, rec: &Record) -> Result<bool> {
        let mut changed = false;
        if rec.kind == Kind::Person {
            for org in &rec.organisations {
                let org_id = self.organisation(&org.name)?;
                changed |= self.w.affiliate(
                    id,
                    rec.kind,
                    org_id,
                    org.title.as_deref(),
                    org.unit.as_deref(),
                )?;
            }
        }
        Ok(changed)
    }

    /// Makes `met_through` and relations once every record is in. A relation
    /// to a contact nobody knows keeps its vCard line, for the next export;
    /// one that names the contact itself is left out with a note.
    fn links(&mut self, id: i64, file: &str, rec: &Record) -> Result<()> {
        if let Some(target) = &rec.met_through
            && let Some(through) = self.resolve(target)?
        {
            if through == id {
                self.note_left_out(file, rec, target, "names the contact itself");
            } else if self.w.fill_met_through(id, through)? {
                self.changed.insert(id);
            }
        }
        for related in &rec.related {
            let changed = match self.resolve(&related.target)? {
                Some(other) if other == id => {
                    self.note_left_out(file, rec, &related.target, "names the contact itself");
                    false
                }
                Some(other) => self.w.relate(id, other, &related.relation)?,
                None => match &related.line {
                    Some(line) => self.w.add_values(
                        id,
                        &Values {
                            extras: std::slice::from_ref(line),
                            ..Values::default()
                        },
                    )?,
                    None => {
                        self.note_left_out(
                            file,
                            rec,
                            &related.target,
                            "names no known contact (or several)",
                        );
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

    fn note_left_out(&mut self, file: &str, rec: &Record, target: &Reference, why: &str) {
        let name = match target {
            Reference::Uid(text) | Reference::Name(text) => text,
        };
        self.report.warnings.push(format!(
            "{file}: line {}: relation '{name}' {why}; left out",
            rec.line
        ));
    }

    /// The contact a reference names: by UID, or by a name exactly one
    /// contact has.
    fn resolve(&self, target: &Reference) -> Result<Option<i64>> {
        match target {
            Reference::Uid(uid) => self.w.contact_by_uid(uid),
            Reference::Name(name) => Ok(match self.w.contacts_named(name)?.as_slice() {
                [one] => Some(*one),
                _ => None,
            }),
        }
    }

    /// The organisation of that name, created when there is none.
    fn organisation(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self.existing_organisation(name)? {
            return Ok(id);
        }
        let id = self.w.insert_contact(&NewContact::new(Kind::Org, name))?;
        self.organisations.insert(fold_keeping_symbols(name), id);
        self.created_organisations.insert(id);
        self.report.organisations_added.push(ContactRef {
            id,
            name: clean(name),
        });
        self.added.insert(id);
        Ok(id)
    }

    fn existing_organisation(&mut self, name: &str) -> Result<Option<i64>> {
        let key = fold_keeping_symbols(name);
        if let Some(id) = self.organisations.get(&key) {
            return Ok(Some(*id));
        }
        let found = self.w.organisations_named(name)?.first().copied();
        if let Some(id) = found {
            self.organisations.insert(key, id);
        }
        Ok(found)
    }

    fn finish(mut self) -> Result<ImportReport> {
        for id in &self.changed {
            if !self.added.contains(id) {
                self.w.touch(*id)?;
            }
        }
        for (id, file, line, matched_by, file_name) in std::mem::take(&mut self.outcomes) {
            let name = self.w.contact_name(id)?;
            if matched_by.is_some() && name != file_name {
                self.report.conflicts.push(Conflict {
                    id,
                    file: file.clone(),
                    line,
                    kept: name.clone(),
                    file_name,
                    matched_by: matched_by.unwrap_or_default(),
                });
            }
            let outcome = Outcome {
                id,
                name,
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
