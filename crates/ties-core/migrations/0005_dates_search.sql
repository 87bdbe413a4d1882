-- ties schema, version 5: dates of contacts, and full-text search.
-- Never edit once shipped: add a new numbered file.

-- A contact's labelled dates besides the birthday ("anniversary", "name
-- day", "started at Kasvu"): `YYYY-MM-DD`, or `--MM-DD` for a yearly date
-- whose year is not known. Yearly dates come back every year; one-off
-- dates (yearly = 0) happen once and always have a year. One date per
-- label and contact, labels compared by `label_key` (lowercase).
CREATE TABLE contact_dates (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    label      TEXT    NOT NULL CHECK (length(trim(label)) > 0),
    label_key  TEXT    NOT NULL,
    date       TEXT    NOT NULL
               CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
                      OR date GLOB '--[0-1][0-9]-[0-3][0-9]'),
    yearly     INTEGER NOT NULL DEFAULT 1 CHECK (yearly IN (0, 1)),
    CHECK (yearly = 1 OR date NOT GLOB '--*'),
    PRIMARY KEY (contact_id, label_key)
) WITHOUT ROWID;
-- What is coming up is found by month and day (the last five characters of
-- both forms), without reading every contact.
CREATE INDEX contact_dates_month_day ON contact_dates (substr(date, -5));
CREATE INDEX contacts_birthday_month_day ON contacts (substr(birthday, -5))
    WHERE birthday IS NOT NULL;

-- Full-text search. Derived, never user data: `search_docs` holds one
-- document per contact (its name, nickname, note, how you met, tags and
-- expertise), per interaction with a note and per item with a note, kept
-- current by the triggers below in the transaction of every write, and
-- `search_index` indexes it (FTS5, external content). Both can be rebuilt
-- from the tables above at any time. The text is as stored, less the
-- control characters STX and ETX, which mark the hits of a snippet.
CREATE TABLE search_docs (
    doc       INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind IN ('contact', 'interaction', 'item')),
    ref       INTEGER NOT NULL,
    name      TEXT    NOT NULL DEFAULT '',
    nickname  TEXT    NOT NULL DEFAULT '',
    note      TEXT    NOT NULL DEFAULT '',
    met_how   TEXT    NOT NULL DEFAULT '',
    tags      TEXT    NOT NULL DEFAULT '',
    expertise TEXT    NOT NULL DEFAULT '',
    UNIQUE (kind, ref)
);

-- unicode61 with remove_diacritics 2 folds case and accents the way name
-- matching does ("jarvinen" finds "Järvinen"); prefixes of 2 and 3
-- characters are indexed, for search as you type.
CREATE VIRTUAL TABLE search_index USING fts5 (
    name, nickname, note, met_how, tags, expertise,
    content = 'search_docs', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Ranked by BM25, a name counting most, then a nickname, tags and
-- expertise, then notes.
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0, 1.0, 4.0, 4.0)');

-- Existing databases: every document, then the index from them.
INSERT INTO search_docs (kind, ref, name, nickname, note, met_how, tags, expertise)
SELECT 'contact', c.id,
       replace(replace(c.name, char(2), ''), char(3), ''),
       replace(replace(c.nickname, char(2), ''), char(3), ''),
       replace(replace(c.note, char(2), ''), char(3), ''),
       replace(replace(c.met_how, char(2), ''), char(3), ''),
       coalesce((SELECT replace(replace(group_concat(tag, ', '), char(2), ''), char(3), '')
        FROM (SELECT t.tag FROM contact_tags t WHERE t.contact_id = c.id ORDER BY t.tag)), ''),
       coalesce((SELECT replace(replace(group_concat(topic, ', '), char(2), ''), char(3), '')
        FROM (SELECT e.topic FROM contact_expertise e WHERE e.contact_id = c.id ORDER BY e.topic)), '')
FROM contacts c ORDER BY c.id;
INSERT INTO search_docs (kind, ref, note)
SELECT 'interaction', id, replace(replace(note, char(2), ''), char(3), '')
FROM interactions WHERE note <> '' ORDER BY id;
INSERT INTO search_docs (kind, ref, note)
SELECT 'item', id, replace(replace(note, char(2), ''), char(3), '')
FROM items WHERE note <> '' ORDER BY id;
INSERT INTO search_index (search_index) VALUES ('rebuild');

-- The index follows the documents.
CREATE TRIGGER search_doc_added AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_index (rowid, name, nickname, note, met_how, tags, expertise)
    VALUES (new.doc, new.name, new.nickname, new.note, new.met_how, new.tags, new.expertise);
END;
CREATE TRIGGER search_doc_removed AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_index (search_index, rowid, name, nickname, note, met_how, tags, expertise)
    VALUES ('delete', old.doc, old.name, old.nickname, old.note, old.met_how, old.tags, old.expertise);
END;
CREATE TRIGGER search_doc_changed AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_index (search_index, rowid, name, nickname, note, met_how, tags, expertise)
    VALUES ('delete', old.doc, old.name, old.nickname, old.note, old.met_how, old.tags, old.expertise);
    INSERT INTO search_index (rowid, name, nickname, note, met_how, tags, expertise)
    VALUES (new.doc, new.name, new.nickname, new.note, new.met_how, new.tags, new.expertise);
END;

-- The documents follow the data.
CREATE TRIGGER search_contact_added AFTER INSERT ON contacts BEGIN
    INSERT INTO search_docs (kind, ref, name, nickname, note, met_how)
    VALUES ('contact', new.id,
            replace(replace(new.name, char(2), ''), char(3), ''),
            replace(replace(new.nickname, char(2), ''), char(3), ''),
            replace(replace(new.note, char(2), ''), char(3), ''),
            replace(replace(new.met_how, char(2), ''), char(3), ''));
END;
CREATE TRIGGER search_contact_changed AFTER UPDATE OF name, nickname, note, met_how ON contacts BEGIN
    UPDATE search_docs SET
        name = replace(replace(new.name, char(2), ''), char(3), ''),
        nickname = replace(replace(new.nickname, char(2), ''), char(3), ''),
        note = replace(replace(new.note, char(2), ''), char(3), ''),
        met_how = replace(replace(new.met_how, char(2), ''), char(3), '')
    WHERE kind = 'contact' AND ref = new.id;
END;
CREATE TRIGGER search_contact_removed AFTER DELETE ON contacts BEGIN
    DELETE FROM search_docs WHERE kind = 'contact' AND ref = old.id;
END;

CREATE TRIGGER search_tag_added AFTER INSERT ON contact_tags BEGIN
    UPDATE search_docs SET tags = coalesce((
        SELECT replace(replace(group_concat(tag, ', '), char(2), ''), char(3), '')
        FROM (SELECT t.tag FROM contact_tags t WHERE t.contact_id = new.contact_id ORDER BY t.tag)), '')
    WHERE kind = 'contact' AND ref = new.contact_id;
END;
CREATE TRIGGER search_tag_removed AFTER DELETE ON contact_tags BEGIN
    UPDATE search_docs SET tags = coalesce((
        SELECT replace(replace(group_concat(tag, ', '), char(2), ''), char(3), '')
        FROM (SELECT t.tag FROM contact_tags t WHERE t.contact_id = old.contact_id ORDER BY t.tag)), '')
    WHERE kind = 'contact' AND ref = old.contact_id;
END;
CREATE TRIGGER search_expertise_added AFTER INSERT ON contact_expertise BEGIN
    UPDATE search_docs SET expertise = coalesce((
        SELECT replace(replace(group_concat(topic, ', '), char(2), ''), char(3), '')
        FROM (SELECT e.topic FROM contact_expertise e WHERE e.contact_id = new.contact_id ORDER BY e.topic)), '')
    WHERE kind = 'contact' AND ref = new.contact_id;
END;
CREATE TRIGGER search_expertise_removed AFTER DELETE ON contact_expertise BEGIN
    UPDATE search_docs SET expertise = coalesce((
        SELECT replace(replace(group_concat(topic, ', '), char(2), ''), char(3), '')
        FROM (SELECT e.topic FROM contact_expertise e WHERE e.contact_id = old.contact_id ORDER BY e.topic)), '')
    WHERE kind = 'contact' AND ref = old.contact_id;
END;

-- Interactions and items have a document only while they have a note.
CREATE TRIGGER search_interaction_added AFTER INSERT ON interactions WHEN new.note <> '' BEGIN
    INSERT INTO search_docs (kind, ref, note)
    VALUES ('interaction', new.id, replace(replace(new.note, char(2), ''), char(3), ''));
END;
CREATE TRIGGER search_interaction_changed AFTER UPDATE OF note ON interactions BEGIN
    DELETE FROM search_docs WHERE kind = 'interaction' AND ref = old.id;
    INSERT INTO search_docs (kind, ref, note)
    SELECT 'interaction', new.id, replace(replace(new.note, char(2), ''), char(3), '')
    WHERE new.note <> '';
END;
CREATE TRIGGER search_interaction_removed AFTER DELETE ON interactions BEGIN
    DELETE FROM search_docs WHERE kind = 'interaction' AND ref = old.id;
END;

CREATE TRIGGER search_item_added AFTER INSERT ON items WHEN new.note <> '' BEGIN
    INSERT INTO search_docs (kind, ref, note)
    VALUES ('item', new.id, replace(replace(new.note, char(2), ''), char(3), ''));
END;
CREATE TRIGGER search_item_changed AFTER UPDATE OF note ON items BEGIN
    DELETE FROM search_docs WHERE kind = 'item' AND ref = old.id;
    INSERT INTO search_docs (kind, ref, note)
    SELECT 'item', new.id, replace(replace(new.note, char(2), ''), char(3), '')
    WHERE new.note <> '';
END;
CREATE TRIGGER search_item_removed AFTER DELETE ON items BEGIN
    DELETE FROM search_docs WHERE kind = 'item' AND ref = old.id;
END;
