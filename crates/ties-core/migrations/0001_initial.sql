-- ties schema, version 1. Never edit once shipped: add a new numbered file.

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('person', 'org')),
    name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    -- Folded name (ASCII, lowercase) for case- and accent-insensitive search.
    name_key      TEXT    NOT NULL,
    circle        TEXT    CHECK (circle IN ('family', 'friend', 'work', 'acquaintance', 'other')),
    note          TEXT    NOT NULL DEFAULT '',
    met_how       TEXT    NOT NULL DEFAULT '',
    met_through   INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    cadence_days  INTEGER CHECK (cadence_days > 0),
    snoozed_until TEXT,
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    CHECK (kind = 'person' OR circle IS NULL)
);
CREATE INDEX contacts_name_key ON contacts (name_key);

CREATE TABLE contact_emails (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    value      TEXT    NOT NULL,
    label      TEXT,
    PRIMARY KEY (contact_id, position),
    UNIQUE (contact_id, value)
) WITHOUT ROWID;
CREATE INDEX contact_emails_value ON contact_emails (lower(value));

CREATE TABLE contact_phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    value      TEXT    NOT NULL,
    -- Digits only (with a leading + kept), for matching "+358 40 123" to "+35840123".
    value_key  TEXT    NOT NULL,
    label      TEXT,
    PRIMARY KEY (contact_id, position),
    UNIQUE (contact_id, value)
) WITHOUT ROWID;
CREATE INDEX contact_phones_value_key ON contact_phones (value_key);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags (tag);

CREATE TABLE contact_expertise (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    topic      TEXT    NOT NULL,
    PRIMARY KEY (contact_id, topic)
) WITHOUT ROWID;
CREATE INDEX contact_expertise_topic ON contact_expertise (topic);

CREATE TABLE affiliations (
    person_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    org_id    INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    title     TEXT,
    PRIMARY KEY (person_id, org_id)
) WITHOUT ROWID;
CREATE INDEX affiliations_org ON affiliations (org_id);

CREATE TABLE networks (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    name_key        TEXT    NOT NULL UNIQUE,
    goal            TEXT    NOT NULL DEFAULT '',
    role            TEXT    NOT NULL DEFAULT 'member'
                    CHECK (role IN ('observer', 'member', 'contributor', 'promoter', 'leader')),
    intent          TEXT    NOT NULL DEFAULT 'keep'
                    CHECK (intent IN ('deepen', 'keep', 'lighten', 'leave')),
    hours_per_month REAL    CHECK (hours_per_month >= 0),
    review_on       TEXT,
    note            TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE TABLE network_members (
    network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    joined_on  TEXT    NOT NULL,
    PRIMARY KEY (network_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX network_members_contact ON network_members (contact_id);

CREATE TABLE interactions (
    id         INTEGER PRIMARY KEY,
    date       TEXT    NOT NULL,
    time       TEXT,
    channel    TEXT    NOT NULL CHECK (channel IN ('meeting', 'call', 'message', 'event', 'other')),
    minutes    INTEGER CHECK (minutes >= 0),
    network_id INTEGER REFERENCES networks (id) ON DELETE SET NULL,
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE INDEX interactions_date ON interactions (date);
CREATE INDEX interactions_network ON interactions (network_id, date) WHERE network_id IS NOT NULL;

CREATE TABLE interaction_participants (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX interaction_participants_contact ON interaction_participants (contact_id, interaction_id);

CREATE TABLE items (
    id              INTEGER PRIMARY KEY,
    interaction_id  INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    counterparty_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    direction       TEXT    NOT NULL CHECK (direction IN ('gave', 'got')),
    kind            TEXT    NOT NULL
                    CHECK (kind IN ('advice', 'idea', 'intro', 'help', 'referral', 'resource', 'support', 'gift', 'other')),
    weight          INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 5),
    state           TEXT    NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'open')),
    note            TEXT    NOT NULL DEFAULT '',
    settled_on      TEXT
);
CREATE INDEX items_interaction ON items (interaction_id);
CREATE INDEX items_counterparty ON items (counterparty_id);
CREATE INDEX items_open ON items (state) WHERE state = 'open';

CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    week_start TEXT    NOT NULL UNIQUE,
    done_at    TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT ''
);

-- Derived, never user data: per-contact figures kept current by the triggers
-- below, so listing 10,000 contacts or the weekly review never re-reads every
-- interaction. Rebuildable at any time from the tables above.
CREATE TABLE contact_stats (
    contact_id        INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    first_interaction TEXT,
    last_interaction  TEXT,
    interaction_count INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER contacts_stats_row AFTER INSERT ON contacts BEGIN
    INSERT INTO contact_stats (contact_id) VALUES (new.id);
END;

CREATE TRIGGER participant_added AFTER INSERT ON interaction_participants BEGIN
    UPDATE contact_stats SET
        first_interaction = min(coalesce(first_interaction, d.date), d.date),
        last_interaction  = max(coalesce(last_interaction, d.date), d.date),
        interaction_count = interaction_count + 1
    FROM (SELECT date FROM interactions WHERE id = new.interaction_id) AS d
    WHERE contact_id = new.contact_id;
END;

CREATE TRIGGER participant_removed AFTER DELETE ON interaction_participants BEGIN
    UPDATE contact_stats SET
        first_interaction = (SELECT min(i.date) FROM interaction_participants p
                             JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = old.contact_id),
        last_interaction  = (SELECT max(i.date) FROM interaction_participants p
                             JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = old.contact_id),
        interaction_count = (SELECT count(*) FROM interaction_participants p WHERE p.contact_id = old.contact_id)
    WHERE contact_id = old.contact_id;
END;

CREATE TRIGGER interaction_redated AFTER UPDATE OF date ON interactions BEGIN
    UPDATE contact_stats SET
        first_interaction = (SELECT min(i.date) FROM interaction_participants p
                             JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = contact_stats.contact_id),
        last_interaction  = (SELECT max(i.date) FROM interaction_participants p
                             JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = contact_stats.contact_id)
    WHERE contact_id IN (SELECT contact_id FROM interaction_participants WHERE interaction_id = new.id);
END;
