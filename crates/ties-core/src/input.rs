//! The small values people type into a flag or a field: the words that
//! clear a value (`none`), hours, minutes and weights. The command line and
//! the terminal UI both read them here, so `--hours 2,5` and a form's
//! "2,5" mean the same thing. Dates, spans and cadences are in `dates`.

use crate::error::{Error, Field, Result};
use crate::model::WEIGHT_RANGE;

/// The bounds are the store's rules (`crate::rules`): what a face accepts
/// as typed is what the store accepts from anywhere.
pub use crate::rules::{MAX_HOURS_PER_MONTH, MAX_MINUTES};

/// The words that clear an optional value ("back to the default", "no
/// budget", "no review date").
const NONE_WORDS: [&str; 4] = ["none", "off", "-", "default"];

/// Whether `text` is one of the words that clear a value.
pub fn is_none(text: &str) -> bool {
    NONE_WORDS.contains(&text.trim().to_lowercase().as_str())
}

/// A value that may be cleared: blank or a none word is `None`, anything
/// else goes to `parse`, whose refusal then also says that `none` clears.
pub fn optional<T>(text: &str, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if text.trim().is_empty() || is_none(text) {
        return Ok(None);
    }
    parse(text).map(Some).map_err(|error| match error {
        Error::Invalid {
            field,
            value,
            accepted,
        } => Error::Invalid {
            field,
            value,
            accepted: format!("{accepted}, or none"),
        },
        other => other,
    })
}

/// Hours a month: a number from 0 to 744, with a decimal point or comma
/// (`2.5`, `2,5`).
pub fn parse_hours(text: &str) -> Result<f64> {
    let bad = || {
        Error::invalid(
            Field::HoursPerMonth,
            text.trim(),
            format!("a number from 0 to {MAX_HOURS_PER_MONTH}, like 4 or 2.5"),
        )
    };
    let hours: f64 = text.trim().replace(',', ".").parse().map_err(|_| bad())?;
    if !hours.is_finite() || !(0.0..=MAX_HOURS_PER_MONTH).contains(&hours) {
        return Err(bad());
    }
    Ok(hours)
}

/// Minutes an interaction took: a whole number up to a week.
pub fn parse_minutes(text: &str) -> Result<u32> {
    match text.trim().parse::<u32>() {
        Ok(minutes) if minutes <= MAX_MINUTES => Ok(minutes),
        _ => Err(Error::invalid(
            Field::Minutes,
            text.trim(),
            format!("a whole number from 0 to {MAX_MINUTES} (one week)"),
        )),
    }
}

/// The weight of a give/take item: a whole number from 1 to 5.
pub fn parse_weight(text: &str) -> Result<u8> {
    match text.trim().parse::<u8>() {
        Ok(weight) if WEIGHT_RANGE.contains(&weight) => Ok(weight),
        _ => Err(Error::invalid(
            Field::Weight,
            text.trim(),
            format!(
                "a whole number from {} to {}",
                WEIGHT_RANGE.start(),
                WEIGHT_RANGE.end()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_words_clear_and_blank_is_none() {
        for text in ["none", " None ", "off", "-", "default", ""] {
            assert_eq!(optional(text, parse_hours).unwrap(), None, "{text:?}");
        }
        assert_eq!(optional("4", parse_hours).unwrap(), Some(4.0));
        let message = optional("lots", parse_hours).unwrap_err().to_string();
        assert!(
            message.contains("invalid hours per month 'lots'") && message.ends_with("or none"),
            "{message}"
        );
        assert!(!is_none("nobody"));
    }

    #[test]
    fn hours_take_a_decimal_point_or_comma_up_to_a_month() {
        assert_eq!(parse_hours(" 4 ").unwrap(), 4.0);
        assert_eq!(parse_hours("2,5").unwrap(), 2.5);
        assert_eq!(parse_hours("2.5").unwrap(), 2.5);
        assert_eq!(parse_hours("744").unwrap(), 744.0);
        for bad in ["744.5", "-1", "NaN", "inf", "1e308", "four", ""] {
            let message = parse_hours(bad).unwrap_err().to_string();
            assert!(message.contains("0 to 744"), "{bad}: {message}");
        }
    }

    #[test]
    fn minutes_are_at_most_a_week() {
        assert_eq!(parse_minutes("45").unwrap(), 45);
        assert_eq!(parse_minutes("10080").unwrap(), MAX_MINUTES);
        assert!(parse_minutes("10081").is_err());
        assert!(parse_minutes("-5").is_err());
    }

    #[test]
    fn weights_are_one_to_five() {
        assert_eq!(parse_weight("3").unwrap(), 3);
        for bad in ["0", "6", "x", "", "2.5"] {
            let message = parse_weight(bad).unwrap_err().to_string();
            assert!(message.contains("1 to 5"), "{bad}: {message}");
        }
    }
}
