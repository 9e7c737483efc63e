//! Unfinished quizzes in a real terminal: a quiz stopped before its first
//! answer leaves nothing, a new quiz offers the unfinished one back (carry
//! on, start again, or stop with nothing changed), `--resume` without a
//! file carries on the latest, `--save` asks before replacing a session,
//! and the printed resume command is `cargo run …` when cargo started
//! pathfit, and resumes the quiz.

use std::path::{Path, PathBuf};

use super::{CTRL_C, DOWN, ENTER, ESC, Pty, enter_all};
use crate::support::fixture;

fn bank() -> String {
    fixture("quiz.yaml")
}

/// The session files in the data folder `data`.
fn sessions(data: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(data.join("pathfit/sessions"))
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// A quiz on the fixture bank in the data folder `data`.
fn quiz(data: &Path, extra: &[&str]) -> Pty {
    let bank = bank();
    let mut args = vec!["take", "--bank", &bank, "--no-shuffle", "--color", "never"];
    args.extend_from_slice(extra);
    Pty::spawn_with(&args, &[("XDG_DATA_HOME", data.to_str().unwrap())])
}

/// Answers two questions and stops: an unfinished quiz in `data`.
fn stop_after_two(data: &Path) {
    let mut pty = quiz(data, &[]);
    pty.answer(1, 6, &[ENTER]);
    pty.answer(2, 6, &[ENTER]);
    pty.wait_for("? [3/6]");
    pty.keys(CTRL_C);
    pty.wait_for("Your answers so far are saved");
    assert_eq!(pty.exit_code(), 130);
    assert_eq!(sessions(data).len(), 1);
}

#[test]
fn stopping_before_the_first_answer_saves_nothing_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = quiz(data.path(), &[]);
    pty.wait_for("? [1/6]");
    pty.keys(CTRL_C);
    pty.wait_for("Stopped. You had not answered anything yet, so nothing was saved.");
    assert!(!pty.contents().contains("--resume"), "{}", pty.contents());
    assert_eq!(pty.exit_code(), 130);
    assert!(sessions(data.path()).is_empty());
    // Nothing left beside it either (no lock file, no temporary).
    let left: Vec<_> = std::fs::read_dir(data.path().join("pathfit/sessions"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_signal_before_the_first_answer_saves_nothing_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = quiz(data.path(), &[]);
    pty.wait_for("? [1/6]");
    let pid = pty.session.get_process().pid().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    pty.wait_for("nothing was saved");
    assert_eq!(pty.exit_code(), 130);
    assert!(sessions(data.path()).is_empty());
}

#[test]
fn a_new_quiz_offers_the_unfinished_one_and_carries_on_where_it_stopped() {
    let data = tempfile::tempdir().unwrap();
    stop_after_two(data.path());
    let bank = bank();
    let mut pty = Pty::spawn_sized(
        &["--bank", &bank, "--color", "never"],
        &[("XDG_DATA_HOME", data.path().to_str().unwrap())],
        80,
        24,
    );
    pty.wait_for("You have an unfinished quiz from ");
    // Wrapped at a space to the 80 columns, not cut by the terminal.
    pty.wait_for("(2 of 6 answered). Carry on\nwhere you left off, or start again?");
    pty.wait_for("> Carry on where I left off");
    pty.keys(ENTER);
    pty.wait_for("Welcome back: 4 of 6 questions left");
    enter_all(&mut pty, 3);
    pty.leave_result();
    assert_eq!(pty.exit_code(), 0);
    assert!(
        sessions(data.path()).is_empty(),
        "a finished quiz leaves none"
    );
}

#[test]
fn starting_again_keeps_the_old_quiz_until_the_new_one_has_an_answer() {
    let data = tempfile::tempdir().unwrap();
    stop_after_two(data.path());
    let old = sessions(data.path()).remove(0);
    let mut pty = quiz(data.path(), &[]);
    pty.wait_for("Start again");
    pty.keys(DOWN);
    pty.keys(ENTER);
    pty.wait_for("6 questions, about");
    pty.wait_for("? [1/6]");
    assert_eq!(
        sessions(data.path()),
        std::slice::from_ref(&old),
        "kept so far"
    );
    pty.answer(1, 6, &[ENTER]);
    pty.wait_for("? [2/6]");
    pty.keys(CTRL_C);
    pty.wait_for("Your answers so far are saved");
    assert_eq!(pty.exit_code(), 130);
    let now = sessions(data.path());
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now[0], old, "the old quiz went once the new one was saved");
}

#[test]
fn stopping_at_the_offer_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    stop_after_two(data.path());
    let old = sessions(data.path()).remove(0);
    let before = std::fs::read(&old).unwrap();
    for key in [ESC, CTRL_C] {
        let mut pty = quiz(data.path(), &[]);
        pty.wait_for("Start again");
        pty.keys(key);
        pty.wait_for("Stopped. Nothing was changed.");
        assert_eq!(pty.exit_code(), 130);
        assert_eq!(sessions(data.path()), std::slice::from_ref(&old));
        assert_eq!(std::fs::read(&old).unwrap(), before);
    }
}

#[test]
fn resume_without_a_file_carries_on_the_latest_or_says_there_is_none() {
    let data = tempfile::tempdir().unwrap();
    let bank = bank();
    let mut pty = Pty::spawn_with(
        &["take", "--resume", "--bank", &bank],
        &[("XDG_DATA_HOME", data.path().to_str().unwrap())],
    );
    pty.wait_for("You have no unfinished quiz with the bank quiz to carry on");
    assert_eq!(pty.exit_code(), 66);
    stop_after_two(data.path());
    let mut pty = Pty::spawn_with(
        &["take", "--resume", "--color", "never"],
        &[("XDG_DATA_HOME", data.path().to_str().unwrap())],
    );
    pty.wait_for("Welcome back: 4 of 6 questions left");
    enter_all(&mut pty, 3);
    pty.leave_result();
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn save_onto_an_unfinished_quiz_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("mine.json");
    let save = save.to_str().unwrap();
    let mut pty = quiz(data.path(), &["--save", save]);
    pty.answer(1, 6, &[ENTER]);
    pty.wait_for("? [2/6]");
    pty.keys(CTRL_C);
    pty.wait_for("Your answers so far are saved");
    assert_eq!(pty.exit_code(), 130);
    let before = std::fs::read(save).unwrap();

    // Keep it: nothing changes, and the way to carry on is shown.
    let mut pty = quiz(data.path(), &["--save", save]);
    pty.wait_for("holds an unfinished quiz from");
    pty.wait_for("Keep it, and stop here");
    pty.keys(DOWN);
    pty.keys(ENTER);
    pty.wait_for("Kept the unfinished quiz in");
    pty.wait_for("take --resume");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(std::fs::read(save).unwrap(), before);

    // Replace it: still there until the new quiz's first answer.
    let mut pty = quiz(data.path(), &["--save", save]);
    pty.wait_for("Start a new quiz in its place");
    pty.keys(ENTER);
    pty.wait_for("? [1/6]");
    pty.keys(CTRL_C);
    pty.wait_for("nothing was saved");
    assert_eq!(pty.exit_code(), 130);
    assert_eq!(std::fs::read(save).unwrap(), before);
}

#[test]
fn under_cargo_run_the_printed_command_is_cargo_run_and_resumes() {
    let data = tempfile::tempdir().unwrap();
    let bank = bank();
    let mut pty = Pty::spawn_with(
        &["take", "--bank", &bank, "--no-shuffle", "--color", "never"],
        &[
            ("XDG_DATA_HOME", data.path().to_str().unwrap()),
            ("CARGO", "/usr/bin/cargo"),
            ("CARGO_PKG_NAME", "pathfit"),
        ],
    );
    pty.answer(1, 6, &[ENTER]);
    pty.wait_for("? [2/6]");
    pty.keys(CTRL_C);
    pty.wait_for("To carry on where you left off:");
    let (code, raw) = pty.finish();
    assert_eq!(code, 130);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("cargo run"))
        .unwrap_or_else(|| panic!("no cargo run command in {text}"));
    // This test binary is a debug or release build, as pathfit is.
    let prefix = if cfg!(debug_assertions) {
        "cargo run -- "
    } else {
        "cargo run --release -- "
    };
    let args: Vec<&str> = line
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{line}"))
        .split(' ')
        .collect();
    assert_eq!(args[..2], ["take", "--resume"], "{line}");
    // What cargo would run: the same arguments carry on the quiz.
    let mut again = Pty::spawn_with(&args, &[("XDG_DATA_HOME", data.path().to_str().unwrap())]);
    again.wait_for("Welcome back: 5 of 6 questions left");
    enter_all(&mut again, 2);
    again.leave_result();
    assert_eq!(again.exit_code(), 0);
}

#[test]
fn a_signal_after_starting_again_keeps_the_old_quiz_and_leaves_no_lock() {
    let data = tempfile::tempdir().unwrap();
    stop_after_two(data.path());
    let old = sessions(data.path()).remove(0);
    let before = std::fs::read(&old).unwrap();
    let mut pty = quiz(data.path(), &[]);
    pty.wait_for("Start again");
    pty.keys(DOWN);
    pty.keys(ENTER);
    pty.wait_for("? [1/6]");
    let pid = pty.session.get_process().pid().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    pty.wait_for("nothing was saved");
    assert_eq!(pty.exit_code(), 130);
    assert_eq!(std::fs::read(&old).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(data.path().join("pathfit/sessions"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, [old.file_name().unwrap()], "no lock file is left");
}
