//! Importing contacts: vCard (2.1, 3.0, 4.0), the CSV exports of Google
//! Contacts, Outlook, Thunderbird, Yahoo and LinkedIn (or any CSV, its
//! columns named by the user), and ties' own JSON export.
//!
//! Each format has a pure parser (bytes in, records or errors with line and
//! card numbers out, and notes of what was renamed, re-encoded or left
//! out). `import` reads every file first, stops at the first bad record
//! unless asked to skip them, and then writes all of it in one transaction,
//! so a bad file never leaves half an import behind. Records with nothing to
//! import (no name, email or phone) are skipped and listed, never a reason
//! to refuse a file.

mod apple_dates;
mod columns;
pub mod csv_layout;
mod csv_table;
pub mod google;
pub mod json;
pub mod linkedin;
mod merge;
mod outlook;
mod record;
mod thunderbird;
mod ties_csv;
pub mod vcard;
mod yahoo;

use std::io::Read;
use std::path::Path;

use serde::Serialize;

pub use csv_layout::{ColumnMap, CsvOptions, Layout};
pub use record::{
    NoteKind, OrgLink, Parsed, Record, RecordError, RecordNote, Reference, Related, parse_birthday,
};

use crate::change::Change;
use crate::error::{Error, Place, Refusal, Result};
use crate::model::{Circle, ContactRef};
use crate::rules;
use crate::store::Store;

/// The contact file formats (JSON has its own entry point, `json::import`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    Vcard,
    Csv(CsvOptions),
}

impl Format {
    /// The format's name, as the history says it.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Vcard => "vCard",
            Format::Csv(_) => "CSV",
        }
    }
}

/// One file's bytes and the name errors call it by.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Do everything but write.
    pub dry_run: bool,
    /// The circle of people added (those matched keep theirs).
    pub circle: Option<Circle>,
    /// A tag for every imported contact.
    pub tag: Option<String>,
    /// Import the good records of a file and list the bad ones, rather than
    /// stopping at the first bad one.
    pub skip_invalid: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    pub added: Vec<Outcome>,
    /// Matched an existing contact and filled something in.
    pub merged: Vec<Outcome>,
    /// Matched an existing contact that already had everything.
    pub unchanged: Vec<Outcome>,
    /// Records with nothing to import (always), and records that could not
    /// be read (with `skip_invalid`).
    pub skipped: Vec<Skipped>,
    /// Organisations created for the people's ORG / company columns.
    pub organisations_added: Vec<ContactRef>,
    /// Values left out (an email without `@`, a date that is no date).
    pub warnings: Vec<String>,
    /// What the readers did: records named from what they had, text
    /// re-encoded, values and lines left out, agents separated.
    pub notes: Vec<ImportNote>,
    /// What was found out about each file: its layout, delimiter, encoding.
    pub detected: Vec<Detected>,
    /// Records that matched a contact under another name: the contact
    /// keeps the name it has (the one the user wrote).
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportNote {
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub file: String,
    #[serde(serialize_with = "crate::json_text::zero_as_null")]
    pub line: usize,
    pub card: Option<usize>,
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detected {
    pub file: String,
    pub what: String,
}

/// A record that matched a contact whose name differs from the file's.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub id: i64,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub file: String,
    #[serde(serialize_with = "crate::json_text::zero_as_null")]
    pub line: usize,
    /// The contact's name, kept.
    pub kept: String,
    /// The name the file gives, not written.
    pub file_name: String,
    /// uid, email, phone or name.
    pub matched_by: &'static str,
}

/// `file` and `line` are `null` for a record of no file (a JSON export's).
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub id: i64,
    pub name: String,
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub file: String,
    #[serde(serialize_with = "crate::json_text::zero_as_null")]
    pub line: usize,
    /// uid, email, phone or name; None for added contacts.
    pub matched_by: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    #[serde(serialize_with = "crate::json_text::empty_as_null")]
    pub file: String,
    #[serde(serialize_with = "crate::json_text::zero_as_null")]
    pub line: usize,
    pub card: Option<usize>,
    pub problem: String,
}

/// Reads `sources` in `format` and imports them in one transaction. Every
/// record is checked against the rules of each field first, so that a bad
/// one is refused (or, with `skip_invalid`, skipped) before anything is
/// written.
pub fn import(
    store: &mut Store,
    format: Format,
    sources: &[Source],
    options: &ImportOptions,
) -> Result<ImportReport> {
    if let Some(tag) = &options.tag {
        rules::tag(tag)?;
    }
    let mut batches = Vec::with_capacity(sources.len());
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    let mut detected = Vec::new();
    for source in sources {
        let parsed = match &format {
            Format::Vcard => vcard::parse(&source.bytes),
            Format::Csv(csv) => csv_layout::parse(&source.bytes, csv),
        }
        .map_err(|e| bad_file(&source.name, &e, false))?;
        let note = |card: Option<usize>, n: &RecordNote| ImportNote {
            file: source.name.clone(),
            line: n.line,
            card,
            kind: n.kind,
            text: n.text.clone(),
        };
        detected.extend(parsed.detected.iter().map(|what| Detected {
            file: source.name.clone(),
            what: what.clone(),
        }));
        notes.extend(parsed.notes.iter().map(|n| note(None, n)));
        let mut records = Vec::with_capacity(parsed.entries.len());
        for entry in parsed.entries {
            // A record that identifies nobody is always skipped and listed;
            // one the rules refuse is skipped only when asked to.
            let checked = match entry {
                Err(e) if e.nothing_to_import => {
                    skipped.push(Skipped {
                        file: source.name.clone(),
                        line: e.line,
                        card: e.card,
                        problem: e.problem,
                    });
                    continue;
                }
                Err(e) => Err(bad_file(&source.name, &e, true)),
                Ok(record) => match merge::check(&record) {
                    Ok(()) => Ok(record),
                    Err(e) => Err(e.in_file(&source.name, merge::place(&record), true)),
                },
            };
            match checked {
                Ok(record) => {
                    notes.extend(record.notes.iter().map(|n| note(record.card, n)));
                    records.push(record);
                }
                Err(Error::File(e)) if options.skip_invalid => {
                    let (line, card) = match e.place {
                        Place::Line { line, card } => (line, card),
                        _ => (0, None),
                    };
                    skipped.push(Skipped {
                        file: e.file,
                        line,
                        card,
                        problem: e.problem.to_string(),
                    });
                }
                Err(e) => return Err(e),
            }
        }
        batches.push((source.name.clone(), records));
    }
    let files: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let work = |w: &crate::store::Writer<'_>| {
        let report = merge::apply(w, &batches, options)?.0;
        let change = Change::Imported {
            format: format.name().to_string(),
            files: files.clone(),
            added: report.added.len(),
            merged: report.merged.len(),
            interactions: 0,
        };
        Ok((report, change))
    };
    let mut report = if options.dry_run {
        store.rehearse(work)?
    } else {
        store.write(work)?
    };
    report.dry_run = options.dry_run;
    report.skipped = skipped;
    report.notes = notes;
    report.detected = detected;
    Ok(report)
}

/// The error for a record a parser could not read: which file, where, and
/// whether the other records could be imported without it.
pub fn bad_file(file: &str, error: &RecordError, others_importable: bool) -> Error {
    Error::unreadable(
        file,
        Place::Line {
            line: error.line,
            card: error.card,
        },
        error.problem.clone(),
        others_importable,
    )
}

/// The name standard input goes by in messages.
pub const STDIN: &str = "standard input";

/// Reads the files (or folders of `.vcf` files, for vCard) named on the
/// command line; `-` is standard input.
pub fn read_sources(paths: &[impl AsRef<Path>], folders: bool) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("cannot read standard input", e))?;
            sources.push(Source {
                name: STDIN.to_string(),
                bytes,
            });
        } else if path.is_dir() {
            if !folders {
                return Err(Refusal::InputIsAFolder(path.to_path_buf()).into());
            }
            let found = vcard_files(path)?;
            if found.is_empty() {
                return Err(Refusal::NoVcardFiles(path.to_path_buf()).into());
            }
            for file in found {
                sources.push(read_file(&file)?);
            }
        } else {
            sources.push(read_file(path)?);
        }
    }
    Ok(sources)
}

fn read_file(path: &Path) -> Result<Source> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    Ok(Source {
        name: path.display().to_string(),
        bytes,
    })
}

/// The `.vcf` / `.vcard` files of a folder, sorted by name.
fn vcard_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::io(format!("cannot read the folder {}", dir.display()), e))?
            .path();
        let is_vcard = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("vcf") || e.eq_ignore_ascii_case("vcard"));
        if is_vcard && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
