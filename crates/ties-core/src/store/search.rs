//! Full-text search: the index the migration and its triggers keep
//! (`search_docs`, `search_index`), queried ranked by BM25, and checked.
//! The query text and the snippets' marks are `crate::fulltext`'s.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, rows};
use crate::error::Result;
use crate::fulltext::{self, Hit, HitKind};

/// The indexed columns, in the index's order.
const FIELDS: [&str; 6] = ["name", "nickname", "note", "met_how", "tags", "expertise"];

impl Store {
    /// The best `limit` matches of what the user typed (0: all), best first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<Hit>> {
        let query = fulltext::query(text)?;
        let limit = if limit == 0 { -1 } else { limit as i64 };
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.kind, d.ref, hit.s0, hit.s1, hit.s2, hit.s3, hit.s4, hit.s5 FROM (
                 SELECT rowid, rank,
                        snippet(search_index, 0, char(2), char(3), '…', 12) AS s0,
                        snippet(search_index, 1, char(2), char(3), '…', 12) AS s1,
                        snippet(search_index, 2, char(2), char(3), '…', 12) AS s2,
                        snippet(search_index, 3, char(2), char(3), '…', 12) AS s3,
                        snippet(search_index, 4, char(2), char(3), '…', 12) AS s4,
                        snippet(search_index, 5, char(2), char(3), '…', 12) AS s5
                 FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2
             ) AS hit JOIN search_docs d ON d.doc = hit.rowid ORDER BY hit.rank, d.kind, d.ref",
        )?;
        let found = stmt
            .query_map(params![query, limit], |row| {
                let snippets: Vec<String> = (0..FIELDS.len())
                    .map(|i| row.get::<_, String>(format!("s{i}").as_str()))
                    .collect::<rusqlite::Result<_>>()?;
                Ok((
                    row.get::<_, String>("kind")?,
                    row.get::<_, i64>("ref")?,
                    snippets,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut hits = Vec::with_capacity(found.len());
        for (kind, id, snippets) in found {
            // The first field that holds a hit (snippets of the others are
            // plain text).
            let at = snippets
                .iter()
                .position(|s| s.contains(fulltext::HIT_START))
                .unwrap_or(0);
            let (snippet, highlights) = fulltext::unmark(&snippets[at]);
            let mut hit = Hit {
                kind: HitKind::Contact,
                contacts: Vec::new(),
                interaction_id: None,
                item_id: None,
                date: None,
                field: FIELDS[at],
                snippet,
                highlights,
            };
            if self.place_hit(&mut hit, &kind, id)? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// Fills in whose a hit is and its date; false when what it points at
    /// is gone (never, while the triggers keep the index).
    fn place_hit(&self, hit: &mut Hit, kind: &str, id: i64) -> Result<bool> {
        match kind {
            "contact" => {
                let found = self
                    .conn
                    .prepare_cached("SELECT id, name, updated_at FROM contacts WHERE id = ?1")?
                    .query_row([id], |row| {
                        Ok((rows::contact_ref(row)?, row.get::<_, String>("updated_at")?))
                    })
                    .optional()?;
                let Some((contact, updated)) = found else {
                    return Ok(false);
                };
                hit.kind = HitKind::Contact;
                hit.date = updated
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                hit.contacts = vec![contact];
            }
            "interaction" => {
                let date: Option<NaiveDate> = self
                    .conn
                    .prepare_cached("SELECT date FROM interactions WHERE id = ?1")?
                    .query_row([id], |row| row.get("date"))
                    .optional()?;
                let Some(date) = date else {
                    return Ok(false);
                };
                hit.kind = HitKind::Interaction;
                hit.interaction_id = Some(id);
                hit.date = Some(date);
                hit.contacts = self.participants_of(id)?;
            }
            _ => {
                let found = self
                    .conn
                    .prepare_cached(
                        "SELECT it.interaction_id, i.date, c.id, c.name FROM items it
                         JOIN interactions i ON i.id = it.interaction_id
                         JOIN contacts c ON c.id = it.counterparty_id WHERE it.id = ?1",
                    )?
                    .query_row([id], |row| {
                        Ok((
                            row.get::<_, i64>("interaction_id")?,
                            row.get::<_, NaiveDate>("date")?,
                            rows::contact_ref(row)?,
                        ))
                    })
                    .optional()?;
                let Some((interaction, date, counterparty)) = found else {
                    return Ok(false);
                };
                hit.kind = HitKind::Item;
                hit.item_id = Some(id);
                hit.interaction_id = Some(interaction);
                hit.date = Some(date);
                hit.contacts = vec![counterparty];
            }
        }
        Ok(true)
    }

    fn participants_of(&self, interaction: i64) -> Result<Vec<crate::model::ContactRef>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.id, c.name FROM interaction_participants p JOIN contacts c ON c.id = p.contact_id
                 WHERE p.interaction_id = ?1 ORDER BY c.name_key",
            )?
            .query_map([interaction], rows::contact_ref)?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// Hands the search index what this write changed of the documents, just
/// before it commits (migrations/0010_search_queue.sql says why the index
/// waits): each changed document's text as the index has it goes out, each
/// document still there goes in with its text now, and the queue is empty
/// again. Two statements, so FTS5 writes one segment for the whole write.
pub(super) fn flush_search_queue(conn: &Connection) -> Result<()> {
    let queued: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM search_queue) AS queued")?
        .query_row([], |row| row.get("queued"))?;
    if !queued {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO search_index (search_index, rowid, name, nickname, note, met_how, tags, expertise)
         SELECT 'delete', q.doc, q.name, q.nickname, q.note, q.met_how, q.tags, q.expertise
         FROM search_queue q
         WHERE q.removed = 1
           AND q.seq = (SELECT min(first.seq) FROM search_queue first WHERE first.doc = q.doc)
         ORDER BY q.doc",
    )?
    .execute([])?;
    conn.prepare_cached(
        "INSERT INTO search_index (rowid, name, nickname, note, met_how, tags, expertise)
         SELECT d.doc, d.name, d.nickname, d.note, d.met_how, d.tags, d.expertise
         FROM search_docs d WHERE d.doc IN (SELECT doc FROM search_queue) ORDER BY d.doc",
    )?
    .execute([])?;
    conn.prepare_cached("DELETE FROM search_queue")?
        .execute([])?;
    Ok(())
}
