-- ties schema, version 8: the weekly review in O(what it shows).
-- Never edit once shipped: add a new numbered file.
--
-- Everything here but `review_skips` is derived: rebuildable at any time
-- from the user's tables, kept by the triggers below in the transaction of
-- the write that changes it, and proven equal to a computation from scratch
-- by the core's property tests (src/store/derived_tests.rs). The review
-- reads a screenful from indexes over these figures instead of judging
-- every contact; its totals are counts over the same indexes.
--
-- Integer sums (weights, minutes, counts) are kept by adding and
-- subtracting, which is exact; nothing here is a rounded float.

-- The config's circle cadences, as the database knows them (like
-- decay_basis: ties writes the config's values here when they differ), so
-- that triggers can keep every contact's due date.
CREATE TABLE circle_cadences (
    circle TEXT PRIMARY KEY CHECK (circle IN ('family', 'friend', 'work', 'acquaintance', 'other')),
    days   INTEGER CHECK (days > 0)
) WITHOUT ROWID;
INSERT INTO circle_cadences (circle, days) VALUES
    ('family', 14), ('friend', 30), ('work', 60), ('acquaintance', 180), ('other', NULL);

-- Per contact, what the review's sections are ranked and counted by.
-- listed: not archived. reminded: listed and not let go (reconnect and
-- rekindle). rests_until: the snooze. cadence: the one in effect (the
-- contact's own, else its circle's; NULL when there is none or the contact
-- is not reminded). due_on: last interaction (else the day added) plus
-- cadence, '9999-12-31' past the calendar's end. weight_total: the plain
-- weight of done items, both directions. net_scaled: gave minus got in the
-- scaled form of 0002, so that "balance below −threshold today" is the range
-- net_scaled <= −threshold · 2^((today − epoch) / h) on an index.
ALTER TABLE contact_stats ADD COLUMN listed       INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contact_stats ADD COLUMN reminded     INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contact_stats ADD COLUMN rests_until  TEXT;
ALTER TABLE contact_stats ADD COLUMN cadence      INTEGER;
ALTER TABLE contact_stats ADD COLUMN due_on       TEXT;
ALTER TABLE contact_stats ADD COLUMN weight_total INTEGER NOT NULL DEFAULT 0;
-- A stored column, not a generated one: SQLite reads an index on a
-- virtual column from the table again, row by row.
ALTER TABLE contact_stats ADD COLUMN net_scaled   REAL NOT NULL DEFAULT 0;

-- You may owe (lowest first) and one-sided (highest first): the columns the
-- draw and the counts filter on ride along (a partial index's own terms
-- too: SQLite checks them again), so a count never reads the table.
CREATE INDEX contact_stats_balance ON contact_stats
    (listed, net_scaled, rests_until, reminded, last_interaction);
CREATE INDEX contact_stats_one_sided ON contact_stats
    (listed, net_scaled, first_interaction, rests_until, reminded, last_interaction,
     done_items, got_scaled, gave_scaled)
    WHERE done_items >= 3 AND got_scaled < gave_scaled / 3.0;
-- Reconnect: per cadence, the earliest due first.
CREATE INDEX contact_stats_due ON contact_stats
    (cadence, due_on, rests_until, last_interaction)
    WHERE cadence IS NOT NULL;
-- Rekindle: ties with a substantial past (at least 5 interactions or 10
-- points of weight exchanged; review/section.rs says why), by their last
-- interaction, so the dormant ones are one range.
CREATE INDEX contact_stats_dormant ON contact_stats
    (last_interaction, rests_until, reminded, interaction_count, weight_total)
    WHERE reminded = 1 AND (interaction_count >= 5 OR weight_total >= 10);

-- Snoozed contacts, and ties younger than the grace period: the few a
-- total subtracts (see review_buckets below).
CREATE INDEX contact_stats_resting ON contact_stats
    (rests_until, listed, net_scaled, cadence, due_on, first_interaction,
     done_items, got_scaled, gave_scaled)
    WHERE rests_until IS NOT NULL;
CREATE INDEX contact_stats_young ON contact_stats
    (first_interaction, listed, net_scaled, rests_until, done_items, got_scaled, gave_scaled)
    WHERE done_items >= 3 AND got_scaled < gave_scaled / 3.0;

-- One statement keeps the review columns of one contact; it is repeated in
-- the triggers below for the contact each one concerns (SQLite triggers
-- cannot share a procedure).
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
      FROM contacts c) AS r
WHERE contact_stats.contact_id = r.id;

UPDATE contact_stats SET net_scaled = gave_scaled - got_scaled;

UPDATE contact_stats SET weight_total = coalesce(
    (SELECT sum(it.weight) FROM items it WHERE it.counterparty_id = contact_stats.contact_id AND it.state = 'done'), 0);

-- Open items (promises both ways) in the order the review shows them:
-- oldest first, by the day of their interaction. listed: the counterparty
-- is not archived.
CREATE TABLE open_items (
    item_id         INTEGER PRIMARY KEY,
    counterparty_id INTEGER NOT NULL,
    direction       TEXT    NOT NULL,
    since           TEXT    NOT NULL,
    listed          INTEGER NOT NULL
);
CREATE INDEX open_items_since ON open_items (listed, since);
CREATE INDEX open_items_direction ON open_items (listed, direction, since);
CREATE INDEX open_items_counterparty ON open_items (counterparty_id);

INSERT INTO open_items (item_id, counterparty_id, direction, since, listed)
SELECT it.id, it.counterparty_id, it.direction, i.date, 1 - c.archived
FROM items it JOIN interactions i ON i.id = it.interaction_id JOIN contacts c ON c.id = it.counterparty_id
WHERE it.state = 'open';

-- A new contact gets its row with its review columns at once.
DROP TRIGGER contacts_stats_row;
CREATE TRIGGER contacts_stats_row AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_stats (contact_id) VALUES (new.id);
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

-- A cadence, circle, snooze, archive or let-go changes the contact's row.
CREATE TRIGGER contact_review_changed
AFTER UPDATE OF kind, circle, cadence_days, snoozed_until, archived, reminders, created_at ON contacts BEGIN
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
    UPDATE open_items SET listed = 1 - new.archived
    WHERE counterparty_id = new.id AND new.archived IS NOT old.archived;
END;

-- The balance follows the sums 0002's triggers keep.
CREATE TRIGGER contact_stats_net AFTER UPDATE OF gave_scaled, got_scaled ON contact_stats BEGIN
    UPDATE contact_stats SET net_scaled = new.gave_scaled - new.got_scaled
    WHERE contact_id = new.contact_id;
END;

-- Any interaction logged, moved or removed moves the due date (0001's
-- triggers keep last_interaction).
CREATE TRIGGER contact_stats_last_changed AFTER UPDATE OF last_interaction ON contact_stats
WHEN new.cadence IS NOT NULL BEGIN
    UPDATE contact_stats SET due_on = coalesce(
        date(coalesce(new.last_interaction,
                      (SELECT substr(c.created_at, 1, 10) FROM contacts c WHERE c.id = new.contact_id)),
             '+' || new.cadence || ' days'),
        '9999-12-31')
    WHERE contact_id = new.contact_id;
END;

-- The config changed a circle's cadence: every contact of the circle.
CREATE TRIGGER circle_cadence_changed AFTER UPDATE OF days ON circle_cadences BEGIN
    UPDATE contact_stats SET
        cadence = r.cadence,
        due_on = CASE WHEN r.cadence IS NULL THEN NULL
            ELSE coalesce(date(coalesce(contact_stats.last_interaction, r.added), '+' || r.cadence || ' days'), '9999-12-31') END
    FROM (SELECT c.id, substr(c.created_at, 1, 10) AS added,
                 CASE WHEN c.archived = 1 OR c.reminders = 0 THEN NULL
                      ELSE coalesce(c.cadence_days, CASE WHEN c.kind = 'person' THEN new.days END) END AS cadence
          FROM contacts c WHERE c.circle = new.circle) AS r
    WHERE contact_stats.contact_id = r.id;
END;

-- The plain weight exchanged with each contact.
CREATE TRIGGER item_weight_added AFTER INSERT ON items WHEN new.state = 'done' BEGIN
    UPDATE contact_stats SET weight_total = weight_total + new.weight WHERE contact_id = new.counterparty_id;
END;
CREATE TRIGGER item_weight_removed AFTER DELETE ON items WHEN old.state = 'done' BEGIN
    UPDATE contact_stats SET weight_total = weight_total - old.weight WHERE contact_id = old.counterparty_id;
END;
CREATE TRIGGER item_weight_changed AFTER UPDATE OF state, weight, counterparty_id ON items BEGIN
    UPDATE contact_stats SET weight_total = weight_total - old.weight
    WHERE contact_id = old.counterparty_id AND old.state = 'done';
    UPDATE contact_stats SET weight_total = weight_total + new.weight
    WHERE contact_id = new.counterparty_id AND new.state = 'done';
END;

CREATE TRIGGER open_item_added AFTER INSERT ON items WHEN new.state = 'open' BEGIN
    INSERT INTO open_items (item_id, counterparty_id, direction, since, listed)
    SELECT new.id, new.counterparty_id, new.direction, i.date, 1 - c.archived
    FROM interactions i, contacts c WHERE i.id = new.interaction_id AND c.id = new.counterparty_id;
END;
CREATE TRIGGER open_item_removed AFTER DELETE ON items WHEN old.state = 'open' BEGIN
    DELETE FROM open_items WHERE item_id = old.id;
END;
CREATE TRIGGER open_item_changed
AFTER UPDATE OF state, direction, counterparty_id, interaction_id ON items BEGIN
    DELETE FROM open_items WHERE item_id = old.id;
    INSERT INTO open_items (item_id, counterparty_id, direction, since, listed)
    SELECT new.id, new.counterparty_id, new.direction, i.date, 1 - c.archived
    FROM interactions i, contacts c
    WHERE new.state = 'open' AND i.id = new.interaction_id AND c.id = new.counterparty_id;
END;
CREATE TRIGGER open_items_redated AFTER UPDATE OF date ON interactions BEGIN
    UPDATE open_items SET since = new.date
    WHERE item_id IN (SELECT id FROM items WHERE interaction_id = new.id AND state = 'open');
END;

-- Interactions per day: the week's count and 26 weeks of activity are at
-- most 182 rows, however busy the days were.
CREATE TABLE interaction_days (
    date         TEXT    PRIMARY KEY,
    interactions INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO interaction_days (date, interactions)
SELECT date, count(*) FROM interactions GROUP BY date;

CREATE TRIGGER interaction_day_added AFTER INSERT ON interactions BEGIN
    INSERT INTO interaction_days (date, interactions) VALUES (new.date, 1)
    ON CONFLICT (date) DO UPDATE SET interactions = interactions + 1;
END;
CREATE TRIGGER interaction_day_removed AFTER DELETE ON interactions BEGIN
    UPDATE interaction_days SET interactions = interactions - 1 WHERE date = old.date;
    DELETE FROM interaction_days WHERE date = old.date AND interactions = 0;
END;
CREATE TRIGGER interaction_day_moved AFTER UPDATE OF date ON interactions WHEN new.date IS NOT old.date BEGIN
    UPDATE interaction_days SET interactions = interactions - 1 WHERE date = old.date;
    DELETE FROM interaction_days WHERE date = old.date AND interactions = 0;
    INSERT INTO interaction_days (date, interactions) VALUES (new.date, 1)
    ON CONFLICT (date) DO UPDATE SET interactions = interactions + 1;
END;

-- Per network and day: interactions, minutes, and the plain weight of done
-- items given and received. A network's hours over 3 or 6 months are at
-- most 183 rows; its decayed give and take a sum over its days.
CREATE TABLE network_days (
    network_id   INTEGER NOT NULL,
    date         TEXT    NOT NULL,
    interactions INTEGER NOT NULL DEFAULT 0,
    minutes      INTEGER NOT NULL DEFAULT 0,
    gave         INTEGER NOT NULL DEFAULT 0,
    got          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (network_id, date)
) WITHOUT ROWID;

INSERT INTO network_days (network_id, date, interactions, minutes, gave, got)
SELECT i.network_id, i.date, count(*), coalesce(sum(i.minutes), 0),
       coalesce(sum((SELECT sum(it.weight) FROM items it
                     WHERE it.interaction_id = i.id AND it.state = 'done' AND it.direction = 'gave')), 0),
       coalesce(sum((SELECT sum(it.weight) FROM items it
                     WHERE it.interaction_id = i.id AND it.state = 'done' AND it.direction = 'got')), 0)
FROM interactions i WHERE i.network_id IS NOT NULL GROUP BY i.network_id, i.date;

CREATE TRIGGER network_day_added AFTER INSERT ON interactions WHEN new.network_id IS NOT NULL BEGIN
    INSERT INTO network_days (network_id, date, interactions, minutes)
    VALUES (new.network_id, new.date, 1, coalesce(new.minutes, 0))
    ON CONFLICT (network_id, date) DO UPDATE SET
        interactions = interactions + 1, minutes = minutes + coalesce(new.minutes, 0);
END;
-- A removed interaction's items are gone by the time this runs (foreign-key
-- cascades run first), so the day's give and take is taken again from what
-- is left, the interactions and minutes by subtraction.
CREATE TRIGGER network_day_removed AFTER DELETE ON interactions WHEN old.network_id IS NOT NULL BEGIN
    UPDATE network_days SET
        interactions = interactions - 1,
        minutes = minutes - coalesce(old.minutes, 0),
        gave = coalesce((SELECT sum(it.weight) FROM interactions i JOIN items it ON it.interaction_id = i.id
                         WHERE i.network_id = old.network_id AND i.date = old.date
                           AND it.state = 'done' AND it.direction = 'gave'), 0),
        got = coalesce((SELECT sum(it.weight) FROM interactions i JOIN items it ON it.interaction_id = i.id
                        WHERE i.network_id = old.network_id AND i.date = old.date
                          AND it.state = 'done' AND it.direction = 'got'), 0)
    WHERE network_id = old.network_id AND date = old.date;
    DELETE FROM network_days WHERE network_id = old.network_id AND date = old.date AND interactions = 0;
END;
CREATE TRIGGER network_day_moved AFTER UPDATE OF date, network_id, minutes ON interactions BEGIN
    UPDATE network_days SET
        interactions = interactions - 1,
        minutes = minutes - coalesce(old.minutes, 0),
        gave = gave - coalesce((SELECT sum(weight) FROM items
                                WHERE interaction_id = old.id AND state = 'done' AND direction = 'gave'), 0),
        got = got - coalesce((SELECT sum(weight) FROM items
                              WHERE interaction_id = old.id AND state = 'done' AND direction = 'got'), 0)
    WHERE old.network_id IS NOT NULL AND network_id = old.network_id AND date = old.date;
    DELETE FROM network_days WHERE network_id = old.network_id AND date = old.date AND interactions = 0;
    INSERT INTO network_days (network_id, date, interactions, minutes, gave, got)
    SELECT new.network_id, new.date, 1, coalesce(new.minutes, 0),
           coalesce((SELECT sum(weight) FROM items
                     WHERE interaction_id = new.id AND state = 'done' AND direction = 'gave'), 0),
           coalesce((SELECT sum(weight) FROM items
                     WHERE interaction_id = new.id AND state = 'done' AND direction = 'got'), 0)
    WHERE new.network_id IS NOT NULL
    ON CONFLICT (network_id, date) DO UPDATE SET
        interactions = interactions + 1,
        minutes = minutes + excluded.minutes,
        gave = gave + excluded.gave,
        got = got + excluded.got;
END;
CREATE TRIGGER network_item_added AFTER INSERT ON items WHEN new.state = 'done' BEGIN
    UPDATE network_days SET
        gave = gave + (CASE WHEN new.direction = 'gave' THEN new.weight ELSE 0 END),
        got = got + (CASE WHEN new.direction = 'got' THEN new.weight ELSE 0 END)
    FROM (SELECT network_id, date FROM interactions WHERE id = new.interaction_id) AS i
    WHERE network_days.network_id = i.network_id AND network_days.date = i.date;
END;
-- When the item's interaction is gone too, network_day_removed does the day.
CREATE TRIGGER network_item_removed AFTER DELETE ON items WHEN old.state = 'done' BEGIN
    UPDATE network_days SET
        gave = gave - (CASE WHEN old.direction = 'gave' THEN old.weight ELSE 0 END),
        got = got - (CASE WHEN old.direction = 'got' THEN old.weight ELSE 0 END)
    FROM (SELECT network_id, date FROM interactions WHERE id = old.interaction_id) AS i
    WHERE network_days.network_id = i.network_id AND network_days.date = i.date;
END;
CREATE TRIGGER network_item_changed AFTER UPDATE OF state, weight, direction, interaction_id ON items BEGIN
    UPDATE network_days SET
        gave = gave - (CASE WHEN old.direction = 'gave' THEN old.weight ELSE 0 END),
        got = got - (CASE WHEN old.direction = 'got' THEN old.weight ELSE 0 END)
    FROM (SELECT network_id, date FROM interactions WHERE id = old.interaction_id) AS i
    WHERE old.state = 'done' AND network_days.network_id = i.network_id AND network_days.date = i.date;
    UPDATE network_days SET
        gave = gave + (CASE WHEN new.direction = 'gave' THEN new.weight ELSE 0 END),
        got = got + (CASE WHEN new.direction = 'got' THEN new.weight ELSE 0 END)
    FROM (SELECT network_id, date FROM interactions WHERE id = new.interaction_id) AS i
    WHERE new.state = 'done' AND network_days.network_id = i.network_id AND network_days.date = i.date;
END;

-- Per network, done items' weight given and received in the scaled form
-- of 0002, so that its decayed give and take is one row, not a sum over
-- its days. Kept from network_days, whose rows only ever change by whole
-- weights, by adding and subtracting their scaled weight; a new half-life
-- takes them again from the days.
CREATE TABLE network_stats (
    network_id  INTEGER PRIMARY KEY,
    gave_scaled REAL NOT NULL DEFAULT 0,
    got_scaled  REAL NOT NULL DEFAULT 0
);

INSERT INTO network_stats (network_id, gave_scaled, got_scaled)
SELECT d.network_id,
       sum(d.gave * ties_exp2((julianday(d.date) - 2458849.5) / b.half_life_days)),
       sum(d.got * ties_exp2((julianday(d.date) - 2458849.5) / b.half_life_days))
FROM network_days d, decay_basis b GROUP BY d.network_id;

CREATE TRIGGER network_stats_day_added AFTER INSERT ON network_days BEGIN
    INSERT INTO network_stats (network_id, gave_scaled, got_scaled)
    SELECT new.network_id, new.gave * b.scale, new.got * b.scale
    FROM (SELECT ties_exp2((julianday(new.date) - 2458849.5) / half_life_days) AS scale FROM decay_basis) AS b
    WHERE true
    ON CONFLICT (network_id) DO UPDATE SET
        gave_scaled = gave_scaled + excluded.gave_scaled,
        got_scaled = got_scaled + excluded.got_scaled;
END;
CREATE TRIGGER network_stats_day_changed AFTER UPDATE OF gave, got ON network_days BEGIN
    UPDATE network_stats SET
        gave_scaled = gave_scaled + (new.gave - old.gave) * b.scale,
        got_scaled = got_scaled + (new.got - old.got) * b.scale
    FROM (SELECT ties_exp2((julianday(new.date) - 2458849.5) / half_life_days) AS scale FROM decay_basis) AS b
    WHERE network_id = new.network_id;
END;
CREATE TRIGGER network_stats_day_removed AFTER DELETE ON network_days BEGIN
    UPDATE network_stats SET
        gave_scaled = gave_scaled - old.gave * b.scale,
        got_scaled = got_scaled - old.got * b.scale
    FROM (SELECT ties_exp2((julianday(old.date) - 2458849.5) / half_life_days) AS scale FROM decay_basis) AS b
    WHERE network_id = old.network_id;
END;
CREATE TRIGGER network_stats_rescaled AFTER UPDATE OF half_life_days ON decay_basis BEGIN
    UPDATE network_stats SET (gave_scaled, got_scaled) = (
        SELECT coalesce(sum(d.gave * ties_exp2((julianday(d.date) - 2458849.5) / new.half_life_days)), 0),
               coalesce(sum(d.got * ties_exp2((julianday(d.date) - 2458849.5) / new.half_life_days)), 0)
        FROM network_days d WHERE d.network_id = network_stats.network_id);
END;

-- The week's draw: which suggestions the review made, in order, so that
-- acting on one removes it and the queue does not refill until the user
-- asks for more. Bookkeeping, not user data: written by `ties review` and
-- the review screen, never by a user's change, so it is no part of the
-- history of changes and undo leaves it alone; a read-only database draws
-- in memory instead. Round 0 is the week's first draw, each "more" the
-- next; a round is recorded even when it found nothing to suggest, so an
-- empty week stays done.
CREATE TABLE review_rounds (
    week_start TEXT    NOT NULL,
    round      INTEGER NOT NULL,
    drawn_on   TEXT    NOT NULL,
    PRIMARY KEY (week_start, round)
) WITHOUT ROWID;
-- cadence: a reconnect's own cadence when it was drawn (NULL: its
-- circle's), so that setting one counts as acting on it.
CREATE TABLE review_draws (
    week_start TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    round      INTEGER NOT NULL,
    section    TEXT    NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    item_id    INTEGER REFERENCES items (id) ON DELETE CASCADE,
    cadence    INTEGER,
    PRIMARY KEY (week_start, position)
) WITHOUT ROWID;
CREATE INDEX review_draws_contact ON review_draws (contact_id);
CREATE INDEX review_draws_item ON review_draws (item_id) WHERE item_id IS NOT NULL;

-- "Not this week": the user's own decision, so user data like a review.
CREATE TABLE review_skips (
    week_start TEXT    NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    skipped_at TEXT    NOT NULL,
    PRIMARY KEY (week_start, contact_id)
) WITHOUT ROWID;
CREATE INDEX review_skips_contact ON review_skips (contact_id);

-- The sections' true totals without counting every entry. Counting the
-- tens of thousands of contacts below a balance costs milliseconds; so
-- each contact also adds 1 to a bucket of what its sections are ranked by,
-- and a total is the sum of the buckets wholly inside the section (at most
-- a few thousand rows), plus the few entries of the one bucket the
-- threshold falls in, minus the snoozed (and, for one-sided, the ties still
-- in their grace period), each found by an index range:
--   listed:  every listed contact, by ties_bucket(net_scaled);
--   shaped:  listed contacts shaped like a one-sided tie (at least three
--            done items, under a third come back), by ties_bucket(net_scaled);
--   due:     contacts with a cadence, by the week number of their due date,
--            CAST(julianday(due_on) AS INTEGER) / 7;
--   open:    open promises of contacts that are not archived, key 0.
-- A bucket that empties is deleted, so the table is the same whatever
-- order the writes came in (an undo leaves it as it was).
-- ties_bucket(x) is registered by ties on every connection: the sign and
-- the top 17 bits of |x| as an IEEE double (its exponent and six mantissa
-- bits), 64 buckets per power of two, taken from the bits so it is exact
-- on every machine.
CREATE TABLE review_buckets (
    kind TEXT    NOT NULL,
    key  INTEGER NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

INSERT INTO review_buckets (kind, key, n)
SELECT 'listed', ties_bucket(net_scaled), count(*) FROM contact_stats WHERE listed = 1
GROUP BY 2;
INSERT INTO review_buckets (kind, key, n)
SELECT 'shaped', ties_bucket(net_scaled), count(*) FROM contact_stats
WHERE listed = 1 AND done_items >= 3 AND got_scaled < gave_scaled / 3.0
GROUP BY 2;
INSERT INTO review_buckets (kind, key, n)
SELECT 'due', CAST(julianday(due_on) AS INTEGER) / 7, count(*) FROM contact_stats
WHERE due_on IS NOT NULL GROUP BY 2;
INSERT INTO review_buckets (kind, key, n)
SELECT 'open', 0, count(*) FROM open_items WHERE listed = 1 HAVING count(*) > 0;

CREATE TRIGGER buckets_stats_added AFTER INSERT ON contact_stats BEGIN
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'listed', ties_bucket(new.net_scaled), 1 WHERE new.listed = 1
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'shaped', ties_bucket(new.net_scaled), 1
    WHERE new.listed = 1 AND new.done_items >= 3 AND new.got_scaled < new.gave_scaled / 3.0
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'due', CAST(julianday(new.due_on) AS INTEGER) / 7, 1 WHERE new.due_on IS NOT NULL
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER buckets_stats_removed AFTER DELETE ON contact_stats BEGIN
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1 AND kind = 'listed' AND key = ties_bucket(old.net_scaled);
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1 AND old.done_items >= 3 AND old.got_scaled < old.gave_scaled / 3.0
      AND kind = 'shaped' AND key = ties_bucket(old.net_scaled);
    UPDATE review_buckets SET n = n - 1
    WHERE old.due_on IS NOT NULL AND kind = 'due' AND key = CAST(julianday(old.due_on) AS INTEGER) / 7;
    DELETE FROM review_buckets WHERE n = 0
      AND ((kind = 'listed' AND key = ties_bucket(old.net_scaled))
        OR (kind = 'shaped' AND key = ties_bucket(old.net_scaled))
        OR (kind = 'due' AND key = CAST(julianday(old.due_on) AS INTEGER) / 7));
END;
-- A change of the sums fires this twice, once for the sums and once for the
-- balance contact_stats_net then sets: each time it moves the row from the
-- buckets of its old image to those of its new one, so both together move
-- it from where it was to where it is.
CREATE TRIGGER buckets_stats_changed
AFTER UPDATE OF gave_scaled, got_scaled, net_scaled, done_items, listed, due_on ON contact_stats BEGIN
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1 AND kind = 'listed' AND key = ties_bucket(old.net_scaled);
    UPDATE review_buckets SET n = n - 1
    WHERE old.listed = 1 AND old.done_items >= 3 AND old.got_scaled < old.gave_scaled / 3.0
      AND kind = 'shaped' AND key = ties_bucket(old.net_scaled);
    UPDATE review_buckets SET n = n - 1
    WHERE old.due_on IS NOT NULL AND kind = 'due' AND key = CAST(julianday(old.due_on) AS INTEGER) / 7;
    DELETE FROM review_buckets WHERE n = 0
      AND ((kind = 'listed' AND key = ties_bucket(old.net_scaled))
        OR (kind = 'shaped' AND key = ties_bucket(old.net_scaled))
        OR (kind = 'due' AND key = CAST(julianday(old.due_on) AS INTEGER) / 7));
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'listed', ties_bucket(new.net_scaled), 1 WHERE new.listed = 1
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'shaped', ties_bucket(new.net_scaled), 1
    WHERE new.listed = 1 AND new.done_items >= 3 AND new.got_scaled < new.gave_scaled / 3.0
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
    INSERT INTO review_buckets (kind, key, n)
    SELECT 'due', CAST(julianday(new.due_on) AS INTEGER) / 7, 1 WHERE new.due_on IS NOT NULL
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER buckets_open_added AFTER INSERT ON open_items WHEN new.listed = 1 BEGIN
    INSERT INTO review_buckets (kind, key, n) VALUES ('open', 0, 1)
    ON CONFLICT (kind, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER buckets_open_removed AFTER DELETE ON open_items WHEN old.listed = 1 BEGIN
    UPDATE review_buckets SET n = n - 1 WHERE kind = 'open' AND key = 0;
    DELETE FROM review_buckets WHERE kind = 'open' AND key = 0 AND n = 0;
END;
CREATE TRIGGER buckets_open_changed AFTER UPDATE OF listed ON open_items
WHEN new.listed IS NOT old.listed BEGIN
    INSERT INTO review_buckets (kind, key, n) VALUES ('open', 0, new.listed - old.listed)
    ON CONFLICT (kind, key) DO UPDATE SET n = n + new.listed - old.listed;
    DELETE FROM review_buckets WHERE kind = 'open' AND key = 0 AND n = 0;
END;
