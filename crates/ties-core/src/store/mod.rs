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
mod contacts;
#[cfg(test)]
mod derived_tests;
mod draws;
mod import;
mod interactions;
mod log;
mod migrate;
mod networks;
mod open;
mod restore;
mod review;
mod reviews;
mod rows;
mod sections;
mod snapshot;
#[cfg(test)]
mod tests;
mod uid;
mod values;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use contacts::{ContactDetail, ContactEdit, ListFilter, NewContact};
pub use draws::{Drawn, DrawnItem, NewDraw};
pub use import::Fill;
pub use interactions::{NewInteraction, NewItem};
pub use migrate::LATEST_VERSION;
pub use networks::{NetworkDetail, NetworkEdit, NewNetwork};
pub use open::make_private;
pub use review::{ContactFacts, DatedNote, Given};
pub use reviews::ReviewRecord;
pub use sections::{BalanceBounds, BalanceSide, ContactFigures};
pub use uid::derive_uid;
pub use values::Values;

// The importers' parsers check values with the same rules the store applies.
pub use crate::rules::phone_key;
pub(crate) use crate::rules::{is_valid_email, is_valid_phone};

use crate::dates::Clock;
use crate::error::Result;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
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
    /// Opens (creating when missing) the database at `path`. See `open.rs` for
    /// what is refused and how the file is protected.
    pub fn open(path: &Path, clock: Clock) -> Result<Store> {
        let conn = open::open_connection(path)?;
        migrate::migrate(&conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            clock,
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
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Runs `work` in one IMMEDIATE transaction: committed when it returns
    /// Ok, rolled back (nothing written) when it returns Err.
    pub(crate) fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let writer = self.writer()?;
        let value = work(&writer)?;
        writer.tx.commit()?;
        Ok(value)
    }

    /// Runs `work` like `write` but always rolls it back, so a dry run
    /// reports exactly what the real run would do and writes nothing.
    pub(crate) fn rehearse<T>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let writer = self.writer()?;
        let value = work(&writer)?;
        writer.tx.rollback()?;
        Ok(value)
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
    pub fn is_read_only(error: &crate::Error) -> bool {
        matches!(error, crate::Error::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly))
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
