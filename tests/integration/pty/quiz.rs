//! `pathfit take` on the six-question bank tests/fixtures/quiz.yaml, one
//! question of each kind: a full run to the result screen, going back,
//! skipping, Ctrl-C and SIGTERM saving a session that resumes to the same
//! result, the same seed asking in the same order, and colours.

use std::process::Command;
use std::time::Duration;

use super::{CTRL_C, DOWN, ENTER, ESC, Pty, SPACE, enter_all, order};
use crate::support::{example, fixture, read_json};

/// The bank every quiz here is taken on.
fn bank() -> String {
    fixture("quiz.yaml")
}

#[test]
fn a_full_run_ends_on_the_result_screen() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.json");
    let mut pty = Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--color",
        "never",
        "--save",
        save.to_str().unwrap(),
    ]);
    pty.wait_for("Tools or people?");
    pty.wait_for("6 questions, about 2 minutes");
    pty.wait_for("Bikes and phones count.");
    // fix: Strongly agree; alone: Strongly disagree (minus-keyed); meet: Disagree.
    pty.answer(1, 6, &[DOWN, DOWN, ENTER]);
    pty.answer(2, 6, &[DOWN, DOWN, DOWN, ENTER]);
    pty.answer(3, 6, &[DOWN, ENTER]);
    // saturday: garage (first); clubs: robots and repair; hours: 7.
    pty.answer(4, 6, &[ENTER]);
    pty.answer(5, 6, &[SPACE, DOWN, DOWN, SPACE, ENTER]);
    pty.wait_for("(0 to 8 hours)");
    pty.answer(6, 6, &["7", ENTER]);
    // The summary, then the menu to explore the rest; Esc leaves.
    pty.wait_for("Maker fits you best");
    pty.wait_for("What would you like to see?");
    pty.keys(ESC);
    assert_eq!(pty.exit_code(), 0);
    assert!(!save.exists(), "a finished quiz leaves no session behind");
}

#[test]
fn going_back_keeps_the_earlier_answer_and_allows_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let mut pty = Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--color",
        "never",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
        "--save",
        dir.path().join("s.json").to_str().unwrap(),
    ]);
    // fix: Agree (one down from the middle).
    pty.answer(1, 6, &[DOWN, ENTER]);
    pty.answer(2, 6, &[ESC]);
    // Back on question 1 with "Agree" pre-selected: one more Down is "Strongly agree".
    // Going back erases question 2 and question 1's answer.
    pty.wait_until_gone("[2/6]");
    pty.answer(1, 6, &[DOWN, ENTER]);
    enter_all(&mut pty, 2);
    assert_eq!(pty.exit_code(), 0);
    let json = read_json(&out);
    let hands = &json["dimensions"][0];
    // fix = 5 (of 1..5), saturday garage = 2 (of 0..2), clubs none = 0 (of 0..2), hours skipped.
    assert_eq!(hands["raw"].as_f64().unwrap(), 7.0, "{json}");
    assert_eq!(json["answered"], 5);
}

#[test]
fn a_skipped_question_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let mut pty = Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
        "--save",
        dir.path().join("s.json").to_str().unwrap(),
    ]);
    // Question 1: the skip entry is the last of the list (three below the middle).
    pty.answer(1, 6, &[DOWN, DOWN, DOWN, ENTER]);
    enter_all(&mut pty, 2);
    assert_eq!(pty.exit_code(), 0);
    let json = read_json(&out);
    // fix skipped, hours left empty (skipped).
    assert_eq!(json["skipped"], 2, "{json}");
    assert_eq!(json["dimensions"][0]["answered"], 2);
}

#[test]
fn ctrl_c_saves_and_resuming_gives_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("session.json");
    let once = dir.path().join("once.json");
    let twice = dir.path().join("twice.json");
    let keys: [&[&str]; 6] = [
        &[DOWN, ENTER],
        &[ENTER],
        &[DOWN, DOWN, ENTER],
        &[DOWN, ENTER],
        &[SPACE, ENTER],
        &["3", ENTER],
    ];

    // Uninterrupted, with seed 11.
    let mut pty = Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--seed",
        "11",
        "--format",
        "json",
        "--output",
        once.to_str().unwrap(),
        "--save",
        dir.path().join("other.json").to_str().unwrap(),
    ]);
    // The seeded order decides which kind each position is; answer by kind.
    let first = answer_seeded(&mut pty, &keys, 1..=6);
    assert_eq!(pty.exit_code(), 0);

    // Interrupted after three answers, then resumed.
    let mut pty = Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--seed",
        "11",
        "--save",
        save.to_str().unwrap(),
    ]);
    let second = answer_seeded(&mut pty, &keys, 1..=3);
    pty.wait_for("? [4/6]");
    pty.keys(CTRL_C);
    pty.wait_for("pathfit take --resume");
    assert_eq!(pty.exit_code(), 130);
    let saved = read_json(&save);
    assert_eq!(saved["answers"].as_object().unwrap().len(), 3, "{saved}");

    let mut pty = Pty::spawn(&[
        "take",
        "--resume",
        save.to_str().unwrap(),
        "--format",
        "json",
        "--output",
        twice.to_str().unwrap(),
    ]);
    pty.wait_for("3 of 6 questions left");
    let third = answer_seeded(&mut pty, &keys, 4..=6);
    assert_eq!(pty.exit_code(), 0);

    assert_eq!(first[..3], second[..]);
    assert_eq!(first[3..], third[..]);
    assert_eq!(read_json(&once), read_json(&twice));
    assert!(!save.exists());
}

/// Answers positions `range` of a seeded run, each with the keys for the
/// question shown there (found by its text), returning the texts in order.
fn answer_seeded(
    pty: &mut Pty,
    keys: &[&[&str]; 6],
    range: std::ops::RangeInclusive<usize>,
) -> Vec<String> {
    const TEXTS: [&str; 6] = [
        "I like fixing broken things.",
        "I prefer working alone.",
        "I like meeting new people.",
        "Which Saturday job sounds better?",
        "Which clubs would you join?",
        "How many hours a day",
    ];
    let mut seen = Vec::new();
    for n in range {
        let marker = format!("? [{n}/6] ");
        pty.wait_for(&marker);
        let screen = pty.contents();
        let line = screen
            .lines()
            .find(|l| l.contains(&marker))
            .unwrap()
            .to_string();
        let q = TEXTS
            .iter()
            .position(|t| line.contains(t))
            .unwrap_or_else(|| panic!("unknown question: {line}"));
        for key in keys[q] {
            pty.keys(key);
            std::thread::sleep(Duration::from_millis(30));
        }
        seen.push(TEXTS[q].to_string());
    }
    seen
}

#[test]
fn the_same_seed_asks_in_the_same_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut orders = Vec::new();
    for run in 0..2 {
        let out = dir.path().join(format!("r{run}.json"));
        let mut pty = Pty::spawn(&[
            "take",
            "--bank",
            &bank(),
            "--seed",
            "2024",
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
            "--save",
            dir.path().join("s.json").to_str().unwrap(),
        ]);
        enter_all(&mut pty, 1);
        assert_eq!(pty.exit_code(), 0);
        let json = read_json(&out);
        assert_eq!(json["seed"], 2024);
        orders.push(order(&json));
    }
    assert_eq!(orders[0], orders[1]);
    let mut sorted = orders[0].clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["alone", "clubs", "fix", "hours", "meet", "saturday"]
    );
}

#[test]
fn sigterm_mid_quiz_saves_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("s.json");
    let mut pty = Pty::spawn(&[
        "take",
        "--bank",
        &bank(),
        "--no-shuffle",
        "--save",
        save.to_str().unwrap(),
    ]);
    pty.answer(1, 6, &[DOWN, ENTER]);
    pty.wait_for("? [2/6]");
    let pid = pty.session.get_process().pid().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    pty.wait_for("pathfit take --resume");
    assert_eq!(pty.exit_code(), 130);
    let saved = read_json(&save);
    assert_eq!(saved["answers"]["fix"], 4.0, "{saved}");
}

#[test]
fn colours_follow_no_color_and_the_flag() {
    // A style is an SGR sequence (`ESC [ … m`) other than a plain reset.
    let styled = |raw: &[u8]| {
        String::from_utf8_lossy(raw)
            .split("\x1b[")
            .skip(1)
            .any(|rest| {
                let params: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ';')
                    .collect();
                rest[params.len()..].starts_with('m') && !matches!(params.as_str(), "" | "0")
            })
    };
    let score = ["score", "--answers", &example("clinician.yaml")];
    let (code, raw) = Pty::spawn(&score).finish();
    assert_eq!(code, 0);
    assert!(styled(&raw), "a terminal gets colours");
    let (_, raw) = Pty::spawn_with(&score, &[("NO_COLOR", "1")]).finish();
    assert!(!styled(&raw), "NO_COLOR turns them off");
    assert!(String::from_utf8_lossy(&raw).contains("Clinician fits you best"));

    // `take`: `--color never` leaves prompts and result plain even in a
    // terminal; `--color always` styles them.
    for (flag, expect_styles) in [("never", false), ("always", true)] {
        let save = tempfile::tempdir().unwrap();
        let save = save.path().join("s.json");
        let mut pty = Pty::spawn(&[
            "take",
            "--bank",
            &bank(),
            "--no-shuffle",
            "--color",
            flag,
            "--save",
            save.to_str().unwrap(),
        ]);
        enter_all(&mut pty, 1);
        pty.wait_for("What would you like to see?");
        pty.keys(ESC);
        let (code, raw) = pty.finish();
        assert_eq!(code, 0);
        assert_eq!(styled(&raw), expect_styles, "--color {flag}");
    }
}
