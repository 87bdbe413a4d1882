//! `ties import vcard|csv|google-csv|linkedin-csv|json`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Context;
use super::args::Format;
use super::output::{self, DIM, GOOD, HEADING, NOTICE, styled};
use super::shapes;
use ties::import::json::{self as json_import, JsonOptions, JsonReport};
use ties::import::{
    self, ColumnMap, Conflict, CsvOptions, ImportOptions, ImportReport, Layout, Outcome,
};
use ties::model::Circle;

/// Added contacts a text report names one by one; beyond this, a count.
const LISTED: usize = 50;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// vCard files (2.1, 3.0, 4.0), or folders of .vcf files; - reads standard input
    Vcard {
        /// The .vcf files or folders to read (- for standard input)
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        options: ContactImportArgs,
    },
    /// A contacts CSV: Google, Outlook, Thunderbird, Yahoo or LinkedIn (recognised by its header), or any CSV with --map; - reads standard input
    Csv {
        /// The CSV file to read (- for standard input)
        file: PathBuf,
        /// The layout of the file: auto recognises it by its header
        #[arg(long, default_value = "auto", value_parser = super::values::layout())]
        layout: Layout,
        /// What a column holds, by header or 1-based number: --map "Nick Name=nickname", --map "4=phone:work" (repeatable)
        #[arg(long = "map", value_name = "COLUMN=FIELD", value_parser = parse_map)]
        maps: Vec<ColumnMap>,
        #[command(flatten)]
        options: ContactImportArgs,
    },
    /// A Google Contacts CSV export (the same as `csv --layout google`)
    GoogleCsv {
        /// The CSV file to read (- for standard input)
        file: PathBuf,
        #[command(flatten)]
        options: ContactImportArgs,
    },
    /// LinkedIn's Connections.csv (the same as `csv --layout linkedin`)
    LinkedinCsv {
        /// The CSV file to read (- for standard input)
        file: PathBuf,
        #[command(flatten)]
        options: ContactImportArgs,
    },
    /// A `ties export json` file: into an empty database it restores everything exactly
    Json {
        /// The file `ties export json` wrote (- for standard input)
        file: PathBuf,
        /// Say what would be imported, write nothing
        #[arg(long)]
        dry_run: bool,
        /// Merge into a database that already holds data (contacts by UID, email, phone or name)
        #[arg(long)]
        merge: bool,
    },
}

#[derive(Debug, Args)]
pub struct ContactImportArgs {
    /// Say what would be added and merged, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The circle of the people added (people already there keep theirs)
    #[arg(long, value_parser = super::values::circle())]
    pub circle: Option<Circle>,
    /// Tag every imported contact
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Import the good records and list the bad ones, instead of stopping at the first
    #[arg(long)]
    pub skip_invalid: bool,
}

fn parse_map(text: &str) -> Result<ColumnMap, String> {
    text.parse()
}

pub fn run(ctx: &mut Context, command: ImportCommand) -> Result<()> {
    let (format, paths, args) = match command {
        ImportCommand::Json {
            file,
            dry_run,
            merge,
        } => return json(ctx, file, JsonOptions { dry_run, merge }),
        ImportCommand::Vcard { paths, options } => (import::Format::Vcard, paths, options),
        ImportCommand::Csv {
            file,
            layout,
            maps,
            options,
        } => (
            import::Format::Csv(CsvOptions { layout, maps }),
            vec![file],
            options,
        ),
        ImportCommand::GoogleCsv { file, options } => (
            import::Format::Csv(CsvOptions::layout(Layout::Google)),
            vec![file],
            options,
        ),
        ImportCommand::LinkedinCsv { file, options } => (
            import::Format::Csv(CsvOptions::layout(Layout::Linkedin)),
            vec![file],
            options,
        ),
    };
    let sources = import::read_sources(&paths, format == import::Format::Vcard)?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        circle: args.circle,
        tag: args.tag,
        skip_invalid: args.skip_invalid,
    };
    let report = import::import(&mut ctx.store, format, &sources, &options)?;
    if ctx.format == Format::Json {
        return output::json(shapes::IMPORT, &report);
    }
    let mut out = output::stdout();
    print_report(&mut out, &report, true)?;
    out.flush()?;
    Ok(())
}

fn json(ctx: &mut Context, file: PathBuf, options: JsonOptions) -> Result<()> {
    let source = import::read_sources(&[file], false)?.remove(0);
    let report = json_import::import(&mut ctx.store, &source, options)?;
    if ctx.format == Format::Json {
        return output::json(shapes::IMPORT_JSON, &report);
    }
    let mut out = output::stdout();
    print_json_report(&mut out, &report)?;
    out.flush()?;
    Ok(())
}

fn print_report(out: &mut impl Write, r: &ImportReport, list_merges: bool) -> Result<()> {
    let verb = if r.dry_run {
        styled(NOTICE, "Dry run, nothing written: would import")
    } else {
        styled(GOOD, "Imported")
    };
    let organisations = match r.organisations_added.len() {
        0 => String::new(),
        n => format!(
            ", {} {n} organisation{} for their ORG",
            if r.dry_run { "would create" } else { "created" },
            plural(n)
        ),
    };
    writeln!(
        out,
        "{verb}: {} added, {} merged, {} unchanged, {} skipped{organisations}",
        r.added.len(),
        r.merged.len(),
        r.unchanged.len(),
        r.skipped.len(),
    )?;
    if r.dry_run {
        for added in r.added.iter().take(LISTED) {
            outcome(out, "add", added)?;
        }
        if r.added.len() > LISTED {
            writeln!(
                out,
                "  {}",
                styled(
                    DIM,
                    &format!(
                        "… and {} more (--format json lists all)",
                        r.added.len() - LISTED
                    )
                )
            )?;
        }
    }
    if list_merges {
        let verb = if r.dry_run { "merge" } else { "merged" };
        for merged in &r.merged {
            outcome(out, verb, merged)?;
        }
    }
    for skipped in &r.skipped {
        let card = skipped
            .card
            .map(|c| format!(" (card {c})"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {}  {}",
            styled(NOTICE, "skipped"),
            ties::text::printable(&format!(
                "{}, line {}{card}: {}",
                skipped.file, skipped.line, skipped.problem
            ))
        )?;
    }
    // One line per file: its layout, delimiter and encoding.
    let mut files: Vec<(&str, Vec<&str>)> = Vec::new();
    for detected in &r.detected {
        match files.iter_mut().find(|(file, _)| *file == detected.file) {
            Some((_, what)) => what.push(&detected.what),
            None => files.push((&detected.file, vec![&detected.what])),
        }
    }
    for (file, what) in files {
        writeln!(
            out,
            "  {}  {}",
            styled(DIM, "read as"),
            ties::text::printable(&format!("{file}: {}", what.join(", ")))
        )?;
    }
    print_notes(out, &r.notes)?;
    for warning in &r.warnings {
        writeln!(
            out,
            "  {}  {}",
            styled(NOTICE, "note"),
            ties::text::printable(warning)
        )?;
    }
    print_conflicts(out, &r.conflicts)?;
    Ok(())
}

/// Records that matched a contact under another name: the contact keeps
/// its own.
fn print_conflicts(out: &mut impl Write, conflicts: &[Conflict]) -> Result<()> {
    for c in conflicts {
        let place = if c.line > 0 {
            format!("{}, line {}", c.file, c.line)
        } else {
            c.file.clone()
        };
        writeln!(
            out,
            "  {}  {}",
            styled(NOTICE, "conflict"),
            ties::text::printable(&format!(
                "{place}: '{}' matched #{} '{}' by {}; kept '{}' (the file's name was not written)",
                c.file_name, c.id, c.kept, c.matched_by, c.kept
            ))
        )?;
    }
    Ok(())
}

/// Notes, the same text of one file said once with the places it applies
/// to (a thousand cards read as Windows-1252 are one line).
fn print_notes(out: &mut impl Write, notes: &[import::ImportNote]) -> Result<()> {
    const PLACES: usize = 5;
    let mut groups: Vec<(&import::ImportNote, Vec<String>)> = Vec::new();
    for note in notes {
        let place = match note.card {
            Some(card) => format!("line {} (card {card})", note.line),
            None => format!("line {}", note.line),
        };
        match groups
            .iter_mut()
            .find(|(n, _)| n.file == note.file && n.kind == note.kind && n.text == note.text)
        {
            Some((_, places)) => places.push(place),
            None => groups.push((note, vec![place])),
        }
    }
    for (note, places) in groups {
        let mut at = places
            .iter()
            .take(PLACES)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if places.len() > PLACES {
            at.push_str(&format!(" and {} more", places.len() - PLACES));
        }
        writeln!(
            out,
            "  {}  {}",
            styled(NOTICE, &format!("{:<10}", note.kind.as_str())),
            ties::text::printable(&format!("{}, {at}: {}", note.file, note.text))
        )?;
    }
    Ok(())
}

fn outcome(out: &mut impl Write, verb: &str, o: &Outcome) -> Result<()> {
    let by = o
        .matched_by
        .map(|by| format!(" by {by}"))
        .unwrap_or_default();
    let place = if o.file.is_empty() {
        String::new()
    } else {
        format!("  ({}, line {})", o.file, o.line)
    };
    writeln!(
        out,
        "  {:<7} {} {}{}{}",
        verb,
        styled(HEADING, &o.name),
        styled(DIM, &format!("#{}", o.id)),
        by,
        styled(DIM, &place)
    )?;
    Ok(())
}

fn print_json_report(out: &mut impl Write, r: &JsonReport) -> Result<()> {
    let c = &r.contacts;
    let head = if r.dry_run {
        styled(NOTICE, "Dry run, nothing written: would import")
    } else {
        styled(GOOD, "Imported")
    };
    let how = if r.mode == "exact" {
        "as it was (ids kept)"
    } else {
        "merged"
    };
    writeln!(
        out,
        "{head} {how}: contacts {} added, {} merged, {} unchanged; {} networks, {} memberships, {} interactions ({} items), {} reviews added",
        c.added.len(),
        c.merged.len(),
        c.unchanged.len(),
        r.networks_added,
        r.memberships_added,
        r.interactions_added,
        r.items_added,
        r.reviews_added
    )?;
    if r.interactions_skipped > 0 {
        writeln!(
            out,
            "  {} interaction{} already in the database, not added twice",
            r.interactions_skipped,
            plural(r.interactions_skipped)
        )?;
    }
    if r.mode == "merge" {
        let verb = if r.dry_run { "merge" } else { "merged" };
        for merged in &c.merged {
            outcome(out, verb, merged)?;
        }
    }
    print_conflicts(out, &c.conflicts)?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
