//! `interaction edit|delete` and `item edit|delete|reopen`: fixing what
//! was logged.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{Format, InteractionCommand, InteractionEditArgs, ItemCommand, ItemEditArgs};
use super::confirm::confirmed;
use super::contacts::{print_interaction, resolve_among};
use super::log::{done_item, open_item};
use super::output::{self, DIM, GOOD, styled};
use super::shapes;
use ties::dates::parse_past_date;
use ties::input;
use ties::model::{Direction, Interaction, Item, ItemState};
use ties::store::{InteractionEdit, ItemEdit};

pub fn interaction(ctx: &mut Context, command: InteractionCommand) -> Result<()> {
    match command {
        InteractionCommand::Edit(args) => edit_interaction(ctx, *args),
        InteractionCommand::Delete { id, yes } => delete_interaction(ctx, id, yes),
    }
}

pub fn item(ctx: &mut Context, command: ItemCommand) -> Result<()> {
    match command {
        ItemCommand::Edit(args) => edit_item(ctx, args),
        ItemCommand::Delete { id, yes } => delete_item(ctx, id, yes),
        ItemCommand::Reopen { id } => reopen_item(ctx, id),
    }
}

fn edit_interaction(ctx: &mut Context, args: InteractionEditArgs) -> Result<()> {
    let before = ctx.store.interaction(args.id)?;
    let today = ctx.store.clock().today;
    let mut namer = ctx.store.contact_namer(args.add.len())?;
    let mut edit = InteractionEdit {
        note: args.note,
        channel: args.channel,
        minutes: args.minutes.map(|m| m.0),
        ..InteractionEdit::default()
    };
    if let Some(date) = &args.date {
        edit.date = Some(parse_past_date(date, today)?);
    }
    if let Some(time) = &args.time {
        edit.time = Some(input::optional(time, |t| Ok(t.to_string()))?);
    }
    if let Some(network) = &args.network {
        edit.network = Some(if input::is_none(network) {
            None
        } else {
            Some(ctx.store.resolve_network(network)?.id)
        });
    }
    let mut people = before.participants.clone();
    for query in &args.remove {
        let gone = resolve_among(query, &people, &ctx.store.candidates_among(&people)?)?;
        edit.remove_participants.push(gone.id);
        people.retain(|p| p.id != gone.id);
    }
    for query in &args.add {
        let new = namer.pick(query)?.reference();
        edit.add_participants.push(new.id);
        people.push(new);
    }
    let candidates = ctx.store.candidates_among(&people)?;
    for (specs, direction) in [(&args.gave, Direction::Gave), (&args.got, Direction::Got)] {
        for spec in specs {
            edit.add_items
                .push(done_item(spec, direction, &people, &candidates)?);
        }
    }
    for (promises, direction) in [
        (&args.promise, Direction::Gave),
        (&args.expect, Direction::Got),
    ] {
        for promise in promises {
            edit.add_items
                .push(open_item(promise, direction, &people, &candidates)?);
        }
    }
    let nothing = edit.date.is_none()
        && edit.time.is_none()
        && edit.channel.is_none()
        && edit.minutes.is_none()
        && edit.note.is_none()
        && edit.network.is_none()
        && edit.add_participants.is_empty()
        && edit.remove_participants.is_empty()
        && edit.add_items.is_empty();
    if nothing {
        anyhow::bail!(
            "nothing to change: give what to change, e.g. -d DATE, --note TEXT, --add CONTACT (see `ties interaction edit --help`)"
        );
    }
    let after = ctx.store.edit_interaction(args.id, &edit)?;
    if ctx.format == Format::Json {
        return output::json(shapes::INTERACTION, &after);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} the {} #{} · `ties undo` changes it back",
        styled(GOOD, "Updated"),
        after.channel,
        after.id
    )?;
    print_interaction(&mut out, &after, 0)?;
    out.flush()?;
    Ok(())
}

/// "the meeting of 2026-11-20 with Anna Järvinen and Bob Smith (#5, 2 items)".
fn describe_interaction(i: &Interaction) -> String {
    let names: Vec<&str> = i.participants.iter().map(|p| p.name.as_str()).collect();
    let items = match i.items.len() {
        0 => String::new(),
        1 => ", 1 item".to_string(),
        n => format!(", {n} items"),
    };
    format!(
        "the {} of {} with {} (#{}{items})",
        i.channel,
        i.date,
        names.join(", "),
        i.id
    )
}

fn delete_interaction(ctx: &mut Context, id: i64, yes: bool) -> Result<()> {
    let doomed = ctx.store.interaction(id)?;
    let what = describe_interaction(&doomed);
    if !confirmed(&format!("Delete {what}"), yes)? {
        return Ok(());
    }
    let gone = ctx.store.delete_interaction(id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::DELETED_INTERACTION, &gone);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} {} · `ties undo` brings it back",
        styled(GOOD, "Deleted"),
        ties::text::printable(&what)
    )?;
    out.flush()?;
    Ok(())
}

/// "gave intro 3 to Bob Smith", "your promise to Bob Smith: send slides".
pub fn describe_item(item: &Item) -> String {
    let who = &item.counterparty.name;
    let what = if item.note.trim().is_empty() {
        item.kind.to_string()
    } else {
        item.note.clone()
    };
    match (item.state, item.direction) {
        (ItemState::Open, Direction::Gave) => format!("your promise to {who}: {what}"),
        (ItemState::Open, Direction::Got) => format!("{who}'s promise: {what}"),
        (ItemState::Done, Direction::Gave) => {
            format!("gave {} {} to {who}", item.kind, item.weight)
        }
        (ItemState::Done, Direction::Got) => {
            format!("got {} {} from {who}", item.kind, item.weight)
        }
    }
}

fn print_item(ctx: &Context, verb: &str, item: &Item, hint: &str) -> Result<()> {
    if ctx.format == Format::Json {
        return output::json(shapes::ITEM, item);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} item #{}: {} {}",
        styled(GOOD, verb),
        item.id,
        ties::text::printable(&describe_item(item)),
        styled(DIM, hint)
    )?;
    out.flush()?;
    Ok(())
}

fn edit_item(ctx: &mut Context, args: ItemEditArgs) -> Result<()> {
    let mut edit = ItemEdit {
        kind: args.kind,
        weight: args.weight,
        direction: args.direction,
        note: args.note,
        counterparty: None,
    };
    if let Some(query) = &args.to {
        let interaction = ctx.store.interaction_of_item(args.id)?;
        let among = ctx.store.candidates_among(&interaction.participants)?;
        edit.counterparty = Some(resolve_among(query, &interaction.participants, &among)?.id);
    }
    if edit.is_empty() {
        anyhow::bail!(
            "nothing to change: give --kind, --weight, --direction, --note or --to (see `ties item edit --help`)"
        );
    }
    let item = ctx.store.edit_item(args.id, &edit)?;
    print_item(ctx, "Updated", &item, "· `ties undo` changes it back")
}

fn delete_item(ctx: &mut Context, id: i64, yes: bool) -> Result<()> {
    let doomed = ctx.store.item(id)?;
    let question = format!("Delete item #{id} ({})", describe_item(&doomed));
    if !confirmed(&question, yes)? {
        return Ok(());
    }
    let gone = ctx.store.delete_item(id)?;
    print_item(ctx, "Deleted", &gone, "· `ties undo` brings it back")
}

fn reopen_item(ctx: &mut Context, id: i64) -> Result<()> {
    let item = ctx.store.reopen_item(id)?;
    print_item(
        ctx,
        "Reopened",
        &item,
        "· settle it again with `ties done ID`",
    )
}
