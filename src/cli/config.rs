//! `config`: where the settings file is, and the values in effect.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::args::Format;
use super::output::{self, DIM, HEADING, styled};
use super::shapes;
use ties::config::{Config, weekday_word};

/// The example settings file, every key commented, as shipped in
/// `assets/config.example.toml` (built in, for users of `cargo install`).
pub const EXAMPLE: &str = include_str!("../../assets/config.example.toml");

/// `ties config --example`: the example to save as a start.
pub fn example() -> Result<()> {
    let mut out = output::stdout();
    out.write_all(EXAMPLE.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Needs no database: the settings can be checked before the first run.
pub fn show(config: &Config, config_path: &Path, format: Format) -> Result<()> {
    let path = config_path.display().to_string();
    let exists = config_path.exists();
    if format == Format::Json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            path: &'a str,
            exists: bool,
            values: &'a Config,
        }
        return output::json(
            shapes::CONFIG,
            &Shown {
                path: &path,
                exists,
                values: config,
            },
        );
    }
    let c = config;
    let mut out = output::stdout();
    let origin = if exists {
        ""
    } else {
        " (not there: the defaults are in effect)"
    };
    writeln!(out, "{}", styled(DIM, &format!("# {path}{origin}")))?;
    writeln!(
        out,
        "{}",
        styled(DIM, "# An example with every key: ties config --example")
    )?;
    writeln!(out, "{}", styled(HEADING, "[reciprocity]"))?;
    writeln!(out, "half_life_days = {}", c.reciprocity.half_life_days)?;
    writeln!(out, "grace_days = {}", c.reciprocity.grace_days)?;
    writeln!(out, "threshold = {}", c.reciprocity.threshold)?;
    writeln!(
        out,
        "network_hour_weight = {}",
        c.reciprocity.network_hour_weight
    )?;
    writeln!(out, "\n{}", styled(HEADING, "[cadence]"))?;
    for circle in ties::model::Circle::ALL {
        let days = c.circle_cadence(*circle).unwrap_or(0);
        let note = if days == 0 { "  # no reminders" } else { "" };
        writeln!(out, "{circle} = {days}{note}")?;
    }
    writeln!(out, "\n{}", styled(HEADING, "[review]"))?;
    writeln!(
        out,
        "week_start = \"{}\"",
        weekday_word(c.review.week_start)
    )?;
    writeln!(out, "limit = {}", c.review.limit)?;
    writeln!(out, "\n{}", styled(HEADING, "[due]"))?;
    writeln!(out, "promise_days = {}", c.due.promise_days)?;
    if !c.keys.is_empty() {
        writeln!(out, "\n{}", styled(HEADING, "[keys]"))?;
        for (action, key) in &c.keys {
            writeln!(
                out,
                "{action} = {}",
                ties::text::printable(&format!("{key:?}"))
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
