//! `demo`: fill the database with realistic data to look at.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{DemoArgs, Format};
use super::output::{self, GOOD, styled};
use super::shapes;
use super::words::count;
use ties::demo::{self, DemoOptions};

pub fn demo(ctx: &mut Context, args: DemoArgs) -> Result<()> {
    let options = DemoOptions {
        contacts: args.contacts,
        interactions: args.interactions,
        seed: args.seed,
        force: args.force,
    };
    let summary = demo::generate(&mut ctx.store, &options)?;
    if ctx.format == Format::Json {
        return output::json(shapes::DEMO, &summary);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} {} ({}), {}, {} with {} ({}) in {}",
        styled(GOOD, "Demo data:"),
        count(summary.contacts as u64, "contact", "contacts"),
        count(
            summary.organisations as u64,
            "organisation",
            "organisations"
        ),
        count(summary.networks as u64, "network", "networks"),
        count(summary.interactions as u64, "interaction", "interactions"),
        count(summary.items as u64, "item", "items"),
        count(
            summary.open_promises as u64,
            "open promise",
            "open promises"
        ),
        ties::text::printable(&ctx.store.path().display().to_string())
    )?;
    writeln!(
        out,
        "Look around with `ties list`, `ties show NAME` and `ties network list`."
    )?;
    out.flush()?;
    Ok(())
}
