//! Errors a user can cause, each worded to say what was wrong and how to fix it.

use std::path::PathBuf;

use crate::model::ContactRef;
pub use crate::store::DatabaseProblem;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value outside its closed set or range.
    #[error("invalid {what} '{value}': use {accepted}")]
    Invalid {
        what: &'static str,
        value: String,
        accepted: String,
    },

    /// Input that is well-formed but not acceptable, with the reason.
    #[error("{0}")]
    Rejected(String),

    #[error("no {what} matches '{query}'{}", suggest(.suggestions))]
    NotFound {
        what: &'static str,
        query: String,
        suggestions: Vec<ContactRef>,
    },

    #[error("'{query}' matches {} {what}s: {}; name one by its id or a longer name", .candidates.len(), list(.candidates))]
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
    #[error("{file}, {location}: {problem}")]
    BadFile {
        file: String,
        location: String,
        problem: String,
    },

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

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        Error::Sqlite(error)
    }
}

impl Error {
    pub fn invalid(
        what: &'static str,
        value: impl Into<String>,
        accepted: impl Into<String>,
    ) -> Self {
        Error::Invalid {
            what,
            value: value.into(),
            accepted: accepted.into(),
        }
    }

    pub fn rejected(message: impl Into<String>) -> Self {
        Error::Rejected(message.into())
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
