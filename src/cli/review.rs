//! `review`: the weekly review in text or JSON; `--more` draws more
//! suggestions, `--skip` sets a contact aside for the week, `--done` marks
//! the week reviewed.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{Format, ReviewArgs};
use super::output::{self, GOOD, styled};
use super::review_text::{self, weeks};
use super::shapes;
use ties::dates::parse_date;
use ties::review::{self, Week};

pub fn review(ctx: &mut Context, args: ReviewArgs) -> Result<()> {
    let today = ctx.store.clock().today;
    let week_of = match &args.week {
        Some(text) => parse_date(text, today)?,
        None => today,
    };
    let limit = args.limit.unwrap_or(ctx.config.review.limit);
    if args.done {
        return done(ctx, week_of, args.note.as_deref().unwrap_or(""));
    }
    if args.note.is_some() {
        anyhow::bail!("--note goes with --done: `ties review --done --note \"TEXT\"`");
    }
    if !args.skip.is_empty() {
        return skip(ctx, &args.skip);
    }
    let drew = if args.more {
        Some(review::more(&mut ctx.store, &ctx.config)?)
    } else {
        None
    };
    let report = review::weekly_review(&mut ctx.store, &ctx.config, week_of, limit)?;
    if ctx.format == Format::Json {
        return output::json(shapes::REVIEW, &report);
    }
    let mut out = output::stdout();
    if let Some(drew) = drew {
        review_text::drew_more(&mut out, drew.len())?;
    }
    review_text::print(&mut out, &report)?;
    out.flush()?;
    Ok(())
}

fn done(ctx: &mut Context, week_of: chrono::NaiveDate, note: &str) -> Result<()> {
    let today = ctx.store.clock().today;
    let week = Week::containing(week_of, ctx.config.review.week_start);
    let record = ctx.store.mark_reviewed(week.start, note)?;
    let streak = review::streak(
        &ctx.store.reviewed_weeks()?,
        Week::containing(today, ctx.config.review.week_start).start,
    );
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Done<'a> {
            week: &'a Week,
            review: &'a ties::store::ReviewRecord,
            streak: u32,
        }
        return output::json(
            shapes::REVIEW_DONE,
            &Done {
                week: &week,
                review: &record,
                streak,
            },
        );
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
    Ok(())
}

/// `--skip`: every contact named is set aside, or none is (each name is
/// resolved before anything is written).
fn skip(ctx: &mut Context, queries: &[String]) -> Result<()> {
    let contacts = queries
        .iter()
        .map(|q| ctx.store.resolve_contact(q))
        .collect::<ties::Result<Vec<_>>>()?;
    review::skip(&mut ctx.store, &ctx.config, &contacts)?;
    let today = ctx.store.clock().today;
    let report = review::weekly_review(&mut ctx.store, &ctx.config, today, 1)?;
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Skipped<'a> {
            week: &'a Week,
            skipped: &'a [ties::model::ContactRef],
            queue: &'a [ties::review::Suggestion],
        }
        return output::json(
            shapes::REVIEW_SKIP,
            &Skipped {
                week: &report.week,
                skipped: &contacts,
                queue: &report.queue,
            },
        );
    }
    let mut out = output::stdout();
    for contact in &contacts {
        writeln!(
            out,
            "{}: not this week; {}",
            styled(GOOD, &contact.name),
            review_text::left(report.queue.len())
        )?;
    }
    out.flush()?;
    Ok(())
}
