//! Exporting: every contact as vCards or a spreadsheet, and the whole
//! database as lossless JSON. Files are written owner-only, whole or not at
//! all (a temporary file renamed into place).

pub mod csv;
pub mod ics;
pub mod json;
pub mod snapshot;
pub mod vcard;

use std::path::Path;

use crate::error::{Refusal, Result};
use crate::store::Store;

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
    // Beside the target under an unpredictable name, owner-only from the
    // first byte, renamed into place once whole.
    crate::private_file::write_replacing(path, bytes)
}
