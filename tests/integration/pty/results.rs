//! Results kept by a real quiz: a `take` that ends keeps its result, which
//! `pathfit results` then lists and `results show latest --format json`
//! prints; `--no-history` and `PATHFIT_NO_HISTORY` keep nothing; and
//! `take --output FILE` says where it wrote, with the headline.

use std::path::Path;

use super::{Pty, enter_all};
use crate::support::{Test, fixture};

/// Takes the six-question quiz in bank order at 80×24, answering every
/// question with Enter, with `data` as the data folder; returns the screen
/// at the end.
fn take(data: &Path, extra: &[&str], env: &[(&str, &str)], last_words: &str) -> String {
    let bank = fixture("quiz.yaml");
    let mut args = vec!["take", "--bank", &bank, "--no-shuffle", "--color", "never"];
    args.extend_from_slice(extra);
    let home = data.to_str().unwrap();
    let mut env = env.to_vec();
    env.push(("XDG_DATA_HOME", home));
    let mut pty = Pty::spawn_sized(&args, &env, 80, 24);
    enter_all(&mut pty, 1);
    pty.wait_for(last_words);
    let screen = pty.contents();
    if screen.contains("What would you like to see?") {
        // The result went to the terminal: leave its menu.
        pty.keys(super::ESC);
    }
    assert_eq!(pty.exit_code(), 0, "{screen}");
    screen
}

fn results(data: &Path) -> Vec<String> {
    match std::fs::read_dir(data.join("pathfit/results")) {
        Ok(entries) => {
            let mut names: Vec<String> = entries
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        }
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_finished_quiz_is_listed_and_shown_again() {
    let data = tempfile::tempdir().unwrap();
    let screen = take(data.path(), &[], &[], "What would you like to see?");
    let files = results(data.path());
    assert_eq!(files.len(), 2, "{files:?}");
    let id = files[1].strip_suffix(".json").unwrap().to_string();
    assert_eq!(files[0], format!("{id}.html"));
    // A student can type it: the date and time, `2026-12-01-1405`.
    assert!(
        id.len() == 15 && id.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
        "{id}"
    );
    // The summary says where, without a command to type.
    assert!(
        screen.contains("Your result is saved in") && screen.contains(&format!("{id}.html")),
        "{screen}"
    );
    #[cfg(unix)]
    for file in &files {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(data.path().join("pathfit/results").join(file)).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file}");
    }
    let home = data.path();
    Test::new()
        .env("XDG_DATA_HOME", home)
        .args(["results"])
        .stdout_contains("One kept result")
        .stdout_contains(&id)
        .stdout_contains("today at")
        .stdout_contains("Tools or people?")
        .run();
    let json = Test::new()
        .env("XDG_DATA_HOME", home)
        .args(["results", "show", "latest", "--format", "json"])
        .run()
        .json();
    assert_eq!(json["bank"]["id"], "quiz", "{json}");
    // Enter takes each default; the number question's is a skip.
    assert_eq!(json["answered"], 5, "{json}");
    assert_eq!(
        record_of(home, &id)["skipped"],
        serde_json::json!(["hours"])
    );
    assert!(json["recommendation"]["role"].is_string(), "{json}");
    assert_eq!(record_of(home, &id)["result"], json);
    let page = crate::support::read(home.join(format!("pathfit/results/{id}.html")));
    assert!(page.starts_with("<!DOCTYPE html>"), "{page:.80}");
}

fn record_of(home: &Path, id: &str) -> serde_json::Value {
    crate::support::read_json(home.join(format!("pathfit/results/{id}.json")))
}

#[test]
fn no_history_keeps_nothing() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("r.json");
    let to_file = ["--format", "json", "--output", out.to_str().unwrap()];
    let mut no_history = to_file.to_vec();
    no_history.push("--no-history");
    let screen = take(data.path(), &no_history, &[], "Saved your result to");
    assert!(results(data.path()).is_empty());
    assert!(!screen.contains("kept"), "{screen}");
    let screen = take(
        data.path(),
        &to_file,
        &[("PATHFIT_NO_HISTORY", "1")],
        "Saved your result to",
    );
    assert!(results(data.path()).is_empty());
    assert!(!screen.contains("kept"), "{screen}");
    // Only a value turns it off.
    take(
        data.path(),
        &to_file,
        &[("PATHFIT_NO_HISTORY", "")],
        "Your result is kept as",
    );
    assert_eq!(results(data.path()).len(), 2);
}

#[test]
fn take_output_shows_the_headline_and_where_it_wrote() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("r.html");
    let screen = take(
        data.path(),
        &["--format", "html", "--output", out.to_str().unwrap()],
        &[],
        "Your result is kept as",
    );
    assert!(screen.contains("Saved your result to"), "{screen}");
    assert!(screen.contains("r.html"), "{screen}");
    assert!(
        screen.contains("fits you") || screen.contains("lean"),
        "{screen}"
    );
    assert!(crate::support::read(&out).starts_with("<!DOCTYPE html>"));
}
