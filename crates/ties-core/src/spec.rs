//! The one-line item syntax of `ties log`: `--gave intro:3@anna`,
//! `--got advice`, `--promise "send slides@anna"`.

use crate::error::{Error, Field, Result};
use crate::input::parse_weight;
use crate::model::ItemKind;

/// A give/take item as typed, before its contact is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSpec {
    pub kind: ItemKind,
    pub weight: u8,
    /// The `@CONTACT` part; may be left out when there is one participant.
    pub contact: Option<String>,
}

/// A promise as typed: free text, optionally `@CONTACT` at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseSpec {
    pub text: String,
    pub contact: Option<String>,
}

/// Parses `KIND[:WEIGHT][@CONTACT]`.
pub fn parse_item(input: &str) -> Result<ItemSpec> {
    let (body, contact) = split_contact(input)?;
    let (kind, weight) = match body.split_once(':') {
        Some((kind, weight)) => (kind, Some(weight)),
        None => (body, None),
    };
    let kind = kind.trim();
    if kind.is_empty() {
        return Err(Error::invalid(
            Field::Item,
            input,
            format!(
                "KIND[:WEIGHT][@CONTACT], e.g. intro:3@anna, with KIND one of {}",
                ItemKind::accepted()
            ),
        ));
    }
    let kind: ItemKind = kind.parse()?;
    let weight = match weight {
        None => 1,
        Some(text) => parse_weight(text)?,
    };
    Ok(ItemSpec {
        kind,
        weight,
        contact,
    })
}

/// Parses `TEXT[@CONTACT]`: the last `@` names the contact.
pub fn parse_promise(input: &str) -> Result<PromiseSpec> {
    let (text, contact) = split_contact(input)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            Field::Promise,
            input,
            "\"TEXT[@CONTACT]\", e.g. \"send slides@anna\"",
        ));
    }
    Ok(PromiseSpec {
        text: text.to_string(),
        contact,
    })
}

fn split_contact(input: &str) -> Result<(&str, Option<String>)> {
    match input.rsplit_once('@') {
        None => Ok((input, None)),
        Some((body, contact)) => {
            let contact = contact.trim();
            if contact.is_empty() {
                return Err(Error::invalid(
                    Field::Counterparty,
                    input,
                    "a contact's name after the '@', e.g. @anna",
                ));
            }
            Ok((body, Some(contact.to_string())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items() {
        assert_eq!(
            parse_item("intro:3@anna").unwrap(),
            ItemSpec {
                kind: ItemKind::Intro,
                weight: 3,
                contact: Some("anna".into())
            }
        );
        assert_eq!(
            parse_item("advice").unwrap(),
            ItemSpec {
                kind: ItemKind::Advice,
                weight: 1,
                contact: None
            }
        );
        assert_eq!(
            parse_item("Help@Bob Smith").unwrap().contact.as_deref(),
            Some("Bob Smith")
        );
    }

    #[test]
    fn bad_items_say_what_is_accepted() {
        let weight = parse_item("intro:7@anna").unwrap_err().to_string();
        assert!(
            weight.contains("invalid weight '7'") && weight.contains("1 to 5"),
            "{weight}"
        );
        let kind = parse_item("hugs:2").unwrap_err().to_string();
        assert!(
            kind.contains("invalid kind 'hugs'") && kind.contains("advice"),
            "{kind}"
        );
        assert!(parse_item(":2@anna").is_err());
        assert!(parse_item("intro@").is_err());
        assert!(parse_item("intro:x").is_err());
    }

    #[test]
    fn promises() {
        let p = parse_promise("send slides@anna").unwrap();
        assert_eq!(
            (p.text.as_str(), p.contact.as_deref()),
            ("send slides", Some("anna"))
        );
        let p = parse_promise("call back").unwrap();
        assert_eq!((p.text.as_str(), p.contact), ("call back", None));
        assert!(parse_promise("@anna").is_err());
    }
}
