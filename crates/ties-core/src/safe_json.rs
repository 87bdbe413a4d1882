//! JSON that is safe on a terminal. serde_json escapes only what JSON
//! requires (C0 controls, quote, backslash), so a stored C1 control
//! (U+009B starts an escape sequence on many terminals) or a bidirectional
//! override reached the screen raw. Here those are written as `\uXXXX` too:
//! the same JSON value, losslessly, in plain ASCII where it matters.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// `value` as pretty JSON with every control and bidi character escaped.
pub fn to_writer_pretty<W: io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(writer, Escaping(PrettyFormatter::new()));
    value.serialize(&mut serializer)
}

/// `value` as pretty JSON bytes, like `to_writer_pretty`.
pub fn to_vec_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    Ok(out)
}

/// A pretty JSON array written one item at a time, so that a list of any
/// length is never held whole: the same bytes as `to_writer_pretty` of a
/// `Vec` of the items, at the nesting depth it is opened at.
pub struct PrettyArray<W: io::Write> {
    writer: W,
    /// How many levels the array itself is nested in (0: the whole output).
    depth: usize,
    /// One item's JSON, before it is indented into the array.
    item: Vec<u8>,
    count: usize,
}

impl<W: io::Write> PrettyArray<W> {
    pub fn new(writer: W) -> Self {
        Self::nested(writer, 0)
    }

    /// An array that is the value of a key `depth` objects deep.
    pub fn nested(writer: W, depth: usize) -> Self {
        PrettyArray {
            writer,
            depth,
            item: Vec::new(),
            count: 0,
        }
    }

    fn indent(&mut self, levels: usize) -> io::Result<()> {
        for _ in 0..levels {
            self.writer.write_all(b"  ")?;
        }
        Ok(())
    }

    pub fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.item.clear();
        to_writer_pretty(&mut self.item, value).map_err(io::Error::other)?;
        let open: &[u8] = if self.count == 0 { b"[\n" } else { b",\n" };
        self.writer.write_all(open)?;
        let levels = self.depth + 1;
        // Strings never hold a raw line break (JSON escapes it), so every
        // one in the item starts a line to indent one level deeper.
        let item = std::mem::take(&mut self.item);
        for (n, line) in item.split(|&b| b == b'\n').enumerate() {
            if n > 0 {
                self.writer.write_all(b"\n")?;
            }
            self.indent(levels)?;
            self.writer.write_all(line)?;
        }
        self.item = item;
        self.count += 1;
        Ok(())
    }

    /// Closes the array; returns the writer and how many items it holds.
    pub fn finish(mut self) -> io::Result<(W, usize)> {
        if self.count == 0 {
            self.writer.write_all(b"[]")?;
        } else {
            self.writer.write_all(b"\n")?;
            self.indent(self.depth)?;
            self.writer.write_all(b"]")?;
        }
        Ok((self.writer, self.count))
    }
}

/// Whether a character is written escaped beyond what JSON requires.
fn needs_escape(ch: char) -> bool {
    // DEL and C1 (is_control covers C0 too, which serde_json escapes itself
    // and never passes here) and what reorders text on screen.
    ch.is_control() || crate::text::is_bidi_control(ch)
}

struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Most text is ASCII without DEL, where nothing is escaped here:
        // one pass over the bytes, not a decode of every character.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, ch) in fragment.char_indices() {
            if needs_escape(ch) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                // Every such character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", ch as u32)?;
                start = at + ch.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// An array written item by item is the array written whole, byte
        /// for byte, whatever the items hold.
        #[test]
        fn an_array_streamed_is_the_array_written_whole(
            items in prop::collection::vec(
                (any::<String>(), prop::collection::vec(any::<String>(), 0..3), any::<Option<u32>>()),
                0..6,
            ),
        ) {
            let values: Vec<serde_json::Value> = items
                .iter()
                .map(|(name, tags, n)| serde_json::json!({ "name": name, "tags": tags, "n": n, "empty": [], "nested": { "x": [] } }))
                .collect();
            let mut array = PrettyArray::new(Vec::new());
            for value in &values {
                array.push(value).unwrap();
            }
            let (streamed, count) = array.finish().unwrap();
            prop_assert_eq!(count, values.len());
            prop_assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(to_vec_pretty(&values).unwrap()).unwrap());
            // The same array as the value of a key, one object deep.
            let mut nested = b"{\n  \"items\": ".to_vec();
            let mut array = PrettyArray::nested(&mut nested, 1);
            for value in &values {
                array.push(value).unwrap();
            }
            array.finish().unwrap();
            nested.extend_from_slice(b"\n}");
            let whole = to_vec_pretty(&serde_json::json!({ "items": values })).unwrap();
            prop_assert_eq!(String::from_utf8(nested).unwrap(), String::from_utf8(whole).unwrap());
        }
    }

    #[test]
    fn controls_and_bidi_are_escaped_and_read_back_the_same() {
        let text = "a\u{1b}]52;c;x\u{7}b\u{9b}2J\u{202e}c\u{7f}d\u{2066}é😀\n\"";
        let json = String::from_utf8(to_vec_pretty(&serde_json::json!({ "name": text })).unwrap())
            .unwrap();
        assert!(
            !json.chars().any(|c| c != '\n' && needs_escape(c)),
            "{json:?}"
        );
        assert!(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u007f"));
        assert!(json.contains("é😀"), "other text stays as it is");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], text);
    }
}
