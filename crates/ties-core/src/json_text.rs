//! How the JSON outputs write a text that may be empty. The rule of every
//! output (docs/json.md, "Absent values"): an absent text is `null`, never
//! `""`. The store keeps "no note" as an empty string, so the fields that
//! can be empty serialize through here.
//!
//! The export file is not an output in this sense: its rows keep `""`, as
//! they always did, so older readers and files stay compatible.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::Address;

/// `""` as `null`, any other text as itself.
pub fn empty_as_null<S: Serializer, T: AsRef<str>>(text: &T, s: S) -> Result<S::Ok, S::Error> {
    let text = text.as_ref();
    if text.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_some(text)
    }
}

/// A line number of 0 (no line: a record of no file) as `null`.
pub fn zero_as_null<S: Serializer>(line: &usize, s: S) -> Result<S::Ok, S::Error> {
    match line {
        0 => s.serialize_none(),
        n => s.serialize_some(n),
    }
}

/// The reverse, for records read back (the history's changes): `null`
/// or a missing text is `""`, and so is the `""` that older records hold.
pub fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Postal addresses with their empty parts as `null`.
pub fn addresses<S: Serializer>(list: &[Address], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(AddressShape::of))
}

/// An address as the outputs write it: the seven vCard parts, each a text
/// or `null`.
#[derive(Serialize)]
struct AddressShape<'a> {
    label: Option<&'a str>,
    po_box: Option<&'a str>,
    extended: Option<&'a str>,
    street: Option<&'a str>,
    locality: Option<&'a str>,
    region: Option<&'a str>,
    postal_code: Option<&'a str>,
    country: Option<&'a str>,
}

impl<'a> AddressShape<'a> {
    fn of(a: &'a Address) -> Self {
        let part = |text: &'a str| Some(text).filter(|t| !t.is_empty());
        AddressShape {
            label: a.label.as_deref().and_then(part),
            po_box: part(&a.po_box),
            extended: part(&a.extended),
            street: part(&a.street),
            locality: part(&a.locality),
            region: part(&a.region),
            postal_code: part(&a.postal_code),
            country: part(&a.country),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Noted {
        #[serde(serialize_with = "empty_as_null")]
        note: String,
    }

    #[test]
    fn an_empty_text_is_null_and_any_other_is_kept() {
        let empty = serde_json::to_string(&Noted {
            note: String::new(),
        })
        .unwrap();
        assert_eq!(empty, r#"{"note":null}"#);
        let full = serde_json::to_string(&Noted { note: " ".into() }).unwrap();
        assert_eq!(full, r#"{"note":" "}"#);
    }

    #[test]
    fn an_address_writes_its_empty_parts_as_null() {
        let address = Address {
            street: "Hämeenkatu 1".into(),
            locality: "Tampere".into(),
            ..Address::default()
        };
        let mut out = Vec::new();
        addresses(&[address], &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"[{"label":null,"po_box":null,"extended":null,"street":"Hämeenkatu 1","locality":"Tampere","region":null,"postal_code":null,"country":null}]"#
        );
    }
}
