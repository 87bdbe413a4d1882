//! The contact form: `a` adds a person or an organisation, `e` edits one.
//! Lists (emails, phones, tags, expertise) are comma-separated; a person's
//! organisation is found by name or created on save; Ctrl-S writes it all
//! at once. Problems show next to their field.

mod check;
mod draw;
mod save;

use ratatui::crossterm::event::KeyEvent;
use ties::Store;
use ties::model::{Circle, Contact, ContactRef, Kind};
use ties::resolve::Candidate;

use super::OverlayOutcome;
use super::fields::{self, Choice, Form, FormState, NoteField, TextField};
use crate::tui::keymap::Keymap;

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
    Birthday,
    Dates,
    MetHow,
    Note,
}

impl Field {
    const ALL: [Field; 14] = [
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
        Field::Birthday,
        Field::Dates,
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
            Field::Birthday => "Birthday",
            Field::Dates => "Dates",
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
    state: FormState<Field>,
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
    birthday: TextField,
    dates: TextField,
    met_how: TextField,
    note: NoteField,
    /// Every organisation, to find the one typed.
    organisations: Vec<Candidate>,
    /// A person's further organisations, which this form leaves alone.
    other_organisations: Vec<String>,
    /// For saying when a birthday next falls.
    today: chrono::NaiveDate,
}

impl ContactForm {
    pub fn add(store: &Store) -> ContactForm {
        let mut form = ContactForm::blank(store, None);
        fields::focus(&mut form, Field::Name);
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
        form.birthday = TextField::new(contact.birthday.as_deref().unwrap_or(""));
        form.dates = TextField::new(&check::dates_text(&contact.dates));
        form.met_how = TextField::new(&contact.met_how);
        form.note = NoteField::new(&contact.note);
        form.original = Some(Original {
            contact,
            organisation,
        });
        fields::focus(&mut form, Field::Name);
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
        let mut state = FormState::new(Field::Kind);
        state.message = message;
        ContactForm {
            original: None,
            state,
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
            birthday: TextField::new(""),
            dates: TextField::new(""),
            met_how: TextField::new(""),
            note: NoteField::new(""),
            organisations,
            other_organisations: Vec::new(),
            today: store.clock().today,
        }
    }

    fn is_person(&self) -> bool {
        *self.kind.value() == Kind::Person
    }

    fn text(&self, field: Field) -> Option<&TextField> {
        Some(match field {
            Field::Name => &self.name,
            Field::Emails => &self.emails,
            Field::Phones => &self.phones,
            Field::Tags => &self.tags,
            Field::Expertise => &self.expertise,
            Field::Organisation => &self.organisation,
            Field::Title => &self.title,
            Field::Cadence => &self.cadence,
            Field::Birthday => &self.birthday,
            Field::Dates => &self.dates,
            Field::MetHow => &self.met_how,
            Field::Kind | Field::Circle | Field::Note => return None,
        })
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
            Field::Birthday => &mut self.birthday,
            Field::Dates => &mut self.dates,
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
        fields::handle_key(self, key, keymap, store)
    }

    pub fn paste(&mut self, text: &str) {
        fields::paste(self, text);
    }
}

impl Form for ContactForm {
    type Field = Field;

    fn state(&self) -> &FormState<Field> {
        &self.state
    }

    fn state_mut(&mut self) -> &mut FormState<Field> {
        &mut self.state
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

    fn field_key(&mut self, key: &KeyEvent) -> bool {
        match self.state.focus {
            Field::Kind => self.kind.handle_key(key),
            Field::Circle => self.circle.handle_key(key),
            Field::Note => self.note.handle_key(key),
            field => self.text_field(field).is_some_and(|f| f.handle_key(key)),
        }
    }

    fn field_paste(&mut self, text: &str) {
        match self.state.focus {
            Field::Note => self.note.paste(text),
            field => {
                if let Some(input) = self.text_field(field) {
                    input.paste(text);
                }
            }
        }
    }

    fn focus_arrived(&mut self, field: Field) {
        match field {
            Field::Note => self.note.focus(),
            field => {
                if let Some(input) = self.text_field(field) {
                    input.focus();
                }
            }
        }
    }

    fn focused_text(&self) -> Option<&TextField> {
        self.text(self.state.focus)
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
                        &self.birthday,
                        &self.dates,
                        &self.met_how,
                    ]
                    .iter()
                    .any(|f| !f.is_blank())
                    || !self.note.is_blank()
            }
            Some(original) => save::has_changes(self, original),
        }
    }

    fn save(&mut self, store: &mut Store) -> OverlayOutcome {
        self.save_to(store)
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
