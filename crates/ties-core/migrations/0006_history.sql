-- ties schema, version 6: the history of changes, and more than one UID
-- per contact. Never edit once shipped: add a new numbered file.
--
-- Every write transaction of ties is one entry of `history`: what the user
-- did (a structured change, as JSON, worded by the faces) and enough to
-- reverse it exactly. How (see src/store/history.rs for the reasons):
--
-- * When a transaction of ties begins, it takes, per table with ids of its
--   own, the highest id there is (its mark).
-- * Rows that were there before (id up to the mark; for a table without
--   ids of its own, a row whose contact, network and interaction were all
--   there before) are recorded row by row in `history_rows`: its key, and
--   the row before as a JSON object of every column, by triggers ties
--   creates on its own connection (TEMP triggers made from the schema as it
--   is, so a column added later is recorded too, and other programs writing
--   the file pay nothing and record nothing). When the transaction ends,
--   the last change of each row gets the row as it was left (`new`), which
--   an undo checks is still so.
-- * Rows the transaction added anew are not recorded one by one: the entry
--   keeps, per table, the range of ids it added (`history.fresh`), and
--   undoing it deletes that range, their own rows (emails, participants,
--   items…) going with them by ON DELETE CASCADE. So `ties demo` or a large
--   import writes almost nothing more than before, and holds nothing in
--   memory for its history.
--
-- Derived tables (contact_stats, decay_basis) are never recorded: their
-- triggers rebuild them as an undo writes the user's rows back.

CREATE TABLE history (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    -- The change, structured (`ties::change::Change` as JSON).
    change    TEXT    NOT NULL,
    -- For an undo: the entry it reversed. Undos are shown but never undone.
    undoes    INTEGER REFERENCES history (id),
    -- The undo that reversed this entry.
    undone_by INTEGER REFERENCES history (id),
    -- Its rows in history_rows, by seq (NULL when it changed no row that
    -- was there before).
    rows_from INTEGER,
    rows_to   INTEGER,
    -- The ids it added, per table: {"contacts": [after, up_to], …}.
    fresh     TEXT
);
CREATE INDEX history_open ON history (id) WHERE undone_by IS NULL AND undoes IS NULL;

-- Written only by ties' triggers, row by row: no constraints to check.
CREATE TABLE history_rows (
    seq   INTEGER PRIMARY KEY,
    entry INTEGER,
    tbl   TEXT,
    -- insert, update or delete
    op    TEXT,
    -- The row's key after the change (before it, for a delete), as a JSON array.
    key   TEXT,
    -- The row before the change (update, delete), as a JSON object.
    old   TEXT,
    -- The row as the entry left it, on the entry's last change of the row
    -- (NULL when the entry took the row away).
    new   TEXT
);

-- A contact's UIDs besides `contacts.uid`: those of the contacts merged
-- into it, so that importing one of their cards again finds it. A UID is
-- one contact's, in either table (the store checks both).
CREATE TABLE contact_uids (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    uid        TEXT    NOT NULL UNIQUE,
    PRIMARY KEY (contact_id, uid)
) WITHOUT ROWID;

-- Moving a participation from one contact to another (a merge) keeps both
-- contacts' figures current, like adding and removing one does.
CREATE TRIGGER participant_moved AFTER UPDATE OF contact_id, interaction_id ON interaction_participants BEGIN
    UPDATE contact_stats SET
        first_interaction = (SELECT min(i.date) FROM interaction_participants p
                             JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = contact_stats.contact_id),
        last_interaction  = (SELECT max(i.date) FROM interaction_participants p
                             JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = contact_stats.contact_id),
        interaction_count = (SELECT count(*) FROM interaction_participants p WHERE p.contact_id = contact_stats.contact_id)
    WHERE contact_id IN (old.contact_id, new.contact_id);
END;
