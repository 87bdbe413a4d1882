//! Adding many contacts in one write (an import of thousands of cards).
//!
//! Every contact inserted gets a stats row and a search document from two
//! triggers, and each of those sets off more: the stats row's ten index
//! entries and its review buckets, the document's queue entry. Per contact
//! that is a dozen statements, most of an import's time. In bulk the two
//! triggers are set aside for the work, the ids of the contacts it adds are
//! noted, and their rows are made at the end in two statements over the
//! same views the triggers read (migrations/0015), all in the write's one
//! transaction. Everything else the work does (a tag, an email, a filled
//! field of a contact that was there) still goes through its triggers: for
//! a contact not yet given its rows they find nothing to change, and the
//! rows made at the end read the contact as it was left.

use super::Writer;
use crate::error::Result;

/// The triggers on `contacts` that make a new contact's derived rows.
const SET_ASIDE: [&str; 2] = ["contacts_stats_row", "search_contact_added"];

const BEGIN: &str = "
    CREATE TEMP TABLE IF NOT EXISTS bulk_added (id INTEGER PRIMARY KEY);
    DELETE FROM temp.bulk_added;
    CREATE TEMP TRIGGER bulk_added_contact AFTER INSERT ON main.contacts BEGIN
        INSERT OR IGNORE INTO temp.bulk_added (id) VALUES (new.id);
    END;
    DROP TRIGGER main.contacts_stats_row;
    DROP TRIGGER main.search_contact_added;";

/// The rows the set-aside triggers would have made, for the contacts added
/// that are still there.
const FINISH: &str = "
    DROP TRIGGER temp.bulk_added_contact;
    INSERT INTO contact_stats
        (contact_id, name_key, name_width, listed, reminded, rests_until, cadence, due_on)
    SELECT contact_id, name_key, name_width, listed, reminded, rests_until, cadence, due_on
    FROM contact_stats_at_start WHERE contact_id IN (SELECT id FROM temp.bulk_added)
    ORDER BY contact_id;
    INSERT INTO search_docs (kind, ref, name, nickname, note, met_how, tags, expertise)
    SELECT kind, ref, name, nickname, note, met_how, tags, expertise
    FROM contact_search_doc WHERE ref IN (SELECT id FROM temp.bulk_added)
    ORDER BY ref;
    DELETE FROM temp.bulk_added;";

impl Writer<'_> {
    /// Runs `work`, which may add any number of contacts, with their stats
    /// rows and search documents made once at the end. The triggers are
    /// back and the rows made whether `work` succeeds or not, so the
    /// transaction is whole either way (a failed write is rolled back by
    /// `Store::write` all the same).
    pub(crate) fn adding_contacts_in_bulk<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        let mut triggers = Vec::with_capacity(SET_ASIDE.len());
        for name in SET_ASIDE {
            let sql: String = self.tx.query_row(
                "SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [name],
                |row| row.get("sql"),
            )?;
            triggers.push(sql);
        }
        self.tx.execute_batch(BEGIN)?;
        let done = work();
        for sql in &triggers {
            self.tx.execute_batch(sql)?;
        }
        self.tx.execute_batch(FINISH)?;
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Change;
    use crate::dates::Clock;
    use crate::error::Refusal;
    use crate::model::{ContactRef, Kind};
    use crate::store::{NewContact, Store};

    fn triggers(store: &Store) -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
            .unwrap();
        stmt.query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn count(w: &Writer<'_>, sql: &str) -> i64 {
        w.tx.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    /// Work that fails half-way still leaves the triggers in place and the
    /// contacts it added whole, within the transaction, so that even a
    /// write that went on and committed would be whole; and the triggers
    /// put back are the same text as before.
    #[test]
    fn a_failed_bulk_leaves_the_triggers_and_the_rows_whole() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let mut store = Store::open_in_memory(Clock::fixed(today)).unwrap();
        let before = triggers(&store);
        store
            .write(|w| {
                let failed: Result<()> = w.adding_contacts_in_bulk(|| {
                    w.insert_contact(&NewContact::new(Kind::Person, "Anna Virtanen"))?;
                    w.insert_contact(&NewContact::new(Kind::Org, "Kasvu Oy"))?;
                    Err(Refusal::CircleForOrg.into())
                });
                assert!(failed.is_err());
                assert_eq!(count(w, "SELECT count(*) FROM contact_stats"), 2);
                assert_eq!(
                    count(w, "SELECT count(*) FROM search_docs WHERE kind = 'contact'"),
                    2
                );
                assert_eq!(
                    count(
                        w,
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
                         AND name IN ('contacts_stats_row', 'search_contact_added')"
                    ),
                    2
                );
                // And a contact added after it gets its rows from the triggers.
                let id = w.insert_contact(&NewContact::new(Kind::Person, "Bob Smith"))?;
                assert_eq!(
                    count(
                        w,
                        &format!("SELECT count(*) FROM contact_stats WHERE contact_id = {id}")
                    ),
                    1
                );
                Ok((
                    (),
                    Change::AddedContact {
                        contact: ContactRef {
                            id,
                            name: "Bob Smith".into(),
                        },
                        kind: Kind::Person,
                        new_org: None,
                    },
                ))
            })
            .unwrap();
        assert_eq!(triggers(&store), before);
    }
}
