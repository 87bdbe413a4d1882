//! LinkedIn's `Connections.csv`: a few lines of notes, then `First Name`,
//! `Last Name`, `URL`, `Email Address`, `Company`, `Position`, `Connected On`
//! (`01 Sep 2026`). Older exports have no `URL` column.

use chrono::NaiveDate;

use super::csv_table;
use super::record::{OrgLink, Record, RecordError};
use crate::model::{Kind, Labelled};
use crate::store::is_valid_email;
use crate::text::clean;

/// Reads every row. Err: the file is not a LinkedIn connections export.
pub fn parse(
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<Vec<Result<Record, RecordError>>, RecordError> {
    let table = csv_table::read(
        bytes,
        &[&["First Name", "Last Name", "Connected On"]],
        "a LinkedIn connections export (Connections.csv)",
    )?;
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
    Ok(table
        .rows
        .iter()
        .map(|row| {
            let row = row.as_ref().map_err(Clone::clone)?;
            let line = row.line;
            let name = clean(&format!("{} {}", row.get(first), row.get(last)));
            if name.is_empty() {
                return Err(RecordError::new(
                    line,
                    None,
                    "the row has no name (First Name and Last Name are empty)",
                ));
            }
            let mut rec = Record::new(Kind::Person, name, line);
            let profile = row.get(url);
            if !profile.is_empty() {
                rec.urls.push(Labelled {
                    value: profile.to_string(),
                    label: Some("linkedin".into()),
                });
            }
            let address = row.get(email);
            if is_valid_email(address) {
                rec.emails.push(Labelled {
                    value: address.to_string(),
                    label: None,
                });
            } else if !address.is_empty() {
                warnings.push(format!(
                    "line {line}: '{address}' is not an email address; left out"
                ));
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
                    None => warnings.push(format!(
                        "line {line}: Connected On '{day}' is not a date like 01 Sep 2026; left out"
                    )),
                }
            }
            Ok(rec)
        })
        .collect())
}

/// `01 Sep 2026` (current exports), `2026-09-01`, or `9/1/26` (older ones).
fn connected_on(text: &str) -> Option<NaiveDate> {
    ["%d %b %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text.trim(), format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_the_notes_and_reads_the_rows() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
                    First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                    Anna,Järvinen,https://www.linkedin.com/in/annaj,anna@example.org,Kasvu Oy,CTO,01 Sep 2026\n";
        let mut warnings = Vec::new();
        let records = parse(text.as_bytes(), &mut warnings).unwrap();
        let rec = records[0].as_ref().unwrap();
        assert_eq!(rec.line, 5);
        assert_eq!(rec.name, "Anna Järvinen");
        assert_eq!(rec.urls[0].label.as_deref(), Some("linkedin"));
        assert_eq!(rec.organisations[0].title.as_deref(), Some("CTO"));
        assert_eq!(rec.met_on, NaiveDate::from_ymd_opt(2026, 9, 1));
        assert!(warnings.is_empty());
    }

    #[test]
    fn older_exports_without_url() {
        let text = "First Name,Last Name,Email Address,Company,Position,Connected On\nBob,Smith,,,,9/1/26\n";
        let mut warnings = Vec::new();
        let records = parse(text.as_bytes(), &mut warnings).unwrap();
        let rec = records[0].as_ref().unwrap();
        assert!(rec.urls.is_empty() && rec.emails.is_empty());
        assert_eq!(rec.met_on, NaiveDate::from_ymd_opt(2026, 9, 1));
    }

    #[test]
    fn a_google_file_is_not_a_linkedin_file() {
        let mut warnings = Vec::new();
        let err = parse(b"First Name,Last Name,Labels\nA,B,C\n", &mut warnings)
            .err()
            .unwrap();
        assert!(err.problem.contains("LinkedIn"), "{err:?}");
    }
}
