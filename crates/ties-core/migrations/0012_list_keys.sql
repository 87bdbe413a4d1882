-- ties schema, version 12: what the contacts list sorts by, in indexes, so
-- a screen reads the forty rows it shows instead of every contact. Never
-- edit once shipped: add a new numbered file.
--
-- contact_stats already keeps the figures the list sorts by (the last
-- interaction, the kept sums as net_scaled) and what it filters by
-- (listed, 0008). It now also keeps, from the contact, what breaks ties
-- (the folded name) and the name's width in terminal columns
-- (ties_width(text), registered by ties on every connection it opens), so
-- each sort is one index on one narrow table. Derived, never user data,
-- like the rest of contact_stats: kept by the triggers below in the
-- transaction that changes the contact.

ALTER TABLE contact_stats ADD COLUMN name_key   TEXT    NOT NULL DEFAULT '';
ALTER TABLE contact_stats ADD COLUMN name_width INTEGER NOT NULL DEFAULT 0;

UPDATE contact_stats SET (name_key, name_width) = (
    SELECT c.name_key, ties_width(c.name) FROM contacts c WHERE c.id = contact_stats.contact_id);

-- The stats row is made by contacts_stats_row (0001) when a contact is
-- added; filling it when it appears holds whichever trigger runs first.
CREATE TRIGGER contact_stats_keys AFTER INSERT ON contact_stats BEGIN
    UPDATE contact_stats SET (name_key, name_width) = (
        SELECT c.name_key, ties_width(c.name) FROM contacts c WHERE c.id = new.contact_id)
    WHERE contact_id = new.contact_id;
END;

CREATE TRIGGER contact_keys_changed AFTER UPDATE OF name, name_key ON contacts BEGIN
    UPDATE contact_stats SET name_key = new.name_key, name_width = ties_width(new.name)
    WHERE contact_id = new.id;
END;

-- One index per sort, each ending in (name_key, contact_id) so that equal
-- keys keep the name order and a page can start after any row.
CREATE INDEX contact_stats_by_name ON contact_stats (listed, name_key, contact_id);
CREATE INDEX contact_stats_by_last ON contact_stats
    (listed, coalesce(last_interaction, '') DESC, name_key, contact_id);
-- Balance order is the kept sums' order: both are against one epoch.
CREATE INDEX contact_stats_by_balance ON contact_stats (listed, net_scaled, name_key, contact_id);
CREATE INDEX contact_stats_by_width ON contact_stats (listed, name_width);
