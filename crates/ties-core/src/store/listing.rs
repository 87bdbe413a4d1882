//! The contacts list a page at a time, for a screen that shows forty rows
//! of a hundred thousand: each sort is an index on `contact_stats` (see
//! migrations/0012_list_keys.sql), and a page starts at the first or last
//! row or right after or before a row already shown, so its cost is the
//! rows it returns, not their position. The listed contacts, or the
//! archived ones instead.
//!
//! And the whole list streamed, for `list --format json`: one pass over the
//! contacts in name order, each side list read in the same order beside
//! it, so nothing is held but the contact being written.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::contacts::ListFilter;
use super::review::ContactFacts;
use super::{Store, rows};
use crate::error::Result;
use crate::model::ContactSummary;
use crate::rules;

/// The orders a list can be read in from an index; every one ends with the
/// name (and the id), so equal keys keep the name order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOrder {
    Name,
    /// Newest first; never met last.
    LastInteraction,
    /// Most received first: the kept sums' order, which is today's
    /// balance order whatever today is.
    Balance,
}

impl ListOrder {
    /// The indexed expression of this order (see the migration).
    fn key(self) -> &'static str {
        match self {
            ListOrder::Name => "s.name_key",
            ListOrder::LastInteraction => "coalesce(s.last_interaction, '')",
            ListOrder::Balance => "s.net_scaled",
        }
    }

    fn descending(self) -> bool {
        self == ListOrder::LastInteraction
    }

    /// The ORDER BY terms of this order, or of its reverse. The name order
    /// names its key once: SQLite sorts the rows again, all of them, when
    /// an ORDER BY repeats a term of its index.
    fn terms(self, reverse: bool) -> String {
        let (key, then) = match (self.descending(), reverse) {
            (false, false) => ("ASC", "ASC"),
            (true, false) => ("DESC", "ASC"),
            (false, true) => ("DESC", "DESC"),
            (true, true) => ("ASC", "DESC"),
        };
        match self {
            ListOrder::Name => format!("s.name_key {then}, s.contact_id {then}"),
            _ => format!(
                "{} {key}, s.name_key {then}, s.contact_id {then}",
                self.key()
            ),
        }
    }
}

/// Where a row stands in its order: enough to start a page after or
/// before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    order: ListOrder,
    key: Value,
    name_key: String,
    id: i64,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy)]
pub enum PageStart<'a> {
    First,
    /// The page that ends with the last row.
    Last,
    /// The rows right after this one.
    After(&'a Cursor),
    /// The rows right before this one.
    Before(&'a Cursor),
    /// From this position: costs the rows before it too, so only for a
    /// jump with no row nearby to start from.
    At(usize),
}

/// A row of the contacts list: the summary it shows and the facts its
/// balance and reconnect marker are judged from.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedContact {
    pub summary: ContactSummary,
    pub facts: ContactFacts,
    pub cursor: Cursor,
}

/// The columns of a listed row, from `contact_stats s` and `contacts c`:
/// both `rows::contact_summary` and `rows::contact_facts` read them.
const LISTED_COLUMNS: &str = "c.id, c.name, c.kind, c.circle, c.cadence_days,
    c.snoozed_until, c.archived, substr(c.created_at, 1, 10) AS added, c.reminders,
    s.first_interaction, s.last_interaction, s.interaction_count,
    s.gave_scaled, s.got_scaled, s.done_items, s.name_key";

impl Store {
    /// How many contacts the list holds (those not archived).
    pub fn count_listed(&self, archived: bool) -> Result<usize> {
        // The listed are counted by the review's kept buckets (a few
        // thousand rows at most, however many contacts); the archived, who
        // are few, by their range of the index.
        let sql = if archived {
            "SELECT count(*) AS n FROM contact_stats s WHERE s.listed = 0"
        } else {
            "SELECT coalesce(sum(n), 0) AS n FROM review_buckets WHERE kind = 'listed'"
        };
        let n: i64 = self.conn.query_row(sql, [], |row| row.get("n"))?;
        Ok(n as usize)
    }

    /// The widest name in the list, in terminal columns.
    pub fn widest_listed_name(&self, archived: bool) -> Result<usize> {
        let width: Option<i64> = self
            .conn
            .query_row(
                &format!(
                    "SELECT s.name_width FROM contact_stats s WHERE {}
                     ORDER BY s.name_width DESC LIMIT 1",
                    which(archived)
                ),
                [],
                |row| row.get("name_width"),
            )
            .optional()?;
        Ok(width.unwrap_or(0) as usize)
    }

    /// Up to `limit` rows of the list in `order`, from `start`, in display
    /// order.
    pub fn contact_page(
        &self,
        archived: bool,
        order: ListOrder,
        start: PageStart<'_>,
        limit: usize,
    ) -> Result<Vec<ListedContact>> {
        let (forward, backward) = (order.terms(false), order.terms(true));
        let limit = limit as i64;
        let mut rows = match start {
            PageStart::First => self.listed(
                archived,
                order,
                &format!("ORDER BY {forward} LIMIT ?1"),
                params![limit],
            )?,
            PageStart::At(offset) => self.listed(
                archived,
                order,
                &format!("ORDER BY {forward} LIMIT ?1 OFFSET ?2"),
                params![limit, offset as i64],
            )?,
            PageStart::Last => {
                let mut rows = self.listed(
                    archived,
                    order,
                    &format!("ORDER BY {backward} LIMIT ?1"),
                    params![limit],
                )?;
                rows.reverse();
                rows
            }
            PageStart::After(cursor) => self.beyond(archived, order, cursor, limit, false)?,
            PageStart::Before(cursor) => {
                let mut rows = self.beyond(archived, order, cursor, limit, true)?;
                rows.reverse();
                rows
            }
        };
        fill_lists(&self.conn, rows.iter_mut().map(|row| &mut row.summary))?;
        Ok(rows)
    }

    /// Where the contact `id` stands in the list in `order` (how many rows
    /// come before it); `None` when it is not listed. Costs the rows
    /// before it, like `PageStart::At`.
    pub fn position_in_list(
        &self,
        archived: bool,
        order: ListOrder,
        id: i64,
    ) -> Result<Option<usize>> {
        let listed = which(archived);
        let key = order.key();
        let cursor = self
            .conn
            .prepare_cached(&format!(
                "SELECT {key} AS sort_key, s.name_key FROM contact_stats s
                 WHERE s.contact_id = ?1 AND {listed}"
            ))?
            .query_row([id], |row| {
                Ok((
                    row.get::<_, Value>("sort_key")?,
                    row.get::<_, String>("name_key")?,
                ))
            })
            .optional()?;
        let Some((value, name_key)) = cursor else {
            return Ok(None);
        };
        let before = if order.descending() { ">" } else { "<" };
        let count = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<i64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params, |row| row.get("n"))?)
        };
        let earlier_keys = count(
            &format!(
                "SELECT count(*) AS n FROM contact_stats s WHERE {listed} AND {key} {before} ?1"
            ),
            &[&value],
        )?;
        let earlier_in_key = count(
            &format!(
                "SELECT count(*) AS n FROM contact_stats s WHERE {listed}
                 AND {key} = ?1 AND (s.name_key, s.contact_id) < (?2, ?3)"
            ),
            &[&value, &name_key, &id],
        )?;
        Ok(Some((earlier_keys + earlier_in_key) as usize))
    }

    /// The listed rows of these contacts, in the order given (a filter's
    /// matches); `None` for one no longer listed.
    pub fn listed_contacts(
        &self,
        archived: bool,
        ids: &[i64],
    ) -> Result<Vec<Option<ListedContact>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LISTED_COLUMNS}, s.name_key AS sort_key
             FROM contact_stats s JOIN contacts c ON c.id = s.contact_id
             WHERE s.contact_id = ?1 AND {}",
            which(archived)
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            out.push(
                stmt.query_row([id], |row| listed(row, ListOrder::Name))
                    .optional()?,
            );
        }
        fill_lists(
            &self.conn,
            out.iter_mut().flatten().map(|row| &mut row.summary),
        )?;
        Ok(out)
    }

    /// Those of `ids` that the list asked for holds, in the order given.
    pub fn only_listed(&self, archived: bool, ids: &[i64]) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT listed = 0 AS archived FROM contact_stats WHERE contact_id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let archived_now: Option<bool> =
                stmt.query_row([id], |row| row.get("archived")).optional()?;
            if archived_now == Some(archived) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// The facts of every listed contact, in name order, one at a time.
    pub fn each_listed_fact(
        &self,
        archived: bool,
        mut each: impl FnMut(ContactFacts),
    ) -> Result<()> {
        let listed = which(archived);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LISTED_COLUMNS} FROM contact_stats s JOIN contacts c ON c.id = s.contact_id
             WHERE {listed} ORDER BY s.name_key, s.contact_id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(rows::contact_facts(row)?);
        }
        Ok(())
    }

    /// What the list filter searches in each listed contact, in name
    /// order: the name, then its organisations, tags and expertise. Stops
    /// when `each` says false.
    pub fn each_listed_haystack(
        &self,
        archived: bool,
        mut each: impl FnMut(i64, &str) -> bool,
    ) -> Result<()> {
        let listed = which(archived);
        let mut contacts = self.conn.prepare(&format!(
            "SELECT s.contact_id AS owner, c.name AS value
             FROM contact_stats s CROSS JOIN contacts c ON c.id = s.contact_id
             WHERE {listed} ORDER BY s.name_key, s.contact_id"
        ))?;
        let mut sides = [
            format!(
                "SELECT s.contact_id AS owner, o.name AS value
             FROM contact_stats s CROSS JOIN affiliations a ON a.person_id = s.contact_id
             JOIN contacts o ON o.id = a.org_id
             WHERE {listed} ORDER BY s.name_key, s.contact_id, o.name_key"
            ),
            TAGS.walked(&format!("WHERE {listed}")),
            EXPERTISE.walked(&format!("WHERE {listed}")),
        ]
        .map(|sql| self.conn.prepare(&sql))
        .into_iter()
        .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut side_rows = Vec::with_capacity(sides.len());
        for side in &mut sides {
            side_rows.push(Beside::new(side.query([])?)?);
        }
        let mut rows = contacts.query([])?;
        let mut text = String::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get("owner")?;
            text.clear();
            text.push_str(&row.get::<_, String>("value")?);
            for side in &mut side_rows {
                side.each_of(id, |value| {
                    text.push(' ');
                    text.push_str(&value);
                })?;
            }
            if !each(id, &text) {
                break;
            }
        }
        Ok(())
    }

    /// Every contact `filter` lists, in name order, one at a time with its
    /// lists: what `list_contacts` returns, without holding it. Returns how
    /// many there were.
    pub fn each_contact_summary(
        &self,
        filter: &ListFilter,
        mut each: impl FnMut(&ContactSummary) -> Result<()>,
    ) -> Result<usize> {
        let tag = filter.tag.as_deref().map(rules::normal_tag);
        // Expertise is matched by its key, as `list_contacts` does.
        let topic = filter.expertise.as_deref().map(rules::expertise_key);
        // Each side list visits its table in name order, not in the table's
        // own order, so a page is read many times over: a cache of 32 MB
        // (a bound, not what it takes) keeps the pages read once, for this
        // walk only. 100k contacts: 4.3 -> 2.4 s, 13 -> 45 MB.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |row| row.get(0))?;
        self.conn.pragma_update(None, "cache_size", -32_768)?;
        let walked = self.walk_contact_summaries(filter, tag, topic, &mut each);
        self.conn.pragma_update(None, "cache_size", cache)?;
        walked
    }

    fn walk_contact_summaries(
        &self,
        filter: &ListFilter,
        tag: Option<String>,
        topic: Option<String>,
        each: &mut impl FnMut(&ContactSummary) -> Result<()>,
    ) -> Result<usize> {
        // Every query walks the same contacts in the same order, on the
        // name index of contact_stats; a side list's rows then come exactly
        // when their contact does. The side lists read a contact's row
        // only when its kind or circle is asked for.
        let filtered = "WHERE s.listed = ?3
               AND (?1 IS NULL AND ?2 IS NULL OR EXISTS (SELECT 1 FROM contacts k WHERE k.id = s.contact_id
                    AND (?1 IS NULL OR k.kind = ?1) AND (?2 IS NULL OR k.circle = ?2)))
               AND (?4 IS NULL OR EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = s.contact_id AND t.tag = ?4))";
        let bound = params![filter.kind, filter.circle, !filter.archived, tag];
        let mut tags = self.conn.prepare(&TAGS.walked(filtered))?;
        let mut expertise = self.conn.prepare(&EXPERTISE.walked(filtered))?;
        let mut emails = self.conn.prepare(&EMAILS.walked(filtered))?;
        let mut phones = self.conn.prepare(&PHONES.walked(filtered))?;
        // A contact's affiliations as a person, then as an organisation:
        // one of the two is empty for any contact but one affiliated with
        // itself, which `affiliations_of` lists once from each side too.
        let affiliated = |column: &str| {
            format!(
                "SELECT s.contact_id AS owner, {}
                 FROM contact_stats s CROSS JOIN affiliations a ON a.{column} = s.contact_id
                 JOIN contacts p ON p.id = a.person_id JOIN contacts o ON o.id = a.org_id
                 {filtered} ORDER BY s.name_key, s.contact_id, {}",
                rows::AFFILIATION_COLUMNS,
                rows::AFFILIATION_ORDER
            )
        };
        let mut as_person = self.conn.prepare(&affiliated("person_id"))?;
        let mut as_org = self.conn.prepare(&affiliated("org_id"))?;
        let mut tags = Beside::new(tags.query(bound)?)?;
        let mut expertise = Beside::new(expertise.query(bound)?)?;
        let mut emails = Beside::reading(emails.query(bound)?, rows::labelled)?;
        let mut phones = Beside::reading(phones.query(bound)?, rows::labelled)?;
        let mut as_person = Beside::reading(as_person.query(bound)?, rows::affiliation)?;
        let mut as_org = Beside::reading(as_org.query(bound)?, rows::affiliation)?;
        let mut main = self.conn.prepare(&format!(
            "SELECT {} FROM contact_stats s CROSS JOIN contacts c ON c.id = s.contact_id
             {filtered} ORDER BY s.name_key, s.contact_id",
            rows::SUMMARY_COLUMNS
        ))?;
        let columns = rows::SummaryColumns::of(&main)?;
        let mut rows = main.query(bound)?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let mut contact = columns.read(row)?;
            tags.each_of(contact.id, |v| contact.tags.push(v))?;
            expertise.each_of(contact.id, |v| contact.expertise.push(v))?;
            emails.each_of(contact.id, |v| contact.emails.push(v))?;
            phones.each_of(contact.id, |v| contact.phones.push(v))?;
            as_person.each_of(contact.id, |a| contact.affiliations.push(a))?;
            as_org.each_of(contact.id, |a| contact.affiliations.push(a))?;
            contact.organisations = organisations_of(&contact);
            if let Some(key) = &topic
                && !contact
                    .expertise
                    .iter()
                    .any(|t| rules::expertise_key(t) == *key)
            {
                continue;
            }
            each(&contact)?;
            count += 1;
        }
        Ok(count)
    }

    /// Up to `limit` rows after `cursor` in `order` (before it when
    /// `backward`, nearest first): the rest of the cursor's key, then the
    /// keys beyond it. Two ranges of the index, where one condition with an
    /// OR would make SQLite read from the start.
    fn beyond(
        &self,
        archived: bool,
        order: ListOrder,
        cursor: &Cursor,
        limit: i64,
        backward: bool,
    ) -> Result<Vec<ListedContact>> {
        let key = order.key();
        let (after, then) = if backward {
            ("<", "DESC")
        } else {
            (">", "ASC")
        };
        let mut rows = self.listed(
            archived,
            order,
            &format!(
                "AND {key} = ?1 AND (s.name_key, s.contact_id) {after} (?2, ?3)
                 ORDER BY s.name_key {then}, s.contact_id {then} LIMIT ?4"
            ),
            params![cursor.key, cursor.name_key, cursor.id, limit],
        )?;
        let rest = limit - rows.len() as i64;
        if rest > 0 {
            // Beyond the key: further along the order, whichever way it runs.
            let beyond = if order.descending() == backward {
                ">"
            } else {
                "<"
            };
            rows.extend(self.listed(
                archived,
                order,
                &format!(
                    "AND {key} {beyond} ?1 ORDER BY {} LIMIT ?2",
                    order.terms(backward)
                ),
                params![cursor.key, rest],
            )?);
        }
        Ok(rows)
    }

    /// Rows of a page: `tail` is the rest of the query after the listed
    /// contacts' condition (more conditions, the order, the limit).
    fn listed(
        &self,
        archived: bool,
        order: ListOrder,
        tail: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<ListedContact>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LISTED_COLUMNS}, {key} AS sort_key
             FROM contact_stats s JOIN contacts c ON c.id = s.contact_id
             WHERE {listed} {tail}",
            key = order.key(),
            listed = which(archived)
        ))?;
        let rows = stmt.query_map(params, |row| listed(row, order))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn listed(row: &Row<'_>, order: ListOrder) -> rusqlite::Result<ListedContact> {
    let summary = rows::contact_summary(row)?;
    Ok(ListedContact {
        cursor: Cursor {
            order,
            key: row.get("sort_key")?,
            name_key: row.get("name_key")?,
            id: summary.id,
        },
        facts: rows::contact_facts(row)?,
        summary,
    })
}

/// Listed contacts' tags, expertise, emails, phones and affiliations as a
/// person, in the order `list_contacts` gives them: one query a list for
/// the whole page, not one a row. An organisation's people are left to its
/// own page: a row shows none of them, and a large organisation's
/// thousands would cost a page more than all its rows.
fn fill_lists<'a>(
    conn: &Connection,
    contacts: impl IntoIterator<Item = &'a mut ContactSummary>,
) -> Result<()> {
    let mut contacts: Vec<&mut ContactSummary> = contacts.into_iter().collect();
    if contacts.is_empty() {
        return Ok(());
    }
    let mut at: HashMap<i64, Vec<usize>> = HashMap::new();
    for (n, contact) in contacts.iter().enumerate() {
        at.entry(contact.id).or_default().push(n);
    }
    // The ids as a JSON array, for json_each.
    let ids: Vec<String> = contacts.iter().map(|c| c.id.to_string()).collect();
    let ids = format!("[{}]", ids.join(","));
    // Gives each row of `sql` (its `owner` first) to every contact it is of.
    let mut each =
        |sql: &str, put: fn(&Row<'_>, &mut ContactSummary) -> rusqlite::Result<()>| -> Result<()> {
            let mut stmt = conn.prepare_cached(sql)?;
            let mut rows = stmt.query([&ids])?;
            while let Some(row) = rows.next()? {
                let owner: i64 = row.get("owner")?;
                for &n in at.get(&owner).map_or(&[][..], Vec::as_slice) {
                    put(row, contacts[n])?;
                }
            }
            Ok(())
        };
    each(&TAGS.of_ids(), |row, c| push(&mut c.tags, row.get("value")))?;
    each(&EXPERTISE.of_ids(), |row, c| {
        push(&mut c.expertise, row.get("value"))
    })?;
    each(&EMAILS.of_ids(), |row, c| {
        push(&mut c.emails, rows::labelled(row))
    })?;
    each(&PHONES.of_ids(), |row, c| {
        push(&mut c.phones, rows::labelled(row))
    })?;
    each(
        &format!(
            "SELECT a.person_id AS owner, {} FROM affiliations a
             JOIN contacts p ON p.id = a.person_id JOIN contacts o ON o.id = a.org_id
             WHERE a.person_id IN (SELECT value FROM json_each(?1)) ORDER BY a.person_id, {}",
            rows::AFFILIATION_COLUMNS,
            rows::AFFILIATION_ORDER
        ),
        |row, c| push(&mut c.affiliations, rows::affiliation(row)),
    )?;
    for contact in &mut contacts {
        contact.organisations = organisations_of(contact);
    }
    Ok(())
}

/// Adds a value read from a row to its list.
fn push<T>(list: &mut Vec<T>, value: rusqlite::Result<T>) -> rusqlite::Result<()> {
    list.push(value?);
    Ok(())
}

/// The names of the organisations a contact is affiliated with as a person.
fn organisations_of(contact: &ContactSummary) -> Vec<String> {
    contact
        .affiliations
        .iter()
        .filter(|a| a.person.id == contact.id)
        .map(|a| a.org.name.clone())
        .collect()
}

/// Where a side list's query holds the contact a row belongs to.
const OWNER: usize = 0;

/// One of a contact's lists kept in a table of its own: the columns read
/// (from `x`) and their order within one contact.
struct SideList {
    table: &'static str,
    columns: &'static str,
    then: &'static str,
}

const TAGS: SideList = SideList::new("contact_tags", "x.tag AS value", "x.tag");
const EXPERTISE: SideList =
    SideList::new("contact_expertise", "x.topic AS value", "lower(x.topic)");
const EMAILS: SideList = SideList::new("contact_emails", "x.value, x.label", "x.position");
const PHONES: SideList = SideList::new("contact_phones", "x.value, x.label", "x.position");

impl SideList {
    const fn new(table: &'static str, columns: &'static str, then: &'static str) -> Self {
        SideList {
            table,
            columns,
            then,
        }
    }

    /// The rows of the contacts `condition` (on `contact_stats s`) keeps,
    /// in name order, beside them: the owner first (OWNER).
    fn walked(&self, condition: &str) -> String {
        format!(
            "SELECT s.contact_id AS owner, {}
             FROM contact_stats s CROSS JOIN {} x ON x.contact_id = s.contact_id
             {condition} ORDER BY s.name_key, s.contact_id, {}",
            self.columns, self.table, self.then
        )
    }

    /// The rows of the contacts whose ids are the JSON array ?1, in the
    /// table's own order.
    fn of_ids(&self) -> String {
        format!(
            "SELECT x.contact_id AS owner, {} FROM {} x
             WHERE x.contact_id IN (SELECT value FROM json_each(?1)) ORDER BY x.contact_id, {}",
            self.columns, self.table, self.then
        )
    }
}

/// The rows of a side list (`owner` and what `read` makes of the rest),
/// read beside the contacts they belong to, in the same order.
struct Beside<'s, T> {
    rows: rusqlite::Rows<'s>,
    read: fn(&Row<'_>) -> rusqlite::Result<T>,
    /// The row the cursor is on, if any is left.
    next: Option<(i64, T)>,
}

impl<'s> Beside<'s, String> {
    fn new(rows: rusqlite::Rows<'s>) -> Result<Self> {
        Beside::reading(rows, |row| row.get("value"))
    }
}

impl<'s, T> Beside<'s, T> {
    fn reading(
        rows: rusqlite::Rows<'s>,
        read: fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Self> {
        let mut beside = Beside {
            rows,
            read,
            next: None,
        };
        beside.advance()?;
        Ok(beside)
    }

    fn advance(&mut self) -> Result<()> {
        self.next = match self.rows.next()? {
            Some(row) => Some((row.get(OWNER)?, (self.read)(row)?)),
            None => None,
        };
        Ok(())
    }

    /// Gives each value of `owner` (whose rows come next, if it has any).
    fn each_of(&mut self, owner: i64, mut each: impl FnMut(T)) -> Result<()> {
        while let Some((next, _)) = &self.next
            && *next == owner
        {
            if let Some((_, value)) = self.next.take() {
                each(value);
            }
            self.advance()?;
        }
        Ok(())
    }
}

/// The condition on `contact_stats s` of the list asked for: the active
/// contacts, or the archived ones instead.
fn which(archived: bool) -> &'static str {
    if archived {
        "s.listed = 0"
    } else {
        "s.listed = 1"
    }
}
