//! A small question over the screen: pick one of a few answers (arrows and
//! Enter, or the answer's digit), type one line, or say yes with one key
//! (`y`; `n` or Esc say no). It is a form of one
//! field on the same kit as the others (the same text field, the same
//! skeleton of keys, the same discard question); what the answer does is
//! its `Purpose` (see `purpose.rs`), this file is only the asking.

mod fixes;
mod purpose;

pub use fixes::reopen;
use purpose::Purpose;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::OverlayOutcome;
use super::fields::{self, Choice, Form, FormState, TextField, draw_discard_question, draw_line};
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;

pub struct Prompt {
    title: String,
    question: String,
    answer: Answer,
    purpose: Purpose,
    /// A prompt is a form of one field; its message is the answer's problem.
    state: FormState<()>,
}

enum Answer {
    /// One of a few labelled answers, by index.
    Choice(Choice<usize>),
    /// A line of text, what it is for, and what it held at first (to tell
    /// whether Esc throws anything away).
    Text {
        input: TextField,
        hint: String,
        initial: String,
    },
    /// Yes (`y`, doing what `yes` says) or no (`n`, Esc; with
    /// `any_other_key_keeps`, every other key).
    Confirm {
        yes: &'static str,
        any_other_key_keeps: bool,
    },
}

/// Widest a prompt gets.
const WIDTH: u16 = 64;

impl Prompt {
    fn choice(title: String, question: String, options: Vec<String>, purpose: Purpose) -> Prompt {
        let options = options.into_iter().enumerate().collect();
        Prompt {
            title,
            question,
            answer: Answer::Choice(Choice::new(options, &0)),
            purpose,
            state: FormState::new(()),
        }
    }

    fn confirm(title: String, question: String, yes: &'static str, purpose: Purpose) -> Prompt {
        Prompt {
            title,
            question,
            answer: Answer::Confirm {
                yes,
                any_other_key_keeps: false,
            },
            purpose,
            state: FormState::new(()),
        }
    }

    /// A yes-or-no question where `y` does it and any other key keeps
    /// everything: for deleting, where a stray key must never delete.
    fn confirm_one_key(
        title: String,
        question: String,
        yes: &'static str,
        purpose: Purpose,
    ) -> Prompt {
        Prompt {
            answer: Answer::Confirm {
                yes,
                any_other_key_keeps: true,
            },
            ..Prompt::confirm(title, question, yes, purpose)
        }
    }

    fn text(
        title: String,
        question: String,
        value: String,
        hint: String,
        purpose: Purpose,
    ) -> Prompt {
        let mut prompt = Prompt {
            title,
            question,
            answer: Answer::Text {
                input: TextField::new(&value),
                hint,
                initial: value,
            },
            purpose,
            state: FormState::new(()),
        };
        fields::focus(&mut prompt, ());
        prompt
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut ties::Store,
    ) -> OverlayOutcome {
        // One key answers a yes-or-no question; others are ignored.
        if let Answer::Confirm {
            any_other_key_keeps,
            ..
        } = self.answer
        {
            let cancel = keymap.action(Scope::Form, Key::from_event(&key)) == Some(Action::Cancel);
            return match key.code {
                KeyCode::Char('y' | 'Y') if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.save(store)
                }
                KeyCode::Char('n' | 'N') => OverlayOutcome::Close,
                _ if cancel || key.code == KeyCode::Esc || any_other_key_keeps => {
                    OverlayOutcome::Close
                }
                _ => OverlayOutcome::Stay,
            };
        }
        // A digit picks its answer at once.
        if let (Answer::Choice(choice), KeyCode::Char(c)) = (&mut self.answer, key.code)
            && !key.modifiers.contains(KeyModifiers::CONTROL)
            && let Some(n) = c.to_digit(10)
            && (1..=choice.len()).contains(&(n as usize))
        {
            choice.select(n as usize - 1);
            return self.save(store);
        }
        fields::handle_key(self, key, keymap, store)
    }

    pub fn paste(&mut self, text: &str) {
        fields::paste(self, text);
    }

    /// The prompt's keys, for its bottom edge and the screen's footer.
    pub fn keys(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        let cancel = keymap
            .footer(Scope::Form)
            .into_iter()
            .find(|(_, label)| *label == Action::Cancel.label())
            .map_or_else(|| "Esc".to_string(), |(key, _)| key);
        match &self.answer {
            Answer::Choice(choice) => vec![
                ("↑↓".into(), "choose"),
                (format!("Enter or 1-{}", choice.len()), "pick"),
                (cancel, "cancel"),
            ],
            Answer::Text { .. } => vec![("Enter".into(), "save"), (cancel, "cancel")],
            Answer::Confirm {
                yes,
                any_other_key_keeps: false,
            } => vec![("y".into(), yes), (format!("n {cancel}"), "keep")],
            Answer::Confirm { yes, .. } => {
                vec![("y".into(), yes), ("any other key".into(), "keep")]
            }
        }
    }

    /// `keys`: the prompt's keys for its bottom edge (`Overlay::keys`).
    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &[(String, &'static str)],
    ) {
        let width = WIDTH.min(area.width.saturating_sub(4)).max(20);
        let question = wrap_plain(&cell_text(&self.question), usize::from(width - 4));
        let answer_rows = match &self.answer {
            Answer::Choice(choice) => choice.len(),
            // The input, then its hint.
            Answer::Text { .. } => 2,
            // The keys are on the bottom edge.
            Answer::Confirm { .. } => 0,
        };
        let error_rows = usize::from(self.state.message.is_some());
        // A blank row above and below, and one between question and answer.
        let between = usize::from(answer_rows > 0);
        let rows = question.len() + between + answer_rows + error_rows + 2;
        let (form, inner) = fields::draw_form_box(
            area,
            buf,
            theme,
            keys,
            &cell_text(&self.title),
            width,
            rows as u16 + 2,
        );
        let mut y = inner.y + 1;
        let mut line = |buf: &mut Buffer, draw: &dyn Fn(&mut Buffer, Rect)| {
            if y < inner.y + inner.height {
                draw(
                    buf,
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                );
            }
            y += 1;
        };
        for text in &question {
            line(buf, &|buf, row| draw_line(buf, row, text, None, theme.text));
        }
        line(buf, &|_, _| {});
        match &self.answer {
            Answer::Choice(choice) => {
                for (n, label) in choice.labels().enumerate() {
                    let picked = n == choice.index();
                    let text = format!("{} {}  {label}", if picked { "▸" } else { " " }, n + 1);
                    let style = if picked { theme.selected } else { theme.text };
                    line(buf, &|buf, row| draw_line(buf, row, &text, None, style));
                }
            }
            Answer::Text { input, hint, .. } => {
                line(buf, &|buf, row| {
                    draw_line(buf, row, "›", None, theme.accent);
                    let field = Rect {
                        x: row.x + 2,
                        width: row.width.saturating_sub(2),
                        ..row
                    };
                    input.render(field, buf, true, theme.text);
                });
                line(buf, &|buf, row| draw_line(buf, row, hint, None, theme.dim));
            }
            Answer::Confirm { .. } => {}
        }
        if let Some(error) = &self.state.message {
            line(buf, &|buf, row| {
                draw_line(buf, row, error, None, theme.error)
            });
        }
        if self.state.confirming_discard {
            draw_discard_question(form, buf, theme);
        }
    }
}

impl Form for Prompt {
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

    /// A choice moves with ↑/↓ (or j/k), Home and End; a text is a text field.
    fn field_key(&mut self, key: &KeyEvent) -> bool {
        match &mut self.answer {
            Answer::Choice(choice) => {
                let last = choice.len().saturating_sub(1);
                let at = choice.index();
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => choice.select((at + 1).min(last)),
                    KeyCode::Up | KeyCode::Char('k') => choice.select(at.saturating_sub(1)),
                    KeyCode::Home => choice.select(0),
                    KeyCode::End => choice.select(last),
                    _ => return false,
                }
                true
            }
            Answer::Text { input, .. } => input.handle_key(key),
            Answer::Confirm { .. } => false,
        }
    }

    fn field_paste(&mut self, text: &str) {
        if let Answer::Text { input, .. } = &mut self.answer {
            input.paste(text);
        }
    }

    fn focus_arrived(&mut self, _: ()) {
        if let Answer::Text { input, .. } = &mut self.answer {
            input.focus();
        }
    }

    fn focused_text(&self) -> Option<&TextField> {
        match &self.answer {
            Answer::Text { input, .. } => Some(input),
            Answer::Choice(_) | Answer::Confirm { .. } => None,
        }
    }

    fn is_touched(&self) -> bool {
        match &self.answer {
            Answer::Choice(_) | Answer::Confirm { .. } => false,
            Answer::Text { input, initial, .. } => input.value() != initial,
        }
    }

    fn save(&mut self, store: &mut ties::Store) -> OverlayOutcome {
        let answer = match &self.answer {
            Answer::Choice(choice) => purpose::Given::Choice(*choice.value()),
            Answer::Text { input, .. } => purpose::Given::Text(input.value().to_string()),
            Answer::Confirm { .. } => purpose::Given::Yes,
        };
        match self.purpose.apply(answer, store) {
            Ok(message) if self.purpose.undoable() => OverlayOutcome::Undoable(message),
            Ok(message) => OverlayOutcome::Done(message),
            Err(purpose::Refusal::Invalid(message)) => {
                self.state.message = Some(message);
                OverlayOutcome::Stay
            }
            Err(purpose::Refusal::Failed(message)) => {
                self.state.message = Some(message.clone());
                OverlayOutcome::Failed(message)
            }
        }
    }
}

/// Splits plain text into lines of at most `width` columns at spaces, so the
/// prompt can count its own height (a longer word is cut with `…`).
fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed =
            ties::text::width(&line) + usize::from(!line.is_empty()) + ties::text::width(word);
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
