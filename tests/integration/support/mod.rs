//! What the integration tests share: [`Test`], a builder that runs the
//! `pathfit` binary and checks its exit code, standard output and standard
//! error; the paths of the fixtures and examples; text and JSON helpers; and,
//! in [`problems`], a parser for the located problems pathfit reports.
//!
//! ```ignore
//! let out = Test::new()
//!     .args(["score", "--answers", "-"])
//!     .stdin("answers:\n  first-day: moon\n")
//!     .status(65)
//!     .stdout("")
//!     .stderr_contains("[bad-answer]")
//!     .run();
//! assert!(out.stderr.starts_with("error: <standard input>: 1 problem found\n"));
//!
//! // Exit 0 unless told otherwise; the output is there for more checks.
//! let json = Test::new()
//!     .args(["score", "--format", "json", "--answers"])
//!     .arg(example("clinician.yaml"))
//!     .run()
//!     .json();
//! assert_eq!(json["recommendation"]["role"], "clinician");
//! ```

pub mod problems;

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

/// A guard against hangs, not a timing assertion: a run that takes longer
/// is killed and fails its test instead of stalling the suite.
const PATIENCE: Duration = Duration::from_secs(20);

/// One run of `pathfit`: what to run it with, and what it must do. Nothing
/// runs until [`Test::run`], which checks everything asked for and returns
/// the output for further assertions.
///
/// Unless told otherwise a run must exit 0; its output is only checked
/// where a check is asked for.
#[must_use = "a Test does nothing until .run()"]
pub struct Test {
    args: Vec<OsString>,
    stdin: Option<Vec<u8>>,
    current_dir: Option<PathBuf>,
    env_remove: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    /// The exit code to expect; `None`: any.
    status: Option<i32>,
    stdout: Expected,
    stderr: Expected,
}

/// What one output stream must be: exactly some text, and/or contain some.
#[derive(Default)]
struct Expected {
    exactly: Option<String>,
    contains: Vec<String>,
}

/// How a run ended and what it wrote, as text (pathfit writes UTF-8).
#[derive(Debug)]
pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Test {
        Test {
            args: Vec::new(),
            stdin: None,
            current_dir: None,
            env_remove: Vec::new(),
            env: Vec::new(),
            status: Some(0),
            stdout: Expected::default(),
            stderr: Expected::default(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Test {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args(mut self, args: impl IntoIterator<Item = impl AsRef<OsStr>>) -> Test {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// What standard input holds (without this it is empty, and never a
    /// terminal).
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Test {
        self.stdin = Some(input.into());
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Test {
        self.current_dir = Some(dir.as_ref().to_owned());
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Test {
        self.env_remove.push(key.as_ref().to_owned());
        self
    }

    /// Sets an environment variable for the run. Without one, each run
    /// gets a fresh, empty `XDG_DATA_HOME` (so no test touches the real
    /// data folder) and no `CARGO`/`CARGO_PKG_NAME` (which `cargo test`
    /// sets, and which make pathfit print `cargo run` commands).
    #[allow(dead_code)]
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Test {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The exit code the run must end with (0 unless set).
    pub fn status(mut self, code: i32) -> Test {
        self.status = Some(code);
        self
    }

    /// Any exit code will do (the caller checks [`Output::status`]); the
    /// run must still exit rather than be killed.
    pub fn any_status(mut self) -> Test {
        self.status = None;
        self
    }

    /// Standard output must be exactly `text`.
    pub fn stdout(mut self, text: impl Into<String>) -> Test {
        self.stdout.exactly = Some(text.into());
        self
    }

    /// Standard output must contain `text` (may be given several times).
    pub fn stdout_contains(mut self, text: impl Into<String>) -> Test {
        self.stdout.contains.push(text.into());
        self
    }

    /// Standard error must be exactly `text`.
    pub fn stderr(mut self, text: impl Into<String>) -> Test {
        self.stderr.exactly = Some(text.into());
        self
    }

    /// Standard error must contain `text` (may be given several times).
    pub fn stderr_contains(mut self, text: impl Into<String>) -> Test {
        self.stderr.contains.push(text.into());
        self
    }

    /// Runs pathfit, checks the exit code and the output, and returns the
    /// output. A failed check panics with the command and all its output.
    #[track_caller]
    pub fn run(self) -> Output {
        let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_pathfit"));
        command.args(&self.args).timeout(PATIENCE);
        if let Some(input) = &self.stdin {
            command.write_stdin(input.clone());
        }
        if let Some(dir) = &self.current_dir {
            command.current_dir(dir);
        }
        let data = tempfile::tempdir().expect("a temporary data folder");
        command
            .env("XDG_DATA_HOME", data.path())
            .env_remove("CARGO")
            .env_remove("CARGO_PKG_NAME");
        for key in &self.env_remove {
            command.env_remove(key);
        }
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let out = command
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.command_line()));
        let mut failures = String::new();
        let status = match (out.status.code(), self.status) {
            (Some(code), None) => code,
            (Some(code), Some(expected)) => {
                if code != expected {
                    let _ = writeln!(failures, "exit {code}, expected {expected}");
                }
                code
            }
            (None, _) => {
                let _ = writeln!(
                    failures,
                    "no exit code: {} (a run gets {PATIENCE:?})",
                    out.status
                );
                -1
            }
        };
        let output = Output {
            status,
            stdout: text_of(&out.stdout),
            stderr: text_of(&out.stderr),
        };
        self.stdout.check("stdout", &output.stdout, &mut failures);
        self.stderr.check("stderr", &output.stderr, &mut failures);
        assert!(
            failures.is_empty(),
            "{}:\n{failures}--- stdout\n{}--- stderr\n{}",
            self.command_line(),
            output.stdout,
            output.stderr
        );
        output
    }

    fn command_line(&self) -> String {
        let mut line = String::from("pathfit");
        for arg in &self.args {
            line.push(' ');
            line.push_str(&arg.to_string_lossy());
        }
        line
    }
}

impl Expected {
    fn check(&self, stream: &str, text: &str, failures: &mut String) {
        if let Some(exactly) = &self.exactly
            && text != exactly
        {
            let _ = writeln!(failures, "{stream} is not exactly {exactly:?}");
        }
        for part in &self.contains {
            if !text.contains(part.as_str()) {
                let _ = writeln!(failures, "{stream} lacks {part:?}");
            }
        }
    }
}

impl Output {
    /// Standard output as one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Standard output as JSON Lines, one value a line.
    pub fn json_lines(&self) -> Vec<Value> {
        json_lines(&self.stdout)
    }
}

/// Absolute path of a file under tests/fixtures/.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Absolute path of a file under examples/.
pub fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Absolute path of the bundled healthcare bank.
pub const HEALTHCARE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/healthcare.yaml");

/// A text file's contents; it must be there.
pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn text_of(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("pathfit writes UTF-8")
}

/// A JSON file's contents.
pub fn read_json(path: impl AsRef<Path>) -> Value {
    let path = path.as_ref();
    serde_json::from_str(&read(path))
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// JSON Lines, one value a line.
pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Runs `pathfit score ARGS --format json`, expecting success and nothing on
/// standard error, and parses standard output.
#[track_caller]
pub fn score_json(args: &[&str]) -> Value {
    Test::new()
        .arg("score")
        .args(args)
        .args(["--format", "json"])
        .stderr("")
        .run()
        .json()
}

/// Runs `pathfit score ARGS`, expecting exit `code` and nothing on standard
/// output; returns standard error.
#[track_caller]
pub fn score_fails(args: &[&str], code: i32) -> String {
    Test::new()
        .arg("score")
        .args(args)
        .status(code)
        .stdout("")
        .run()
        .stderr
}
