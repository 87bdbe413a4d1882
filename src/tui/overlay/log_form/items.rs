//! Items: the give/take of an interaction and its promises, one row each,
//! edited cell by cell without leaving the keyboard's home row.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ties::model::{Direction, ItemKind, ItemState, WEIGHT_RANGE};

use super::participants::Chip;
use crate::tui::overlay::fields::TextField;

/// What a row records, seen from the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Gave,
    Got,
    IPromised,
    TheyPromised,
}

impl Flow {
    pub const ALL: [Flow; 4] = [Flow::Gave, Flow::Got, Flow::IPromised, Flow::TheyPromised];

    pub fn label(self) -> &'static str {
        match self {
            Flow::Gave => "gave",
            Flow::Got => "got",
            Flow::IPromised => "I promised",
            Flow::TheyPromised => "they promised",
        }
    }

    pub fn is_promise(self) -> bool {
        matches!(self, Flow::IPromised | Flow::TheyPromised)
    }

    /// A promise of mine is something I will give: `gave`, still open.
    pub fn direction(self) -> Direction {
        match self {
            Flow::Gave | Flow::IPromised => Direction::Gave,
            Flow::Got | Flow::TheyPromised => Direction::Got,
        }
    }

    pub fn state(self) -> ItemState {
        if self.is_promise() {
            ItemState::Open
        } else {
            ItemState::Done
        }
    }
}

/// The cells of a row, left to right. `What` is the kind of a done item and
/// the text of a promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Flow,
    What,
    Weight,
    With,
}

impl Cell {
    const ALL: [Cell; 4] = [Cell::Flow, Cell::What, Cell::Weight, Cell::With];

    fn index(self) -> usize {
        Cell::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    fn left(self) -> Cell {
        Cell::ALL[self.index().saturating_sub(1)]
    }

    fn right(self) -> Cell {
        Cell::ALL[(self.index() + 1).min(Cell::ALL.len() - 1)]
    }
}

pub struct ItemRow {
    pub flow: Flow,
    /// Kept while the row is a promise, so switching back restores it.
    pub kind: ItemKind,
    pub weight: u8,
    /// The counterparty's chip serial; `None` once that chip is removed.
    pub with: Option<u32>,
    pub promise: TextField,
}

impl ItemRow {
    fn new(with: Option<u32>) -> ItemRow {
        ItemRow {
            flow: Flow::Gave,
            kind: ItemKind::Help,
            weight: 1,
            with,
            promise: TextField::new(""),
        }
    }

    /// Whether typing goes into the promise text in this cell.
    fn edits_text(&self, cell: Cell) -> bool {
        cell == Cell::What && self.flow.is_promise()
    }
}

#[derive(Default)]
pub struct ItemsField {
    pub rows: Vec<ItemRow>,
    pub selected: usize,
    pub cell: Option<Cell>,
    /// The first row shown, kept so the selected row stays in view.
    pub scroll: usize,
}

impl ItemsField {
    pub fn cell(&self) -> Cell {
        self.cell.unwrap_or(Cell::Flow)
    }

    /// Whether the focused cell is a promise's text, where keys are text.
    pub fn editing_text(&self) -> bool {
        self.rows
            .get(self.selected)
            .is_some_and(|row| row.edits_text(self.cell()))
    }

    /// The promise text being edited, if the cursor is on one.
    pub fn editing(&self) -> Option<&TextField> {
        self.rows
            .get(self.selected)
            .filter(|row| row.edits_text(self.cell()))
            .map(|row| &row.promise)
    }

    /// Focus arrived at the items: a promise's text selects itself.
    pub fn focus(&mut self) {
        let cell = self.cell();
        if let Some(row) = self.rows.get_mut(self.selected)
            && row.edits_text(cell)
        {
            row.promise.focus();
        }
    }

    /// Adds a row after the selected one, with the same counterparty (or
    /// the first participant), and selects its first cell.
    pub fn add_row(&mut self, chips: &[Chip]) {
        let with = self
            .rows
            .get(self.selected)
            .and_then(|row| row.with)
            .or_else(|| chips.first().map(|chip| chip.serial));
        let at = if self.rows.is_empty() {
            0
        } else {
            self.selected + 1
        };
        self.rows.insert(at, ItemRow::new(with));
        self.selected = at;
        self.cell = Some(Cell::Flow);
    }

    fn remove_row(&mut self) {
        if self.selected < self.rows.len() {
            self.rows.remove(self.selected);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Keys while Items has focus; false for keys the form handles (↑ on
    /// the first row moves to the field above, Tab, Esc…).
    pub fn handle_key(&mut self, key: &KeyEvent, chips: &[Chip]) -> bool {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return self.editing_text() && self.edit_text(key);
        }
        match key.code {
            KeyCode::Up if self.selected > 0 => self.selected -= 1,
            KeyCode::Up => return false,
            KeyCode::Down => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            _ if self.rows.is_empty() => match key.code {
                KeyCode::Char('+' | 'a') | KeyCode::Enter => self.add_row(chips),
                _ => return false,
            },
            _ if self.editing_text() => return self.edit_text(key),
            KeyCode::Char('+' | 'a') | KeyCode::Enter => self.add_row(chips),
            KeyCode::Char('-') | KeyCode::Delete => self.remove_row(),
            KeyCode::Left => self.move_to(self.cell().left()),
            KeyCode::Right => self.move_to(self.cell().right()),
            KeyCode::Home => self.cell = Some(Cell::Flow),
            KeyCode::End => self.cell = Some(Cell::With),
            KeyCode::Char(' ') => self.cycle(1, chips),
            KeyCode::Backspace => self.cycle(-1, chips),
            KeyCode::Char(c) => self.type_into(c, chips),
            _ => return false,
        }
        true
    }

    /// Moves to `cell` of the selected row; a promise's text selects itself.
    fn move_to(&mut self, cell: Cell) {
        self.cell = Some(cell);
        self.focus();
    }

    /// Typing into a promise's text; ←/→ at its ends move to the next cell.
    fn edit_text(&mut self, key: &KeyEvent) -> bool {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return false;
        };
        match key.code {
            KeyCode::Left if row.promise.at_start() => self.cell = Some(Cell::Flow),
            KeyCode::Right if row.promise.at_end() => self.cell = Some(Cell::Weight),
            KeyCode::Enter => self.cell = Some(Cell::Weight),
            _ => return row.promise.handle_key(key),
        }
        true
    }

    pub fn paste(&mut self, text: &str) {
        if self.editing_text()
            && let Some(row) = self.rows.get_mut(self.selected)
        {
            row.promise.paste(text);
        }
    }

    /// Space (+1) and Backspace (−1) step the focused cell's value.
    fn cycle(&mut self, step: isize, chips: &[Chip]) {
        let cell = self.cell();
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        match cell {
            Cell::Flow => row.flow = stepped(&Flow::ALL, row.flow, step),
            Cell::What => row.kind = stepped(ItemKind::ALL, row.kind, step),
            Cell::Weight => {
                let (low, high) = (*WEIGHT_RANGE.start(), *WEIGHT_RANGE.end());
                row.weight = match (step > 0, row.weight) {
                    (true, w) if w >= high => low,
                    (true, w) => w + 1,
                    (false, w) if w <= low => high,
                    (false, w) => w - 1,
                };
            }
            Cell::With => {
                let serials: Vec<u32> = chips.iter().map(|chip| chip.serial).collect();
                if let Some(current) = row.with.filter(|s| serials.contains(s)) {
                    row.with = Some(stepped(&serials, current, step));
                } else {
                    row.with = serials.first().copied();
                }
            }
        }
    }

    /// A letter jumps to the next value starting with it; a digit sets the
    /// weight.
    fn type_into(&mut self, c: char, chips: &[Chip]) {
        let cell = self.cell();
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        match cell {
            Cell::Flow => {
                let labels: Vec<&str> = Flow::ALL.iter().map(|f| f.label()).collect();
                if let Some(i) =
                    next_starting(&labels, Flow::ALL.iter().position(|f| *f == row.flow), c)
                {
                    row.flow = Flow::ALL[i];
                }
            }
            Cell::What => {
                let labels: Vec<&str> = ItemKind::ALL.iter().map(|k| k.as_str()).collect();
                let current = ItemKind::ALL.iter().position(|k| *k == row.kind);
                if let Some(i) = next_starting(&labels, current, c) {
                    row.kind = ItemKind::ALL[i];
                }
            }
            Cell::Weight => {
                if let Some(weight) = c.to_digit(10).and_then(|d| u8::try_from(d).ok())
                    && WEIGHT_RANGE.contains(&weight)
                {
                    row.weight = weight;
                }
            }
            Cell::With => {
                let names: Vec<&str> = chips.iter().map(|chip| chip.name()).collect();
                let current = chips.iter().position(|chip| Some(chip.serial) == row.with);
                if let Some(i) = next_starting(&names, current, c) {
                    row.with = Some(chips[i].serial);
                }
            }
        }
    }
}

/// The value `step` places after `current` in `all`, wrapping around.
fn stepped<T: Copy + PartialEq>(all: &[T], current: T, step: isize) -> T {
    let Some(at) = all.iter().position(|v| *v == current) else {
        return current;
    };
    let len = all.len() as isize;
    all[(at as isize + step).rem_euclid(len) as usize]
}

/// The index of the next label after `current` that starts with `letter`
/// (ignoring case), wrapping around.
fn next_starting(labels: &[&str], current: Option<usize>, letter: char) -> Option<usize> {
    let letter: String = letter.to_lowercase().collect();
    let count = labels.len();
    let start = current.map_or(0, |c| c + 1);
    (0..count)
        .map(|step| (start + step) % count)
        .find(|&i| labels[i].to_lowercase().starts_with(&letter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::overlay::log_form::participants::Person;

    fn chips() -> Vec<Chip> {
        ["Anna Järvinen", "Bob Smith"]
            .iter()
            .enumerate()
            .map(|(i, name)| Chip {
                serial: i as u32,
                person: Person::New(name.to_string()),
            })
            .collect()
    }

    fn keys(items: &mut ItemsField, chips: &[Chip], codes: &[KeyCode]) {
        for code in codes {
            items.handle_key(&KeyEvent::new(*code, KeyModifiers::NONE), chips);
        }
    }

    #[test]
    fn a_row_is_built_cell_by_cell() {
        let chips = chips();
        let mut items = ItemsField::default();
        use KeyCode::*;
        keys(
            &mut items,
            &chips,
            &[
                Char('+'),
                Right,
                Char('i'),
                Char('i'),
                Right,
                Char('3'),
                Right,
                Char('b'),
            ],
        );
        let row = &items.rows[0];
        assert_eq!(
            (row.flow, row.kind, row.weight, row.with),
            (Flow::Gave, ItemKind::Intro, 3, Some(1))
        );
    }

    #[test]
    fn promise_text_takes_letters_and_the_arrows_leave_it_at_its_ends() {
        let chips = chips();
        let mut items = ItemsField::default();
        use KeyCode::*;
        keys(&mut items, &chips, &[Char('a'), Char('i'), Right]);
        assert!(items.editing_text());
        keys(
            &mut items,
            &chips,
            &[Char('a'), Char('-'), Char('+'), Right],
        );
        assert_eq!(items.rows[0].promise.value(), "a-+");
        assert_eq!(items.cell(), Cell::Weight);
        keys(&mut items, &chips, &[Char('-')]);
        assert!(items.rows.is_empty());
    }
}
