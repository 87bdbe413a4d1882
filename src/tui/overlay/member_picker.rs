//! `a` in a network's view: add members, picked by fuzzy search the way
//! the log form picks participants (type a name, ↑/↓ choose, Enter adds a
//! chip, Backspace removes the last). Only stored contacts that are not
//! members yet are offered. Ctrl-S (or Enter with nothing typed) adds them
//! all in one `join_network`; Esc asks before dropping the chosen ones.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::OverlayOutcome;
use super::fields::{
    self, Form, FormState, ParticipantsField, TextField, chip_lines, draw_chip_lines,
    draw_discard_question, draw_dropdown, draw_form_box, draw_label, draw_line, field_row,
    hint_line,
};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;
use ties::Store;
use ties::model::NetworkRef;

const MAX_WIDTH: u16 = 72;
/// Rows inside the box: the people, the dropdown's (six matches and its
/// border), the hint.
const ROWS: u16 = 1 + 8 + 1;

pub struct MemberPicker {
    network: NetworkRef,
    state: FormState<()>,
    people: ParticipantsField,
    /// How many are members already.
    members: usize,
}

impl MemberPicker {
    pub fn new(store: &Store, network: NetworkRef, members: Vec<i64>) -> ties::Result<Self> {
        let candidates = store.contact_candidates(None)?;
        let mut picker = MemberPicker {
            network,
            state: FormState::new(()),
            members: members.len(),
            people: ParticipantsField::existing_only(candidates, members),
        };
        fields::focus(&mut picker, ());
        Ok(picker)
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        fields::handle_key(self, key, keymap, store)
    }

    pub fn paste(&mut self, text: &str) {
        fields::paste(self, text);
    }

    /// `keys`: the form keys for the bottom edge, from the keymap in use.
    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &[(String, &'static str)],
    ) {
        let width = area.width.saturating_sub(2).min(MAX_WIDTH);
        let title = format!(
            "Add members to {}",
            ties::text::truncate(&cell_text(&self.network.name), 40)
        );
        let (form, inner) = draw_form_box(area, buf, theme, keys, &title, width, ROWS + 2);
        let (label, value) = field_row(inner, 0, 1);
        draw_label(buf, label, "Who", true, theme);
        let lines = chip_lines(&self.people.chips, value.width, self.people.query.value());
        // One row: with more chips than fit, the last line (the query's) shows.
        let query_at = draw_chip_lines(&self.people, value, &lines, buf, theme);
        if self.people.chips.is_empty() && self.people.query.value().is_empty() {
            let after = Rect {
                x: query_at.x + 1,
                width: query_at.width.saturating_sub(1),
                ..query_at
            };
            draw_line(buf, after, "type a name", None, theme.dim);
        }
        self.people.query.render(query_at, buf, true, theme.text);

        let bottom = inner.y + inner.height.saturating_sub(1);
        let (_, below) = field_row(inner, 1, 1);
        if self.people.dropdown_open() {
            let none = "no one else by that name (members are not offered)";
            draw_dropdown(&self.people, below, bottom, Some(none), buf, theme);
        } else {
            let members = match self.members {
                0 => "No members yet.".to_string(),
                1 => "1 member already; members are not offered.".to_string(),
                n => format!("{n} members already; members are not offered."),
            };
            let below = Rect {
                y: below.y + 1,
                ..below
            };
            draw_line(buf, below, &members, None, theme.dim);
        }
        let hint_area = Rect {
            y: bottom,
            height: 1,
            ..inner
        };
        match &self.state.message {
            Some(message) => hint_line(buf, hint_area, &format!("✗ {message}"), theme.error),
            None => hint_line(
                buf,
                hint_area,
                "↑↓ choose · Enter adds · Backspace removes the last",
                theme.dim,
            ),
        }
        if self.state.confirming_discard {
            draw_discard_question(form, buf, theme);
        }
    }
}

impl Form for MemberPicker {
    type Field = ();

    fn state(&self) -> &FormState<()> {
        &self.state
    }

    fn state_mut(&mut self) -> &mut FormState<()> {
        &mut self.state
    }

    fn fields(&self) -> Vec<()> {
        vec![()]
    }

    fn field_key(&mut self, key: &KeyEvent) -> bool {
        self.people.handle_key(key)
    }

    fn field_paste(&mut self, text: &str) {
        self.people.paste(text);
    }

    fn focus_arrived(&mut self, _: ()) {
        self.people.query.focus();
    }

    fn focused_text(&self) -> Option<&TextField> {
        Some(&self.people.query)
    }

    fn is_touched(&self) -> bool {
        !self.people.chips.is_empty() || !self.people.query.is_blank()
    }

    fn save(&mut self, store: &mut Store) -> OverlayOutcome {
        let chosen = self.people.stored();
        if chosen.is_empty() {
            self.state.message = Some("type a name and press Enter to choose someone".into());
            return OverlayOutcome::Stay;
        }
        let ids: Vec<i64> = chosen.iter().map(|c| c.id).collect();
        match store.join_network(self.network.id, &ids) {
            Ok(_) => {
                let names: Vec<String> = chosen.iter().map(|c| cell_text(&c.name)).collect();
                OverlayOutcome::Done(format!(
                    "Added {} to {}",
                    and_list(&names),
                    cell_text(&self.network.name)
                ))
            }
            Err(error) => {
                self.state.message = Some(format!("Not saved: {error}"));
                OverlayOutcome::Failed(format!("could not add: {error}"))
            }
        }
    }
}

/// "Anna", "Anna and Bob", "Anna, Bob and Cem".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
