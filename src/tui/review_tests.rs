//! The Review and Networks tabs driven by keys through the app on the demo
//! data, asserting on what the store holds afterwards; and snapshots of
//! every screen and prompt at 80×24 and 120×40.

use chrono::Duration;
use ratatui::crossterm::event::KeyCode;

use super::app::{App, Tab};
use super::overlay::Overlay;
use super::review::ReviewPart as Part;
use super::tests::{ctrl, demo_app, empty_app, press, screen, today, type_text};
use ties::model::{Channel, Direction, Intent, ItemKind, ItemState, Kind};
use ties::review::{Outcome, Section, contact_standing};
use ties::store::{NewContact, NewInteraction, NewItem};

/// The demo, with two dormant ties of a shared past added (the demo's
/// three years hold none quiet for two), so every section has rows; one
/// has a birthday in three days, the other an anniversary in ten (the
/// demo has no dates).
fn review_app() -> App {
    let mut app = demo_app();
    let mut store = std::mem::replace(
        &mut app.store,
        ties::Store::open_in_memory(ties::dates::Clock::fixed(today())).unwrap(),
    );
    for (name, note) in [
        ("Old Friend", "hiking in Lapland"),
        ("Former Mentor", "thesis advice"),
    ] {
        let mut new = NewContact::new(Kind::Person, name);
        if name == "Old Friend" {
            new.birthday = Some("1980-11-29".into());
        } else {
            new.dates = vec![ties::model::ContactDate {
                label: "started at Kasvu".into(),
                date: "2016-12-06".into(),
                yearly: true,
            }];
        }
        let id = store.add_contact(&new).unwrap();
        for n in 0..6 {
            let given = NewItem {
                counterparty: id,
                direction: Direction::Got,
                kind: ItemKind::Advice,
                weight: 3,
                state: ItemState::Done,
                note: String::new(),
            };
            store
                .log_interaction(&NewInteraction {
                    date: today() - Duration::days(800 + n * 30),
                    time: None,
                    channel: Channel::Meeting,
                    minutes: None,
                    network: None,
                    note: if n == 0 { note.into() } else { String::new() },
                    participants: vec![id],
                    items: if name == "Old Friend" {
                        vec![given]
                    } else {
                        vec![]
                    },
                })
                .unwrap();
        }
    }
    let mut app = super::tests::loaded(store);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tab, Tab::Review);
    app
}

fn queue(app: &App) -> Vec<(Section, i64)> {
    app.review
        .review()
        .unwrap()
        .queue
        .iter()
        .map(|s| (s.section, s.contact.id))
        .collect()
}

fn outcome_of(app: &App, contact: i64) -> Option<Outcome> {
    app.review
        .review()
        .unwrap()
        .handled
        .iter()
        .find(|h| h.suggestion.contact.id == contact)
        .map(|h| h.outcome)
}

/// Walks the screen with `g` and `j`, as a user would, to the first
/// suggestion of a section.
fn go_to(app: &mut App, section: Section) {
    press(app, KeyCode::Char('g'));
    for _ in 0..400 {
        if app.review.on_suggestion() && app.review.selected_part() == Some(Part::Queue(section)) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no {section:?} suggestion on the screen");
}

/// Walks to a part's heading.
fn go_to_heading(app: &mut App, part: Part) {
    press(app, KeyCode::Char('g'));
    for _ in 0..400 {
        if app.review.on_header() && app.review.selected_part() == Some(part) {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("no {part:?} heading on the screen");
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

const HEADINGS: [&str; 8] = [
    "Open promises",
    "Reconnect",
    "You may owe",
    "Rekindle",
    "One-sided",
    "This week",
    // The demo's seven dates of the next 14 days and the two review_app adds.
    "Dates · 9",
    "Networks to reconsider",
];

#[test]
fn every_heading_with_its_count_fits_80x24() {
    let mut app = review_app();
    let review = app.review.review().unwrap().clone();
    assert!(review.queue.len() <= 12 && !review.queue.is_empty());
    let text = screen(&mut app, 80, 24);
    for heading in HEADINGS {
        assert!(text.contains(heading), "lacks {heading}:\n{text}");
    }
    // "3 of 25": the suggestions of a section and its true total.
    for section in Section::PRIORITY {
        let suggested = review.queue.iter().filter(|s| s.section == section).count();
        if suggested > 0 {
            let count = format!("{suggested} of {}", review.totals.of(section));
            assert!(text.contains(&count), "lacks {count}:\n{text}");
        }
    }
    assert!(text.contains(&format!("This week · {} logged", review.logged_count)));
    // Every suggestion shows the key its reason calls for.
    for (key, section) in [
        ("d settle", Section::OpenPromises),
        ("l log", Section::Reconnect),
        ("x let go", Section::OneSided),
    ] {
        if review.queue.iter().any(|s| s.section == section) {
            assert!(text.contains(key), "lacks {key}:\n{text}");
        }
    }
    for word in ["neglected", "debtor"] {
        assert!(!text.to_lowercase().contains(word));
    }
    let wide = screen(&mut app, 120, 40);
    assert!(wide.contains("Largest balances") && wide.contains("No week reviewed yet"));
    both_sizes(&mut app, "review");
}

#[test]
fn the_dates_of_the_next_14_days_are_a_section_with_their_count() {
    let mut app = review_app();
    let review = app.review.review().unwrap().clone();
    // The demo's seven dates of the next 14 days, and the two added here.
    assert_eq!(review.totals.dates, 9);
    assert_eq!(review.dates[0].contact.name, "Old Friend");
    go_to_heading(&mut app, Part::Dates);
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Dates · 9"), "{text}");
    assert!(text.contains("birthday, turns 46"), "{text}");
    assert!(text.contains("started at Kasvu, 10 years"), "{text}");
    assert!(
        text.contains("in 3 d") && text.contains("in 10 d"),
        "{text}"
    );
    // A date's row stands for its contact: Enter opens their page.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.review.selected_contact().map(|c| c.name),
        Some("Old Friend".to_string())
    );
    both_sizes(&mut app, "review_dates");
}

#[test]
fn enter_opens_a_section_in_place_and_closes_it() {
    let mut app = review_app();
    go_to_heading(&mut app, Part::Queue(Section::Reconnect));
    let total = app.review.review().unwrap().reconnect.len();
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Reconnect · 3 of"), "{text}");
    assert!(text.contains("Enter closes"), "{text}");
    let last = app.review.review().unwrap().reconnect[total - 1]
        .contact
        .name
        .clone();
    press(&mut app, KeyCode::Char('G'));
    assert!(
        screen(&mut app, 120, 40).contains(&last),
        "the whole list is reachable"
    );
    go_to_heading(&mut app, Part::Queue(Section::Reconnect));
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&mut app, 120, 40).contains("Enter closes"));
}

#[test]
fn l_logs_with_a_suggestion_and_it_leaves_the_queue() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    let contact = app.review.selected_contact().unwrap();
    let before = queue(&app);
    press(&mut app, KeyCode::Char('l'));
    assert!(matches!(app.overlay, Some(Overlay::Log(_))));
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", screen(&mut app, 80, 24));
    let after = queue(&app);
    assert!(!after.iter().any(|(_, id)| *id == contact.id));
    assert_eq!(after.len(), before.len() - 1, "nothing took its place");
    assert_eq!(outcome_of(&app, contact.id), Some(Outcome::Logged));
}

#[test]
fn z_snoozes_a_suggestion_for_the_chosen_period() {
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
    assert_eq!(outcome_of(&app, contact.id), Some(Outcome::Snoozed));
    assert!(status(&app).starts_with("Snoozed "), "{}", status(&app));
    assert!(status(&app).ends_with("until 10 Dec"), "{}", status(&app));
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
    // A new cadence is acting on the suggestion, even one it is still late for.
    assert_eq!(outcome_of(&app, contact.id), Some(Outcome::CadenceChanged));
}

#[test]
fn d_settles_the_promise_of_its_row_only() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    press(&mut app, KeyCode::Char('d'));
    assert!(
        status(&app).contains("d settles a promise"),
        "{}",
        status(&app)
    );
    assert!(app.status.as_ref().unwrap().error);

    go_to(&mut app, Section::OpenPromises);
    let suggestion = app.review.review().unwrap().queue[0].clone();
    let item = suggestion.item_id.unwrap();
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.store.item(item).unwrap().state, ItemState::Done);
    assert!(status(&app).starts_with("Settled: "), "{}", status(&app));
    assert_eq!(
        outcome_of(&app, suggestion.contact.id),
        Some(Outcome::Settled)
    );
    assert!(status(&app).ends_with(" · u to undo"), "{}", status(&app));
    let open = &app.review.review().unwrap().open_promises;
    assert!(!open.iter().any(|p| p.item_id == item));
}

#[test]
fn x_lets_a_tie_go_without_archiving() {
    let mut app = review_app();
    go_to(&mut app, Section::OneSided);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('x'));
    let standing = contact_standing(&app.store, &app.config, contact.id).unwrap();
    assert_eq!(standing.effective_cadence_days, None, "reminders are off");
    assert!(!app.store.contact(contact.id).unwrap().archived);
    assert_eq!(outcome_of(&app, contact.id), Some(Outcome::LetGo));
    assert!(
        status(&app).contains("no more reconnect suggestions"),
        "{}",
        status(&app)
    );
}

#[test]
fn n_sets_a_suggestion_aside_for_the_week() {
    let mut app = review_app();
    go_to(&mut app, Section::YouMayOwe);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(outcome_of(&app, contact.id), Some(Outcome::Skipped));
    assert!(
        status(&app).ends_with(": not this week"),
        "{}",
        status(&app)
    );
    let week = app.review.review().unwrap().week.start;
    assert!(app.store.is_skipped(week, contact.id).unwrap());
}

#[test]
fn the_week_is_done_when_every_suggestion_is_acted_on_and_m_draws_more() {
    let mut app = review_app();
    let drawn = queue(&app);
    for _ in 0..drawn.len() {
        press(&mut app, KeyCode::Char('g'));
        while !app.review.on_suggestion() {
            press(&mut app, KeyCode::Char('j'));
        }
        press(&mut app, KeyCode::Char('n'));
    }
    assert!(queue(&app).is_empty());
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("The week is done"), "{text}");
    assert!(
        text.contains("R marks it reviewed") && text.contains("m draws more"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Handled this week · {}", drawn.len())),
        "{text}"
    );
    both_sizes(&mut app, "review_week_done");

    press(&mut app, KeyCode::Char('m'));
    let more = queue(&app);
    assert!(!more.is_empty() && more.len() <= 12, "{more:?}");
    assert!(more.iter().all(|s| !drawn.contains(s)), "only new contacts");
    assert!(status(&app).starts_with("Drew "), "{}", status(&app));
}

#[test]
fn capital_r_shows_the_week_as_reviewed() {
    let mut app = review_app();
    go_to(&mut app, Section::Reconnect);
    let contact = app.review.selected_contact().unwrap();
    press(&mut app, KeyCode::Char('n'));
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
    // What the week did: what was handled, what was logged, the note.
    assert!(
        text.contains("Reviewed · streak 1 week · 1 of 12 handled"),
        "{text}"
    );
    assert!(text.contains("Called Anna, dropped"), "{text}");
    assert!(text.contains("Handled this week · 1"), "{text}");
    assert!(
        text.contains(&contact.name) && text.contains("not this week"),
        "{text}"
    );
    assert!(text.contains("This week · 14 logged"), "{text}");
    both_sizes(&mut app, "review_reviewed");
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
    for key in ['j', 'k', 'G', 'g', 'z', 'c', 'd', 'x', 'n', 'm'] {
        press(&mut app, KeyCode::Char(key));
        assert!(
            app.overlay.is_none(),
            "{key} opened something with nothing selected"
        );
    }
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Nothing to suggest this week"), "{text}");
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
fn a_click_selects_a_row_and_the_done_line_is_not_one() {
    let mut app = review_app();
    screen(&mut app, 80, 24);
    // Row 0 is the first heading; row 1 its first suggestion.
    app.review.select(1);
    assert!(app.review.on_suggestion());
    app.review.select(0);
    assert!(app.review.on_header());
    app.review.select(10_000);
    assert!(
        app.review.on_header(),
        "a click past the end changes nothing"
    );
}

#[test]
fn brackets_jump_between_headings() {
    let mut app = review_app();
    press(&mut app, KeyCode::Char('g'));
    assert!(app.review.on_header());
    let mut seen = vec![app.review.selected_part().unwrap()];
    for _ in 0..12 {
        press(&mut app, KeyCode::Char(']'));
        let part = app.review.selected_part().unwrap();
        assert!(app.review.on_header());
        if seen.last() != Some(&part) {
            seen.push(part);
        }
    }
    let expected: Vec<Part> = Section::PRIORITY
        .into_iter()
        .map(Part::Queue)
        .chain([Part::ThisWeek, Part::Dates, Part::Networks])
        .collect();
    assert_eq!(seen, expected, "every heading in order, each once");
    for part in expected.iter().rev().skip(1) {
        press(&mut app, KeyCode::Char('['));
        assert_eq!(app.review.selected_part(), Some(*part));
    }
}

#[test]
fn hostile_text_is_escaped_in_the_review_and_the_plan() {
    use ties::store::NewNetwork;
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
            date: today() - Duration::days(8),
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
    for keys in ["2", "2jz", "2\n", "3", "3\n", "3e"] {
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

/// `TIES_PERF_DB=big.db cargo test --release --bin ties review_tests::timing -- --ignored --nocapture`
/// on a large database: opening the review or the networks tab costs
/// `weekly_review` and little more.
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
    ties::review::weekly_review(&mut app.store, &app.config, today(), 50).unwrap();
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
