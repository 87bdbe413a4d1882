//! ties: a personal contact-network tracker.
//!
//! This library is the core: the model, the rules every value passes, the
//! SQLite store, the parsers of what people type (dates, spans, hours,
//! weights, items), name matching and the demo generator. It knows nothing
//! of the command line or the terminal UI, which are thin faces over it
//! (`src/cli`, `src/tui` in the binary) and read their input with the same
//! parsers.

pub mod change;
pub mod config;
pub mod dates;
pub mod demo;
pub mod due;
pub mod duplicates;
pub mod error;
pub mod export;
pub mod fulltext;
pub mod import;
pub mod input;
pub mod json_text;
pub mod listing;
pub mod matcher;
pub mod model;
pub mod occasions;
pub mod paths;
pub mod private_file;
pub mod reciprocity;
pub mod resolve;
pub mod review;
pub mod rules;
pub mod safe_json;
pub mod search;
pub mod spec;
pub mod store;
pub mod text;
pub mod vcard;

pub use error::{Error, Field, Refusal, Result};
pub use store::Store;
