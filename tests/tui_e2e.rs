//! The real binary in a pseudo-terminal: it starts, draws, quits, and leaves
//! the terminal as it found it, even after a panic.

mod common;
#[path = "common/pty.rs"]
mod pty;

use std::path::Path;
use std::time::Duration;

use common::Env;
use pty::Session;

const WAIT: Duration = Duration::from_secs(20);

fn binary() -> &'static Path {
    Path::new(assert_cmd::cargo::cargo_bin!("ties"))
}

fn demo_env() -> Env {
    let env = Env::new();
    env.ok(&["demo", "--contacts", "60", "--interactions", "400"]);
    env
}

fn start(env: &Env, extra_env: &[(&str, &str)]) -> Session {
    let db = env.db.to_str().unwrap().to_string();
    let mut vars = vec![("TIES_DB", db.as_str()), ("TIES_TODAY", common::TODAY)];
    vars.extend_from_slice(extra_env);
    Session::spawn(binary(), &[], &vars, 100, 30)
}

#[test]
fn starts_draws_and_quits_cleanly() {
    let env = demo_env();
    let mut session = start(&env, &[]);
    session.wait_for_text("1 Contacts", WAIT);
    session.wait_for_text("sorted by name", WAIT);
    assert!(session.text().contains("Balance"), "{}", session.text());
    session.send(b"2");
    session.wait_for_text("You may owe", WAIT);
    session.send(b"q");
    let status = session.wait_exit(WAIT);
    assert!(status.success(), "exit status {status:?}");
    session.terminal_restored().unwrap();
}

#[test]
fn a_panic_restores_the_terminal_and_reports() {
    let env = demo_env();
    let mut session = start(&env, &[("TIES_TEST_PANIC", "1")]);
    let status = session.wait_exit(WAIT);
    assert!(!status.success());
    if let Err(problem) = session.terminal_restored() {
        panic!(
            "terminal not restored after a panic: {problem}\n{}",
            session.text()
        );
    }
    assert!(
        session.text().contains("panicking on purpose"),
        "{}",
        session.text()
    );
}

#[test]
fn ctrl_c_quits_and_restores() {
    let env = demo_env();
    let mut session = start(&env, &[]);
    session.wait_for_text("sorted by name", WAIT);
    session.send(&[0x03]);
    let status = session.wait_exit(WAIT);
    assert!(status.success());
    session.terminal_restored().unwrap();
}

#[test]
fn the_ui_sees_another_process_writes_after_refresh() {
    let env = demo_env();
    let mut session = start(&env, &[]);
    session.wait_for_text("sorted by name", WAIT);
    env.ok(&["add", "person", "Zyxa Newcomer"]);
    session.send(b"G");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!session.text().contains("Zyxa Newcomer"));
    session.send(b"r");
    session.send(b"G");
    session.wait_for_text("Zyxa Newcomer", WAIT);
    session.send(b"q");
    session.wait_exit(WAIT);
}

/// The whole path a user takes: open the UI, log a meeting through the form
/// while another process keeps logging from the shell, quit, and find both
/// in `ties show --format json`. No write fails with "database is locked".
#[test]
fn log_a_meeting_through_the_form_while_another_process_writes() {
    let env = demo_env();
    let first = env.json(&["list"])[0].clone();
    let first_id = first["id"].as_i64().unwrap().to_string();
    let mut session = start(&env, &[]);
    session.wait_for_text("sorted by name", WAIT);

    // A second process logging in a loop the whole time.
    let db = env.db.clone();
    let writer = std::thread::spawn(move || {
        (0..15)
            .map(|n| {
                common::bare()
                    .arg("--db")
                    .arg(&db)
                    .args(["log", "#2", "-n", &format!("shell loop {n}")])
                    .output()
                    .unwrap()
            })
            .filter(|out| !out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stderr).into_owned())
            .collect::<Vec<_>>()
    });

    session.send(b"l");
    session.wait_for_text("Log an interaction", WAIT);
    // The form opens on Participants with the selected contact; Date, then Note.
    for _ in 0..2 {
        session.send(b"\t");
    }
    session.send("met in the pty, kävi hyvin".as_bytes());
    session.wait_for_text("kävi hyvin", WAIT);
    session.send(&[0x13]); // Ctrl-S
    session.wait_for_text("Logged meeting", WAIT);
    let failures = writer.join().unwrap();
    assert!(failures.is_empty(), "shell writes failed: {failures:?}");
    session.send(b"q");
    assert!(session.wait_exit(WAIT).success());

    let shown = env.json(&["show", &first_id]);
    let notes: Vec<&str> = shown["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["note"].as_str().unwrap())
        .collect();
    assert!(notes.contains(&"met in the pty, kävi hyvin"), "{notes:?}");
    assert_eq!(shown["interactions"][0]["date"], common::TODAY);
    let second = env.json(&["show", "#2"]);
    let loops = second["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["note"].as_str().unwrap().starts_with("shell loop"))
        .count();
    assert_eq!(loops, 15);
}
