//! LinkedIn's `Connections.csv`: a few lines of notes (or none), then
//! `First Name`, `Last Name`, `URL`, `Email Address`, `Company`, `Position`,
//! `Connected On` (`01 Sep 2026`, or `15-Jan-24` in some exports), in any
//! order. Older exports have no `URL` column. Connections who hide their
//! name come as rows without one: named from their email when there is one,
//! else skipped and listed.

use chrono::NaiveDate;

use super::csv_layout::{CsvOptions, Layout};
use super::csv_table::Table;
use super::record::{NoteKind, OrgLink, Parsed, Record, RecordError};
use crate::model::{Kind, Labelled};
use crate::store::is_valid_email;
use crate::text::clean;

/// Reads a LinkedIn connections export. Err: the file is not one.
pub fn parse(bytes: &[u8]) -> Result<Parsed, RecordError> {
    super::csv_layout::parse(bytes, &CsvOptions::layout(Layout::Linkedin))
}

/// Every row of a table in LinkedIn's layout.
pub fn records(table: &Table) -> Vec<Result<Record, RecordError>> {
    let col = |name: &str| table.column(name);
    let (first, last, url, email, company, position, connected) = (
        col("First Name"),
        col("Last Name"),
        col("URL"),
        col("Email Address"),
        col("Company"),
        col("Position"),
        col("Connected On"),
    );
    table
        .rows
        .iter()
        .map(|row| {
            let row = row.as_ref().map_err(Clone::clone)?;
            let line = row.line;
            let mut name = clean(&format!("{} {}", row.get(first), row.get(last)));
            let address = row.get(email);
            let mut renamed = false;
            if name.is_empty() {
                if !is_valid_email(address) {
                    return Err(RecordError::nothing_to_import(
                        line,
                        None,
                        "a connection who hides their name (First Name and Last Name are empty)",
                    ));
                }
                name = clean(address);
                renamed = true;
            }
            let mut rec = Record::new(Kind::Person, name, line);
            if renamed {
                let text = format!("no name: named '{}' from its email", rec.name);
                rec.note(line, NoteKind::Renamed, text);
            }
            rec.notes.extend(row.encoding_note());
            let profile = row.get(url);
            if !profile.is_empty() {
                rec.urls.push(Labelled {
                    value: profile.to_string(),
                    label: Some("linkedin".into()),
                });
            }
            if is_valid_email(address) {
                rec.emails.push(Labelled {
                    value: address.to_string(),
                    label: None,
                });
            } else if !address.is_empty() {
                rec.note(
                    line,
                    NoteKind::LeftOut,
                    format!("'{address}' is not an email address; left out"),
                );
            }
            let org = clean(row.get(company));
            if !org.is_empty() {
                rec.organisations.push(OrgLink {
                    name: org,
                    unit: None,
                    title: Some(clean(row.get(position))).filter(|t| !t.is_empty()),
                });
            }
            let day = row.get(connected);
            if !day.is_empty() {
                match connected_on(day) {
                    Some(date) => rec.met_on = Some(date),
                    None => rec.note(
                        line,
                        NoteKind::LeftOut,
                        format!("Connected On '{day}' is not a date like 01 Sep 2026; left out"),
                    ),
                }
            }
            Ok(rec)
        })
        .collect()
}

/// `01 Sep 2026` (current exports), `15-Jan-24`, `2026-09-01`, or `9/1/26`
/// (older ones).
fn connected_on(text: &str) -> Option<NaiveDate> {
    [
        "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(text.trim(), format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Result<Record, RecordError>> {
        parse(text.as_bytes()).unwrap().entries
    }

    #[test]
    fn skips_the_notes_and_reads_the_rows() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
                    First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                    Anna,Järvinen,https://www.linkedin.com/in/annaj,anna@example.org,Kasvu Oy,CTO,01 Sep 2026\n";
        let records = rows(text);
        let rec = records[0].as_ref().unwrap();
        assert_eq!(rec.line, 5);
        assert_eq!(rec.name, "Anna Järvinen");
        assert_eq!(rec.urls[0].label.as_deref(), Some("linkedin"));
        assert_eq!(rec.organisations[0].title.as_deref(), Some("CTO"));
        assert_eq!(rec.met_on, NaiveDate::from_ymd_opt(2026, 9, 1));
        assert!(rec.notes.is_empty());
    }

    #[test]
    fn older_exports_reordered_columns_and_short_dates() {
        let text = "Connected On,Company,Position,Email Address,Last Name,First Name\n9/1/26,,,,Smith,Bob\n15-Jan-24,,,,Lee,Dana\n";
        let records = rows(text);
        let rec = records[0].as_ref().unwrap();
        assert!(rec.urls.is_empty() && rec.emails.is_empty());
        assert_eq!(rec.met_on, NaiveDate::from_ymd_opt(2026, 9, 1));
        assert_eq!(
            records[1].as_ref().unwrap().met_on,
            NaiveDate::from_ymd_opt(2024, 1, 15)
        );
    }

    #[test]
    fn hidden_names_are_skipped_or_named_from_the_email() {
        let text = "First Name,Last Name,Email Address,Company,Position,Connected On\n,,,Kasvu Oy,CTO,01 Sep 2026\n,,x@example.org,,,01 Sep 2026\n";
        let records = rows(text);
        assert!(records[0].as_ref().unwrap_err().nothing_to_import);
        assert_eq!(records[1].as_ref().unwrap().name, "x@example.org");
    }

    #[test]
    fn a_google_file_is_not_a_linkedin_file() {
        let err = parse(b"First Name,Last Name,Labels\nA,B,C\n")
            .err()
            .unwrap();
        assert!(err.problem.contains("LinkedIn"), "{err:?}");
    }
}
