//! The SQLite store: opening a file safely, migrating it, and every read and
//! write the faces need. All SQL binds its parameters; every write is one
//! IMMEDIATE transaction, so it is all-or-nothing and takes the write lock up
//! front (a deferred transaction that reads first can fail with "database is
//! locked" when another process commits in between, whatever the busy timeout).

mod backup;
mod contacts;
mod interactions;
mod log;
mod migrate;
mod networks;
mod open;
mod reviews;
mod uid;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use contacts::{ContactDetail, ContactEdit, ListFilter, NewContact};
pub use interactions::{NewInteraction, NewItem};
pub use migrate::LATEST_VERSION;
pub use networks::{NetworkDetail, NetworkEdit, NewNetwork};
pub use open::make_private;
pub use reviews::ReviewRecord;
pub use uid::derive_uid;

// Bulk writers (demo, import) insert many records inside one transaction.
pub(crate) use contacts::insert_contact;
pub use contacts::phone_key;
pub(crate) use contacts::{is_valid_email, is_valid_phone, normal_tag, valid_name};
pub(crate) use interactions::insert_interaction;
pub(crate) use networks::insert_network;

use crate::dates::Clock;
use crate::error::Result;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
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

    /// Read access for queries that live outside the store module (review,
    /// export). Writes go through `write`.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: committed when it returns
    /// Ok, rolled back (nothing written) when it returns Err.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` like `write` but always rolls it back, so a dry run
    /// reports exactly what the real run would do and writes nothing.
    pub fn rehearse<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.rollback()?;
        Ok(value)
    }
}
