//! The review's sections as reads of a screenful: each walks one index of
//! the kept figures (migrations/0008_review.sql) in the order the section
//! ranks by and stops after `limit` rows; each total is a count over the
//! same index. The thresholds come in already scaled (see `reciprocity`),
//! so no row is judged in Rust to be counted.
//!
//! Every read takes an optional week start: given one, it reads the
//! candidates of a draw for that week instead of the section itself,
//! leaving out contacts let go, met since the week began, or already drawn
//! or set aside ("not this week") that week.

use chrono::NaiveDate;
use rusqlite::{Row, named_params, params};

use super::{Store, buckets, rows};
use crate::error::Result;
use crate::model::{ContactRef, Direction};
use crate::review::PromiseEntry;

/// One contact's kept figures, as the sections read them.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactFigures {
    pub contact: ContactRef,
    pub gave_scaled: f64,
    pub got_scaled: f64,
    pub done_items: u32,
    pub first_interaction: Option<NaiveDate>,
    pub last_interaction: Option<NaiveDate>,
    pub interaction_count: u32,
    /// Plain weight of done items, both directions.
    pub weight_total: u32,
    /// The cadence in effect, for contacts with reminders.
    pub cadence: Option<u32>,
    /// The contact's own cadence (none: its circle's).
    pub own_cadence: Option<u32>,
    pub due_on: Option<NaiveDate>,
}

const FIGURE_COLUMNS: &str = "s.contact_id AS id, c.name, s.gave_scaled, s.got_scaled,
    s.done_items, s.first_interaction, s.last_interaction, s.interaction_count,
    s.weight_total, s.cadence, s.due_on, c.cadence_days AS own_cadence";

pub(super) fn figures(row: &Row<'_>) -> rusqlite::Result<ContactFigures> {
    Ok(ContactFigures {
        contact: rows::contact_ref(row)?,
        gave_scaled: row.get("gave_scaled")?,
        got_scaled: row.get("got_scaled")?,
        done_items: row.get("done_items")?,
        first_interaction: row.get("first_interaction")?,
        last_interaction: row.get("last_interaction")?,
        interaction_count: row.get("interaction_count")?,
        weight_total: row.get("weight_total")?,
        cadence: row.get("cadence")?,
        due_on: row.get("due_on")?,
        own_cadence: row.get("own_cadence")?,
    })
}

/// Not resting today (`:today`).
const AWAKE: &str = "(s.rests_until IS NULL OR s.rests_until <= :today)";

/// With `:week` given, only contacts a draw for that week may suggest.
const DRAWABLE: &str = "(:week IS NULL OR (s.reminded = 1
    AND (s.last_interaction IS NULL OR s.last_interaction < :week)
    AND NOT EXISTS (SELECT 1 FROM review_draws d WHERE d.contact_id = s.contact_id AND d.week_start = :week)
    AND NOT EXISTS (SELECT 1 FROM review_skips k WHERE k.contact_id = s.contact_id AND k.week_start = :week)))";

/// Which side of even a balance section reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BalanceSide {
    /// At or below `bound` (a negative scaled balance), lowest first.
    YouMayOwe,
    /// At or above `bound`, with at least three done items, under a third
    /// come back, and a first interaction on or before the grace cutoff;
    /// highest first.
    OneSided,
}

/// What a balance section is judged by, already in the kept sums' scale.
#[derive(Debug, Clone, Copy)]
pub struct BalanceBounds {
    pub side: BalanceSide,
    /// ± threshold × scale(today).
    pub bound: f64,
    /// The last first-interaction day past the grace period.
    pub grace_cutoff: NaiveDate,
}

/// The parameters a statement names, of those given: one rule's text
/// needs the grace cutoff, the other not.
fn used<'a>(
    stmt: &rusqlite::Statement<'_>,
    params: &[(&'a str, &'a dyn rusqlite::ToSql)],
) -> Vec<(&'a str, &'a dyn rusqlite::ToSql)> {
    params
        .iter()
        .copied()
        .filter(|(name, _)| matches!(stmt.parameter_index(name), Ok(Some(_))))
        .collect()
}

fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl BalanceBounds {
    fn rule(self) -> &'static str {
        match self.side {
            BalanceSide::YouMayOwe => "s.listed = 1 AND s.net_scaled <= :bound",
            // The partial index's own terms first, so SQLite picks it.
            BalanceSide::OneSided => {
                "s.done_items >= 3 AND s.got_scaled < s.gave_scaled / 3.0
                 AND s.listed = 1 AND s.net_scaled >= :bound AND s.first_interaction <= :grace"
            }
        }
    }

    fn order(self) -> &'static str {
        match self.side {
            BalanceSide::YouMayOwe => "s.net_scaled, s.contact_id",
            BalanceSide::OneSided => "s.net_scaled DESC, s.contact_id",
        }
    }
}

impl Store {
    /// A balance section's first `n` contacts (or a draw's candidates).
    pub fn balance_section(
        &self,
        bounds: BalanceBounds,
        today: NaiveDate,
        n: usize,
        week: Option<NaiveDate>,
    ) -> Result<Vec<ContactFigures>> {
        self.section_figures(
            bounds.rule(),
            bounds.order(),
            named_params! {
                ":bound": bounds.bound, ":grace": bounds.grace_cutoff, ":today": today,
                ":week": week, ":n": limit(n),
            },
        )
    }

    /// The figures of the listed, awake contacts `rule` selects, in
    /// `order`, at most `:n` of them (every section reads its page so).
    fn section_figures(
        &self,
        rule: &str,
        order: &str,
        params: &[(&str, &dyn rusqlite::ToSql)],
    ) -> Result<Vec<ContactFigures>> {
        let sql = format!(
            "SELECT {FIGURE_COLUMNS} FROM contact_stats s CROSS JOIN contacts c ON c.id = s.contact_id
             WHERE {rule} AND {AWAKE} AND {DRAWABLE} ORDER BY {order} LIMIT :n"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params = used(&stmt, params);
        let rows = stmt.query_map(params.as_slice(), figures)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The cadences in effect, smallest first: one index seek each.
    pub fn cadences_in_effect(&self) -> Result<Vec<u32>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT min(cadence) AS next FROM contact_stats WHERE cadence > :after",
        )?;
        let mut cadences = Vec::new();
        let mut after = 0u32;
        while let Some(next) = stmt.query_row(named_params! { ":after": after }, |row| {
            row.get::<_, Option<u32>>("next")
        })? {
            cadences.push(next);
            after = next;
        }
        Ok(cadences)
    }

    /// The first `n` contacts of one cadence that are due by `today`,
    /// earliest due first (or a draw's candidates).
    pub fn due_of_cadence(
        &self,
        cadence: u32,
        today: NaiveDate,
        n: usize,
        week: Option<NaiveDate>,
    ) -> Result<Vec<ContactFigures>> {
        self.section_figures(
            "s.cadence = :cadence AND s.due_on <= :today",
            "s.due_on, s.contact_id",
            named_params! { ":cadence": cadence, ":today": today, ":week": week, ":n": limit(n) },
        )
    }

    /// Dormant ties with a substantial past (see `review::section`): quiet
    /// since `cutoff` or before, the richest past first (or a draw's
    /// candidates). The dormant ones are one range of their index, sorted
    /// here by their past.
    pub fn dormant(
        &self,
        cutoff: NaiveDate,
        today: NaiveDate,
        n: usize,
        week: Option<NaiveDate>,
    ) -> Result<Vec<ContactFigures>> {
        self.section_figures(
            DORMANT,
            "s.interaction_count + s.weight_total DESC, s.contact_id",
            named_params! { ":cutoff": cutoff, ":today": today, ":week": week, ":n": limit(n) },
        )
    }

    pub fn count_dormant(&self, cutoff: NaiveDate, today: NaiveDate) -> Result<usize> {
        let sql = format!("SELECT count(*) AS n FROM contact_stats s WHERE {DORMANT} AND {AWAKE}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let n: i64 = stmt.query_row(
            named_params! { ":cutoff": cutoff, ":today": today },
            |row| row.get("n"),
        )?;
        Ok(n as usize)
    }

    /// Open promises of contacts that are not archived, oldest first: both
    /// ways, or only one (`direction`); or a draw's candidates.
    pub fn open_promise_section(
        &self,
        direction: Option<Direction>,
        today: NaiveDate,
        n: usize,
        week: Option<NaiveDate>,
    ) -> Result<Vec<PromiseEntry>> {
        // Two texts rather than `:direction IS NULL OR …`, so each walks its
        // own index in order.
        let which = match direction {
            Some(_) => "o.listed = 1 AND o.direction = :direction",
            None => "o.listed = 1 AND :direction IS NULL",
        };
        // A draw leaves out resting contacts; the section lists them.
        let sql = format!(
            "SELECT o.item_id, c.id, c.name, o.direction, it.note, o.since
             FROM open_items o CROSS JOIN contact_stats s ON s.contact_id = o.counterparty_id
                  CROSS JOIN contacts c ON c.id = o.counterparty_id CROSS JOIN items it ON it.id = o.item_id
             WHERE {which} AND (:week IS NULL OR {AWAKE}) AND {DRAWABLE}
             ORDER BY o.since, o.item_id LIMIT :n"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params = named_params! {
            ":direction": direction, ":today": today, ":week": week, ":n": limit(n),
        };
        let rows = stmt.query_map(params, |row| rows::promise_entry(row, today))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many open promises contacts that are not archived hold.
    pub fn count_open_promises(&self) -> Result<usize> {
        self.bucket_sum("open", i64::MIN, i64::MAX)
    }

    /// The buckets of a kind from `first` to `last` (migrations/0008_review.sql).
    pub(super) fn bucket_sum(&self, kind: &str, first: i64, last: i64) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(n), 0) AS n FROM review_buckets WHERE kind = ?1 AND key BETWEEN ?2 AND ?3",
            )?
            .query_row(params![kind, first, last], |row| row.get("n"))?;
        Ok(n as usize)
    }

    fn count(&self, sql: &str, params: &[(&str, &dyn rusqlite::ToSql)]) -> Result<usize> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let params = used(&stmt, params);
        let n: i64 = stmt.query_row(params.as_slice(), |row| row.get("n"))?;
        Ok(n as usize)
    }

    /// How many contacts a balance section holds: the buckets wholly in
    /// it, the entries of the one bucket its bound falls in, less those
    /// resting (and, for one-sided, those still in their grace period).
    /// The few subtracted are found by their own indexes (INDEXED BY: with
    /// no statistics, SQLite would walk the balance range instead).
    pub fn count_balance_section(&self, bounds: BalanceBounds, today: NaiveDate) -> Result<usize> {
        let key = buckets::bucket(bounds.bound);
        let (start, end) = buckets::bucket_ends(bounds.bound);
        let p = named_params! {
            ":bound": bounds.bound, ":start": start, ":end": end,
            ":grace": bounds.grace_cutoff, ":today": today,
        };
        Ok(match bounds.side {
            BalanceSide::YouMayOwe => {
                let whole = self.bucket_sum("listed", i64::MIN, key - 1)?;
                let edge = self.count(
                    "SELECT count(*) AS n FROM contact_stats s
                     WHERE s.listed = 1 AND s.net_scaled BETWEEN :start AND :bound",
                    p,
                )?;
                let resting = self.count(
                    "SELECT count(*) AS n FROM contact_stats s INDEXED BY contact_stats_resting
                     WHERE s.rests_until IS NOT NULL AND s.rests_until > :today
                       AND s.listed = 1 AND s.net_scaled <= :bound",
                    p,
                )?;
                whole + edge - resting
            }
            BalanceSide::OneSided => {
                let whole = self.bucket_sum("shaped", key + 1, i64::MAX)?;
                let edge = self.count(
                    "SELECT count(*) AS n FROM contact_stats s
                     WHERE s.done_items >= 3 AND s.got_scaled < s.gave_scaled / 3.0
                       AND s.listed = 1 AND s.net_scaled BETWEEN :bound AND :end",
                    p,
                )?;
                // Two ranges of the young index: after the cutoff, and none.
                let mut young = 0;
                for first in [
                    "s.first_interaction > :grace",
                    "s.first_interaction IS NULL",
                ] {
                    young += self.count(
                        &format!(
                            "SELECT count(*) AS n FROM contact_stats s INDEXED BY contact_stats_young
                             WHERE s.done_items >= 3 AND s.got_scaled < s.gave_scaled / 3.0
                               AND {first} AND s.listed = 1 AND s.net_scaled >= :bound"
                        ),
                        p,
                    )?;
                }
                let resting = self.count(
                    "SELECT count(*) AS n FROM contact_stats s INDEXED BY contact_stats_resting
                     WHERE s.rests_until IS NOT NULL AND s.rests_until > :today
                       AND s.done_items >= 3 AND s.got_scaled < s.gave_scaled / 3.0
                       AND s.listed = 1 AND s.net_scaled >= :bound AND s.first_interaction <= :grace",
                    p,
                )?;
                whole + edge - young - resting
            }
        })
    }

    /// How many contacts are due by `today` (of every cadence): the week
    /// buckets before today's, the days of today's week up to today, less
    /// those resting.
    pub fn count_due(&self, cadences: &[u32], today: NaiveDate) -> Result<usize> {
        let whole = self.bucket_sum("due", i64::MIN, buckets::week_bucket(today) - 1)?;
        let week_start = buckets::week_bucket_start(today);
        let mut edge = 0;
        for &cadence in cadences {
            edge += self.count(
                "SELECT count(*) AS n FROM contact_stats s
                 WHERE s.cadence = :cadence AND s.due_on BETWEEN :start AND :today",
                named_params! { ":cadence": cadence, ":start": week_start, ":today": today },
            )?;
        }
        let resting = self.count(
            "SELECT count(*) AS n FROM contact_stats s INDEXED BY contact_stats_resting
             WHERE s.rests_until IS NOT NULL AND s.rests_until > :today
               AND s.cadence IS NOT NULL AND s.due_on <= :today",
            named_params! { ":today": today },
        )?;
        Ok(whole + edge - resting)
    }
}

/// Ties with a substantial past quiet since `:cutoff`. The first two terms
/// are the partial index's own (migrations/0008_review.sql), and the
/// thresholds `review::section::REKINDLE_*`.
const DORMANT: &str = "s.reminded = 1 AND (s.interaction_count >= 5 OR s.weight_total >= 10)
    AND s.last_interaction <= :cutoff";
