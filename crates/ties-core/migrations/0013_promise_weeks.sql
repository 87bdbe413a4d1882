-- ties schema, version 13: your open promises counted by week, so `ties
-- due --count` (a shell prompt) counts a few hundred weeks instead of
-- every open promise. Never edit once shipped: add a new numbered file.
--
-- review_buckets (0008) gains a kind:
--   promised: your open promises ('gave') to contacts that are not
--             archived, by the week number of the day they were made,
--             CAST(julianday(since) AS INTEGER) / 7.
-- A count by a day is the weeks wholly before that day's week plus the
-- few promises of its own week, found by open_items_direction. Derived,
-- like every bucket: kept by the triggers below in the transaction that
-- changes the open item, and an emptied bucket is deleted.

INSERT INTO review_buckets (kind, key, n)
SELECT 'promised', CAST(julianday(since) AS INTEGER) / 7, count(*) FROM open_items
WHERE listed = 1 AND direction = 'gave' GROUP BY 2;

-- 0008's three triggers again, each keeping both kinds: one trigger a
-- change rather than two, since every trigger is parsed on every start.
DROP TRIGGER buckets_open_added;
CREATE TRIGGER buckets_open_added AFTER INSERT ON open_items WHEN new.listed = 1 BEGIN
    INSERT INTO review_buckets (kind, key, n) VALUES ('open', 0, 1)
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'promised', CAST(julianday(new.since) AS INTEGER) / 7, 1 WHERE new.direction = 'gave'
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
DROP TRIGGER buckets_open_removed;
CREATE TRIGGER buckets_open_removed AFTER DELETE ON open_items WHEN old.listed = 1 BEGIN
    UPDATE review_buckets SET n = n - 1
    WHERE (kind = 'open' AND key = 0)
       OR (old.direction = 'gave' AND kind = 'promised' AND key = CAST(julianday(old.since) AS INTEGER) / 7);
    DELETE FROM review_buckets WHERE n = 0
      AND ((kind = 'open' AND key = 0)
        OR (kind = 'promised' AND key = CAST(julianday(old.since) AS INTEGER) / 7));
END;
-- An open item is archived with its contact (listed) or moved with its
-- interaction's day (since): its old image leaves its buckets, its new
-- one enters them.
DROP TRIGGER buckets_open_changed;
CREATE TRIGGER buckets_open_changed AFTER UPDATE OF listed, since, direction ON open_items BEGIN
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1
      AND ((kind = 'open' AND key = 0)
        OR (old.direction = 'gave' AND kind = 'promised' AND key = CAST(julianday(old.since) AS INTEGER) / 7));
    DELETE FROM review_buckets WHERE n = 0
      AND ((kind = 'open' AND key = 0)
        OR (kind = 'promised' AND key = CAST(julianday(old.since) AS INTEGER) / 7));
    INSERT INTO review_buckets (kind, key, n) SELECT 'open', 0, 1 WHERE new.listed = 1
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'promised', CAST(julianday(new.since) AS INTEGER) / 7, 1
    WHERE new.listed = 1 AND new.direction = 'gave'
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
