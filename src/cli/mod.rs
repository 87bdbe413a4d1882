//! The command-line face: parses arguments, calls the core, prints results.

mod args;
mod config;
mod confirm;
mod contacts;
mod dates;
mod demo;
mod export;
mod fix;
mod import;
mod log;
mod logged;
mod networks;
mod output;
mod review;
mod review_text;
mod search;
mod shapes;
pub mod shell;
mod values;
pub mod words;

use std::path::PathBuf;

use clap::Parser;

pub use args::Cli;
use args::{Command, Format, NetworkCommand};
use ties::Store;
use ties::config::Config;
use ties::dates::Clock;
use ties::store::Access;

/// What every command gets: the open store, the settings, and how to print.
pub struct Context {
    pub store: Store,
    pub config: Config,
    pub format: Format,
}

/// Parses the command line. A usage error is worded by `usage_error`.
pub fn parse() -> Result<Cli, clap::Error> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(cli) = parse_due(&args) {
        return Ok(cli);
    }
    Cli::try_parse_from(args)
}

/// `ties due` is what a shell prompt runs before every prompt, and building
/// the arguments of every command costs it about a millisecond: a command
/// line that names `due` is first read by a parser that knows only the
/// global options and `due` (the same definitions, so what it accepts it
/// reads the same). Anything else it does not accept, help included, goes
/// to the whole parser, whose words are the ones users see.
fn parse_due(args: &[std::ffi::OsString]) -> Option<Cli> {
    use clap::{Args, FromArgMatches};
    if !args.iter().skip(1).any(|arg| arg == "due") {
        return None;
    }
    let parser = args::Global::augment_args(clap::Command::new("ties"))
        .subcommand(args::DueArgs::augment_args(clap::Command::new("due")));
    let matches = parser.try_get_matches_from(args).ok()?;
    let ("due", due) = matches.subcommand()? else {
        return None;
    };
    Some(Cli {
        global: args::Global::from_arg_matches(&matches).ok()?,
        demo: false,
        command: Some(Command::Due(args::DueArgs::from_arg_matches(due).ok()?)),
    })
}

/// What to print for a usage error: clap's whole message (what is missing
/// or wrong, the accepted values, "did you mean", the usage line), with
/// its closing tip pointing at the help of the command that was being
/// typed (`ties log --help`), where the answer is. A command typed without
/// its subcommand (`ties network`) gets that command's help.
pub fn usage_error(error: &clap::Error) -> String {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    let rendered = error.render().to_string();
    if error.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return rendered;
    }
    let mut lines: Vec<&str> = rendered
        .lines()
        .filter(|line| !line.starts_with("For more information, try"))
        .collect();
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    format!(
        "{}\n\nFor more information, try `{} --help`.\n",
        lines.join("\n"),
        typed_command(&args)
    )
}

/// The (sub)command the arguments name, as words: `["-n", "x", "network",
/// "add", "Tampere"]` is `ties network add`. Options are stepped over with
/// their values; the first other word that is not a subcommand ends it.
fn typed_command(args: &[String]) -> String {
    use clap::CommandFactory;
    let root = Cli::command();
    let mut path = vec![&root];
    let mut words = vec!["ties".to_string()];
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let here = path[path.len() - 1];
        if arg.starts_with('-') && arg.len() > 1 {
            // `--db PATH` and `-n TEXT` carry the next word; `--db=PATH`
            // and `-nTEXT` carry their own.
            let known = |found: &dyn Fn(&clap::Arg) -> bool| {
                path.iter()
                    .flat_map(|c| c.get_arguments())
                    .any(|a| found(a) && a.get_action().takes_values())
            };
            let value_follows = match arg.strip_prefix("--") {
                Some(long) => !long.contains('=') && known(&|a| a.get_long() == Some(long)),
                None => arg.len() == 2 && known(&|a| a.get_short() == arg.chars().nth(1)),
            };
            if value_follows {
                args.next();
            }
            continue;
        }
        match here.find_subcommand(arg) {
            Some(sub) => {
                words.push(sub.get_name().to_string());
                path.push(sub);
            }
            None => break,
        }
    }
    words.join(" ")
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    // The shell's helpers need no database.
    match cli.command {
        Some(Command::Completions { shell }) => return shell::completions(shell),
        Some(Command::Man) => return shell::man(),
        _ => {}
    }
    if cli.demo {
        return run_demo_ui(&cli);
    }
    let clock = clock(cli.global.today.as_deref())?;
    let (config, config_path) = load_config(cli.global.config.as_ref())?;
    if let Some(Command::Config(args)) = &cli.command {
        if args.example {
            return config::example();
        }
        return config::show(&config, &config_path, cli.global.format);
    }
    let path = database_path(cli.global.db)?;
    let mut store = match Store::open_for(&path, clock, access(&cli.command)) {
        Err(ties::Error::Database {
            problem: ties::store::DatabaseProblem::Missing,
            ..
        }) if cli.command.is_none() => {
            return contacts::overview_before_first_write(&path, cli.global.format);
        }
        // No database yet: nothing is due (a prompt or a timer stays quiet).
        Err(ties::Error::Database {
            problem: ties::store::DatabaseProblem::Missing,
            ..
        }) if matches!(cli.command, Some(Command::Due(_))) => {
            if let Some(Command::Due(args)) = &cli.command {
                return dates::nothing_due(args, clock.today, cli.global.format);
            }
            unreachable!("matched above")
        }
        opened => opened?,
    };
    // The kept figures follow the config (half-life, circle cadences); a
    // database this user may only read keeps the ones it has.
    if !store.is_read_only() {
        store.follow_config(&config)?;
    }
    let mut ctx = Context {
        store,
        config,
        format: cli.global.format,
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
        Some(Command::Dates(args)) => dates::dates(&ctx, args),
        Some(Command::Due(args)) => dates::due(&ctx, args),
        Some(Command::Search(args)) => search::search(&ctx, args),
        Some(Command::Config(_)) => unreachable!("answered before the database is opened"),
        Some(Command::Network(command)) => networks::run(&mut ctx, command),
        Some(Command::Demo(args)) => demo::demo(&mut ctx, args),
        Some(Command::Import(command)) => import::run(&mut ctx, command),
        Some(Command::Export(command)) => export::run(&mut ctx, command),
        Some(Command::Backup { path, force }) => export::backup(&ctx, path, force),
        Some(Command::Interaction(command)) => logged::interaction(&mut ctx, command),
        Some(Command::Item(command)) => logged::item(&mut ctx, command),
        Some(Command::Delete { contact, yes }) => fix::delete(&mut ctx, &contact, yes),
        Some(Command::Merge {
            keep,
            other,
            dry_run,
        }) => fix::merge(&mut ctx, &keep, &other, dry_run),
        Some(Command::Duplicates) => fix::duplicates(&ctx),
        Some(Command::Undo) => fix::undo(&mut ctx),
        Some(Command::History { limit }) => fix::history(&ctx, limit),
        Some(Command::Completions { .. } | Command::Man) => {
            unreachable!("answered before the store opens")
        }
    }
}

/// Read commands never create a missing database and work on one this
/// user may not write to; every other command may write.
fn access(command: &Option<Command>) -> Access {
    match command {
        None if interactive() => Access::Write,
        None
        | Some(
            Command::List(_)
            | Command::Show { .. }
            | Command::Config(_)
            | Command::Export(_)
            | Command::Backup { .. }
            | Command::Dates(_)
            | Command::Due(_)
            | Command::Search(_)
            | Command::Duplicates
            | Command::History { .. }
            | Command::Network(NetworkCommand::List | NetworkCommand::Show { .. }),
        ) => Access::Read,
        Some(Command::Review(args)) if !args.done => Access::Read,
        Some(_) => Access::Write,
    }
}

fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// The settings, with `[keys]` checked against the UI's keymap whatever
/// the command, so a bad binding is found before it can lock anyone in.
fn load_config(flag: Option<&PathBuf>) -> anyhow::Result<(Config, PathBuf)> {
    let path = match flag {
        Some(path) if !path.as_os_str().is_empty() => path.clone(),
        _ => ties::paths::default_config()?,
    };
    let config = Config::load(&path)?;
    if let Err(bad) = crate::tui::keymap::Keymap::with_overrides(&config.keys) {
        anyhow::bail!("{}", words::bad_binding(&path, &config, &bad));
    }
    Ok((config, path))
}

fn clock(today: Option<&str>) -> anyhow::Result<Clock> {
    Ok(match today {
        Some(text) => Clock::fixed(ties::dates::parse_day(text).map_err(|e| {
            let accepted = match e {
                ties::Error::Invalid { accepted, .. } => accepted,
                _ => "a date like 2026-11-26".into(),
            };
            anyhow::anyhow!("invalid --today / TIES_TODAY '{text}': use {accepted}")
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
    let (config, _) = load_config(cli.global.config.as_ref())?;
    let mut folder = tempfile::Builder::new();
    folder.prefix("ties-demo-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        folder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let dir = folder.tempdir()?;
    let mut store = Store::open(
        &dir.path().join("demo.db"),
        clock(cli.global.today.as_deref())?,
    )?;
    store.follow_config(&config)?;
    ties::demo::generate(&mut store, &ties::demo::DemoOptions::default())?;
    crate::tui::run(store, config)
}

fn database_path(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match flag {
        Some(path) if !path.as_os_str().is_empty() => Ok(path),
        // No context around it: the refusal is then worded with the flags
        // that give a path (`words::describe` words a bare core error only).
        _ => Ok(ties::paths::default_database()?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<std::ffi::OsString> {
        line.split(' ').map(Into::into).collect()
    }

    /// The prompt's parser reads what it accepts exactly as the whole one.
    #[test]
    fn the_due_parser_reads_what_the_whole_parser_reads() {
        for line in [
            "ties due",
            "ties due --count",
            "ties due --within 2w --format json",
            "ties --db /tmp/x.db due --count",
            "ties due --count --db /tmp/x.db --today 2026-01-05 --config /tmp/c.toml",
            "ties --format json due --within=30d",
        ] {
            let fast = parse_due(&words(line)).unwrap_or_else(|| panic!("{line}: not read"));
            let whole = Cli::try_parse_from(words(line)).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{whole:?}"), "{line}");
        }
    }

    /// Help, mistakes and other commands go to the whole parser.
    #[test]
    fn the_due_parser_leaves_the_rest_to_the_whole_parser() {
        for line in [
            "ties due --help",
            "ties due --bogus",
            "ties due --format yaml",
            "ties log due",
            "ties show due",
            "ties --demo due",
            "ties list",
        ] {
            assert!(parse_due(&words(line)).is_none(), "{line}");
        }
    }
}
