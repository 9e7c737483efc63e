//! `pathfit sessions`: the unfinished quizzes in the data folder, newest
//! first, removed by id or all at once; a session a quiz is running on is
//! never removed; hostile files in the folder are left alone and never
//! shown raw; and the commands printed are `cargo run …` under cargo.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use pathfit::quiz::Quiz;
use pathfit::quiz::session::Session;

use crate::support::Test;

/// Saves an unfinished quiz on the bundled bank as `name` in the sessions
/// folder of `data`, last saved `ago` before now, with `answered` answers.
fn unfinished(data: &Path, name: &str, ago: Duration, answered: usize) -> PathBuf {
    let bank = pathfit::bank::bundled::find("healthcare")
        .unwrap()
        .load()
        .unwrap();
    let mut session = Session::of(&Quiz::new(&bank, Some(5)), "healthcare");
    let likert: Vec<_> = bank
        .questions
        .iter()
        .filter(|q| q.kind.name() == "likert")
        .take(answered)
        .collect();
    for question in likert {
        session
            .answers
            .insert(question.id.clone(), serde_json::json!(3));
    }
    let path = data.join("pathfit/sessions").join(name);
    session.save(&path).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(SystemTime::now() - ago)
        .unwrap();
    path
}

fn sessions(data: &Path, args: &[&str]) -> Test {
    Test::new()
        .arg("sessions")
        .args(args)
        .env("XDG_DATA_HOME", data)
}

/// The short id `pathfit sessions` shows on the line naming `file`.
fn id_of(listing: &str, file: &Path) -> String {
    let lines: Vec<&str> = listing.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == file.to_str().unwrap())
        .unwrap_or_else(|| panic!("{file:?} not in\n{listing}"));
    lines[..at]
        .iter()
        .rev()
        .find(|l| !l.starts_with("          "))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn unfinished_quizzes_are_listed_newest_first_and_removed_by_id() {
    let data = tempfile::tempdir().unwrap();
    let old = unfinished(data.path(), "old.json", Duration::from_secs(3 * 86_400), 2);
    let new = unfinished(data.path(), "new.json", Duration::from_secs(60), 9);
    let notes = data.path().join("pathfit/sessions/notes.json");
    std::fs::write(&notes, "not a session").unwrap();

    let listing = sessions(data.path(), &[])
        .stdout_contains("Unfinished quizzes, newest first:")
        .stdout_contains("9 of 26 answered")
        .stdout_contains("2 of 26 answered")
        .stdout_contains("1 other file in ")
        .run()
        .stdout;
    assert!(
        listing.find("new.json").unwrap() < listing.find("old.json").unwrap(),
        "{listing}"
    );
    assert!(listing.contains("healthcare"), "{listing}");
    assert!(
        listing.contains("To carry on with the latest:\n  "),
        "{listing}"
    );
    assert!(listing.contains(" take --resume\n"), "{listing}");
    assert!(
        listing.contains(&format!(" take --resume {}\n", old.display())),
        "{listing}"
    );
    let (old_id, new_id) = (id_of(&listing, &old), id_of(&listing, &new));
    assert_eq!(old_id.len(), 6, "{listing}");
    // `list` is the same as no action.
    assert_eq!(sessions(data.path(), &["list"]).run().stdout, listing);

    let removed = sessions(data.path(), &["delete", &old_id]).run().stdout;
    assert!(
        removed.starts_with(&format!(
            "Removed {old_id} (healthcare, 2 of 26 answered, saved "
        )),
        "{removed}"
    );
    assert!(!old.exists() && new.exists());

    // An unknown id removes nothing, even when another id is right.
    let refused = sessions(data.path(), &["delete", &new_id, "nosuch"])
        .status(66)
        .stderr_contains("there is no unfinished quiz with the id `nosuch`")
        .stderr_contains("pathfit sessions` lists them with their ids")
        .run();
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    assert!(new.exists());
    // The file's name is an id too.
    sessions(data.path(), &["delete", "new"]).run();
    assert!(!new.exists());
    assert!(notes.exists(), "a file that is not a session is left alone");
    sessions(data.path(), &[])
        .stdout_contains("You have no unfinished quizzes.")
        .run();
}

#[test]
fn delete_all_removes_every_session_and_nothing_else() {
    let data = tempfile::tempdir().unwrap();
    sessions(data.path(), &["delete", "--all"])
        .stdout("You have no unfinished quizzes to remove.\n")
        .run();
    let a = unfinished(data.path(), "a.json", Duration::from_secs(10), 1);
    let b = unfinished(data.path(), "b.json", Duration::from_secs(20), 1);
    let notes = data.path().join("pathfit/sessions/notes.json");
    std::fs::write(&notes, "{}").unwrap();
    let out = sessions(data.path(), &["delete", "--all"]).run().stdout;
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(!a.exists() && !b.exists() && notes.exists());
    sessions(data.path(), &["delete"]).status(2).run();
    sessions(data.path(), &["delete", "x", "--all"])
        .status(2)
        .run();
}

#[test]
fn a_session_a_quiz_is_running_on_is_not_removed() {
    let data = tempfile::tempdir().unwrap();
    let busy = unfinished(data.path(), "busy.json", Duration::from_secs(10), 1);
    let free = unfinished(data.path(), "free.json", Duration::from_secs(20), 1);
    let lock = pathfit::quiz::lock::SessionLock::acquire(&busy).unwrap();
    sessions(data.path(), &["delete", "busy"])
        .status(74)
        .stderr_contains("another pathfit quiz")
        .run();
    assert!(busy.exists());
    sessions(data.path(), &["delete", "--all"])
        .status(74)
        .stdout_contains("Removed ")
        .run();
    assert!(busy.exists() && !free.exists());
    drop(lock);
}

#[test]
fn hostile_files_in_the_folder_are_shown_escaped_or_not_at_all() {
    let data = tempfile::tempdir().unwrap();
    let path = unfinished(data.path(), "evil.json", Duration::from_secs(10), 1);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"id\": \"healthcare\"", "\"id\": \"x\\u001b[2J\\u202e\"");
    std::fs::write(&path, text).unwrap();
    let dir = data.path().join("pathfit/sessions");
    std::fs::write(dir.join("big.json"), vec![b' '; 2 * 1024 * 1024]).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", dir.join("link.json")).unwrap();
    let out = sessions(data.path(), &[])
        .stdout_contains("x\\u{1b}[2J\\u{202e}")
        .stdout_contains("cannot be carried on: its question bank has changed since")
        .run()
        .stdout;
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    let others = if cfg!(unix) {
        "2 other files"
    } else {
        "1 other file"
    };
    assert!(out.contains(others), "{out}");
}

#[test]
fn under_cargo_run_the_printed_commands_are_cargo_run() {
    let data = tempfile::tempdir().unwrap();
    unfinished(data.path(), "s.json", Duration::from_secs(10), 1);
    let prefix = if cfg!(debug_assertions) {
        "cargo run -- "
    } else {
        "cargo run --release -- "
    };
    sessions(data.path(), &[])
        .env("CARGO", "/usr/bin/cargo")
        .env("CARGO_PKG_NAME", "pathfit")
        .stdout_contains(format!(
            "To carry on with the latest:\n  {prefix}take --resume\n"
        ))
        .stdout_contains(format!("\n  {prefix}sessions delete --all\n"))
        .run();
    // Another package's cargo run is not ours: the program as invoked.
    let out = sessions(data.path(), &[])
        .env("CARGO", "/usr/bin/cargo")
        .env("CARGO_PKG_NAME", "other")
        .run()
        .stdout;
    assert!(!out.contains("cargo run"), "{out}");
    Test::new()
        .arg("take")
        .env("CARGO", "/usr/bin/cargo")
        .env("CARGO_PKG_NAME", "pathfit")
        .status(2)
        .stderr_contains(format!("`{prefix}take` asks questions in a terminal"))
        .stderr_contains(format!("`{prefix}score --answers FILE`"))
        .run();
}
