//! Writes the terminal UI's forms (and `add --org`) make, each
//! all-or-nothing: an interaction logged together with the people first met
//! in it, and a person added or edited together with an organisation that
//! does not exist yet.

use super::Store;
use super::contacts::{ContactEdit, NewContact, no_such_contact};
use super::interactions::NewInteraction;
use crate::change::Change;
use crate::error::Result;
use crate::model::Kind;

impl Store {
    /// The id that stands for `new_people[index]` in the participants and
    /// item counterparties given to `log_with_new_contacts`. Negative, so it
    /// can never name a stored contact.
    pub fn pending_contact_id(index: usize) -> i64 {
        -1 - index as i64
    }

    /// Adds `new_people` and logs `interaction` in one transaction: either
    /// everything is written or nothing is. Participants and counterparties
    /// name a new person by `pending_contact_id`. Returns the interaction id.
    pub fn log_with_new_contacts(
        &mut self,
        new_people: &[NewContact],
        interaction: &NewInteraction,
    ) -> Result<i64> {
        self.write(|w| {
            let mut created = Vec::with_capacity(new_people.len());
            for person in new_people {
                created.push(w.insert_contact(person)?);
            }
            let real_id = |id: i64| -> Result<i64> {
                if id > 0 {
                    return Ok(id);
                }
                usize::try_from(-1 - id)
                    .ok()
                    .and_then(|index| created.get(index).copied())
                    .ok_or_else(|| no_such_contact(id))
            };
            let mut resolved = interaction.clone();
            for participant in &mut resolved.participants {
                *participant = real_id(*participant)?;
            }
            for item in &mut resolved.items {
                item.counterparty = real_id(item.counterparty)?;
            }
            let id = w.insert_interaction(&resolved)?;
            let new_contacts = created
                .iter()
                .map(|&c| w.contact_ref(c))
                .collect::<Result<_>>()?;
            let change = Change::Logged {
                interaction: w.interaction_ref(id)?,
                new_contacts,
            };
            Ok((id, change))
        })
    }

    /// Adds a person who belongs to an organisation not stored yet: both
    /// are created in one transaction. Returns the person's id.
    pub fn add_contact_with_new_org(
        &mut self,
        person: &NewContact,
        org_name: &str,
        title: Option<String>,
    ) -> Result<i64> {
        self.write(|w| {
            let org = w.insert_contact(&NewContact::new(Kind::Org, org_name))?;
            let mut person = person.clone();
            person.organisations.push((org, title));
            let id = w.insert_contact(&person)?;
            let change = Change::AddedContact {
                contact: w.contact_ref(id)?,
                kind: person.kind,
                new_org: Some(w.contact_ref(org)?),
            };
            Ok((id, change))
        })
    }

    /// Edits a person and makes them join an organisation not stored yet,
    /// in one transaction: a refused edit leaves no organisation behind.
    pub fn edit_contact_with_new_org(
        &mut self,
        id: i64,
        edit: &ContactEdit,
        org_name: &str,
        title: Option<String>,
    ) -> Result<()> {
        self.write(|w| {
            let org = w.insert_contact(&NewContact::new(Kind::Org, org_name))?;
            let mut edit = edit.clone();
            edit.add_organisations.push((org, title));
            let new_org = Some(w.contact_ref(org)?);
            let change = w.described_edit(id, new_org, |w| w.apply_edit(id, &edit))?;
            Ok(((), change))
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::dates::Clock;
    use crate::model::{Channel, Circle, Direction, ItemKind, ItemState};
    use crate::store::NewItem;

    fn store() -> Store {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        Store::open_in_memory(Clock::fixed(today)).unwrap()
    }

    fn meeting(participants: Vec<i64>, items: Vec<NewItem>) -> NewInteraction {
        NewInteraction {
            date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            time: None,
            channel: Channel::Meeting,
            minutes: None,
            network: None,
            note: String::new(),
            participants,
            items,
        }
    }

    fn item(counterparty: i64) -> NewItem {
        NewItem {
            counterparty,
            direction: Direction::Gave,
            kind: ItemKind::Intro,
            weight: 3,
            state: ItemState::Done,
            note: String::new(),
        }
    }

    #[test]
    fn new_people_and_the_interaction_are_written_together() {
        let mut store = store();
        let anna = store
            .add_contact(&NewContact::new(Kind::Person, "Anna Järvinen"))
            .unwrap();
        let mut bob = NewContact::new(Kind::Person, "Bob Newman");
        bob.circle = Some(Circle::Other);
        let pending = Store::pending_contact_id(0);
        let id = store
            .log_with_new_contacts(&[bob], &meeting(vec![anna, pending], vec![item(pending)]))
            .unwrap();
        let logged = store.interaction(id).unwrap();
        let names: Vec<&str> = logged
            .participants
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Anna Järvinen", "Bob Newman"]);
        assert_eq!(logged.items[0].counterparty.name, "Bob Newman");
    }

    #[test]
    fn a_refused_interaction_leaves_no_new_people_behind() {
        let mut store = store();
        let bob = NewContact::new(Kind::Person, "Bob Newman");
        let mut refused = meeting(vec![Store::pending_contact_id(0)], Vec::new());
        refused.minutes = Some(99_999);
        assert!(store.log_with_new_contacts(&[bob], &refused).is_err());
        assert_eq!(store.count_contacts().unwrap(), 0);
    }

    #[test]
    fn a_person_joins_a_new_organisation_atomically() {
        let mut store = store();
        let person = NewContact::new(Kind::Person, "Anna Järvinen");
        let id = store
            .add_contact_with_new_org(&person, "Kasvu Oy", Some("CTO".into()))
            .unwrap();
        let affiliations = store.affiliations_of(id).unwrap();
        assert_eq!(affiliations[0].org.name, "Kasvu Oy");
        assert_eq!(affiliations[0].title.as_deref(), Some("CTO"));

        let refused = NewContact::new(Kind::Person, "  ");
        assert!(
            store
                .add_contact_with_new_org(&refused, "Other Oy", None)
                .is_err()
        );
        let bad_edit = ContactEdit {
            remove_tags: vec!["never-had-it".into()],
            ..ContactEdit::default()
        };
        assert!(
            store
                .edit_contact_with_new_org(id, &bad_edit, "Third Oy", None)
                .is_err()
        );
        assert_eq!(store.count_contacts().unwrap(), 2, "no stray organisations");
    }
}
