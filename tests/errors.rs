//! Bad input: a one-line message naming the problem, a non-zero exit, and
//! nothing written. Files that are not ours are refused and left untouched.

mod common;

use common::{Env, read_bytes};

/// Runs a failing command and checks the database did not change.
fn rejected(env: &Env, args: &[&str]) -> String {
    let before = env.ok(&["list", "--format", "json"]);
    let before_networks = env.ok(&["network", "list", "--format", "json"]);
    let err = env.fails(args);
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected for {args:?}: {err}"
    );
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
    assert!(err.contains("invalid circle 'frend'"), "{err}");
    assert!(
        err.contains("family, friend, work, acquaintance, other"),
        "{err}"
    );
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
        err.contains("invalid channel 'telegram'") && err.contains("meeting, call"),
        "{err}"
    );
    let err = rejected(&env, &["network", "add", "X", "--role", "boss"]);
    assert!(
        err.contains("invalid role 'boss'") && err.contains("observer"),
        "{err}"
    );
    let err = rejected(&env, &["add", "person", "Carl", "--every", "often"]);
    // Parsed by the flag's own parser: clap names the flag, the core the value.
    assert!(
        err.contains("'--every <PERIOD>'") && err.contains("invalid cadence 'often'"),
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
    let env = Env::new();
    {
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
    let list = env.json(&["list"]);
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
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create the folder"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(read_bytes(&file), b"mine");
}

#[cfg(unix)]
#[test]
fn a_read_only_database_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    if running_as_root() {
        eprintln!("skipped: root may write to a read-only file");
        return;
    }
    let env = Env::new().with_people();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = read_bytes(&env.db);
    let err = env.fails(&["add", "person", "Carl"]);
    assert!(
        err.contains("read-only") || err.contains("cannot open"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(read_bytes(&env.db), before);
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
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot create the database"), "{err}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
}
