//! `network add|edit|join|leave|list|show`.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{Format, NetworkCommand, NetworkEditArgs, NetworkFields};
use super::contacts::print_interaction;
use super::output::{self, DIM, HEADING, Table, styled};
use super::shapes;
use ties::store::{NetworkEdit, NewNetwork};
use ties::{dates, input};

/// Interactions `network show` prints in text.
const SHOWN_INTERACTIONS: usize = 15;

pub fn run(ctx: &mut Context, command: NetworkCommand) -> Result<()> {
    match command {
        NetworkCommand::Add(fields) => add(ctx, fields),
        NetworkCommand::Edit(args) => edit(ctx, args),
        NetworkCommand::Join { network, contacts } => membership(ctx, &network, &contacts, true),
        NetworkCommand::Leave { network, contacts } => membership(ctx, &network, &contacts, false),
        NetworkCommand::List => list(ctx),
        NetworkCommand::Show { network, all } => show(ctx, &network, all),
    }
}

fn add(ctx: &mut Context, fields: NetworkFields) -> Result<()> {
    let today = ctx.store.clock().today;
    let mut new = NewNetwork::new(fields.name);
    new.role = fields.role.unwrap_or(new.role);
    new.intent = fields.intent.unwrap_or(new.intent);
    new.hours_per_month = fields.hours;
    new.goal = fields.goal.unwrap_or_default();
    new.note = fields.note.unwrap_or_default();
    new.review_on = fields
        .review
        .as_deref()
        .map(|r| dates::parse_ahead(r, today))
        .transpose()?;
    let id = ctx.store.add_network(&new)?;
    let network = ctx.store.network(id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::NETWORK, &network);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "Added network {} {}; add members with `ties network join {id} CONTACT...`",
        styled(HEADING, &network.name),
        styled(DIM, &format!("#{id}"))
    )?;
    out.flush()?;
    Ok(())
}

fn edit(ctx: &mut Context, args: NetworkEditArgs) -> Result<()> {
    let today = ctx.store.clock().today;
    let target = ctx.store.resolve_network(&args.network)?;
    let mut edit = NetworkEdit {
        name: args.name,
        goal: args.goal,
        role: args.role,
        intent: args.intent,
        note: args.note,
        ..NetworkEdit::default()
    };
    edit.hours_per_month = args.hours.map(|hours| hours.0);
    if let Some(review) = &args.review {
        edit.review_on = Some(input::optional(review, |text| {
            dates::parse_ahead(text, today)
        })?);
    }
    ctx.store.edit_network(target.id, &edit)?;
    let network = ctx.store.network(target.id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::NETWORK, &network);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "Updated network {} {}",
        styled(HEADING, &network.name),
        styled(DIM, &format!("#{}", network.id))
    )?;
    out.flush()?;
    Ok(())
}

fn membership(ctx: &mut Context, network: &str, contacts: &[String], join: bool) -> Result<()> {
    let target = ctx.store.resolve_network(network)?;
    let mut ids = Vec::new();
    for query in contacts {
        ids.push(ctx.store.resolve_contact(query)?.id);
    }
    let changed = if join {
        ctx.store.join_network(target.id, &ids)?
    } else {
        ctx.store.leave_network(target.id, &ids)?
    };
    let members = ctx.store.network(target.id)?.member_count;
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Membership<'a> {
            network: &'a ties::model::NetworkRef,
            changed: usize,
            members: u32,
        }
        return output::json(
            shapes::MEMBERSHIP,
            &Membership {
                network: &target,
                changed,
                members,
            },
        );
    }
    let mut out = output::stdout();
    let verb = if join { "joined" } else { "left" };
    let unchanged = ids.len() - changed;
    let mut line = format!(
        "{changed} {verb} {}; {} now",
        target.name,
        super::words::count(members, "member", "members")
    );
    if unchanged > 0 {
        let state = if join {
            "already members"
        } else {
            "not members"
        };
        line.push_str(&format!(" ({unchanged} {state})"));
    }
    writeln!(out, "{}", ties::text::printable(&line))?;
    out.flush()?;
    Ok(())
}

fn list(ctx: &Context) -> Result<()> {
    let networks = ctx.store.list_networks()?;
    if ctx.format == Format::Json {
        return output::json_list(shapes::NETWORKS, "networks", &networks);
    }
    let mut out = output::stdout();
    if networks.is_empty() {
        writeln!(
            out,
            "No networks yet. Add one with `ties network add \"NAME\" --role member --intent deepen`."
        )?;
        out.flush()?;
        return Ok(());
    }
    let today = ctx.store.clock().today;
    let mut table = Table::new(&[
        "ID", "NAME", "ROLE", "INTENT", "HOURS/MO", "MEMBERS", "REVIEW", "GOAL",
    ]);
    for n in &networks {
        let review = match n.review_on {
            Some(date) if date <= today => format!("{date} (due)"),
            Some(date) => date.to_string(),
            None => String::new(),
        };
        table.row(vec![
            n.id.to_string(),
            n.name.clone(),
            n.role.to_string(),
            n.intent.to_string(),
            n.hours_per_month.map(format_hours).unwrap_or_default(),
            n.member_count.to_string(),
            review,
            n.goal.clone(),
        ]);
    }
    table.write(&mut out)?;
    out.flush()?;
    Ok(())
}

fn format_hours(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours:.1}")
    }
}

fn show(ctx: &Context, query: &str, all: bool) -> Result<()> {
    let target = ctx.store.resolve_network(query)?;
    // JSON shows as many as text does: the newest, or all with `--all`.
    let limit = if all {
        None
    } else {
        Some(SHOWN_INTERACTIONS + 1)
    };
    let mut detail = ctx.store.network_detail(target.id, limit)?;
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            detail: &'a ties::store::NetworkDetail,
            /// Whether `interactions` holds all of them (`--all`), or only
            /// the newest.
            all_interactions: bool,
        }
        let all_interactions = all || detail.interactions.len() <= SHOWN_INTERACTIONS;
        if !all {
            detail.interactions.truncate(SHOWN_INTERACTIONS);
        }
        return output::json(
            shapes::NETWORK_DETAIL,
            &Shown {
                detail: &detail,
                all_interactions,
            },
        );
    }
    let n = &detail.network;
    let mut out = output::stdout();
    writeln!(
        out,
        "{}  {}",
        styled(HEADING, &n.name),
        styled(DIM, &format!("#{}", n.id))
    )?;
    let mut field = |label: &str, value: String| output::field(&mut out, label, &value);
    field("role", n.role.to_string())?;
    field("intent", n.intent.to_string())?;
    field("goal", n.goal.clone())?;
    field(
        "hours/mo",
        n.hours_per_month.map(format_hours).unwrap_or_default(),
    )?;
    field(
        "review",
        n.review_on.map(|d| d.to_string()).unwrap_or_default(),
    )?;
    field("note", n.note.clone())?;
    let members: Vec<String> = detail
        .members
        .iter()
        .map(|m| format!("{} (#{})", m.name, m.id))
        .collect();
    field(
        "members",
        if members.is_empty() {
            "none yet".into()
        } else {
            members.join(", ")
        },
    )?;
    if !detail.interactions.is_empty() {
        writeln!(out, "\n{}", styled(HEADING, "Interactions, newest first"))?;
        let shown = if all { usize::MAX } else { SHOWN_INTERACTIONS };
        for interaction in detail.interactions.iter().take(shown) {
            print_interaction(&mut out, interaction, 0)?;
        }
        if detail.interactions.len() > shown {
            writeln!(
                out,
                "{}",
                styled(
                    DIM,
                    &format!("  … older ones with `ties network show {} --all`", n.id)
                )
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
