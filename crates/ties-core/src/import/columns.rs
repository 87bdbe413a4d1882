//! CSV columns to contact fields: how Outlook, Thunderbird and Yahoo exports
//! and files mapped by hand (`COLUMN=FIELD`) are read.
//!
//! Each layout is a table of its column names and the field each holds;
//! a row becomes a record by those columns. The name is the full-name
//! column, else the name parts, else the organisation (a company's own
//! row), else the nickname, email or phone (said in a note); a row with
//! none of them is skipped and listed. Columns ties has no field for are
//! kept with the contact as `X-CSV;X-LABEL=<column>:<value>` vCard lines,
//! so nothing is lost and a vCard export carries them on.

use chrono::NaiveDate;

use super::csv_table::Row;
use super::record::{NoteKind, OrgLink, Record, RecordError, parse_birthday};
use crate::model::{Address, Kind, Labelled};
use crate::store::{is_valid_email, is_valid_phone};
use crate::text::clean;
use crate::vcard::{escape_text, property_line};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    FirstName,
    MiddleName,
    LastName,
    Prefix,
    Suffix,
    Nickname,
    Email,
    Phone,
    Url,
    Org,
    Title,
    Unit,
    Birthday,
    /// A yearly date labelled "anniversary" (Outlook's and Yahoo's column).
    Anniversary,
    BirthYear,
    BirthMonth,
    BirthDay,
    Note,
    Tags,
    Street,
    Locality,
    Region,
    PostalCode,
    Country,
    PoBox,
    MetOn,
    /// Nothing to keep (Outlook's "E-mail Type": SMTP).
    Ignore,
}

/// The field names `COLUMN=FIELD` takes, for messages.
pub const FIELD_NAMES: &str = "name, first-name, middle-name, last-name, prefix, suffix, nickname, email, phone, url, org, title, department, birthday, anniversary, birth-year, birth-month, birth-day, note, tags, street, city, region, postal-code, country, po-box, met-on, ignore";

impl std::str::FromStr for Field {
    type Err = String;
    fn from_str(text: &str) -> Result<Field, String> {
        let key = text.trim().to_lowercase().replace(['_', ' '], "-");
        Ok(match key.as_str() {
            "name" | "full-name" | "display-name" => Field::Name,
            "first-name" | "given-name" | "first" => Field::FirstName,
            "middle-name" | "additional-name" | "middle" => Field::MiddleName,
            "last-name" | "family-name" | "surname" | "last" => Field::LastName,
            "prefix" => Field::Prefix,
            "suffix" => Field::Suffix,
            "nickname" | "nick-name" => Field::Nickname,
            "email" | "e-mail" => Field::Email,
            "phone" | "tel" | "telephone" => Field::Phone,
            "url" | "website" | "web-page" => Field::Url,
            "org" | "organisation" | "organization" | "company" => Field::Org,
            "title" | "job-title" | "position" => Field::Title,
            "department" | "unit" => Field::Unit,
            "birthday" => Field::Birthday,
            "anniversary" => Field::Anniversary,
            "birth-year" => Field::BirthYear,
            "birth-month" => Field::BirthMonth,
            "birth-day" => Field::BirthDay,
            "note" | "notes" => Field::Note,
            "tag" | "tags" | "categories" => Field::Tags,
            "street" => Field::Street,
            "city" | "locality" => Field::Locality,
            "region" | "state" => Field::Region,
            "postal-code" | "zip" | "zip-code" | "postcode" => Field::PostalCode,
            "country" => Field::Country,
            "po-box" => Field::PoBox,
            "met-on" | "connected-on" => Field::MetOn,
            "ignore" | "none" | "skip" => Field::Ignore,
            _ => {
                return Err(format!(
                    "'{text}' is not a field; the fields are: {FIELD_NAMES}"
                ));
            }
        })
    }
}

/// A layout's column: its header, the field, and a label (`work` for
/// "Business Phone").
pub type ColumnSpec = (&'static str, Field, Option<&'static str>);

/// One column of a file and what it holds.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub column: usize,
    pub field: Field,
    pub label: Option<String>,
}

/// Values of unmapped columns that say nothing (Outlook writes them in
/// every row).
const DEFAULTS: &[&str] = &[
    "normal",
    "unspecified",
    "false",
    "0/0/00",
    "0/0/0000",
    "00/00/0000",
];

/// The mappings of a layout's columns found in `headers`, and the columns
/// no mapping takes.
pub fn map_headers(headers: &[String], layout: &[ColumnSpec]) -> (Vec<Mapping>, Vec<usize>) {
    let mut mappings = Vec::new();
    let mut unmapped = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        match layout
            .iter()
            .find(|(name, ..)| name.eq_ignore_ascii_case(header.trim()))
        {
            Some((_, field, label)) => mappings.push(Mapping {
                column,
                field: *field,
                label: label.map(str::to_string),
            }),
            None if !header.trim().is_empty() => unmapped.push(column),
            None => {}
        }
    }
    (mappings, unmapped)
}

/// A row as a record. `headers` names the unmapped columns kept as extras.
pub fn record(
    row: &Row,
    mappings: &[Mapping],
    unmapped: &[usize],
    headers: Option<&[String]>,
) -> Result<Record, RecordError> {
    let line = row.line;
    let cells = |field: Field| {
        mappings
            .iter()
            .filter(move |m| m.field == field)
            .map(|m| (row.get(Some(m.column)), m.label.as_deref()))
            .filter(|(value, _)| !value.is_empty())
    };
    let first = |field: Field| cells(field).next().map_or("", |(v, _)| v);

    let full = clean(first(Field::Name));
    let composed = clean(
        &[
            Field::Prefix,
            Field::FirstName,
            Field::MiddleName,
            Field::LastName,
            Field::Suffix,
        ]
        .iter()
        .map(|f| first(*f))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" "),
    );
    let org = clean(first(Field::Org));
    let mut notes = Vec::new();
    let (kind, name) = if !full.is_empty() && (full != org || !composed.is_empty()) {
        (Kind::Person, full)
    } else if !composed.is_empty() {
        (Kind::Person, composed)
    } else if !org.is_empty() {
        // A row that is only a company name (or names it as the person's
        // name too) is the company.
        (Kind::Org, org.clone())
    } else {
        let nickname = clean(first(Field::Nickname));
        let email = cells(Field::Email)
            .map(|(v, _)| clean(v))
            .find(|e| is_valid_email(e));
        let phone = cells(Field::Phone)
            .map(|(v, _)| clean(v))
            .find(|p| is_valid_phone(p));
        let (name, from) = if !nickname.is_empty() {
            (nickname, "nickname")
        } else if let Some(email) = email {
            (email, "email")
        } else if let Some(phone) = phone {
            (phone, "phone")
        } else {
            return Err(RecordError::nothing_to_import(
                line,
                None,
                "the row has no name, organisation, nickname, email or phone",
            ));
        };
        notes.push((
            NoteKind::Renamed,
            format!("no name column is filled: named '{name}' from its {from}"),
        ));
        (Kind::Person, name)
    };
    if name.chars().count() > 500 {
        return Err(RecordError::new(
            line,
            None,
            "the name is longer than 500 characters",
        ));
    }
    let mut rec = Record::new(kind, name, line);
    for (kind, text) in notes {
        rec.note(line, kind, text);
    }
    rec.notes.extend(row.encoding_note());
    rec.nickname = clean(first(Field::Nickname));
    if kind == Kind::Person && !org.is_empty() {
        rec.organisations.push(OrgLink {
            name: org,
            unit: Some(clean(first(Field::Unit))).filter(|u| !u.is_empty()),
            title: Some(clean(first(Field::Title))).filter(|t| !t.is_empty()),
        });
    }
    for (value, label) in cells(Field::Email) {
        let email = clean(value.trim_start_matches("mailto:"));
        if is_valid_email(&email) {
            push_unique(&mut rec.emails, email, label);
        } else {
            rec.note(
                line,
                NoteKind::LeftOut,
                format!("'{email}' is not an email address; left out"),
            );
        }
    }
    for (value, label) in cells(Field::Phone) {
        let phone = clean(value);
        if is_valid_phone(&phone) {
            push_unique(&mut rec.phones, phone, label);
        } else {
            rec.note(
                line,
                NoteKind::LeftOut,
                format!("'{phone}' is not a phone number; left out"),
            );
        }
    }
    for (value, label) in cells(Field::Url) {
        push_unique(&mut rec.urls, clean(value), label);
    }
    for (value, _) in cells(Field::Tags) {
        rec.tags
            .extend(value.split([';', ',']).map(clean).filter(|t| !t.is_empty()));
    }
    rec.note = cells(Field::Note)
        .map(|(v, _)| v.to_string())
        .collect::<Vec<_>>()
        .join("\n\n");
    birthday(
        &mut rec,
        &cells(Field::Birthday).next(),
        [
            first(Field::BirthYear),
            first(Field::BirthMonth),
            first(Field::BirthDay),
        ],
    );
    if let Some((text, _)) = cells(Field::Anniversary).next()
        && !DEFAULTS.contains(&text.to_lowercase().as_str())
    {
        let iso = date(text).map(|d| d.format("%Y-%m-%d").to_string());
        if !rec.add_date("anniversary", iso.as_deref().unwrap_or(text)) {
            rec.note(
                line,
                NoteKind::LeftOut,
                format!("anniversary '{text}' is not a date like 2015-06-01; left out"),
            );
        }
    }
    if let Some((value, _)) = cells(Field::MetOn).next() {
        match date(value) {
            Some(day) => rec.met_on = Some(day),
            None => rec.note(
                line,
                NoteKind::LeftOut,
                format!("'{value}' is not a date; left out"),
            ),
        }
    }
    rec.addresses = addresses(row, mappings);
    if let Some(headers) = headers {
        for &column in unmapped {
            let value = row.get(Some(column));
            if value.is_empty() || DEFAULTS.contains(&value.to_lowercase().as_str()) {
                continue;
            }
            let header = clean(&headers[column]);
            rec.extras.push(property_line(
                "X-CSV",
                &[("X-LABEL", &header)],
                &escape_text(value),
            ));
        }
    }
    Ok(rec)
}

fn push_unique(list: &mut Vec<Labelled>, value: String, label: Option<&str>) {
    if !value.is_empty() && !list.iter().any(|l| l.value == value) {
        list.push(Labelled {
            value,
            label: label.map(str::to_string),
        });
    }
}

fn birthday(rec: &mut Record, cell: &Option<(&str, Option<&str>)>, [year, month, day]: [&str; 3]) {
    let line = rec.line;
    if let Some((text, _)) = cell {
        if DEFAULTS.contains(&text.to_lowercase().as_str()) {
            return;
        }
        match parse_birthday(text).or_else(|| date(text).map(|d| d.format("%Y-%m-%d").to_string()))
        {
            Some(day) => rec.birthday = Some(day),
            None => rec.note(
                line,
                NoteKind::LeftOut,
                format!("birthday '{text}' is not a date like 1985-07-04; left out"),
            ),
        }
        return;
    }
    let (Ok(month), Ok(day)) = (month.parse::<u32>(), day.parse::<u32>()) else {
        return;
    };
    let text = match year.parse::<u32>() {
        Ok(year) => format!("{year:04}-{month:02}-{day:02}"),
        Err(_) => format!("--{month:02}-{day:02}"),
    };
    match parse_birthday(&text) {
        Some(day) => rec.birthday = Some(day),
        None => rec.note(
            line,
            NoteKind::LeftOut,
            format!("birthday {text} is no date; left out"),
        ),
    }
}

/// A date as exports write it: 2024-01-15, 1/15/2024 or 1/15/24 (month
/// first, as English Outlook writes it), 15.1.2024, 15-Jan-24, 15 Jan 2024.
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    [
        "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y",
        "%Y/%m/%d",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// Addresses: the address columns grouped by label (home, work, other).
fn addresses(row: &Row, mappings: &[Mapping]) -> Vec<Address> {
    let mut labels: Vec<Option<&str>> = Vec::new();
    for m in mappings.iter().filter(|m| is_address(m.field)) {
        if !labels.contains(&m.label.as_deref()) {
            labels.push(m.label.as_deref());
        }
    }
    let mut out = Vec::new();
    for label in labels {
        let part = |field: Field| {
            clean(
                &mappings
                    .iter()
                    .filter(|m| m.field == field && m.label.as_deref() == label)
                    .map(|m| row.get(Some(m.column)))
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        let address = Address {
            label: label.map(str::to_string),
            po_box: part(Field::PoBox),
            extended: String::new(),
            street: part(Field::Street),
            locality: part(Field::Locality),
            region: part(Field::Region),
            postal_code: part(Field::PostalCode),
            country: part(Field::Country),
        };
        if !address.is_empty() {
            out.push(address);
        }
    }
    out
}

fn is_address(field: Field) -> bool {
    matches!(
        field,
        Field::Street
            | Field::Locality
            | Field::Region
            | Field::PostalCode
            | Field::Country
            | Field::PoBox
    )
}
