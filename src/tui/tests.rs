//! Screen snapshots (TestBackend + insta) at fixed sizes with a fixed clock
//! and the demo data, and key sequences driven through `update`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;
use super::keymap::Keymap;
use super::theme::Theme;
use super::ui;
use ties::Store;
use ties::config::Config;
use ties::dates::Clock;

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// An app on the default demo data (150 contacts), loaded.
pub fn demo_app() -> App {
    loaded(demo_store())
}

/// The default demo data in a store of the test's own. The data is
/// generated once per test process and copied, which is many times faster
/// than generating it for every test (and the same data: the demo is
/// deterministic).
pub fn demo_store() -> Store {
    static TEMPLATE: std::sync::OnceLock<std::sync::Mutex<Store>> = std::sync::OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
        ties::demo::generate(&mut store, &ties::demo::DemoOptions::default()).unwrap();
        std::sync::Mutex::new(store)
    });
    let template = template.lock().unwrap_or_else(|e| e.into_inner());
    template.copy_in_memory().unwrap()
}

pub fn loaded(store: Store) -> App {
    let mut app = App::new(
        store,
        Config::default(),
        Keymap::default(),
        Theme::monochrome(),
    );
    app.load();
    app
}

pub fn empty_app() -> App {
    loaded(Store::open_in_memory(Clock::fixed(today())).unwrap())
}

/// The screen as text, one line per row.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut x = 0;
        while x < width {
            // A wide character (CJK, emoji) fills two cells; the second is
            // a placeholder the terminal never shows.
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += (ties::text::width(symbol) as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn contacts_screen_snapshots() {
    let mut app = demo_app();
    insta::assert_snapshot!("contacts_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("contacts_120x40", screen(&mut app, 120, 40));
}

#[test]
fn welcome_on_an_empty_database() {
    let mut app = empty_app();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Welcome to ties."), "{text}");
    insta::assert_snapshot!("welcome_80x24", text);
}

#[test]
fn too_small_says_so() {
    let mut app = demo_app();
    let text = screen(&mut app, 40, 10);
    assert!(text.contains("at least 60×15"), "{text}");
}

#[test]
fn filter_narrows_as_you_type_and_esc_clears() {
    let mut app = demo_app();
    let all = app.contacts.visible.len();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "kubernetes");
    let matched = app.contacts.visible.len();
    assert!(matched > 0 && matched < all, "{matched} of {all}");
    for &i in &app.contacts.visible {
        let row = &app.contacts.rows[i].contact;
        let haystack = format!(
            "{} {:?} {:?} {:?}",
            row.name, row.organisations, row.tags, row.expertise
        )
        .to_lowercase();
        assert!(haystack.contains("kub"), "{haystack}");
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.contacts.visible.len(), all);
}

#[test]
fn sort_cycles_through_four_orders() {
    let mut app = demo_app();
    let labels: Vec<&str> = (0..4)
        .map(|_| {
            press(&mut app, KeyCode::Char('s'));
            app.contacts.sort.label()
        })
        .collect();
    assert_eq!(labels, ["last interaction", "balance", "overdue", "name"]);
    press(&mut app, KeyCode::Char('s'));
    let first = &app.contacts.rows[app.contacts.visible[0]].contact;
    let second = &app.contacts.rows[app.contacts.visible[1]].contact;
    assert!(first.last_interaction >= second.last_interaction);
}

#[test]
fn archive_and_undo_from_the_status_line() {
    let mut app = demo_app();
    let target = app.contacts.selected_ref().unwrap();
    press(&mut app, KeyCode::Char('x'));
    assert!(app.store.contact(target.id).unwrap().archived);
    assert!(app.status.as_ref().unwrap().text.contains("to undo"));
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.store.contact(target.id).unwrap().archived);
}

#[test]
fn tabs_switch_by_number_and_tab_key() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, super::app::Tab::Review);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, super::app::Tab::Networks);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.tab, super::app::Tab::Contacts);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn detail_opens_on_enter_and_closes_on_esc() {
    let mut app = demo_app();
    let target = app.contacts.selected_ref().unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.detail.as_ref().unwrap().contact_ref(), target);
    insta::assert_snapshot!("detail_120x40", screen(&mut app, 120, 40));
    insta::assert_snapshot!("detail_80x24", screen(&mut app, 80, 24));
    press(&mut app, KeyCode::Esc);
    assert!(app.detail.is_none());
}

#[test]
fn help_lists_the_screens_keys_from_the_keymap() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('?'));
    let text = screen(&mut app, 80, 40);
    for expected in ["filter", "sort", "archive", "quit", "Ctrl-C"] {
        assert!(text.contains(expected), "help lacks {expected}:\n{text}");
    }
    insta::assert_snapshot!("help_contacts_80x40", text);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn hostile_names_are_escaped_on_screen() {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let name = "Eve \u{1b}[2J\u{1b}]52;c;aGk=\u{7} Mallory";
    store
        .add_contact(&ties::store::NewContact::new(
            ties::model::Kind::Person,
            name,
        ))
        .unwrap();
    let mut app = loaded(store);
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("Eve \\u{1b}[2J"), "{text}");
}

#[test]
fn welcome_offers_the_demo_and_d_fills_an_empty_database() {
    let mut app = empty_app();
    assert!(screen(&mut app, 80, 24).contains("fill this database with a demo network"));
    press(&mut app, KeyCode::Char('D'));
    assert!(app.store.count_contacts().unwrap() > 100);
    assert!(!app.contacts.is_empty());
    // Never into a database that holds contacts.
    let before = app.store.count_contacts().unwrap();
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(app.store.count_contacts().unwrap(), before);
    assert!(app.status.as_ref().unwrap().error);
}

#[test]
fn rebound_keys_work_and_show_in_the_footer_help_and_forms() {
    let overrides = [
        ("save".to_string(), "ctrl-w".to_string()),
        ("filter".to_string(), "f".to_string()),
    ];
    let keymap = Keymap::with_overrides(overrides.iter().map(|(a, k)| (a, k))).unwrap();
    let store = demo_store();
    let mut app = App::new(store, Config::default(), keymap, Theme::monochrome());
    app.load();
    assert!(screen(&mut app, 80, 24).contains("f filter"));
    press(&mut app, KeyCode::Char('f'));
    assert!(app.contacts.filter.is_typing());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('l'));
    let form = screen(&mut app, 120, 40);
    assert!(form.contains("Ctrl-W save"), "{form}");
    assert!(!form.contains("Ctrl-S save"), "{form}");
}

#[test]
fn the_selection_stays_on_screen_when_scrolling_far() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('G'));
    let last = app.contacts.selected_ref().unwrap();
    assert!(
        screen(&mut app, 80, 24).contains(&last.name),
        "the last contact is not drawn"
    );
    press(&mut app, KeyCode::Char('g'));
    let first = app.contacts.selected_ref().unwrap();
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&first.name) && !text.contains(&last.name));
    // A click on the third row of the table selects the third contact.
    app.hits.list_offset = 0;
    for _ in 0..30 {
        press(&mut app, KeyCode::Char('j'));
    }
    screen(&mut app, 80, 24);
    let offset = app.hits.list_offset;
    assert!(
        offset > 0,
        "scrolled 30 rows down, the window should have moved"
    );
    let row_y = app.hits.list.y + 3;
    app.handle_event(&ratatui::crossterm::event::Event::Mouse(
        ratatui::crossterm::event::MouseEvent {
            kind: ratatui::crossterm::event::MouseEventKind::Down(
                ratatui::crossterm::event::MouseButton::Left,
            ),
            column: 5,
            row: row_y,
            modifiers: KeyModifiers::NONE,
        },
    ));
    assert_eq!(app.contacts.state.selected(), Some(offset + 2));
}

/// Ctrl-C quits from a form and while filtering, with quit moved elsewhere.
#[test]
fn ctrl_c_always_quits() {
    let overrides = [("quit".to_string(), "f2".to_string())];
    let keymap = Keymap::with_overrides(overrides.iter().map(|(a, k)| (a, k))).unwrap();
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    for setup in [
        &[KeyCode::Char('l')][..],
        &[KeyCode::Char('/')][..],
        &[][..],
    ] {
        let store = Store::open_in_memory(Clock::fixed(today())).unwrap();
        let mut app = App::new(
            store,
            Config::default(),
            keymap.clone(),
            Theme::monochrome(),
        );
        app.load();
        for key in setup {
            press(&mut app, *key);
        }
        press(&mut app, KeyCode::Char('q'));
        assert!(!app.quit, "q no longer quits (it is text, or unbound)");
        app.handle_key(ctrl_c);
        assert!(app.quit, "Ctrl-C did not quit after {setup:?}");
    }
}
