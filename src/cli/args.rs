//! The command line, as clap reads it. Every option and argument has one
//! line of help (a test walks the whole tree), closed sets list their
//! words, and the options every command takes sit under "Global options".
//! Values are read by `super::values`, with the core's parsers.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use super::values::{self, OrNone};
use ties::model::{Channel, Circle, ContactDate, Direction, Intent, ItemKind, Role};
use ties::spec::{ItemSpec, PromiseSpec};

/// The heading of the options every command takes.
pub const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "ties",
    version,
    about = "A personal contact-network tracker: people, organisations, give and take, and a weekly review",
    after_help = "Dates: today, yesterday, -3d, 2w ago, friday (the most recent Friday, today if it is one; last friday skips today), 2026-11-20, 11-20.\nA CONTACT is an id (12 or #12) or any part of a name, case and accents ignored."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    /// Open the terminal UI on a fresh temporary database filled with demo data
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The database file [default: the platform data folder, e.g. ~/.local/share/ties/ties.db]
    #[arg(long, global = true, env = "TIES_DB", value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// Fix "today" for everything date-relative (for scripts and tests)
    #[arg(long, global = true, env = "TIES_TODAY", value_name = "YYYY-MM-DD", help_heading = GLOBAL)]
    pub today: Option<String>,

    /// The settings file [default: the platform config folder, e.g. ~/.config/ties/config.toml]
    #[arg(long, global = true, env = "TIES_CONFIG", value_name = "PATH", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,

    /// How commands print what they show: text to read, or JSON for scripts (docs/json.md)
    #[arg(long, global = true, value_enum, default_value_t = Format::Text, help_heading = GLOBAL)]
    pub format: Format,
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
    /// Change a contact's fields, and say what changed
    Edit(EditArgs),
    /// Hide a contact from lists and reminders (nothing is deleted)
    Archive {
        /// The contact: an id (12 or #12) or part of the name
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        contact: String,
    },
    /// Bring an archived contact back
    Unarchive {
        /// The contact: an id (12 or #12) or part of the name
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        contact: String,
    },
    /// List contacts, sorted by name
    List(ListArgs),
    /// Show a contact with its interactions, newest first
    Show {
        /// The contact: an id (12 or #12) or part of the name
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        contact: String,
        /// Show every interaction, not just the latest 20 (JSON always has every one)
        #[arg(long)]
        all: bool,
    },
    /// Log an interaction, with what was given and received
    Log(LogArgs),
    /// Mark an open item (a promise) as kept
    Done {
        /// The item's id, as `ties show` lists it (12 or #12)
        #[arg(value_parser = values::item_id)]
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
    Config(ConfigArgs),
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
        /// The shell to complete for
        #[arg(value_enum)]
        shell: super::shell::Shell,
    },
    /// Print the manual page (roff): ties man > ~/.local/share/man/man1/ties.1
    Man,
    /// Copy the database consistently (safe while ties is open) [default: next to it]
    Backup {
        /// A file to create, or a folder to put it in (a path ending in / is a folder, created when missing)
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
        /// The contact: an id (12 or #12) or part of the name
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        contact: String,
        /// Delete without asking (needed when not on a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Merge OTHER into KEEP: everything of OTHER moves to KEEP, then OTHER is deleted
    Merge {
        /// The contact that stays: an id (12 or #12) or part of the name
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
        keep: String,
        /// The contact merged into it: an id (12 or #12) or part of the name
        #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
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
        /// How many entries (0: all)
        #[arg(long, default_value_t = 20, value_parser = values::limit)]
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
        /// The interaction's id, as `ties show` lists it (12 or #12)
        #[arg(value_parser = values::record_id)]
        id: i64,
        /// Delete without asking (needed when not on a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct InteractionEditArgs {
    /// The interaction's id, as `ties show` lists it (12 or #12)
    #[arg(value_parser = values::record_id)]
    pub id: i64,
    /// When: today, yesterday, -3d, 2w ago, friday (today if it is Friday; last friday skips today), 2026-11-20, 11-20
    #[arg(long, short = 'd', value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// At what time, HH:MM, or `none`
    #[arg(long, value_name = "HH:MM|none")]
    pub time: Option<String>,
    /// How you met
    #[arg(long, short = 'c', value_parser = values::channel())]
    pub channel: Option<Channel>,
    /// How long it took, in minutes (at most a week), or `none`
    #[arg(long, value_name = "MINUTES|none", value_parser = values::minutes_or_none)]
    pub minutes: Option<OrNone<u32>>,
    /// A new note, replacing the old one ("" clears it)
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
    /// The network it happened in (an id or part of its name), or `none`
    #[arg(long, value_name = "NETWORK|none", add = ArgValueCompleter::new(super::shell::networks))]
    pub network: Option<String>,
    /// Add a participant: an id or part of a name (repeatable)
    #[arg(long, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
    pub add: Vec<String>,
    /// Remove a participant: an id or part of a name (repeatable)
    #[arg(long, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
    pub remove: Vec<String>,
    /// Add what you gave: KIND[:WEIGHT][@CONTACT] (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = values::item)]
    pub gave: Vec<ItemSpec>,
    /// Add what you got: KIND[:WEIGHT][@CONTACT] (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = values::item)]
    pub got: Vec<ItemSpec>,
    /// Add something you promised: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = values::promise)]
    pub promise: Vec<PromiseSpec>,
    /// Add something they promised you: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = values::promise)]
    pub expect: Vec<PromiseSpec>,
}

#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    /// Change an item
    Edit(ItemEditArgs),
    /// Delete an item
    #[command(visible_alias = "rm")]
    Delete {
        /// The item's id, as `ties show` lists it (12 or #12)
        #[arg(value_parser = values::record_id)]
        id: i64,
        /// Delete without asking (needed when not on a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Open a settled promise again
    Reopen {
        /// The item's id, as `ties show` lists it (12 or #12)
        #[arg(value_parser = values::record_id)]
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ItemEditArgs {
    /// The item's id, as `ties show` lists it (12 or #12)
    #[arg(value_parser = values::record_id)]
    pub id: i64,
    /// What it was
    #[arg(long, value_parser = values::item_kind())]
    pub kind: Option<ItemKind>,
    /// How much it weighed, 1 (a little) to 5 (a lot)
    #[arg(long, value_parser = values::weight)]
    pub weight: Option<u8>,
    /// Who gave it: gave (you) or got (you received it)
    #[arg(long, value_parser = values::direction())]
    pub direction: Option<Direction>,
    /// A new note, replacing the old one ("" clears it)
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
    /// The other side: another participant of its interaction (an id or part of a name)
    #[arg(long, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Org,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// What to add: a person or an organisation
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The full name, e.g. "Anna Järvinen"
    pub name: String,
    /// For people: how close they are, which sets how often to reconnect [default: other]
    #[arg(long, value_parser = values::circle())]
    pub circle: Option<Circle>,
    /// An email address (repeatable)
    #[arg(long)]
    pub email: Vec<String>,
    /// A phone number (repeatable)
    #[arg(long)]
    pub phone: Vec<String>,
    /// A tag, stored lowercase (repeatable)
    #[arg(long)]
    pub tag: Vec<String>,
    /// Something they know about (repeatable)
    #[arg(long, value_name = "TOPIC")]
    pub expertise: Vec<String>,
    /// Reconnect every PERIOD: 30d, 2w, 3m, 1y [default: the circle's]
    #[arg(long, value_name = "PERIOD", value_parser = values::cadence)]
    pub every: Option<u32>,
    /// A note about them
    #[arg(long, short = 'n', value_name = "TEXT")]
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
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = values::birthday)]
    pub birthday: Option<String>,
    /// A date to remember, yearly: "anniversary=2015-06-01", "name day=12-09"; add " once" for a one-off date (repeatable)
    #[arg(long = "date", value_name = "LABEL=DATE", value_parser = values::labelled_date)]
    pub dates: Vec<ContactDate>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The contact: an id (12 or #12) or part of the name
    #[arg(add = ArgValueCompleter::new(super::shell::contacts))]
    pub contact: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// For people: how close they are, which sets how often to reconnect
    #[arg(long, value_parser = values::circle())]
    pub circle: Option<Circle>,
    /// Reconnect every PERIOD (30d, 2w, 3m), or `none` to use the circle's default
    #[arg(long, value_name = "PERIOD", value_parser = values::cadence_or_none)]
    pub every: Option<OrNone<u32>>,
    /// Leave out of reconnect reminders until DATE, for a PERIOD (2w), or `none`
    #[arg(long, value_name = "DATE|PERIOD")]
    pub snooze: Option<String>,
    /// `off` lets the tie go: never suggested for a reconnect again; `on` undoes it
    #[arg(long, value_parser = values::switch())]
    pub reminders: Option<bool>,
    /// A new note, replacing the old one ("" clears it)
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
    /// How or where you met, replacing what was there ("" clears it)
    #[arg(long, value_name = "TEXT")]
    pub met_how: Option<String>,
    /// The contact who introduced you, or `none`
    #[arg(long, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
    pub met_through: Option<String>,
    /// Add an email address (repeatable)
    #[arg(long)]
    pub email: Vec<String>,
    /// Remove an email address, case ignored (repeatable)
    #[arg(long, value_name = "EMAIL")]
    pub remove_email: Vec<String>,
    /// Add a phone number (repeatable)
    #[arg(long)]
    pub phone: Vec<String>,
    /// Remove a phone number, compared by its digits: +358401234567 removes +358 40 123 4567 (repeatable)
    #[arg(long, value_name = "PHONE")]
    pub remove_phone: Vec<String>,
    /// Add a tag, stored lowercase (repeatable)
    #[arg(long)]
    pub tag: Vec<String>,
    /// Remove a tag, case ignored (repeatable)
    #[arg(long, value_name = "TAG")]
    pub remove_tag: Vec<String>,
    /// Add something they know about (repeatable)
    #[arg(long, value_name = "TOPIC")]
    pub expertise: Vec<String>,
    /// Remove a topic of their expertise, case ignored (repeatable)
    #[arg(long, value_name = "TOPIC")]
    pub remove_expertise: Vec<String>,
    /// Add (or retitle) an organisation this person belongs to
    #[arg(long, add = ArgValueCompleter::new(super::shell::organisations))]
    pub org: Option<String>,
    /// Their title in --org
    #[arg(long, requires = "org")]
    pub title: Option<String>,
    /// Remove this person from an organisation (repeatable)
    #[arg(long, value_name = "ORG", add = ArgValueCompleter::new(super::shell::organisations))]
    pub leave_org: Vec<String>,
    /// Their birthday: 1990-02-14, --02-14 without the year, or `none`
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = values::birthday_or_none)]
    pub birthday: Option<OrNone<String>>,
    /// Set a date, yearly: "anniversary=2015-06-01", "name day=12-09"; add " once" for a one-off date (repeatable; replaces the date of that label)
    #[arg(long = "date", value_name = "LABEL=DATE", value_parser = values::labelled_date)]
    pub dates: Vec<ContactDate>,
    /// Remove the date of this label (repeatable)
    #[arg(long = "remove-date", value_name = "LABEL")]
    pub remove_dates: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only people, or only organisations
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Only people of this circle
    #[arg(long, value_parser = values::circle())]
    pub circle: Option<Circle>,
    /// Only contacts with this tag (case ignored)
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
    /// How far ahead: 7d, 2w, 3m, 1y
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
    /// How far ahead: 7d, 2w, 3m, 1y
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
    #[arg(long, default_value_t = 20, value_parser = values::limit)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the example settings file, every key commented (save it as your config to start from)
    #[arg(long)]
    pub example: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Who was there: ids or parts of names
    #[arg(required = true, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
    pub participants: Vec<String>,
    /// When: today, yesterday, -3d, 2w ago, friday (today if it is Friday; last friday skips today), 2026-11-20, 11-20
    #[arg(long, short = 'd', default_value = "today", allow_hyphen_values = true)]
    pub date: String,
    /// At what time, HH:MM
    #[arg(long)]
    pub time: Option<String>,
    /// How you met
    #[arg(long, short = 'c', value_parser = values::channel(), default_value = "meeting")]
    pub channel: Channel,
    /// How long it took, in minutes (at most a week)
    #[arg(long, value_parser = values::minutes)]
    pub minutes: Option<u32>,
    /// What happened
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
    /// What you gave: KIND[:WEIGHT][@CONTACT], e.g. intro:3@anna (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = values::item)]
    pub gave: Vec<ItemSpec>,
    /// What you got: KIND[:WEIGHT][@CONTACT], e.g. advice:2@bob (repeatable)
    #[arg(long, value_name = "KIND[:WEIGHT][@CONTACT]", value_parser = values::item)]
    pub got: Vec<ItemSpec>,
    /// Something you promised: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = values::promise)]
    pub promise: Vec<PromiseSpec>,
    /// Something they promised you: "TEXT[@CONTACT]" (repeatable)
    #[arg(long, value_name = "TEXT[@CONTACT]", value_parser = values::promise)]
    pub expect: Vec<PromiseSpec>,
    /// The network this happened in: an id or part of its name
    #[arg(long, add = ArgValueCompleter::new(super::shell::networks))]
    pub network: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Review the week holding this date (a date as -d takes it), as of that week [default: today]
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub week: Option<String>,
    /// Rows per section (0: all) [default: from the config, 10]
    #[arg(long, value_parser = values::limit)]
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
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Add a network to your plan
    Add(NetworkFields),
    /// Change a network's plan, and say what changed
    Edit(NetworkEditArgs),
    /// Add contacts to a network
    Join {
        /// The network: an id or part of its name
        #[arg(add = ArgValueCompleter::new(super::shell::networks))]
        network: String,
        /// Who joins: ids or parts of names
        #[arg(required = true, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
        contacts: Vec<String>,
    },
    /// Remove contacts from a network
    Leave {
        /// The network: an id or part of its name
        #[arg(add = ArgValueCompleter::new(super::shell::networks))]
        network: String,
        /// Who leaves: ids or parts of names
        #[arg(required = true, value_name = "CONTACT", add = ArgValueCompleter::new(super::shell::contacts))]
        contacts: Vec<String>,
    },
    /// List networks
    List,
    /// Show a network with its members and interactions
    Show {
        /// The network: an id or part of its name
        #[arg(add = ArgValueCompleter::new(super::shell::networks))]
        network: String,
        /// Show every interaction, not just the latest 15 (JSON always has every one)
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Args)]
pub struct NetworkFields {
    /// The network's name, e.g. "Tampere Tech"
    pub name: String,
    /// Your part in it [default: member]
    #[arg(long, value_parser = values::role())]
    pub role: Option<Role>,
    /// What you mean to do with it [default: keep]
    #[arg(long, value_parser = values::intent())]
    pub intent: Option<Intent>,
    /// Hours per month you mean to give it (2.5 or 2,5)
    #[arg(long, value_parser = values::hours)]
    pub hours: Option<f64>,
    /// What you want from it
    #[arg(long, value_name = "TEXT")]
    pub goal: Option<String>,
    /// When to review the plan: a date (2027-01-15) or a span from today (3m)
    #[arg(long, value_name = "DATE|SPAN")]
    pub review: Option<String>,
    /// A note about it
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct NetworkEditArgs {
    /// The network: an id or part of its name
    #[arg(add = ArgValueCompleter::new(super::shell::networks))]
    pub network: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// Your part in it
    #[arg(long, value_parser = values::role())]
    pub role: Option<Role>,
    /// What you mean to do with it
    #[arg(long, value_parser = values::intent())]
    pub intent: Option<Intent>,
    /// Hours per month (2.5 or 2,5), or `none`
    #[arg(long, value_parser = values::hours_or_none)]
    pub hours: Option<OrNone<f64>>,
    /// What you want from it, replacing what was there ("" clears it)
    #[arg(long, value_name = "TEXT")]
    pub goal: Option<String>,
    /// When to review the plan: a date (2027-01-15), a span from today (3m), or `none`
    #[arg(long, value_name = "DATE|SPAN")]
    pub review: Option<String>,
    /// A new note, replacing the old one ("" clears it)
    #[arg(long, short = 'n', value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many contacts (people and organisations)
    #[arg(long, default_value_t = 150, value_parser = values::count)]
    pub contacts: usize,
    /// How many interactions, over about three years
    #[arg(long, default_value_t = 2500, value_parser = values::count)]
    pub interactions: usize,
    /// The same seed gives the same data
    #[arg(long, default_value_t = 1, value_parser = values::seed)]
    pub seed: u64,
    /// Add demo data even when the database already holds contacts
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every command below `command`, itself included, with its path.
    fn every_command(
        command: &clap::Command,
        path: String,
        found: &mut Vec<(String, clap::Command)>,
    ) {
        found.push((path.clone(), command.clone()));
        for sub in command.get_subcommands() {
            every_command(sub, format!("{path} {}", sub.get_name()), found);
        }
    }

    #[test]
    fn every_option_and_argument_has_one_line_of_help() {
        let mut root = Cli::command();
        root.build();
        let mut commands = Vec::new();
        every_command(&root, "ties".into(), &mut commands);
        let mut missing = Vec::new();
        for (path, command) in &commands {
            if command.get_about().is_none() && path != "ties" {
                missing.push(format!("{path} (the command)"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                match arg.get_help() {
                    None => missing.push(format!("{path} {id}")),
                    Some(help) if help.to_string().contains('\n') => {
                        missing.push(format!("{path} {id} (more than one line)"))
                    }
                    Some(_) => {}
                }
            }
        }
        assert!(missing.is_empty(), "without help: {missing:#?}");
        assert!(
            commands.len() > 30,
            "the walk found {} commands",
            commands.len()
        );
    }

    #[test]
    fn closed_sets_list_their_values_in_help() {
        let root = Cli::command();
        let log = root.find_subcommand("log").unwrap();
        let channel = log
            .get_arguments()
            .find(|a| a.get_id() == "channel")
            .unwrap();
        let words: Vec<String> = channel
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        assert_eq!(words, ["meeting", "call", "message", "event", "other"]);
        let mut edit = root.find_subcommand("edit").unwrap().clone();
        let help = edit.render_help().to_string();
        assert!(
            help.contains("[possible values: family, friend, work, acquaintance, other]"),
            "{help}"
        );
        assert!(help.contains("[possible values: on, off]"), "{help}");
    }

    #[test]
    fn the_global_options_stand_under_their_own_heading() {
        let mut root = Cli::command();
        root.build();
        let mut commands = Vec::new();
        every_command(&root, "ties".into(), &mut commands);
        for (path, command) in &commands {
            for arg in command.get_arguments() {
                if arg.is_global_set() {
                    assert_eq!(
                        arg.get_help_heading(),
                        Some(GLOBAL),
                        "{path} {}",
                        arg.get_id()
                    );
                }
            }
        }
        let mut show = root.find_subcommand("show").unwrap().clone();
        let help = show.render_help().to_string();
        let (own, global) = help.split_once("Global options:").expect(&help);
        assert!(own.contains("--all") && !own.contains("--db"), "{help}");
        assert!(
            global.contains("--db") && global.contains("--format"),
            "{help}"
        );
    }
}

/// The README's command table (`| \`ties …\` | … |`) against clap's tree:
/// every command has a row, every option of a command is named in its
/// rows (long or short), and every option a row names exists.
#[cfg(test)]
mod readme_tests {
    use std::collections::BTreeMap;

    use clap::CommandFactory;

    use super::Cli;

    const README: &str = include_str!("../../README.md");

    /// The table's rows: the commands a row's first cell names (`ties
    /// network list` / `ties network show NETWORK` are two) and the row's
    /// text. A row saying "[same options]" has the options of the row above.
    fn rows(root: &clap::Command) -> Vec<(Vec<String>, String)> {
        let mut above = String::new();
        let mut rows = Vec::new();
        for line in README.lines().filter(|line| line.starts_with("| `ties")) {
            let row = if line.contains("[same options]") {
                format!("{line} {above}")
            } else {
                line.to_string()
            };
            let first = line
                .trim_start_matches('|')
                .split(" | ")
                .next()
                .unwrap_or("");
            let commands = first
                .split(" / ")
                .filter_map(|part| {
                    let words: Vec<&str> = part
                        .trim()
                        .trim_start_matches('`')
                        .split_whitespace()
                        .collect();
                    (words.first() == Some(&"ties")).then(|| command_path(root, &words[1..]))
                })
                .collect();
            above = row.clone();
            rows.push((commands, row));
        }
        rows
    }

    /// The longest run of words that names a (sub)command: `network show`.
    fn command_path(root: &clap::Command, words: &[&str]) -> String {
        let mut here = root;
        let mut path = Vec::new();
        for word in words {
            let word = word.trim_matches(|c: char| c == '`' || c == ',');
            match here.find_subcommand(word) {
                Some(sub) => {
                    path.push(sub.get_name().to_string());
                    here = sub;
                }
                None => break,
            }
        }
        path.join(" ")
    }

    /// The long options a text names: `--circle`, `--remove-email`.
    fn options_named(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("--") {
            let before = rest[..at].chars().last();
            let after = &rest[at + 2..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect();
            let name = name.trim_end_matches('-');
            if !name.is_empty() && !before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
                found.push(name.to_string());
            }
            rest = &after[name.len().max(1).min(after.len())..];
        }
        found
    }

    /// Whether `row` names the short form of `arg` (`-o FILE`, `-n NOTE`).
    fn names_short(row: &str, arg: &clap::Arg) -> bool {
        arg.get_short().is_some_and(|short| {
            [" ", "`", "["].iter().any(|before| {
                [" ", "`"]
                    .iter()
                    .any(|after| row.contains(&format!("{before}-{short}{after}")))
            })
        })
    }

    fn leaf_commands(
        command: &clap::Command,
        path: &str,
        out: &mut BTreeMap<String, clap::Command>,
    ) {
        if command.get_subcommands().next().is_none() {
            out.insert(path.to_string(), command.clone());
        }
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = format!("{path} {}", sub.get_name());
            leaf_commands(sub, path.trim(), out);
        }
    }

    #[test]
    fn the_readme_command_table_and_help_agree() {
        let mut root = Cli::command();
        root.build();
        let mut leaves = BTreeMap::new();
        leaf_commands(&root, "", &mut leaves);
        let rows = rows(&root);
        let is_global = |long: &str| {
            root.get_arguments()
                .any(|a| a.get_long() == Some(long) && a.is_global_set())
        };
        let mut problems = Vec::new();
        for (path, command) in &leaves {
            let rows_of: Vec<&String> = rows
                .iter()
                .filter(|(commands, _)| commands.contains(path))
                .map(|(_, row)| row)
                .collect();
            if rows_of.is_empty() {
                problems.push(format!("`ties {path}` has no row in the README"));
                continue;
            }
            for arg in command.get_arguments() {
                let Some(long) = arg.get_long() else { continue };
                if is_global(long) || long == "help" {
                    continue;
                }
                let named = rows_of.iter().any(|row| {
                    options_named(row).iter().any(|o| o == long) || names_short(row, arg)
                });
                if !named {
                    problems.push(format!("`ties {path} --{long}` is not in the README"));
                }
            }
        }
        // A row may say "the same as `import csv --layout google`": an
        // option named is one of some command's.
        for (_, row) in &rows {
            for option in options_named(row) {
                let exists = root
                    .get_arguments()
                    .any(|a| a.get_long() == Some(option.as_str()))
                    || leaves.values().any(|c| {
                        c.get_arguments()
                            .any(|a| a.get_long() == Some(option.as_str()))
                    });
                if !exists {
                    problems.push(format!(
                        "the README names --{option}, which no command has: {row}"
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(leaves.len() > 30, "{} commands", leaves.len());
    }
}
