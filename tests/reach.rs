//! Beyond the app (issue 14), through the real binary: dates and
//! birthdays, `ties due`, the iCalendar export, search, completions and the
//! manual page, with every bad input refused in one line and nothing
//! written.

mod common;

use chrono::NaiveDate;
use common::{Env, dump_tables};
use serde_json::Value;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Runs a command that must fail: one line, and not a byte of the database
/// changed. Returns the message.
fn refused(env: &Env, args: &[&str]) -> String {
    if !env.db.exists() {
        env.create_empty();
    }
    let before = dump_tables(&env.db, &[]);
    let err = env.fails(args);
    // A usage error is clap's whole message ending at the command's help;
    // any other refusal is one line.
    if !err.contains("\n\nFor more information, try `ties ") {
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        dump_tables(&env.db, &[]),
        before,
        "{args:?} changed the database"
    );
    err
}

fn dates_of(env: &Env, who: &str) -> Value {
    env.json(&["show", who])["dates"].clone()
}

// ---------------------------------------------------------------------------
// Dates and birthdays
// ---------------------------------------------------------------------------

#[test]
fn birthdays_with_and_without_a_year_and_cleared() {
    let env = Env::new();
    let added = env.json(&["add", "person", "Anna Järvinen", "--birthday", "1990-02-14"]);
    assert_eq!(added["birthday"], "1990-02-14");
    let edited = env.json(&["edit", "anna", "--birthday", "--02-14"]);
    assert_eq!(edited["birthday"], "--02-14");
    let edited = env.json(&["edit", "anna", "--birthday", "02-15"]);
    assert_eq!(
        edited["birthday"], "--02-15",
        "MM-DD is a day without a year"
    );
    let edited = env.json(&["edit", "anna", "--birthday", "none"]);
    assert_eq!(edited["birthday"], Value::Null);
}

#[test]
fn labelled_dates_are_set_replaced_and_removed() {
    let env = Env::new();
    env.ok(&["add", "person", "Anna Järvinen"]);
    env.ok(&[
        "edit",
        "anna",
        "--date",
        "anniversary=2015-06-01",
        "--date",
        "name day=12-09",
        "--date",
        "moving day=2027-03-01 once",
    ]);
    let dates = dates_of(&env, "anna");
    let expected = serde_json::json!([
        { "label": "moving day", "date": "2027-03-01", "yearly": false },
        { "label": "anniversary", "date": "2015-06-01", "yearly": true },
        { "label": "name day", "date": "--12-09", "yearly": true },
    ]);
    assert_eq!(dates, expected, "calendar order");
    // The same label, in another case, replaces the date.
    env.ok(&["edit", "anna", "--date", "Anniversary=2016-06-01"]);
    env.ok(&["edit", "anna", "--remove-date", "NAME DAY"]);
    let dates = dates_of(&env, "anna");
    assert_eq!(dates.as_array().unwrap().len(), 2);
    assert_eq!(dates[1]["label"], "Anniversary");
    assert_eq!(dates[1]["date"], "2016-06-01");
    let shown = env.ok(&["show", "anna"]);
    assert!(
        shown.contains("Anniversary: 2016-06-01 (next 2027-06-01"),
        "{shown}"
    );
    // Dates on add, too.
    let bob = env.json(&[
        "add",
        "person",
        "Bob",
        "--date",
        "started at Kasvu=2020-01-07",
    ]);
    assert_eq!(bob["dates"][0]["label"], "started at Kasvu");
}

#[test]
fn bad_dates_are_refused_naming_the_flag_and_writing_nothing() {
    let env = Env::new();
    env.ok(&[
        "add",
        "person",
        "Anna Järvinen",
        "--date",
        "anniversary=2015-06-01",
    ]);
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["edit", "anna", "--birthday", "--02-30"],
            &["--birthday", "'--02-30'", "--MM-DD"],
        ),
        (
            &["add", "person", "Bob", "--birthday", "1990-13-01"],
            &["--birthday", "'1990-13-01'"],
        ),
        (
            &["edit", "anna", "--date", "anniversary"],
            &["--date", "LABEL=DATE"],
        ),
        (
            &["edit", "anna", "--date", "x=--02-30"],
            &["--date", "'--02-30'"],
        ),
        (
            &["edit", "anna", "--date", "wedding=06-12 once"],
            &["--date", "one-off"],
        ),
        (
            &["edit", "anna", "--date", "birthday=1990-01-01"],
            &["--date", "birthday has a field of its own"],
        ),
        (
            &["edit", "anna", "--remove-date", "name day"],
            &["no date labelled 'name day'", "ties show"],
        ),
        (
            &[
                "add",
                "person",
                "Bob",
                "--date",
                "a=2020-01-01",
                "--date",
                "A=2021-01-01",
            ],
            &["--date", "twice"],
        ),
        (&["dates", "--within", "-1d"], &["--within", "'-1d'", "7d"]),
        (&["due", "--within", "soon"], &["--within", "'soon'"]),
        (&["export", "ics", "--within", "-1y"], &["--within"]),
    ];
    for (args, words) in cases {
        let err = refused(&env, args);
        for word in *words {
            assert!(err.contains(word), "{args:?}: {err}");
        }
    }
}

#[test]
fn dates_coming_up_soonest_first_and_leap_days_on_28_february() {
    let env = Env::new();
    env.ok(&["add", "person", "Anna Järvinen", "--birthday", "1990-12-01"]);
    env.ok(&["add", "person", "Leap Person", "--birthday", "2000-02-29"]);
    env.ok(&[
        "add",
        "person",
        "Bob",
        "--date",
        "anniversary=2015-11-28",
        "--date",
        "name day=12-09",
    ]);
    env.ok(&["add", "person", "Gone", "--birthday", "--11-27"]);
    env.ok(&["archive", "gone"]);

    let found = env.json(&["dates"])["dates"].take();
    let rows: Vec<(String, String, Value)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["label"].as_str().unwrap().to_string(),
                o["on"].as_str().unwrap().to_string(),
                o["years"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("anniversary".into(), "2026-11-28".into(), Value::from(11)),
            ("birthday".into(), "2026-12-01".into(), Value::from(36)),
            ("name day".into(), "2026-12-09".into(), Value::Null),
        ],
        "30 days by default, archived contacts left out"
    );
    assert_eq!(found[1]["contact"]["name"], "Anna Järvinen");
    assert_eq!(found[1]["in_days"], 5);

    // 2027 has no 29 February: the leap-day birthday falls on the 28th.
    let year = env.json(&["dates", "--within", "1y"])["dates"].take();
    let leap = year
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["contact"]["name"] == "Leap Person")
        .unwrap();
    assert_eq!(leap["on"], "2027-02-28");
    assert_eq!(leap["years"], 27);

    let text = env.ok(&["dates"]);
    assert!(text.contains("birthday, turns 36"), "{text}");
    assert!(text.contains("anniversary, 11 years"), "{text}");
    let none = Env::new();
    none.create_empty();
    assert!(none.ok(&["dates"]).contains("No birthdays or dates"));
}

#[test]
fn the_review_shows_the_dates_of_the_next_14_days() {
    let env = Env::new();
    env.ok(&["add", "person", "Anna Järvinen", "--birthday", "1990-12-01"]);
    env.ok(&["add", "person", "Later", "--birthday", "1990-12-20"]);
    let review = env.json(&["review"]);
    let dates = review["dates"].as_array().unwrap();
    assert_eq!(dates.len(), 1, "{dates:?}");
    assert_eq!(dates[0]["contact"]["name"], "Anna Järvinen");
    let text = env.ok(&["review"]);
    assert!(text.contains("Dates"), "{text}");
    assert!(text.contains("Anna Järvinen"), "{text}");
}

#[test]
fn dates_survive_the_json_round_trip_and_older_files_still_import() {
    let env = Env::new();
    env.ok(&["add", "person", "Anna Järvinen", "--birthday", "--02-29"]);
    env.ok(&[
        "edit",
        "anna",
        "--date",
        "anniversary=2015-06-01",
        "--date",
        "moving day=2027-03-01 once",
    ]);
    let file = env.dir.path().join("all.json");
    env.ok(&["export", "json", "-o", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    let exported: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(exported["version"], 1, "fields added with defaults");

    let copy = Env::new();
    copy.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(dates_of(&copy, "anna"), dates_of(&env, "anna"));
    assert_eq!(copy.json(&["show", "anna"])["birthday"], "--02-29");
    let merged = Env::new();
    merged.ok(&["add", "person", "Someone"]);
    merged.ok(&["import", "json", file.to_str().unwrap(), "--merge"]);
    assert_eq!(dates_of(&merged, "anna"), dates_of(&env, "anna"));

    // A file of a ties without dates: no "dates" key at all.
    let mut old = exported.clone();
    for contact in old["contacts"].as_array_mut().unwrap() {
        contact.as_object_mut().unwrap().remove("dates");
    }
    let old_file = env.dir.path().join("old.json");
    std::fs::write(&old_file, serde_json::to_string(&old).unwrap()).unwrap();
    let older = Env::new();
    older.ok(&["import", "json", old_file.to_str().unwrap()]);
    assert_eq!(dates_of(&older, "anna"), serde_json::json!([]));

    // A date the rules refuse, by file, names the record.
    let mut bad = exported;
    bad["contacts"][0]["dates"][0]["date"] = Value::from("--02-30");
    let bad_file = env.dir.path().join("bad.json");
    std::fs::write(&bad_file, serde_json::to_string(&bad).unwrap()).unwrap();
    let fresh = Env::new();
    let err = refused(&fresh, &["import", "json", bad_file.to_str().unwrap()]);
    assert!(err.contains("contact #1 (Anna Järvinen)"), "{err}");
    assert!(err.contains("'--02-30'"), "{err}");
}

// ---------------------------------------------------------------------------
// ties due
// ---------------------------------------------------------------------------

#[test]
fn due_prints_nothing_at_all_when_nothing_is_due() {
    let env = Env::new();
    env.ok(&["add", "person", "Anna Järvinen"]);
    let output = env.cmd().arg("due").output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty(), "{:?}", output.stdout);
    assert!(output.stderr.is_empty());
    assert_eq!(env.ok(&["due", "--count"]), "0\n");
    // No database yet: nothing due, and none created.
    let empty = Env::new();
    assert_eq!(empty.ok(&["due"]), "");
    assert_eq!(empty.ok(&["due", "--count"]), "0\n");
    assert!(!empty.db.exists());
}

#[test]
fn due_lists_reconnects_old_promises_and_dates_one_line_each() {
    let env = Env::new();
    // Due: a friend last seen 40 days ago (every 30 d), a promise of 40 days.
    env.ok(&[
        "add",
        "person",
        "Anna Järvinen",
        "--circle",
        "friend",
        "--birthday",
        "1990-11-30",
    ]);
    env.ok(&["add", "person", "Bob Smith", "--circle", "work"]);
    env.ok(&["add", "person", "Cleo", "--circle", "family"]);
    env.ok(&["log", "anna", "-d", "-40d", "--promise", "send slides"]);
    // Not due: Bob seen yesterday; a promise of yesterday (under 14 days);
    // their promise to you; Cleo snoozed.
    env.ok(&[
        "log",
        "bob",
        "-d",
        "yesterday",
        "--promise",
        "call back",
        "--expect",
        "intro",
    ]);
    env.ok(&["edit", "cleo", "--snooze", "2w"]);
    let text = env.ok(&["due"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "reconnect: Anna Järvinen (#1), 10 d overdue",
            "promise: send slides, to Anna Järvinen (#1), 40 d old (item #1)",
            "birthday: Anna Järvinen (#1) turns 36, in 4 d (2026-11-30)",
        ],
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour");
    assert_eq!(env.ok(&["due", "--count"]), "3\n");
    assert_eq!(env.json(&["due", "--count"])["count"], 3);

    let json = env.json(&["due"]);
    assert_eq!(json["until"], "2026-12-03");
    assert_eq!(json["reconnect"][0]["contact"]["name"], "Anna Järvinen");
    assert_eq!(json["reconnect"][0]["overdue_days"], 10);
    // A promise names its item as an item does: `id` and `note`.
    assert_eq!(json["promises"][0]["id"], 1);
    assert_eq!(json["dates"][0]["label"], "birthday");

    // Further ahead, more falls due: Cleo after her snooze, and Bob's
    // cadence; today only, the birthday is not there yet.
    let month = env.json(&["due", "--within", "60d"]);
    let names: Vec<&str> = month["reconnect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["contact"]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Cleo") && names.contains(&"Bob Smith"),
        "{names:?}"
    );
    assert_eq!(env.ok(&["due", "--within", "0d", "--count"]), "2\n");

    // A shorter promise age from the config.
    let config = env.dir.path().join("config.toml");
    std::fs::write(&config, "[due]\npromise_days = 0\n").unwrap();
    let strict = env
        .cmd()
        .args([
            "--config",
            config.to_str().unwrap(),
            "due",
            "--within",
            "0d",
        ])
        .output()
        .unwrap();
    let strict = String::from_utf8(strict.stdout).unwrap();
    assert!(
        strict.contains("promise: call back, to Bob Smith (#2), 1 d old"),
        "{strict}"
    );
    assert!(
        !strict.contains("intro"),
        "their promises are not yours to keep: {strict}"
    );
}

// ---------------------------------------------------------------------------
// Search and "who knows X"
// ---------------------------------------------------------------------------

fn searchable() -> Env {
    let env = Env::new().with_people();
    env.ok(&[
        "add",
        "person",
        "Zoë Brontë-Ōkubo",
        "--expertise",
        "Design",
        "--tag",
        "board games",
    ]);
    env.ok(&[
        "log",
        "anna",
        "bob",
        "-d",
        "2026-11-20",
        "-n",
        "coffee at the library: Kubernetes operators and a climbing trip",
        "--promise",
        "send the operator slides@anna",
    ]);
    env
}

#[test]
fn search_finds_names_notes_items_tags_and_expertise_ignoring_case_and_accents() {
    let env = searchable();
    let hits = env.json(&["search", "jarvinen"])["hits"].take();
    assert_eq!(hits[0]["kind"], "contact");
    assert_eq!(hits[0]["contacts"][0]["name"], "Anna Järvinen");
    assert_eq!(hits[0]["field"], "name");
    let zoe = env.json(&["search", "zoe", "bronte"])["hits"].take();
    assert_eq!(zoe[0]["contacts"][0]["name"], "Zoë Brontë-Ōkubo");

    let operators = env.json(&["search", "operator"])["hits"].take();
    let kinds: Vec<&str> = operators
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 2, "{operators}");
    assert!(
        kinds.contains(&"interaction") && kinds.contains(&"item"),
        "{kinds:?}"
    );
    let interaction = operators
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "interaction")
        .unwrap();
    assert_eq!(interaction["date"], "2026-11-20");
    assert_eq!(interaction["interaction_id"], 1);
    let names: Vec<&str> = interaction["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Anna Järvinen", "Bob Smith"]);
    let item = operators
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "item")
        .unwrap();
    assert_eq!(item["contacts"][0]["name"], "Anna Järvinen");
    assert_eq!(item["item_id"], 1);

    // Every highlight is a stretch of the snippet that matches.
    for hit in operators.as_array().unwrap() {
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        let highlights = hit["highlights"].as_array().unwrap();
        assert!(!highlights.is_empty(), "{hit}");
        for h in highlights {
            let (start, end) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            let word: String = snippet[start..end].iter().collect();
            assert!(
                word.to_lowercase().starts_with("operator"),
                "{word} in {hit}"
            );
        }
    }
    let tags = env.json(&["search", "board"])["hits"].take();
    assert_eq!(tags[0]["field"], "tags");
    let expertise = env.json(&["search", "design"])["hits"].take();
    assert_eq!(expertise[0]["field"], "expertise");
    let note = env.json(&["search", "tampere"])["hits"].take();
    assert_eq!(note[0]["field"], "note");
    assert_eq!(note[0]["contacts"][0]["name"], "Anna Järvinen");
}

#[test]
fn search_ranks_a_name_above_a_note_and_marks_hits_in_plain_text() {
    let env = searchable();
    env.ok(&["add", "person", "Climbing Club"]);
    let hits = env.json(&["search", "climbing"])["hits"].take();
    assert_eq!(hits[0]["contacts"][0]["name"], "Climbing Club", "{hits}");
    assert!(
        hits.as_array().unwrap().len() >= 3,
        "name, tag and note: {hits}"
    );
    let text = env.ok(&["search", "kubernetes"]);
    assert!(text.contains("[Kubernetes]"), "{text}");
    assert!(text.contains("interaction #1"), "{text}");
    assert!(text.contains("2026-11-20"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        env.ok(&["search", "nothinglikethis"])
            .contains("Nothing matches")
    );
    let limited = env.json(&["search", "a", "--limit", "1"])["hits"].take();
    assert_eq!(limited.as_array().unwrap().len(), 1);
}

#[test]
fn search_text_is_never_query_syntax_and_empty_is_refused() {
    let env = searchable();
    for text in ["\"kubernetes", "kubernetes AND", "kub*", "NEAR(x y)"] {
        env.ok(&["search", text]);
    }
    env.ok(&["search", "--", "-kubernetes"]);
    assert!(
        !env.json(&["search", "\"kubernetes"])["hits"]
            .take()
            .as_array()
            .unwrap()
            .is_empty()
    );
    for empty in ["", "   ", "!!"] {
        let err = refused(&env, &["search", empty]);
        assert!(
            err.contains("search text") && err.contains("kubernetes"),
            "{err}"
        );
    }
}

#[test]
fn the_index_follows_edits_of_what_it_holds() {
    let env = searchable();
    env.ok(&[
        "edit",
        "anna",
        "--note",
        "now into gardening",
        "--remove-expertise",
        "kubernetes",
    ]);
    let hits = env.json(&["search", "tampere"])["hits"].take();
    assert!(hits.as_array().unwrap().is_empty(), "{hits}");
    let hits = env.json(&["search", "gardening"])["hits"].take();
    assert_eq!(hits[0]["contacts"][0]["name"], "Anna Järvinen");
    env.ok(&["edit", "anna", "--name", "Anna Virtanen"]);
    assert!(
        env.json(&["search", "jarvinen"])["hits"]
            .take()
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        env.json(&["search", "virtanen"])["hits"].take()[0]["field"],
        "name"
    );
}

#[test]
fn who_knows_x() {
    let env = searchable();
    let found = env.json(&["list", "--expertise", "KUBERNETES"])["contacts"].take();
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Anna Järvinen"]);
    assert!(
        env.json(&["list", "--expertise", "cobol"])["contacts"]
            .take()
            .as_array()
            .unwrap()
            .is_empty()
    );
}

// ---------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------

fn calendar_env() -> Env {
    let env = Env::new();
    env.ok(&[
        "add",
        "person",
        "Anna Järvinen",
        "--circle",
        "friend",
        "--birthday",
        "1990-12-01",
    ]);
    env.ok(&["add", "person", "Leap Person", "--birthday", "--02-29"]);
    env.ok(&[
        "add",
        "person",
        "Bob; Smith, Jr.",
        "--date",
        "anniversary=2015-11-28",
        "--date",
        "moving day=2027-03-01 once",
        "--date",
        "long ago=2020-01-01 once",
        "--date",
        "a very long label with ünïcödé characters that will need folding=--06-15",
    ]);
    env.ok(&[
        "log",
        "anna",
        "-d",
        "-40d",
        "--promise",
        "send slides: the 2nd, revised",
    ]);
    env
}

#[test]
fn the_calendar_parses_back_event_by_event() {
    let env = calendar_env();
    let text = env.ok(&["export", "ics"]);

    // RFC 5545: CRLF everywhere, no line over 75 octets, none cut inside a
    // UTF-8 character.
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"));
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "bare LF at byte {i}");
        }
    }
    for line in bytes.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(
            line.len() <= 75,
            "{} octets: {:?}",
            line.len(),
            String::from_utf8_lossy(line)
        );
        assert!(
            std::str::from_utf8(line).is_ok(),
            "cut inside a character: {line:?}"
        );
    }
    assert!(text.contains("\r\n "), "the long label is folded");

    let calendar = ical_rust::VCalendar::try_from(text.as_str()).expect("parses");
    assert_eq!(calendar.version.as_deref(), Some("2.0"));
    let mut uids = std::collections::HashSet::new();
    let by_summary = |summary: &str| {
        calendar
            .events
            .iter()
            .find(|e| e.summary == summary)
            .unwrap_or_else(|| panic!("no event {summary:?}"))
    };
    for event in &calendar.events {
        let uid = event.uid.clone().expect("every event has a UID");
        assert!(uid.ends_with("@ties"), "{uid}");
        assert!(uids.insert(uid), "UIDs are unique");
        assert!(
            matches!(event.dt_start, ical_rust::DateOrDateTime::WholeDay(_)),
            "all-day: {event:?}"
        );
        assert_eq!(
            event.dt_end.date_naive(),
            event.dt_start.date_naive() + chrono::Duration::days(1),
            "one day long"
        );
    }
    assert_eq!(calendar.events.len(), 7, "{:#?}", calendar.events);

    let yearly = |summary: &str, first: &str, later: &[&str]| {
        let event = by_summary(summary);
        assert!(event.rrule.is_some(), "{summary} repeats");
        assert_eq!(event.dt_start.date_naive(), day(first), "{summary}");
        for year in later {
            let d = day(year);
            let found = event
                .occurrences_between(
                    ical_rust::DateOrDateTime::WholeDay(d),
                    ical_rust::DateOrDateTime::WholeDay(d),
                )
                .unwrap();
            assert_eq!(found.len(), 1, "{summary} on {year}");
        }
    };
    yearly(
        "Birthday: Anna Järvinen",
        "1990-12-01",
        &["2026-12-01", "2040-12-01"],
    );
    // 29 February repeats on the last day of February.
    yearly(
        "Birthday: Leap Person",
        "2026-02-28",
        &["2027-02-28", "2028-02-29"],
    );
    yearly(
        "Bob; Smith, Jr.: anniversary",
        "2015-11-28",
        &["2026-11-28"],
    );
    yearly(
        "Bob; Smith, Jr.: a very long label with ünïcödé characters that will need folding",
        "2026-06-15",
        &["2027-06-15"],
    );
    assert_eq!(
        by_summary("Birthday: Anna Järvinen").description.as_deref(),
        Some("Born 1990. Contact #1 in ties.")
    );

    let once = by_summary("Bob; Smith, Jr.: moving day");
    assert!(once.rrule.is_none());
    assert_eq!(once.dt_start.date_naive(), day("2027-03-01"));
    assert!(
        !calendar
            .events
            .iter()
            .any(|e| e.summary.contains("long ago")),
        "a one-off date in the past is not in it"
    );

    // The reconnect is overdue and the promise old: both on today.
    let reconnect = by_summary("Reconnect with Anna Järvinen");
    assert_eq!(reconnect.dt_start.date_naive(), day(common::TODAY));
    let promise = by_summary("Promised Anna Järvinen: send slides: the 2nd, revised");
    assert_eq!(promise.dt_start.date_naive(), day(common::TODAY));
    assert!(
        promise
            .description
            .as_deref()
            .unwrap()
            .contains("ties done 1")
    );
}

#[test]
fn calendar_uids_are_stable_so_a_new_export_updates_the_events() {
    let env = calendar_env();
    let uids = |text: &str| -> Vec<String> {
        let calendar = ical_rust::VCalendar::try_from(text).unwrap();
        let mut uids: Vec<String> = calendar
            .events
            .iter()
            .filter_map(|e| e.uid.clone())
            .collect();
        uids.sort();
        uids
    };
    let first = env.ok(&["export", "ics"]);
    // Later, after a meeting and with another "today": the same UIDs for
    // the same things, the reconnect moved rather than duplicated.
    env.ok(&["log", "anna", "-d", "yesterday", "-n", "caught up"]);
    let later = env
        .cmd()
        .env("TIES_TODAY", "2026-12-10")
        .args(["export", "ics"])
        .output()
        .unwrap();
    let later = String::from_utf8(later.stdout).unwrap();
    assert_eq!(uids(&first), uids(&later));
    let calendar = ical_rust::VCalendar::try_from(later.as_str()).unwrap();
    let reconnect = calendar
        .events
        .iter()
        .find(|e| e.summary == "Reconnect with Anna Järvinen")
        .unwrap();
    assert_eq!(
        reconnect.dt_start.date_naive(),
        day("2026-12-25"),
        "30 days after yesterday"
    );
}

#[test]
fn calendar_file_is_private_and_within_limits_what_is_due() {
    let env = calendar_env();
    let file = env.dir.path().join("ties.ics");
    let report = env.json(&["export", "ics", "-o", file.to_str().unwrap()]);
    assert_eq!(report["events"], 7);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    // Within 30 days, the one-off date of March is left out; the yearly
    // ones stay, whenever they fall.
    let month = env.ok(&["export", "ics", "--within", "30d"]);
    assert!(!month.contains("moving day"), "{month}");
    assert!(month.contains("SUMMARY:Birthday: Leap Person"));
    // Archived contacts are not in the calendar.
    env.ok(&["archive", "leap"]);
    assert!(!env.ok(&["export", "ics"]).contains("Leap Person"));
}

// ---------------------------------------------------------------------------
// The shell
// ---------------------------------------------------------------------------

#[test]
fn completion_scripts_for_every_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains("TIES_COMPLETE"), "{shell}: {script}");
    }
    assert!(!env.db.exists(), "printing a script opens no database");
    let err = env.fails(&["completions", "tcsh"]);
    assert!(err.contains("'tcsh'"), "{err}");
}

/// What the shell would get back for the words typed so far.
fn complete(env: &Env, shell: &str, words: &[&str]) -> String {
    let mut cmd = env.cmd();
    cmd.env("TIES_COMPLETE", shell)
        .env("TIES_DB", &env.db)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words);
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn names_of_contacts_and_networks_complete_from_the_database() {
    let env = Env::new().with_people();
    env.ok(&["network", "add", "Tampere Tech"]);
    let found = complete(&env, "fish", &["ties", "show", "jar"]);
    assert_eq!(found.trim(), "Anna Järvinen");
    let found = complete(&env, "fish", &["ties", "log", "anna", "b"]);
    assert_eq!(found.trim(), "Bob Smith");
    let found = complete(&env, "bash", &["ties", "show", "an"]);
    assert_eq!(found.trim(), "Anna\\ Järvinen", "bash gets it escaped");
    let found = complete(&env, "fish", &["ties", "edit", "bob", "--org", "k"]);
    assert_eq!(found.trim(), "Kasvu Oy");
    let found = complete(&env, "fish", &["ties", "network", "join", "tam"]);
    assert_eq!(found.trim(), "Tampere Tech");
    let found = complete(&env, "fish", &["ties", "se"]);
    assert!(found.contains("search"), "{found}");

    // No database: no candidates, and none created.
    let none = Env::new();
    let found = complete(&none, "fish", &["ties", "show", "a"]);
    assert_eq!(found.trim(), "");
    assert!(!none.db.exists());
}

#[test]
fn the_manual_page() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH ties 1"),
        "{page}"
    );
    assert!(page.contains(".TH ties 1"));
    for command in ["due", "search", "dates", "completions"] {
        assert!(page.contains(command), "{command}");
    }
    assert!(!env.db.exists());
}

// ---------------------------------------------------------------------------
// Dates through vCard and CSV
// ---------------------------------------------------------------------------

#[test]
fn dates_survive_the_vcard_round_trip_in_both_versions() {
    let env = Env::new();
    env.ok(&[
        "add",
        "person",
        "Anna Järvinen",
        "--birthday",
        "--02-29",
        "--date",
        "anniversary=2015-06-01",
        "--date",
        "name day=12-09",
        "--date",
        "moving; day, with commas=2027-03-01 once",
    ]);
    env.ok(&["add", "person", "Bob", "--date", "Anniversary=2010-01-01"]);
    for version in ["4.0", "3.0"] {
        let file = env.dir.path().join(format!("all-{version}.vcf"));
        env.ok(&[
            "export",
            "vcard",
            "--version",
            version,
            "-o",
            file.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(&file).unwrap();
        let anniversary = if version == "4.0" {
            "\r\nANNIVERSARY:20150601\r\n"
        } else {
            "\r\nX-ANNIVERSARY:2015-06-01\r\n"
        };
        assert!(text.contains(anniversary), "{version}: {text}");
        let copy = Env::new();
        copy.ok(&["import", "vcard", file.to_str().unwrap()]);
        for who in ["anna", "bob"] {
            assert_eq!(dates_of(&copy, who), dates_of(&env, who), "{version} {who}");
            assert_eq!(
                copy.json(&["show", who])["birthday"],
                env.json(&["show", who])["birthday"]
            );
        }
        // Nothing of them is left over as a kept vCard line.
        let exported: Value = serde_json::from_str(&copy.ok(&["export", "json"])).unwrap();
        for contact in exported["contacts"].as_array().unwrap() {
            assert_eq!(
                contact["vcard_extras"],
                serde_json::json!([]),
                "{version}: {contact}"
            );
        }
        // Importing the same file again changes nothing.
        let before = dump_tables(&copy.db, &[]);
        copy.ok(&["import", "vcard", file.to_str().unwrap()]);
        assert_eq!(dump_tables(&copy.db, &[]), before, "{version}");
    }
}

#[test]
fn anniversaries_of_other_programs_fill_dates() {
    let env = Env::new();
    let cards = env.dir.path().join("cards.vcf");
    std::fs::write(
        &cards,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Four\r\nANNIVERSARY:--0601\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Three\r\nN:Three;;;;\r\nX-ANNIVERSARY:2001-02-03\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Odd\r\nANNIVERSARY:sometime\r\nEND:VCARD\r\n",
    )
    .unwrap();
    env.ok(&["import", "vcard", cards.to_str().unwrap()]);
    assert_eq!(dates_of(&env, "four")[0]["date"], "--06-01");
    assert_eq!(dates_of(&env, "three")[0]["date"], "2001-02-03");
    // What is no date is kept as written, for the next export.
    let odd = env.json(&["show", "odd"]);
    assert_eq!(odd["dates"], serde_json::json!([]));
    assert!(
        env.ok(&["export", "vcard"])
            .contains("ANNIVERSARY:sometime")
    );

    let csv = env.dir.path().join("outlook.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,E-mail Address,Business Phone,Mobile Phone,Home Street,Birthday,Anniversary\r\n\
         Olli,Outlook,olli@example.org,,,,4/5/1980,6/1/2005\r\n\
         Nora,None,nora@example.org,,,,0/0/00,0/0/00\r\n",
    )
    .unwrap();
    env.ok(&["import", "csv", csv.to_str().unwrap()]);
    let olli = env.json(&["show", "olli"]);
    assert_eq!(olli["birthday"], "1980-04-05");
    assert_eq!(olli["dates"][0]["label"], "anniversary");
    assert_eq!(olli["dates"][0]["date"], "2005-06-01");
    assert_eq!(env.json(&["show", "nora"])["dates"], serde_json::json!([]));
}
