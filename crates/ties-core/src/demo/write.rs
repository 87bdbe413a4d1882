//! Writing the plan: `Plan::write` stores it through the same store writer
//! (and so the same rules) every face and importer uses, inside the
//! caller's transaction.

use chrono::Duration;

use super::plan::{Note, Plan};
use super::{DemoSummary, MAX_ITEMS, MAX_PARTICIPANTS};
use crate::error::Result;
use crate::model::{Channel, Direction, ItemKind, ItemState};
use crate::store::{NewInteraction, NewItem, NewNetwork, Writer};

impl Plan {
    pub(super) fn write(mut self, w: &Writer<'_>) -> Result<DemoSummary> {
        let today = w.today();
        let date = |days_ago: u32| today - Duration::days(i64::from(days_ago));
        let mut ids: Vec<i64> = Vec::with_capacity(self.contacts.len());
        for i in 0..self.contacts.len() {
            let contact = &mut self.contacts[i];
            contact.new.met_through = contact.met_through.map(|m| ids[m]);
            if let Some((org, title)) = contact.organisation {
                contact.new.organisations = vec![(ids[org], Some(title.to_string()))];
            }
            contact.new.archived = contact.archived;
            contact.new.snoozed_until = contact
                .snoozed_days
                .map(|days| today + Duration::days(i64::from(days)));
            if let Some(dates) = self.dates.get(i) {
                (contact.new.birthday, contact.new.dates) = dates.render(today);
            }
            ids.push(w.insert_contact(&contact.new)?);
        }

        let mut network_ids = Vec::with_capacity(self.networks.len());
        for network in &self.networks {
            let spec = network.spec;
            let new = NewNetwork {
                name: w.free_network_name(spec.name)?,
                goal: spec.goal.to_string(),
                role: spec.role,
                intent: spec.intent,
                hours_per_month: Some(spec.hours_per_month),
                review_on: Some(today + Duration::days(spec.review_in_days)),
                note: spec.note.to_string(),
            };
            let id = w.insert_network(&new)?;
            for (&contact, &joined) in network.members.iter().zip(&network.joined) {
                w.join(id, ids[contact], date(joined))?;
            }
            network_ids.push(id);
        }

        // One record reused for every interaction: its buffers are cleared,
        // not reallocated.
        let mut new = NewInteraction {
            date: today,
            time: None,
            channel: Channel::Other,
            minutes: None,
            network: None,
            note: String::new(),
            participants: Vec::with_capacity(MAX_PARTICIPANTS),
            items: Vec::with_capacity(MAX_ITEMS),
        };
        let mut time = String::with_capacity(5);
        let (mut items, mut open_promises) = (0, 0);
        for plan in &self.interactions {
            new.date = date(plan.days_ago);
            new.time = plan.time.map(|minute| {
                use std::fmt::Write;
                time.clear();
                let _ = write!(time, "{:02}:{:02}", minute / 60, minute % 60);
                std::mem::take(&mut time)
            });
            new.channel = plan.channel;
            new.minutes = plan.minutes;
            new.network = plan.network.map(|n| network_ids[usize::from(n)]);
            self.render_note(plan.note, &mut new.note);
            new.participants.clear();
            new.participants
                .extend(plan.participants().iter().map(|&p| ids[p as usize]));
            new.items.truncate(plan.items().len());
            while new.items.len() < plan.items().len() {
                new.items.push(NewItem {
                    counterparty: 0,
                    direction: Direction::Gave,
                    kind: ItemKind::Other,
                    weight: 1,
                    state: ItemState::Done,
                    note: String::new(),
                });
            }
            for (item, planned) in new.items.iter_mut().zip(plan.items()) {
                item.counterparty = ids[planned.counterparty as usize];
                item.direction = planned.direction;
                item.kind = planned.kind;
                item.weight = planned.weight;
                item.state = planned.state;
                self.render_note(planned.note, &mut item.note);
                open_promises += usize::from(planned.state == ItemState::Open);
            }
            items += new.items.len();
            w.insert_interaction(&new)?;
            if let Some(buffer) = new.time.take() {
                time = buffer;
            }
        }

        Ok(DemoSummary {
            contacts: self.contacts.len(),
            organisations: self.organisations,
            networks: self.networks.len(),
            interactions: self.interactions.len(),
            items,
            open_promises,
        })
    }

    fn render_note(&self, note: Note, out: &mut String) {
        out.clear();
        match note {
            Note::None => {}
            Note::Text(text) => out.push_str(text),
            Note::IntroTo(who) => {
                out.push_str("intro to ");
                out.push_str(self.contacts[who as usize].short_name());
            }
        }
    }
}
