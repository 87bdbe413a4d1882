//! Two ties processes writing to one database at once: every write lands and
//! none fails with "database is locked".

mod common;

use std::process::Child;

use common::Env;

#[test]
fn two_processes_logging_at_once_both_land() {
    let env = Env::new().with_people();
    const EACH: usize = 15;
    let spawn = |who: &str| -> Vec<Child> {
        (0..EACH)
            .map(|n| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin!("ties"))
                    .env("TIES_TODAY", common::TODAY)
                    .arg("--db")
                    .arg(&env.db)
                    .args(["log", who, "--gave", "help:2", "-n"])
                    .arg(format!("{who} {n}"))
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
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
