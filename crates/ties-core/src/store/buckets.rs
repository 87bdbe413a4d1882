//! The buckets the review's totals are summed from (migrations/
//! 0008_review.sql, `review_buckets`): a monotone integer of a float taken
//! from its bits, so the same on every machine, and the ends of a bucket.

/// Bits below the six mantissa bits a bucket keeps.
const DROPPED: u32 = 46;
const LOW_BITS: u64 = (1 << DROPPED) - 1;

/// `ties_bucket(x)`: the sign of `x` times the top 17 bits of `|x|` (its
/// exponent and six mantissa bits): 64 buckets per power of two, never
/// decreasing as `x` grows. 0 for zero and for anything below 2^-1022.
pub fn bucket(x: f64) -> i64 {
    let key = (x.abs().to_bits() >> DROPPED) as i64;
    if x < 0.0 { -key } else { key }
}

/// The smallest and largest values of the bucket `x` falls in.
pub fn bucket_ends(x: f64) -> (f64, f64) {
    let magnitude = (x.abs().to_bits() >> DROPPED) << DROPPED;
    let (small, large) = (
        f64::from_bits(magnitude),
        f64::from_bits(magnitude | LOW_BITS),
    );
    if x < 0.0 {
        (-large, -small)
    } else {
        (small, large)
    }
}

/// The key of the week bucket of a day: `CAST(julianday(day) AS INTEGER) / 7`.
pub fn week_bucket(day: chrono::NaiveDate) -> i64 {
    julian_day(day) / 7
}

/// The first day of a day's week bucket.
pub fn week_bucket_start(day: chrono::NaiveDate) -> chrono::NaiveDate {
    let offset = julian_day(day) % 7;
    day - chrono::Duration::days(offset)
}

/// SQLite's `CAST(julianday(day) AS INTEGER)`: the Julian day number at
/// noon, 2458849 on 2020-01-01.
fn julian_day(day: chrono::NaiveDate) -> i64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid day");
    2_458_849 + (day - epoch).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn buckets_never_decrease_and_hold_their_ends(a in -1e9f64..1e9, b in -1e9f64..1e9) {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(bucket(low) <= bucket(high));
            let (start, end) = bucket_ends(a);
            prop_assert!(start <= a && a <= end);
            prop_assert_eq!(bucket(start), bucket(a));
            prop_assert_eq!(bucket(end), bucket(a));
        }
    }

    #[test]
    fn the_next_float_past_an_end_is_the_next_bucket() {
        for x in [3.0, -3.0, 1234.5, -0.001] {
            let (start, end) = bucket_ends(x);
            assert_eq!(bucket(start.next_down()), bucket(x) - 1, "{x}");
            assert_eq!(bucket(end.next_up()), bucket(x) + 1, "{x}");
        }
        assert_eq!(bucket(0.0), 0);
        assert_eq!(bucket(-0.0), 0);
    }

    #[test]
    fn week_buckets_match_sqlite() {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for text in ["2026-11-26", "2020-01-01", "1900-03-01", "9999-12-31"] {
            let sqlite: i64 = conn
                .query_row("SELECT CAST(julianday(?1) AS INTEGER) / 7", [text], |row| {
                    row.get(0)
                })
                .unwrap();
            assert_eq!(week_bucket(day(text)), sqlite, "{text}");
        }
        let start = week_bucket_start(day("2026-11-26"));
        assert_eq!(week_bucket(start), week_bucket(day("2026-11-26")));
        assert_ne!(
            week_bucket(start - chrono::Duration::days(1)),
            week_bucket(start)
        );
    }
}
