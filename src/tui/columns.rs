//! Table columns fitted to the screen: the name column keeps enough width
//! to tell people apart, the other columns shrink to their minimum and then
//! give way whole, least important first, and what is left goes to the
//! column that can use it. Cells are cut to their width with `…`
//! (`widgets::fit_text`), so nothing is clipped without a mark.

use ratatui::layout::Constraint;

/// Columns a name keeps on any screen ties draws: "Aleksandra Shevchen…"
/// is still someone you can tell from "Aleksandra Shevchuk".
pub const NAME_MIN: u16 = 20;

/// One column: its narrowest and its natural width, and how important it
/// is (0 first; the most important column always shows).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub min: u16,
    pub want: u16,
    pub rank: u8,
}

impl Column {
    /// A column of one width, shown whole or not at all.
    pub const fn fixed(width: u16, rank: u8) -> Column {
        Column {
            min: width,
            want: width,
            rank,
        }
    }

    pub const fn flexible(min: u16, want: u16, rank: u8) -> Column {
        Column { min, want, rank }
    }

    /// A column this table does not show now (its place stays, so the
    /// display order keeps its indices).
    pub const ABSENT: Column = Column {
        min: u16::MAX,
        want: u16::MAX,
        rank: u8::MAX,
    };
}

/// The widths of `columns` (in display order) in `width` cells with one
/// cell between shown columns; `None` for a column that gave way. Columns
/// are taken in order of rank while their minimum fits, then grow towards
/// their natural width in the same order; the rest goes to `fill`.
pub fn fit(columns: &[Column], width: u16, fill: usize) -> Widths {
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| columns[i].rank);
    let mut widths: Vec<Option<u16>> = vec![None; columns.len()];
    let mut used: u16 = 0;
    for (n, &i) in order.iter().enumerate() {
        let gap = u16::from(used > 0);
        let min = columns[i].min;
        if n == 0 {
            // The most important column shows even when it does not fit.
            widths[i] = Some(min.min(width));
            used = min.min(width);
        } else if u32::from(used) + u32::from(gap) + u32::from(min) <= u32::from(width) {
            widths[i] = Some(min);
            used += gap + min;
        }
    }
    let mut extra = width.saturating_sub(used);
    for &i in &order {
        if let Some(w) = &mut widths[i] {
            let grow = columns[i].want.saturating_sub(*w).min(extra);
            *w += grow;
            extra -= grow;
        }
    }
    let fill = if widths.get(fill).is_some_and(Option::is_some) {
        fill
    } else {
        order[0]
    };
    if let Some(Some(w)) = widths.get_mut(fill) {
        *w += extra;
    }
    Widths(widths)
}

/// The fitted widths, by column in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widths(pub Vec<Option<u16>>);

impl Widths {
    /// Whether column `i` shows, and how wide it is.
    pub fn of(&self, i: usize) -> Option<usize> {
        self.0.get(i).copied().flatten().map(usize::from)
    }

    /// The constraints of the shown columns, for a `Table`.
    pub fn constraints(&self) -> Vec<Constraint> {
        self.0
            .iter()
            .flatten()
            .map(|&w| Constraint::Length(w))
            .collect()
    }

    /// Keeps the items of the shown columns: `cells[i]` is column `i`'s.
    pub fn shown<T>(&self, cells: impl IntoIterator<Item = T>) -> Vec<T> {
        cells
            .into_iter()
            .zip(&self.0)
            .filter_map(|(cell, width)| width.map(|_| cell))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Column = Column::flexible(NAME_MIN, 30, 0);
    const LAST: Column = Column::fixed(10, 1);
    const CIRCLE: Column = Column::fixed(12, 3);
    const ORG: Column = Column::flexible(12, 26, 2);

    #[test]
    fn everything_fits_on_a_wide_screen_and_the_rest_goes_to_the_fill() {
        let widths = fit(&[NAME, CIRCLE, ORG, LAST], 120, 0);
        assert_eq!(widths.0, [Some(69), Some(12), Some(26), Some(10)]);
        let total: u16 = widths.0.iter().flatten().sum::<u16>() + 3;
        assert_eq!(total, 120);
    }

    #[test]
    fn narrow_screens_drop_the_least_important_columns_whole() {
        // 20 + 10 + 12 and two gaps: the circle (12 more) does not fit.
        let widths = fit(&[NAME, CIRCLE, ORG, LAST], 50, 0);
        assert_eq!(widths.0, [Some(26), None, Some(12), Some(10)]);
        let widths = fit(&[NAME, CIRCLE, ORG, LAST], 40, 0);
        assert_eq!(widths.0, [Some(29), None, None, Some(10)]);
        // The name never goes below its minimum while others show.
        let widths = fit(&[NAME, CIRCLE, ORG, LAST], 25, 0);
        assert_eq!(widths.0, [Some(25), None, None, None]);
    }

    #[test]
    fn flexible_columns_grow_in_order_of_importance() {
        // 20 + 12 + 10 + 2 gaps = 44; 6 more: the name takes them first.
        let widths = fit(&[NAME, ORG, LAST], 50, 1);
        assert_eq!(widths.0, [Some(26), Some(12), Some(10)]);
        assert_eq!(widths.shown(["a", "b", "c"]), ["a", "b", "c"]);
        let widths = fit(&[NAME, CIRCLE, LAST], 40, 0);
        assert_eq!(widths.shown(["name", "circle", "last"]), ["name", "last"]);
        assert_eq!(widths.constraints().len(), 2);
        let widths = fit(&[NAME, Column::ABSENT, LAST], 120, 0);
        assert_eq!(widths.0, [Some(109), None, Some(10)]);
    }
}
