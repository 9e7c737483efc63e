//! The interactive quiz in a real pseudo-terminal: keys go in as a student
//! would type them and the screen is read back through a terminal emulator.

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

/// A guard against hangs, not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(20);

fn bank() -> String {
    format!("{}/tests/fixtures/quiz.yaml", env!("CARGO_MANIFEST_DIR"))
}

struct Pty {
    session: OsSession,
    screen: vt100::Parser,
    /// Everything the program wrote, escape sequences included.
    raw: Vec<u8>,
}

impl Pty {
    fn spawn(args: &[&str]) -> Pty {
        Pty::spawn_with(args, &[])
    }

    fn spawn_with(args: &[&str], env: &[(&str, &str)]) -> Pty {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pathfit"));
        command
            .args(args)
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .envs(env.iter().copied());
        let mut session = OsSession::spawn(command).expect("spawn in a pty");
        session.get_process_mut().set_window_size(100, 50).unwrap();
        Pty {
            session,
            raw: Vec::new(),
            screen: vt100::Parser::new(
                NonZeroU16::new(50).unwrap(),
                NonZeroU16::new(100).unwrap(),
                0,
            ),
        }
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

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Answers every question of the 6-question bank in bank order with Enter
/// (the default of each prompt), from question `from` on.
fn enter_all(pty: &mut Pty, from: usize) {
    for n in from..=6 {
        pty.answer(n, 6, &[ENTER]);
    }
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
    pty.wait_for("MATCH");
    pty.wait_for("Maker fits you best");
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
    pty.wait_for("<back>");
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
    let score = [
        "score",
        "--answers",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/clinician.yaml"),
    ];
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
        pty.wait_for("MATCH");
        let (code, raw) = pty.finish();
        assert_eq!(code, 0);
        assert_eq!(styled(&raw), expect_styles, "--color {flag}");
    }
}

const UP: &str = "\x1b[A";

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
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/clinician.yaml");
    let bank = pathfit::bank::bundled::find("healthcare")
        .unwrap()
        .load()
        .unwrap();
    let file = pathfit::source::SourceFile::read(std::path::Path::new(examples)).unwrap();
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
        let prompt = format!("? [{n}/{total}]");
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
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/clinician.yaml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pathfit"))
        .args([
            "score",
            "--adaptive",
            "--format",
            "json",
            "--answers",
            examples,
        ])
        .args(extra)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
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
    pty.wait_for(&format!("? [4/{total}]"));
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
