//! Every key binding in one table. Input handling looks keys up here, and the
//! help overlay and the footer are generated from the same rows, so they can
//! never disagree. A user's `[keys]` config section is patched over the
//! defaults: `archive = "d"` moves archive from `x` to `d` on every screen.

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
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
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
        b(Global, Key::plain(K::Esc), Back, false),
        b(Global, Key::ch('j'), Down, false),
        b(Global, Key::plain(K::Down), Down, false),
        b(Global, Key::ch('k'), Up, false),
        b(Global, Key::plain(K::Up), Up, false),
        b(Global, Key::plain(K::PageDown), PageDown, false),
        b(Global, Key::plain(K::PageUp), PageUp, false),
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
        b(Contacts, Key::ch('u'), Undo, false),
        b(Contacts, Key::ch('D'), LoadDemo, false),
        b(Detail, Key::ch('e'), EditContact, true),
        b(Detail, Key::ch('x'), Archive, false),
        b(Detail, Key::ch('u'), Undo, false),
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
        b(Networks, Key::ch('e'), EditNetwork, true),
        b(NetworkDetail, Key::ch('e'), EditNetwork, true),
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
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> Result<Keymap, String> {
        let mut keymap = Keymap::default();
        for (name, key_text) in overrides {
            let action = Action::from_name(name).ok_or_else(|| {
                format!(
                    "keys.{name}: unknown action; the actions are {}",
                    Action::ALL
                        .iter()
                        .map(|a| a.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let key = Key::parse(key_text).ok_or_else(|| {
                format!("keys.{name} = \"{key_text}\": use a key like \"d\", \"G\", \"ctrl-s\", \"enter\" or \"f2\"")
            })?;
            for binding in keymap.bindings.iter_mut().filter(|b| b.action == action) {
                binding.key = key;
            }
        }
        Ok(keymap)
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
        let overrides = [("archive".to_string(), "d".to_string())];
        let keymap = Keymap::with_overrides(overrides.iter().map(|(a, b)| (a, b))).unwrap();
        assert_eq!(
            keymap.action(Scope::Contacts, Key::ch('d')),
            Some(Action::Archive)
        );
        assert_eq!(keymap.action(Scope::Contacts, Key::ch('x')), None);
        let help = keymap.help(Scope::Contacts);
        assert!(
            help.iter()
                .any(|(_, keys, a)| *a == Action::Archive && keys == "d")
        );
    }

    #[test]
    fn bad_overrides_are_explained() {
        let bad = [("archiv".to_string(), "d".to_string())];
        let err = Keymap::with_overrides(bad.iter().map(|(a, b)| (a, b))).unwrap_err();
        assert!(
            err.contains("unknown action") && err.contains("archive"),
            "{err}"
        );
        let bad = [("archive".to_string(), "hyper-d".to_string())];
        assert!(Keymap::with_overrides(bad.iter().map(|(a, b)| (a, b))).is_err());
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
