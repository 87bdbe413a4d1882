//! Crash safety, proven the way SQLite proves its own: kill the real binary
//! with SIGKILL at random moments of write-heavy work, then check that the
//! database passes `integrity_check` and holds each operation whole or not
//! at all.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Env;

/// One demo run writes this many contacts and interactions in one transaction.
const CONTACTS: i64 = 200;
const INTERACTIONS: i64 = 2000;
const KILLS: usize = 200;
/// The whole test stops killing after this long, whatever the count.
const BUDGET: Duration = Duration::from_secs(60);

fn ties(env: &Env) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("ties"));
    cmd.env("TIES_TODAY", common::TODAY)
        .env_remove("TIES_CONFIG")
        .arg("--db")
        .arg(&env.db)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn counts(env: &Env) -> (String, i64, i64, i64) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        check,
        count("SELECT count(*) FROM contacts"),
        count("SELECT count(*) FROM interactions"),
        count(
            "SELECT count(*) FROM interaction_participants p LEFT JOIN interactions i ON i.id = p.interaction_id WHERE i.id IS NULL",
        ),
    )
}

#[test]
fn sigkill_at_random_moments_never_corrupts_or_half_writes() {
    let env = Env::new();
    env.ok(&["list"]);
    // Calibrate: how long one run takes here, so kills land inside it.
    let started = Instant::now();
    assert!(
        ties(&env)
            .args(["demo", "--contacts", "200", "--interactions", "2000"])
            .status()
            .unwrap()
            .success()
    );
    let run = started.elapsed();
    let mut committed_runs = 1;
    let mut rng = fastrand::Rng::with_seed(7);
    let deadline = Instant::now() + BUDGET;
    let mut kills = 0;
    while kills < KILLS && Instant::now() < deadline {
        let seed = rng.u64(..).to_string();
        let mut child = if kills % 5 == 4 {
            // Now and then a small write instead: one logged meeting.
            ties(&env)
                .args(["log", "#1", "--gave", "help:2", "-n", "crash test"])
                .spawn()
                .unwrap()
        } else {
            ties(&env)
                .args([
                    "demo",
                    "--force",
                    "--contacts",
                    "200",
                    "--interactions",
                    "2000",
                    "--seed",
                    &seed,
                ])
                .spawn()
                .unwrap()
        };
        let delay = rng.u64(0..=(run.as_micros() as u64 * 12 / 10).max(1));
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        kills += 1;

        let (check, contacts, interactions, orphans) = counts(&env);
        assert_eq!(check, "ok", "integrity_check failed after kill {kills}");
        assert_eq!(
            orphans, 0,
            "participants without their interaction after kill {kills}"
        );
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
            interactions >= runs * INTERACTIONS,
            "interactions of a run are missing"
        );
    }
    assert!(kills >= 50, "only {kills} kills fitted in the time budget");
    // The database still works for the real binary afterwards.
    env.ok(&["log", "#1", "-n", "after the storm"]);
    let (check, ..) = counts(&env);
    assert_eq!(check, "ok");
}
