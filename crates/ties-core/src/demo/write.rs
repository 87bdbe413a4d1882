//! Writing the plan: `Plan::write` stores it through the same bulk writers
//! an import uses, inside the caller's transaction.

use chrono::{Duration, NaiveDate};
use rusqlite::{Transaction, params};

use super::plan::{Note, Plan};
use super::{DemoSummary, MAX_ITEMS, MAX_PARTICIPANTS};
use crate::error::Result;
use crate::model::{Channel, Direction, ItemKind, ItemState};
use crate::store::{self, NewInteraction, NewItem, NewNetwork};
use crate::text::fold;

impl Plan {
    pub(super) fn write(
        mut self,
        tx: &Transaction<'_>,
        today: NaiveDate,
        now: &str,
    ) -> Result<DemoSummary> {
        let date = |days_ago: u32| today - Duration::days(i64::from(days_ago));
        let mut ids: Vec<i64> = Vec::with_capacity(self.contacts.len());
        for i in 0..self.contacts.len() {
            let contact = &mut self.contacts[i];
            contact.new.met_through = contact.met_through.map(|m| ids[m]);
            if let Some((org, title)) = contact.organisation {
                contact.new.organisations = vec![(ids[org], Some(title.to_string()))];
            }
            ids.push(store::insert_contact(tx, &contact.new, now)?);
        }
        {
            let mut archive =
                tx.prepare_cached("UPDATE contacts SET archived = 1 WHERE id = ?1")?;
            let mut snooze =
                tx.prepare_cached("UPDATE contacts SET snoozed_until = ?2 WHERE id = ?1")?;
            for (contact, &id) in self.contacts.iter().zip(&ids) {
                if contact.archived {
                    archive.execute([id])?;
                }
                if let Some(days) = contact.snoozed_days {
                    snooze.execute(params![id, today + Duration::days(i64::from(days))])?;
                }
            }
        }

        let mut network_ids = Vec::with_capacity(self.networks.len());
        {
            let mut member = tx.prepare_cached(
                "INSERT OR IGNORE INTO network_members (network_id, contact_id, joined_on) VALUES (?1, ?2, ?3)",
            )?;
            for network in &self.networks {
                let spec = network.spec;
                let new = NewNetwork {
                    name: free_network_name(tx, spec.name)?,
                    goal: spec.goal.to_string(),
                    role: spec.role,
                    intent: spec.intent,
                    hours_per_month: Some(spec.hours_per_month),
                    review_on: Some(today + Duration::days(spec.review_in_days)),
                    note: spec.note.to_string(),
                };
                let id = store::insert_network(tx, &new, now)?;
                for (&contact, &joined) in network.members.iter().zip(&network.joined) {
                    member.execute(params![id, ids[contact], date(joined)])?;
                }
                network_ids.push(id);
            }
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
            store::insert_interaction(tx, &new, now)?;
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

/// The network's name, or with a number added when a network of that name
/// exists already (demo data added to a database with `--force`).
fn free_network_name(tx: &Transaction<'_>, base: &str) -> Result<String> {
    let mut taken =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM networks WHERE name_key = ?1)")?;
    let mut name = base.to_string();
    for n in 2.. {
        if !taken.query_row([fold(&name)], |row| row.get::<_, bool>(0))? {
            break;
        }
        name = format!("{base} {n}");
    }
    Ok(name)
}
