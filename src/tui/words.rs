//! The terminal UI's words for the core's errors: it names the fields of
//! its forms ("Email: …"), never a command-line flag.

use std::path::Path;

use ties::store::DatabaseProblem;
use ties::{Error, Field, Refusal};

/// A core error said for the UI.
pub fn error(error: &Error) -> String {
    match error {
        Error::Invalid {
            field,
            value,
            accepted,
        } => {
            let value = ties::error::shown_value(value);
            if value.trim().is_empty() {
                format!("{}: empty; use {accepted}", label(*field))
            } else {
                format!(
                    "{}: '{value}' is not accepted; use {accepted}",
                    label(*field)
                )
            }
        }
        Error::Refused(refusal) => refused(refusal),
        Error::Database { path, problem } => database(path, problem),
        other => other.to_string(),
    }
}

/// What went wrong with the database file during a save, said after the
/// form's "Not saved:". The others (a missing or foreign file, …) stop ties
/// before the UI opens, so the core's words serve.
fn database(path: &Path, problem: &DatabaseProblem) -> String {
    match problem {
        DatabaseProblem::DiskFull => "the disk is full: free some space and save again".into(),
        DatabaseProblem::ReadOnly => format!(
            "you may not write to {}: check the permissions of the file and its folder",
            path.display()
        ),
        DatabaseProblem::Damaged { found } => format!(
            "the database is damaged (SQLite found: {found}): quit and restore it from a backup"
        ),
        other => other.describe(path),
    }
}

/// The form label of a field, as the forms show it.
fn label(field: Field) -> &'static str {
    match field {
        Field::Name | Field::NetworkName => "Name",
        Field::Email => "Emails",
        Field::Phone => "Phones",
        Field::Tag => "Tags",
        Field::Expertise => "Expertise",
        Field::Title => "Title",
        Field::Cadence => "Reconnect",
        Field::MetHow => "Met how",
        Field::Note => "Note",
        Field::Circle => "Circle",
        Field::Kind => "Kind",
        Field::Date => "Date",
        Field::Channel => "Channel",
        Field::Minutes => "Minutes",
        Field::Weight => "Items: weight",
        Field::ItemKind => "Items: kind",
        Field::Role => "Role",
        Field::Intent => "Intent",
        Field::HoursPerMonth => "Hours a month",
        Field::Goal => "Goal",
        Field::ReviewOn => "Review on",
        Field::SnoozedUntil => "Snooze",
        Field::Birthday => "Birthday",
        Field::ContactDate | Field::DateLabel => "Dates",
        Field::SearchText => "Search",
        _ => "Value",
    }
}

fn refused(refusal: &Refusal) -> String {
    match refusal {
        Refusal::OrgInOrg => {
            "Organisation: an organisation cannot belong to an organisation".into()
        }
        Refusal::NotAnOrganisation(c) => {
            format!("Organisation: {} is a person, not an organisation", c.name)
        }
        Refusal::CircleForOrg => "Circle: organisations have no circle".into(),
        Refusal::NoParticipants => "Participants: name at least one".into(),
        Refusal::ParticipantTwice(_) => "Participants: someone is named twice".into(),
        Refusal::CounterpartyNotParticipant(_) => {
            "Items: each item's contact must be among the participants".into()
        }
        Refusal::NetworkNameTaken(name) => {
            format!("Name: a network named '{name}' already exists")
        }
        Refusal::AlreadyAParticipant(c) => {
            format!("Participants: {} is there already", c.name)
        }
        Refusal::NotAParticipant { contact, .. } => {
            format!("Participants: {} was not there", contact.name)
        }
        Refusal::ParticipantHasItems { contact, items } => format!(
            "Participants: {} has {} item{} here; remove or give {} to someone else first",
            contact.name,
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            if items.len() == 1 { "it" } else { "them" }
        ),
        Refusal::ItemOfAnotherInteraction { item, .. } => {
            format!("Items: item #{item} belongs to another interaction")
        }
        Refusal::ItemAlreadyOpen(_) => "Items: the promise is open already".into(),
        Refusal::NothingToUndo => "Nothing to undo".into(),
        Refusal::UndoConflict { change, record, .. } => {
            format!("Cannot undo \"{change}\": {record} was changed since; nothing was changed")
        }
        Refusal::MergeWithItself(_) => "Merge: pick another contact than this one".into(),
        Refusal::MergeKinds { keep_kind, .. } => format!(
            "Merge: pick another {}",
            if *keep_kind == ties::model::Kind::Person {
                "person"
            } else {
                "organisation"
            }
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_form_field_and_no_flag() {
        let e = Error::invalid(Field::Email, "x", "an address like name@example.org");
        assert_eq!(
            error(&e),
            "Emails: 'x' is not accepted; use an address like name@example.org"
        );
        let circle = error(&Error::Refused(Refusal::CircleForOrg));
        assert_eq!(circle, "Circle: organisations have no circle");
        let full = error(&Error::database(
            Path::new("/tmp/ties.db"),
            DatabaseProblem::DiskFull,
        ));
        assert_eq!(full, "the disk is full: free some space and save again");
        for message in [error(&e), circle, full] {
            assert!(!message.contains("--"), "{message}");
        }
    }
}
