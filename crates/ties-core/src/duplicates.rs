//! Contacts that are likely one: the same email, the same phone (its
//! digits), the same name (case and accents aside), or a very close name
//! in the same organisation. Pure: the store reads what is compared
//! (`Store::duplicates`, `Store::contacts_like`), this decides.
//!
//! Each signal is grouped by its key, so 10,000 contacts cost a few hash
//! maps; close names are compared only within one organisation.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{ContactRef, Kind};
use crate::text::fold;

/// What telling duplicates apart needs of one contact.
#[derive(Debug, Clone)]
pub struct Facts {
    pub contact: ContactRef,
    pub kind: Kind,
    /// As `rules::email_key` compares them.
    pub emails: Vec<String>,
    /// As `rules::phone_key` compares them (digits, a leading +).
    pub phones: Vec<String>,
    /// The organisations a person belongs to.
    pub orgs: Vec<ContactRef>,
}

/// Why two contacts look like one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    SameEmail {
        email: String,
    },
    SamePhone {
        phone: String,
    },
    /// The same name once case, accents and punctuation are set aside.
    SameName,
    /// Names this close (Jaro–Winkler, 0 to 1), in one organisation.
    CloseName {
        org: ContactRef,
        similarity: f64,
    },
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::SameEmail { email } => write!(f, "the same email {email}"),
            Reason::SamePhone { phone } => write!(f, "the same phone {phone}"),
            Reason::SameName => f.write_str("the same name"),
            Reason::CloseName { org, .. } => write!(f, "a very close name, both in {}", org.name),
        }
    }
}

/// A likely pair, the older contact first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    pub a: ContactRef,
    pub b: ContactRef,
    pub reasons: Vec<Reason>,
}

/// An existing contact a new one looks like.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Likeness {
    pub contact: ContactRef,
    pub reasons: Vec<Reason>,
}

/// Two names this similar (folded, Jaro–Winkler) in one organisation are
/// probably one person: "Jon Smith" and "John Smith" are, "Anna Järvinen"
/// and "Anna Virtanen" are not.
pub const CLOSE_NAME: f64 = 0.93;

/// Every likely pair among `contacts`, ordered by the first contact's id
/// and then the second's.
pub fn find(contacts: &[Facts]) -> Vec<Duplicate> {
    let mut pairs: BTreeMap<(i64, i64), (usize, usize, Vec<Reason>)> = BTreeMap::new();
    let mut add = |i: usize, j: usize, reason: Reason| {
        let (i, j) = if contacts[i].contact.id < contacts[j].contact.id {
            (i, j)
        } else {
            (j, i)
        };
        if contacts[i].kind != contacts[j].kind || i == j {
            return;
        }
        let entry = pairs
            .entry((contacts[i].contact.id, contacts[j].contact.id))
            .or_insert_with(|| (i, j, Vec::new()));
        if !entry.2.contains(&reason) {
            entry.2.push(reason);
        }
    };
    let mut by_email: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_phone: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_org: HashMap<i64, (ContactRef, Vec<usize>)> = HashMap::new();
    // Folded once each: an organisation of thousands compares millions of
    // pairs.
    let folded: Vec<String> = contacts.iter().map(|c| fold(&c.contact.name)).collect();
    for (i, c) in contacts.iter().enumerate() {
        for email in &c.emails {
            by_email.entry(email).or_default().push(i);
        }
        for phone in c.phones.iter().filter(|p| !p.is_empty()) {
            by_phone.entry(phone).or_default().push(i);
        }
        by_name.entry(folded[i].clone()).or_default().push(i);
        for org in &c.orgs {
            by_org
                .entry(org.id)
                .or_insert_with(|| (org.clone(), Vec::new()))
                .1
                .push(i);
        }
    }
    let each_pair = |group: &[usize], add: &mut dyn FnMut(usize, usize)| {
        for (n, &i) in group.iter().enumerate() {
            for &j in &group[n + 1..] {
                add(i, j);
            }
        }
    };
    for (email, group) in &by_email {
        each_pair(group, &mut |i, j| {
            add(
                i,
                j,
                Reason::SameEmail {
                    email: email.to_string(),
                },
            )
        });
    }
    for (phone, group) in &by_phone {
        each_pair(group, &mut |i, j| {
            add(
                i,
                j,
                Reason::SamePhone {
                    phone: phone.to_string(),
                },
            )
        });
    }
    for group in by_name.values() {
        each_pair(group, &mut |i, j| add(i, j, Reason::SameName));
    }
    for (org, group) in by_org.values() {
        each_pair(group, &mut |i, j| {
            let (a, b) = (&folded[i], &folded[j]);
            let similarity = strsim::jaro_winkler(a, b);
            if a != b && similarity >= CLOSE_NAME {
                add(
                    i,
                    j,
                    Reason::CloseName {
                        org: org.clone(),
                        similarity,
                    },
                );
            }
        });
    }
    pairs
        .into_values()
        .map(|(i, j, reasons)| Duplicate {
            a: contacts[i].contact.clone(),
            b: contacts[j].contact.clone(),
            reasons,
        })
        .collect()
}

/// The contacts among `existing` that `new` looks like (it is not among
/// them), those with the most reasons first.
pub fn like(new: &Facts, existing: &[Facts]) -> Vec<Likeness> {
    // Only pairs with the new contact: an organisation of thousands must
    // not cost every pair among its people.
    let name = fold(&new.contact.name);
    let mut found: Vec<Likeness> = existing
        .iter()
        .filter(|c| c.contact.id != new.contact.id && c.kind == new.kind)
        .filter_map(|c| {
            let reasons = reasons_alike(new, &name, c);
            (!reasons.is_empty()).then(|| Likeness {
                contact: c.contact.clone(),
                reasons,
            })
        })
        .collect();
    found.sort_by(|x, y| {
        y.reasons
            .len()
            .cmp(&x.reasons.len())
            .then(x.contact.id.cmp(&y.contact.id))
    });
    found
}

/// Why `other` looks like `new` (whose folded name is `name`): the
/// reasons `find` gives their pair.
fn reasons_alike(new: &Facts, name: &str, other: &Facts) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut add = |reason: Reason| {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    };
    for email in new.emails.iter().filter(|e| other.emails.contains(e)) {
        add(Reason::SameEmail {
            email: email.clone(),
        });
    }
    for phone in new.phones.iter().filter(|p| !p.is_empty()) {
        if other.phones.contains(phone) {
            add(Reason::SamePhone {
                phone: phone.clone(),
            });
        }
    }
    let other_name = fold(&other.contact.name);
    if other_name == name {
        add(Reason::SameName);
    }
    for org in new
        .orgs
        .iter()
        .filter(|o| other.orgs.iter().any(|p| p.id == o.id))
    {
        let similarity = strsim::jaro_winkler(name, &other_name);
        if other_name != name && similarity >= CLOSE_NAME {
            add(Reason::CloseName {
                org: org.clone(),
                similarity,
            });
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: i64, name: &str, emails: &[&str], phones: &[&str], orgs: &[i64]) -> Facts {
        Facts {
            contact: ContactRef {
                id,
                name: name.into(),
            },
            kind: Kind::Person,
            emails: emails.iter().map(|e| e.to_string()).collect(),
            phones: phones.iter().map(|p| p.to_string()).collect(),
            orgs: orgs
                .iter()
                .map(|&id| ContactRef {
                    id,
                    name: format!("Org {id}"),
                })
                .collect(),
        }
    }

    #[test]
    fn pairs_come_with_every_reason() {
        let all = [
            facts(
                1,
                "Anna Järvinen",
                &["anna@example.org"],
                &["+35840123"],
                &[],
            ),
            facts(2, "ANNA JARVINEN", &[], &["+35840123"], &[]),
            facts(3, "Someone Else", &["anna@example.org"], &[], &[]),
            facts(4, "Jon Smith", &[], &[], &[9]),
            facts(5, "John Smith", &[], &[], &[9]),
            facts(6, "John Smith", &[], &[], &[]),
            facts(7, "Anna Virtanen", &[], &[], &[8]),
            facts(8, "Anna Järvinen", &[], &[], &[]),
        ];
        let found = find(&all);
        let pairs: Vec<(i64, i64)> = found.iter().map(|d| (d.a.id, d.b.id)).collect();
        assert_eq!(pairs, [(1, 2), (1, 3), (1, 8), (2, 8), (4, 5), (5, 6)]);
        assert_eq!(
            found[0].reasons,
            [
                Reason::SamePhone {
                    phone: "+35840123".into()
                },
                Reason::SameName
            ]
        );
        assert!(matches!(found[4].reasons[0], Reason::CloseName { .. }));
        assert_eq!(
            found[4].reasons[0].to_string(),
            "a very close name, both in Org 9"
        );
    }

    #[test]
    fn a_person_and_an_organisation_are_never_a_pair() {
        let mut org = facts(2, "Kasvu", &["info@kasvu.fi"], &[], &[]);
        org.kind = Kind::Org;
        let all = [facts(1, "Kasvu", &["info@kasvu.fi"], &[], &[]), org];
        assert!(find(&all).is_empty());
    }

    #[test]
    fn a_new_contact_is_told_whom_it_looks_like() {
        let existing = [
            facts(1, "Anna Järvinen", &["anna@example.org"], &[], &[]),
            facts(2, "Bob", &[], &["+35840123"], &[]),
        ];
        let new = facts(
            0,
            "anna jarvinen",
            &["anna@example.org"],
            &["+35840123"],
            &[],
        );
        let found = like(&new, &existing);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].contact.id, 1);
        assert_eq!(found[0].reasons.len(), 2);
        assert_eq!(found[1].contact.id, 2);
    }

    /// `like` compares only the new contact's pairs, and finds what `find`
    /// finds for them among everyone: every signal, in one organisation
    /// and across two.
    #[test]
    fn like_finds_the_new_contacts_pairs_as_find_does() {
        let names = [
            "Jon Smith",
            "John Smith",
            "Anna Järvinen",
            "anna jarvinen",
            "Bob",
        ];
        let emails = ["a@x.fi", "b@x.fi"];
        let phones = ["+358401", "+358402", ""];
        let mut all = Vec::new();
        for id in 1..=40_i64 {
            let pick = |n: usize| (id as usize * 7 + n) % 5;
            let email: Vec<&str> = (pick(1) < 2)
                .then_some(emails[pick(2) % 2])
                .into_iter()
                .collect();
            let phone: Vec<&str> = (pick(3) < 3)
                .then_some(phones[pick(4) % 3])
                .into_iter()
                .collect();
            let orgs: Vec<i64> = [100, 200]
                .into_iter()
                .filter(|o| (id + o / 100) % 3 == 0)
                .collect();
            all.push(facts(id, names[pick(0)], &email, &phone, &orgs));
        }
        let sorted = |mut reasons: Vec<Reason>| {
            reasons.sort_by_key(|r| format!("{r:?}"));
            reasons
        };
        for new in &all {
            let others: Vec<Facts> = all
                .iter()
                .filter(|c| c.contact.id != new.contact.id)
                .cloned()
                .collect();
            let mut by_find: Vec<(i64, Vec<Reason>)> = find(&all)
                .into_iter()
                .filter_map(|d| match (d.a.id, d.b.id) {
                    (a, b) if a == new.contact.id => Some((b, sorted(d.reasons))),
                    (a, b) if b == new.contact.id => Some((a, sorted(d.reasons))),
                    _ => None,
                })
                .collect();
            by_find.sort_by_key(|(id, _)| *id);
            let mut by_like: Vec<(i64, Vec<Reason>)> = like(new, &others)
                .into_iter()
                .map(|l| (l.contact.id, sorted(l.reasons)))
                .collect();
            by_like.sort_by_key(|(id, _)| *id);
            assert_eq!(by_like, by_find, "contact #{}", new.contact.id);
        }
    }
}
