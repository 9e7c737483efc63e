//! Plain mode through pipes: answers typed as numbered lines give the same
//! result as `score` on the same answers; what is not an answer is asked
//! again; the input ending saves the session and exits 130, and `--resume`
//! finishes it; adaptive mode's settle question; and no escape sequence.

use std::path::Path;

use pathfit::answers::Answer;
use pathfit::bank::QuestionKind;
use serde_json::Value;

use crate::support::{Test, example, fixture};

/// The lines that give the answers of `file` to the bundled healthcare
/// bank asked in its own order (`--no-shuffle`): a number per list entry,
/// the numbers of the ticked options, the number typed, an empty line for
/// a skip.
fn lines_for(file: &str) -> String {
    let bank = pathfit::bank::bundled::find("healthcare")
        .unwrap()
        .load()
        .unwrap();
    let answers = pathfit::answers::file::read_file(Path::new(file), &bank).unwrap();
    let mut lines = String::new();
    for (q, question) in bank.questions.iter().enumerate() {
        let line = match (answers.get(q), &question.kind) {
            (None, _) => String::new(),
            (Some(Answer::Scale(v)), QuestionKind::Likert { scale, .. }) => {
                let at = scale.points.iter().position(|p| p.value == *v).unwrap();
                (at + 1).to_string()
            }
            (Some(Answer::Choice(i)), _) => (i + 1).to_string(),
            (Some(Answer::Multi(ticked)), _) if ticked.is_empty() => "0".to_string(),
            (Some(Answer::Multi(ticked)), _) => ticked
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", "),
            (Some(Answer::Number(x)), _) => x.to_string(),
            (Some(other), _) => panic!("{other:?}"),
        };
        lines.push_str(&line);
        lines.push('\n');
    }
    lines
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The recommendation and each dimension's raw score.
fn outcome(report: &Value) -> (Value, Vec<(Value, Value)>) {
    let dimensions = report["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].clone(), d["raw"].clone()))
        .collect();
    (report["recommendation"].clone(), dimensions)
}

#[test]
fn numbered_lines_give_the_same_result_as_score_on_the_same_answers() {
    for file in [example("clinician.yaml"), fixture("plain/mixed.yaml")] {
        let typed = Test::new()
            .args(["take", "--plain", "--no-shuffle", "--format", "json"])
            .stdin(lines_for(&file))
            .run();
        let scored = Test::new()
            .args(["score", "--format", "json", "--answers", &file])
            .run();
        assert_eq!(
            outcome(&json(&typed.stdout)),
            outcome(&json(&scored.stdout)),
            "{file}"
        );
        assert!(
            typed.stderr.contains("Question 26 of 26."),
            "{}",
            typed.stderr
        );
        assert!(!typed.stderr.contains('\u{1b}'), "{:?}", typed.stderr);
        assert!(!typed.stdout.contains('\u{1b}'));
    }
}

#[test]
fn an_out_of_range_line_is_explained_with_the_allowed_numbers_and_asked_again() {
    let mut lines = String::from("7\nfive\n");
    lines.push_str(&lines_for(&example("clinician.yaml")));
    let out = Test::new()
        .args(["take", "--plain", "--no-shuffle", "--format", "json"])
        .stdin(lines)
        .run();
    assert!(
        out.stderr
            .contains("“7” is not one of the numbers 1 to 5. Type a number from 1 to 5"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("“five” is not one of the numbers 1 to 5.")
    );
    assert_eq!(out.stderr.matches("Question 1 of 26.").count(), 1);
    assert_eq!(json(&out.stdout)["recommendation"]["role"], "clinician");
}

#[test]
fn five_lines_into_a_long_quiz_save_it_and_resume_finishes_it() {
    let data = tempfile::tempdir().unwrap();
    let session = data.path().join("s.json");
    let session = session.to_str().unwrap();
    let lines = lines_for(&example("clinician.yaml"));
    let (first, rest): (Vec<&str>, Vec<&str>) = {
        let all: Vec<&str> = lines.lines().collect();
        (all[..5].to_vec(), all[5..].to_vec())
    };
    let stopped = Test::new()
        .args(["take", "--plain", "--no-shuffle", "--save", session])
        .stdin(first.join("\n") + "\n")
        .status(130)
        .run();
    assert!(
        stopped
            .stderr
            .contains("Stopped: the typed answers ended before the quiz did."),
        "{}",
        stopped.stderr
    );
    assert!(
        stopped.stderr.contains("take --resume"),
        "{}",
        stopped.stderr
    );
    let saved = json(&std::fs::read_to_string(session).unwrap());
    assert_eq!(saved["answers"].as_object().unwrap().len(), 5, "{saved}");
    // The rest, resumed: the same result as all of it at once.
    let resumed = Test::new()
        .args(["take", "--plain", "--resume", session, "--format", "json"])
        .stdin(rest.join("\n") + "\n")
        .run();
    let scored = Test::new()
        .args([
            "score",
            "--format",
            "json",
            "--answers",
            &example("clinician.yaml"),
        ])
        .run();
    assert_eq!(
        outcome(&json(&resumed.stdout)),
        outcome(&json(&scored.stdout))
    );
    assert!(
        !Path::new(session).exists(),
        "a finished quiz leaves no session"
    );
}

#[test]
fn back_skip_and_quit_work_from_lines() {
    let data = tempfile::tempdir().unwrap();
    let session = data.path().join("s.json");
    let out = Test::new()
        .args([
            "take",
            "--plain",
            "--no-shuffle",
            "--save",
            session.to_str().unwrap(),
        ])
        .stdin("b\n5\nb\n4\ns\nq\n")
        .status(130)
        .run();
    assert!(
        out.stderr.contains("This is the first question."),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Your earlier answer: Strongly agree."),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("You skipped this question."),
        "{}",
        out.stderr
    );
    let saved = json(&std::fs::read_to_string(&session).unwrap());
    assert_eq!(saved["answers"].as_object().unwrap().len(), 1, "{saved}");
    assert_eq!(saved["skipped"].as_array().unwrap().len(), 1, "{saved}");
}

#[test]
fn adaptive_mode_asks_the_settle_question_as_numbered_lines() {
    let out = Test::new()
        .args([
            "take",
            "--plain",
            "--adaptive",
            "--seed",
            "1",
            "--format",
            "json",
        ])
        .stdin(lines_for_adaptive())
        .run();
    assert!(
        out.stderr.contains("Your result is settled after"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("  1. Show my result\n  2. Keep answering (")
    );
    assert!(
        out.stderr.contains("Question 1 (at most 26)."),
        "{}",
        out.stderr
    );
    let report = json(&out.stdout);
    assert!(report["not_asked"].as_u64().unwrap() > 0, "{report}");
}

/// Answers that settle a seeded adaptive run quickly: every question's
/// first entry (or 0 / a number) until the settle question, then 1.
fn lines_for_adaptive() -> String {
    // A line that is an answer to any kind of question in the bundled bank:
    // "1" is the first entry of a list, one option of a tick list, and a
    // number in range of every number question.
    let mut lines = "1\n".repeat(26);
    // The settle question, whenever it comes, takes "1" too (show the
    // result); the lines left over are not read.
    lines.push_str("1\n");
    lines
}

#[test]
fn without_a_terminal_take_points_to_score_and_to_plain_mode() {
    Test::new()
        .args(["take", "--bank", &fixture("quiz.yaml")])
        .status(2)
        .stderr_contains("score --answers FILE")
        .stderr_contains("take --plain")
        .run();
}

#[test]
fn accessible_and_term_dumb_choose_plain_mode() {
    for (key, value) in [
        ("ACCESSIBLE", "1"),
        ("PATHFIT_ACCESSIBLE", "yes"),
        ("TERM", "dumb"),
    ] {
        let out = Test::new()
            .args(["take", "--bank", &fixture("quiz.yaml"), "--no-shuffle"])
            .env(key, value)
            .stdin("4\n2\n5\n2\n1 3\n6\n")
            .run();
        assert!(
            out.stderr.contains("Question 6 of 6."),
            "{key}: {}",
            out.stderr
        );
        assert!(!out.stdout.contains('\u{1b}') && !out.stderr.contains('\u{1b}'));
        // Not a terminal: the whole report, its charts in words (a screen
        // reader reads bar characters out one by one).
        assert!(out.stdout.contains("YOUR SCORES"), "{}", out.stdout);
        assert!(out.stdout.contains("  Helper: 67%\n"), "{}", out.stdout);
        assert!(
            out.stdout
                .contains("Hands-on work: you 64%; Helper 20%, Maker 90%."),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains(['█', '░', '─', '●']), "{}", out.stdout);
    }
    // An empty value does not.
    Test::new()
        .args(["take", "--bank", &fixture("quiz.yaml")])
        .env("ACCESSIBLE", "")
        .status(2)
        .run();
}
