//! What needs the user now, for `ties due`, cron, timers, shell prompts and
//! status bars: reconnects due, promises of theirs that have become old
//! (`[due] promise_days` after they were made), and birthdays and other
//! dates coming up, all by one day.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::occasions::{self, Occasion};
use crate::review::{self, PromiseEntry, ReconnectEntry};
use crate::store::Store;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Due {
    pub today: NaiveDate,
    /// The last day looked at.
    pub until: NaiveDate,
    /// Soonest due first.
    pub reconnect: Vec<ReconnectEntry>,
    /// Your open promises due by `until`, oldest first.
    pub promises: Vec<PromiseEntry>,
    /// Birthdays and other dates between today and `until`, soonest first.
    pub dates: Vec<Occasion>,
}

impl Due {
    pub fn count(&self) -> usize {
        self.reconnect.len() + self.promises.len() + self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }
}

/// The day a promise made on `made` becomes due.
pub fn promise_due(made: NaiveDate, config: &Config) -> NaiveDate {
    made + Duration::days(i64::from(config.due.promise_days))
}

/// Everything due between today and `until` (both included).
pub fn due(store: &Store, config: &Config, until: NaiveDate) -> Result<Due> {
    let today = store.clock().today;
    let made_by = until - Duration::days(i64::from(config.due.promise_days));
    Ok(Due {
        today,
        until,
        reconnect: review::reconnects_due_by(store, config, until)?,
        promises: store.my_open_promises_made_by(made_by, today)?,
        dates: occasions::upcoming(store, today, until)?,
    })
}

/// How many things `due(store, config, until)` holds, read from the kept
/// counts and indexes without building them: what a shell prompt asks.
pub fn count(store: &Store, config: &Config, until: NaiveDate) -> Result<usize> {
    let today = store.clock().today;
    let made_by = until - Duration::days(i64::from(config.due.promise_days));
    Ok(review::count_reconnects_due_by(store, until)?
        + store.count_my_open_promises_made_by(made_by)?
        + occasions::upcoming(store, today, until)?.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Clock;
    use crate::demo::{self, DemoOptions};

    /// `ties due` and the review agree on who is due today, and further
    /// ahead only more is due, never less.
    #[test]
    fn reconnects_due_today_are_the_reviews_and_grow_with_the_span() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut store = Store::open_in_memory(Clock::fixed(today)).unwrap();
        demo::generate(
            &mut store,
            &DemoOptions {
                contacts: 300,
                interactions: 3000,
                ..DemoOptions::default()
            },
        )
        .unwrap();
        let config = Config::default();
        let review = review::weekly_review(&mut store, &config, today, 0).unwrap();
        let ids = |entries: &[ReconnectEntry]| {
            let mut ids: Vec<i64> = entries.iter().map(|e| e.contact.id).collect();
            ids.sort_unstable();
            ids
        };
        let now = due(&store, &config, today).unwrap();
        assert!(!now.reconnect.is_empty());
        assert_eq!(ids(&now.reconnect), ids(&review.reconnect));
        let later = due(&store, &config, today + Duration::days(30)).unwrap();
        assert!(later.reconnect.len() > now.reconnect.len());
        assert!(
            ids(&now.reconnect)
                .iter()
                .all(|id| ids(&later.reconnect).contains(id))
        );
        assert!(later.reconnect.windows(2).all(|w| w[0].due <= w[1].due));
        // Promises: yours only, each made at least promise_days before the end.
        for p in &later.promises {
            assert_eq!(p.direction, crate::model::Direction::Gave);
            assert!(promise_due(p.since, &config) <= later.until);
        }
        assert_eq!(
            later.count(),
            later.reconnect.len() + later.promises.len() + later.dates.len()
        );
        // The count without the lists is the lists' length, on every span.
        for days in [0, 7, 30, 365] {
            let until = today + Duration::days(days);
            assert_eq!(
                count(&store, &config, until).unwrap(),
                due(&store, &config, until).unwrap().count(),
                "{days} days"
            );
        }
    }
}
