//! The whole database as JSON: every contact, affiliation, network,
//! membership, interaction, item and review, with ids, under a format
//! version. `import::json` reads it back.

use super::snapshot::Snapshot;
use crate::error::{Error, Operation, Result};

pub fn write(snapshot: &Snapshot) -> Result<Vec<u8>> {
    let mut out = crate::safe_json::to_vec_pretty(snapshot).map_err(|e| Error::Failed {
        what: Operation::WriteJson,
        cause: e.to_string(),
    })?;
    out.push(b'\n');
    Ok(out)
}
