//! Reading vCard files: cards, properties, parameters and values.
//!
//! Lenient in what it reads, never silent about what it could not use:
//! - property names in any case, and names outside the RFC grammar
//!   (`X-messaging/aim-All`, `X-GOOGLE TALK`) kept as they are;
//! - bare 2.1 parameters (`TEL;CELL;VOICE:`), RFC 6868 caret escapes;
//! - quoted-printable values (the `quoted_printable` crate) and every
//!   CHARSET a vCard can name (`encoding_rs`). Text that names no charset
//!   and is not UTF-8 is read in the legacy encoding `chardetng` guesses
//!   from the whole file (Windows-1252 for Western European text); each card
//!   read that way says so in its notes;
//! - a group prefix on BEGIN (`home.begin:vcard`);
//! - cards nested inside a card (vCard 2.1 AGENT): each is a card of its
//!   own, and says which card it was inside;
//! - a line inside a card that is no property is left out, with a note.
//!
//! What stops a card: it is cut off (no END:VCARD before the file ends). A
//! file with no BEGIN:VCARD at all is not a vCard file.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::lines::{Logical, colon, decode_file, logical_lines};
use super::{Card, Nesting, Note, NoteKind, Param, Property};

/// What is wrong, and where: a 1-based line, and the card when inside one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub card: Option<usize>,
    pub problem: String,
}

/// Every card of a file, and what was noticed outside them.
#[derive(Debug, Clone, Default)]
pub struct Cards {
    /// In the order their END:VCARD comes (a nested card before the card it
    /// was inside); a card cut off by the end of the file is an error.
    pub entries: Vec<Result<Card, ReadError>>,
    /// The encoding the whole file was in, when it was not UTF-8 (UTF-16).
    pub file_encoding: Option<&'static str>,
    /// Lines outside every card, left out.
    pub notes: Vec<Note>,
}

/// Reads every card of a file. Err: the file is not a vCard file.
pub fn read(bytes: &[u8]) -> Result<Cards, ReadError> {
    let (text, file_encoding) = decode_file(bytes);
    let fallback = match file_encoding {
        Some(_) => UTF_8,
        None => fallback_encoding(&text),
    };
    let mut reader = Reader {
        decoder: Decoder {
            fallback,
            unicode_file: file_encoding.is_some(),
        },
        done: Vec::new(),
        open: Vec::new(),
        cards_seen: 0,
        notes: Vec::new(),
    };
    for logical in logical_lines(&text) {
        reader.line(logical);
    }
    let mut cards = reader.finish()?;
    cards.file_encoding = file_encoding.map(Encoding::name);
    Ok(cards)
}

/// The encoding of text that names none and is not UTF-8: chardetng's
/// guess from the whole file, Windows-1252 when the file is UTF-8 anyway.
fn fallback_encoding(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return WINDOWS_1252;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

struct Decoder {
    fallback: &'static Encoding,
    /// The file was UTF-16, decoded whole: CHARSET parameters no longer apply.
    unicode_file: bool,
}

struct Reader {
    decoder: Decoder,
    done: Vec<Result<Card, ReadError>>,
    /// Open cards, innermost last.
    open: Vec<Card>,
    cards_seen: usize,
    notes: Vec<Note>,
}

impl Reader {
    fn line(&mut self, logical: Logical) {
        let Logical { line, text } = logical;
        match keyword(&text) {
            Some(Keyword::Begin) => self.begin(line),
            Some(Keyword::End) => match self.open.pop() {
                Some(card) => self.done.push(Ok(card)),
                None => self.notes.push(Note {
                    line,
                    kind: NoteKind::LeftOut,
                    text: "END:VCARD without a BEGIN:VCARD before it; left out".into(),
                }),
            },
            None => {
                let Some(card) = self.open.last_mut() else {
                    self.notes.push(Note {
                        line,
                        kind: NoteKind::LeftOut,
                        text: format!("'{}' is outside every card; left out", shown(&text)),
                    });
                    return;
                };
                match property(line, &text, &self.decoder, &mut card.notes) {
                    Some(property) => card.properties.push(property),
                    None => card.notes.push(Note {
                        line,
                        kind: NoteKind::LeftOut,
                        text: format!(
                            "'{}' is not a property (NAME:value); left out",
                            shown(&text)
                        ),
                    }),
                }
            }
        }
    }

    fn begin(&mut self, line: usize) {
        self.cards_seen += 1;
        // A card inside a card: vCard 2.1 writes an AGENT that way, as an
        // empty AGENT property followed by the agent's card.
        let nested = self.open.last_mut().map(|outer| {
            let agent = outer
                .properties
                .last()
                .is_some_and(|p| p.name == "AGENT" && p.value.trim().is_empty());
            if agent {
                outer.properties.pop();
            }
            Nesting {
                outer: outer.number,
                agent,
            }
        });
        self.open.push(Card {
            number: self.cards_seen,
            line,
            properties: Vec::new(),
            notes: Vec::new(),
            nested,
        });
    }

    fn finish(mut self) -> Result<Cards, ReadError> {
        if self.cards_seen == 0 {
            return Err(ReadError {
                line: 1,
                card: None,
                problem: "no BEGIN:VCARD: this is not a vCard file".into(),
            });
        }
        while let Some(card) = self.open.pop() {
            self.done.push(Err(ReadError {
                line: card.line,
                card: Some(card.number),
                problem: "the card ends without END:VCARD: the file may be truncated".into(),
            }));
        }
        Ok(Cards {
            entries: self.done,
            file_encoding: None,
            notes: self.notes,
        })
    }
}

/// The start of a line, for a note.
fn shown(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

enum Keyword {
    Begin,
    End,
}

/// BEGIN:VCARD or END:VCARD, in any case, with any group.
fn keyword(text: &[u8]) -> Option<Keyword> {
    let at = colon(text)?;
    let (head, value) = (&text[..at], &text[at + 1..]);
    if !value.trim_ascii().eq_ignore_ascii_case(b"VCARD") {
        return None;
    }
    let name = head.rsplit(|&b| b == b'.').next()?.trim_ascii();
    if name.eq_ignore_ascii_case(b"BEGIN") {
        Some(Keyword::Begin)
    } else if name.eq_ignore_ascii_case(b"END") {
        Some(Keyword::End)
    } else {
        None
    }
}

/// Parses one logical line into a property, decoding its value to UTF-8.
/// None: the line is no property.
fn property(
    line: usize,
    text: &[u8],
    decoder: &Decoder,
    notes: &mut Vec<Note>,
) -> Option<Property> {
    let at = colon(text)?;
    let head = decoder.text(&text[..at], None, line, notes);
    let raw_value = &text[at + 1..];

    let mut parts = split_outside_quotes(&head, ';').into_iter();
    let full_name = parts.next().unwrap_or_default().trim();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) if is_rfc_name(group) => (Some(group.to_string()), name),
        _ => (None, full_name),
    };
    if name.is_empty()
        || !name.chars().any(|c| c.is_alphabetic())
        || name.chars().any(|c| c.is_control() || c == '"')
    {
        return None;
    }
    let name = name.to_uppercase();
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
                let pname = match part.to_ascii_uppercase().as_str() {
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

    let quoted_printable = take_param(&mut params, "ENCODING", |v| {
        v.eq_ignore_ascii_case("QUOTED-PRINTABLE")
    })
    .is_some();
    let charset = take_param(&mut params, "CHARSET", |_| true);
    let bytes = if quoted_printable {
        quoted_printable::decode(raw_value, quoted_printable::ParseMode::Robust)
            .unwrap_or_else(|_| raw_value.to_vec())
    } else {
        raw_value.to_vec()
    };
    let mut value = decoder.text(&bytes, charset.as_deref(), line, notes);
    if quoted_printable {
        // Literal line breaks of a quoted-printable value become the `\n`
        // escape every other value uses.
        value = value.replace("\r\n", "\n").replace('\n', "\\n");
    }
    Some(Property {
        group,
        name,
        params,
        value,
        line,
    })
}

impl Decoder {
    /// Bytes as text: in the CHARSET named, else UTF-8, else the fallback.
    /// Anything but UTF-8 leaves a note on the card (once per card).
    fn text(
        &self,
        bytes: &[u8],
        charset: Option<&str>,
        line: usize,
        notes: &mut Vec<Note>,
    ) -> String {
        let named = charset
            .filter(|_| !self.unicode_file)
            .map(|label| (label, Encoding::for_label(label.trim().as_bytes())));
        let mut note = |text: String| {
            if !notes
                .iter()
                .any(|n| n.kind == NoteKind::Encoding && n.text == text)
            {
                notes.push(Note {
                    line,
                    kind: NoteKind::Encoding,
                    text,
                });
            }
        };
        match named {
            Some((_, Some(encoding))) if encoding != UTF_8 => {
                let (text, _, _) = encoding.decode(bytes);
                note(format!("read from {}", encoding.name()));
                return text.into_owned();
            }
            Some((label, None)) => {
                let label = label.trim().to_string();
                return match std::str::from_utf8(bytes) {
                    Ok(text) => {
                        note(format!(
                            "CHARSET={label} is not a charset ties knows; read as UTF-8"
                        ));
                        text.to_string()
                    }
                    Err(_) => {
                        let (text, _, _) = self.fallback.decode(bytes);
                        note(format!(
                            "CHARSET={label} is not a charset ties knows; read as {}",
                            self.fallback.name()
                        ));
                        text.into_owned()
                    }
                };
            }
            _ => {}
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let (text, _, _) = self.fallback.decode(bytes);
                note(format!(
                    "text is not UTF-8 and names no CHARSET; read as {}",
                    self.fallback.name()
                ));
                text.into_owned()
            }
        }
    }
}

fn is_rfc_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &[u8]) -> Vec<Card> {
        read(text)
            .unwrap()
            .entries
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
        assert!(cards[0].notes.is_empty(), "{:?}", cards[0].notes);
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
        assert_eq!(card.notes[0].kind, NoteKind::Encoding);
        assert!(
            card.notes[0].text.contains("windows-1252"),
            "{:?}",
            card.notes
        );
    }

    #[test]
    fn any_charset_encoding_rs_knows_and_a_fallback_for_undeclared_text() {
        // 名無し in Shift_JIS.
        let text = b"BEGIN:VCARD\r\nN;CHARSET=SHIFT_JIS:\x96\xbc\x96\xb3\x82\xb5\r\nEND:VCARD\r\n";
        let card = &cards(text)[0];
        assert_eq!(card.first("N").unwrap().text(), "名無し");
        assert!(card.notes[0].text.contains("Shift_JIS"), "{:?}", card.notes);

        let text = b"BEGIN:VCARD\r\nFN:J\xe4rvinen M\xfcller\r\nEND:VCARD\r\n";
        let card = &cards(text)[0];
        assert_eq!(card.first("FN").unwrap().text(), "Järvinen Müller");
        assert!(
            card.notes[0].text.contains("names no CHARSET"),
            "{:?}",
            card.notes
        );

        let text = b"BEGIN:VCARD\r\nN;CHARSET=nonsense:Smith\r\nEND:VCARD\r\n";
        let card = &cards(text)[0];
        assert_eq!(card.first("N").unwrap().text(), "Smith");
        assert!(
            card.notes[0].text.contains("CHARSET=nonsense"),
            "{:?}",
            card.notes
        );
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
    fn names_outside_the_grammar_are_kept_and_stray_lines_noted() {
        let text = b"home.begin:vcard\nFN:A\nX-messaging/aim-All:anna\nX-GOOGLE TALK;TYPE=WORK:gtalk.anna\n# a comment\nhome.end:vcard\n";
        let card = &cards(text)[0];
        let names: Vec<&str> = card.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["FN", "X-MESSAGING/AIM-ALL", "X-GOOGLE TALK"]);
        assert_eq!(
            card.first("X-GOOGLE TALK").unwrap().to_line(),
            "X-GOOGLE TALK;TYPE=WORK:gtalk.anna"
        );
        assert_eq!(card.notes.len(), 1);
        assert_eq!(
            (card.notes[0].line, card.notes[0].kind),
            (5, NoteKind::LeftOut)
        );
    }

    #[test]
    fn nested_cards_are_cards_of_their_own() {
        let text = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Outer\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Agent\r\nEND:VCARD\r\nTEL:1\r\nEND:VCARD\r\n";
        let cards = cards(text);
        assert_eq!(cards.len(), 2);
        let (agent, outer) = (&cards[0], &cards[1]);
        assert_eq!(agent.first("N").unwrap().value, "Agent");
        assert_eq!(
            agent.nested,
            Some(Nesting {
                outer: 1,
                agent: true
            })
        );
        assert_eq!(outer.first("TEL").unwrap().value, "1");
        assert!(
            outer.first("AGENT").is_none(),
            "the empty AGENT is the nested card"
        );
    }

    #[test]
    fn a_card_cut_off_is_an_error_of_that_card() {
        let cards = read(b"BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:C\n").unwrap();
        assert_eq!(cards.entries.len(), 2);
        assert!(cards.entries[0].is_ok());
        let last = cards.entries[1].as_ref().unwrap_err();
        assert_eq!((last.line, last.card), (4, Some(2)));
        assert!(last.problem.contains("truncated"), "{last:?}");
    }

    #[test]
    fn text_outside_cards_is_noted_and_other_files_are_refused_whole() {
        let cards = read(b"hello\nBEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n").unwrap();
        assert_eq!(cards.entries.len(), 1);
        let lines: Vec<usize> = cards.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [1, 5]);
        assert!(read(b"First Name,Last Name\nAnna,J\n").is_err());
        assert!(read(b"").is_err());
        assert!(read(b"\xff\xfeB\0E\0").is_err());
    }
}
