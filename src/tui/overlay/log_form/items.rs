//! Items: the give/take of an interaction and its promises, one row each.
//! A row takes a few keys, each meaning one thing anywhere in the row: `+`
//! (gave), `-` (got), `p` (I promised) or `e` (they promised) adds one, a
//! kind's first letter sets its kind, a digit its weight, `@` who it was
//! with; ←/→ and Space reach and change any cell.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ties::input::parse_weight;
use ties::model::{Direction, ItemKind, ItemState, WEIGHT_RANGE};

use crate::tui::overlay::fields::Chip;
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

    /// The key that adds a row of this flow: `+` and `-` as in a balance
    /// (`+` you gave), `p` and `e` as `--promise` and `--expect`.
    pub fn add_key(self) -> char {
        match self {
            Flow::Gave => '+',
            Flow::Got => '-',
            Flow::IPromised => 'p',
            Flow::TheyPromised => 'e',
        }
    }

    fn from_add_key(key: char) -> Option<Flow> {
        Flow::ALL.into_iter().find(|flow| flow.add_key() == key)
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
    /// The stored item the row shows, when the form edits an interaction.
    pub item: Option<i64>,
}

impl ItemRow {
    fn new(with: Option<u32>) -> ItemRow {
        ItemRow {
            flow: Flow::Gave,
            kind: ItemKind::Help,
            weight: 1,
            with,
            promise: TextField::new(""),
            item: None,
        }
    }

    /// A stored item as a row, with `with` its counterparty's chip.
    pub fn stored(item: &ties::model::Item, with: Option<u32>) -> ItemRow {
        let flow = match (item.state, item.direction) {
            (ItemState::Open, Direction::Gave) => Flow::IPromised,
            (ItemState::Open, Direction::Got) => Flow::TheyPromised,
            (ItemState::Done, Direction::Gave) => Flow::Gave,
            (ItemState::Done, Direction::Got) => Flow::Got,
        };
        ItemRow {
            flow,
            kind: item.kind,
            weight: item.weight,
            with,
            promise: TextField::new(&item.note),
            item: Some(item.id),
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

    /// Adds a `flow` row after the selected one, with the same counterparty
    /// (or the first participant), and puts the cursor on what it is: the
    /// kind, or the promise's text.
    pub fn add_row(&mut self, flow: Flow, chips: &[Chip]) {
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
        let mut row = ItemRow::new(with);
        row.flow = flow;
        self.rows.insert(at, row);
        self.selected = at;
        self.move_to(Cell::What);
    }

    fn remove_row(&mut self) {
        if self.selected < self.rows.len() {
            self.rows.remove(self.selected);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Keys while Items has focus; false for keys the form handles (↑ on
    /// the first row and ↓ on the last move to the next field, Tab, Esc…).
    /// Each key means one thing anywhere in a row: `+` `-` `p` `e` add a
    /// row, a kind's first letter sets the kind, a digit the weight, `@`
    /// the next participant; in a promise's text, other keys are text.
    pub fn handle_key(&mut self, key: &KeyEvent, chips: &[Chip]) -> bool {
        // AltGr characters arrive with Ctrl and Alt both held.
        let alt_gr = key
            .modifiers
            .contains(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !alt_gr
            && key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return self.editing_text() && self.edit_text(key);
        }
        let last = self.rows.len().saturating_sub(1);
        match key.code {
            KeyCode::Up if self.selected > 0 => self.select_row(self.selected - 1),
            KeyCode::Down if self.selected < last => self.select_row(self.selected + 1),
            KeyCode::Up | KeyCode::Down => return false,
            KeyCode::Char('@') => self.next_counterparty(chips),
            _ if self.editing_text() => return self.edit_text(key),
            KeyCode::Char(c) if Flow::from_add_key(c).is_some() => {
                if let Some(flow) = Flow::from_add_key(c) {
                    self.add_row(flow, chips);
                }
            }
            _ if self.rows.is_empty() => return false,
            KeyCode::Delete | KeyCode::Backspace => self.remove_row(),
            KeyCode::Left => self.move_to(self.cell().left()),
            KeyCode::Right => self.move_to(self.cell().right()),
            KeyCode::Home => self.move_to(Cell::Flow),
            KeyCode::End => self.move_to(Cell::With),
            KeyCode::Char(' ') => self.cycle(chips),
            KeyCode::Char(c) if c.is_ascii_digit() => self.set_weight(c),
            KeyCode::Char(c) => self.set_kind(c),
            _ => return false,
        }
        true
    }

    fn select_row(&mut self, row: usize) {
        self.selected = row;
        self.focus();
    }

    /// Moves to `cell` of the selected row; a promise's text selects itself.
    fn move_to(&mut self, cell: Cell) {
        self.cell = Some(cell);
        self.focus();
    }

    /// Typing into a promise's text; ←/→ at its ends and Enter move on.
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

    /// Space steps the focused cell's value.
    fn cycle(&mut self, chips: &[Chip]) {
        let cell = self.cell();
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        match cell {
            Cell::Flow => row.flow = stepped(&Flow::ALL, row.flow, 1),
            Cell::What => row.kind = stepped(ItemKind::ALL, row.kind, 1),
            Cell::Weight => {
                let (low, high) = (*WEIGHT_RANGE.start(), *WEIGHT_RANGE.end());
                row.weight = if row.weight >= high {
                    low
                } else {
                    row.weight + 1
                };
            }
            Cell::With => self.next_counterparty(chips),
        }
    }

    /// `@`: the row is with the next participant.
    fn next_counterparty(&mut self, chips: &[Chip]) {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        let serials: Vec<u32> = chips.iter().map(|chip| chip.serial).collect();
        row.with = match row.with.filter(|s| serials.contains(s)) {
            Some(current) => Some(stepped(&serials, current, 1)),
            None => serials.first().copied(),
        };
    }

    /// A digit from 1 to 5 sets the weight; other digits are no weight.
    fn set_weight(&mut self, digit: char) {
        if let Some(row) = self.rows.get_mut(self.selected)
            && let Ok(weight) = parse_weight(&digit.to_string())
        {
            row.weight = weight;
        }
    }

    /// A letter sets the kind of a given or received item: the next kind
    /// starting with it (`i` idea, `i` again intro). A promise has no kind.
    fn set_kind(&mut self, letter: char) {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        if row.flow.is_promise() {
            return;
        }
        let labels: Vec<&str> = ItemKind::ALL.iter().map(|k| k.as_str()).collect();
        let current = ItemKind::ALL.iter().position(|k| *k == row.kind);
        if let Some(i) = next_starting(&labels, current, letter) {
            row.kind = ItemKind::ALL[i];
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
    use crate::tui::overlay::fields::Person;

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
    fn a_row_takes_a_few_keys_each_meaning_one_thing() {
        let chips = chips();
        let mut items = ItemsField::default();
        use KeyCode::*;
        // Gave intro, weight 3, to Anna; got advice, weight 2, from Bob.
        keys(
            &mut items,
            &chips,
            &[Char('+'), Char('i'), Char('i'), Char('3')],
        );
        keys(
            &mut items,
            &chips,
            &[Char('-'), Char('a'), Char('2'), Char('@')],
        );
        let rows: Vec<_> = items
            .rows
            .iter()
            .map(|row| (row.flow, row.kind, row.weight, row.with))
            .collect();
        assert_eq!(
            rows,
            [
                (Flow::Gave, ItemKind::Intro, 3, Some(0)),
                (Flow::Got, ItemKind::Advice, 2, Some(1)),
            ]
        );
        // A digit sets the weight from any cell, a letter the kind.
        keys(
            &mut items,
            &chips,
            &[Home, Char('5'), End, Char('h'), Char('9')],
        );
        let row = &items.rows[1];
        assert_eq!(
            (row.kind, row.weight),
            (ItemKind::Help, 5),
            "9 is no weight"
        );
    }

    #[test]
    fn promise_text_takes_letters_and_digits_and_at_picks_who() {
        let chips = chips();
        let mut items = ItemsField::default();
        use KeyCode::*;
        keys(&mut items, &chips, &[Char('p')]);
        assert!(items.editing_text(), "a promise starts in its text");
        keys(
            &mut items,
            &chips,
            &[Char('a'), Char('+'), Char('2'), Char('@')],
        );
        let row = &items.rows[0];
        assert_eq!(row.promise.value(), "a+2");
        assert_eq!(
            (row.flow, row.weight, row.with),
            (Flow::IPromised, 1, Some(1))
        );
        keys(&mut items, &chips, &[Enter, Char('4'), Char('e')]);
        assert_eq!(
            items.rows[0].weight, 4,
            "out of the text, a digit is the weight"
        );
        assert_eq!(items.rows[1].flow, Flow::TheyPromised);
        keys(&mut items, &chips, &[Right, Delete]);
        assert_eq!(items.rows.len(), 1);
    }
}
