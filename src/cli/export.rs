//! `ties export vcard|json|csv` and `ties backup`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Subcommand;

use super::Context;
use super::args::Format;
use super::output::{self, GOOD, styled};
use super::shapes;
use super::words;
use ties::export::{self, vcard::Version};
use ties::store::DatabaseProblem;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every contact as vCards (archived ones too)
    Vcard {
        /// The vCard version to write
        #[arg(long = "version", value_name = "VERSION", default_value = "4.0", value_parser = super::values::vcard_version())]
        vcard_version: Version,
        /// Write to FILE (owner-only) instead of standard output
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE",
            conflicts_with = "dir"
        )]
        output: Option<PathBuf>,
        /// Write one UID.vcf per contact into DIR (a vdir, as khard and vdirsyncer read it); files of the same UID are replaced, no other file is touched
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// The whole database, losslessly: import it with `ties import json`
    Json {
        /// Write to FILE (owner-only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Contacts as a spreadsheet, one row each
    Csv {
        /// Write to FILE (owner-only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A calendar (iCalendar): birthdays and yearly dates repeating every year, and one-off dates, reconnects and your promises due within the span
    Ics {
        /// Write to FILE (owner-only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// How far ahead for one-off dates, reconnects and promises: 3m, 1y [default: 1y]
        #[arg(
            long,
            value_name = "SPAN",
            allow_hyphen_values = true,
            default_value = "1y"
        )]
        within: String,
    },
}

pub fn run(ctx: &mut Context, command: ExportCommand) -> Result<()> {
    if let ExportCommand::Ics { output, within } = command {
        return calendar(ctx, output, &within);
    }
    let snapshot = export::snapshot(&ctx.store)?;
    let (bytes, output, what) = match command {
        ExportCommand::Vcard {
            vcard_version,
            dir: Some(dir),
            ..
        } => return vdir(ctx, &snapshot, vcard_version, &dir),
        ExportCommand::Vcard {
            vcard_version,
            output,
            dir: None,
        } => (
            export::vcard::write(&snapshot, vcard_version).into_bytes(),
            output,
            "vCard",
        ),
        ExportCommand::Json { output } => (export::json::write(&snapshot)?, output, "JSON"),
        ExportCommand::Csv { output } => {
            let activity = export::activity(&ctx.store)?;
            (export::csv::write(&snapshot, &activity)?, output, "CSV")
        }
        ExportCommand::Ics { .. } => unreachable!("written by `calendar` above"),
    };
    match output.filter(|p| p.as_os_str() != "-") {
        None => {
            let mut out = std::io::stdout().lock();
            // A pipe or a file gets the export byte for byte; a terminal gets
            // it escaped, so a stored escape sequence cannot act on it.
            if out.is_terminal() {
                out.write_all(output::terminal_lines(&String::from_utf8_lossy(&bytes)).as_bytes())?;
            } else {
                out.write_all(&bytes)?;
            }
            out.flush()?;
        }
        Some(path) => {
            export::write_file(&path, &bytes)?;
            let contacts = snapshot.contacts.len();
            if ctx.format == Format::Json {
                return output::json(
                    shapes::EXPORTED,
                    &Exported {
                        format: what.to_lowercase(),
                        file: Some(path.display().to_string()),
                        contacts: Some(contacts),
                        ..Exported::default()
                    },
                );
            }
            let mut out = output::stdout();
            writeln!(
                out,
                "{} {contacts} contacts as {what} to {}",
                styled(GOOD, "Exported"),
                ties::text::printable(&path.display().to_string())
            )?;
            out.flush()?;
        }
    }
    Ok(())
}

/// `ties export ics`: to standard output or, owner-only, to a file.
fn calendar(ctx: &Context, output: Option<PathBuf>, within: &str) -> Result<()> {
    let clock = ctx.store.clock();
    let until = ties::dates::parse_within(within, clock.today)?;
    let entries = export::ics::entries(&ctx.store, &ctx.config, until)?;
    let stamp = chrono::DateTime::parse_from_rfc3339(&clock.timestamp())?.to_utc();
    let text = export::ics::write(&entries, stamp);
    match output.filter(|p| p.as_os_str() != "-") {
        None => {
            let mut out = std::io::stdout().lock();
            // Escaped on a terminal, byte for byte to a pipe or a file.
            if out.is_terminal() {
                out.write_all(output::terminal_lines(&text).as_bytes())?;
            } else {
                out.write_all(text.as_bytes())?;
            }
            out.flush()?;
        }
        Some(path) => {
            export::write_file(&path, text.as_bytes())?;
            if ctx.format == Format::Json {
                return output::json(
                    shapes::EXPORTED,
                    &Exported {
                        format: "ics".into(),
                        file: Some(path.display().to_string()),
                        events: Some(entries.len()),
                        ..Exported::default()
                    },
                );
            }
            let mut out = output::stdout();
            writeln!(
                out,
                "{} {} events as iCalendar to {}",
                styled(GOOD, "Exported"),
                entries.len(),
                ties::text::printable(&path.display().to_string())
            )?;
            out.flush()?;
        }
    }
    Ok(())
}

/// What an export to a file or a folder wrote, for `--format json`.
#[derive(serde::Serialize, Default)]
struct Exported {
    /// `json`, `csv`, `vcard` or `ics`, as the subcommand is named.
    format: String,
    /// The file written, or `null` for a folder of vCards.
    file: Option<String>,
    /// The folder written (`export vcard --dir`), else `null`.
    dir: Option<String>,
    /// Contacts written, or `null` for a calendar.
    contacts: Option<usize>,
    /// Events written to a calendar, else `null`.
    events: Option<usize>,
    /// The files of a folder of vCards, else `null`.
    files: Option<export::vcard::DirReport>,
}

/// `ties export vcard --dir DIR`.
fn vdir(ctx: &Context, snapshot: &export::Snapshot, version: Version, dir: &Path) -> Result<()> {
    let report = export::vcard::write_dir(snapshot, version, dir)?;
    if ctx.format == Format::Json {
        return output::json(
            shapes::EXPORTED,
            &Exported {
                format: "vcard".into(),
                dir: Some(dir.display().to_string()),
                contacts: Some(report.created + report.replaced),
                files: Some(report),
                ..Exported::default()
            },
        );
    }
    let mut out = output::stdout();
    let others = match report.others {
        0 => String::new(),
        n => format!(
            "; {n} other .vcf file{} left as they were",
            if n == 1 { "" } else { "s" }
        ),
    };
    writeln!(
        out,
        "{} {} as vCards to {} ({} new, {} replaced{others})",
        styled(GOOD, "Exported"),
        words::count(
            (report.created + report.replaced) as u64,
            "contact",
            "contacts"
        ),
        ties::text::printable(&dir.display().to_string()),
        report.created,
        report.replaced,
    )?;
    out.flush()?;
    Ok(())
}

/// `ties backup [PATH]`: next to the database when no PATH is given.
pub fn backup(ctx: &Context, path: Option<PathBuf>, force: bool) -> Result<()> {
    let target = match path {
        Some(path) => path,
        None => ctx
            .store
            .path()
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf(),
    };
    let written = match ctx.store.backup_to(&target, force) {
        Ok(written) => written,
        Err(ties::Error::Database {
            path,
            problem: DatabaseProblem::Damaged { found },
        }) => anyhow::bail!("{}", words::damaged_backup(&path, &found)),
        Err(other) => return Err(other.into()),
    };
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Backup {
            backup: String,
        }
        return output::json(
            shapes::BACKUP,
            &Backup {
                backup: written.display().to_string(),
            },
        );
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "{} {}",
        styled(GOOD, "Backed up to"),
        ties::text::printable(&written.display().to_string())
    )?;
    out.flush()?;
    Ok(())
}
