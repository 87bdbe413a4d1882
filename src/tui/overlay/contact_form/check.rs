//! What is wrong with a contact form, field by field, and how its texts
//! read: comma-separated lists, a cadence, an organisation's name.

use ties::dates::{parse_cadence, parse_labelled_date, parse_occasion_date};
use ties::error::Field;
use ties::input::optional;
use ties::model::{ContactDate, ContactRef};
use ties::resolve::{self, Candidate};
use ties::text::clean;

use super::ContactForm;

/// The organisation typed for a person.
#[derive(Debug, Clone, PartialEq)]
pub enum Organisation {
    None,
    Existing(ContactRef),
    /// Created on save. `near` are stored names it might be a typo of.
    New {
        name: String,
        near: Vec<ContactRef>,
    },
}

pub fn organisation(text: &str, candidates: &[Candidate]) -> Result<Organisation, String> {
    let name = clean(text);
    if name.is_empty() {
        return Ok(Organisation::None);
    }
    match resolve::pick("organisation", &name, candidates) {
        Ok(found) => Ok(Organisation::Existing(found.reference())),
        Err(ties::Error::NotFound { suggestions, .. }) => Ok(Organisation::New {
            name,
            near: suggestions,
        }),
        Err(ties::Error::Ambiguous { candidates, .. }) => {
            let names: Vec<&str> = candidates.iter().take(3).map(|c| c.name.as_str()).collect();
            Err(format!(
                "matches {}: type more of the name",
                names.join(", ")
            ))
        }
        Err(other) => Err(other.to_string()),
    }
}

/// The parts of a comma-separated list, trimmed, blanks and repeats dropped.
pub fn list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(',').map(clean).filter(|p| !p.is_empty()) {
        if !out
            .iter()
            .any(|seen| seen.to_lowercase() == part.to_lowercase())
        {
            out.push(part);
        }
    }
    out
}

pub fn name(text: &str) -> Result<String, String> {
    let name = clean(text);
    match name.chars().count() {
        0 => Err("a name is needed".into()),
        n if n > 500 => Err("at most 500 characters".into()),
        _ => Ok(name),
    }
}

/// The store's rule: something@something, no spaces.
pub fn emails(text: &str) -> Result<Vec<String>, String> {
    let emails = list(text);
    match emails
        .iter()
        .find(|e| !e.contains('@') || e.contains(char::is_whitespace))
    {
        Some(bad) => Err(format!("'{bad}' is not an email address")),
        None => Ok(emails),
    }
}

/// The store's rule: at least three digits.
pub fn phones(text: &str) -> Result<Vec<String>, String> {
    let phones = list(text);
    match phones
        .iter()
        .find(|p| ties::store::phone_key(p).trim_start_matches('+').len() < 3)
    {
        Some(bad) => Err(format!("'{bad}' is not a phone number")),
        None => Ok(phones),
    }
}

/// A cadence like 30d, 2w or 3m; blank (or none) for the circle's default.
pub fn cadence(text: &str) -> Result<Option<u32>, String> {
    optional(text, parse_cadence).map_err(|_| "use a period like 30d, 2w or 3m".into())
}

/// A birthday, `1990-02-14` or `--02-14` (or `02-14`); blank (or none)
/// for none.
pub fn birthday(text: &str) -> Result<Option<String>, String> {
    optional(text, |t| parse_occasion_date(t, Field::Birthday, true))
        .map_err(|_| "use 1990-02-14, or --02-14 without the year".into())
}

/// Dates as the field holds them: `label=date` pairs, comma-separated,
/// each ending in ` once` when it happens only once.
pub fn dates(text: &str) -> Result<Vec<ContactDate>, String> {
    let mut out: Vec<ContactDate> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let date = parse_labelled_date(part).map_err(|e| match e {
            ties::Error::Invalid {
                field: Field::DateLabel,
                accepted,
                ..
            } => {
                format!("'{part}': {accepted}")
            }
            _ => format!("'{part}': use label=2015-06-01 or label=12-09"),
        })?;
        let key = ties::rules::date_label_key(&date.label);
        if out
            .iter()
            .any(|d| ties::rules::date_label_key(&d.label) == key)
        {
            return Err(format!("'{}' is given twice", date.label));
        }
        out.push(date);
    }
    Ok(out)
}

/// Dates as the field shows them (what `dates` reads back).
pub fn dates_text(dates: &[ContactDate]) -> String {
    dates
        .iter()
        .map(|d| {
            let once = if d.yearly { "" } else { " once" };
            format!("{}={}{once}", d.label, d.date)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Default)]
pub struct Problems {
    pub name: Option<String>,
    pub emails: Option<String>,
    pub phones: Option<String>,
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub cadence: Option<String>,
    pub birthday: Option<String>,
    pub dates: Option<String>,
}

impl Problems {
    pub fn count(&self) -> usize {
        [
            &self.name,
            &self.emails,
            &self.phones,
            &self.organisation,
            &self.title,
            &self.cadence,
            &self.birthday,
            &self.dates,
        ]
        .iter()
        .filter(|p| p.is_some())
        .count()
    }
}

pub fn problems(form: &ContactForm) -> Problems {
    let person = form.is_person();
    let organisation = organisation(form.organisation.value(), &form.organisations);
    let title = (person && !form.title.is_blank() && organisation == Ok(Organisation::None))
        .then(|| "a title needs an organisation".to_string());
    Problems {
        name: name(form.name.value()).err(),
        emails: emails(form.emails.value()).err(),
        phones: phones(form.phones.value()).err(),
        organisation: if person { organisation.err() } else { None },
        title,
        cadence: cadence(form.cadence.value()).err(),
        birthday: birthday(form.birthday.value()).err(),
        dates: dates(form.dates.value()).err(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_trimmed_and_deduplicated() {
        assert_eq!(list(" a@x.fi, ,b@y.fi, A@x.fi "), ["a@x.fi", "b@y.fi"]);
        assert!(
            emails("anna@example.org, bob")
                .unwrap_err()
                .contains("'bob'")
        );
        assert!(phones("+358 40 1").is_ok());
        assert!(phones("12").is_err());
        assert_eq!(cadence(""), Ok(None));
        assert_eq!(cadence("none"), Ok(None));
        assert_eq!(cadence("2w"), Ok(Some(14)));
        assert!(cadence("often").is_err());
        assert_eq!(birthday(" "), Ok(None));
        assert_eq!(birthday("02-14"), Ok(Some("--02-14".into())));
        assert!(birthday("--02-30").is_err());
        let read = dates("anniversary=2015-06-01, name day=12-09, moving=2027-03-01 once").unwrap();
        assert_eq!(read.len(), 3);
        assert!(!read[2].yearly);
        assert_eq!(dates(&dates_text(&read)).unwrap(), read);
        assert!(dates("anniversary").is_err());
        assert!(
            dates("a=2015-06-01, A=2016-06-01")
                .unwrap_err()
                .contains("twice")
        );
    }

    #[test]
    fn organisations_are_found_or_new() {
        let orgs = vec![Candidate {
            id: 7,
            name: "Kasvu Oy".into(),
            key: ties::text::fold("Kasvu Oy"),
            archived: false,
        }];
        assert!(matches!(organisation("kasvu", &orgs), Ok(Organisation::Existing(c)) if c.id == 7));
        assert!(
            matches!(organisation("Kasvo Oy", &orgs), Ok(Organisation::New { near, .. }) if near.len() == 1)
        );
        assert_eq!(organisation(" ", &orgs), Ok(Organisation::None));
    }
}
