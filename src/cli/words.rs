//! The command line's words for the core's errors. The core says which
//! field, which value and which rule, or what is wrong with a database
//! file; the command line says it in terms of what was typed: its flags
//! ("invalid --email 'x'") and what to add to go on ("add --merge",
//! "add --skip-invalid", "add --force", "--db or TIES_DB").

use std::path::Path;

use ties::config::Config;
use ties::error::{FileError, Place, Problem};
use ties::store::DatabaseProblem;
use ties::{Error, Field, Refusal};

use crate::tui::keymap::BadBinding;

const CHOOSE: &str = "choose another file with --db or TIES_DB";

/// The message for a command that failed: the core's errors in the command
/// line's words, anything else as it reads.
pub fn describe(error: &anyhow::Error) -> String {
    match error.downcast_ref::<Error>() {
        // A ties error with context of the command's own keeps the context.
        Some(e) if error.chain().count() == 1 => describe_error(e),
        _ => format!("{error:#}"),
    }
}

/// A core error said for the command line.
pub fn describe_error(error: &Error) -> String {
    match error {
        Error::Invalid {
            field,
            value,
            accepted,
        } => match flag(*field) {
            Some(flag) => invalid(flag, value, accepted),
            None => error.to_string(),
        },
        Error::Refused(refusal) => refused(refusal),
        Error::File(file) => file_error(file),
        Error::Database { path, problem } => database_problem(path, problem),
        other => other.to_string(),
    }
}

/// The one line `ties` prints for a database it cannot use: the core's
/// words, and which flag chooses another file where that is the way out.
pub fn database_problem(path: &Path, problem: &DatabaseProblem) -> String {
    let said = problem.describe(path);
    let hint = match problem {
        DatabaseProblem::Missing => {
            format!("; a command that writes (`ties add …`) creates it, or {CHOOSE}")
        }
        DatabaseProblem::Empty => format!("; remove it, or {CHOOSE}"),
        DatabaseProblem::DanglingLink { .. }
        | DatabaseProblem::Directory
        | DatabaseProblem::NotARegularFile { .. }
        | DatabaseProblem::NotSqlite
        | DatabaseProblem::Foreign => format!("; {CHOOSE}"),
        _ => String::new(),
    };
    format!("{said}{hint}")
}

/// `ties backup` on a damaged database: what was found, and how to copy
/// it anyway.
pub fn damaged_backup(path: &Path, found: &str) -> String {
    format!(
        "{} is damaged (SQLite found: {found}), so no backup was made: `ties backup --force` copies it as it is",
        path.display()
    )
}

/// A `[keys]` entry the UI refuses, with the line of the config file.
pub fn bad_binding(config_path: &Path, config: &Config, bad: &BadBinding) -> String {
    let line = config
        .key_line(&bad.action)
        .map(|n| format!("line {n}: "))
        .unwrap_or_default();
    format!("config {}: {line}{bad}", config_path.display())
}

/// The flag that sets a field, where one flag does in every command.
/// Fields set otherwise (a name is an argument of `add` and `--name` of
/// `edit`; a weight is part of `--gave`) keep their plain name.
fn flag(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Email => "--email",
        Field::Phone => "--phone",
        Field::Tag => "--tag",
        Field::Expertise => "--expertise",
        Field::Cadence => "--every",
        Field::SnoozedUntil => "--snooze",
        Field::Title => "--title",
        Field::Note => "--note",
        Field::MetHow => "--met-how",
        Field::Goal => "--goal",
        Field::Circle => "--circle",
        Field::Channel => "--channel",
        Field::Role => "--role",
        Field::Intent => "--intent",
        Field::Time => "--time",
        Field::Minutes => "--minutes",
        Field::HoursPerMonth => "--hours",
        Field::ReviewOn => "--review",
        Field::ContactCount => "--contacts",
        Field::Birthday => "--birthday",
        Field::ContactDate | Field::DateLabel => "--date",
        Field::Within => "--within",
        _ => return None,
    })
}

fn invalid(flag: &str, value: &str, accepted: &str) -> String {
    if value.trim().is_empty() {
        format!("{flag} is empty: use {accepted}")
    } else {
        format!(
            "invalid {flag} '{}': use {accepted}",
            ties::error::shown_value(value)
        )
    }
}

fn refused(refusal: &Refusal) -> String {
    match refusal {
        Refusal::OrgInOrg => {
            "an organisation cannot belong to an organisation: --org is for people".into()
        }
        Refusal::NotAnOrganisation(c) => format!(
            "{} (#{}) is a person, not an organisation: --org names an organisation",
            c.name, c.id
        ),
        Refusal::CircleForOrg => {
            "organisations have no circle: --circle is for people (use --tag to group organisations)"
                .into()
        }
        Refusal::NoParticipants => {
            "an interaction needs at least one participant: name who you met, e.g. `ties log anna`"
                .into()
        }
        Refusal::NotOnContact {
            field: Field::DateLabel,
            value,
        } => format!(
            "the contact has no date labelled '{}': `ties show CONTACT` lists its dates",
            ties::error::shown_value(value)
        ),
        Refusal::NoSuchItem(id) => {
            format!("there is no item #{id}: `ties show CONTACT` lists item ids")
        }
        Refusal::NoSuchInteraction(id) => {
            format!("there is no interaction #{id}: `ties show CONTACT` lists interaction ids")
        }
        Refusal::AlreadyAParticipant(c) => format!(
            "{} (#{}) is already a participant: --add names someone who was not there",
            c.name, c.id
        ),
        Refusal::NotAParticipant { contact, interaction } => format!(
            "{} (#{}) is not a participant of interaction #{interaction}: --remove names one who was there",
            contact.name, contact.id
        ),
        Refusal::ParticipantHasItems { contact, items } => {
            let ids: Vec<String> = items.iter().map(|i| i.to_string()).collect();
            format!(
                "{} (#{}) is the counterparty of item{} {}: delete {} (`ties item delete ID`) or give {} to another participant (`ties item edit ID --to CONTACT`) first",
                contact.name,
                contact.id,
                if items.len() == 1 { "" } else { "s" },
                ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", "),
                if items.len() == 1 { "it" } else { "them" },
                if items.len() == 1 { "it" } else { "them" },
            )
        }
        Refusal::ItemAlreadyOpen(id) => {
            format!("item #{id} is already open: `ties done {id}` settles it")
        }
        Refusal::ItemAlreadyDone(id) => {
            format!("item #{id} is already done: `ties item reopen {id}` opens it again")
        }
        Refusal::NothingToUndo => {
            "there is nothing to undo: `ties history` lists what was changed".into()
        }
        Refusal::MergeWithItself(c) => format!(
            "{} (#{}) cannot be merged with itself: name two contacts, KEEP and OTHER",
            c.name, c.id
        ),
        Refusal::NetworkNameTaken(name) => format!(
            "a network named '{name}' already exists: choose another name, or edit it with `ties network edit`"
        ),
        Refusal::DemoNeedsEmptyDatabase(n) => format!(
            "the database already holds {n} contact{}: `ties demo` fills only an empty database; add --force to add demo data anyway",
            if *n == 1 { "" } else { "s" }
        ),
        Refusal::SharedIds { what } => format!(
            "the database already holds {what} with the same ids as the file; nothing was imported. Import into an empty database (--db NEW_FILE), or add --merge to merge the file into this one"
        ),
        Refusal::BackupExists(path) => format!(
            "{} already exists; ties never overwrites a file with a backup: give `ties backup` another name, or remove it",
            path.display()
        ),
        Refusal::BackupIsTheDatabase => {
            "the backup cannot be the database itself: give `ties backup` another file or folder"
                .into()
        }
        Refusal::NoHomeFolder => {
            "cannot find your home folder to keep the database in: give a path with --db or TIES_DB"
                .into()
        }
        other => other.to_string(),
    }
}

/// "FILE, line 6 (card 2): PROBLEM; nothing was imported", with what to
/// add to import the rest (or to merge) where that would help.
fn file_error(f: &FileError) -> String {
    let inner = match &f.problem {
        Problem::Refused(Error::Refused(refusal)) => Some(refusal),
        _ => None,
    };
    match inner {
        // Said of the file as a whole.
        Some(shared @ Refusal::SharedIds { .. }) => {
            return format!("{}: {}", f.file, refused(shared));
        }
        Some(Refusal::UidTaken(_)) | Some(Refusal::NetworkNameTaken(_)) => {
            let problem = match inner {
                Some(Refusal::NetworkNameTaken(name)) => {
                    format!("a network named '{name}' already exists in this database")
                }
                _ => f.problem.to_string(),
            };
            return format!(
                "{}, {}: {problem}; nothing was imported: add --merge to merge the file into this database",
                f.file, f.place
            );
        }
        Some(Refusal::WeekAlreadyReviewed(week)) => {
            return format!(
                "{}, {}: the week of {week} is already reviewed in this database; nothing was imported: add --merge to skip it",
                f.file, f.place
            );
        }
        _ => {}
    }
    let place = match &f.place {
        Place::Contents => String::new(),
        place => format!(", {place}"),
    };
    let hint = if f.others_importable {
        ": fix it, or add --skip-invalid to import the other records"
    } else {
        ""
    };
    // The record's problem in the file's own terms: no flags, since it was
    // not typed on the command line.
    format!(
        "{}{place}: {}; nothing was imported{hint}",
        f.file, f.problem
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_values_name_the_flag_that_set_them() {
        let e = Error::invalid(Field::Email, "x", "an address like name@example.org");
        assert_eq!(
            describe_error(&e),
            "invalid --email 'x': use an address like name@example.org"
        );
        let e = Error::invalid(Field::Tag, "", "a word like climbing");
        assert_eq!(
            describe_error(&e),
            "--tag is empty: use a word like climbing"
        );
        // A weight is part of --gave or --got: its own name is clearer.
        let e = Error::invalid(Field::Weight, "7", "a whole number from 1 to 5");
        assert_eq!(
            describe_error(&e),
            "invalid weight '7': use a whole number from 1 to 5"
        );
    }

    #[test]
    fn a_bad_record_says_how_to_import_the_others() {
        let e = Error::invalid(Field::Cadence, "0", "a number of days from 1 to 3650").in_file(
            "a.vcf",
            Place::Line {
                line: 6,
                card: Some(2),
            },
            true,
        );
        let message = describe_error(&e);
        assert_eq!(
            message,
            "a.vcf, line 6 (card 2): invalid cadence '0': use a number of days from 1 to 3650; nothing was imported: fix it, or add --skip-invalid to import the other records"
        );
        assert!(!message.contains("--every"), "no flag for a file's field");
    }

    #[test]
    fn database_problems_say_which_flag_chooses_another_file() {
        let path = Path::new("/tmp/x.db");
        let e = Error::database(path, DatabaseProblem::NotSqlite);
        assert_eq!(
            describe_error(&e),
            "/tmp/x.db is not a ties database (it is not an SQLite file); it was left untouched; choose another file with --db or TIES_DB"
        );
        let core = e.to_string();
        assert!(!core.contains("--"), "the core names no flag: {core}");
        let missing = describe_error(&Error::database(path, DatabaseProblem::Missing));
        assert!(
            missing.starts_with("there is no database at /tmp/x.db; "),
            "{missing}"
        );
        assert!(missing.contains("--db or TIES_DB"), "{missing}");
        // A problem another file would not solve names no flag.
        let full = describe_error(&Error::database(path, DatabaseProblem::DiskFull));
        assert!(!full.contains("--"), "{full}");
    }

    #[test]
    fn refusals_say_what_to_add() {
        let e = Error::Refused(Refusal::DemoNeedsEmptyDatabase(2));
        assert!(describe_error(&e).contains("add --force"));
        let e = Error::Refused(Refusal::CircleForOrg);
        assert!(describe_error(&e).contains("--circle is for people"));
        let e = anyhow::Error::from(Error::Refused(Refusal::NoHomeFolder));
        assert!(describe(&e).contains("--db or TIES_DB"), "{}", describe(&e));
    }
}

/// A number with its noun, singular for one: "1 interaction", "3 interactions".
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A derived figure (a decayed balance, weight, hours) as text shows it:
/// the number JSON has (the core rounds it to two places), with at least
/// one decimal, and never "-0.0".
pub fn figure(value: f64) -> String {
    let value = (value * 100.0).round() / 100.0;
    let value = if value == 0.0 || value.is_nan() {
        0.0
    } else {
        value
    };
    let text = format!("{value:.2}");
    match text.strip_suffix('0') {
        Some(shorter) => shorter.to_string(),
        None => text,
    }
}

/// `figure` with its sign: "+1.5", "-1.95", "0.0".
pub fn signed_figure(value: f64) -> String {
    let shown = figure(value);
    if shown.starts_with('-') || shown == "0.0" {
        shown
    } else {
        format!("+{shown}")
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;

    #[test]
    fn a_figure_is_the_json_number_and_never_minus_zero() {
        assert_eq!(signed_figure(-1.95), "-1.95");
        assert_eq!(figure(2.0), "2.0");
        assert_eq!(figure(0.5), "0.5");
        assert_eq!(signed_figure(1.25), "+1.25");
        assert_eq!(signed_figure(-0.0), "0.0");
        assert_eq!(figure(-0.0), "0.0");
        assert_eq!(figure(-0.001), "0.0");
        assert_eq!(signed_figure(0.0), "0.0");
    }
}
