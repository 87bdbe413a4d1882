//! The command-line face: parses arguments, calls the core, prints results.

mod args;
mod config;
mod contacts;
mod demo;
mod export;
mod import;
mod log;
mod networks;
mod output;
mod review;
mod review_text;
pub mod words;

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;

pub use args::Cli;
use args::{Command, Format};
use ties::Store;
use ties::config::Config;
use ties::dates::Clock;

/// What every command gets: the open store, the settings, and how to print.
pub struct Context {
    pub store: Store,
    pub config: Config,
    pub config_path: PathBuf,
    pub format: Format,
}

/// Parses the command line. Usage errors come back as one line (clap's own
/// first line plus where to look), not clap's multi-line report.
pub fn parse() -> Result<Cli, clap::Error> {
    Cli::try_parse()
}

/// Shortens a clap error to its first line and a pointer to `--help`.
pub fn one_line_usage_error(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let first = rendered
        .lines()
        .next()
        .unwrap_or("error: invalid arguments");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    format!("{first} (see `ties --help`)")
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.demo {
        return run_demo_ui(&cli);
    }
    let clock = clock(cli.today.as_deref())?;
    let (config, config_path) = load_config(cli.config.as_ref())?;
    let path = database_path(cli.db)?;
    let mut store = Store::open(&path, clock)?;
    store.follow_config(&config)?;
    let mut ctx = Context {
        store,
        config,
        config_path,
        format: cli.format,
    };
    match cli.command {
        // Plain `ties` in a terminal opens the UI; piped, it prints a status.
        None if interactive() => crate::tui::run(ctx.store, ctx.config),
        None => contacts::overview(&ctx),
        Some(Command::Add(args)) => contacts::add(&mut ctx, args),
        Some(Command::Edit(args)) => contacts::edit(&mut ctx, args),
        Some(Command::Archive { contact }) => contacts::archive(&mut ctx, &contact, true),
        Some(Command::Unarchive { contact }) => contacts::archive(&mut ctx, &contact, false),
        Some(Command::List(args)) => contacts::list(&ctx, args),
        Some(Command::Show { contact, all }) => contacts::show(&ctx, &contact, all),
        Some(Command::Log(args)) => log::log(&mut ctx, args),
        Some(Command::Done { item }) => log::done(&mut ctx, item),
        Some(Command::Review(args)) => review::review(&mut ctx, args),
        Some(Command::Config) => config::show(&ctx),
        Some(Command::Network(command)) => networks::run(&mut ctx, command),
        Some(Command::Demo(args)) => demo::demo(&mut ctx, args),
        Some(Command::Import(command)) => import::run(&mut ctx, command),
        Some(Command::Export(command)) => export::run(&mut ctx, command),
        Some(Command::Backup { path }) => export::backup(&ctx, path),
    }
}

fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn load_config(flag: Option<&PathBuf>) -> anyhow::Result<(Config, PathBuf)> {
    let path = match flag {
        Some(path) if !path.as_os_str().is_empty() => path.clone(),
        _ => ties::paths::default_config()?,
    };
    Ok((Config::load(&path)?, path))
}

fn clock(today: Option<&str>) -> anyhow::Result<Clock> {
    Ok(match today {
        Some(text) => Clock::fixed(ties::dates::parse_day(text).map_err(|_| {
            anyhow::anyhow!("invalid --today / TIES_TODAY '{text}': use a date like 2026-11-26")
        })?),
        None => Clock::system(),
    })
}

/// `ties --demo`: the UI on a throwaway database of demo data, removed on
/// exit, so a new user sees a living network without touching their own.
fn run_demo_ui(cli: &Cli) -> anyhow::Result<()> {
    if cli.command.is_some() {
        anyhow::bail!(
            "--demo opens the UI on demo data and takes no command; for demo data in a file use `ties --db FILE demo`"
        );
    }
    let (config, _) = load_config(cli.config.as_ref())?;
    let dir = tempfile::Builder::new().prefix("ties-demo-").tempdir()?;
    let mut store = Store::open(&dir.path().join("demo.db"), clock(cli.today.as_deref())?)?;
    store.follow_config(&config)?;
    ties::demo::generate(&mut store, &ties::demo::DemoOptions::default())?;
    crate::tui::run(store, config)
}

fn database_path(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match flag {
        Some(path) if !path.as_os_str().is_empty() => Ok(path),
        _ => ties::paths::default_database().context("no database path"),
    }
}
