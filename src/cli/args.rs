//! The command line, as clap reads it. Values are parsed by the core's own
//! parsers (`FromStr` for closed sets, `ties::dates`, `ties::input`), the
//! same ones the terminal UI uses, so an error names the accepted values in
//! one line and both faces accept the same input.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use ties::model::{Channel, Circle, Intent, Role};
use ties::spec::{self, ItemSpec, PromiseSpec};
use ties::{dates, input};

#[derive(Debug, Parser)]
#[command(
    name = "ties",
    version,
    about = "A personal contact-network tracker: people, organisations, give and take, and a weekly review",
    after_help = "Dates: today, yesterday, -3d, 2w ago, friday, 2026-11-20, 11-20.\nA CONTACT is an id (12 or #12) or any part of a name, case and accents ignored."
)]
pub struct Cli {
    /// The database file [default: the platform data folder, e.g. ~/.local/share/ties/ties.db]
    #[arg(long, global = true, env = "TIES_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Fix "today" for everything date-relative (for scripts and tests)
    #[arg(long, global = true, env = "TIES_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    /// The settings file [default: the platform config folder, e.g. ~/.config/ties/config.toml]
    #[arg(long, global = true, env = "TIES_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Open the terminal UI on a fresh temporary database filled with demo data
    #[arg(long)]
    pub demo: bool,

    /// Output format of commands that print data
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a person or an organisation
    Add(AddArgs),
    /// Change a contact's fields
    Edit(EditArgs),
    /// Hide a contact from lists and reminders (nothing is deleted)
    Archive {
        /// The contact (id or part of the name)
        contact: String,
    },
    /// Bring an archived contact back
    Unarchive { contact: String },
    /// List contacts, sorted by name
    List(ListArgs),
    /// Show a contact with its interactions, newest first
    Show {
        contact: String,
        /// Show every interaction, not just the latest 20
        #[arg(long)]
        all: bool,
    },
    /// Log an interaction, with what was given and received
    Log(LogArgs),
    /// Mark an open item (a promise) as kept
    Done {
        /// The item's id, as `ties show` lists it
        item: i64,
    },
    /// The weekly review: the week's suggestions, balances, reconnect, promises, networks
    Review(ReviewArgs),
    /// Where the settings file is, and the values in effect
    Config,
    /// Networks: associations, communities, partner groups
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Fill the database with realistic demo data
    Demo(DemoArgs),
    /// Import contacts: vCard, Google or LinkedIn CSV, or a ties JSON export
    #[command(subcommand)]
    Import(super::import::ImportCommand),
    /// Export contacts as vCard or CSV, or everything as JSON
    #[command(subcommand)]
    Export(super::export::ExportCommand),
    /// Copy the database consistently (safe while ties is open) [default: next to it]
    Backup {
        /// A file to create, or a folder to put it in
        path: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Org,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// person or org
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The full name, e.g. "Anna Järvinen"
    pub name: String,
    /// For people: family, friend, work, acquaintance or other [default: other]
    #[arg(long, value_parser = parse_circle)]
    pub circle: Option<Circle>,
    /// An email address (repeat for more)
    #[arg(long)]
    pub email: Vec<String>,
    /// A phone number (repeat for more)
    #[arg(long)]
    pub phone: Vec<String>,
    /// A tag (repeat for more)
    #[arg(long)]
    pub tag: Vec<String>,
    /// Something they know about (repeat for more)
    #[arg(long)]
    pub expertise: Vec<String>,
    /// Reconnect every N days/weeks/months: 30d, 2w, 3m
    #[arg(long, value_name = "PERIOD", value_parser = parse_cadence)]
    pub every: Option<u32>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
    /// The organisation this person belongs to (created when new)
    #[arg(long)]
    pub org: Option<String>,
    /// Their title in --org
    #[arg(long, requires = "org")]
    pub title: Option<String>,
    /// The contact who introduced you
    #[arg(long, value_name = "CONTACT")]
    pub met_through: Option<String>,
    /// How or where you met
    #[arg(long, value_name = "TEXT")]
    pub met_how: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub contact: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_parser = parse_circle)]
    pub circle: Option<Circle>,
    /// Reconnect every PERIOD (30d, 2w, 3m), or `none` to use the circle's default
    #[arg(long, value_name = "PERIOD", value_parser = parse_cadence_or_none)]
    pub every: Option<OrNone<u32>>,
    /// Leave out of reconnect reminders until DATE, for a PERIOD (2w), or `none`
    #[arg(long, value_name = "DATE|PERIOD")]
    pub snooze: Option<String>,
    /// `off` lets the tie go: never suggested for a reconnect again; `on` undoes it
    #[arg(long, value_name = "on|off", value_parser = parse_switch)]
    pub reminders: Option<bool>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub met_how: Option<String>,
    /// The contact who introduced you, or `none`
    #[arg(long, value_name = "CONTACT")]
    pub met_through: Option<String>,
    /// Add an email address
    #[arg(long)]
    pub email: Vec<String>,
    #[arg(long, value_name = "EMAIL")]
    pub remove_email: Vec<String>,
    /// Add a phone number
    #[arg(long)]
    pub phone: Vec<String>,
    #[arg(long, value_name = "PHONE")]
    pub remove_phone: Vec<String>,
    /// Add a tag
    #[arg(long)]
    pub tag: Vec<String>,
    #[arg(long, value_name = "TAG")]
    pub remove_tag: Vec<String>,
    /// Add an expertise
    #[arg(long)]
    pub expertise: Vec<String>,
    #[arg(long, value_name = "TOPIC")]
    pub remove_expertise: Vec<String>,
    /// Add (or retitle) an organisation this person belongs to
    #[arg(long)]
    pub org: Option<String>,
    #[arg(long, requires = "org")]
    pub title: Option<String>,
    /// Remove this person from an organisation
    #[arg(long, value_name = "ORG")]
    pub leave_org: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[arg(long, value_parser = parse_circle)]
    pub circle: Option<Circle>,
    #[arg(long)]
    pub tag: Option<String>,
    /// List the archived contacts instead
    #[arg(long)]
    pub archived: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Who was there (ids or parts of names)
    #[arg(required = true, value_name = "CONTACT")]
    pub participants: Vec<String>,
    /// When: today, yesterday, -3d, 2w ago, friday, 2026-11-20, 11-20
    #[arg(long, short = 'd', default_value = "today", allow_hyphen_values = true)]
    pub date: String,
    /// At what time, HH:MM
    #[arg(long)]
    pub time: Option<String>,
    /// meeting, call, message, event or other
    #[arg(long, short = 'c', value_parser = parse_channel, default_value = "meeting")]
    pub channel: Channel,
    /// How long it took, in minutes (at most a week)
    #[arg(long, value_parser = parse_minutes)]
    pub minutes: Option<u32>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
    /// What you gave: KIND[:WEIGHT][@CONTACT], e.g. intro:3@anna (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = parse_item)]
    pub gave: Vec<ItemSpec>,
    /// What you got: KIND[:WEIGHT][@CONTACT], e.g. advice:2@bob (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = parse_item)]
    pub got: Vec<ItemSpec>,
    /// Something you promised: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = parse_promise)]
    pub promise: Vec<PromiseSpec>,
    /// Something they promised you: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = parse_promise)]
    pub expect: Vec<PromiseSpec>,
    /// The network this happened in
    #[arg(long)]
    pub network: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Review the week holding this date, as of that week [default: today]
    #[arg(long, allow_hyphen_values = true)]
    pub week: Option<String>,
    /// Rows per section (0: all) [default: from the config, 10]
    #[arg(long)]
    pub limit: Option<usize>,
    /// Draw more suggestions for this week (as many again as the queue holds)
    #[arg(long, conflicts_with_all = ["week", "done", "skip"])]
    pub more: bool,
    /// Not this week: leave CONTACT out of this week's suggestions (repeatable)
    #[arg(long, value_name = "CONTACT", conflicts_with_all = ["week", "done"])]
    pub skip: Vec<String>,
    /// Mark the week as reviewed
    #[arg(long)]
    pub done: bool,
    /// A note for the reviewed week (with --done)
    #[arg(long, short = 'n')]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Add a network to your plan
    Add(NetworkFields),
    /// Change a network's plan
    Edit(NetworkEditArgs),
    /// Add contacts to a network
    Join {
        network: String,
        #[arg(required = true, value_name = "CONTACT")]
        contacts: Vec<String>,
    },
    /// Remove contacts from a network
    Leave {
        network: String,
        #[arg(required = true, value_name = "CONTACT")]
        contacts: Vec<String>,
    },
    /// List networks
    List,
    /// Show a network with its members and interactions
    Show { network: String },
}

#[derive(Debug, Args)]
pub struct NetworkFields {
    pub name: String,
    /// observer, member, contributor, promoter or leader [default: member]
    #[arg(long, value_parser = parse_role)]
    pub role: Option<Role>,
    /// deepen, keep, lighten or leave [default: keep]
    #[arg(long, value_parser = parse_intent)]
    pub intent: Option<Intent>,
    /// Hours per month you mean to give it (2.5 or 2,5)
    #[arg(long, value_parser = parse_hours)]
    pub hours: Option<f64>,
    /// What you want from it
    #[arg(long)]
    pub goal: Option<String>,
    /// When to review the plan: a date (2027-01-15) or a span from today (3m)
    #[arg(long, value_name = "DATE")]
    pub review: Option<String>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct NetworkEditArgs {
    pub network: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_parser = parse_role)]
    pub role: Option<Role>,
    #[arg(long, value_parser = parse_intent)]
    pub intent: Option<Intent>,
    /// Hours per month (2.5 or 2,5), or `none`
    #[arg(long, value_parser = parse_hours_or_none)]
    pub hours: Option<OrNone<f64>>,
    #[arg(long)]
    pub goal: Option<String>,
    /// Review date (2027-01-15 or a span from today, 3m), or `none`
    #[arg(long, value_name = "DATE")]
    pub review: Option<String>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many contacts (people and organisations)
    #[arg(long, default_value_t = 150)]
    pub contacts: usize,
    /// How many interactions, over about three years
    #[arg(long, default_value_t = 2500)]
    pub interactions: usize,
    /// The same seed gives the same data
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Add demo data even when the database already holds contacts
    #[arg(long)]
    pub force: bool,
}

/// A value given to a flag that may clear it: `Some` to set, `None` for
/// `none` (see `ties::input::optional`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrNone<T>(pub Option<T>);

fn parse_cadence(text: &str) -> Result<u32, String> {
    dates::parse_cadence(text).map_err(|e| e.to_string())
}

fn parse_cadence_or_none(text: &str) -> Result<OrNone<u32>, String> {
    input::optional(text, dates::parse_cadence)
        .map(OrNone)
        .map_err(|e| e.to_string())
}

fn parse_minutes(text: &str) -> Result<u32, String> {
    input::parse_minutes(text).map_err(|e| e.to_string())
}

fn parse_hours(text: &str) -> Result<f64, String> {
    input::parse_hours(text).map_err(|e| e.to_string())
}

fn parse_hours_or_none(text: &str) -> Result<OrNone<f64>, String> {
    input::optional(text, input::parse_hours)
        .map(OrNone)
        .map_err(|e| e.to_string())
}

fn parse_switch(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        _ => Err(format!("invalid switch '{text}': use on or off")),
    }
}

fn parse_circle(text: &str) -> Result<Circle, String> {
    text.parse().map_err(|e: ties::Error| e.to_string())
}

fn parse_channel(text: &str) -> Result<Channel, String> {
    text.parse().map_err(|e: ties::Error| e.to_string())
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse().map_err(|e: ties::Error| e.to_string())
}

fn parse_intent(text: &str) -> Result<Intent, String> {
    text.parse().map_err(|e: ties::Error| e.to_string())
}

fn parse_item(text: &str) -> Result<ItemSpec, String> {
    spec::parse_item(text).map_err(|e| e.to_string())
}

fn parse_promise(text: &str) -> Result<PromiseSpec, String> {
    spec::parse_promise(text).map_err(|e| e.to_string())
}
