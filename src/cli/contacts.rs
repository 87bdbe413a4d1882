//! `add`, `edit`, `archive`, `list`, `show`, and plain `ties`.

use std::io::Write;

use anyhow::Result;

use super::Context;
use super::args::{AddArgs, EditArgs, Format, KindArg, ListArgs};
use super::output::{self, DIM, HEADING, NOTICE, Table, styled};
use super::shapes;
use super::words;
use ties::dates;
use ties::input;
use ties::model::{ContactRef, Direction, Interaction, ItemState, Kind, Labelled};
use ties::reciprocity::Standing;
use ties::resolve;
use ties::review::{self, ContactStanding};
use ties::store::{ContactDetail, ContactEdit, ListFilter, NewContact};

/// Interactions `show` prints without `--all`.
const SHOWN_INTERACTIONS: usize = 20;
/// People of an organisation (or organisations of a person) `show` names
/// without `--all`: a line, not a wall of thousands.
const SHOWN_AFFILIATIONS: usize = 20;

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Person => Kind::Person,
            KindArg::Org => Kind::Org,
        }
    }
}

/// Plain `ties`, until the terminal UI takes this place: a short status.
pub fn overview(ctx: &Context) -> Result<()> {
    let count = ctx.store.count_contacts()?;
    greet(ctx.store.path(), Some(count), ctx.format)
}

/// Plain `ties` before anything was written: looking creates nothing.
pub fn overview_before_first_write(path: &std::path::Path, format: Format) -> Result<()> {
    greet(path, None, format)
}

/// `count` is `None` when the database does not exist yet.
fn greet(path: &std::path::Path, count: Option<i64>, format: Format) -> Result<()> {
    let path = path.display().to_string();
    if format == Format::Json {
        #[derive(serde::Serialize)]
        struct Status<'a> {
            database: &'a str,
            exists: bool,
            contacts: i64,
        }
        return output::json(
            shapes::STATUS,
            &Status {
                database: &path,
                exists: count.is_some(),
                contacts: count.unwrap_or(0),
            },
        );
    }
    let mut out = output::stdout();
    writeln!(out, "{}", styled(HEADING, "ties"))?;
    let not_yet = if count.is_none() {
        " (not there yet: the first command that writes creates it)"
    } else {
        ""
    };
    writeln!(out, "database  {}{not_yet}", ties::text::printable(&path))?;
    let count = count.unwrap_or(0);
    writeln!(out, "contacts  {count}")?;
    if count == 0 {
        writeln!(out)?;
        writeln!(out, "Start with:")?;
        writeln!(
            out,
            "  ties add person \"Anna Järvinen\" --circle friend   add a first contact"
        )?;
        writeln!(
            out,
            "  ties log anna -n \"coffee\"                        log a meeting"
        )?;
        writeln!(
            out,
            "  ties demo                                        or fill it with demo data"
        )?;
    } else {
        writeln!(
            out,
            "{}",
            styled(
                DIM,
                "ties list · ties show NAME · ties log NAME · ties --help"
            )
        )?;
    }
    out.flush()?;
    Ok(())
}

pub fn add(ctx: &mut Context, args: AddArgs) -> Result<()> {
    let kind = Kind::from(args.kind);
    let mut new = NewContact::new(kind, args.name);
    new.circle = args.circle;
    new.emails = labelled(args.email);
    new.phones = labelled(args.phone);
    new.tags = args.tag;
    new.expertise = args.expertise;
    new.note = args.note.unwrap_or_default();
    new.met_how = args.met_how.unwrap_or_default();
    new.cadence_days = args.every;
    new.birthday = args.birthday;
    new.dates = args.dates;
    if let Some(query) = &args.met_through {
        new.met_through = Some(ctx.store.resolve_contact(query)?.id);
    }
    let organisation = args
        .org
        .as_deref()
        .map(|org| organisation(ctx, org))
        .transpose()?;
    if let Some(Organisation::Existing(org)) = &organisation {
        new.organisations.push((org.id, args.title.clone()));
    }
    // Asked before adding, so the new contact is not among the answers.
    let like = ctx.store.contacts_like(&new)?;
    // A new organisation is written with the person, in one transaction:
    // a refused person leaves no organisation behind.
    let id = match organisation {
        Some(Organisation::New(org)) => {
            let id = ctx.store.add_contact_with_new_org(&new, &org, args.title)?;
            added_org(ctx, id, &org)?;
            id
        }
        _ => ctx.store.add_contact(&new)?,
    };
    let name = ctx.store.contact(id)?.name;
    let warnings: Vec<String> = like
        .iter()
        .map(|l| {
            let reasons: Vec<String> = l.reasons.iter().map(|r| r.to_string()).collect();
            format!(
                "note: {} #{} has {}; if they are one, `ties merge {} {id}` merges them",
                l.contact.name,
                l.contact.id,
                reasons.join(" and "),
                l.contact.id
            )
        })
        .collect();
    if ctx.format == Format::Json {
        for warning in &warnings {
            eprintln!("{}", ties::text::printable(warning));
        }
        return output::json(shapes::CONTACT, &ctx.store.contact(id)?);
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "Added {} {} {}",
        kind,
        styled(HEADING, &name),
        styled(DIM, &format!("#{id}"))
    )?;
    for warning in &warnings {
        writeln!(out, "{}", styled(NOTICE, warning))?;
    }
    out.flush()?;
    Ok(())
}

/// What `--org` names.
enum Organisation {
    Existing(ContactRef),
    /// Not stored yet: written together with the person.
    New(String),
}

/// The organisation `--org` names: an existing one, or a new one when no
/// organisation has a similar name (a near miss is more likely a typo).
fn organisation(ctx: &Context, query: &str) -> Result<Organisation> {
    match ctx.store.resolve_contact_of_kind(query, Some(Kind::Org)) {
        Ok(found) => Ok(Organisation::Existing(found)),
        Err(ties::Error::NotFound { suggestions, .. }) if suggestions.is_empty() => {
            Ok(Organisation::New(query.to_string()))
        }
        Err(ties::Error::NotFound { suggestions, .. }) => {
            let names: Vec<String> = suggestions
                .iter()
                .map(|c| format!("{} (#{})", c.name, c.id))
                .collect();
            anyhow::bail!(
                "no organisation named '{query}'; did you mean {}? Use that name, or add a new one first with `ties add org \"{query}\"`",
                names.join(", ")
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// Says which organisation was added for `--org`, once it is written.
fn added_org(ctx: &Context, person: i64, name: &str) -> Result<()> {
    if ctx.format != Format::Text {
        return Ok(());
    }
    let name = ties::text::clean(name);
    if let Some(org) = ctx
        .store
        .affiliations_of(person)?
        .into_iter()
        .map(|a| a.org)
        .find(|org| org.name == name)
    {
        let mut out = output::stdout();
        writeln!(
            out,
            "Added org {} {}",
            styled(HEADING, &org.name),
            styled(DIM, &format!("#{}", org.id))
        )?;
        out.flush()?;
    }
    Ok(())
}

fn labelled(values: Vec<String>) -> Vec<Labelled> {
    values
        .into_iter()
        .map(|value| Labelled { value, label: None })
        .collect()
}

pub fn edit(ctx: &mut Context, args: EditArgs) -> Result<()> {
    let target = ctx.store.resolve_contact(&args.contact)?;
    let today = ctx.store.clock().today;
    let mut edit = ContactEdit {
        name: args.name,
        circle: args.circle,
        note: args.note,
        met_how: args.met_how,
        add_emails: labelled(args.email),
        remove_emails: args.remove_email,
        add_phones: labelled(args.phone),
        remove_phones: args.remove_phone,
        add_tags: args.tag,
        remove_tags: args.remove_tag,
        add_expertise: args.expertise,
        remove_expertise: args.remove_expertise,
        ..ContactEdit::default()
    };
    edit.cadence_days = args.every.map(|every| every.0);
    edit.birthday = args.birthday.map(|birthday| birthday.0);
    edit.set_dates = args.dates;
    edit.remove_dates = args.remove_dates;
    if let Some(snooze) = &args.snooze {
        edit.snoozed_until = Some(input::optional(snooze, |text| {
            dates::parse_ahead(text, today)
        })?);
    }
    if let Some(through) = &args.met_through {
        edit.met_through = Some(if input::is_none(through) {
            None
        } else {
            Some(ctx.store.resolve_contact(through)?.id)
        });
    }
    for org in &args.leave_org {
        edit.remove_organisations
            .push(ctx.store.resolve_contact_of_kind(org, Some(Kind::Org))?.id);
    }
    edit.reminders = args.reminders;
    let changed = match args
        .org
        .as_deref()
        .map(|org| organisation(ctx, org))
        .transpose()?
    {
        Some(Organisation::Existing(org)) => {
            edit.add_organisations.push((org.id, args.title));
            ctx.store.edit_contact_saying(target.id, &edit, None)?
        }
        Some(Organisation::New(org)) => {
            let changed =
                ctx.store
                    .edit_contact_saying(target.id, &edit, Some((&org, args.title)))?;
            added_org(ctx, target.id, &org)?;
            changed
        }
        None => ctx.store.edit_contact_saying(target.id, &edit, None)?,
    };
    let contact = ctx.store.contact(target.id)?;
    if ctx.format == Format::Json {
        return output::json(shapes::CONTACT, &contact);
    }
    let mut out = output::stdout();
    let who = format!(
        "{} {}",
        styled(HEADING, &contact.name),
        styled(DIM, &format!("#{}", contact.id))
    );
    if changed.is_empty() {
        writeln!(out, "Nothing changed: {who} already had those values")?;
    } else {
        let said: Vec<String> = changed.iter().map(ToString::to_string).collect();
        writeln!(out, "Updated {who}: {}", said.join(", "))?;
    }
    out.flush()?;
    Ok(())
}

pub fn archive(ctx: &mut Context, query: &str, archived: bool) -> Result<()> {
    let target = ctx.store.resolve_contact(query)?;
    ctx.store.set_archived(target.id, archived)?;
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Archived<'a> {
            contact: &'a ContactRef,
            archived: bool,
        }
        return output::json(
            shapes::ARCHIVED,
            &Archived {
                contact: &target,
                archived,
            },
        );
    }
    let mut out = output::stdout();
    if archived {
        writeln!(
            out,
            "Archived {} {}; undo with `ties unarchive {}`",
            styled(HEADING, &target.name),
            styled(DIM, &format!("#{}", target.id)),
            target.id
        )?;
    } else {
        writeln!(
            out,
            "Unarchived {} {}",
            styled(HEADING, &target.name),
            styled(DIM, &format!("#{}", target.id))
        )?;
    }
    out.flush()?;
    Ok(())
}

pub fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let filter = ListFilter {
        kind: args.kind.map(Kind::from),
        circle: args.circle,
        tag: args.tag,
        expertise: args.expertise,
        archived: args.archived,
    };
    if ctx.format == Format::Json {
        return output::json_stream(shapes::CONTACTS, "contacts", |each| {
            ctx.store.each_contact_summary(&filter, each)
        });
    }
    let contacts = ctx.store.list_contacts(&filter)?;
    let today = ctx.store.clock().today;
    let mut table = Table::new(&["ID", "NAME", "KIND", "ORGANISATION", "LAST", "TAGS"]);
    for c in &contacts {
        let kind = match (c.kind, c.circle) {
            (Kind::Person, Some(circle)) => circle.to_string(),
            (kind, _) => kind.to_string(),
        };
        table.row(vec![
            c.id.to_string(),
            c.name.clone(),
            kind,
            c.organisations.join(", "),
            c.last_interaction
                .map(|d| dates::relative(d, today))
                .unwrap_or_else(|| "never".into()),
            c.tags.join(", "),
        ]);
    }
    let mut out = output::stdout();
    if table.is_empty() {
        let what = if filter.archived {
            "No archived contacts"
        } else {
            "No contacts"
        };
        writeln!(
            out,
            "{what} match. Add one with `ties add person \"NAME\"`, or try `ties demo`."
        )?;
    } else {
        table.write(&mut out)?;
        writeln!(
            out,
            "{}",
            styled(
                DIM,
                &words::count(contacts.len() as u64, "contact", "contacts")
            )
        )?;
    }
    out.flush()?;
    Ok(())
}

pub fn show(ctx: &Context, query: &str, all: bool) -> Result<()> {
    let target = ctx.store.resolve_contact(query)?;
    // JSON shows as many as text does: the newest, or all with `--all`.
    let limit = if all {
        None
    } else {
        Some(SHOWN_INTERACTIONS + 1)
    };
    let mut detail = ctx.store.contact_detail(target.id, limit)?;
    let standing = review::contact_standing(&ctx.store, &ctx.config, target.id)?;
    if ctx.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            detail: &'a ContactDetail,
            /// Whether `interactions` holds all of them (`--all`), or only
            /// the newest.
            all_interactions: bool,
            #[serde(flatten)]
            standing: &'a ContactStanding,
        }
        let shown = detail.interactions.len().min(SHOWN_INTERACTIONS);
        let all_interactions = all || detail.interactions.len() <= shown;
        detail
            .interactions
            .truncate(if all { usize::MAX } else { shown });
        return output::json(
            shapes::CONTACT_DETAIL,
            &Shown {
                detail: &detail,
                all_interactions,
                standing: &standing,
            },
        );
    }
    let mut out = output::stdout();
    let limit = if all { None } else { Some(SHOWN_INTERACTIONS) };
    print_detail(&mut out, &detail, &standing, ctx.store.clock().today, limit)?;
    out.flush()?;
    Ok(())
}

fn print_detail(
    out: &mut impl Write,
    d: &ContactDetail,
    standing: &ContactStanding,
    today: chrono::NaiveDate,
    limit: Option<usize>,
) -> Result<()> {
    let c = &d.contact;
    let kind = match c.circle {
        Some(circle) => format!("{} · {}", c.kind, circle),
        None => c.kind.to_string(),
    };
    let archived = if c.archived { " · archived" } else { "" };
    writeln!(
        out,
        "{}  {}  {kind}{archived}",
        styled(HEADING, &c.name),
        styled(DIM, &format!("#{}", c.id))
    )?;
    let mut field = |label: &str, value: String| output::field(out, label, &value);
    let labelled = |values: &[Labelled]| {
        values
            .iter()
            .map(|v| match &v.label {
                Some(label) => format!("{} ({label})", v.value),
                None => v.value.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    field("email", labelled(&c.emails))?;
    field("phone", labelled(&c.phones))?;
    field("nickname", c.nickname.clone())?;
    let occasion = |date: &str, yearly: bool| {
        let next = ties::occasions::next_on_or_after(date, yearly, today);
        match next {
            Some(on) if on == today => format!("{date} (today)"),
            Some(on) => format!("{date} (next {on}, {})", dates::relative(on, today)),
            None => format!("{date} (past)"),
        }
    };
    if let Some(birthday) = &c.birthday {
        field("birthday", occasion(birthday, true))?;
    }
    for date in &c.dates {
        let once = if date.yearly { "" } else { ", once" };
        field(
            "date",
            format!(
                "{}: {}{once}",
                date.label,
                occasion(&date.date, date.yearly)
            ),
        )?;
    }
    field("web", labelled(&c.urls))?;
    for address in &c.addresses {
        let text = address.one_line();
        field(
            "address",
            match &address.label {
                Some(label) => format!("{text} ({label})"),
                None => text,
            },
        )?;
    }
    let related: Vec<String> = c
        .related
        .iter()
        .map(|r| match r.relation.as_str() {
            "" => format!("{} (#{})", r.contact.name, r.contact.id),
            how => format!("{} ({how}) (#{})", r.contact.name, r.contact.id),
        })
        .collect();
    field("related", related.join(", "))?;
    field("tags", c.tags.join(", "))?;
    field("expertise", c.expertise.join(", "))?;
    let named = limit.map_or(usize::MAX, |_| SHOWN_AFFILIATIONS);
    let mut affiliations: Vec<String> = d
        .affiliations
        .iter()
        .take(named)
        .map(|a| a.seen_from(c.id))
        .collect();
    if d.affiliations.len() > affiliations.len() {
        affiliations.push(format!(
            "… {} more with `ties show {} --all`",
            d.affiliations.len() - affiliations.len(),
            c.id
        ));
    }
    field(
        if c.kind == Kind::Org {
            "people"
        } else {
            "orgs"
        },
        affiliations.join(", "),
    )?;
    field(
        "networks",
        d.networks
            .iter()
            .map(|n| n.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
    )?;
    let mut met = c.met_how.clone();
    if let Some(through) = &c.met_through {
        if !met.is_empty() {
            met.push_str("; ");
        }
        met.push_str(&format!("through {} (#{})", through.name, through.id));
    }
    if let Some(on) = c.met_on {
        met = if met.is_empty() {
            format!("on {on}")
        } else {
            format!("{met}; on {on}")
        };
    }
    field("met", met)?;
    let cadence = match (standing.effective_cadence_days, c.cadence_days) {
        (Some(days), Some(_)) => format!("every {days} d"),
        (Some(days), None) => format!("every {days} d (the circle's default)"),
        (None, _) if !c.reminders => {
            "no reminders: let go (`ties edit ID --reminders on` undoes it)".to_string()
        }
        (None, _) => "no reminders".to_string(),
    };
    let due = match (standing.due, standing.overdue_days) {
        (Some(due), Some(over)) if over > 0 => format!("; due {due}, {over} d overdue"),
        (Some(due), Some(0)) => format!("; due today ({due})"),
        (Some(due), _) => format!("; next due {due} ({})", dates::relative(due, today)),
        _ => String::new(),
    };
    field("cadence", format!("{cadence}{due}"))?;
    let standing_word = match standing.standing {
        Standing::YouMayOwe => " · you may owe",
        Standing::OneSided => " · one-sided",
        Standing::Even => "",
    };
    field(
        "balance",
        format!(
            "{} (gave {}, got {}, decayed){standing_word}",
            words::signed_figure(standing.balance),
            words::figure(standing.gave),
            words::figure(standing.got)
        ),
    )?;
    field(
        "snoozed",
        c.snoozed_until
            .map(|d| format!("until {d}"))
            .unwrap_or_default(),
    )?;
    field("note", c.note.clone())?;
    let last = match d.last_interaction {
        Some(date) => format!(
            "{} ({date}), {}",
            dates::relative(date, today),
            words::count(d.interaction_count, "interaction", "interactions")
        ),
        None => "no interactions yet".to_string(),
    };
    field("last", last)?;
    for p in &standing.open_promises {
        let text = match p.direction {
            Direction::Gave => {
                format!("#{} you promised: {} ({} d)", p.item_id, p.text, p.age_days)
            }
            Direction::Got => format!(
                "#{} they promised: {} ({} d)",
                p.item_id, p.text, p.age_days
            ),
        };
        field("open", text)?;
    }

    if d.interactions.is_empty() {
        writeln!(
            out,
            "\nLog one with `ties log {} -n \"what happened\"`.",
            c.id
        )?;
        return Ok(());
    }
    writeln!(out, "\n{}", styled(HEADING, "Interactions, newest first"))?;
    let shown = limit.unwrap_or(usize::MAX);
    for interaction in d.interactions.iter().take(shown) {
        print_interaction(out, interaction, c.id)?;
    }
    if d.interactions.len() > shown {
        writeln!(
            out,
            "{}",
            styled(
                DIM,
                &format!("  … older ones with `ties show {} --all`", c.id)
            )
        )?;
    }
    Ok(())
}

/// One interaction and its items, as `show` and `log` print it.
pub fn print_interaction(out: &mut impl Write, i: &Interaction, focus: i64) -> std::io::Result<()> {
    let mut head = format!("{}", i.date);
    if let Some(time) = &i.time {
        head.push_str(&format!(" {time}"));
    }
    head.push_str(&format!("  {}", i.channel));
    if let Some(minutes) = i.minutes {
        head.push_str(&format!(" {minutes} min"));
    }
    let others: Vec<&str> = i
        .participants
        .iter()
        .filter(|p| p.id != focus)
        .map(|p| p.name.as_str())
        .collect();
    if !others.is_empty() {
        head.push_str(&format!("  with {}", others.join(", ")));
    }
    if let Some(network) = &i.network {
        head.push_str(&format!("  · {}", network.name));
    }
    writeln!(
        out,
        "  {}  {}",
        ties::text::printable(&head),
        styled(DIM, &format!("#{}", i.id))
    )?;
    for line in i.note.lines() {
        writeln!(out, "      {}", ties::text::printable(line))?;
    }
    for item in &i.items {
        let arrow = match item.direction {
            Direction::Gave => "gave",
            Direction::Got => "got ",
        };
        let who = &item.counterparty.name;
        let text = match item.state {
            ItemState::Open => {
                let whose = match item.direction {
                    Direction::Gave => format!("open: I promised {who}"),
                    Direction::Got => format!("open: {who} promised"),
                };
                format!("{whose}: {}", item.note)
            }
            ItemState::Done => {
                let mut text = format!(
                    "{arrow} {} {} {} {who}",
                    item.kind,
                    item.weight,
                    if item.direction == Direction::Gave {
                        "→"
                    } else {
                        "←"
                    }
                );
                if !item.note.is_empty() {
                    text.push_str(&format!(" ({})", item.note));
                }
                text
            }
        };
        writeln!(
            out,
            "      {} {}",
            styled(DIM, &format!("#{:<5}", item.id)),
            ties::text::printable(&text)
        )?;
    }
    Ok(())
}

/// Picks among participants (`among`, their candidates) for an
/// `@CONTACT`; says so when the contact exists but was not there.
pub fn resolve_among(
    query: &str,
    participants: &[ContactRef],
    among: &[resolve::Candidate],
) -> Result<ContactRef> {
    match resolve::pick("participant", query, among) {
        Ok(found) => Ok(found.reference()),
        Err(ties::Error::NotFound { .. }) => {
            let names: Vec<&str> = participants.iter().map(|p| p.name.as_str()).collect();
            anyhow::bail!(
                "'@{query}' is not one of the participants ({}): name one of them, or add them as a participant",
                names.join(", ")
            )
        }
        Err(other) => Err(other.into()),
    }
}
