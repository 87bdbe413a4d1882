//! Apple's labelled dates: macOS and iOS Contacts (and Gmail's vCards,
//! which copy them) write a date besides the birthday as
//! `itemN.X-ABDATE:2015-06-01`, its label in `itemN.X-ABLABEL` of the same
//! group: one of Apple's own in a `_$!<…>!$_` wrapper
//! (`_$!<Anniversary>!$_`), or the user's own words.

use crate::vcard::{Card, Property};

/// The label of an `X-ABDATE`, in plain words: the `X-ABLABEL` of its group
/// with Apple's wrapper taken off and Apple's own labels lower-cased
/// (`_$!<Anniversary>!$_` is "anniversary"); "other", as Apple's generic
/// label, when the date has no label.
pub(super) fn label_of(date: &Property, card: &Card) -> String {
    match label_property(date, card).map(|l| l.text()) {
        Some(text) => plain(text.trim()),
        None => "other".to_string(),
    }
}

/// The date's text, with the year 1604 Apple writes for a date without a
/// year (`X-APPLE-OMIT-YEAR=1604`) written as ties writes none: `--12-09`.
pub(super) fn without_omitted_year(date: &Property) -> String {
    let text = date.text();
    match text.trim().strip_prefix(OMITTED_YEAR) {
        Some(rest) if rest.starts_with('-') => format!("-{rest}"),
        _ => text,
    }
}

/// The year Apple's Contacts writes for "no year".
const OMITTED_YEAR: &str = "1604";

/// The `X-ABLABEL` of the date's group.
pub(super) fn label_property<'a>(date: &Property, card: &'a Card) -> Option<&'a Property> {
    let group = date.group.as_deref()?;
    card.all("X-ABLABEL").find(|l| {
        l.group
            .as_deref()
            .is_some_and(|g| g.eq_ignore_ascii_case(group))
    })
}

/// Apple's own labels are English words in a wrapper, spelled as titles:
/// ties' labels are lower case. A label the user wrote stays as written.
fn plain(label: &str) -> String {
    match label
        .strip_prefix("_$!<")
        .and_then(|rest| rest.strip_suffix(">!$_"))
    {
        Some(apple) => apple.trim().to_lowercase(),
        None => label.to_string(),
    }
}

/// Whether an `X-ABLABEL` labels a date that can be read (`read_groups`):
/// it is read with the date, not kept as a line of its own.
pub(super) fn labels_a_read_date(label: &Property, read_groups: &[String]) -> bool {
    label
        .group
        .as_deref()
        .is_some_and(|g| read_groups.iter().any(|r| r.eq_ignore_ascii_case(g)))
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn apple_labels_are_worded_plainly() {
        assert_eq!(plain("_$!<Anniversary>!$_"), "anniversary");
        assert_eq!(plain("_$!<Other>!$_"), "other");
        assert_eq!(plain("Started at Kasvu"), "Started at Kasvu");
    }
}
