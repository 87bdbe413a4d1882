//! The log and contact forms driven key by key through the app, checked on
//! the store (what was written) and on the screen (snapshots at 80×24 and
//! 120×40, on the demo data with the fixed clock).

use ratatui::crossterm::event::KeyCode;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use super::app::App;
use super::overlay::Overlay;
use super::tests::{ctrl, demo_app, loaded, press, screen, today, type_text};
use ties::Store;
use ties::dates::Clock;
use ties::model::{Channel, Circle, Direction, ItemKind, ItemState, Kind};
use ties::store::{NewContact, NewNetwork};

fn interaction_count(app: &App) -> i64 {
    app.store.count_interactions().unwrap()
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn tab(app: &mut App, times: usize) {
    for _ in 0..times {
        press(app, KeyCode::Tab);
    }
}

/// From the contacts screen: `l`, drop the prefilled contact, pick Sirkka
/// by a fuzzy query, add a brand-new person, date yesterday, a two-line
/// note, an intro given to Sirkka, a promise to the new person, 45 minutes.
fn fill_log_form(app: &mut App) {
    press(app, KeyCode::Char('l'));
    assert!(matches!(app.overlay, Some(Overlay::Log(_))));
    press(app, KeyCode::Backspace); // the prefilled contact's chip
    type_text(app, "sirkka jarv");
    press(app, KeyCode::Enter);
    type_text(app, "Qwyx Brandnew");
    assert!(
        screen(app, 80, 24).contains("+ add \"Qwyx Brandnew\" as a new person"),
        "{}",
        screen(app, 80, 24)
    );
    press(app, KeyCode::Enter);
    tab(app, 1);
    type_text(app, "yesterday");
    tab(app, 1);
    type_text(app, "coffee at the library");
    press(app, KeyCode::Enter);
    type_text(app, "slides next week");
    tab(app, 1);
    // A gave row: kind intro (idea, then intro), weight 3, with Sirkka.
    type_text(app, "+ii3");
    // A promise of mine, with the next participant: the new person.
    type_text(app, "p");
    type_text(app, "send slides");
    type_text(app, "@");
    tab(app, 2);
    type_text(app, "45");
}

#[test]
fn logging_by_keys_writes_people_interaction_and_items_at_once() {
    let mut app = demo_app();
    let contacts_before = app.store.count_contacts().unwrap();
    fill_log_form(&mut app);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen(&mut app, 80, 24));
    assert_eq!(
        status(&app),
        "Logged meeting with Sirkka Järvinen and Qwyx Brandnew on 2026-11-25"
    );

    assert_eq!(app.store.count_contacts().unwrap(), contacts_before + 1);
    let new = app.store.resolve_contact("Qwyx Brandnew").unwrap();
    let person = app.store.contact(new.id).unwrap();
    assert_eq!(
        (person.kind, person.circle),
        (Kind::Person, Some(Circle::Other))
    );

    let logged = &app.store.interactions_of_contact(new.id, Some(1)).unwrap()[0];
    assert_eq!(logged.date, today() - chrono::Duration::days(1));
    assert_eq!(logged.channel, Channel::Meeting);
    assert_eq!(logged.minutes, Some(45));
    assert_eq!(logged.note, "coffee at the library\nslides next week");
    let names: Vec<&str> = logged
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Qwyx Brandnew", "Sirkka Järvinen"]);

    let [intro, promise] = logged.items.as_slice() else {
        panic!("two items: {:?}", logged.items)
    };
    assert_eq!(
        (
            intro.direction,
            intro.kind,
            intro.weight,
            intro.state,
            intro.counterparty.name.as_str()
        ),
        (
            Direction::Gave,
            ItemKind::Intro,
            3,
            ItemState::Done,
            "Sirkka Järvinen"
        )
    );
    assert_eq!(
        (
            promise.direction,
            promise.state,
            promise.note.as_str(),
            promise.counterparty.name.as_str()
        ),
        (
            Direction::Gave,
            ItemState::Open,
            "send slides",
            "Qwyx Brandnew"
        )
    );
}

#[test]
fn esc_on_a_filled_form_asks_before_discarding() {
    let mut app = demo_app();
    let before = interaction_count(&app);
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none(), "an untouched form closes at once");

    press(&mut app, KeyCode::Char('l'));
    tab(&mut app, 2);
    type_text(&mut app, "met at the fair");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Discard this entry?"));
    press(&mut app, KeyCode::Char('n'));
    let text = screen(&mut app, 80, 24);
    assert!(
        !text.contains("Discard this entry?") && text.contains("met at the fair"),
        "{text}"
    );

    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.overlay.is_none());
    assert_eq!(interaction_count(&app), before, "nothing written");
}

#[test]
fn a_bad_date_is_marked_beside_the_field_and_nothing_is_saved() {
    let mut app = demo_app();
    let before = interaction_count(&app);
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "soon");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("soon") && text.contains("✗ not a date"),
        "{text}"
    );
    assert!(text.contains("One field needs attention"), "{text}");
    assert!(app.overlay.is_some());

    press(&mut app, KeyCode::Home);
    ctrl(&mut app, 'k');
    type_text(&mut app, "2026-12-01");
    ctrl(&mut app, 's');
    assert!(screen(&mut app, 80, 24).contains("✗ in the future"));
    assert_eq!(interaction_count(&app), before);
}

#[test]
fn a_form_without_participants_says_so() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Backspace);
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("✗ add at least one participant"), "{text}");
}

#[test]
fn pasting_goes_into_the_focused_field_with_line_breaks_only_in_the_note() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    tab(&mut app, 2);
    app.handle_event(&ratatui::crossterm::event::Event::Paste("one\ntwo".into()));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("one") && text.contains("two"), "{text}");
    tab(&mut app, 6); // Items, Channel, Minutes, Network, Time, Participants
    app.handle_event(&ratatui::crossterm::event::Event::Paste(
        "sirkka\njarv".into(),
    ));
    assert!(screen(&mut app, 80, 24).contains("sirkka jarv"));
}

#[test]
fn adding_a_contact_by_keys() {
    let mut app = demo_app();
    let kasvu = app
        .store
        .resolve_contact_of_kind("Kasvu Oy", Some(Kind::Org))
        .unwrap();
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.overlay, Some(Overlay::Contact(_))));
    type_text(&mut app, "Mia Uusikylä");
    tab(&mut app, 1);
    type_text(&mut app, "ff"); // other → family → friend
    tab(&mut app, 1);
    type_text(&mut app, "mia@example.org, mia");
    tab(&mut app, 1);
    assert!(screen(&mut app, 80, 24).contains("✗ 'mia' is not an email address"));
    ctrl(&mut app, 's');
    assert!(app.overlay.is_some(), "a bad email blocks saving");
    press(&mut app, KeyCode::BackTab);
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    tab(&mut app, 2);
    type_text(&mut app, "climbing, Sauna");
    tab(&mut app, 1);
    type_text(&mut app, "rust");
    tab(&mut app, 1);
    type_text(&mut app, "kasvu");
    assert!(screen(&mut app, 80, 24).contains(&format!("→ Kasvu Oy · #{}", kasvu.id)));
    tab(&mut app, 1);
    type_text(&mut app, "CTO");
    tab(&mut app, 1);
    type_text(&mut app, "2w");
    ctrl(&mut app, 's');
    assert_eq!(status(&app), "Added Mia Uusikylä");

    let id = app.store.resolve_contact("Mia Uusikylä").unwrap().id;
    let mia = app.store.contact(id).unwrap();
    assert_eq!(mia.circle, Some(Circle::Friend));
    let emails: Vec<&str> = mia.emails.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(emails, ["mia@example.org"]);
    assert_eq!(mia.tags, ["climbing", "sauna"]);
    assert_eq!(mia.expertise, ["rust"]);
    assert_eq!(mia.cadence_days, Some(14));
    let orgs = app.store.affiliations_of(id).unwrap();
    assert_eq!(
        (orgs[0].org.id, orgs[0].title.as_deref()),
        (kasvu.id, Some("CTO"))
    );
}

#[test]
fn a_contact_without_a_name_or_with_a_bad_cadence_is_not_saved() {
    let mut app = demo_app();
    let before = app.store.count_contacts().unwrap();
    press(&mut app, KeyCode::Char('a'));
    tab(&mut app, 8);
    type_text(&mut app, "often");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("✗ a name is needed"), "{text}");
    assert!(text.contains("✗ use a period like 30d"), "{text}");
    assert!(text.contains("2 fields need attention"), "{text}");
    assert_eq!(app.store.count_contacts().unwrap(), before);
}

#[test]
fn adding_a_person_creates_a_new_organisation_with_them() {
    let mut app = demo_app();
    let before = app.store.count_contacts().unwrap();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Leo Quux");
    tab(&mut app, 6);
    type_text(&mut app, "Zzyzx Labs");
    assert!(screen(&mut app, 80, 24).contains("→ new organisation"));
    ctrl(&mut app, 's');
    assert_eq!(app.store.count_contacts().unwrap(), before + 2);
    let id = app.store.resolve_contact("Leo Quux").unwrap().id;
    assert_eq!(
        app.store.affiliations_of(id).unwrap()[0].org.name,
        "Zzyzx Labs"
    );
}

#[test]
fn editing_a_person_changes_only_what_differs() {
    let mut app = demo_app();
    let sirkka = app.store.resolve_contact("Sirkka Järvinen").unwrap();
    let before = app.store.contact(sirkka.id).unwrap();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "sirkka");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    assert!(screen(&mut app, 80, 24).contains("Edit Sirkka Järvinen"));
    ctrl(&mut app, 's');
    assert!(
        app.overlay.is_none(),
        "nothing changed: closes without writing"
    );
    assert_eq!(
        app.store.contact(sirkka.id).unwrap().updated_at,
        before.updated_at
    );

    press(&mut app, KeyCode::Char('e'));
    tab(&mut app, 4);
    press(&mut app, KeyCode::End);
    type_text(&mut app, ", mentor");
    tab(&mut app, 2);
    ctrl(&mut app, 'u');
    type_text(&mut app, "nordic design");
    tab(&mut app, 1);
    ctrl(&mut app, 'u');
    type_text(&mut app, "designer");
    ctrl(&mut app, 's');
    assert_eq!(status(&app), "Updated Sirkka Järvinen");

    let after = app.store.contact(sirkka.id).unwrap();
    let mut tags = before.tags.clone();
    tags.push("mentor".into());
    tags.sort();
    assert_eq!(after.tags, tags);
    assert_eq!(after.emails, before.emails);
    let orgs = app.store.affiliations_of(sirkka.id).unwrap();
    let orgs: Vec<(&str, Option<&str>)> = orgs
        .iter()
        .map(|a| (a.org.name.as_str(), a.title.as_deref()))
        .collect();
    assert_eq!(orgs, [("Nordic Design Collective", Some("designer"))]);
}

#[test]
fn editing_from_the_contact_page() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Enter);
    let id = app.detail.as_ref().unwrap().contact_ref().id;
    press(&mut app, KeyCode::Char('e'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Aalto University");
    ctrl(&mut app, 's');
    assert_eq!(app.store.contact(id).unwrap().name, "Aalto University");
    assert!(screen(&mut app, 80, 24).contains("Aalto University"));
}

#[test]
fn log_form_snapshots() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    insta::assert_snapshot!("log_form_opened_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("log_form_opened_120x40", screen(&mut app, 120, 40));
    press(&mut app, KeyCode::Esc);

    fill_log_form(&mut app);
    insta::assert_snapshot!("log_form_filled_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("log_form_filled_120x40", screen(&mut app, 120, 40));
}

#[test]
fn log_form_dropdown_snapshot() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('l'));
    type_text(&mut app, "anna");
    insta::assert_snapshot!("log_form_dropdown_80x24", screen(&mut app, 80, 24));
}

#[test]
fn contact_form_snapshots() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Mia Uusikylä");
    tab(&mut app, 2);
    type_text(&mut app, "mia@example.org, mia");
    tab(&mut app, 4);
    type_text(&mut app, "Kasvo");
    insta::assert_snapshot!("contact_form_add_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("contact_form_add_120x40", screen(&mut app, 120, 40));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));

    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "sirkka");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("contact_form_edit_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("contact_form_edit_120x40", screen(&mut app, 120, 40));
}

/// A few contacts, an organisation and a network: enough for every field
/// of both forms to have something to choose.
fn small_app() -> App {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    for name in ["Anna Järvinen", "Bob Smith", "王小明"] {
        store
            .add_contact(&NewContact::new(Kind::Person, name))
            .unwrap();
    }
    store
        .add_contact(&NewContact::new(Kind::Org, "Kasvu Oy"))
        .unwrap();
    store
        .add_network(&NewNetwork::new("Tampere Climbing"))
        .unwrap();
    loaded(store)
}

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        prop::sample::select(vec![
            'a', 'i', 'q', 'x', '+', '-', 'p', 'e', '@', '1', '3', '9', ' ', 'ä', '王', 'y', 'n'
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
        ]),
    ];
    let ctrl = prop::sample::select(vec!['s', 'u', 'w', 'k', 'a', 'e']);
    (codes, prop::bool::weighted(0.08), ctrl).prop_map(|(code, with_ctrl, c)| {
        match (code, with_ctrl) {
            (KeyCode::Char(_), true) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            (code, _) => KeyEvent::new(code, KeyModifiers::NONE),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// No key sequence (or paste) panics a form or a prompt, and every
    /// frame draws, down to the smallest screen ties accepts.
    #[test]
    fn no_key_sequence_breaks_the_forms(
        keys in prop::collection::vec((any_key(), prop::bool::weighted(0.03)), 1..80),
        opener in prop::sample::select(vec!["l", "a", "3e", "2R"]),
    ) {
        let mut app = small_app();
        for (key, paste) in keys {
            if app.overlay.is_none() {
                app.show(super::app::Tab::Contacts);
                type_text(&mut app, opener);
            }
            if paste {
                app.handle_event(&ratatui::crossterm::event::Event::Paste("a\u{1b}[2J\nb@c".into()));
            }
            app.handle_key(key);
            if app.overlay.is_some() {
                screen(&mut app, 60, 15);
            }
        }
        screen(&mut app, 80, 24);
    }
}
