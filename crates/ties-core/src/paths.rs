//! Where ties keeps its files by default.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::error::{Refusal, Result};

fn project_dirs() -> Result<ProjectDirs> {
    ProjectDirs::from("", "", "ties").ok_or_else(|| Refusal::NoHomeFolder.into())
}

/// `ties.db` in the platform data folder (on Linux `~/.local/share/ties/`).
pub fn default_database() -> Result<PathBuf> {
    Ok(project_dirs()?.data_dir().join("ties.db"))
}

/// `config.toml` in the platform config folder (on Linux `~/.config/ties/`).
pub fn default_config() -> Result<PathBuf> {
    Ok(project_dirs()?.config_dir().join("config.toml"))
}
