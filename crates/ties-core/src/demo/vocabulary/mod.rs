//! The tables the demo draws from. Nothing here is random: what is drawn
//! from them, and how often, is decided by the plan.

pub(super) mod names;
pub(super) mod networks;
pub(super) mod organisations;
pub(super) mod professions;
pub(super) mod texts;
