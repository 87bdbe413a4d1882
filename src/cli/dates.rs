//! `dates` (birthdays and other dates coming up) and `due` (what needs you
//! now, one plain line per thing, for cron, timers and prompts).

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use super::Context;
use super::args::{DatesArgs, DueArgs, Format};
use super::output::{self, DIM, Table, styled};
use super::shapes;
use ties::dates::{parse_within, relative};
use ties::occasions::{self, Occasion};
use ties::text::printable;

pub fn dates(ctx: &Context, args: DatesArgs) -> Result<()> {
    let today = ctx.store.clock().today;
    let until = parse_within(&args.within, today)?;
    let found = occasions::upcoming(&ctx.store, today, until)?;
    if ctx.format == Format::Json {
        return output::json_list(shapes::DATES, "dates", &found);
    }
    let mut out = output::stdout();
    if found.is_empty() {
        writeln!(
            out,
            "No birthdays or dates until {until}. Add one with `ties edit CONTACT --birthday 1990-02-14` or `--date \"anniversary=2015-06-01\"`."
        )?;
        out.flush()?;
        return Ok(());
    }
    let mut table = Table::new(&["DATE", "WHEN", "CONTACT", "WHAT"]);
    for o in &found {
        table.row(vec![
            format!("{} {}", o.on, o.on.format("%a")),
            relative(o.on, today),
            format!("{} (#{})", o.contact.name, o.contact.id),
            what(o),
        ]);
    }
    table.write(&mut out)?;
    writeln!(
        out,
        "{}",
        styled(DIM, &format!("{} until {until}", found.len()))
    )?;
    out.flush()?;
    Ok(())
}

/// "birthday, turns 37", "anniversary, 11 years", "moving day, once".
pub(super) fn what(o: &Occasion) -> String {
    match (o.years, o.is_birthday(), o.yearly) {
        (Some(years), true, _) => format!("birthday, turns {years}"),
        (Some(years), false, _) if years > 0 => format!("{}, {years} years", o.label),
        (_, _, false) => format!("{}, once", o.label),
        _ => o.label.clone(),
    }
}

/// `ties due` before there is a database: nothing (or 0).
pub fn nothing_due(args: &DueArgs, today: NaiveDate, format: Format) -> Result<()> {
    if !args.count {
        return match format {
            Format::Json => {
                let nothing = ties::due::Due {
                    today,
                    until: parse_within(&args.within, today)?,
                    reconnect: Vec::new(),
                    promises: Vec::new(),
                    dates: Vec::new(),
                };
                output::json(shapes::DUE, &nothing)
            }
            Format::Text => Ok(()),
        };
    }
    match format {
        Format::Json => output::json(shapes::DUE_COUNT, &Count { count: 0 }),
        Format::Text => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "0")?;
            out.flush()?;
            Ok(())
        }
    }
}

/// `due --count`: how many things are due.
#[derive(serde::Serialize)]
struct Count {
    count: usize,
}

pub fn due(ctx: &Context, args: DueArgs) -> Result<()> {
    let today = ctx.store.clock().today;
    let until = parse_within(&args.within, today)?;
    if args.count {
        // Counted from the kept indexes: fast enough for a shell prompt.
        let count = ties::due::count(&ctx.store, &ctx.config, until)?;
        if ctx.format == Format::Json {
            return output::json(shapes::DUE_COUNT, &Count { count });
        }
        let mut out = std::io::stdout().lock();
        writeln!(out, "{count}")?;
        out.flush()?;
        return Ok(());
    }
    let due = ties::due::due(&ctx.store, &ctx.config, until)?;
    if ctx.format == Format::Json {
        return output::json(shapes::DUE, &due);
    }
    // Plain lines, no colour and nothing at all when nothing is due: what a
    // notification, a mail or a prompt shows.
    let mut out = std::io::stdout().lock();
    for r in &due.reconnect {
        let when = match r.overdue_days {
            0 => "due today".to_string(),
            d if d > 0 => format!("{d} d overdue"),
            d => format!("due in {} d", -d),
        };
        let line = format!("reconnect: {} (#{}), {when}", r.contact.name, r.contact.id);
        writeln!(out, "{}", printable(&line))?;
    }
    for p in &due.promises {
        let line = format!(
            "promise: {}, to {} (#{}), {} d old (item #{})",
            p.text, p.contact.name, p.contact.id, p.age_days, p.item_id
        );
        writeln!(out, "{}", printable(&line))?;
    }
    for o in &due.dates {
        let years = match (o.years, o.is_birthday()) {
            (Some(years), true) => format!(" turns {years},"),
            (Some(years), false) if years > 0 => format!(", {years} years,"),
            _ => ",".to_string(),
        };
        let line = format!(
            "{}: {} (#{}){years} {} ({})",
            o.label,
            o.contact.name,
            o.contact.id,
            relative(o.on, today),
            o.on
        );
        writeln!(out, "{}", printable(&line))?;
    }
    out.flush()?;
    Ok(())
}
