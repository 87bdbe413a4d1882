//! The plan: everything to write, decided in memory first. `Plan::draw`
//! fills it in from one seeded generator: contacts, who is archived or
//! snoozed, networks and their members, then the history.

use fastrand::Rng;

use super::contacts::{draw_organisations, draw_people};
use super::dates::DatesPlan;
use super::pick::{choose_distinct, pick_weighted};
use super::vocabulary::networks::{NETWORKS, NetworkSpec};
use super::{DemoOptions, MAX_ITEMS, MAX_PARTICIPANTS, SPAN_DAYS};
use crate::model::{Channel, Circle, Direction, ItemKind, ItemState, Kind};
use crate::store::NewContact;

/// Everything to write, drawn from one seeded generator.
pub(super) struct Plan {
    /// Organisations first (people refer to them), then people.
    pub(super) contacts: Vec<ContactPlan>,
    pub(super) organisations: usize,
    pub(super) networks: Vec<NetworkPlan>,
    /// Oldest first, so ids follow the dates as if logged as they happened.
    pub(super) interactions: Vec<InteractionPlan>,
    /// Birthdays and labelled dates, parallel to `contacts`.
    pub(super) dates: Vec<DatesPlan>,
}

pub(super) struct ContactPlan {
    pub(super) new: NewContact,
    pub(super) given: &'static str,
    /// The name is one word without spaces (Chinese, Japanese script).
    pub(super) joined: bool,
    /// Interactions per unit of time, relative to other contacts.
    pub(super) activity: f64,
    pub(super) window: Window,
    /// Chance that an item with this contact is given by the user: about
    /// even for most ties, high for one-sided ones, low where the user may owe.
    pub(super) gives: f64,
    pub(super) organisation: Option<(usize, &'static str)>,
    pub(super) met_through: Option<usize>,
    pub(super) archived: bool,
    pub(super) snoozed_days: Option<u32>,
}

impl ContactPlan {
    pub(super) fn is_person(&self) -> bool {
        self.new.kind == Kind::Person
    }

    /// How an "intro to …" note names them.
    pub(super) fn short_name(&self) -> &str {
        if self.joined || self.given.is_empty() {
            &self.new.name
        } else {
            self.given
        }
    }
}

/// The days (counted back from today) in which a contact was in touch.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub(super) newest: u32,
    pub(super) oldest: u32,
}

impl Window {
    pub(super) const FULL: Window = Window {
        newest: 0,
        oldest: SPAN_DAYS,
    };

    pub(super) fn contains(self, days_ago: u32) -> bool {
        (self.newest..=self.oldest).contains(&days_ago)
    }

    /// Share of the whole history the window covers: scales activity so a
    /// new tie is seen as often per month as an old one, not crammed.
    pub(super) fn share(self) -> f64 {
        f64::from(self.oldest - self.newest + 1) / f64::from(SPAN_DAYS + 1)
    }

    /// A day in the window, recent ones more likely: half uniform, half a
    /// ramp towards today, so the newest days are about three times as busy
    /// as the oldest (people log more once the habit sets in).
    pub(super) fn draw(self, rng: &mut Rng) -> u32 {
        let u = rng.f64();
        let t = if rng.bool() {
            u
        } else {
            1.0 - (1.0 - u).sqrt()
        };
        let len = f64::from(self.oldest - self.newest + 1);
        self.newest + ((t * len) as u32).min(self.oldest - self.newest)
    }
}

pub(super) struct NetworkPlan {
    pub(super) spec: &'static NetworkSpec,
    pub(super) members: Vec<usize>,
    /// Days ago each member joined, parallel to `members`.
    pub(super) joined: Vec<u32>,
}

#[derive(Clone, Copy)]
pub(super) enum Note {
    None,
    Text(&'static str),
    /// "intro to NAME", naming a contact by index.
    IntroTo(u32),
}

#[derive(Clone, Copy)]
pub(super) struct ItemPlan {
    pub(super) counterparty: u32,
    pub(super) direction: Direction,
    pub(super) kind: ItemKind,
    pub(super) weight: u8,
    pub(super) state: ItemState,
    pub(super) note: Note,
}

const NO_ITEM: ItemPlan = ItemPlan {
    counterparty: 0,
    direction: Direction::Gave,
    kind: ItemKind::Other,
    weight: 1,
    state: ItemState::Done,
    note: Note::None,
};

/// One interaction, in fixed-size arrays: planning 200,000 of them should
/// not mean 400,000 small allocations.
#[derive(Clone, Copy)]
pub(super) struct InteractionPlan {
    pub(super) days_ago: u32,
    /// Minutes after midnight.
    pub(super) time: Option<u16>,
    pub(super) channel: Channel,
    pub(super) minutes: Option<u32>,
    pub(super) network: Option<u8>,
    pub(super) note: Note,
    participants: [u32; MAX_PARTICIPANTS],
    participant_count: u8,
    pub(super) items: [ItemPlan; MAX_ITEMS],
    pub(super) item_count: u8,
}

impl InteractionPlan {
    pub(super) fn new(days_ago: u32, channel: Channel, first: u32) -> Self {
        InteractionPlan {
            days_ago,
            time: None,
            channel,
            minutes: None,
            network: None,
            note: Note::None,
            participants: [first, 0, 0, 0],
            participant_count: 1,
            items: [NO_ITEM; MAX_ITEMS],
            item_count: 0,
        }
    }

    pub(super) fn participants(&self) -> &[u32] {
        &self.participants[..usize::from(self.participant_count)]
    }

    pub(super) fn items(&self) -> &[ItemPlan] {
        &self.items[..usize::from(self.item_count)]
    }

    pub(super) fn add_participant(&mut self, who: u32) {
        self.participants[usize::from(self.participant_count)] = who;
        self.participant_count += 1;
    }

    pub(super) fn add_item(&mut self, item: ItemPlan) {
        self.items[usize::from(self.item_count)] = item;
        self.item_count += 1;
    }

    /// Adds the item unless one of the same kind with the same person is
    /// there already: two "gave idea" to one person in one coffee read as
    /// a typo.
    pub(super) fn add_item_once(&mut self, item: ItemPlan) {
        let twice = self
            .items()
            .iter()
            .any(|i| i.counterparty == item.counterparty && i.kind == item.kind);
        if !twice {
            self.add_item(item);
        }
    }
}

/// How often a tie is in touch, before window and jitter.
#[derive(Clone, Copy)]
pub(super) enum Tier {
    Close,
    Regular,
    Occasional,
    Rare,
}

impl Tier {
    pub(super) fn activity(self) -> f64 {
        match self {
            Tier::Close => 60.0,
            Tier::Regular => 12.0,
            Tier::Occasional => 3.0,
            Tier::Rare => 0.7,
        }
    }

    /// Closer circles are more often close ties; most others are rare.
    pub(super) fn draw(circle: Option<Circle>, rng: &mut Rng) -> Tier {
        use Tier::*;
        let table: &[(Tier, u32)] = match circle {
            Some(Circle::Family) => &[(Close, 50), (Regular, 40), (Occasional, 10)],
            Some(Circle::Friend) => &[(Close, 10), (Regular, 35), (Occasional, 40), (Rare, 15)],
            Some(Circle::Work) => &[(Close, 3), (Regular, 15), (Occasional, 37), (Rare, 45)],
            Some(Circle::Acquaintance) => &[(Regular, 3), (Occasional, 27), (Rare, 70)],
            Some(Circle::Other) => &[(Occasional, 20), (Rare, 80)],
            None => &[(Regular, 10), (Occasional, 40), (Rare, 50)],
        };
        pick_weighted(rng, table)
    }
}

impl Plan {
    pub(super) fn draw(options: &DemoOptions) -> Plan {
        let mut rng = Rng::with_seed(options.seed);
        let total = options.contacts;
        // About 8% organisations, once there are enough contacts to need any.
        let organisations = (total * 8 / 100).max(usize::from(total >= 10));
        let mut contacts = Vec::with_capacity(total);
        draw_organisations(&mut rng, organisations, &mut contacts);
        draw_people(&mut rng, total - organisations, &mut contacts);
        let mut plan = Plan {
            contacts,
            organisations,
            networks: Vec::new(),
            interactions: Vec::with_capacity(options.interactions),
            dates: Vec::new(),
        };
        plan.draw_archived_and_snoozed(&mut rng);
        plan.draw_networks(&mut rng);
        plan.draw_interactions(&mut rng, options.interactions);
        plan.draw_promises(&mut rng);
        plan.draw_dates(options.seed);
        plan
    }

    pub(super) fn people(&self) -> std::ops::Range<usize> {
        self.organisations..self.contacts.len()
    }

    /// The first people are close, always-active ties: the recent
    /// interactions that every review needs are logged with them.
    pub(super) fn anchors(&self) -> std::ops::Range<usize> {
        let start = self.organisations;
        start..(start + 3).min(self.contacts.len())
    }

    /// A handful of ties the user let go (archived; last seen over a year
    /// ago) or put aside for a while (snoozed).
    fn draw_archived_and_snoozed(&mut self, rng: &mut Rng) {
        let people = self.people().len();
        if people < 10 {
            return;
        }
        let others = self.anchors().end..self.contacts.len();
        let archived = (people / 40).max(2);
        let snoozed = (people / 50).max(2);
        // Ties worth archiving had a history: draw them from the more active.
        let threshold = Tier::Occasional.activity() * 0.6;
        let mut pool: Vec<usize> = others
            .clone()
            .filter(|&i| self.contacts[i].is_person() && self.contacts[i].activity >= threshold)
            .collect();
        if pool.len() < archived {
            pool = others.clone().collect();
        }
        for &index in choose_distinct(rng, &mut pool, archived) {
            let contact = &mut self.contacts[index];
            contact.archived = true;
            contact.window = Window {
                newest: rng.u32(400..=900),
                oldest: SPAN_DAYS,
            };
        }
        let mut pool: Vec<usize> = others.filter(|&i| !self.contacts[i].archived).collect();
        for &index in choose_distinct(rng, &mut pool, snoozed) {
            self.contacts[index].snoozed_days = Some(rng.u32(3..=60));
        }
    }

    fn draw_networks(&mut self, rng: &mut Rng) {
        let total = self.contacts.len();
        let count = match total {
            100.. => 8,
            30.. => 6,
            _ => 4,
        };
        let people = self.people();
        for spec in &NETWORKS[..count] {
            let fits = |i: &usize| {
                let contact = &self.contacts[*i];
                match contact.new.circle {
                    Some(circle) => spec.circles.contains(&circle),
                    None => spec.with_orgs,
                }
            };
            let mut pool: Vec<usize> = (0..total).filter(fits).collect();
            if pool.len() < 5 {
                pool = (0..total)
                    .filter(|&i| spec.with_orgs || people.contains(&i))
                    .collect();
            }
            let size = ((people.len() as f64 * spec.size).round() as usize).clamp(5, 40);
            let mut members = choose_distinct(rng, &mut pool, size).to_vec();
            members.sort_unstable();
            let joined = members
                .iter()
                .map(|&m| {
                    let window = self.contacts[m].window;
                    rng.u32(window.newest..=window.oldest)
                })
                .collect();
            for &m in &members {
                let new = &mut self.contacts[m].new;
                if let Some(tag) = spec.member_tag
                    && !new.tags.iter().any(|t| t == tag)
                {
                    new.tags.push(tag.to_string());
                }
                if let Some(topic) = spec.member_expertise
                    && rng.bool()
                    && !new.expertise.iter().any(|t| t == topic)
                {
                    new.expertise.push(topic.to_string());
                }
            }
            self.networks.push(NetworkPlan {
                spec,
                members,
                joined,
            });
        }
    }
}
