//! Schema migrations: numbered SQL files embedded in the binary, applied in
//! order in one transaction, tracked by `PRAGMA user_version`.
//!
//! A small runner of our own rather than `rusqlite_migration` or `refinery`:
//! both pin an older rusqlite, and two bundled SQLites cannot share a binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::open;
use super::problem::DatabaseProblem;
use crate::error::{Error, Operation, Refusal, Result};
use crate::private_file::PendingFile;

/// The migrations, in order; migration N brings the schema to version N.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_reciprocity.sql"),
    include_str!("../../migrations/0003_import.sql"),
    include_str!("../../migrations/0004_let_go.sql"),
    include_str!("../../migrations/0005_dates_search.sql"),
    include_str!("../../migrations/0006_history.sql"),
    include_str!("../../migrations/0007_network_keys.sql"),
    include_str!("../../migrations/0008_review.sql"),
    include_str!("../../migrations/0009_quiet_cascades.sql"),
    include_str!("../../migrations/0010_search_queue.sql"),
    include_str!("../../migrations/0011_contact_timeline.sql"),
    include_str!("../../migrations/0012_list_keys.sql"),
    include_str!("../../migrations/0013_promise_weeks.sql"),
    include_str!("../../migrations/0014_stats_row_at_once.sql"),
    include_str!("../../migrations/0015_new_contact_views.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database at `path` to the latest schema. Nothing is written
/// (no WAL switch, no upgrade copy) before the file is known to be a ties
/// database by its tables; a read-only file is read as it is when its
/// schema is current.
pub fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let version = user_version(conn)?;
    recognise(conn, path, version)?;
    let read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
    if version < LATEST_VERSION {
        if read_only {
            return Err(Error::database(
                path,
                DatabaseProblem::UpgradeNeedsWrite {
                    found: version,
                    known: LATEST_VERSION,
                },
            ));
        }
        let copy = match version {
            0 => None,
            _ => Some(backup_before_migrating(conn, path, version)?),
        };
        if let Err(failed) = apply(conn) {
            // The file is as it was, so a copy of it has nothing to keep.
            if let Some(copy) = copy {
                let _ = std::fs::remove_file(copy);
            }
            return Err(failed);
        }
    }
    // WAL only after migrating: a migration that fails then leaves a file
    // that was in rollback mode exactly as it was, byte for byte.
    if !read_only {
        open::enable_wal(conn)?;
    }
    Ok(())
}

/// The whole schema of a new database, in one transaction.
pub fn create_schema(conn: &Connection) -> Result<()> {
    apply(conn)
}

/// Refuses a file that holds tables but not those ties had at its version.
fn recognise(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let tables = table_names(conn)?;
    let problem = |problem| Err(Error::database(path, problem));
    if version == 0 {
        // No tables at all: an empty SQLite database, ours to fill.
        return if tables.is_empty() {
            Ok(())
        } else {
            problem(DatabaseProblem::Foreign)
        };
    }
    // A newer ties may have changed much, but it keeps the first tables.
    let required = if version > LATEST_VERSION { 1 } else { version };
    if !tables_at(required).is_subset(&tables) {
        return problem(DatabaseProblem::Foreign);
    }
    if version > LATEST_VERSION {
        return problem(DatabaseProblem::TooNew {
            found: version,
            known: LATEST_VERSION,
        });
    }
    Ok(())
}

fn table_names(conn: &Connection) -> Result<BTreeSet<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    let names = stmt.query_map([], |row| row.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The tables a ties database has at schema `version`, read from the
/// migrations' SQL: each `CREATE TABLE`, `DROP TABLE` and `ALTER TABLE …
/// RENAME TO`. (Running the migrations in memory says the same, a test
/// proves, but costs milliseconds on every start.)
fn tables_at(version: i64) -> BTreeSet<String> {
    let mut tables = BTreeSet::new();
    for sql in &MIGRATIONS[..version as usize] {
        // This runs on every start: only the few lines that hold the
        // keyword (written in capitals in every migration, the test below
        // proves by running them) are split into words, not copied.
        // (Finding the keyword first takes a third of the time of testing
        // every line: 40 µs for all the migrations.)
        let mut lines = Vec::new();
        let mut taken_to = 0;
        for (at, _) in sql.match_indices("TABLE") {
            if at < taken_to {
                continue; // on the line taken already
            }
            let start = sql[..at].rfind('\n').map_or(0, |n| n + 1);
            taken_to = sql[at..].find('\n').map_or(sql.len(), |n| at + n);
            lines.push(&sql[start..taken_to]);
        }
        let words: Vec<&str> = lines
            .into_iter()
            .map(|line| line.split("--").next().unwrap_or_default())
            .flat_map(|line| line.split(|c: char| c.is_whitespace() || c == '(' || c == ';'))
            .filter(|word| !word.is_empty())
            .map(|word| word.trim_matches(['"', '`']))
            .collect();
        let word = |i: usize| words.get(i).copied().unwrap_or_default();
        let is = |i: usize, keyword: &str| word(i).eq_ignore_ascii_case(keyword);
        let name_after = |mut i: usize| {
            while is(i, "if") || is(i, "not") || is(i, "exists") {
                i += 1;
            }
            word(i).to_ascii_lowercase()
        };
        for i in 0..words.len() {
            if is(i, "create") && is(i + 1, "table") {
                tables.insert(name_after(i + 2));
            } else if is(i, "create") && is(i + 1, "virtual") && is(i + 2, "table") {
                // An FTS5 index is a table and its shadow tables (with
                // external content, no `_content` one).
                let name = name_after(i + 3);
                let using = words[i + 3..]
                    .iter()
                    .position(|w| w.eq_ignore_ascii_case("using"));
                if using.is_some_and(|u| is(i + 4 + u, "fts5")) {
                    for shadow in ["data", "idx", "docsize", "config"] {
                        tables.insert(format!("{name}_{shadow}"));
                    }
                }
                tables.insert(name);
            } else if is(i, "drop") && is(i + 1, "table") {
                tables.remove(&name_after(i + 2));
            } else if is(i, "alter") && is(i + 1, "table") && is(i + 3, "rename") && is(i + 4, "to")
            {
                tables.remove(&word(i + 2).to_ascii_lowercase());
                tables.insert(word(i + 5).to_ascii_lowercase());
            }
        }
    }
    tables
}

fn apply(conn: &Connection) -> Result<()> {
    // `Connection::transaction` needs `&mut`; an unchecked transaction on a
    // shared reference is safe here because nothing else uses the connection.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let version = user_version(&tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let target = index as i64 + 1;
        tx.execute_batch(sql)
            .map_err(|e| match e.sqlite_error_code() {
                // Said by `open::classify`, like any other write.
                Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure) => {
                    Error::Sqlite(e)
                }
                _ => Error::Failed {
                    what: Operation::Migrate { to: target },
                    cause: e.to_string(),
                },
            })?;
        tx.pragma_update(None, "user_version", target)?;
    }
    super::search::flush_search_queue(&tx)?;
    fault_hook()?;
    tx.commit()?;
    Ok(())
}

/// In debug builds, `TIES_FAIL_MIGRATION=1` makes a migration fail after
/// every statement ran but before the commit, so tests can prove a failed
/// upgrade leaves the file as it was. Release builds have no such hook.
fn fault_hook() -> Result<()> {
    if cfg!(debug_assertions) && std::env::var_os("TIES_FAIL_MIGRATION").is_some() {
        return Err(Refusal::MigrationFailedOnPurpose.into());
    }
    Ok(())
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Copies the database aside as `<file>.bak-v<version>` before its schema
/// changes. `VACUUM INTO` makes a consistent copy including what is still
/// in the WAL; it writes into a file created owner-only beside the copy's
/// name, which becomes the copy only once whole (see `private_file`).
fn backup_before_migrating(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let mut copy = free_backup_path(path, version, 0);
    let mut pending = PendingFile::beside(&copy)?;
    conn.execute("VACUUM INTO ?1", [pending.path().to_string_lossy()])
        .map_err(
            |e| match open::classify(Some(conn), path, Error::Sqlite(e)) {
                Error::Sqlite(e) => Error::database(
                    path,
                    DatabaseProblem::CopyBeforeUpgrade {
                        copy: copy.clone(),
                        cause: e.to_string(),
                    },
                ),
                said => said,
            },
        )?;
    // Another ties may have taken the name meanwhile: never overwrite.
    let mut tries = 1;
    while let Some(back) = pending.place_new(&copy)? {
        pending = back;
        copy = free_backup_path(path, version, tries);
        tries += 1;
    }
    Ok(copy)
}

/// `<file>.bak-vN`, or `.bak-vN.1`, `.2`, … when taken, from the `from`-th.
fn free_backup_path(path: &Path, version: i64, from: usize) -> PathBuf {
    let base = format!("{}.bak-v{version}", path.display());
    let name = |n: usize| {
        if n == 0 {
            PathBuf::from(&base)
        } else {
            PathBuf::from(format!("{base}.{n}"))
        }
    };
    let mut n = from;
    while name(n).exists() {
        n += 1;
    }
    name(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_version_knows_its_tables_as_running_the_migrations_leaves_them() {
        let conn = Connection::open_in_memory().unwrap();
        open::register_functions(&conn).unwrap();
        for (index, sql) in MIGRATIONS.iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            let version = index as i64 + 1;
            assert_eq!(
                tables_at(version),
                table_names(&conn).unwrap(),
                "the tables of version {version}"
            );
        }
        assert!(tables_at(1).contains("contacts"));
        assert!(!tables_at(1).contains("decay_basis"));
    }
}
