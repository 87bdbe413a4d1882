//! From bytes to logical lines: the file's encoding, line ends, folding,
//! and the continuation lines real files write without folding them.
//!
//! - Encoding of the whole file: a UTF-8 byte order mark is dropped; UTF-16
//!   (little or big endian, with or without a byte order mark) is decoded
//!   to UTF-8 first. Anything else is kept as bytes: each value is decoded
//!   on its own later, by its CHARSET or the file's fallback.
//! - Line ends: CRLF, LF, CR alone (classic Mac OS) and CR CR LF (a CRLF
//!   file written again through a text-mode filter) all end one line.
//! - Folding: a line starting with a space or tab continues the one before;
//!   a quoted-printable value ending in `=` continues on the next line as it
//!   is. Lines are joined as bytes, so a fold that splits a multi-byte UTF-8
//!   character joins it whole again.
//! - Unfolded continuations that vCard 2.1 writers produce: base64 lines of
//!   a PHOTO (or any ENCODING=BASE64 value) up to the blank line that ends
//!   it, and a value line ending in a backslash, which Android reads as a
//!   line break in the value.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// A logical line and the (1-based) physical line it starts on.
pub(super) struct Logical {
    pub line: usize,
    pub text: Vec<u8>,
}

/// The file's text as UTF-8 where it was UTF-16, and the name of the
/// encoding it was decoded from.
pub(super) fn decode_file(bytes: &[u8]) -> (Cow<'_, [u8]>, Option<&'static Encoding>) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return (Cow::Borrowed(rest), None);
    }
    let utf16 = match bytes {
        [0xff, 0xfe, ..] => Some((UTF_16LE, 2)),
        [0xfe, 0xff, ..] => Some((UTF_16BE, 2)),
        _ => utf16_without_bom(bytes).map(|e| (e, 0)),
    };
    match utf16 {
        Some((encoding, bom)) => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            (Cow::Owned(text.into_owned().into_bytes()), Some(encoding))
        }
        None => (Cow::Borrowed(bytes), None),
    }
}

/// UTF-16 without a byte order mark: ASCII text (which every vCard and CSV
/// header is) then has a zero in every other byte.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(400) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |odd: usize| {
        sample
            .iter()
            .skip(odd)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The physical lines, whatever ends them.
fn physical_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::with_capacity(bytes.len() / 30 + 1);
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&bytes[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                lines.push(&bytes[start..i]);
                i += match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(b'\n'), _) => 2,
                    (Some(b'\r'), Some(b'\n')) => 3,
                    _ => 1,
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        lines.push(&bytes[start..]);
    }
    lines
}

/// Physical lines joined into logical ones.
pub(super) fn logical_lines(bytes: &[u8]) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    let mut soft_break = false;
    for (index, raw) in physical_lines(bytes).into_iter().enumerate() {
        let line = index + 1;
        if let Some(current) = out.last_mut() {
            if soft_break {
                // Quoted-printable soft break: `=` at the end joins the next
                // line as it is.
                current.text.pop();
                current.text.extend_from_slice(raw);
                soft_break = ends_soft(&current.text);
                continue;
            }
            if let Some(rest) = raw.strip_prefix(b" ").or_else(|| raw.strip_prefix(b"\t")) {
                current.text.extend_from_slice(rest);
                soft_break = ends_soft(&current.text);
                continue;
            }
            if !raw.trim_ascii().is_empty() && !looks_like_property(raw) {
                if is_base64_value(&current.text) && is_base64_text(raw) {
                    current.text.extend_from_slice(raw.trim_ascii());
                    continue;
                }
                if ends_in_odd_backslashes(&current.text) {
                    current.text.push(b'n');
                    current.text.extend_from_slice(raw);
                    continue;
                }
            }
        }
        if raw.trim_ascii().is_empty() {
            soft_break = false;
            continue;
        }
        soft_break = ends_soft(raw);
        out.push(Logical {
            line,
            text: raw.to_vec(),
        });
    }
    out
}

/// Whether a logical line's value is quoted-printable and ends in a soft
/// line break.
fn ends_soft(line: &[u8]) -> bool {
    line.ends_with(b"=") && head_has(line, b"QUOTED-PRINTABLE")
}

/// Whether the parameters (before the first `:` outside quotes) hold `word`.
fn head_has(line: &[u8], word: &[u8]) -> bool {
    let head = &line[..colon(line).unwrap_or(line.len())];
    head.windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The first `:` outside double quotes.
pub(super) fn colon(line: &[u8]) -> Option<usize> {
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

/// A line that starts a property: `[group.]NAME[;params]:value`.
fn looks_like_property(raw: &[u8]) -> bool {
    let Some(at) = colon(raw) else {
        return false;
    };
    let head = &raw[..at];
    let name = head.split(|&b| b == b';').next().unwrap_or_default();
    !name.is_empty()
        && name.iter().any(u8::is_ascii_alphabetic)
        && !name.iter().any(|&b| b.is_ascii_control() || b == b'"')
}

/// A binary value: PHOTO, LOGO, SOUND and KEY are base64 even where the
/// file forgot to say ENCODING.
fn is_base64_value(line: &[u8]) -> bool {
    let head = &line[..colon(line).unwrap_or(line.len())];
    let name = head.split(|&b| b == b';').next().unwrap_or_default();
    let name = name.rsplit(|&b| b == b'.').next().unwrap_or_default();
    ["PHOTO", "LOGO", "SOUND", "KEY"]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
        || head_has(line, b"BASE64")
        || head_has(line, b"ENCODING=B")
}

fn is_base64_text(raw: &[u8]) -> bool {
    raw.trim_ascii()
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

fn ends_in_odd_backslashes(text: &[u8]) -> bool {
    text.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<(usize, String)> {
        logical_lines(bytes)
            .into_iter()
            .map(|l| (l.line, String::from_utf8_lossy(&l.text).into_owned()))
            .collect()
    }

    #[test]
    fn every_line_end_ends_one_line() {
        let expected = vec![(1, "A:1".to_string()), (2, "B:2".into()), (3, "C:3".into())];
        assert_eq!(texts(b"A:1\r\nB:2\r\nC:3\r\n"), expected);
        assert_eq!(texts(b"A:1\nB:2\nC:3"), expected);
        assert_eq!(texts(b"A:1\rB:2\rC:3\r"), expected);
        assert_eq!(texts(b"A:1\r\r\nB:2\r\r\nC:3\r\r\n"), expected);
    }

    #[test]
    fn folds_join_bytes_so_split_characters_are_whole_again() {
        // "л" is D0 BB: the fold falls between its two bytes.
        let lines = texts(b"NOTE:\xd0\r\n \xbb\xd0\xb0\r\n");
        assert_eq!(lines, vec![(1, "NOTE:ла".to_string())]);
    }

    #[test]
    fn unfolded_base64_and_backslash_continuations() {
        let lines = texts(
            b"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQ\r\nCAgIDAwMDBAY+/==\r\n\r\nADR;HOME:;;Street 1\\\r\n9999\\\r\nBox 9;Hamburg\r\n# a comment\r\n",
        );
        assert_eq!(
            lines,
            vec![
                (
                    1,
                    "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQCAgIDAwMDBAY+/==".to_string()
                ),
                (4, "ADR;HOME:;;Street 1\\n9999\\nBox 9;Hamburg".into()),
                (7, "# a comment".into()),
            ]
        );
    }

    #[test]
    fn utf16_with_and_without_bom_is_decoded() {
        let text = "BEGIN:VCARD\r\nFN:Zoë\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, encoding) in [
            ([&[0xff, 0xfe][..], &le].concat(), UTF_16LE),
            (le.clone(), UTF_16LE),
            ([&[0xfe, 0xff][..], &be].concat(), UTF_16BE),
            (be.clone(), UTF_16BE),
        ] {
            let (decoded, found) = decode_file(&bytes);
            assert_eq!(std::str::from_utf8(&decoded).unwrap(), text);
            assert_eq!(found, Some(encoding));
        }
        assert_eq!(decode_file(b"\xef\xbb\xbfBEGIN").0.as_ref(), b"BEGIN");
        assert_eq!(decode_file(b"BEGIN:VCARD\r\n").1, None);
    }
}
