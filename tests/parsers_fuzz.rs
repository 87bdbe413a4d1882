//! Every parser of outside input, fed arbitrary text: no panic, no hang,
//! and every rejection is a clean, one-line error.

use chrono::NaiveDate;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn one_line(message: &str) -> bool {
    !message.is_empty() && !message.contains('\n')
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dates(input in ".{0,40}") {
        match ties::dates::parse_date(&input, today()) {
            Ok(date) => prop_assert!(date <= today() || input.trim().len() >= 8),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn relative_dates_never_go_forward(n in 0u32..100_000, unit in prop::sample::select(vec!["d", "w", "m", "y"])) {
        if let Ok(date) = ties::dates::parse_date(&format!("-{n}{unit}"), today()) {
            prop_assert!(date <= today());
        }
    }

    #[test]
    fn item_specs(input in ".{0,40}") {
        match ties::spec::parse_item(&input) {
            Ok(spec) => prop_assert!((1..=5).contains(&spec.weight)),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn promises(input in ".{0,60}") {
        if let Err(e) = ties::spec::parse_promise(&input) {
            prop_assert!(one_line(&e.to_string()));
        }
    }

    #[test]
    fn cadences(input in ".{0,20}") {
        match ties::dates::parse_cadence(&input) {
            Ok(days) => prop_assert!((1..=3650).contains(&days)),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn dates_ahead(input in ".{0,40}") {
        match ties::dates::parse_ahead(&input, today()) {
            Ok(date) => prop_assert!(date >= today() || input.trim().len() >= 8),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn hours(input in ".{0,20}") {
        match ties::input::optional(&input, ties::input::parse_hours) {
            Ok(Some(hours)) => prop_assert!((0.0..=ties::input::MAX_HOURS_PER_MONTH).contains(&hours)),
            Ok(None) => prop_assert!(input.trim().is_empty() || ties::input::is_none(&input)),
            Err(e) => prop_assert!(one_line(&e.to_string())),
        }
    }

    #[test]
    fn config_files(input in "(\\[[a-z]{1,12}\\]\n)?([a-z_]{1,16} = .{0,12}\n){0,4}") {
        if let Err(message) = ties::config::Config::parse(&input) {
            prop_assert!(one_line(&message), "{message:?}");
        }
    }

    #[test]
    fn config_bytes(input in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&input);
        if let Err(message) = ties::config::Config::parse(&text) {
            prop_assert!(one_line(&message), "{message:?}");
        }
    }
}
