//! The contact every importer produces, whatever the file format was.

use chrono::NaiveDate;

use crate::model::{Address, Circle, ContactDate, Kind, Labelled};

/// One contact read from a file, before it is matched against the database.
/// Not a `store::NewContact`: it names other contacts and organisations the
/// way the file does (by UID or name), and says where in the file it is;
/// the merge turns it into a `NewContact`, or fills a stored contact from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where it starts in its file (1-based), and its card number for vCards.
    pub line: usize,
    pub card: Option<usize>,
    pub uid: Option<String>,
    pub kind: Kind,
    pub name: String,
    pub nickname: String,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    pub urls: Vec<Labelled>,
    pub addresses: Vec<Address>,
    /// For a person: the organisations they belong to.
    pub organisations: Vec<OrgLink>,
    pub tags: Vec<String>,
    pub expertise: Vec<String>,
    /// `YYYY-MM-DD` or `--MM-DD`.
    pub birthday: Option<String>,
    /// Labelled dates (an anniversary, …), one per label.
    pub dates: Vec<ContactDate>,
    pub note: String,
    pub met_on: Option<NaiveDate>,
    pub met_how: String,
    pub met_through: Option<Reference>,
    pub related: Vec<Related>,
    pub circle: Option<Circle>,
    pub cadence_days: Option<u32>,
    pub snoozed_until: Option<NaiveDate>,
    pub archived: bool,
    /// False when the tie was let go: no reconnect suggestions.
    pub reminders: bool,
    /// vCard lines ties has no field for, kept for the next export.
    pub extras: Vec<String>,
    /// What the reader did that the summary should say: how the record was
    /// named, what was re-encoded, what was left out.
    pub notes: Vec<RecordNote>,
}

impl Record {
    pub fn new(kind: Kind, name: impl Into<String>, line: usize) -> Self {
        Record {
            line,
            card: None,
            uid: None,
            kind,
            name: name.into(),
            nickname: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            urls: Vec::new(),
            addresses: Vec::new(),
            organisations: Vec::new(),
            tags: Vec::new(),
            expertise: Vec::new(),
            birthday: None,
            dates: Vec::new(),
            note: String::new(),
            met_on: None,
            met_how: String::new(),
            met_through: None,
            related: Vec::new(),
            circle: None,
            cadence_days: None,
            snoozed_until: None,
            archived: false,
            reminders: true,
            extras: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Adds a note about this record.
    pub fn note(&mut self, line: usize, kind: NoteKind, text: impl Into<String>) {
        self.notes.push(RecordNote {
            line,
            kind,
            text: text.into(),
        });
    }
}

/// Something an importer did with a record, or with a line of its file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordNote {
    pub line: usize,
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// Named from what it had (no name field): a nickname, email or phone.
    Renamed,
    /// Text decoded from another encoding than UTF-8.
    Reencoded,
    /// A value or line that could not be used.
    LeftOut,
    /// A record found inside another (a vCard 2.1 AGENT), imported on its own.
    Separated,
}

impl NoteKind {
    /// How the summary names it.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Renamed => "renamed",
            NoteKind::Reencoded => "re-encoded",
            NoteKind::LeftOut => "left out",
            NoteKind::Separated => "separated",
        }
    }
}

/// A person's place in an organisation, named as the file names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgLink {
    pub name: String,
    pub unit: Option<String>,
    pub title: Option<String>,
}

/// Another contact, as a file points at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Uid(String),
    /// A name, matched exactly (case and accents ignored) and only when one
    /// contact has it.
    Name(String),
}

/// A relation to another contact; `line` is the vCard line to keep when the
/// other contact is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub target: Reference,
    pub relation: String,
    pub line: Option<String>,
}

/// Why one record of a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecordError {
    pub line: usize,
    pub card: Option<usize>,
    pub problem: String,
    /// The record holds nothing to import (no name, email or phone; a
    /// contact group): it is skipped and listed, never a reason to refuse
    /// the file.
    pub nothing_to_import: bool,
}

impl RecordError {
    pub fn new(line: usize, card: Option<usize>, problem: impl Into<String>) -> Self {
        RecordError {
            line,
            card,
            problem: problem.into(),
            nothing_to_import: false,
        }
    }

    /// A record with nothing to import: skipped and listed.
    pub fn nothing_to_import(line: usize, card: Option<usize>, problem: impl Into<String>) -> Self {
        RecordError {
            nothing_to_import: true,
            ..RecordError::new(line, card, problem)
        }
    }

    /// "line 12 (card 3)".
    pub fn location(&self) -> String {
        match self.card {
            Some(card) => format!("line {} (card {card})", self.line),
            None => format!("line {}", self.line),
        }
    }
}

impl Record {
    /// Adds a yearly date read from a file (`2015-06-01`, `20150601`,
    /// `--0601`): false, leaving it to the caller to keep the text, when it
    /// is no date, its label is not one, or the record has a date of that
    /// label already.
    pub fn add_date(&mut self, label: &str, text: &str) -> bool {
        let Some(date) = parse_birthday(text) else {
            return false;
        };
        let Ok(label) = crate::rules::date_label(label) else {
            return false;
        };
        let key = crate::rules::date_label_key(&label);
        if self
            .dates
            .iter()
            .any(|d| crate::rules::date_label_key(&d.label) == key)
        {
            return false;
        }
        self.dates.push(ContactDate {
            label,
            date,
            yearly: true,
        });
        true
    }
}

/// A birthday as ties stores it: `1985-07-04`, or `--07-04` without a year.
/// Reads `1985-07-04`, `19850704`, `--0704`, `--07-04` and a date-time
/// (`1985-07-04T00:00:00Z`, as some phones write it). None for what the
/// birthday rule (`rules::birthday`) would not accept.
pub fn parse_birthday(text: &str) -> Option<String> {
    let text = text.trim();
    let date = text.split('T').next().unwrap_or(text);
    if let Some(rest) = date.strip_prefix("--") {
        let digits: String = rest.chars().filter(|c| *c != '-').collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let (month, day) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
        // A leap year, so that 29 February is a valid birthday.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        return Some(format!("--{month:02}-{day:02}"));
    }
    let parsed = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date, "%Y%m%d"))
        .ok()?;
    crate::rules::birthday(&parsed.format("%Y-%m-%d").to_string()).ok()
}

/// What a parser read from one file.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub entries: Vec<Result<Record, RecordError>>,
    /// What was found out about the file: its layout, delimiter, encoding.
    pub detected: Vec<String>,
    /// Lines of the file that belong to no record and were left out.
    pub notes: Vec<RecordNote>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_in_every_written_form() {
        assert_eq!(parse_birthday("1985-07-04").as_deref(), Some("1985-07-04"));
        assert_eq!(parse_birthday("19850704").as_deref(), Some("1985-07-04"));
        assert_eq!(parse_birthday("--0704").as_deref(), Some("--07-04"));
        assert_eq!(parse_birthday("--07-04").as_deref(), Some("--07-04"));
        assert_eq!(parse_birthday("--0229").as_deref(), Some("--02-29"));
        assert_eq!(
            parse_birthday("1985-07-04T00:00:00Z").as_deref(),
            Some("1985-07-04")
        );
        assert_eq!(parse_birthday("July 4th"), None);
        assert_eq!(parse_birthday("--1340"), None);
    }
}
