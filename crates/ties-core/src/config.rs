//! The user's settings: a TOML file in the platform config folder
//! (`TIES_CONFIG` overrides the path). A missing file means the defaults; a
//! bad value is an error that names the key, the value and what is accepted.
//!
//! Values are read key by key from the parsed table rather than through
//! `#[derive(Deserialize)]`, so that every message can say exactly which key
//! was wrong and what it accepts, in one line.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Weekday;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Circle;

/// What the reciprocity maths, reconnect and the review use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub reciprocity: Reciprocity,
    /// Reconnect cadence in days per circle; `None` means no reminders.
    pub cadence: BTreeMap<String, Option<u32>>,
    pub review: ReviewSettings,
    /// Key bindings for the terminal UI: action name → key ("quit" = "q").
    pub keys: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reciprocity {
    /// After this many days an item counts half.
    pub half_life_days: u32,
    /// Ties younger than this (since the first interaction) are never one-sided.
    pub grace_days: u32,
    /// Balance, in decayed weight points, that counts as clearly uneven.
    pub threshold: f64,
    /// What one hour given to a network weighs against benefit received.
    pub network_hour_weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewSettings {
    #[serde(serialize_with = "weekday_name")]
    pub week_start: Weekday,
    /// Rows per section of the review.
    pub limit: usize,
    /// How many suggestions a week's review draws (and each "more").
    pub queue: usize,
    /// Days without an interaction after which a tie with a substantial
    /// past is suggested for rekindling (config: `dormant_after`).
    #[serde(rename = "dormant_after")]
    pub dormant_after_days: u32,
}

fn weekday_name<S: serde::Serializer>(day: &Weekday, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(weekday_word(*day))
}

/// The full lowercase English name of a weekday, as the config file takes it.
pub fn weekday_word(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

pub const HALF_LIFE_RANGE: std::ops::RangeInclusive<u32> = 30..=3650;

impl Default for Config {
    fn default() -> Self {
        let cadence = [
            (Circle::Family, Some(14)),
            (Circle::Friend, Some(30)),
            (Circle::Work, Some(60)),
            (Circle::Acquaintance, Some(180)),
            (Circle::Other, None),
        ]
        .into_iter()
        .map(|(circle, days)| (circle.to_string(), days))
        .collect();
        Config {
            reciprocity: Reciprocity {
                half_life_days: 365,
                grace_days: 90,
                threshold: 3.0,
                network_hour_weight: 0.5,
            },
            cadence,
            review: ReviewSettings {
                week_start: Weekday::Mon,
                limit: 10,
                queue: 12,
                dormant_after_days: 730,
            },
            keys: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The default cadence of a circle, in days.
    pub fn circle_cadence(&self, circle: Circle) -> Option<u32> {
        self.cadence.get(circle.as_str()).copied().flatten()
    }

    /// Reads the file at `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(Error::io(
                    format!("cannot read the config file {}", path.display()),
                    e,
                ));
            }
        };
        Config::parse(&text).map_err(|problem| Error::Config {
            path: path.to_path_buf(),
            problem,
        })
    }

    /// Parses config text; the error is one line naming the key.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map(|s| text[..s.start].matches('\n').count() + 1);
            let message = e.message().replace('\n', " ");
            match line {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            }
        })?;
        let mut config = Config::default();
        for (section, value) in &table {
            let entries = value
                .as_table()
                .ok_or_else(|| format!("'{section}' must be a section like [{section}]"))?;
            match section.as_str() {
                "reciprocity" => read_reciprocity(entries, &mut config.reciprocity)?,
                "cadence" => read_cadence(entries, &mut config.cadence)?,
                "review" => read_review(entries, &mut config.review)?,
                "keys" => {
                    for (action, key) in entries {
                        let key = key.as_str().ok_or_else(|| {
                            format!("keys.{action} = {key}: use a key name in quotes, like \"q\"")
                        })?;
                        config.keys.insert(action.clone(), key.to_string());
                    }
                }
                other => {
                    return Err(format!(
                        "unknown section [{other}]: the sections are [reciprocity], [cadence], [review] and [keys]"
                    ));
                }
            }
        }
        Ok(config)
    }
}

fn read_reciprocity(entries: &toml::Table, r: &mut Reciprocity) -> std::result::Result<(), String> {
    for (key, value) in entries {
        let name = format!("reciprocity.{key}");
        match key.as_str() {
            "half_life_days" => r.half_life_days = whole(&name, value, HALF_LIFE_RANGE)?,
            "grace_days" => r.grace_days = whole(&name, value, 0..=3650)?,
            "threshold" => r.threshold = number(&name, value, 0.1, 1000.0)?,
            "network_hour_weight" => r.network_hour_weight = number(&name, value, 0.0, 100.0)?,
            _ => {
                return Err(format!(
                    "unknown key {name}: [reciprocity] takes half_life_days, grace_days, threshold, network_hour_weight"
                ));
            }
        }
    }
    Ok(())
}

fn read_cadence(
    entries: &toml::Table,
    cadence: &mut BTreeMap<String, Option<u32>>,
) -> std::result::Result<(), String> {
    for (key, value) in entries {
        let name = format!("cadence.{key}");
        if key.parse::<Circle>().is_err() {
            return Err(format!(
                "unknown key {name}: [cadence] takes the circles {}",
                Circle::accepted()
            ));
        }
        // 0 means no reminders for the circle.
        let days = whole(&name, value, 0..=3650)?;
        cadence.insert(key.clone(), (days > 0).then_some(days));
    }
    Ok(())
}

fn read_review(
    entries: &toml::Table,
    review: &mut ReviewSettings,
) -> std::result::Result<(), String> {
    for (key, value) in entries {
        let name = format!("review.{key}");
        match key.as_str() {
            "week_start" => {
                let text = value.as_str().unwrap_or_default();
                review.week_start = text
                    .parse::<Weekday>()
                    .map_err(|_| format!("{name} = {value}: use a weekday name in quotes, like \"monday\" or \"sunday\""))?;
            }
            "limit" => review.limit = whole(&name, value, 1..=1000)? as usize,
            "queue" => review.queue = whole(&name, value, 1..=100)? as usize,
            "dormant_after" => review.dormant_after_days = dormant_after(&name, value)?,
            _ => {
                return Err(format!(
                    "unknown key {name}: [review] takes week_start, limit, queue and dormant_after"
                ));
            }
        }
    }
    Ok(())
}

/// Days a tie must be quiet to count as dormant: a span in quotes ("2y",
/// "18m") or whole days, from 90 days to 10 years.
fn dormant_after(name: &str, value: &toml::Value) -> std::result::Result<u32, String> {
    const DAYS: std::ops::RangeInclusive<u32> = 90..=3650;
    let days = match value.as_str() {
        Some(text) => crate::dates::parse_span(text).map(|span| span.days()),
        None => value.as_integer().and_then(|n| u32::try_from(n).ok()),
    };
    days.filter(|d| DAYS.contains(d)).ok_or_else(|| {
        format!(
            "{name} = {value}: use a span in quotes like \"2y\" or \"18m\", or whole days from {} to {}",
            DAYS.start(),
            DAYS.end()
        )
    })
}

fn whole(
    name: &str,
    value: &toml::Value,
    range: std::ops::RangeInclusive<u32>,
) -> std::result::Result<u32, String> {
    value
        .as_integer()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "{name} = {value}: use a whole number from {} to {}",
                range.start(),
                range.end()
            )
        })
}

fn number(name: &str, value: &toml::Value, min: f64, max: f64) -> std::result::Result<f64, String> {
    value
        .as_float()
        .or_else(|| value.as_integer().map(|n| n as f64))
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| format!("{name} = {value}: use a number from {min} to {max}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_the_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(Config::default().circle_cadence(Circle::Family), Some(14));
        assert_eq!(Config::default().circle_cadence(Circle::Other), None);
    }

    #[test]
    fn values_override_defaults() {
        let config = Config::parse(
            "[reciprocity]\nhalf_life_days = 180\nthreshold = 2.5\n[cadence]\nfriend = 21\nwork = 0\n[review]\nweek_start = \"sunday\"\n",
        )
        .unwrap();
        assert_eq!(config.reciprocity.half_life_days, 180);
        assert_eq!(config.reciprocity.threshold, 2.5);
        assert_eq!(config.circle_cadence(Circle::Friend), Some(21));
        assert_eq!(config.circle_cadence(Circle::Work), None);
        assert_eq!(config.review.week_start, Weekday::Sun);
        let config = Config::parse("[review]\nqueue = 5\ndormant_after = \"3y\"\n").unwrap();
        assert_eq!(config.review.queue, 5);
        assert_eq!(config.review.dormant_after_days, 3 * 365);
        let config = Config::parse("[review]\ndormant_after = 400\n").unwrap();
        assert_eq!(config.review.dormant_after_days, 400);
    }

    #[test]
    fn bad_values_name_key_value_and_range() {
        let err = Config::parse("[reciprocity]\nhalf_life_days = 5\n").unwrap_err();
        assert_eq!(
            err,
            "reciprocity.half_life_days = 5: use a whole number from 30 to 3650"
        );
        let err = Config::parse("[cadence]\nfrend = 3\n").unwrap_err();
        assert!(
            err.contains("unknown key cadence.frend") && err.contains("family"),
            "{err}"
        );
        let err = Config::parse("[review]\nweek_start = \"someday\"\n").unwrap_err();
        assert!(err.contains("review.week_start = \"someday\""), "{err}");
        let err = Config::parse("[reciprocity]\nthreshold = \"high\"\n").unwrap_err();
        assert!(
            err.contains("reciprocity.threshold = \"high\": use a number"),
            "{err}"
        );
        let err = Config::parse("[review]\ndormant_after = \"soon\"\n").unwrap_err();
        assert!(
            err.starts_with("review.dormant_after = \"soon\": use a span"),
            "{err}"
        );
        let err = Config::parse("[review]\nqueue = 0\n").unwrap_err();
        assert_eq!(err, "review.queue = 0: use a whole number from 1 to 100");
        let err = Config::parse("[colours]\n").unwrap_err();
        assert!(err.contains("unknown section [colours]"), "{err}");
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = Config::parse("[review]\nlimit = = 3\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }
}
