//! Saving the contact form: a new contact (with its new organisation, in
//! one transaction), or one `ContactEdit` of what differs from the contact
//! as it was when the form opened.

use ties::Store;
use ties::duplicates::Likeness;
use ties::model::{Kind, Labelled};
use ties::store::{ContactEdit, NewContact};
use ties::text::clean;

use super::check::{self, Organisation};
use super::{ContactForm, Original};
use crate::tui::overlay::OverlayOutcome;
use crate::tui::widgets::cell_text;

/// An edit, and the organisation to create and join with it.
struct Changes {
    edit: ContactEdit,
    new_organisation: Option<(String, Option<String>)>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        let e = &self.edit;
        e.name.is_none()
            && e.circle.is_none()
            && e.cadence_days.is_none()
            && e.birthday.is_none()
            && e.set_dates.is_empty()
            && e.remove_dates.is_empty()
            && e.note.is_none()
            && e.met_how.is_none()
            && e.add_emails.is_empty()
            && e.remove_emails.is_empty()
            && e.add_phones.is_empty()
            && e.remove_phones.is_empty()
            && e.add_tags.is_empty()
            && e.remove_tags.is_empty()
            && e.add_expertise.is_empty()
            && e.remove_expertise.is_empty()
            && e.add_organisations.is_empty()
            && e.remove_organisations.is_empty()
            && self.new_organisation.is_none()
    }
}

/// Whether the form differs from the contact it edits (a form with a
/// problem counts as changed: it holds something typed).
pub fn has_changes(form: &ContactForm, original: &Original) -> bool {
    changes(form, original).is_none_or(|c| !c.is_empty())
}

impl ContactForm {
    /// Ctrl-S: writes the contact, or marks what stands in the way.
    pub(super) fn save_to(&mut self, store: &mut Store) -> OverlayOutcome {
        let count = check::problems(self).count();
        if count > 0 {
            return self.state.refuse_save(count);
        }
        let name = clean(self.name.value());
        let result = match &self.original {
            None => self
                .add_to(store)
                .map(|(_, like)| format!("Added {name}{}", likeness_note(&like))),
            Some(original) => match changes(self, original) {
                Some(changes) if changes.is_empty() => return OverlayOutcome::Close,
                Some(changes) => {
                    apply(store, original.contact.id, changes).map(|_| format!("Updated {name}"))
                }
                None => return OverlayOutcome::Stay,
            },
        };
        match result {
            Ok(message) => OverlayOutcome::Done(message),
            Err(error) => {
                let error = crate::tui::words::error(&error);
                self.state.message = Some(format!("Not saved: {error}"));
                OverlayOutcome::Failed(format!("could not save the contact: {error}"))
            }
        }
    }

    /// Adds the contact; also returns the contacts it is likely the same
    /// as (asked before adding, so it is not among them).
    fn add_to(&self, store: &mut Store) -> ties::Result<(i64, Vec<Likeness>)> {
        let kind = *self.kind.value();
        let mut new = NewContact::new(kind, clean(self.name.value()));
        new.emails = labelled(check::emails(self.emails.value()).unwrap_or_default());
        new.phones = labelled(check::phones(self.phones.value()).unwrap_or_default());
        new.tags = check::list(self.tags.value());
        new.expertise = check::list(self.expertise.value());
        new.cadence_days = check::cadence(self.cadence.value()).unwrap_or_default();
        new.birthday = check::birthday(self.birthday.value()).unwrap_or_default();
        new.dates = check::dates(self.dates.value()).unwrap_or_default();
        new.met_how = clean(self.met_how.value());
        new.note = clean(&self.note.text());
        if kind != Kind::Person {
            let like = store.contacts_like(&new)?;
            return Ok((store.add_contact(&new)?, like));
        }
        new.circle = *self.circle.value();
        let title = self.title_text();
        let organisation = check::organisation(self.organisation.value(), &self.organisations);
        if let Ok(Organisation::Existing(org)) = &organisation {
            new.organisations.push((org.id, title.clone()));
        }
        let like = store.contacts_like(&new)?;
        let id = match organisation {
            Ok(Organisation::New { name, .. }) => {
                store.add_contact_with_new_org(&new, &name, title)?
            }
            _ => store.add_contact(&new)?,
        };
        Ok((id, like))
    }

    fn title_text(&self) -> Option<String> {
        Some(clean(self.title.value())).filter(|t| !t.is_empty())
    }
}

fn apply(store: &mut Store, id: i64, changes: Changes) -> ties::Result<()> {
    match changes.new_organisation {
        Some((name, title)) => store.edit_contact_with_new_org(id, &changes.edit, &name, title),
        None => store.edit_contact(id, &changes.edit),
    }
}

/// " · note: Bob Smith #12 has the same email; merge them from either's
/// page if they are one", or nothing when the new contact is like no one.
fn likeness_note(like: &[Likeness]) -> String {
    let Some(first) = like.first() else {
        return String::new();
    };
    let reasons: Vec<String> = first.reasons.iter().map(|r| r.to_string()).collect();
    let others = match like.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    format!(
        " · note: {} #{} has {}{others}; merge them from either's page if they are one",
        cell_text(&first.contact.name),
        first.contact.id,
        reasons.join(" and ")
    )
}

fn labelled(values: Vec<String>) -> Vec<Labelled> {
    values
        .into_iter()
        .map(|value| Labelled { value, label: None })
        .collect()
}

/// What to add and what to remove so that `old` becomes `new`, comparing
/// with `key` (exact, or ignoring case).
fn difference(
    old: &[String],
    new: &[String],
    key: fn(&str) -> String,
) -> (Vec<String>, Vec<String>) {
    let old_keys: Vec<String> = old.iter().map(|v| key(v)).collect();
    let new_keys: Vec<String> = new.iter().map(|v| key(v)).collect();
    let added = new
        .iter()
        .filter(|v| !old_keys.contains(&key(v)))
        .cloned()
        .collect();
    let removed = old
        .iter()
        .filter(|v| !new_keys.contains(&key(v)))
        .cloned()
        .collect();
    (added, removed)
}

/// The edit that turns `original` into what the form holds; `None` while
/// the form has problems.
fn changes(form: &ContactForm, original: &Original) -> Option<Changes> {
    let old = &original.contact;
    let person = old.kind == Kind::Person;
    let mut edit = ContactEdit::default();
    let name = check::name(form.name.value()).ok()?;
    edit.name = (name != old.name).then_some(name);
    if person && *form.circle.value() != old.circle {
        edit.circle = *form.circle.value();
    }
    let cadence = check::cadence(form.cadence.value()).ok()?;
    edit.cadence_days = (cadence != old.cadence_days).then_some(cadence);
    let birthday = check::birthday(form.birthday.value()).ok()?;
    edit.birthday = (birthday != old.birthday).then_some(birthday);
    let dates = check::dates(form.dates.value()).ok()?;
    let key = |d: &ties::model::ContactDate| ties::rules::date_label_key(&d.label);
    edit.set_dates = dates
        .iter()
        .filter(|d| !old.dates.contains(d))
        .cloned()
        .collect();
    edit.remove_dates = old
        .dates
        .iter()
        .filter(|d| !dates.iter().any(|n| key(n) == key(d)))
        .map(|d| d.label.clone())
        .collect();
    let note = clean(&form.note.text());
    edit.note = (note != old.note).then_some(note);
    let met_how = clean(form.met_how.value());
    edit.met_how = (met_how != old.met_how).then_some(met_how);

    let exact: fn(&str) -> String = |v| v.to_string();
    let folded: fn(&str) -> String = |v| v.to_lowercase();
    let old_emails: Vec<String> = old.emails.iter().map(|e| e.value.clone()).collect();
    let (added, removed) = difference(
        &old_emails,
        &check::emails(form.emails.value()).ok()?,
        exact,
    );
    (edit.add_emails, edit.remove_emails) = (labelled(added), removed);
    let old_phones: Vec<String> = old.phones.iter().map(|p| p.value.clone()).collect();
    let (added, removed) = difference(
        &old_phones,
        &check::phones(form.phones.value()).ok()?,
        exact,
    );
    (edit.add_phones, edit.remove_phones) = (labelled(added), removed);
    (edit.add_tags, edit.remove_tags) =
        difference(&old.tags, &check::list(form.tags.value()), folded);
    (edit.add_expertise, edit.remove_expertise) =
        difference(&old.expertise, &check::list(form.expertise.value()), folded);

    let mut new_organisation = None;
    if person {
        let title = form.title_text();
        let was = original.organisation.as_ref();
        match check::organisation(form.organisation.value(), &form.organisations).ok()? {
            Organisation::None => edit.remove_organisations.extend(was.map(|(org, _)| org.id)),
            Organisation::Existing(org) => match was {
                Some((old_org, old_title)) if old_org.id == org.id && *old_title == title => {}
                // Leaving first clears a title the new one leaves out.
                Some((old_org, _)) => {
                    edit.remove_organisations.push(old_org.id);
                    edit.add_organisations.push((org.id, title));
                }
                None => edit.add_organisations.push((org.id, title)),
            },
            Organisation::New { name, .. } => {
                edit.remove_organisations.extend(was.map(|(org, _)| org.id));
                new_organisation = Some((name, title));
            }
        }
    }
    Some(Changes {
        edit,
        new_organisation,
    })
}
