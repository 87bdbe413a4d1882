//! Small drawing helpers shared by the screens.

use std::borrow::Cow;

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;

use super::theme::Theme;

/// Stored text made safe for one cell: control characters escaped (so a
/// name holding an escape sequence cannot repaint the terminal) and line
/// breaks flattened.
pub fn cell_text(text: &str) -> String {
    let flat: Cow<'_, str> = if text.contains(['\n', '\r', '\t']) {
        Cow::Owned(text.replace(['\n', '\r', '\t'], " "))
    } else {
        Cow::Borrowed(text)
    };
    ties::text::printable(&flat).into_owned()
}

/// A balance as a short signed figure: `+2.5` (you gave more), `−4.0` (you
/// received more), blank when even.
pub fn balance_span(balance: f64, theme: &Theme) -> Span<'static> {
    if balance.abs() < 0.05 {
        Span::styled("·", theme.dim)
    } else if balance > 0.0 {
        Span::styled(format!("+{balance:.1}"), theme.accent)
    } else {
        Span::styled(format!("−{:.1}", -balance), theme.notice)
    }
}

/// A box of at most `width` × `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// A horizontal bar of `width` cells filled to `ratio` (0..=1), for gauges
/// inside table cells.
pub fn bar(ratio: f64, width: usize) -> String {
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (ratio * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_never_carry_control_characters() {
        assert_eq!(cell_text("a\u{1b}]52;c;x\u{7}b"), "a\\u{1b}]52;c;x\\u{7}b");
        assert_eq!(cell_text("two\nlines"), "two lines");
    }

    #[test]
    fn bars_fill_by_ratio() {
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(2.0, 3), "███");
        assert_eq!(bar(f64::NAN, 2), "░░");
    }
}
