//! vCard cards to records: which property becomes which field.
//!
//! FN (or N, or ORG for a company card) is the name; NICKNAME, EMAIL and TEL
//! with their types, ORG and TITLE (an affiliation), CATEGORIES (tags),
//! BDAY, NOTE, URL, ADR, KIND:org, RELATED and UID map to fields. ties' own
//! fields travel as X-TIES-* properties, so its export reads back whole.
//! Everything else except PHOTO (and the file's own PRODID, REV, VERSION) is
//! kept as it was written, for the next export.

use chrono::NaiveDate;

use super::record::{OrgLink, Record, RecordError, Reference, Related, parse_birthday};
use crate::export::vcard::n_value;
use crate::model::{Address, Circle, Kind, Labelled};
use crate::store::{is_valid_email, is_valid_phone};
use crate::text::clean;
use crate::vcard::{self, Card, Property};

/// Reads every card of a file. Err: the file is not a vCard file at all.
pub fn parse(bytes: &[u8]) -> Result<Vec<Result<Record, RecordError>>, RecordError> {
    let entries = vcard::read(bytes).map_err(|e| RecordError::new(e.line, e.card, e.problem))?;
    Ok(entries
        .into_iter()
        .map(|entry| match entry {
            Ok(card) => record(&card),
            Err(e) => Err(RecordError::new(e.line, e.card, e.problem)),
        })
        .collect())
}

/// Types that say nothing a label should carry.
const GENERIC_EMAIL_TYPES: &[&str] = &["internet", "pref", "x400"];
const GENERIC_TEL_TYPES: &[&str] = &["voice", "pref"];
const GENERIC_TYPES: &[&str] = &["pref"];

/// Properties that describe the file or are rebuilt on export.
const DROPPED: &[&str] = &["VERSION", "PRODID", "REV", "PHOTO", "FN", "KIND"];

fn record(card: &Card) -> Result<Record, RecordError> {
    let error = |line: usize, problem: String| RecordError::new(line, Some(card.number), problem);
    let kind = card_kind(card).map_err(|p| error(card.line, p))?;
    let orgs: Vec<&Property> = card.all("ORG").collect();
    let org_name = |p: &Property| p.components().into_iter().next().map(|s| clean(&s));
    let name = card
        .first("FN")
        .map(|p| clean(&p.text()))
        .filter(|n| !n.is_empty())
        .or_else(|| card.first("N").map(name_from_n).filter(|n| !n.is_empty()))
        .or_else(|| {
            orgs.first()
                .and_then(|p| org_name(p))
                .filter(|n| !n.is_empty())
        });
    let Some(name) = name else {
        return Err(error(
            card.line,
            "the card has no name (no FN, N or ORG)".into(),
        ));
    };
    if name.chars().count() > 500 {
        return Err(error(
            card.line,
            "the name is longer than 500 characters".into(),
        ));
    }
    // A card with no person's name but an ORG is the company's own card.
    let company_card = card.first("FN").is_none_or(|p| p.text().trim().is_empty())
        && card.first("N").is_none_or(|p| name_from_n(p).is_empty())
        && !orgs.is_empty();
    let kind = if company_card { Kind::Org } else { kind };

    let mut rec = Record::new(kind, name, card.line);
    rec.card = Some(card.number);
    let mut notes: Vec<String> = Vec::new();
    let mut titles: Vec<&Property> = card.all("TITLE").collect();

    for p in &card.properties {
        let keep = |rec: &mut Record| rec.extras.push(p.to_line());
        match p.name.as_str() {
            name if DROPPED.contains(&name) => {}
            "N" => {
                // The structure of a name (which part is the family name) is
                // kept for the next export, unless that export would write
                // the same N from the name anyway.
                if kind == Kind::Person
                    && !name_from_n(p).is_empty()
                    && p.group.is_none()
                    && p.params.is_empty()
                    && p.value != n_value(&rec.name)
                {
                    keep(&mut rec);
                }
            }
            "UID" => {
                let uid = p.text().trim().to_string();
                if !uid.is_empty() {
                    rec.uid = Some(uid);
                }
            }
            "NICKNAME" => {
                let nicks = p.list().join(", ");
                if rec.nickname.is_empty() {
                    rec.nickname = clean(&nicks);
                } else if !nicks.is_empty() {
                    keep(&mut rec);
                }
            }
            "EMAIL" => {
                let value = clean(p.text().trim_start_matches("mailto:"));
                if is_valid_email(&value) {
                    rec.emails.push(Labelled {
                        value,
                        label: label(p, GENERIC_EMAIL_TYPES),
                    });
                } else if !value.is_empty() {
                    keep(&mut rec);
                }
            }
            "TEL" => {
                let value = clean(p.text().trim_start_matches("tel:"));
                if is_valid_phone(&value) {
                    rec.phones.push(Labelled {
                        value,
                        label: label(p, GENERIC_TEL_TYPES),
                    });
                } else if !value.is_empty() {
                    keep(&mut rec);
                }
            }
            "URL" => {
                let value = clean(&p.text());
                if !value.is_empty() {
                    rec.urls.push(Labelled {
                        value,
                        label: label(p, GENERIC_TYPES),
                    });
                }
            }
            "ADR" => {
                let address = address(p);
                if !address.is_empty() {
                    rec.addresses.push(address);
                }
            }
            "ORG" if kind == Kind::Person && !company_card => {
                let Some(org) = org_name(p).filter(|n| !n.is_empty()) else {
                    continue;
                };
                let units: Vec<String> = p
                    .components()
                    .into_iter()
                    .skip(1)
                    .map(|u| clean(&u))
                    .filter(|u| !u.is_empty())
                    .collect();
                // TITLE pairs with the ORG of its group, else the first one.
                let title_at = titles
                    .iter()
                    .position(|t| t.group.is_some() && t.group == p.group)
                    .or_else(|| (!titles.is_empty() && p.group.is_none()).then_some(0));
                let title = title_at.map(|i| titles.remove(i).text());
                rec.organisations.push(OrgLink {
                    name: org,
                    unit: (!units.is_empty()).then(|| units.join(", ")),
                    title: title.map(|t| clean(&t)).filter(|t| !t.is_empty()),
                });
            }
            "ORG" if company_card || kind == Kind::Org => {
                // The organisation's own name: already the contact's name.
                if org_name(p).as_deref() != Some(rec.name.as_str()) {
                    keep(&mut rec);
                }
            }
            "TITLE" => {}
            "CATEGORIES" => rec.tags.extend(p.list()),
            "BDAY" => match parse_birthday(&p.text()) {
                Some(day) if rec.birthday.is_none() => rec.birthday = Some(day),
                _ => keep(&mut rec),
            },
            "NOTE" => {
                let note = p.text();
                if !note.trim().is_empty() {
                    notes.push(note);
                }
            }
            // ties' 3.0 export writes RELATED, which 3.0 lacks, as X-TIES-RELATED.
            "RELATED" | "X-TIES-RELATED" => {
                let value = p.text().trim().to_string();
                let is_text = p
                    .param("VALUE")
                    .is_some_and(|v| v.values.iter().any(|v| v.eq_ignore_ascii_case("text")));
                let target = if is_text {
                    Reference::Name(value)
                } else {
                    Reference::Uid(value)
                };
                rec.related.push(Related {
                    target,
                    relation: p.types().join(","),
                    line: Some(p.to_line()),
                });
            }
            "X-ABSHOWAS" => {}
            "X-TIES-KIND" => {}
            "X-TIES-CIRCLE" => {
                rec.circle = Some(
                    p.text()
                        .parse::<Circle>()
                        .map_err(|e| error(p.line, e.to_string()))?,
                );
            }
            "X-TIES-EXPERTISE" => rec.expertise.extend(p.list()),
            "X-TIES-MET-HOW" => rec.met_how = p.text(),
            "X-TIES-MET-THROUGH" => rec.met_through = Some(Reference::Uid(p.text())),
            "X-TIES-EVERY" => {
                let days = p.text().trim().trim_end_matches('d').parse::<u32>();
                match days {
                    Ok(days) if days > 0 => rec.cadence_days = Some(days),
                    _ => {
                        return Err(error(
                            p.line,
                            format!("X-TIES-EVERY '{}' is not a number of days", p.text()),
                        ));
                    }
                }
            }
            "X-TIES-SNOOZED" => rec.snoozed_until = Some(date(p).map_err(|e| error(p.line, e))?),
            "X-TIES-MET-ON" => rec.met_on = Some(date(p).map_err(|e| error(p.line, e))?),
            "X-TIES-ARCHIVED" => rec.archived = p.text().trim().eq_ignore_ascii_case("true"),
            "X-TIES-REMINDERS" => rec.reminders = !p.text().trim().eq_ignore_ascii_case("off"),
            _ => keep(&mut rec),
        }
    }
    // TITLEs no ORG took: ties keeps a title only on an affiliation.
    for title in titles {
        rec.extras.push(title.to_line());
    }
    rec.note = notes.join("\n\n");
    Ok(rec)
}

fn card_kind(card: &Card) -> Result<Kind, String> {
    let kind = card
        .first("KIND")
        .or_else(|| card.first("X-TIES-KIND"))
        .or_else(|| card.first("X-ADDRESSBOOKSERVER-KIND"))
        .map(|p| p.text().trim().to_lowercase());
    match kind.as_deref() {
        None | Some("individual" | "person" | "") => {}
        Some("org" | "organization" | "organisation") => return Ok(Kind::Org),
        Some(other) => {
            return Err(format!(
                "a KIND:{other} card is not a person or an organisation (contact groups and places are not imported)"
            ));
        }
    }
    let company = card
        .first("X-ABSHOWAS")
        .is_some_and(|p| p.text().trim().eq_ignore_ascii_case("company"));
    Ok(if company { Kind::Org } else { Kind::Person })
}

/// N's parts (family; given; additional; prefixes; suffixes) in reading order.
fn name_from_n(p: &Property) -> String {
    let parts = p.components();
    let part = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
    let order = [part(3), part(1), part(2), part(0), part(4)];
    clean(
        &order
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The meaningful TYPE values of a property, as a ties label.
fn label(p: &Property, generic: &[&str]) -> Option<String> {
    let types: Vec<String> = p
        .types()
        .into_iter()
        .filter(|t| !generic.contains(&t.as_str()))
        .collect();
    (!types.is_empty()).then(|| types.join(","))
}

fn address(p: &Property) -> Address {
    let parts = p.components();
    let part = |i: usize| clean(parts.get(i).map(String::as_str).unwrap_or(""));
    Address {
        label: label(p, GENERIC_TYPES),
        po_box: part(0),
        extended: part(1),
        street: part(2),
        locality: part(3),
        region: part(4),
        postal_code: part(5),
        country: part(6),
    }
}

fn date(p: &Property) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(p.text().trim(), "%Y-%m-%d")
        .map_err(|_| format!("{} '{}' is not a date like 2026-11-26", p.name, p.text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Record {
        let mut records = parse(text.as_bytes()).unwrap();
        assert_eq!(records.len(), 1);
        records.remove(0).unwrap()
    }

    #[test]
    fn maps_a_full_card() {
        let rec = one(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1\r\nFN:Anna Järvinen\r\nN:Järvinen;Anna;;;\r\n\
             NICKNAME:Annie\r\nEMAIL;TYPE=work,pref:anna@example.org\r\nTEL;TYPE=cell:+358 40 123\r\n\
             ORG:Kasvu Oy;R&D\r\nTITLE:CTO\r\nCATEGORIES:climbing,Friends\r\nBDAY:--0704\r\n\
             NOTE:met at\\, the meetup\\nsecond line\r\nURL:https://example.org\r\n\
             ADR;TYPE=home:;;Street 1;Tampere;;33100;Finland\r\nX-SKYPE:anna.j\r\nPHOTO:data:x\r\nEND:VCARD\r\n",
        );
        assert_eq!(rec.uid.as_deref(), Some("urn:uuid:1"));
        assert_eq!(rec.name, "Anna Järvinen");
        assert_eq!(rec.nickname, "Annie");
        assert_eq!(rec.emails[0].label.as_deref(), Some("work"));
        assert_eq!(rec.phones[0].label.as_deref(), Some("cell"));
        assert_eq!(
            rec.organisations,
            vec![OrgLink {
                name: "Kasvu Oy".into(),
                unit: Some("R&D".into()),
                title: Some("CTO".into())
            }]
        );
        assert_eq!(rec.tags, vec!["climbing", "Friends"]);
        assert_eq!(rec.birthday.as_deref(), Some("--07-04"));
        assert_eq!(rec.note, "met at, the meetup\nsecond line");
        assert_eq!(rec.addresses[0].locality, "Tampere");
        assert_eq!(
            rec.extras,
            vec!["X-SKYPE:anna.j"],
            "N says nothing the name does not"
        );
        let rec =
            one("BEGIN:VCARD\nFN:Ludwig van Beethoven\nN:van Beethoven;Ludwig;;;\nEND:VCARD\n");
        assert_eq!(rec.extras, vec!["N:van Beethoven;Ludwig;;;"]);
    }

    #[test]
    fn name_falls_back_to_n_then_org() {
        let rec = one("BEGIN:VCARD\nN:Smith;Bob;;Dr.;\nEND:VCARD\n");
        assert_eq!(
            (rec.name.as_str(), rec.kind),
            ("Dr. Bob Smith", Kind::Person)
        );
        let rec = one("BEGIN:VCARD\nN:;;;;\nORG:Kasvu Oy\nX-ABShowAs:COMPANY\nEND:VCARD\n");
        assert_eq!((rec.name.as_str(), rec.kind), ("Kasvu Oy", Kind::Org));
        let rec = one("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Kasvu Oy\nEND:VCARD\n");
        assert_eq!(rec.kind, Kind::Org);
    }

    #[test]
    fn a_card_without_a_name_is_an_error_with_its_place() {
        let records =
            parse(b"BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nEMAIL:x@example.org\nEND:VCARD\n")
                .unwrap();
        let error = records[1].as_ref().unwrap_err();
        assert_eq!((error.line, error.card), (4, Some(2)));
        assert!(error.problem.contains("no name"), "{error:?}");
    }

    #[test]
    fn values_ties_cannot_hold_are_kept_verbatim() {
        let rec = one("BEGIN:VCARD\nFN:A\nTEL:n/a\nBDAY:sometime\nEMAIL:nobody\nEND:VCARD\n");
        assert!(rec.phones.is_empty() && rec.emails.is_empty() && rec.birthday.is_none());
        assert_eq!(rec.extras, vec!["TEL:n/a", "BDAY:sometime", "EMAIL:nobody"]);
    }
}
