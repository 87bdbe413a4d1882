//! Whole-process timings of the release binary on generated demo data.
//!
//!     cargo bench                      # 10,000 contacts, 200,000 interactions
//!     TIES_BENCH_ONLY=fix cargo bench  # only delete and undo (also: import, linear, reach, review,
//!                                      # list: list, show and the UI beside their floors)
//!     TIES_BENCH_SIZES=1000x20000,10000x200000,100000x2000000 cargo bench
//!
//! Each size gets its own database under target/bench/, generated once by
//! `ties demo` (timed too) and reused. Each command runs a few times to warm
//! the page cache, then `RUNS` times; the figures are wall-clock per process.

#[path = "../tests/common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIES: &str = env!("CARGO_BIN_EXE_ties");
const TODAY: &str = "2026-11-26";
const WARMUP: usize = 3;
const RUNS: usize = 30;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing we use.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let only = std::env::var("TIES_BENCH_ONLY").ok();
    let wanted = |part: &str| only.as_deref().is_none_or(|o| o == part);
    if wanted("import") {
        bench_import(10_000);
    }
    if wanted("linear") {
        bench_linear();
    }
    let sizes = std::env::var("TIES_BENCH_SIZES").unwrap_or_else(|_| "10000x200000".to_string());
    let mut review_growth = Vec::new();
    for size in sizes.split(',') {
        let (contacts, interactions) = size
            .split_once('x')
            .and_then(|(c, i)| {
                Some((
                    c.trim().parse::<usize>().ok()?,
                    i.trim().parse::<usize>().ok()?,
                ))
            })
            .unwrap_or_else(|| {
                panic!("TIES_BENCH_SIZES entries look like 10000x200000, not {size}")
            });
        bench_size(contacts, interactions, &wanted);
        if wanted("review") {
            review_growth.push((contacts, interactions, bench_review(contacts, interactions)));
        }
    }
    report_review_growth(&review_growth);
}

fn bench_size(contacts: usize, interactions: usize, wanted: &dyn Fn(&str) -> bool) {
    let db = database(contacts, interactions);
    println!(
        "\n== {contacts} contacts, {interactions} interactions ({}) ==",
        db.display()
    );
    if !wanted("size") {
        if wanted("fix") {
            bench_fix(&db);
        }
        if wanted("list") {
            bench_list(&db);
            bench_ui(&db);
        }
        if wanted("reach") {
            bench_reach(&db);
        }
        return;
    }
    bench_list(&db);
    bench_ui(&db);
    bench_fix(&db);
    bench_reach(&db);
    // The floor to beat: the sqlite3 shell running just the plain aggregate
    // (signed weight sum and last date per contact) over the items table.
    if Command::new("sqlite3").arg("-version").output().is_ok() {
        report(
            "sqlite3 shell: plain balance aggregate",
            &time(|| sqlite3(&db, PLAIN_AGGREGATE)),
        );
    } else {
        println!("(sqlite3 shell not installed: skipping the comparison)");
    }
}

/// What prints as fast as it can be written: `ties list --format json`
/// (every contact, streamed) beside the sqlite3 shell printing the same
/// contacts' rows as JSON, with the peak memory of each (which must not
/// grow with the output); and `ties show` of the busiest contact, its
/// timeline paged in text, whole in JSON, beside the shell reading that
/// contact's row and newest interactions.
fn bench_list(db: &Path) {
    let list = time(|| ties(db, &["list", "--format", "json"]));
    report("ties list --format json", &list);
    let list_kb = peak_kb(ties_command(db, &["list", "--format", "json"]));
    memory("ties list --format json: peak memory", list_kb);
    let busiest = busiest_contact(db);
    let who = format!("#{busiest}");
    let show = time(|| ties(db, &["show", &who]));
    report("ties show <busiest contact>", &show);
    report(
        "ties show <busiest contact> --format json",
        &time(|| ties(db, &["show", &who, "--format", "json"])),
    );
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("(sqlite3 shell not installed: skipping the floors)");
        return;
    }
    let floor = time(|| sqlite3_json(db, LISTED_ROWS));
    report("sqlite3 -json: the listed contacts' rows", &floor);
    ratio("list --format json / sqlite3 -json", &list, &floor);
    let mut shell = Command::new("sqlite3");
    shell.arg("-json").arg(db).arg(LISTED_ROWS);
    memory("sqlite3 -json: peak memory", peak_kb(shell));
    let timeline = format!(
        "SELECT * FROM contacts WHERE id = {busiest};
         SELECT i.* FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
         WHERE p.contact_id = {busiest} ORDER BY i.date DESC, coalesce(i.time, '') DESC, i.id DESC LIMIT 21;"
    );
    let show_floor = time(|| sqlite3(db, &timeline));
    report("sqlite3 shell: the contact and its newest 21", &show_floor);
    ratio("show / sqlite3", &show, &show_floor);
}

/// The rows of the contacts table that `ties list` shows, in its order.
const LISTED_ROWS: &str = "SELECT * FROM contacts WHERE archived = 0 ORDER BY name_key, id;";

/// The contact in the most interactions.
fn busiest_contact(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT contact_id FROM interaction_participants
         GROUP BY contact_id ORDER BY count(*) DESC, contact_id LIMIT 1",
        [],
        |row| row.get(0),
    )
    .unwrap()
}

/// The name of the first (or last) contact of the list sorted by name.
fn listed_name(db: &Path, last: bool) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let order = if last { "DESC" } else { "ASC" };
    conn.query_row(
        &format!(
            "SELECT name FROM contacts WHERE archived = 0 ORDER BY name_key {order}, id {order} LIMIT 1"
        ),
        [],
        |row| row.get(0),
    )
    .unwrap()
}

fn sqlite3_json(db: &Path, sql: &str) {
    run_sqlite3(&["-json"], db, sql);
}

/// Runs a command to its end, its output thrown away; its peak resident
/// memory in KB.
// wait4 below reaps the child, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn peak_kb(mut command: Command) -> u64 {
    let child = command.stdout(Stdio::null()).spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait for {command:?}");
    usage.ru_maxrss as u64
}

fn memory(what: &str, kb: u64) {
    println!("{what:<45} {:.1} MB", kb as f64 / 1024.0);
}

/// A figure beside its floor: the ratio of their medians.
fn ratio(what: &str, samples: &[Duration], floor: &[Duration]) {
    let median = |s: &[Duration]| s[s.len() / 2].as_secs_f64();
    println!(
        "{what:<45} {:.2}× the floor",
        median(samples) / median(floor)
    );
}

/// What runs from a prompt, a timer or a search box: `ties due --count`
/// (a prompt waits for it: the aim is under 10 ms), `ties due`, and `ties
/// search` for a rare and a common word (the aim is under 30 ms). Beside
/// each, the sqlite3 shell doing the least the command must: starting and
/// opening the file, reading every contact's kept facts, and the ranked
/// full-text query alone.
fn bench_reach(db: &Path) {
    let count_samples = time(|| ties(db, &["due", "--count"]));
    report("ties due --count", &count_samples);
    report("ties due", &time(|| ties(db, &["due"])));
    for word in ["kubernetes", "coffee"] {
        report(
            &format!("ties search {word} --format json"),
            &time(|| ties(db, &["search", word, "--format", "json"])),
        );
    }
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("(sqlite3 shell not installed: skipping the floors)");
        return;
    }
    report(
        "sqlite3 shell: open the file",
        &time(|| sqlite3(db, "SELECT 1;")),
    );
    // What `due --count` must read at least: the schema (any statement on
    // the file parses all of it), the kept week buckets, the due dates of
    // this week one cadence at a time (each cadence in effect found by one
    // lookup, as ties finds them), the resting, your open promises' kept
    // weeks and those of the last week by their index, and the coming
    // birthdays and dates, by their indexes.
    let counts = format!(
        "SELECT sum(n) FROM review_buckets WHERE kind = 'due'
             AND key < CAST(julianday('{TODAY}') AS INTEGER) / 7;
         WITH RECURSIVE cadences(c) AS (
             SELECT min(cadence) FROM contact_stats WHERE cadence > 0
             UNION ALL
             SELECT (SELECT min(cadence) FROM contact_stats WHERE cadence > c) FROM cadences
             WHERE c IS NOT NULL)
         SELECT sum((SELECT count(*) FROM contact_stats WHERE cadence = c
             AND due_on BETWEEN date('{TODAY}', '-6 days') AND '{TODAY}'))
         FROM cadences WHERE c IS NOT NULL;
         SELECT count(*) FROM contact_stats INDEXED BY contact_stats_resting
             WHERE rests_until IS NOT NULL AND rests_until > '{TODAY}'
             AND cadence IS NOT NULL AND due_on <= '{TODAY}';
         SELECT sum(n) FROM review_buckets WHERE kind = 'promised'
             AND key < CAST(julianday('{TODAY}', '-7 days') AS INTEGER) / 7;
         SELECT count(*) FROM open_items WHERE listed = 1 AND direction = 'gave'
             AND since BETWEEN date('{TODAY}', '-13 days') AND date('{TODAY}', '-7 days');
         SELECT count(*) FROM contacts WHERE birthday IS NOT NULL AND archived = 0
             AND substr(birthday, -5) BETWEEN strftime('%m-%d', '{TODAY}')
             AND strftime('%m-%d', '{TODAY}', '+7 days');
         SELECT count(*) FROM contact_dates WHERE yearly = 0
             AND date BETWEEN '{TODAY}' AND date('{TODAY}', '+7 days');"
    );
    let floor = time(|| sqlite3(db, &counts));
    report("sqlite3 shell: the counts due --count reads", &floor);
    print_ratio("ties due --count", &count_samples, &floor);
    report(
        "sqlite3 shell: every contact's facts",
        &time(|| sqlite3(db, FACTS)),
    );
    for word in ["kubernetes", "coffee"] {
        let sql = format!(
            "SELECT rowid FROM search_index WHERE search_index MATCH '\"{word}\"*' ORDER BY rank LIMIT 20;"
        );
        report(
            &format!("sqlite3 shell: ranked FTS5 query {word}"),
            &time(|| sqlite3(db, &sql)),
        );
    }
}

/// What reconnects due reads today: every active contact's cadence and
/// last interaction.
const FACTS: &str = "SELECT c.id, c.name, c.kind, c.circle, c.cadence_days, c.snoozed_until,
       c.created_at, s.last_interaction, c.reminders
FROM contacts c JOIN contact_stats s ON s.contact_id = c.id WHERE c.archived = 0;";

const PLAIN_AGGREGATE: &str = "SELECT it.counterparty_id,
       sum(CASE WHEN it.direction = 'gave' THEN it.weight ELSE -it.weight END),
       max(i.date)
FROM items it JOIN interactions i ON i.id = it.interaction_id
GROUP BY it.counterparty_id;";

fn sqlite3(db: &Path, sql: &str) {
    run_sqlite3(&[], db, sql);
}

/// The sqlite3 shell with `options` running `sql` on `db`, its output
/// thrown away (as ties' is).
fn run_sqlite3(options: &[&str], db: &Path, sql: &str) {
    let status = Command::new("sqlite3")
        .args(options)
        .arg(db)
        .arg(sql)
        .stdout(Stdio::null())
        .status()
        .expect("run sqlite3");
    assert!(status.success(), "sqlite3 failed");
}

/// The demo database for a size, generated once.
fn database(contacts: usize, interactions: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("demo-{contacts}x{interactions}.db"));
    if !db.exists() {
        let started = Instant::now();
        ties(
            &db,
            &[
                "demo",
                "--contacts",
                &contacts.to_string(),
                "--interactions",
                &interactions.to_string(),
            ],
        );
        println!(
            "generated {} in {:.2} s",
            db.display(),
            started.elapsed().as_secs_f64()
        );
    }
    upgrade(&db);
    db
}

/// A database kept from an earlier run is brought to the current schema
/// before anything is timed, so no timed run pays for the migration (nor
/// for the copy ties keeps of the file before it).
fn upgrade(db: &Path) {
    ties(db, &["due", "--count"]);
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    for entry in std::fs::read_dir(db.parent().unwrap()).unwrap().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(&format!("{name}.bak-v"))
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    checkpoint(db);
}

fn ties(db: &Path, args: &[&str]) {
    let status = ties_command(db, args)
        .stdout(Stdio::null())
        .status()
        .expect("run ties");
    assert!(status.success(), "ties {args:?} failed");
}

fn ties_command(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(TIES);
    command
        .arg("--db")
        .arg(db)
        .arg("--today")
        .arg(TODAY)
        .args(args);
    command
}

fn time(mut run: impl FnMut()) -> Vec<Duration> {
    for _ in 0..WARMUP {
        run();
    }
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

fn report(what: &str, samples: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    println!(
        "{what:<45} min {:>7.1} ms   median {:>7.1} ms   p90 {:>7.1} ms   ({} runs)",
        ms(samples[0]),
        ms(median),
        ms(p90),
        samples.len()
    );
}

/// The terminal UI in a pseudo-terminal (120×40): time to the first frame,
/// to the first contact row on screen and to the loaded list from process
/// start, scrolling to the end of the list (G) until its last contact is
/// on screen, each filter keystroke to the frame that shows it, opening
/// the review tab, and peak memory.
fn bench_ui(db: &Path) {
    const WAIT: Duration = Duration::from_secs(30);
    let (first_name, last_name) = (listed_name(db, false), listed_name(db, true));
    let mut first_frame = Vec::new();
    let mut first_row = Vec::new();
    let mut scroll_to_end = Vec::new();
    let mut loaded = Vec::new();
    let mut keystrokes = Vec::new();
    let mut review = Vec::new();
    let mut peak_kb = 0u64;
    for _ in 0..10 {
        let db_text = db.to_str().unwrap();
        let mut session = pty::Session::spawn(
            Path::new(TIES),
            &[],
            &[("TIES_DB", db_text), ("TIES_TODAY", TODAY)],
            120,
            40,
        );
        first_frame.push(session.wait_for_text("1 Contacts", WAIT) - session.started);
        first_row.push(session.wait_for_text(&first_name, WAIT) - session.started);
        loaded.push(session.wait_for_text("sorted by", WAIT) - session.started);
        scroll_to_end.push(session.keys_until(b"G", &last_name, WAIT));
        session.keys_until(b"g", &first_name, WAIT);
        session.keys_until(b"/", "/ ", WAIT);
        let mut typed = String::new();
        for c in ["m", "a", "k", "e"] {
            typed.push_str(c);
            keystrokes.push(session.keys_until(c.as_bytes(), &format!("/ {typed}"), WAIT));
        }
        // Esc clears the filter; wait for it, or the next key reads as Alt-2.
        session.keys_until(b"\x1b", "sorted by", WAIT);
        review.push(session.keys_until(b"2", "You may owe", WAIT));
        peak_kb = peak_kb.max(peak_memory_kb(session.child.id()));
        session.send(b"q");
        session.wait_exit(WAIT);
    }
    for samples in [
        &mut first_frame,
        &mut first_row,
        &mut loaded,
        &mut scroll_to_end,
        &mut keystrokes,
        &mut review,
    ] {
        samples.sort();
    }
    report("ui: first frame from process start", &first_frame);
    report("ui: first contact row from process start", &first_row);
    report("ui: contacts loaded from process start", &loaded);
    report("ui: scroll to the end (G) to its frame", &scroll_to_end);
    report("ui: filter keystroke to next frame", &keystrokes);
    report("ui: open the review tab", &review);
    println!(
        "{:<45} {:.1} MB",
        "ui: peak memory (VmHWM)",
        peak_kb as f64 / 1024.0
    );
}

fn peak_memory_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Importing one file of `cards` vCards into a fresh database, then listing
/// them. The file is `ties export vcard` of a demo database of that many
/// contacts, made once under target/bench/.
fn bench_import(cards: usize) {
    const IMPORT_RUNS: usize = 5;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let vcf = dir.join(format!("demo-{cards}-cards.vcf"));
    if !vcf.exists() {
        let source = dir.join(format!("demo-{cards}-for-vcards.db"));
        if !source.exists() {
            ties(
                &source,
                &[
                    "demo",
                    "--contacts",
                    &cards.to_string(),
                    "--interactions",
                    "1000",
                ],
            );
        }
        ties(&source, &["export", "vcard", "-o", vcf.to_str().unwrap()]);
    }
    let text = std::fs::read_to_string(&vcf).unwrap();
    let count = text.matches("BEGIN:VCARD").count();
    println!(
        "\n== import: {count} vCards, {:.1} MB ({}) ==",
        text.len() as f64 / 1e6,
        vcf.display()
    );
    let db = dir.join("imported.db");
    let fresh = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    };
    let mut samples: Vec<Duration> = (0..IMPORT_RUNS)
        .map(|_| {
            fresh();
            let started = Instant::now();
            ties(&db, &["import", "vcard", vcf.to_str().unwrap()]);
            started.elapsed()
        })
        .collect();
    samples.sort();
    report("ties import vcard (into a fresh database)", &samples);
    if let Some(floor) = import_floor(&db, &dir) {
        report("  floor: sqlite3 writing the same rows", &floor);
        print_ratio("  ties import vcard", &samples, &floor);
    }
    report(
        "ties list --format json (after the import)",
        &time(|| ties(&db, &["list", "--format", "json"])),
    );
    bench_corpus_import(cards, &dir, &db, &fresh);
}

/// The floor of an import: the sqlite3 shell writing the rows the import
/// wrote (every table of the user's own, as INSERT statements, in one
/// transaction, with ties' pragmas) into an empty ties database without
/// its triggers: the rows alone, with no stats row, review bucket, search
/// document or history. `imported` is the database the import made.
fn import_floor(imported: &Path, dir: &Path) -> Option<Vec<Duration>> {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("(sqlite3 shell not installed: no floor for the import)");
        return None;
    }
    let mut sql = String::from("PRAGMA foreign_keys = ON;\nPRAGMA synchronous = FULL;\nBEGIN;\n");
    // Every table of the user's own (those the history records): an import
    // writes the contacts' and leaves the others empty.
    for table in ties::store::RECORDED_TABLES {
        let out = Command::new("sqlite3")
            .arg(imported)
            .arg(format!(".mode insert {table}"))
            .arg(format!("SELECT * FROM {table}"))
            .output()
            .expect("run sqlite3");
        sql.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    sql.push_str("COMMIT;\n");
    let script = dir.join("import-floor.sql");
    std::fs::write(&script, sql).unwrap();
    // An empty ties database of this version, with its triggers dropped.
    let empty = dir.join("import-floor-empty.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", empty.display()));
    }
    ties(&empty, &["add", "person", "Floor"]);
    let names = Command::new("sqlite3")
        .arg(&empty)
        .arg("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .output()
        .expect("run sqlite3");
    let mut empty_it: String = String::from_utf8_lossy(&names.stdout)
        .lines()
        .map(|name| format!("DROP TRIGGER \"{name}\";\n"))
        .collect();
    empty_it.push_str("PRAGMA foreign_keys = ON; DELETE FROM contacts; DELETE FROM history_rows; DELETE FROM history; VACUUM;");
    sqlite3(&empty, &empty_it);
    let work = dir.join("import-floor.db");
    Some(time_copies(&empty, &work, 5, || {
        let status = Command::new("sqlite3")
            .arg(&work)
            .stdin(std::fs::File::open(&script).unwrap())
            .stdout(Stdio::null())
            .status()
            .expect("run sqlite3");
        assert!(status.success(), "sqlite3 failed");
    }))
}

/// Importing `cards` vCards shaped like other programs write them: the
/// UTF-8 cards of tests/fixtures/corpus (2.1 quoted-printable, charsets,
/// folds, groups, photos) repeated, in one file.
fn bench_corpus_import(cards: usize, dir: &Path, db: &Path, fresh: &dyn Fn()) {
    const IMPORT_RUNS: usize = 5;
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let mut files = Vec::new();
    let mut stack = vec![corpus];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("vcf"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    // Whole cards only: files that are UTF-8 and end every card they begin.
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| String::from_utf8(std::fs::read(f).ok()?).ok())
        .filter(|t| {
            let upper = t.to_uppercase();
            let begins = upper.matches("BEGIN:VCARD").count();
            begins > 0 && begins == upper.matches("END:VCARD").count()
        })
        .collect();
    let mut text = String::new();
    let mut count = 0;
    while count < cards {
        for t in &texts {
            text.push_str(t);
            if !text.ends_with('\n') {
                text.push_str("\r\n");
            }
            count += t.to_uppercase().matches("BEGIN:VCARD").count();
        }
    }
    let vcf = dir.join("corpus-shaped.vcf");
    std::fs::write(&vcf, &text).unwrap();
    println!(
        "\n== import: {count} corpus-shaped vCards, {:.1} MB ({}) ==",
        text.len() as f64 / 1e6,
        vcf.display()
    );
    let mut samples: Vec<Duration> = (0..IMPORT_RUNS)
        .map(|_| {
            fresh();
            let started = Instant::now();
            ties(db, &["import", "vcard", vcf.to_str().unwrap()]);
            started.elapsed()
        })
        .collect();
    samples.sort();
    report(
        "ties import vcard (corpus-shaped, fresh database)",
        &samples,
    );
}

/// Work that must grow linearly with its input: one vCard holding n kept
/// properties, and one `log` naming n participants among as many contacts.
/// Each is timed at n and 2n; twice the input should take about twice as
/// long, not four times.
fn bench_linear() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    println!("\n== linear in its input ==");
    for n in [10_000, 20_000] {
        let vcf = dir.join(format!("one-card-{n}-extras.vcf"));
        let mut card = String::from("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Many Extras\r\n");
        for i in 0..n {
            card.push_str(&format!("X-EXTRA-{i}:value {i}\r\n"));
        }
        card.push_str("END:VCARD\r\n");
        std::fs::write(&vcf, card).unwrap();
        let db = dir.join("extras.db");
        let samples = time_fresh(&db, 3, || {
            ties(&db, &["import", "vcard", vcf.to_str().unwrap()]);
        });
        report(
            &format!("import one vCard with {n} X- properties"),
            &samples,
        );
    }
    for n in [5_000, 10_000] {
        let source = dir.join(format!("people-{n}.db"));
        if !source.exists() {
            ties(
                &source,
                &[
                    "demo",
                    "--contacts",
                    &n.to_string(),
                    "--interactions",
                    "100",
                ],
            );
        }
        let db = dir.join("log-many.db");
        let participants: Vec<String> = (1..=n).map(|id| format!("#{id}")).collect();
        let mut args = vec!["log"];
        args.extend(participants.iter().map(String::as_str));
        let samples = time_fresh(&db, 3, || {
            std::fs::copy(&source, &db).unwrap();
            ties(&db, &args);
        });
        report(&format!("log with {n} participants among {n}"), &samples);
    }
}

/// Times `run` `runs` times, each on a database removed first.
fn time_fresh(db: &Path, runs: usize, mut run: impl FnMut()) -> Vec<Duration> {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
            }
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}

/// The weekly review's figures at one size, each beside its floor.
struct ReviewFigures {
    json: Duration,
    /// The sqlite3 shell on the same file: the review's own rows (each
    /// section's first ten from the kept figures, the totals' buckets).
    floor_rows: Option<Duration>,
    /// The sqlite3 shell: the plain balance aggregate over every item, what
    /// a review without kept figures would at least cost.
    floor_aggregate: Option<Duration>,
    ui_tab: Duration,
}

/// `ties review --format json` and the UI's review tab at one size.
fn bench_review(contacts: usize, interactions: usize) -> ReviewFigures {
    let db = database(contacts, interactions);
    println!("\n== review: {contacts} contacts, {interactions} interactions ==");
    let json = time(|| ties(&db, &["review", "--format", "json"]));
    report("ties review --format json", &json);
    let sqlite = Command::new("sqlite3").arg("-version").output().is_ok();
    let (floor_rows, floor_aggregate) = if sqlite {
        let rows = time(|| sqlite3(&db, &review_rows_sql()));
        report("  floor: sqlite3 shell, the review's rows", &rows);
        let aggregate = time(|| sqlite3(&db, PLAIN_AGGREGATE));
        report("  floor: sqlite3 shell, plain aggregate", &aggregate);
        (Some(median(&rows)), Some(median(&aggregate)))
    } else {
        println!("(sqlite3 shell not installed: no floors)");
        (None, None)
    };
    let ui_tab = bench_review_tab(&db);
    report("ui: open the review tab (to its headings)", &ui_tab);
    ReviewFigures {
        json: median(&json),
        floor_rows,
        floor_aggregate,
        ui_tab: median(&ui_tab),
    }
}

fn median(samples: &[Duration]) -> Duration {
    samples[samples.len() / 2]
}

/// The rows `ties review` reads, as plain SQL for the sqlite3 shell: each
/// section's first ten by the same indexes, the totals' buckets, the
/// week's days and the networks' kept sums (for the bench's TODAY and the
/// default settings).
fn review_rows_sql() -> String {
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let bound = 3.0 * ((today - epoch).num_days() as f64 / 365.0).exp2();
    let figures = "SELECT s.contact_id, c.name, s.gave_scaled, s.got_scaled, s.last_interaction
        FROM contact_stats s CROSS JOIN contacts c ON c.id = s.contact_id";
    let awake = format!("(s.rests_until IS NULL OR s.rests_until <= '{TODAY}')");
    let mut sql = format!(
        "{figures} WHERE s.listed = 1 AND s.net_scaled <= -{bound} AND {awake}
           ORDER BY s.net_scaled, s.contact_id LIMIT 10;
         {figures} WHERE s.done_items >= 3 AND s.got_scaled < s.gave_scaled / 3.0 AND s.listed = 1
           AND s.net_scaled >= {bound} AND s.first_interaction <= '2026-08-28' AND {awake}
           ORDER BY s.net_scaled DESC, s.contact_id LIMIT 10;
         SELECT o.item_id, c.name, o.direction, it.note, o.since FROM open_items o
           CROSS JOIN contacts c ON c.id = o.counterparty_id CROSS JOIN items it ON it.id = o.item_id
           WHERE o.listed = 1 ORDER BY o.since, o.item_id LIMIT 10;
         {figures} WHERE s.reminded = 1 AND (s.interaction_count >= 5 OR s.weight_total >= 10)
           AND s.last_interaction <= '2024-11-26' AND {awake}
           ORDER BY s.interaction_count + s.weight_total DESC, s.contact_id LIMIT 10;
         SELECT id FROM interactions WHERE date BETWEEN '2026-11-23' AND '2026-11-29'
           ORDER BY date DESC, coalesce(time, '') DESC, id DESC LIMIT 10;
         SELECT date, interactions FROM interaction_days WHERE date BETWEEN '2026-05-25' AND '2026-11-29';
         SELECT kind, sum(n) FROM review_buckets GROUP BY kind;
         SELECT * FROM network_stats;
         SELECT * FROM review_draws WHERE week_start = '2026-11-23';"
    );
    for cadence in [7, 14, 30, 60, 90, 180, 365] {
        sql.push_str(&format!(
            "{figures} WHERE s.cadence = {cadence} AND s.due_on <= '{TODAY}' AND {awake}
               ORDER BY s.due_on, s.contact_id LIMIT 10;"
        ));
    }
    sql
}

/// From pressing `2` on the loaded contacts list to the review's headings.
fn bench_review_tab(db: &Path) -> Vec<Duration> {
    const WAIT: Duration = Duration::from_secs(60);
    let mut samples = Vec::new();
    for _ in 0..10 {
        let mut session = pty::Session::spawn(
            Path::new(TIES),
            &[],
            &[("TIES_DB", db.to_str().unwrap()), ("TIES_TODAY", TODAY)],
            120,
            40,
        );
        session.wait_for_text("sorted by", WAIT);
        samples.push(session.keys_until(b"2", "Networks to reconsider", WAIT));
        session.send(b"q");
        session.wait_exit(WAIT);
    }
    samples.sort();
    samples
}

/// The review's figures across the sizes run, each beside its floor, and
/// how the largest grew against the smallest (the target: under 3).
fn report_review_growth(rows: &[(usize, usize, ReviewFigures)]) {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let maybe = |d: Option<Duration>| d.map_or_else(|| "–".to_string(), ms);
    println!("\n== review growth (medians) ==");
    let mut header = format!("{:<44}", "");
    for (contacts, interactions, _) in rows {
        header.push_str(&format!(
            "{:>14}",
            format!("{}k/{}k", contacts / 1000, interactions / 1000)
        ));
    }
    header.push_str(&format!("{:>10}", "ratio"));
    println!("{header}");
    let line = |what: &str, value: &dyn Fn(&ReviewFigures) -> Option<Duration>| {
        let mut text = format!("{what:<44}");
        for (_, _, figures) in rows {
            text.push_str(&format!("{:>14}", maybe(value(figures))));
        }
        let ratio = match (value(&last.2), value(&first.2)) {
            (Some(a), Some(b)) if rows.len() > 1 => {
                format!("{:.2}", a.as_secs_f64() / b.as_secs_f64())
            }
            _ => "–".to_string(),
        };
        text.push_str(&format!("{ratio:>10}"));
        println!("{text}");
    };
    line("ties review --format json", &|f| Some(f.json));
    line("  floor: sqlite3 shell, the review's rows", &|f| {
        f.floor_rows
    });
    line("  floor: sqlite3 shell, plain aggregate", &|f| {
        f.floor_aggregate
    });
    line("ui: open the review tab", &|f| Some(f.ui_tab));
}

/// `ties delete` of a contact with about 2,000 interactions, and `ties
/// undo` of that delete, each on a fresh copy of the database; beside them
/// the floor: the sqlite3 shell running the same DELETE statements, and
/// putting the same rows back from the copy before (the kept sums'
/// triggers on items, which call a function of ties, are dropped from the
/// shell's copies, so the floor does less than ties).
fn bench_fix(demo: &Path) {
    const FIX_RUNS: usize = 10;
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("(sqlite3 shell not installed: skipping delete and undo)");
        return;
    }
    let dir = demo.parent().unwrap();
    let stem = demo.file_stem().unwrap().to_string_lossy().into_owned();
    let busy = dir.join(format!("{stem}-busy.db"));
    // The busiest contacts merged into the busiest one, until it has about
    // 2,000 interactions (a merged contact, as a user would make one).
    let busiest = |db: &Path| -> Vec<(i64, i64)> {
        let out = Command::new("sqlite3")
            .arg(db)
            .arg(
                "SELECT contact_id, count(*) FROM interaction_participants
                 GROUP BY contact_id ORDER BY count(*) DESC, contact_id LIMIT 10",
            )
            .output()
            .expect("run sqlite3");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let (id, n) = l.split_once('|')?;
                Some((id.parse().ok()?, n.parse().ok()?))
            })
            .collect()
    };
    if !busy.exists() {
        copy_database(demo, &busy);
        let top = busiest(&busy);
        let keep = top[0].0;
        let mut total = top[0].1;
        for &(other, n) in &top[1..] {
            if total >= 2000 {
                break;
            }
            ties(&busy, &["merge", &format!("#{keep}"), &format!("#{other}")]);
            total += n;
        }
        checkpoint(&busy);
    }
    upgrade(&busy);
    let (target, count) = busiest(&busy)[0];
    println!("delete and undo: contact #{target} with {count} interactions");
    let work = dir.join("fix-work.db");
    let deleted = dir.join(format!("{stem}-busy-deleted.db"));
    let target_arg = format!("#{target}");
    let samples = time_copies(&busy, &work, FIX_RUNS, || {
        ties(&work, &["delete", &target_arg, "--yes"]);
    });
    report(&format!("ties delete <{count} interactions>"), &samples);
    let deleted_samples = samples;
    if !deleted.exists() {
        copy_database(&busy, &deleted);
        ties(&deleted, &["delete", &target_arg, "--yes"]);
        checkpoint(&deleted);
    }
    upgrade(&deleted);
    let undo_samples = time_copies(&deleted, &work, FIX_RUNS, || ties(&work, &["undo"]));
    report("ties undo <that delete>", &undo_samples);

    // The floor: the sqlite3 shell deleting and putting back the same rows
    // in one transaction, on copies without any of ties' triggers (no kept
    // figures, no history, no search index), so what ties adds to the bare
    // row work is the difference.
    let bare = |db: &Path, name: &str| -> PathBuf {
        let copy = dir.join(format!("{stem}-{name}-bare.db"));
        if !copy.exists() {
            copy_database(db, &copy);
            let names = Command::new("sqlite3")
                .arg(&copy)
                .arg("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                .output()
                .expect("run sqlite3");
            let drops: String = String::from_utf8_lossy(&names.stdout)
                .lines()
                .map(|name| format!("DROP TRIGGER \"{name}\";\n"))
                .collect();
            sqlite3(&copy, &drops);
            checkpoint(&copy);
        }
        copy
    };
    let busy_bare = bare(&busy, "busy");
    let deleted_bare = bare(&deleted, "busy-deleted");
    let delete_sql = format!(
        "BEGIN;
         DELETE FROM contact_stats WHERE contact_id = {target};
         DELETE FROM items WHERE counterparty_id = {target};
         CREATE TEMP TABLE alone AS SELECT p.interaction_id AS id FROM interaction_participants p
             WHERE p.contact_id = {target} AND NOT EXISTS (SELECT 1 FROM interaction_participants o
             WHERE o.interaction_id = p.interaction_id AND o.contact_id <> {target});
         DELETE FROM interaction_participants WHERE contact_id = {target};
         DELETE FROM interactions WHERE id IN (SELECT id FROM alone);
         UPDATE contacts SET met_through = NULL WHERE met_through = {target};
         DELETE FROM network_members WHERE contact_id = {target};
         DELETE FROM affiliations WHERE person_id = {target} OR org_id = {target};
         DELETE FROM contact_relations WHERE contact_id = {target} OR related_id = {target};
         DELETE FROM contact_emails WHERE contact_id = {target};
         DELETE FROM contact_phones WHERE contact_id = {target};
         DELETE FROM contact_tags WHERE contact_id = {target};
         DELETE FROM contact_uids WHERE contact_id = {target};
         DELETE FROM contacts WHERE id = {target};
         COMMIT;"
    );
    let floor = time_copies(&busy_bare, &work, FIX_RUNS, || sqlite3(&work, &delete_sql));
    report("sqlite3 shell: the same deletes (floor)", &floor);
    print_ratio("ties delete", &deleted_samples, &floor);
    let restore_sql = format!(
        "ATTACH '{}' AS b;
         BEGIN;
         INSERT INTO contacts SELECT * FROM b.contacts WHERE id = {target};
         INSERT INTO contact_stats SELECT * FROM b.contact_stats WHERE contact_id = {target};
         INSERT INTO interactions SELECT * FROM b.interactions WHERE id NOT IN (SELECT id FROM main.interactions);
         INSERT INTO interaction_participants SELECT * FROM b.interaction_participants WHERE contact_id = {target};
         INSERT INTO items SELECT * FROM b.items WHERE counterparty_id = {target};
         INSERT INTO contact_emails SELECT * FROM b.contact_emails WHERE contact_id = {target};
         INSERT INTO contact_phones SELECT * FROM b.contact_phones WHERE contact_id = {target};
         INSERT INTO contact_tags SELECT * FROM b.contact_tags WHERE contact_id = {target};
         INSERT INTO contact_uids SELECT * FROM b.contact_uids WHERE contact_id = {target};
         INSERT INTO network_members SELECT * FROM b.network_members WHERE contact_id = {target};
         INSERT INTO affiliations SELECT * FROM b.affiliations WHERE person_id = {target} OR org_id = {target};
         UPDATE contacts SET met_through = {target}
             WHERE id IN (SELECT id FROM b.contacts WHERE met_through = {target});
         COMMIT;",
        busy_bare.display()
    );
    let floor = time_copies(&deleted_bare, &work, FIX_RUNS, || {
        sqlite3(&work, &restore_sql)
    });
    report("sqlite3 shell: the same rows put back (floor)", &floor);
    print_ratio("ties undo", &undo_samples, &floor);
}

/// "ties delete: 2.1 × the floor (median 512.0 ms beside 240.0 ms)".
fn print_ratio(what: &str, samples: &[Duration], floor: &[Duration]) {
    let (ours, bare) = (median(samples), median(floor));
    println!(
        "{what}: {:.1} × the floor (median {:.1} ms beside {:.1} ms)",
        ours.as_secs_f64() / bare.as_secs_f64(),
        ours.as_secs_f64() * 1000.0,
        bare.as_secs_f64() * 1000.0
    );
}

/// Folds the WAL into the file, so that one file is the whole database.
fn checkpoint(db: &Path) {
    sqlite3(db, "PRAGMA wal_checkpoint(TRUNCATE);");
}

fn copy_database(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    checkpoint(from);
    std::fs::copy(from, to).unwrap();
    // On disk before the timing starts: else the first fsync of the timed
    // run writes the whole copy out.
    std::fs::File::open(to).unwrap().sync_all().unwrap();
}

/// Times `run` `runs` times, each on a fresh copy of `source` at `work`
/// (the copy is not timed).
fn time_copies(source: &Path, work: &Path, runs: usize, mut run: impl FnMut()) -> Vec<Duration> {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            copy_database(source, work);
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples
}
