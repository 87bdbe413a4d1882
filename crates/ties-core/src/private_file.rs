//! Files ties writes (exports, backups, upgrade copies, a new database) are
//! whole or absent, and owner-only from their first byte.
//!
//! Each is written beside its final name under an unpredictable hidden name
//! (`.NAME.XXXXXX.ties.tmp`, created exclusively with mode 0600, so a link
//! planted there cannot redirect the write), synced, then renamed into
//! place. While it is being written its writer holds a lock on it; a
//! writer that was killed holds none, so the next ties to write that name
//! in that folder removes what it left (`sweep`).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// Every temporary name ends with this, then maybe SQLite's `-journal`,
/// `-wal` or `-shm` when SQLite writes the file.
const MARK: &str = ".ties.tmp";

/// A file being written beside its final name.
pub struct PendingFile {
    /// Taken out when the file is renamed into place.
    temp: Option<NamedTempFile>,
}

impl PendingFile {
    /// Starts a file that will become `target`, in `target`'s folder (which
    /// must exist). Leftovers of killed writers of the same name go first.
    pub fn beside(target: &Path) -> Result<PendingFile> {
        let (dir, name) = split(target);
        sweep(&dir);
        let describe = |e| Error::io(format!("cannot write in {}", dir.display()), e);
        // A sweeper in another process may take the new file for a dead
        // writer's in the moment before it is locked, and remove it: try again.
        for _ in 0..8 {
            let temp = tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                .suffix(MARK)
                .tempfile_in(&dir)
                .map_err(describe)?;
            temp.as_file().lock().map_err(describe)?;
            if still_at_its_name(&temp) {
                return Ok(PendingFile { temp: Some(temp) });
            }
        }
        Err(describe(std::io::Error::other(
            "its temporary files keep disappearing",
        )))
    }

    /// Where the file is being written, for writers that open it by name
    /// (SQLite).
    pub fn path(&self) -> &Path {
        self.temp().path()
    }

    fn temp(&self) -> &NamedTempFile {
        self.temp
            .as_ref()
            .expect("a pending file is pending until placed")
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let path = self.path().to_path_buf();
        let temp = self.temp.as_mut().expect("pending");
        temp.as_file_mut()
            .write_all(bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    }

    /// Syncs the file and renames it to `target`, replacing what is there.
    pub fn replace(mut self, target: &Path) -> Result<()> {
        self.sync(target)?;
        let temp = self.temp.take().expect("pending");
        temp.persist(target)
            .map_err(|e| Error::io(format!("cannot write {}", target.display()), e.error))?;
        sync_folder(target);
        Ok(())
    }

    /// Syncs the file and renames it to `target` only if nothing is there;
    /// when something is, the pending file comes back untouched.
    pub fn place_new(mut self, target: &Path) -> Result<Option<PendingFile>> {
        self.sync(target)?;
        let temp = self.temp.take().expect("pending");
        match temp.persist_noclobber(target) {
            Ok(_) => {
                sync_folder(target);
                Ok(None)
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Ok(Some(PendingFile { temp: Some(e.file) }))
            }
            Err(e) => Err(Error::io(
                format!("cannot write {}", target.display()),
                e.error,
            )),
        }
    }

    fn sync(&self, target: &Path) -> Result<()> {
        self.temp()
            .as_file()
            .sync_all()
            .map_err(|e| Error::io(format!("cannot write {}", target.display()), e))
    }
}

impl Drop for PendingFile {
    /// A file never placed goes, with any side files SQLite left beside it.
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let path = temp.path().to_path_buf();
            drop(temp);
            remove_side_files(&path);
        }
    }
}

/// Writes `bytes` to `target` whole, replacing it only once all is written.
pub fn write_replacing(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = PendingFile::beside(target)?;
    file.write_all(bytes)?;
    file.replace(target)
}

fn split(target: &Path) -> (PathBuf, String) {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// Whether the locked file is still the one at its name (a sweeper did not
/// remove it before the lock was taken).
fn still_at_its_name(temp: &NamedTempFile) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (temp.as_file().metadata(), fs::symlink_metadata(temp.path())) {
            (Ok(open), Ok(named)) => open.ino() == named.ino() && open.dev() == named.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        temp.path().exists()
    }
}

/// A rename is durable only once its folder is synced; where a folder
/// cannot be synced the rename still happened, so this never fails.
fn sync_folder(target: &Path) {
    let (dir, _) = split(target);
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// Removes what killed writers left in `dir`: temporary files of ours that
/// no live process holds locked, with their SQLite side files, and side
/// files whose temporary file is gone. Files of other users and anything
/// not a plain file are left alone.
pub fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let path = entry.path();
        if is_legacy_temporary(file_name) && is_own_plain_file(&path) && held_by_no_one(&path) {
            let _ = fs::remove_file(&path);
            continue;
        }
        let Some(at) = file_name.find(MARK) else {
            continue;
        };
        if !file_name.starts_with('.') || !is_own_plain_file(&path) {
            continue;
        }
        let main = dir.join(&file_name[..at + MARK.len()]);
        if main == path {
            if held_by_no_one(&path) {
                let _ = fs::remove_file(&path);
                remove_side_files(&path);
            }
        } else if fs::symlink_metadata(&main).is_err() {
            let _ = fs::remove_file(&path);
        }
    }
}

/// `.NAME.ties-PID.tmp`, what exports of earlier versions of ties left
/// when they were killed.
fn is_legacy_temporary(file_name: &str) -> bool {
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(".tmp"))
    else {
        return false;
    };
    rest.rsplit_once(".ties-").is_some_and(|(name, pid)| {
        !name.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
    })
}

fn remove_side_files(path: &Path) {
    for side in ["-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(side);
        let _ = fs::remove_file(name);
    }
}

fn is_own_plain_file(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        meta.file_type().is_file() && meta.uid() == me
    }
    #[cfg(not(unix))]
    {
        meta.file_type().is_file()
    }
}

/// Takes the writer's lock for a moment: when that works, its writer is gone.
fn held_by_no_one(path: &Path) -> bool {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    match options.open(path) {
        Ok(file) => file.try_lock().is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_written_file_is_whole_owner_only_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        write_replacing(&target, b"first").unwrap();
        write_replacing(&target, b"second").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"second");
        assert_eq!(names(dir.path()), ["out.json"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn place_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("backup.db");
        fs::write(&target, b"theirs").unwrap();
        let mut file = PendingFile::beside(&target).unwrap();
        file.write_all(b"mine").unwrap();
        let back = file.place_new(&target).unwrap();
        assert!(back.is_some(), "the file came back");
        drop(back);
        assert_eq!(fs::read(&target).unwrap(), b"theirs");
        assert_eq!(names(dir.path()), ["backup.db"]);
    }

    #[test]
    fn a_live_writers_file_is_kept_and_a_dead_writers_is_swept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("contacts.vcf");
        let live = PendingFile::beside(&target).unwrap();
        // What a killed writer leaves: a temporary file nobody holds, and a
        // journal SQLite wrote beside a temporary file that is gone.
        let dead = dir.path().join(".contacts.vcf.AbCdEf.ties.tmp");
        fs::write(&dead, b"half").unwrap();
        let orphan = dir.path().join(".contacts.vcf.XyZxYz.ties.tmp-journal");
        fs::write(&orphan, b"journal").unwrap();
        // What a killed export of an earlier ties left.
        let legacy = dir.path().join(".contacts.vcf.ties-4242.tmp");
        fs::write(&legacy, b"half").unwrap();
        // A file without our mark is not ours to remove.
        let other = dir.path().join(".contacts.vcf.notes");
        fs::write(&other, b"mine").unwrap();
        sweep(dir.path());
        assert!(live.path().exists(), "a live writer's file was removed");
        assert!(!dead.exists(), "a dead writer's file was kept");
        assert!(!orphan.exists(), "an orphaned journal was kept");
        assert!(!legacy.exists(), "an earlier version's leftover was kept");
        assert!(other.exists());
        drop(live);
        assert_eq!(names(dir.path()), [".contacts.vcf.notes"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").unwrap();
        let planted = dir.path().join(".out.json.AAAAAA.ties.tmp");
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        sweep(dir.path());
        write_replacing(&dir.path().join("out.json"), b"export").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert!(
            fs::symlink_metadata(&planted)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}
