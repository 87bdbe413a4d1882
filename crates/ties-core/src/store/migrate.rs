//! Schema migrations: numbered SQL files embedded in the binary, applied in
//! order in one transaction, tracked by `PRAGMA user_version`.
//!
//! A small runner of our own rather than `rusqlite_migration` or `refinery`:
//! both pin an older rusqlite, and two bundled SQLites cannot share a binary.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::open;
use crate::error::{Error, Operation, Refusal, Result};

/// The migrations, in order; migration N brings the schema to version N.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_reciprocity.sql"),
    include_str!("../../migrations/0003_import.sql"),
    include_str!("../../migrations/0004_let_go.sql"),
    include_str!("../../migrations/0005_review.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let version = user_version(conn)?;
    if version > LATEST_VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: LATEST_VERSION,
        });
    }
    if version == 0 && has_foreign_tables(conn)? {
        return Err(Refusal::ForeignDatabase(path.to_path_buf()).into());
    }
    if version < LATEST_VERSION {
        if version > 0 {
            backup_before_migrating(conn, path, version)?;
        }
        apply(conn)?;
    }
    // WAL only after migrating: a migration that fails then leaves a file
    // that was in rollback mode exactly as it was, byte for byte.
    open::enable_wal(conn)
}

fn apply(conn: &Connection) -> Result<()> {
    // `Connection::transaction` needs `&mut`; an unchecked transaction on a
    // shared reference is safe here because nothing else uses the connection.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let version = user_version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let target = index as i64 + 1;
        tx.execute_batch(sql).map_err(|e| Error::Failed {
            what: Operation::Migrate { to: target },
            cause: e.to_string(),
        })?;
        tx.pragma_update(None, "user_version", target)?;
    }
    fault_hook()?;
    tx.commit()?;
    Ok(())
}

/// In debug builds, `TIES_FAIL_MIGRATION=1` makes a migration fail after
/// every statement ran but before the commit, so tests can prove a failed
/// upgrade leaves the file as it was. Release builds have no such hook.
fn fault_hook() -> Result<()> {
    if cfg!(debug_assertions) && std::env::var_os("TIES_FAIL_MIGRATION").is_some() {
        return Err(Refusal::MigrationFailedOnPurpose.into());
    }
    Ok(())
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

fn has_foreign_tables(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%')",
        [],
        |row| row.get(0),
    )?)
}

/// Copies the database aside as `<file>.bak-v<version>` (owner-only) before
/// its schema changes. `VACUUM INTO` makes a consistent copy including what
/// is still in the WAL.
fn backup_before_migrating(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let backup = free_backup_path(path, version);
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])
        .map_err(|e| Error::Failed {
            what: Operation::CopyBeforeUpgrade {
                from: path.to_path_buf(),
                to: backup.clone(),
            },
            cause: e.to_string(),
        })?;
    open::make_private(&backup)?;
    Ok(backup)
}

fn free_backup_path(path: &Path, version: i64) -> PathBuf {
    let base = format!("{}.bak-v{version}", path.display());
    let mut candidate = PathBuf::from(&base);
    let mut n = 1;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.{n}"));
        n += 1;
    }
    candidate
}
