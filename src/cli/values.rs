//! How the command line reads the values of its options. Values are parsed
//! by the core's own parsers (`FromStr` for closed sets, `ties::dates`,
//! `ties::input`), the same ones the terminal UI uses, so both faces accept
//! the same input. A value that does not parse says what is accepted in
//! clap's own message: "invalid value 'lots' for '--hours <HOURS>': use a
//! number from 0 to 744, like 4 or 2.5". Closed sets (`Closed`) also give
//! clap their words, so `--help` lists them and a typo gets "did you mean".

use std::ffi::OsStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;

use ties::error::Field;
use ties::export::vcard::Version;
use ties::import::Layout;
use ties::model::{Channel, Circle, ContactDate, Direction, Intent, ItemKind, Role};
use ties::spec::{self, ItemSpec, PromiseSpec};
use ties::{dates, input};

/// A value given to a flag that may clear it: `Some` to set, `None` for
/// `none` (see `ties::input::optional`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrNone<T>(pub Option<T>);

/// A closed set of words: read by the core's parser (case and spaces
/// ignored, the same as the UI), listed in `--help`, and refused with
/// clap's message (the accepted words, the nearest one).
pub struct Closed<T> {
    words: fn() -> Vec<&'static str>,
    parse: fn(&str) -> Option<T>,
}

impl<T> Clone for Closed<T> {
    fn clone(&self) -> Self {
        Closed {
            words: self.words,
            parse: self.parse,
        }
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Closed<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        if let Some(found) = value.to_str().and_then(self.parse) {
            return Ok(found);
        }
        // Not one of the words: clap says so, with the words and the
        // nearest one, as it does for its own closed sets.
        let refused = PossibleValuesParser::new((self.words)()).parse_ref(cmd, arg, value)?;
        (self.parse)(&refused)
            .ok_or_else(|| clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.words)().into_iter().map(PossibleValue::new)))
    }
}

macro_rules! word_sets {
    ($($name:ident: $type:ty),* $(,)?) => {
        $(
            pub fn $name() -> Closed<$type> {
                Closed {
                    words: || <$type>::ALL.iter().map(|word| word.as_str()).collect(),
                    parse: |text| text.parse().ok(),
                }
            }
        )*
    };
}

word_sets!(
    circle: Circle,
    channel: Channel,
    role: Role,
    intent: Intent,
    item_kind: ItemKind,
    direction: Direction,
);

/// `--reminders on|off` (yes/no and true/false are read too).
pub fn switch() -> Closed<bool> {
    Closed {
        words: || vec!["on", "off"],
        parse: |text| match text.trim().to_lowercase().as_str() {
            "on" | "yes" | "true" => Some(true),
            "off" | "no" | "false" => Some(false),
            _ => None,
        },
    }
}

pub fn layout() -> Closed<Layout> {
    Closed {
        words: || {
            vec![
                "auto",
                "google",
                "outlook",
                "thunderbird",
                "yahoo",
                "linkedin",
            ]
        },
        parse: |text| text.parse().ok(),
    }
}

pub fn vcard_version() -> Closed<Version> {
    Closed {
        words: || vec!["4.0", "3.0"],
        parse: |text| text.parse().ok(),
    }
}

/// What the core accepts, said after clap's "invalid value … for …: ".
fn accepted(error: ties::Error) -> String {
    match error {
        ties::Error::Invalid { accepted, .. } => format!("use {accepted}"),
        other => super::words::describe_error(&other),
    }
}

pub fn cadence(text: &str) -> Result<u32, String> {
    dates::parse_cadence(text).map_err(accepted)
}

pub fn cadence_or_none(text: &str) -> Result<OrNone<u32>, String> {
    input::optional(text, dates::parse_cadence)
        .map(OrNone)
        .map_err(accepted)
}

// Dates name their flag and say which part was wrong (`super::words`).
pub fn birthday(text: &str) -> Result<String, String> {
    dates::parse_occasion_date(text, Field::Birthday, true)
        .map_err(|e| super::words::describe_error(&e))
}

pub fn birthday_or_none(text: &str) -> Result<OrNone<String>, String> {
    input::optional(text, |t| {
        dates::parse_occasion_date(t, Field::Birthday, true)
    })
    .map(OrNone)
    .map_err(|e| super::words::describe_error(&e))
}

pub fn labelled_date(text: &str) -> Result<ContactDate, String> {
    dates::parse_labelled_date(text).map_err(|e| super::words::describe_error(&e))
}

pub fn minutes(text: &str) -> Result<u32, String> {
    input::parse_minutes(text).map_err(accepted)
}

pub fn minutes_or_none(text: &str) -> Result<OrNone<u32>, String> {
    input::optional(text, input::parse_minutes)
        .map(OrNone)
        .map_err(accepted)
}

pub fn weight(text: &str) -> Result<u8, String> {
    input::parse_weight(text).map_err(accepted)
}

pub fn hours(text: &str) -> Result<f64, String> {
    input::parse_hours(text).map_err(accepted)
}

pub fn hours_or_none(text: &str) -> Result<OrNone<f64>, String> {
    input::optional(text, input::parse_hours)
        .map(OrNone)
        .map_err(accepted)
}

// A value of several parts says which part was wrong ("invalid weight
// '7': use a whole number from 1 to 5").
pub fn item(text: &str) -> Result<ItemSpec, String> {
    spec::parse_item(text).map_err(|e| super::words::describe_error(&e))
}

pub fn promise(text: &str) -> Result<PromiseSpec, String> {
    spec::parse_promise(text).map_err(|e| super::words::describe_error(&e))
}

/// An item's id as `ties show` prints it: `12` or `#12`.
pub fn item_id(text: &str) -> Result<i64, String> {
    ties::resolve::parse_id(text.trim())
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            "use an item's id, a whole number as `ties show` lists it (12 or #12)".into()
        })
}

/// An interaction's or item's id as `ties show` prints it: `12` or `#12`.
pub fn record_id(text: &str) -> Result<i64, String> {
    ties::resolve::parse_id(text.trim())
        .filter(|id| *id > 0)
        .ok_or_else(|| "use an id, a whole number as `ties show` lists it (12 or #12)".into())
}

/// A count where 0 means no limit (`--limit`).
pub fn limit(text: &str) -> Result<usize, String> {
    text.trim()
        .parse()
        .map_err(|_| "use a whole number like 20 (0: no limit)".into())
}

/// A number of things to make (`demo --contacts`).
pub fn count(text: &str) -> Result<usize, String> {
    text.trim()
        .parse()
        .map_err(|_| "use a whole number like 150".into())
}

/// The seed of the demo's random choices.
pub fn seed(text: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| "use a whole number like 1 (the same seed gives the same data)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_say_what_is_expected_not_what_rust_found() {
        for message in [
            item_id("abc").unwrap_err(),
            record_id("x1").unwrap_err(),
            weight("heavy").unwrap_err(),
            minutes_or_none("long").unwrap_err(),
            limit("x").unwrap_err(),
            count("-3").unwrap_err(),
            seed("1.5").unwrap_err(),
            hours("lots").unwrap_err(),
            minutes("long").unwrap_err(),
        ] {
            assert!(message.starts_with("use "), "{message}");
            assert!(!message.contains("invalid digit"), "{message}");
            assert!(!message.contains("float literal"), "{message}");
        }
        assert_eq!(item_id("#12"), Ok(12));
        assert_eq!(item_id(" 7 "), Ok(7));
        assert!(item_id("0").is_err());
    }
}
