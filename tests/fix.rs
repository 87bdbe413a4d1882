//! Fixing mistakes (issue 11) through the real binary: editing and
//! deleting what was logged, deleting, merging and finding duplicate
//! contacts, undo and history, and safe name matching.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use common::{Env, dump_tables};
use serde_json::Value;

/// The user's data, the history left out.
/// Every table but the history's own, and the full-text index's documents
/// and segments, which are numbered and laid out by the order of their
/// writes (what it indexes is compared, as `search_index` gives it).
fn data(env: &Env) -> std::collections::BTreeMap<String, Vec<String>> {
    dump_tables(
        &env.db,
        &[
            "history",
            "history_rows",
            "search_docs",
            "search_index_data",
            "search_index_docsize",
            "search_index_idx",
        ],
    )
}

/// Runs a command that must fail: one line (or clap's usage message), and nothing at all written
/// (the history included). Returns the message.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = dump_tables(&env.db, &[]);
    let err = env.fails(args);
    // A usage error is clap's whole message ending at the command's help;
    // any other refusal is one line.
    if !err.contains("\n\nFor more information, try `ties ") {
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(
        dump_tables(&env.db, &[]),
        before,
        "{args:?} wrote something"
    );
    err
}

/// Anna #1, Kasvu Oy #2, Bob Smith #3 (of Kasvu Oy, met through Anna), and
/// a meeting #1 of Anna and Bob with an intro given to Anna (item #1) and
/// a promise to Bob (item #2).
fn logged() -> Env {
    let env = Env::new().with_people();
    env.ok(&[
        "log",
        "anna",
        "bob",
        "-d",
        "2026-11-20",
        "-n",
        "coffee",
        "--gave",
        "intro:3@anna",
        "--promise",
        "send slides@bob",
    ]);
    env
}

fn undo_gives_back(env: &Env, before: &std::collections::BTreeMap<String, Vec<String>>) {
    env.ok(&["undo"]);
    assert_eq!(&data(env), before, "undo gave back what was there");
}

// ---------------------------------------------------------------------------
// Interactions
// ---------------------------------------------------------------------------

#[test]
fn an_interaction_is_edited_and_the_edit_undone() {
    let env = logged();
    env.ok(&["add", "person", "Carl Lee"]);
    let before = data(&env);
    let out = env.ok(&[
        "interaction",
        "edit",
        "1",
        "-d",
        "2026-11-19",
        "--time",
        "9:30",
        "-c",
        "call",
        "--minutes",
        "45",
        "-n",
        "phone catch-up",
        "--add",
        "carl",
        "--got",
        "advice:2@carl",
    ]);
    assert!(out.contains("Updated the call #1"), "{out}");
    assert!(out.contains("2026-11-19 09:30  call 45 min"), "{out}");
    let shown = env.json(&["show", "carl"]);
    let interaction = &shown["interactions"][0];
    assert_eq!(interaction["id"], 1);
    assert_eq!(interaction["note"], "phone catch-up");
    assert_eq!(interaction["items"][2]["kind"], "advice");
    assert!(
        interaction["items"][2]["id"].is_i64(),
        "items carry their ids"
    );
    // Clearing takes `none`.
    let out = env.json(&[
        "interaction",
        "edit",
        "#1",
        "--time",
        "none",
        "--minutes",
        "none",
    ]);
    assert_eq!(out["time"], Value::Null);
    assert_eq!(out["minutes"], Value::Null);
    env.ok(&["undo"]);
    undo_gives_back(&env, &before);
}

#[test]
fn removing_a_participant_who_has_items_is_refused_naming_them() {
    let env = logged();
    let err = refused(&env, &["interaction", "edit", "1", "--remove", "bob"]);
    assert!(
        err.contains("Bob Smith (#3) is the counterparty of item #2"),
        "{err}"
    );
    assert!(err.contains("ties item delete ID"), "{err}");
    assert!(err.contains("--to CONTACT"), "{err}");
    // Giving the item to Anna first lets Bob go.
    env.ok(&["item", "edit", "2", "--to", "anna"]);
    env.ok(&["interaction", "edit", "1", "--remove", "bob"]);
    let shown = env.json(&["show", "#1"]);
    assert_eq!(
        shown["interactions"][0]["participants"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let err = refused(&env, &["interaction", "edit", "1", "--remove", "anna"]);
    assert!(err.contains("at least one participant"), "{err}");
}

#[test]
fn editing_refuses_unknown_ids_bad_values_and_nothing_to_change() {
    let env = logged();
    let err = refused(&env, &["interaction", "edit", "99", "-n", "x"]);
    assert!(err.contains("there is no interaction #99"), "{err}");
    let err = refused(&env, &["interaction", "edit", "1"]);
    assert!(err.contains("nothing to change"), "{err}");
    let err = refused(&env, &["interaction", "edit", "1", "--time", "25:99"]);
    assert!(err.contains("--time"), "{err}");
    let err = refused(&env, &["interaction", "edit", "1", "--add", "anna"]);
    assert!(err.contains("already a participant"), "{err}");
    let err = refused(&env, &["item", "edit", "1", "--weight", "9"]);
    assert!(err.contains("weight"), "{err}");
    let err = refused(&env, &["item", "edit", "99", "--weight", "2"]);
    assert!(err.contains("there is no item #99"), "{err}");
    let err = refused(&env, &["item", "edit", "1", "--to", "kasvu"]);
    assert!(err.contains("not one of the participants"), "{err}");
}

#[test]
fn deleting_an_interaction_asks_and_needs_yes_off_a_terminal() {
    let env = logged();
    let before = data(&env);
    let err = refused(&env, &["interaction", "delete", "1"]);
    assert!(
        err.contains(
            "Delete the meeting of 2026-11-20 with Anna Järvinen, Bob Smith (#1, 2 items)?"
        ),
        "{err}"
    );
    assert!(err.contains("add --yes"), "{err}");
    let out = env.ok(&["interaction", "delete", "1", "--yes"]);
    assert!(out.contains("Deleted the meeting of 2026-11-20"), "{out}");
    assert!(out.contains("ties undo"), "{out}");
    let err = refused(&env, &["interaction", "delete", "1", "--yes"]);
    assert!(err.contains("there is no interaction #1"), "{err}");
    undo_gives_back(&env, &before);
}

// ---------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------

#[test]
fn items_are_edited_deleted_and_reopened() {
    let env = logged();
    let before = data(&env);
    let out = env.ok(&[
        "item", "edit", "1", "--weight", "2", "--kind", "help", "--note", "CV tips",
    ]);
    assert!(
        out.contains("Updated item #1: gave help 2 to Anna Järvinen"),
        "{out}"
    );
    undo_gives_back(&env, &before);

    env.ok(&["done", "2"]);
    let settled = data(&env);
    let out = env.ok(&["item", "reopen", "2"]);
    assert!(
        out.contains("Reopened item #2: your promise to Bob Smith: send slides"),
        "{out}"
    );
    let err = refused(&env, &["item", "reopen", "2"]);
    assert!(err.contains("item #2 is already open"), "{err}");
    let item = env.json(&["show", "bob"])["interactions"][0]["items"][1].clone();
    assert_eq!(item["state"], "open");
    assert_eq!(item["settled_on"], Value::Null);
    undo_gives_back(&env, &settled);

    let err = refused(&env, &["item", "delete", "1"]);
    assert!(
        err.contains("Delete item #1 (gave intro 3 to Anna Järvinen)?"),
        "{err}"
    );
    env.ok(&["item", "delete", "1", "-y"]);
    let err = refused(&env, &["item", "delete", "1", "-y"]);
    assert!(err.contains("there is no item #1"), "{err}");
    env.ok(&["undo"]);
    assert_eq!(
        env.json(&["show", "anna"])["interactions"][0]["items"][0]["id"],
        1
    );
}

// ---------------------------------------------------------------------------
// Deleting contacts
// ---------------------------------------------------------------------------

#[test]
fn deleting_a_contact_says_what_goes_and_undo_brings_it_all_back() {
    let env = logged();
    env.ok(&["log", "bob", "--got", "advice:2"]);
    env.ok(&["network", "add", "Tampere Tech"]);
    env.ok(&["network", "join", "Tampere Tech", "bob"]);
    let before = data(&env);
    let err = refused(&env, &["delete", "bob"]);
    assert!(
        err.contains("Delete Bob Smith #3: 2 interactions (1 shared, kept), 2 items, 1 network, 1 organisation?"),
        "{err}"
    );
    assert!(err.contains("add --yes"), "{err}");
    let done = env.json(&["delete", "bob", "--yes"]);
    assert_eq!(done["interactions"], 2);
    assert_eq!(done["shared"], 1);
    let err = refused(&env, &["delete", "#3", "--yes"]);
    assert!(err.contains("no contact matches '#3'"), "{err}");
    // The shared meeting stays, without Bob and his item.
    let anna = env.json(&["show", "anna"]);
    let meeting = &anna["interactions"][0];
    assert_eq!(meeting["participants"].as_array().unwrap().len(), 1);
    assert_eq!(meeting["items"].as_array().unwrap().len(), 1);
    undo_gives_back(&env, &before);
    assert_eq!(env.json(&["show", "bob"])["interaction_count"], 2);
}

#[test]
fn on_a_terminal_delete_asks_and_does_only_what_was_answered() {
    let env = logged();
    let before = data(&env);
    let binary = Path::new(assert_cmd::cargo::cargo_bin!("ties"));
    let db = env.db.to_str().unwrap();
    let vars = [("TIES_DB", db), ("TIES_TODAY", common::TODAY)];
    let wait = Duration::from_secs(20);

    let mut session = pty::Session::spawn(binary, &["delete", "bob"], &vars, 120, 10);
    session.wait_for_text("Delete Bob Smith #3: 1 interaction (1 shared, kept)", wait);
    session.wait_for_text("[y/N]", wait);
    session.send(b"n\r");
    session.wait_for_text("Nothing was deleted.", wait);
    session.wait_exit(wait);
    assert_eq!(data(&env), before);

    let mut session = pty::Session::spawn(binary, &["delete", "bob"], &vars, 120, 10);
    session.wait_for_text("[y/N]", wait);
    session.send(b"y\r");
    session.wait_for_text("Deleted Bob Smith #3", wait);
    assert!(session.wait_exit(wait).success());
    assert!(env.fails(&["show", "#3"]).contains("no contact matches"));
}

// ---------------------------------------------------------------------------
// Merging and duplicates
// ---------------------------------------------------------------------------

/// The README's people and Bobby Smith #4 of Kasvu Oy, the same Bob, who
/// arrived from his own card (with its UID) with an email, a phone, a tag
/// and a meeting.
fn two_bobs() -> Env {
    let env = logged();
    let card = env.dir.path().join("bob.vcf");
    std::fs::write(
        &card,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:bob-card\r\nFN:Bobby Smith\r\nNICKNAME:Bobby\r\nORG:Kasvu Oy\r\nEMAIL:bob.smith@kasvu.fi\r\nTEL:+358 50 777 8888\r\nCATEGORIES:chess\r\nEND:VCARD\r\n",
    )
    .unwrap();
    env.ok(&["import", "vcard", card.to_str().unwrap()]);
    env.ok(&[
        "log",
        "#4",
        "anna",
        "-d",
        "2026-11-10",
        "--got",
        "referral:4@4",
    ]);
    env
}

#[test]
fn merge_dry_run_prints_the_plan_and_writes_nothing() {
    let env = two_bobs();
    let before = dump_tables(&env.db, &[]);
    let out = env.ok(&["merge", "3", "4", "--dry-run"]);
    assert_eq!(
        dump_tables(&env.db, &[]),
        before,
        "a dry run writes nothing"
    );
    assert!(
        out.contains("Would merge Bobby Smith #4 into Bob Smith #3"),
        "{out}"
    );
    assert!(out.contains("interactions  1 moved (#2)"), "{out}");
    assert!(out.contains("items         1 moved (#3)"), "{out}");
    assert!(out.contains("email + bob.smith@kasvu.fi"), "{out}");
    assert!(out.contains("nickname set to Bobby"), "{out}");
    assert!(out.contains("UIDs          urn:uuid:bob-card"), "{out}");
    assert!(out.contains("Dry run: nothing was changed."), "{out}");
    let plan = env.json(&["merge", "3", "4", "--dry-run"]);
    assert_eq!(plan["dry_run"], true);
    let done = env.json(&["merge", "3", "4"]);
    assert_eq!(done["dry_run"], false);
    for key in [
        "interactions_moved",
        "items_moved",
        "filled",
        "added",
        "uids_added",
    ] {
        assert_eq!(
            done[key], plan[key],
            "{key}: the dry run showed what was done"
        );
    }
}

#[test]
fn merging_moves_everything_onto_keep_and_its_balance_is_the_sum() {
    let env = two_bobs();
    let balance = |env: &Env, who: &str| env.json(&["show", who])["balance"].as_f64().unwrap();
    let (keep, other) = (balance(&env, "#3"), balance(&env, "#4"));
    let before = data(&env);
    let out = env.ok(&["merge", "#3", "#4"]);
    assert!(
        out.contains("Merged Bobby Smith #4 into Bob Smith #3"),
        "{out}"
    );
    let merged = env.json(&["show", "#3"]);
    assert!((merged["balance"].as_f64().unwrap() - (keep + other)).abs() < 1e-9);
    assert_eq!(merged["interaction_count"], 2);
    assert_eq!(merged["nickname"], "Bobby");
    let emails: Vec<&str> = merged["emails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_str().unwrap())
        .collect();
    assert!(emails.contains(&"bob.smith@kasvu.fi"), "{emails:?}");
    assert!(env.fails(&["show", "#4"]).contains("no contact matches"));
    // A later import of Bob's own card finds Bob Smith #3.
    let card = env.dir.path().join("bob.vcf");
    let report = env.json(&["import", "vcard", card.to_str().unwrap()]);
    assert!(report["added"].as_array().unwrap().is_empty(), "{report}");
    assert_eq!(env.contact_count(), 3);
    // It found everything there already: the merge is still the newest change.
    assert_eq!(
        env.json(&["history", "--limit", "1"])["entries"].take()[0]["change"]["type"],
        "merged"
    );
    undo_gives_back(&env, &before);
}

#[test]
fn merging_a_contact_with_itself_or_a_person_with_an_organisation_is_refused() {
    let env = two_bobs();
    let err = refused(&env, &["merge", "3", "#3"]);
    assert!(err.contains("cannot be merged with itself"), "{err}");
    let err = refused(&env, &["merge", "3", "kasvu"]);
    assert!(
        err.contains("Bob Smith (#3) is a person and Kasvu Oy (#2) an organisation"),
        "{err}"
    );
    let err = refused(&env, &["merge", "kasvu", "anna", "--dry-run"]);
    assert!(err.contains("only contacts of one kind"), "{err}");
}

#[test]
fn duplicates_lists_likely_pairs_with_the_reason() {
    let env = two_bobs();
    env.ok(&["add", "person", "Zoë Ek", "--phone", "040 123 4567"]);
    env.ok(&["add", "person", "Z. Ek", "--phone", "0401234567"]);
    let out = env.ok(&["duplicates"]);
    assert!(
        out.contains("Bob Smith #3  Bobby Smith #4  a very close name, both in Kasvu Oy"),
        "{out}"
    );
    assert!(
        out.contains("Zoë Ek #5     Z. Ek #6        the same phone 0401234567"),
        "{out}"
    );
    env.ok(&["add", "person", "ZOE EK"]);
    let pairs = env.json(&["duplicates"])["pairs"].take();
    let pairs = pairs.as_array().unwrap();
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    assert_eq!(pairs[0]["reasons"][0]["reason"], "close_name");
    assert_eq!(pairs[1]["reasons"][0]["reason"], "same_phone");
    assert_eq!(pairs[2]["a"]["id"], 5);
    assert_eq!(pairs[2]["reasons"][0]["reason"], "same_name");
}

#[test]
fn adding_a_contact_that_is_already_there_warns_naming_it() {
    let env = Env::new().with_people();
    let out = env.ok(&[
        "add",
        "person",
        "anna jarvinen",
        "--email",
        "ANNA@example.org",
    ]);
    assert!(out.contains("Added person anna jarvinen #4"), "{out}");
    assert!(
        out.contains(
            "note: Anna Järvinen #1 has the same email anna@example.org and the same name"
        ),
        "{out}"
    );
    assert!(out.contains("ties merge 1 4"), "{out}");
    let out = env.ok(&["add", "person", "Someone", "--phone", "+358 40 1234567"]);
    assert!(out.contains("Anna Järvinen #1 has the same phone"), "{out}");
    let out = env.ok(&["add", "person", "Nobody Alike"]);
    assert!(!out.contains("note:"), "{out}");
}

// ---------------------------------------------------------------------------
// Undo and history
// ---------------------------------------------------------------------------

#[test]
fn undo_reverses_the_newest_change_of_each_command_in_turn() {
    let env = Env::new();
    // A command that writes makes the (empty) database, with nothing to undo.
    assert!(env.fails(&["undo"]).contains("nothing to undo"));
    let mut states = vec![data(&env)];
    let steps: &[&[&str]] = &[
        &[
            "add",
            "person",
            "Anna Järvinen",
            "--email",
            "anna@example.org",
        ],
        &[
            "add",
            "person",
            "Bob Smith",
            "--org",
            "Kasvu Oy",
            "--title",
            "CTO",
        ],
        &["edit", "anna", "--circle", "work", "--tag", "climbing"],
        &[
            "log",
            "anna",
            "bob",
            "--gave",
            "intro:3@anna",
            "--promise",
            "slides@bob",
        ],
        &["done", "2"],
        &["item", "reopen", "2"],
        &["item", "edit", "1", "--weight", "5"],
        &["interaction", "edit", "1", "-n", "lunch"],
        &["network", "add", "Club"],
        &["network", "join", "club", "anna", "bob"],
        &["archive", "bob"],
        &["review", "--done"],
        &["add", "person", "Bob Smith", "--email", "bob@x.org"],
        &["merge", "#3", "#4"],
        &["item", "delete", "1", "--yes"],
        &["interaction", "delete", "1", "--yes"],
        &["delete", "anna", "--yes"],
    ];
    for step in steps {
        env.ok(step);
        states.push(data(&env));
    }
    let history = env.json(&["history", "--limit", "0"])["entries"].take();
    assert_eq!(
        history.as_array().unwrap().len(),
        steps.len(),
        "{history:#}"
    );
    states.pop();
    for step in steps.iter().rev() {
        let out = env.ok(&["undo"]);
        assert!(out.starts_with("Undid #"), "{out}");
        assert_eq!(&data(&env), states.last().unwrap(), "undoing {step:?}");
        states.pop();
    }
    assert!(refused(&env, &["undo"]).contains("nothing to undo"));
}

#[test]
fn undo_says_what_it_reversed_and_history_shows_it() {
    let env = logged();
    env.ok(&["edit", "anna", "--circle", "work"]);
    let out = env.json(&["undo"]);
    assert_eq!(
        out["undone"]["text"],
        "edited Anna Järvinen #1: circle friend → work"
    );
    assert_eq!(out["undone"]["change"]["type"], "edited_contact");
    assert_eq!(
        out["next"]["text"],
        "logged a meeting with Anna Järvinen and Bob Smith on 2026-11-20 (#1)"
    );
    let text = env.ok(&["history"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("undid #5: edited Anna Järvinen #1: circle friend → work"),
        "{text}"
    );
    assert!(lines[1].contains("(undone by #6)"), "{text}");
    assert!(
        lines[2].contains("logged a meeting") && lines[2].contains("← next undo"),
        "{text}"
    );
    let history = env.json(&["history", "--limit", "2"])["entries"].take();
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(history[0]["undoes"], 5);
    assert_eq!(history[1]["undone_by"], 6);
    assert!(history[1]["at"].as_str().unwrap().starts_with("2026-11-26"));
}

#[test]
fn undo_is_refused_when_its_rows_were_changed_since() {
    let env = logged();
    env.ok(&["edit", "anna", "--note", "climber"]);
    {
        // Another program changes the row afterwards.
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute("UPDATE contacts SET note = 'by hand' WHERE id = 1", [])
            .unwrap();
    }
    let err = refused(&env, &["undo"]);
    assert!(err.contains("cannot be undone"), "{err}");
    assert!(
        err.contains("contact #1 (Anna Järvinen) was changed since"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
}

#[test]
fn an_import_is_one_entry_undone_at_once() {
    let env = Env::new().with_people();
    let before = data(&env);
    let file = common::fixture("v40.vcf");
    env.ok(&["import", "vcard", file.to_str().unwrap()]);
    let history = env.json(&["history", "--limit", "1"])["entries"].take();
    assert!(
        history[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("imported "),
        "{history}"
    );
    undo_gives_back(&env, &before);
}

// ---------------------------------------------------------------------------
// Naming contacts safely
// ---------------------------------------------------------------------------

#[test]
fn one_or_two_letters_name_nobody_unless_a_whole_word() {
    let env = Env::new().with_people();
    // Issue 11: `ties show o` opened Kasvu Oy, `ties log a` logged with Anna.
    let err = refused(&env, &["show", "o"]);
    assert!(err.contains("no contact matches 'o'"), "{err}");
    assert!(err.contains("Kasvu Oy (#2)"), "suggested: {err}");
    let err = refused(&env, &["log", "a"]);
    assert!(err.contains("no contact matches 'a'"), "{err}");
    assert_eq!(env.json(&["show", "oy"])["name"], "Kasvu Oy");
    assert_eq!(env.json(&["show", "anna"])["name"], "Anna Järvinen");
    assert_eq!(env.json(&["show", "jarv"])["name"], "Anna Järvinen");
    assert_eq!(env.json(&["show", "rvine"])["name"], "Anna Järvinen");
    env.ok(&["add", "person", "Annika Berg"]);
    let err = refused(&env, &["show", "ann"]);
    assert!(err.contains("'ann' matches 2 contacts"), "{err}");
    assert!(
        err.contains("Anna Järvinen (#1)") && err.contains("Annika Berg (#4)"),
        "{err}"
    );
    let err = refused(&env, &["delete", "ann", "--yes"]);
    assert!(err.contains("matches 2 contacts"), "{err}");
}

#[test]
fn a_merged_contacts_uids_survive_the_json_export() {
    let env = two_bobs();
    env.ok(&["merge", "3", "4"]);
    let file = env.dir.path().join("all.json");
    env.ok(&["export", "json", "-o", file.to_str().unwrap()]);
    let copy = Env::new();
    copy.ok(&["import", "json", file.to_str().unwrap()]);
    let skip = [
        "history",
        "history_rows",
        "contact_stats",
        "search_docs",
        "search_index",
        "search_index_data",
        "search_index_docsize",
        "search_index_idx",
    ];
    assert_eq!(dump_tables(&copy.db, &skip), dump_tables(&env.db, &skip));
    assert_eq!(dump_tables(&copy.db, &[])["contact_uids"].len(), 1);
    let card = env.dir.path().join("bob.vcf");
    let report = copy.json(&["import", "vcard", card.to_str().unwrap()]);
    assert!(report["added"].as_array().unwrap().is_empty(), "{report}");
}
