-- ties schema, version 14: a new contact's stats row is made whole, in the
-- one INSERT that makes it. Never edit once shipped: add a new numbered
-- file.
--
-- 0012's trigger inserted the row and then UPDATEd its review columns
-- (listed, reminded, rests_until, cadence, due_on) from the contact. Every
-- index of contact_stats holds one of them, so the UPDATE rewrote the row
-- and all ten of its index entries, and moved the row between the review's
-- buckets (buckets_stats_changed) right after buckets_stats_added had put
-- it in: for every contact an import adds. The columns are the same ones,
-- worked out the same way; a new row has no interaction yet, so it is due
-- a cadence after the day it was added.
DROP TRIGGER contacts_stats_row;
CREATE TRIGGER contacts_stats_row AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_stats
        (contact_id, name_key, name_width, listed, reminded, rests_until, cadence, due_on)
    SELECT new.id, new.name_key, ties_width(new.name), 1 - new.archived,
           (1 - new.archived) * new.reminders, new.snoozed_until, r.cadence,
           CASE WHEN r.cadence IS NULL THEN NULL
                ELSE coalesce(date(substr(new.created_at, 1, 10), '+' || r.cadence || ' days'), '9999-12-31') END
    FROM (SELECT CASE WHEN new.archived = 1 OR new.reminders = 0 THEN NULL
                      ELSE coalesce(new.cadence_days, CASE WHEN new.kind = 'person'
                          THEN (SELECT cc.days FROM circle_cadences cc WHERE cc.circle = new.circle) END) END
                 AS cadence) AS r;
END;
