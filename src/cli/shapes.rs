//! The shapes of the JSON outputs, one per thing, each with its version
//! (docs/json.md). A shape named here has its schema in
//! `docs/schemas/NAME.json`; tests/json_shapes.rs checks both ways.

use super::output::Shape;

/// Plain `ties`.
pub const STATUS: Shape = Shape("ties.status/1");
/// `add`, `edit`: one contact.
pub const CONTACT: Shape = Shape("ties.contact/1");
/// `show`: a contact with what surrounds it and its standing.
pub const CONTACT_DETAIL: Shape = Shape("ties.contact_detail/1");
/// `list`: contact summaries.
pub const CONTACTS: Shape = Shape("ties.contacts/1");
/// `archive`, `unarchive`.
pub const ARCHIVED: Shape = Shape("ties.archived/1");
/// `delete`.
pub const DELETED_CONTACT: Shape = Shape("ties.deleted_contact/1");
/// `merge`, `merge --dry-run`.
pub const MERGE: Shape = Shape("ties.merge/1");
/// `duplicates`.
pub const DUPLICATES: Shape = Shape("ties.duplicates/1");
/// `log`, `interaction edit`.
pub const INTERACTION: Shape = Shape("ties.interaction/1");
/// `interaction delete`.
pub const DELETED_INTERACTION: Shape = Shape("ties.deleted_interaction/1");
/// `done`, `item edit`, `item delete`, `item reopen`.
pub const ITEM: Shape = Shape("ties.item/1");
/// `review`.
pub const REVIEW: Shape = Shape("ties.review/1");
/// `review --skip`.
pub const REVIEW_SKIP: Shape = Shape("ties.review_skip/1");
/// `review --done`.
pub const REVIEW_DONE: Shape = Shape("ties.review_done/1");
/// `dates`.
pub const DATES: Shape = Shape("ties.dates/1");
/// `due`.
pub const DUE: Shape = Shape("ties.due/1");
/// `due --count`.
pub const DUE_COUNT: Shape = Shape("ties.due_count/1");
/// `search`.
pub const SEARCH: Shape = Shape("ties.search/1");
/// `history`.
pub const HISTORY: Shape = Shape("ties.history/1");
/// `undo`.
pub const UNDO: Shape = Shape("ties.undo/1");
/// `export … --output FILE`, `export vcard --dir DIR`.
pub const EXPORTED: Shape = Shape("ties.exported/1");
/// `backup`.
pub const BACKUP: Shape = Shape("ties.backup/1");
/// `import vcard|csv|linkedin|google|…`.
pub const IMPORT: Shape = Shape("ties.import/1");
/// `import json`.
pub const IMPORT_JSON: Shape = Shape("ties.import_json/1");
/// `demo`.
pub const DEMO: Shape = Shape("ties.demo/1");
/// `config`.
pub const CONFIG: Shape = Shape("ties.config/1");
/// `network add`, `network edit`.
pub const NETWORK: Shape = Shape("ties.network/1");
/// `network list`.
pub const NETWORKS: Shape = Shape("ties.networks/1");
/// `network show`.
pub const NETWORK_DETAIL: Shape = Shape("ties.network_detail/1");
/// `network join`, `network leave`.
pub const MEMBERSHIP: Shape = Shape("ties.membership/1");
