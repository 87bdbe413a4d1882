//! Drawing birthdays and labelled dates (anniversaries, name days).
//!
//! They come from a generator of their own, seeded from the demo's seed, so
//! adding them changed none of the contacts, interactions and balances the
//! main generator draws (snapshot tests and benchmarks rely on those).
//! Like every demo date they count from the store's clock: each is drawn as
//! a number of days ahead of today, so some always fall in the coming
//! weeks, whatever day the demo is made on.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use super::plan::Plan;
use crate::model::{Circle, ContactDate};

/// Mixed into the demo's seed: the dates' stream differs from the main one.
const DATES_STREAM: u64 = 0xDA7E_5EED_0B1D_7A15;
/// Share of people whose birthday the user knows, and of those, whose year.
const BIRTHDAY_SHARE: f64 = 0.6;
const BIRTH_YEAR_SHARE: f64 = 0.55;
/// Share of people with a labelled date.
const ANNIVERSARY_SHARE: f64 = 0.06;
const NAME_DAY_SHARE: f64 = 0.05;

/// A yearly date, drawn relative to today.
#[derive(Debug, Clone, Copy)]
pub(super) struct YearlyDate {
    /// Days from today to its next occurrence (0 to 364).
    pub(super) days_ahead: u16,
    /// How many years ago it first happened, when the year is known.
    pub(super) years_ago: Option<u16>,
}

impl YearlyDate {
    /// `YYYY-MM-DD`, or `--MM-DD` without the year. A 29 February in a
    /// year that has none moves to the 28th.
    pub(super) fn render(self, today: NaiveDate) -> String {
        let next = today + Duration::days(i64::from(self.days_ahead));
        match self.years_ago {
            None => format!("--{:02}-{:02}", next.month(), next.day()),
            Some(years) => {
                let year = next.year() - i32::from(years);
                let date = NaiveDate::from_ymd_opt(year, next.month(), next.day())
                    .or_else(|| NaiveDate::from_ymd_opt(year, next.month(), 28))
                    .unwrap_or(next);
                date.format("%Y-%m-%d").to_string()
            }
        }
    }
}

/// The dates of one contact.
#[derive(Debug, Clone, Default)]
pub(super) struct DatesPlan {
    pub(super) birthday: Option<YearlyDate>,
    pub(super) labelled: Vec<(&'static str, YearlyDate)>,
}

impl DatesPlan {
    pub(super) fn render(&self, today: NaiveDate) -> (Option<String>, Vec<ContactDate>) {
        let birthday = self.birthday.map(|b| b.render(today));
        let dates = self
            .labelled
            .iter()
            .map(|&(label, date)| ContactDate {
                label: label.to_string(),
                date: date.render(today),
                yearly: true,
            })
            .collect();
        (birthday, dates)
    }
}

impl Plan {
    /// Fills `self.dates`, one entry per contact (organisations have none).
    /// The three anchors, who are always in touch, have dates in the next
    /// weeks, so `ties dates`, `ties due` and the review show some on any
    /// fresh demo.
    pub(super) fn draw_dates(&mut self, seed: u64) {
        let mut rng = Rng::with_seed(seed ^ DATES_STREAM);
        self.dates = vec![DatesPlan::default(); self.contacts.len()];
        for index in self.people() {
            let circle = self.contacts[index].new.circle;
            let known = matches!(circle, Some(Circle::Family | Circle::Friend));
            let dates = &mut self.dates[index];
            // Family and friends' birthdays are known more often.
            let share = if known { 0.9 } else { BIRTHDAY_SHARE };
            if rng.f64() < share {
                dates.birthday = Some(YearlyDate {
                    days_ahead: rng.u16(0..365),
                    years_ago: (rng.f64() < BIRTH_YEAR_SHARE).then(|| rng.u16(19..=78)),
                });
            }
            if known && rng.f64() < ANNIVERSARY_SHARE * 3.0 {
                dates.labelled.push((
                    "anniversary",
                    YearlyDate {
                        days_ahead: rng.u16(0..365),
                        years_ago: Some(rng.u16(1..=35)),
                    },
                ));
            }
            if rng.f64() < NAME_DAY_SHARE {
                dates.labelled.push((
                    "name day",
                    YearlyDate {
                        days_ahead: rng.u16(0..365),
                        years_ago: None,
                    },
                ));
            }
        }
        let soon: [(Option<&'static str>, u16, Option<u16>); 3] = [
            (None, 4, Some(34)),
            (None, 12, None),
            (Some("anniversary"), 19, Some(8)),
        ];
        for (index, (label, days_ahead, years_ago)) in self.anchors().zip(soon) {
            let date = YearlyDate {
                days_ahead,
                years_ago,
            };
            let dates = &mut self.dates[index];
            match label {
                None => dates.birthday = Some(date),
                Some(label) => {
                    dates.labelled.retain(|(l, _)| *l != label);
                    dates.labelled.push((label, date));
                }
            }
        }
    }
}
