//! The rules of give and take, as pure functions: decayed balances, when a
//! tie counts as one-sided or as one where you may owe, and when a contact is
//! due for a reconnect. The store keeps the sums; these functions judge them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::model::{Circle, Direction, Kind};

/// The fixed day the store's running sums are scaled against (see
/// migrations/0002_reciprocity.sql).
pub const DECAY_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2020, 1, 1) {
    Some(day) => day,
    None => panic!("valid epoch"),
};

/// How much an item `age_days` old still counts: 1 today, ½ after one
/// half-life, ¼ after two.
pub fn decay(age_days: f64, half_life_days: f64) -> f64 {
    (-age_days / half_life_days).exp2()
}

/// `2^((day − epoch) / h)`: what a weight is multiplied by when it is added
/// to a running sum, so that the sum times `unscale(today)` is the decayed total.
pub fn scale(day: NaiveDate, half_life_days: f64) -> f64 {
    ((day - DECAY_EPOCH).num_days() as f64 / half_life_days).exp2()
}

/// Gave and got for one contact, decayed to a given day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Tally {
    pub gave: f64,
    pub got: f64,
    /// Done items counted (not decayed).
    pub items: u32,
}

impl Tally {
    /// The reference computation over individual items (for tests and small
    /// sets): each weight decayed by its age on `today`.
    pub fn from_items(
        items: impl IntoIterator<Item = (Direction, u8, NaiveDate)>,
        today: NaiveDate,
        half_life_days: f64,
    ) -> Tally {
        let mut tally = Tally::default();
        for (direction, weight, date) in items {
            let value = f64::from(weight) * decay((today - date).num_days() as f64, half_life_days);
            match direction {
                Direction::Gave => tally.gave += value,
                Direction::Got => tally.got += value,
            }
            tally.items += 1;
        }
        tally
    }

    /// The same figures from the store's running sums.
    pub fn from_scaled(
        gave_scaled: f64,
        got_scaled: f64,
        items: u32,
        today: NaiveDate,
        half_life_days: f64,
    ) -> Tally {
        let unscale = 1.0 / scale(today, half_life_days);
        Tally {
            gave: gave_scaled * unscale,
            got: got_scaled * unscale,
            items,
        }
    }

    /// Positive: I gave more. Negative: I received more.
    pub fn balance(&self) -> f64 {
        self.gave - self.got
    }
}

/// Where a tie stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Even,
    /// I received clearly more than I gave.
    YouMayOwe,
    /// I gave clearly more, and got back under a third of it.
    OneSided,
}

/// Minimum done items before a tie can be called one-sided.
pub const ONE_SIDED_MIN_ITEMS: u32 = 3;

/// Judges a tally. `first_interaction` starts the grace period: a tie
/// younger than it is never called one-sided (benefit often comes later).
pub fn standing(
    tally: &Tally,
    first_interaction: Option<NaiveDate>,
    today: NaiveDate,
    config: &Config,
) -> Standing {
    let r = &config.reciprocity;
    let balance = tally.balance();
    if balance <= -r.threshold {
        return Standing::YouMayOwe;
    }
    let past_grace = first_interaction
        .is_some_and(|first| (today - first).num_days() >= i64::from(r.grace_days));
    if balance >= r.threshold
        && tally.got < tally.gave / 3.0
        && tally.items >= ONE_SIDED_MIN_ITEMS
        && past_grace
    {
        return Standing::OneSided;
    }
    Standing::Even
}

/// The cadence in effect: the contact's own, else its circle's default
/// (organisations have none unless set).
pub fn cadence(
    kind: Kind,
    circle: Option<Circle>,
    own: Option<u32>,
    config: &Config,
) -> Option<u32> {
    own.or_else(|| match (kind, circle) {
        (Kind::Person, Some(circle)) => config.circle_cadence(circle),
        _ => None,
    })
}

/// When a contact is next due, and by how many days it is overdue (zero or
/// negative: not yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due {
    pub due: NaiveDate,
    pub overdue_days: i64,
}

/// Due = last interaction (or the day the contact was added) + cadence. Any
/// logged interaction moves it, never a previous reminder.
pub fn due(
    cadence_days: u32,
    last_interaction: Option<NaiveDate>,
    added: NaiveDate,
    today: NaiveDate,
) -> Due {
    let since = last_interaction.unwrap_or(added);
    // The rules keep cadences to ten years, but a database written before
    // they did may hold any: a due date past the calendar's end is its end.
    let due = since
        .checked_add_signed(chrono::Duration::days(i64::from(cadence_days)))
        .unwrap_or(NaiveDate::MAX);
    Due {
        due,
        overdue_days: (today - due).num_days(),
    }
}

/// Whether a contact is left out of reminders today.
pub fn is_resting(archived: bool, snoozed_until: Option<NaiveDate>, today: NaiveDate) -> bool {
    archived || snoozed_until.is_some_and(|until| until > today)
}

/// The ranking key of a reconnect: overdue days relative to the cadence, so
/// a family member 10 days late (of 14) outranks an acquaintance 20 days
/// late (of 180).
pub fn urgency(overdue_days: i64, cadence_days: u32) -> f64 {
    overdue_days as f64 / f64::from(cadence_days.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2026-11-26";

    #[test]
    fn a_half_life_halves() {
        assert!((decay(0.0, 365.0) - 1.0).abs() < 1e-12);
        assert!((decay(365.0, 365.0) - 0.5).abs() < 1e-12);
        assert!((decay(730.0, 365.0) - 0.25).abs() < 1e-12);
    }

    #[test]
    fn exact_values_on_a_small_case() {
        let today = day(TODAY);
        // 4 given today, 2 received a year ago (counts 1), 3 given two years ago (counts 0.75).
        let tally = Tally::from_items(
            [
                (Direction::Gave, 4, today),
                (Direction::Got, 2, day("2025-11-26")),
                (Direction::Gave, 3, day("2024-11-26")),
            ],
            today,
            365.0,
        );
        assert!((tally.gave - 4.75).abs() < 0.01, "{tally:?}");
        assert!((tally.got - 1.0).abs() < 0.01, "{tally:?}");
        assert_eq!(tally.items, 3);
        assert!((tally.balance() - 3.75).abs() < 0.01);
    }

    #[test]
    fn standings() {
        let config = Config::default();
        let today = day(TODAY);
        let old = Some(day("2025-01-01"));
        let owe = Tally {
            gave: 0.0,
            got: 3.0,
            items: 1,
        };
        assert_eq!(standing(&owe, old, today, &config), Standing::YouMayOwe);
        let almost = Tally {
            gave: 0.0,
            got: 2.9,
            items: 1,
        };
        assert_eq!(standing(&almost, old, today, &config), Standing::Even);
        let one_sided = Tally {
            gave: 6.0,
            got: 1.9,
            items: 3,
        };
        assert_eq!(
            standing(&one_sided, old, today, &config),
            Standing::OneSided
        );
        // Got a third or more: uneven, but not one-sided.
        let some_back = Tally {
            gave: 6.0,
            got: 2.0,
            items: 3,
        };
        assert_eq!(standing(&some_back, old, today, &config), Standing::Even);
        // Too few items.
        let few = Tally {
            gave: 6.0,
            got: 0.0,
            items: 2,
        };
        assert_eq!(standing(&few, old, today, &config), Standing::Even);
        // A new tie is in its grace period.
        let young = Some(today - chrono::Duration::days(89));
        assert_eq!(standing(&one_sided, young, today, &config), Standing::Even);
        let of_age = Some(today - chrono::Duration::days(90));
        assert_eq!(
            standing(&one_sided, of_age, today, &config),
            Standing::OneSided
        );
    }

    #[test]
    fn cadence_falls_back_to_the_circle() {
        let config = Config::default();
        assert_eq!(
            cadence(Kind::Person, Some(Circle::Family), None, &config),
            Some(14)
        );
        assert_eq!(
            cadence(Kind::Person, Some(Circle::Family), Some(7), &config),
            Some(7)
        );
        assert_eq!(
            cadence(Kind::Person, Some(Circle::Other), None, &config),
            None
        );
        assert_eq!(cadence(Kind::Org, None, None, &config), None);
        assert_eq!(cadence(Kind::Org, None, Some(90), &config), Some(90));
    }

    #[test]
    fn due_counts_from_the_last_interaction() {
        let today = day(TODAY);
        let d = due(30, Some(day("2026-10-01")), day("2020-01-01"), today);
        assert_eq!(d.due, day("2026-10-31"));
        assert_eq!(d.overdue_days, 26);
        let never = due(30, None, day("2026-11-20"), today);
        assert_eq!(never.overdue_days, -24);
    }

    #[test]
    fn family_late_outranks_acquaintance_later() {
        assert!(urgency(10, 14) > urgency(20, 180));
    }

    fn arb_items() -> impl Strategy<Value = Vec<(Direction, u8, i64)>> {
        prop::collection::vec(
            (
                prop_oneof![Just(Direction::Gave), Just(Direction::Got)],
                1u8..=5,
                0i64..3000,
            ),
            0..40,
        )
    }

    fn dated(items: &[(Direction, u8, i64)], today: NaiveDate) -> Vec<(Direction, u8, NaiveDate)> {
        items
            .iter()
            .map(|(d, w, age)| (*d, *w, today - chrono::Duration::days(*age)))
            .collect()
    }

    proptest! {
        #[test]
        fn swapping_gave_and_got_negates_the_balance(items in arb_items(), half_life in 30.0f64..3650.0) {
            let today = day(TODAY);
            let tally = Tally::from_items(dated(&items, today), today, half_life);
            let swapped: Vec<_> = dated(&items, today)
                .into_iter()
                .map(|(d, w, date)| (if d == Direction::Gave { Direction::Got } else { Direction::Gave }, w, date))
                .collect();
            let mirror = Tally::from_items(swapped, today, half_life);
            prop_assert!((tally.balance() + mirror.balance()).abs() < 1e-9);
        }

        #[test]
        fn decay_never_increases_with_age(a in 0.0f64..10_000.0, b in 0.0f64..10_000.0, half_life in 30.0f64..3650.0) {
            let (younger, older) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(decay(older, half_life) <= decay(younger, half_life));
            prop_assert!(decay(older, half_life) > 0.0 || older > 0.0);
        }

        #[test]
        fn running_sums_equal_the_item_by_item_total(items in arb_items(), half_life in 30.0f64..3650.0) {
            let today = day(TODAY);
            let mut gave_scaled = 0.0;
            let mut got_scaled = 0.0;
            for (direction, weight, date) in dated(&items, today) {
                let value = f64::from(weight) * scale(date, half_life);
                match direction {
                    Direction::Gave => gave_scaled += value,
                    Direction::Got => got_scaled += value,
                }
            }
            let reference = Tally::from_items(dated(&items, today), today, half_life);
            let running = Tally::from_scaled(gave_scaled, got_scaled, items.len() as u32, today, half_life);
            prop_assert!((reference.gave - running.gave).abs() < 1e-6 * (1.0 + reference.gave));
            prop_assert!((reference.got - running.got).abs() < 1e-6 * (1.0 + reference.got));
        }

        #[test]
        fn grace_period_always_holds(gave in 0.0f64..100.0, got in 0.0f64..100.0, items in 0u32..50, age in 0i64..90) {
            let today = day(TODAY);
            let first = Some(today - chrono::Duration::days(age));
            let tally = Tally { gave, got, items };
            prop_assert_ne!(standing(&tally, first, today, &Config::default()), Standing::OneSided);
        }

        #[test]
        fn resting_contacts_are_never_due(archived in any::<bool>(), snooze_days in 1i64..400) {
            let today = day(TODAY);
            let until = Some(today + chrono::Duration::days(snooze_days));
            prop_assert!(is_resting(archived, until, today));
            prop_assert_eq!(is_resting(archived, None, today), archived);
        }
    }
}
