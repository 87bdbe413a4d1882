//! A CSV file as a header and rows, columns found by header name.
//!
//! Exports put notes above the header (LinkedIn) and a byte order mark in
//! front (spreadsheets), so the header is the first row that holds every
//! required column, and the BOM is dropped.

use csv::{ByteRecord, ReaderBuilder};

use super::record::RecordError;

pub struct Table {
    headers: Vec<String>,
    pub rows: Vec<Result<Row, RecordError>>,
}

pub struct Row {
    pub line: usize,
    fields: Vec<String>,
}

/// Reads a CSV file whose header holds all of `required` (any case).
/// Err: the file has no such header (the message names what it lacks).
pub fn read(bytes: &[u8], required: &[&[&str]], what: &str) -> Result<Table, RecordError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(RecordError::new(
            1,
            None,
            format!("the file is empty, not {what}"),
        ));
    }
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut headers: Option<Vec<String>> = None;
    let mut first_row: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = ByteRecord::new();
    let mut lines = LineCounter::new(bytes);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.at(e.position().map_or(0, |p| p.byte()));
                return Err(RecordError::new(line, None, format!("unreadable CSV: {e}")));
            }
        }
        let line = lines.at(record.position().map_or(0, |p| p.byte()));
        let fields: Result<Vec<String>, _> = record
            .iter()
            .map(|f| std::str::from_utf8(f).map(|s| s.trim().to_string()))
            .collect();
        let Ok(fields) = fields else {
            rows.push(Err(RecordError::new(
                line,
                None,
                "the row is not valid UTF-8: save the file as UTF-8 and import it again",
            )));
            continue;
        };
        match &headers {
            None => {
                if first_row.is_none() {
                    first_row = Some(fields.clone());
                }
                let has = |name: &str| fields.iter().any(|f| f.eq_ignore_ascii_case(name));
                if required.iter().any(|set| set.iter().all(|name| has(name))) {
                    headers = Some(fields);
                    // Rows before the header (notes) are not data: forget them.
                    rows.clear();
                }
            }
            Some(header) => {
                if fields.iter().all(String::is_empty) {
                    continue;
                }
                if fields.len() != header.len() {
                    rows.push(Err(RecordError::new(
                        line,
                        None,
                        format!(
                            "the row has {} fields but the header has {}: the file may be truncated or a quote is unbalanced",
                            fields.len(),
                            header.len()
                        ),
                    )));
                    continue;
                }
                rows.push(Ok(Row { line, fields }));
            }
        }
    }
    let Some(headers) = headers else {
        let wanted: Vec<String> = required.iter().map(|set| set.join(", ")).collect();
        let found = first_row.unwrap_or_default().join(", ");
        return Err(RecordError::new(
            1,
            None,
            format!(
                "not {what}: no header row with the columns {}; the first row is: {}",
                wanted.join(" (or: ") + &")".repeat(wanted.len() - 1),
                ellipsis(&found, 120)
            ),
        ));
    };
    Ok(Table { headers, rows })
}

/// Line numbers from byte offsets. The csv crate's own count lags behind
/// on CRLF files (it counts the `\n` of a line as part of the next record),
/// so lines are counted here, forward only, from where the last one was.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a
    /// line break (where a record really starts).
    fn at(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.offset {
            self.line += self.bytes[self.offset..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.offset = start;
        }
        self.line
    }
}

fn ellipsis(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

impl Table {
    /// The index of a column, by header name in any case.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }
}

impl Row {
    /// The trimmed field of a column; empty when the column is absent.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|i| self.fields.get(i))
            .map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_header_after_notes_and_a_bom() {
        let text = b"\xef\xbb\xbfNotes:\n\"Some, text\"\n\nFirst Name,Last Name\nAnna,J\n";
        let table = read(text, &[&["first name", "last name"]], "a test file").unwrap();
        let row = table.rows[0].as_ref().unwrap();
        assert_eq!(row.line, 5);
        assert_eq!(row.get(table.column("LAST NAME")), "J");
        assert_eq!(row.get(table.column("missing")), "");
    }

    #[test]
    fn a_missing_header_names_what_was_expected() {
        let err = read(
            b"a,b\n1,2\n",
            &[&["First Name", "Last Name"]],
            "a test file",
        )
        .err()
        .unwrap();
        assert!(err.problem.contains("First Name, Last Name"), "{err:?}");
        assert!(err.problem.contains("a, b"), "{err:?}");
    }

    #[test]
    fn line_numbers_count_crlf_lines() {
        let table = read(
            b"x,y\r\n1,2\r\n\r\n\"multi\r\nline\",4\r\n5,6\r\n",
            &[&["x", "y"]],
            "t",
        )
        .unwrap();
        let lines: Vec<usize> = table
            .rows
            .iter()
            .map(|r| r.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, vec![2, 4, 6]);
    }

    #[test]
    fn short_rows_and_invalid_utf8_are_row_errors() {
        let table = read(b"x,y\n1,2\n3\n\xff,4\n", &[&["x", "y"]], "t").unwrap();
        assert!(table.rows[0].is_ok());
        assert_eq!(table.rows[1].as_ref().err().unwrap().line, 3);
        assert!(
            table.rows[2]
                .as_ref()
                .err()
                .unwrap()
                .problem
                .contains("UTF-8")
        );
    }
}
