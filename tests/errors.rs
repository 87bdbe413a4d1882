//! Bad input: a message naming the problem (one line from the core; clap's
//! whole usage message for the command line), a non-zero exit, and nothing
//! written. Files that are not ours are refused and left untouched.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Env, read_bytes};

/// Runs a failing command and checks the database did not change.
fn rejected(env: &Env, args: &[&str]) -> String {
    let before = env.ok(&["list", "--format", "json"]);
    let before_networks = env.ok(&["network", "list", "--format", "json"]);
    let err = env.fails(args);
    // A usage error keeps clap's whole message and ends pointing at the
    // command's own help; any other refusal is one line.
    let usage = err.contains("\n\nFor more information, try `ties ");
    if usage {
        assert!(err.trim_end().ends_with(" --help`."), "{err}");
    } else {
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line expected for {args:?}: {err}"
        );
    }
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(
        env.ok(&["list", "--format", "json"]),
        before,
        "{args:?} changed the contacts"
    );
    assert_eq!(
        env.ok(&["network", "list", "--format", "json"]),
        before_networks
    );
    err
}

#[test]
fn unknown_circle_names_the_circles() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["add", "person", "Carl", "--circle", "frend"]);
    assert!(
        err.contains("invalid value 'frend' for '--circle <CIRCLE>'"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: family, friend, work, acquaintance, other]"),
        "{err}"
    );
    assert!(err.contains("a similar value exists: 'friend'"), "{err}");
    assert!(err.ends_with("try `ties add --help`.\n"), "{err}");
}

#[test]
fn weight_out_of_range() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["log", "anna", "--gave", "intro:7@anna"]);
    assert!(
        err.contains("invalid weight '7'") && err.contains("1 to 5"),
        "{err}"
    );
    assert_eq!(
        env.json(&["show", "anna"])["interactions"],
        serde_json::json!([])
    );
}

#[test]
fn impossible_date() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["log", "anna", "-d", "2026-13-40"]);
    assert!(err.contains("invalid date '2026-13-40'"), "{err}");
    assert!(err.contains("yesterday"), "{err}");
    assert_eq!(
        env.json(&["show", "anna"])["interactions"],
        serde_json::json!([])
    );
}

#[test]
fn future_date() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["log", "anna", "-d", "2026-12-01"]);
    assert!(err.contains("in the future"), "{err}");
}

/// Parsing reads dates only in the years 1 to 9999, so nothing panics;
/// the store keeps dates of 1900 to 2200. Either way the user is told the
/// dates accepted, and nothing is written.
#[test]
fn a_date_out_of_range_says_the_dates_accepted() {
    let env = Env::new().with_people();
    let kept = "use a date from 1900-01-01 to 2200-12-31";
    for (args, said) in [
        (
            &["review", "--week", "+262142-12-31"][..],
            format!("invalid date '+262142-12-31': {kept}"),
        ),
        (
            &["review", "--week", "-262143-01-01"][..],
            format!("invalid date '-262143-01-01': {kept}"),
        ),
        (
            &["log", "anna", "-d", "10000-01-01"][..],
            format!("invalid date '10000-01-01': {kept}"),
        ),
        (
            &["log", "anna", "-d", "1800-01-01"][..],
            format!("invalid date '1800-01-01': {kept}"),
        ),
        (
            &["log", "anna", "-d", "3000-01-01"][..],
            "invalid date '3000-01-01': use a date from 1900-01-01 up to today (that one is in the future".to_string(),
        ),
        (
            &["review", "--week", "3000-01-01", "--done"][..],
            format!("invalid week start '2999-12-30': {kept}"),
        ),
        (
            &["edit", "anna", "--snooze", "3000-01-01"][..],
            format!("invalid --snooze '3000-01-01': {kept}"),
        ),
    ] {
        let before = common::dump_tables(&env.db, &[]);
        let err = rejected(&env, args);
        assert!(err.contains(&said), "{args:?}: {err}");
        assert_eq!(common::dump_tables(&env.db, &[]), before, "{args:?}");
    }
}

#[test]
fn unknown_option() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["list", "--colour"]);
    assert!(err.contains("--colour"), "{err}");
}

#[test]
fn empty_name() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["add", "person", "  "]);
    assert!(err.contains("name is empty"), "{err}");
}

#[test]
fn unknown_kind_channel_role() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["log", "anna", "--got", "hugs"]);
    assert!(
        err.contains("invalid kind 'hugs'") && err.contains("advice"),
        "{err}"
    );
    let err = rejected(&env, &["log", "anna", "-c", "telegram"]);
    assert!(
        err.contains("invalid value 'telegram' for '--channel <CHANNEL>'")
            && err.contains("[possible values: meeting, call"),
        "{err}"
    );
    let err = rejected(&env, &["network", "add", "X", "--role", "boss"]);
    assert!(
        err.contains("invalid value 'boss' for '--role <ROLE>'") && err.contains("observer"),
        "{err}"
    );
    assert!(err.ends_with("try `ties network add --help`.\n"), "{err}");
    let err = rejected(&env, &["add", "person", "Carl", "--every", "often"]);
    // Parsed by the flag's own parser: clap names the flag, the core what
    // it accepts.
    assert!(
        err.contains("invalid value 'often' for '--every <PERIOD>': use ") && err.contains("30d"),
        "{err}"
    );
    let err = rejected(&env, &["add", "org", "Acme", "--circle", "work"]);
    assert!(err.contains("organisations have no circle"), "{err}");
    let err = rejected(
        &env,
        &["add", "person", "Carl", "--email", "not-an-address"],
    );
    assert!(err.contains("invalid --email 'not-an-address'"), "{err}");
}

#[test]
fn unknown_participant_writes_nothing() {
    let env = Env::new().with_people();
    let err = rejected(&env, &["log", "anna", "zed"]);
    assert!(err.contains("no contact matches 'zed'"), "{err}");
}

#[test]
fn not_a_database_is_left_untouched() {
    let env = Env::new();
    std::fs::write(&env.db, "name,email\nAnna,anna@example.org\n").unwrap();
    let before = read_bytes(&env.db);
    let err = env.fails(&["list"]);
    assert!(
        err.contains("is not a ties database") && err.contains("left untouched"),
        "{err}"
    );
    assert_eq!(read_bytes(&env.db), before);
    assert!(!env.db.with_extension("db-wal").exists());
}

#[test]
fn empty_file_is_left_untouched() {
    let env = Env::new();
    std::fs::write(&env.db, "").unwrap();
    let err = env.fails(&["add", "person", "Anna"]);
    assert!(err.contains("empty file"), "{err}");
    assert_eq!(read_bytes(&env.db), Vec::<u8>::new());
}

#[test]
fn directory_is_refused() {
    let env = Env::new();
    let err = common::bare()
        .arg("--db")
        .arg(env.dir.path())
        .arg("list")
        .output()
        .unwrap();
    assert!(!err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("is a directory"));
}

#[test]
fn newer_schema_is_refused_byte_for_byte() {
    let env = Env::new().with_people();
    {
        // What a newer ties leaves: our tables, one more, a higher version.
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(
            "CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;",
        )
        .unwrap();
    }
    let before = read_bytes(&env.db);
    let err = env.fails(&["list"]);
    assert!(err.contains("newer ties (schema version 99"), "{err}");
    assert!(err.contains("left untouched"), "{err}");
    assert_eq!(read_bytes(&env.db), before);
}

#[test]
fn another_programs_database_is_refused() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let before = read_bytes(&env.db);
    let err = env.fails(&["list"]);
    assert!(err.contains("another program"), "{err}");
    assert_eq!(read_bytes(&env.db), before);
}

#[test]
fn database_is_owner_only() {
    let env = Env::new().with_people();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "database mode {mode:o}");
        for suffix in ["-wal", "-shm"] {
            let side = std::path::PathBuf::from(format!("{}{suffix}", env.db.display()));
            if side.exists() {
                let mode = std::fs::metadata(&side).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{suffix} mode {mode:o}");
            }
        }
    }
}

#[test]
fn bad_today_is_explained() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("TIES_TODAY", "26.11.2026")
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid --today"));
}

#[test]
fn truncated_database_is_refused_untouched() {
    let env = Env::new();
    env.ok(&["demo", "--contacts", "40", "--interactions", "300"]);
    // Fold the WAL into the file, then cut the file in half.
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let whole = read_bytes(&env.db);
    std::fs::write(&env.db, &whole[..whole.len() / 2]).unwrap();
    let before = read_bytes(&env.db);
    let err = env.fails(&["list"]);
    assert!(
        err.contains("is truncated") && err.contains("left untouched"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1);
    assert_eq!(read_bytes(&env.db), before);
}

#[test]
fn a_failed_upgrade_leaves_the_file_as_it_was() {
    let env = Env::new();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(include_str!(
            "../crates/ties-core/migrations/0001_initial.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO contacts (kind, name, name_key, circle, created_at, updated_at)
                 VALUES ('person', 'Kept Safe', 'kept safe', 'friend', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let before = read_bytes(&env.db);
    let out = env
        .cmd()
        .env("TIES_FAIL_MIGRATION", "1")
        .args(["list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("migration failed on purpose"), "{err}");
    assert_eq!(read_bytes(&env.db), before, "the database changed");
    // Without the fault the same file upgrades and keeps its contact.
    let list = env.json(&["list"])["contacts"].take();
    assert_eq!(list[0]["name"], "Kept Safe");
}

/// Whether the tests run as root, who may write anything: the permission
/// tests below then have nothing to prove and say so.
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[test]
fn a_path_through_a_file_is_explained() {
    let env = Env::new();
    let file = env.dir.path().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    let out = common::bare()
        .arg("--db")
        .arg(file.join("ties.db"))
        .args(["add", "person", "Anna"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create the folder"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(read_bytes(&file), b"mine");
}

/// Reads work on a database this user may not write to; a write says so
/// and changes nothing.
fn reads_work_and_writes_are_refused(env: &Env) {
    let before = read_bytes(&env.db);
    for read in [
        vec!["list"],
        vec!["show", "anna"],
        vec!["review"],
        vec!["network", "list"],
        vec!["export", "json"],
        vec![],
    ] {
        env.ok(&read);
    }
    assert_eq!(env.contact_count(), 3);
    for write in [
        vec!["add", "person", "Carl"],
        vec!["log", "anna", "-n", "coffee"],
        vec!["review", "--done"],
    ] {
        let err = env.fails(&write);
        assert!(err.contains("you may not write to"), "{write:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    assert_eq!(read_bytes(&env.db), before);
}

#[cfg(unix)]
#[test]
fn a_read_only_database_is_read_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    if running_as_root() {
        eprintln!("skipped: root may write to a read-only file");
        return;
    }
    let env = Env::new().with_people();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    reads_work_and_writes_are_refused(&env);
}

/// Like another user's 0644 database in their own folder: neither the file
/// nor the folder may be written, and no log lies beside the file.
#[cfg(unix)]
#[test]
fn a_read_only_database_in_a_read_only_folder_is_read() {
    use std::os::unix::fs::PermissionsExt;
    if running_as_root() {
        eprintln!("skipped: root may write to any folder");
        return;
    }
    let env = Env::new().with_people();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    reads_work_and_writes_are_refused(&env);
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[cfg(unix)]
#[test]
fn an_unwritable_folder_is_explained() {
    use std::os::unix::fs::PermissionsExt;
    if running_as_root() {
        eprintln!("skipped: root may write to any folder");
        return;
    }
    let env = Env::new();
    let locked = env.dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = common::bare()
        .arg("--db")
        .arg(locked.join("ties.db"))
        .args(["add", "person", "Anna"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create the database"), "{err}");
    assert_eq!(std::fs::read_dir(&locked).unwrap().count(), 0);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `cmd` and fails the test instead of hanging when it takes longer
/// than ten seconds. Returns the exit code and stderr.
fn run_within_ten_seconds(mut cmd: Command) -> (Option<i32>, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            return (status.code(), err);
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ties hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `ties --db DB` as a std command (for what assert_cmd cannot set up).
fn std_ties(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("ties"));
    cmd.env("TIES_TODAY", common::TODAY)
        .env_remove("TIES_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-ties-test-config")
        .arg("--db")
        .arg(db);
    cmd
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// A ties database as the first migrations left it, with one contact.
fn database_at_version_1(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(include_str!(
        "../crates/ties-core/migrations/0001_initial.sql"
    ))
    .unwrap();
    conn.execute_batch(
        "INSERT INTO contacts (kind, name, name_key, circle, created_at, updated_at)
             VALUES ('person', 'Kept Safe', 'kept safe', 'friend', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn a_failed_upgrade_leaves_no_copy_behind() {
    let env = Env::new();
    database_at_version_1(&env.db);
    let out = env
        .cmd()
        .env("TIES_FAIL_MIGRATION", "1")
        .args(["list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(names_in(env.dir.path()), ["ties.db"]);
}

#[cfg(unix)]
#[test]
fn an_upgrade_copy_is_whole_and_owner_only_even_with_an_open_umask() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    database_at_version_1(&env.db);
    let mut cmd = std_ties(&env.db);
    // SAFETY: umask is async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let out = cmd.arg("list").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = env.dir.path().join("ties.db.bak-v1");
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "upgrade copy mode {mode:o}");
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    let name: String = conn
        .query_row("SELECT name FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Kept Safe");
    assert_eq!(names_in(env.dir.path()), ["ties.db", "ties.db.bak-v1"]);
}

/// An SQLite file of another program whose version number happens to be
/// one a ties database could have: recognised by its tables, and neither
/// switched to WAL nor copied.
#[test]
fn another_programs_file_with_a_ties_version_number_is_left_byte_for_byte() {
    for version in 1..=ties::store::LATEST_VERSION + 1 {
        let env = Env::new();
        {
            let conn = rusqlite::Connection::open(&env.db).unwrap();
            conn.execute_batch(&format!(
                "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');
                 CREATE TABLE contacts (name TEXT); PRAGMA user_version = {version};"
            ))
            .unwrap();
        }
        let before = read_bytes(&env.db);
        for args in [vec!["list"], vec!["add", "person", "Anna"]] {
            let err = env.fails(&args);
            assert!(err.contains("another program"), "version {version}: {err}");
            assert!(err.contains("--db"), "the CLI says how to choose: {err}");
        }
        assert_eq!(read_bytes(&env.db), before, "version {version}");
        assert_eq!(names_in(env.dir.path()), ["ties.db"], "version {version}");
    }
}

/// A kill during a checkpoint leaves the main file shorter than its header
/// says while the log still holds the rest: SQLite opens that whole, so
/// ties must not call it truncated.
#[test]
fn a_database_whose_log_holds_the_missing_pages_is_not_called_truncated() {
    let env = Env::new();
    env.ok(&["demo", "--contacts", "40", "--interactions", "300"]);
    let copy = env.dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             UPDATE contacts SET note = hex(randomblob(3000));",
        )
        .unwrap();
        // The file and its log as a kill would leave them, copied while the
        // writer still has them open (so its close cannot checkpoint them).
        std::fs::copy(&env.db, copy.join("ties.db")).unwrap();
        std::fs::copy(env.dir.path().join("ties.db-wal"), copy.join("ties.db-wal")).unwrap();
    }
    let db = copy.join("ties.db");
    let wal = read_bytes(&copy.join("ties.db-wal"));
    let page_size = u32::from_be_bytes(wal[8..12].try_into().unwrap()) as usize;
    // The checkpoint got as far as page 1: its newest copy from the log.
    let frame = 24 + page_size;
    let newest_first_page = (32..wal.len())
        .step_by(frame)
        .rfind(|&at| u32::from_be_bytes(wal[at..at + 4].try_into().unwrap()) == 1)
        .expect("page 1 is in the log");
    let mut file = read_bytes(&db);
    let header_pages = u32::from_be_bytes(
        wal[newest_first_page + 24 + 28..newest_first_page + 24 + 32]
            .try_into()
            .unwrap(),
    ) as usize;
    assert!(
        header_pages * page_size > file.len(),
        "the header must claim more than the file holds"
    );
    file[..page_size].copy_from_slice(&wal[newest_first_page + 24..newest_first_page + frame]);
    std::fs::write(&db, &file).unwrap();

    let out = common::bare()
        .arg("--db")
        .arg(&db)
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!list["contacts"].as_array().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_read_on_a_missing_database_creates_nothing() {
    let env = Env::new();
    let db = env.dir.path().join("typo").join("tie.db");
    for args in [
        vec!["show", "anna"],
        vec!["list"],
        vec!["review"],
        vec!["export", "json"],
        vec!["network", "list"],
        vec!["backup"],
    ] {
        let out = common::bare()
            .arg("--db")
            .arg(&db)
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("there is no database at {}", db.display())),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    assert_eq!(names_in(env.dir.path()), Vec::<String>::new());
    // A command that writes creates it, owner-only, with nothing beside it.
    let out = common::bare()
        .arg("--db")
        .arg(&db)
        .args(["add", "person", "Anna"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(names_in(db.parent().unwrap()), ["tie.db"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_as_the_database_is_named() {
    let env = Env::new();
    let target = env.dir.path().join("moved-away.db");
    std::os::unix::fs::symlink(&target, &env.db).unwrap();
    for args in [vec!["list"], vec!["add", "person", "Anna"]] {
        let err = env.fails(&args);
        assert!(
            err.contains("is a link to") && err.contains("moved-away.db, which does not exist"),
            "{err}"
        );
    }
    assert!(!target.exists(), "the link's target was created");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_as_the_database_is_refused_at_once() {
    let env = Env::new();
    make_fifo(&env.db);
    for args in [["list"].as_slice(), ["add", "person", "Anna"].as_slice()] {
        let mut cmd = std_ties(&env.db);
        cmd.args(args);
        let (code, err) = run_within_ten_seconds(cmd);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("is a named pipe, not a database file"),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_pipe_a_device_or_huge_is_refused_at_once() {
    let env = Env::new().with_people();
    let fifo = env.dir.path().join("config.fifo");
    make_fifo(&fifo);
    let huge = env.dir.path().join("huge.toml");
    std::fs::write(&huge, format!("# {}\n", "x".repeat(2 << 20))).unwrap();
    for (config, said) in [
        (fifo.clone(), "is a named pipe, not a settings file"),
        (
            PathBuf::from("/dev/zero"),
            "is a device, not a settings file",
        ),
        (huge, "too big to be a settings file"),
    ] {
        let mut cmd = std_ties(&env.db);
        cmd.env("TIES_CONFIG", &config).arg("list");
        let (code, err) = run_within_ten_seconds(cmd);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(said), "{config:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
}

#[test]
fn a_key_binding_that_is_unknown_or_taken_is_a_config_error_for_every_command() {
    let env = Env::new().with_people();
    let config = env.dir.path().join("config.toml");
    for (text, said) in [
        (
            "[review]\nlimit = 5\n\n[keys]\nquit = \"f99\"\n",
            "line 5: keys.quit = \"f99\": unknown key",
        ),
        (
            "[keys]\nhelp = \"h\"\narchive = \"q\"\n",
            "line 3: keys.archive = \"q\": that key already does quit on the contacts screen",
        ),
        (
            "[keys]\nlog = \"ctrl-c\"\n",
            "line 2: keys.log = \"ctrl-c\": Ctrl-C always quits",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        for args in [vec!["list"], vec!["log", "anna"], vec!["config"]] {
            let out = env
                .cmd()
                .env("TIES_CONFIG", &config)
                .args(&args)
                .output()
                .unwrap();
            assert!(!out.status.success(), "{args:?} ran with {text:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains(&format!("config {}: {said}", config.display())),
                "{args:?}: {err}"
            );
            assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        }
    }
    assert_eq!(env.json(&["show", "anna"])["interaction_count"], 0);
}

/// The rightmost leaf of the interactions table, where the next logged
/// meeting goes, with its cells overwritten.
fn damage_the_newest_interactions_page(db: &Path) {
    let page = {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
        let page: i64 = conn
            .query_row(
                "SELECT max(pageno) FROM dbstat WHERE name = 'interactions' AND pagetype = 'leaf'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (page as usize, size as usize)
    };
    let (page, size) = page;
    let mut bytes = read_bytes(db);
    let end = page * size;
    bytes[end - 600..end].fill(0xff);
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_write_to_a_damaged_page_fails_as_damaged() {
    let env = Env::new();
    env.ok(&["demo", "--contacts", "40", "--interactions", "300"]);
    damage_the_newest_interactions_page(&env.db);
    let err = env.fails(&["log", "#1", "-n", "on a damaged page"]);
    assert!(
        err.contains("is damaged") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(err.contains("restore it from a backup"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn a_damaged_database_is_backed_up_only_when_forced() {
    let env = Env::new();
    env.ok(&["demo", "--contacts", "40", "--interactions", "300"]);
    damage_the_newest_interactions_page(&env.db);
    let copy = env.dir.path().join("copy.db");
    let err = env.fails(&["backup", copy.to_str().unwrap()]);
    assert!(
        err.contains("is damaged") && err.contains("--force"),
        "{err}"
    );
    assert!(
        err.contains("Page") || err.contains("page"),
        "says what it found: {err}"
    );
    assert!(!copy.exists());
    assert_eq!(names_in(env.dir.path()), ["ties.db"]);
    env.ok(&["backup", "--force", copy.to_str().unwrap()]);
    assert_eq!(read_bytes(&copy).len(), read_bytes(&env.db).len());
}

#[test]
fn a_failed_backup_leaves_no_file() {
    let env = Env::new().with_people();
    let copy = env.dir.path().join("copy.db");
    let out = env
        .cmd()
        .env("TIES_FAIL_BACKUP", "1")
        .args(["backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(names_in(env.dir.path()), ["ties.db"]);
}

/// Runs `script` (sh) as root of its own user and mount namespace, where
/// it may mount a small tmpfs; `None` where this system allows no such
/// namespace.
fn in_own_mount_namespace(script: &str) -> Option<String> {
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.contains("MOUNTED").then_some(text)
}

/// A 1 MB disk, filled up: every command says the disk is full and that
/// nothing was written, and nothing was (no half backup, no upgrade copy,
/// no new database).
#[test]
fn a_full_disk_is_said_plainly_and_nothing_is_written() {
    let env = Env::new();
    let disk = env.dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let old = env.dir.path().join("old.db");
    database_at_version_1(&old);
    let ties = assert_cmd::cargo::cargo_bin!("ties").display().to_string();
    let d = disk.display();
    let script = format!(
        r#"
mount -t tmpfs -o size=1m none {d} || exit 0
echo MOUNTED
t() {{ TIES_TODAY=2026-11-26 XDG_CONFIG_HOME=/nonexistent "{ties}" "$@" 2>&1; echo "rc=$?"; }}
t --db {d}/ties.db add person Anna >/dev/null
t --db {d}/ties.db log anna -n before >/dev/null
cp {old} {d}/old.db
sum_before=$(cksum < {d}/old.db)
cat /dev/zero > {d}/fill 2>/dev/null
echo "== log"; t --db {d}/ties.db log anna -n lost
echo "== add"; t --db {d}/ties.db add person Bob
echo "== backup"; t --db {d}/ties.db backup {d}/copy.db
echo "== upgrade"; t --db {d}/old.db list
echo "== first run"; t --db {d}/new.db add person Zed
[ "$(cksum < {d}/old.db)" = "$sum_before" ] && echo "== old unchanged"
rm {d}/fill
echo "== files"; ls -a {d} | tr '\n' ' '; echo
echo "== after"; t --db {d}/ties.db show anna --format json
"#,
        old = old.display()
    );
    let Some(out) = in_own_mount_namespace(&script) else {
        eprintln!("skipped: no user and mount namespaces here to mount a small disk in");
        return;
    };
    let section = |name: &str| {
        let start = out
            .find(&format!("== {name}\n"))
            .unwrap_or_else(|| panic!("{out}"));
        let rest = &out[start + name.len() + 4..];
        rest[..rest.find("== ").unwrap_or(rest.len())].to_string()
    };
    for step in ["log", "add", "backup", "upgrade", "first run"] {
        let said = section(step);
        assert!(
            said.contains("is full, so nothing was written") && said.contains("rc=1"),
            "{step}: {said}"
        );
        assert_eq!(
            said.lines().count(),
            2,
            "{step}: one line and the exit code: {said}"
        );
    }
    assert!(out.contains("== old unchanged"), "{out}");
    // SQLite's own side files of the database in use may stay; nothing else.
    let listed = section("files");
    let files: Vec<&str> = listed
        .split_whitespace()
        .filter(|f| !f.starts_with("ties.db-"))
        .collect();
    assert_eq!(
        files,
        [".", "..", "old.db", "ties.db"],
        "no half backup, upgrade copy or new database is left"
    );
    let after = section("after");
    let json = &after[..after.rfind("rc=").unwrap()];
    let anna: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|_| panic!("{after}"));
    assert_eq!(anna["interaction_count"], 1, "the failed log wrote nothing");
}
