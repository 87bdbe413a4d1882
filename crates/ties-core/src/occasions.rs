//! When birthdays and other dates come round: the day a date falls on in a
//! given year, its next occurrence, how many years it marks, and what is
//! coming up between two days.
//!
//! A yearly date falls every year on its month and day; 29 February, in a
//! year that has none, falls on 28 February (so a leap-day birthday is
//! never skipped, and never moved into March). A one-off date falls only
//! on itself. Dates stored without a year (`--02-14`) are yearly.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::Result;
use crate::model::ContactRef;
use crate::store::Store;

/// The label an occasion of a birthday has (no labelled date may use it).
pub const BIRTHDAY: &str = "birthday";

/// A stored date taken apart: its year when known, month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// `YYYY-MM-DD` or `--MM-DD`, as the store keeps them.
    pub fn parse(stored: &str) -> Option<MonthDay> {
        let (year, rest) = match stored.strip_prefix("--") {
            Some(rest) => (None, rest),
            None => {
                let (year, rest) = stored.split_once('-')?;
                (Some(year.parse().ok()?), rest)
            }
        };
        let (month, day) = rest.split_once('-')?;
        let md = MonthDay {
            year,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        // Valid in a leap year (29 February is), and in its own year.
        NaiveDate::from_ymd_opt(md.year.unwrap_or(2000), md.month, md.day)?;
        Some(md)
    }

    /// The day it falls on in `year`: 29 February on 28 February in a year
    /// without one.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day).or_else(|| {
            (self.month == 2 && self.day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    }
}

/// The first day on or after `from` that a date falls on: for a yearly
/// date, this year's or next year's (never before its own year, when it has
/// one); for a one-off date, the date itself if it is not past.
pub fn next_on_or_after(stored: &str, yearly: bool, from: NaiveDate) -> Option<NaiveDate> {
    let md = MonthDay::parse(stored)?;
    if !yearly {
        let day = NaiveDate::from_ymd_opt(md.year?, md.month, md.day)?;
        return (day >= from).then_some(day);
    }
    let first_year = md.year.map_or(from.year(), |y| y.max(from.year()));
    let this = md.in_year(first_year)?;
    if this >= from {
        Some(this)
    } else {
        md.in_year(first_year + 1)
    }
}

/// How many years a yearly date with a year marks on `on` (an age, an
/// anniversary's count); None without a year, or for a one-off date.
pub fn years_on(stored: &str, yearly: bool, on: NaiveDate) -> Option<u32> {
    let year = MonthDay::parse(stored)?.year?;
    if !yearly {
        return None;
    }
    u32::try_from(on.year() - year).ok()
}

/// A date as the store reads it for occasions: whose, which, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedRow {
    pub contact: ContactRef,
    /// `birthday`, or the date's label.
    pub label: String,
    pub date: String,
    pub yearly: bool,
}

/// One date coming round: whose, which, the day it falls on, and how many
/// years it marks.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Occasion {
    pub contact: ContactRef,
    /// `birthday`, or the date's label ("anniversary").
    pub label: String,
    /// The date as stored: `1990-02-14`, or `--02-14` without the year.
    pub date: String,
    pub yearly: bool,
    /// The day it falls on.
    pub on: NaiveDate,
    /// Days from today to `on`.
    pub in_days: i64,
    /// The age turned, or the years an anniversary marks; None when the
    /// year is not known.
    pub years: Option<u32>,
}

impl Occasion {
    pub fn is_birthday(&self) -> bool {
        self.label == BIRTHDAY
    }
}

/// The days between `from` and `until` (both included) as ranges of
/// `MM-DD` (the last five characters of a stored date), for the store to
/// find candidates by index: one range, two when the span crosses the new
/// year, everything when it is a year or longer. A range that reaches 28
/// February reaches 29 February too (leap-day dates fall on the 28th in
/// other years).
pub fn month_day_ranges(from: NaiveDate, until: NaiveDate) -> Vec<(String, String)> {
    if until < from {
        return Vec::new();
    }
    if (until - from).num_days() >= 365 {
        return vec![("00-00".into(), "99-99".into())];
    }
    let key = |d: NaiveDate| format!("{:02}-{:02}", d.month(), d.day());
    let widen = |end: String| if end == "02-28" { "02-29".into() } else { end };
    if from.year() == until.year() {
        vec![(key(from), widen(key(until)))]
    } else {
        vec![
            (key(from), "12-31".into()),
            ("01-01".into(), widen(key(until))),
        ]
    }
}

/// Every birthday and date of a contact that is not archived falling
/// between `today` and `until`, soonest first (then by name and label).
pub fn upcoming(store: &Store, today: NaiveDate, until: NaiveDate) -> Result<Vec<Occasion>> {
    let rows = store.dated_rows(today, until)?;
    Ok(occasions_between(rows, today, until))
}

/// The occasions of `rows` that fall between `today` and `until`.
pub fn occasions_between(
    rows: impl IntoIterator<Item = DatedRow>,
    today: NaiveDate,
    until: NaiveDate,
) -> Vec<Occasion> {
    let mut out: Vec<Occasion> = rows
        .into_iter()
        .filter_map(|row| {
            let on = next_on_or_after(&row.date, row.yearly, today)?;
            (on <= until).then(|| Occasion {
                years: years_on(&row.date, row.yearly, on),
                in_days: (on - today).num_days(),
                on,
                contact: row.contact,
                label: row.label,
                date: row.date,
                yearly: row.yearly,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.on.cmp(&b.on)
            .then_with(|| a.contact.name.cmp(&b.contact.name))
            .then(a.contact.id.cmp(&b.contact.id))
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn leap_day_dates_fall_on_28_february_in_other_years() {
        let from = day("2026-11-26");
        assert_eq!(
            next_on_or_after("2000-02-29", true, from),
            Some(day("2027-02-28"))
        );
        assert_eq!(
            next_on_or_after("--02-29", true, day("2027-03-01")),
            Some(day("2028-02-29"))
        );
        assert_eq!(years_on("2000-02-29", true, day("2027-02-28")), Some(27));
    }

    #[test]
    fn next_occurrences() {
        let from = day("2026-11-26");
        assert_eq!(
            next_on_or_after("1990-11-26", true, from),
            Some(from),
            "today counts"
        );
        assert_eq!(
            next_on_or_after("1990-11-25", true, from),
            Some(day("2027-11-25"))
        );
        assert_eq!(
            next_on_or_after("--12-09", true, from),
            Some(day("2026-12-09"))
        );
        // A yearly date never falls before its own year.
        assert_eq!(
            next_on_or_after("2028-01-01", true, from),
            Some(day("2028-01-01"))
        );
        assert_eq!(
            next_on_or_after("2027-06-12", false, from),
            Some(day("2027-06-12"))
        );
        assert_eq!(next_on_or_after("2026-06-12", false, from), None);
        assert_eq!(years_on("1990-12-01", true, day("2026-12-01")), Some(36));
        assert_eq!(years_on("--12-01", true, day("2026-12-01")), None);
        assert_eq!(years_on("2027-06-12", false, day("2027-06-12")), None);
    }

    #[test]
    fn ranges_cover_the_span_and_the_new_year() {
        assert_eq!(
            month_day_ranges(day("2026-11-26"), day("2026-12-03")),
            vec![("11-26".to_string(), "12-03".to_string())]
        );
        assert_eq!(
            month_day_ranges(day("2026-12-28"), day("2027-01-04")).len(),
            2
        );
        assert_eq!(
            month_day_ranges(day("2027-02-20"), day("2027-02-28")),
            vec![("02-20".to_string(), "02-29".to_string())]
        );
        assert_eq!(
            month_day_ranges(day("2026-01-01"), day("2027-01-01")),
            vec![("00-00".to_string(), "99-99".to_string())]
        );
        assert!(month_day_ranges(day("2026-01-02"), day("2026-01-01")).is_empty());
    }

    #[test]
    fn occasions_are_soonest_first_within_the_span() {
        let anna = ContactRef {
            id: 1,
            name: "Anna".into(),
        };
        let row = |label: &str, date: &str, yearly: bool| DatedRow {
            contact: anna.clone(),
            label: label.into(),
            date: date.into(),
            yearly,
        };
        let today = day("2026-11-26");
        let found = occasions_between(
            [
                row("birthday", "1990-12-01", true),
                row("anniversary", "2015-11-27", true),
                row("name day", "--03-01", true),
                row("moving", "2026-11-30", false),
            ],
            today,
            day("2026-12-26"),
        );
        let labels: Vec<&str> = found.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["anniversary", "moving", "birthday"]);
        assert_eq!(found[2].years, Some(36));
        assert_eq!(found[2].in_days, 5);
        assert!(found[2].is_birthday());
    }
}
