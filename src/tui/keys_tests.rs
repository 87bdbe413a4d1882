//! What the screen says about keys around the forms, driven through the
//! app: Esc, Esc leaves every form and prompt; the footer shows the keys of
//! what has focus; help lists every key, forms' and text fields' included,
//! in a panel sized to its content; a status message stays with its screen.

use ratatui::crossterm::event::KeyCode;

use super::app::{App, Tab};
use super::tests::{ctrl, demo_app, press, screen, type_text};

fn footer(app: &mut App, width: u16, height: u16) -> String {
    let text = screen(app, width, height);
    text.lines().last().unwrap_or_default().to_string()
}

/// Opens a form or a prompt and changes something in it.
type Open = fn(&mut App);

const FORMS: [(&str, Open); 7] = [
    ("log form", |app| {
        press(app, KeyCode::Char('l'));
        press(app, KeyCode::Tab);
        press(app, KeyCode::Tab);
        type_text(app, "met at the fair");
    }),
    ("log form, dropdown open", |app| {
        press(app, KeyCode::Char('l'));
        type_text(app, "anna");
    }),
    ("contact form, adding", |app| {
        press(app, KeyCode::Char('a'));
        type_text(app, "Mia Uusikylä");
    }),
    ("contact form, editing", |app| {
        press(app, KeyCode::Char('e'));
        type_text(app, "Someone Else");
    }),
    ("network form", |app| {
        press(app, KeyCode::Char('3'));
        press(app, KeyCode::Char('e'));
        press(app, KeyCode::Right);
    }),
    ("cadence prompt", |app| {
        // The review opens on its first suggestion, a contact.
        press(app, KeyCode::Char('2'));
        press(app, KeyCode::Char('c'));
        type_text(app, "2w");
    }),
    ("mark-reviewed prompt", |app| {
        press(app, KeyCode::Char('2'));
        press(app, KeyCode::Char('R'));
        type_text(app, "a note");
    }),
];

#[test]
fn esc_twice_always_leaves_a_form_and_writes_nothing() {
    let mut app = demo_app();
    let before = ties::export::snapshot(&app.store).unwrap();
    for (name, open) in FORMS {
        app.show(Tab::Contacts);
        open(&mut app);
        assert!(app.overlay.is_some(), "{name} did not open");
        press(&mut app, KeyCode::Esc);
        let text = screen(&mut app, 80, 24);
        assert!(text.contains("Discard this entry?"), "{name}:\n{text}");
        press(&mut app, KeyCode::Esc);
        assert!(app.overlay.is_none(), "{name}: Esc, Esc leaves");
    }
    let after = ties::export::snapshot(&app.store).unwrap();
    assert_eq!(
        serde_json::to_value(&before).unwrap(),
        serde_json::to_value(&after).unwrap(),
        "nothing was written"
    );
}

#[test]
fn the_footer_shows_the_keys_of_what_has_focus() {
    let mut app = demo_app();
    assert!(footer(&mut app, 120, 40).contains("l log"));

    press(&mut app, KeyCode::Char('?'));
    let keys = footer(&mut app, 120, 40);
    assert!(keys.contains("close") && keys.contains("scroll"), "{keys}");
    assert!(!keys.contains("save"), "help is no form: {keys}");
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('l'));
    let keys = footer(&mut app, 120, 40);
    assert!(
        keys.contains("Ctrl-S save") && keys.contains("Ctrl-U clear"),
        "{keys}"
    );
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('R'));
    let keys = footer(&mut app, 120, 40);
    assert!(keys.starts_with("Enter save  Esc cancel"), "{keys}");
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('z'));
    let keys = footer(&mut app, 120, 40);
    assert!(keys.starts_with("↑↓ choose  Enter or 1-5 pick"), "{keys}");
}

#[test]
fn help_lists_the_form_and_text_field_keys_in_a_panel_that_fits_them() {
    let lines = [
        ("D", "fill an empty database with demo data"),
        ("Esc Esc", "leave without saving"),
        ("Ctrl-U", "clear the field"),
        ("Ctrl-W", "delete the word before the cursor"),
        ("+ - p e", "add: gave, got, I promised, they promised"),
        ("Del", "remove the row"),
    ];
    let shows = |text: &str, (keys, what): (&str, &str)| {
        text.lines()
            .any(|line| line.contains(&format!("  {keys} ")) && line.contains(what))
    };
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('?'));
    // Wide enough: two columns, every line whole, nothing to scroll.
    let wide = screen(&mut app, 120, 40);
    for line in lines {
        assert!(shows(&wide, line), "lacks {line:?}:\n{wide}");
    }
    assert!(!wide.contains("↓ more"), "{wide}");
    insta::assert_snapshot!("help_contacts_120x40", wide);

    // Narrow: one column that scrolls to its last line.
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("↓ more"), "{narrow}");
    insta::assert_snapshot!("help_contacts_80x24", narrow);
    for _ in 0..80 {
        press(&mut app, KeyCode::Char('j'));
    }
    let end = screen(&mut app, 80, 24);
    for line in &lines[2..] {
        assert!(shows(&end, *line), "lacks {line:?}:\n{end}");
    }
    assert!(!end.contains("↓ more"), "{end}");
    insta::assert_snapshot!("help_scrolled_80x24", end);
}

#[test]
fn a_status_message_stays_with_its_screen() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('x'));
    let archived = app.status.clone().expect("archiving says so");
    assert!(archived.text.starts_with("Archived"), "{}", archived.text);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.status.as_ref(),
        Some(&archived),
        "same screen: it stays"
    );
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.status, None, "another screen: it goes");

    // A message from a form stays on the screen the form closed over.
    press(&mut app, KeyCode::Char('R'));
    press(&mut app, KeyCode::Enter);
    assert!(app.status.is_some());
    ctrl(&mut app, 'l'); // no key: nothing changes
    assert!(app.status.is_some());
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.status, None);
}
