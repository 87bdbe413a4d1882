//! The application state and the one place actions take effect (`update`).
//! Drawing (`ui.rs`) only reads this state.

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::Action;
use super::contacts::ContactsScreen;
use super::detail::DetailScreen;
use super::keymap::{Key, Keymap, Scope};
use super::networks::NetworksScreen;
use super::overlay::{Overlay, OverlayOutcome};
use super::review::ReviewScreen;
use super::scroll;
use super::theme::Theme;
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

/// A one-line message at the bottom, optionally with something to undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub undo: Option<Undo>,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    Unarchive(ContactRef),
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

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            undo: None,
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            undo: None,
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

    fn select_row(&mut self, index: usize) {
        match self.tab {
            Tab::Contacts if self.detail.is_none() => self.contacts.select(index),
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
                self.apply_screen_outcome(outcome);
            }
            Tab::Networks => {
                let outcome = self.networks.update(action, &mut self.store, &self.config);
                self.apply_screen_outcome(outcome);
            }
        }
    }

    fn apply_screen_outcome(&mut self, outcome: ScreenOutcome) {
        match outcome {
            ScreenOutcome::Nothing => {}
            ScreenOutcome::OpenContact(id) => self.open_contact(id),
            ScreenOutcome::Overlay(overlay) => self.overlay = Some(*overlay),
            ScreenOutcome::Changed(message) => {
                self.refresh();
                self.info(message);
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
                    self.archive(contact);
                }
            }
            Action::Back if !self.contacts.filter_text().is_empty() => self.contacts.clear_filter(),
            Action::LoadDemo => self.load_demo(),
            other => self.contacts.update(other),
        }
    }

    fn update_detail(&mut self, action: Action) {
        let Some(detail) = &mut self.detail else {
            return;
        };
        match action {
            Action::Back => {
                self.detail = None;
                if let Some(tab) = self.detail_opened_from.take() {
                    self.show(tab);
                    // The page may have changed a member's name.
                    self.networks.reload_detail(&self.store);
                }
            }
            Action::EditContact => {
                let id = detail.contact_ref().id;
                self.edit_contact(id);
            }
            Action::Archive => {
                let contact = detail.contact_ref();
                self.detail = None;
                self.detail_opened_from = None;
                self.archive(contact);
            }
            other => detail.update(other),
        }
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

    fn archive(&mut self, contact: ContactRef) {
        match self.store.set_archived(contact.id, true) {
            Ok(()) => {
                self.refresh();
                let undo_key = self
                    .keymap
                    .help(Scope::Contacts)
                    .into_iter()
                    .find(|(_, _, a)| *a == Action::Undo)
                    .map(|(_, keys, _)| keys)
                    .unwrap_or_else(|| "u".into());
                self.status = Some(Status {
                    text: format!("Archived {} · {undo_key} to undo", contact.name),
                    undo: Some(Undo::Unarchive(contact)),
                    error: false,
                });
            }
            Err(error) => self.error(format!("could not archive: {error}")),
        }
    }

    fn undo(&mut self) {
        let Some(Status {
            undo: Some(undo), ..
        }) = self.status.clone()
        else {
            self.info("Nothing to undo");
            return;
        };
        match undo {
            Undo::Unarchive(contact) => match self.store.set_archived(contact.id, false) {
                Ok(()) => {
                    self.refresh();
                    self.info(format!("{} is back", contact.name));
                }
                Err(error) => self.error(format!("could not undo: {error}")),
            },
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
