//! The interactive quiz in a real pseudo-terminal: keys go in as a student
//! would type them and the screen is read back through a terminal emulator.
//! This module is the harness; `quiz` takes the six-question fixture bank
//! (going back, skipping, stopping and resuming, seeds, signals, colours),
//! `adaptive` takes the bundled bank in adaptive mode, and `hostile` the
//! terminal going away, two quizzes on one session file, and session files
//! that point where they should not, and `words` a session saved before
//! the bundled bank was reworded.

mod adaptive;
mod explore;
mod hostile;
mod plain;
mod prompts;
mod quiz;
mod results;
mod sessions;
mod words;

use std::num::NonZeroU16;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::session::OsSession;
use serde_json::Value;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const SPACE: &str = " ";
const UP: &str = "\x1b[A";

/// A guard against hangs, not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(20);

struct Pty {
    session: OsSession,
    screen: vt100::Parser,
    /// Everything the program wrote, escape sequences included.
    raw: Vec<u8>,
    /// The run's own `XDG_DATA_HOME` (unless the test gave one), removed
    /// when the test ends.
    data: tempfile::TempDir,
}

impl Pty {
    fn spawn(args: &[&str]) -> Pty {
        Pty::spawn_with(args, &[])
    }

    fn spawn_with(args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_sized(args, env, 100, 50)
    }

    /// In a terminal of `cols` × `rows`. Each run has its own empty data
    /// folder (`XDG_DATA_HOME`, see [`Pty::data_dir`]) unless `env` names
    /// one, and no `CARGO`/`CARGO_PKG_NAME` unless `env` sets them.
    fn spawn_sized(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        Pty::spawn_in(std::path::Path::new("."), args, env, cols, rows)
    }

    /// Waits for the menu at the end of a quiz and leaves it with Esc.
    fn leave_result(&mut self) {
        self.wait_for("What would you like to see?");
        self.keys(ESC);
    }

    /// The data folder this run was given (unless `env` named another).
    #[allow(dead_code)]
    fn data_dir(&self) -> &std::path::Path {
        self.data.path()
    }

    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        match self.session.try_read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.screen.process(&buf[..n]);
                self.raw.extend_from_slice(&buf[..n]);
                true
            }
            Err(_) => false,
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads output until the screen shows `text`.
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            if !self.pump() {
                std::thread::sleep(Duration::from_millis(10));
            }
            assert!(
                start.elapsed() < PATIENCE,
                "never saw {text:?}; the screen was:\n{}",
                self.contents()
            );
        }
    }

    fn keys(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Waits for question `n` of `total` to be asked, then types `keys`.
    fn answer(&mut self, n: usize, total: usize, keys: &[&str]) {
        self.wait_for(&format!("? [{n}/{total}]"));
        for key in keys {
            self.keys(key);
            // A lone Esc is told from an escape sequence by the pause after it.
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Reads to the end and returns the exit code.
    fn exit_code(self) -> i32 {
        self.finish().0
    }

    /// Reads to the end: the exit code and all raw output.
    fn finish(mut self) -> (i32, Vec<u8>) {
        let start = Instant::now();
        loop {
            self.pump();
            // `status` reaps the child once it has exited: `Exited(Pid(..), CODE)`.
            let status = format!("{:?}", self.session.get_process().status().unwrap());
            if status != "StillAlive" {
                while self.pump() {}
                let code = status
                    .trim_end_matches(')')
                    .rsplit(", ")
                    .next()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or_else(|| panic!("no exit code in {status}"));
                return (code, self.raw);
            }
            std::thread::sleep(Duration::from_millis(10));
            assert!(
                start.elapsed() < PATIENCE,
                "did not exit:\n{}",
                self.contents()
            );
        }
    }

    /// Reads output until the screen no longer shows `text`.
    fn wait_until_gone(&mut self, text: &str) {
        let start = Instant::now();
        while self.contents().contains(text) {
            if !self.pump() {
                std::thread::sleep(Duration::from_millis(10));
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{text:?} never went; the screen was:\n{}",
                self.contents()
            );
        }
    }

    /// Like [`Pty::spawn_sized`], in the folder `dir` (the test's own: `.`).
    fn spawn_in(
        dir: &std::path::Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let data = tempfile::tempdir().expect("a temporary data folder");
        let mut command = Command::new(env!("CARGO_BIN_EXE_pathfit"));
        command
            .current_dir(dir)
            .args(args)
            .env("TERM", "xterm")
            .env("XDG_DATA_HOME", data.path())
            .env_remove("NO_COLOR")
            .env_remove("CARGO")
            .env_remove("CARGO_PKG_NAME")
            .envs(env.iter().copied());
        let mut session = OsSession::spawn(command).expect("spawn in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        Pty {
            session,
            raw: Vec::new(),
            screen: vt100::Parser::new(
                NonZeroU16::new(rows).unwrap(),
                NonZeroU16::new(cols).unwrap(),
                0,
            ),
            data,
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the screen
    /// read back.
    fn resize(&mut self, cols: u16, rows: u16) {
        while self.pump() {}
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .unwrap();
        self.screen.set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
    }

    /// The screen's rows, as the emulator shows them.
    fn rows(&self) -> Vec<String> {
        let screen = self.screen.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols.get()).collect()
    }
}

/// The question ids in the order the JSON says they were asked.
fn order(json: &Value) -> Vec<String> {
    json["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap().to_string())
        .collect()
}

/// Answers every question of the 6-question bank in bank order with Enter
/// (the default of each prompt), from question `from` on.
fn enter_all(pty: &mut Pty, from: usize) {
    for n in from..=6 {
        pty.answer(n, 6, &[ENTER]);
    }
}
