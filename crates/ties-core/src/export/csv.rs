//! Contacts as one spreadsheet: a row per contact, several values in one
//! cell joined by `; `.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::snapshot::Snapshot;
use crate::error::{Error, Operation, Result};
use crate::model::{ContactDate, Labelled};

const HEADER: &[&str] = &[
    "id",
    "kind",
    "name",
    "nickname",
    "circle",
    "organisations",
    "emails",
    "phones",
    "websites",
    "addresses",
    "tags",
    "expertise",
    "birthday",
    "dates",
    "met_on",
    "met_how",
    "met_through",
    "reconnect_every_days",
    "archived",
    "last_interaction",
    "interactions",
    "note",
];

/// Per contact: the last interaction and how many there were.
pub type Activity = HashMap<i64, (Option<NaiveDate>, u32)>;

/// The CSV text, with a byte order mark so spreadsheets read it as UTF-8.
pub fn write(snapshot: &Snapshot, activity: &Activity) -> Result<Vec<u8>> {
    let names: HashMap<i64, &str> = snapshot
        .contacts
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let mut organisations: HashMap<i64, Vec<String>> = HashMap::new();
    for a in &snapshot.affiliations {
        let org = names.get(&a.org).copied().unwrap_or_default();
        let text = match &a.title {
            Some(title) => format!("{org} ({title})"),
            None => org.to_string(),
        };
        organisations.entry(a.person).or_default().push(text);
    }
    let mut out = b"\xef\xbb\xbf".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(HEADER).map_err(csv_error)?;
        for c in &snapshot.contacts {
            let (last, count) = activity.get(&c.id).copied().unwrap_or((None, 0));
            let row = [
                c.id.to_string(),
                c.kind.to_string(),
                c.name.clone(),
                c.nickname.clone(),
                c.circle.map(|x| x.to_string()).unwrap_or_default(),
                organisations.remove(&c.id).unwrap_or_default().join("; "),
                joined(&c.emails),
                joined(&c.phones),
                joined(&c.urls),
                c.addresses
                    .iter()
                    .map(|a| a.one_line())
                    .collect::<Vec<_>>()
                    .join("; "),
                c.tags.join("; "),
                c.expertise.join("; "),
                c.birthday.clone().unwrap_or_default(),
                dates(&c.dates),
                c.met_on.map(|d| d.to_string()).unwrap_or_default(),
                c.met_how.clone(),
                c.met_through
                    .and_then(|id| names.get(&id).copied())
                    .unwrap_or_default()
                    .to_string(),
                c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
                if c.archived { "yes" } else { "" }.to_string(),
                last.map(|d| d.to_string()).unwrap_or_default(),
                count.to_string(),
                c.note.clone(),
            ];
            writer
                .write_record(row.iter().map(|cell| defused(cell).into_owned()))
                .map_err(csv_error)?;
        }
        writer
            .flush()
            .map_err(|e| Error::io("cannot write the CSV", e))?;
    }
    Ok(out)
}

/// `anniversary=2015-06-01; name day=--12-09`, a one-off date followed by
/// ` (once)`: one cell that reads plainly in a spreadsheet, and that
/// `ties import csv` reads back.
fn dates(dates: &[ContactDate]) -> String {
    dates
        .iter()
        .map(|d| {
            let once = if d.yearly { "" } else { " (once)" };
            format!("{}={}{once}", d.label, d.date)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn joined(values: &[Labelled]) -> String {
    values
        .iter()
        .map(|v| v.value.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A cell a spreadsheet would run as a formula (`=…`, `@…`, or `+`/`-`
/// followed by more than a phone number's characters) gets a leading `'`,
/// so opening the export never executes anything.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !cell
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c)),
        _ => false,
    };
    if risky {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn csv_error(e: csv::Error) -> Error {
    Error::Failed {
        what: Operation::WriteCsv,
        cause: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_but_phone_numbers_are_not() {
        assert_eq!(defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("-2+3 cmd"), "'-2+3 cmd");
        assert_eq!(defused("+358 40 123 4567"), "+358 40 123 4567");
        assert_eq!(defused("Anna"), "Anna");
    }
}
