//! The real `ties` binary in a pseudo-terminal, its screen read back through
//! a vt100 emulator. Used by the end-to-end tests and the UI benchmark.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Bytes received so far, to tell when a new frame has arrived.
    received: Arc<Mutex<usize>>,
    writer: File,
    pub child: Child,
    pub started: Instant,
}

/// A pseudo-terminal pair of the given size: (master, slave).
fn open_pty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: openpty writes two new descriptors we then own; the name
    // buffer and termios are optional and left null.
    let status = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(
        status,
        0,
        "openpty failed: {}",
        std::io::Error::last_os_error()
    );
    // SAFETY: both descriptors are open and owned by nobody else.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

impl Session {
    /// Starts `binary` with `args` in a `cols`×`rows` terminal. The
    /// environment is cleared except for what a terminal app needs.
    pub fn spawn(
        binary: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let (master, slave) = open_pty(cols, rows);
        let mut command = Command::new(binary);
        command
            .args(args)
            .env_clear()
            .env("TERM", "xterm-256color")
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env(
                "HOME",
                std::env::var("HOME").unwrap_or_else(|_| "/tmp".into()),
            )
            .envs(env.iter().copied())
            .stdin(Stdio::from(slave.try_clone().expect("dup the pty")))
            .stdout(Stdio::from(slave.try_clone().expect("dup the pty")))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec: a new
        // session whose controlling terminal is the pty (stdin).
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() == -1 || libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let started = Instant::now();
        let child = command.spawn().expect("spawn ties");
        let mut reader = File::from(master.try_clone().expect("dup the pty"));
        let writer = File::from(master);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let received = Arc::new(Mutex::new(0usize));
        {
            let screen = Arc::clone(&screen);
            let received = Arc::clone(&received);
            std::thread::spawn(move || {
                let mut buffer = [0u8; 65536];
                // Ends with EIO once the child has exited and closed the pty.
                while let Ok(n @ 1..) = reader.read(&mut buffer) {
                    screen.lock().unwrap().process(&buffer[..n]);
                    *received.lock().unwrap() += n;
                }
            });
        }
        Session {
            screen,
            received,
            writer,
            child,
            started,
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn received(&self) -> usize {
        *self.received.lock().unwrap()
    }

    /// Runs `check` on the screen until it holds; returns when it did.
    pub fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&vt100::Screen) -> bool,
    ) -> Instant {
        let deadline = Instant::now() + timeout;
        loop {
            if check(self.screen.lock().unwrap().screen()) {
                return Instant::now();
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen shows:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    pub fn wait_for_text(&self, needle: &str, timeout: Duration) -> Instant {
        self.wait_for(needle, timeout, |screen| screen.contents().contains(needle))
    }

    /// Sends keys and waits until the screen shows `needle`; returns the time
    /// from the keys being written to the frame that shows it.
    pub fn keys_until(&mut self, keys: &[u8], needle: &str, timeout: Duration) -> Duration {
        let sent = Instant::now();
        self.send(keys);
        self.wait_for_text(needle, timeout) - sent
    }

    /// Waits for the process to end; returns its exit status.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                // Let the reader thread drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("ties did not exit; the screen shows:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the terminal is back to normal: main screen, cursor shown, no
    /// mouse reporting, no bracketed paste.
    /// Waits until `terminal_restored` holds: the UI's last escape codes
    /// may arrive just after the shell's prompt shows again.
    pub fn wait_restored(&self, wait: std::time::Duration) -> Result<(), String> {
        let started = std::time::Instant::now();
        loop {
            let outcome = self.terminal_restored();
            if outcome.is_ok() || started.elapsed() >= wait {
                return outcome;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    pub fn terminal_restored(&self) -> Result<(), String> {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let mut problems = Vec::new();
        if screen.alternate_screen() {
            problems.push("still on the alternate screen");
        }
        if screen.hide_cursor() {
            problems.push("cursor hidden");
        }
        if screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
            problems.push("mouse capture on");
        }
        if screen.bracketed_paste() {
            problems.push("bracketed paste on");
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join(", "))
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
