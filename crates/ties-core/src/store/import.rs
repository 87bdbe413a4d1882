//! What an import's merge asks of the store: finding the contact a record
//! is (by UID, email, phone or name), filling what that contact lacks, and
//! linking contacts. The matching order and the rules of a merge live in
//! `crate::import::merge`; every value written here passes its rule.

use chrono::NaiveDate;
use rusqlite::params;

use super::Writer;
use crate::error::{Field, Result};
use crate::model::Kind;
use crate::rules;
use crate::text::{fold, fold_keeping_symbols};

/// What a record may fill in on a contact it matched: each only where the
/// contact has nothing yet, never over what the user wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Fill<'a> {
    pub nickname: &'a str,
    pub birthday: Option<&'a str>,
    pub note: &'a str,
    pub met_on: Option<NaiveDate>,
    pub met_how: &'a str,
    pub cadence_days: Option<u32>,
}

impl Writer<'_> {
    /// Contacts of `kind` with this email (as `rules::email_key` compares
    /// them), oldest first.
    pub(crate) fn contacts_with_email(&self, email: &str, kind: Kind) -> Result<Vec<i64>> {
        self.ids(
            "SELECT DISTINCT e.contact_id AS id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
             WHERE lower(e.value) = ?1 AND c.kind = ?2 ORDER BY e.contact_id",
            params![rules::email_key(email), kind],
        )
    }

    /// Contacts of `kind` with a phone of these digits, oldest first.
    pub(crate) fn contacts_with_phone(&self, phone: &str, kind: Kind) -> Result<Vec<i64>> {
        self.ids(
            "SELECT DISTINCT p.contact_id AS id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
             WHERE p.value_key = ?1 AND c.kind = ?2 ORDER BY p.contact_id",
            params![rules::phone_key(&rules::text(phone)), kind],
        )
    }

    /// Organisations of this name, oldest first. Names are compared by
    /// `fold_keeping_symbols`: "Kasvu Oy." is "Kasvu Oy", but "C++
    /// Foundation" is not "C# Foundation".
    pub(crate) fn organisations_named(&self, name: &str) -> Result<Vec<i64>> {
        let key = fold_keeping_symbols(name);
        // The stored fold narrows the search (equal keys have equal folds).
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, name FROM contacts WHERE name_key = ?1 AND kind = 'org' ORDER BY id",
        )?;
        let found = stmt
            .query_map([fold(name)], |row| {
                Ok((row.get::<_, i64>("id")?, row.get::<_, String>("name")?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found
            .into_iter()
            .filter(|(_, stored)| fold_keeping_symbols(stored) == key)
            .map(|(id, _)| id)
            .collect())
    }

    /// People of this name (accents, case and punctuation aside) in the
    /// organisation, oldest first.
    pub(crate) fn people_named_in(&self, name: &str, org: i64) -> Result<Vec<i64>> {
        self.ids(
            "SELECT c.id FROM contacts c JOIN affiliations a ON a.person_id = c.id
             WHERE c.name_key = ?1 AND c.kind = 'person' AND a.org_id = ?2 ORDER BY c.id",
            params![fold(name), org],
        )
    }

    /// People of this name who belong to no organisation, oldest first.
    pub(crate) fn people_named_alone(&self, name: &str) -> Result<Vec<i64>> {
        self.ids(
            "SELECT c.id FROM contacts c
             WHERE c.name_key = ?1 AND c.kind = 'person'
               AND NOT EXISTS (SELECT 1 FROM affiliations a WHERE a.person_id = c.id)
             ORDER BY c.id",
            params![fold(name)],
        )
    }

    /// Up to two contacts of this name: a reference by name counts only
    /// when one contact has it.
    pub(crate) fn contacts_named(&self, name: &str) -> Result<Vec<i64>> {
        self.ids(
            "SELECT id FROM contacts WHERE name_key = ?1 ORDER BY id LIMIT 2",
            params![fold(name)],
        )
    }

    /// Fills what the contact lacks; returns whether it lacked anything.
    pub(crate) fn fill(&self, id: i64, fill: &Fill<'_>) -> Result<bool> {
        let birthday = fill.birthday.map(rules::birthday).transpose()?;
        let met_on = fill
            .met_on
            .map(|d| rules::date(Field::MetOn, d))
            .transpose()?;
        let cadence = fill.cadence_days.map(rules::cadence).transpose()?;
        let fills: [(&str, &dyn rusqlite::ToSql); 6] = [
            (
                "UPDATE contacts SET nickname = ?2 WHERE id = ?1 AND nickname = '' AND ?2 <> ''",
                &rules::text(fill.nickname),
            ),
            (
                "UPDATE contacts SET birthday = ?2 WHERE id = ?1 AND birthday IS NULL AND ?2 IS NOT NULL",
                &birthday,
            ),
            (
                "UPDATE contacts SET note = ?2 WHERE id = ?1 AND note = '' AND ?2 <> ''",
                &rules::text(fill.note),
            ),
            (
                "UPDATE contacts SET met_on = ?2 WHERE id = ?1 AND met_on IS NULL AND ?2 IS NOT NULL",
                &met_on,
            ),
            (
                "UPDATE contacts SET met_how = ?2 WHERE id = ?1 AND met_how = '' AND ?2 <> ''",
                &rules::text(fill.met_how),
            ),
            (
                "UPDATE contacts SET cadence_days = ?2 WHERE id = ?1 AND cadence_days IS NULL AND ?2 IS NOT NULL",
                &cadence,
            ),
        ];
        let mut changed = false;
        for (sql, value) in fills {
            changed |= self.tx.prepare_cached(sql)?.execute(params![id, value])? > 0;
        }
        Ok(changed)
    }

    /// Gives a contact its UID (an organisation made for a person's ORG,
    /// when its own card comes later).
    pub(crate) fn set_uid(&self, id: i64, uid: &str) -> Result<()> {
        let uid = rules::uid(uid)?;
        self.tx
            .prepare_cached("UPDATE contacts SET uid = ?2 WHERE id = ?1")?
            .execute(params![id, uid])?;
        Ok(())
    }

    /// Sets whom the contact was met through, unless it says already.
    pub(crate) fn fill_met_through(&self, id: i64, through: i64) -> Result<bool> {
        rules::met_through(id, Some(through))?;
        Ok(self
            .tx
            .prepare_cached(
                "UPDATE contacts SET met_through = ?2 WHERE id = ?1 AND met_through IS NULL",
            )?
            .execute(params![id, through])?
            > 0)
    }

    /// Records that `id` is related to `other`; returns whether it was new.
    pub(crate) fn relate(&self, id: i64, other: i64, relation: &str) -> Result<bool> {
        rules::related(id, other)?;
        Ok(self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO contact_relations (contact_id, related_id, relation)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, other, rules::relation(relation)])?
            > 0)
    }

    /// Lets an import's statements stay prepared and planned: a record runs
    /// some thirty distinct statements (the default cache of 16 would
    /// re-prepare most of them every time), and without the query planner
    /// stability guarantee SQLite re-plans a statement whenever a bound
    /// value it looked at changes, which was half of an import's time.
    pub(crate) fn prepare_for_bulk(&self) -> Result<()> {
        self.tx.set_prepared_statement_cache_capacity(64);
        self.tx.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        Ok(())
    }

    fn ids(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>> {
        Ok(self
            .tx
            .prepare_cached(sql)?
            .query_map(params, |row| row.get("id"))?
            .collect::<rusqlite::Result<_>>()?)
    }
}
