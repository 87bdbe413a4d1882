//! `ties demo`: a realistic database to try every screen on.
//!
//! Generation has two steps. `Plan::draw` decides everything in memory from
//! one seeded generator: names, circles, how active each tie is, networks and
//! their members, interactions and their give/take items. `Plan::write`
//! then stores it through the same bulk writers an import uses, inside the
//! caller's single transaction. Every date counts back from the store's
//! clock, so the same seed on the same `today` writes byte-identical data.
//!
//! The parts: `vocabulary` holds the tables everything is drawn from (names,
//! organisations, professions, tags and notes, the demo networks); `plan`
//! says what a plan is and `Plan::draw` fills it in, with `contacts` and
//! `interactions` drawing the people and then their history, and `pick` the
//! seeded choices they all make; `write` is `Plan::write`.

mod contacts;
mod interactions;
mod pick;
mod plan;
mod vocabulary;
mod write;

use serde::Serialize;

use crate::change::Change;
use crate::error::{Error, Field, Refusal, Result};
use crate::store::Store;
use plan::Plan;

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub contacts: usize,
    pub interactions: usize,
    pub seed: u64,
    /// Add demo data to a database that already holds contacts.
    pub force: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            contacts: 150,
            interactions: 2500,
            seed: 1,
            force: false,
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    /// People and organisations together.
    pub contacts: usize,
    pub organisations: usize,
    pub networks: usize,
    pub interactions: usize,
    pub items: usize,
    pub open_promises: usize,
}

/// Fills the store with demo data in one transaction: all of it or nothing.
/// Refuses a database that already holds contacts unless `options.force`.
pub fn generate(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary> {
    if options.contacts == 0 {
        return Err(Error::invalid(Field::ContactCount, "0", "at least 1"));
    }
    store.write(|w| {
        let existing = w.count_contacts()?;
        if existing > 0 && !options.force {
            return Err(Refusal::DemoNeedsEmptyDatabase(existing).into());
        }
        let summary = Plan::draw(options).write(w)?;
        let change = Change::Demo {
            contacts: summary.contacts,
            interactions: summary.interactions,
        };
        Ok((summary, change))
    })
}

/// How far back the history reaches.
const SPAN_DAYS: u32 = 3 * 365;
/// Open promises are recent: older ones would have been kept or let go.
const PROMISE_DAYS: u32 = 60;
/// Share of interactions that happen within a network.
const NETWORK_SHARE: f64 = 0.15;
const MAX_PARTICIPANTS: usize = 4;
const MAX_ITEMS: usize = 3;

#[cfg(test)]
mod tests;
