//! Dates and spans as people type them. Looking back (a meeting just
//! logged): `today`, `yesterday`, `-3d`, `2w ago`, `friday`, `2026-11-20`,
//! `11-20`. Looking ahead (a snooze, a review date): `2027-01-15`, or a span
//! from today, `3m`, `in 2w`. And cadences, `30d`, `2w`. The grammar is small
//! and closed, so a hand-written parser gives exact, predictable errors where
//! a general natural-language crate would guess. The command line and the
//! terminal UI both read dates here, so they accept the same forms.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::error::{Error, Field, Result};

/// What "now" is. Fixed by `--today` / `TIES_TODAY` so that tests and
/// scripts are reproducible; otherwise the local date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub today: NaiveDate,
    /// Set when today was fixed: timestamps then use noon of that day, so a
    /// fixed run writes the same bytes every time.
    pub fixed: bool,
}

impl Clock {
    pub fn system() -> Self {
        Clock {
            today: chrono::Local::now().date_naive(),
            fixed: false,
        }
    }

    pub fn fixed(today: NaiveDate) -> Self {
        Clock { today, fixed: true }
    }

    /// A timestamp for `created_at` / `updated_at`, RFC 3339 in UTC.
    pub fn timestamp(&self) -> String {
        if self.fixed {
            format!("{}T12:00:00Z", self.today.format("%Y-%m-%d"))
        } else {
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
        }
    }
}

/// The calendar the parsers read dates in: the years SQLite's date
/// functions handle and people write with four digits. Nothing outside it
/// is parsed, so no date arithmetic (a week's end, a snooze, a due date)
/// can run off chrono's range, whatever is typed.
///
/// Two bounds, two jobs: this one keeps parsing total; what may be kept is
/// the store's rule, `rules::YEARS` (1900 to 2200), applied to every write.
/// A date written outside this calendar is refused in the rule's words, the
/// range that works everywhere.
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("a date");
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date");

fn in_calendar(date: NaiveDate) -> Option<NaiveDate> {
    (EARLIEST..=LATEST).contains(&date).then_some(date)
}

/// A date written `YYYY-MM-DD`, within years 1 to 9999.
pub fn parse_calendar_date(input: &str) -> Option<NaiveDate> {
    let text = input.trim();
    // chrono also reads signed and five-digit years; people do not write them.
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(in_calendar)
}

/// The refusal of a `YYYY-MM-DD` whose year lies outside the calendar
/// (`+262142-12-31`, `10000-01-01`, `0000-12-31`): it names the dates
/// accepted, rather than the forms a date may take.
fn outside_calendar(input: &str) -> Option<Error> {
    let text = input.trim();
    let unsigned = text.trim_start_matches(['+', '-']);
    let parts: Vec<&str> = unsigned.split('-').collect();
    let date_shaped = parts.len() == 3
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    let year = parts[0].trim_start_matches('0');
    let year_outside = unsigned.len() != text.len() || year.is_empty() || year.len() > 4;
    (date_shaped && year_outside)
        .then(|| Error::invalid(Field::Date, text, crate::rules::dates_accepted()))
}

const DATE_FORMS: &str =
    "today, yesterday, -3d, 2w ago, a weekday name (friday; last friday), 2026-11-20 or 11-20";

/// What `parse_ahead` accepts, for error messages and hints.
pub const AHEAD_FORMS: &str = "a date like 2027-01-15 or a span from today like 2w or 3m";

/// The longest cadence: ten years (the store's rule, `rules::CADENCE_DAYS`).
pub const MAX_CADENCE_DAYS: u32 = *crate::rules::CADENCE_DAYS.end();

/// Parses a date relative to `today`. Relative forms count back, never
/// forward: a meeting is logged after it happened.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let bad = || Error::invalid(Field::Date, input, DATE_FORMS);
    parse_any_date(input, today).and_then(|date| in_calendar(date).ok_or_else(bad))
}

fn parse_any_date(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let text = input.trim().to_lowercase();
    let bad = || Error::invalid(Field::Date, input, DATE_FORMS);
    match text.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return today.pred_opt().ok_or_else(bad),
        _ => {}
    }
    if let Some((weekday, last)) = parse_weekday(&text) {
        // The most recent such day, today included: `thursday` on a
        // Thursday is today, as "the meeting on Thursday" is said that
        // evening. `last thursday` is the one before today, a week ago.
        let back =
            (today.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        let back = if back == 0 && last { 7 } else { back };
        return today
            .checked_sub_signed(Duration::days(i64::from(back)))
            .ok_or_else(bad);
    }
    if let Some(span) = parse_ago(&text) {
        return span.back_from(today).ok_or_else(bad);
    }
    if let Some(date) = parse_calendar_date(&text) {
        return Ok(date);
    }
    if let Some(outside) = outside_calendar(&text) {
        return Err(outside);
    }
    if let Some((month, day)) = text.split_once('-')
        && let (Ok(month), Ok(day)) = (month.parse::<u32>(), day.parse::<u32>())
        && month.to_string().len() <= 2
    {
        // `11-20`: this year's, or last year's when that would be in the future.
        let this_year = NaiveDate::from_ymd_opt(today.year(), month, day).ok_or_else(bad)?;
        return Ok(if this_year > today {
            NaiveDate::from_ymd_opt(today.year() - 1, month, day).ok_or_else(bad)?
        } else {
            this_year
        });
    }
    Err(bad())
}

/// `date`, unless it is after `today`: what is logged has happened.
pub fn up_to_today(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if date > today {
        return Err(Error::invalid(
            Field::Date,
            date.to_string(),
            format!(
                "a date from {}-01-01 up to today (that one is in the future: log what has happened)",
                crate::rules::YEARS.start()
            ),
        ));
    }
    Ok(date)
}

/// A date of something that happened: `parse_date`, then `up_to_today`.
pub fn parse_past_date(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    up_to_today(parse_date(input, today)?, today)
}

/// Exactly `YYYY-MM-DD`, for values that scripts pass (`--today`).
pub fn parse_day(input: &str) -> Result<NaiveDate> {
    parse_calendar_date(input).ok_or_else(|| {
        outside_calendar(input)
            .unwrap_or_else(|| Error::invalid(Field::Date, input, "a date like 2026-11-26"))
    })
}

/// A date ahead: `2027-01-15`, or a span from today (`3m`, `in 2w`, `+1y`).
/// Relative forms count forward here, the opposite of `parse_date`: a
/// snooze or a review lies in the future.
pub fn parse_ahead(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let bad = || Error::invalid(Field::Date, input, AHEAD_FORMS);
    let text = input.trim().to_lowercase();
    if let Some(date) = parse_calendar_date(&text) {
        return Ok(date);
    }
    if let Some(outside) = outside_calendar(&text) {
        return Err(outside);
    }
    let span_text = text
        .strip_prefix("in ")
        .or_else(|| text.strip_prefix('+'))
        .unwrap_or(&text);
    parse_span(span_text)
        .and_then(|span| span.forward_from(today))
        .ok_or_else(bad)
}

/// A weekday's name (`friday`, `fri`), and whether it came as `last friday`.
fn parse_weekday(text: &str) -> Option<(Weekday, bool)> {
    let (text, last) = match text.strip_prefix("last ") {
        Some(rest) => (rest.trim_start(), true),
        None => (text, false),
    };
    let days = [
        (Weekday::Mon, "monday", "mon"),
        (Weekday::Tue, "tuesday", "tue"),
        (Weekday::Wed, "wednesday", "wed"),
        (Weekday::Thu, "thursday", "thu"),
        (Weekday::Fri, "friday", "fri"),
        (Weekday::Sat, "saturday", "sat"),
        (Weekday::Sun, "sunday", "sun"),
    ];
    days.iter()
        .find(|(_, long, short)| text == *long || text == *short)
        .map(|(day, _, _)| (*day, last))
}

/// A span of days, weeks, months or years: `3d`, `2w`, `6m`, `1y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub count: u32,
    pub unit: SpanUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanUnit {
    Day,
    Week,
    Month,
    Year,
}

impl Span {
    /// The span in days, months and years counted as 30 and 365.
    pub fn days(self) -> u32 {
        self.count.saturating_mul(match self.unit {
            SpanUnit::Day => 1,
            SpanUnit::Week => 7,
            SpanUnit::Month => 30,
            SpanUnit::Year => 365,
        })
    }

    fn back_from(self, today: NaiveDate) -> Option<NaiveDate> {
        let date = match self.unit {
            SpanUnit::Month => today.checked_sub_months(chrono::Months::new(self.count)),
            SpanUnit::Year => {
                today.checked_sub_months(chrono::Months::new(self.count.checked_mul(12)?))
            }
            _ => today.checked_sub_signed(Duration::days(i64::from(self.days()))),
        };
        date.and_then(in_calendar)
    }

    /// `today` plus the span, if that is still within years 1 to 9999.
    pub fn forward_from(self, today: NaiveDate) -> Option<NaiveDate> {
        let date = match self.unit {
            SpanUnit::Month => today.checked_add_months(chrono::Months::new(self.count)),
            SpanUnit::Year => {
                today.checked_add_months(chrono::Months::new(self.count.checked_mul(12)?))
            }
            _ => today.checked_add_signed(Duration::days(i64::from(self.days()))),
        };
        date.and_then(in_calendar)
    }
}

/// `3d`, `2 weeks`, `6m`, `1y` (no sign).
pub fn parse_span(input: &str) -> Option<Span> {
    let text = input.trim().to_lowercase();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if digits_end == 0 {
        return None;
    }
    let count: u32 = text[..digits_end].parse().ok()?;
    let unit = match text[digits_end..].trim() {
        "" | "d" | "day" | "days" => SpanUnit::Day,
        "w" | "wk" | "week" | "weeks" => SpanUnit::Week,
        "m" | "mo" | "month" | "months" => SpanUnit::Month,
        "y" | "yr" | "year" | "years" => SpanUnit::Year,
        _ => return None,
    };
    Some(Span { count, unit })
}

/// `-3d`, `3d ago`, `2 weeks ago`.
fn parse_ago(text: &str) -> Option<Span> {
    if let Some(rest) = text.strip_prefix('-') {
        return parse_span(rest);
    }
    parse_span(text.strip_suffix("ago")?.trim_end())
}

/// A cadence like `30d`, `2w`, `3m` (a bare number means days), in days.
pub fn parse_cadence(input: &str) -> Result<u32> {
    let bad = || {
        Error::invalid(
            Field::Cadence,
            input,
            "a period like 30d, 2w, 3m or 1y (at least one day)",
        )
    };
    let span = parse_span(input).ok_or_else(bad)?;
    match span.days() {
        0 => Err(bad()),
        // The bound is the store's rule; the words say it in periods.
        days if crate::rules::cadence(days).is_err() => Err(Error::invalid(
            Field::Cadence,
            input,
            format!("at most 10 years ({MAX_CADENCE_DAYS} days)"),
        )),
        days => Ok(days),
    }
}

/// What `parse_occasion_date` accepts, for messages and hints.
pub const OCCASION_FORMS: &str =
    "YYYY-MM-DD like 1990-02-14, or --MM-DD (or MM-DD) without the year";

/// A birthday or a contact's labelled date as typed: `1990-02-14`, or
/// `--02-14` or `02-14` without the year. Returns the stored form
/// (`--02-14` for both of the latter), checked by the store's rule.
pub fn parse_occasion_date(input: &str, field: Field, yearly: bool) -> Result<String> {
    let text = input.trim();
    let bad = || Error::invalid(field, text, OCCASION_FORMS);
    let is_month_day = |s: &str| {
        s.len() == 5
            && s.as_bytes()[2] == b'-'
            && s.bytes()
                .enumerate()
                .all(|(i, b)| i == 2 || b.is_ascii_digit())
    };
    let stored = if is_month_day(text) {
        format!("--{text}")
    } else if text.starts_with("--") || (text.len() == 10 && text.as_bytes()[4] == b'-') {
        text.to_string()
    } else {
        return Err(bad());
    };
    crate::rules::occasion_date(field, &stored, yearly).map_err(|e| match e {
        // A one-off date without its year says so; anything else names the forms.
        Error::Invalid { accepted, .. } if accepted.contains("one-off") => {
            Error::invalid(field, text, accepted)
        }
        _ => bad(),
    })
}

/// What `parse_labelled_date` accepts, for messages and hints.
pub const LABELLED_FORMS: &str = "LABEL=DATE, like anniversary=2015-06-01 or \"name day=12-09\" (yearly), or \"wedding=2027-06-12 once\" for a date that happens once";

/// A labelled date as typed: `anniversary=2015-06-01`, `name day=12-09`;
/// yearly unless it ends in ` once` (`wedding=2027-06-12 once`).
pub fn parse_labelled_date(input: &str) -> Result<crate::model::ContactDate> {
    let bad = || Error::invalid(Field::ContactDate, input.trim(), LABELLED_FORMS);
    let (label, rest) = input.split_once('=').ok_or_else(bad)?;
    let rest = rest.trim();
    let (date, yearly) = match rest.rsplit_once(char::is_whitespace) {
        Some((date, word)) if word.eq_ignore_ascii_case("once") => (date.trim(), false),
        Some((date, word)) if word.eq_ignore_ascii_case("yearly") => (date.trim(), true),
        _ => (rest, true),
    };
    let label = crate::rules::date_label(label)?;
    let date = parse_occasion_date(date, Field::ContactDate, yearly)?;
    Ok(crate::model::ContactDate {
        label,
        date,
        yearly,
    })
}

/// The longest span `parse_within` takes, in days (ten years).
pub const MAX_WITHIN_DAYS: u32 = 3650;

/// How far ahead to look, as a span from today (`7d`, `2w`, `3m`, `1y`,
/// `0d` for today only): the last day it reaches.
pub fn parse_within(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let bad = || {
        Error::invalid(
            Field::Within,
            input.trim(),
            "a span ahead like 7d, 2w, 3m or 1y (at most 10 years)",
        )
    };
    let span = parse_span(input).ok_or_else(bad)?;
    if span.days() > MAX_WITHIN_DAYS {
        return Err(bad());
    }
    span.forward_from(today).ok_or_else(bad)
}

/// "today", "yesterday", "3 d ago", "in 4 d": a date relative to today, for text output.
pub fn relative(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        -1 => "tomorrow".to_string(),
        d if d > 0 => format!("{d} d ago"),
        d => format!("in {} d", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    // 2026-11-26 is a Thursday.
    const TODAY: &str = "2026-11-26";

    #[test]
    fn natural_forms() {
        let today = day(TODAY);
        let cases = [
            ("today", "2026-11-26"),
            ("Yesterday", "2026-11-25"),
            ("-3d", "2026-11-23"),
            ("-2w", "2026-11-12"),
            ("2w ago", "2026-11-12"),
            ("3 days ago", "2026-11-23"),
            ("1m ago", "2026-10-26"),
            ("friday", "2026-11-20"),
            // Today's name is today; `last` it is a week ago.
            ("thu", "2026-11-26"),
            ("Thursday", "2026-11-26"),
            ("last thursday", "2026-11-19"),
            ("last wednesday", "2026-11-25"),
            ("wednesday", "2026-11-25"),
            ("2026-11-20", "2026-11-20"),
            ("11-20", "2026-11-20"),
            ("12-24", "2025-12-24"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input, today).unwrap(), day(expected), "{input}");
        }
    }

    #[test]
    fn bad_dates_name_the_accepted_forms() {
        let today = day(TODAY);
        for input in ["2026-13-40", "02-30", "soon", "", "-", "3x ago"] {
            let message = parse_date(input, today).unwrap_err().to_string();
            assert!(
                message.contains("invalid date") || message.contains("the date is empty"),
                "{input}: {message}"
            );
            assert!(message.contains("yesterday"), "{input}: {message}");
        }
    }

    #[test]
    fn dates_stay_within_years_1_to_9999() {
        let today = day(TODAY);
        for input in [
            "+262142-12-31",
            "-262143-01-01",
            "10000-01-01",
            "0000-12-31",
            "-3000000y",
        ] {
            assert!(parse_date(input, today).is_err(), "{input}");
            assert_eq!(parse_calendar_date(input), None, "{input}");
        }
        assert_eq!(parse_date("9999-12-31", today).unwrap(), LATEST);
        assert_eq!(parse_calendar_date(" 0001-01-01 "), Some(EARLIEST));
        assert_eq!(parse_date("yesterday", EARLIEST).ok(), None);
        let span = parse_span("8000y").unwrap();
        assert_eq!(span.forward_from(today), None);
    }

    #[test]
    fn a_year_outside_the_calendar_is_refused_with_the_dates_accepted() {
        let today = day(TODAY);
        for input in [
            "+262142-12-31",
            "-262143-01-01",
            "10000-01-01",
            "0000-12-31",
        ] {
            for message in [
                parse_date(input, today).unwrap_err().to_string(),
                parse_ahead(input, today).unwrap_err().to_string(),
                parse_day(input).unwrap_err().to_string(),
            ] {
                assert!(
                    message.contains(&format!("'{input}'"))
                        && message.contains("from 1900-01-01 to 2200-12-31"),
                    "{input}: {message}"
                );
            }
        }
        // A date in the calendar but in the future is said as such, with
        // the range a logged date may take.
        let future = parse_past_date("3000-01-01", today)
            .unwrap_err()
            .to_string();
        assert!(
            future.contains("from 1900-01-01 up to today") && future.contains("in the future"),
            "{future}"
        );
    }

    #[test]
    fn cadences() {
        assert_eq!(parse_cadence("30d").unwrap(), 30);
        assert_eq!(parse_cadence("2w").unwrap(), 14);
        assert_eq!(parse_cadence("3m").unwrap(), 90);
        assert_eq!(parse_cadence("45").unwrap(), 45);
        assert!(parse_cadence("0d").is_err());
        assert!(parse_cadence("often").is_err());
        assert_eq!(parse_cadence("10y").unwrap(), MAX_CADENCE_DAYS);
        assert!(parse_cadence("3651").is_err());
    }

    #[test]
    fn dates_ahead_count_forward_from_today() {
        let today = day(TODAY);
        for (input, expected) in [
            ("2027-01-15", "2027-01-15"),
            ("3m", "2027-02-26"),
            ("in 2w", "2026-12-10"),
            ("+1y", "2027-11-26"),
            (" 10d ", "2026-12-06"),
        ] {
            assert_eq!(parse_ahead(input, today).unwrap(), day(expected), "{input}");
        }
        for input in ["soon", "", "-2w", "2w ago", "99999999y", "2027-02-30"] {
            let message = parse_ahead(input, today).unwrap_err().to_string();
            assert!(
                message.contains("2027-01-15") && message.contains("3m"),
                "{input}: {message}"
            );
        }
    }

    #[test]
    fn logged_dates_are_up_to_today() {
        let today = day(TODAY);
        assert_eq!(
            parse_past_date("yesterday", today).unwrap(),
            day("2026-11-25")
        );
        assert_eq!(parse_past_date("today", today).unwrap(), today);
        let future = parse_past_date("2026-12-01", today)
            .unwrap_err()
            .to_string();
        assert!(future.contains("in the future"), "{future}");
        assert!(parse_past_date("soon", today).is_err());
    }

    #[test]
    fn days_are_strict() {
        assert_eq!(parse_day(" 2026-11-26 ").unwrap(), day(TODAY));
        assert!(parse_day("yesterday").is_err());
        assert!(parse_day("2026-11-31").is_err());
    }

    #[test]
    fn occasion_dates_with_or_without_a_year() {
        let parse = |t: &str| parse_occasion_date(t, Field::Birthday, true);
        assert_eq!(parse("1990-02-14").unwrap(), "1990-02-14");
        assert_eq!(parse(" --02-14 ").unwrap(), "--02-14");
        assert_eq!(parse("02-14").unwrap(), "--02-14");
        assert_eq!(parse("02-29").unwrap(), "--02-29");
        for bad in [
            "--02-30",
            "02-30",
            "1990-02-30",
            "14.2.1990",
            "",
            "2-14",
            "0001-01-01",
        ] {
            let message = parse(bad).unwrap_err().to_string();
            assert!(message.contains("--MM-DD"), "{bad}: {message}");
        }
        let once = parse_occasion_date("06-12", Field::ContactDate, false)
            .unwrap_err()
            .to_string();
        assert!(once.contains("one-off"), "{once}");
    }

    #[test]
    fn labelled_dates_as_typed() {
        let date = parse_labelled_date("anniversary=2015-06-01").unwrap();
        assert_eq!(
            (date.label.as_str(), date.date.as_str(), date.yearly),
            ("anniversary", "2015-06-01", true)
        );
        let date = parse_labelled_date(" name day = 12-09 ").unwrap();
        assert_eq!(
            (date.label.as_str(), date.date.as_str()),
            ("name day", "--12-09")
        );
        let date = parse_labelled_date("wedding=2027-06-12 once").unwrap();
        assert!(!date.yearly);
        for bad in ["anniversary", "=2015-06-01", "x=2015-13-01", "x=12-09 once"] {
            assert!(parse_labelled_date(bad).is_err(), "{bad}");
        }
        let message = parse_labelled_date("anniversary").unwrap_err().to_string();
        assert!(message.contains("LABEL=DATE"), "{message}");
    }

    #[test]
    fn spans_ahead() {
        let today = day(TODAY);
        assert_eq!(parse_within("7d", today).unwrap(), day("2026-12-03"));
        assert_eq!(parse_within("0d", today).unwrap(), today);
        assert_eq!(parse_within("1y", today).unwrap(), day("2027-11-26"));
        for bad in ["-1d", "soon", "", "11y", "99999999999d"] {
            let message = parse_within(bad, today).unwrap_err().to_string();
            assert!(message.contains("7d, 2w"), "{bad}: {message}");
        }
    }

    #[test]
    fn relative_wording() {
        let today = day(TODAY);
        assert_eq!(relative(today, today), "today");
        assert_eq!(relative(day("2026-11-14"), today), "12 d ago");
        assert_eq!(relative(day("2026-11-30"), today), "in 4 d");
    }
}
