//! Narrow terminals: every table keeps its name column wide enough to tell
//! people apart (other columns give way first), and text that does not fit
//! is cut with `…`, in the tables, the detail views, the status line and
//! the footer, at 60×20, 80×24 and 120×40.

use ratatui::crossterm::event::KeyCode;

use super::app::App;
use super::columns::NAME_MIN;
use super::tests::{demo_app, loaded, press, screen, today};
use ties::Store;
use ties::dates::Clock;
use ties::model::{Channel, Kind};
use ties::store::{NewContact, NewInteraction, NewNetwork};

const SIZES: [(u16, u16); 3] = [(60, 20), (80, 24), (120, 40)];

/// A note and a group far wider than any screen.
const LONG_NOTE: &str = "a long afternoon at the library going through the whole roadmap, the budget for next spring and who should be invited to the autumn conference";

fn long_lines_app() -> App {
    let mut store = Store::open_in_memory(Clock::fixed(today())).unwrap();
    let mut ids = Vec::new();
    for name in [
        "Maximiliana Featherstonehaugh",
        "Bartholomew Higginbottom-Smythe",
        "Anna Järvinen",
        "王小明",
        "Zoë Brontë-Ōkubo",
    ] {
        let mut new = NewContact::new(Kind::Person, name);
        new.note = LONG_NOTE.into();
        ids.push(store.add_contact(&new).unwrap());
    }
    let network = store
        .add_network(&NewNetwork::new(
            "The Association of Very Long Network Names in Finland",
        ))
        .unwrap();
    store.join_network(network, &ids).unwrap();
    store
        .log_interaction(&NewInteraction {
            date: today(),
            time: None,
            channel: Channel::Meeting,
            minutes: Some(240),
            network: Some(network),
            note: LONG_NOTE.into(),
            participants: ids,
            items: Vec::new(),
        })
        .unwrap();
    loaded(store)
}

/// The name as the table draws it: whole, or cut with `…` after at least
/// `NAME_MIN` columns less the mark.
fn assert_name_cell(line: &str, name: &str) {
    if line.starts_with(name) {
        return;
    }
    let cut: String = line.split('…').next().unwrap_or_default().to_string();
    assert!(
        line.contains('…') && name.starts_with(&cut),
        "{name:?} drawn as {line:?}"
    );
    assert!(
        ties::text::width(&cut) + 1 >= usize::from(NAME_MIN),
        "{name:?} cut to {cut:?}"
    );
}

#[test]
fn contact_names_show_whole_or_cut_with_a_mark_at_every_size() {
    for app in [&mut demo_app(), &mut long_lines_app()] {
        for (width, height) in SIZES {
            let text = screen(app, width, height);
            let offset = app.hits.list_offset;
            let rows: Vec<&str> = text.lines().skip(4).collect();
            for (n, line) in rows.iter().enumerate() {
                let Some(&index) = app.contacts.visible.get(offset + n) else {
                    break;
                };
                if line.is_empty() {
                    break;
                }
                assert_name_cell(line, &app.contacts.rows[index].contact.name);
            }
        }
    }
}

#[test]
fn narrow_tables_keep_the_name_and_drop_whole_columns() {
    let mut app = demo_app();
    let header = |app: &mut App, w, h| screen(app, w, h).lines().nth(3).unwrap().to_string();
    let words =
        |line: String| -> Vec<String> { line.split_whitespace().map(str::to_string).collect() };
    assert_eq!(
        words(header(&mut app, 60, 20)),
        ["Name", "Last", "Balance", "Reconnect"]
    );
    assert_eq!(
        words(header(&mut app, 80, 24)),
        [
            "Name",
            "Circle",
            "Organisation",
            "Last",
            "Balance",
            "Reconnect"
        ]
    );
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(
        words(header(&mut app, 60, 20)),
        ["Network", "Hours", "a", "month", "Flags"]
    );
    assert_eq!(
        words(header(&mut app, 80, 24)),
        [
            "Network", "Intent", "Hours", "a", "month", "Gave", "Got", "Flags"
        ]
    );
    let wide = words(header(&mut app, 120, 40));
    assert!(wide.contains(&"Role".to_string()) && wide.contains(&"Members".to_string()));
    // The plan's names are cut with a mark, never below the minimum.
    for (width, height) in SIZES {
        let text = screen(&mut app, width, height);
        for row in &app.networks.rows {
            let name = &row.network.name;
            let line = text
                .lines()
                .find(|l| l.starts_with(&name.chars().take(8).collect::<String>()))
                .unwrap_or_else(|| panic!("{name} is not drawn:\n{text}"));
            assert_name_cell(line, name);
        }
    }
}

/// The screen's lines that show part of `text` (from its start) and are
/// cut: each must end in `…`.
fn assert_cut_with_a_mark(screen: &str, text: &str, what: &str) {
    let start: String = text.chars().take(12).collect();
    let lines: Vec<&str> = screen
        .lines()
        .filter_map(|line| line.find(&start).map(|at| &line[at..]))
        .collect();
    assert!(
        !lines.is_empty(),
        "{what}: {start:?} is not drawn:\n{screen}"
    );
    for line in lines {
        let shown = line.trim_end();
        if text.starts_with(shown) && shown.len() < text.len() {
            panic!("{what}: cut without a mark: {shown:?}\n{screen}");
        }
    }
}

#[test]
fn the_detail_views_cut_long_lines_with_a_mark() {
    let mut app = long_lines_app();
    press(&mut app, KeyCode::Enter);
    assert!(app.detail.is_some());
    for (width, height) in SIZES {
        let text = screen(&mut app, width, height);
        assert_cut_with_a_mark(&text, LONG_NOTE, &format!("contact page {width}x{height}"));
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    assert!(app.networks.detail.is_some());
    for (width, height) in SIZES {
        let text = screen(&mut app, width, height);
        assert_cut_with_a_mark(&text, LONG_NOTE, &format!("network view {width}x{height}"));
        let name = "The Association of Very Long Network Names in Finland";
        if width < 80 {
            assert_cut_with_a_mark(&text, name, "the network's name");
        }
    }
}

#[test]
fn the_footer_shows_whole_keys_and_the_status_line_is_cut_with_a_mark() {
    let mut app = demo_app();
    let footer = |app: &mut App, w, h| screen(app, w, h).lines().last().unwrap().to_string();
    assert_eq!(
        footer(&mut app, 60, 20),
        "Enter open  / filter  s sort  a add  x archive  q quit"
    );
    assert!(footer(&mut app, 80, 24).ends_with("? help  l log"));
    app.info(LONG_NOTE);
    let text = screen(&mut app, 60, 20);
    let status = text.lines().nth(18).unwrap();
    assert!(status.ends_with('…') && LONG_NOTE.starts_with(status.trim_end_matches('…')));
}

#[test]
fn narrow_screen_snapshots() {
    let mut app = demo_app();
    insta::assert_snapshot!("contacts_60x20", screen(&mut app, 60, 20));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("detail_60x20", screen(&mut app, 60, 20));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('3'));
    insta::assert_snapshot!("networks_60x20", screen(&mut app, 60, 20));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("network_detail_60x20", screen(&mut app, 60, 20));
}

#[test]
fn help_narrower_than_its_lines_cuts_them_with_a_mark() {
    let mut app = demo_app();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('G'));
    let text = screen(&mut app, 60, 20);
    let line = text
        .lines()
        .find(|l| l.contains("add: gave, got, I promised"))
        .unwrap_or_else(|| panic!("{text}"));
    let inside = line.trim_end_matches('│').trim_end();
    assert!(inside.ends_with('…'), "{line:?}");
    // Wide enough, the same line is whole.
    assert!(screen(&mut app, 120, 40).contains("add: gave, got, I promised, they promised"));
}
