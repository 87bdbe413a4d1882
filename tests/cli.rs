//! The commands of the README, run as written against the real binary.

mod common;

use common::Env;
use serde_json::Value;

fn contact<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {list}"))
}

#[test]
fn add_stores_every_field() {
    let env = Env::new().with_people();
    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["name"], "Anna Järvinen");
    assert_eq!(anna["kind"], "person");
    assert_eq!(anna["circle"], "friend");
    assert_eq!(anna["emails"][0]["value"], "anna@example.org");
    assert_eq!(anna["phones"][0]["value"], "+358 40 123 4567");
    assert_eq!(anna["tags"], serde_json::json!(["climbing"]));
    assert_eq!(anna["expertise"], serde_json::json!(["kubernetes"]));
    assert_eq!(anna["cadence_days"], 30);
    assert_eq!(anna["note"], "met at the Tampere meetup");

    let bob = env.json(&["show", "bob"]);
    assert_eq!(bob["circle"], "work");
    assert_eq!(bob["met_through"]["name"], "Anna Järvinen");
    assert_eq!(bob["affiliations"][0]["org"]["name"], "Kasvu Oy");
    assert_eq!(bob["affiliations"][0]["title"], "CTO");

    let kasvu = env.json(&["show", "kasvu"]);
    assert_eq!(kasvu["kind"], "org");
    assert_eq!(kasvu["circle"], Value::Null);
    assert_eq!(kasvu["tags"], serde_json::json!(["customer"]));
    assert_eq!(kasvu["affiliations"][0]["person"]["name"], "Bob Smith");
}

#[test]
fn add_with_unknown_org_creates_it_once() {
    let env = Env::new();
    let out = env.ok(&["add", "person", "Carl", "--org", "Nordic Design Collective"]);
    assert!(out.contains("Added org Nordic Design Collective"), "{out}");
    env.ok(&["add", "person", "Dana", "--org", "nordic design"]);
    let orgs = env.json(&["list", "--kind", "org"])["contacts"].take();
    assert_eq!(orgs.as_array().unwrap().len(), 1);
}

#[test]
fn edit_archive_and_unarchive() {
    let env = Env::new().with_people();
    env.ok(&["edit", "bob", "--circle", "acquaintance", "--every", "90d"]);
    let bob = env.json(&["show", "bob"]);
    assert_eq!(bob["circle"], "acquaintance");
    assert_eq!(bob["cadence_days"], 90);

    let out = env.ok(&["archive", "bob"]);
    assert!(out.contains("ties unarchive"), "{out}");
    let active = env.json(&["list"])["contacts"].take();
    assert!(
        active
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["name"] != "Bob Smith")
    );
    let archived = env.json(&["list", "--archived"])["contacts"].take();
    assert_eq!(contact(&archived, "Bob Smith")["archived"], true);

    env.ok(&["unarchive", "bob"]);
    let active = env.json(&["list"])["contacts"].take();
    assert_eq!(contact(&active, "Bob Smith")["archived"], false);

    env.ok(&["edit", "bob", "--every", "none", "--tag", "Mentor"]);
    let bob = env.json(&["show", "bob"]);
    assert_eq!(bob["cadence_days"], Value::Null);
    assert_eq!(bob["tags"], serde_json::json!(["mentor"]));
}

#[test]
fn failed_edit_writes_nothing() {
    let env = Env::new().with_people();
    let before = env.json(&["show", "bob"]);
    // The tag would be added, but the missing email fails the whole edit.
    let err = env.fails(&[
        "edit",
        "bob",
        "--tag",
        "mentor",
        "--remove-email",
        "nobody@example.org",
    ]);
    assert!(err.contains("no email 'nobody@example.org'"), "{err}");
    assert_eq!(env.json(&["show", "bob"]), before);
}

#[test]
fn list_filters_and_json_fields() {
    let env = Env::new().with_people();
    let all = env.json(&["list"])["contacts"].take();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Anna Järvinen", "Bob Smith", "Kasvu Oy"]);
    let anna = contact(&all, "Anna Järvinen");
    for key in ["id", "name", "kind", "circle", "tags", "last_interaction"] {
        assert!(anna.get(key).is_some(), "list entry lacks {key}: {anna}");
    }
    assert_eq!(anna["last_interaction"], Value::Null);

    let people = env.json(&["list", "--kind", "person"])["contacts"].take();
    assert_eq!(people.as_array().unwrap().len(), 2);
    let friends = env.json(&["list", "--circle", "friend"])["contacts"].take();
    assert_eq!(friends.as_array().unwrap().len(), 1);
    let customers = env.json(&["list", "--tag", "customer"])["contacts"].take();
    assert_eq!(customers[0]["name"], "Kasvu Oy");

    let text = env.ok(&["list"]);
    assert!(text.starts_with("ID"), "{text}");
    assert!(
        text.contains("Anna Järvinen") && text.contains("Kasvu Oy"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colours when not a terminal: {text:?}"
    );
}

#[test]
fn log_the_readme_example() {
    let env = Env::new().with_people();
    env.ok(&[
        "network",
        "add",
        "Tampere Tech",
        "--role",
        "member",
        "--intent",
        "deepen",
        "--hours",
        "4",
        "--goal",
        "find a co-founder",
        "--review",
        "2027-01-15",
    ]);
    let out = env.ok(&[
        "log",
        "anna",
        "bob",
        "-d",
        "yesterday",
        "-c",
        "meeting",
        "--minutes",
        "45",
        "-n",
        "coffee at the library",
        "--gave",
        "intro:3@anna",
        "--got",
        "advice:2@bob",
        "--promise",
        "send slides@anna",
        "--network",
        "Tampere Tech",
    ]);
    assert!(
        out.contains("Logged meeting with Anna Järvinen, Bob Smith on 2026-11-25"),
        "{out}"
    );

    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["last_interaction"], "2026-11-25");
    let interaction = &anna["interactions"][0];
    assert_eq!(interaction["date"], "2026-11-25");
    assert_eq!(interaction["channel"], "meeting");
    assert_eq!(interaction["minutes"], 45);
    assert_eq!(interaction["note"], "coffee at the library");
    assert_eq!(interaction["network"]["name"], "Tampere Tech");
    assert_eq!(interaction["participants"].as_array().unwrap().len(), 2);
    let items = interaction["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        (
            &items[0]["direction"],
            &items[0]["kind"],
            &items[0]["weight"],
            &items[0]["counterparty"]["name"]
        ),
        (
            &"gave".into(),
            &"intro".into(),
            &3.into(),
            &"Anna Järvinen".into()
        )
    );
    assert_eq!(
        (
            &items[1]["direction"],
            &items[1]["kind"],
            &items[1]["weight"],
            &items[1]["counterparty"]["name"]
        ),
        (
            &"got".into(),
            &"advice".into(),
            &2.into(),
            &"Bob Smith".into()
        )
    );
    assert_eq!(items[2]["state"], "open");
    assert_eq!(items[2]["direction"], "gave");
    assert_eq!(items[2]["note"], "send slides");

    // Settling the promise.
    let promise = items[2]["id"].as_i64().unwrap().to_string();
    let out = env.ok(&["done", &promise]);
    assert!(
        out.contains("your promise to Anna Järvinen: send slides"),
        "{out}"
    );
    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["interactions"][0]["items"][2]["state"], "done");
    assert_eq!(
        anna["interactions"][0]["items"][2]["settled_on"],
        common::TODAY
    );
    let again = env.fails(&["done", &promise]);
    assert!(again.contains("already done"), "{again}");

    let list = env.json(&["list"])["contacts"].take();
    assert_eq!(
        contact(&list, "Bob Smith")["last_interaction"],
        "2026-11-25"
    );
    assert_eq!(contact(&list, "Kasvu Oy")["last_interaction"], Value::Null);
}

#[test]
fn log_with_one_participant_needs_no_at() {
    let env = Env::new().with_people();
    env.ok(&[
        "log", "jarvinen", "--gave", "help", "--expect", "book tip", "-d", "-3d", "-c", "call",
    ]);
    let anna = env.json(&["show", "anna"]);
    let i = &anna["interactions"][0];
    assert_eq!(i["date"], "2026-11-23");
    assert_eq!(i["channel"], "call");
    assert_eq!(i["items"][0]["weight"], 1);
    assert_eq!(i["items"][1]["direction"], "got");
    assert_eq!(i["items"][1]["state"], "open");
}

#[test]
fn log_dates_in_every_form() {
    let env = Env::new().with_people();
    for (form, expected) in [
        ("today", "2026-11-26"),
        ("yesterday", "2026-11-25"),
        ("-3d", "2026-11-23"),
        ("2w ago", "2026-11-12"),
        ("friday", "2026-11-20"),
        // Today is a Thursday: its name is today, `last` a week ago.
        ("thursday", "2026-11-26"),
        ("last thursday", "2026-11-19"),
        ("2026-11-20", "2026-11-20"),
        ("11-20", "2026-11-20"),
    ] {
        let logged = env.json(&["log", "anna", "-d", form]);
        assert_eq!(logged["date"], expected, "{form}");
    }
}

#[test]
fn item_without_counterparty_among_several_is_an_error() {
    let env = Env::new().with_people();
    let err = env.fails(&["log", "anna", "bob", "--gave", "intro:3"]);
    assert!(err.contains("add @CONTACT"), "{err}");
    let err = env.fails(&["log", "anna", "--gave", "intro@bob"]);
    assert!(err.contains("not one of the participants"), "{err}");
    assert_eq!(
        env.json(&["show", "anna"])["interactions"],
        serde_json::json!([])
    );
}

#[test]
fn networks_add_join_list_show() {
    let env = Env::new().with_people();
    env.ok(&[
        "network",
        "add",
        "Tampere Tech",
        "--role",
        "member",
        "--intent",
        "deepen",
        "--hours",
        "4",
        "--goal",
        "find a co-founder",
        "--review",
        "2027-01-15",
    ]);
    let out = env.ok(&["network", "join", "Tampere Tech", "anna", "bob"]);
    assert!(
        out.contains("2 joined Tampere Tech; 2 members now"),
        "{out}"
    );
    let again = env.ok(&["network", "join", "tampere", "anna"]);
    assert!(
        again.contains("0 joined") && again.contains("1 already members"),
        "{again}"
    );

    let list = env.json(&["network", "list"])["networks"].take();
    assert_eq!(list[0]["name"], "Tampere Tech");
    assert_eq!(list[0]["role"], "member");
    assert_eq!(list[0]["intent"], "deepen");
    assert_eq!(list[0]["hours_per_month"], 4.0);
    assert_eq!(list[0]["review_on"], "2027-01-15");
    assert_eq!(list[0]["member_count"], 2);
    let text = env.ok(&["network", "list"]);
    assert!(
        text.contains("Tampere Tech") && text.contains("find a co-founder"),
        "{text}"
    );

    let show = env.json(&["network", "show", "Tampere Tech"]);
    let members: Vec<&str> = show["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["Anna Järvinen", "Bob Smith"]);
    let text = env.ok(&["network", "show", "Tampere Tech"]);
    assert!(
        text.contains("find a co-founder") && text.contains("Bob Smith (#"),
        "{text}"
    );

    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["networks"][0]["name"], "Tampere Tech");

    env.ok(&[
        "network", "edit", "tampere", "--intent", "lighten", "--hours", "none",
    ]);
    let edited = env.json(&["network", "show", "tampere"]);
    assert_eq!(edited["intent"], "lighten");
    assert_eq!(edited["hours_per_month"], Value::Null);
    let dup = env.fails(&["network", "add", "tampere tech"]);
    assert!(dup.contains("already exists"), "{dup}");
}

#[test]
fn names_match_any_part_without_case_or_accents() {
    let env = Env::new().with_people();
    assert_eq!(env.json(&["show", "JARVINEN"])["name"], "Anna Järvinen");
    assert_eq!(env.json(&["show", "järv"])["name"], "Anna Järvinen");
    assert_eq!(env.json(&["show", "#1"])["name"], "Anna Järvinen");
}

#[test]
fn ambiguous_and_unknown_names() {
    let env = Env::new().with_people();
    env.ok(&["add", "person", "Anna Virtanen"]);
    let err = env.fails(&["show", "anna"]);
    assert!(err.contains("'anna' matches 2 contacts"), "{err}");
    assert!(
        err.contains("Anna Järvinen (#1)") && err.contains("Anna Virtanen (#4)"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let err = env.fails(&["show", "jarvnen"]);
    assert!(err.contains("no contact matches 'jarvnen'"), "{err}");
    assert!(err.contains("did you mean Anna Järvinen (#1)"), "{err}");
}

#[test]
fn show_text_lists_fields_and_items() {
    let env = Env::new().with_people();
    env.ok(&[
        "log",
        "anna",
        "--gave",
        "intro:3",
        "--promise",
        "send slides",
        "-n",
        "coffee",
    ]);
    let text = env.ok(&["show", "anna"]);
    for expected in [
        "Anna Järvinen",
        "friend",
        "anna@example.org",
        "kubernetes",
        "every 30 d",
        "coffee",
        "gave intro 3 → Anna Järvinen",
        "open: I promised Anna Järvinen: send slides",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

/// An organisation of many people names the first 20 and says how to see
/// the rest, instead of a wall of names; `--all` and JSON name everyone.
#[test]
fn show_of_a_big_organisation_names_twenty_people_and_the_rest_with_all() {
    let env = Env::new();
    env.ok(&["add", "org", "Iso Oy"]);
    for n in 1..=23 {
        env.ok(&[
            "add",
            "person",
            &format!("Person {n:02}"),
            "--org",
            "Iso Oy",
        ]);
    }
    let people_line = |text: &str| {
        text.lines()
            .find(|line| line.trim_start().starts_with("people"))
            .unwrap_or_else(|| panic!("no people line in:\n{text}"))
            .to_string()
    };
    let short = people_line(&env.ok(&["show", "Iso Oy"]));
    assert!(short.contains("Person 20"), "{short}");
    assert!(!short.contains("Person 21"), "{short}");
    assert!(
        short.contains("… 3 more with `ties show 1 --all`"),
        "{short}"
    );
    let whole = people_line(&env.ok(&["show", "Iso Oy", "--all"]));
    assert!(
        whole.contains("Person 23") && !whole.contains("more with"),
        "{whole}"
    );
    let json = env.json(&["show", "Iso Oy"]);
    assert_eq!(json["affiliations"].as_array().unwrap().len(), 23);
}

#[test]
fn db_option_before_or_after_the_subcommand_and_from_env() {
    let env = Env::new();
    let other = env.dir.path().join("other.db");
    common::bare()
        .args(["add", "person", "Eve", "--db"])
        .arg(&other)
        .assert()
        .success();
    common::bare()
        .env("TIES_DB", &other)
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"Eve\""));
}

#[test]
fn default_database_lives_in_the_data_folder_owner_only() {
    let home = tempfile::tempdir().unwrap();
    common::bare()
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .args(["add", "person", "Anna"])
        .assert()
        .success();
    let db = home.path().join(".local/share/ties/ties.db");
    assert!(db.exists(), "expected the database at {}", db.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "database mode {mode:o}");
        let dir_mode = std::fs::metadata(db.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700, "folder mode {dir_mode:o}");
    }
}

#[test]
fn plain_ties_greets_an_empty_database() {
    let env = Env::new();
    let out = env.ok(&[]);
    assert!(
        out.contains("contacts  0") && out.contains("ties demo"),
        "{out}"
    );
}

/// The command line reads values with the same core parsers as the UI:
/// a decimal comma in hours, a date or a span ahead, the none words.
#[test]
fn flags_take_the_same_values_as_the_forms() {
    let env = Env::new().with_people();
    env.ok(&[
        "network", "add", "Club", "--hours", "2,5", "--review", "in 2w",
    ]);
    let club = env.json(&["network", "show", "Club"]);
    assert_eq!(club["hours_per_month"], 2.5);
    assert_eq!(club["review_on"], "2026-12-10");

    env.ok(&[
        "network",
        "edit",
        "Club",
        "--hours",
        "7,5",
        "--review",
        "2027-01-15",
    ]);
    let club = env.json(&["network", "show", "Club"]);
    assert_eq!(club["hours_per_month"], 7.5);
    assert_eq!(club["review_on"], "2027-01-15");
    env.ok(&[
        "network", "edit", "Club", "--hours", "none", "--review", "-",
    ]);
    let club = env.json(&["network", "show", "Club"]);
    assert_eq!(club["hours_per_month"], Value::Null);
    assert_eq!(club["review_on"], Value::Null);

    env.ok(&["edit", "anna", "--snooze", "3m", "--every", "2w"]);
    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["snoozed_until"], "2027-02-26");
    assert_eq!(anna["cadence_days"], 14);
    env.ok(&["edit", "anna", "--snooze", "none", "--every", "default"]);
    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["snoozed_until"], Value::Null);
    assert_eq!(anna["cadence_days"], Value::Null);
}

#[test]
fn bad_flag_values_say_what_is_accepted_and_write_nothing() {
    let env = Env::new().with_people();
    for (args, expected) in [
        (
            &["network", "add", "Club", "--hours", "745"][..],
            // clap names the flag, the core's parser what it accepts.
            "invalid value '745' for '--hours <HOURS>': use a number from 0 to 744",
        ),
        (
            &["network", "add", "Club", "--review", "soon"][..],
            "invalid date 'soon': use a date like 2027-01-15 or a span from today",
        ),
        (
            &["edit", "anna", "--snooze", "later"][..],
            "a span from today like 2w or 3m, or none",
        ),
        (
            &["edit", "anna", "--every", "often"][..],
            "invalid value 'often' for '--every <PERIOD>': use ",
        ),
        (
            &["log", "anna", "--minutes", "20000"][..],
            "from 0 to 10080",
        ),
    ] {
        let err = env.fails(args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(
        env.json(&["network", "list"])["networks"].take(),
        serde_json::json!([])
    );
    let anna = env.json(&["show", "anna"]);
    assert_eq!(
        (&anna["snoozed_until"], &anna["cadence_days"]),
        (&Value::Null, &serde_json::json!(30))
    );
}
