//! The terminal UI face: one `App`, one `Action` enum, one `update`; screens
//! draw from the app's state. crossterm is used only through ratatui's
//! re-export, so there is one crossterm in the tree.

pub mod action;
pub mod app;
mod columns;
mod contacts;
mod detail;
mod filter;
pub mod keymap;
mod networks;
mod overlay;
mod review;
mod scroll;
pub mod theme;
pub mod ui;
mod widgets;
pub mod words;

#[cfg(test)]
mod dates_tests;
#[cfg(test)]
mod filter_tests;
#[cfg(test)]
mod fix_tests;
#[cfg(test)]
mod form_tests;
#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod log_form_tests;
#[cfg(test)]
mod narrow_tests;
#[cfg(test)]
mod networks_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod scroll_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod text_field_tests;

use std::io::{self, Write};
use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use app::App;
use keymap::Keymap;
use theme::Theme;
use ties::Store;
use ties::config::Config;

/// Opens the UI on `store` until the user quits. The terminal is restored on
/// every way out: quit, error, panic, Ctrl-C (which arrives as a key in raw
/// mode and quits).
pub fn run(store: Store, config: Config) -> anyhow::Result<()> {
    // The binary checked `[keys]` when it read the config.
    let keymap =
        Keymap::with_overrides(&config.keys).map_err(|e| anyhow::anyhow!("config: {e}"))?;
    install_panic_hook();
    let mut terminal = ratatui::init();
    let _guard = ModesGuard::enable();
    let mut app = App::new(store, config, keymap, Theme::from_env());

    // The first frame goes up before anything is read from the store.
    terminal.draw(|frame| ui::draw(frame, &mut app))?;
    if std::env::var_os("TIES_TEST_PANIC").is_some() {
        panic!("TIES_TEST_PANIC is set: panicking on purpose to test terminal restore");
    }
    app.load();
    let mut dirty = true;
    while !app.quit {
        if app.suspend {
            app.suspend = false;
            suspend()?;
            // The screen was cleared: both buffers blank, so the next
            // draw writes every cell. (`Terminal::clear` would ask the
            // terminal where its cursor is, which not every one answers.)
            terminal.swap_buffers();
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| ui::draw(frame, &mut app))?;
        }
        // After the frame with rows, not before it.
        app.start_background();
        // No idle redraws: the screen changes only when something happens,
        // or when work on another thread (the filter's matches) is done,
        // which is looked for often while it is under way.
        let idle = if app.is_waiting() {
            Duration::from_millis(2)
        } else {
            Duration::from_secs(5)
        };
        let event = event::poll(idle)?;
        dirty = event && app.handle_event(&event::read()?);
        // Right after a key, wait a moment for its matches, so the frame
        // shows them rather than a search under way.
        let wait = if event {
            contacts::MATCH_WAIT
        } else {
            Duration::ZERO
        };
        dirty |= app.settle(wait);
    }
    Ok(())
}

/// The extra terminal modes ties turns on, turned off again on drop (before
/// `ratatui::restore` runs in the panic hook or at the end of `run`).
struct ModesGuard;

impl ModesGuard {
    fn enable() -> ModesGuard {
        let _ = execute!(
            io::stdout(),
            EnableMouseCapture,
            EnableFocusChange,
            EnableBracketedPaste
        );
        ModesGuard
    }
}

impl Drop for ModesGuard {
    fn drop(&mut self) {
        disable_modes();
        ratatui::restore();
    }
}

/// Ctrl-Z: the terminal goes back to how the shell left it, the process
/// stops as any terminal program does (SIGTSTP), and on `fg` raw mode, the
/// alternate screen and ties' modes come back (the caller redraws).
fn suspend() -> io::Result<()> {
    disable_modes();
    ratatui::restore();
    let _ = execute!(io::stdout(), ratatui::crossterm::cursor::Show);
    stop_until_resumed();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    let _ = execute!(
        io::stdout(),
        EnableMouseCapture,
        EnableFocusChange,
        EnableBracketedPaste
    );
    Ok(())
}

#[cfg(unix)]
fn stop_until_resumed() {
    // SAFETY: raise only sends a signal to this process; SIGTSTP's default
    // action stops it until SIGCONT, after which raise returns.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
}

/// No job control elsewhere: the screen is simply redrawn.
#[cfg(not(unix))]
fn stop_until_resumed() {}

fn disable_modes() {
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableFocusChange,
        DisableBracketedPaste
    );
    let _ = io::stdout().flush();
}

/// `ratatui::init` restores raw mode and the main screen on panic, but not
/// mouse capture, focus reporting or bracketed paste: undo those first, then
/// let the default hook print the panic on a sane terminal.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_modes();
        ratatui::restore();
        previous(info);
    }));
}
