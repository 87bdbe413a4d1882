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
    pub due: DueSettings,
    /// Key bindings for the terminal UI: action name → key ("quit" = "q").
    /// The UI knows the key names and screens; the binary checks these
    /// against them before any command runs.
    pub keys: BTreeMap<String, String>,
    /// The line of the file each `[keys]` entry is on, for messages.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
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

/// What `ties due` counts as needing you.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueSettings {
    /// A promise of yours is due this many days after you made it.
    pub promise_days: u32,
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
            due: DueSettings { promise_days: 14 },
            keys: BTreeMap::new(),
            key_lines: BTreeMap::new(),
        }
    }
}

/// A settings file is a few hundred bytes; anything much bigger is not one.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Config {
    /// The default cadence of a circle, in days.
    pub fn circle_cadence(&self, circle: Circle) -> Option<u32> {
        self.cadence.get(circle.as_str()).copied().flatten()
    }

    /// The line of the file the `[keys]` entry for `action` is on.
    pub fn key_line(&self, action: &str) -> Option<usize> {
        self.key_lines.get(action).copied()
    }

    /// Reads the file at `path`; a missing file gives the defaults. Only a
    /// regular file of at most `MAX_CONFIG_BYTES` is read: a pipe would
    /// block and a device could be endless.
    pub fn load(path: &Path) -> Result<Config> {
        let Some(text) = read_settings(path)? else {
            return Ok(Config::default());
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
        let mut config = Config {
            key_lines: key_lines(text),
            ..Config::default()
        };
        for (section, value) in &table {
            let entries = value
                .as_table()
                .ok_or_else(|| format!("'{section}' must be a section like [{section}]"))?;
            match section.as_str() {
                "reciprocity" => read_reciprocity(entries, &mut config.reciprocity)?,
                "cadence" => read_cadence(entries, &mut config.cadence)?,
                "review" => read_review(entries, &mut config.review)?,
                "due" => read_due(entries, &mut config.due)?,
                "keys" => {
                    for (action, key) in entries {
                        let key = key.as_str().ok_or_else(|| {
                            let line = config
                                .key_line(action)
                                .map(|n| format!("line {n}: "))
                                .unwrap_or_default();
                            format!(
                                "{line}keys.{action} = {key}: use a key name in quotes, like \"q\""
                            )
                        })?;
                        config.keys.insert(action.clone(), key.to_string());
                    }
                }
                other => {
                    return Err(format!(
                        "unknown section [{other}]: the sections are [reciprocity], [cadence], [review], [due] and [keys]"
                    ));
                }
            }
        }
        Ok(config)
    }
}

/// The text of the settings file, `None` when there is none.
fn read_settings(path: &Path) -> Result<Option<String>> {
    use std::io::Read;
    let name = path.display();
    let cannot_read = |e| Error::io(format!("cannot read the config file {name}"), e);
    let refuse = |problem: String| {
        Err(Error::Config {
            path: path.to_path_buf(),
            problem,
        })
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot_read(e)),
        Ok(meta) if !meta.is_file() => return refuse(not_a_file(&meta)),
        Ok(_) => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Swapped for a pipe since the check above: fail instead of waiting.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if !meta.is_file() {
        return refuse(not_a_file(&meta));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return refuse(format!(
            "it is larger than {} KiB, too big to be a settings file",
            MAX_CONFIG_BYTES / 1024
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(_) => refuse("it is not UTF-8 text".into()),
    }
}

fn not_a_file(meta: &std::fs::Metadata) -> String {
    if meta.is_dir() {
        return "it is a folder, not a settings file".into();
    }
    format!(
        "it is {}, not a settings file",
        crate::store::SpecialFile::of(&meta.file_type()).noun()
    )
}

/// The line of each `[keys]` entry: the table `parse` reads keeps no
/// positions, so the section is read again with its spans.
fn key_lines(text: &str) -> BTreeMap<String, usize> {
    #[derive(serde::Deserialize)]
    struct KeysOnly {
        #[serde(default)]
        keys: BTreeMap<String, toml::Spanned<toml::Value>>,
    }
    let Ok(found) = toml::from_str::<KeysOnly>(text) else {
        return BTreeMap::new();
    };
    found
        .keys
        .into_iter()
        .map(|(action, value)| {
            let line = text[..value.span().start].matches('\n').count() + 1;
            (action, line)
        })
        .collect()
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

fn read_due(entries: &toml::Table, due: &mut DueSettings) -> std::result::Result<(), String> {
    for (key, value) in entries {
        let name = format!("due.{key}");
        match key.as_str() {
            "promise_days" => due.promise_days = whole(&name, value, 0..=3650)?,
            _ => return Err(format!("unknown key {name}: [due] takes promise_days")),
        }
    }
    Ok(())
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
        let config = Config::parse("[due]\npromise_days = 7\n").unwrap();
        assert_eq!(config.due.promise_days, 7);
        assert_eq!(Config::default().due.promise_days, 14);
        let err = Config::parse("[due]\npromise_days = -1\n").unwrap_err();
        assert!(err.contains("due.promise_days = -1"), "{err}");
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
