//! The application state and the one place actions take effect (`update`).
//! Drawing (`ui.rs`) only reads this state.

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::Action;
use super::contacts::ContactsScreen;
use super::detail::{DetailScreen, is_kept_promise};
use super::keymap::{Key, Keymap, Scope};
use super::networks::NetworksScreen;
use super::overlay::{MergeForm, Overlay, OverlayOutcome, Prompt, reopen};
use super::review::ReviewScreen;
use super::scroll;
use super::theme::Theme;
use super::widgets::cell_text;
use super::words;
use ties::Store;
use ties::config::Config;
use ties::model::ContactRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Contacts,
    Review,
    Networks,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Contacts, Tab::Review, Tab::Networks];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Contacts => "Contacts",
            Tab::Review => "Review",
            Tab::Networks => "Networks",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// A one-line message at the bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Where things were drawn last, so mouse clicks can find them.
#[derive(Debug, Clone, Default)]
pub struct HitAreas {
    pub tabs: Vec<(Rect, Tab)>,
    pub list: Rect,
    pub list_offset: usize,
}

pub struct App {
    pub store: Store,
    pub config: Config,
    pub keymap: Keymap,
    pub theme: Theme,
    pub tab: Tab,
    pub contacts: ContactsScreen,
    pub detail: Option<DetailScreen>,
    /// The tab a contact page was opened from (a network's member, a
    /// review row), where Back returns.
    pub detail_opened_from: Option<Tab>,
    pub review: ReviewScreen,
    pub networks: NetworksScreen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Ctrl-Z was pressed: the run loop hands the terminal back to the
    /// shell and waits to be resumed.
    pub suspend: bool,
    /// False until the first load: the first frame is drawn before it.
    pub loaded: bool,
    pub hits: HitAreas,
}

impl App {
    /// Cheap: nothing is read from the store until `load`.
    pub fn new(store: Store, config: Config, keymap: Keymap, theme: Theme) -> App {
        App {
            store,
            config,
            keymap,
            theme,
            tab: Tab::Contacts,
            contacts: ContactsScreen::default(),
            detail: None,
            detail_opened_from: None,
            review: ReviewScreen::default(),
            networks: NetworksScreen::default(),
            overlay: None,
            status: None,
            quit: false,
            suspend: false,
            loaded: false,
            hits: HitAreas::default(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.store.clock().today
    }

    /// Reads what the visible screen shows (and the contacts list, which
    /// the log form and the welcome screen need).
    pub fn load(&mut self) {
        let result = self
            .contacts
            .load(&self.store, &self.config)
            .and_then(|_| self.load_tab());
        self.loaded = true;
        if let Err(error) = result {
            self.error(format!("could not read the database: {error}"));
        }
    }

    /// What is read in the background once the screen is up: the
    /// filter's matcher.
    pub fn start_background(&mut self) {
        if let Err(error) = self.contacts.start_matcher(&self.store) {
            self.error(format!("could not read the database: {error}"));
        }
    }

    fn load_tab(&mut self) -> ties::Result<()> {
        match self.tab {
            Tab::Contacts => Ok(()),
            Tab::Review => self.review.load(&mut self.store, &self.config),
            Tab::Networks => self.networks.load(&self.store, &self.config),
        }
    }

    /// Everything again, for `r` and when the terminal regains focus:
    /// another ties process may have written meanwhile.
    pub fn refresh(&mut self) {
        self.load();
        if let Some(detail) = &mut self.detail
            && let Err(error) = detail.reload(&self.store, &self.config)
        {
            self.detail = None;
            self.error(format!("the contact is gone: {error}"));
        }
        self.networks.reload_detail(&self.store);
    }

    /// "u to undo", with the key as bound, for the messages of changes
    /// that take something away.
    pub fn undo_hint(&self) -> String {
        let key = self
            .keymap
            .key_of(Action::Undo)
            .map_or_else(|| "u".to_string(), |key| key.to_string());
        format!("{key} to undo")
    }

    /// A change that took something away: said with how to take it back.
    pub fn undoable(&mut self, text: impl std::fmt::Display) {
        let hint = self.undo_hint();
        self.info(format!("{text} · {hint}"));
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// The keymap scope of what has the keyboard now.
    pub fn scope(&self) -> Scope {
        if self.overlay.is_some() {
            return Scope::Form;
        }
        self.screen()
    }

    /// The screen shown under any overlay.
    fn screen(&self) -> Scope {
        match self.tab {
            Tab::Contacts if self.detail.is_some() => Scope::Detail,
            Tab::Contacts => Scope::Contacts,
            Tab::Review => Scope::Review,
            Tab::Networks if self.networks.detail.is_some() => Scope::NetworkDetail,
            Tab::Networks => Scope::Networks,
        }
    }

    /// A terminal event: keys and mouse become actions; focus regained
    /// refreshes. Returns whether anything may have changed on screen.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.handle_key(*key);
                true
            }
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            Event::FocusGained => {
                self.refresh();
                true
            }
            Event::Paste(text) => {
                if let Some(overlay) = &mut self.overlay {
                    overlay.paste(text);
                } else if self.screen() == Scope::Contacts && self.contacts.filter.is_typing() {
                    self.contacts.paste(text, &self.store);
                } else if self.screen() == Scope::Networks && self.networks.filter.is_typing() {
                    self.networks.paste(text);
                }
                true
            }
            Event::Resize(_, _) => true,
            _ => false,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        // Ctrl-C quits from anywhere, whatever the config binds.
        if Key::from_event(&key) == Key::QUIT_ALWAYS {
            self.quit = true;
            return;
        }
        let screen = self.screen();
        let status = self.status.clone();
        self.route_key(key);
        self.leave_status_behind(screen, status);
    }

    /// A status message belongs to its screen: moving to another screen
    /// clears it, unless that move said something new.
    fn leave_status_behind(&mut self, screen: Scope, status: Option<Status>) {
        if self.screen() != screen && self.status == status {
            self.status = None;
        }
    }

    fn route_key(&mut self, key: KeyEvent) {
        // An overlay (form, prompt, help) takes every key first.
        if let Some(overlay) = &mut self.overlay {
            let outcome = overlay.handle_key(key, &self.keymap, &mut self.store);
            self.apply_overlay_outcome(outcome);
            return;
        }
        // Typing into a list's filter: text goes to it, Enter and Esc end
        // it, and the keys that are no text still move (and quit).
        if let Some(filter_used) = self.filter_key(key) {
            let action = self.keymap.action(self.scope(), Key::from_event(&key));
            if !filter_used
                && let Some(action) = action
                && (scroll::is_movement(action) || action == Action::Quit)
            {
                self.update(action);
            }
            return;
        }
        let code = Key::from_event(&key);
        if let Some(action) = self.keymap.action(self.scope(), code) {
            self.update(action);
        }
    }

    /// Gives `key` to the list filter that has the keyboard: `None` when
    /// none has it, else whether the filter used the key.
    fn filter_key(&mut self, key: KeyEvent) -> Option<bool> {
        match self.screen() {
            Scope::Contacts if self.contacts.filter.is_typing() => {
                Some(self.contacts.handle_filter_key(key, &self.store))
            }
            Scope::Networks if self.networks.filter.is_typing() => {
                Some(self.networks.handle_filter_key(key))
            }
            _ => None,
        }
    }

    /// The keys of the list filter that has the keyboard, for the footer.
    pub fn filter_keys(&self) -> Option<Vec<(String, &'static str)>> {
        match self.screen() {
            Scope::Contacts if self.contacts.filter.is_typing() => {
                let mut keys = self.contacts.filter.keys();
                keys.push(("Tab".into(), "notes too"));
                Some(keys)
            }
            Scope::Networks if self.networks.filter.is_typing() => {
                Some(self.networks.filter.keys())
            }
            _ => None,
        }
    }

    fn apply_overlay_outcome(&mut self, outcome: OverlayOutcome) {
        match outcome {
            OverlayOutcome::Stay => {}
            OverlayOutcome::Close => self.overlay = None,
            OverlayOutcome::Done(message) => {
                self.overlay = None;
                self.refresh();
                self.info(message);
            }
            OverlayOutcome::Undoable(message) => {
                self.overlay = None;
                self.refresh();
                self.undoable(message);
            }
            OverlayOutcome::Failed(message) => self.error(message),
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) -> bool {
        if self.overlay.is_some() {
            return false;
        }
        let screen = self.screen();
        let status = self.status.clone();
        let changed = self.route_mouse(mouse);
        self.leave_status_behind(screen, status);
        changed
    }

    fn route_mouse(&mut self, mouse: MouseEvent) -> bool {
        match mouse.kind {
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            MouseEventKind::Down(MouseButton::Left) => {
                let position = ratatui::layout::Position::new(mouse.column, mouse.row);
                if let Some((_, tab)) = self
                    .hits
                    .tabs
                    .iter()
                    .find(|(area, _)| area.contains(position))
                {
                    let tab = *tab;
                    self.show(tab);
                } else if self.hits.list.contains(position) {
                    // Rows start one line below the list's top (its header).
                    let row = (mouse.row - self.hits.list.y) as usize;
                    if row >= 1 {
                        self.select_row(self.hits.list_offset + row - 1);
                    }
                } else {
                    return false;
                }
            }
            _ => return false,
        }
        true
    }

    /// Whether a screen waits for work on another thread (the filter's
    /// matches): the loop then looks again soon.
    pub fn is_waiting(&self) -> bool {
        self.contacts.is_searching()
    }

    /// Takes what work on other threads has finished, waiting up to
    /// `timeout` for it; returns whether anything changed on screen.
    pub fn settle(&mut self, timeout: std::time::Duration) -> bool {
        self.contacts.settle(&self.store, timeout)
    }

    fn select_row(&mut self, index: usize) {
        match self.tab {
            Tab::Contacts if self.detail.is_none() => self.contacts.select(index, &self.store),
            Tab::Networks if self.networks.detail.is_none() => self.networks.select(index),
            Tab::Review => self.review.select(index),
            _ => {}
        }
    }

    pub fn show(&mut self, tab: Tab) {
        // Moving between tabs by choice: Back no longer leads elsewhere.
        self.detail_opened_from = None;
        self.tab = tab;
        if let Err(error) = self.load_tab() {
            self.error(format!("could not read the database: {error}"));
        }
    }

    /// The one place actions take effect.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.overlay = Some(Overlay::help(&self.keymap, self.scope())),
            Action::Refresh => {
                self.refresh();
                self.info("Refreshed");
            }
            Action::ShowContacts => self.show(Tab::Contacts),
            Action::ShowReview => self.show(Tab::Review),
            Action::ShowNetworks => self.show(Tab::Networks),
            Action::NextTab => self.show(Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()]),
            Action::PrevTab => {
                self.show(Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()])
            }
            Action::Log => {
                let prefill = self.selected_contacts();
                self.overlay = Some(Overlay::log(&self.store, prefill, self.today()));
            }
            Action::Undo => self.undo(),
            Action::Suspend => self.suspend = true,
            _ => self.update_screen(action),
        }
    }

    /// The contacts the current selection names, to prefill the log form.
    fn selected_contacts(&self) -> Vec<ContactRef> {
        match self.tab {
            Tab::Contacts => match &self.detail {
                Some(detail) => vec![detail.contact_ref()],
                None => self.contacts.selected_ref().into_iter().collect(),
            },
            Tab::Review => self.review.selected_contact().into_iter().collect(),
            Tab::Networks => Vec::new(),
        }
    }

    fn update_screen(&mut self, action: Action) {
        match self.tab {
            Tab::Contacts if self.detail.is_some() => self.update_detail(action),
            Tab::Contacts => self.update_contacts(action),
            Tab::Review => {
                let outcome = self.review.update(action, &mut self.store, &self.config);
                // Settling and letting go take something off the review.
                let undoable = matches!(action, Action::Settle | Action::LetGo);
                self.apply_screen_outcome(outcome, undoable);
            }
            Tab::Networks => {
                let outcome = self.networks.update(action, &mut self.store, &self.config);
                self.apply_screen_outcome(outcome, false);
            }
        }
    }

    fn apply_screen_outcome(&mut self, outcome: ScreenOutcome, undoable: bool) {
        match outcome {
            ScreenOutcome::Nothing => {}
            ScreenOutcome::OpenContact(id) => self.open_contact(id),
            ScreenOutcome::Overlay(overlay) => self.overlay = Some(*overlay),
            ScreenOutcome::Changed(message) => {
                self.refresh();
                if undoable {
                    self.undoable(message);
                } else {
                    self.info(message);
                }
            }
            ScreenOutcome::Failed(message) => self.error(message),
        }
    }

    fn open_contact(&mut self, id: i64) {
        match DetailScreen::open(&self.store, &self.config, id) {
            Ok(detail) => {
                self.detail_opened_from = (self.tab != Tab::Contacts).then_some(self.tab);
                self.tab = Tab::Contacts;
                self.detail = Some(detail);
            }
            Err(error) => self.error(format!("cannot open contact #{id}: {error}")),
        }
    }

    fn update_contacts(&mut self, action: Action) {
        match action {
            Action::Open => {
                if let Some(contact) = self.contacts.selected_ref() {
                    self.open_contact(contact.id);
                }
            }
            Action::AddContact => self.overlay = Some(Overlay::add_contact(&self.store)),
            Action::EditContact => {
                if let Some(contact) = self.contacts.selected_ref() {
                    self.edit_contact(contact.id);
                }
            }
            Action::Archive => {
                if let Some(contact) = self.contacts.selected_ref() {
                    let archived = self.contacts.archived;
                    self.set_archived(contact, !archived);
                }
            }
            Action::ShowArchived => {
                self.contacts.archived = !self.contacts.archived;
                self.contacts.state.select(Some(0));
                self.load();
                let key = self.keymap.key_of(Action::ShowArchived);
                let key = key.map(|k| k.to_string()).unwrap_or_default();
                if self.contacts.archived {
                    let archive = self.keymap.key_of(Action::Archive);
                    let archive = archive.map(|k| k.to_string()).unwrap_or_default();
                    self.info(format!(
                        "Archived contacts: {archive} brings one back, {key} shows the others"
                    ));
                } else {
                    self.info("Active contacts");
                }
            }
            Action::ShowIds => self.contacts.show_ids = !self.contacts.show_ids,
            Action::Back if !self.contacts.filter_text().is_empty() => {
                self.contacts.clear_filter(&self.store)
            }
            Action::LoadDemo => self.load_demo(),
            other => self.contacts.update(other, &self.store),
        }
    }

    fn update_detail(&mut self, action: Action) {
        let Some(detail) = &mut self.detail else {
            return;
        };
        let focused = detail.timeline_focused;
        match action {
            // Esc gives the keys back to the page before leaving it.
            Action::Back if focused => detail.focus_timeline(false),
            Action::Back => {
                self.detail = None;
                if let Some(tab) = self.detail_opened_from.take() {
                    self.show(tab);
                    // The page may have changed a member's name.
                    self.networks.reload_detail(&self.store);
                }
            }
            Action::FocusTimeline => detail.focus_timeline(!focused),
            Action::EditInteraction if !focused => detail.focus_timeline(true),
            Action::EditInteraction | Action::EditContact if focused => self.edit_interaction(),
            Action::EditContact => {
                let id = detail.contact_ref().id;
                self.edit_contact(id);
            }
            Action::DeleteInteraction | Action::Reopen if !focused => {
                detail.focus_timeline(true);
                if detail.timeline_focused {
                    let key = self.keymap.key_of(action).map(|k| k.to_string());
                    self.info(format!(
                        "Pick an interaction with ↑↓, then {} again",
                        key.unwrap_or_default()
                    ));
                }
            }
            Action::DeleteInteraction => {
                if let Some(interaction) = detail.selected_interaction() {
                    let me = detail.contact_ref().id;
                    self.overlay = Some(Overlay::Prompt(Box::new(Prompt::delete_interaction(
                        interaction,
                        me,
                    ))));
                }
            }
            Action::Reopen => self.reopen(),
            Action::Merge => {
                let keep = detail.contact_ref();
                let kind = detail.detail.contact.kind;
                let hint = self.undo_hint();
                match MergeForm::new(&self.store, &self.config, keep, kind, hint) {
                    Ok(form) => self.overlay = Some(Overlay::Merge(Box::new(form))),
                    Err(error) => self.error(words::error(&error)),
                }
            }
            Action::DeleteContact => {
                let id = detail.contact_ref().id;
                match self.store.delete_plan(id) {
                    Ok(plan) => {
                        self.overlay = Some(Overlay::Prompt(Box::new(Prompt::delete_contact(plan))))
                    }
                    Err(error) => self.error(words::error(&error)),
                }
            }
            Action::Archive => {
                let contact = detail.contact_ref();
                let archived = detail.detail.contact.archived;
                if archived {
                    self.set_archived(contact, false);
                } else {
                    self.detail = None;
                    self.detail_opened_from = None;
                    self.set_archived(contact, true);
                }
            }
            other => detail.update(other),
        }
    }

    /// `o` on an interaction: its kept promise is open again (one of them
    /// picked, when it has several).
    fn reopen(&mut self) {
        let Some(interaction) = self.detail.as_ref().and_then(|d| d.selected_interaction()) else {
            return;
        };
        let kept: Vec<_> = interaction
            .items
            .iter()
            .filter(|item| is_kept_promise(item, interaction))
            .cloned()
            .collect();
        match kept.as_slice() {
            [] => self.info("This interaction has no kept promise to reopen"),
            [item] => match reopen(&mut self.store, item) {
                Ok(message) => {
                    self.refresh();
                    self.info(message);
                }
                Err(message) => self.error(message),
            },
            _ => self.overlay = Some(Overlay::Prompt(Box::new(Prompt::reopen(kept)))),
        }
    }

    /// The interaction under the timeline's cursor in the log form.
    fn edit_interaction(&mut self) {
        let Some(interaction) = self.detail.as_ref().and_then(|d| d.selected_interaction()) else {
            return;
        };
        let interaction = interaction.clone();
        self.overlay = Some(Overlay::edit_log(&self.store, interaction, self.today()));
    }

    /// `D` on the welcome screen: demo data in this (empty) database, so a
    /// first run has something to look at. `demo::generate` refuses a
    /// database that holds contacts, so it can never mix into real data.
    fn load_demo(&mut self) {
        match ties::demo::generate(&mut self.store, &ties::demo::DemoOptions::default()) {
            Ok(summary) => {
                self.refresh();
                self.info(format!(
                    "Demo data: {} contacts, {} interactions. Start afresh any time with another --db file.",
                    summary.contacts, summary.interactions
                ));
            }
            Err(error) => self.error(format!("{error}")),
        }
    }

    fn edit_contact(&mut self, id: i64) {
        match Overlay::edit_contact(&self.store, id) {
            Ok(overlay) => self.overlay = Some(overlay),
            Err(error) => self.error(format!("cannot edit contact #{id}: {error}")),
        }
    }

    /// Archives a contact, or brings an archived one back.
    fn set_archived(&mut self, contact: ContactRef, archived: bool) {
        match self.store.set_archived(contact.id, archived) {
            Ok(()) => {
                self.refresh();
                let name = cell_text(&contact.name);
                if archived {
                    self.undoable(format!("Archived {name}"));
                } else {
                    self.info(format!("{name} is back"));
                }
            }
            Err(error) => self.error(format!("could not archive: {}", words::error(&error))),
        }
    }

    /// `u`: takes back the newest change in the history, whoever made it
    /// (this UI, the command line, another ties), and reloads every screen.
    fn undo(&mut self) {
        match self.store.undo() {
            Ok(undone) => {
                self.refresh();
                self.info(format!(
                    "Undid: {}",
                    cell_text(&undone.entry.change.to_string())
                ));
            }
            Err(ties::Error::Refused(ties::Refusal::NothingToUndo)) => self.info("Nothing to undo"),
            Err(error) => self.error(words::error(&error)),
        }
    }
}

/// What a screen asks of the app after an action.
pub enum ScreenOutcome {
    Nothing,
    OpenContact(i64),
    Overlay(Box<Overlay>),
    /// The store changed: reload, and say so.
    Changed(String),
    Failed(String),
}
