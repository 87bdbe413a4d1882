//! The command line, as clap reads it. Values are parsed by the core's own
//! parsers (`FromStr` for closed sets, `ties::dates`, `ties::input`), the
//! same ones the terminal UI uses, so an error names the accepted values in
//! one line and both faces accept the same input.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use ties::error::Field;
use ties::model::{Channel, Circle, ContactDate, Direction, Intent, ItemKind, Role};
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
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        contact: String,
    },
    /// Bring an archived contact back
    Unarchive {
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        contact: String,
    },
    /// List contacts, sorted by name
    List(ListArgs),
    /// Show a contact with its interactions, newest first
    Show {
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
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
    /// Birthdays and other dates coming up
    Dates(DatesArgs),
    /// What needs you now: reconnects due, your old open promises, dates coming up (for cron, timers and prompts)
    Due(DueArgs),
    /// Search names, notes, tags and expertise
    Search(SearchArgs),
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
    /// Export contacts as vCard or CSV, everything as JSON, or a calendar (iCalendar)
    #[command(subcommand)]
    Export(super::export::ExportCommand),
    /// Print the shell's completion script (names of contacts and networks complete too)
    Completions {
        #[arg(value_enum)]
        shell: super::shell::Shell,
    },
    /// Print the manual page (roff): ties man > ~/.local/share/man/man1/ties.1
    Man,
    /// Copy the database consistently (safe while ties is open) [default: next to it]
    Backup {
        /// A file to create, or a folder to put it in
        path: Option<PathBuf>,
        /// Copy the database even when its pages are found damaged
        #[arg(long)]
        force: bool,
    },
    /// Change or delete a logged interaction
    #[command(subcommand)]
    Interaction(InteractionCommand),
    /// Change, delete or reopen an item (what was given, got or promised)
    #[command(subcommand)]
    Item(ItemCommand),
    /// Delete a contact for good, with its items (`ties undo` brings it back)
    #[command(visible_alias = "rm")]
    Delete {
        contact: String,
        /// Delete without asking (needed when not on a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Merge OTHER into KEEP: everything of OTHER moves to KEEP, then OTHER is deleted
    Merge {
        /// The contact that stays
        keep: String,
        /// The contact merged into it
        other: String,
        /// Print what would be done, and do nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Contacts that are likely the same person or organisation, with the reason
    #[command(visible_alias = "dupes")]
    Duplicates,
    /// Undo the newest change, whoever made it (again for the one before)
    Undo,
    /// The changes made, newest first, with what undo would reverse
    History {
        /// How many [default: 20; 0 for all]
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum InteractionCommand {
    /// Change what was logged: fields, participants, new items
    Edit(Box<InteractionEditArgs>),
    /// Delete an interaction with its items
    #[command(visible_alias = "rm")]
    Delete {
        /// The interaction's id, as `ties show` lists it
        #[arg(value_parser = parse_record_id)]
        id: i64,
        /// Delete without asking (needed when not on a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct InteractionEditArgs {
    /// The interaction's id, as `ties show` lists it
    #[arg(value_parser = parse_record_id)]
    pub id: i64,
    /// When: today, yesterday, -3d, 2w ago, friday, 2026-11-20, 11-20
    #[arg(long, short = 'd', allow_hyphen_values = true)]
    pub date: Option<String>,
    /// At what time, HH:MM, or `none`
    #[arg(long, value_name = "HH:MM|none")]
    pub time: Option<String>,
    /// meeting, call, message, event or other
    #[arg(long, short = 'c', value_parser = parse_channel)]
    pub channel: Option<Channel>,
    /// How long it took, in minutes, or `none`
    #[arg(long, value_name = "N|none", value_parser = parse_minutes_or_none)]
    pub minutes: Option<OrNone<u32>>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
    /// The network it happened in, or `none`
    #[arg(long, value_name = "NAME|none")]
    pub network: Option<String>,
    /// Add a participant (repeatable)
    #[arg(long, value_name = "CONTACT")]
    pub add: Vec<String>,
    /// Remove a participant (repeatable)
    #[arg(long, value_name = "CONTACT")]
    pub remove: Vec<String>,
    /// Add what you gave: KIND[:WEIGHT][@CONTACT] (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = parse_item)]
    pub gave: Vec<ItemSpec>,
    /// Add what you got: KIND[:WEIGHT][@CONTACT] (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = parse_item)]
    pub got: Vec<ItemSpec>,
    /// Add something you promised: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = parse_promise)]
    pub promise: Vec<PromiseSpec>,
    /// Add something they promised you: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = parse_promise)]
    pub expect: Vec<PromiseSpec>,
}

#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    /// Change an item
    Edit(ItemEditArgs),
    /// Delete an item
    #[command(visible_alias = "rm")]
    Delete {
        /// The item's id, as `ties show` lists it
        #[arg(value_parser = parse_record_id)]
        id: i64,
        /// Delete without asking (needed when not on a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Open a settled promise again
    Reopen {
        /// The item's id, as `ties show` lists it
        #[arg(value_parser = parse_record_id)]
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ItemEditArgs {
    /// The item's id, as `ties show` lists it
    #[arg(value_parser = parse_record_id)]
    pub id: i64,
    /// advice, idea, intro, help, referral, resource, support, gift or other
    #[arg(long, value_parser = parse_item_kind)]
    pub kind: Option<ItemKind>,
    /// 1 to 5
    #[arg(long, value_parser = parse_weight)]
    pub weight: Option<u8>,
    /// gave or got
    #[arg(long, value_parser = parse_direction)]
    pub direction: Option<Direction>,
    #[arg(long, short = 'n')]
    pub note: Option<String>,
    /// Another participant of its interaction
    #[arg(long, value_name = "CONTACT")]
    pub to: Option<String>,
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
    #[arg(long, add = ArgValueCompleter::new(super::shell::organisations))]
    pub org: Option<String>,
    /// Their title in --org
    #[arg(long, requires = "org")]
    pub title: Option<String>,
    /// The contact who introduced you
    #[arg(long, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
    pub met_through: Option<String>,
    /// How or where you met
    #[arg(long, value_name = "TEXT")]
    pub met_how: Option<String>,
    /// Their birthday: 1990-02-14, or --02-14 without the year
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = parse_birthday)]
    pub birthday: Option<String>,
    /// A date to remember, yearly: "anniversary=2015-06-01", "name day=12-09"; add " once" for a one-off date (repeatable)
    #[arg(long = "date", value_name = "LABEL=DATE", value_parser = parse_labelled_date)]
    pub dates: Vec<ContactDate>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
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
    #[arg(long, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
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
    #[arg(long, add = ArgValueCompleter::new(super::shell::organisations))]
    pub org: Option<String>,
    #[arg(long, requires = "org")]
    pub title: Option<String>,
    /// Remove this person from an organisation
    #[arg(long, value_name = "ORG", add = ArgValueCompleter::new(super::shell::organisations))]
    pub leave_org: Vec<String>,
    /// Their birthday: 1990-02-14, --02-14 without the year, or `none`
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = parse_birthday_or_none)]
    pub birthday: Option<OrNone<String>>,
    /// Set a date, yearly: "anniversary=2015-06-01", "name day=12-09"; add " once" for a one-off date (repeatable; replaces the date of that label)
    #[arg(long = "date", value_name = "LABEL=DATE", value_parser = parse_labelled_date)]
    pub dates: Vec<ContactDate>,
    /// Remove the date of this label (repeatable)
    #[arg(long = "remove-date", value_name = "LABEL")]
    pub remove_dates: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[arg(long, value_parser = parse_circle)]
    pub circle: Option<Circle>,
    #[arg(long)]
    pub tag: Option<String>,
    /// Who knows about this topic (case ignored)
    #[arg(long, value_name = "TOPIC")]
    pub expertise: Option<String>,
    /// List the archived contacts instead
    #[arg(long)]
    pub archived: bool,
}

#[derive(Debug, Args)]
pub struct DatesArgs {
    /// How far ahead: 7d, 2w, 3m, 1y [default: 30d]
    #[arg(
        long,
        value_name = "SPAN",
        allow_hyphen_values = true,
        default_value = "30d"
    )]
    pub within: String,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// How far ahead: 7d, 2w, 3m, 1y [default: 7d]
    #[arg(
        long,
        value_name = "SPAN",
        allow_hyphen_values = true,
        default_value = "7d"
    )]
    pub within: String,
    /// Print only how many things are due (one number)
    #[arg(long)]
    pub count: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: words, each matched at the start of a word, case and accents ignored
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// At most this many results (0: all)
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Who was there (ids or parts of names)
    #[arg(required = true, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
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
    #[arg(long, add = ArgValueCompleter::new(super::shell::networks))]
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
        #[arg(add = ArgValueCompleter::new(super::shell::networks))]
        network: String,
        #[arg(required = true, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
        contacts: Vec<String>,
    },
    /// Remove contacts from a network
    Leave {
        #[arg(add = ArgValueCompleter::new(super::shell::networks))]
        network: String,
        #[arg(required = true, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
        contacts: Vec<String>,
    },
    /// List networks
    List,
    /// Show a network with its members and interactions
    Show {
        #[arg(add = ArgValueCompleter::new(super::shell::networks))]
        network: String,
    },
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
    #[arg(add = ArgValueCompleter::new(super::shell::networks))]
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

fn parse_minutes_or_none(text: &str) -> Result<OrNone<u32>, String> {
    input::optional(text, input::parse_minutes)
        .map(OrNone)
        .map_err(|e| e.to_string())
}

fn parse_weight(text: &str) -> Result<u8, String> {
    input::parse_weight(text).map_err(|e| e.to_string())
}

fn parse_item_kind(text: &str) -> Result<ItemKind, String> {
    text.parse().map_err(|e: ties::Error| e.to_string())
}

fn parse_direction(text: &str) -> Result<Direction, String> {
    text.parse().map_err(|e: ties::Error| e.to_string())
}

/// `12` or `#12`, as `ties show` prints ids.
fn parse_record_id(text: &str) -> Result<i64, String> {
    ties::resolve::parse_id(text.trim())
        .ok_or_else(|| format!("'{text}' is not an id: use the number `ties show` lists, e.g. 12"))
}

// These refusals name their flag (`super::words`).
fn parse_birthday(text: &str) -> Result<String, String> {
    dates::parse_occasion_date(text, Field::Birthday, true)
        .map_err(|e| super::words::describe_error(&e))
}

fn parse_birthday_or_none(text: &str) -> Result<OrNone<String>, String> {
    input::optional(text, |t| {
        dates::parse_occasion_date(t, Field::Birthday, true)
    })
    .map(OrNone)
    .map_err(|e| super::words::describe_error(&e))
}

fn parse_labelled_date(text: &str) -> Result<ContactDate, String> {
    dates::parse_labelled_date(text).map_err(|e| super::words::describe_error(&e))
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
