//! ties' own `ties export csv`: read back by its header (the columns no
//! other program writes), the derived columns (id, last interaction, how
//! many) left aside, the rest kept as `X-CSV` lines like any column ties
//! has no field for here.

use super::columns::{ColumnSpec, Field::*};

pub const SIGNATURE: &[&str] = &[
    "reconnect_every_days",
    "last_interaction",
    "interactions",
    "met_through",
    "expertise",
];

pub const COLUMNS: &[ColumnSpec] = &[
    ("id", Ignore, None),
    ("kind", Kind, None),
    ("name", Name, None),
    ("nickname", Nickname, None),
    ("emails", Email, None),
    ("phones", Phone, None),
    ("websites", Url, None),
    ("tags", Tags, None),
    ("birthday", Birthday, None),
    ("dates", Dates, None),
    ("met_on", MetOn, None),
    ("last_interaction", Ignore, None),
    ("interactions", Ignore, None),
    ("note", Note, None),
];

/// A cell of labelled dates as the export writes it: `label=date; …`, a
/// one-off date followed by ` (once)`. A label may hold `=` or `; `: each
/// entry ends at a date.
pub fn labelled_dates(cell: &str) -> (Vec<crate::model::ContactDate>, Vec<String>) {
    let mut dates = Vec::new();
    let mut unread = Vec::new();
    let mut pending = String::new();
    for part in cell.split("; ") {
        if !pending.is_empty() {
            pending.push_str("; ");
        }
        pending.push_str(part);
        let Some((label, rest)) = pending.rsplit_once('=') else {
            continue;
        };
        let (date, yearly) = match rest.trim().strip_suffix("(once)") {
            Some(date) => (date.trim(), false),
            None => (rest.trim(), true),
        };
        let date = crate::model::ContactDate {
            label: label.trim().to_string(),
            date: date.to_string(),
            yearly,
        };
        if let Ok(date) = crate::rules::contact_date(&date) {
            dates.push(date);
            pending.clear();
        }
    }
    if !pending.trim().is_empty() {
        unread.push(pending);
    }
    (dates, unread)
}

#[cfg(test)]
mod tests {
    use super::labelled_dates;

    #[test]
    fn reads_labels_with_separators_and_one_off_dates() {
        let (dates, unread) = labelled_dates(
            "anniversary=2015-06-01; name day=--12-09; a=b; c=2019-03-01 (once); oops",
        );
        let read: Vec<(&str, &str, bool)> = dates
            .iter()
            .map(|d| (d.label.as_str(), d.date.as_str(), d.yearly))
            .collect();
        assert_eq!(
            read,
            vec![
                ("anniversary", "2015-06-01", true),
                ("name day", "--12-09", true),
                ("a=b; c", "2019-03-01", false),
            ]
        );
        assert_eq!(unread, vec!["oops"]);
    }
}
