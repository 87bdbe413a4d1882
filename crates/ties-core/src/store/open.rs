//! Opening a database file without ever harming a file that is not ours.
//!
//! Before SQLite touches a file, ties checks what it is: a missing file is
//! created only for a write, and then whole (schema included) under a
//! temporary name and moved into place, so a kill during the first run
//! leaves nothing half-made; a link to nothing, a folder, a pipe or device,
//! an empty file or one without SQLite's header is refused untouched. What
//! SQLite itself reports when it first reads the file (truncated, damaged,
//! disk full) is then said plainly.

use std::fs::{self, OpenOptions};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::migrate;
use super::problem::{DatabaseProblem, SpecialFile};
use crate::error::{Error, Result};
use crate::private_file::{self, PendingFile};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Two ties processes on one file (the UI open, `ties log` in another
/// terminal) wait for each other's write lock this long before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What a command means to do with the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read only: a missing file is not created, and a file this user may
    /// not write to is still read.
    Read,
    /// Write: a missing file is created, and one this user may not write to
    /// is refused before anything else happens.
    Write,
}

/// Opens the database at `path` for `access`; see the module comment for
/// what is refused. The schema is not yet migrated.
pub fn open_connection(path: &Path, access: Access) -> Result<Connection> {
    let problem = |problem| Error::database(path, problem);
    if let Some(dir) = folder(path) {
        private_file::sweep(dir);
    }
    match inspect(path)? {
        Found::Missing if access == Access::Read => return Err(problem(DatabaseProblem::Missing)),
        Found::Missing => create_database(path)?,
        Found::File => check_header(path)?,
    }
    // Read-write where the file allows it, read-only where it does not.
    let conn = connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let conn = match read_schema(&conn) {
        Ok(()) => conn,
        Err(e) if access == Access::Read && cannot_share_log(&conn, path, &e) => {
            drop(conn);
            let conn = connect(&immutable_uri(path), immutable_flags())?;
            read_schema(&conn).map_err(|e| classify(Some(&conn), path, Error::Sqlite(e)))?;
            conn
        }
        Err(e) => return Err(classify(Some(&conn), path, Error::Sqlite(e))),
    };
    configure(&conn).map_err(|e| classify(Some(&conn), path, e))?;
    if access == Access::Write && conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(problem(DatabaseProblem::ReadOnly));
    }
    Ok(conn)
}

fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| classify(None, path, Error::Sqlite(e)))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// SQLite reads the header and the schema here, and refuses what it cannot
/// read; a write-ahead log is taken into account, so a file that a
/// checkpoint is growing is not mistaken for a truncated one.
fn read_schema(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
        row.get::<_, i64>(0)
    })
    .map(drop)
}

/// Another user's database in WAL mode, in a folder this user may not
/// write to, with no log beside it: SQLite cannot create the shared index
/// it reads a log through, although there is no log to read.
fn cannot_share_log(conn: &Connection, path: &Path, error: &rusqlite::Error) -> bool {
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
        && matches!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
        )
        && !Path::new(&log).exists()
}

/// Without a log, the file alone is the whole database: SQLite may then
/// read it as immutable, which needs no shared index (and takes no locks,
/// which a reader without write access could not take anyway).
fn immutable_uri(path: &Path) -> std::path::PathBuf {
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(*byte))
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri.into()
}

fn immutable_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

/// Connection settings, applied on every open.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL lets the UI read while another process writes. Switch only when
    // needed: setting it rewrites the header, and a newer-schema file must be
    // refused before anything is written to it (see migrate.rs), so the
    // version is read first.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power
    // loss or an OS crash. A logged meeting is the user's memory; one fsync
    // per commit is cheap at the rate people log things.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Every page is checked as it is read, so a write that touches a damaged
    // page fails as damaged instead of writing on top of the damage.
    conn.pragma_update(None, "cell_size_check", "ON")?;
    // Statement journals (one per statement that may write many rows, as
    // every statement with triggers does) and sorts stay in memory: no
    // temporary file ever holds the user's rows, and a write of thousands
    // of rows does not write each page twice, once to a temporary file.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    register_functions(conn)?;
    Ok(())
}

/// `ties_exp2(x)` = 2^x, used by the triggers that keep decayed balances
/// (migrations/0002_reciprocity.sql). The bundled SQLite has no math functions.
/// `ties_uid`, used by migrations/0003_import.sql. `ties_bucket`, used by
/// migrations/0008_review.sql (see `buckets.rs`). `ties_width`, a text's
/// width in terminal columns, used by migrations/0012_list_keys.sql.
pub(super) fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "ties_bucket",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<f64>>(0)?.map(super::buckets::bucket)),
    )?;
    conn.create_scalar_function(
        "ties_exp2",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<f64>(0)?.exp2()),
    )?;
    // ties_uid(id, created_at, name): the UID migration 0003 gives contacts
    // that predate it, the same one insert_contact gives new contacts.
    conn.create_scalar_function(
        "ties_uid",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(super::uid::derive_uid(
                ctx.get(0)?,
                &ctx.get::<String>(1)?,
                &ctx.get::<String>(2)?,
            ))
        },
    )?;
    conn.create_scalar_function(
        "ties_width",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = ctx.get::<Option<String>>(0)?.unwrap_or_default();
            Ok(crate::text::width(&text) as i64)
        },
    )?;
    // ties_network_key(name): the key migration 0007 gives networks that
    // predate it, the one the store keys new networks by.
    conn.create_scalar_function(
        "ties_network_key",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(super::networks::network_key(&ctx.get::<String>(0)?)),
    )?;
    Ok(())
}

/// Switches a database we are about to write to WAL mode.
pub fn enable_wal(conn: &Connection) -> Result<()> {
    let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    }
    Ok(())
}

fn folder(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(dir) if dir.as_os_str().is_empty() => Some(Path::new(".")),
        other => other,
    }
}

enum Found {
    Missing,
    File,
}

/// What is at `path`, judged without opening it (opening a pipe blocks).
fn inspect(path: &Path) -> Result<Found> {
    let problem = |problem| Err(Error::database(path, problem));
    let cannot_read = |e| Error::io(format!("cannot read {}", path.display()), e);
    let link = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        // A path through a file (`notes.txt/ties.db`) is missing too; creating
        // it then says which part is not a folder.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Found::Missing);
        }
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return problem(DatabaseProblem::Unreadable);
        }
        Err(e) => return Err(cannot_read(e)),
    };
    let meta = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let target = fs::read_link(path).unwrap_or_default();
                return problem(DatabaseProblem::DanglingLink { target });
            }
            Err(e) => return Err(cannot_read(e)),
        }
    } else {
        link
    };
    if meta.is_dir() {
        return problem(DatabaseProblem::Directory);
    }
    if !meta.is_file() {
        return problem(DatabaseProblem::NotARegularFile {
            kind: SpecialFile::of(&meta.file_type()),
        });
    }
    Ok(Found::File)
}

fn check_header(path: &Path) -> Result<()> {
    let problem = |problem| Err(Error::database(path, problem));
    let cannot_read = |e| Error::io(format!("cannot read {}", path.display()), e);
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Swapped for a pipe since `inspect`: fail instead of waiting forever.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return problem(DatabaseProblem::Unreadable);
        }
        Err(e) => return Err(cannot_read(e)),
    };
    let meta = file.metadata().map_err(cannot_read)?;
    if !meta.is_file() {
        return problem(DatabaseProblem::NotARegularFile {
            kind: SpecialFile::of(&meta.file_type()),
        });
    }
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(cannot_read(e)),
        }
    }
    if read == 0 {
        return problem(DatabaseProblem::Empty);
    }
    if read < 100 || &header[..16] != SQLITE_MAGIC {
        return problem(DatabaseProblem::NotSqlite);
    }
    Ok(())
}

/// Creates a new database at `path`, whole: schema and WAL mode are set up
/// under a temporary name beside it, which is then moved into place. When
/// another ties created the same file meanwhile, that one is kept.
fn create_database(path: &Path) -> Result<()> {
    let cannot_create = |error: Error| match error {
        Error::Io { cause, .. } => Error::io(
            format!(
                "cannot create the database {} (check that its folder is writable)",
                path.display()
            ),
            cause,
        ),
        other => other,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let pending = PendingFile::beside(path).map_err(cannot_create)?;
    {
        let conn = Connection::open_with_flags(
            pending.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let made = configure(&conn)
            .and_then(|()| migrate::create_schema(&conn))
            .and_then(|()| enable_wal(&conn));
        made.map_err(|e| classify(Some(&conn), path, e))?;
        // Closing checkpoints the log into the file and removes it, so the
        // file moved into place is complete on its own.
        conn.close().map_err(|(_, e)| Error::Sqlite(e))?;
    }
    pending.place_new(path).map_err(cannot_create)?;
    Ok(())
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io(format!("cannot create the folder {}", dir.display()), e))
}

/// Says what an SQLite error means for the file at `path`: read-only,
/// full disk, damage, truncation. Other errors pass through unchanged.
/// `conn`, when there is one, tells the operating system's error behind a
/// generic "disk I/O error".
pub(crate) fn classify(conn: Option<&Connection>, path: &Path, error: Error) -> Error {
    let Error::Sqlite(sqlite) = &error else {
        return error;
    };
    let problem = match sqlite.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ReadOnly) => DatabaseProblem::ReadOnly,
        Some(rusqlite::ErrorCode::DiskFull) => DatabaseProblem::DiskFull,
        Some(rusqlite::ErrorCode::SystemIoFailure) if conn.is_some_and(disk_is_full) => {
            DatabaseProblem::DiskFull
        }
        Some(rusqlite::ErrorCode::NotADatabase) => DatabaseProblem::NotSqlite,
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => match truncation(path) {
            Some((length, expected)) => DatabaseProblem::Truncated { length, expected },
            None => DatabaseProblem::Damaged {
                found: sqlite.to_string(),
            },
        },
        _ => return error,
    };
    Error::database(path, problem)
}

/// Whether the last failure of `conn` was the operating system saying the
/// disk or the quota is full.
fn disk_is_full(conn: &Connection) -> bool {
    // SAFETY: the handle is valid for as long as `conn` is borrowed, and
    // sqlite3_system_errno only reads the connection's last error number.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    matches!(
        std::io::Error::from_raw_os_error(errno).kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// When SQLite found a file damaged: its length and the length its header
/// says, if the file is the shorter. Only asked after SQLite refused the
/// file, which it does not do while a write-ahead log holds the missing
/// pages.
fn truncation(path: &Path) -> Option<(u64, u64)> {
    let mut header = [0u8; 100];
    fs::File::open(path).ok()?.read_exact(&mut header).ok()?;
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        size => u64::from(size),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    // The page count is only valid when the change counter matches its copy.
    let counter_valid = header[24..28] == header[92..96];
    let length = fs::metadata(path).ok()?.len();
    let expected = pages * page_size;
    (counter_valid && length < expected).then_some((length, expected))
}
