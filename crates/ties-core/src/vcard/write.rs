//! Writing vCard text: escapes, parameter quoting, folding at 75 octets.

/// Escapes text for a property value: backslash, newline, comma, semicolon.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.replace("\r\n", "\n").chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            other => out.push(other),
        }
    }
    out
}

/// A parameter value, quoted when it holds `:` `;` `,` or a space, with
/// RFC 6868 caret escapes for what quotes cannot hold.
pub fn param_value(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '^' => escaped.push_str("^^"),
            '"' => escaped.push_str("^'"),
            '\n' => escaped.push_str("^n"),
            '\r' => {}
            other => escaped.push(other),
        }
    }
    if escaped.contains([':', ';', ',', ' ']) {
        format!("\"{escaped}\"")
    } else {
        escaped
    }
}

/// One unfolded property line: `params` are (name, value) pairs, `value`
/// already escaped.
pub fn property_line(name: &str, params: &[(&str, &str)], value: &str) -> String {
    let mut line = String::with_capacity(name.len() + value.len() + 16);
    line.push_str(name);
    for (param, param_val) in params {
        line.push(';');
        line.push_str(param);
        line.push('=');
        line.push_str(&param_value(param_val));
    }
    line.push(':');
    line.push_str(value);
    line
}

/// Builds one card, folding its lines.
#[derive(Debug, Default)]
pub struct CardWriter {
    out: String,
}

impl CardWriter {
    pub fn new(version: &str) -> Self {
        let mut writer = CardWriter::default();
        writer.line("BEGIN:VCARD");
        writer.line(&format!("VERSION:{version}"));
        writer
    }

    /// A property: `params` are (name, value) pairs, `value` already escaped.
    pub fn property(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        self.line(&property_line(name, params, value));
    }

    /// A whole logical line, as kept verbatim from an import.
    pub fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    pub fn finish(mut self) -> String {
        self.line("END:VCARD");
        self.out
    }
}

/// Appends `line` folded to lines of at most 75 octets (CRLF, then a space
/// before each continuation), never splitting a character.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(ch);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_quotes() {
        assert_eq!(escape_text("a, b; c\nd\\"), "a\\, b\\; c\\nd\\\\");
        assert_eq!(param_value("work"), "work");
        assert_eq!(param_value("home fax"), "\"home fax\"");
        assert_eq!(param_value("say \"hi\""), "\"say ^'hi^'\"");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut card = CardWriter::new("4.0");
        let note = "ä".repeat(100);
        card.property("NOTE", &[], &note);
        let text = card.finish();
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("NOTE:{note}\r\n")));
    }
}
