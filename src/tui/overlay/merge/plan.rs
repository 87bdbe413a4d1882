//! The merge plan as the overlay shows it before asking: the same lines as
//! `ties merge --dry-run` (what moves, what is filled, the balances).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Shown;
use crate::tui::overlay::fields::{draw_form_box, draw_line};
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;
use ties::change::FieldChange;

/// Label column width.
const LABEL: usize = 13;

pub fn render(
    shown: &Shown,
    undo_hint: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    keys: &[(String, &'static str)],
    width: u16,
) {
    let plan = &shown.plan;
    let rows = lines(shown);
    let title = format!(
        "Merge {} #{} into {} #{}?",
        cell_text(&plan.other.name),
        plan.other.id,
        cell_text(&plan.keep.name),
        plan.keep.id
    );
    // A blank row, the lines, a blank row and what happens to the other.
    let height = (rows.len() as u16 + 3).min(area.height.saturating_sub(2));
    let (_, inner) = draw_form_box(area, buf, theme, keys, &title, width, height + 2);
    let row = |y: u16| Rect {
        y: inner.y + y,
        height: 1,
        ..inner
    };
    let last = inner.height.saturating_sub(1);
    for (n, (label, value)) in rows.iter().enumerate() {
        let y = n as u16 + 1;
        if y >= last.saturating_sub(1) {
            break;
        }
        draw_line(buf, row(y), &format!(" {label:<LABEL$}"), None, theme.dim);
        let value_area = Rect {
            x: inner.x + LABEL as u16 + 2,
            width: inner.width.saturating_sub(LABEL as u16 + 2),
            ..row(y)
        };
        draw_line(buf, value_area, value, None, theme.text);
    }
    let then = format!(" then #{} is deleted ({undo_hint})", plan.other.id);
    draw_line(buf, row(last), &then, None, theme.dim);
}

/// The plan's lines, label and value; parts with nothing to say are left out.
pub fn lines(shown: &Shown) -> Vec<(&'static str, String)> {
    let plan = &shown.plan;
    let ids = |list: &[i64]| -> String {
        list.iter()
            .map(|i| format!("#{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let names = |list: Vec<String>| list.join(", ");
    let changes = |list: &[FieldChange]| {
        list.iter()
            .map(|c| c.to_string().replace('\n', " "))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let interactions = match (
        plan.interactions_moved.len(),
        plan.interactions_shared.len(),
    ) {
        (0, 0) => String::new(),
        (moved, 0) => format!("{moved} move ({})", ids(&plan.interactions_moved)),
        (0, shared) => format!("{shared} shared, kept once"),
        (moved, shared) => format!(
            "{moved} move ({}), {shared} shared, kept once",
            ids(&plan.interactions_moved)
        ),
    };
    let items = match plan.items_moved.len() {
        0 => String::new(),
        n => format!("{n} move ({})", ids(&plan.items_moved)),
    };
    let mut lines = vec![
        ("interactions", interactions),
        ("items", items),
        (
            "networks",
            names(
                plan.networks_joined
                    .iter()
                    .map(|n| format!("+ {}", n.name))
                    .collect(),
            ),
        ),
        (
            "affiliations",
            names(
                plan.affiliations_added
                    .iter()
                    .map(|c| format!("+ {}", c.name))
                    .collect(),
            ),
        ),
        (
            "relations",
            match plan.relations_moved {
                0 => String::new(),
                n => format!("{n} move"),
            },
        ),
        (
            "met through",
            names(
                plan.met_through_moved
                    .iter()
                    .map(|c| format!("{} (now through #{})", c.name, plan.keep.id))
                    .collect(),
            ),
        ),
        ("filled", changes(&plan.filled)),
        ("added", changes(&plan.added)),
        (
            "kept",
            plan.kept
                .iter()
                .map(|c| format!("{} {} (not {})", c.field, c.after, c.before))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("UIDs", plan.uids_added.join(", ")),
    ];
    lines.retain(|(_, value)| !value.is_empty());
    if lines.is_empty() {
        lines.push(("", "nothing to move: the other has no record yet".into()));
    }
    lines.push((
        "balance",
        format!(
            "{:+.1} and {:+.1} → {:+.1}",
            shown.keep_balance,
            shown.other_balance,
            shown.keep_balance + shown.other_balance
        ),
    ));
    lines
}
