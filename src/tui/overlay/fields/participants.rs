//! People picked by fuzzy search: chips of the people chosen, and a query
//! whose dropdown offers the best matches, and (in the log form) a
//! brand-new person to add on the spot. The log form's participants and
//! the members added to a network are picked the same way.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ties::model::ContactRef;
use ties::resolve::Candidate;
use ties::search::Fuzzy;
use ties::text::fold_keeping_symbols;

use super::TextField;

/// How many matches the dropdown lists.
const SHOWN_MATCHES: usize = 6;

/// A participant: someone stored, or a new person created when the form is
/// saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Person {
    Stored(ContactRef),
    New(String),
}

/// A chosen participant. `serial` stays the same while the chip lives, so
/// items can name their counterparty even as other chips come and go.
#[derive(Debug, Clone, PartialEq)]
pub struct Chip {
    pub serial: u32,
    pub person: Person,
}

impl Chip {
    pub fn name(&self) -> &str {
        match &self.person {
            Person::Stored(contact) => &contact.name,
            Person::New(name) => name,
        }
    }
}

/// One line of the dropdown.
#[derive(Debug, Clone, PartialEq)]
pub enum Suggestion {
    /// An index into the candidates.
    Contact(usize),
    /// `+ add "Name" as a new person`.
    AddNew(String),
}

pub struct ParticipantsField {
    pub chips: Vec<Chip>,
    next_serial: u32,
    pub query: TextField,
    candidates: Vec<Candidate>,
    fuzzy: Fuzzy,
    pub suggestions: Vec<Suggestion>,
    /// The highlighted suggestion.
    pub picked: usize,
    /// Whether a name that matches no one is offered as a new person.
    offer_new: bool,
    /// Contacts never offered (a network's members already).
    excluded: Vec<i64>,
}

impl ParticipantsField {
    pub fn new(candidates: Vec<Candidate>, prefill: Vec<ContactRef>) -> ParticipantsField {
        let mut field = ParticipantsField {
            chips: Vec::new(),
            next_serial: 0,
            query: TextField::new(""),
            candidates,
            fuzzy: Fuzzy::default(),
            suggestions: Vec::new(),
            picked: 0,
            offer_new: true,
            excluded: Vec::new(),
        };
        for contact in prefill {
            if !field.has_stored(contact.id) {
                field.push(Person::Stored(contact));
            }
        }
        field
    }

    /// A picker of stored contacts only, never offering `excluded`.
    pub fn existing_only(candidates: Vec<Candidate>, excluded: Vec<i64>) -> ParticipantsField {
        ParticipantsField {
            offer_new: false,
            excluded,
            ..ParticipantsField::new(candidates, Vec::new())
        }
    }

    /// The stored contacts chosen, in order.
    pub fn stored(&self) -> Vec<ContactRef> {
        self.chips
            .iter()
            .filter_map(|chip| match &chip.person {
                Person::Stored(contact) => Some(contact.clone()),
                Person::New(_) => None,
            })
            .collect()
    }

    pub fn candidate(&self, index: usize) -> Option<&Candidate> {
        self.candidates.get(index)
    }

    pub fn chip(&self, serial: u32) -> Option<&Chip> {
        self.chips.iter().find(|chip| chip.serial == serial)
    }

    /// Whether the dropdown shows (something is typed).
    pub fn dropdown_open(&self) -> bool {
        !self.query.is_blank()
    }

    fn has_stored(&self, id: i64) -> bool {
        self.chips
            .iter()
            .any(|chip| matches!(&chip.person, Person::Stored(c) if c.id == id))
    }

    fn push(&mut self, person: Person) {
        self.chips.push(Chip {
            serial: self.next_serial,
            person,
        });
        self.next_serial += 1;
    }

    /// Keys for the chips and the query; false for keys the form handles
    /// (↑/↓ with no dropdown, Enter with nothing typed, Tab, Esc…).
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Up if plain && self.dropdown_open() => {
                self.picked = self.picked.saturating_sub(1);
                true
            }
            KeyCode::Down if plain && self.dropdown_open() => {
                self.picked = (self.picked + 1).min(self.suggestions.len().saturating_sub(1));
                true
            }
            KeyCode::Enter if self.dropdown_open() => {
                self.choose();
                true
            }
            KeyCode::Backspace if plain && self.query.value().is_empty() => {
                self.chips.pop();
                self.refresh();
                true
            }
            _ => {
                let used = self.query.handle_key(key);
                if used {
                    self.refresh();
                }
                used
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.query.paste(text);
        self.refresh();
    }

    /// Adds the highlighted suggestion as a chip and clears the query.
    fn choose(&mut self) {
        match self.suggestions.get(self.picked).cloned() {
            Some(Suggestion::Contact(index)) => {
                if let Some(candidate) = self.candidates.get(index) {
                    let contact = candidate.reference();
                    if !self.has_stored(contact.id) {
                        self.push(Person::Stored(contact));
                    }
                }
            }
            Some(Suggestion::AddNew(name)) => self.push(Person::New(name)),
            None => return,
        }
        self.query.clear();
        self.refresh();
    }

    /// Ranks the candidates for the query: the best active matches, or
    /// archived ones when no active contact matches; then the offer to add
    /// the typed name unless someone is called exactly that.
    fn refresh(&mut self) {
        self.picked = 0;
        self.suggestions.clear();
        let query = self.query.value().trim().to_string();
        if query.is_empty() {
            return;
        }
        let mut chosen: Vec<i64> = self.stored().iter().map(|c| c.id).collect();
        chosen.extend(&self.excluded);
        for archived in [false, true] {
            let pool: Vec<usize> = (0..self.candidates.len())
                .filter(|&i| {
                    let c = &self.candidates[i];
                    c.archived == archived && !chosen.contains(&c.id)
                })
                .collect();
            let names: Vec<&str> = pool
                .iter()
                .map(|&i| self.candidates[i].name.as_str())
                .collect();
            let ranked = self.fuzzy.rank(&query, &names);
            self.suggestions.extend(
                ranked
                    .into_iter()
                    .take(SHOWN_MATCHES)
                    .map(|rank| Suggestion::Contact(pool[rank])),
            );
            if !self.suggestions.is_empty() {
                break;
            }
        }
        // Candidates' keys keep the symbols that tell names apart.
        let key = fold_keeping_symbols(&query);
        let taken = self.candidates.iter().any(|c| c.key == key)
            || self
                .chips
                .iter()
                .any(|chip| fold_keeping_symbols(chip.name()) == key);
        if self.offer_new && !taken && !key.is_empty() {
            self.suggestions
                .push(Suggestion::AddNew(ties::text::clean(&query)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates() -> Vec<Candidate> {
        [
            ("Anna Järvinen", false),
            ("Annika Berg", true),
            ("Bob Smith", false),
        ]
        .iter()
        .enumerate()
        .map(|(i, (name, archived))| Candidate {
            id: i as i64 + 1,
            name: name.to_string(),
            key: fold_keeping_symbols(name),
            archived: *archived,
        })
        .collect()
    }

    fn typed(field: &mut ParticipantsField, text: &str) {
        for c in text.chars() {
            field.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn enter(field: &mut ParticipantsField) {
        field.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    }

    #[test]
    fn active_matches_come_first_then_the_offer_to_add() {
        let mut field = ParticipantsField::new(candidates(), Vec::new());
        typed(&mut field, "ann");
        assert_eq!(
            field.suggestions,
            [Suggestion::Contact(0), Suggestion::AddNew("ann".into())],
            "archived Annika only when no active contact matches"
        );
        enter(&mut field);
        assert_eq!(field.chips[0].name(), "Anna Järvinen");
        typed(&mut field, "annik");
        assert_eq!(field.suggestions[0], Suggestion::Contact(1));
    }

    #[test]
    fn an_unknown_name_becomes_a_new_person_and_backspace_removes_it() {
        let mut field = ParticipantsField::new(candidates(), Vec::new());
        typed(&mut field, "Qwyx Brandnew");
        assert_eq!(
            field.suggestions,
            [Suggestion::AddNew("Qwyx Brandnew".into())]
        );
        enter(&mut field);
        assert_eq!(field.chips[0].person, Person::New("Qwyx Brandnew".into()));
        typed(&mut field, "bob smith");
        assert_eq!(
            field.suggestions,
            [Suggestion::Contact(2)],
            "exact name: no offer to add"
        );
        field.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        field.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert!(field.chips.is_empty());
    }

    #[test]
    fn existing_only_never_offers_a_new_person_or_an_excluded_one() {
        let mut field = ParticipantsField::existing_only(candidates(), vec![3]);
        typed(&mut field, "Qwyx");
        assert!(field.suggestions.is_empty());
        field.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut field, "bob");
        assert!(field.suggestions.is_empty(), "Bob (#3) is excluded");
        field.handle_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        typed(&mut field, "anna");
        enter(&mut field);
        assert_eq!(field.stored()[0].name, "Anna Järvinen");
        typed(&mut field, "anna");
        assert!(
            !field.suggestions.contains(&Suggestion::Contact(0)),
            "a chosen contact is not offered twice"
        );
    }
}
