-- ties schema, version 9: the kept figures' own triggers run only when a
-- figure they follow really changed, and the coming birthdays are read from
-- an index alone. Never edit once shipped: add a new numbered file.
--
-- `AFTER UPDATE OF x` fires whenever an UPDATE names x, changed or not.
-- Every participation written back by an undo or moved by a merge names
-- last_interaction, and every item names the sums, so each row cascaded
-- into the due date, the balance and the review's buckets, though for most
-- rows none of them moved. Each trigger below computes its figures from the
-- columns it names, so when none of them changed, running it would write
-- what is already there: skipping it leaves every figure the same.

DROP TRIGGER contact_stats_net;
CREATE TRIGGER contact_stats_net AFTER UPDATE OF gave_scaled, got_scaled ON contact_stats
WHEN new.gave_scaled IS NOT old.gave_scaled OR new.got_scaled IS NOT old.got_scaled BEGIN
    UPDATE contact_stats SET net_scaled = new.gave_scaled - new.got_scaled
    WHERE contact_id = new.contact_id;
END;

DROP TRIGGER contact_stats_last_changed;
CREATE TRIGGER contact_stats_last_changed AFTER UPDATE OF last_interaction ON contact_stats
WHEN new.cadence IS NOT NULL AND new.last_interaction IS NOT old.last_interaction BEGIN
    UPDATE contact_stats SET due_on = coalesce(
        date(coalesce(new.last_interaction,
                      (SELECT substr(c.created_at, 1, 10) FROM contacts c WHERE c.id = new.contact_id)),
             '+' || new.cadence || ' days'),
        '9999-12-31')
    WHERE contact_id = new.contact_id;
END;

-- The buckets of a balance move once per change of the sums, not twice:
-- net_scaled is always gave_scaled - got_scaled (contact_stats_net sets it
-- by that very subtraction, so the bits are the same), so the buckets take
-- the balance from the sums and no longer follow net_scaled itself.
DROP TRIGGER buckets_stats_changed;
CREATE TRIGGER buckets_stats_changed
AFTER UPDATE OF gave_scaled, got_scaled, done_items, listed, due_on ON contact_stats
WHEN new.gave_scaled IS NOT old.gave_scaled OR new.got_scaled IS NOT old.got_scaled
  OR new.done_items IS NOT old.done_items
  OR new.listed IS NOT old.listed OR new.due_on IS NOT old.due_on BEGIN
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1 AND kind = 'listed' AND key = ties_bucket(old.gave_scaled - old.got_scaled);
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1 AND old.done_items >= 3 AND old.got_scaled < old.gave_scaled / 3.0
      AND kind = 'shaped' AND key = ties_bucket(old.gave_scaled - old.got_scaled);
    UPDATE review_buckets SET n = n - 1
    WHERE old.due_on IS NOT NULL AND kind = 'due' AND key = CAST(julianday(old.due_on) AS INTEGER) / 7;
    DELETE FROM review_buckets WHERE n = 0
      AND ((kind = 'listed' AND key = ties_bucket(old.gave_scaled - old.got_scaled))
        OR (kind = 'shaped' AND key = ties_bucket(old.gave_scaled - old.got_scaled))
        OR (kind = 'due' AND key = CAST(julianday(old.due_on) AS INTEGER) / 7));
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'listed', ties_bucket(new.gave_scaled - new.got_scaled), 1 WHERE new.listed = 1
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'shaped', ties_bucket(new.gave_scaled - new.got_scaled), 1
    WHERE new.listed = 1 AND new.done_items >= 3 AND new.got_scaled < new.gave_scaled / 3.0
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'due', CAST(julianday(new.due_on) AS INTEGER) / 7, 1 WHERE new.due_on IS NOT NULL
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;

-- The birthdays of the coming days are read from the index alone (`ties
-- due --count` runs in a shell prompt): the contacts that are not archived,
-- by month and day, with what the list shows of them (the id is in every
-- index). It replaces the index of month and day alone.
DROP INDEX contacts_birthday_month_day;
CREATE INDEX contacts_birthday_listed ON contacts (archived, substr(birthday, -5), birthday, name)
    WHERE birthday IS NOT NULL;
-- And the one-off dates of the coming days by an index range, not a scan.
CREATE INDEX contact_dates_once ON contact_dates (date) WHERE yearly = 0;
