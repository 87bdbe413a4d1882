//! One rule per field. Every write, from every face and every importer,
//! passes the value of each field through the function here that owns it,
//! so a value is accepted (and normalised) the same way whether it was
//! typed on the command line, entered in a form, read from a vCard or
//! restored from a JSON export.
//!
//! The bounds, and why:
//! - Dates (of interactions, snoozes, reviews, birthdays, …) lie in the
//!   years 1900 to 2200: every date ties works with is within a lifetime of
//!   today, and the bound keeps date arithmetic far from chrono's limits
//!   (a date of 9999-12-31 plus a cadence would overflow).
//! - A cadence is 1 to 3650 days (ten years), as the command line always
//!   allowed.
//! - Minutes are 0 to 10080 (one week): anything longer is a typo.
//! - Hours per month are 0 to 744 (31 days of 24 hours).
//! - Weights are 1 to 5.
//! - Names have 1 to 500 characters after trimming.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::error::{Error, Field, Refusal, Result};
use crate::model::{Circle, Kind, WEIGHT_RANGE};
use crate::text::clean;

/// The years a stored date may lie in.
pub const YEARS: RangeInclusive<i32> = 1900..=2200;
/// How often to reconnect, in days.
pub const CADENCE_DAYS: RangeInclusive<u32> = 1..=3650;
/// The longest interaction, in minutes (one week).
pub const MAX_MINUTES: u32 = 7 * 24 * 60;
/// The most hours a month holds.
pub const MAX_HOURS_PER_MONTH: f64 = 744.0;
/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 500;

/// A contact's name: cleaned (NFC, trimmed), 1 to 500 characters.
pub fn contact_name(name: &str) -> Result<String> {
    let name = clean(name);
    let accepted = || format!("a name of 1 to {MAX_NAME_CHARS} characters, like \"Anna Järvinen\"");
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(Field::Name, name, accepted()));
    }
    Ok(name)
}

/// A network's name: like a contact's, and it must hold a letter or digit
/// to be found by.
pub fn network_name(name: &str) -> Result<String> {
    let name = clean(name);
    let accepted = || {
        format!(
            "a name of 1 to {MAX_NAME_CHARS} characters with a letter or digit, like \"Tampere Tech\""
        )
    };
    if crate::text::fold(&name).is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(Field::NetworkName, name, accepted()));
    }
    Ok(name)
}

/// What ties accepts as an email address (cleaned text): something@something.
pub fn is_valid_email(value: &str) -> bool {
    value.contains('@') && !value.contains(char::is_whitespace)
}

/// An email address, cleaned.
pub fn email(value: &str) -> Result<String> {
    let value = clean(value);
    if !is_valid_email(&value) {
        return Err(Error::invalid(
            Field::Email,
            value,
            "an address like name@example.org",
        ));
    }
    Ok(value)
}

/// Two addresses are one when they differ only in the case of their ASCII
/// letters: the key they are compared by when adding, removing and matching
/// on import alike. ASCII only, like SQLite's `lower()`, so that the index
/// on `lower(value)` finds exactly the addresses with this key.
pub fn email_key(value: &str) -> String {
    clean(value).to_ascii_lowercase()
}

/// What ties accepts as a phone number: at least three digits.
pub fn is_valid_phone(value: &str) -> bool {
    phone_key(value).trim_start_matches('+').len() >= 3
}

/// A phone number, cleaned (kept as written; matched by `phone_key`).
pub fn phone(value: &str) -> Result<String> {
    let value = clean(value);
    if !is_valid_phone(&value) {
        return Err(Error::invalid(
            Field::Phone,
            value,
            "a number with at least 3 digits, like +358 40 123 4567",
        ));
    }
    Ok(value)
}

/// Digits only, with a leading `+` kept: "+358 40 123-4567" → "+358401234567".
pub fn phone_key(phone: &str) -> String {
    let mut key: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if phone.trim_start().starts_with('+') {
        key.insert(0, '+');
    }
    key
}

/// A web address: any non-empty text (the address books' URL fields hold
/// anything from `https://…` to `@handle`).
pub fn url(value: &str) -> Result<String> {
    let value = clean(value);
    if value.is_empty() {
        return Err(Error::invalid(
            Field::Url,
            value,
            "an address like https://example.org",
        ));
    }
    Ok(value)
}

/// A tag as stored and searched: cleaned and lowercase, so `list --tag
/// Climbing` finds what a file called "climbing ".
pub fn tag(value: &str) -> Result<String> {
    let tag = normal_tag(value);
    if tag.is_empty() {
        return Err(Error::invalid(Field::Tag, tag, "a word like climbing"));
    }
    Ok(tag)
}

/// A tag's stored form, without the emptiness check (for lookups).
pub fn normal_tag(value: &str) -> String {
    clean(value).to_lowercase()
}

/// A topic of expertise: cleaned, its case kept as written.
pub fn expertise(value: &str) -> Result<String> {
    let topic = clean(value);
    if topic.is_empty() {
        return Err(Error::invalid(
            Field::Expertise,
            topic,
            "a topic like kubernetes",
        ));
    }
    Ok(topic)
}

/// Topics that differ only in case are one topic.
pub fn expertise_key(value: &str) -> String {
    clean(value).to_lowercase()
}

/// The type label of an email, phone, address or link ("work", "cell"):
/// trimmed and lowercase; empty means none.
pub fn label(value: Option<&str>) -> Option<String> {
    value
        .map(|l| clean(l).to_lowercase())
        .filter(|l| !l.is_empty())
}

/// Free text (notes, how you met, a goal, a title, a nickname): cleaned.
pub fn text(value: &str) -> String {
    clean(value)
}

/// Optional free text (a title, a unit): cleaned; empty means none.
pub fn optional_text(value: Option<&str>) -> Option<String> {
    value.map(clean).filter(|t| !t.is_empty())
}

/// A relation between two contacts ("spouse", "colleague"): lowercase.
pub fn relation(value: &str) -> String {
    clean(value).to_lowercase()
}

/// A contact's own UID: any non-empty text, trimmed.
pub fn uid(value: &str) -> Result<String> {
    let uid = value.trim();
    if uid.is_empty() || uid.chars().any(char::is_control) {
        return Err(Error::invalid(
            Field::Uid,
            uid,
            "a non-empty identifier without control characters",
        ));
    }
    Ok(uid.to_string())
}

/// A cadence in days, 1 to 3650.
pub fn cadence(days: u32) -> Result<u32> {
    if !CADENCE_DAYS.contains(&days) {
        return Err(Error::invalid(
            Field::Cadence,
            days.to_string(),
            cadence_accepted(),
        ));
    }
    Ok(days)
}

/// What a cadence may be, in words.
pub fn cadence_accepted() -> String {
    format!(
        "a number of days from {} to {} (ten years)",
        CADENCE_DAYS.start(),
        CADENCE_DAYS.end()
    )
}

/// A date of `field`, in the years 1900 to 2200.
pub fn date(field: Field, date: NaiveDate) -> Result<NaiveDate> {
    if !YEARS.contains(&date.year()) {
        return Err(Error::invalid(field, date.to_string(), dates_accepted()));
    }
    Ok(date)
}

/// What a date may be, in words.
pub fn dates_accepted() -> String {
    format!(
        "a date from {}-01-01 to {}-12-31",
        YEARS.start(),
        YEARS.end()
    )
}

/// A time of day, `HH:MM`; stored with two digits each ("9:05" → "09:05").
pub fn time(value: &str) -> Result<String> {
    let trimmed = value.trim();
    NaiveTime::parse_from_str(trimmed, "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| Error::invalid(Field::Time, trimmed, "HH:MM, like 14:30"))
}

/// Minutes an interaction took: 0 to 10080 (one week).
pub fn minutes(minutes: u32) -> Result<u32> {
    if minutes > MAX_MINUTES {
        return Err(Error::invalid(
            Field::Minutes,
            minutes.to_string(),
            format!("0 to {MAX_MINUTES} (one week)"),
        ));
    }
    Ok(minutes)
}

/// The weight of an item: 1 to 5.
pub fn weight(weight: u8) -> Result<u8> {
    if !WEIGHT_RANGE.contains(&weight) {
        return Err(Error::invalid(
            Field::Weight,
            weight.to_string(),
            weight_accepted(),
        ));
    }
    Ok(weight)
}

/// What a weight may be, in words.
pub fn weight_accepted() -> String {
    format!(
        "a whole number from {} to {}",
        WEIGHT_RANGE.start(),
        WEIGHT_RANGE.end()
    )
}

/// Hours per month budgeted for a network: 0 to 744.
pub fn hours_per_month(hours: f64) -> Result<f64> {
    if !(0.0..=MAX_HOURS_PER_MONTH).contains(&hours) {
        return Err(Error::invalid(
            Field::HoursPerMonth,
            hours.to_string(),
            hours_accepted(),
        ));
    }
    Ok(hours)
}

/// What hours per month may be, in words.
pub fn hours_accepted() -> String {
    format!("a number from 0 to {MAX_HOURS_PER_MONTH}")
}

/// A birthday as ties stores it: `1985-07-04`, or `--07-04` when the year is
/// not known (29 February allowed). The year lies in 1900 to 2200.
pub fn birthday(value: &str) -> Result<String> {
    occasion_date(Field::Birthday, value, true)
}

/// What a birthday or a yearly date may be, in words.
pub fn occasion_dates_accepted() -> String {
    format!(
        "YYYY-MM-DD (a year from {} to {}) or --MM-DD without the year",
        YEARS.start(),
        YEARS.end()
    )
}

/// The date of a birthday or of a labelled date of a contact: `YYYY-MM-DD`
/// (a year from 1900 to 2200), or `--MM-DD` for a yearly one whose year is
/// not known (29 February allowed: in other years it falls on 28 February).
/// A one-off date happens once, so it has its year.
pub fn occasion_date(field: Field, value: &str, yearly: bool) -> Result<String> {
    let text = value.trim();
    let bad = || Error::invalid(field, text, occasion_dates_accepted());
    if let Some(rest) = text.strip_prefix("--") {
        let (month, day) = rest.split_once('-').ok_or_else(bad)?;
        let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !two_digits(month) || !two_digits(day) {
            return Err(bad());
        }
        // A leap year, so that 29 February is a valid day.
        NaiveDate::from_ymd_opt(
            2000,
            month.parse().map_err(|_| bad())?,
            day.parse().map_err(|_| bad())?,
        )
        .ok_or_else(bad)?;
        if !yearly {
            return Err(Error::invalid(
                field,
                text,
                "a date with its year, like 2027-06-12 (a one-off date happens once)",
            ));
        }
        return Ok(text.to_string());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
    if text.len() != 10 || !YEARS.contains(&date.year()) {
        return Err(bad());
    }
    Ok(text.to_string())
}

/// The longest label of a date, in characters.
pub const MAX_LABEL_CHARS: usize = 100;

/// The label of a contact's date ("anniversary", "name day"): cleaned, 1
/// to 100 characters, its case kept. "birthday" is not a label: the
/// birthday has a field of its own.
pub fn date_label(value: &str) -> Result<String> {
    let label = clean(value);
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return Err(Error::invalid(
            Field::DateLabel,
            label,
            format!("a label of 1 to {MAX_LABEL_CHARS} characters, like anniversary"),
        ));
    }
    if date_label_key(&label) == "birthday" {
        return Err(Error::invalid(
            Field::DateLabel,
            label,
            "another label than birthday: the birthday has a field of its own",
        ));
    }
    Ok(label)
}

/// Labels that differ only in case are one label.
pub fn date_label_key(value: &str) -> String {
    clean(value).to_lowercase()
}

/// A contact has one date per label: a list that names one twice is refused.
pub fn distinct_date_labels(dates: &[crate::model::ContactDate]) -> Result<()> {
    let mut seen = std::collections::HashSet::with_capacity(dates.len());
    for date in dates {
        if !seen.insert(date_label_key(&date.label)) {
            return Err(Error::invalid(
                Field::DateLabel,
                clean(&date.label),
                "one date per label (this label is given twice)",
            ));
        }
    }
    Ok(())
}

/// A labelled date: its label and date through their rules.
pub fn contact_date(date: &crate::model::ContactDate) -> Result<crate::model::ContactDate> {
    Ok(crate::model::ContactDate {
        label: date_label(&date.label)?,
        date: occasion_date(Field::ContactDate, &date.date, date.yearly)?,
        yearly: date.yearly,
    })
}

/// A moment (`created_at`, `updated_at`, a review's `done_at`): RFC 3339,
/// like 2026-11-26T12:00:00Z, in the years 1900 to 2200. Kept as written.
pub fn timestamp(field: Field, value: &str) -> Result<String> {
    let bad = || {
        Error::invalid(
            field,
            value,
            format!(
                "a time like 2026-11-26T12:00:00Z, in the years {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        )
    };
    let parsed = chrono::DateTime::parse_from_rfc3339(value.trim()).map_err(|_| bad())?;
    // The review reads the day from the first ten characters.
    let day = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    if !YEARS.contains(&parsed.year()) || day.is_none() {
        return Err(bad());
    }
    Ok(value.trim().to_string())
}

/// A contact's circle: people have one (`other` when none is said),
/// organisations none.
pub fn circle(kind: Kind, circle: Option<Circle>) -> Result<Option<Circle>> {
    match kind {
        Kind::Person => Ok(Some(circle.unwrap_or(Circle::Other))),
        Kind::Org if circle.is_some() => Err(Refusal::CircleForOrg.into()),
        Kind::Org => Ok(None),
    }
}

/// A contact was not met through themselves.
pub fn met_through(contact: i64, through: Option<i64>) -> Result<()> {
    if through == Some(contact) {
        return Err(Refusal::MetThroughSelf.into());
    }
    Ok(())
}

/// A contact is not related to themselves.
pub fn related(contact: i64, other: i64) -> Result<()> {
    if contact == other {
        return Err(Refusal::RelatedToSelf.into());
    }
    Ok(())
}

/// A person belongs to an organisation; an organisation belongs to none.
/// `org` is the would-be organisation, with its kind.
pub fn affiliation(member: Kind, org: (&crate::model::ContactRef, Kind)) -> Result<()> {
    if member == Kind::Org {
        return Err(Refusal::OrgInOrg.into());
    }
    if org.1 != Kind::Org {
        return Err(Refusal::NotAnOrganisation(org.0.clone()).into());
    }
    Ok(())
}

/// The participants of an interaction: at least one, each once; every
/// item's counterparty among them. Linear in participants and items.
pub fn participants(
    participants: &[i64],
    counterparties: impl IntoIterator<Item = i64>,
) -> Result<()> {
    if participants.is_empty() {
        return Err(Refusal::NoParticipants.into());
    }
    let mut seen = std::collections::HashSet::with_capacity(participants.len());
    for &p in participants {
        if !seen.insert(p) {
            return Err(Refusal::ParticipantTwice(p).into());
        }
    }
    for counterparty in counterparties {
        if !seen.contains(&counterparty) {
            return Err(Refusal::CounterpartyNotParticipant(counterparty).into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn field_of(result: Result<impl std::fmt::Debug>) -> Field {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("not an invalid value: {other:?}"),
        }
    }

    #[test]
    fn cadences_are_one_day_to_ten_years() {
        assert_eq!(cadence(1).unwrap(), 1);
        assert_eq!(cadence(3650).unwrap(), 3650);
        assert_eq!(field_of(cadence(0)), Field::Cadence);
        assert_eq!(field_of(cadence(3651)), Field::Cadence);
        let message = cadence(1_000_000_000).unwrap_err().to_string();
        assert!(
            message.contains("'1000000000'") && message.contains("1 to 3650"),
            "{message}"
        );
    }

    #[test]
    fn dates_lie_between_1900_and_2200() {
        assert!(date(Field::Date, day("1900-01-01")).is_ok());
        assert!(date(Field::Date, day("2200-12-31")).is_ok());
        assert_eq!(field_of(date(Field::Date, day("9999-12-31"))), Field::Date);
        assert_eq!(
            field_of(date(Field::SnoozedUntil, day("1899-12-31"))),
            Field::SnoozedUntil
        );
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert_eq!(time("14:30").unwrap(), "14:30");
        assert_eq!(time("9:05").unwrap(), "09:05");
        for bad in ["25:99", "24:00", "noon", "", "14:30:00"] {
            assert_eq!(field_of(time(bad)), Field::Time, "{bad}");
        }
    }

    #[test]
    fn numbers_have_their_bounds() {
        assert_eq!(minutes(MAX_MINUTES).unwrap(), MAX_MINUTES);
        assert_eq!(field_of(minutes(u32::MAX)), Field::Minutes);
        assert!(weight(1).is_ok() && weight(5).is_ok());
        assert_eq!(field_of(weight(0)), Field::Weight);
        assert_eq!(field_of(weight(6)), Field::Weight);
        assert_eq!(hours_per_month(744.0).unwrap(), 744.0);
        for bad in [-5.0, 1e308, f64::NAN, f64::INFINITY] {
            assert_eq!(
                field_of(hours_per_month(bad)),
                Field::HoursPerMonth,
                "{bad}"
            );
        }
    }

    #[test]
    fn birthdays_with_or_without_a_year() {
        assert_eq!(birthday("1985-07-04").unwrap(), "1985-07-04");
        assert_eq!(birthday("--02-29").unwrap(), "--02-29");
        for bad in [
            "0001-01-01",
            "9999-12-31",
            "--13-01",
            "--02-30",
            "1985-7-4",
            "July",
        ] {
            assert_eq!(field_of(birthday(bad)), Field::Birthday, "{bad}");
        }
    }

    #[test]
    fn labelled_dates_yearly_or_once() {
        use crate::model::ContactDate;
        let date = |label: &str, date: &str, yearly: bool| ContactDate {
            label: label.into(),
            date: date.into(),
            yearly,
        };
        assert_eq!(
            contact_date(&date(" name day ", "--12-09", true)).unwrap(),
            date("name day", "--12-09", true)
        );
        assert!(contact_date(&date("wedding", "2027-06-12", false)).is_ok());
        assert_eq!(
            field_of(contact_date(&date("wedding", "--06-12", false))),
            Field::ContactDate,
            "a one-off date has its year"
        );
        assert_eq!(
            field_of(contact_date(&date("x", "--02-30", true))),
            Field::ContactDate
        );
        assert_eq!(
            field_of(contact_date(&date("Birthday", "2000-01-01", true))),
            Field::DateLabel
        );
        assert_eq!(
            field_of(contact_date(&date(" ", "2000-01-01", true))),
            Field::DateLabel
        );
        assert_eq!(date_label_key("Name Day"), date_label_key("name day"));
    }

    #[test]
    fn timestamps_are_rfc_3339_within_the_years() {
        assert!(timestamp(Field::CreatedAt, "2026-11-26T12:00:00Z").is_ok());
        assert!(timestamp(Field::CreatedAt, "2026-11-26T12:00:00+02:00").is_ok());
        for bad in [
            "+262142-12-31T23:59:59Z",
            "yesterday",
            "2026-11-26",
            "0100-01-01T00:00:00Z",
        ] {
            assert_eq!(
                field_of(timestamp(Field::CreatedAt, bad)),
                Field::CreatedAt,
                "{bad}"
            );
        }
    }

    #[test]
    fn values_are_normalised_the_same_way_everywhere() {
        assert_eq!(tag("  Climbing ").unwrap(), "climbing");
        assert_eq!(field_of(tag("   ")), Field::Tag);
        assert_eq!(expertise(" Kubernetes ").unwrap(), "Kubernetes");
        assert_eq!(expertise_key("Kubernetes"), expertise_key("kubernetes"));
        assert_eq!(email_key("Anna@Example.org"), email_key("anna@example.ORG"));
        assert_eq!(field_of(email("not an address")), Field::Email);
        assert_eq!(field_of(phone("12")), Field::Phone);
        assert_eq!(label(Some(" Work ")), Some("work".into()));
        assert_eq!(label(Some("  ")), None);
        assert_eq!(field_of(contact_name("  ")), Field::Name);
        assert_eq!(field_of(contact_name(&"x".repeat(501))), Field::Name);
        assert_eq!(field_of(network_name("!!")), Field::NetworkName);
    }

    #[test]
    fn links_between_contacts() {
        assert!(matches!(
            circle(Kind::Org, Some(Circle::Work)),
            Err(Error::Refused(Refusal::CircleForOrg))
        ));
        assert_eq!(circle(Kind::Person, None).unwrap(), Some(Circle::Other));
        assert!(matches!(
            met_through(1, Some(1)),
            Err(Error::Refused(Refusal::MetThroughSelf))
        ));
        assert!(met_through(1, Some(2)).is_ok());
        assert!(matches!(
            related(3, 3),
            Err(Error::Refused(Refusal::RelatedToSelf))
        ));
        let org = crate::model::ContactRef {
            id: 2,
            name: "Kasvu".into(),
        };
        assert!(matches!(
            affiliation(Kind::Org, (&org, Kind::Org)),
            Err(Error::Refused(Refusal::OrgInOrg))
        ));
        assert!(matches!(
            affiliation(Kind::Person, (&org, Kind::Person)),
            Err(Error::Refused(Refusal::NotAnOrganisation(_)))
        ));
        assert!(affiliation(Kind::Person, (&org, Kind::Org)).is_ok());
    }

    #[test]
    fn participants_once_each_and_counterparties_among_them() {
        assert!(participants(&[1, 2], [2]).is_ok());
        assert!(matches!(
            participants(&[], []),
            Err(Error::Refused(Refusal::NoParticipants))
        ));
        assert!(matches!(
            participants(&[1, 1], []),
            Err(Error::Refused(Refusal::ParticipantTwice(1)))
        ));
        assert!(matches!(
            participants(&[1], [3]),
            Err(Error::Refused(Refusal::CounterpartyNotParticipant(3)))
        ));
    }
}
