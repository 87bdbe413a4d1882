//! What can be wrong with a database file, as a closed set. The core words
//! each problem without naming any flag; the faces add how to choose another
//! file in their own language (`src/cli/words.rs`).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseProblem {
    /// A read was asked of a file that does not exist (nothing was created).
    Missing,
    /// A symbolic link whose target does not exist.
    DanglingLink {
        target: PathBuf,
    },
    Directory,
    /// A named pipe, socket or device: reading it could block or never end.
    NotARegularFile {
        kind: SpecialFile,
    },
    /// The file exists but this user may not read it.
    Unreadable,
    Empty,
    /// Not an SQLite file at all.
    NotSqlite,
    /// An SQLite database whose tables are not those of ties.
    Foreign,
    /// Shorter than its header says, with nothing in a write-ahead log to
    /// make up the difference.
    Truncated {
        length: u64,
        expected: u64,
    },
    /// Written by a newer ties.
    TooNew {
        found: i64,
        known: i64,
    },
    /// A write was asked and this user may not write to the file or its folder.
    ReadOnly,
    /// An older schema that must be upgraded, which needs write access.
    UpgradeNeedsWrite {
        found: i64,
        known: i64,
    },
    /// SQLite found damage; `found` is what it reported.
    Damaged {
        found: String,
    },
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// The copy made before an upgrade could not be written.
    CopyBeforeUpgrade {
        copy: PathBuf,
        cause: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    NamedPipe,
    Socket,
    Device,
    Other,
}

impl SpecialFile {
    pub fn of(file_type: &std::fs::FileType) -> SpecialFile {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return SpecialFile::NamedPipe;
            }
            if file_type.is_socket() {
                return SpecialFile::Socket;
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return SpecialFile::Device;
            }
        }
        let _ = file_type;
        SpecialFile::Other
    }

    pub fn noun(self) -> &'static str {
        match self {
            SpecialFile::NamedPipe => "a named pipe",
            SpecialFile::Socket => "a socket",
            SpecialFile::Device => "a device",
            SpecialFile::Other => "a special file",
        }
    }
}

const RESTORE: &str = "restore it from a backup (ties.db.bak-v*, or a `ties backup` copy)";

impl DatabaseProblem {
    /// The core's wording: what is wrong with `path` and what to do, naming
    /// no flag of any face.
    pub fn describe(&self, path: &Path) -> String {
        let p = path.display();
        match self {
            DatabaseProblem::Missing => format!("there is no database at {p}"),
            DatabaseProblem::DanglingLink { target } => format!(
                "{p} is a link to {}, which does not exist",
                target.display()
            ),
            DatabaseProblem::Directory => {
                format!("{p} is a directory, not a database file")
            }
            DatabaseProblem::NotARegularFile { kind } => format!(
                "{p} is {}, not a database file; it was left untouched",
                kind.noun()
            ),
            DatabaseProblem::Unreadable => {
                format!("you may not read {p}: check its permissions")
            }
            DatabaseProblem::Empty => {
                format!("{p} is an empty file, not a ties database; it was left untouched")
            }
            DatabaseProblem::NotSqlite => format!(
                "{p} is not a ties database (it is not an SQLite file); it was left untouched"
            ),
            DatabaseProblem::Foreign => format!(
                "{p} is an SQLite database of another program, not a ties database; it was left untouched"
            ),
            DatabaseProblem::Truncated { length, expected } => format!(
                "{p} is truncated ({length} bytes, but its header says {expected} bytes); it was left untouched: {RESTORE}"
            ),
            DatabaseProblem::TooNew { found, known } => format!(
                "{p} was written by a newer ties (schema version {found}; this ties knows up to {known}); it was left untouched: upgrade ties to open it"
            ),
            DatabaseProblem::ReadOnly => format!(
                "you may not write to {p}, so nothing was written: check the permissions of the file and its folder"
            ),
            DatabaseProblem::UpgradeNeedsWrite { found, known } => format!(
                "{p} has schema version {found} and needs an upgrade to version {known}, but you may not write to it; it was left untouched"
            ),
            DatabaseProblem::Damaged { found } => {
                format!("{p} is damaged (SQLite found: {found}), so nothing was written: {RESTORE}")
            }
            DatabaseProblem::DiskFull => format!(
                "the disk holding {p} is full, so nothing was written: free some space and try again"
            ),
            DatabaseProblem::CopyBeforeUpgrade { copy, cause } => format!(
                "could not copy {p} to {} before upgrading it ({cause}); nothing was changed",
                copy.display()
            ),
        }
    }
}

/// `path` and its problem, for `Error::Database`'s message.
pub struct Described<'a>(pub &'a Path, pub &'a DatabaseProblem);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1.describe(self.0))
    }
}
