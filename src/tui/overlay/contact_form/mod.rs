//! The contact form: `a` adds a person or an organisation, `e` edits one.
//! Lists (emails, phones, tags, expertise) are comma-separated; a person's
//! organisation is found by name or created on save; Ctrl-S writes it all
//! at once. Problems show next to their field.

mod check;
mod draw;
mod save;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ties::Store;
use ties::model::{Circle, Contact, ContactRef, Kind};
use ties::resolve::Candidate;

use super::OverlayOutcome;
use super::fields::{Choice, NoteField, TextField};
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kind,
    Name,
    Circle,
    Emails,
    Phones,
    Tags,
    Expertise,
    Organisation,
    Title,
    Cadence,
    MetHow,
    Note,
}

impl Field {
    const ALL: [Field; 12] = [
        Field::Kind,
        Field::Name,
        Field::Circle,
        Field::Emails,
        Field::Phones,
        Field::Tags,
        Field::Expertise,
        Field::Organisation,
        Field::Title,
        Field::Cadence,
        Field::MetHow,
        Field::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Kind => "Kind",
            Field::Name => "Name",
            Field::Circle => "Circle",
            Field::Emails => "Emails",
            Field::Phones => "Phones",
            Field::Tags => "Tags",
            Field::Expertise => "Expertise",
            Field::Organisation => "Organisation",
            Field::Title => "Title",
            Field::Cadence => "Reconnect",
            Field::MetHow => "Met how",
            Field::Note => "Note",
        }
    }
}

/// What an edited contact was when the form opened: the changes are the
/// differences from it.
pub struct Original {
    pub contact: Contact,
    /// The person's first organisation and title, the one the form shows.
    pub organisation: Option<(ContactRef, Option<String>)>,
}

pub struct ContactForm {
    /// `None` when adding.
    original: Option<Original>,
    focus: Field,
    kind: Choice<Kind>,
    name: TextField,
    circle: Choice<Option<Circle>>,
    emails: TextField,
    phones: TextField,
    tags: TextField,
    expertise: TextField,
    organisation: TextField,
    title: TextField,
    cadence: TextField,
    met_how: TextField,
    note: NoteField,
    /// Every organisation, to find the one typed.
    organisations: Vec<Candidate>,
    /// A person's further organisations, which this form leaves alone.
    other_organisations: Vec<String>,
    tried_to_save: bool,
    message: Option<String>,
    confirming_discard: bool,
}

impl ContactForm {
    pub fn add(store: &Store) -> ContactForm {
        let mut form = ContactForm::blank(store, None);
        form.focus = Field::Name;
        form
    }

    pub fn edit(store: &Store, id: i64) -> ties::Result<ContactForm> {
        let contact = store.contact(id)?;
        let affiliations: Vec<_> = store
            .affiliations_of(id)?
            .into_iter()
            .filter(|a| a.person.id == id)
            .collect();
        let organisation = affiliations
            .first()
            .map(|a| (a.org.clone(), a.title.clone()));
        let mut form = ContactForm::blank(store, Some(contact.circle));
        form.kind = kind_choice(contact.kind);
        form.name = TextField::new(&contact.name);
        form.emails = TextField::new(&joined(contact.emails.iter().map(|e| e.value.as_str())));
        form.phones = TextField::new(&joined(contact.phones.iter().map(|p| p.value.as_str())));
        form.tags = TextField::new(&joined(contact.tags.iter().map(String::as_str)));
        form.expertise = TextField::new(&joined(contact.expertise.iter().map(String::as_str)));
        if let Some((org, title)) = &organisation {
            form.organisation = TextField::new(&org.name);
            form.title = TextField::new(title.as_deref().unwrap_or(""));
        }
        form.other_organisations = affiliations
            .iter()
            .skip(1)
            .map(|a| a.org.name.clone())
            .collect();
        if let Some(days) = contact.cadence_days {
            form.cadence = TextField::new(&format!("{days}d"));
        }
        form.met_how = TextField::new(&contact.met_how);
        form.note = NoteField::new(&contact.note);
        form.focus = Field::Name;
        form.original = Some(Original {
            contact,
            organisation,
        });
        Ok(form)
    }

    /// An empty form. `edited_circle` is the circle of the contact being
    /// edited: "none" is offered only to one that has none.
    fn blank(store: &Store, edited_circle: Option<Option<Circle>>) -> ContactForm {
        let mut message = None;
        let organisations = store
            .contact_candidates(Some(Kind::Org))
            .unwrap_or_else(|error| {
                message = Some(format!("could not read the organisations: {error}"));
                Vec::new()
            });
        let mut circles: Vec<(Option<Circle>, String)> = Vec::new();
        if edited_circle == Some(None) {
            circles.push((None, "none".to_string()));
        }
        circles.extend(
            Circle::ALL
                .iter()
                .map(|c| (Some(*c), c.as_str().to_string())),
        );
        let selected = edited_circle.unwrap_or(Some(Circle::Other));
        ContactForm {
            original: None,
            focus: Field::Kind,
            kind: kind_choice(Kind::Person),
            name: TextField::new(""),
            circle: Choice::new(circles, &selected),
            emails: TextField::new(""),
            phones: TextField::new(""),
            tags: TextField::new(""),
            expertise: TextField::new(""),
            organisation: TextField::new(""),
            title: TextField::new(""),
            cadence: TextField::new(""),
            met_how: TextField::new(""),
            note: NoteField::new(""),
            organisations,
            other_organisations: Vec::new(),
            tried_to_save: false,
            message,
            confirming_discard: false,
        }
    }

    fn is_person(&self) -> bool {
        *self.kind.value() == Kind::Person
    }

    /// The fields shown, in order: the kind only when adding, the circle
    /// and organisation only for people.
    fn fields(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|field| match field {
                Field::Kind => self.original.is_none(),
                Field::Circle | Field::Organisation | Field::Title => self.is_person(),
                _ => true,
            })
            .collect()
    }

    /// The field `step` places away from the focused one, wrapping or not.
    fn step_focus(&mut self, step: isize, wrap: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let len = fields.len() as isize;
        let next = if wrap {
            (at + step).rem_euclid(len)
        } else {
            (at + step).clamp(0, len - 1)
        };
        self.focus = fields[next as usize];
    }

    fn text_field(&mut self, field: Field) -> Option<&mut TextField> {
        Some(match field {
            Field::Name => &mut self.name,
            Field::Emails => &mut self.emails,
            Field::Phones => &mut self.phones,
            Field::Tags => &mut self.tags,
            Field::Expertise => &mut self.expertise,
            Field::Organisation => &mut self.organisation,
            Field::Title => &mut self.title,
            Field::Cadence => &mut self.cadence,
            Field::MetHow => &mut self.met_how,
            Field::Kind | Field::Circle | Field::Note => return None,
        })
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        if self.confirming_discard {
            return super::answer_discard(&key, &mut self.confirming_discard);
        }
        self.message = None;
        match keymap.action(Scope::Form, Key::from_event(&key)) {
            Some(Action::Save) => return self.save(store),
            Some(Action::Cancel) => return self.cancel(),
            Some(Action::NextField) => {
                self.step_focus(1, true);
                return OverlayOutcome::Stay;
            }
            Some(Action::PrevField) => {
                self.step_focus(-1, true);
                return OverlayOutcome::Stay;
            }
            _ => {}
        }
        let used = match self.focus {
            Field::Kind => self.kind.handle_key(&key),
            Field::Circle => self.circle.handle_key(&key),
            Field::Note => self.note.handle_key(&key),
            field => self.text_field(field).is_some_and(|f| f.handle_key(&key)),
        };
        if !used {
            match key.code {
                KeyCode::Up => self.step_focus(-1, false),
                KeyCode::Down | KeyCode::Enter => self.step_focus(1, false),
                _ => {}
            }
        }
        OverlayOutcome::Stay
    }

    pub fn paste(&mut self, text: &str) {
        if self.confirming_discard {
            return;
        }
        match self.focus {
            Field::Note => self.note.paste(text),
            field => {
                if let Some(input) = self.text_field(field) {
                    input.paste(text);
                }
            }
        }
    }

    fn cancel(&mut self) -> OverlayOutcome {
        if self.is_touched() {
            self.confirming_discard = true;
            OverlayOutcome::Stay
        } else {
            OverlayOutcome::Close
        }
    }

    /// Whether saving would change anything.
    fn is_touched(&self) -> bool {
        match &self.original {
            None => {
                *self.kind.value() != Kind::Person
                    || *self.circle.value() != Some(Circle::Other)
                    || [
                        &self.name,
                        &self.emails,
                        &self.phones,
                        &self.tags,
                        &self.expertise,
                        &self.organisation,
                        &self.title,
                        &self.cadence,
                        &self.met_how,
                    ]
                    .iter()
                    .any(|f| !f.is_blank())
                    || !self.note.is_blank()
            }
            Some(original) => save::has_changes(self, original),
        }
    }
}

fn kind_choice(selected: Kind) -> Choice<Kind> {
    let kinds = Kind::ALL
        .iter()
        .map(|k| (*k, k.as_str().to_string()))
        .collect();
    Choice::new(kinds, &selected)
}

fn joined<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.collect::<Vec<_>>().join(", ")
}
