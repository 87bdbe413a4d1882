-- ties schema, version 15: what a new contact's stats row and search
-- document are, said once, as views. Never edit once shipped: add a new
-- numbered file.
--
-- The two triggers that make them for every contact inserted now read
-- these views, and so does an import, which adds thousands of contacts in
-- one write: it makes their rows at the end, in two statements over the
-- views (store/bulk.rs), instead of a cascade of triggers per contact (the
-- stats row's ten index entries, its review buckets, the search document
-- and its queue entry, each a statement of its own). Both ways read the
-- same definition, so they cannot come to disagree. The values are 0014's
-- and 0005's; a new contact has no interaction yet, so it is due a cadence
-- after the day it was added, and its tags and topics are read as they are
-- (none, when the trigger fires).
CREATE VIEW contact_stats_at_start AS
SELECT contact_id, name_key, name_width, listed, reminded, rests_until, cadence,
       CASE WHEN cadence IS NULL THEN NULL
            ELSE coalesce(date(added, '+' || cadence || ' days'), '9999-12-31') END AS due_on
FROM (SELECT c.id AS contact_id, c.name_key, ties_width(c.name) AS name_width,
             1 - c.archived AS listed, (1 - c.archived) * c.reminders AS reminded,
             c.snoozed_until AS rests_until, substr(c.created_at, 1, 10) AS added,
             CASE WHEN c.archived = 1 OR c.reminders = 0 THEN NULL
                  ELSE coalesce(c.cadence_days, CASE WHEN c.kind = 'person'
                      THEN (SELECT cc.days FROM circle_cadences cc WHERE cc.circle = c.circle) END) END
                 AS cadence
      FROM contacts c);

CREATE VIEW contact_search_doc AS
SELECT 'contact' AS kind, c.id AS ref,
       replace(replace(c.name, char(2), ''), char(3), '') AS name,
       replace(replace(c.nickname, char(2), ''), char(3), '') AS nickname,
       replace(replace(c.note, char(2), ''), char(3), '') AS note,
       replace(replace(c.met_how, char(2), ''), char(3), '') AS met_how,
       coalesce((SELECT replace(replace(group_concat(tag, ', '), char(2), ''), char(3), '')
                 FROM (SELECT t.tag FROM contact_tags t WHERE t.contact_id = c.id ORDER BY t.tag)), '') AS tags,
       coalesce((SELECT replace(replace(group_concat(topic, ', '), char(2), ''), char(3), '')
                 FROM (SELECT e.topic FROM contact_expertise e WHERE e.contact_id = c.id ORDER BY e.topic)), '') AS expertise
FROM contacts c;

DROP TRIGGER contacts_stats_row;
CREATE TRIGGER contacts_stats_row AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_stats
        (contact_id, name_key, name_width, listed, reminded, rests_until, cadence, due_on)
    SELECT contact_id, name_key, name_width, listed, reminded, rests_until, cadence, due_on
    FROM contact_stats_at_start WHERE contact_id = new.id;
END;

DROP TRIGGER search_contact_added;
CREATE TRIGGER search_contact_added AFTER INSERT ON contacts BEGIN
    INSERT INTO search_docs (kind, ref, name, nickname, note, met_how, tags, expertise)
    SELECT kind, ref, name, nickname, note, met_how, tags, expertise
    FROM contact_search_doc WHERE ref = new.id;
END;
