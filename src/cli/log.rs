//! `log` and `done`.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{Format, LogArgs};
use super::contacts::{print_interaction, resolve_among};
use super::output::{self, DIM, GOOD, styled};
use super::shapes;
use ties::dates::{self, parse_past_date};
use ties::model::{ContactRef, Direction, ItemKind, ItemState};
use ties::resolve::Candidate;
use ties::spec::{ItemSpec, PromiseSpec};
use ties::store::{NewInteraction, NewItem};

pub fn log(ctx: &mut Context, args: LogArgs) -> Result<()> {
    let today = ctx.store.clock().today;
    let date = parse_past_date(&args.date, today)?;
    let mut namer = ctx.store.contact_namer(args.participants.len())?;
    let mut participants: Vec<ContactRef> = Vec::with_capacity(args.participants.len());
    let mut among: Vec<Candidate> = Vec::with_capacity(args.participants.len());
    let mut named = HashSet::with_capacity(args.participants.len());
    for query in &args.participants {
        let found = namer.pick(query)?;
        if !named.insert(found.id) {
            anyhow::bail!(
                "{} is named twice among the participants: name each one once",
                found.name
            );
        }
        participants.push(found.reference());
        among.push(found);
    }
    among.sort_by_key(|c| c.id);
    let mut items = Vec::new();
    for (specs, direction) in [(&args.gave, Direction::Gave), (&args.got, Direction::Got)] {
        for spec in specs {
            items.push(done_item(spec, direction, &participants, &among)?);
        }
    }
    for (promises, direction) in [
        (&args.promise, Direction::Gave),
        (&args.expect, Direction::Got),
    ] {
        for promise in promises {
            items.push(open_item(promise, direction, &participants, &among)?);
        }
    }
    let network = match &args.network {
        Some(query) => Some(ctx.store.resolve_network(query)?.id),
        None => None,
    };
    let new = NewInteraction {
        date,
        time: args.time,
        channel: args.channel,
        minutes: args.minutes,
        network,
        note: args.note.unwrap_or_default(),
        participants: participants.iter().map(|p| p.id).collect(),
        items,
    };
    let id = ctx.store.log_interaction(&new)?;
    let interaction = ctx.store.interaction(id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::INTERACTION, &interaction);
    }
    let mut out = output::stdout();
    let names: Vec<&str> = participants.iter().map(|p| p.name.as_str()).collect();
    writeln!(
        out,
        "{} {} with {} on {} ({})",
        styled(GOOD, "Logged"),
        interaction.channel,
        ties::text::printable(&names.join(", ")),
        interaction.date,
        dates::relative(interaction.date, today)
    )?;
    print_interaction(&mut out, &interaction, 0)?;
    if interaction.items.iter().any(|i| i.state == ItemState::Open) {
        writeln!(
            out,
            "{}",
            styled(DIM, "Settle an open item with `ties done ID`.")
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The counterparty of an item: `@CONTACT` among the participants, or the
/// only participant.
fn counterparty(
    named: Option<&str>,
    participants: &[ContactRef],
    among: &[Candidate],
    what: &str,
) -> Result<i64> {
    match named {
        Some(query) => Ok(resolve_among(query, participants, among)?.id),
        None if participants.len() == 1 => Ok(participants[0].id),
        None => anyhow::bail!(
            "'{what}' does not say whom it was with: add @CONTACT (one of {}), e.g. {what}@{}",
            participants
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            first_word(&participants[0].name)
        ),
    }
}

fn first_word(name: &str) -> String {
    ties::text::fold(name)
        .split(' ')
        .next()
        .unwrap_or("")
        .to_string()
}

pub(super) fn done_item(
    spec: &ItemSpec,
    direction: Direction,
    participants: &[ContactRef],
    among: &[Candidate],
) -> Result<NewItem> {
    let label = format!("{}:{}", spec.kind, spec.weight);
    Ok(NewItem {
        counterparty: counterparty(spec.contact.as_deref(), participants, among, &label)?,
        direction,
        kind: spec.kind,
        weight: spec.weight,
        state: ItemState::Done,
        note: String::new(),
    })
}

pub(super) fn open_item(
    promise: &PromiseSpec,
    direction: Direction,
    participants: &[ContactRef],
    among: &[Candidate],
) -> Result<NewItem> {
    Ok(NewItem {
        counterparty: counterparty(
            promise.contact.as_deref(),
            participants,
            among,
            &promise.text,
        )?,
        direction,
        kind: ItemKind::Other,
        weight: 1,
        state: ItemState::Open,
        note: promise.text.clone(),
    })
}

pub fn done(ctx: &mut Context, item_id: i64) -> Result<()> {
    let item = ctx.store.settle_item(item_id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::ITEM, &item);
    }
    let mut out = output::stdout();
    let whose = match item.direction {
        Direction::Gave => format!("your promise to {}", item.counterparty.name),
        Direction::Got => format!("{}'s promise", item.counterparty.name),
    };
    writeln!(
        out,
        "{} {}: {}",
        styled(GOOD, "Done"),
        ties::text::printable(&whose),
        ties::text::printable(&item.note)
    )?;
    out.flush()?;
    Ok(())
}
