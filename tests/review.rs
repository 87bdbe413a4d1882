//! `ties review` on a small hand-made dataset with today fixed to Thursday
//! 2026-11-26 (the week runs Monday 23 to Sunday 29 November).

mod common;

use common::Env;
use serde_json::Value;

/// w · 2^(−age/365): what an item of weight `w` logged `age` days ago counts.
fn decayed(weight: f64, age_days: f64) -> f64 {
    weight * (-age_days / 365.0).exp2()
}

fn close(actual: &Value, expected: f64) -> bool {
    (actual.as_f64().unwrap() - expected).abs() < 0.011
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["contact"]["name"].as_str().unwrap().to_string())
        .collect()
}

fn dataset() -> Env {
    let env = Env::new();
    for (name, circle) in [
        ("Anna Järvinen", "friend"),
        ("Bob Smith", "work"),
        ("Carl Berg", "work"),
        ("Dave Lee", "work"),
        ("Maija Mäkelä", "family"),
        ("Pekka Virta", "acquaintance"),
        ("Sanna Koski", "family"),
        ("Arto Niemi", "family"),
        ("Eve Stone", "work"),
    ] {
        env.ok(&["add", "person", name, "--circle", circle]);
    }
    env.ok(&[
        "network",
        "add",
        "Tampere Tech",
        "--hours",
        "4",
        "--intent",
        "deepen",
        "--review",
        "2026-11-01",
    ]);
    env.ok(&["network", "join", "Tampere Tech", "bob", "maija"]);
    // Anna: last seen 2026-09-01, with a promise of mine still open.
    env.ok(&[
        "log",
        "anna",
        "-d",
        "2026-09-01",
        "--promise",
        "send slides",
    ]);
    // Bob gave me a lot six days ago, and promised something.
    env.ok(&[
        "log",
        "bob",
        "-d",
        "2026-11-20",
        "--got",
        "advice:5",
        "--got",
        "help:4",
        "--expect",
        "book tip",
        "--network",
        "Tampere Tech",
        "--minutes",
        "120",
    ]);
    // Carl: I gave three times, months ago, and got nothing back.
    env.ok(&["log", "carl", "-d", "2026-06-01", "--gave", "help:3"]);
    env.ok(&["log", "carl", "-d", "2026-07-01", "--gave", "intro:4"]);
    env.ok(&["log", "carl", "-d", "2026-08-01", "--gave", "advice:2"]);
    // Dave: the same pattern, but the tie is younger than the grace period.
    env.ok(&["log", "dave", "-d", "2026-10-01", "--gave", "help:3"]);
    env.ok(&["log", "dave", "-d", "2026-10-02", "--gave", "intro:4"]);
    env.ok(&["log", "dave", "-d", "2026-10-03", "--gave", "advice:2"]);
    env.ok(&[
        "log",
        "maija",
        "-d",
        "2026-11-02",
        "--network",
        "Tampere Tech",
        "--minutes",
        "60",
    ]);
    env.ok(&["log", "pekka", "-d", "2026-04-10"]);
    env.ok(&["log", "sanna", "-d", "2026-01-01"]);
    env.ok(&["log", "arto", "-d", "2026-01-01"]);
    env.ok(&["edit", "sanna", "--snooze", "2w"]);
    env.ok(&["archive", "arto"]);
    env.ok(&["log", "eve", "-d", "2026-11-24", "-n", "planning"]);
    env
}

#[test]
fn review_json_on_a_fixed_dataset() {
    let env = dataset();
    let r = env.json(&["review"]);

    assert_eq!(r["week"]["start"], "2026-11-23");
    assert_eq!(r["week"]["end"], "2026-11-29");
    assert_eq!(r["week"]["iso"], "2026-W48");
    assert_eq!(r["logged"].as_array().unwrap().len(), 1);
    assert_eq!(r["logged"][0]["participants"][0]["name"], "Eve Stone");

    // You may owe: Bob, got 5 + 4 six days ago.
    assert_eq!(names(&r["you_may_owe"]), ["Bob Smith"]);
    let bob = &r["you_may_owe"][0];
    assert!(close(&bob["got"], decayed(9.0, 6.0)), "{bob}");
    assert!(close(&bob["gave"], 0.0), "{bob}");
    assert!(close(&bob["balance"], -decayed(9.0, 6.0)), "{bob}");
    assert_eq!(bob["last_interaction"], "2026-11-20");
    assert!(bob["contact"]["id"].is_i64());

    // One-sided: Carl only; Dave is within his grace period.
    assert_eq!(names(&r["one_sided"]), ["Carl Berg"]);
    let carl_gave = decayed(3.0, 178.0) + decayed(4.0, 148.0) + decayed(2.0, 117.0);
    assert!(
        close(&r["one_sided"][0]["gave"], carl_gave),
        "{}",
        r["one_sided"][0]
    );
    assert!(close(&r["one_sided"][0]["balance"], carl_gave));

    // Reconnect, ranked by overdue days relative to cadence: Anna 56 of 30,
    // Carl 57 of 60, Maija 10 of 14, Pekka 50 of 180. Sanna is snoozed,
    // Arto archived.
    assert_eq!(
        names(&r["reconnect"]),
        ["Anna Järvinen", "Carl Berg", "Maija Mäkelä", "Pekka Virta"]
    );
    let anna = &r["reconnect"][0];
    assert_eq!(anna["cadence_days"], 30);
    assert_eq!(anna["overdue_days"], 56);
    assert_eq!(anna["last_interaction"], "2026-09-01");
    assert_eq!(r["reconnect"][1]["overdue_days"], 57);
    assert_eq!(r["reconnect"][2]["overdue_days"], 10);
    assert_eq!(r["reconnect"][3]["overdue_days"], 50);

    // Open promises, oldest first, both directions.
    let promises = r["open_promises"].as_array().unwrap();
    assert_eq!(promises.len(), 2);
    assert_eq!(promises[0]["direction"], "gave");
    assert_eq!(promises[0]["note"], "send slides");
    assert_eq!(promises[0]["since"], "2026-09-01");
    assert_eq!(promises[0]["age_days"], 86);
    assert_eq!(promises[1]["direction"], "got");
    assert_eq!(promises[1]["contact"]["name"], "Bob Smith");
    assert_eq!(promises[1]["age_days"], 6);
    assert!(promises[0]["id"].is_i64());

    // The network: 180 minutes in the last 3 months = 1 hour per month.
    let network = &r["networks"][0];
    assert_eq!(network["name"], "Tampere Tech");
    assert_eq!(network["hours_budget"], 4.0);
    assert!(close(&network["hours_logged"], 1.0), "{network}");
    assert!(close(&network["got"], decayed(9.0, 6.0)), "{network}");
    assert_eq!(network["costs_exceed_benefits"], false);
    assert_eq!(network["review_due"], true);
    assert_eq!(network["role"], "member");
    assert_eq!(network["intent"], "deepen");

    // Activity: 26 weeks, oldest first; this week Eve, last week Bob.
    let activity: Vec<u64> = r["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(activity.len(), 26);
    assert_eq!(activity[25], 1);
    assert_eq!(activity[24], 1);
    // Pekka, Sanna and Arto fall before the 26 weeks; Carl on 2026-06-01 is the first day.
    assert_eq!(activity.iter().sum::<u64>(), 10, "{activity:?}");

    assert_eq!(r["last_review"], Value::Null);
    assert_eq!(r["streak"], 0);
}

#[test]
fn logging_removes_from_reconnect_and_settles_promises() {
    let env = dataset();
    env.ok(&["log", "anna", "-n", "coffee"]);
    let r = env.json(&["review"]);
    assert_eq!(
        names(&r["reconnect"]),
        ["Carl Berg", "Maija Mäkelä", "Pekka Virta"]
    );
    let promise = r["open_promises"][0]["id"].as_i64().unwrap().to_string();
    env.ok(&["done", &promise]);
    let r = env.json(&["review"]);
    assert_eq!(r["open_promises"].as_array().unwrap().len(), 1);
}

#[test]
fn a_network_that_takes_more_than_it_gives_is_flagged() {
    let env = dataset();
    env.ok(&["network", "add", "Committee", "--hours", "2"]);
    env.ok(&["network", "join", "Committee", "eve"]);
    for date in ["2026-10-05", "2026-10-19", "2026-11-02"] {
        env.ok(&[
            "log",
            "eve",
            "-d",
            date,
            "--network",
            "Committee",
            "--minutes",
            "180",
            "--gave",
            "help:2",
        ]);
    }
    let r = env.json(&["review"]);
    let committee = r["networks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Committee")
        .unwrap();
    assert_eq!(committee["costs_exceed_benefits"], true, "{committee}");
    // Flagged networks come first.
    assert_eq!(r["networks"][0]["name"], "Committee");
}

#[test]
fn marking_reviewed_builds_a_streak() {
    let env = dataset();
    env.ok(&[
        "review",
        "--done",
        "--week",
        "2026-11-12",
        "--note",
        "two weeks ago",
    ]);
    env.ok(&["review", "--done", "--week", "2026-11-19"]);
    let r = env.json(&["review"]);
    assert_eq!(
        r["streak"], 2,
        "the current week is not over, so the streak holds"
    );
    assert_eq!(r["reviewed_this_week"], false);
    let out = env.ok(&["review", "--done", "--note", "all caught up"]);
    assert!(
        out.contains("week 2026-W48") && out.contains("streak: 3 weeks"),
        "{out}"
    );
    let r = env.json(&["review"]);
    assert_eq!(r["streak"], 3);
    assert_eq!(r["last_review"]["week_start"], "2026-11-23");
    assert_eq!(r["last_review"]["note"], "all caught up");
    // A gap breaks it.
    let later = env.json(&["review", "--today", "2026-12-17"]);
    assert_eq!(later["streak"], 0);
}

#[test]
fn review_text_has_neutral_sections() {
    let env = dataset();
    let text = env.ok(&["review"]);
    for expected in [
        "Week 2026-W48 · 2026-11-23 – 2026-11-29",
        "This week",
        "You may owe",
        "One-sided",
        "Reconnect",
        "56 d overdue",
        "Open promises",
        "you → Anna Järvinen",
        "Bob Smith → you",
        "Networks",
        "review due",
        "Activity",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for word in ["neglect", "debtor", "ignored"] {
        assert!(!text.to_lowercase().contains(word), "{word} in:\n{text}");
    }
}

#[test]
fn limit_caps_each_list() {
    let env = dataset();
    let r = env.json(&["review", "--limit", "1"]);
    assert_eq!(r["reconnect"].as_array().unwrap().len(), 1);
    assert_eq!(r["open_promises"].as_array().unwrap().len(), 1);
}

#[test]
fn show_gains_balance_cadence_and_promises() {
    let env = dataset();
    let bob = env.json(&["show", "bob"]);
    assert!(close(&bob["balance"], -decayed(9.0, 6.0)), "{bob}");
    assert!(close(&bob["got"], decayed(9.0, 6.0)));
    assert_eq!(bob["standing"], "you_may_owe");
    assert_eq!(bob["effective_cadence_days"], 60);
    assert_eq!(bob["due"], "2027-01-19");
    assert_eq!(bob["open_promises"][0]["note"], "book tip");
    let text = env.ok(&["show", "bob"]);
    assert!(text.contains("you may owe"), "{text}");
    assert!(text.contains("every 60 d (the circle's default)"), "{text}");
    assert!(text.contains("they promised: book tip"), "{text}");
}

#[test]
fn config_changes_cadence_and_half_life() {
    let env = dataset();
    let config = env.dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[cadence]\nfriend = 100\n[reciprocity]\nhalf_life_days = 30\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let r = env.json(&["review", "--config", config]);
    assert!(
        !names(&r["reconnect"]).contains(&"Anna Järvinen".to_string()),
        "{}",
        r["reconnect"]
    );
    // Six days at a 30-day half-life.
    let bob = &r["you_may_owe"][0];
    assert!(
        (bob["got"].as_f64().unwrap() - 9.0 * (-6.0f64 / 30.0).exp2()).abs() < 0.011,
        "{bob}"
    );
    // Back to the default, the sums are rescaled back.
    let r = env.json(&["review"]);
    assert!(close(&r["you_may_owe"][0]["got"], decayed(9.0, 6.0)));

    let shown = env.ok(&["config", "--config", config]);
    assert!(
        shown.contains("half_life_days = 30") && shown.contains("friend = 100"),
        "{shown}"
    );
}

#[test]
fn bad_config_names_key_value_and_range() {
    let env = dataset();
    let config = env.dir.path().join("config.toml");
    std::fs::write(&config, "[reciprocity]\nhalf_life_days = 7\n").unwrap();
    let err = env.fails(&["review", "--config", config.to_str().unwrap()]);
    assert!(
        err.contains("reciprocity.half_life_days = 7: use a whole number from 30 to 3650"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);
}

#[test]
fn config_without_a_file_shows_the_defaults() {
    let env = Env::new();
    let missing = env.dir.path().join("none.toml");
    let out = env.json(&["config", "--config", missing.to_str().unwrap()]);
    assert_eq!(out["exists"], false);
    assert_eq!(out["values"]["reciprocity"]["half_life_days"], 365);
    assert_eq!(out["values"]["cadence"]["family"], 14);
    assert_eq!(out["values"]["review"]["week_start"], "monday");
}

#[test]
fn letting_a_tie_go_ends_reconnect_suggestions() {
    let env = dataset();
    env.ok(&["edit", "anna", "--reminders", "off"]);
    let r = env.json(&["review"]);
    assert!(!names(&r["reconnect"]).contains(&"Anna Järvinen".to_string()));
    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["effective_cadence_days"], Value::Null);
    assert!(env.ok(&["show", "anna"]).contains("no reminders: let go"));
    assert_eq!(anna["reminders"], false);
    env.ok(&["edit", "anna", "--reminders", "on"]);
    let r = env.json(&["review"]);
    assert_eq!(names(&r["reconnect"])[0], "Anna Järvinen");
    let err = env.fails(&["edit", "anna", "--reminders", "maybe"]);
    assert!(err.contains("[possible values: on, off]"), "{err}");
}

#[test]
fn the_shipped_example_config_is_valid_and_equals_the_defaults() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/config.example.toml"
    ))
    .unwrap();
    let parsed = ties::config::Config::parse(&text).unwrap();
    assert_eq!(
        parsed,
        ties::config::Config::default(),
        "the example documents the defaults"
    );
}

fn demo() -> Env {
    let env = Env::new();
    env.ok(&["demo"]);
    env
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["contact"]["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn the_demo_week_suggests_at_most_12_with_true_totals() {
    let env = demo();
    let r = env.json(&["review"]);
    let queue = r["queue"].as_array().unwrap();
    assert!(!queue.is_empty() && queue.len() <= 12, "{}", queue.len());
    for s in queue {
        assert!(s["section"].is_string() && s["reason"].is_string(), "{s}");
        assert!(s["contact"]["id"].is_i64(), "{s}");
        let promise = s["section"] == "open_promises";
        assert_eq!(s["item_id"].is_i64(), promise, "{s}");
    }
    // The totals are the true counts: what `--limit 0` lists in full.
    let all = env.json(&["review", "--limit", "0"]);
    for section in [
        "open_promises",
        "reconnect",
        "you_may_owe",
        "rekindle",
        "one_sided",
        "networks",
    ] {
        let listed = all[section].as_array().unwrap().len();
        assert_eq!(r["totals"][section], listed, "{section}");
        assert!(
            r[section].as_array().unwrap().len() <= 10,
            "{section} is a screenful"
        );
    }
    assert_eq!(r["totals"]["logged"], all["logged_count"]);
    assert!(
        r["totals"]["reconnect"].as_u64().unwrap() > 10,
        "more than a screenful"
    );
    // The draw is kept: the same suggestions on every read of the week.
    assert_eq!(env.json(&["review"])["queue"], r["queue"]);
    let text = env.ok(&["review"]);
    assert!(
        text.contains(&format!("{} of {} left", queue.len(), queue.len())),
        "{text}"
    );
}

#[test]
fn acting_on_every_suggestion_from_the_command_line_empties_the_week_and_more_draws_new_ones() {
    let env = demo();
    let r = env.json(&["review"]);
    let mut expected = Vec::new();
    let mut cadence_set = false;
    for s in r["queue"].as_array().unwrap() {
        let who = format!("#{}", s["contact"]["id"]);
        let outcome = match s["section"].as_str().unwrap() {
            "open_promises" => {
                env.ok(&["done", &s["item_id"].to_string()]);
                "settled"
            }
            "reconnect" if !cadence_set => {
                cadence_set = true;
                env.ok(&["edit", &who, "--every", "97d"]);
                "cadence_changed"
            }
            "reconnect" => {
                env.ok(&["log", &who, "-n", "caught up"]);
                "logged"
            }
            "you_may_owe" => {
                env.ok(&["edit", &who, "--snooze", "2w"]);
                "snoozed"
            }
            "one_sided" => {
                env.ok(&["edit", &who, "--reminders", "off"]);
                "let_go"
            }
            _ => {
                env.ok(&["review", "--skip", &who]);
                "skipped"
            }
        };
        expected.push((s["contact"]["id"].as_i64().unwrap(), outcome.to_string()));
    }
    let done = env.json(&["review"]);
    assert_eq!(
        done["queue"].as_array().unwrap().len(),
        0,
        "{}",
        done["queue"]
    );
    let handled: Vec<(i64, String)> = done["handled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["contact"]["id"].as_i64().unwrap(),
                h["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = expected.clone();
    sorted.sort();
    let mut got = handled.clone();
    got.sort();
    assert_eq!(got, sorted);
    let text = env.ok(&["review"]);
    assert!(text.contains("the week is done"), "{text}");
    assert!(text.contains("`ties review --more` draws more"), "{text}");

    // Nothing refills the week; `--more` draws new contacts on request.
    let more = env.json(&["review", "--more"]);
    let fresh = ids(&more["queue"]);
    assert!(!fresh.is_empty() && fresh.len() <= 12, "{fresh:?}");
    let before: Vec<i64> = expected.iter().map(|(id, _)| *id).collect();
    assert!(fresh.iter().all(|id| !before.contains(id)), "{fresh:?}");
    assert!(
        more["queue"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["round"] == 1)
    );
    assert_eq!(more["handled"].as_array().unwrap().len(), before.len());
}

#[test]
fn skip_sets_contacts_aside_and_says_what_is_wrong() {
    let env = dataset();
    let out = env.ok(&["review", "--skip", "anna", "--skip", "carl"]);
    assert!(out.contains("Anna Järvinen: not this week"), "{out}");
    assert!(out.contains("Carl Berg: not this week"), "{out}");
    let r = env.json(&["review"]);
    let suggested = ids(&r["queue"]);
    let anna = env.json(&["show", "anna"])["id"].as_i64().unwrap();
    assert!(!suggested.contains(&anna), "{suggested:?}");
    let err = env.fails(&["review", "--skip", "nobody-like-this"]);
    assert!(
        err.contains("no contact matches 'nobody-like-this'"),
        "{err}"
    );
    let err = env.fails(&["review", "--skip", "anna", "--week", "2026-11-12"]);
    assert!(err.contains("--week"), "{err}");
    // A name that fails leaves the others unset too.
    let env = dataset();
    env.fails(&["review", "--skip", "bob", "--skip", "nobody-like-this"]);
    let r = env.json(&["review"]);
    assert_eq!(
        r["handled"].as_array().unwrap().len(),
        0,
        "{}",
        r["handled"]
    );
}

#[test]
fn a_past_week_is_that_week_not_this_one() {
    let env = dataset();
    let text = env.ok(&["review", "--week", "2026-11-18"]);
    assert!(
        text.contains("Week 2026-W47 · 2026-11-16 – 2026-11-22 · as of 2026-11-22"),
        "{text}"
    );
    assert!(
        text.contains("That week") && !text.contains("This week"),
        "{text}"
    );
    assert!(text.contains("Suggested that week"), "{text}");
    let r = env.json(&["review", "--week", "2026-11-18"]);
    assert_eq!(r["current"], false);
    assert_eq!(r["as_of"], "2026-11-22");
    // Bob's 120 minutes of 2026-11-20 were in that week; nothing after it
    // counts: the same hours as this week's, since nothing came later.
    assert_eq!(r["logged"][0]["participants"][0]["name"], "Bob Smith");
    let network = &r["networks"][0];
    assert!(close(&network["hours_logged"], 1.0), "{network}");
    // Balances decayed to that week's end: Bob's 9 points are 2 days old.
    let bob = &r["you_may_owe"][0];
    assert!(close(&bob["got"], decayed(9.0, 2.0)), "{bob}");
    // Eve's planning meeting on 2026-11-24 came after that week.
    assert_eq!(r["logged"].as_array().unwrap().len(), 1);
    let err = env.fails(&["review", "--week", "2026-12-10"]);
    assert!(err.contains("has not begun yet"), "{err}");
}
