-- ties schema, version 10: the search index takes a write's changes once,
-- when the write ends, instead of row by row. Never edit once shipped: add
-- a new numbered file.
--
-- FTS5 writes what it holds out to disk as a segment of its own at the
-- start of every statement that may touch it (its savepoint), and merges
-- those segments as they pile up. Fed row by row, an import of 10,000 cards
-- or the undo of a contact's 2,000 interactions made thousands of tiny
-- segments and merged them over and over. Now the documents' triggers only
-- note which documents changed, and the store hands the index everything a
-- write changed in two statements before the write commits
-- (store/search.rs: `flush_search_queue`), so the index is current at
-- every commit, as before.
--
-- A document's first queued removal holds the text the index has for it
-- (FTS5's 'delete' needs exactly that text); a document still there at the
-- end is added with the text it has then.
CREATE TABLE search_queue (
    seq       INTEGER PRIMARY KEY,
    doc       INTEGER NOT NULL,
    -- 1: the document as it was before (its text below), 0: it was added
    -- or changed (its text is read from search_docs at the end).
    removed   INTEGER NOT NULL CHECK (removed IN (0, 1)),
    name      TEXT,
    nickname  TEXT,
    note      TEXT,
    met_how   TEXT,
    tags      TEXT,
    expertise TEXT
);
CREATE INDEX search_queue_doc ON search_queue (doc, seq);

DROP TRIGGER search_doc_added;
CREATE TRIGGER search_doc_added AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_queue (doc, removed) VALUES (new.doc, 0);
END;
DROP TRIGGER search_doc_removed;
CREATE TRIGGER search_doc_removed AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_queue (doc, removed, name, nickname, note, met_how, tags, expertise)
    VALUES (old.doc, 1, old.name, old.nickname, old.note, old.met_how, old.tags, old.expertise);
END;
DROP TRIGGER search_doc_changed;
CREATE TRIGGER search_doc_changed AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_queue (doc, removed, name, nickname, note, met_how, tags, expertise)
    VALUES (old.doc, 1, old.name, old.nickname, old.note, old.met_how, old.tags, old.expertise);
    INSERT INTO search_queue (doc, removed) VALUES (new.doc, 0);
END;
