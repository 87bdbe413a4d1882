//! Reading the network form's typed fields, with messages that say what to
//! type instead.

use chrono::NaiveDate;

use ties::dates::parse_span;

/// The most hours a month has.
const MAX_HOURS: f64 = 744.0;

/// Hours a month: blank for no budget, else a number (a decimal comma is fine).
pub fn hours(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || {
        format!(
            "'{text}' is not an amount of hours: type a number like 4 or 2.5, or leave it blank"
        )
    };
    let value: f64 = text.replace(',', ".").parse().map_err(|_| bad())?;
    if !value.is_finite() || !(0.0..=MAX_HOURS).contains(&value) {
        return Err(format!(
            "{text} hours a month is out of range: 0 to {MAX_HOURS}"
        ));
    }
    Ok(Some(value))
}

/// The review date: blank for none, a date, or a span from today (`3m`).
pub fn review_date(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(Some(date));
    }
    parse_span(text)
        .and_then(|span| span.forward_from(today))
        .map(Some)
        .ok_or_else(|| format!("'{text}' is not a date: type 2027-03-01, a span from today like 3m, or leave it blank"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_take_blank_numbers_and_decimal_commas() {
        assert_eq!(hours(""), Ok(None));
        assert_eq!(hours(" 4 "), Ok(Some(4.0)));
        assert_eq!(hours("2,5"), Ok(Some(2.5)));
        assert!(hours("four").unwrap_err().contains("like 4 or 2.5"));
        assert!(hours("-1").unwrap_err().contains("out of range"));
        assert!(hours("NaN").is_err());
    }

    #[test]
    fn review_dates_take_dates_and_spans_forward() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(review_date("", today), Ok(None));
        assert_eq!(
            review_date("2027-03-01", today),
            Ok(NaiveDate::from_ymd_opt(2027, 3, 1))
        );
        assert_eq!(
            review_date("3m", today),
            Ok(NaiveDate::from_ymd_opt(2027, 2, 26))
        );
        assert!(
            review_date("soon", today)
                .unwrap_err()
                .contains("2027-03-01")
        );
    }
}
