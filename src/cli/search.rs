//! `search`: everything written, ranked, each hit with whose it is, its
//! date and a snippet with the hit marked.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{Format, SearchArgs};
use super::output::{self, DIM, HEADING, styled};
use super::shapes;
use ties::fulltext::HitKind;
use ties::text::printable;

pub fn search(ctx: &Context, args: SearchArgs) -> Result<()> {
    let text = args.text.join(" ");
    let hits = ctx.store.search(&text, args.limit)?;
    if ctx.format == Format::Json {
        return output::json_list(shapes::SEARCH, "hits", &hits);
    }
    let mut out = output::stdout();
    if hits.is_empty() {
        writeln!(out, "Nothing matches '{}'.", printable(text.trim()))?;
        out.flush()?;
        return Ok(());
    }
    for hit in &hits {
        let whose: Vec<String> = hit
            .contacts
            .iter()
            .map(|c| format!("{} (#{})", c.name, c.id))
            .collect();
        let place = match hit.kind {
            HitKind::Contact => hit.field.replace('_', " "),
            HitKind::Interaction => format!("interaction #{}", hit.interaction_id.unwrap_or(0)),
            HitKind::Item => format!("item #{}", hit.item_id.unwrap_or(0)),
        };
        let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
        writeln!(
            out,
            "{}  {}  {}",
            styled(HEADING, &whose.join(", ")),
            styled(DIM, &date),
            styled(DIM, &place)
        )?;
        // The hits are marked with brackets, visible without colour.
        let marked = hit.marked("[", "]").replace('\n', " ");
        writeln!(out, "    {}", printable(&marked))?;
    }
    writeln!(
        out,
        "{}",
        styled(
            DIM,
            &match hits.len() {
                1 => "1 result".to_string(),
                n => format!("{n} results"),
            }
        )
    )?;
    out.flush()?;
    Ok(())
}
