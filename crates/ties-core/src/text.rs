//! Text is hostile: names arrive decomposed, with accents, in wide scripts,
//! or holding escape sequences. These helpers normalise what is stored, fold
//! what is searched, and make what is shown safe for a terminal.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Normalises user text before it is stored: NFC (so "Järvinen" typed on a
/// Mac equals the one typed elsewhere) and trimmed.
pub fn clean(input: &str) -> String {
    let trimmed = input.trim();
    // Most text is NFC already (all ASCII is): the quick check says so
    // without composing it character by character.
    match unicode_normalization::is_nfc_quick(trimmed.chars()) {
        unicode_normalization::IsNormalized::Yes => trimmed.to_string(),
        _ => trimmed.nfc().collect(),
    }
}

/// The search key of a text: transliterated to ASCII, lowercase, runs of
/// non-alphanumerics collapsed to one space. "Anna Järvinen" → "anna jarvinen",
/// so "jarvinen" finds her, and "Zoë" is found by "zoe".
pub fn fold(input: &str) -> String {
    let ascii = deunicode::deunicode(input);
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The symbols that tell one name from another ("C++ Foundation" is not
/// "C# Foundation", "F+" is not "F#"): kept by `fold_keeping_symbols`.
/// Other punctuation (dots, commas, dashes, apostrophes, brackets) only
/// decorates a name and is ignored.
const DISTINGUISHING: &[char] = &[
    '+', '#', '&', '@', '$', '%', '*', '=', '<', '>', '~', '^', '|', '/', '\\',
];

/// The key names are matched by when a user names a contact or an
/// organisation: like `fold` (accents, case and decorative punctuation
/// ignored, so "jarvinen" finds "Järvinen" and "o'brien" finds "O'Brien"),
/// but the distinguishing symbols are kept as words of their own or inside
/// them: "C++ Foundation" → "c++ foundation". Equal keys imply equal `fold`s.
pub fn fold_keeping_symbols(input: &str) -> String {
    let ascii = deunicode::deunicode(input);
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() || DISTINGUISHING.contains(&ch) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Makes stored text safe to write to a terminal: control characters (C0, C1,
/// DEL) and bidirectional overrides are shown escaped as `\u{1b}`, so a name
/// holding an escape sequence can never repaint the screen. Newlines and tabs
/// are escaped too: callers that want line breaks split the text first.
pub fn printable(input: &str) -> Cow<'_, str> {
    if !input.chars().any(needs_escape) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for ch in input.chars() {
        if needs_escape(ch) {
            out.push_str(&format!("\\u{{{:x}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(ch: char) -> bool {
    ch.is_control() || is_bidi_control(ch)
}

/// Bidirectional embedding, override and isolate controls: they reorder what
/// follows them on screen ("Trojan Source").
pub(crate) fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Display width in terminal columns (CJK and emoji count two).
pub fn width(input: &str) -> usize {
    UnicodeWidthStr::width(input)
}

/// Cuts a text to at most `max` columns, ending in `…` when cut. Never splits
/// a character, and never leaves a combining mark without its base.
pub fn truncate(input: &str, max: usize) -> Cow<'_, str> {
    if width(input) <= max {
        return Cow::Borrowed(input);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in input.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(ch);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Pads a text with spaces to `columns` display columns (truncating first).
pub fn pad(input: &str, columns: usize) -> String {
    let cut = truncate(input, columns);
    let fill = columns.saturating_sub(width(&cut));
    let mut out = String::with_capacity(cut.len() + fill);
    out.push_str(&cut);
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_case_and_punctuation() {
        assert_eq!(fold("Anna Järvinen"), "anna jarvinen");
        assert_eq!(fold("  Zoë Brontë-Ōkubo "), "zoe bronte okubo");
        assert_eq!(fold("A\u{0308}iti"), "aiti"); // decomposed ä
    }

    #[test]
    fn symbols_that_tell_names_apart_are_kept() {
        assert_eq!(fold_keeping_symbols("C++ Foundation"), "c++ foundation");
        assert_eq!(fold_keeping_symbols("C# Foundation"), "c# foundation");
        assert_ne!(fold_keeping_symbols("F+"), fold_keeping_symbols("F#"));
        assert_eq!(
            fold_keeping_symbols("Kasvu Oy."),
            fold_keeping_symbols("kasvu oy")
        );
        assert_eq!(fold_keeping_symbols("Zoë O'Brien"), "zoe o brien");
        assert_eq!(fold_keeping_symbols("AT&T"), "at&t");
        // Equal keys, equal folds: the stored fold can narrow a lookup.
        for (a, b) in [("C++", "c++"), ("Kasvu, Oy", "KASVU OY")] {
            assert_eq!(fold_keeping_symbols(a), fold_keeping_symbols(b));
            assert_eq!(fold(a), fold(b));
        }
    }

    #[test]
    fn clean_composes_to_nfc() {
        assert_eq!(clean(" A\u{0308}iti "), "\u{00c4}iti");
    }

    #[test]
    fn printable_escapes_controls_and_bidi() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(printable("\u{9b}"), "\\u{9b}");
    }

    #[test]
    fn truncate_counts_columns_not_bytes() {
        assert_eq!(truncate("王小明先生", 5), "王小…");
        assert_eq!(width(&truncate("王小明先生", 5)), 5);
        assert_eq!(truncate("Järvinen", 8), "Järvinen");
        assert_eq!(truncate("Järvinen", 4), "Jär…");
        assert_eq!(pad("王", 4), "王  ");
    }
}
