//! `M` on a contact page: merge another contact into this one. The other
//! is picked by fuzzy search the way members and participants are (only
//! contacts of the same kind are offered), then the plan shows before
//! anything changes: what moves, what is filled in, the balances before
//! and their sum. `y` merges (one change: `u` takes it back); any other
//! key keeps both.

mod plan;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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
use ties::config::Config;
use ties::model::{ContactRef, Kind};
use ties::store::MergePlan;
use ties::{Result, Store, review};

const MAX_WIDTH: u16 = 76;
/// Rows inside the box while picking: the name, the dropdown, the hint.
const PICK_ROWS: u16 = 1 + 8 + 1;

pub struct MergeForm {
    keep: ContactRef,
    config: Config,
    /// "u to undo", with the key as bound.
    undo_hint: String,
    state: FormState<()>,
    other: ParticipantsField,
    /// Once the other is picked: what the merge does, and the balances of
    /// both before it.
    plan: Option<Shown>,
}

pub struct Shown {
    pub plan: MergePlan,
    pub keep_balance: f64,
    pub other_balance: f64,
}

impl MergeForm {
    pub fn new(
        store: &Store,
        config: &Config,
        keep: ContactRef,
        kind: Kind,
        undo_hint: String,
    ) -> Result<Self> {
        let candidates = store.contact_candidates(Some(kind))?;
        let mut form = MergeForm {
            other: ParticipantsField::existing_only(candidates, vec![keep.id]),
            keep,
            config: config.clone(),
            undo_hint,
            state: FormState::new(()),
            plan: None,
        };
        fields::focus(&mut form, ());
        Ok(form)
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        if let Some(shown) = &self.plan {
            let yes = matches!(key.code, KeyCode::Char('y' | 'Y'))
                && !key.modifiers.contains(KeyModifiers::CONTROL);
            if !yes {
                return OverlayOutcome::Close;
            }
            let (keep, other) = (shown.plan.keep.id, shown.plan.other.id);
            return match store.merge_contacts(keep, other) {
                Ok(done) => OverlayOutcome::Undoable(format!(
                    "Merged {} #{} into {} #{}",
                    cell_text(&done.other.name),
                    done.other.id,
                    cell_text(&done.keep.name),
                    done.keep.id
                )),
                Err(error) => {
                    let error = crate::tui::words::error(&error);
                    OverlayOutcome::Failed(format!("could not merge: {error}"))
                }
            };
        }
        let outcome = fields::handle_key(self, key, keymap, store);
        if let Some(other) = self.other.stored().first().cloned() {
            self.pick(store, other);
        }
        outcome
    }

    /// The other contact is chosen: read the plan (a rehearsal: nothing is
    /// written), or say why it cannot be and pick again.
    fn pick(&mut self, store: &mut Store, other: ContactRef) {
        let balance = |store: &Store, id: i64| {
            review::contact_standing(store, &self.config, id).map_or(0.0, |s| s.balance)
        };
        match store.merge_plan(self.keep.id, other.id) {
            Ok(plan) => {
                self.plan = Some(Shown {
                    keep_balance: balance(store, self.keep.id),
                    other_balance: balance(store, other.id),
                    plan,
                });
            }
            Err(error) => {
                self.other.chips.clear();
                self.state.message = Some(crate::tui::words::error(&error));
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.plan.is_none() {
            fields::paste(self, text);
        }
    }

    /// The keys for the bottom edge: the form's while picking, yes or
    /// anything else once the plan shows.
    pub fn keys(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        match self.plan {
            Some(_) => vec![("y".into(), "merge"), ("any other key".into(), "keep both")],
            None => keymap.footer(crate::tui::keymap::Scope::Form),
        }
    }

    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &[(String, &'static str)],
    ) {
        let width = area.width.saturating_sub(2).min(MAX_WIDTH);
        if let Some(shown) = &self.plan {
            plan::render(shown, &self.undo_hint, area, buf, theme, keys, width);
            return;
        }
        let title = format!(
            "Merge into {} #{}",
            ties::text::truncate(&cell_text(&self.keep.name), 40),
            self.keep.id
        );
        let (form, inner) = draw_form_box(area, buf, theme, keys, &title, width, PICK_ROWS + 2);
        let (label, value) = field_row(inner, 0, 1);
        draw_label(buf, label, "Other", true, theme);
        let lines = chip_lines(&self.other.chips, value.width, self.other.query.value());
        let query_at = draw_chip_lines(&self.other, value, &lines, buf, theme);
        if self.other.query.value().is_empty() {
            let after = Rect {
                x: query_at.x + 1,
                width: query_at.width.saturating_sub(1),
                ..query_at
            };
            draw_line(buf, after, "the duplicate's name", None, theme.dim);
        }
        self.other.query.render(query_at, buf, true, theme.text);
        let bottom = inner.y + inner.height.saturating_sub(1);
        let (_, below) = field_row(inner, 1, 1);
        if self.other.dropdown_open() {
            let none = "no other contact of this kind by that name";
            draw_dropdown(&self.other, below, bottom, Some(none), buf, theme);
        } else {
            let below = Rect {
                y: below.y + 1,
                ..below
            };
            let text = "Everything of the other moves here; the plan shows first.";
            draw_line(buf, below, text, None, theme.dim);
        }
        let hint_area = Rect {
            y: bottom,
            height: 1,
            ..inner
        };
        match &self.state.message {
            Some(message) => hint_line(buf, hint_area, &format!("✗ {message}"), theme.error),
            None => hint_line(buf, hint_area, "↑↓ choose · Enter picks", theme.dim),
        }
        if self.state.confirming_discard {
            draw_discard_question(form, buf, theme);
        }
    }
}

impl Form for MergeForm {
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
        self.other.handle_key(key)
    }

    fn field_paste(&mut self, text: &str) {
        self.other.paste(text);
    }

    fn focus_arrived(&mut self, _: ()) {
        self.other.query.focus();
    }

    fn focused_text(&self) -> Option<&TextField> {
        self.plan.is_none().then_some(&self.other.query)
    }

    fn is_touched(&self) -> bool {
        !self.other.query.is_blank()
    }

    /// Ctrl-S with nothing picked: say how to pick.
    fn save(&mut self, _: &mut Store) -> OverlayOutcome {
        self.state.message = Some("type the other's name and press Enter".into());
        OverlayOutcome::Stay
    }
}
