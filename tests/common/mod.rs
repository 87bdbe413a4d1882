//! Shared helpers for the integration tests: the real `ties` binary on a
//! temporary database with a fixed "today".

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// Thursday 26 November 2026.
pub const TODAY: &str = "2026-11-26";

pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("ties.db");
        Env { dir, db }
    }

    /// `ties --db <temp> ...` with today fixed and no user config around.
    pub fn cmd(&self) -> Command {
        let mut cmd = bare();
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    /// Creates the database with nothing in it, as a first write would:
    /// reads never create one.
    pub fn create_empty(&self) {
        let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date");
        ties::store::Store::open(&self.db, ties::dates::Clock::fixed(today))
            .expect("a new database");
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd().args(args).output().expect("run ties");
        assert!(
            output.status.success(),
            "ties {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8 stdout")
    }

    /// Runs and expects failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.cmd().args(args).output().expect("run ties");
        assert!(
            !output.status.success(),
            "ties {args:?} should have failed but printed: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8(output.stderr).expect("utf-8 stderr")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&self.ok(&all)).expect("valid JSON")
    }

    /// How many contacts `ties list` shows.
    pub fn contact_count(&self) -> usize {
        self.json(&["list"])["contacts"]
            .as_array()
            .expect("a list of contacts")
            .len()
    }

    /// The Anna / Kasvu Oy / Bob example of the README.
    pub fn with_people(self) -> Self {
        self.ok(&[
            "add",
            "person",
            "Anna Järvinen",
            "--circle",
            "friend",
            "--email",
            "anna@example.org",
            "--phone",
            "+358 40 123 4567",
            "--tag",
            "climbing",
            "--expertise",
            "kubernetes",
            "--every",
            "30d",
            "--note",
            "met at the Tampere meetup",
        ]);
        self.ok(&["add", "org", "Kasvu Oy", "--tag", "customer"]);
        self.ok(&[
            "add",
            "person",
            "Bob Smith",
            "--org",
            "Kasvu Oy",
            "--title",
            "CTO",
            "--circle",
            "work",
            "--met-through",
            "anna",
        ]);
        self
    }
}

/// `ties` with a clean environment: fixed today, no colours forced either way.
pub fn bare() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("ties"));
    cmd.env("TIES_TODAY", TODAY)
        .env_remove("TIES_DB")
        .env_remove("TIES_CONFIG")
        .env_remove("CLICOLOR_FORCE")
        .env("XDG_CONFIG_HOME", "/nonexistent-ties-test-config");
    cmd
}

pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// A file of tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every row of every table of a database, as text, table by table: for
/// checking that two databases hold the same, or that one did not change.
/// Tables named in `skip` are left out.
pub fn dump_tables(db: &Path, skip: &[&str]) -> std::collections::BTreeMap<String, Vec<String>> {
    use rusqlite::types::ValueRef;
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open database");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = std::collections::BTreeMap::new();
    for table in tables.into_iter().filter(|t| !skip.contains(&t.as_str())) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |row| {
                Ok((0..columns)
                    .map(|i| match row.get_ref(i).unwrap() {
                        ValueRef::Null => "NULL".to_string(),
                        ValueRef::Integer(n) => n.to_string(),
                        ValueRef::Real(x) => x.to_string(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        ValueRef::Blob(b) => format!("{b:?}"),
                    })
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.insert(table, rows);
    }
    out
}
