//! `demo`: fill the database with realistic data to look at.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{DemoArgs, Format};
use super::output::{self, GOOD, styled};
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
        return output::json(&summary);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} {} contacts ({} organisations), {} networks, {} interactions with {} items ({} open promises) in {}",
        styled(GOOD, "Demo data:"),
        summary.contacts,
        summary.organisations,
        summary.networks,
        summary.interactions,
        summary.items,
        summary.open_promises,
        ties::text::printable(&ctx.store.path().display().to_string())
    )?;
    writeln!(
        out,
        "Look around with `ties list`, `ties show NAME` and `ties network list`."
    )?;
    out.flush()?;
    Ok(())
}
