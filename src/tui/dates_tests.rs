//! Dates on the contact page and in the contact form, and full-text search
//! from the contacts screen's `/`, driven key by key on the demo data with
//! the fixed clock; snapshots at 80×24 and 120×40.

use ratatui::crossterm::event::KeyCode;

use super::app::App;
use super::tests::{ctrl, demo_app, press, screen, type_text};
use ties::model::ContactDate;
use ties::store::ContactEdit;

fn open_sirkka(app: &mut App) -> i64 {
    let sirkka = app.store.resolve_contact("Sirkka Järvinen").unwrap();
    press(app, KeyCode::Char('/'));
    type_text(app, "sirkka");
    press(app, KeyCode::Enter);
    sirkka.id
}

fn with_dates(app: &mut App, id: i64) {
    app.store
        .edit_contact(
            id,
            &ContactEdit {
                birthday: Some(Some("1990-12-01".into())),
                set_dates: vec![
                    ContactDate {
                        label: "anniversary".into(),
                        date: "2015-06-01".into(),
                        yearly: true,
                    },
                    ContactDate {
                        label: "name day".into(),
                        date: "--12-09".into(),
                        yearly: true,
                    },
                ],
                ..ContactEdit::default()
            },
        )
        .unwrap();
    app.refresh();
}

#[test]
fn the_contact_page_shows_the_birthday_and_dates_with_when_they_fall() {
    let mut app = demo_app();
    let id = open_sirkka(&mut app);
    with_dates(&mut app, id);
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("birthday  1990-12-01 · in 5 d"), "{text}");
    assert!(text.contains("anniversary 2015-06-01 · in 187 d"), "{text}");
    insta::assert_snapshot!("detail_dates_120x40", text);
    insta::assert_snapshot!("detail_dates_80x24", screen(&mut app, 80, 24));
}

#[test]
fn the_contact_form_edits_the_birthday_and_dates() {
    let mut app = demo_app();
    let id = open_sirkka(&mut app);
    with_dates(&mut app, id);
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..9 {
        press(&mut app, KeyCode::Tab);
    }
    // The birthday field: a day that does not exist is marked, not saved.
    ctrl(&mut app, 'u');
    type_text(&mut app, "--02-30");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("✗ use 1990-02-14"), "{text}");
    assert_eq!(
        app.store.contact(id).unwrap().birthday.as_deref(),
        Some("1990-12-01")
    );
    insta::assert_snapshot!("contact_form_dates_120x40", text);
    insta::assert_snapshot!("contact_form_dates_80x24", screen(&mut app, 80, 24));

    // Back to the birthday: a day without the year; the dates: one
    // changed, one removed, one added once.
    press(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'u');
    type_text(&mut app, "12-01");
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    type_text(
        &mut app,
        "Anniversary=2016-06-01, moving day=2027-03-01 once",
    );
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved");
    let contact = app.store.contact(id).unwrap();
    assert_eq!(contact.birthday.as_deref(), Some("--12-01"));
    let dates: Vec<(&str, &str, bool)> = contact
        .dates
        .iter()
        .map(|d| (d.label.as_str(), d.date.as_str(), d.yearly))
        .collect();
    assert_eq!(
        dates,
        [
            ("moving day", "2027-03-01", false),
            ("Anniversary", "2016-06-01", true)
        ]
    );
}

#[test]
fn tab_in_the_filter_searches_notes_too() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "slides");
    // The name filter matches names and organisations…
    let names = screen(&mut app, 120, 40);
    assert!(names.contains("names (Tab: notes too)"), "{names}");
    assert!(names.contains("Organisation"), "{names}");
    // …full-text search finds who the notes are about, with what it found.
    press(&mut app, KeyCode::Tab);
    assert!(app.contacts.full_text);
    assert!(!app.contacts.visible.is_empty());
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Matched"), "{text}");
    assert!(
        text.contains("[slides]") || text.contains("[Slides]"),
        "{text}"
    );
    assert!(text.contains("names and notes (Tab: names only)"), "{text}");
    insta::assert_snapshot!("contacts_full_text_120x40", text);
    insta::assert_snapshot!("contacts_full_text_80x24", screen(&mut app, 80, 24));
    // Enter opens the first one found.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(app.detail.is_some());
    press(&mut app, KeyCode::Esc);
    // Tab again: back to the name filter; Esc clears both.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Tab);
    assert!(!app.contacts.full_text);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.contacts.visible.len(), app.contacts.rows.len());
}
