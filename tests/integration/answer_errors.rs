//! Answers files with mistakes in them, through `pathfit score` (exit 65):
//! every problem at its line, answers for another bank, YAML and JSON syntax
//! errors, nothing answered, bytes that are not UTF-8 (in a file and on
//! standard input), a byte order mark, and a misspelt top-level field.

use crate::support::problems::{check_snippets, locate, problems};
use crate::support::{Test, fixture, read, score_fails, score_json};

#[test]
fn broken_answers_report_every_problem_at_its_line() {
    let answers = fixture("answers/broken.yaml");
    let source = read(&answers);
    let err = score_fails(&["--answers", &answers], 65);
    assert!(
        err.starts_with(&format!("error: {answers}: 6 problems found\n")),
        "{err}"
    );
    let found = problems(&err, &answers);
    // (code, the whole trimmed line, which occurrence, column text, message, hint)
    let expected = [
        (
            "bank-mismatch",
            "bank: nursing",
            0,
            "nursing",
            "these answers are for the bank `nursing`, but the bank being scored is `healthcare`",
            "pass `--bank nursing`, or correct the `bank:` line",
        ),
        (
            "unknown-question",
            "explain-resul: 4",
            0,
            "explain-resul",
            "the bank `healthcare` has no question `explain-resul`",
            "did you mean `explain-result`?",
        ),
        (
            "bad-answer",
            "upset-strangers: 7",
            0,
            "7",
            "`upset-strangers`: 7 is not on this question's scale",
            "answer with a scale value or its label: 1 (Strongly disagree), 2 (Disagree), 3 (Not sure), 4 (Agree), 5 (Strongly agree)",
        ),
        (
            "bad-answer",
            "first-day: moon",
            0,
            "moon",
            "`first-day`: `moon` is not an option of this question",
            "answer with one option id: `ward`, `clinic`, `lab`, `equipment-room`",
        ),
        (
            "bad-answer",
            "years-after-school: 40",
            0,
            "40",
            "`years-after-school`: 40 is outside the allowed range",
            "answer with a number from 0 to 12 (years)",
        ),
        (
            "duplicate-answer",
            "busy-ward: 4",
            0,
            "busy-ward",
            "`busy-ward` is answered twice",
            "keep one answer per question",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{err}");
    for (p, (code, line, nth, column_at, message, hint)) in found.iter().zip(expected) {
        let want = locate(&source, |l| l.trim() == line, nth, column_at);
        assert_eq!(p.code, code, "{err}");
        assert_eq!(p.location, Some(want), "[{code}] {line}:\n{err}");
        assert_eq!(p.message, message);
        assert_eq!(p.hint.as_deref(), Some(hint));
    }
    check_snippets(&found, &source);
}

#[test]
fn answers_for_another_bank_exit_65() {
    let answers = fixture("answers/other-bank.yaml");
    let err = score_fails(&["--answers", &answers], 65);
    let found = problems(&err, &answers);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "bank-mismatch");
    assert_eq!(found[0].location, Some((2, 7)));
    assert_eq!(
        found[0].hint.as_deref(),
        Some("pass `--bank nursing`, or correct the `bank:` line")
    );
}

#[test]
fn answers_with_a_yaml_syntax_error_exit_65() {
    let answers = fixture("answers/syntax.yaml");
    let source = read(&answers);
    let err = score_fails(&["--answers", &answers], 65);
    let found = problems(&err, &answers);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "yaml-syntax");
    assert!(
        found[0]
            .message
            .starts_with("did not find expected ',' or ']'"),
        "{err}"
    );
    // The unclosed list opens on line 5; the parser notices on line 6.
    let opened = locate(&source, |l| l.contains("satisfying-tasks"), 0, "[");
    assert!(
        found[0]
            .message
            .ends_with(&format!("at line {} column {}", opened.0, opened.1)),
        "{err}"
    );
    assert_eq!(found[0].location.map(|l| l.0), Some(opened.0 + 1));
    assert!(
        found[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("an answers file looks like:")),
        "{err}"
    );
    check_snippets(&found, &source);
}

#[test]
fn answers_with_a_json_syntax_error_exit_65() {
    let answers = fixture("answers/syntax.json");
    let source = read(&answers);
    let err = score_fails(&["--answers", &answers], 65);
    let found = problems(&err, &answers);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "json-syntax");
    assert_eq!(found[0].message, "trailing comma");
    // serde_json reports a trailing comma at the `}` after it.
    assert_eq!(found[0].location, Some((6, 3)));
    check_snippets(&found, &source);
}

#[test]
fn answers_that_answer_nothing_exit_65() {
    let answers = fixture("answers/empty-answers.yaml");
    let err = score_fails(&["--answers", &answers], 65);
    assert!(
        err.starts_with(&format!(
            "error: {answers}: no question was answered, so there is nothing to score"
        )),
        "{err}"
    );
}

#[test]
fn answers_that_are_not_utf8_exit_65() {
    let answers = fixture("answers/not-utf8.yaml");
    let err = score_fails(&["--answers", &answers], 65);
    assert!(
        err.starts_with(&format!(
            "error: {answers}:2:14: the file is not UTF-8 text"
        )),
        "{err}"
    );
}

#[test]
fn answers_from_standard_input_that_are_not_utf8_name_the_place() {
    let err = Test::new()
        .args(["score", "--answers", "-"])
        .stdin(std::fs::read(fixture("answers/not-utf8.yaml")).unwrap())
        .status(65)
        .run()
        .stderr;
    assert!(
        err.starts_with("error: <standard input>:2:14: the file is not UTF-8 text"),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_does_not_stop_a_json_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("bom.json");
    std::fs::write(
        &answers,
        b"\xef\xbb\xbf{\"answers\": {\"explain-result\": 4}}\n",
    )
    .unwrap();
    let json = score_json(&["--answers", answers.to_str().unwrap()]);
    assert_eq!(json["answered"], 1);
}

#[test]
fn an_unknown_top_level_answers_field_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("a.yaml", "answer:\n  explain-result: 4\n"),
        ("a.json", "{\"answer\": {\"explain-result\": 4}}"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let err = score_fails(&["--answers", path.to_str().unwrap()], 65);
        assert!(err.contains("unknown field `answer`"), "{err}");
        assert!(err.contains("[unknown-field]"), "{err}");
        assert!(err.contains("did you mean `answers`?"), "{err}");
    }
}
