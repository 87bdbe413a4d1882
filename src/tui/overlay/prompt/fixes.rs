//! The prompts that fix the record: delete an interaction or a contact
//! (one key: `y` does it, any other keeps it), reopen one of an
//! interaction's kept promises. Each says what goes before it goes; each
//! is one write the history can undo.

use super::Prompt;
use super::purpose::{Given, Purpose, Refusal};
use crate::tui::widgets::cell_text;
use ties::Store;
use ties::model::{Interaction, Item};
use ties::store::DeletePlan;

pub enum Fix {
    DeleteInteraction {
        id: i64,
        what: String,
    },
    DeleteContact {
        plan: DeletePlan,
    },
    /// Which of these items (kept promises) to open again.
    Reopen {
        items: Vec<Item>,
    },
}

impl Prompt {
    /// "Delete the meeting of 2026-11-20 with Anna and Bob, its note and 3
    /// items?"
    pub fn delete_interaction(interaction: &Interaction, me: i64) -> Prompt {
        let what = describe(interaction, me);
        let mut goes = Vec::new();
        if !interaction.note.trim().is_empty() {
            goes.push("its note".to_string());
        }
        match interaction.items.len() {
            0 => {}
            1 => goes.push("its item".to_string()),
            n => goes.push(format!("its {n} items")),
        }
        let question = if goes.is_empty() {
            format!("Delete {what}?")
        } else {
            format!("Delete {what} with {}?", goes.join(" and "))
        };
        Prompt::confirm_one_key(
            "Delete an interaction".into(),
            question,
            "delete",
            Purpose::Fix(Fix::DeleteInteraction {
                id: interaction.id,
                what,
            }),
        )
    }

    /// The summary the command line asks with: "Delete Bob Smith #141: 14
    /// interactions (3 shared, kept), 22 items, 2 networks?"
    pub fn delete_contact(plan: DeletePlan) -> Prompt {
        let question = format!(
            "Delete {}? Interactions shared with others stay, without them.",
            cell_text(&plan.to_string())
        );
        Prompt::confirm_one_key(
            "Delete a contact".into(),
            question,
            "delete",
            Purpose::Fix(Fix::DeleteContact { plan }),
        )
    }

    /// Which kept promise to open again, when an interaction has several.
    pub fn reopen(items: Vec<Item>) -> Prompt {
        let options = items.iter().map(promise_label).collect();
        Prompt::choice(
            "Reopen a promise".into(),
            "Which promise is open again?".into(),
            options,
            Purpose::Fix(Fix::Reopen { items }),
        )
    }
}

impl Fix {
    /// Also whether the answer took something away (said with "u to undo").
    pub fn apply(&self, given: Given, store: &mut Store) -> Result<String, Refusal> {
        let failed = |e: ties::Error| Refusal::Failed(crate::tui::words::error(&e));
        match (self, given) {
            (Fix::DeleteInteraction { id, what }, Given::Yes) => {
                store.delete_interaction(*id).map_err(failed)?;
                Ok(format!("Deleted {what}"))
            }
            (Fix::DeleteContact { plan }, Given::Yes) => {
                let done = store.delete_contact(plan.contact.id).map_err(failed)?;
                Ok(format!("Deleted {}", cell_text(&done.to_string())))
            }
            (Fix::Reopen { items }, Given::Choice(index)) => {
                let item = items
                    .get(index)
                    .ok_or_else(|| Refusal::Invalid("pick a promise".into()))?;
                reopen(store, item).map_err(Refusal::Failed)
            }
            _ => Err(Refusal::Invalid(
                "that answer does not fit this question".into(),
            )),
        }
    }
}

/// Opens a kept promise again; what the status line says.
pub fn reopen(store: &mut Store, item: &Item) -> Result<String, String> {
    store
        .reopen_item(item.id)
        .map_err(|e| format!("could not reopen: {}", crate::tui::words::error(&e)))?;
    Ok(format!("Open again: {}", promise_label(item)))
}

/// "the meeting of 2026-11-20 with Anna and Bob" (the others than `me`).
fn describe(interaction: &Interaction, me: i64) -> String {
    let others: Vec<String> = interaction
        .participants
        .iter()
        .filter(|p| p.id != me)
        .map(|p| cell_text(&p.name))
        .collect();
    let with = match others.as_slice() {
        [] => String::new(),
        [one] => format!(" with {one}"),
        [rest @ .., last] => format!(" with {} and {last}", rest.join(", ")),
    };
    format!("the {} of {}{with}", interaction.channel, interaction.date)
}

/// "your promise to Anna: send the deck", "Anna's promise: an intro".
fn promise_label(item: &Item) -> String {
    let who = cell_text(&item.counterparty.name);
    let whose = match item.direction {
        ties::model::Direction::Gave => format!("your promise to {who}"),
        ties::model::Direction::Got => format!("{who}'s promise"),
    };
    if item.note.is_empty() {
        whose
    } else {
        format!("{whose}: {}", cell_text(&item.note))
    }
}
