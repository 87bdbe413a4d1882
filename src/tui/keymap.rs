//! Every key binding in one table. Input handling looks keys up here, and the
//! help overlay and the footer are generated from the same rows, so they can
//! never disagree. A user's `[keys]` config section is patched over the
//! defaults: `archive = "b"` moves archive from `x` to `b` on every screen.
//! Ctrl-C always quits, whatever the config says, so no binding can lock
//! anyone in; a binding that would take a key another action uses on the
//! same screen is refused, as is a key name this table does not know.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies. `Global` bindings apply on every screen unless
/// the screen binds the same key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Contacts,
    Detail,
    Review,
    Networks,
    NetworkDetail,
    Form,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Contacts => "Contacts",
            Scope::Detail => "Contact",
            Scope::Review => "Review",
            Scope::Networks => "Networks",
            Scope::NetworkDetail => "Network",
            Scope::Form => "Forms",
        }
    }
}

/// A key with its modifiers, as written in the config: `q`, `G`, `ctrl-s`,
/// `shift-tab`, `enter`, `esc`, `pgdn`, `f1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Quits from everywhere, forms and prompts included; not rebindable.
    pub const QUIT_ALWAYS: Key = Key::ctrl('c');

    /// The key of a terminal event. Shift is folded into the character
    /// (`G`), and Shift-Tab arrives as BackTab.
    pub fn from_event(event: &KeyEvent) -> Key {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key { code, ctrl }
    }

    pub fn parse(text: &str) -> Option<Key> {
        let lower = text.trim().to_lowercase();
        let (ctrl, rest) = match lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            Some(rest) => (true, rest.to_string()),
            None => (false, lower.clone()),
        };
        let code = match rest.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            // Terminals send F1 to F12.
            f if f.starts_with('f') && f.len() > 1 => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ if rest.chars().count() != 1 => return None,
            _ => {
                // Single characters keep their case from the original text: `G` ≠ `g`.
                let original = text.trim();
                let original = original.rsplit('-').next().unwrap_or(original);
                let mut chars = original.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub key: Key,
    pub action: Action,
    /// Shown in the footer of its screen.
    pub footer: bool,
}

/// A `[keys]` entry the keymap refuses, and why. Worded by the binary with
/// the line of the config file it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBinding {
    /// The entry as written: `archive = "q"`.
    pub action: String,
    pub written: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownAction,
    UnknownKey,
    /// The key already does `by` on the screen `scope` (`Global`: on every
    /// screen).
    Taken {
        by: Action,
        scope: Scope,
    },
    /// Ctrl-C always quits.
    Reserved,
}

impl fmt::Display for BadBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entry = format!("keys.{} = \"{}\"", self.action, self.written);
        match &self.problem {
            Problem::UnknownAction => write!(
                f,
                "keys.{}: unknown action; the actions are {}",
                self.action,
                Action::ALL
                    .iter()
                    .map(|a| a.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::UnknownKey => write!(
                f,
                "{entry}: unknown key; use a key like \"d\", \"G\", \"ctrl-s\", \"enter\", \"pgdn\" or \"f2\" (f1 to f12)"
            ),
            Problem::Reserved => write!(f, "{entry}: Ctrl-C always quits and cannot be rebound"),
            Problem::Taken { by, scope } => {
                let screen = match scope {
                    Scope::Global => "on every screen".to_string(),
                    Scope::Form => "in forms".to_string(),
                    other => format!("on the {} screen", other.title().to_lowercase()),
                };
                write!(
                    f,
                    "{entry}: that key already does {} {screen}; choose another key, or move {} as well",
                    by.name(),
                    by.name()
                )
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The compiled-in defaults.
fn defaults() -> Vec<Binding> {
    use Action::*;
    use KeyCode as K;
    use Scope::*;
    let b = |scope, key, action, footer| Binding {
        scope,
        key,
        action,
        footer,
    };
    vec![
        b(Global, Key::ch('q'), Quit, true),
        b(Global, Key::ctrl('c'), Quit, false),
        b(Global, Key::ch('?'), Help, true),
        b(Global, Key::ch('1'), ShowContacts, false),
        b(Global, Key::ch('2'), ShowReview, false),
        b(Global, Key::ch('3'), ShowNetworks, false),
        b(Global, Key::plain(K::Tab), NextTab, false),
        b(Global, Key::plain(K::BackTab), PrevTab, false),
        b(Global, Key::ch('l'), Log, true),
        b(Global, Key::ch('r'), Refresh, false),
        b(Global, Key::ch('u'), Undo, false),
        b(Global, Key::ctrl('z'), Suspend, false),
        b(Global, Key::plain(K::Esc), Back, false),
        b(Global, Key::ch('j'), Down, false),
        b(Global, Key::plain(K::Down), Down, false),
        b(Global, Key::ch('k'), Up, false),
        b(Global, Key::plain(K::Up), Up, false),
        b(Global, Key::plain(K::PageDown), PageDown, false),
        b(Global, Key::plain(K::PageUp), PageUp, false),
        b(Global, Key::ctrl('d'), HalfPageDown, false),
        b(Global, Key::ctrl('u'), HalfPageUp, false),
        b(Global, Key::ch('g'), Top, false),
        b(Global, Key::plain(K::Home), Top, false),
        b(Global, Key::ch('G'), Bottom, false),
        b(Global, Key::plain(K::End), Bottom, false),
        b(Contacts, Key::plain(K::Enter), Open, true),
        b(Contacts, Key::ch('/'), Filter, true),
        b(Contacts, Key::ch('s'), CycleSort, true),
        b(Contacts, Key::ch('a'), AddContact, true),
        b(Contacts, Key::ch('e'), EditContact, false),
        b(Contacts, Key::ch('x'), Archive, true),
        b(Contacts, Key::ch('D'), LoadDemo, false),
        b(Contacts, Key::ch('A'), ShowArchived, false),
        b(Contacts, Key::ch('#'), ShowIds, false),
        b(Detail, Key::ch('e'), EditContact, true),
        b(Detail, Key::ch('x'), Archive, false),
        b(Detail, Key::plain(K::Enter), EditInteraction, true),
        b(Detail, Key::plain(K::Right), FocusTimeline, false),
        b(Detail, Key::plain(K::Left), FocusTimeline, false),
        b(Detail, Key::ch('d'), DeleteInteraction, true),
        b(Detail, Key::ch('o'), Reopen, false),
        b(Detail, Key::ch('M'), Merge, false),
        b(Detail, Key::ch('D'), DeleteContact, false),
        b(Detail, Key::plain(K::Esc), Back, true),
        b(Review, Key::plain(K::Enter), Open, false),
        // Each row shows the key its reason calls for (d, x, l); the
        // footer has the ones every row takes.
        b(Review, Key::ch('z'), Snooze, true),
        b(Review, Key::ch('c'), SetCadence, false),
        b(Review, Key::ch('d'), Settle, false),
        b(Review, Key::ch('x'), LetGo, false),
        b(Review, Key::ch('n'), NotThisWeek, true),
        b(Review, Key::ch('m'), DrawMore, true),
        b(Review, Key::ch('R'), MarkReviewed, true),
        b(Review, Key::ch(']'), NextSection, false),
        b(Review, Key::ch('['), PrevSection, false),
        b(Networks, Key::plain(K::Enter), Open, true),
        b(Networks, Key::ch('/'), Filter, true),
        b(Networks, Key::ch('e'), EditNetwork, true),
        b(NetworkDetail, Key::plain(K::Enter), Open, true),
        b(NetworkDetail, Key::ch('a'), AddMember, true),
        b(NetworkDetail, Key::ch('x'), RemoveMember, true),
        b(NetworkDetail, Key::ch('e'), EditNetwork, true),
        b(NetworkDetail, Key::ch('n'), EditNetworkNote, false),
        b(NetworkDetail, Key::plain(K::Left), SwitchPane, false),
        b(NetworkDetail, Key::plain(K::Right), SwitchPane, false),
        b(NetworkDetail, Key::plain(K::Esc), Back, true),
        b(Form, Key::ctrl('s'), Save, true),
        b(Form, Key::plain(K::Tab), NextField, true),
        b(Form, Key::plain(K::BackTab), PrevField, false),
        b(Form, Key::plain(K::Esc), Cancel, true),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// The defaults with the user's `[keys]` patched over them: each entry
    /// moves an action to a new key in every scope the action is bound in.
    /// Ctrl-C stays with quit.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> Result<Keymap, BadBinding> {
        let mut keymap = Keymap::default();
        let mut moved = Vec::new();
        for (name, written) in overrides {
            let bad = |problem| BadBinding {
                action: name.clone(),
                written: written.clone(),
                problem,
            };
            let action = Action::from_name(name).ok_or_else(|| bad(Problem::UnknownAction))?;
            let key = Key::parse(written).ok_or_else(|| bad(Problem::UnknownKey))?;
            if key == Key::QUIT_ALWAYS && action != Action::Quit {
                return Err(bad(Problem::Reserved));
            }
            for binding in keymap
                .bindings
                .iter_mut()
                .filter(|b| b.action == action && b.key != Key::QUIT_ALWAYS)
            {
                binding.key = key;
            }
            moved.push((bad(Problem::UnknownKey), action, key));
        }
        // Checked once all have moved, so two actions may swap their keys.
        for (entry, action, key) in moved {
            if let Some((scope, by)) = keymap.clash(action, key) {
                return Err(BadBinding {
                    problem: Problem::Taken { by, scope },
                    ..entry
                });
            }
        }
        Ok(keymap)
    }

    /// Another action the same key does on a screen where `action` is
    /// bound to it: a screen's own bindings and the global ones share
    /// every screen but forms, which have only their own.
    fn clash(&self, action: Action, key: Key) -> Option<(Scope, Action)> {
        let mine = self
            .bindings
            .iter()
            .filter(|b| b.action == action && b.key == key);
        for binding in mine {
            let shares = |other: Scope| {
                other == binding.scope
                    || (binding.scope == Scope::Global && other != Scope::Form)
                    || (other == Scope::Global && binding.scope != Scope::Form)
            };
            if let Some(other) = self
                .bindings
                .iter()
                .find(|b| b.key == key && b.action != action && shares(b.scope))
            {
                let scope = if other.scope == Scope::Global {
                    binding.scope
                } else {
                    other.scope
                };
                return Some((scope, other.action));
            }
        }
        None
    }

    /// The action of a key on a screen: the screen's own binding first, then
    /// a global one (unless `text_entry`, when plain characters are text).
    pub fn action(&self, scope: Scope, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.scope == scope && b.key == key)
            .or_else(|| {
                (scope != Scope::Form)
                    .then(|| {
                        self.bindings
                            .iter()
                            .find(|b| b.scope == Scope::Global && b.key == key)
                    })
                    .flatten()
            })
            .map(|b| b.action)
    }

    /// Every binding that works on a screen, the screen's own first, one
    /// entry per action with all its keys ("j ↓").
    pub fn help(&self, scope: Scope) -> Vec<(Scope, String, Action)> {
        let mut rows: Vec<(Scope, String, Action)> = Vec::new();
        let scopes: &[Scope] = if scope == Scope::Form {
            &[Scope::Form]
        } else {
            &[scope, Scope::Global]
        };
        for &s in scopes {
            for binding in self.bindings.iter().filter(|b| b.scope == s) {
                // A global key the screen has taken over is not listed twice.
                if s == Scope::Global
                    && s != scope
                    && self
                        .bindings
                        .iter()
                        .any(|b| b.scope == scope && b.key == binding.key)
                {
                    continue;
                }
                if let Some(row) = rows
                    .iter_mut()
                    .find(|(rs, _, a)| *rs == s && *a == binding.action)
                {
                    row.1.push_str(&format!(" {}", binding.key));
                } else {
                    rows.push((s, binding.key.to_string(), binding.action));
                }
            }
        }
        rows
    }

    /// The key an action is bound to (its first), as the user would type
    /// it, for messages like "u to undo".
    pub fn key_of(&self, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.key)
    }

    /// The few keys that matter on a screen, for the footer.
    pub fn footer(&self, scope: Scope) -> Vec<(String, &'static str)> {
        let mut keys: Vec<(String, &'static str)> = Vec::new();
        let scopes: &[Scope] = if scope == Scope::Form {
            &[Scope::Form]
        } else {
            &[scope, Scope::Global]
        };
        for &s in scopes {
            for binding in self.bindings.iter().filter(|b| b.scope == s && b.footer) {
                if !keys
                    .iter()
                    .any(|(_, label)| *label == binding.action.label())
                {
                    keys.push((binding.key.to_string(), binding.action.label()));
                }
            }
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_bindings_win_over_global_ones() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.action(Scope::Contacts, Key::ch('x')),
            Some(Action::Archive)
        );
        assert_eq!(
            keymap.action(Scope::Review, Key::ch('x')),
            Some(Action::LetGo)
        );
        assert_eq!(
            keymap.action(Scope::Review, Key::ch('q')),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(Scope::Form, Key::ch('q')),
            None,
            "forms take letters as text"
        );
    }

    #[test]
    fn overrides_move_an_action() {
        let overrides = [("archive".to_string(), "b".to_string())];
        let keymap = Keymap::with_overrides(overrides.iter().map(|(a, b)| (a, b))).unwrap();
        assert_eq!(
            keymap.action(Scope::Contacts, Key::ch('b')),
            Some(Action::Archive)
        );
        assert_eq!(keymap.action(Scope::Contacts, Key::ch('x')), None);
        let help = keymap.help(Scope::Contacts);
        assert!(
            help.iter()
                .any(|(_, keys, a)| *a == Action::Archive && keys == "b")
        );
    }

    fn overridden(entries: &[(&str, &str)]) -> Result<Keymap, BadBinding> {
        let owned: Vec<(String, String)> = entries
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        Keymap::with_overrides(owned.iter().map(|(a, k)| (a, k)))
    }

    #[test]
    fn bad_overrides_are_explained() {
        let err = overridden(&[("archiv", "d")]).unwrap_err().to_string();
        assert!(
            err.contains("unknown action") && err.contains("archive"),
            "{err}"
        );
        let err = overridden(&[("archive", "hyper-d")]).unwrap_err();
        assert_eq!(err.problem, Problem::UnknownKey);
    }

    #[test]
    fn keys_terminals_do_not_send_are_unknown() {
        for name in ["f99", "f0", "f13", "ctrl-", "qq", ""] {
            let err = overridden(&[("quit", name)]).unwrap_err();
            assert_eq!(err.problem, Problem::UnknownKey, "{name}");
            assert!(err.to_string().contains("f1 to f12"), "{err}");
        }
        assert!(overridden(&[("quit", "f12")]).is_ok());
    }

    #[test]
    fn ctrl_c_stays_with_quit_whatever_quit_is_moved_to() {
        let keymap = overridden(&[("quit", "f2")]).unwrap();
        assert_eq!(
            keymap.action(Scope::Contacts, Key::plain(KeyCode::F(2))),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(Scope::Contacts, Key::QUIT_ALWAYS),
            Some(Action::Quit)
        );
        let err = overridden(&[("archive", "ctrl-c")]).unwrap_err();
        assert_eq!(err.problem, Problem::Reserved);
    }

    #[test]
    fn a_key_another_action_uses_on_the_same_screen_is_refused() {
        let err = overridden(&[("archive", "q")]).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::Taken {
                by: Action::Quit,
                scope: Scope::Contacts
            }
        );
        assert_eq!(
            err.to_string(),
            "keys.archive = \"q\": that key already does quit on the contacts screen; choose another key, or move quit as well"
        );
        // A global key that a screen already uses.
        let err = overridden(&[("down", "x")]).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::Taken {
                by: Action::Archive,
                scope: Scope::Contacts
            }
        );
        // Forms have only their own keys, so Esc there may differ.
        assert!(overridden(&[("back", "b")]).is_ok());
        // Screens do not share keys with each other: x archives in the
        // contacts and lets go in the review.
        assert!(overridden(&[("settle", "x")]).is_err());
        assert!(overridden(&[("snooze", "s")]).is_ok());
        // Two actions may swap keys.
        let swapped = overridden(&[("archive", "e"), ("edit", "x")]).unwrap();
        assert_eq!(
            swapped.action(Scope::Contacts, Key::ch('e')),
            Some(Action::Archive)
        );
        assert_eq!(
            swapped.action(Scope::Detail, Key::ch('x')),
            Some(Action::EditContact)
        );
        // Quit is everywhere, so it clashes with a screen's own key.
        let err = overridden(&[("quit", "x")]).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::Taken {
                by: Action::Archive,
                scope: Scope::Contacts
            }
        );
    }

    #[test]
    fn the_defaults_have_no_clashes() {
        let keymap = Keymap::default();
        for binding in &keymap.bindings {
            assert_eq!(
                keymap.clash(binding.action, binding.key),
                None,
                "{binding:?}"
            );
        }
    }

    #[test]
    fn the_example_config_names_every_action() {
        let example = include_str!("../../assets/config.example.toml");
        for action in Action::ALL {
            assert!(
                example.contains(action.name()),
                "assets/config.example.toml lacks {}",
                action.name()
            );
        }
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s"), Some(Key::ctrl('s')));
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::ctrl('s').to_string(), "Ctrl-S");
        assert_eq!(Key::plain(KeyCode::PageDown).to_string(), "PgDn");
    }
}
