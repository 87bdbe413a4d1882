//! vCard syntax: reading versions 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350)
//! into cards of properties, and writing properties back.
//!
//! This layer knows the text format only — folding, escapes, parameters,
//! quoted-printable, charsets — and nothing of contacts: `import::vcard`
//! maps cards to contacts and `export::vcard` maps contacts to cards.
//!
//! Written here rather than taken from a crate. `calcard` 0.3 (the one
//! crate that read the hard cases of a first comparison) was measured again
//! on the corpus of `tests/fixtures/corpus`: it takes text, so the 21 files
//! that are not UTF-8 (UTF-16, Windows-1252, Shift_JIS) need decoding first
//! anyway; it reads neither a group prefix on BEGIN nor 2.1's nested cards;
//! it passes cards cut off by the end of the file as if whole; and it
//! brings some 25 crates (time zones, a mail parser and builder, a
//! proc-macro), one of them a second `getrandom`. ties also needs each
//! property's line as written, to keep what it has no field for verbatim.
//! Charsets and quoted-printable come from crates (`encoding_rs`,
//! `chardetng`, `quoted_printable`).

mod lines;
mod read;
mod write;

pub(crate) use lines::utf16_without_bom;
pub use read::{Cards, ReadError, read};
pub use write::{CardWriter, escape_text, property_line};

/// One card, as read: its properties in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// 1-based position in its file.
    pub number: usize,
    /// The line of its BEGIN:VCARD.
    pub line: usize,
    pub properties: Vec<Property>,
    /// What was read leniently: re-encoded text, lines left out.
    pub notes: Vec<Note>,
    /// Set when the card was written inside another card.
    pub nested: Option<Nesting>,
}

/// A card inside a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nesting {
    /// The number of the card it was inside.
    pub outer: usize,
    /// It was that card's AGENT (vCard 2.1).
    pub agent: bool,
}

/// Something the reader did that the user should hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// Text decoded from another charset than UTF-8.
    Encoding,
    /// A line that could not be used.
    LeftOut,
}

/// One property (`item1.EMAIL;TYPE=work:anna@example.org`), unfolded,
/// decoded to UTF-8 (quoted-printable and CHARSET undone), with its value
/// still escaped as vCard 3.0/4.0 text (`\,` `\;` `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub group: Option<String>,
    /// Upper case.
    pub name: String,
    pub params: Vec<Param>,
    pub value: String,
    /// The line it starts on.
    pub line: usize,
}

/// A parameter: upper-case name and its values (a vCard 2.1 bare `WORK` is
/// read as `TYPE=WORK`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub values: Vec<String>,
}

impl Card {
    /// Properties of one name, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    pub fn first(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

impl Property {
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The TYPE values, lower case, in order (`TYPE=work,voice;TYPE=pref`
    /// gives work, voice, pref).
    pub fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|p| p.name == "TYPE")
            .flat_map(|p| p.values.iter())
            .flat_map(|v| v.split(','))
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// The value as plain text, escapes undone.
    pub fn text(&self) -> String {
        unescape(&self.value)
    }

    /// The parts of a structured value (N, ADR, ORG), split on `;`.
    pub fn components(&self) -> Vec<String> {
        split_unescaped(&self.value, ';')
            .into_iter()
            .map(unescape)
            .collect()
    }

    /// The items of a list value (CATEGORIES, NICKNAME), split on `,`.
    pub fn list(&self) -> Vec<String> {
        split_unescaped(&self.value, ',')
            .into_iter()
            .map(unescape)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The property as one unfolded line, for keeping it verbatim.
    pub fn to_line(&self) -> String {
        let mut line = String::new();
        if let Some(group) = &self.group {
            line.push_str(group);
            line.push('.');
        }
        line.push_str(&self.name);
        for param in &self.params {
            line.push(';');
            line.push_str(&param.name);
            line.push('=');
            let values: Vec<String> = param.values.iter().map(|v| write::param_value(v)).collect();
            line.push_str(&values.join(","));
        }
        line.push(':');
        line.push_str(&self.value);
        line
    }
}

/// Undoes vCard text escapes: `\n` `\N` (newline), `\\`, `\,`, `\;`, `\:`.
/// Any other backslash is kept as written.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits on `sep` where it is not escaped by a backslash.
pub fn split_unescaped(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, ch) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == sep {
            parts.push(&text[start..i]);
            start = i + ch.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_undone_and_splits_respect_them() {
        assert_eq!(unescape(r"a\, b\; c\nd\\e\:f"), "a, b; c\nd\\e:f");
        assert_eq!(unescape(r"C:\path"), r"C:\path");
        assert_eq!(
            split_unescaped(r"Smith;Anna\;Maria;;", ';'),
            vec!["Smith", r"Anna\;Maria", "", ""]
        );
        assert_eq!(split_unescaped(r"a\\;b", ';'), vec![r"a\\", "b"]);
    }
}
