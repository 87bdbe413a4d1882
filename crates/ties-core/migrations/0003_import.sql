-- ties schema, version 3: what importing and exporting address books needs.
-- Never edit once shipped: add a new numbered file.

-- A stable identifier per contact, written as a vCard UID so that a card
-- exported and imported again finds its contact. Cards that bring their own
-- UID keep it; ties makes one for every other contact (ties_uid() is
-- registered by ties on every connection it opens: a name-based UUID of the
-- id, creation time and name).
ALTER TABLE contacts ADD COLUMN uid TEXT;
UPDATE contacts SET uid = ties_uid(id, created_at, name);
CREATE UNIQUE INDEX contacts_uid ON contacts (uid);

ALTER TABLE contacts ADD COLUMN nickname TEXT NOT NULL DEFAULT '';
-- `YYYY-MM-DD`, or `--MM-DD` when the year is not known.
ALTER TABLE contacts ADD COLUMN birthday TEXT
    CHECK (birthday IS NULL
           OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
           OR birthday GLOB '--[0-1][0-9]-[0-3][0-9]');
-- When you met (LinkedIn's "Connected On"), as `YYYY-MM-DD`.
ALTER TABLE contacts ADD COLUMN met_on TEXT;

-- The department of an organisation a person is in (vCard ORG's units).
ALTER TABLE affiliations ADD COLUMN unit TEXT;

CREATE TABLE contact_urls (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    value      TEXT    NOT NULL,
    label      TEXT,
    PRIMARY KEY (contact_id, position),
    UNIQUE (contact_id, value)
) WITHOUT ROWID;

-- Postal addresses, in vCard ADR's seven parts.
CREATE TABLE contact_addresses (
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    label       TEXT,
    po_box      TEXT    NOT NULL DEFAULT '',
    extended    TEXT    NOT NULL DEFAULT '',
    street      TEXT    NOT NULL DEFAULT '',
    locality    TEXT    NOT NULL DEFAULT '',
    region      TEXT    NOT NULL DEFAULT '',
    postal_code TEXT    NOT NULL DEFAULT '',
    country     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

-- How two contacts are related (vCard RELATED: spouse, colleague, …).
CREATE TABLE contact_relations (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    relation   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, related_id, relation)
) WITHOUT ROWID;
CREATE INDEX contact_relations_related ON contact_relations (related_id);

-- vCard properties ties has no field for, kept as one unfolded line each
-- (`X-SKYPE;TYPE=work:anna.j`) so that an export gives them back.
CREATE TABLE contact_vcard_extras (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    line       TEXT    NOT NULL,
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
