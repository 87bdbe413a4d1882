//! How the command line words the core's refusals: the core says what is
//! wrong with a file, the command line adds which of its flags helps.

use std::path::Path;

use ties::config::Config;
use ties::store::DatabaseProblem;

use crate::tui::keymap::BadBinding;

const CHOOSE: &str = "choose another file with --db or TIES_DB";

/// The one line `ties` prints for a database it cannot use.
pub fn database_problem(path: &Path, problem: &DatabaseProblem) -> String {
    let said = problem.describe(path);
    let hint = match problem {
        DatabaseProblem::Missing => {
            format!("; a command that writes (`ties add …`) creates it, or {CHOOSE}")
        }
        DatabaseProblem::Empty => format!("; remove it, or {CHOOSE}"),
        DatabaseProblem::DanglingLink { .. }
        | DatabaseProblem::Directory
        | DatabaseProblem::NotARegularFile { .. }
        | DatabaseProblem::NotSqlite
        | DatabaseProblem::Foreign => format!("; {CHOOSE}"),
        _ => String::new(),
    };
    format!("{said}{hint}")
}

/// `ties backup` on a damaged database: what was found, and how to copy
/// it anyway.
pub fn damaged_backup(path: &Path, found: &str) -> String {
    format!(
        "{} is damaged (SQLite found: {found}), so no backup was made: `ties backup --force` copies it as it is",
        path.display()
    )
}

/// A `[keys]` entry the UI refuses, with the line of the config file.
pub fn bad_binding(config_path: &Path, config: &Config, bad: &BadBinding) -> String {
    let line = config
        .key_line(&bad.action)
        .map(|n| format!("line {n}: "))
        .unwrap_or_default();
    format!("config {}: {line}{bad}", config_path.display())
}

/// Any error of a command, as `ties` prints it after "error: ".
pub fn error(error: &anyhow::Error) -> String {
    match error.downcast_ref::<ties::Error>() {
        Some(ties::Error::Database { path, problem }) => database_problem(path, problem),
        _ => format!("{error:#}"),
    }
}
