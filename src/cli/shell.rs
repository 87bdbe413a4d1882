//! The shell around ties: completion scripts (`ties completions SHELL`)
//! whose candidates for contacts, organisations and networks come from
//! the database as you type, and the manual page (`ties man`).
//!
//! Completion is clap_complete's dynamic completion: the script the shell
//! sources calls `ties` back with `TIES_COMPLETE` set, and `main` answers
//! before anything else runs. The database is opened read-only for it (it
//! is never created, migrated or written), the one of `--db` on the line
//! being completed, else `TIES_DB`, else the default.

use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::Result;
use clap::{CommandFactory, ValueEnum};
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use super::Cli;
use ties::Store;
use ties::dates::Clock;
use ties::model::Kind;
use ties::text::fold;

/// The variable the completion scripts set when they call ties back.
pub const COMPLETE_VAR: &str = "TIES_COMPLETE";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Elvish => "elvish",
            Shell::Powershell => "powershell",
        }
    }
}

/// What a completing call needs to know before clap takes over: the shell
/// asking, and the database the line names.
struct Completing {
    shell: String,
    db: Option<PathBuf>,
}

static COMPLETING: OnceLock<Completing> = OnceLock::new();

/// Answers the shell when it is asking for completions (and exits);
/// returns at once otherwise.
pub fn complete_if_asked() {
    let Some(shell) = std::env::var_os(COMPLETE_VAR) else {
        return;
    };
    let args: Vec<String> = std::env::args().collect();
    let db = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--db=").map(str::to_string))
        })
        .map(PathBuf::from);
    let _ = COMPLETING.set(Completing {
        shell: shell.to_string_lossy().into_owned(),
        db,
    });
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .complete();
}

/// `ties completions SHELL`: the script to source.
pub fn completions(shell: Shell) -> Result<()> {
    let completer = std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ties".to_string());
    let shells = Shells::builtins();
    let Some(writer) = shells.completer(shell.name()) else {
        anyhow::bail!("no completion for {}", shell.name());
    };
    let mut out = std::io::stdout().lock();
    writer.write_registration(COMPLETE_VAR, "ties", "ties", &completer, &mut out)?;
    out.flush()?;
    Ok(())
}

/// `ties man`: the manual page, in roff.
pub fn man() -> Result<()> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Contacts (people and organisations) whose name, or a word of it, starts
/// with what is typed, case and accents ignored.
pub fn contacts(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |store| {
        Ok(store
            .contact_candidates(None)?
            .into_iter()
            .filter(|c| !c.archived)
            .map(|c| c.name)
            .collect())
    })
}

pub fn organisations(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |store| {
        Ok(store
            .contact_candidates(Some(Kind::Org))?
            .into_iter()
            .filter(|c| !c.archived)
            .map(|c| c.name)
            .collect())
    })
}

pub fn networks(current: &OsStr) -> Vec<CompletionCandidate> {
    candidates(current, |store| {
        Ok(store.list_networks()?.into_iter().map(|n| n.name).collect())
    })
}

/// The names `read` gives that fit what is typed, quoted for the shell
/// that asked; nothing when there is no database to read.
fn candidates(
    current: &OsStr,
    read: impl FnOnce(&Store) -> ties::Result<Vec<String>>,
) -> Vec<CompletionCandidate> {
    let typed = fold(&current.to_string_lossy());
    let completing = COMPLETING.get();
    let path = completing
        .and_then(|c| c.db.clone())
        .or_else(|| std::env::var_os("TIES_DB").map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| ties::paths::default_database().ok());
    let Some(path) = path else {
        return Vec::new();
    };
    let Ok(store) = Store::open_read_only(&path, Clock::system()) else {
        return Vec::new();
    };
    let Ok(names) = read(&store) else {
        return Vec::new();
    };
    let shell = completing.map_or("", |c| c.shell.as_str());
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|name| {
            let key = fold(name);
            key.starts_with(&typed) || key.split(' ').any(|word| word.starts_with(&typed))
        })
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| CompletionCandidate::new(quoted(&name, shell)))
        .collect()
}

/// A name as the shell must be given it: bash and PowerShell insert a
/// candidate as it is, so a name with spaces would be two words there;
/// zsh, fish and elvish quote what they insert themselves.
fn quoted(name: &str, shell: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_./:@%+,=".contains(c);
    match shell {
        "bash" => name
            .chars()
            .map(|c| {
                if plain(c) {
                    c.to_string()
                } else {
                    format!("\\{c}")
                }
            })
            .collect(),
        "powershell" if !name.chars().all(plain) => format!("'{}'", name.replace('\'', "''")),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_for_the_shells_that_insert_them_as_they_are() {
        assert_eq!(quoted("Anna Järvinen", "bash"), "Anna\\ Järvinen");
        assert_eq!(quoted("Zoë O'Brien", "bash"), "Zoë\\ O\\'Brien");
        assert_eq!(quoted("Zoë O'Brien", "powershell"), "'Zoë O''Brien'");
        assert_eq!(quoted("Anna Järvinen", "fish"), "Anna Järvinen");
        assert_eq!(quoted("anna", "bash"), "anna");
    }
}
