//! Exporting: every contact as vCards or a spreadsheet, and the whole
//! database as lossless JSON. Files are written owner-only, whole or not at
//! all (a temporary file renamed into place).

pub mod csv;
pub mod ics;
pub mod json;
pub mod snapshot;
pub mod vcard;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Refusal, Result};
use crate::store::{Store, make_private};

pub use snapshot::Snapshot;

/// Everything the user wrote, as of now.
pub fn snapshot(store: &Store) -> Result<Snapshot> {
    store.snapshot()
}

/// Per contact: last interaction and count, for the spreadsheet.
pub fn activity(store: &Store) -> Result<csv::Activity> {
    store.activity()
}

/// Writes `bytes` to `path` (0600), replacing it only once all is written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() {
        return Err(Refusal::OutputIsAFolder(path.to_path_buf()).into());
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.ties-{}.tmp", std::process::id()));
    let describe = |e: std::io::Error| Error::io(format!("cannot write {}", path.display()), e);
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temp).map_err(describe)?;
        file.write_all(bytes).map_err(describe)?;
        file.sync_all().map_err(describe)?;
        make_private(&temp)?;
        std::fs::rename(&temp, path).map_err(describe)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
