//! The whole database as JSON: every contact, affiliation, network,
//! membership, interaction, item and review, with ids, under a format
//! version. `import::json` reads it back.

use super::snapshot::Snapshot;
use crate::error::{Error, Result};

pub fn write(snapshot: &Snapshot) -> Result<Vec<u8>> {
    let mut out = crate::safe_json::to_vec_pretty(snapshot)
        .map_err(|e| Error::rejected(format!("cannot write the JSON: {e}")))?;
    out.push(b'\n');
    Ok(out)
}
