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
