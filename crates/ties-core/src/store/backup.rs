//! `Store::backup_to`: a consistent copy of the live database, whole or
//! absent.
//!
//! SQLite's online backup copies the pages as of one read transaction, so
//! the copy is whole even while the UI or another `ties` writes; what is
//! still in the WAL is included. It is written into an owner-only file
//! beside its name, synced, and only then given its name, which must be
//! free: an existing file is never overwritten, and a backup that was
//! interrupted leaves no file at that name (see `private_file`). A damaged
//! database is not copied unless asked, so a backup is not mistaken for a
//! good one.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::Store;
use super::open::create_private_dir;
use crate::error::{Error, Operation, Refusal, Result};
use crate::private_file::PendingFile;

impl Store {
    /// Copies the database to `target`, or into it when it is a folder
    /// (as `ties-backup-YYYY-MM-DD.db`). Unless `even_damaged`, every page is
    /// checked first and a damaged database is refused. Returns the file
    /// written.
    pub fn backup_to(&self, target: &Path, even_damaged: bool) -> Result<PathBuf> {
        // A path ending in `/` names a folder even before it exists: it is
        // made (owner-only) with the copy, as a missing parent is.
        let names_a_folder = target.is_dir()
            || target
                .as_os_str()
                .to_string_lossy()
                .ends_with(std::path::is_separator);
        let path = if names_a_folder {
            free_name(target, &format!("ties-backup-{}", self.clock.today))
        } else {
            target.to_path_buf()
        };
        let taken = || Error::from(Refusal::BackupExists(path.clone()));
        if path.symlink_metadata().is_ok() {
            return Err(taken());
        }
        if let (Ok(ours), Some(dir)) = (self.path.canonicalize(), path.parent())
            && dir
                .canonicalize()
                .ok()
                .map(|d| d.join(path.file_name().unwrap_or_default()))
                == Some(ours)
        {
            return Err(Refusal::BackupIsTheDatabase.into());
        }
        if !even_damaged {
            self.check_pages()?;
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        let pending = PendingFile::beside(&path)?;
        self.copy_into(pending.path())
            .map_err(|e| match self.classify(e) {
                Error::Sqlite(e) => Error::Failed {
                    what: Operation::Backup { to: path.clone() },
                    cause: e.to_string(),
                },
                said => said,
            })?;
        fault_hook()?;
        match pending.place_new(&path)? {
            None => Ok(path),
            Some(_) => Err(taken()),
        }
    }

    fn copy_into(&self, file: &Path) -> Result<()> {
        let mut copy = Connection::open(file)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
        // All pages in one step, under one read transaction (the busy timeout
        // of our connection covers a writer holding the lock).
        let mut waits = 0;
        while backup.step(-1)? != rusqlite::backup::StepResult::Done {
            waits += 1;
            if waits > 200 {
                return Err(Error::Sqlite(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    None,
                )));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        drop(backup);
        copy.close().map_err(|(_, e)| Error::Sqlite(e))
    }
}

/// In debug builds, `TIES_FAIL_BACKUP=1` makes a backup fail after the copy
/// was written but before it gets its name, so tests can prove a failed
/// backup leaves nothing. Release builds have no such hook.
fn fault_hook() -> Result<()> {
    if cfg!(debug_assertions) && std::env::var_os("TIES_FAIL_BACKUP").is_some() {
        return Err(Refusal::BackupFailedOnPurpose.into());
    }
    Ok(())
}

/// `<dir>/<stem>.db`, or `<stem>-2.db`, `-3`, … when taken.
fn free_name(dir: &Path, stem: &str) -> PathBuf {
    let mut candidate = dir.join(format!("{stem}.db"));
    let mut n = 2;
    while candidate.symlink_metadata().is_ok() {
        candidate = dir.join(format!("{stem}-{n}.db"));
        n += 1;
    }
    candidate
}
