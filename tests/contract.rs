//! The command line as a contract (issue 15): usage errors say all that
//! clap knows and point at the command's own help, values are refused in
//! words rather than Rust's, every option has help.

mod common;

use common::{Env, bare};

/// A usage error: exit code 2, clap's whole message, and the tip naming
/// the help of the command that was typed.
fn usage_error(env: &Env, args: &[&str], help_of: &str) -> String {
    let out = env.cmd().args(args).output().expect("run ties");
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        err.ends_with(&format!("For more information, try `{help_of} --help`.\n")),
        "{args:?}: {err}"
    );
    for internal in [
        "invalid digit",
        "float literal",
        "ParseIntError",
        "(see `ties --help`)",
    ] {
        assert!(!err.contains(internal), "{args:?}: {err}");
    }
    err
}

#[test]
fn a_missing_argument_is_named_with_the_usage_of_its_command() {
    let env = Env::new();
    let err = usage_error(&env, &["add", "person"], "ties add");
    assert!(
        err.contains("required arguments were not provided:\n  <NAME>"),
        "{err}"
    );
    assert!(err.contains("Usage: ties add "), "{err}");
    let err = usage_error(&env, &["show"], "ties show");
    assert!(err.contains("  <CONTACT>"), "{err}");
    let err = usage_error(&env, &["log"], "ties log");
    assert!(err.contains("  <CONTACT>..."), "{err}");
    let err = usage_error(&env, &["network", "join", "club"], "ties network join");
    assert!(err.contains("  <CONTACT>..."), "{err}");
}

#[test]
fn a_closed_set_lists_its_values_and_the_nearest_one() {
    let env = Env::new();
    let err = usage_error(&env, &["list", "--format", "yaml"], "ties list");
    assert!(err.contains("[possible values: text, json]"), "{err}");
    let err = usage_error(&env, &["list", "--kind", "people"], "ties list");
    assert!(err.contains("[possible values: person, org]"), "{err}");
    let err = usage_error(&env, &["list", "--circle", "freind"], "ties list");
    assert!(err.contains("a similar value exists: 'friend'"), "{err}");
    // Options with values before the command are stepped over.
    let err = usage_error(
        &env,
        &[
            "--today",
            "2026-11-26",
            "log",
            "anna",
            "-c",
            "cal",
            "-n",
            "x",
        ],
        "ties log",
    );
    assert!(
        err.contains("[possible values: meeting, call, message, event, other]"),
        "{err}"
    );
    let err = usage_error(
        &env,
        &["network", "add", "Club", "--intent", "grow"],
        "ties network add",
    );
    assert!(
        err.contains("[possible values: deepen, keep, lighten, leave]"),
        "{err}"
    );
    let err = usage_error(&env, &["reveiw"], "ties");
    assert!(
        err.contains("a similar subcommand exists: 'review'"),
        "{err}"
    );
}

#[test]
fn a_closed_set_is_read_as_the_ui_reads_it() {
    // The core's parser decides: case and spaces are ignored.
    let env = Env::new();
    env.ok(&["add", "person", "Anna", "--circle", "Friend"]);
    assert_eq!(env.json(&["show", "anna"])["circle"], "friend");
}

#[test]
fn a_number_says_what_is_expected() {
    let env = Env::new();
    let err = usage_error(&env, &["done", "abc"], "ties done");
    assert!(
        err.contains("invalid value 'abc' for '<ITEM>': use an item's id, a whole number"),
        "{err}"
    );
    let err = usage_error(
        &env,
        &["network", "add", "Club", "--hours", "lots"],
        "ties network add",
    );
    assert!(
        err.contains("use a number from 0 to 744, like 4 or 2.5"),
        "{err}"
    );
    let err = usage_error(&env, &["search", "x", "--limit", "many"], "ties search");
    assert!(
        err.contains("use a whole number like 20 (0: no limit)"),
        "{err}"
    );
    let err = usage_error(&env, &["review", "--limit=-1"], "ties review");
    assert!(err.contains("use a whole number"), "{err}");
    let err = usage_error(&env, &["log", "anna", "--minutes", "long"], "ties log");
    assert!(err.contains("'--minutes <MINUTES>': use "), "{err}");
    assert!(!env.db.exists(), "a usage error creates no database");
}

#[test]
fn a_command_without_its_subcommand_names_them() {
    // clap lists the subcommands (or shows the whole help when nothing at
    // all was given, not even through the environment).
    for env in [bare(), {
        let mut cmd = bare();
        cmd.env_remove("TIES_TODAY");
        cmd
    }] {
        let mut cmd = env;
        let out = cmd.arg("network").output().expect("run ties");
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("Usage: ties network "), "{err}");
        assert!(err.contains("join") && err.contains("leave"), "{err}");
        assert!(!err.starts_with("error: error"), "{err}");
        assert!(
            !err.starts_with("error: Networks"),
            "help is not an error line: {err}"
        );
    }
}

#[test]
fn config_example_prints_the_shipped_example() {
    let out = bare()
        .args(["config", "--example"])
        .output()
        .expect("run ties");
    assert!(out.status.success());
    let shipped = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/config.example.toml"
    ))
    .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shipped);
    // And `ties config` points at it rather than at a file of the source tree.
    let out = bare().arg("config").output().expect("run ties");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ties config --example"), "{text}");
    assert!(!text.contains("assets/"), "{text}");
}

#[test]
fn edit_says_what_changed_or_that_nothing_did() {
    let env = Env::new().with_people();
    let out = env.ok(&["edit", "anna", "--circle", "work", "--tag", "hiking"]);
    assert!(out.starts_with("Updated Anna Järvinen #1: "), "{out}");
    assert!(out.contains("circle friend → work"), "{out}");
    assert!(out.contains("tag + hiking"), "{out}");
    let history = env.ok(&["history"]);
    let before = history.lines().count();

    // Already so: said, and nothing written (not even to the history).
    let out = env.ok(&["edit", "anna", "--circle", "work"]);
    assert_eq!(
        out,
        "Nothing changed: Anna Järvinen #1 already had those values\n"
    );
    let out = env.ok(&["edit", "anna"]);
    assert!(out.starts_with("Nothing changed"), "{out}");
    assert_eq!(env.ok(&["history"]).lines().count(), before);

    let out = env.ok(&["edit", "anna", "--birthday", "1990-02-14"]);
    assert!(out.contains("birthday set to 1990-02-14"), "{out}");
}

#[test]
fn a_phone_is_removed_by_its_digits_and_an_email_in_any_case() {
    let env = Env::new().with_people();
    // Stored as "+358 40 123 4567" and "anna@example.org".
    let out = env.ok(&[
        "edit",
        "anna",
        "--remove-phone",
        "+358401234567",
        "--remove-email",
        "ANNA@Example.org",
    ]);
    assert!(out.contains("phone − +358 40 123 4567"), "{out}");
    assert!(out.contains("email − anna@example.org"), "{out}");
    let anna = env.json(&["show", "anna"]);
    assert_eq!(anna["phones"], serde_json::json!([]));
    assert_eq!(anna["emails"], serde_json::json!([]));
    let err = env.fails(&["edit", "anna", "--remove-phone", "+358401234567"]);
    assert!(err.contains("the contact has no phone"), "{err}");
}

#[test]
fn an_older_week_is_recorded_and_said_to_be() {
    let env = Env::new().with_people();
    env.ok(&["review", "--done"]);
    let older = env.json(&["review", "--week", "2026-11-12", "--done"]);
    assert_eq!(
        older["review"]["week_start"], older["week"]["start"],
        "{older}"
    );
    let out = env.ok(&["review", "--week", "2026-11-05", "--done"]);
    assert!(out.starts_with("Marked week"), "{out}");
    let history = env.ok(&["history"]);
    assert_eq!(history.matches("reviewed").count(), 3, "{history}");
}

#[test]
fn a_backup_to_a_folder_that_is_not_there_yet_makes_it_private() {
    let env = Env::new().with_people();
    let folder = env.dir.path().join("backups").join("ties");
    let target = format!("{}/", folder.display());
    let out = env.ok(&["backup", &target]);
    assert!(out.starts_with("Backed up to "), "{out}");
    let copies: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(copies.len(), 1, "one copy inside the new folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    }
    // A folder that cannot be made (its parent is a file) is named.
    let file = env.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = env.fails(&["backup", &format!("{}/sub/", file.display())]);
    assert!(err.contains("cannot create the folder"), "{err}");
}

#[test]
fn a_network_that_matches_nothing_gets_did_you_mean() {
    let env = Env::new();
    env.ok(&["network", "add", "Tampere Tech"]);
    let err = env.fails(&["network", "show", "tamprere"]);
    assert!(
        err.contains("no network matches 'tamprere'; did you mean Tampere Tech (#1)?"),
        "{err}"
    );
}

#[test]
fn counts_of_one_are_singular() {
    let env = Env::new();
    env.ok(&["add", "person", "Anna"]);
    env.ok(&["network", "add", "Club"]);
    let out = env.ok(&["network", "join", "club", "anna"]);
    assert!(out.contains("1 member now"), "{out}");
    let out = env.ok(&["list"]);
    assert!(out.contains("1 contact\n"), "{out}");
    env.ok(&["log", "anna"]);
    let out = env.ok(&["show", "anna"]);
    assert!(out.contains(", 1 interaction\n"), "{out}");
}

#[test]
fn text_shows_the_figures_json_has() {
    let env = Env::new().with_people();
    env.ok(&["log", "anna", "--got", "advice:2", "-d", "2025-11-26"]);
    env.ok(&["log", "anna", "--gave", "intro:1"]);
    let json = env.json(&["show", "anna"]);
    let balance = json["balance"].as_f64().expect("a balance");
    let text = env.ok(&["show", "anna"]);
    let shown = text
        .lines()
        .find(|l| l.trim_start().starts_with("balance"))
        .expect(&text);
    let number = shown.split_whitespace().nth(1).unwrap();
    assert_eq!(
        number.parse::<f64>().unwrap(),
        balance,
        "{shown} vs {balance}"
    );
    assert!(!text.contains("-0.0"), "{text}");
}
