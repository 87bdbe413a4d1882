//! The movement keys in every list and view, pressed through the app: PgDn
//! and PgUp move by the rows on screen, Ctrl-D and Ctrl-U by half of them,
//! g/G and Home/End to the first and the last; each can be rebound.

use ratatui::crossterm::event::KeyCode;

use super::app::App;
use super::keymap::Keymap;
use super::tests::{ctrl, demo_app, loaded, press, screen, today};
use ties::Store;
use ties::config::Config;
use ties::dates::Clock;
use ties::store::NewNetwork;

/// The contacts table's rows on screen at 80×24: 24 lines less the tabs (2),
/// the count line, the table's header, the status line and the footer.
const CONTACT_ROWS: usize = 18;

fn selected(app: &App) -> usize {
    app.contacts.state.selected().unwrap()
}

/// The name in the first row of the table, as drawn.
fn first_row_on_screen(app: &mut App) -> String {
    let text = screen(app, 80, 24);
    text.lines().nth(4).unwrap_or_default().to_string()
}

fn name_at(app: &App, position: usize) -> String {
    app.contacts.rows[app.contacts.visible[position]]
        .contact
        .name
        .clone()
}

#[test]
fn pgdn_shows_the_next_screen_of_contacts_and_pgup_the_one_before() {
    let mut app = demo_app();
    screen(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&app), 1 + CONTACT_ROWS);
    // The rows not seen yet, the selection in the same place on screen.
    let top = first_row_on_screen(&mut app);
    assert!(
        top.starts_with(&name_at(&app, CONTACT_ROWS)),
        "{top:?} is not {}",
        name_at(&app, CONTACT_ROWS)
    );
    assert_eq!(app.hits.list_offset, CONTACT_ROWS);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(selected(&app), 1);
    let top = first_row_on_screen(&mut app);
    assert_eq!(app.hits.list_offset, 0, "{top}");
}

#[test]
fn ctrl_d_and_ctrl_u_move_half_a_screen() {
    let mut app = demo_app();
    screen(&mut app, 80, 24);
    ctrl(&mut app, 'd');
    assert_eq!(selected(&app), CONTACT_ROWS / 2);
    first_row_on_screen(&mut app);
    assert_eq!(app.hits.list_offset, CONTACT_ROWS / 2);
    ctrl(&mut app, 'd');
    assert_eq!(selected(&app), CONTACT_ROWS);
    ctrl(&mut app, 'u');
    assert_eq!(selected(&app), CONTACT_ROWS / 2);
    ctrl(&mut app, 'u');
    ctrl(&mut app, 'u');
    assert_eq!(selected(&app), 0, "stops at the first");

    // A taller screen: a page is what shows there.
    screen(&mut app, 120, 40);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&app), CONTACT_ROWS + 16);
}

#[test]
fn end_and_home_reach_the_last_and_first_contacts() {
    let mut app = demo_app();
    screen(&mut app, 80, 24);
    let last = app.contacts.visible.len() - 1;
    for (key, expected) in [
        (KeyCode::End, last),
        (KeyCode::Home, 0),
        (KeyCode::Char('G'), last),
        (KeyCode::Char('g'), 0),
    ] {
        press(&mut app, key);
        assert_eq!(selected(&app), expected, "{key:?}");
    }
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&app), last, "PgDn at the end stays");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&name_at(&app, last)), "{text}");
}

#[test]
fn the_contact_page_scrolls_its_timeline_by_a_screen() {
    let mut app = demo_app();
    // The contact with the longest timeline.
    let busiest = (0..app.contacts.visible.len())
        .max_by_key(|&i| {
            app.contacts.rows[app.contacts.visible[i]]
                .contact
                .interaction_count
        })
        .unwrap();
    app.contacts.select(busiest);
    press(&mut app, KeyCode::Enter);
    screen(&mut app, 120, 40);
    let detail = |app: &App| app.detail.as_ref().unwrap().scroll;
    press(&mut app, KeyCode::PageDown);
    let page = detail(&app);
    // 40 lines less the tabs, the title, the timeline's rule, status, footer.
    assert_eq!(page, 40 - 2 - 2 - 1 - 2);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(detail(&app), 0);
    ctrl(&mut app, 'd');
    assert_eq!(detail(&app), page / 2);
    press(&mut app, KeyCode::Home);
    assert_eq!(detail(&app), 0);
}

/// Thirty networks: more than a screen of the plan.
fn many_networks() -> App {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    for n in 0..30 {
        store
            .add_network(&NewNetwork::new(format!("Network {n:02}")))
            .unwrap();
    }
    let mut app = loaded(store);
    press(&mut app, KeyCode::Char('3'));
    app
}

#[test]
fn the_network_plan_pages_by_its_rows_on_screen() {
    let mut app = many_networks();
    let text = screen(&mut app, 80, 24);
    // The table's rows (the pane below names the selected one, no intent).
    let rows = text
        .lines()
        .filter(|line| line.starts_with("Network ") && line.contains(" keep "))
        .count();
    assert!(rows > 3 && rows < 30, "{rows}:\n{text}");
    let selected = |app: &App| app.networks.state.selected().unwrap();
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected(&app), rows);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("Network {rows:02}")) && !text.contains("Network 00"),
        "{text}"
    );
    ctrl(&mut app, 'u');
    assert_eq!(selected(&app), rows - rows / 2);
    press(&mut app, KeyCode::End);
    assert_eq!(selected(&app), 29);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(selected(&app), 0);
}

#[test]
fn help_scrolls_by_its_height_and_to_either_end() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('?'));
    let top = screen(&mut app, 80, 24);
    press(&mut app, KeyCode::PageDown);
    let paged = screen(&mut app, 80, 24);
    assert_ne!(top, paged);
    // The line that was below the panel's last one is now its first.
    let body = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains('│'))
            .map(|l| l.trim().to_string())
            .collect()
    };
    // 24 lines less the tabs, the status and footer lines, the borders.
    assert_eq!(body(&top).len(), 24 - 4 - 2);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(screen(&mut app, 80, 24), top);
    ctrl(&mut app, 'd');
    ctrl(&mut app, 'd');
    let halves = screen(&mut app, 80, 24);
    assert_eq!(body(&halves), body(&paged), "two halves make a page");
    press(&mut app, KeyCode::Char('G'));
    let end = screen(&mut app, 80, 24);
    assert!(!end.contains("↓ more"), "{end}");
    press(&mut app, KeyCode::Home);
    assert_eq!(screen(&mut app, 80, 24), top);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn the_scrolling_keys_can_be_rebound_and_help_shows_them() {
    let overrides = [
        ("half_page_down".to_string(), "ctrl-f".to_string()),
        ("page_down".to_string(), "space".to_string()),
    ];
    let keymap = Keymap::with_overrides(overrides.iter().map(|(a, k)| (a, k))).unwrap();
    let store = super::tests::demo_store();
    let mut app = App::new(
        store,
        Config::default(),
        keymap,
        super::theme::Theme::monochrome(),
    );
    app.load();
    screen(&mut app, 80, 24);
    ctrl(&mut app, 'd');
    assert_eq!(selected(&app), 0, "Ctrl-D moved away");
    ctrl(&mut app, 'f');
    assert_eq!(selected(&app), CONTACT_ROWS / 2);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(selected(&app), CONTACT_ROWS / 2 + CONTACT_ROWS);
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&mut app, 120, 40);
    let shows = |keys: &str, what: &str| {
        help.lines()
            .any(|line| line.contains(&format!("  {keys} ")) && line.contains(what))
    };
    assert!(shows("Ctrl-F", "half a page down"), "{help}");
    assert!(shows("Space", "page down"), "{help}");
    assert!(shows("Ctrl-U", "half a page up"), "{help}");
}
