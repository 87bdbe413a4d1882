//! Drawing the history: interactions, alone or in a network, their
//! give/take items, and the open promises.

use fastrand::Rng;

use super::pick::{WeightedIndex, choose_distinct, pick, pick_weighted};
use super::plan::{InteractionPlan, ItemPlan, Note, Plan, Window};
use super::vocabulary::texts::{MY_PROMISES, THEIR_PROMISES, channel_notes, done_notes};
use super::{MAX_ITEMS, MAX_PARTICIPANTS, NETWORK_SHARE, PROMISE_DAYS};
use crate::model::{Channel, Circle, Direction, ItemKind, ItemState};

impl Plan {
    pub(super) fn draw_interactions(&mut self, rng: &mut Rng, count: usize) {
        let activity =
            WeightedIndex::new(self.contacts.iter().map(|c| c.activity * c.window.share()));
        let networks = WeightedIndex::new(self.networks.iter().map(|n| n.spec.activity));
        let mut org_people: Vec<Vec<u32>> = vec![Vec::new(); self.organisations];
        for (i, contact) in self.contacts.iter().enumerate() {
            if let Some((org, _)) = contact.organisation {
                org_people[org].push(i as u32);
            }
        }
        let anchors = self.anchors();
        // A few meetings this week, so "logged this week" is never empty.
        let forced = count.min(4);
        for k in 0..count {
            let interaction = if k < forced {
                let primary = anchors.start + k % anchors.len();
                let days_ago = rng.u32(0..7);
                self.personal(rng, &activity, &org_people, primary, days_ago)
            } else if !self.networks.is_empty() && rng.f64() < NETWORK_SHARE {
                let network = networks.pick(rng);
                match self.in_network(rng, network) {
                    Some(interaction) => interaction,
                    None => self.personal_anywhen(rng, &activity, &org_people),
                }
            } else {
                self.personal_anywhen(rng, &activity, &org_people)
            };
            self.interactions.push(interaction);
        }
        // Oldest first, and within a day by time (untimed first).
        self.interactions
            .sort_by(|a, b| b.days_ago.cmp(&a.days_ago).then(a.time.cmp(&b.time)));
    }

    fn personal_anywhen(
        &self,
        rng: &mut Rng,
        activity: &WeightedIndex,
        org_people: &[Vec<u32>],
    ) -> InteractionPlan {
        let primary = activity.pick(rng);
        let days_ago = self.contacts[primary].window.draw(rng);
        self.personal(rng, activity, org_people, primary, days_ago)
    }

    /// An interaction with `primary`, sometimes joined by a few others: a
    /// colleague from the same organisation, or anyone in touch then.
    fn personal(
        &self,
        rng: &mut Rng,
        activity: &WeightedIndex,
        org_people: &[Vec<u32>],
        primary: usize,
        days_ago: u32,
    ) -> InteractionPlan {
        let contact = &self.contacts[primary];
        let channel = match contact.new.circle {
            Some(Circle::Family | Circle::Friend) => pick_weighted(
                rng,
                &[
                    (Channel::Meeting, 35),
                    (Channel::Call, 25),
                    (Channel::Message, 35),
                    (Channel::Event, 3),
                    (Channel::Other, 2),
                ],
            ),
            Some(Circle::Acquaintance | Circle::Other) => pick_weighted(
                rng,
                &[
                    (Channel::Meeting, 20),
                    (Channel::Call, 10),
                    (Channel::Message, 50),
                    (Channel::Event, 15),
                    (Channel::Other, 5),
                ],
            ),
            _ => pick_weighted(
                rng,
                &[
                    (Channel::Meeting, 35),
                    (Channel::Call, 25),
                    (Channel::Message, 30),
                    (Channel::Event, 5),
                    (Channel::Other, 5),
                ],
            ),
        };
        let mut interaction = InteractionPlan::new(days_ago, channel, primary as u32);
        let wanted = if channel == Channel::Message {
            pick_weighted(rng, &[(1, 95), (2, 5)])
        } else {
            pick_weighted(rng, &[(1, 76), (2, 13), (3, 7), (4, 4)])
        };
        let colleagues = contact
            .organisation
            .map(|(org, _)| org_people[org].as_slice())
            .filter(|people| people.len() > 1);
        for _ in 1..wanted {
            // A few tries to find someone in touch at the time; a smaller
            // meeting is fine when nobody fits.
            for _ in 0..6 {
                let other = match colleagues {
                    Some(people) if rng.bool() => pick(rng, people) as usize,
                    _ => activity.pick(rng),
                };
                let candidate = &self.contacts[other];
                if candidate.is_person()
                    && candidate.window.contains(days_ago)
                    && !interaction.participants().contains(&(other as u32))
                {
                    interaction.add_participant(other as u32);
                    break;
                }
            }
        }
        interaction.minutes = draw_minutes(rng, channel);
        interaction.time = draw_time(rng, channel);
        if rng.f64() < 0.6 {
            interaction.note = Note::Text(pick(rng, channel_notes(channel)));
        }
        let items = if channel == Channel::Message {
            pick_weighted(rng, &[(0, 70), (1, 25), (2, 5)])
        } else {
            pick_weighted(rng, &[(0, 40), (1, 35), (2, 18), (3, 7)])
        };
        for _ in 0..items {
            // The primary contact is the usual counterparty.
            let who = if rng.f64() < 0.7 {
                primary as u32
            } else {
                pick(rng, interaction.participants())
            };
            let gives = self.contacts[who as usize].gives;
            let item = self.draw_item(rng, who, gives);
            interaction.add_item_once(item);
        }
        interaction
    }

    /// An interaction of a network with some of its members, or `None` when
    /// no member was in touch on the drawn day.
    fn in_network(&mut self, rng: &mut Rng, network: usize) -> Option<InteractionPlan> {
        let plan = &self.networks[network];
        let spec = plan.spec;
        let days_ago = Window {
            newest: 0,
            oldest: spec.age_days,
        }
        .draw(rng);
        let wanted = pick_weighted(rng, &[(1, 40), (2, 30), (3, 20), (4, 10)]);
        let mut chosen = [0usize; MAX_PARTICIPANTS];
        let mut found = 0;
        for _ in 0..wanted * 4 {
            let slot = rng.usize(..plan.members.len());
            let member = plan.members[slot];
            if self.contacts[member].window.contains(days_ago) && !chosen[..found].contains(&slot) {
                chosen[found] = slot;
                found += 1;
                if found == wanted {
                    break;
                }
            }
        }
        if found == 0 {
            return None;
        }
        let channel = pick_weighted(
            rng,
            &[
                (Channel::Event, 55),
                (Channel::Meeting, 35),
                (Channel::Call, 5),
                (Channel::Message, 5),
            ],
        );
        let first = plan.members[chosen[0]] as u32;
        let mut interaction = InteractionPlan::new(days_ago, channel, first);
        for &slot in &chosen[1..found] {
            interaction.add_participant(plan.members[slot] as u32);
        }
        interaction.network = Some(network as u8);
        // Network time is what its hours budget is measured against, so
        // every session but a message has a length.
        interaction.minutes =
            (channel != Channel::Message).then(|| 15 * rng.u32(spec.quarters.clone()));
        interaction.time = draw_time(rng, channel);
        if rng.f64() < 0.8 {
            interaction.note = Note::Text(pick(rng, spec.notes));
        }
        let items = pick_weighted(rng, spec.items);
        for _ in 0..items {
            let who = pick(rng, interaction.participants());
            // The network sets the tone more than the person does.
            let gives = 0.25 * self.contacts[who as usize].gives + 0.75 * spec.gives;
            let item = self.draw_item(rng, who, gives);
            interaction.add_item_once(item);
        }
        // A member is a member from their first meeting on, at the latest.
        let plan = &mut self.networks[network];
        for &slot in &chosen[..found] {
            plan.joined[slot] = plan.joined[slot].max(days_ago);
        }
        Some(interaction)
    }

    fn draw_item(&self, rng: &mut Rng, who: u32, gives: f64) -> ItemPlan {
        use ItemKind::*;
        let contact = &self.contacts[who as usize];
        let table: &[(ItemKind, u32)] = match contact.new.circle {
            Some(Circle::Family | Circle::Friend) => &[
                (Support, 25),
                (Help, 25),
                (Gift, 15),
                (Advice, 15),
                (Idea, 5),
                (Resource, 10),
                (Other, 5),
            ],
            Some(Circle::Work) => &[
                (Advice, 25),
                (Intro, 15),
                (Referral, 10),
                (Resource, 15),
                (Idea, 15),
                (Help, 15),
                (Support, 5),
            ],
            Some(Circle::Acquaintance | Circle::Other) => &[
                (Advice, 20),
                (Intro, 15),
                (Resource, 20),
                (Idea, 15),
                (Help, 15),
                (Referral, 5),
                (Other, 10),
            ],
            None => &[
                (Referral, 25),
                (Resource, 25),
                (Help, 20),
                (Advice, 15),
                (Intro, 15),
            ],
        };
        let kind = pick_weighted(rng, table);
        let direction = if rng.f64() < gives {
            Direction::Gave
        } else {
            Direction::Got
        };
        let note = if rng.f64() >= 0.25 {
            Note::None
        } else if kind == Intro {
            self.intro_note(rng, who)
        } else {
            Note::Text(pick(rng, done_notes(kind)))
        };
        ItemPlan {
            counterparty: who,
            direction,
            kind,
            weight: pick_weighted(rng, &[(1, 30), (2, 32), (3, 22), (4, 11), (5, 5)]),
            state: ItemState::Done,
            note,
        }
    }

    /// "intro to NAME" with someone other than the counterparty.
    fn intro_note(&self, rng: &mut Rng, who: u32) -> Note {
        let people = self.people();
        if people.len() < 2 {
            return Note::Text("intro to a colleague");
        }
        loop {
            let other = rng.usize(people.clone()) as u32;
            if other != who {
                return Note::IntroTo(other);
            }
        }
    }

    /// Open promises, about one per hundred interactions (at least three),
    /// all from the last two months; the first two cover both directions.
    pub(super) fn draw_promises(&mut self, rng: &mut Rng) {
        let total = self.interactions.len();
        if total == 0 {
            return;
        }
        let wanted = (total / 100).max(3).min(total);
        // Sorted oldest first: the recent ones are a suffix.
        let recent = total
            - self
                .interactions
                .partition_point(|i| i.days_ago > PROMISE_DAYS);
        let mut pool: Vec<usize> = (total - recent.max(wanted)..total).collect();
        let chosen = choose_distinct(rng, &mut pool, wanted).to_vec();
        for (n, &index) in chosen.iter().enumerate() {
            let direction = match n {
                0 => Direction::Gave,
                1 => Direction::Got,
                _ if rng.f64() < 0.55 => Direction::Gave,
                _ => Direction::Got,
            };
            let who = pick(rng, self.interactions[index].participants());
            let promises = match direction {
                Direction::Gave => MY_PROMISES,
                Direction::Got => THEIR_PROMISES,
            };
            let (kind, text) = pick(rng, promises);
            let note = match text {
                Some(text) => Note::Text(text),
                None => self.intro_note(rng, who),
            };
            let promise = ItemPlan {
                counterparty: who,
                direction,
                kind,
                weight: rng.u8(1..=3),
                state: ItemState::Open,
                note,
            };
            let interaction = &mut self.interactions[index];
            if usize::from(interaction.item_count) == MAX_ITEMS {
                interaction.items[MAX_ITEMS - 1] = promise;
            } else {
                interaction.add_item(promise);
            }
        }
    }
}

fn draw_minutes(rng: &mut Rng, channel: Channel) -> Option<u32> {
    match channel {
        Channel::Meeting if rng.f64() < 0.85 => Some(15 * rng.u32(2..=8)),
        Channel::Call if rng.f64() < 0.85 => Some(5 * rng.u32(1..=12)),
        Channel::Event if rng.f64() < 0.7 => Some(15 * rng.u32(4..=16)),
        Channel::Other if rng.bool() => Some(15 * rng.u32(2..=12)),
        _ => None,
    }
}

/// A time of day on about a third of interactions, in working hours for
/// meetings and calls, in the evening for events.
fn draw_time(rng: &mut Rng, channel: Channel) -> Option<u16> {
    if rng.f64() >= 0.35 {
        return None;
    }
    Some(match channel {
        Channel::Meeting => 8 * 60 + 15 * rng.u16(..44),
        Channel::Call => 8 * 60 + 5 * rng.u16(..120),
        Channel::Event => 16 * 60 + 30 * rng.u16(..9),
        Channel::Message => 7 * 60 + rng.u16(..16 * 60),
        Channel::Other => 9 * 60 + 15 * rng.u16(..44),
    })
}
