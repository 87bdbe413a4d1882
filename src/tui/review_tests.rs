//! The Review and Networks tabs driven by keys through the app on the demo
//! data, asserting on what the store holds afterwards; and snapshots of
//! every screen and prompt at 80×24 and 120×40.

use chrono::Duration;
use ratatui::crossterm::event::KeyCode;

use super::app::{App, Tab};
use super::overlay::Overlay;
use super::review::Section;
use super::tests::{ctrl, demo_app, empty_app, press, screen, today, type_text};
use ties::model::{Intent, ItemState};
use ties::review::contact_standing;

fn review_app() -> App {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Review);
    app
}

/// Walks the queue with `g` and `j`, as a user would, to the first row of a
/// section.
fn go_to(app: &mut App, section: Section) {
    press(app, KeyCode::Char('g'));
    for _ in 0..400 {
        if app.review.selected_section() == Some(section) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no {section:?} row in the queue");
}

fn reconnect_ids(app: &App) -> Vec<i64> {
    app.review
        .review()
        .unwrap()
        .reconnect
        .iter()
        .map(|e| e.contact.id)
        .collect()
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn both_sizes(app: &mut App, name: &str) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

#[test]
fn review_tab_snapshots() {
    let mut app = review_app();
    let text = screen(&mut app, 80, 24);
    for expected in ["Week 2026-W48", "This week", "R marks it", "Activity"] {
        assert!(text.contains(expected), "lacks {expected}:\n{text}");
    }
    let wide = screen(&mut app, 120, 40);
    for expected in [
        "Largest balances",
        "You may owe",
        "One-sided",
        "Activity",
        "No week reviewed yet",
    ] {
        assert!(wide.contains(expected), "lacks {expected}:\n{wide}");
    }
    for word in ["neglected", "debtor"] {
        assert!(!text.to_lowercase().contains(word) && !wide.to_lowercase().contains(word));
    }
    both_sizes(&mut app, "review");
}

#[test]
fn j_and_k_skip_section_headers() {
    let mut app = review_app();
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..60 {
        assert!(
            app.review.selected_section().is_some(),
            "a header got selected"
        );
        press(&mut app, KeyCode::Char('j'));
    }
    for _ in 0..60 {
        press(&mut app, KeyCode::Char('k'));
        assert!(
            app.review.selected_section().is_some(),
            "a header got selected"
        );
    }
}

#[test]
fn z_snoozes_a_reconnect_for_the_chosen_period() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('z'));
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    both_sizes(&mut app, "snooze_prompt");
    // The second choice is two weeks.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let stored = app.store.contact(contact.id).unwrap();
    assert_eq!(stored.snoozed_until, Some(today() + Duration::days(14)));
    assert!(
        !reconnect_ids(&app).contains(&contact.id),
        "still suggested"
    );
    assert!(status(&app).starts_with("Snoozed "), "{}", status(&app));
    assert!(status(&app).ends_with("until 10 Dec"), "{}", status(&app));
    // The selection stays in the queue, on the row that took its place.
    assert_eq!(app.review.selected_section(), Some(Section::Reconnect));
}

#[test]
fn z_digits_pick_at_once_and_esc_writes_nothing() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('z'));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.store.contact(contact.id).unwrap().snoozed_until, None);
    press(&mut app, KeyCode::Char('z'));
    press(&mut app, KeyCode::Char('4'));
    let until = app
        .store
        .contact(contact.id)
        .unwrap()
        .snoozed_until
        .unwrap();
    assert_eq!(until.to_string(), "2027-02-26", "three months on");
}

#[test]
fn c_sets_the_cadence_and_explains_bad_input() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('c'));
    both_sizes(&mut app, "cadence_prompt");
    ctrl(&mut app, 'u');
    type_text(&mut app, "soon");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some(), "a bad cadence keeps the prompt open");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("invalid cadence 'soon'"), "{text}");
    assert_eq!(app.store.contact(contact.id).unwrap().cadence_days, None);

    ctrl(&mut app, 'u');
    type_text(&mut app, "14d");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(
        app.store.contact(contact.id).unwrap().cadence_days,
        Some(14)
    );
    assert!(
        status(&app).ends_with("reconnect every 14 d"),
        "{}",
        status(&app)
    );

    // `none` goes back to the circle's default.
    press(&mut app, KeyCode::Char('g'));
    go_to(&mut app, Section::Reconnect);
    let next = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('c'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "none");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.store.contact(next.id).unwrap().cadence_days, None);
}

#[test]
fn d_settles_the_selected_promise_only() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    press(&mut app, KeyCode::Char('d'));
    assert!(
        status(&app).contains("d settles a promise"),
        "{}",
        status(&app)
    );
    assert!(app.status.as_ref().unwrap().error);

    go_to(&mut app, Section::Promises);
    let promise = app.review.review().unwrap().open_promises[0].clone();
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        app.store.item(promise.item_id).unwrap().state,
        ItemState::Done
    );
    assert_eq!(
        status(&app),
        format!("Settled: {} · u to undo", promise.text)
    );
    let open = &app.review.review().unwrap().open_promises;
    assert!(!open.iter().any(|p| p.item_id == promise.item_id));
}

#[test]
fn x_lets_a_tie_go_without_archiving() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('x'));
    let standing = contact_standing(&app.store, &app.config, contact.id).unwrap();
    assert_eq!(standing.effective_cadence_days, None, "reminders are off");
    assert!(!app.store.contact(contact.id).unwrap().archived);
    assert!(!reconnect_ids(&app).contains(&contact.id));
    assert!(
        status(&app).contains("no more reconnect suggestions"),
        "{}",
        status(&app)
    );
}

#[test]
fn capital_r_marks_the_week_reviewed_with_a_note() {
    let mut app = review_app();
    press(&mut app, KeyCode::Char('R'));
    both_sizes(&mut app, "mark_reviewed_prompt");
    type_text(&mut app, "Called Anna, dropped the board");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let reviews = app.store.reviews(1).unwrap();
    assert_eq!(reviews[0].week_start.to_string(), "2026-11-23");
    assert_eq!(reviews[0].note, "Called Anna, dropped the board");
    assert_eq!(status(&app), "Week 2026-W48 reviewed · streak 1 week");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("reviewed · streak 1 week"), "{text}");
    assert!(!text.contains("R marks it"), "{text}");
}

#[test]
fn enter_opens_the_contact_of_the_row() {
    let mut app = review_app();
    go_to(&mut app, Section::OneSided);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Contacts);
    assert_eq!(app.detail.as_ref().unwrap().contact_ref(), contact);
}

#[test]
fn every_key_is_calm_on_an_empty_database() {
    let mut app = empty_app();
    press(&mut app, KeyCode::Char('2'));
    for key in ['j', 'k', 'G', 'g', 'z', 'c', 'd', 'x'] {
        press(&mut app, KeyCode::Char(key));
        assert!(
            app.overlay.is_none(),
            "{key} opened something with nothing selected"
        );
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Nothing logged yet this week"), "{text}");
    assert!(text.contains("No open promises."), "{text}");
    insta::assert_snapshot!("review_empty_80x24", text);
    screen(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('R'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.store.reviews(1).unwrap().len(), 1);

    press(&mut app, KeyCode::Char('3'));
    for key in ['j', 'k', 'G', 'e'] {
        press(&mut app, KeyCode::Char(key));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.networks.detail.is_none() && app.overlay.is_none());
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("No networks in your plan yet."), "{text}");
    insta::assert_snapshot!("networks_empty_80x24", text);
}

#[test]
fn a_click_on_a_header_selects_its_first_row() {
    let mut app = review_app();
    screen(&mut app, 80, 24);
    // Row 0 of the queue is the "This week" header; row 1 its first entry.
    app.review.select(0);
    assert_eq!(app.review.selected_section(), Some(Section::ThisWeek));
    app.review.select(10_000);
    assert_eq!(app.review.selected_section(), Some(Section::ThisWeek));
}

#[test]
fn hostile_text_is_escaped_in_the_review_and_the_plan() {
    use ties::model::{Channel, Direction, ItemKind, Kind};
    use ties::store::{NewContact, NewInteraction, NewItem, NewNetwork};
    let mut store = ties::Store::open_in_memory(ties::dates::Clock::fixed(today())).unwrap();
    let evil = "Eve \u{1b}[2J\u{1b}]52;c;aGk=\u{7} Mallory";
    let eve = store
        .add_contact(&NewContact::new(Kind::Person, evil))
        .unwrap();
    let network = store
        .add_network(&NewNetwork::new(format!("Club {evil}")))
        .unwrap();
    store.join_network(network, &[eve]).unwrap();
    let promise = NewItem {
        counterparty: eve,
        direction: Direction::Gave,
        kind: ItemKind::Help,
        weight: 2,
        state: ItemState::Open,
        note: format!("send \u{1b}[31mslides{evil}"),
    };
    store
        .log_interaction(&NewInteraction {
            date: today(),
            time: None,
            channel: Channel::Meeting,
            minutes: Some(60),
            network: Some(network),
            note: format!("coffee {evil}"),
            participants: vec![eve],
            items: vec![promise],
        })
        .unwrap();
    let mut app = super::tests::loaded(store);
    for keys in ["2", "2z", "3", "3\n", "3e"] {
        app.overlay = None;
        app.networks.detail = None;
        for key in keys.chars() {
            press(
                &mut app,
                if key == '\n' {
                    KeyCode::Enter
                } else {
                    KeyCode::Char(key)
                },
            );
        }
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen(&mut app, w, h);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{keys}: {text:?}"
            );
            assert!(
                text.contains("\\u{1b}"),
                "{keys}: the hostile text is not on screen:\n{text}"
            );
        }
    }
}

fn networks_app() -> App {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tab, Tab::Networks);
    app
}

#[test]
fn networks_tab_snapshots() {
    let mut app = networks_app();
    let text = screen(&mut app, 80, 24);
    for expected in ["Network", "Hours a month", "Tampere Tech", "review due"] {
        assert!(text.contains(expected), "lacks {expected}:\n{text}");
    }
    let wide = screen(&mut app, 120, 40);
    assert!(wide.contains("costs more than it returns"), "{wide}");
    both_sizes(&mut app, "networks");
}

#[test]
fn enter_opens_members_and_interactions_and_esc_returns() {
    let mut app = networks_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    let view = app.networks.detail.as_ref().expect("the network opens");
    assert!(
        !view.detail.members.is_empty(),
        "the demo networks have members"
    );
    let dates: Vec<_> = view.detail.interactions.iter().map(|i| i.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let first_member = view.detail.members[0].name.clone();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains(&first_member), "{text}");
    both_sizes(&mut app, "network_detail");
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Esc);
    assert!(app.networks.detail.is_none());
}

#[test]
fn e_edits_intent_and_hours_in_one_save() {
    let mut app = networks_app();
    let id = app.networks.rows[0].network.id;
    let before = app.store.network(id).unwrap();
    press(&mut app, KeyCode::Char('e'));
    assert!(matches!(app.overlay, Some(Overlay::Network(_))));
    both_sizes(&mut app, "network_form");
    press(&mut app, KeyCode::Down); // to Intent
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab); // to Hours
    ctrl(&mut app, 'u');
    type_text(&mut app, "7,5");
    press(&mut app, KeyCode::Tab); // to Goal
    ctrl(&mut app, 'u');
    type_text(&mut app, "meet two founders a month");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", status(&app));
    let after = app.store.network(id).unwrap();
    let next_intent = Intent::ALL[(Intent::ALL
        .iter()
        .position(|i| *i == before.intent)
        .unwrap()
        + 1)
        % Intent::ALL.len()];
    assert_eq!(after.intent, next_intent);
    assert_eq!(after.hours_per_month, Some(7.5));
    assert_eq!(after.goal, "meet two founders a month");
    assert_eq!(after.role, before.role);
    assert_eq!(after.review_on, before.review_on);
    assert!(
        status(&app).starts_with("Saved the plan for"),
        "{}",
        status(&app)
    );
}

#[test]
fn bad_hours_show_an_inline_error_and_write_nothing() {
    let mut app = networks_app();
    let id = app.networks.rows[0].network.id;
    let before = app.store.network(id).unwrap();
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Down);
    type_text(&mut app, "lots"); // replaces the prefilled hours
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Hours a month lots "), "{text}");
    assert!(
        !text.contains('✗'),
        "nothing is marked while typing:\n{text}"
    );
    press(&mut app, KeyCode::Tab);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("✗ type a number from 0 to 744"), "{text}");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_some(), "the form stays open");
    assert!(screen(&mut app, 80, 24).contains("One field needs attention before saving"));
    assert_eq!(app.store.network(id).unwrap(), before);

    // Esc asks before throwing the changes away.
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Discard this entry?"));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_some());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.overlay.is_none());
    assert_eq!(app.store.network(id).unwrap(), before);
}

#[test]
fn e_works_from_the_network_detail_too() {
    let mut app = networks_app();
    press(&mut app, KeyCode::Enter);
    let id = app.networks.detail.as_ref().unwrap().id();
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Right); // role one step up the ladder
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none());
    let role = app.store.network(id).unwrap().role;
    assert_eq!(
        app.networks.detail.as_ref().unwrap().detail.network.role,
        role,
        "the open view is reread"
    );
}

/// `TIES_PERF_DB=big.db cargo test --release --bin ties review_tests::timing -- --ignored --nocapture`
/// on a database of 10,000 contacts and 200,000 interactions: opening the
/// review or the networks tab costs `weekly_review` and little more.
#[test]
#[ignore = "needs TIES_PERF_DB, a large database file"]
fn timing_of_the_tabs_on_a_large_database() {
    let Some(path) = std::env::var_os("TIES_PERF_DB") else {
        return;
    };
    let clock = ties::dates::Clock::fixed(today());
    let mut app =
        super::tests::loaded(ties::Store::open(std::path::Path::new(&path), clock).unwrap());
    let started = std::time::Instant::now();
    ties::review::weekly_review(&app.store, &app.config, today(), 50).unwrap();
    let review_alone = started.elapsed();
    for (key, tab) in [('2', "review"), ('3', "networks")] {
        let started = std::time::Instant::now();
        press(&mut app, KeyCode::Char(key));
        screen(&mut app, 120, 40);
        println!(
            "{tab} tab: {:?} (weekly_review alone {review_alone:?})",
            started.elapsed()
        );
    }
}

#[test]
fn brackets_jump_between_sections_with_rows() {
    let mut app = review_app();
    press(&mut app, KeyCode::Char('g'));
    let mut seen = vec![app.review.selected_section().unwrap()];
    for _ in 0..10 {
        press(&mut app, KeyCode::Char(']'));
        let section = app.review.selected_section().unwrap();
        if seen.last() != Some(&section) {
            seen.push(section);
        }
    }
    // Every section with rows, in queue order, each visited once.
    let with_rows: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| s.len(app.review.review().unwrap()) > 0)
        .collect();
    assert_eq!(seen, with_rows);
    // `[` walks back to the first, landing on each section's first row.
    for expected in with_rows.iter().rev().skip(1) {
        press(&mut app, KeyCode::Char('['));
        assert_eq!(app.review.selected_section(), Some(*expected));
    }
    press(&mut app, KeyCode::Char('['));
    assert_eq!(
        app.review.selected_section(),
        Some(with_rows[0]),
        "stays at the first"
    );
}
