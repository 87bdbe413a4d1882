//! Fixing the record from the UI (issue 11): the timeline's cursor, editing
//! and deleting an interaction, reopening a kept promise, undo of any
//! change (the UI's or the command line's), driven by keys through the
//! app as a user would.

use ratatui::crossterm::event::KeyCode;

use super::app::App;
use super::tests::{ctrl, demo_app, press, screen, type_text};
use ties::model::{Interaction, ItemState};

/// Opens the page of the contact `id` from the contacts list.
pub fn open_contact(app: &mut App, id: i64) {
    let position = app
        .contacts
        .visible
        .iter()
        .position(|&i| app.contacts.rows[i].contact.id == id)
        .expect("the contact is listed");
    app.contacts.select(position);
    press(app, KeyCode::Enter);
    assert_eq!(app.detail.as_ref().unwrap().contact_ref().id, id);
}

/// A contact with at least `n` interactions, the first with items.
pub fn busy_contact(app: &App, n: usize) -> i64 {
    app.contacts
        .rows
        .iter()
        .map(|row| row.contact.id)
        .find(|&id| {
            let interactions = app.store.interactions_of_contact(id, None).unwrap();
            interactions.len() >= n && !interactions[1].items.is_empty()
        })
        .expect("the demo has busy contacts")
}

fn timeline(app: &App) -> Vec<Interaction> {
    app.detail.as_ref().unwrap().detail.interactions.clone()
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn enter_gives_the_keys_to_the_timeline_and_j_moves_its_cursor() {
    let mut app = demo_app();
    let id = busy_contact(&app, 3);
    open_contact(&mut app, id);
    press(&mut app, KeyCode::Enter);
    let detail = app.detail.as_ref().unwrap();
    assert!(detail.timeline_focused);
    assert_eq!(detail.cursor, 0);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('k'));
    let detail = app.detail.as_ref().unwrap();
    assert_eq!(detail.cursor, 1);
    assert_eq!(
        detail.selected_interaction().map(|i| i.id),
        Some(timeline(&app)[1].id)
    );
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("▸ "), "the cursor shows:\n{text}");
    insta::assert_snapshot!("timeline_cursor_120x40", text);
    insta::assert_snapshot!("timeline_cursor_80x24", screen(&mut app, 80, 24));
    // Esc gives the keys back to the page, a second Esc leaves it.
    press(&mut app, KeyCode::Esc);
    assert!(!app.detail.as_ref().unwrap().timeline_focused);
    assert!(!screen(&mut app, 120, 40).contains("▸ "));
    press(&mut app, KeyCode::Esc);
    assert!(app.detail.is_none());
}

#[test]
fn d_deletes_the_interaction_after_y_and_u_brings_it_back_exactly() {
    let mut app = demo_app();
    let id = busy_contact(&app, 3);
    open_contact(&mut app, id);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    let target = timeline(&app)[1].clone();
    press(&mut app, KeyCode::Char('d'));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Delete the"), "{text}");
    insta::assert_snapshot!("delete_interaction_80x24", text);
    insta::assert_snapshot!("delete_interaction_120x40", screen(&mut app, 120, 40));

    // Any key but y keeps it.
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none());
    assert!(app.store.interaction(target.id).is_ok());

    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store.interaction(target.id).is_err(), "deleted");
    assert!(
        !timeline(&app).iter().any(|i| i.id == target.id),
        "reloaded"
    );
    assert!(status(&app).starts_with("Deleted the"), "{}", status(&app));
    assert!(status(&app).ends_with("u to undo"), "{}", status(&app));

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.store.interaction(target.id).unwrap(), target);
    assert!(timeline(&app).iter().any(|i| i.id == target.id), "reloaded");
    assert!(status(&app).starts_with("Undid: "), "{}", status(&app));
}

#[test]
fn the_undo_message_names_the_key_as_bound() {
    let overrides = [("undo".to_string(), "U".to_string())];
    let keymap = super::keymap::Keymap::with_overrides(overrides.iter().map(|(a, b)| (a, b)));
    let mut app = demo_app();
    app.keymap = keymap.unwrap();
    press(&mut app, KeyCode::Char('x'));
    assert!(status(&app).ends_with("U to undo"), "{}", status(&app));
    press(&mut app, KeyCode::Char('U'));
    assert!(
        status(&app).starts_with("Undid: archived"),
        "{}",
        status(&app)
    );
}

#[test]
fn e_edits_the_interaction_in_the_log_form_as_one_change() {
    let mut app = demo_app();
    let id = busy_contact(&app, 3);
    open_contact(&mut app, id);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    let before = timeline(&app)[1].clone();
    let entries = app.store.history(1000).unwrap().len();
    press(&mut app, KeyCode::Char('e'));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Edit the"), "{text}");
    assert!(text.contains(&before.date.to_string()), "{text}");
    // Participants, Date, Note: the note gets a line more.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "and a follow-up");
    // Items: the first row goes.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Delete);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "saved: {}", status(&app));
    let after = app.store.interaction(before.id).unwrap();
    assert!(after.note.ends_with("and a follow-up"), "{}", after.note);
    assert_eq!(after.items.len(), before.items.len() - 1);
    assert_eq!(after.items[..], before.items[1..]);
    assert_eq!((after.date, after.channel), (before.date, before.channel));
    assert_eq!(after.participants, before.participants);
    assert_eq!(
        app.store.history(1000).unwrap().len(),
        entries + 1,
        "one change"
    );
    assert!(status(&app).starts_with("Saved the"), "{}", status(&app));

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.store.interaction(before.id).unwrap(), before);
}

#[test]
fn saving_an_unchanged_edit_writes_nothing() {
    let mut app = demo_app();
    let id = busy_contact(&app, 3);
    open_contact(&mut app, id);
    let entries = app.store.history(1000).unwrap().len();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some());
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none());
    assert_eq!(app.store.history(1000).unwrap().len(), entries);
    // Untouched, Esc closes at once.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn o_reopens_a_kept_promise_on_the_timeline() {
    let mut app = demo_app();
    // An open promise made before today, kept today: a kept promise.
    let (contact, interaction, item) = app
        .contacts
        .rows
        .iter()
        .find_map(|row| {
            let id = row.contact.id;
            let list = app.store.interactions_of_contact(id, None).unwrap();
            list.iter().enumerate().find_map(|(n, i)| {
                i.items
                    .iter()
                    .find(|it| it.state == ItemState::Open && i.date < super::tests::today())
                    .map(|it| (id, n, it.id))
            })
        })
        .expect("the demo has open promises");
    app.store.settle_item(item).unwrap();
    open_contact(&mut app, contact);
    press(&mut app, KeyCode::Enter);
    for _ in 0..interaction {
        press(&mut app, KeyCode::Char('j'));
    }
    assert!(screen(&mut app, 120, 40).contains("✓ "));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.store.item(item).unwrap().state, ItemState::Open);
    assert!(status(&app).starts_with("Open again: "), "{}", status(&app));
    // Nothing kept left there: o says so and writes nothing.
    let entries = app.store.history(1000).unwrap().len();
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.store.history(1000).unwrap().len(), entries);
}

#[test]
fn u_undoes_a_change_made_by_the_command_line() {
    let mut app = demo_app();
    let target = app.contacts.selected_ref().unwrap();
    // What `ties archive NAME` does, through the same store, as another
    // process would; the UI has not seen it.
    app.store.set_archived(target.id, true).unwrap();
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.store.contact(target.id).unwrap().archived);
    assert!(
        status(&app).starts_with("Undid: archived"),
        "{}",
        status(&app)
    );
    // Nothing left that this session or the demo made: a refusal, said.
    let mut empty = super::tests::empty_app();
    press(&mut empty, KeyCode::Char('u'));
    assert_eq!(status(&empty), "Nothing to undo");
}

#[test]
fn the_archived_view_shows_archived_contacts_and_brings_one_back() {
    let mut app = demo_app();
    let target = app.contacts.selected_ref().unwrap();
    press(&mut app, KeyCode::Char('x'));
    let active = app.contacts.rows.len();
    press(&mut app, KeyCode::Char('A'));
    assert!(app.contacts.archived);
    let shown: Vec<i64> = app.contacts.rows.iter().map(|r| r.contact.id).collect();
    assert!(shown.contains(&target.id), "{shown:?}");
    assert!(app.contacts.rows.iter().all(|r| r.contact.archived));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("archived contacts · sorted by name"),
        "{text}"
    );
    insta::assert_snapshot!("archived_view_80x24", text);
    insta::assert_snapshot!("archived_view_120x40", screen(&mut app, 120, 40));

    // x brings the selected one back; it leaves this view.
    let position = app
        .contacts
        .visible
        .iter()
        .position(|&i| app.contacts.rows[i].contact.id == target.id)
        .unwrap();
    app.contacts.select(position);
    press(&mut app, KeyCode::Char('x'));
    assert!(!app.store.contact(target.id).unwrap().archived);
    assert!(status(&app).ends_with("is back"), "{}", status(&app));
    assert!(!app.contacts.rows.iter().any(|r| r.contact.id == target.id));
    press(&mut app, KeyCode::Char('A'));
    assert!(!app.contacts.archived);
    assert_eq!(app.contacts.rows.len(), active + 1);
}

#[test]
fn hash_shows_ids_so_two_of_one_name_can_be_told_apart() {
    let mut app = demo_app();
    let first = app.contacts.selected_ref().unwrap();
    let twin = app
        .store
        .add_contact(&ties::store::NewContact::new(
            ties::model::Kind::Org,
            first.name.clone(),
        ))
        .unwrap();
    app.refresh();
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains(&format!("#{}", first.id)), "{text}");
    press(&mut app, KeyCode::Char('#'));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("{} #{}", first.name, first.id)),
        "{text}"
    );
    assert!(
        text.contains(&format!("{} #{}", first.name, twin)),
        "{text}"
    );
    press(&mut app, KeyCode::Char('#'));
    assert!(!screen(&mut app, 80, 24).contains(&format!("#{twin}")));
}

/// A second person with one interaction of their own (a duplicate added
/// by mistake), and the busy person it duplicates.
fn with_duplicate(app: &mut App) -> (i64, i64) {
    let keep = app
        .contacts
        .rows
        .iter()
        .find(|r| r.contact.kind == ties::model::Kind::Person && r.contact.interaction_count > 2)
        .map(|r| r.contact.id)
        .unwrap();
    let new = ties::store::NewContact::new(ties::model::Kind::Person, "Zyx Duplicate");
    let other = app.store.add_contact(&new).unwrap();
    app.store
        .log_interaction(&ties::store::NewInteraction {
            date: super::tests::today(),
            time: None,
            channel: ties::model::Channel::Call,
            minutes: None,
            network: None,
            note: "logged with the duplicate".into(),
            participants: vec![other],
            items: vec![ties::store::NewItem {
                counterparty: other,
                direction: ties::model::Direction::Gave,
                kind: ties::model::ItemKind::Help,
                weight: 3,
                state: ItemState::Done,
                note: String::new(),
            }],
        })
        .unwrap();
    app.refresh();
    (keep, other)
}

#[test]
fn m_merges_a_picked_contact_after_showing_the_plan_and_u_takes_it_back() {
    let mut app = demo_app();
    let (keep, other) = with_duplicate(&mut app);
    let before = app.store.interactions_of_contact(keep, None).unwrap().len();
    open_contact(&mut app, keep);
    press(&mut app, KeyCode::Char('M'));
    type_text(&mut app, "Zyx Dup");
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    for part in [
        "Merge Zyx Duplicate",
        "interactions",
        "1 move",
        "balance",
        "→",
        "u to undo",
    ] {
        assert!(text.contains(part), "lacks {part}:\n{text}");
    }
    insta::assert_snapshot!("merge_plan_80x24", text);
    insta::assert_snapshot!("merge_plan_120x40", screen(&mut app, 120, 40));
    assert!(app.store.contact(other).is_ok(), "nothing changed yet");

    press(&mut app, KeyCode::Char('y'));
    assert!(app.overlay.is_none());
    assert!(app.store.contact(other).is_err(), "the other is gone");
    let now = app.store.interactions_of_contact(keep, None).unwrap();
    assert_eq!(now.len(), before + 1);
    assert!(
        status(&app).starts_with("Merged Zyx Duplicate"),
        "{}",
        status(&app)
    );
    assert!(status(&app).ends_with("u to undo"));
    assert_eq!(timeline(&app).len(), before + 1, "the page reloaded");

    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.store.contact(other).unwrap().name, "Zyx Duplicate");
    assert_eq!(
        app.store.interactions_of_contact(keep, None).unwrap().len(),
        before
    );
    assert_eq!(
        app.store
            .interactions_of_contact(other, None)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn merge_keeps_both_on_any_other_key_and_offers_only_the_same_kind() {
    let mut app = demo_app();
    let (keep, other) = with_duplicate(&mut app);
    let entries = app.store.history(1000).unwrap().len();
    open_contact(&mut app, keep);
    press(&mut app, KeyCode::Char('M'));
    // An organisation is not offered to merge into a person.
    type_text(&mut app, "Aalto-yliopisto");
    assert!(screen(&mut app, 80, 24).contains("no other contact of this kind"));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Zyx");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    assert!(app.overlay.is_none());
    assert!(app.store.contact(other).is_ok());
    assert_eq!(app.store.history(1000).unwrap().len(), entries);
}

#[test]
fn shift_d_deletes_the_contact_after_the_summary_and_u_brings_it_all_back() {
    let mut app = demo_app();
    let (_, other) = with_duplicate(&mut app);
    let interactions = app.store.interactions_of_contact(other, None).unwrap();
    open_contact(&mut app, other);
    press(&mut app, KeyCode::Char('D'));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("Delete Zyx Duplicate") && text.contains("1 interaction, 1 item"),
        "{text}"
    );
    // Any key but y keeps it.
    press(&mut app, KeyCode::Char('j'));
    assert!(app.store.contact(other).is_ok());
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store.contact(other).is_err());
    assert!(app.detail.is_none(), "the page of a deleted contact closes");
    assert!(
        status(&app).starts_with("Deleted Zyx Duplicate"),
        "{}",
        status(&app)
    );
    assert!(status(&app).ends_with("u to undo"), "{}", status(&app));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.store.contact(other).unwrap().name, "Zyx Duplicate");
    assert_eq!(
        app.store.interactions_of_contact(other, None).unwrap(),
        interactions
    );
}

#[test]
fn help_lists_the_new_keys_where_they_work() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('?'));
    let contacts = screen(&mut app, 120, 40);
    for line in [
        "A          archived contacts",
        "#          show ids",
        "u          undo the newest change",
        "Ctrl-Z     suspend",
    ] {
        assert!(contacts.contains(line), "lacks {line:?}:\n{contacts}");
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    let page = screen(&mut app, 120, 40);
    for line in [
        "Enter      edit the interaction",
        "→ ←        contact or timeline",
        "d          delete the interaction",
        "o          reopen a kept promise",
        "M          merge with another contact",
        "D          delete the contact",
    ] {
        assert!(page.contains(line), "lacks {line:?}:\n{page}");
    }
}

#[test]
fn the_edit_form_shows_and_changes_the_time_of_day() {
    let mut app = demo_app();
    let id = busy_contact(&app, 3);
    open_contact(&mut app, id);
    press(&mut app, KeyCode::Enter);
    let before = timeline(&app)[0].clone();
    press(&mut app, KeyCode::Enter);
    // Participants … Network, then Time: the last field.
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, "9:05");
    ctrl(&mut app, 's');
    let after = app.store.interaction(before.id).unwrap();
    assert_eq!(after.time.as_deref(), Some("09:05"));
    assert_eq!(after.note, before.note);
    // Opened again, the form shows it.
    let at = timeline(&app)
        .iter()
        .position(|i| i.id == before.id)
        .unwrap();
    app.detail.as_mut().unwrap().cursor = at;
    press(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 120, 40).contains("09:05"));
    // A time that is none is refused, writing nothing.
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, "25:00");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_some());
    assert!(screen(&mut app, 120, 40).contains("a time of day like 14:30"));
    assert_eq!(
        app.store.interaction(before.id).unwrap().time.as_deref(),
        Some("09:05")
    );
}

#[test]
fn a_long_message_keeps_how_to_undo_in_view() {
    let mut app = demo_app();
    let (_, other) = with_duplicate(&mut app);
    open_contact(&mut app, other);
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    let text = screen(&mut app, 60, 20);
    let line = text.lines().nth(18).unwrap();
    assert!(
        line.starts_with("Deleted Zyx") && line.ends_with("… · u to undo"),
        "{line}"
    );
}

#[test]
fn adding_a_contact_by_a_name_already_there_says_so() {
    let mut app = demo_app();
    // A person (the form adds a person unless told otherwise).
    let existing = app
        .contacts
        .rows
        .iter()
        .find(|r| r.contact.kind == ties::model::Kind::Person)
        .map(|r| ties::model::ContactRef {
            id: r.contact.id,
            name: r.contact.name.clone(),
        })
        .unwrap();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, &existing.name);
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "added: {}", status(&app));
    let said = status(&app);
    assert!(
        said.contains(&format!("note: {} #{} has", existing.name, existing.id)),
        "{said}"
    );
    // A name like no other: no note.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Qwzx Unlikely");
    ctrl(&mut app, 's');
    assert_eq!(status(&app), "Added Qwzx Unlikely");
}
