//! `pathfit results`: kept results listed newest first, shown again in
//! every format from the record alone, deleted; unknown ids, and records
//! that are broken, hostile, too large or from a newer pathfit. The
//! records are the fixture tests/fixtures/results/2026-12-01-1323.json (a
//! real `take` on tests/fixtures/quiz.yaml) and copies of it changed here;
//! quizzes that keep a result are in `pty::results`.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Test, fixture, read, read_json};

const ID: &str = "2026-12-01-1323";

/// A data folder and its results folder, empty.
struct Data {
    home: tempfile::TempDir,
}

impl Data {
    fn new() -> Data {
        let data = Data {
            home: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(data.results()).unwrap();
        data
    }

    /// Holding the fixture record.
    fn with_fixture() -> Data {
        let data = Data::new();
        data.put(ID, &std::fs::read_to_string(fixture_record()).unwrap());
        data
    }

    fn results(&self) -> PathBuf {
        self.home.path().join("pathfit/results")
    }

    fn put(&self, id: &str, text: &str) -> PathBuf {
        let path = self.results().join(format!("{id}.json"));
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The fixture record changed by `edit`, kept as `id`.
    fn put_edited(&self, id: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
        let mut record = read_json(fixture_record());
        edit(&mut record);
        self.put(id, &serde_json::to_string_pretty(&record).unwrap())
    }

    fn test(&self) -> Test {
        Test::new().env("XDG_DATA_HOME", self.home.path())
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.results())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }
}

fn fixture_record() -> String {
    fixture(&format!("results/{ID}.json"))
}

#[test]
fn with_nothing_kept_the_list_says_how_to_take_the_quiz() {
    let out = Test::new()
        .args(["results"])
        .stdout_contains("No results are kept yet")
        .stdout_contains("take")
        .run();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    // `list` is the same, and so is a data folder with no results folder.
    Test::new()
        .args(["results", "list"])
        .stdout_contains("No results are kept yet")
        .run();
}

#[test]
fn kept_results_are_listed_newest_first() {
    let data = Data::with_fixture();
    data.put_edited("2026-11-20-0900", |r| {
        r["when"] = "2026-11-20T09:00:00Z".into();
    });
    // Newer by its time, though older by its name.
    data.put_edited("2025-01-01-0000", |r| {
        r["when"] = "2026-12-01T15:00:00Z".into();
    });
    let out = data
        .test()
        .args(["results"])
        .stdout_contains("3 kept results, newest first")
        .stdout_contains("Tools or people?")
        .stdout_contains("you lean towards Maker (69% match)")
        .stdout_contains("pathfit results show 2025-01-01-0000\n")
        .run();
    let at = |id: &str| out.stdout.find(id).unwrap_or_else(|| panic!("{id}"));
    assert!(at("2025-01-01-0000") < at(ID), "{}", out.stdout);
    assert!(at(ID) < at("2026-11-20-0900"), "{}", out.stdout);
    assert!(
        out.stdout.contains("on 20 November 2026 at") || out.stdout.contains("at 09:00"),
        "{}",
        out.stdout
    );
}

#[test]
fn show_prints_the_kept_json_report_as_it_was() {
    let data = Data::with_fixture();
    let kept = read_json(fixture_record())["result"].clone();
    for id in [ID, "latest"] {
        let out = data
            .test()
            .args(["results", "show", id, "--format", "json"])
            .run();
        assert_eq!(out.json(), kept);
    }
}

#[test]
fn show_draws_every_other_format_from_the_record_alone() {
    // The bank file is not needed: the record holds its text.
    let data = Data::with_fixture();
    let dir = tempfile::tempdir().unwrap();
    for (format, part) in [
        ("text", "You lean towards Maker: you match it 69%"),
        ("markdown", "# "),
        ("html", "<!DOCTYPE html>"),
    ] {
        data.test()
            .current_dir(dir.path())
            .args(["results", "show", ID, "--format", format])
            .stdout_contains(part)
            .run();
    }
    // Text is the default, and the same report `score` prints for its answers.
    let shown = data.test().args(["results", "show", "latest"]).run();
    let answers = dir.path().join("answers.json");
    let record = read_json(fixture_record());
    std::fs::write(
        &answers,
        serde_json::json!({ "answers": record["answers"] }).to_string(),
    )
    .unwrap();
    let scored = Test::new()
        .args(["score", "--bank", &fixture("quiz.yaml"), "--answers"])
        .arg(&answers)
        .run();
    let headline = |text: &str| text.lines().take(4).collect::<Vec<_>>().join("\n");
    assert_eq!(headline(&shown.stdout), headline(&scored.stdout));
}

#[test]
fn show_writes_a_file_and_says_so() {
    let data = Data::with_fixture();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("mine.html");
    data.test()
        .args(["results", "show", ID, "--format", "html", "--output"])
        .arg(&page)
        .stderr_contains("Saved the result to")
        .stderr_contains("mine.html")
        .run();
    assert!(read(&page).contains("Maker"));
    // Never over the record itself.
    let record = data.results().join(format!("{ID}.json"));
    data.test()
        .args(["results", "show", ID, "--output"])
        .arg(&record)
        .status(2)
        .run();
    assert_eq!(read(&record), read(fixture_record()));
}

#[test]
fn an_unknown_id_lists_the_ids_that_exist() {
    let data = Data::with_fixture();
    data.test()
        .args(["results", "show", "2026-12-02-0000"])
        .status(66)
        .stderr_contains("there is no kept result `2026-12-02-0000`")
        .stderr_contains(ID)
        .run();
    // Nothing outside the results folder can be named.
    std::fs::write(data.home.path().join("pathfit/secret.json"), "{}").unwrap();
    data.test()
        .args(["results", "show", "../secret"])
        .status(66)
        .stderr_contains("there is no kept result")
        .run();
    // With none kept, the hint says how to get one.
    Test::new()
        .args(["results", "show", "latest"])
        .status(66)
        .stderr_contains("no results are kept yet")
        .run();
}

#[test]
fn a_broken_record_is_named_and_skipped_by_the_list() {
    let data = Data::with_fixture();
    let broken = data.put("2026-11-01-1000", "{\"pathfit_result\": 1, \"id\": ");
    let out = data
        .test()
        .args(["results", "show", "2026-11-01-1000"])
        .status(65)
        .stderr_contains("2026-11-01-1000.json: this kept result cannot be read")
        .stderr_contains("results delete 2026-11-01-1000")
        .run();
    assert!(out.stdout.is_empty());
    data.test()
        .args(["results"])
        .stdout_contains("One kept result")
        .stdout_contains(ID)
        .stderr_contains("warning: ")
        .stderr_contains(broken.file_name().unwrap().to_str().unwrap())
        .stderr_contains("(skipped)")
        .run();
    // `latest` is the newest that can be read.
    data.test()
        .args(["results", "show", "latest", "--format", "json"])
        .stdout_contains("\"schema_version\": 1")
        .run();
}

#[test]
fn records_of_a_newer_format_or_no_format_are_refused() {
    let data = Data::new();
    data.put_edited(ID, |r| r["pathfit_result"] = 2.into());
    data.test()
        .args(["results", "show", ID])
        .status(65)
        .stderr_contains("kept by a newer pathfit (format 2")
        .run();
    data.put(ID, "[1, 2, 3]");
    data.test().args(["results", "show", ID]).status(65).run();
    data.put_edited(ID, |r| {
        r.as_object_mut().unwrap().remove("pathfit_result");
    });
    data.test()
        .args(["results", "show", ID])
        .status(65)
        .stderr_contains("no `pathfit_result`")
        .run();
    data.put_edited(ID, |r| r["surprise"] = true.into());
    data.test()
        .args(["results", "show", ID])
        .status(65)
        .stderr_contains("surprise")
        .run();
}

#[test]
fn a_record_too_large_or_not_a_file_is_refused_without_reading_it_all() {
    let data = Data::new();
    let big = data.results().join(format!("{ID}.json"));
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    data.test()
        .args(["results", "show", ID])
        .status(65)
        .stderr_contains("larger than 16 MiB")
        .run();
    std::fs::remove_file(&big).unwrap();
    #[cfg(unix)]
    {
        let fifo = std::ffi::CString::new(big.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        data.test()
            .args(["results", "show", ID])
            .status(66)
            .stderr_contains("not a regular file")
            .run();
        data.test()
            .args(["results"])
            .stdout_contains("No results are kept yet")
            .stderr_contains("not a regular file")
            .run();
    }
}

#[test]
fn what_a_record_says_is_shown_escaped() {
    let data = Data::new();
    data.put_edited(ID, |r| {
        r["bank"]["title"] = "Tools\u{1b}[2J or \u{202e}people".into();
        let result = r["result"].as_object_mut().unwrap();
        result["roles"][0]["name"] = "Mak\u{9b}31mer".into();
    });
    let listed = data.test().args(["results"]).run();
    assert!(listed.stdout.contains("Tools\\u{1b}[2J or \\u{202e}people"));
    assert!(
        !listed.stdout.contains(['\u{1b}', '\u{202e}', '\u{9b}']),
        "{}",
        listed.stdout
    );
    let json = data
        .test()
        .args(["results", "show", ID, "--format", "json"])
        .run();
    assert!(!json.stdout.contains('\u{9b}'), "{}", json.stdout);
    // Still the same JSON document.
    assert_eq!(json.json()["roles"][0]["name"], "Mak\u{9b}31mer");
}

#[test]
fn a_record_whose_bank_was_tampered_with_shows_only_its_json() {
    let data = Data::new();
    data.put_edited(ID, |r| {
        let text = r["bank"]["text"]
            .as_str()
            .unwrap()
            .replace("Maker", "Faker");
        r["bank"]["text"] = text.into();
    });
    data.test()
        .args(["results", "show", ID])
        .status(65)
        .stderr_contains("its digest differs")
        .run();
    data.test()
        .args(["results", "show", ID, "--format", "json"])
        .stdout_contains("Maker")
        .run();
    data.put_edited(ID, |r| r["bank"]["text"] = Value::Null);
    data.test()
        .args(["results", "show", ID, "--format", "markdown"])
        .status(65)
        .stderr_contains("only `--format json` can show it")
        .run();
    data.put_edited(ID, |r| r["answers"]["fix"] = 99.into());
    data.test()
        .args(["results", "show", ID])
        .status(65)
        .stderr_contains("its answers do not fit its bank")
        .run();
}

#[test]
fn delete_removes_a_record_and_its_page() {
    let data = Data::with_fixture();
    std::fs::write(data.results().join(format!("{ID}.html")), "<html>").unwrap();
    data.put_edited("2026-11-20-0900", |r| {
        r["when"] = "2026-11-20T09:00:00Z".into();
    });
    std::fs::write(data.results().join("notes.txt"), "mine").unwrap();
    // An unknown id among them: nothing is removed.
    data.test()
        .args(["results", "delete", ID, "2026-01-01-0000"])
        .status(66)
        .stderr_contains("there is no kept result `2026-01-01-0000`")
        .run();
    assert_eq!(data.files().len(), 4, "{:?}", data.files());
    data.test()
        .args(["results", "delete", ID])
        .stdout(format!("Deleted the kept result {ID}.\n"))
        .run();
    assert_eq!(data.files(), ["2026-11-20-0900.json", "notes.txt"]);
    data.test()
        .args(["results", "delete", "--all"])
        .stdout("Deleted the one kept result.\n")
        .run();
    // Only pathfit's own files are removed.
    assert_eq!(data.files(), ["notes.txt"]);
    data.test()
        .args(["results", "delete", "--all"])
        .stdout("There were no kept results to delete.\n")
        .run();
    // An id or --all is needed, not both.
    data.test().args(["results", "delete"]).status(2).run();
    data.test()
        .args(["results", "delete", ID, "--all"])
        .status(2)
        .run();
}

#[test]
fn take_without_a_terminal_keeps_nothing() {
    let data = Data::new();
    data.test()
        .args(["take", "--bank", &fixture("quiz.yaml")])
        .status(2)
        .run();
    assert!(data.files().is_empty());
}
