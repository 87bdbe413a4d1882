//! Google Contacts CSV export, both layouts, columns matched by header name.
//!
//! The current layout: `First Name`, `Middle Name`, `Last Name`, `Nickname`,
//! `Organization Name`/`Title`/`Department`, `Birthday`, `Notes`, `Labels`,
//! and numbered groups `E-mail 1 - Label`/`E-mail 1 - Value`, `Phone 1 - …`,
//! `Address 1 - …`, `Website 1 - …`, `Relation 1 - …`, `Event 1 - …`,
//! `Custom Field 1 - …`. The older one: `Name`, `Given Name`, `Family Name`,
//! `Group Membership`, `E-mail 1 - Type`/`Value`, `Organization 1 - Name`, ….
//! One cell may hold several values joined by ` ::: `. Exports carry any
//! subset of these columns, so the layout is recognised by the columns only
//! Google writes (`Given Name`, `Group Membership`, `E-mail 1 - Value`, …).

use super::csv_layout::{CsvOptions, Layout};
use super::csv_table::{Row, Table};
use super::record::{
    NoteKind, OrgLink, Parsed, Record, RecordError, Reference, Related, parse_birthday,
};
use crate::model::{Address, Kind, Labelled};
use crate::store::{is_valid_email, is_valid_phone};
use crate::text::clean;
use crate::vcard::{escape_text, property_line};

/// Google's own groups: every contact is in them, so they are not tags.
const SYSTEM_LABELS: &[&str] = &["mycontacts", "my contacts", "starred"];

/// Reads a Google Contacts export. Err: the file is not one.
pub fn parse(bytes: &[u8]) -> Result<Parsed, RecordError> {
    super::csv_layout::parse(bytes, &CsvOptions::layout(Layout::Google))
}

/// How many columns only Google writes `headers` has: the numbered groups
/// (`E-mail 1 - Value`, `Phone 2 - Type`, …) and the older layout's names.
pub fn signature(headers: &[String]) -> usize {
    const NAMES: &[&str] = &[
        "Given Name",
        "Family Name",
        "Additional Name",
        "Group Membership",
        "Labels",
        "Name Prefix",
        "Name Suffix",
        "Yomi Name",
        "Given Name Yomi",
        "Phonetic First Name",
        "File As",
        "Organization Name",
        "Organization Title",
    ];
    const GROUPS: &[&str] = &[
        "E-mail",
        "Phone",
        "Address",
        "Website",
        "Relation",
        "Event",
        "Custom Field",
        "Organization",
        "IM",
    ];
    headers
        .iter()
        .map(|h| h.trim())
        .filter(|h| {
            NAMES.iter().any(|n| h.eq_ignore_ascii_case(n))
                || GROUPS.iter().any(|group| {
                    h.strip_prefix(group)
                        .and_then(|rest| rest.strip_prefix(' '))
                        .and_then(|rest| rest.split_once(" - "))
                        .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
                })
        })
        .count()
}

/// Every row of a table in Google's layout.
pub fn records(table: &Table) -> Vec<Result<Record, RecordError>> {
    let columns = Columns::of(table);
    table
        .rows
        .iter()
        .map(|row| match row {
            Ok(row) => columns.record(row),
            Err(e) => Err(e.clone()),
        })
        .collect()
}

/// Column indexes, looked up once.
struct Columns {
    full_name: Option<usize>,
    given: Option<usize>,
    middle: Option<usize>,
    family: Option<usize>,
    prefix: Option<usize>,
    suffix: Option<usize>,
    nickname: Option<usize>,
    org: Vec<(Option<usize>, Option<usize>, Option<usize>)>,
    birthday: Option<usize>,
    notes: Option<usize>,
    labels: Option<usize>,
    emails: Vec<(Option<usize>, Option<usize>)>,
    phones: Vec<(Option<usize>, Option<usize>)>,
    websites: Vec<(Option<usize>, Option<usize>)>,
    relations: Vec<(Option<usize>, Option<usize>)>,
    events: Vec<(Option<usize>, Option<usize>)>,
    custom: Vec<(Option<usize>, Option<usize>)>,
    addresses: Vec<AddressColumns>,
}

struct AddressColumns {
    label: Option<usize>,
    formatted: Option<usize>,
    street: Option<usize>,
    city: Option<usize>,
    po_box: Option<usize>,
    region: Option<usize>,
    postal_code: Option<usize>,
    country: Option<usize>,
    extended: Option<usize>,
}

impl Columns {
    fn of(t: &Table) -> Columns {
        let any = |names: &[&str]| names.iter().find_map(|n| t.column(n));
        // `Label` in the current layout, `Type` in the older one.
        let pairs = |group: &str| -> Vec<(Option<usize>, Option<usize>)> {
            (1..)
                .map_while(|n| {
                    let value = t.column(&format!("{group} {n} - Value"))?;
                    let label = any(&[
                        &format!("{group} {n} - Label"),
                        &format!("{group} {n} - Type"),
                    ]);
                    Some((label, Some(value)))
                })
                .collect()
        };
        let mut org = vec![(
            t.column("Organization Name"),
            t.column("Organization Title"),
            t.column("Organization Department"),
        )];
        org.extend((1..).map_while(|n| {
            let name = t.column(&format!("Organization {n} - Name"))?;
            Some((
                Some(name),
                t.column(&format!("Organization {n} - Title")),
                t.column(&format!("Organization {n} - Department")),
            ))
        }));
        let addresses = (1..)
            .map_while(|n| {
                let col = |part: &str| t.column(&format!("Address {n} - {part}"));
                let any_part = [
                    "Formatted",
                    "Street",
                    "City",
                    "Region",
                    "Postal Code",
                    "Country",
                ]
                .iter()
                .any(|p| col(p).is_some());
                any_part.then(|| AddressColumns {
                    label: col("Label").or_else(|| col("Type")),
                    formatted: col("Formatted"),
                    street: col("Street"),
                    city: col("City"),
                    po_box: col("PO Box"),
                    region: col("Region"),
                    postal_code: col("Postal Code"),
                    country: col("Country"),
                    extended: col("Extended Address"),
                })
            })
            .collect();
        Columns {
            full_name: t.column("Name"),
            given: any(&["First Name", "Given Name"]),
            middle: any(&["Middle Name", "Additional Name"]),
            family: any(&["Last Name", "Family Name"]),
            prefix: t.column("Name Prefix"),
            suffix: t.column("Name Suffix"),
            nickname: t.column("Nickname"),
            org,
            birthday: t.column("Birthday"),
            notes: t.column("Notes"),
            labels: any(&["Labels", "Group Membership"]),
            emails: pairs("E-mail"),
            phones: pairs("Phone"),
            websites: pairs("Website"),
            relations: pairs("Relation"),
            events: pairs("Event"),
            custom: pairs("Custom Field"),
            addresses,
        }
    }

    fn record(&self, row: &Row) -> Result<Record, RecordError> {
        let line = row.line;
        let composed = [
            self.prefix,
            self.given,
            self.middle,
            self.family,
            self.suffix,
        ]
        .iter()
        .map(|c| row.get(*c))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        let person_name = Some(clean(row.get(self.full_name)))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| clean(&composed));
        let orgs: Vec<OrgLink> = self
            .org
            .iter()
            .filter_map(|(name, title, unit)| {
                let name = clean(row.get(*name));
                (!name.is_empty()).then(|| OrgLink {
                    name,
                    unit: Some(clean(row.get(*unit))).filter(|u| !u.is_empty()),
                    title: Some(clean(row.get(*title))).filter(|t| !t.is_empty()),
                })
            })
            .collect();
        let mut rec = if !person_name.is_empty() {
            let mut rec = Record::new(Kind::Person, person_name, line);
            rec.organisations = orgs;
            rec
        } else if let Some(org) = orgs.first() {
            // A contact that is only a company name is the company.
            Record::new(Kind::Org, org.name.clone(), line)
        } else {
            let nickname = clean(row.get(self.nickname));
            let email = || {
                self.emails
                    .iter()
                    .flat_map(|(_, v)| split(row.get(*v)))
                    .find(|e| is_valid_email(e))
            };
            let phone = || {
                self.phones
                    .iter()
                    .flat_map(|(_, v)| split(row.get(*v)))
                    .find(|p| is_valid_phone(p))
            };
            let (name, from) = if !nickname.is_empty() {
                (nickname, "nickname")
            } else if let Some(email) = email() {
                (email, "email")
            } else if let Some(phone) = phone() {
                (phone, "phone")
            } else {
                return Err(RecordError::nothing_to_import(
                    line,
                    None,
                    "the row has no name, organisation, nickname, email or phone",
                ));
            };
            let mut rec = Record::new(Kind::Person, name, line);
            let text = format!(
                "no name column is filled: named '{}' from its {from}",
                rec.name
            );
            rec.note(line, NoteKind::Renamed, text);
            rec
        };
        rec.notes.extend(row.encoding_note());
        if rec.name.chars().count() > 500 {
            return Err(RecordError::new(
                line,
                None,
                "the name is longer than 500 characters",
            ));
        }
        rec.nickname = clean(row.get(self.nickname));
        rec.note = row.get(self.notes).to_string();
        let birthday = row.get(self.birthday);
        if !birthday.is_empty() {
            match parse_birthday(birthday) {
                Some(day) => rec.birthday = Some(day),
                None => rec.note(
                    line,
                    NoteKind::LeftOut,
                    format!(
                        "birthday '{birthday}' is not a date like 1985-07-04 or --07-04; left out"
                    ),
                ),
            }
        }
        for label in split(row.get(self.labels)) {
            let label = label.trim_start_matches('*').trim();
            if !label.is_empty() && !SYSTEM_LABELS.contains(&label.to_lowercase().as_str()) {
                rec.tags.push(label.to_string());
            }
        }
        for (label, value) in &self.emails {
            for email in split(row.get(*value)) {
                if is_valid_email(&email) {
                    rec.emails.push(labelled(email, row.get(*label)));
                } else {
                    rec.note(
                        line,
                        NoteKind::LeftOut,
                        format!("'{email}' is not an email address; left out"),
                    );
                }
            }
        }
        for (label, value) in &self.phones {
            for phone in split(row.get(*value)) {
                if is_valid_phone(&phone) {
                    rec.phones.push(labelled(phone, row.get(*label)));
                } else {
                    rec.note(
                        line,
                        NoteKind::LeftOut,
                        format!("'{phone}' is not a phone number; left out"),
                    );
                }
            }
        }
        for (label, value) in &self.websites {
            for url in split(row.get(*value)) {
                rec.urls.push(labelled(url, row.get(*label)));
            }
        }
        for (label, value) in &self.relations {
            for name in split(row.get(*value)) {
                rec.related.push(Related {
                    target: Reference::Name(name),
                    relation: clean_label(row.get(*label)).unwrap_or_default(),
                    line: None,
                });
            }
        }
        // Events are labelled dates (yearly: Google repeats them); one
        // that is no date is kept as a vCard line, as custom fields are, so
        // that a vCard export carries it on.
        for (label, value) in &self.events {
            let (label, value) = (row.get(*label), row.get(*value));
            if value.is_empty() {
                continue;
            }
            let label_or_default = if label.trim().is_empty() {
                "event"
            } else {
                label.trim()
            };
            if rec.add_date(&label_or_default.to_lowercase(), value) {
                continue;
            }
            if label.eq_ignore_ascii_case("anniversary") {
                rec.extras
                    .push(format!("ANNIVERSARY:{}", escape_text(value)));
            } else {
                rec.extras.push(extra_line("X-EVENT", label, value));
            }
        }
        for (label, value) in &self.custom {
            let (label, value) = (row.get(*label), row.get(*value));
            if !value.is_empty() {
                rec.extras.push(extra_line("X-CUSTOM", label, value));
            }
        }
        for columns in &self.addresses {
            if let Some(address) = address(row, columns) {
                rec.addresses.push(address);
            }
        }
        Ok(rec)
    }
}

/// One cell's values: Google joins several with ` ::: `.
fn split(cell: &str) -> Vec<String> {
    cell.split(" ::: ")
        .map(clean)
        .filter(|v| !v.is_empty())
        .collect()
}

/// A label as ties keeps it: `* Work` (the star marks the primary) → `work`.
fn clean_label(label: &str) -> Option<String> {
    let label = label.trim_start_matches('*').trim().to_lowercase();
    (!label.is_empty()).then_some(label)
}

fn labelled(value: String, label: &str) -> Labelled {
    Labelled {
        value,
        label: clean_label(label),
    }
}

fn extra_line(name: &str, label: &str, value: &str) -> String {
    let label = clean(label);
    if label.is_empty() {
        format!("{name}:{}", escape_text(value))
    } else {
        property_line(name, &[("X-LABEL", &label)], &escape_text(value))
    }
}

fn address(row: &Row, c: &AddressColumns) -> Option<Address> {
    let mut address = Address {
        label: clean_label(row.get(c.label)),
        po_box: clean(row.get(c.po_box)),
        extended: clean(row.get(c.extended)),
        street: clean(row.get(c.street)),
        locality: clean(row.get(c.city)),
        region: clean(row.get(c.region)),
        postal_code: clean(row.get(c.postal_code)),
        country: clean(row.get(c.country)),
    };
    if address.is_empty() {
        // Only the formatted text: it goes in the street, lines joined.
        address.street = clean(&row.get(c.formatted).replace('\n', ", "));
    }
    (!address.is_empty()).then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Vec<Record> {
        parse(text.as_bytes())
            .unwrap()
            .entries
            .into_iter()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn reads_the_current_layout_by_header_name() {
        let text = "Last Name,First Name,Middle Name,Nickname,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n\
                    Järvinen,Anna,Maria,Annie,Kasvu Oy,CTO,--07-04,\"line 1\nline 2\",* myContacts ::: Climbing ::: * starred,* Work,anna@example.org ::: anna@home.example,Mobile,+358 40 123\n";
        let rec = &parse_ok(text)[0];
        assert_eq!(rec.name, "Anna Maria Järvinen");
        assert_eq!(rec.nickname, "Annie");
        assert_eq!(rec.organisations[0].title.as_deref(), Some("CTO"));
        assert_eq!(rec.birthday.as_deref(), Some("--07-04"));
        assert_eq!(rec.note, "line 1\nline 2");
        assert_eq!(rec.tags, vec!["Climbing"]);
        assert_eq!(rec.emails.len(), 2);
        assert_eq!(rec.emails[0].label.as_deref(), Some("work"));
        assert_eq!(rec.phones[0].label.as_deref(), Some("mobile"));
    }

    #[test]
    fn reads_the_older_layout() {
        let text = "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title\n\
                    Bob Smith,Bob,,Smith,* My Contacts ::: Work,* Home,bob@example.org,Kasvu Oy,CTO\n";
        let rec = &parse_ok(text)[0];
        assert_eq!(rec.name, "Bob Smith");
        assert_eq!(rec.tags, vec!["Work"]);
        assert_eq!(rec.emails[0].label.as_deref(), Some("home"));
        assert_eq!(rec.organisations[0].name, "Kasvu Oy");
    }

    #[test]
    fn a_row_with_only_a_company_is_the_company() {
        let text = "First Name,Last Name,Organization Name,Labels\n,,Kasvu Oy,\n";
        let rec = &parse_ok(text)[0];
        assert_eq!((rec.kind, rec.name.as_str()), (Kind::Org, "Kasvu Oy"));
    }

    #[test]
    fn a_subset_of_columns_without_labels_is_still_google() {
        let text = "Name,E-mail 1 - Type,E-mail 1 - Value\n,* Home,anna@example.org\n";
        let rec = &parse_ok(text)[0];
        assert_eq!(rec.name, "anna@example.org");
        assert_eq!(rec.notes[0].kind, NoteKind::Renamed);
    }

    #[test]
    fn other_csv_files_are_refused() {
        let err = parse(b"First Name,Last Name,URL,Email Address\n");
        assert!(err.is_err(), "a LinkedIn header is no Google header");
        let err = parse(b"id,name\n1,x\n").err().unwrap();
        assert!(err.problem.contains("Google Contacts layout"), "{err:?}");
    }
}
