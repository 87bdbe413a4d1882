//! One text field behaviour everywhere: the same keys, pressed through the
//! app into a text field of each form and prompt, give the same text.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::overlay::{Overlay, Prompt};
use super::tests::{loaded, press, today, type_text};
use ties::Store;
use ties::dates::Clock;
use ties::model::Kind;
use ties::store::{NewContact, NewNetwork};

/// Anna with a cadence of her own, and a network with an hours budget: a
/// prefilled text in each form.
fn app() -> App {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let mut anna = NewContact::new(Kind::Person, "Anna Järvinen");
    anna.cadence_days = Some(30);
    store.add_contact(&anna).unwrap();
    let mut club = NewNetwork::new("Tampere Climbing");
    club.hours_per_month = Some(4.0);
    store.add_network(&club).unwrap();
    loaded(store)
}

/// A text field to reach, and what it holds when focus arrives.
struct Case {
    name: &'static str,
    open: fn(&mut App),
    prefilled: &'static str,
}

const CASES: [Case; 6] = [
    Case {
        name: "log form, date",
        open: |app| {
            press(app, KeyCode::Char('l'));
            press(app, KeyCode::Tab);
        },
        prefilled: "today",
    },
    Case {
        name: "log form, participants' query",
        open: |app| press(app, KeyCode::Char('l')),
        prefilled: "",
    },
    Case {
        name: "contact form, name",
        open: |app| press(app, KeyCode::Char('e')),
        prefilled: "Anna Järvinen",
    },
    Case {
        name: "network form, hours",
        open: |app| {
            press(app, KeyCode::Char('3'));
            press(app, KeyCode::Char('e'));
            press(app, KeyCode::Down);
            press(app, KeyCode::Down);
        },
        prefilled: "4",
    },
    Case {
        name: "cadence prompt",
        open: |app| {
            let anna = app.store.resolve_contact("anna").unwrap();
            let prompt = Prompt::cadence(&app.store, &app.config, anna).unwrap();
            app.overlay = Some(Overlay::Prompt(Box::new(prompt)));
        },
        prefilled: "30d",
    },
    Case {
        name: "mark-reviewed prompt",
        open: |app| {
            press(app, KeyCode::Char('2'));
            press(app, KeyCode::Char('R'));
        },
        prefilled: "",
    },
];

enum Step {
    Key(KeyCode),
    Ctrl(char),
    Text(&'static str),
    Paste(&'static str),
}

/// What a key sequence leaves, given the prefilled text.
type Expected = fn(&str) -> String;

/// Each key sequence with the text it leaves.
fn sequences() -> Vec<(&'static str, Vec<Step>, Expected)> {
    use Step::*;
    vec![
        ("typing replaces a prefilled text", vec![Text("xy")], |_| {
            "xy".into()
        }),
        ("End keeps it", vec![Key(KeyCode::End), Text("xy")], |p| {
            format!("{p}xy")
        }),
        ("Home keeps it", vec![Key(KeyCode::Home), Text("xy")], |p| {
            format!("xy{p}")
        }),
        (
            "← keeps it, from its start",
            vec![Key(KeyCode::Left), Text("x")],
            |p| format!("x{p}"),
        ),
        (
            "Backspace deletes the last character",
            vec![Key(KeyCode::Backspace)],
            |p| {
                let mut p = p.to_string();
                p.pop();
                p
            },
        ),
        (
            "Ctrl-U clears, Ctrl-W deletes a word",
            vec![Ctrl('u'), Text("send the slides"), Ctrl('w')],
            |_| "send the ".into(),
        ),
        (
            "a paste replaces it, without control or bidi characters",
            vec![Paste("a\u{1b}b\u{202e}c\nd")],
            |_| "abc d".into(),
        ),
    ]
}

fn focused_text(app: &App) -> String {
    app.overlay
        .as_ref()
        .and_then(|overlay| overlay.focused_text())
        .map(|text| text.value().to_string())
        .expect("a text field has focus")
}

#[test]
fn the_same_keys_give_the_same_text_in_every_form_and_prompt() {
    let mut app = app();
    for case in &CASES {
        for (what, steps, expected) in sequences() {
            app.overlay = None;
            app.show(super::app::Tab::Contacts);
            (case.open)(&mut app);
            assert_eq!(focused_text(&app), case.prefilled, "{}", case.name);
            for step in steps {
                match step {
                    Step::Key(code) => press(&mut app, code),
                    Step::Ctrl(c) => {
                        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
                    }
                    Step::Text(text) => type_text(&mut app, text),
                    Step::Paste(text) => {
                        app.handle_event(&Event::Paste(text.into()));
                    }
                }
            }
            assert_eq!(
                focused_text(&app),
                expected(case.prefilled),
                "{}: {what}",
                case.name
            );
        }
    }
}
