//! The kit every form and prompt is built from: the form skeleton (keys
//! between fields, save, the discard question), a single-line text field,
//! a multi-line note, a choice cycled with ←/→, and the form's frame (box,
//! labels, key footer, the "discard?" question).

mod choice;
mod form;
mod frame;
mod line;
mod note;
mod participants;
mod participants_draw;
mod text;

pub use choice::Choice;
pub use form::{Form, FormState, focus, handle_key, paste};
pub use frame::{
    LABEL_WIDTH, draw_discard_question, draw_form_box, draw_label, field_row, hint_line,
};
pub use line::draw_line;
pub use note::NoteField;
pub use participants::{Chip, ParticipantsField, Person};
pub use participants_draw::{ChipLine, chip_lines, draw_chip_lines, draw_dropdown};
pub use text::{TEXT_KEYS, TextField};
