//! Contacts as vCards, 4.0 (RFC 6350) or 3.0 (RFC 2426).
//!
//! Organisations come first, so that importing the file finds each
//! organisation's own card before the people who name it in ORG. ties'
//! own fields (circle, expertise, cadence, …) travel as X-TIES-*
//! properties and the lines kept from an import are written back as they
//! came, so importing ties' export gives the same contacts again.

use std::collections::HashMap;
use std::path::Path;

use super::snapshot::{ContactRow, Snapshot};
use crate::error::{Error, Field, Refusal, Result};
use crate::model::{Address, Kind, Labelled};
use crate::text::fold;
use crate::vcard::{CardWriter, escape_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3,
    V4,
}

impl std::str::FromStr for Version {
    type Err = Error;
    fn from_str(text: &str) -> Result<Version> {
        match text.trim() {
            "4.0" | "4" => Ok(Version::V4),
            "3.0" | "3" => Ok(Version::V3),
            other => Err(Error::invalid(Field::VcardVersion, other, "4.0 or 3.0")),
        }
    }
}

impl Version {
    fn as_str(self) -> &'static str {
        match self {
            Version::V3 => "3.0",
            Version::V4 => "4.0",
        }
    }
}

/// Every contact (archived ones too) as one vCard file.
pub fn write(snapshot: &Snapshot, version: Version) -> String {
    cards(snapshot, version)
        .into_iter()
        .map(|(_, card)| card)
        .collect()
}

/// Every contact as its own card, with its UID, organisations first.
pub fn cards(snapshot: &Snapshot, version: Version) -> Vec<(String, String)> {
    let by_id: HashMap<i64, &ContactRow> = snapshot.contacts.iter().map(|c| (c.id, c)).collect();
    let mut affiliations: HashMap<i64, Vec<OrgLine<'_>>> = HashMap::new();
    for a in &snapshot.affiliations {
        if let Some(org) = by_id.get(&a.org) {
            affiliations.entry(a.person).or_default().push((
                org.name.as_str(),
                a.unit.as_deref(),
                a.title.as_deref(),
            ));
        }
    }
    let uid_of = |id: i64| by_id.get(&id).map(|c| c.uid.as_str());
    let mut out = Vec::with_capacity(snapshot.contacts.len());
    let orgs_first = snapshot
        .contacts
        .iter()
        .filter(|c| c.kind == Kind::Org)
        .chain(snapshot.contacts.iter().filter(|c| c.kind == Kind::Person));
    for contact in orgs_first {
        let orgs = affiliations.get(&contact.id).map_or(&[][..], Vec::as_slice);
        out.push((contact.uid.clone(), card(contact, orgs, &uid_of, version)));
    }
    out
}

/// What writing a vdir did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DirReport {
    /// Files written that were not there before.
    pub created: usize,
    /// Files of the same UID written over.
    pub replaced: usize,
    /// Other `.vcf` files in the folder, left as they were.
    pub others: usize,
}

/// Writes one `UID.vcf` per contact into `dir` (a vdir, as khard,
/// vdirsyncer and pimsync read it): the folder is created owner-only
/// (0700) when missing, each file is owner-only (0600) and written whole
/// or not at all. A file of the same UID is replaced; no other file is
/// touched or deleted.
pub fn write_dir(snapshot: &Snapshot, version: Version, dir: &Path) -> Result<DirReport> {
    if dir.exists() && !dir.is_dir() {
        return Err(Refusal::OutputIsAFile(dir.to_path_buf()).into());
    }
    if !dir.exists() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(dir)
            .map_err(|e| Error::io(format!("cannot create the folder {}", dir.display()), e))?;
    }
    let mut report = DirReport::default();
    let mut written = std::collections::HashSet::new();
    for (uid, card) in cards(snapshot, version) {
        let name = file_name(&uid);
        let path = dir.join(&name);
        if path.exists() {
            report.replaced += 1;
        } else {
            report.created += 1;
        }
        super::write_file(&path, card.as_bytes())?;
        written.insert(name);
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?;
    report.others = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.to_ascii_lowercase().ends_with(".vcf") && !written.contains(&name)
        })
        .count();
    Ok(report)
}

/// A UID as a file name: letters, digits and `-_.@+` as they are, every
/// other byte percent-encoded (so distinct UIDs give distinct names), long
/// ones cut and made unique by a hash.
pub fn file_name(uid: &str) -> String {
    const LIMIT: usize = 200;
    let mut name = String::with_capacity(uid.len() + 4);
    for (i, byte) in uid.bytes().enumerate() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'@' | b'+')
            || (byte == b'.' && i > 0);
        if plain {
            name.push(char::from(byte));
        } else {
            name.push_str(&format!("%{byte:02X}"));
        }
    }
    if name.is_empty() {
        name.push_str("%00");
    }
    if name.len() > LIMIT {
        // FNV-1a over the whole UID keeps cut names apart.
        let hash = uid.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        name.truncate(LIMIT);
        while name.ends_with('%') || name[name.len().saturating_sub(2)..].starts_with('%') {
            name.pop();
        }
        name.push_str(&format!("-{hash:016x}"));
    }
    name.push_str(".vcf");
    name
}

/// An organisation a person belongs to, as ORG and TITLE say it: name,
/// unit, title.
type OrgLine<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

fn card<'a>(
    c: &ContactRow,
    orgs: &[OrgLine<'_>],
    uid_of: &impl Fn(i64) -> Option<&'a str>,
    version: Version,
) -> String {
    let mut card = CardWriter::new(version.as_str());
    if !c.uid.is_empty() {
        card.property("UID", &[], &c.uid);
    }
    match (c.kind, version) {
        (Kind::Org, Version::V4) => card.property("KIND", &[], "org"),
        (Kind::Org, Version::V3) => {
            card.property("X-TIES-KIND", &[], "org");
            // How Apple's and others' address books mark a company card.
            card.property("X-ABShowAs", &[], "COMPANY");
        }
        (Kind::Person, _) => {}
    }
    card.property("FN", &[], &escape_text(&c.name));
    let kept_n = c
        .vcard_extras
        .iter()
        .find(|line| line.starts_with("N:") || line.starts_with("N;"))
        .filter(|line| n_matches(line, &c.name));
    match (kept_n, c.kind) {
        (Some(line), _) => card.line(line),
        (None, Kind::Person) => card.property("N", &[], &n_value(&c.name)),
        (None, Kind::Org) if version == Version::V3 => card.property("N", &[], ";;;;"),
        (None, Kind::Org) => {}
    }
    if c.kind == Kind::Org {
        card.property("ORG", &[], &escape_text(&c.name));
    }
    if !c.nickname.is_empty() {
        card.property("NICKNAME", &[], &escape_text(&c.nickname));
    }
    for email in &c.emails {
        labelled(&mut card, "EMAIL", email);
    }
    for phone in &c.phones {
        labelled(&mut card, "TEL", phone);
    }
    let grouped = orgs.len() > 1;
    for (index, (org, unit, title)) in orgs.iter().enumerate() {
        let group = if grouped {
            format!("org{}.", index + 1)
        } else {
            String::new()
        };
        let mut value = escape_text(org);
        if let Some(unit) = unit {
            value.push(';');
            value.push_str(&escape_text(unit));
        }
        card.property(&format!("{group}ORG"), &[], &value);
        if let Some(title) = title {
            card.property(&format!("{group}TITLE"), &[], &escape_text(title));
        }
    }
    if !c.tags.is_empty() {
        card.property("CATEGORIES", &[], &list(&c.tags));
    }
    if let Some(birthday) = &c.birthday {
        card.property("BDAY", &[], &bday(birthday, version));
    }
    for date in &c.dates {
        // The anniversary has a property of its own; other dates are ties'.
        if date.yearly && date.label == "anniversary" {
            let name = match version {
                Version::V4 => "ANNIVERSARY",
                Version::V3 => "X-ANNIVERSARY",
            };
            card.property(name, &[], &bday(&date.date, version));
        } else {
            let value = format!(
                "{};{};{}",
                escape_text(&date.label),
                date.date,
                if date.yearly { "yearly" } else { "once" }
            );
            card.property("X-TIES-DATE", &[], &value);
        }
    }
    if !c.note.is_empty() {
        card.property("NOTE", &[], &escape_text(&c.note));
    }
    for url in &c.urls {
        labelled(&mut card, "URL", url);
    }
    for address in &c.addresses {
        adr(&mut card, address);
    }
    let related = match version {
        Version::V4 => "RELATED",
        Version::V3 => "X-TIES-RELATED",
    };
    for relation in &c.related {
        if let Some(uid) = uid_of(relation.contact) {
            let types: Vec<&str> = relation
                .relation
                .split(',')
                .filter(|t| !t.is_empty())
                .collect();
            let joined = types.join(",");
            let params: Vec<(&str, &str)> = if joined.is_empty() {
                Vec::new()
            } else {
                vec![("TYPE", joined.as_str())]
            };
            card.property(related, &params, uid);
        }
    }
    ties_fields(&mut card, c, uid_of);
    for line in &c.vcard_extras {
        if Some(line) != kept_n {
            card.line(line);
        }
    }
    card.finish()
}

/// ties' own fields, which no vCard property holds.
fn ties_fields<'a>(
    card: &mut CardWriter,
    c: &ContactRow,
    uid_of: &impl Fn(i64) -> Option<&'a str>,
) {
    if let Some(circle) = c.circle {
        card.property("X-TIES-CIRCLE", &[], circle.as_str());
    }
    if !c.expertise.is_empty() {
        card.property("X-TIES-EXPERTISE", &[], &list(&c.expertise));
    }
    if !c.met_how.is_empty() {
        card.property("X-TIES-MET-HOW", &[], &escape_text(&c.met_how));
    }
    if let Some(uid) = c.met_through.and_then(uid_of) {
        card.property("X-TIES-MET-THROUGH", &[], uid);
    }
    if let Some(date) = c.met_on {
        card.property("X-TIES-MET-ON", &[], &date.to_string());
    }
    if let Some(days) = c.cadence_days {
        card.property("X-TIES-EVERY", &[], &days.to_string());
    }
    if let Some(date) = c.snoozed_until {
        card.property("X-TIES-SNOOZED", &[], &date.to_string());
    }
    if c.archived {
        card.property("X-TIES-ARCHIVED", &[], "true");
    }
    if !c.reminders {
        card.property("X-TIES-REMINDERS", &[], "off");
    }
}

fn labelled(card: &mut CardWriter, name: &str, value: &Labelled) {
    match value.label.as_deref().filter(|l| !l.is_empty()) {
        Some(label) => card.property(name, &[("TYPE", label)], &escape_text(&value.value)),
        None => card.property(name, &[], &escape_text(&value.value)),
    }
}

fn adr(card: &mut CardWriter, a: &Address) {
    let value = [
        &a.po_box,
        &a.extended,
        &a.street,
        &a.locality,
        &a.region,
        &a.postal_code,
        &a.country,
    ]
    .iter()
    .map(|part| escape_text(part))
    .collect::<Vec<_>>()
    .join(";");
    match a.label.as_deref().filter(|l| !l.is_empty()) {
        Some(label) => card.property("ADR", &[("TYPE", label)], &value),
        None => card.property("ADR", &[], &value),
    }
}

fn list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| escape_text(v))
        .collect::<Vec<_>>()
        .join(",")
}

/// 4.0 writes dates in the basic form (`19850704`, `--0704`); 3.0 in the
/// extended one (`1985-07-04`, `--07-04`).
fn bday(birthday: &str, version: Version) -> String {
    match version {
        Version::V4 => match birthday.strip_prefix("--") {
            Some(month_day) => format!("--{}", month_day.replace('-', "")),
            None => birthday.replace('-', ""),
        },
        Version::V3 => birthday.to_string(),
    }
}

/// N for a name ties holds whole: the last word as the family name. An
/// import keeps a card's N only when it says more than this.
pub fn n_value(name: &str) -> String {
    match name.rsplit_once(' ') {
        Some((given, family)) => format!("{};{};;;", escape_text(family), escape_text(given)),
        None => format!("{};;;;", escape_text(name)),
    }
}

/// Whether a kept N line still names the contact (it may have been renamed
/// since): the same words, in any order.
fn n_matches(line: &str, name: &str) -> bool {
    let Some((_, value)) = line.split_once(':') else {
        return false;
    };
    let mut n_words: Vec<String> = crate::vcard::split_unescaped(value, ';')
        .into_iter()
        .flat_map(|part| {
            fold(&crate::vcard::unescape(part))
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut name_words: Vec<String> = fold(name).split(' ').map(str::to_string).collect();
    n_words.sort();
    name_words.sort();
    n_words == name_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_become_safe_distinct_file_names() {
        assert_eq!(file_name("4fbe8971-0bc3-424c"), "4fbe8971-0bc3-424c.vcf");
        assert_eq!(file_name("urn:uuid:1"), "urn%3Auuid%3A1.vcf");
        assert_eq!(
            file_name("../../etc/passwd"),
            "%2E.%2F..%2Fetc%2Fpasswd.vcf"
        );
        assert_eq!(file_name("a/b"), "a%2Fb.vcf");
        assert_ne!(file_name("a%2Fb"), file_name("a/b"));
        let long = "x".repeat(300);
        let (a, b) = (file_name(&long), file_name(&format!("{long}y")));
        assert!(a.len() <= 225 && a != b, "{a} {b}");
    }

    #[test]
    fn birthdays_per_version() {
        assert_eq!(bday("1985-07-04", Version::V4), "19850704");
        assert_eq!(bday("--07-04", Version::V4), "--0704");
        assert_eq!(bday("--07-04", Version::V3), "--07-04");
    }

    #[test]
    fn n_from_a_whole_name_and_kept_n_checked_against_renames() {
        assert_eq!(n_value("Anna Maria Järvinen"), "Järvinen;Anna Maria;;;");
        assert_eq!(n_value("Madonna"), "Madonna;;;;");
        assert!(n_matches("N:Järvinen;Anna;;;", "Anna Järvinen"));
        assert!(!n_matches("N:Järvinen;Anna;;;", "Anna Virtanen"));
    }
}
