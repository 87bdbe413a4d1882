//! The standard meeting, logged key by key through the app: how many keys
//! it takes besides the typed text, and what the store holds afterwards;
//! the prefilled participant; snapshots of the form's new parts.

use chrono::Duration;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::tests::{demo_app, press, screen, today, type_text};
use ties::model::{Direction, ItemKind, ItemState};

/// Drives the app and counts the keys that are not typed text.
struct Keys<'a> {
    app: &'a mut App,
    count: usize,
}

impl Keys<'_> {
    fn key(&mut self, code: KeyCode) {
        press(self.app, code);
        self.count += 1;
    }

    /// A character that is a command here, not text: counted.
    fn command(&mut self, c: char) {
        self.key(KeyCode::Char(c));
    }

    fn ctrl(&mut self, c: char) {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self.count += 1;
    }

    /// Names, dates, notes: the text a person types anyway; not counted.
    fn text(&mut self, text: &str) {
        type_text(self.app, text);
    }
}

/// The count on the form before this change (33 keys besides the
/// text; 34 by the same route as below, where `a` added a row and the kind
/// had to be cycled to "advice").
const KEYS_BEFORE: usize = 33;
const KEYS_ALLOWED: usize = 20;

/// Two participants, one of them new; yesterday; a note; gave an intro of
/// weight 3 to A; got advice of weight 2 from B; a promise to A. From the
/// contacts list with someone else selected, so the prefill is removed too.
#[test]
fn the_standard_meeting_takes_at_most_20_keys_besides_the_text() {
    let mut app = demo_app();
    let sirkka = app.store.resolve_contact("Sirkka Järvinen").unwrap();
    let selected = app.contacts.selected_ref().unwrap();
    assert_ne!(selected.id, sirkka.id, "the prefill is someone else");
    let mut keys = Keys {
        app: &mut app,
        count: 0,
    };
    keys.command('l');
    keys.key(KeyCode::Backspace); // the prefilled row
    keys.text("sirkka jarv");
    keys.key(KeyCode::Enter);
    keys.text("Qwyx Brandnew");
    keys.key(KeyCode::Enter);
    keys.key(KeyCode::Tab); // Date
    keys.text("yesterday");
    keys.key(KeyCode::Tab); // Note
    keys.text("coffee at the library");
    keys.key(KeyCode::Tab); // Items
    for c in ['+', 'i', 'i', '3'] {
        keys.command(c); // gave, idea → intro, weight 3, with Sirkka
    }
    for c in ['-', 'a', '2', '@'] {
        keys.command(c); // got, advice, weight 2, with the next: Qwyx
    }
    keys.command('p'); // I promised, typed at once
    keys.text("send slides");
    keys.command('@'); // with the next participant again: Sirkka
    keys.ctrl('s');
    let count = keys.count;
    assert!(app.overlay.is_none(), "{}", screen(&mut app, 80, 24));
    assert!(
        count <= KEYS_ALLOWED,
        "{count} keys (was {KEYS_BEFORE}); at most {KEYS_ALLOWED}"
    );
    assert_eq!(count, 18, "the count this test documents");

    let qwyx = app.store.resolve_contact("Qwyx Brandnew").unwrap();
    let logged = &app.store.interactions_of_contact(qwyx.id, Some(1)).unwrap()[0];
    assert_eq!(logged.date, today() - Duration::days(1));
    assert_eq!(logged.note, "coffee at the library");
    let mut names: Vec<&str> = logged
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Qwyx Brandnew", "Sirkka Järvinen"]);
    let items: Vec<_> = logged
        .items
        .iter()
        .map(|i| {
            (
                i.direction,
                i.kind,
                i.weight,
                i.counterparty.name.as_str(),
                i.state,
                i.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (
                Direction::Gave,
                ItemKind::Intro,
                3,
                "Sirkka Järvinen",
                ItemState::Done,
                ""
            ),
            (
                Direction::Got,
                ItemKind::Advice,
                2,
                "Qwyx Brandnew",
                ItemState::Done,
                ""
            ),
            (
                Direction::Gave,
                ItemKind::Other,
                1,
                "Sirkka Järvinen",
                ItemState::Open,
                "send slides"
            ),
        ]
    );
}

#[test]
fn the_prefill_shows_as_one_and_goes_with_one_key_without_a_question() {
    let mut app = demo_app();
    let selected = app.contacts.selected_ref().unwrap();
    press(&mut app, KeyCode::Char('l'));
    let text = screen(&mut app, 80, 24);
    let line = text
        .lines()
        .find(|line| line.contains("Participants"))
        .unwrap_or_default();
    assert!(
        line.contains(&format!("[{}]", selected.name))
            && line.contains("← from the list · Backspace removes it"),
        "{text}"
    );
    press(&mut app, KeyCode::Backspace);
    assert!(!screen(&mut app, 80, 24).contains("from the list"));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "removing the prefill is no change");

    // Someone added besides the prefill is a change: Esc asks.
    press(&mut app, KeyCode::Char('l'));
    type_text(&mut app, "sirkka jarv");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("from the list"), "{text}");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Discard this entry?"));
}

#[test]
fn a_digit_sets_the_weight_and_a_letter_the_kind_from_any_cell() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab); // Items
    type_text(&mut app, "+");
    press(&mut app, KeyCode::Home); // the direction cell
    type_text(&mut app, "4s");
    press(&mut app, KeyCode::End); // the "with" cell
    type_text(&mut app, "2g");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("gave          gift") && text.contains("●●○○○"),
        "{text}"
    );
}

#[test]
fn log_form_dropdown_snapshot_120x40() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    type_text(&mut app, "anna");
    insta::assert_snapshot!("log_form_dropdown_120x40", screen(&mut app, 120, 40));
}

#[test]
fn log_form_snapshots_of_the_prefill_items_and_discard_question() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    type_text(&mut app, "sirkka jarv");
    press(&mut app, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "+ii3-a2@p");
    insta::assert_snapshot!("log_form_items_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("log_form_items_120x40", screen(&mut app, 120, 40));
    press(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("log_form_discard_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("log_form_discard_120x40", screen(&mut app, 120, 40));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "Esc, Esc leaves");
}
