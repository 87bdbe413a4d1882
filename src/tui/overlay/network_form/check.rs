//! What is wrong with the network form's typed fields, read by the core's
//! parsers and worded for the form: what to type instead.

use chrono::NaiveDate;

use ties::dates::parse_ahead;
use ties::input::{MAX_HOURS_PER_MONTH, optional, parse_hours};

/// Hours a month: blank (or none) for no budget, else a number; a decimal
/// comma is fine.
pub fn hours(text: &str) -> Result<Option<f64>, String> {
    optional(text, parse_hours).map_err(|_| {
        format!("type a number from 0 to {MAX_HOURS_PER_MONTH}, like 4 or 2.5, or leave it blank")
    })
}

/// The review date: blank (or none) for none, a date, or a span from
/// today (`3m`).
pub fn review_date(text: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    optional(text, |text| parse_ahead(text, today))
        .map_err(|_| "type 2027-03-01, a span from today like 3m, or leave it blank".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_take_blank_numbers_and_decimal_commas() {
        assert_eq!(hours(""), Ok(None));
        assert_eq!(hours("none"), Ok(None));
        assert_eq!(hours(" 4 "), Ok(Some(4.0)));
        assert_eq!(hours("2,5"), Ok(Some(2.5)));
        assert!(hours("four").unwrap_err().contains("like 4 or 2.5"));
        assert!(hours("-1").unwrap_err().contains("0 to 744"));
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
