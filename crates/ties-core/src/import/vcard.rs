//! vCard cards to records: which property becomes which field.
//!
//! FN (or N, or ORG for a company card) is the name; NICKNAME, EMAIL and TEL
//! with their types, ORG and TITLE (an affiliation), CATEGORIES (tags),
//! BDAY, NOTE, URL, ADR, KIND:org, RELATED and UID map to fields. ties' own
//! fields travel as X-TIES-* properties, so its export reads back whole.
//! Everything else except PHOTO (and the file's own PRODID, REV, VERSION) is
//! kept as it was written, for the next export.

use chrono::NaiveDate;

use super::record::{
    NoteKind, OrgLink, Parsed, Record, RecordError, RecordNote, Reference, Related, parse_birthday,
};
use crate::export::vcard::n_value;
use crate::model::{Address, Circle, ContactDate, Kind, Labelled};
use crate::store::{is_valid_email, is_valid_phone};
use crate::text::clean;
use crate::vcard::{self, Card, Property};

/// How deep an AGENT may hold another AGENT written as text.
const AGENT_DEPTH: usize = 3;

/// Reads every card of a file. Err: the file is not a vCard file at all.
pub fn parse(bytes: &[u8]) -> Result<Parsed, RecordError> {
    let cards = vcard::read(bytes).map_err(|e| RecordError::new(e.line, e.card, e.problem))?;
    let mut parsed = Parsed {
        detected: cards
            .file_encoding
            .map(|e| format!("{e} text"))
            .into_iter()
            .collect(),
        notes: cards.notes.iter().map(note).collect(),
        entries: Vec::with_capacity(cards.entries.len()),
    };
    // Agents found, as (the card they belong to, the agent).
    let mut agents: Vec<(usize, Reference)> = Vec::new();
    for entry in cards.entries {
        let card = match entry {
            Ok(card) => card,
            Err(e) => {
                parsed
                    .entries
                    .push(Err(RecordError::new(e.line, e.card, e.problem)));
                continue;
            }
        };
        let mut inline_agents = Vec::new();
        let mut result = record(&card, &mut inline_agents, 0);
        if let (Ok(rec), Some(nesting)) = (&mut result, card.nested) {
            let what = if nesting.agent {
                "the AGENT"
            } else {
                "written inside"
            };
            rec.note(
                card.line,
                NoteKind::Separated,
                format!(
                    "{what} of card {}: imported as a contact of its own",
                    nesting.outer
                ),
            );
            if nesting.agent {
                agents.push((nesting.outer, reference(rec)));
            }
        }
        for agent in &inline_agents {
            agents.push((card.number, reference(agent)));
        }
        parsed.entries.push(result);
        parsed.entries.extend(inline_agents.into_iter().map(Ok));
    }
    // The card an agent belongs to points at it, as RELATED;TYPE=agent.
    for (outer, agent) in agents {
        // The first record of that card is its own; inline agents follow it.
        let owner = parsed
            .entries
            .iter_mut()
            .find_map(|e| e.as_mut().ok().filter(|r| r.card == Some(outer)));
        if let Some(owner) = owner {
            owner.related.push(Related {
                target: agent,
                relation: "agent".into(),
                line: None,
            });
        }
    }
    Ok(parsed)
}

fn note(n: &vcard::Note) -> RecordNote {
    RecordNote {
        line: n.line,
        kind: match n.kind {
            vcard::NoteKind::Encoding => NoteKind::Reencoded,
            vcard::NoteKind::LeftOut => NoteKind::LeftOut,
        },
        text: n.text.clone(),
    }
}

/// How another record points at this one.
fn reference(rec: &Record) -> Reference {
    match &rec.uid {
        Some(uid) => Reference::Uid(uid.clone()),
        None => Reference::Name(rec.name.clone()),
    }
}

/// Types that say nothing a label should carry.
const GENERIC_EMAIL_TYPES: &[&str] = &["internet", "pref", "x400"];
const GENERIC_TEL_TYPES: &[&str] = &["voice", "pref"];
const GENERIC_TYPES: &[&str] = &["pref"];

/// Properties that describe the file or are rebuilt on export.
const DROPPED: &[&str] = &["VERSION", "PRODID", "REV", "PHOTO", "FN"];

fn record(card: &Card, agents: &mut Vec<Record>, depth: usize) -> Result<Record, RecordError> {
    let error = |line: usize, problem: String| RecordError::new(line, Some(card.number), problem);
    let kind = card_kind(card)
        .map_err(|p| RecordError::nothing_to_import(card.line, Some(card.number), p))?;
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
    let (name, named_from) = match name {
        Some(name) => (name, None),
        None => match name_from_what_it_has(card) {
            Some((name, from)) => (name, Some(from)),
            None => {
                return Err(RecordError::nothing_to_import(
                    card.line,
                    Some(card.number),
                    nothing_identifying(card),
                ));
            }
        },
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
    if let Some(from) = named_from {
        let text = format!("no FN, N or ORG: named '{}' from its {from}", rec.name);
        rec.note(card.line, NoteKind::Renamed, text);
    }
    rec.notes.extend(card.notes.iter().map(note));
    let mut notes: Vec<String> = Vec::new();
    let mut titles: Vec<&Property> = card.all("TITLE").collect();
    let mut names_kept = 0;

    for p in &card.properties {
        let keep = |rec: &mut Record| rec.extras.push(p.to_line());
        match p.name.as_str() {
            name if DROPPED.contains(&name) => {}
            "N" => {
                // The structure of a name (which part is the family name) is
                // kept for the next export, unless that export would write
                // the same N from the name anyway.
                // Export writes it first, so it is kept first: a round trip
                // gives the same lines in the same order.
                if kind == Kind::Person
                    && !name_from_n(p).is_empty()
                    && p.group.is_none()
                    && p.params.is_empty()
                    && p.value != n_value(&rec.name)
                {
                    rec.extras.insert(names_kept, p.to_line());
                    names_kept += 1;
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
            // 4.0's ANNIVERSARY; 3.0 writers (and ties' 3.0 export) say X-ANNIVERSARY.
            "ANNIVERSARY" | "X-ANNIVERSARY" => {
                if !rec.add_date("anniversary", &p.text()) {
                    keep(&mut rec);
                }
            }
            // ties' other dates: label; date; yearly or once.
            "X-TIES-DATE" => {
                let parts = p.components();
                let part = |i: usize| parts.get(i).map(String::as_str).unwrap_or("");
                let date = ContactDate {
                    label: part(0).to_string(),
                    date: part(1).trim().to_string(),
                    yearly: !part(2).trim().eq_ignore_ascii_case("once"),
                };
                let key = crate::rules::date_label_key(&date.label);
                let known = rec
                    .dates
                    .iter()
                    .any(|d| crate::rules::date_label_key(&d.label) == key);
                match crate::rules::contact_date(&date) {
                    Ok(date) if !known => rec.dates.push(date),
                    _ => keep(&mut rec),
                }
            }
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
            "AGENT" => match agent_card(p, card, depth) {
                Some(agent) => agents.push(agent),
                None => keep(&mut rec),
            },
            "KIND" => {
                let kind = p.text().trim().to_lowercase();
                if !matches!(
                    kind.as_str(),
                    "" | "individual" | "person" | "org" | "organization" | "organisation"
                ) {
                    keep(&mut rec);
                }
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
    leave_out_links_to_itself(&mut rec);
    Ok(rec)
}

/// A card that names its own UID as a relation (RFC 6350's own example
/// does) or as the one it was met through cannot be stored as such: the
/// line is kept as written, for the next export, and the summary says so.
fn leave_out_links_to_itself(rec: &mut Record) {
    let Some(uid) = rec.uid.as_deref().map(str::trim).map(str::to_string) else {
        return;
    };
    let itself = |target: &Reference| matches!(target, Reference::Uid(u) if u.trim() == uid);
    if rec.met_through.as_ref().is_some_and(itself) {
        rec.met_through = None;
        rec.note(
            rec.line,
            NoteKind::LeftOut,
            "X-TIES-MET-THROUGH names the card itself: left out".to_string(),
        );
    }
    let (own, others): (Vec<Related>, Vec<Related>) = std::mem::take(&mut rec.related)
        .into_iter()
        .partition(|r| itself(&r.target));
    rec.related = others;
    for relation in own {
        if let Some(line) = relation.line {
            rec.extras.push(line);
        }
        rec.note(
            rec.line,
            NoteKind::LeftOut,
            "a RELATED that names the card itself is kept as written, not as a relation"
                .to_string(),
        );
    }
}

fn card_kind(card: &Card) -> Result<Kind, String> {
    let kind = card
        .first("KIND")
        .or_else(|| card.first("X-TIES-KIND"))
        .or_else(|| card.first("X-ADDRESSBOOKSERVER-KIND"))
        .map(|p| p.text().trim().to_lowercase());
    match kind.as_deref() {
        Some("org" | "organization" | "organisation") => return Ok(Kind::Org),
        Some(other @ ("group" | "location")) => {
            return Err(format!(
                "a KIND:{other} card is not a person or an organisation (contact groups and places are not imported)"
            ));
        }
        // Individuals, and kinds ties does not know (their KIND line is kept).
        _ => {}
    }
    let company = card
        .first("X-ABSHOWAS")
        .is_some_and(|p| p.text().trim().eq_ignore_ascii_case("company"));
    Ok(if company { Kind::Org } else { Kind::Person })
}

/// Instant-messaging properties: a handle names a person too.
const MESSAGING: &[&str] = &[
    "IMPP",
    "X-JABBER",
    "X-GOOGLE-TALK",
    "X-GTALK",
    "X-SKYPE",
    "X-SKYPE-USERNAME",
    "X-AIM",
    "X-MSN",
    "X-ICQ",
    "X-YAHOO",
    "X-TWITTER",
    "X-QQ",
    "X-SIP",
    "X-SIPURI",
];

/// A name for a card without FN, N or ORG, from what it has: its nickname
/// (Android writes it as X-ANDROID-CUSTOM), else its first email, else its
/// first phone, else an instant-messaging handle; and what it came from.
fn name_from_what_it_has(card: &Card) -> Option<(String, String)> {
    let android_nickname = || {
        card.all("X-ANDROID-CUSTOM").find_map(|p| {
            let parts = p.components();
            (parts.first().map(String::as_str) == Some("vnd.android.cursor.item/nickname"))
                .then(|| parts.get(1).map(|n| clean(n)))
                .flatten()
                .filter(|n| !n.is_empty())
        })
    };
    let nickname = card
        .all("NICKNAME")
        .flat_map(|p| p.list())
        .map(|n| clean(&n))
        .find(|n| !n.is_empty())
        .or_else(android_nickname);
    let email = || {
        card.all("EMAIL")
            .map(|p| clean(p.text().trim_start_matches("mailto:")))
            .find(|e| is_valid_email(e))
    };
    let phone = || {
        card.all("TEL")
            .map(|p| clean(p.text().trim_start_matches("tel:")))
            .find(|t| is_valid_phone(t))
    };
    let handle = || {
        card.properties
            .iter()
            .filter(|p| MESSAGING.contains(&p.name.as_str()) || p.name.starts_with("X-MESSAGING/"))
            .find_map(|p| {
                let text = p.text();
                let handle = clean(
                    text.split_once(':')
                        .map_or(text.as_str(), |(scheme, rest)| {
                            if scheme.chars().all(|c| c.is_ascii_alphanumeric()) {
                                rest
                            } else {
                                text.as_str()
                            }
                        }),
                );
                (!handle.is_empty()).then(|| (handle, p.name.clone()))
            })
    };
    nickname
        .map(|n| (n, "nickname".to_string()))
        .or_else(|| email().map(|e| (e, "email".into())))
        .or_else(|| phone().map(|t| (t, "phone".into())))
        .or_else(handle)
}

/// Why a card is skipped: what little it holds.
fn nothing_identifying(card: &Card) -> String {
    let mut held: Vec<&str> = card
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| !matches!(*n, "VERSION" | "PRODID" | "REV" | "UID"))
        .collect();
    held.retain(|n| {
        card.all(n)
            .any(|p| p.value.chars().any(char::is_alphanumeric))
    });
    held.dedup();
    if held.is_empty() {
        "the card is empty: no name, nickname, email, phone or messaging handle".into()
    } else {
        format!(
            "the card has no name, nickname, email, phone or messaging handle (it holds only {})",
            held.join(", ")
        )
    }
}

/// The card an AGENT holds as text (vCard 3.0: `AGENT:BEGIN:VCARD\n…`), as
/// a record of its own. None: the AGENT is no card (a URI, or text).
fn agent_card(p: &Property, outer: &Card, depth: usize) -> Option<Record> {
    let text = p.text();
    if depth >= AGENT_DEPTH
        || !text
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("BEGIN:VCARD")
    {
        return None;
    }
    let cards = vcard::read(text.as_bytes()).ok()?;
    let [Ok(card)] = cards.entries.as_slice() else {
        return None;
    };
    let mut nested = Vec::new();
    let mut rec = record(card, &mut nested, depth + 1).ok()?;
    if !nested.is_empty() {
        return None;
    }
    rec.line = p.line;
    rec.card = Some(outer.number);
    rec.notes.clear();
    rec.note(
        p.line,
        NoteKind::Separated,
        format!(
            "the AGENT of card {}: imported as a contact of its own",
            outer.number
        ),
    );
    Some(rec)
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
        let mut records = parse(text.as_bytes()).unwrap().entries;
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
    fn a_card_without_a_name_is_named_from_what_it_has() {
        for (card, name, from) in [
            ("NICKNAME:Annie\nEMAIL:a@example.org\n", "Annie", "nickname"),
            (
                "EMAIL:nobody\nEMAIL:a@example.org\nTEL:+358 40 1\n",
                "a@example.org",
                "email",
            ),
            ("TEL:+358 40 1\n", "+358 40 1", "phone"),
        ] {
            let rec = one(&format!("BEGIN:VCARD\nVERSION:3.0\n{card}END:VCARD\n"));
            assert_eq!(rec.name, name);
            assert_eq!(rec.notes[0].kind, NoteKind::Renamed);
            assert!(rec.notes[0].text.contains(from), "{:?}", rec.notes);
        }
    }

    #[test]
    fn a_relation_to_the_card_itself_is_kept_as_written_not_refused() {
        let rec = one("BEGIN:VCARD\nVERSION:4.0\nFN:Jane\nUID:urn:uuid:1\n\
             RELATED;TYPE=friend:urn:uuid:1\nRELATED:urn:uuid:2\nEND:VCARD\n");
        assert_eq!(rec.related.len(), 1);
        assert_eq!(rec.related[0].target, Reference::Uid("urn:uuid:2".into()));
        assert!(
            rec.extras
                .iter()
                .any(|l| l == "RELATED;TYPE=friend:urn:uuid:1"),
            "{:?}",
            rec.extras
        );
        assert!(
            rec.notes
                .iter()
                .any(|n| n.kind == NoteKind::LeftOut && n.text.contains("itself")),
            "{:?}",
            rec.notes
        );
    }

    #[test]
    fn a_card_with_nothing_identifying_is_skipped_not_refused() {
        let records = parse(
            b"BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nNOTE:hi\nEND:VCARD\n\
              BEGIN:VCARD\nKIND:group\nFN:Friends\nEND:VCARD\n",
        )
        .unwrap()
        .entries;
        let error = records[1].as_ref().unwrap_err();
        assert_eq!((error.line, error.card), (4, Some(2)));
        assert!(error.nothing_to_import, "{error:?}");
        assert!(error.problem.contains("holds only NOTE"), "{error:?}");
        assert!(records[2].as_ref().unwrap_err().nothing_to_import);
    }

    #[test]
    fn agents_become_contacts_of_their_own_related_to_their_card() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Boss;Bea\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Aide;Ari\r\n\
                    TEL:+358 1 234\r\nEND:VCARD\r\nEND:VCARD\r\n\
                    BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cid\r\nAGENT:BEGIN:VCARD\\nFN:Susan Thomas\\nTEL:+1-919-555-1234\\nEND:VCARD\\n\r\n\
                    AGENT;VALUE=uri:CID:JQPUBLIC.part3@host3.com\r\nEND:VCARD\r\n";
        let records: Vec<Record> = parse(text.as_bytes())
            .unwrap()
            .entries
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let names: Vec<&str> = records.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Ari Aide", "Bea Boss", "Cid", "Susan Thomas"]);
        assert_eq!(records[0].notes[0].kind, NoteKind::Separated);
        assert_eq!(
            records[1].related[0].target,
            Reference::Name("Ari Aide".into())
        );
        assert_eq!(records[1].related[0].relation, "agent");
        assert_eq!(
            records[2].related[0].target,
            Reference::Name("Susan Thomas".into())
        );
        assert_eq!(
            records[2].extras,
            ["AGENT;VALUE=uri:CID:JQPUBLIC.part3@host3.com"]
        );
        assert_eq!(records[3].phones[0].value, "+1-919-555-1234");
    }

    #[test]
    fn values_ties_cannot_hold_are_kept_verbatim() {
        let rec = one("BEGIN:VCARD\nFN:A\nTEL:n/a\nBDAY:sometime\nEMAIL:nobody\nEND:VCARD\n");
        assert!(rec.phones.is_empty() && rec.emails.is_empty() && rec.birthday.is_none());
        assert_eq!(rec.extras, vec!["TEL:n/a", "BDAY:sometime", "EMAIL:nobody"]);
    }
}
