//! Everything the user can ask of the UI. Keys (via the keymap) and mouse
//! events become actions; `App::update` is the one place they take effect.

macro_rules! actions {
    ($($variant:ident => $name:literal, $label:literal;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant),+ }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in the config's `[keys]` section.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            /// What the help overlay and the footer call it.
            pub fn label(self) -> &'static str {
                match self { $(Action::$variant => $label),+ }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit", "quit";
    Help => "help", "help";
    Refresh => "refresh", "refresh";
    Back => "back", "back";
    NextTab => "next_tab", "next tab";
    PrevTab => "prev_tab", "previous tab";
    ShowContacts => "contacts", "contacts";
    ShowReview => "review", "review";
    ShowNetworks => "networks", "networks";
    Up => "up", "up";
    Down => "down", "down";
    PageUp => "page_up", "page up";
    PageDown => "page_down", "page down";
    HalfPageUp => "half_page_up", "half a page up";
    HalfPageDown => "half_page_down", "half a page down";
    Top => "top", "first";
    Bottom => "bottom", "last";
    Open => "open", "open";
    Filter => "filter", "filter";
    CycleSort => "sort", "sort";
    AddContact => "add", "add";
    EditContact => "edit", "edit";
    Archive => "archive", "archive";
    Undo => "undo", "undo the newest change";
    Suspend => "suspend", "suspend (fg resumes)";
    ShowArchived => "archived", "archived contacts";
    ShowIds => "ids", "show ids";
    EditInteraction => "edit_interaction", "edit the interaction";
    DeleteInteraction => "delete_interaction", "delete the interaction";
    Reopen => "reopen", "reopen a kept promise";
    FocusTimeline => "timeline", "contact or timeline";
    DeleteContact => "delete_contact", "delete the contact";
    Merge => "merge", "merge with another contact";
    Log => "log", "log";
    Snooze => "snooze", "snooze";
    SetCadence => "cadence", "cadence";
    Settle => "settle", "settle";
    LetGo => "let_go", "let go";
    MarkReviewed => "mark_reviewed", "mark reviewed";
    EditNetwork => "edit_network", "edit";
    EditNetworkNote => "edit_network_note", "edit the note";
    AddMember => "add_member", "add member";
    RemoveMember => "remove_member", "remove member";
    SwitchPane => "switch_pane", "members or interactions";
    Save => "save", "save";
    NextField => "next_field", "next field";
    PrevField => "prev_field", "previous field";
    Cancel => "cancel", "cancel";
    LoadDemo => "load_demo", "fill an empty database with demo data";
    NextSection => "next_section", "next section";
    PrevSection => "prev_section", "previous section";
    DrawMore => "more", "draw more";
    NotThisWeek => "not_this_week", "not this week";
}
