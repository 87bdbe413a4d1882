//! The `/` filter of the contacts and of the networks, pressed through the
//! app: the one text field of the form kit (paste at the cursor without
//! bidi overrides, Ctrl-U, Ctrl-W, a highlighted filter replaced by
//! typing), the list still moving under it, and the row saying what
//! matched when it was not the name.

use ratatui::crossterm::event::{Event, KeyCode};

use super::app::{App, Tab};
use super::tests::{ctrl, demo_app, press, screen, settle, shown_contacts, type_text};

fn paste(app: &mut App, text: &str) {
    app.handle_event(&Event::Paste(text.into()));
    settle(app);
}

fn visible_names(app: &mut App) -> Vec<String> {
    shown_contacts(app).into_iter().map(|c| c.name).collect()
}

fn knows_kubernetes(app: &App) -> Vec<String> {
    let mut names: Vec<String> = app
        .store
        .list_contacts(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|c| c.expertise.iter().any(|e| e == "kubernetes"))
        .map(|c| c.name)
        .collect();
    names.sort();
    names
}

#[test]
fn the_contacts_filter_is_the_one_text_field() {
    let mut app = demo_app();
    let all = app.contacts.visible_len();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "netes");
    press(&mut app, KeyCode::Home);
    // At the cursor, not at the end; the bidi override and the line break
    // never reach the filter.
    paste(&mut app, "ku\u{202e}ber");
    assert_eq!(app.contacts.filter.value(), "kubernetes");
    let mut matched = visible_names(&mut app);
    matched.sort();
    for name in knows_kubernetes(&app) {
        assert!(matched.contains(&name), "{name} is not found");
    }
    assert!(matched.len() < all);

    press(&mut app, KeyCode::End);
    type_text(&mut app, " x");
    ctrl(&mut app, 'w');
    assert_eq!(app.contacts.filter.value(), "kubernetes ");
    ctrl(&mut app, 'u');
    assert_eq!(app.contacts.filter.value(), "");
    assert_eq!(app.contacts.visible_len(), all, "an empty filter shows all");

    // Enter keeps the filter and gives the keys back to the list.
    type_text(&mut app, "kasvu");
    press(&mut app, KeyCode::Enter);
    assert!(!app.contacts.filter.is_typing());
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.contacts.state.selected(), Some(1), "j moves again");
    // `/` again highlights the filter: typing replaces it, End keeps it.
    press(&mut app, KeyCode::Char('/'));
    assert!(
        screen(&mut app, 80, 24)
            .lines()
            .last()
            .unwrap()
            .contains("End keep text")
    );
    type_text(&mut app, "anna");
    assert_eq!(app.contacts.filter.value(), "anna");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::End);
    type_text(&mut app, " j");
    assert_eq!(app.contacts.filter.value(), "anna j");
    paste(&mut app, "\nx");
    assert_eq!(
        app.contacts.filter.value(),
        "anna j x",
        "a line break is a space"
    );
}

#[test]
fn while_typing_the_list_still_moves_and_ctrl_c_quits() {
    let mut app = demo_app();
    screen(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "a");
    let selected = |app: &App| app.contacts.state.selected().unwrap();
    press(&mut app, KeyCode::Down);
    assert_eq!(selected(&app), 1);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&app), 1 + 18);
    ctrl(&mut app, 'd');
    assert_eq!(selected(&app), 1 + 18 + 9);
    type_text(&mut app, "jk");
    assert_eq!(app.contacts.filter.value(), "ajk", "letters are text");
    let footer = screen(&mut app, 80, 24);
    let footer = footer.lines().last().unwrap();
    assert!(
        footer.starts_with("Enter done  Esc clear the filter  ↑↓ PgDn move"),
        "{footer}"
    );
    ctrl(&mut app, 'c');
    assert!(app.quit);
}

#[test]
fn esc_clears_the_filter_and_keeps_the_selected_contact() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kubernetes");
    press(&mut app, KeyCode::Down);
    let chosen = app.contacts.selected_ref().unwrap();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.contacts.filter.value(), "");
    assert_eq!(app.contacts.selected_ref(), Some(chosen.clone()));
    // Esc while typing clears it too.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzz");
    assert_eq!(app.contacts.visible_len(), 0);
    press(&mut app, KeyCode::Esc);
    assert!(!app.contacts.filter.is_active());
    assert_eq!(app.contacts.selected_ref(), Some(chosen));
}

#[test]
fn a_match_on_expertise_shows_on_the_row_in_a_column_of_its_own() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kubernetes");
    press(&mut app, KeyCode::Enter);
    let experts = knows_kubernetes(&app);
    assert!(!experts.is_empty());
    for (width, height) in [(60, 20), (80, 24), (120, 40)] {
        let text = screen(&mut app, width, height);
        let header = text.lines().nth(3).unwrap();
        assert!(
            header.starts_with("Name") && header.contains("Matched"),
            "{text}"
        );
        for expert in &experts {
            let line = text
                .lines()
                .find(|l| l.starts_with(expert.as_str()))
                .unwrap_or_else(|| panic!("{expert} not on screen:\n{text}"));
            let after_name = &line[expert.len()..];
            assert!(
                after_name.trim_start().starts_with("kubernetes"),
                "{width}x{height}: {line:?}"
            );
        }
    }
    insta::assert_snapshot!("contacts_matched_60x20", screen(&mut app, 60, 20));
    insta::assert_snapshot!("contacts_matched_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("contacts_matched_120x40", screen(&mut app, 120, 40));

    // A match on the name needs no column.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, &experts[0]);
    let text = screen(&mut app, 80, 24);
    assert!(!text.lines().nth(3).unwrap().contains("Matched"), "{text}");
    // On a match on an organisation, its column says it; when that column
    // gave way (60 columns), the match column does.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kasvu oy");
    let text = screen(&mut app, 80, 24);
    assert!(!text.lines().nth(3).unwrap().contains("Matched"), "{text}");
    let text = screen(&mut app, 60, 20);
    assert!(text.lines().nth(3).unwrap().contains("Matched"), "{text}");
    assert!(text.lines().nth(4).unwrap().contains("Kasvu Oy"), "{text}");
}

fn networks_app() -> App {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tab, Tab::Networks);
    app
}

fn visible_networks(app: &App) -> Vec<String> {
    app.networks
        .visible
        .iter()
        .map(|&i| app.networks.rows[i].network.name.clone())
        .collect()
}

#[test]
fn slash_filters_the_networks_by_name_goal_and_note() {
    let mut app = networks_app();
    let all = app.networks.rows.len();
    for (typed, best) in [
        ("climbing", "Climbing club Kiipeilykeskus"),
        ("pilot customers", "Pirkanmaa Growth Partners"),
        ("tullikamari", "Tampere Tech"),
        ("organising committee", "Design Systems Nordics"),
    ] {
        press(&mut app, KeyCode::Char('/'));
        ctrl(&mut app, 'u');
        type_text(&mut app, typed);
        let shown = visible_networks(&app);
        assert_eq!(shown.first().map(String::as_str), Some(best), "{typed}");
        assert!(shown.len() < all, "{typed}: {shown:?}");
        let text = screen(&mut app, 80, 24);
        assert!(
            text.contains(&format!("{} of {all} match", shown.len())),
            "{text}"
        );
        press(&mut app, KeyCode::Enter);
    }
    // The filter stays while a network is open, and Enter opens the match.
    press(&mut app, KeyCode::Enter);
    let view = app.networks.detail.as_ref().expect("the network opens");
    assert_eq!(view.detail.network.name, "Design Systems Nordics");
    press(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("networks_filtered_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("networks_filtered_120x40", screen(&mut app, 120, 40));
    assert!(app.networks.filter.is_active());
    press(&mut app, KeyCode::Esc);
    assert!(!app.networks.filter.is_active());
    assert_eq!(app.networks.visible.len(), all);
    assert_eq!(
        app.networks.selected_row().unwrap().network.name,
        "Design Systems Nordics",
        "the selection stays"
    );

    // A paste goes in without control characters; no match says so.
    press(&mut app, KeyCode::Char('/'));
    paste(&mut app, "zz\u{1b}zz");
    assert_eq!(app.networks.filter.value(), "zzzz");
    assert!(app.networks.visible.is_empty());
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("0 of 8 match"), "{text}");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    assert!(app.networks.detail.is_none() && app.overlay.is_none());
}

/// The matcher reads every contact's haystack on its thread: it starts
/// after the first rows are drawn, not before (the run loop calls
/// `start_background` after each frame), and a filter typed before that
/// starts it itself.
#[test]
fn the_matcher_starts_after_the_rows_or_with_the_first_filter() {
    let mut app = demo_app();
    assert!(
        !app.contacts.matcher_started(),
        "loading the list starts nothing"
    );
    app.start_background();
    assert!(app.contacts.matcher_started());

    let mut app = demo_app();
    let all = app.contacts.visible_len();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kubernetes");
    assert!(app.contacts.matcher_started());
    let matched = visible_names(&mut app);
    assert!(!matched.is_empty() && matched.len() < all, "{matched:?}");
}
