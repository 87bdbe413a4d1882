//! A small question over the screen: pick one of a few answers (arrows and
//! Enter, or the answer's digit) or type one line. What the answer does is
//! its `Purpose` (see `purpose.rs`); this file is only the asking.

mod input_line;
mod purpose;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

pub(super) use input_line::{draw_input, paste_into};
use purpose::Purpose;

use super::OverlayOutcome;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::{cell_text, centered};

pub struct Prompt {
    title: String,
    question: String,
    answer: Answer,
    purpose: Purpose,
    error: Option<String>,
}

enum Answer {
    /// Labels and the chosen one.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    /// A line of text and what it is for.
    Text { input: Input, hint: String },
}

/// Widest a prompt gets.
const WIDTH: u16 = 64;

impl Prompt {
    fn choice(title: String, question: String, options: Vec<String>, purpose: Purpose) -> Prompt {
        Prompt {
            title,
            question,
            answer: Answer::Choice {
                options,
                selected: 0,
            },
            purpose,
            error: None,
        }
    }

    fn text(
        title: String,
        question: String,
        value: String,
        hint: String,
        purpose: Purpose,
    ) -> Prompt {
        Prompt {
            title,
            question,
            answer: Answer::Text {
                input: Input::new(value),
                hint,
            },
            purpose,
            error: None,
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut ties::Store,
    ) -> OverlayOutcome {
        let action = keymap.action(Scope::Form, Key::from_event(&key));
        if key.code == KeyCode::Esc || action == Some(Action::Cancel) {
            return OverlayOutcome::Close;
        }
        if key.code == KeyCode::Enter || action == Some(Action::Save) {
            return self.submit(store);
        }
        match &mut self.answer {
            Answer::Choice { options, selected } => {
                let last = options.len().saturating_sub(1);
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                        *selected = (*selected + 1).min(last)
                    }
                    KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                        *selected = selected.saturating_sub(1)
                    }
                    KeyCode::Home => *selected = 0,
                    KeyCode::End => *selected = last,
                    // A digit picks its answer at once.
                    KeyCode::Char(c) if c.is_ascii_digit() => {
                        let n = c.to_digit(10).unwrap_or(0) as usize;
                        if (1..=options.len()).contains(&n) {
                            *selected = n - 1;
                            return self.submit(store);
                        }
                    }
                    _ => {}
                }
            }
            Answer::Text { input, .. } => {
                if input.handle_event(&Event::Key(key)).is_some() {
                    self.error = None;
                }
            }
        }
        OverlayOutcome::Stay
    }

    fn submit(&mut self, store: &mut ties::Store) -> OverlayOutcome {
        let answer = match &self.answer {
            Answer::Choice { selected, .. } => purpose::Given::Choice(*selected),
            Answer::Text { input, .. } => purpose::Given::Text(input.value().to_string()),
        };
        match self.purpose.apply(answer, store) {
            Ok(message) => OverlayOutcome::Done(message),
            Err(purpose::Refusal::Invalid(message)) => {
                self.error = Some(message);
                OverlayOutcome::Stay
            }
            Err(purpose::Refusal::Failed(message)) => {
                self.error = Some(message.clone());
                OverlayOutcome::Failed(message)
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Answer::Text { input, .. } = &mut self.answer {
            paste_into(input, text);
            self.error = None;
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let width = WIDTH.min(area.width.saturating_sub(4)).max(20);
        let inner_width = usize::from(width.saturating_sub(4));
        let mut lines: Vec<Line> = wrap_plain(&cell_text(&self.question), inner_width)
            .into_iter()
            .map(Line::raw)
            .collect();
        lines.push(Line::raw(""));
        let input_row;
        match &self.answer {
            Answer::Choice { options, selected } => {
                input_row = None;
                for (n, option) in options.iter().enumerate() {
                    let text = format!(
                        "{} {}  {}",
                        if n == *selected { "▸" } else { " " },
                        n + 1,
                        option
                    );
                    let style = if n == *selected {
                        theme.selected
                    } else {
                        theme.text
                    };
                    lines.push(Line::styled(text, style));
                }
            }
            Answer::Text { hint, .. } => {
                input_row = Some(lines.len());
                lines.push(Line::raw(""));
                lines.push(Line::styled(hint.clone(), theme.dim));
            }
        }
        if let Some(error) = &self.error {
            lines.push(Line::styled(cell_text(error), theme.error));
        }
        let keys = match self.answer {
            Answer::Choice { .. } => " ↑↓ choose · Enter or digit picks · Esc cancels ",
            Answer::Text { .. } => " Enter saves · Esc cancels ",
        };
        // Borders, a margin line above and below.
        let height = lines.len() as u16 + 4;
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        let block = Block::bordered()
            .title(Span::styled(
                format!(" {} ", cell_text(&self.title)),
                theme.title,
            ))
            .title_bottom(Span::styled(keys, theme.dim));
        let inner = block.inner(popup).inner(ratatui::layout::Margin::new(1, 1));
        block.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
        if let (Some(row), Answer::Text { input, .. }) = (input_row, &self.answer) {
            let y = inner.y + row as u16;
            if y < inner.bottom() {
                Paragraph::new(Span::styled("› ", theme.accent)).render(
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                    buf,
                );
                let field = Rect {
                    x: inner.x + 2,
                    y,
                    width: inner.width.saturating_sub(2),
                    height: 1,
                };
                draw_input(input, true, field, buf, theme);
            }
        }
    }
}

/// Splits plain text into lines of at most `width` columns at spaces, so the
/// prompt can count its own height (long words are cut by the paragraph).
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
