//! The SQLite store: opening a file safely, migrating it, and every read and
//! write of the data. It is the only module that speaks SQL: the importers,
//! the exporters, the review and the demo call its functions.
//!
//! All SQL binds its parameters. Every write is one IMMEDIATE transaction
//! (a `Writer`), so it is all-or-nothing and takes the write lock up front
//! (a deferred transaction that reads first can fail with "database is
//! locked" when another process commits in between, whatever the busy
//! timeout). Every value written passes its field's rule in `crate::rules`.
//!
//! Rows are read by column name, each shape by one mapper (`rows.rs`).

mod backup;
mod buckets;
mod bulk;
mod contacts;
mod dates;
mod delete;
#[cfg(test)]
mod derived_tests;
mod describe;
mod draws;
mod due;
mod edit;
#[cfg(test)]
mod fix_tests;
mod history;
#[cfg(test)]
mod history_tests;
mod import;
mod interactions;
mod likeness;
mod listing;
#[cfg(test)]
mod listing_tests;
mod log;
mod merge;
mod migrate;
mod networks;
mod open;
pub mod problem;
mod restore;
mod review;
mod reviews;
mod rows;
mod search;
#[cfg(test)]
mod search_tests;
mod sections;
mod snapshot;
#[cfg(test)]
mod tests;
mod uid;
mod values;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use contacts::{ContactDetail, ContactEdit, ContactNamer, ListFilter, NewContact};
pub use delete::DeletePlan;
pub use draws::{Drawn, DrawnItem, NewDraw};
pub use edit::{InteractionEdit, ItemEdit};
pub use history::{DERIVED_TABLES, HISTORY_TABLES, HistoryEntry, RECORDED_TABLES, Undone};
pub use import::Fill;
pub use interactions::{NewInteraction, NewItem};
pub use listing::{Cursor, ListOrder, ListedContact, PageStart};
pub use merge::MergePlan;
pub use migrate::LATEST_VERSION;
pub use networks::{NetworkDetail, NetworkEdit, NewNetwork};
pub use open::Access;
pub use problem::{DatabaseProblem, SpecialFile};
pub use review::{ContactFacts, DatedNote, Given};
pub use reviews::ReviewRecord;
pub use sections::{BalanceBounds, BalanceSide, ContactFigures};
pub use uid::derive_uid;
pub use values::Values;

// The importers' parsers check values with the same rules the store applies.
pub use crate::rules::phone_key;
pub(crate) use crate::rules::{is_valid_email, is_valid_phone};

use crate::change::Change;
use crate::dates::Clock;
use crate::error::Result;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    /// The history's side of every write (see `history.rs`), set up at the
    /// first write: a command that only reads (`ties due --count` from a
    /// prompt) never pays for reading the schema and creating the triggers.
    recorder: OnceLock<Arc<history::Recorder>>,
}

/// One write transaction: every write of the store goes through one. The
/// importers and the demo get one from `Store::write` and call its methods;
/// the transaction itself never leaves the store.
pub struct Writer<'s> {
    tx: Transaction<'s>,
    now: String,
    today: NaiveDate,
}

impl Writer<'_> {
    /// The timestamp this transaction writes (`created_at`, `updated_at`).
    pub fn now(&self) -> &str {
        &self.now
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }
}

impl Store {
    /// Opens (creating when missing) the database at `path` to write to it.
    /// See `open.rs` for what is refused and how the file is protected.
    pub fn open(path: &Path, clock: Clock) -> Result<Store> {
        Store::open_for(path, clock, Access::Write)
    }

    /// Opens the database at `path` for `access`: a read never creates a
    /// missing file, and works on a file this user may not write to.
    pub fn open_for(path: &Path, clock: Clock, access: Access) -> Result<Store> {
        let conn = open::open_connection(path, access)?;
        migrate::migrate(&conn, path).map_err(|e| open::classify(Some(&conn), path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            clock,
            recorder: OnceLock::new(),
        })
    }

    /// Opens an existing database for reading only: never created, never
    /// migrated, never written (for shell completion, which must not leave
    /// a file behind or change one). A file of another schema version is
    /// refused.
    pub fn open_read_only(path: &Path, clock: Clock) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version = migrate::user_version(&conn)?;
        if version != LATEST_VERSION {
            let problem = if version > LATEST_VERSION {
                DatabaseProblem::TooNew {
                    found: version,
                    known: LATEST_VERSION,
                }
            } else {
                DatabaseProblem::UpgradeNeedsWrite {
                    found: version,
                    known: LATEST_VERSION,
                }
            };
            return Err(crate::Error::database(path, problem));
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            clock,
            recorder: OnceLock::new(),
        })
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory(clock: Clock) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        migrate::migrate(&conn, Path::new(":memory:"))?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
            clock,
            recorder: OnceLock::new(),
        })
    }

    /// A private in-memory copy of the whole database as it is now, for a
    /// fixture built once and handed to each test as its own copy.
    pub fn copy_in_memory(&self) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        rusqlite::backup::Backup::new(&self.conn, &mut conn)?.run_to_completion(
            i32::MAX,
            std::time::Duration::ZERO,
            None,
        )?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
            clock: self.clock,
            recorder: OnceLock::new(),
        })
    }

    /// Another connection to the same database, to read on another thread
    /// (an in-memory database is copied as it is now).
    pub fn reader(&self) -> Result<Store> {
        if self.path == Path::new(":memory:") {
            return self.copy_in_memory();
        }
        Store::open_for(&self.path, self.clock, Access::Read)
    }

    /// The recorder of the history, installed on the connection the first
    /// time it is needed.
    fn recorder(&self) -> Result<Arc<history::Recorder>> {
        if let Some(recorder) = self.recorder.get() {
            return Ok(Arc::clone(recorder));
        }
        let recorder = history::install(&self.conn)?;
        // Called from `write` and `undo` only, which hold the store as `&mut`.
        let _ = self.recorder.set(Arc::clone(&recorder));
        Ok(recorder)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Whether this user may only read the database (see `Access::Read`).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }

    /// Checks every page of the database (`PRAGMA quick_check`): damage
    /// found is an error naming what SQLite found.
    pub fn check_pages(&self) -> Result<()> {
        // Without the cell check quick_check reports each damaged page
        // instead of stopping at the first.
        self.conn.pragma_update(None, "cell_size_check", "OFF")?;
        let found: rusqlite::Result<Vec<String>> = self
            .conn
            .prepare("PRAGMA quick_check")
            .and_then(|mut stmt| stmt.query_map([], |row| row.get(0))?.collect());
        self.conn.pragma_update(None, "cell_size_check", "ON")?;
        let found = found.map_err(|e| self.classify(e.into()))?;
        if found.len() == 1 && found[0] == "ok" {
            return Ok(());
        }
        let mut said = found.into_iter().take(3).collect::<Vec<_>>().join("; ");
        said = crate::text::printable(&said).into_owned();
        Err(crate::Error::database(
            &self.path,
            DatabaseProblem::Damaged { found: said },
        ))
    }

    /// A failed SQLite call said in terms of this database's file.
    fn classify(&self, error: crate::Error) -> crate::Error {
        open::classify(Some(&self.conn), &self.path, error)
    }

    /// Runs `work` in one IMMEDIATE transaction: committed when it returns
    /// Ok, rolled back (nothing written) when it returns Err. The change it
    /// returns describes it in the history, written in the same
    /// transaction with what it takes to undo it (`history.rs`), so no
    /// write can be made without its entry. SQLite's failures are said in
    /// terms of the file (read-only, full, damaged).
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> Result<(T, Change)>,
    ) -> Result<T> {
        let recorder = self.recorder()?;
        let written = (|| {
            let writer = self.writer()?;
            let journal = history::begin(&writer.tx, &recorder)?;
            let done = work(&writer);
            recorder.stop();
            let (value, change) = done?;
            history::finish(&writer.tx, &recorder, journal, &writer.now, &change)?;
            search::flush_search_queue(&writer.tx)?;
            writer.tx.commit()?;
            Ok(value)
        })();
        recorder.stop();
        written.map_err(|e| self.classify(e))
    }

    /// Runs `work` like `write` but always rolls it back, so a dry run
    /// reports exactly what the real run would do and writes nothing.
    pub(crate) fn rehearse<T>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> Result<(T, Change)>,
    ) -> Result<T> {
        let rehearsed = (|| {
            let writer = self.writer()?;
            let (value, _) = work(&writer)?;
            writer.tx.rollback()?;
            Ok(value)
        })();
        rehearsed.map_err(|e| self.classify(e))
    }

    fn writer(&mut self) -> Result<Writer<'_>> {
        let now = self.clock.timestamp();
        let today = self.clock.today;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Writer { tx, now, today })
    }

    /// Whether an error is the database refusing any write (a read-only
    /// file or folder): reads still work.
    pub fn refuses_writes(error: &crate::Error) -> bool {
        match error {
            crate::Error::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly),
            crate::Error::Database { problem, .. } => *problem == DatabaseProblem::ReadOnly,
            _ => false,
        }
    }

    /// The same database on another day, for the core's own tests.
    #[cfg(test)]
    pub(crate) fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The connection, for the core's own tests to look at what was written.
    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
