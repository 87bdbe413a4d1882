//! Opening a database file without ever harming a file that is not ours.

use std::fs::{self, OpenOptions};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Refusal, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Two ties processes on one file (the UI open, `ties log` in another
/// terminal) wait for each other's write lock this long before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens `path` read-write. A missing file is created owner-only (0600) in a
/// directory created owner-only (0700); an existing file must already be an
/// SQLite database, checked by its header before SQLite may write to it.
pub fn open_connection(path: &Path) -> Result<Connection> {
    if path.is_dir() {
        return Err(Refusal::DatabaseIsAFolder(path.to_path_buf()).into());
    }
    if path.exists() {
        check_header(path)?;
    } else {
        create_private_file(path)?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| describe_open_error(path, e))?;
    configure(&conn)?;
    Ok(conn)
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
    register_functions(conn)?;
    Ok(())
}

/// `ties_exp2(x)` = 2^x, used by the triggers that keep decayed balances
/// (migrations/0002_reciprocity.sql). The bundled SQLite has no math functions.
/// `ties_uid`, used by migrations/0003_import.sql. `ties_bucket`, used by
/// migrations/0005_review.sql (see `buckets.rs`).
fn register_functions(conn: &Connection) -> Result<()> {
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

fn check_header(path: &Path) -> Result<()> {
    let mut file = fs::File::open(path).map_err(|e| {
        Error::io(
            format!("cannot read {} (check its permissions)", path.display()),
            e,
        )
    })?;
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        }
    }
    if read == 0 {
        return Err(Error::EmptyFile(path.to_path_buf()));
    }
    if read < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(Error::NotADatabase(path.to_path_buf()));
    }
    check_length(path, &header)
}

/// A database cut short (a partial copy, a full disk) would make SQLite fail
/// later with "malformed"; the header says how long the file must be, so say
/// it plainly before anything reads or writes it.
fn check_length(path: &Path, header: &[u8; 100]) -> Result<()> {
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        size => u64::from(size),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    // The page count is only valid when the change counter matches its copy.
    let counter_valid = header[24..28] == header[92..96];
    let length = fs::metadata(path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?
        .len();
    if counter_valid && pages > 0 && length < pages * page_size {
        return Err(Refusal::Truncated {
            path: path.to_path_buf(),
            length,
            expected: pages * page_size,
        }
        .into());
    }
    Ok(())
}

fn create_private_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another ties process created it a moment ago: fine, it is ours.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(
            format!(
                "cannot create the database {} (check that its folder is writable)",
                path.display()
            ),
            e,
        )),
    }
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

/// Sets owner-only permissions on a file ties wrote (backups, exports).
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(format!("cannot set permissions on {}", path.display()), e))?;
    }
    Ok(())
}

fn describe_open_error(path: &Path, error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::PermissionDenied) => {
            Refusal::CannotOpen(path.to_path_buf()).into()
        }
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        _ => Error::Sqlite(error),
    }
}
