//! A CSV file as a header and rows, whatever wrote it.
//!
//! - Encoding: a UTF-8 byte order mark is dropped; UTF-16 (with or without
//!   a byte order mark) is decoded first; a file that is not UTF-8 has each
//!   field that is not UTF-8 decoded in the legacy encoding `chardetng`
//!   guesses from the whole file (Shift_JIS, Windows-1252, …), and the rows
//!   read that way say so.
//! - Delimiter: comma, semicolon or tab, whichever splits the first rows
//!   into the most columns of one count. A row that the delimiter leaves
//!   whole but another splits (Thunderbird's tests mix them) is split again.
//! - Header: the first row the caller recognises; notes above it (LinkedIn)
//!   are dropped. A file with no such row is read without a header when the
//!   caller knows its columns by position.
//! - Rows shorter than the header are padded (exports drop trailing empty
//!   fields), except the last row of a file that does not end in a line
//!   break: that file was cut off.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use csv::{ByteRecord, ReaderBuilder};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::record::{NoteKind, RecordError, RecordNote};

pub struct Table {
    /// None: the file has no header row; columns go by position.
    pub headers: Option<Vec<String>>,
    pub rows: Vec<Result<Row, RecordError>>,
    /// What was found out: delimiter and encoding.
    pub detected: Vec<String>,
}

pub struct Row {
    pub line: usize,
    fields: Vec<String>,
    /// Set when a field was not UTF-8 and decoded from another encoding.
    pub reencoded: Option<&'static str>,
}

/// How the caller recognises its header.
pub enum Header<'a> {
    /// The first row for which this holds is the header.
    Find(&'a dyn Fn(&[String]) -> bool),
    /// The file has no header: every row is data.
    None,
}

/// Reads a CSV file. Err: it is empty, or has no header the caller knows
/// (`unknown` words that error, given the first row).
pub fn read(
    bytes: &[u8],
    header: Header<'_>,
    unknown: &dyn Fn(&[String]) -> String,
) -> Result<Table, RecordError> {
    let (bytes, encoding) = decode_file(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(RecordError::new(1, None, "the file is empty"));
    }
    let legacy = if std::str::from_utf8(&bytes).is_ok() {
        None
    } else {
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
        detector.feed(&bytes, true);
        Some(detector.guess(None, Utf8Detection::Deny))
    };
    let (delimiter, usual_width) = delimiter(&bytes);
    let mut detected = vec![
        match delimiter {
            b';' => "semicolon-separated",
            b'\t' => "tab-separated",
            _ => "comma-separated",
        }
        .to_string(),
    ];
    match (encoding, legacy) {
        (Some(e), _) => detected.push(format!("{} text", e.name())),
        (None, Some(e)) => detected.push(format!("{} text (not UTF-8; guessed)", e.name())),
        (None, None) => {}
    }

    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&bytes[..]);
    let mut headers: Option<Vec<String>> = None;
    let mut first_row: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = ByteRecord::new();
    let mut lines = LineCounter::new(&bytes);
    let find = match header {
        Header::Find(find) => Some(find),
        Header::None => None,
    };
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
        let mut reencoded = None;
        let mut fields: Vec<String> = record
            .iter()
            .map(|field| field_text(field, legacy, &mut reencoded))
            .collect();
        let width = headers.as_ref().map_or(usual_width, Vec::len);
        if fields.len() == 1 && width > 1 {
            fields = split_again(&fields[0], delimiter);
        }
        if find.is_some() && headers.is_none() {
            if first_row.is_none() {
                first_row = Some(fields.clone());
            }
            if find.is_some_and(|found| found(&fields)) {
                headers = Some(fields);
                // Rows before the header (notes) are not data: forget them.
                rows.clear();
            }
            continue;
        }
        if fields.iter().all(String::is_empty) {
            continue;
        }
        rows.push(Ok(Row {
            line,
            fields,
            reencoded,
        }));
    }
    if find.is_some() && headers.is_none() {
        return Err(RecordError::new(
            1,
            None,
            unknown(&first_row.unwrap_or_default()),
        ));
    }
    if let Some(width) = headers.as_ref().map(Vec::len) {
        let cut_off = !bytes.ends_with(b"\n") && !bytes.ends_with(b"\r");
        let last = rows.len().saturating_sub(1);
        for (index, row) in rows.iter_mut().enumerate() {
            let Ok(r) = row else { continue };
            let extra = r.fields.iter().skip(width).any(|f| !f.is_empty());
            if extra || (cut_off && index == last && r.fields.len() < width) {
                *row = Err(RecordError::new(
                    r.line,
                    None,
                    format!(
                        "the row has {} fields but the header has {width}: the file may be truncated or a quote is unbalanced",
                        r.fields.len()
                    ),
                ));
            } else {
                r.fields.resize(width, String::new());
            }
        }
    }
    Ok(Table {
        headers,
        rows,
        detected,
    })
}

/// The file's bytes as UTF-8 where it was UTF-16 (then also its encoding),
/// without a byte order mark.
fn decode_file(bytes: &[u8]) -> (Vec<u8>, Option<&'static Encoding>) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return (rest.to_vec(), None);
    }
    let utf16 = match bytes {
        [0xff, 0xfe, ..] => Some((UTF_16LE, 2)),
        [0xfe, 0xff, ..] => Some((UTF_16BE, 2)),
        _ => crate::vcard::utf16_without_bom(bytes).map(|e| (e, 0)),
    };
    match utf16 {
        Some((encoding, bom)) => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            (text.into_owned().into_bytes(), Some(encoding))
        }
        None => (bytes.to_vec(), None),
    }
}

fn field_text(
    field: &[u8],
    legacy: Option<&'static Encoding>,
    reencoded: &mut Option<&'static str>,
) -> String {
    match (std::str::from_utf8(field), legacy) {
        (Ok(text), _) => text.trim().to_string(),
        (Err(_), Some(encoding)) => {
            *reencoded = Some(encoding.name());
            encoding.decode(field).0.trim().to_string()
        }
        (Err(_), None) => String::from_utf8_lossy(field).trim().to_string(),
    }
}

/// The delimiter that splits the first rows into the most columns of one
/// count: comma, semicolon or tab (comma when in doubt); and that count.
fn delimiter(bytes: &[u8]) -> (u8, usize) {
    let mut best = (b',', 0usize, 0usize);
    for candidate in [b',', b';', b'\t'] {
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(candidate)
            .from_reader(bytes);
        let mut counts: Vec<usize> = Vec::new();
        let mut record = ByteRecord::new();
        while counts.len() < 30 && matches!(reader.read_byte_record(&mut record), Ok(true)) {
            if record.len() > 1 {
                counts.push(record.len());
            }
        }
        let (score, width) = counts
            .iter()
            .map(|&n| (n * counts.iter().filter(|&&m| m == n).count(), n))
            .max()
            .unwrap_or((0, 0));
        if score > best.1 {
            best = (candidate, score, width);
        }
    }
    (best.0, best.2)
}

/// A row the delimiter left whole, split by whichever other one splits it.
fn split_again(text: &str, used: u8) -> Vec<String> {
    let other = [b',', b';', b'\t']
        .into_iter()
        .filter(|d| *d != used)
        .max_by_key(|d| text.bytes().filter(|b| b == d).count());
    let Some(delimiter) = other.filter(|d| text.as_bytes().contains(d)) else {
        return vec![text.to_string()];
    };
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(|f| f.trim().to_string()).collect(),
        _ => vec![text.to_string()],
    }
}

/// Line numbers from byte offsets. The csv crate's own count lags behind
/// on CRLF files (it counts the `\n` of a line as part of the next record),
/// so lines are counted here, forward only, from where the last one was.
/// CRLF, LF and a lone CR each end a line.
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
            let span = &self.bytes[self.offset..start];
            self.line += span
                .iter()
                .enumerate()
                .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && span.get(i + 1) != Some(&b'\n')))
                .count();
            self.offset = start;
        }
        self.line
    }
}

impl Table {
    /// The index of a column, by header name in any case.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .as_ref()?
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

    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// The note for a row read from another encoding than UTF-8.
    pub fn encoding_note(&self) -> Option<RecordNote> {
        self.reencoded.map(|encoding| RecordNote {
            line: self.line,
            kind: NoteKind::Reencoded,
            text: format!("text is not UTF-8; read as {encoding}"),
        })
    }
}

/// "a, b, c", cut to `max` characters.
pub fn ellipsis(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: Header<'static> = Header::Find(&|_: &[String]| true);

    fn unknown(first: &[String]) -> String {
        format!("unknown header: {}", first.join(", "))
    }

    fn has(names: &'static [&'static str]) -> impl Fn(&[String]) -> bool {
        move |fields: &[String]| {
            names
                .iter()
                .all(|n| fields.iter().any(|f| f.eq_ignore_ascii_case(n)))
        }
    }

    #[test]
    fn finds_the_header_after_notes_and_a_bom() {
        let text = b"\xef\xbb\xbfNotes:\n\"Some, text\"\n\nFirst Name,Last Name\nAnna,J\n";
        let find = has(&["first name", "last name"]);
        let table = read(text, Header::Find(&find), &unknown).unwrap();
        let row = table.rows[0].as_ref().unwrap();
        assert_eq!(row.line, 5);
        assert_eq!(row.get(table.column("LAST NAME")), "J");
        assert_eq!(row.get(table.column("missing")), "");
    }

    #[test]
    fn a_missing_header_is_worded_by_the_caller() {
        let find = has(&["First Name", "Last Name"]);
        let err = read(b"a,b\n1,2\n", Header::Find(&find), &unknown)
            .err()
            .unwrap();
        assert_eq!(err.problem, "unknown header: a, b");
    }

    #[test]
    fn line_numbers_count_crlf_and_cr_lines() {
        for text in [
            &b"x,y\r\n1,2\r\n\r\n\"multi\r\nline\",4\r\n5,6\r\n"[..],
            &b"x,y\r1,2\r\r\"multi\rline\",4\r5,6\r"[..],
        ] {
            let table = read(text, FIRST, &unknown).unwrap();
            let lines: Vec<usize> = table
                .rows
                .iter()
                .map(|r| r.as_ref().unwrap().line)
                .collect();
            assert_eq!(lines, vec![2, 4, 6]);
        }
    }

    #[test]
    fn delimiters_and_encodings_are_detected() {
        let table = read(b"x;y;z\n1;2;3\n", FIRST, &unknown).unwrap();
        assert_eq!(table.detected, ["semicolon-separated"]);
        assert_eq!(table.rows[0].as_ref().unwrap().get(Some(2)), "3");

        let text: Vec<u8> = "x\ty\nZoë\t2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let table = read(&[&[0xff, 0xfe][..], &text].concat(), FIRST, &unknown).unwrap();
        assert_eq!(table.detected, ["tab-separated", "UTF-16LE text"]);
        assert_eq!(table.rows[0].as_ref().unwrap().get(Some(0)), "Zoë");

        // 名無し in Shift_JIS.
        let text = b"x,y\n\x96\xbc\x96\xb3\x82\xb5,2\n";
        let table = read(text, FIRST, &unknown).unwrap();
        let row = table.rows[0].as_ref().unwrap();
        assert_eq!(row.get(Some(0)), "名無し");
        assert_eq!(row.reencoded, Some("Shift_JIS"));
    }

    #[test]
    fn short_rows_are_padded_but_a_cut_off_last_row_is_an_error() {
        let table = read(b"x,y,z\n1,2\n3,4,5,6\n7\n", FIRST, &unknown).unwrap();
        assert!(table.rows[0].is_ok());
        assert_eq!(table.rows[1].as_ref().err().unwrap().line, 3);
        assert_eq!(table.rows[2].as_ref().unwrap().get(Some(2)), "");
        let table = read(b"x,y,z\n1,2,3\n4,\"cut", FIRST, &unknown).unwrap();
        assert!(
            table.rows[1]
                .as_ref()
                .err()
                .unwrap()
                .problem
                .contains("truncated")
        );
    }

    #[test]
    fn mixed_delimiters_and_files_without_header() {
        let text =
            b"1,1,1,1,1@host.invalid,,,\n2\t2\t2\t2\t2@host.invalid\n3\t3\t3\t3\t3@host.invalid\n";
        let table = read(text, Header::None, &unknown).unwrap();
        assert!(table.headers.is_none());
        let emails: Vec<&str> = table
            .rows
            .iter()
            .map(|r| r.as_ref().unwrap().get(Some(4)))
            .collect();
        assert_eq!(
            emails,
            ["1@host.invalid", "2@host.invalid", "3@host.invalid"]
        );
    }
}
