//! `review`: the weekly review in text or JSON, and `--done` to mark it.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use super::Context;
use super::args::{Format, ReviewArgs};
use super::output::{self, DIM, GOOD, HEADING, Table, styled};
use super::words;
use ties::dates::{self, parse_date};
use ties::model::Direction;
use ties::review::{self, Review, Week};

pub fn review(ctx: &mut Context, args: ReviewArgs) -> Result<()> {
    let today = ctx.store.clock().today;
    let week_of = match &args.week {
        Some(text) => parse_date(text, today)?,
        None => today,
    };
    let limit = args.limit.unwrap_or(ctx.config.review.limit);
    if args.done {
        let week = Week::containing(week_of, ctx.config.review.week_start);
        let record = ctx
            .store
            .mark_reviewed(week.start, args.note.as_deref().unwrap_or(""))?;
        let streak = review::streak(
            &ctx.store.reviewed_weeks()?,
            Week::containing(today, ctx.config.review.week_start).start,
        );
        if ctx.format == Format::Json {
            return output::json(&json!({ "week": week, "review": record, "streak": streak }));
        }
        let mut out = output::stdout();
        writeln!(
            out,
            "{} week {} ({} – {}) as reviewed; streak: {}",
            styled(GOOD, "Marked"),
            week.iso,
            week.start,
            week.end,
            weeks(streak)
        )?;
        out.flush()?;
        return Ok(());
    }
    if args.note.is_some() {
        anyhow::bail!("--note goes with --done: `ties review --done --note \"TEXT\"`");
    }
    let report = review::weekly_review(&ctx.store, &ctx.config, week_of, limit)?;
    if ctx.format == Format::Json {
        return output::json(&report);
    }
    let mut out = output::stdout();
    print(&mut out, &report)?;
    out.flush()?;
    Ok(())
}

fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".into()
    } else {
        format!("{n} weeks")
    }
}

fn heading(out: &mut impl Write, title: &str, detail: &str) -> std::io::Result<()> {
    writeln!(out)?;
    if detail.is_empty() {
        writeln!(out, "{}", styled(HEADING, title))
    } else {
        writeln!(out, "{}  {}", styled(HEADING, title), styled(DIM, detail))
    }
}

fn calm(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    writeln!(out, "  {}", styled(DIM, text))
}

fn print(out: &mut impl Write, r: &Review) -> Result<()> {
    let today = r.today;
    let reviewed = match (&r.last_review, r.reviewed_this_week) {
        (_, true) => format!("reviewed · streak {}", weeks(r.streak)),
        (Some(last), false) => format!(
            "last reviewed the week of {} · streak {}",
            last.week_start,
            weeks(r.streak)
        ),
        (None, false) => "not reviewed yet: `ties review --done` when you are through".to_string(),
    };
    writeln!(
        out,
        "{}  {}",
        styled(
            HEADING,
            &format!("Week {} · {} – {}", r.week.iso, r.week.start, r.week.end)
        ),
        styled(DIM, &reviewed)
    )?;

    heading(out, "This week", &format!("{} logged", r.logged_count))?;
    if r.logged.is_empty() {
        calm(out, "Nothing logged yet this week.")?;
    } else {
        let mut table = Table::new(&["DATE", "CHANNEL", "WITH", "NOTE"]);
        for i in &r.logged {
            let names: Vec<&str> = i.participants.iter().map(|p| p.name.as_str()).collect();
            table.row(vec![
                i.date.to_string(),
                i.channel.to_string(),
                names.join(", "),
                i.note.lines().next().unwrap_or("").to_string(),
            ]);
        }
        indent(out, &table)?;
    }

    for (title, entries, empty) in [
        (
            "You may owe",
            &r.you_may_owe,
            "Nobody: what you received is matched by what you gave.",
        ),
        ("One-sided", &r.one_sided, "No tie is one-sided."),
    ] {
        heading(out, title, "decayed weight, gave − got")?;
        if entries.is_empty() {
            calm(out, empty)?;
            continue;
        }
        let mut table = Table::new(&["ID", "CONTACT", "BALANCE", "GAVE", "GOT", "LAST"]);
        for e in entries {
            table.row(vec![
                e.contact.id.to_string(),
                e.contact.name.clone(),
                words::signed_figure(e.balance),
                words::figure(e.gave),
                words::figure(e.got),
                e.last_interaction
                    .map(|d| dates::relative(d, today))
                    .unwrap_or_else(|| "never".into()),
            ]);
        }
        indent(out, &table)?;
    }

    heading(out, "Reconnect", "most overdue for their cadence first")?;
    if r.reconnect.is_empty() {
        calm(out, "Everyone is within their cadence.")?;
    } else {
        let mut table = Table::new(&["ID", "CONTACT", "CADENCE", "LAST", "DUE"]);
        for e in &r.reconnect {
            let due = match e.overdue_days {
                0 => "due today".to_string(),
                d => format!("{d} d overdue"),
            };
            table.row(vec![
                e.contact.id.to_string(),
                e.contact.name.clone(),
                format!("every {} d", e.cadence_days),
                e.last_interaction
                    .map(|d| dates::relative(d, today))
                    .unwrap_or_else(|| "never".into()),
                due,
            ]);
        }
        indent(out, &table)?;
    }

    heading(
        out,
        "Open promises",
        "oldest first; settle with `ties done ITEM`",
    )?;
    if r.open_promises.is_empty() {
        calm(out, "No open promises.")?;
    } else {
        let mut table = Table::new(&["ITEM", "WHO", "PROMISE", "SINCE"]);
        for p in &r.open_promises {
            let who = match p.direction {
                Direction::Gave => format!("you → {}", p.contact.name),
                Direction::Got => format!("{} → you", p.contact.name),
            };
            table.row(vec![
                p.item_id.to_string(),
                who,
                p.text.clone(),
                format!("{} d", p.age_days),
            ]);
        }
        indent(out, &table)?;
    }

    heading(
        out,
        "Networks",
        "hours per month over 3 months against the plan",
    )?;
    if r.networks.is_empty() {
        calm(
            out,
            "No networks in your plan yet: `ties network add NAME`.",
        )?;
    } else {
        let mut table = Table::new(&[
            "ID", "NETWORK", "ROLE", "INTENT", "HOURS", "GAVE", "GOT", "FLAGS",
        ]);
        for n in &r.networks {
            let hours = match n.hours_budget {
                Some(budget) => format!("{} / {budget}", words::figure(n.hours_logged)),
                None => words::figure(n.hours_logged),
            };
            let mut flags = Vec::new();
            if n.costs_exceed_benefits {
                flags.push("costs more than it returns");
            }
            if n.review_due {
                flags.push("review due");
            }
            table.row(vec![
                n.id.to_string(),
                n.name.clone(),
                n.role.to_string(),
                n.intent.to_string(),
                hours,
                words::figure(n.gave),
                words::figure(n.got),
                flags.join(", "),
            ]);
        }
        indent(out, &table)?;
    }

    heading(out, "Dates", "birthdays and other dates, next 14 days")?;
    if r.dates.is_empty() {
        calm(out, "No birthdays or dates coming up.")?;
    } else {
        let mut table = Table::new(&["DATE", "WHEN", "CONTACT", "WHAT"]);
        for o in &r.dates {
            table.row(vec![
                o.on.to_string(),
                dates::relative(o.on, today),
                o.contact.name.clone(),
                super::dates::what(o),
            ]);
        }
        indent(out, &table)?;
    }

    let peak = r.activity.iter().copied().max().unwrap_or(0);
    heading(
        out,
        "Activity",
        &format!(
            "interactions per week, last {} weeks, peak {peak}",
            r.activity.len()
        ),
    )?;
    writeln!(out, "  {}", sparkline(&r.activity))?;
    Ok(())
}

fn indent(out: &mut impl Write, table: &Table) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    table.write(&mut buffer)?;
    for line in String::from_utf8_lossy(&buffer).lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// Block characters scaled to the largest value; a zero week is a space-like low bar.
pub fn sparkline(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let peak = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|&v| {
            if v == 0 {
                '·'
            } else {
                BARS[((v as usize * 7) / peak as usize).min(7)]
            }
        })
        .collect()
}
