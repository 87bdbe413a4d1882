//! Small drawing helpers shared by the screens.

use std::borrow::Cow;

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};

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

/// Stored text made safe for one cell and cut to `columns` with `…`: the
/// one way the screens shorten text (on top of `ties::text::truncate`).
pub fn fit_text(text: &str, columns: usize) -> String {
    ties::text::truncate(&cell_text(text), columns).into_owned()
}

/// A line of spans cut to `columns`, ending in `…` (in the style of the
/// span it cuts) when it does not fit; the spans' text must already be
/// safe (`cell_text`).
pub fn fit_line(line: Line<'_>, columns: usize) -> Line<'_> {
    if line.width() <= columns {
        return line;
    }
    // Room for the spans that fit whole, and the mark.
    let mut left = columns.saturating_sub(1);
    let mut spans = Vec::new();
    for span in line.spans {
        let width = span.width();
        if width <= left {
            left -= width;
            spans.push(span);
            continue;
        }
        // `truncate` ends what it cuts in `…`; with the mark appended, the
        // span is always cut, so the mark shows even when the span alone
        // would have fitted the last column.
        let cut = if left == 0 {
            "…".to_string()
        } else {
            ties::text::truncate(&format!("{}…", span.content), left + 1).into_owned()
        };
        spans.push(Span::styled(cut, span.style));
        break;
    }
    Line { spans, ..line }
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
    fn lines_are_cut_with_a_mark_never_silently() {
        let line = Line::from(vec![
            Span::raw("2026-11-24 "),
            Span::raw("with Erkki Sirviö"),
        ]);
        let text = |line: Line| line.to_string();
        assert_eq!(
            text(fit_line(line.clone(), 40)),
            "2026-11-24 with Erkki Sirviö"
        );
        assert_eq!(text(fit_line(line.clone(), 20)), "2026-11-24 with Erk…");
        // The first span exactly fills the room before the mark's column.
        assert_eq!(text(fit_line(line.clone(), 12)), "2026-11-24 …");
        assert_eq!(text(fit_line(line.clone(), 11)), "2026-11-24…");
        assert_eq!(text(fit_line(line, 1)), "…");
        let wide = Line::from(vec![Span::raw("王小明"), Span::raw("先生")]);
        assert_eq!(text(fit_line(wide, 7)), "王小明…");
        assert_eq!(fit_text("Aleksandra\nShevchenko", 12), "Aleksandra …");
    }

    #[test]
    fn bars_fill_by_ratio() {
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(2.0, 3), "███");
        assert_eq!(bar(f64::NAN, 2), "░░");
    }
}
