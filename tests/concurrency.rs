//! Several ties processes on one database at once: every write lands, none
//! fails with "database is locked", and a reader is never refused while the
//! writers' checkpoints grow the file.

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

use common::Env;

fn ties(env: &Env) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("ties"));
    cmd.env("TIES_TODAY", common::TODAY)
        .env_remove("TIES_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-ties-test-config")
        .arg("--db")
        .arg(&env.db);
    cmd
}

#[test]
fn two_processes_logging_at_once_both_land() {
    let env = Env::new().with_people();
    const EACH: usize = 15;
    let spawn = |who: &str| -> Vec<Child> {
        (0..EACH)
            .map(|n| {
                ties(&env)
                    .args(["log", who, "--gave", "help:2", "-n"])
                    .arg(format!("{who} {n}"))
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn ties")
            })
            .collect()
    };
    // Interleave the two writers' processes so they overlap.
    let mut children = Vec::new();
    for (a, b) in spawn("anna").into_iter().zip(spawn("bob")) {
        children.push(a);
        children.push(b);
    }
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "a writer failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let anna = env.json(&["show", "anna"]);
    let bob = env.json(&["show", "bob"]);
    assert_eq!(anna["interaction_count"], EACH);
    assert_eq!(bob["interaction_count"], EACH);
    assert_eq!(anna["interactions"].as_array().unwrap().len(), EACH);
}

/// Logs per writer: `TIES_CONCURRENCY_LOGS` (250 gives 2,000 writes), 50 by
/// default.
fn logs_per_writer() -> usize {
    std::env::var("TIES_CONCURRENCY_LOGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50)
}

/// Eight writers each log one meeting after another while a reader loops
/// over the review. The writers' checkpoints grow the main file while the
/// reader opens it, which once made ties call a healthy database truncated.
#[test]
fn eight_writers_and_a_reader_every_write_lands_and_no_read_is_refused() {
    const WRITERS: usize = 8;
    let each = logs_per_writer();
    let env = Env::new();
    // A database big enough that checkpoints move many pages.
    env.ok(&["demo", "--contacts", "150", "--interactions", "1500"]);
    let before = env.json(&["show", "#1"])["interaction_count"]
        .as_u64()
        .unwrap() as usize;
    let writing = AtomicBool::new(true);
    let (failures, reads, refused) = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0;
            let mut refused = Vec::new();
            while writing.load(Ordering::Relaxed) {
                let out = ties(&env)
                    .args(["review", "--format", "json"])
                    .stderr(Stdio::piped())
                    .output()
                    .unwrap();
                reads += 1;
                if !out.status.success() {
                    refused.push(String::from_utf8_lossy(&out.stderr).into_owned());
                } else {
                    serde_json::from_slice::<serde_json::Value>(&out.stdout)
                        .expect("the review is valid JSON");
                }
            }
            (reads, refused)
        });
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let env = &env;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for n in 0..each {
                        let out = ties(env)
                            .args(["log", "#1", "--gave", "help:2", "-n"])
                            .arg(format!("writer {w} log {n}"))
                            .stdout(Stdio::null())
                            .stderr(Stdio::piped())
                            .output()
                            .unwrap();
                        if !out.status.success() {
                            failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                        }
                    }
                    failures
                })
            })
            .collect();
        let failures: Vec<String> = writers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect();
        writing.store(false, Ordering::Relaxed);
        let (reads, refused) = reader.join().unwrap();
        (failures, reads, refused)
    });
    eprintln!(
        "{} writes by {WRITERS} writers, {reads} reads",
        WRITERS * each
    );
    assert!(
        failures.is_empty(),
        "{} of {} writes failed, e.g. {}",
        failures.len(),
        WRITERS * each,
        failures[0]
    );
    assert!(
        refused.is_empty(),
        "{} of {reads} reads were refused, e.g. {}",
        refused.len(),
        refused[0]
    );
    let after = env.json(&["show", "#1"])["interaction_count"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(after - before, WRITERS * each, "every write landed");
}
