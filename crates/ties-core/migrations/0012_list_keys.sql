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

-- A new contact's stats row gets its keys as it is made: 0008's trigger
-- again, with the keys in its INSERT (an UPDATE after it would write the
-- row and four of its indexes twice, for every contact an import adds).
DROP TRIGGER contacts_stats_row;
CREATE TRIGGER contacts_stats_row AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_stats (contact_id, name_key, name_width)
    VALUES (new.id, new.name_key, ties_width(new.name));
    UPDATE contact_stats SET
        listed = r.listed,
        reminded = r.reminded,
        rests_until = r.rests_until,
        cadence = r.cadence,
        due_on = CASE WHEN r.cadence IS NULL THEN NULL
            ELSE coalesce(date(coalesce(contact_stats.last_interaction, r.added), '+' || r.cadence || ' days'), '9999-12-31') END
    FROM (SELECT c.id, 1 - c.archived AS listed, (1 - c.archived) * c.reminders AS reminded,
                 c.snoozed_until AS rests_until, substr(c.created_at, 1, 10) AS added,
                 CASE WHEN c.archived = 1 OR c.reminders = 0 THEN NULL
                      ELSE coalesce(c.cadence_days, CASE WHEN c.kind = 'person'
                          THEN (SELECT cc.days FROM circle_cadences cc WHERE cc.circle = c.circle) END) END AS cadence
          FROM contacts c WHERE c.id = new.id) AS r
    WHERE contact_stats.contact_id = r.id;
END;

-- A stats row made any other way (by another program) is given its
-- keys from its contact.
CREATE TRIGGER contact_stats_keys AFTER INSERT ON contact_stats
WHEN new.name_width = 0 BEGIN
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
