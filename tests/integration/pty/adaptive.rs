//! `pathfit take --adaptive` on the bundled bank, answered as the clinician
//! example says: a one-sided student is settled early, and a quiz stopped
//! with Ctrl-C resumes where it was; both ask exactly what `pathfit score
//! --adaptive` replays.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::{CTRL_C, DOWN, ENTER, PATIENCE, Pty, SPACE, UP, order};
use crate::support::{Test, example, read_json};

/// The keys that give `answer` to `question` when its options are shown in
/// `shown` order (bank indices): likert lists start on the middle point,
/// other lists on the first option.
fn keys_for(
    question: &pathfit::bank::Question,
    shown: &[usize],
    answer: &pathfit::answers::Answer,
) -> Vec<String> {
    use pathfit::answers::Answer;
    use pathfit::bank::QuestionKind;
    let mut keys = Vec::new();
    match (&question.kind, answer) {
        (QuestionKind::Likert { scale, .. }, Answer::Scale(v)) => {
            let at = scale.points.iter().position(|p| p.value == *v).unwrap() as isize;
            let middle = (scale.points.len() / 2) as isize;
            let key = if at > middle { DOWN } else { UP };
            keys.extend(std::iter::repeat_n(key.to_string(), at.abs_diff(middle)));
        }
        (QuestionKind::Choice { .. }, Answer::Choice(o)) => {
            let at = shown.iter().position(|s| s == o).unwrap();
            keys.extend(std::iter::repeat_n(DOWN.to_string(), at));
        }
        (QuestionKind::Multi { .. }, Answer::Multi(chosen)) => {
            for o in shown {
                if chosen.contains(o) {
                    keys.push(SPACE.to_string());
                }
                keys.push(DOWN.to_string());
            }
        }
        (QuestionKind::Number { .. }, Answer::Number(x)) => keys.push(x.to_string()),
        other => panic!("no keys for {other:?}"),
    }
    keys.push(ENTER.to_string());
    keys
}

/// The bundled bank and the clinician example's answers.
fn clinician_student() -> (pathfit::bank::Bank, pathfit::answers::AnswerSet) {
    let examples = example("clinician.yaml");
    let bank = pathfit::bank::bundled::find("healthcare")
        .unwrap()
        .load()
        .unwrap();
    let file = pathfit::input::source::SourceFile::read(std::path::Path::new(&examples)).unwrap();
    let answers = pathfit::answers::file::read(file, &bank).unwrap();
    (bank, answers)
}

/// Answers whatever adaptive mode asks, as `answers` says, from question
/// `from` on, until the settled notice shows (`Some(questions asked)`) or
/// `until` questions have been answered (`None`). `seed` is the quiz's
/// (`None`: `--no-shuffle`), which orders the options. Returns the ids
/// answered here, in order.
fn answer_adaptively(
    pty: &mut Pty,
    (bank, answers): (&pathfit::bank::Bank, &pathfit::answers::AnswerSet),
    seed: Option<u64>,
    from: usize,
    until: usize,
) -> (Vec<String>, Option<usize>) {
    let total = bank.questions.len();
    let shown = pathfit::quiz::question_order(bank, seed).options;
    let mut asked = Vec::new();
    loop {
        let n = from + asked.len();
        if n > until {
            return (asked, None);
        }
        let prompt = format!("? [{n} · at most {total}]");
        let start = Instant::now();
        loop {
            pty.pump();
            let screen = pty.contents();
            if screen.contains("Your result is settled") {
                return (asked, Some(n - 1));
            }
            if screen.contains(&prompt) {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
            assert!(start.elapsed() < PATIENCE, "stuck at {n}:\n{screen}");
        }
        let screen = pty.contents();
        let line = screen
            .lines()
            .rev()
            .find(|l| l.contains(&prompt))
            .unwrap()
            .to_string();
        let q = bank
            .questions
            .iter()
            .position(|q| line.contains(&q.text[..q.text.len().min(40)]))
            .unwrap_or_else(|| panic!("which question is {line:?}?"));
        asked.push(bank.questions[q].id.clone());
        for key in keys_for(&bank.questions[q], &shown[q], answers.get(q).unwrap()) {
            pty.keys(&key);
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

/// `pathfit score --adaptive` on the clinician example, as JSON.
fn replay_clinician(extra: &[&str]) -> Value {
    Test::new()
        .args(["score", "--adaptive", "--format", "json", "--answers"])
        .arg(example("clinician.yaml"))
        .args(extra)
        .run()
        .json()
}

#[test]
fn an_adaptive_run_stops_early_for_a_one_sided_student() {
    let (bank, answers) = clinician_student();
    let total = bank.questions.len();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let save = dir.path().join("s.json");
    let mut pty = Pty::spawn(&[
        "take",
        "--adaptive",
        "--no-shuffle",
        "--color",
        "never",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
        "--save",
        save.to_str().unwrap(),
    ]);
    pty.wait_for("Up to 26 questions, at most");
    pty.wait_for("Adaptive mode asks the most");
    let (asked, settled_at) = answer_adaptively(&mut pty, (&bank, &answers), None, 1, total);
    let settled_at = settled_at.expect("the quiz settles");
    pty.wait_for(&format!(
        "Your result is settled after {settled_at} of {total} questions: Clinician fits you best"
    ));
    assert!(settled_at <= total / 2, "{settled_at} of {total}");
    // "Show my result" is the first choice.
    pty.keys(ENTER);
    assert_eq!(pty.exit_code(), 0);
    let json = read_json(&out);
    assert_eq!(json["recommendation"]["role"], "clinician");
    assert_eq!(json["asked"], settled_at);
    assert_eq!(json["settled_after"], settled_at);
    assert_eq!(order(&json), asked);
    assert!(!save.exists(), "a finished quiz leaves no session behind");

    // `score --adaptive` asks exactly what the quiz asked.
    let replay = replay_clinician(&[]);
    assert_eq!(order(&replay), asked);
    assert_eq!(replay["recommendation"]["role"], "clinician");
}

#[test]
fn an_adaptive_run_stopped_with_ctrl_c_resumes_where_it_was() {
    let (bank, answers) = clinician_student();
    let total = bank.questions.len();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let save = dir.path().join("s.json");
    let mut pty = Pty::spawn(&[
        "take",
        "--adaptive",
        "--seed",
        "4",
        "--color",
        "never",
        "--save",
        save.to_str().unwrap(),
    ]);
    let (first, settled) = answer_adaptively(&mut pty, (&bank, &answers), Some(4), 1, 3);
    assert_eq!((first.len(), settled), (3, None));
    pty.wait_for(&format!("? [4 · at most {total}]"));
    pty.keys(CTRL_C);
    pty.wait_for("pathfit take --resume");
    assert_eq!(pty.exit_code(), 130);
    let saved = read_json(&save);
    assert_eq!(saved["answers"].as_object().unwrap().len(), 3, "{saved}");
    // The question showing at Ctrl-C is recorded as asked, to come first.
    assert_eq!(saved["adaptive"]["asked"].as_array().unwrap().len(), 4);

    let mut pty = Pty::spawn(&[
        "take",
        "--resume",
        save.to_str().unwrap(),
        "--color",
        "never",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    pty.wait_for(&format!("Welcome back: up to {} of {total}", total - 3));
    let (rest, settled_at) = answer_adaptively(&mut pty, (&bank, &answers), Some(4), 4, total);
    let settled_at = settled_at.expect("the quiz settles");
    pty.keys(ENTER);
    assert_eq!(pty.exit_code(), 0);
    let json = read_json(&out);
    // Stopping changed nothing: the same questions, in the same order, as
    // the seeded replay of the same student.
    let replay = replay_clinician(&["--seed", "4"]);
    let all: Vec<String> = first.into_iter().chain(rest).collect();
    assert_eq!(order(&json), all);
    assert_eq!(order(&replay), all);
    assert_eq!(json["settled_after"], settled_at);
    assert_eq!(json["dimensions"], replay["dimensions"]);
    assert!(!save.exists());
}
