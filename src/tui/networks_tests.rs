//! A network's view driven by keys through the app: members joined by
//! fuzzy search, removed after a one-key question, opened (and Back returns
//! to the network), the note edited, the two panes; asserting on what the
//! store holds, and that nothing is written on cancel.

use ratatui::crossterm::event::KeyCode;

use super::app::{App, Tab};
use super::networks::Pane;
use super::overlay::Overlay;
use super::tests::{ctrl, demo_app, loaded, press, screen, today, type_text};
use ties::Store;
use ties::dates::Clock;
use ties::model::{ContactRef, Kind};
use ties::store::NewNetwork;

const NETWORK: &str = "Tampere Tech";

/// The demo, with `NETWORK` open.
fn network_app() -> App {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('3'));
    let position = app
        .networks
        .visible
        .iter()
        .position(|&i| app.networks.rows[i].network.name == NETWORK)
        .unwrap();
    app.networks.select(position);
    press(&mut app, KeyCode::Enter);
    assert_eq!(view_name(&app), NETWORK);
    app
}

fn view_name(app: &App) -> String {
    app.networks
        .detail
        .as_ref()
        .unwrap()
        .detail
        .network
        .name
        .clone()
}

fn network_id(app: &App) -> i64 {
    app.networks.detail.as_ref().unwrap().id()
}

fn stored_members(app: &App, id: i64) -> Vec<ContactRef> {
    app.store.network_detail(id, Some(0)).unwrap().members
}

fn selected_member(app: &App) -> ContactRef {
    let view = app.networks.detail.as_ref().unwrap();
    view.selected_member().cloned().unwrap()
}

/// Active people who are not members, by id.
fn non_members(app: &App, id: i64) -> Vec<ContactRef> {
    let members: Vec<i64> = stored_members(app, id).iter().map(|m| m.id).collect();
    app.store
        .contact_candidates(Some(Kind::Person))
        .unwrap()
        .into_iter()
        .filter(|c| !c.archived && !members.contains(&c.id))
        .map(|c| c.reference())
        .collect()
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn everything(app: &App) -> serde_json::Value {
    serde_json::to_value(ties::export::snapshot(&app.store).unwrap()).unwrap()
}

#[test]
fn enter_on_a_member_opens_their_page_and_back_returns_to_the_network() {
    let mut app = network_app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let member = selected_member(&app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Contacts);
    assert_eq!(app.detail.as_ref().unwrap().contact_ref(), member);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Networks);
    assert!(app.detail.is_none());
    assert_eq!(view_name(&app), NETWORK, "back in the network");
    assert_eq!(selected_member(&app), member, "on the same member");
    // Esc again leaves the network for the plan, as before.
    press(&mut app, KeyCode::Esc);
    assert!(app.networks.detail.is_none());

    // A contact opened from the Contacts tab still goes back to the list.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Contacts);
}

#[test]
fn a_adds_members_picked_by_fuzzy_search_in_one_save() {
    let mut app = network_app();
    let id = network_id(&app);
    let before = stored_members(&app, id);
    let newcomers: Vec<ContactRef> = non_members(&app, id).into_iter().take(2).collect();
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.overlay, Some(Overlay::Members(_))));
    type_text(&mut app, &newcomers[0].name);
    insta::assert_snapshot!("member_picker_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("member_picker_120x40", screen(&mut app, 120, 40));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, &newcomers[1].name);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        stored_members(&app, id),
        before,
        "nothing is written before the save"
    );
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("[{}]", newcomers[0].name))
            && text.contains(&format!("[{}]", newcomers[1].name)),
        "{text}"
    );
    // Enter with nothing typed saves, like Ctrl-S.
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{}", status(&app));
    let after: Vec<i64> = stored_members(&app, id).iter().map(|m| m.id).collect();
    assert_eq!(after.len(), before.len() + 2);
    for newcomer in &newcomers {
        assert!(
            after.contains(&newcomer.id),
            "{} did not join",
            newcomer.name
        );
    }
    assert_eq!(
        status(&app),
        format!(
            "Added {} and {} to {NETWORK}",
            newcomers[0].name, newcomers[1].name
        )
    );
    let view = app.networks.detail.as_ref().unwrap();
    assert_eq!(view.detail.members.len(), after.len(), "the view is reread");

    // Ctrl-S saves too.
    let third = non_members(&app, id).remove(0);
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, &third.name);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    assert!(stored_members(&app, id).iter().any(|m| m.id == third.id));
}

#[test]
fn members_are_not_offered_and_cancelling_the_picker_writes_nothing() {
    let mut app = network_app();
    let id = network_id(&app);
    let before = everything(&app);
    let member = selected_member(&app);
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, &member.name);
    // Only those not in the network are offered: Enter picks someone else
    // or no one, never the member.
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains(&format!("[{}]", member.name)), "{text}");
    // Nothing chosen: Enter asks for a name and saves nothing.
    let mut app = network_app();
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_some());
    assert!(screen(&mut app, 80, 24).contains("type a name and press Enter"));
    // Esc on an untouched picker closes it; on a chosen one it asks first.
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    let newcomer = non_members(&app, id).remove(0);
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, &newcomer.name);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("Discard this entry?"));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(everything(&app), before, "nothing was written");
}

#[test]
fn x_removes_the_selected_member_after_y_and_anything_else_keeps_them() {
    let mut app = network_app();
    let id = network_id(&app);
    let before = everything(&app);
    press(&mut app, KeyCode::Char('j'));
    let member = selected_member(&app);
    let next = stored_members(&app, id)[2].clone();
    press(&mut app, KeyCode::Char('x'));
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains(&format!("Remove {} from {NETWORK}?", member.name)),
        "{text}"
    );
    insta::assert_snapshot!("remove_member_80x24", text);
    insta::assert_snapshot!("remove_member_120x40", screen(&mut app, 120, 40));
    for keep in [KeyCode::Char('n'), KeyCode::Esc] {
        press(&mut app, keep);
        assert!(app.overlay.is_none(), "{keep:?} closes the question");
        press(&mut app, KeyCode::Char('x'));
    }
    // Keys that are no answer leave the question up.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    assert!(app.overlay.is_some());
    assert_eq!(everything(&app), before, "nothing was written");

    press(&mut app, KeyCode::Char('y'));
    assert!(app.overlay.is_none());
    let members = stored_members(&app, id);
    assert!(
        !members.contains(&member),
        "{} is still a member",
        member.name
    );
    assert_eq!(
        members.len(),
        app.store.network(id).unwrap().member_count as usize
    );
    assert_eq!(
        status(&app),
        format!("Removed {} from {NETWORK}", member.name)
    );
    assert_eq!(selected_member(&app), next, "the next member is selected");
    // Their interactions stay.
    let after = everything(&app);
    assert_eq!(before["interactions"], after["interactions"]);
}

#[test]
fn n_edits_the_note_in_the_network_form_and_cancel_keeps_it() {
    let mut app = network_app();
    let id = network_id(&app);
    let before = app.store.network(id).unwrap();
    assert_eq!(before.note, "Monthly meetups at Tullikamari");
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.overlay, Some(Overlay::Network(_))));
    insta::assert_snapshot!("network_note_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("network_note_120x40", screen(&mut app, 120, 40));
    // A note is kept and added to: typing goes at its end.
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Talk proposal due in January");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.store.network(id).unwrap(),
        before,
        "cancel writes nothing"
    );

    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Talk proposal due in January");
    ctrl(&mut app, 's');
    assert!(app.overlay.is_none(), "{}", status(&app));
    let after = app.store.network(id).unwrap();
    assert_eq!(
        after.note,
        "Monthly meetups at Tullikamari\nTalk proposal due in January"
    );
    assert_eq!((after.role, after.goal), (before.role, before.goal));
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("note  Monthly meetups at Tullikamari · Talk proposal due in January"),
        "{text}"
    );

    // `e` reaches the note too, after the plan's fields; Ctrl-U clears its line.
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    press(&mut app, KeyCode::Backspace);
    ctrl(&mut app, 'u');
    ctrl(&mut app, 's');
    assert_eq!(app.store.network(id).unwrap().note, "");
    assert!(!screen(&mut app, 120, 40).contains("note  "));
}

#[test]
fn left_and_right_move_the_keys_between_members_and_interactions() {
    let mut app = network_app();
    screen(&mut app, 120, 40);
    let view = |app: &App| {
        let v = app.networks.detail.as_ref().unwrap();
        (v.pane, v.members.selected().unwrap(), v.scroll)
    };
    assert_eq!(view(&app), (Pane::Members, 0, 0));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Down);
    assert_eq!(view(&app), (Pane::Members, 2, 0));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(view(&app), (Pane::Interactions, 2, 1));
    let rows = app.networks.detail.as_ref().unwrap().interaction_rows;
    press(&mut app, KeyCode::PageDown);
    assert_eq!(view(&app), (Pane::Interactions, 2, 1 + rows));
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Left);
    assert_eq!(view(&app), (Pane::Members, 2, 0));
    press(&mut app, KeyCode::End);
    let last = app.networks.detail.as_ref().unwrap().detail.members.len() - 1;
    assert_eq!(view(&app), (Pane::Members, last, 0));
    ctrl(&mut app, 'u');
    assert!(view(&app).1 < last);
    // Enter opens the selected member even while the interactions scroll.
    press(&mut app, KeyCode::Right);
    let member = selected_member(&app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.detail.as_ref().unwrap().contact_ref(), member);
}

#[test]
fn network_view_snapshots() {
    let mut app = network_app();
    insta::assert_snapshot!("network_view_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("network_view_120x40", screen(&mut app, 120, 40));
    insta::assert_snapshot!("network_view_60x20", screen(&mut app, 60, 20));
    press(&mut app, KeyCode::Right);
    insta::assert_snapshot!("network_view_interactions_80x24", screen(&mut app, 80, 24));
}

#[test]
fn a_network_without_members_says_how_to_add_them() {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    store.add_network(&NewNetwork::new("Book club")).unwrap();
    let anna = store
        .add_contact(&ties::store::NewContact::new(
            ties::model::Kind::Person,
            "Anna Järvinen",
        ))
        .unwrap();
    let mut app = loaded(store);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("No members yet: a adds some."), "{text}");
    for key in ['j', 'G', 'g'] {
        press(&mut app, KeyCode::Char(key));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.detail.is_none(), "no member to open");
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_none());
    assert_eq!(status(&app), "No member to remove: a adds some");
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "anna");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let id = network_id(&app);
    assert_eq!(
        stored_members(&app, id)
            .iter()
            .map(|m| m.id)
            .collect::<Vec<_>>(),
        [anna]
    );
    assert_eq!(
        selected_member(&app).id,
        anna,
        "the first member is selected"
    );
}
