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
    let listed = env.json(&["list"])["contacts"].as_array().unwrap().len();
    let mut session = start(&env, &[]);
    session.wait_for_text(&format!("{listed} contacts · sorted by name"), WAIT);
    env.ok(&["add", "person", "Zyxa Newcomer"]);
    // The list reads its rows from the file as the screen moves (it never
    // holds them all), so only the count waits for `r`; after it, the
    // count and the rows are the file's.
    session.send(b"r");
    session.wait_for_text(&format!("{} contacts · sorted by name", listed + 1), WAIT);
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
    let first = env.json(&["list"])["contacts"].take()[0].clone();
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
        // An interaction without a note has `"note": null`.
        .filter_map(|i| i["note"].as_str())
        .collect();
    assert!(notes.contains(&"met in the pty, kävi hyvin"), "{notes:?}");
    assert_eq!(shown["interactions"][0]["date"], common::TODAY);
    let second = env.json(&["show", "#2", "--all"]);
    let loops = second["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["note"]
                .as_str()
                .is_some_and(|n| n.starts_with("shell loop"))
        })
        .count();
    assert_eq!(loops, 15);
}

/// The same export on a terminal: escaped like any text ties shows, so an
/// OSC 52 clipboard write or a screen clear in a name does nothing.
#[test]
fn exports_shown_on_a_terminal_are_escaped() {
    let env = Env::new();
    env.ok(&["add", "person", "Before Eve", "--note", "kept"]);
    env.ok(&[
        "add",
        "person",
        "Eve \u{1b}[2J\u{1b}]52;c;c2VjcmV0\u{7}",
        "--note",
        "x\u{9b}31my",
    ]);
    for what in ["vcard", "csv", "json"] {
        let db = env.db.to_str().unwrap().to_string();
        let mut session = Session::spawn(
            binary(),
            &["export", what],
            &[("TIES_DB", db.as_str()), ("TIES_TODAY", common::TODAY)],
            120,
            250,
        );
        let status = session.wait_exit(WAIT);
        assert!(status.success(), "{what}");
        let screen = session.text();
        assert!(
            screen.contains("Before Eve"),
            "the clear did not run: {what}: {screen}"
        );
        assert!(
            screen.contains("\\u{1b}[2J") || screen.contains("\\u001b[2J"),
            "{what}: {screen}"
        );
    }
}

#[test]
fn the_demo_runs_in_an_owner_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let tmp = env.dir.path().to_str().unwrap().to_string();
    let mut session = Session::spawn(
        binary(),
        &["--demo"],
        &[("TMPDIR", tmp.as_str()), ("TIES_TODAY", common::TODAY)],
        100,
        30,
    );
    session.wait_for_text("sorted by name", WAIT);
    let demo: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("ties-demo-")
        })
        .collect();
    assert_eq!(demo.len(), 1, "{demo:?}");
    let mode = std::fs::metadata(&demo[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "demo folder mode {mode:o}");
    session.send(b"q");
    assert!(session.wait_exit(WAIT).success());
    assert!(!demo[0].exists(), "the demo folder goes on exit");
}

/// Whatever `[keys]` does to quit, Ctrl-C leaves the UI, from a form too.
#[test]
fn ctrl_c_quits_even_when_quit_is_moved_and_a_form_is_open() {
    let env = demo_env();
    let config = env.dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nquit = \"f2\"\n").unwrap();
    let config = config.to_str().unwrap().to_string();
    let mut session = start(&env, &[("TIES_CONFIG", config.as_str())]);
    session.wait_for_text("sorted by name", WAIT);
    session.send(b"l");
    session.wait_for_text("Log", WAIT);
    session.send(&[0x03]);
    assert!(session.wait_exit(WAIT).success());
    session.terminal_restored().unwrap();
}

/// Ctrl-Z as in a shell with job control: the UI hands the terminal back
/// (main screen, no mouse capture), the shell says it stopped, and `fg`
/// brings the UI back, redrawn and working.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes() {
    let env = demo_env();
    let db = env.db.to_str().unwrap().to_string();
    let bash = Path::new("/bin/bash");
    if !bash.exists() {
        eprintln!("no /bin/bash: skipped");
        return;
    }
    // Readline's own bracketed paste off, so the check sees ties' modes.
    let inputrc = env.dir.path().join("inputrc");
    std::fs::write(&inputrc, "set enable-bracketed-paste off\n").unwrap();
    let mut shell = Session::spawn(
        bash,
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "shell$ "), ("INPUTRC", inputrc.to_str().unwrap())],
        100,
        30,
    );
    shell.wait_for_text("shell$", WAIT);
    let command = format!(
        "TIES_DB='{db}' TIES_TODAY={} '{}'\r",
        common::TODAY,
        binary().display()
    );
    shell.send(command.as_bytes());
    shell.wait_for_text("sorted by name", WAIT);
    shell.send(&[0x1a]);
    shell.wait_for_text("Stopped", WAIT);
    shell.wait_restored(WAIT).unwrap();
    shell.send(b"fg\r");
    shell.wait_for("the UI again", WAIT, |screen| {
        screen.alternate_screen() && screen.contents().contains("sorted by name")
    });
    shell.send(b"q");
    shell.wait_for_text("shell$", WAIT);
    shell.wait_restored(WAIT).unwrap();
    shell.send(b"exit\r");
    shell.wait_exit(WAIT);
}

/// `u` in the UI takes back what the command line did: the history is one,
/// whoever wrote it.
#[test]
fn u_in_the_ui_undoes_a_change_made_on_the_command_line() {
    let env = demo_env();
    let first = env.json(&["list"])["contacts"].take()[0].clone();
    let id = first["id"].as_i64().unwrap().to_string();
    env.ok(&["archive", &id]);
    let mut session = start(&env, &[]);
    session.wait_for_text("sorted by name", WAIT);
    session.send(b"u");
    session.wait_for_text("Undid: archived", WAIT);
    session.send(b"q");
    assert!(session.wait_exit(WAIT).success());
    let listed = env.json(&["list"])["contacts"].take();
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(
        ids.contains(&first["id"].as_i64().unwrap()),
        "back in the list"
    );
}
