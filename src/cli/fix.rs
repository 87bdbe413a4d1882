//! `delete`, `merge`, `duplicates`, `undo` and `history`: fixing the
//! address book, and taking any change back.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::Context;
use super::args::Format;
use super::confirm::confirmed;
use super::output::{self, DIM, GOOD, HEADING, NOTICE, Table, styled};
use super::shapes;
use ties::change::FieldChange;
use ties::review;
use ties::store::{HistoryEntry, MergePlan};

pub fn delete(ctx: &mut Context, query: &str, yes: bool) -> Result<()> {
    let target = ctx.store.resolve_contact(query)?;
    let plan = ctx.store.delete_plan(target.id)?;
    if !confirmed(&format!("Delete {plan}"), yes)? {
        return Ok(());
    }
    let done = ctx.store.delete_contact(target.id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::DELETED_CONTACT, &done);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} {} · `ties undo` brings it all back",
        styled(GOOD, "Deleted"),
        ties::text::printable(&done.to_string())
    )?;
    out.flush()?;
    Ok(())
}

pub fn merge(ctx: &mut Context, keep: &str, other: &str, dry_run: bool) -> Result<()> {
    let keep = ctx.store.resolve_contact(keep)?;
    let other = ctx.store.resolve_contact(other)?;
    // The balances before, to show that the kept one is their sum.
    let balance = |ctx: &Context, id: i64| -> Result<f64> {
        Ok(review::contact_standing(&ctx.store, &ctx.config, id)
            .map(|s| s.balance)
            .unwrap_or(0.0))
    };
    let (keep_balance, other_balance) = (balance(ctx, keep.id)?, balance(ctx, other.id)?);
    let plan = if dry_run {
        ctx.store.merge_plan(keep.id, other.id)?
    } else {
        ctx.store.merge_contacts(keep.id, other.id)?
    };
    if ctx.format == Format::Json {
        #[derive(Serialize)]
        struct Shown<'a> {
            dry_run: bool,
            #[serde(flatten)]
            plan: &'a MergePlan,
        }
        return output::json(
            shapes::MERGE,
            &Shown {
                dry_run,
                plan: &plan,
            },
        );
    }
    let mut out = output::stdout();
    let verb = if dry_run { "Would merge" } else { "Merged" };
    writeln!(
        out,
        "{} {} #{} into {} #{}",
        styled(HEADING, verb),
        ties::text::printable(&plan.other.name),
        plan.other.id,
        ties::text::printable(&plan.keep.name),
        plan.keep.id
    )?;
    let ids = |list: &[i64]| -> String {
        list.iter()
            .map(|i| format!("#{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Labels wider than `output::field`'s, aligned among themselves.
    let mut line = |label: &str, value: String| -> std::io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "  {}  {}",
            styled(DIM, &format!("{label:<12}")),
            ties::text::printable(&value)
        )
    };
    let interactions = match (
        plan.interactions_moved.len(),
        plan.interactions_shared.len(),
    ) {
        (0, 0) => String::new(),
        (moved, 0) => format!("{moved} moved ({})", ids(&plan.interactions_moved)),
        (0, shared) => format!("{shared} shared, kept once"),
        (moved, shared) => format!(
            "{moved} moved ({}), {shared} shared, kept once",
            ids(&plan.interactions_moved)
        ),
    };
    line("interactions", interactions)?;
    line(
        "items",
        if plan.items_moved.is_empty() {
            String::new()
        } else {
            format!(
                "{} moved ({})",
                plan.items_moved.len(),
                ids(&plan.items_moved)
            )
        },
    )?;
    let names = |list: &[String]| list.join(", ");
    line(
        "networks",
        names(
            &plan
                .networks_joined
                .iter()
                .map(|n| format!("+ {}", n.name))
                .collect::<Vec<_>>(),
        ),
    )?;
    line(
        "affiliations",
        names(
            &plan
                .affiliations_added
                .iter()
                .map(|c| format!("+ {}", c.name))
                .collect::<Vec<_>>(),
        ),
    )?;
    line(
        "relations",
        if plan.relations_moved == 0 {
            String::new()
        } else {
            format!("{} moved", plan.relations_moved)
        },
    )?;
    line(
        "met through",
        names(
            &plan
                .met_through_moved
                .iter()
                .map(|c| format!("{} (now through #{})", c.name, plan.keep.id))
                .collect::<Vec<_>>(),
        ),
    )?;
    let changes = |list: &[FieldChange]| {
        list.iter()
            .map(|c| c.to_string().replace('\n', " "))
            .collect::<Vec<_>>()
            .join("; ")
    };
    line("filled", changes(&plan.filled))?;
    line("added", changes(&plan.added))?;
    line(
        "kept",
        plan.kept
            .iter()
            .map(|c| format!("{} {} (not {})", c.field, c.after, c.before))
            .collect::<Vec<_>>()
            .join("; "),
    )?;
    line("UIDs", names(&plan.uids_added))?;
    line(
        "balance",
        format!(
            "{} and {} → {}",
            super::words::signed_figure(keep_balance),
            super::words::signed_figure(other_balance),
            super::words::signed_figure(keep_balance + other_balance)
        ),
    )?;
    if dry_run {
        writeln!(
            out,
            "{}",
            styled(
                DIM,
                &format!(
                    "then #{} would be deleted. Dry run: nothing was changed.",
                    plan.other.id
                )
            )
        )?;
    } else {
        writeln!(
            out,
            "{}",
            styled(
                DIM,
                &format!(
                    "#{} is deleted · `ties undo` takes the merge back",
                    plan.other.id
                )
            )
        )?;
    }
    out.flush()?;
    Ok(())
}

pub fn duplicates(ctx: &Context) -> Result<()> {
    let pairs = ctx.store.duplicates()?;
    if ctx.format == Format::Json {
        return output::json_list(shapes::DUPLICATES, "pairs", &pairs);
    }
    let mut out = output::stdout();
    if pairs.is_empty() {
        writeln!(out, "No likely duplicates.")?;
        out.flush()?;
        return Ok(());
    }
    let mut table = Table::new(&["CONTACT", "AND", "WHY"]);
    for pair in &pairs {
        table.row(vec![
            format!("{} #{}", pair.a.name, pair.a.id),
            format!("{} #{}", pair.b.name, pair.b.id),
            pair.reasons
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    table.write(&mut out)?;
    writeln!(
        out,
        "{}",
        styled(
            DIM,
            &format!(
                "{} likely pairs · `ties merge KEEP OTHER --dry-run` shows what merging does",
                pairs.len()
            )
        )
    )?;
    out.flush()?;
    Ok(())
}

/// An entry as the command line prints it: the neutral words beside the
/// structured change.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a HistoryEntry,
    text: String,
}

fn shown(entry: &HistoryEntry) -> Shown<'_> {
    Shown {
        entry,
        text: entry.change.to_string(),
    }
}

pub fn undo(ctx: &mut Context) -> Result<()> {
    let undone = ctx.store.undo()?;
    let next = ctx.store.next_undo()?;
    if ctx.format == Format::Json {
        #[derive(Serialize)]
        struct Undid<'a> {
            undone: Shown<'a>,
            /// The entry recording this undo.
            undo: i64,
            /// What the next `ties undo` would reverse.
            next: Option<Shown<'a>>,
        }
        return output::json(
            shapes::UNDO,
            &Undid {
                undone: shown(&undone.entry),
                undo: undone.undo,
                next: next.as_ref().map(shown),
            },
        );
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} #{}: {}",
        styled(GOOD, "Undid"),
        undone.entry.id,
        ties::text::printable(&undone.entry.change.to_string())
    )?;
    if let Some(next) = next {
        writeln!(
            out,
            "{}",
            styled(
                DIM,
                &format!("`ties undo` again would undo #{}: {}", next.id, next.change)
            )
        )?;
    }
    out.flush()?;
    Ok(())
}

pub fn history(ctx: &Context, limit: usize) -> Result<()> {
    let limit = if limit == 0 { usize::MAX } else { limit };
    let entries = ctx.store.history(limit)?;
    let next = ctx.store.next_undo()?.map(|e| e.id);
    if ctx.format == Format::Json {
        let shown: Vec<Shown<'_>> = entries.iter().map(shown).collect();
        return output::json_list(shapes::HISTORY, "entries", &shown);
    }
    let mut out = output::stdout();
    if entries.is_empty() {
        writeln!(out, "No changes yet.")?;
        out.flush()?;
        return Ok(());
    }
    for entry in &entries {
        let at = entry.at.replace('T', " ").trim_end_matches('Z').to_string();
        let mark = match (entry.undone_by, Some(entry.id) == next) {
            (Some(by), _) => styled(DIM, &format!("  (undone by #{by})")),
            (None, true) => styled(NOTICE, "  ← next undo"),
            _ => String::new(),
        };
        let text = entry.change.to_string();
        let text = if entry.undone_by.is_some() {
            styled(DIM, &text)
        } else {
            ties::text::printable(&text).into_owned()
        };
        writeln!(
            out,
            "{}  {}  {text}{mark}",
            styled(DIM, &format!("#{:<4}", entry.id)),
            styled(DIM, &at)
        )?;
    }
    out.flush()?;
    Ok(())
}
