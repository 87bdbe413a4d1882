-- ties schema, version 2: decayed give/take per contact, kept current as
-- items are written, so balances never need a rescan of every item.
--
-- A done item of weight w on date d adds w * 2^((d - 2020-01-01) / h) to its
-- counterparty's sum (h = the half-life in days). The decayed value on any
-- day t is that sum times 2^(-(t - 2020-01-01) / h). ties_exp2(x) = 2^x is
-- registered by ties on every connection it opens (SQLite's own math
-- functions are not compiled into the bundled library). 2458849.5 is the
-- Julian day of 2020-01-01.

CREATE TABLE decay_basis (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    half_life_days INTEGER NOT NULL CHECK (half_life_days > 0)
);
INSERT INTO decay_basis (id, half_life_days) VALUES (1, 365);

ALTER TABLE contact_stats ADD COLUMN gave_scaled REAL NOT NULL DEFAULT 0;
ALTER TABLE contact_stats ADD COLUMN got_scaled  REAL NOT NULL DEFAULT 0;
ALTER TABLE contact_stats ADD COLUMN done_items  INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER item_added AFTER INSERT ON items WHEN new.state = 'done' BEGIN
    UPDATE contact_stats SET
        gave_scaled = gave_scaled + (CASE WHEN new.direction = 'gave' THEN new.weight * d.scale ELSE 0 END),
        got_scaled  = got_scaled  + (CASE WHEN new.direction = 'got'  THEN new.weight * d.scale ELSE 0 END),
        done_items  = done_items + 1
    FROM (SELECT ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) AS scale
          FROM interactions i, decay_basis b WHERE i.id = new.interaction_id) AS d
    WHERE contact_id = new.counterparty_id;
END;

-- Removals and changes recompute the contacts concerned exactly, rather than
-- subtracting, so rounding can never accumulate.
CREATE TRIGGER item_removed AFTER DELETE ON items WHEN old.state = 'done' BEGIN
    UPDATE contact_stats SET (gave_scaled, got_scaled, done_items) = (
        SELECT coalesce(sum(CASE WHEN it.direction = 'gave'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) END), 0),
               coalesce(sum(CASE WHEN it.direction = 'got'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) END), 0),
               count(*)
        FROM items it JOIN interactions i ON i.id = it.interaction_id, decay_basis b
        WHERE it.counterparty_id = contact_stats.contact_id AND it.state = 'done')
    WHERE contact_id = old.counterparty_id;
END;

CREATE TRIGGER item_changed AFTER UPDATE OF state, weight, direction, counterparty_id, interaction_id ON items BEGIN
    UPDATE contact_stats SET (gave_scaled, got_scaled, done_items) = (
        SELECT coalesce(sum(CASE WHEN it.direction = 'gave'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) END), 0),
               coalesce(sum(CASE WHEN it.direction = 'got'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) END), 0),
               count(*)
        FROM items it JOIN interactions i ON i.id = it.interaction_id, decay_basis b
        WHERE it.counterparty_id = contact_stats.contact_id AND it.state = 'done')
    WHERE contact_id IN (old.counterparty_id, new.counterparty_id);
END;

CREATE TRIGGER interaction_redated_items AFTER UPDATE OF date ON interactions BEGIN
    UPDATE contact_stats SET (gave_scaled, got_scaled, done_items) = (
        SELECT coalesce(sum(CASE WHEN it.direction = 'gave'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) END), 0),
               coalesce(sum(CASE WHEN it.direction = 'got'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / b.half_life_days) END), 0),
               count(*)
        FROM items it JOIN interactions i ON i.id = it.interaction_id, decay_basis b
        WHERE it.counterparty_id = contact_stats.contact_id AND it.state = 'done')
    WHERE contact_id IN (SELECT counterparty_id FROM items WHERE interaction_id = new.id);
END;

-- A changed half-life rescales every sum (ties does this when the config
-- changes it).
CREATE TRIGGER decay_basis_changed AFTER UPDATE OF half_life_days ON decay_basis BEGIN
    UPDATE contact_stats SET (gave_scaled, got_scaled, done_items) = (
        SELECT coalesce(sum(CASE WHEN it.direction = 'gave'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / new.half_life_days) END), 0),
               coalesce(sum(CASE WHEN it.direction = 'got'
                    THEN it.weight * ties_exp2((julianday(i.date) - 2458849.5) / new.half_life_days) END), 0),
               count(*)
        FROM items it JOIN interactions i ON i.id = it.interaction_id
        WHERE it.counterparty_id = contact_stats.contact_id AND it.state = 'done');
END;

-- Bring databases written by version 1 up to date.
UPDATE decay_basis SET half_life_days = 365;

-- The review adds up give and take per network from the network's
-- interactions; covering the lookup from an interaction to its items keeps
-- that off the table rows.
DROP INDEX items_interaction;
CREATE INDEX items_interaction ON items (interaction_id, state, direction, weight);
