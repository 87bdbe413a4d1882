//! Crash safety, proven the way SQLite proves its own: kill the real binary
//! with SIGKILL at random moments of its work, then check that the
//! database opens and passes `integrity_check`, that each operation is
//! whole or not at all, and that no partial or world-readable file is left.
//!
//! Six kinds of work are killed: a big demo fill (with now and then a small
//! log), a backup, the very first run, a schema upgrade, and a JSON import
//! with and without `--merge`. `TIES_CRASH_KILLS=N` kills each about N/6
//! times with no time limit; by default each gets a share of about 150
//! kills, cut short by a time budget so the suite stays quick.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Env;

/// One demo run writes this many contacts and interactions in one transaction.
const CONTACTS: i64 = 200;
const INTERACTIONS: i64 = 2000;

/// Kills of one kind of work, and the time it may take.
struct Plan {
    kills: usize,
    budget: Option<Duration>,
}

/// `weight` sixths-ish of the kills: the demo fill gets more (it has the
/// most moments to be killed in), the others fewer.
fn plan(weight: usize) -> Plan {
    match std::env::var("TIES_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        Some(total) => Plan {
            kills: (total * weight / 8).max(1),
            budget: None,
        },
        None => Plan {
            kills: 150 * weight / 8,
            budget: Some(Duration::from_secs(5 + 5 * weight as u64)),
        },
    }
}

fn ties(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("ties"));
    cmd.env("TIES_TODAY", common::TODAY)
        .env_remove("TIES_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-ties-test-config")
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn succeeds(mut cmd: Command) -> Duration {
    let started = Instant::now();
    let status = cmd.stderr(Stdio::inherit()).status().unwrap();
    assert!(status.success(), "{cmd:?}");
    started.elapsed()
}

/// Runs `cmd` and kills it (SIGKILL) at a random moment within `run`
/// (the time it takes uninterrupted) and a little after.
fn kill_somewhere(mut cmd: Command, run: Duration, rng: &mut fastrand::Rng) {
    let mut child = cmd.spawn().unwrap();
    let delay = rng.u64(0..=(run.as_micros() as u64 * 15 / 10).max(1));
    std::thread::sleep(Duration::from_micros(delay));
    let _ = child.kill();
    let _ = child.wait();
}

/// However busy the machine, each kind of work is killed at least this often.
const AT_LEAST: usize = 10;

/// Kills as the plan says, checking after each; returns how many there were.
/// The time budget stops it only once `AT_LEAST` kills are done.
fn kill_repeatedly(plan: &Plan, mut kill_and_check: impl FnMut(usize)) -> usize {
    let deadline = plan.budget.map(|b| Instant::now() + b);
    let mut kills = 0;
    while kills < plan.kills
        && (kills < AT_LEAST.min(plan.kills) || deadline.is_none_or(|d| Instant::now() < d))
    {
        kills += 1;
        kill_and_check(kills);
    }
    kills
}

/// Opened read-write, as any program would: SQLite then completes or
/// rolls back what a killed writer left (its log or journal), and cleans
/// up its side files on close.
fn open(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
        .unwrap_or_else(|e| panic!("{} does not open: {e}", db.display()))
}

fn integrity(db: &Path) -> String {
    open(db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn count(db: &Path, table: &str) -> i64 {
    open(db)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn user_version(db: &Path) -> i64 {
    open(db)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// Every file in `dir`, with its name.
fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), e.path())
        })
        .collect()
}

/// A file a killed writer may leave until the next ties run in its folder
/// removes it: hidden, under a temporary name, owner-only.
fn is_pending(name: &str) -> bool {
    name.starts_with('.') && name.contains(".ties.tmp")
}

/// Nobody but the owner may read anything ties left in `dir`.
fn assert_owner_only(dir: &Path, after: &str) {
    use std::os::unix::fs::PermissionsExt;
    for (name, path) in files(dir) {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{name} is mode {mode:o} {after}");
    }
}

/// What killed runs left is gone once ties has run again in `dir`.
fn assert_nothing_pending(dir: &Path) {
    let pending: Vec<String> = files(dir)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|n| is_pending(n))
        .collect();
    assert!(pending.is_empty(), "left behind: {pending:?}");
}

#[test]
fn sigkill_at_random_moments_never_corrupts_or_half_writes() {
    let env = Env::new();
    // Calibrate: how long one run takes here, so kills land inside it.
    let run = succeeds({
        let mut cmd = ties(&env.db);
        cmd.args(["demo", "--contacts", "200", "--interactions", "2000"]);
        cmd
    });
    let mut committed_runs = 1;
    let mut rng = fastrand::Rng::with_seed(7);
    let kills = kill_repeatedly(&plan(3), |kill| {
        let mut cmd = ties(&env.db);
        if kill % 5 == 4 {
            // Now and then a small write instead: one logged meeting.
            cmd.args(["log", "#1", "--gave", "help:2", "-n", "crash test"]);
        } else {
            let seed = rng.u64(..).to_string();
            cmd.args([
                "demo",
                "--force",
                "--contacts",
                "200",
                "--interactions",
                "2000",
                "--seed",
                &seed,
            ]);
        }
        kill_somewhere(cmd, run, &mut rng);

        let conn = open(&env.db);
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "after kill {kill}");
        let orphans = count(
            "SELECT count(*) FROM interaction_participants p LEFT JOIN interactions i ON i.id = p.interaction_id WHERE i.id IS NULL",
        );
        assert_eq!(
            orphans, 0,
            "participants without their interaction after kill {kill}"
        );
        let contacts = count("SELECT count(*) FROM contacts");
        assert_eq!(
            contacts % CONTACTS,
            0,
            "a demo run was half written: {contacts} contacts"
        );
        let runs = contacts / CONTACTS;
        assert!(runs >= committed_runs, "a committed run disappeared");
        committed_runs = runs;
        // Each demo run adds exactly INTERACTIONS; logs add one each.
        assert!(
            count("SELECT count(*) FROM interactions") >= runs * INTERACTIONS,
            "interactions of a run are missing"
        );
        drop(conn);
        assert_owner_only(env.dir.path(), &format!("after kill {kill}"));
    });
    eprintln!("{kills} kills of a demo fill or a log: {committed_runs} fills committed");
    // The database still works for the real binary afterwards.
    succeeds({
        let mut cmd = ties(&env.db);
        cmd.args(["log", "#1", "-n", "after the storm"]);
        cmd
    });
    assert_eq!(integrity(&env.db), "ok");
}

/// A killed backup leaves a whole copy at its name or none at all.
#[test]
fn a_killed_backup_leaves_a_whole_copy_or_none() {
    let env = Env::new();
    succeeds({
        let mut cmd = ties(&env.db);
        cmd.args(["demo", "--contacts", "300", "--interactions", "3000"]);
        cmd
    });
    let contacts = count(&env.db, "contacts");
    let folder = env.dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let copy = folder.join("copy.db");
    let backup = || {
        let mut cmd = ties(&env.db);
        cmd.arg("backup").arg(&copy);
        cmd
    };
    let run = succeeds(backup());
    std::fs::remove_file(&copy).unwrap();
    let mut rng = fastrand::Rng::with_seed(11);
    let (mut whole, mut none) = (0, 0);
    let kills = kill_repeatedly(&plan(1), |kill| {
        kill_somewhere(backup(), run, &mut rng);
        let after = format!("after kill {kill}");
        assert_owner_only(&folder, &after);
        if copy.exists() {
            assert_eq!(integrity(&copy), "ok", "a partial backup {after}");
            assert_eq!(count(&copy, "contacts"), contacts, "{after}");
            whole += 1;
            std::fs::remove_file(&copy).unwrap();
        } else {
            none += 1;
        }
        for (name, _) in files(&folder) {
            assert!(is_pending(&name), "{name} {after}");
        }
    });
    eprintln!("{kills} kills of a backup: {whole} whole copies, {none} none");
    succeeds(backup());
    assert_nothing_pending(&folder);
}

/// A kill during the very first run leaves no database, or a whole one
/// that opens: never an empty file refused for good.
#[test]
fn a_killed_first_run_leaves_no_database_or_a_whole_one() {
    let env = Env::new();
    let folder = env.dir.path().join("first");
    let first_run = |n: usize| {
        let mut cmd = ties(&folder.join(format!("{n}.db")));
        cmd.args(["add", "person", "Anna"]);
        cmd
    };
    let run = succeeds(first_run(0));
    let mut rng = fastrand::Rng::with_seed(13);
    let (mut made, mut none) = (0, 0);
    let kills = kill_repeatedly(&plan(1), |kill| {
        kill_somewhere(first_run(kill), run, &mut rng);
        let after = format!("after kill {kill}");
        let db = folder.join(format!("{kill}.db"));
        if db.exists() {
            made += 1;
            assert_eq!(integrity(&db), "ok", "{after}");
            assert_eq!(user_version(&db), ties::store::LATEST_VERSION, "{after}");
            assert!(count(&db, "contacts") <= 1, "{after}");
        } else {
            none += 1;
        }
        // Whatever was left, ties carries on with it.
        succeeds({
            let mut cmd = ties(&db);
            cmd.args(["add", "person", "Bob"]);
            cmd
        });
        assert_eq!(integrity(&db), "ok", "{after}");
        assert_owner_only(&folder, &after);
        if folder.exists() {
            assert_nothing_pending(&folder);
        }
    });
    eprintln!("{kills} kills of a first run: {made} made the database, {none} did not");
}

/// A ties database at schema version 1 with `contacts` contacts, owner-only.
fn database_at_version_1(db: &Path, contacts: usize) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(include_str!(
        "../crates/ties-core/migrations/0001_initial.sql"
    ))
    .unwrap();
    conn.execute(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?1)
         INSERT INTO contacts (kind, name, name_key, circle, note, created_at, updated_at)
         SELECT 'person', 'Person ' || x, 'person ' || x, 'friend', hex(randomblob(200)),
                '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n",
        [contacts as i64],
    )
    .unwrap();
    conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    drop(conn);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(db, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A killed upgrade leaves the file at its old version or fully upgraded,
/// and an upgrade copy beside it only when that copy is whole.
#[test]
fn a_killed_upgrade_is_all_or_nothing_and_leaves_no_partial_copy() {
    let env = Env::new();
    let template = env.dir.path().join("v1.db");
    database_at_version_1(&template, 2000);
    let folder = env.dir.path().join("upgrades");
    std::fs::create_dir(&folder).unwrap();
    let fresh = |n: usize| {
        let db = folder.join(format!("{n}.db"));
        std::fs::copy(&template, &db).unwrap();
        db
    };
    let upgrade = |db: &Path| {
        let mut cmd = ties(db);
        cmd.arg("list");
        cmd
    };
    let run = succeeds(upgrade(&fresh(0)));
    let mut rng = fastrand::Rng::with_seed(17);
    let (mut upgraded, mut old) = (0, 0);
    let kills = kill_repeatedly(&plan(1), |kill| {
        let db = fresh(kill);
        kill_somewhere(upgrade(&db), run, &mut rng);
        let after = format!("after kill {kill}");
        assert_eq!(integrity(&db), "ok", "{after}");
        assert_eq!(count(&db, "contacts"), 2000, "{after}");
        match user_version(&db) {
            1 => old += 1,
            v if v == ties::store::LATEST_VERSION => upgraded += 1,
            v => panic!("half upgraded to version {v} {after}"),
        }
        let prefix = format!("{kill}.db.bak-v1");
        for (name, path) in files(&folder) {
            if name.starts_with(&prefix) {
                assert_eq!(integrity(&path), "ok", "a partial upgrade copy {after}");
                assert_eq!(user_version(&path), 1, "{after}");
                assert_eq!(count(&path, "contacts"), 2000, "{after}");
            }
        }
        assert_owner_only(&folder, &after);
        // Run again, it upgrades, and what the kill left is cleared away.
        succeeds(upgrade(&db));
        assert_eq!(user_version(&db), ties::store::LATEST_VERSION, "{after}");
        assert_nothing_pending(&folder);
    });
    eprintln!("{kills} kills of an upgrade: {upgraded} upgraded, {old} left at version 1");
}

/// The JSON export of a demo database, and its contact and interaction counts.
fn demo_export(env: &Env) -> (PathBuf, i64, i64) {
    let source = env.dir.path().join("source.db");
    succeeds({
        let mut cmd = ties(&source);
        cmd.args(["demo", "--contacts", "150", "--interactions", "1500"]);
        cmd
    });
    let file = env.dir.path().join("export.json");
    succeeds({
        let mut cmd = ties(&source);
        cmd.args(["export", "json", "-o"]).arg(&file);
        cmd
    });
    (
        file,
        count(&source, "contacts"),
        count(&source, "interactions"),
    )
}

/// Kills `import json FILE [--merge]` into copies of `template`: each ends
/// with the template's rows or with all of the file's added, nothing between.
fn killed_imports_are_all_or_nothing(env: &Env, template: &Path, file: &Path, merge: bool) {
    let folder = env
        .dir
        .path()
        .join(if merge { "merges" } else { "imports" });
    std::fs::create_dir(&folder).unwrap();
    let fresh = |n: usize| {
        let db = folder.join(format!("{n}.db"));
        std::fs::copy(template, &db).unwrap();
        db
    };
    let import = |db: &Path| {
        let mut cmd = ties(db);
        cmd.args(["import", "json"]).arg(file);
        if merge {
            cmd.arg("--merge");
        }
        cmd
    };
    const TRIGGERS: &str = "sqlite_schema WHERE type = 'trigger'";
    let triggers = count(template, TRIGGERS);
    let before = (count(template, "contacts"), count(template, "interactions"));
    let whole = fresh(0);
    let run = succeeds(import(&whole));
    let after_all = (count(&whole, "contacts"), count(&whole, "interactions"));
    assert!(after_all.0 > before.0 && after_all.1 > before.1);
    let mut rng = fastrand::Rng::with_seed(if merge { 23 } else { 19 });
    let (mut done, mut undone) = (0, 0);
    let kills = kill_repeatedly(&plan(1), |kill| {
        let db = fresh(kill);
        kill_somewhere(import(&db), run, &mut rng);
        let after = format!("after kill {kill}");
        assert_eq!(integrity(&db), "ok", "{after}");
        let now = (count(&db, "contacts"), count(&db, "interactions"));
        if now == after_all {
            done += 1;
        } else {
            assert_eq!(now, before, "a half import {after}");
            undone += 1;
        }
        // The triggers a merge sets aside while it adds contacts are back
        // (store/bulk.rs), and every contact has its stats row.
        assert_eq!(count(&db, TRIGGERS), triggers, "{after}");
        assert_eq!(count(&db, "contact_stats"), now.0, "{after}");
        assert_owner_only(&folder, &after);
        std::fs::remove_file(&db).unwrap();
    });
    eprintln!("{kills} kills of an import (merge: {merge}): {done} done, {undone} undone");
}

#[test]
fn a_killed_json_import_is_all_or_nothing() {
    let env = Env::new();
    let (file, _, _) = demo_export(&env);
    let empty = env.dir.path().join("empty.db");
    ties::Store::open(
        &empty,
        ties::dates::Clock::fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
    )
    .unwrap();
    killed_imports_are_all_or_nothing(&env, &empty, &file, false);
}

#[test]
fn a_killed_json_merge_is_all_or_nothing() {
    let env = Env::new();
    let (file, _, _) = demo_export(&env);
    let one = env.dir.path().join("one.db");
    succeeds({
        let mut cmd = ties(&one);
        cmd.args(["add", "person", "Zed Zimmer"]);
        cmd
    });
    succeeds({
        let mut cmd = ties(&one);
        cmd.args(["log", "zed", "--gave", "help:3"]);
        cmd
    });
    killed_imports_are_all_or_nothing(&env, &one, &file, true);
}
