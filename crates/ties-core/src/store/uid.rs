//! Stable contact identifiers, written as vCard UIDs.
//!
//! A contact ties creates gets a name-based UUID (version 8, RFC 9562) of its
//! id, creation time and name: deterministic, so the same demo seed writes
//! the same database, and unique within a database because the id is. Cards
//! that arrive with a UID of their own keep it instead.

/// `urn:uuid:…` for a contact ties created.
pub fn derive_uid(id: i64, created_at: &str, name: &str) -> String {
    let mut bytes = fnv1a_128(&[&id.to_le_bytes(), created_at.as_bytes(), name.as_bytes()]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8: custom
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// FNV-1a, 128 bits, over the parts with a separator between them. Not
/// cryptographic: it only has to spread ids, never to resist an adversary.
fn fnv1a_128(parts: &[&[u8]]) -> [u8; 16] {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.iter().chain(std::iter::once(&0xff)) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_stable_well_formed_and_distinct() {
        let a = derive_uid(1, "2026-11-26T12:00:00Z", "Anna");
        assert_eq!(a, derive_uid(1, "2026-11-26T12:00:00Z", "Anna"));
        assert_ne!(a, derive_uid(2, "2026-11-26T12:00:00Z", "Anna"));
        assert_ne!(a, derive_uid(1, "2026-11-26T12:00:00Z", "Anne"));
        let uuid = a.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    }
}
