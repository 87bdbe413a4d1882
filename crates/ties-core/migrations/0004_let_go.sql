-- ties schema, version 4: letting a tie go. A contact can stay in the
-- address book, with its history, and simply never be suggested for a
-- reconnect again (the review's "let go"), which neither a cadence nor a
-- snooze can say. Never edit once shipped: add a new numbered file.
ALTER TABLE contacts ADD COLUMN reminders INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1));
