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
