//! The history: every write transaction of the store is one entry, with
//! what the user did (a `Change`) and enough to reverse it exactly; `undo`
//! reverses the newest entry not yet undone.
//!
//! How it is kept (the tables are in migrations/0006_history.sql):
//!
//! * `Store::write` opens the entry (`begin`) before the work runs and
//!   closes it (`finish`) in the same transaction, so no write path can
//!   forget it, and a write that fails leaves no entry.
//! * Rows that were there before the transaction are recorded one by one
//!   by triggers: the row's key, and its image before the change (JSON of
//!   every column). At `finish` the last change of each row gets the row as
//!   it was left, which undo checks is still so.
//! * Rows the transaction added (ids above the marks `begin` took) are
//!   recorded only as ranges of ids, so `ties demo` at two million
//!   interactions or a 10,000-card import costs one comparison per row and
//!   nothing in memory, and is still undone exactly: undo deletes the
//!   ranges, and what belongs to those rows goes with them (ON DELETE
//!   CASCADE).
//! * Undo first checks that every row the entry left is still as it left
//!   it (else it is refused, naming the record and the later entry that
//!   changed it, when one did), then writes the recorded rows back in
//!   reverse order, then deletes the added ranges. The derived tables'
//!   triggers fire as it writes, so the kept sums follow.
//!
//! The triggers are TEMP triggers made on ties' own connection from the
//! schema as it is (a column a later migration adds is recorded without
//! more ado), and they call two functions of this module for the entry and
//! the marks: a program other than ties that writes the file records
//! nothing and pays nothing, and an undo of a row it changed is refused.
//! Their bodies are kept small (a key on insert, the old image on update
//! and delete) because SQLite sets up a trigger's registers on every row
//! it fires for, recorded or not.
//!
//! Why not SQLite's session extension, as issue 11 suggested: rusqlite's
//! `session` feature needs libclang at build time, so a fresh machine with
//! only Rust could not build ties; compiling the bundled SQLite with it
//! through `LIBSQLITE3_FLAGS` in `.cargo/config.toml` works only where
//! cargo reads that file (not for `cargo install --git`) and needs an
//! unsafe FFI wrapper of our own; a session holds every row a transaction
//! changed in memory until its changeset is taken, which for `ties demo
//! --contacts 100000 --interactions 2000000` is gigabytes; and changesets
//! apply table by table, so the kept sums' triggers could see items before
//! their interactions. The trigger log is plain SQL, needs no unsafe code,
//! keeps nothing in memory, and plays back in exact reverse order.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use serde_json::{Map, Value as Json};

use super::Store;
use crate::change::Change;
use crate::error::{Refusal, Result};

/// The tables with ids of their own, in the order of the marks.
const ID_TABLES: [&str; 5] = ["contacts", "networks", "interactions", "items", "reviews"];

/// Every table the history records: everything the user wrote. The derived
/// tables and the history's own are not among them; a test checks every
/// table of the schema is in one of the three lists.
pub const RECORDED_TABLES: &[&str] = &[
    "contacts",
    "contact_emails",
    "contact_phones",
    "contact_urls",
    "contact_addresses",
    "contact_tags",
    "contact_expertise",
    "contact_vcard_extras",
    "contact_dates",
    "contact_uids",
    "contact_relations",
    "affiliations",
    "networks",
    "network_members",
    "interactions",
    "interaction_participants",
    "items",
    "reviews",
    "review_skips",
];

/// Figures kept from the user's data, rebuilt by their own triggers (the
/// search index too, with FTS5's own tables behind it); the config's
/// circle cadences as the kept due dates know them (like decay_basis); and
/// the week's draw of the review, bookkeeping of ties, not the user's
/// (migrations/0008_review.sql says why).
pub const DERIVED_TABLES: &[&str] = &[
    // With the contacts list's sort keys (migrations/0008_perf.sql).
    "contact_stats",
    "contact_timeline",
    "decay_basis",
    "circle_cadences",
    "open_items",
    "interaction_days",
    "network_days",
    "network_stats",
    "review_buckets",
    "review_rounds",
    "review_draws",
    "search_docs",
    "search_queue",
    "search_index",
    "search_index_config",
    "search_index_data",
    "search_index_docsize",
    "search_index_idx",
];

/// The history's own tables.
pub const HISTORY_TABLES: &[&str] = &["history", "history_rows"];

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub id: i64,
    /// When it was written (the store's timestamp).
    pub at: String,
    pub change: Change,
    /// For an undo: the entry it reversed.
    pub undoes: Option<i64>,
    /// The undo that reversed this entry, if one did.
    pub undone_by: Option<i64>,
}

/// What `Store::undo` reversed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Undone {
    /// The entry reversed (now marked undone).
    pub entry: HistoryEntry,
    /// The id of the entry that records the undo.
    pub undo: i64,
}

/// The store's side of the history: the schema of the recorded tables, and
/// what the triggers read while a write records (entry 0: not recording).
#[derive(Debug)]
pub(super) struct Recorder {
    tables: Tables,
    entry: AtomicI64,
    marks: [AtomicI64; 5],
}

impl Recorder {
    fn entry(&self) -> Option<i64> {
        let entry = self.entry.load(Ordering::Relaxed);
        (entry > 0).then_some(entry)
    }

    fn mark(&self, table: i64) -> Option<i64> {
        self.entry()?;
        let mark = self.marks.get(usize::try_from(table).ok()?)?;
        Some(mark.load(Ordering::Relaxed))
    }

    /// Ends the recording (the work of the transaction is done or failed).
    pub(super) fn stop(&self) {
        self.entry.store(0, Ordering::Relaxed);
    }
}

/// Registers `ties_entry()` and `ties_mark(i)` on the connection and
/// creates the triggers that record, made from the schema as it is now.
pub(super) fn install(conn: &Connection) -> Result<Arc<Recorder>> {
    use rusqlite::functions::FunctionFlags;
    let recorder = Arc::new(Recorder {
        tables: Tables::read(conn)?,
        entry: AtomicI64::new(0),
        marks: Default::default(),
    });
    let shared = Arc::clone(&recorder);
    conn.create_scalar_function("ties_entry", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(shared.entry())
    })?;
    let shared = Arc::clone(&recorder);
    conn.create_scalar_function("ties_mark", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
        Ok(shared.mark(ctx.get(0)?))
    })?;
    let mut sql = String::new();
    for &name in RECORDED_TABLES {
        sql.push_str(&triggers(name, recorder.tables.get(name)));
    }
    conn.execute_batch(&sql)?;
    Ok(recorder)
}

/// The triggers that record `name`'s rows that were there before: on
/// insert (the key), update and delete (the key and the row before), and,
/// for a table without ids of its own, an update that makes a row of new
/// contacts one of old ones (recorded as an insert: undo takes it away).
fn triggers(name: &str, table: &Table) -> String {
    let settled = |side: &str| -> String {
        table
            .parents
            .iter()
            .map(|(col, i)| format!("{side}.{col} <= ties_mark({i})"))
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    let key = |side: &str| -> String {
        let list: Vec<String> = table.key.iter().map(|c| format!("{side}.{c}")).collect();
        format!("json_array({})", list.join(", "))
    };
    let image = {
        let pairs: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("'{c}', old.{c}"))
            .collect();
        format!("json_object({})", pairs.join(", "))
    };
    let log = |op: &str, key: &str, old: &str| {
        format!(
            "INSERT INTO main.history_rows (entry, tbl, op, key, old) VALUES (ties_entry(), '{name}', '{op}', {key}, {old});"
        )
    };
    let mut sql = format!(
        "CREATE TEMP TRIGGER history_{name}_insert AFTER INSERT ON main.{name}
         WHEN {} BEGIN {} END;
         CREATE TEMP TRIGGER history_{name}_update AFTER UPDATE ON main.{name}
         WHEN {} BEGIN {} END;
         CREATE TEMP TRIGGER history_{name}_delete AFTER DELETE ON main.{name}
         WHEN {} BEGIN {} END;\n",
        settled("new"),
        log("insert", &key("new"), "NULL"),
        settled("old"),
        log("update", &key("new"), &image),
        settled("old"),
        log("delete", &key("old"), &image),
    );
    if !ID_TABLES.contains(&name) {
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER history_{name}_adopt AFTER UPDATE ON main.{name}
             WHEN NOT ({}) AND {} BEGIN {} END;\n",
            settled("old"),
            settled("new"),
            log("insert", &key("new"), "NULL"),
        ));
    }
    sql
}

/// A recorded table's columns, key, and the columns that say whether a
/// row was there before (its own id, or the ids of the rows it belongs to).
#[derive(Debug)]
struct Table {
    columns: Vec<String>,
    key: Vec<String>,
    /// (column, index of its table in `ID_TABLES`).
    parents: Vec<(String, usize)>,
}

#[derive(Debug)]
struct Tables(HashMap<&'static str, Table>);

impl Tables {
    fn read(conn: &Connection) -> Result<Tables> {
        let mut tables = HashMap::new();
        for &name in RECORDED_TABLES {
            // `name` is one of this module's fixed names, never input.
            let mut columns = Vec::new();
            let mut key: Vec<(i64, String)> = Vec::new();
            let mut stmt =
                conn.prepare(&format!("SELECT name, pk FROM pragma_table_info('{name}')"))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let column: String = row.get("name")?;
                let pk: i64 = row.get("pk")?;
                if pk > 0 {
                    key.push((pk, column.clone()));
                }
                columns.push(column);
            }
            key.sort();
            let parents = match ID_TABLES.iter().position(|t| *t == name) {
                Some(i) => vec![("id".to_string(), i)],
                None => conn
                    .prepare(&format!(
                        "SELECT \"from\" AS col, \"table\" AS parent FROM pragma_foreign_key_list('{name}')"
                    ))?
                    .query_map([], |row| {
                        Ok((row.get::<_, String>("col")?, row.get::<_, String>("parent")?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    .filter_map(|(col, parent)| {
                        ID_TABLES.iter().position(|t| *t == parent).map(|i| (col, i))
                    })
                    .collect(),
            };
            tables.insert(
                name,
                Table {
                    columns,
                    key: key.into_iter().map(|(_, c)| c).collect(),
                    parents,
                },
            );
        }
        Ok(Tables(tables))
    }

    fn name(&self, name: &str) -> Option<&'static str> {
        RECORDED_TABLES.iter().copied().find(|t| *t == name)
    }

    fn get(&self, name: &'static str) -> &Table {
        &self.0[name]
    }
}

/// The entry a write transaction is recording.
pub(super) struct Journal {
    entry: i64,
    marks: [i64; 5],
    rows_from: i64,
}

/// Opens the entry of a write transaction: from here until the recording
/// stops, the triggers record every change to a row that was there before.
pub(super) fn begin(conn: &Connection, recorder: &Recorder) -> Result<Journal> {
    let entry: i64 = conn
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 AS next FROM history")?
        .query_row([], |row| row.get("next"))?;
    let rows_from: i64 = conn
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 AS next FROM history_rows")?
        .query_row([], |row| row.get("next"))?;
    let marks = marks(conn)?;
    for (cell, mark) in recorder.marks.iter().zip(marks) {
        cell.store(mark, Ordering::Relaxed);
    }
    recorder.entry.store(entry, Ordering::Relaxed);
    Ok(Journal {
        entry,
        marks,
        rows_from,
    })
}

/// Closes the entry (once the recording stopped): gives each recorded row
/// the image the entry left it with, and writes the entry with its change
/// and the ranges of ids it added, unless the transaction changed nothing
/// of the user's (then there is no entry, and no row of it).
pub(super) fn finish(
    conn: &Connection,
    recorder: &Recorder,
    journal: Journal,
    at: &str,
    change: &Change,
) -> Result<()> {
    let tables = &recorder.tables;
    let rows_to: Option<i64> = conn
        .prepare_cached("SELECT max(seq) AS last FROM history_rows WHERE seq >= ?1")?
        .query_row([journal.rows_from], |row| row.get("last"))?;
    let ends = marks(conn)?;
    let mut fresh = Map::new();
    for (i, table) in ID_TABLES.iter().enumerate() {
        if ends[i] > journal.marks[i] {
            fresh.insert(
                table.to_string(),
                Json::from(vec![journal.marks[i], ends[i]]),
            );
        }
    }
    let mut changed = !fresh.is_empty();
    if let Some(to) = rows_to {
        let rows = rows_between(conn, journal.rows_from, to, tables)?;
        for ((table, key), (before, after)) in walk(&rows, tables) {
            // A row the entry deleted gets no image; once the entry is known
            // to change something, reading it again would change nothing
            // (a delete of 2,000 interactions reads 4,000 fewer rows).
            if changed && matches!(after, After::Gone) {
                continue;
            }
            let now = current_image(conn, table, tables.get(table), &key)?;
            if let After::Left(seq) = after {
                conn.prepare_cached("UPDATE history_rows SET new = ?2 WHERE seq = ?1")?
                    .execute(params![
                        seq,
                        now.as_ref().map(|m| Json::Object(m.clone()).to_string())
                    ])?;
            }
            changed |= before.cloned() != now;
        }
        if !changed {
            conn.prepare_cached("DELETE FROM history_rows WHERE seq >= ?1")?
                .execute([journal.rows_from])?;
        }
    }
    if !changed {
        return Ok(());
    }
    let change = serde_json::to_string(change).map_err(|e| Refusal::UndoFailed {
        entry: journal.entry,
        cause: e.to_string(),
    })?;
    let fresh = (!fresh.is_empty()).then(|| Json::Object(fresh).to_string());
    conn.prepare_cached(
        "INSERT INTO history (id, at, change, rows_from, rows_to, fresh) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        journal.entry,
        at,
        change,
        rows_to.map(|_| journal.rows_from),
        rows_to,
        fresh
    ])?;
    Ok(())
}

/// The highest id of each table of `ID_TABLES`.
fn marks(conn: &Connection) -> Result<[i64; 5]> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT coalesce(max(id), 0) FROM contacts) AS contacts,
                    (SELECT coalesce(max(id), 0) FROM networks) AS networks,
                    (SELECT coalesce(max(id), 0) FROM interactions) AS interactions,
                    (SELECT coalesce(max(id), 0) FROM items) AS items,
                    (SELECT coalesce(max(id), 0) FROM reviews) AS reviews",
        )?
        .query_row([], |row| {
            Ok([
                row.get("contacts")?,
                row.get("networks")?,
                row.get("interactions")?,
                row.get("items")?,
                row.get("reviews")?,
            ])
        })?)
}

impl Store {
    /// The newest entries first, at most `limit` (undos included, each
    /// naming the entry it reversed).
    pub fn history(&self, limit: usize) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM history ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], entry_row)?;
        let stored = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        stored.iter().map(StoredEntry::parse).collect()
    }

    /// The entry `undo` would reverse now, if any.
    pub fn next_undo(&self) -> Result<Option<HistoryEntry>> {
        newest_open(&self.conn)?
            .map(|stored| stored.parse())
            .transpose()
    }

    /// Reverses the newest entry not yet undone, whoever made it (the CLI
    /// or the UI), and returns it. The undo is an entry of its own (shown
    /// by `history`), never undone itself: the next `undo` reverses the
    /// entry before.
    ///
    /// Refused, writing nothing, when there is nothing to undo, or when a
    /// row the entry wrote was changed since (`Refusal::UndoConflict` says
    /// which record, and which entry changed it when one did).
    pub fn undo(&mut self) -> Result<Undone> {
        // The rows go back unrecorded: an undo's entry is its description.
        let recorder = self.recorder()?;
        recorder.stop();
        let tables = &recorder.tables;
        let at = self.clock.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let target = newest_open(&tx)?.ok_or(Refusal::NothingToUndo)?;
        let entry = target.parse()?;
        let rows = recorded_rows(&tx, &target, tables)?;
        check_unchanged(&tx, tables, &entry, &rows)?;
        let failed = |e: rusqlite::Error| Refusal::UndoFailed {
            entry: entry.id,
            cause: e.to_string(),
        };
        // References are checked once every row is back.
        tx.pragma_update(None, "defer_foreign_keys", true)?;
        reverse_all(&tx, tables, &rows).map_err(failed)?;
        delete_fresh(&tx, target.fresh.as_deref()).map_err(failed)?;
        let undo_id: i64 = tx.query_row(
            "SELECT coalesce(max(id), 0) + 1 AS next FROM history",
            [],
            |row| row.get("next"),
        )?;
        let change = Change::Undid {
            entry: entry.id,
            change: Box::new(entry.change.clone()),
        };
        let change_json = serde_json::to_string(&change).map_err(|e| Refusal::UndoFailed {
            entry: entry.id,
            cause: e.to_string(),
        })?;
        tx.execute(
            "INSERT INTO history (id, at, change, undoes) VALUES (?1, ?2, ?3, ?4)",
            params![undo_id, at, change_json, entry.id],
        )?;
        tx.execute(
            "UPDATE history SET undone_by = ?2 WHERE id = ?1",
            params![entry.id, undo_id],
        )?;
        // There is no redo: the reversed rows' record is not needed again.
        if let (Some(from), Some(to)) = (target.rows_from, target.rows_to) {
            tx.execute(
                "DELETE FROM history_rows WHERE seq BETWEEN ?1 AND ?2",
                params![from, to],
            )?;
        }
        super::search::flush_search_queue(&tx)?;
        tx.commit().map_err(failed)?;
        Ok(Undone {
            entry: HistoryEntry {
                undone_by: Some(undo_id),
                ..entry
            },
            undo: undo_id,
        })
    }
}

const ENTRY_COLUMNS: &str = "id, at, change, undoes, undone_by, rows_from, rows_to, fresh";

/// An entry as stored, its change still JSON.
struct StoredEntry {
    id: i64,
    at: String,
    change: String,
    undoes: Option<i64>,
    undone_by: Option<i64>,
    rows_from: Option<i64>,
    rows_to: Option<i64>,
    fresh: Option<String>,
}

impl StoredEntry {
    fn parse(&self) -> Result<HistoryEntry> {
        let change = serde_json::from_str(&self.change).map_err(|e| Refusal::UndoFailed {
            entry: self.id,
            cause: format!("its description cannot be read ({e})"),
        })?;
        Ok(HistoryEntry {
            id: self.id,
            at: self.at.clone(),
            change,
            undoes: self.undoes,
            undone_by: self.undone_by,
        })
    }
}

fn entry_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEntry> {
    Ok(StoredEntry {
        id: row.get("id")?,
        at: row.get("at")?,
        change: row.get("change")?,
        undoes: row.get("undoes")?,
        undone_by: row.get("undone_by")?,
        rows_from: row.get("rows_from")?,
        rows_to: row.get("rows_to")?,
        fresh: row.get("fresh")?,
    })
}

/// The newest entry that is neither undone nor an undo.
fn newest_open(conn: &Connection) -> Result<Option<StoredEntry>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM history
             WHERE undone_by IS NULL AND undoes IS NULL ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([], entry_row)
        .optional()?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Insert,
    Update,
    Delete,
}

type Image = Map<String, Json>;

/// One recorded row change.
struct RecordedRow {
    seq: i64,
    table: &'static str,
    op: Op,
    /// The key after the change (before it, for a delete).
    key: Vec<Json>,
    /// The row before the change (update, delete).
    old: Option<Image>,
    /// The row as its entry left it, on the entry's last change of it.
    new: Option<Image>,
}

impl RecordedRow {
    /// The key the row had before the change.
    fn old_key(&self, tables: &Tables) -> Vec<Json> {
        match &self.old {
            Some(old) => tables
                .get(self.table)
                .key
                .iter()
                .map(|k| old.get(k).cloned().unwrap_or(Json::Null))
                .collect(),
            None => self.key.clone(),
        }
    }
}

fn recorded_rows(
    conn: &Connection,
    entry: &StoredEntry,
    tables: &Tables,
) -> Result<Vec<RecordedRow>> {
    match (entry.rows_from, entry.rows_to) {
        (Some(from), Some(to)) => rows_between(conn, from, to, tables),
        _ => Ok(Vec::new()),
    }
}

fn rows_between(
    conn: &Connection,
    from: i64,
    to: i64,
    tables: &Tables,
) -> Result<Vec<RecordedRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, entry, tbl, op, key, old, new FROM history_rows
         WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let entry: i64 = row.get("entry")?;
        let unreadable = |cause: String| Refusal::UndoFailed { entry, cause };
        let name: String = row.get("tbl")?;
        let table = tables
            .name(&name)
            .ok_or_else(|| unreadable(format!("it changed a table ties does not know ({name})")))?;
        let op = match row.get::<_, String>("op")?.as_str() {
            "insert" => Op::Insert,
            "update" => Op::Update,
            "delete" => Op::Delete,
            other => return Err(unreadable(format!("unknown change '{other}'")).into()),
        };
        let json = |column: &str| -> Result<Option<Json>> {
            match row.get::<_, Option<String>>(column)? {
                None => Ok(None),
                Some(text) => serde_json::from_str(&text).map(Some).map_err(|_| {
                    unreadable(format!("a recorded row of {name} cannot be read")).into()
                }),
            }
        };
        let image = |column: &str| -> Result<Option<Image>> {
            Ok(match json(column)? {
                Some(Json::Object(map)) => Some(map),
                _ => None,
            })
        };
        let key = match json("key")? {
            Some(Json::Array(key)) => key,
            _ => return Err(unreadable(format!("a recorded row of {name} has no key")).into()),
        };
        out.push(RecordedRow {
            seq: row.get("seq")?,
            table,
            op,
            key,
            old: image("old")?,
            new: image("new")?,
        });
    }
    Ok(out)
}

/// How an entry left a row: there (as recorded on the change `seq`), or
/// taken away.
#[derive(Debug, Clone, Copy)]
enum After {
    Left(i64),
    Gone,
}

/// Every row an entry touched, in the order it first did: as it was
/// before (None: it was not there) and as the entry left it.
type Walk<'r> = Vec<((&'static str, Vec<Json>), (Option<&'r Image>, After))>;

fn walk<'r>(rows: &'r [RecordedRow], tables: &Tables) -> Walk<'r> {
    struct Walker<'r> {
        out: Walk<'r>,
        seen: HashMap<(&'static str, String), usize>,
    }
    impl<'r> Walker<'r> {
        fn touch(
            &mut self,
            table: &'static str,
            key: Vec<Json>,
            before: Option<&'r Image>,
            after: After,
        ) {
            let id = (table, Json::from(key.clone()).to_string());
            match self.seen.get(&id) {
                Some(&i) => self.out[i].1.1 = after,
                None => {
                    self.seen.insert(id, self.out.len());
                    self.out.push(((table, key), (before, after)));
                }
            }
        }
    }
    let mut walker = Walker {
        out: Vec::new(),
        seen: HashMap::new(),
    };
    for row in rows {
        let left = After::Left(row.seq);
        match row.op {
            Op::Insert => walker.touch(row.table, row.key.clone(), None, left),
            Op::Update => {
                let old_key = row.old_key(tables);
                if old_key != row.key {
                    walker.touch(row.table, old_key, row.old.as_ref(), After::Gone);
                    walker.touch(row.table, row.key.clone(), None, left);
                } else {
                    walker.touch(row.table, row.key.clone(), row.old.as_ref(), left);
                }
            }
            Op::Delete => walker.touch(row.table, row.key.clone(), row.old.as_ref(), After::Gone),
        }
    }
    walker.out
}

/// Every row the entry left must still be as it left it: refused with the
/// first record that is not.
fn check_unchanged(
    conn: &Connection,
    tables: &Tables,
    entry: &HistoryEntry,
    rows: &[RecordedRow],
) -> Result<()> {
    let by_seq: HashMap<i64, &RecordedRow> = rows.iter().map(|r| (r.seq, r)).collect();
    for ((table, key), (_, after)) in walk(rows, tables) {
        let expected = match after {
            After::Left(seq) => by_seq.get(&seq).and_then(|r| r.new.as_ref()),
            After::Gone => None,
        };
        let now = current_image(conn, table, tables.get(table), &key)?;
        let same = match (expected, &now) {
            (None, None) => true,
            (Some(expected), Some(now)) => expected.iter().all(|(c, v)| now.get(c) == Some(v)),
            _ => false,
        };
        if !same {
            let by = changed_by(conn, tables, entry.id, table, &key)?;
            return Err(Refusal::UndoConflict {
                entry: entry.id,
                change: Box::new(entry.change.clone()),
                record: describe_record(conn, table, tables.get(table), &key)?,
                by,
            }
            .into());
        }
    }
    Ok(())
}

/// The row of `name` with this key, as an image of every column.
fn current_image(
    conn: &Connection,
    name: &str,
    table: &Table,
    key: &[Json],
) -> Result<Option<Image>> {
    let condition = key_condition(table, 1);
    // Table and column names come from the schema, never from input.
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {name} WHERE {condition}"))?;
    let values: Vec<Value> = key.iter().map(to_sql).collect();
    Ok(stmt
        .query_row(rusqlite::params_from_iter(values), |row| {
            let mut image = Map::new();
            for (i, column) in table.columns.iter().enumerate() {
                image.insert(column.clone(), to_json(row.get::<_, Value>(i)?));
            }
            Ok(image)
        })
        .optional()?)
}

/// `k1 = ?n AND k2 = ?n+1 …` for the table's key.
fn key_condition(table: &Table, first: usize) -> String {
    table
        .key
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", first + i))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// A stored value as the triggers' JSON images hold it.
fn to_json(value: Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Integer(n) => Json::from(n),
        Value::Real(x) => Json::from(x),
        Value::Text(s) => Json::String(s),
        Value::Blob(b) => Json::from(b),
    }
}

/// A recorded value, to be written back.
fn to_sql(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => n.as_f64().map_or(Value::Null, Value::Real),
        },
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// The later entry that changed the row, if one did; None when something
/// outside ties' history changed it. (Entries are undone newest first, so
/// ties itself leaves no later entry's rows over an earlier one's; a later
/// sync might.)
fn changed_by(
    conn: &Connection,
    tables: &Tables,
    after: i64,
    table: &'static str,
    key: &[Json],
) -> Result<Option<(i64, Box<Change>)>> {
    let later: Vec<StoredEntry> = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM history WHERE id > ?1 AND rows_from IS NOT NULL ORDER BY id"
        ))?
        .query_map([after], entry_row)?
        .collect::<rusqlite::Result<_>>()?;
    for entry in later {
        let touches = recorded_rows(conn, &entry, tables)?
            .iter()
            .any(|row| row.table == table && (row.key == key || row.old_key(tables) == key));
        if touches {
            return Ok(Some((entry.id, Box::new(entry.parse()?.change))));
        }
    }
    Ok(None)
}

/// Rows an entry deleted go back this many to a statement. Row by row,
/// each statement would make FTS5 write out a segment of its own and
/// SQLite journal every page it touches again; a hundred rows of any table
/// stay well within SQLite's limit of bound values.
const ROWS_PER_INSERT: usize = 100;

/// Writes back every recorded row in reverse order. The deleted rows of
/// one table that follow each other go back as one statement of several
/// rows, still in that order, and their triggers fire row by row as if
/// each were a statement of its own.
fn reverse_all(conn: &Connection, tables: &Tables, rows: &[RecordedRow]) -> rusqlite::Result<()> {
    let mut run: Vec<Vec<(String, Value)>> = Vec::new();
    let mut run_table = "";
    for row in rows.iter().rev() {
        match (row.op, &row.old) {
            (Op::Delete, Some(old)) => {
                let values = image(tables.get(row.table), old);
                let fits = run_table == row.table
                    && run.len() < ROWS_PER_INSERT
                    && run.first().is_none_or(|first| same_columns(first, &values));
                if !fits {
                    insert_rows(conn, run_table, &run)?;
                    run.clear();
                }
                run_table = row.table;
                run.push(values);
            }
            _ => {
                insert_rows(conn, run_table, &run)?;
                run.clear();
                reverse(conn, tables, row)?;
            }
        }
    }
    insert_rows(conn, run_table, &run)
}

fn same_columns(a: &[(String, Value)], b: &[(String, Value)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((x, _), (y, _))| x == y)
}

/// The columns of `table` a recorded image holds, with their values.
fn image(table: &Table, old: &Image) -> Vec<(String, Value)> {
    table
        .columns
        .iter()
        .filter_map(|c| old.get(c).map(|v| (c.clone(), to_sql(v))))
        .collect()
}

/// One INSERT of `rows` (of the same columns) into `name`.
fn insert_rows(
    conn: &Connection,
    name: &str,
    rows: &[Vec<(String, Value)>],
) -> rusqlite::Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let columns: Vec<&str> = first.iter().map(|(c, _)| c.as_str()).collect();
    let width = columns.len();
    let tuples: Vec<String> = (0..rows.len())
        .map(|r| {
            let marks: Vec<String> = (1..=width).map(|i| format!("?{}", r * width + i)).collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    // Table and column names come from the schema, never from input.
    let sql = format!(
        "INSERT INTO {name} ({}) VALUES {}",
        columns.join(", "),
        tuples.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(
            rows.iter().flatten().map(|(_, v)| v),
        ))?;
    Ok(())
}

/// Writes one recorded change back: the inverse of what it did.
fn reverse(conn: &Connection, tables: &Tables, row: &RecordedRow) -> rusqlite::Result<()> {
    let name = row.table;
    let table = tables.get(name);
    let key: Vec<Value> = row.key.iter().map(to_sql).collect();
    match (row.op, &row.old) {
        (Op::Insert, _) => {
            let sql = format!("DELETE FROM {name} WHERE {}", key_condition(table, 1));
            conn.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(key))?;
        }
        (Op::Update, Some(old)) => {
            let set = image(table, old);
            let assignments: Vec<String> = set
                .iter()
                .enumerate()
                .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
                .collect();
            let sql = format!(
                "UPDATE {name} SET {} WHERE {}",
                assignments.join(", "),
                key_condition(table, set.len() + 1)
            );
            let values: Vec<Value> = set.into_iter().map(|(_, v)| v).chain(key).collect();
            conn.prepare_cached(&sql)?
                .execute(rusqlite::params_from_iter(values))?;
        }
        (Op::Delete, Some(old)) => insert_rows(conn, name, &[image(table, old)])?,
        _ => {}
    }
    Ok(())
}

/// A record as a refusal names it: "contact #3 (Bob Smith)", "an email of
/// contact #1 (Anna Järvinen)".
fn describe_record(conn: &Connection, name: &str, table: &Table, key: &[Json]) -> Result<String> {
    let value = |column: &str| {
        table
            .key
            .iter()
            .position(|k| k == column)
            .and_then(|i| key.get(i))
            .and_then(Json::as_i64)
    };
    let contact = |id: Option<i64>| -> Result<String> {
        let Some(id) = id else {
            return Ok("a contact".to_string());
        };
        let name: Option<String> = conn
            .prepare_cached("SELECT name FROM contacts WHERE id = ?1")?
            .query_row([id], |row| row.get("name"))
            .optional()?;
        Ok(match name {
            Some(name) => format!("contact #{id} ({name})"),
            None => format!("contact #{id}"),
        })
    };
    let what = match name {
        "contacts" => return contact(value("id")),
        "networks" => return Ok(format!("network #{}", value("id").unwrap_or_default())),
        "interactions" => return Ok(format!("interaction #{}", value("id").unwrap_or_default())),
        "items" => return Ok(format!("item #{}", value("id").unwrap_or_default())),
        "reviews" => return Ok(format!("review #{}", value("id").unwrap_or_default())),
        "contact_emails" => "an email",
        "contact_phones" => "a phone",
        "contact_urls" => "a web address",
        "contact_addresses" => "an address",
        "contact_tags" => "a tag",
        "contact_expertise" => "an expertise",
        "contact_vcard_extras" => "a kept vCard line",
        "contact_uids" => "a UID",
        "contact_relations" => "a relation",
        "affiliations" => {
            return Ok(format!(
                "an organisation of {}",
                contact(value("person_id"))?
            ));
        }
        "network_members" => {
            return Ok(format!(
                "the membership of {} in network #{}",
                contact(value("contact_id"))?,
                value("network_id").unwrap_or_default()
            ));
        }
        "interaction_participants" => {
            return Ok(format!(
                "{} in interaction #{}",
                contact(value("contact_id"))?,
                value("interaction_id").unwrap_or_default()
            ));
        }
        _ => "a record",
    };
    Ok(format!("{what} of {}", contact(value("contact_id"))?))
}

/// Deletes the rows an entry added, by their ranges of ids. What belongs
/// to them (emails, participants, items…) goes by ON DELETE CASCADE.
fn delete_fresh(conn: &Connection, fresh: Option<&str>) -> rusqlite::Result<()> {
    let Some(fresh) = fresh else {
        return Ok(());
    };
    let ranges: Map<String, Json> = serde_json::from_str(fresh).unwrap_or_default();
    let range = |table: &str| -> Option<(i64, i64)> {
        let pair = ranges.get(table)?.as_array()?;
        Some((pair.first()?.as_i64()?, pair.get(1)?.as_i64()?))
    };
    // The figures of contacts about to go are not kept up row by row.
    if let Some((after, up_to)) = range("contacts") {
        conn.execute(
            "DELETE FROM contact_stats WHERE contact_id > ?1 AND contact_id <= ?2",
            params![after, up_to],
        )?;
    }
    for table in ["items", "interactions", "reviews", "networks", "contacts"] {
        if let Some((after, up_to)) = range(table) {
            // `table` is one of the fixed names above.
            conn.execute(
                &format!("DELETE FROM {table} WHERE id > ?1 AND id <= ?2"),
                params![after, up_to],
            )?;
        }
    }
    Ok(())
}
