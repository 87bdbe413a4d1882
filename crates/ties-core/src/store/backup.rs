//! `Store::backup_to`: a consistent copy of the live database.
//!
//! SQLite's online backup copies the pages as of one read transaction, so
//! the copy is whole even while the UI or another `ties` writes; what is
//! still in the WAL is included. The copy is created owner-only before a
//! byte is written to it, and an existing file is never overwritten.

use std::path::{Path, PathBuf};

use super::Store;
use super::open::{create_private_dir, make_private};
use crate::error::{Error, Operation, Refusal, Result};

impl Store {
    /// Copies the database to `target`, or into it when it is a folder
    /// (as `ties-backup-YYYY-MM-DD.db`). Returns the file written.
    pub fn backup_to(&self, target: &Path) -> Result<PathBuf> {
        let path = if target.is_dir() {
            free_name(target, &format!("ties-backup-{}", self.clock.today))
        } else {
            target.to_path_buf()
        };
        if path.exists() {
            return Err(Refusal::BackupExists(path).into());
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
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        create_private(&path)?;
        let copied = self
            .conn
            .backup(rusqlite::MAIN_DB, &path, rusqlite::backup::NO_PROGRESS);
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&path);
            return Err(Error::Failed {
                what: Operation::Backup { to: path },
                cause: e.to_string(),
            });
        }
        make_private(&path)?;
        Ok(path)
    }
}

/// `<dir>/<stem>.db`, or `<stem>-2.db`, `-3`, … when taken.
fn free_name(dir: &Path, stem: &str) -> PathBuf {
    let mut candidate = dir.join(format!("{stem}.db"));
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("{stem}-{n}.db"));
        n += 1;
    }
    candidate
}

/// An empty owner-only file, so the copy is never readable by others.
fn create_private(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(|e| Error::io(format!("cannot create {}", path.display()), e))
}
