//! One meaning for the movement keys in every list and view: ↑/↓ a row,
//! PgDn/PgUp a screen (the rows in view), Ctrl-D/Ctrl-U half a screen,
//! Home/End (g/G) the first and the last. A page moves the view with the
//! selection, as a pager does, so PgDn shows rows not seen yet and the
//! selection keeps its place on the screen.

use ratatui::widgets::TableState;

use super::action::Action;

/// Rows a page moves before a screen has been drawn (and knows its height).
const UNDRAWN_PAGE: usize = 10;

/// How far a movement action goes in a view of `rows` rows on screen.
enum Step {
    Back(usize),
    On(usize),
    First,
    Last,
}

fn step(action: Action, rows: usize) -> Option<Step> {
    let page = if rows == 0 { UNDRAWN_PAGE } else { rows };
    let half = (page / 2).max(1);
    Some(match action {
        Action::Down => Step::On(1),
        Action::Up => Step::Back(1),
        Action::PageDown => Step::On(page),
        Action::PageUp => Step::Back(page),
        Action::HalfPageDown => Step::On(half),
        Action::HalfPageUp => Step::Back(half),
        Action::Top => Step::First,
        Action::Bottom => Step::Last,
        _ => return None,
    })
}

/// Whether an action moves through a list or a view.
pub fn is_movement(action: Action) -> bool {
    step(action, 1).is_some()
}

/// The selection and the first row shown after `action`, in a list of `len`
/// rows of which `rows` fit on screen; `None` when the action is no
/// movement. A row step moves the selection only (drawing keeps it in
/// view); a page moves the view by the same rows, within the list.
pub fn in_list(
    action: Action,
    selected: usize,
    offset: usize,
    len: usize,
    rows: usize,
) -> Option<(usize, usize)> {
    let last = len.saturating_sub(1);
    let last_offset = len.saturating_sub(rows.max(1));
    let paged = |by: usize| by > 1;
    Some(match step(action, rows)? {
        Step::On(by) => (
            selected.saturating_add(by).min(last),
            if paged(by) {
                offset.saturating_add(by).min(last_offset)
            } else {
                offset
            },
        ),
        Step::Back(by) => (
            selected.saturating_sub(by),
            if paged(by) {
                offset.saturating_sub(by)
            } else {
                offset
            },
        ),
        Step::First => (0, 0),
        Step::Last => (last, last_offset),
    })
}

/// `in_list` on a table's state; false when the action is no movement.
pub fn in_table(state: &mut TableState, action: Action, len: usize, rows: usize) -> bool {
    let selected = state.selected().unwrap_or(0);
    let Some((selected, offset)) = in_list(action, selected, state.offset(), len, rows) else {
        return false;
    };
    if len > 0 {
        state.select(Some(selected));
        *state.offset_mut() = offset;
    }
    true
}

/// A text view's first line after `action`, `rows` lines showing; `None`
/// when the action is no movement. `Last` goes far down: the view clamps
/// it to its content when drawn.
pub fn in_view(action: Action, scroll: u16, rows: u16) -> Option<u16> {
    Some(match step(action, usize::from(rows))? {
        Step::On(by) => scroll.saturating_add(by as u16),
        Step::Back(by) => scroll.saturating_sub(by as u16),
        Step::First => 0,
        Step::Last => u16::MAX / 2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_moves_the_selection_and_the_view_by_the_rows_on_screen() {
        // 100 rows, 18 on screen, the selection on the third.
        assert_eq!(in_list(Action::PageDown, 2, 0, 100, 18), Some((20, 18)));
        assert_eq!(in_list(Action::PageUp, 20, 18, 100, 18), Some((2, 0)));
        assert_eq!(in_list(Action::HalfPageDown, 2, 0, 100, 18), Some((11, 9)));
        assert_eq!(in_list(Action::HalfPageUp, 11, 9, 100, 18), Some((2, 0)));
        assert_eq!(in_list(Action::Down, 2, 0, 100, 18), Some((3, 0)));
        assert_eq!(in_list(Action::Bottom, 2, 0, 100, 18), Some((99, 82)));
        assert_eq!(in_list(Action::Top, 50, 40, 100, 18), Some((0, 0)));
        assert_eq!(in_list(Action::Open, 2, 0, 100, 18), None);
    }

    #[test]
    fn pages_stop_at_the_ends() {
        assert_eq!(in_list(Action::PageDown, 90, 82, 100, 18), Some((99, 82)));
        assert_eq!(in_list(Action::PageUp, 3, 1, 100, 18), Some((0, 0)));
        // A list shorter than the screen never scrolls.
        assert_eq!(in_list(Action::PageDown, 0, 0, 5, 18), Some((4, 0)));
        assert_eq!(in_list(Action::PageDown, 0, 0, 0, 18), Some((0, 0)));
    }

    #[test]
    fn views_scroll_by_their_height() {
        assert_eq!(in_view(Action::PageDown, 0, 12), Some(12));
        assert_eq!(in_view(Action::HalfPageDown, 0, 12), Some(6));
        assert_eq!(in_view(Action::HalfPageUp, 4, 12), Some(0));
        assert_eq!(in_view(Action::Top, 40, 12), Some(0));
        assert_eq!(in_view(Action::PageDown, 0, 0), Some(10), "not drawn yet");
        assert_eq!(in_view(Action::Log, 3, 12), None);
    }
}
