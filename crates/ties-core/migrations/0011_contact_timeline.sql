-- ties schema, version 11: each contact's interactions kept in the order
-- its page and `ties show` list them, newest first. Never edit once
-- shipped: add a new numbered file.
--
-- Showing a contact's newest 20 interactions read every one of them to sort
-- them by date (5,000 random rows for the busiest contact of a large
-- database). The timeline holds each participation under its interaction's
-- date and time, kept by the triggers below in the same transaction as the
-- write, so the newest are the last entries of the contact's range of one
-- B-tree. Derived: the history does not record it, and a test compares it
-- with the join it stands for.
--
-- It is keyed by its order alone (no second index, so it costs one copy of
-- each participation's key): an entry is found again from the date and
-- time of its interaction, which is why an interaction takes its entries
-- with it before it goes (a cascade deletes its participations after the
-- interaction is gone).
CREATE TABLE contact_timeline (
    contact_id     INTEGER NOT NULL,
    date           TEXT    NOT NULL,
    -- The interaction's time, '' when it has none (sorts before any time).
    time_key       TEXT    NOT NULL,
    interaction_id INTEGER NOT NULL,
    PRIMARY KEY (contact_id, date, time_key, interaction_id)
) WITHOUT ROWID;

INSERT INTO contact_timeline (contact_id, date, time_key, interaction_id)
SELECT p.contact_id, i.date, coalesce(i.time, ''), p.interaction_id
FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id;

CREATE TRIGGER timeline_participant_added AFTER INSERT ON interaction_participants BEGIN
    INSERT INTO contact_timeline (contact_id, date, time_key, interaction_id)
    SELECT new.contact_id, i.date, coalesce(i.time, ''), new.interaction_id
    FROM interactions i WHERE i.id = new.interaction_id;
END;
CREATE TRIGGER timeline_participant_removed AFTER DELETE ON interaction_participants BEGIN
    DELETE FROM contact_timeline
    WHERE (contact_id, date, time_key, interaction_id) IN (
        SELECT old.contact_id, i.date, coalesce(i.time, ''), old.interaction_id
        FROM interactions i WHERE i.id = old.interaction_id);
END;
-- A merge moves participations from one contact to the other.
CREATE TRIGGER timeline_participant_moved AFTER UPDATE OF contact_id, interaction_id ON interaction_participants
WHEN new.contact_id IS NOT old.contact_id OR new.interaction_id IS NOT old.interaction_id BEGIN
    UPDATE contact_timeline
    SET contact_id = new.contact_id, date = now.date, time_key = coalesce(now.time, ''),
        interaction_id = new.interaction_id
    FROM interactions AS was, interactions AS now
    WHERE was.id = old.interaction_id AND now.id = new.interaction_id
      AND contact_timeline.contact_id = old.contact_id AND contact_timeline.date = was.date
      AND contact_timeline.time_key = coalesce(was.time, '')
      AND contact_timeline.interaction_id = old.interaction_id;
END;
CREATE TRIGGER timeline_interaction_removed BEFORE DELETE ON interactions BEGIN
    DELETE FROM contact_timeline
    WHERE (contact_id, date, time_key, interaction_id) IN (
        SELECT p.contact_id, old.date, coalesce(old.time, ''), old.id
        FROM interaction_participants p WHERE p.interaction_id = old.id);
END;
CREATE TRIGGER timeline_interaction_redated AFTER UPDATE OF date, time ON interactions
WHEN new.date IS NOT old.date OR new.time IS NOT old.time BEGIN
    UPDATE contact_timeline SET date = new.date, time_key = coalesce(new.time, '')
    WHERE (contact_id, date, time_key, interaction_id) IN (
        SELECT p.contact_id, old.date, coalesce(old.time, ''), old.id
        FROM interaction_participants p WHERE p.interaction_id = old.id);
END;
