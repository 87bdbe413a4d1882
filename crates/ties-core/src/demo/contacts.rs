//! Drawing the contacts: organisations first, then people, each with a
//! name that fits its tradition, a circle, ways to reach them, and how
//! active and how even the tie is.

use std::collections::HashSet;

use fastrand::Rng;

use super::SPAN_DAYS;
use super::pick::{WeightedIndex, pick, pick_weighted};
use super::plan::{ContactPlan, Tier, Window};
use super::vocabulary::names::{CULTURES, Culture};
use super::vocabulary::organisations::{
    LEGAL_FORMS, NAMED_ORGS, ORG_SECTORS, ORG_STEMS, ORG_SUFFIXES, ORG_TAGS,
};
use super::vocabulary::professions::{PROFESSIONS, Profession};
use super::vocabulary::texts::{
    ACQUAINTANCE_MET, ACQUAINTANCE_TAGS, FAMILY_TAGS, FRIEND_MET, FRIEND_TAGS, INTRODUCED_MET,
    ORG_NOTES, OTHER_MET, OTHER_TAGS, PERSON_NOTES, WORK_MET, WORK_TAGS,
};
use crate::model::{Circle, Kind, Labelled};
use crate::store::NewContact;
use crate::text::fold;

pub(super) fn draw_organisations(rng: &mut Rng, count: usize, out: &mut Vec<ContactPlan>) {
    let mut names: HashSet<String> = HashSet::with_capacity(count);
    for i in 0..count {
        let (name, tag, expertise) = match NAMED_ORGS.get(i) {
            Some(&(name, tag, expertise)) => (name.to_string(), tag, expertise),
            None => {
                let mut name = String::new();
                let mut expertise = "";
                // Retry a clash a few times; a repeated name is tolerable.
                for _ in 0..8 {
                    let (sector, topic) = pick(rng, ORG_SECTORS);
                    name = format!(
                        "{} {sector} {}",
                        pick(rng, ORG_STEMS),
                        pick(rng, ORG_SUFFIXES)
                    );
                    expertise = topic;
                    if !names.contains(&name) {
                        break;
                    }
                }
                (name, pick(rng, ORG_TAGS), expertise)
            }
        };
        names.insert(name.clone());
        let mut new = NewContact::new(Kind::Org, name);
        new.tags.push(tag.to_string());
        new.expertise.push(expertise.to_string());
        let domain = mail_domain(&new.name);
        if rng.f64() < 0.6 {
            let mailbox = if rng.bool() { "info" } else { "hello" };
            new.emails.push(Labelled {
                value: format!("{mailbox}@{domain}"),
                label: Some("work".to_string()),
            });
        }
        if rng.f64() < 0.4 {
            new.phones.push(Labelled {
                value: format!(
                    "+358 {} {:03} {:04}",
                    pick(rng, &["9", "10", "20"]),
                    rng.u32(100..1000),
                    rng.u32(..10_000)
                ),
                label: Some("work".to_string()),
            });
        }
        if rng.f64() < 0.3 {
            new.note = pick(rng, ORG_NOTES).to_string();
        }
        if rng.f64() < 0.05 {
            new.cadence_days = Some(pick(rng, &[90, 180]));
        }
        let tier = Tier::draw(None, rng);
        out.push(ContactPlan {
            new,
            given: "",
            joined: false,
            activity: tier.activity() * (0.6 + 0.8 * rng.f64()),
            window: Window::FULL,
            gives: draw_gives(rng, None),
            organisation: None,
            met_through: None,
            archived: false,
            snoozed_days: None,
        });
    }
}

pub(super) fn draw_people(rng: &mut Rng, count: usize, out: &mut Vec<ContactPlan>) {
    let organisations = out.len();
    // Bigger organisations first: a few employ many of the people.
    let employers = WeightedIndex::new((0..organisations).map(|i| 1.0 / (i as f64 + 1.0)));
    let cultures: Vec<(&Culture, u32)> = CULTURES.iter().map(|c| (c, c.share)).collect();
    let professions: Vec<(&Profession, u32)> = PROFESSIONS.iter().map(|p| (p, p.share)).collect();
    let mut names: HashSet<String> = HashSet::with_capacity(count);
    let mut family = 0;
    // The user's own family name, which most of their family shares.
    let household = pick(rng, CULTURES[0].family);
    for n in 0..count {
        let index = out.len();
        let anchor = n < 3;
        let mut circle = match n {
            0 => Circle::Friend,
            1 => Circle::Family,
            2 => Circle::Work,
            _ => pick_weighted(
                rng,
                &[
                    (Circle::Family, 3),
                    (Circle::Friend, 15),
                    (Circle::Work, 35),
                    (Circle::Acquaintance, 30),
                    (Circle::Other, 17),
                ],
            ),
        };
        // Even a big address book has only so much family.
        if circle == Circle::Family {
            family += 1;
            if family > 30 {
                circle = Circle::Friend;
            }
        }
        let shared = (circle == Circle::Family && rng.f64() < 0.6).then_some(household);
        let (name, given, joined, family_name) = draw_name(rng, &cultures, shared, &names);
        names.insert(name.clone());
        let mut new = NewContact::new(Kind::Person, name);
        new.circle = Some(circle);

        let profession = pick_weighted(rng, &professions);
        let works_with_us = match circle {
            Circle::Work => 0.65,
            Circle::Acquaintance => 0.25,
            Circle::Friend => 0.15,
            _ => 0.0,
        };
        let organisation = (organisations > 0 && rng.f64() < works_with_us)
            .then(|| (employers.pick(rng), pick(rng, profession.titles)));
        let (topics, chance) = match circle {
            Circle::Work => (1..=3, 0.8),
            Circle::Acquaintance => (1..=2, 0.4),
            Circle::Friend => (1..=1, 0.2),
            _ => (1..=1, 0.05),
        };
        if rng.f64() < chance {
            for _ in 0..rng.usize(topics) {
                let topic = pick(rng, profession.expertise);
                if !new.expertise.iter().any(|t| t == topic) {
                    new.expertise.push(topic.to_string());
                }
            }
        }
        let (tags, tag_chance): (&[&str], f64) = match circle {
            Circle::Family => (FAMILY_TAGS, 0.3),
            Circle::Friend => (FRIEND_TAGS, 0.7),
            Circle::Work => (WORK_TAGS, 0.6),
            Circle::Acquaintance => (ACQUAINTANCE_TAGS, 0.4),
            Circle::Other => (OTHER_TAGS, 0.4),
        };
        let tag_count = if rng.f64() < tag_chance {
            rng.usize(1..=2)
        } else {
            0
        };
        for _ in 0..tag_count {
            let tag = pick(rng, tags);
            if !new.tags.iter().any(|t| t == tag) {
                new.tags.push(tag.to_string());
            }
        }
        let gives = if anchor {
            0.5
        } else {
            draw_gives(rng, Some(circle))
        };
        // Whom the user mostly learns from is often a mentor, and the
        // reverse a mentee.
        if circle == Circle::Work {
            if gives < 0.3 && rng.f64() < 0.4 {
                new.tags.push("mentor".to_string());
            } else if gives > 0.7 && rng.f64() < 0.3 {
                new.tags.push("mentee".to_string());
            }
        }

        let personal_mail = match circle {
            Circle::Family | Circle::Friend => 0.5,
            Circle::Work => 0.3,
            _ => 0.25,
        };
        let local = format!("{}.{}", ascii_word(given), ascii_word(family_name));
        if let Some((org, _)) = organisation
            && rng.f64() < 0.8
        {
            new.emails.push(Labelled {
                value: format!("{local}@{}", mail_domain(&out[org].new.name)),
                label: Some("work".to_string()),
            });
        }
        if rng.f64() < personal_mail {
            let domain = pick(
                rng,
                &["example.com", "example.fi", "example.org", "example.net"],
            );
            new.emails.push(Labelled {
                value: format!("{local}@{domain}"),
                label: rng.bool().then(|| "home".to_string()),
            });
        }
        let phone = match circle {
            Circle::Family | Circle::Friend => 0.7,
            Circle::Work => 0.3,
            _ => 0.15,
        };
        if rng.f64() < phone {
            new.phones.push(Labelled {
                value: draw_phone(rng),
                label: Some("mobile".to_string()),
            });
        }

        // Some were introduced by someone the user already knew.
        let met_through = (n > 0 && rng.f64() < 0.12).then(|| rng.usize(organisations..index));
        let met = match (met_through, circle) {
            (Some(_), _) => INTRODUCED_MET,
            (None, Circle::Family) => &[][..],
            (None, Circle::Friend) => FRIEND_MET,
            (None, Circle::Work) => WORK_MET,
            (None, Circle::Acquaintance) => ACQUAINTANCE_MET,
            (None, Circle::Other) => OTHER_MET,
        };
        if !met.is_empty() && rng.f64() < 0.6 {
            new.met_how = pick(rng, met).to_string();
        }
        if rng.f64() < 0.2 {
            new.note = pick(rng, PERSON_NOTES).to_string();
        }
        let cadence: (f64, &[u32]) = match circle {
            Circle::Family => (0.4, &[7, 14]),
            Circle::Friend => (0.15, &[14, 30, 60]),
            Circle::Work => (0.06, &[30, 60, 90]),
            Circle::Acquaintance => (0.02, &[90, 180, 365]),
            Circle::Other => (0.0, &[]),
        };
        if rng.f64() < cadence.0 {
            new.cadence_days = Some(pick(rng, cadence.1));
        }

        let tier = if anchor {
            Tier::Close
        } else {
            Tier::draw(Some(circle), rng)
        };
        // New ties (first met recently) and fading ones (not seen for a
        // while): the review's grace period and reconnect list need both.
        let window = if anchor {
            Window::FULL
        } else {
            match rng.u32(..100) {
                0..8 => Window {
                    newest: 0,
                    oldest: rng.u32(10..=120),
                },
                8..20 => Window {
                    newest: rng.u32(60..=500),
                    oldest: SPAN_DAYS,
                },
                _ => Window::FULL,
            }
        };
        out.push(ContactPlan {
            new,
            given,
            joined,
            activity: tier.activity() * (0.6 + 0.8 * rng.f64()),
            window,
            gives,
            organisation,
            met_through,
            archived: false,
            snoozed_days: None,
        });
    }
}

/// A full name, its given name, whether it is written without spaces, and
/// its family name; a Finnish name with the `household` family name when
/// given. Tries to avoid a name already used; after that adds a middle
/// initial, as people with common names do.
fn draw_name(
    rng: &mut Rng,
    cultures: &[(&'static Culture, u32)],
    household: Option<&'static str>,
    used: &HashSet<String>,
) -> (String, &'static str, bool, &'static str) {
    let mut drawn = (String::new(), "", false, "");
    for attempt in 0..6 {
        let (culture, family) = match household {
            Some(family) => (&CULTURES[0], family),
            None => {
                let culture = pick_weighted(rng, cultures);
                (culture, pick(rng, culture.family))
            }
        };
        let given = pick(rng, culture.given);
        let name = match (culture.family_first, culture.joined) {
            (true, true) => format!("{family}{given}"),
            (true, false) => format!("{family} {given}"),
            (false, _) if attempt == 5 => {
                let initial = char::from(b'A' + rng.u8(..26));
                format!("{given} {initial}. {family}")
            }
            (false, _) => format!("{given} {family}"),
        };
        drawn = (name, given, culture.joined, family);
        if !used.contains(&drawn.0) {
            break;
        }
    }
    drawn
}

/// Whether the user mostly gives, mostly receives, or keeps it even.
fn draw_gives(rng: &mut Rng, circle: Option<Circle>) -> f64 {
    let (balanced, gives) = match circle {
        Some(Circle::Family) => (85, 10),
        Some(Circle::Friend) => (75, 13),
        Some(Circle::Work) => (60, 20),
        Some(Circle::Acquaintance) => (65, 20),
        Some(Circle::Other) => (70, 15),
        None => (50, 25),
    };
    match rng.u32(..100) {
        x if x < balanced => 0.45 + 0.1 * rng.f64(),
        x if x < balanced + gives => 0.8 + 0.1 * rng.f64(),
        _ => 0.12 + 0.13 * rng.f64(),
    }
}

fn draw_phone(rng: &mut Rng) -> String {
    match rng.u32(..100) {
        0..85 => format!(
            "+358 {} {:03} {:04}",
            pick(rng, &["40", "41", "44", "45", "50"]),
            rng.u32(100..1000),
            rng.u32(..10_000)
        ),
        85..92 => format!(
            "+46 70 {:03} {:02} {:02}",
            rng.u32(100..1000),
            rng.u32(..100),
            rng.u32(..100)
        ),
        92..96 => format!(
            "+49 151 {:04} {:04}",
            rng.u32(1000..10_000),
            rng.u32(..10_000)
        ),
        _ => format!("+372 5{:03} {:04}", rng.u32(..1000), rng.u32(..10_000)),
    }
}

/// "Tampereen Yliopisto" → "tampereenyliopisto.example": a reserved top-level
/// domain, so no demo address can reach anyone.
fn mail_domain(org: &str) -> String {
    let words: String = fold(org)
        .split(' ')
        .filter(|w| !LEGAL_FORMS.contains(w))
        .collect();
    format!("{words}.example")
}

/// "Thị Lan" → "thilan", "王" → "wang", "O'Connor" → "oconnor".
fn ascii_word(text: &str) -> String {
    fold(text).replace(' ', "")
}
