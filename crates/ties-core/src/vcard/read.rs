//! Reading vCard files: lines, unfolding, cards, properties.
//!
//! What real files do, and how it is read: CRLF or LF line ends; a UTF-8
//! byte order mark; folded lines (a line starting with a space or tab
//! continues the one before); vCard 2.1's quoted-printable values, whose
//! soft line breaks end in `=`, and its CHARSET parameter; bare 2.1
//! parameters (`TEL;CELL;VOICE:`); parameter names and values in any case;
//! RFC 6868 caret escapes in parameter values.
//!
//! A problem inside a card is that card's error (the rest of the file is
//! still read, so a caller can skip the card); a file that is no vCard at
//! all is one error for the whole file.

use super::{Card, Param, Property};

/// What is wrong, and where: a 1-based line, and the card when inside one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub card: Option<usize>,
    pub problem: String,
}

/// Reads every card of a file. The outer error means the file is not a
/// vCard file; inner errors are cards (or stray lines) that could not be read.
pub fn read(bytes: &[u8]) -> Result<Vec<Result<Card, ReadError>>, ReadError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(file_error(
            1,
            "the file is UTF-16; save it as UTF-8 and import it again",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut cards = Reader::default();
    for (line, text) in logical_lines(bytes) {
        cards.line(line, &text)?;
    }
    cards.finish()
}

fn file_error(line: usize, problem: impl Into<String>) -> ReadError {
    ReadError {
        line,
        card: None,
        problem: problem.into(),
    }
}

/// Physical lines joined into logical ones, each with the line it starts on.
fn logical_lines(bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let mut out: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut soft_break = false;
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let number = index + 1;
        if let Some((_, current)) = out.last_mut() {
            if soft_break {
                // Quoted-printable soft break: `=` at the end joins the next
                // line as it is.
                current.pop();
                current.extend_from_slice(raw);
                soft_break = is_quoted_printable(current) && current.ends_with(b"=");
                continue;
            }
            if let Some(rest) = raw.strip_prefix(b" ").or_else(|| raw.strip_prefix(b"\t")) {
                current.extend_from_slice(rest);
                soft_break = is_quoted_printable(current) && current.ends_with(b"=");
                continue;
            }
        }
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            soft_break = false;
            continue;
        }
        out.push((number, raw.to_vec()));
        soft_break = is_quoted_printable(raw) && raw.ends_with(b"=");
    }
    out
}

/// Whether a logical line's parameters declare quoted-printable.
fn is_quoted_printable(line: &[u8]) -> bool {
    let head = &line[..colon(line).unwrap_or(line.len())];
    head.windows(16)
        .any(|w| w.eq_ignore_ascii_case(b"QUOTED-PRINTABLE"))
}

/// The first `:` outside double quotes.
fn colon(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in line.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

#[derive(Default)]
struct Reader {
    done: Vec<Result<Card, ReadError>>,
    open: Option<OpenCard>,
    cards_seen: usize,
}

struct OpenCard {
    card: Card,
    /// The first problem found in it; the card is still read to its end.
    error: Option<ReadError>,
}

impl Reader {
    fn line(&mut self, line: usize, text: &[u8]) -> Result<(), ReadError> {
        let keyword = keyword(text);
        match keyword.as_deref() {
            Some("BEGIN") => {
                if let Some(open) = self.open.take() {
                    self.done.push(Err(ReadError {
                        line: open.card.line,
                        card: Some(open.card.number),
                        problem: format!(
                            "the card has no END:VCARD before the next BEGIN:VCARD on line {line}"
                        ),
                    }));
                }
                self.cards_seen += 1;
                self.open = Some(OpenCard {
                    card: Card {
                        number: self.cards_seen,
                        line,
                        properties: Vec::new(),
                    },
                    error: None,
                });
                Ok(())
            }
            Some("END") => {
                match self.open.take() {
                    Some(OpenCard { error: Some(e), .. }) => self.done.push(Err(e)),
                    Some(OpenCard { card, error: None }) => self.done.push(Ok(card)),
                    None => self.done.push(Err(ReadError {
                        line,
                        card: None,
                        problem: "END:VCARD without a BEGIN:VCARD before it".into(),
                    })),
                }
                Ok(())
            }
            _ => {
                let Some(open) = self.open.as_mut() else {
                    if self.cards_seen == 0 {
                        return Err(file_error(
                            line,
                            "expected BEGIN:VCARD: this is not a vCard file",
                        ));
                    }
                    self.done.push(Err(ReadError {
                        line,
                        card: None,
                        problem: "text outside a card (after END:VCARD)".into(),
                    }));
                    return Ok(());
                };
                match property(line, text) {
                    Ok(property) => open.card.properties.push(property),
                    Err(problem) => {
                        open.error.get_or_insert(ReadError {
                            line,
                            card: Some(open.card.number),
                            problem,
                        });
                    }
                }
                Ok(())
            }
        }
    }

    fn finish(mut self) -> Result<Vec<Result<Card, ReadError>>, ReadError> {
        if let Some(open) = self.open.take() {
            self.done.push(Err(ReadError {
                line: open.card.line,
                card: Some(open.card.number),
                problem: "the card ends without END:VCARD: the file may be truncated".into(),
            }));
        }
        if self.cards_seen == 0 {
            return Err(file_error(1, "no BEGIN:VCARD: this is not a vCard file"));
        }
        Ok(self.done)
    }
}

/// `BEGIN` or `END` when the line is `BEGIN:VCARD` / `END:VCARD` (any case,
/// any group), else None.
fn keyword(text: &[u8]) -> Option<String> {
    let at = colon(text)?;
    let (head, value) = (&text[..at], &text[at + 1..]);
    if !value.trim_ascii().eq_ignore_ascii_case(b"VCARD") {
        return None;
    }
    let name = head.rsplit(|&b| b == b'.').next()?;
    let name = String::from_utf8_lossy(name).to_uppercase();
    matches!(name.as_str(), "BEGIN" | "END").then_some(name)
}

/// Parses one logical line into a property, decoding its value to UTF-8.
fn property(line: usize, text: &[u8]) -> Result<Property, String> {
    let shown = || String::from_utf8_lossy(&text[..text.len().min(40)]).into_owned();
    let at = colon(text).ok_or_else(|| format!("'{}' is not a property (NAME:value)", shown()))?;
    let head = std::str::from_utf8(&text[..at])
        .map_err(|_| "the property's name or parameters are not valid UTF-8".to_string())?;
    let raw_value = &text[at + 1..];

    let mut parts = split_outside_quotes(head, ';').into_iter();
    let full_name = parts.next().unwrap_or_default();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) => (Some(group.to_string()), name),
        None => (None, full_name),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("'{}' is not a property (NAME:value)", shown()));
    }
    let name = name.to_ascii_uppercase();
    let mut params: Vec<Param> = Vec::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (pname, values) = match part.split_once('=') {
            Some((n, v)) => (n.trim().to_ascii_uppercase(), v),
            // vCard 2.1 bare parameters: `TEL;CELL;VOICE:`, `;QUOTED-PRINTABLE:`.
            None => {
                let upper = part.to_ascii_uppercase();
                let pname = match upper.as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "B" | "8BIT" | "7BIT" => "ENCODING",
                    _ => "TYPE",
                };
                (pname.to_string(), part)
            }
        };
        let values: Vec<String> = split_outside_quotes(values, ',')
            .into_iter()
            .map(param_value)
            .collect();
        match params.iter_mut().find(|p| p.name == pname) {
            Some(existing) => existing.values.extend(values),
            None => params.push(Param {
                name: pname,
                values,
            }),
        }
    }

    let encoding = take_param(&mut params, "ENCODING", |v| {
        v.eq_ignore_ascii_case("QUOTED-PRINTABLE")
    });
    let charset = take_param(&mut params, "CHARSET", |_| true);
    let quoted_printable = encoding.is_some();
    let bytes = if quoted_printable {
        decode_quoted_printable(raw_value)
    } else {
        raw_value.to_vec()
    };
    let mut value = decode_charset(&bytes, charset.as_deref()).map_err(|charset| match charset {
        Some(c) => format!("{name} is in CHARSET={c}, which ties cannot read; save the file as UTF-8"),
        None => format!(
            "{name} is not valid UTF-8; save the file as UTF-8 (or mark the property CHARSET=ISO-8859-1)"
        ),
    })?;
    if quoted_printable {
        // Literal line breaks of a quoted-printable value become the `\n`
        // escape every other value uses.
        value = value.replace("\r\n", "\n").replace('\n', "\\n");
    }
    Ok(Property {
        group,
        name,
        params,
        value,
        line,
    })
}

/// Removes a parameter whose value `matches`, returning that value.
fn take_param(
    params: &mut Vec<Param>,
    name: &str,
    matches: impl Fn(&str) -> bool,
) -> Option<String> {
    let index = params.iter().position(|p| p.name == name)?;
    let value = params[index].values.iter().find(|v| matches(v))?.clone();
    params.remove(index);
    Some(value)
}

fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, ch) in text.char_indices() {
        if ch == '"' {
            quoted = !quoted;
        } else if ch == sep && !quoted {
            parts.push(&text[start..i]);
            start = i + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A parameter value without its quotes, RFC 6868 caret escapes undone.
fn param_value(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '^' {
            match chars.peek() {
                Some('n' | 'N') => {
                    out.push('\n');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(ch);
        }
    }
    out
}

fn decode_quoted_printable(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'='
            && let (Some(hi), Some(lo)) = (
                raw.get(i + 1).and_then(|b| (*b as char).to_digit(16)),
                raw.get(i + 2).and_then(|b| (*b as char).to_digit(16)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Decodes bytes in the named charset (UTF-8 when none). Err carries the
/// charset that could not be read (None: invalid UTF-8).
fn decode_charset(bytes: &[u8], charset: Option<&str>) -> Result<String, Option<String>> {
    let name = charset.map(|c| c.trim().to_ascii_uppercase());
    match name.as_deref() {
        None | Some("UTF-8" | "UTF8" | "US-ASCII" | "ASCII") => std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| None),
        Some("ISO-8859-1" | "ISO8859-1" | "LATIN1" | "LATIN-1") => {
            Ok(bytes.iter().map(|&b| char::from(b)).collect())
        }
        Some("WINDOWS-1252" | "CP1252") => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
        Some(_) => Err(charset.map(str::to_string)),
    }
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9f.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &[u8]) -> Vec<Card> {
        read(text)
            .unwrap()
            .into_iter()
            .map(|c| c.unwrap())
            .collect()
    }

    #[test]
    fn reads_folded_crlf_and_lf_lines() {
        let text = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\n  J\xc3\xa4rvinen\r\nNOTE:one\r\n\ttwo\r\nEND:VCARD\r\nBEGIN:VCARD\nFN:Bob\nEND:VCARD\n";
        let cards = cards(text);
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].first("FN").unwrap().value, "Anna Järvinen");
        assert_eq!(cards[0].first("NOTE").unwrap().value, "onetwo");
        assert_eq!(cards[1].first("FN").unwrap().text(), "Bob");
        assert_eq!(cards[1].line, 8);
        assert_eq!(cards[1].number, 2);
    }

    #[test]
    fn reads_vcard_21_quoted_printable_charset_and_bare_params() {
        let text = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=E4rvinen;Anna\r\nNOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\nline two\r\nTEL;CELL;VOICE:+358 40 1\r\nEND:VCARD\r\n";
        let card = &cards(text)[0];
        let n = card.first("N").unwrap();
        assert_eq!(n.components(), vec!["Järvinen", "Anna"]);
        assert!(n.params.is_empty(), "{:?}", n.params);
        assert_eq!(card.first("NOTE").unwrap().text(), "line one\nline two");
        assert_eq!(card.first("TEL").unwrap().types(), vec!["cell", "voice"]);
    }

    #[test]
    fn params_in_any_case_quoted_and_caret_escaped() {
        let text = b"\xef\xbb\xbfbegin:vcard\nitem1.email;type=\"work,pref\";x-label=a^'b^'c:anna@example.org\nend:vcard\n";
        let card = &cards(text)[0];
        let email = card.first("EMAIL").unwrap();
        assert_eq!(email.group.as_deref(), Some("item1"));
        assert_eq!(email.types(), vec!["work", "pref"]);
        assert_eq!(email.param("X-LABEL").unwrap().values, vec!["a\"b\"c"]);
    }

    #[test]
    fn a_card_without_end_is_an_error_of_that_card() {
        let entries =
            read(b"BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nBEGIN:VCARD\nFN:C\n").unwrap();
        assert_eq!(entries.len(), 3);
        let first = entries[0].as_ref().unwrap_err();
        assert_eq!((first.line, first.card), (1, Some(1)));
        assert!(entries[1].is_ok());
        let last = entries[2].as_ref().unwrap_err();
        assert!(last.problem.contains("truncated"), "{last:?}");
    }

    #[test]
    fn invalid_utf8_and_malformed_lines_are_errors_of_their_card() {
        let entries =
            read(b"BEGIN:VCARD\nFN:A\xff\nEND:VCARD\nBEGIN:VCARD\nno colon here\nEND:VCARD\n")
                .unwrap();
        let utf8 = entries[0].as_ref().unwrap_err();
        assert_eq!(utf8.line, 2);
        assert!(utf8.problem.contains("UTF-8"), "{utf8:?}");
        let malformed = entries[1].as_ref().unwrap_err();
        assert_eq!((malformed.line, malformed.card), (5, Some(2)));
    }

    #[test]
    fn other_files_are_refused_whole() {
        assert!(read(b"First Name,Last Name\nAnna,J\n").is_err());
        assert!(read(b"").is_err());
        assert!(read(b"\xff\xfeB\0E\0").is_err());
    }
}
