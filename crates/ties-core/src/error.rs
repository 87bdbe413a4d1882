//! Errors a user can cause, as data: which field, which value, what is
//! accepted, which record of which file, or which rule refused what.
//!
//! The wording here is the neutral one (for logs, tests and any face that
//! has no words of its own): it names no command-line flag and no screen.
//! Each face words these errors in its own language, the command line
//! naming its flags (`src/cli/words.rs`), the terminal UI its fields
//! (`src/tui/words.rs`).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::ContactRef;
pub use crate::store::DatabaseProblem;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value outside what its field accepts.
    #[error("{}", describe_invalid(*.field, .value, .accepted))]
    Invalid {
        field: Field,
        value: String,
        /// What the field accepts, in words ("a number of days from 1 to 3650").
        accepted: String,
    },

    /// Well-formed input that a rule refuses, with the reason as data.
    #[error("{0}")]
    Refused(Refusal),

    #[error("no {what} matches '{query}'{}", suggest(.suggestions))]
    NotFound {
        what: &'static str,
        query: String,
        suggestions: Vec<ContactRef>,
    },

    #[error("'{query}' matches {} {what}s: {}; name one by its id or a longer name", .candidates.len(), list_some(.candidates))]
    Ambiguous {
        what: &'static str,
        query: String,
        candidates: Vec<ContactRef>,
    },

    /// A database file that cannot be used as it is, and why.
    #[error("{}", crate::store::problem::Described(.path, .problem))]
    Database {
        path: PathBuf,
        problem: DatabaseProblem,
    },

    /// A file that cannot be imported: which file, where in it, and why.
    #[error("{0}")]
    File(Box<FileError>),

    /// A config file that cannot be read as settings; `problem` names the key.
    #[error("config {}: {problem}", .path.display())]
    Config { path: PathBuf, problem: String },

    /// Something done to a file failed for a reason SQLite or the system
    /// gave; nothing was changed.
    #[error("{what} failed ({cause}); nothing was changed")]
    Failed { what: Operation, cause: String },

    // The cause is part of the message (not a `source`), so that error
    // chains print it once.
    #[error("{context}: {cause}")]
    Io {
        context: String,
        cause: std::io::Error,
    },

    /// Not a `source`: the message already says what SQLite said, and error
    /// chains would print it twice.
    #[error("{}", describe_sqlite(.0))]
    Sqlite(rusqlite::Error),
}

/// The fields of ties' records, as a refusal names them. A closed set: each
/// face maps it to its own name for the field (a flag, a form label).
/// Stored in the history's changes by its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    NetworkName,
    Nickname,
    Email,
    Phone,
    Url,
    Tag,
    Expertise,
    Label,
    Title,
    Unit,
    Relation,
    Note,
    MetHow,
    Goal,
    Uid,
    Kind,
    Circle,
    Channel,
    Direction,
    ItemKind,
    ItemState,
    Role,
    Intent,
    Cadence,
    Birthday,
    /// A labelled date of a contact (`anniversary=2015-06-01`).
    ContactDate,
    /// The label of a contact's date ("anniversary").
    DateLabel,
    /// How far ahead to look (`--within 30d`).
    Within,
    /// What to look for in a search.
    SearchText,
    MetOn,
    SnoozedUntil,
    /// The day an interaction happened.
    Date,
    Time,
    Minutes,
    Weight,
    HoursPerMonth,
    ReviewOn,
    JoinedOn,
    SettledOn,
    WeekStart,
    CreatedAt,
    UpdatedAt,
    DoneAt,
    /// A give/take item as typed (`intro:3@anna`).
    Item,
    /// A promise as typed (`send slides@anna`).
    Promise,
    /// The `@CONTACT` part of an item or promise.
    Counterparty,
    /// How many contacts the demo makes.
    ContactCount,
    VcardVersion,
    /// An organisation a person belongs to.
    Organisation,
    /// A participant of an interaction.
    Participant,
    /// The network an interaction happened in.
    Network,
    MetThrough,
    /// Whether reconnect reminders are on.
    Reminders,
    /// A postal address.
    Address,
}

impl Field {
    /// The field's neutral name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::NetworkName => "network name",
            Field::Nickname => "nickname",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Url => "web address",
            Field::Tag => "tag",
            Field::Expertise => "expertise",
            Field::Label => "label",
            Field::Title => "title",
            Field::Unit => "unit",
            Field::Relation => "relation",
            Field::Note => "note",
            Field::MetHow => "how you met",
            Field::Goal => "goal",
            Field::Uid => "UID",
            Field::Kind => "kind",
            Field::Circle => "circle",
            Field::Channel => "channel",
            Field::Direction => "direction",
            Field::ItemKind => "kind",
            Field::ItemState => "state",
            Field::Role => "role",
            Field::Intent => "intent",
            Field::Cadence => "cadence",
            Field::Birthday => "birthday",
            Field::ContactDate => "date",
            Field::DateLabel => "date label",
            Field::Within => "span",
            Field::SearchText => "search text",
            Field::MetOn => "date you met",
            Field::SnoozedUntil => "snooze date",
            Field::Date => "date",
            Field::Time => "time",
            Field::Minutes => "minutes",
            Field::Weight => "weight",
            Field::HoursPerMonth => "hours per month",
            Field::ReviewOn => "review date",
            Field::JoinedOn => "date joined",
            Field::SettledOn => "date settled",
            Field::WeekStart => "week start",
            Field::CreatedAt => "creation time",
            Field::UpdatedAt => "update time",
            Field::DoneAt => "review time",
            Field::Item => "item",
            Field::Promise => "promise",
            Field::Counterparty => "contact",
            Field::ContactCount => "number of contacts",
            Field::VcardVersion => "vCard version",
            Field::Organisation => "organisation",
            Field::Participant => "participant",
            Field::Network => "network",
            Field::MetThrough => "met through",
            Field::Reminders => "reminders",
            Field::Address => "address",
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a well-formed request was refused: a closed set of reasons, each
/// with the data a face needs to word it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    #[error("an organisation cannot belong to an organisation")]
    OrgInOrg,
    #[error("{} (#{}) is a person, not an organisation", .0.name, .0.id)]
    NotAnOrganisation(ContactRef),
    #[error("organisations have no circle: a circle is for people")]
    CircleForOrg,
    #[error("a contact cannot have met you through themselves")]
    MetThroughSelf,
    #[error("a contact cannot be related to themselves")]
    RelatedToSelf,
    /// Removing a value the contact does not have.
    #[error("the contact has no {field} '{value}'")]
    NotOnContact { field: Field, value: String },

    #[error("an interaction needs at least one participant")]
    NoParticipants,
    #[error("contact #{0} is named twice among the participants: name each one once")]
    ParticipantTwice(i64),
    #[error("an item's counterparty (contact #{0}) is not a participant of its interaction")]
    CounterpartyNotParticipant(i64),
    #[error("item #{0} is already done")]
    ItemAlreadyDone(i64),
    #[error("item #{0} is already open")]
    ItemAlreadyOpen(i64),
    #[error("item #{item} belongs to another interaction than #{interaction}")]
    ItemOfAnotherInteraction { item: i64, interaction: i64 },
    #[error("{} (#{}) is already a participant", .0.name, .0.id)]
    AlreadyAParticipant(ContactRef),
    #[error("{} (#{}) is not a participant of interaction #{interaction}", .contact.name, .contact.id)]
    NotAParticipant {
        contact: ContactRef,
        interaction: i64,
    },
    /// Removing a participant who is the counterparty of items that stay.
    #[error("{} (#{}) is the counterparty of {}: delete those items or give them to another participant first", .contact.name, .contact.id, items_list(.items))]
    ParticipantHasItems {
        contact: ContactRef,
        items: Vec<i64>,
    },
    #[error("a contact cannot be merged with itself ({} #{})", .0.name, .0.id)]
    MergeWithItself(ContactRef),
    #[error("{} (#{}) is {} and {} (#{}) {}: only contacts of one kind can be merged", .keep.name, .keep.id, kind_word(.keep_kind), .other.name, .other.id, kind_word(.other_kind))]
    MergeKinds {
        keep: ContactRef,
        keep_kind: crate::model::Kind,
        other: ContactRef,
        other_kind: crate::model::Kind,
    },
    #[error("there is no item #{0}")]
    NoSuchItem(i64),
    #[error("there is no interaction #{0}")]
    NoSuchInteraction(i64),

    #[error("there is no network #{0}")]
    NoSuchNetwork(i64),
    #[error("a network named '{0}' already exists: choose another name")]
    NetworkNameTaken(String),

    #[error("the week of {0} is already reviewed in this database")]
    WeekAlreadyReviewed(NaiveDate),
    /// A review of a week that lies ahead.
    #[error("the week of {0} has not begun yet: review this week or an earlier one")]
    WeekNotBegun(NaiveDate),

    /// An import into a database that holds records with the file's ids.
    #[error(
        "the database already holds {what} with the same ids as the file; nothing was imported. Import it into an empty database, or merge it into this one"
    )]
    SharedIds { what: String },
    /// A contact of an exact import whose UID another contact has.
    #[error("its UID '{0}' belongs to another contact in this database")]
    UidTaken(String),

    #[error("the database already holds {} contact{}: demo data goes into an empty database unless asked to add to one", .0, plural(*.0))]
    DemoNeedsEmptyDatabase(i64),

    /// A query with nothing in it to match a name by.
    #[error("'{query}' is not a {what} name: give an id or part of a name")]
    NotAName { what: &'static str, query: String },

    #[error("{} is a folder: give a file name, e.g. {}", .0.display(), .0.join("contacts.vcf").display())]
    OutputIsAFolder(PathBuf),
    #[error("{} is a file, not a folder: give a folder for one file per contact", .0.display())]
    OutputIsAFile(PathBuf),
    #[error("{} is a folder: give the export file itself", .0.display())]
    InputIsAFolder(PathBuf),
    #[error("{} holds no .vcf or .vcard files", .0.display())]
    NoVcardFiles(PathBuf),

    #[error("migration failed on purpose (TIES_FAIL_MIGRATION is set); nothing was changed")]
    MigrationFailedOnPurpose,
    #[error("{} already exists; ties never overwrites a file with a backup: choose another name or remove it", .0.display())]
    BackupExists(PathBuf),
    #[error("the backup cannot be the database itself")]
    BackupIsTheDatabase,
    #[error("backup failed on purpose (TIES_FAIL_BACKUP is set); no copy was made")]
    BackupFailedOnPurpose,
    #[error("cannot find your home folder to keep the database in: give a path to one")]
    NoHomeFolder,

    #[error("there is nothing to undo")]
    NothingToUndo,
    /// A row an entry wrote was changed since: undoing it would lose that.
    #[error("#{entry} ({change}) cannot be undone: {record} was changed since{}; nothing was written", changed_by(.by))]
    UndoConflict {
        entry: i64,
        change: Box<crate::change::Change>,
        /// The record, as a message names it ("contact #3 (Bob Smith)").
        record: String,
        /// The later entry that changed it; None when something outside
        /// ties' history did.
        by: Option<(i64, Box<crate::change::Change>)>,
    },
    /// Writing the entry's rows back failed (the database refused them).
    #[error("#{entry} cannot be undone ({cause}); nothing was written")]
    UndoFailed { entry: i64, cause: String },
}

fn items_list(items: &[i64]) -> String {
    let ids: Vec<String> = items.iter().map(|i| format!("#{i}")).collect();
    format!(
        "item{} {}",
        if items.len() == 1 { "" } else { "s" },
        ids.join(", ")
    )
}

fn kind_word(kind: &crate::model::Kind) -> &'static str {
    match kind {
        crate::model::Kind::Person => "a person",
        crate::model::Kind::Org => "an organisation",
    }
}

fn changed_by(by: &Option<(i64, Box<crate::change::Change>)>) -> String {
    match by {
        Some((id, change)) => format!(" by #{id} ({change})"),
        None => " outside ties (by no entry of its history)".to_string(),
    }
}

/// What failed, for `Error::Failed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Migrate { to: i64 },
    Backup { to: PathBuf },
    WriteJson,
    WriteCsv,
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Operation::Migrate { to } => write!(f, "migration to schema version {to}"),
            Operation::Backup { to } => write!(f, "the backup to {}", to.display()),
            Operation::WriteJson => f.write_str("writing the JSON"),
            Operation::WriteCsv => f.write_str("writing the CSV"),
        }
    }
}

/// A record (or the whole of a file) that cannot be imported.
#[derive(Debug)]
pub struct FileError {
    /// The file as the user named it (or "standard input").
    pub file: String,
    pub place: Place,
    pub problem: Problem,
    /// The other records are fine: they could be imported without this one.
    pub others_importable: bool,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {}: {}; nothing was imported",
            self.file, self.place, self.problem
        )?;
        if self.others_importable {
            f.write_str(" (the other records could be imported without it)")?;
        }
        Ok(())
    }
}

/// Where in a file: a line (and card, for vCards), a record by its id, or
/// the file as a whole.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Line { line: usize, card: Option<usize> },
    Record(RecordName),
    Contents,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line {
                line,
                card: Some(card),
            } => write!(f, "line {line} (card {card})"),
            Place::Line { line, card: None } => write!(f, "line {line}"),
            Place::Record(record) => write!(f, "{record}"),
            Place::Contents => f.write_str("contents"),
        }
    }
}

/// A record of a ties JSON export, named the way the file names it.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordName {
    Contact(ContactRef),
    Network { id: i64, name: String },
    Interaction { id: i64, date: NaiveDate },
    Review { id: i64 },
    Affiliation { person: ContactRef, org: ContactRef },
    Membership { network: i64, contact: i64 },
}

impl std::fmt::Display for RecordName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordName::Contact(c) => write!(f, "contact #{} ({})", c.id, c.name),
            RecordName::Network { id, name } => write!(f, "network #{id} ({name})"),
            RecordName::Interaction { id, date } => write!(f, "interaction #{id} (of {date})"),
            RecordName::Review { id } => write!(f, "review #{id}"),
            RecordName::Affiliation { person, org } => write!(
                f,
                "the affiliation of {} (#{}) with {} (#{})",
                person.name, person.id, org.name, org.id
            ),
            RecordName::Membership { network, contact } => {
                write!(
                    f,
                    "the membership of contact #{contact} in network #{network}"
                )
            }
        }
    }
}

/// What is wrong with a record.
#[derive(Debug)]
pub enum Problem {
    /// The format's own words for what could not be read (no name, not
    /// valid UTF-8, the file ends early, …).
    Unreadable(String),
    /// A value or a link the rules refuse: the same error a command or a
    /// form would get for it.
    Refused(Error),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unreadable(text) => f.write_str(text),
            Problem::Refused(error) => write!(f, "{error}"),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Error::Sqlite(error)
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Self {
        Error::Refused(refusal)
    }
}

impl Error {
    pub fn invalid(field: Field, value: impl Into<String>, accepted: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            value: value.into(),
            accepted: accepted.into(),
        }
    }

    pub fn database(path: &std::path::Path, problem: DatabaseProblem) -> Self {
        Error::Database {
            path: path.to_path_buf(),
            problem,
        }
    }

    pub fn io(context: impl Into<String>, cause: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            cause,
        }
    }

    /// This error as the problem of a record of `file` at `place`.
    pub fn in_file(self, file: &str, place: Place, others_importable: bool) -> Error {
        // A refusal that already names its file keeps its own place.
        if let Error::File(_) = self {
            return self;
        }
        Error::File(Box::new(FileError {
            file: file.to_string(),
            place,
            problem: Problem::Refused(self),
            others_importable,
        }))
    }

    /// A record of `file` the format cannot read.
    pub fn unreadable(
        file: &str,
        place: Place,
        problem: impl Into<String>,
        others_importable: bool,
    ) -> Error {
        Error::File(Box::new(FileError {
            file: file.to_string(),
            place,
            problem: Problem::Unreadable(problem.into()),
            others_importable,
        }))
    }
}

/// Values longer than this are shown cut, so that a hostile or pasted
/// value cannot fill the screen.
const SHOWN_VALUE_CHARS: usize = 60;

/// "invalid cadence '0': use …", or "the tag is empty: use …".
fn describe_invalid(field: Field, value: &str, accepted: &str) -> String {
    if value.trim().is_empty() {
        format!("the {field} is empty: use {accepted}")
    } else {
        format!("invalid {field} '{}': use {accepted}", shown_value(value))
    }
}

/// A value as a message quotes it: cut to a readable length.
pub fn shown_value(value: &str) -> std::borrow::Cow<'_, str> {
    if value.chars().count() <= SHOWN_VALUE_CHARS {
        value.into()
    } else {
        let cut: String = value.chars().take(SHOWN_VALUE_CHARS).collect();
        format!("{cut}…").into()
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Candidates an ambiguous name lists: a line to choose from, not a page.
const LISTED_CANDIDATES: usize = 12;

/// "Anna (#1), Anne (#2) … and 225 more" beyond `LISTED_CANDIDATES`.
fn list_some(candidates: &[ContactRef]) -> String {
    let shown = list(&candidates[..candidates.len().min(LISTED_CANDIDATES)]);
    match candidates.len().saturating_sub(LISTED_CANDIDATES) {
        0 => shown,
        more => format!("{shown} … and {more} more"),
    }
}

fn list(candidates: &[ContactRef]) -> String {
    candidates
        .iter()
        .map(|c| format!("{} (#{})", c.name, c.id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn suggest(suggestions: &[ContactRef]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", list(suggestions))
    }
}

/// SQLite's own words, with the cases a user can fix said plainly.
fn describe_sqlite(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ReadOnly) => {
            "you may not write to the database, so nothing was written: check the permissions of the file and its folder".into()
        }
        Some(rusqlite::ErrorCode::DiskFull) => {
            "the disk is full, so nothing was written: free some space and try again".into()
        }
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            "another program held the database for too long, so nothing was written: try again".into()
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => format!(
            "the database is damaged ({error}); restore it from a backup (ties.db.bak-v*, or a `ties backup` copy)"
        ),
        _ => format!("database error: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_value_says_the_field_the_value_and_what_is_accepted() {
        let e = Error::invalid(Field::Cadence, "0", "a number of days from 1 to 3650");
        assert_eq!(
            e.to_string(),
            "invalid cadence '0': use a number of days from 1 to 3650"
        );
        let e = Error::invalid(Field::Tag, " ", "a word like climbing");
        assert_eq!(e.to_string(), "the tag is empty: use a word like climbing");
        let long = "x".repeat(500);
        assert!(Error::invalid(Field::Name, long, "short").to_string().len() < 120);
    }

    #[test]
    fn a_file_error_says_the_file_the_place_and_the_problem() {
        let e = Error::invalid(
            Field::Cadence,
            "96000000",
            "a number of days from 1 to 3650",
        )
        .in_file(
            "a.json",
            Place::Record(RecordName::Contact(ContactRef {
                id: 1,
                name: "Anna".into(),
            })),
            false,
        );
        assert_eq!(
            e.to_string(),
            "a.json, contact #1 (Anna): invalid cadence '96000000': use a number of days from 1 to 3650; nothing was imported"
        );
        let e = Error::unreadable(
            "b.vcf",
            Place::Line {
                line: 6,
                card: Some(2),
            },
            "no name",
            true,
        );
        assert_eq!(
            e.to_string(),
            "b.vcf, line 6 (card 2): no name; nothing was imported (the other records could be imported without it)"
        );
    }
}
