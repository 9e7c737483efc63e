//! The `pathfit` binary end to end, through `pathfit score` and `pathfit
//! banks`: the text and JSON reports, `--output`, standard input, hand-summed
//! raw scores on a six-dimension bank, every exit code, and the located
//! messages for the broken banks and answers under tests/fixtures/.

use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn pathfit() -> Command {
    let mut cmd = Command::cargo_bin("pathfit").unwrap();
    // A guard, not a timing assertion: a hang fails the test instead of
    // stalling the suite.
    cmd.timeout(Duration::from_secs(20));
    cmd
}

/// Absolute path of a file under tests/fixtures/.
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Absolute path of a file under examples/.
fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Absolute path of the bundled healthcare bank.
const HEALTHCARE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/healthcare.yaml");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("pathfit writes UTF-8")
}

/// Runs `pathfit score --format json ARGS`, expecting success and nothing on
/// standard error, and parses standard output.
fn score_json(args: &[&str]) -> Value {
    let out = pathfit()
        .arg("score")
        .args(args)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .stderr("");
    serde_json::from_slice(&out.get_output().stdout).expect("stdout is JSON")
}

/// Runs `pathfit score ARGS`, expecting exit `code` and nothing on standard
/// output; returns standard error.
fn score_fails(args: &[&str], code: i32) -> String {
    let out = pathfit()
        .arg("score")
        .args(args)
        .assert()
        .code(code)
        .stdout("");
    text_of(&out.get_output().stderr)
}

/// `(line, column)`, both 1-based and the column in characters, of
/// `column_text` inside the `nth` (0-based) line of `text` that `is_line`
/// accepts.
fn locate(
    text: &str,
    is_line: impl Fn(&str) -> bool,
    nth: usize,
    column_text: &str,
) -> (usize, usize) {
    let (index, line) = text
        .lines()
        .enumerate()
        .filter(|(_, l)| is_line(l))
        .nth(nth)
        .unwrap_or_else(|| panic!("no line #{nth} for `{column_text}` in:\n{text}"));
    let byte = line
        .find(column_text)
        .unwrap_or_else(|| panic!("`{column_text}` not on line {}: {line}", index + 1));
    (index + 1, line[..byte].chars().count() + 1)
}

/// One problem block of an error message:
///
/// ```text
/// FILE:LINE:COL: MESSAGE [CODE]
///   at: PATH
///     |
///  LINE | SOURCE LINE
///     |     ^
///   hint: HINT
/// ```
#[derive(Debug, Default)]
struct Reported {
    location: Option<(usize, usize)>,
    message: String,
    code: String,
    at: Option<String>,
    /// The source line echoed under the message.
    source: Option<(usize, String)>,
    /// The 1-based column of the `^` under the source line.
    caret: Option<usize>,
    hint: Option<String>,
}

/// The problems in pathfit's standard error for the file it calls `file`.
fn problems(stderr: &str, file: &str) -> Vec<Reported> {
    let mut found: Vec<Reported> = Vec::new();
    let mut in_block = false;
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix(file).and_then(|r| r.strip_prefix(':'))
            && let Some((head, code)) = rest.strip_suffix(']').and_then(|r| r.rsplit_once(" ["))
        {
            let mut problem = Reported {
                code: code.to_string(),
                ..Reported::default()
            };
            match head.strip_prefix(' ') {
                Some(message) => problem.message = message.to_string(),
                None => {
                    let (position, message) = head
                        .split_once(": ")
                        .unwrap_or_else(|| panic!("no message in {line}"));
                    let (l, c) = position
                        .split_once(':')
                        .unwrap_or_else(|| panic!("no LINE:COL in {line}"));
                    let number = |s: &str| -> usize {
                        s.parse()
                            .unwrap_or_else(|_| panic!("`{s}` is no number in {line}"))
                    };
                    problem.location = Some((number(l), number(c)));
                    problem.message = message.to_string();
                }
            }
            found.push(problem);
            in_block = true;
            continue;
        }
        if line.is_empty() {
            in_block = false;
            continue;
        }
        let Some(problem) = found.last_mut().filter(|_| in_block) else {
            continue;
        };
        if let Some(at) = line.strip_prefix("  at: ") {
            problem.at = Some(at.to_string());
        } else if let Some(hint) = line.strip_prefix("  hint: ") {
            problem.hint = Some(hint.to_string());
        } else if let Some((gutter, shown)) = line.split_once(" | ") {
            match gutter.trim().parse::<usize>() {
                Ok(number) => problem.source = Some((number, shown.to_string())),
                Err(_) if shown.trim_start() == "^" => {
                    problem.caret = Some(shown.chars().count());
                }
                Err(_) => panic!("unexpected line in a problem block: {line}"),
            }
        } else if let Some(hint) = &mut problem.hint {
            // A hint that runs over several lines.
            hint.push('\n');
            hint.push_str(line);
        }
    }
    found
}

/// Checks what every located problem must show: the source line it names,
/// with the caret under its column.
fn check_snippets(reported: &[Reported], source: &str) {
    let lines: Vec<&str> = source.lines().collect();
    let mut checked = 0;
    for p in reported {
        let Some((line, column)) = p.location else {
            continue;
        };
        let Some(text) = lines.get(line - 1) else {
            continue;
        };
        let (number, shown) = p
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("no source line shown for {p:?}"));
        assert_eq!(*number, line, "{p:?}");
        if text.chars().count() <= 100 {
            assert_eq!(shown, text.trim_end(), "{p:?}");
            assert_eq!(p.caret, Some(column), "caret misplaced: {p:?}");
        }
        checked += 1;
    }
    assert!(checked > 0, "no located problem to check: {reported:?}");
}

/// Scores answers/tiny.yaml (valid for the control bank) against the bank at
/// `bank`, expecting exit 65; returns standard error and the problems
/// reported for the bank.
fn bank_problems(bank: &str) -> (String, Vec<Reported>) {
    let err = score_fails(
        &["--bank", bank, "--answers", &fixture("answers/tiny.yaml")],
        65,
    );
    assert!(err.starts_with(&format!("error: {bank}: ")), "{err}");
    let found = problems(&err, bank);
    (err, found)
}

// ---------------------------------------------------------------------------
// Scoring the bundled bank: text and JSON
// ---------------------------------------------------------------------------

#[test]
fn clinician_text_report_says_clinician_clearly_in_80_columns() {
    let out = pathfit()
        .args(["score", "--answers", &example("clinician.yaml")])
        .assert()
        .code(0)
        .stderr("");
    let text = text_of(&out.get_output().stdout);
    assert!(
        text.starts_with("Clinician or technician?  (healthcare v2)\n"),
        "{text}"
    );
    assert!(
        text.contains("Clinician fits you best, and clearly"),
        "{text}"
    );
    assert!(text.contains("You answered 26 of 26 questions."), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    for heading in ["MATCH", "YOUR SCORES", "WHY", "ABOUT CLINICIAN"] {
        assert!(lines.contains(&heading), "no {heading} heading:\n{text}");
    }
    assert!(
        !lines.contains(&"ABOUT TECHNICIAN"),
        "a clear result describes only the best role"
    );
    // MATCH lists both roles, best first.
    let match_at = lines.iter().position(|l| *l == "MATCH").unwrap();
    assert!(lines[match_at + 1].trim_start().starts_with("Clinician"));
    assert!(lines[match_at + 2].trim_start().starts_with("Technician"));
    // Only a web address too long for the width may stick out, alone on
    // its line, so that it can still be copied whole.
    for line in &lines {
        let lone_address =
            line.trim_start().starts_with("https://") && line.split_whitespace().count() == 1;
        assert!(
            line.chars().count() <= 80 || lone_address,
            "wider than 80: {line:?}"
        );
    }
}

#[test]
fn clinician_json_has_every_field_of_schema_1() {
    let json = score_json(&["--answers", &example("clinician.yaml")]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["bank"]["id"], "healthcare");
    assert_eq!(json["bank"]["version"], 2);
    assert_eq!(json["bank"]["title"], "Clinician or technician?");
    assert_eq!(json["answered"], 26);
    assert_eq!(json["skipped"], 0);
    assert_eq!(json["total"], 26);

    let dimensions = json["dimensions"].as_array().expect("dimensions[]");
    let ids: Vec<&str> = dimensions
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "patient_interaction",
            "equipment_work",
            "education_length",
            "decision_making",
            "work_setting"
        ]
    );
    for d in dimensions {
        assert!(d["name"].as_str().is_some_and(|n| !n.is_empty()), "{d}");
        let raw = d["raw"].as_f64().expect("raw");
        let min = d["min"].as_f64().expect("min");
        let max = d["max"].as_f64().expect("max");
        let score = d["score"].as_f64().expect("every dimension is measured");
        assert!(min <= raw && raw <= max && min < max, "{d}");
        assert!((score - (raw - min) / (max - min)).abs() < 1e-12, "{d}");
        assert!(d["answered"].as_u64().unwrap() > 0, "{d}");
    }

    let roles = json["roles"].as_array().expect("roles[]");
    assert_eq!(roles.len(), 2);
    let fits: Vec<f64> = roles.iter().map(|r| r["fit"].as_f64().unwrap()).collect();
    assert!(
        fits.windows(2).all(|w| w[0] >= w[1]),
        "not sorted: {fits:?}"
    );
    assert!(fits.iter().all(|f| (0.0..=1.0).contains(f)), "{fits:?}");
    assert_eq!(roles[0]["id"], "clinician");
    assert_eq!(roles[0]["name"], "Clinician");
    assert_eq!(roles[1]["id"], "technician");
    assert_eq!(roles[1]["name"], "Technician");

    let rec = &json["recommendation"];
    assert_eq!(rec["role"], "clinician");
    assert_eq!(rec["runner_up"], "technician");
    assert_eq!(rec["verdict"], "clear");
    let margin = rec["margin"].as_f64().expect("margin");
    assert!((margin - (fits[0] - fits[1])).abs() < 1e-12, "{margin}");

    let reasons = json["reasons"].as_array().expect("reasons[]");
    assert!(!reasons.is_empty());
    for r in reasons {
        assert!(r["text"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
        assert!(ids.contains(&r["dimension"].as_str().unwrap()), "{r}");
        assert_eq!(r["favours"], "clinician", "{r}");
    }
    assert_eq!(json["warnings"], Value::Array(Vec::new()));
}

/// The bundled bank's specialties of `role`, as (id, name) pairs.
fn bank_specialties(role: &str) -> Vec<(String, String)> {
    let text = read(HEALTHCARE);
    let start = text
        .find(&format!("  - id: {role}\n"))
        .expect("the role is in the bank");
    let rest = &text[start..];
    let end = rest[4..].find("\n  - id: ").map_or(rest.len(), |e| e + 4);
    let block = &rest[..end];
    let lines: Vec<&str> = block.lines().collect();
    lines
        .windows(2)
        .filter_map(|w| {
            let id = w[0].strip_prefix("      - id: ")?;
            let name = w[1].trim().strip_prefix("name: ")?;
            Some((id.to_string(), name.to_string()))
        })
        .collect()
}

#[test]
fn the_result_names_the_winning_paths_best_specialties_with_their_facts() {
    let bank = read(HEALTHCARE);
    let in_bank: Vec<&str> = bank
        .split_whitespace()
        .filter(|w| w.starts_with("https://"))
        .collect();
    for (example_file, role) in [
        ("clinician.yaml", "clinician"),
        ("technician.yaml", "technician"),
    ] {
        let json = score_json(&["--answers", &example(example_file)]);
        let listed = json["recommendation"]["specialties"].as_array().unwrap();
        let known = bank_specialties(role);
        assert!(known.len() >= 4, "{role}: {known:?}");
        assert_eq!(listed.len(), 3, "{role}: the top three");
        let fits: Vec<f64> = listed.iter().map(|s| s["fit"].as_f64().unwrap()).collect();
        assert!(fits.windows(2).all(|w| w[0] >= w[1]), "{fits:?}");
        for s in listed {
            assert_eq!(s["role"], role);
            let pair = (
                s["id"].as_str().unwrap().to_string(),
                s["name"].as_str().unwrap().to_string(),
            );
            assert!(known.contains(&pair), "{pair:?} not in {known:?}");
        }
        let out = pathfit()
            .args(["score", "--answers", &example(example_file)])
            .assert()
            .code(0);
        let text = text_of(&out.get_output().stdout);
        let at = text
            .find("JOBS ON THIS PATH THAT FIT YOU BEST")
            .unwrap_or_else(|| panic!("{text}"));
        let section = &text[at..];
        let top = listed[0]["name"].as_str().unwrap();
        assert!(section.contains(&format!("1. {top}, ")), "{section}");
        // Pay and growth come with a year and a source.
        assert!(section.contains("Median pay: $"), "{section}");
        assert!(section.contains("Job growth: "), "{section}");
        assert!(
            section.contains("Source: ") || section.contains("Sources:\n"),
            "{section}"
        );
        let words = section.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("not a measurement"), "{section}");
        // Web addresses are never broken across lines, so they can be
        // copied: every one shown is an address the bank wrote.
        let shown: Vec<&str> = section
            .split_whitespace()
            .filter(|w| w.starts_with("http"))
            .collect();
        assert!(shown.len() >= 3, "{section}");
        for url in shown {
            assert!(in_bank.contains(&url), "{url} is cut short:\n{section}");
        }
    }
}

/// An example answers file's answers as JSON values, read with the library.
fn example_answers(name: &str) -> serde_json::Map<String, Value> {
    let bank = pathfit::bank::bundled::find("healthcare")
        .unwrap()
        .load()
        .unwrap();
    let file = pathfit::source::SourceFile::read(std::path::Path::new(&example(name))).unwrap();
    let answers = pathfit::answers::file::read(file, &bank).unwrap();
    answers
        .iter()
        .map(|(q, a)| {
            let question = &bank.questions[q];
            (
                question.id.clone(),
                pathfit::answers::answer_value(question, a),
            )
        })
        .collect()
}

/// Writes `answers` (question id -> JSON value) as an answers file.
fn answers_file(dir: &std::path::Path, answers: &serde_json::Map<String, Value>) -> String {
    let path = dir.join("changed.json");
    std::fs::write(
        &path,
        serde_json::json!({ "bank": "healthcare", "answers": answers }).to_string(),
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn applying_what_if_makes_the_runner_up_win() {
    let dir = tempfile::tempdir().unwrap();
    for example_file in ["clinician.yaml", "technician.yaml"] {
        let json = score_json(&["--answers", &example(example_file)]);
        let runner_up = json["recommendation"]["runner_up"].clone();
        let changes = json["what_if"].as_array().unwrap();
        assert!(!changes.is_empty(), "{json}");
        let search = &json["what_if_search"];
        assert_eq!(search["role"], runner_up);
        assert_eq!(search["exact"], true);
        assert_eq!(search["at_least"].as_u64().unwrap() as usize, changes.len());
        // The full answers as JSON, then the changes on top.
        let mut answers = example_answers(example_file);
        for c in changes {
            let id = c["question"].as_str().unwrap();
            assert_eq!(answers[id], c["from"], "{c}");
            answers.insert(id.to_string(), c["to"].clone());
        }
        let flipped = score_json(&["--answers", &answers_file(dir.path(), &answers)]);
        assert_eq!(flipped["recommendation"]["role"], runner_up, "{flipped}");
        assert_eq!(flipped["recommendation"]["tie"], false);
        // Leaving out any one change keeps the original winner.
        for change in changes {
            let mut fewer = answers.clone();
            let id = change["question"].as_str().unwrap();
            fewer.insert(id.to_string(), change["from"].clone());
            let kept = score_json(&["--answers", &answers_file(dir.path(), &fewer)]);
            assert_ne!(kept["recommendation"]["role"], runner_up);
        }
    }
}

#[test]
fn adaptive_replay_asks_fewer_questions_and_agrees_with_the_full_result() {
    let full = score_json(&["--answers", &example("clinician.yaml")]);
    let adaptive = score_json(&["--answers", &example("clinician.yaml"), "--adaptive"]);
    assert_eq!(
        adaptive["recommendation"]["role"],
        full["recommendation"]["role"]
    );
    let asked = adaptive["asked"].as_u64().unwrap();
    assert!(asked <= 13, "{asked} of 26");
    assert_eq!(adaptive["settled_after"], asked);
    assert_eq!(adaptive["order"].as_array().unwrap().len() as u64, asked);
    assert_eq!(adaptive["answered"].as_u64().unwrap(), asked);
    assert_eq!(adaptive["total"], 26);
    assert_eq!(adaptive["seed"], Value::Null);
    // A seed only breaks ties, so the same student still settles as early.
    let seeded = score_json(&[
        "--answers",
        &example("clinician.yaml"),
        "--adaptive",
        "--seed",
        "9",
    ]);
    assert_eq!(seeded["seed"], 9);
    assert_eq!(seeded["recommendation"]["role"], "clinician");
    assert!(seeded["asked"].as_u64().unwrap() <= 13);
    // Without --adaptive there is no adaptive record.
    assert!(full.get("asked").is_none() && full.get("settled_after").is_none());
    // --seed means nothing without --adaptive.
    pathfit()
        .args([
            "score",
            "--answers",
            &example("clinician.yaml"),
            "--seed",
            "9",
        ])
        .assert()
        .code(2);
}

#[test]
fn technician_json_recommends_technician_clearly() {
    let json = score_json(&["--answers", &example("technician.yaml")]);
    assert_eq!(json["recommendation"]["role"], "technician");
    assert_eq!(json["recommendation"]["runner_up"], "clinician");
    assert_eq!(json["recommendation"]["verdict"], "clear");
    assert_eq!(json["roles"][0]["id"], "technician");
}

#[test]
fn unmeasured_dimensions_have_a_null_score_and_a_warning() {
    // by-value.yaml answers no decision-making question.
    let json = score_json(&["--answers", &fixture("answers/by-value.yaml")]);
    assert_eq!(json["answered"], 8);
    assert_eq!(json["skipped"], 18);
    let decision = &json["dimensions"][3];
    assert_eq!(decision["id"], "decision_making");
    assert_eq!(decision["score"], Value::Null);
    assert_eq!(decision["answered"], 0);
    let warnings = json["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["code"], "not-measured");
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .contains("Decision making"),
        "{warnings:?}"
    );
}

#[test]
fn skipped_answers_are_counted_as_skipped() {
    // with-skips.yaml is clinician.yaml with fix-it: null, odd-result: ~ and
    // an empty patient-hours.
    let json = score_json(&["--answers", &fixture("answers/with-skips.yaml")]);
    assert_eq!(json["answered"], 23);
    assert_eq!(json["skipped"], 3);
    assert_eq!(json["total"], 26);
    assert_eq!(json["recommendation"]["role"], "clinician");

    pathfit()
        .args(["score", "--answers", &fixture("answers/with-skips.yaml")])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "You answered 23 of 26 questions and skipped 3.",
        ));
}

#[test]
fn answers_by_label_equal_answers_by_value_in_yaml_and_json() {
    let by_value = score_json(&["--answers", &fixture("answers/by-value.yaml")]);
    let by_label = score_json(&["--answers", &fixture("answers/by-label.yaml")]);
    let json_file = score_json(&["--answers", &fixture("answers/by-value.json")]);
    assert_eq!(by_label, by_value);
    assert_eq!(json_file, by_value);
    // Not vacuous: one step down the scale changes the result, by exactly
    // one point of raw patient interaction ("Agree" is 4, not 3).
    let dir = tempfile::tempdir().unwrap();
    let lower = dir.path().join("lower.yaml");
    let text = read(&fixture("answers/by-value.yaml"));
    assert!(text.contains("  explain-result: 4\n"));
    std::fs::write(
        &lower,
        text.replace("  explain-result: 4\n", "  explain-result: 3\n"),
    )
    .unwrap();
    let lower = score_json(&["--answers", lower.to_str().unwrap()]);
    assert_ne!(lower, by_label);
    let raw = |json: &Value| {
        assert_eq!(json["dimensions"][0]["id"], "patient_interaction");
        json["dimensions"][0]["raw"].as_f64().unwrap()
    };
    assert_eq!(raw(&by_label) - raw(&lower), 1.0);
}

#[test]
fn answers_can_come_from_standard_input() {
    let from_file = score_json(&["--answers", &fixture("answers/by-value.yaml")]);
    let out = pathfit()
        .args(["score", "--answers", "-", "--format", "json"])
        .write_stdin(read(&fixture("answers/by-value.yaml")))
        .assert()
        .code(0)
        .stderr("");
    let from_stdin: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(from_stdin, from_file);

    // Problems in standard input are reported under that name.
    let err = pathfit()
        .args(["score", "--answers", "-"])
        .write_stdin("answers:\n  first-day: moon\n")
        .assert()
        .code(65)
        .stdout("")
        .get_output()
        .stderr
        .clone();
    let err = text_of(&err);
    let found = problems(&err, "<standard input>");
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "bad-answer");
    assert_eq!(found[0].location, Some((2, 14)));
}

// ---------------------------------------------------------------------------
// A six-dimension, six-role bank on a 0..4 scale, summed by hand
// ---------------------------------------------------------------------------

#[test]
fn six_dimension_bank_raw_scores_are_the_plain_sums() {
    let json = score_json(&[
        "--bank",
        &fixture("six.yaml"),
        "--answers",
        &fixture("answers/six.yaml"),
    ]);
    assert_eq!(json["bank"]["id"], "six");
    assert_eq!(json["answered"], 15);
    assert_eq!(json["skipped"], 0);
    assert_eq!(json["total"], 15);
    assert_eq!(json["roles"].as_array().unwrap().len(), 6);

    // Likert on 0..4: plus-keyed gives w * v, minus-keyed w * (4 - v), range
    // w * 0 ..= w * 4. A choice gives the picked option's score, range the
    // smallest ..= largest option score; a multi gives the sum over picked
    // options, range (sum of negative scores) ..= (sum of positive scores).
    // A number gives w * (x - min) / (max - min), range 0 ..= w.
    //
    // answers/six.yaml: b1 3, b2 1, t1 2, t2 Quite (= 3), c1 4, c2 1, h1 2,
    // h2 3, l1 4, l2 0, o1 2, o2 3, weekend shed, jobs [nurse, clerk], hours 15.
    // weekend options: shed {build 2}, club {lead 2, order 1}, mural {create 2}.
    // jobs options: nurse {help 1}, boss {lead 1, help -1}, clerk {order 1}.
    let expected = [
        // (id, raw, min, max, answered)
        // build: b1 3 + b2 minus (4 - 1 = 3) + weekend shed 2 = 8;
        //        max 4 + 4 + 2 = 10
        ("build", 8.0, 0.0, 10.0, 3),
        // think: t1 weight 2 (2 * 2 = 4) + t2 minus (4 - 3 = 1) = 5;
        //        max 2 * 4 + 4 = 12
        ("think", 5.0, 0.0, 12.0, 2),
        // create: c1 4 + c2 1 + weekend shed (mural not picked) 0 = 5;
        //         max 4 + 4 + 2 = 10
        ("create", 5.0, 0.0, 10.0, 3),
        // help: h1 2 + h2 minus (4 - 3 = 1) + jobs nurse 1 (boss not picked) = 4;
        //       min 0 + 0 + (-1) = -1, max 4 + 4 + 1 = 9
        ("help", 4.0, -1.0, 9.0, 3),
        // lead: l1 4 + l2 minus (4 - 0 = 4) + weekend 0 + jobs 0 = 8;
        //       max 4 + 4 + 2 + 1 = 11
        ("lead", 8.0, 0.0, 11.0, 4),
        // order: o1 2 + o2 weight 3 (3 * 3 = 9) + weekend 0 + jobs clerk 1
        //        + hours 15/20 = 0.75, total 12.75; max 4 + 12 + 1 + 1 + 1 = 19
        ("order", 12.75, 0.0, 19.0, 5),
    ];
    let dimensions = json["dimensions"].as_array().unwrap();
    assert_eq!(dimensions.len(), expected.len());
    for (d, (id, raw, min, max, answered)) in dimensions.iter().zip(expected) {
        assert_eq!(d["id"], id);
        assert_eq!(d["raw"].as_f64(), Some(raw), "{id} raw: {d}");
        assert_eq!(d["min"].as_f64(), Some(min), "{id} min: {d}");
        assert_eq!(d["max"].as_f64(), Some(max), "{id} max: {d}");
        assert_eq!(d["answered"], answered, "{id} answered: {d}");
        let score = d["score"].as_f64().unwrap();
        assert!((score - (raw - min) / (max - min)).abs() < 1e-12, "{id}");
    }
}

// ---------------------------------------------------------------------------
// --output
// ---------------------------------------------------------------------------

#[test]
fn output_file_holds_exactly_what_stdout_would() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "text"] {
        let target = dir.path().join(format!("result.{format}"));
        let args = [
            "score",
            "--answers",
            &example("technician.yaml"),
            "--format",
            format,
        ];
        pathfit()
            .args(args)
            .arg("--output")
            .arg(&target)
            .assert()
            .code(0)
            .stdout("")
            .stderr("");
        let stdout = pathfit()
            .args(args)
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        assert!(!stdout.is_empty());
        assert_eq!(std::fs::read(&target).unwrap(), stdout, "{format}");
    }
    let written: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("result.json")).unwrap()).unwrap();
    assert_eq!(written["recommendation"]["role"], "technician");
    // No temporary file is left beside the results.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["result.json", "result.text"]);
}

#[test]
fn output_into_a_missing_directory_exits_74() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-dir").join("result.json");
    let target_str = target.to_str().unwrap();
    let err = score_fails(
        &[
            "--answers",
            &example("clinician.yaml"),
            "--format",
            "json",
            "--output",
            target_str,
        ],
        74,
    );
    assert!(
        err.starts_with(&format!("error: {target_str}: cannot write the output")),
        "{err}"
    );
    assert!(err.contains("does not exist"), "{err}");
    // The temporary file's random name is not shown.
    assert!(!err.contains(".pathfit-"), "{err}");
    assert!(!target.exists());
    assert!(!dir.path().join("no-such-dir").exists());
}

// ---------------------------------------------------------------------------
// banks, --version, --help
// ---------------------------------------------------------------------------

#[test]
fn banks_lists_healthcare_with_its_title() {
    let out = pathfit().arg("banks").assert().code(0).stderr("");
    let text = text_of(&out.get_output().stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("healthcare "))
        .unwrap_or_else(|| panic!("no healthcare line:\n{text}"));
    assert!(line.contains("Clinician or technician?"), "{line}");
    assert!(line.contains("26 questions"), "{line}");
    assert!(line.contains("2 roles: Clinician, Technician"), "{line}");
}

#[test]
fn version_and_help_exit_0() {
    pathfit()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("pathfit {}\n", env!("CARGO_PKG_VERSION")));
    pathfit().args(["score", "--help"]).assert().code(0).stdout(
        predicate::str::contains("--answers <FILE>")
            .and(predicate::str::contains("--bank <FILE|NAME>"))
            .and(predicate::str::contains("--format <FORMAT>"))
            .and(predicate::str::contains("--output <FILE>")),
    );
}

// ---------------------------------------------------------------------------
// Exit 2: usage
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    // No command means `take`, which needs a terminal: without one it
    // refuses and points to `score`.
    for args in [&[][..], &["take"][..]] {
        pathfit()
            .args(args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("pathfit score --answers FILE"));
    }
    for args in [
        &["take", "--seed", "1", "--no-shuffle"][..],
        // A resumed session keeps the mode it was started in.
        &["take", "--adaptive", "--resume", "s.json"][..],
    ] {
        pathfit()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot be used with"));
    }
    let answers = example("clinician.yaml");
    let cases: [(&[&str], &str); 4] = [
        (
            &["score", "--answers", &answers, "--colour"],
            "unexpected argument '--colour' found",
        ),
        (
            &["score", "--answers", &answers, "--format", "pdf"],
            "invalid value 'pdf' for '--format <FORMAT>'",
        ),
        (
            &["score", "--format", "json"],
            "the following required arguments were not provided:\n  --answers <FILE>",
        ),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
    ];
    for (args, message) in cases {
        pathfit()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
}

// ---------------------------------------------------------------------------
// Exit 66: input missing or unreadable
// ---------------------------------------------------------------------------

#[test]
fn missing_answers_file_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("answers.yaml");
    let missing = missing.to_str().unwrap();
    let err = score_fails(&["--answers", missing], 66);
    assert!(
        err.starts_with(&format!("error: {missing}: cannot read the file")),
        "{err}"
    );
}

#[test]
fn answers_path_that_is_a_directory_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let err = score_fails(&["--answers", path], 66);
    assert!(
        err.contains(&format!("{path}: cannot read the file: it is a directory")),
        "{err}"
    );
}

#[test]
fn missing_bank_file_exits_66() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("bank.yaml");
    let missing = missing.to_str().unwrap();
    let err = score_fails(
        &["--bank", missing, "--answers", &example("clinician.yaml")],
        66,
    );
    assert!(
        err.starts_with(&format!("error: {missing}: cannot read the file")),
        "{err}"
    );
}

#[test]
fn unknown_bank_name_exits_66_and_lists_the_bundled_banks() {
    let err = score_fails(
        &[
            "--bank",
            "no-such-bank",
            "--answers",
            &example("clinician.yaml"),
        ],
        66,
    );
    assert!(
        err.contains("there is no bank file or bundled bank called `no-such-bank`"),
        "{err}"
    );
    assert!(err.contains("bundled banks: healthcare"), "{err}");
}

// ---------------------------------------------------------------------------
// Exit 65: broken banks
// ---------------------------------------------------------------------------

#[test]
fn the_control_bank_beside_the_broken_ones_is_valid() {
    // Every file in tests/fixtures/banks/ except this one is broken; each
    // single-mistake file is this one with one change.
    let json = score_json(&[
        "--bank",
        &fixture("banks/valid-tiny.yaml"),
        "--answers",
        &fixture("answers/tiny.yaml"),
    ]);
    assert_eq!(json["bank"]["id"], "tiny");
    assert_eq!(json["recommendation"]["role"], "maker");
}

/// A bank file with one mistake: its code, the line it is on (a whole
/// trimmed line of the file, and which occurrence of it), the text the
/// column points at (None: not checked), a piece of the message and of the
/// hint.
struct OneMistake {
    file: &'static str,
    code: &'static str,
    line: &'static str,
    nth: usize,
    column_at: Option<&'static str>,
    message: &'static str,
    hint: Option<&'static str>,
}

const ONE_MISTAKE: &[OneMistake] = &[
    OneMistake {
        file: "specialty-bad-target",
        code: "bad-target",
        line: "hands: 1.2",
        nth: 0,
        column_at: Some("1.2"),
        message: "the target for `hands` must be between 0 and 1, not 1.2",
        hint: Some("0 means the dimension's `low` end"),
    },
    OneMistake {
        file: "specialty-duplicate-id",
        code: "duplicate-id",
        line: "- id: mechanic",
        nth: 1,
        column_at: Some("mechanic"),
        message: "the specialty id `mechanic` is used twice",
        hint: Some("it is already used at roles[0].specialties[0]"),
    },
    OneMistake {
        file: "specialty-unknown-field",
        code: "unknown-field",
        line: "profil:",
        nth: 0,
        column_at: Some("profil"),
        message: "unknown field `profil`",
        hint: Some("did you mean `profile`?"),
    },
    OneMistake {
        file: "unknown-field",
        code: "unknown-field",
        line: "wieght: 2",
        nth: 0,
        column_at: Some("wieght"),
        message: "unknown field `wieght`",
        hint: Some("did you mean `weight`?"),
    },
    OneMistake {
        file: "wrong-type",
        code: "wrong-type",
        line: "weight: heavy",
        nth: 0,
        column_at: Some("heavy"),
        message: "invalid type: string \"heavy\", expected a number",
        hint: Some("write a number here"),
    },
    OneMistake {
        file: "unknown-dimension",
        code: "unknown-dimension",
        line: "dimension: hand",
        nth: 0,
        column_at: Some("hand"),
        message: "unknown dimension `hand`",
        hint: Some("did you mean `hands`?"),
    },
    OneMistake {
        file: "duplicate-id",
        code: "duplicate-id",
        line: "- id: fix-things",
        nth: 1,
        column_at: Some("fix-things"),
        message: "the question id `fix-things` is used twice",
        hint: Some("it is already used at questions[0]"),
    },
    OneMistake {
        file: "missing-target",
        code: "missing-target",
        line: "profile:",
        nth: 1,
        column_at: Some("profile"),
        message: "the profile of `helper` has no target for `hands`",
        hint: Some("give a target between 0 and 1 for every dimension"),
    },
    OneMistake {
        file: "bad-target",
        code: "bad-target",
        line: "hands: 1.5",
        nth: 0,
        column_at: Some("1.5"),
        message: "the target for `hands` must be between 0 and 1, not 1.5",
        hint: Some("0 means the dimension's `low` end"),
    },
    OneMistake {
        file: "bad-id",
        code: "bad-id",
        line: "- id: Fix Things",
        nth: 0,
        column_at: Some("Fix Things"),
        message: "`Fix Things` is not a valid id",
        hint: Some("for example `fix-things`"),
    },
    OneMistake {
        file: "empty-text",
        code: "empty-text",
        line: "text: \"   \"",
        nth: 0,
        column_at: Some("\""),
        message: "this text is empty",
        hint: Some("write the text"),
    },
    OneMistake {
        file: "field-not-for-kind",
        code: "field-not-for-kind",
        line: "options:",
        nth: 0,
        column_at: Some("options"),
        message: "a likert question has no `options`",
        hint: Some("`options` is for choice and multi questions"),
    },
    OneMistake {
        file: "too-few-options",
        code: "too-few-options",
        line: "- { id: workshop, text: Build a shelf, scores: { hands: 2 } }",
        nth: 0,
        column_at: Some("-"),
        message: "a choice question needs at least two options, this one has 1",
        hint: Some("add options, or make it a likert question"),
    },
    OneMistake {
        file: "bad-range",
        code: "bad-range",
        line: "max: 5",
        nth: 0,
        column_at: Some("5"),
        message: "`max` (5) must be greater than `min` (10)",
        hint: Some("the answer must be a number from `min` to `max`"),
    },
    OneMistake {
        file: "missing-field",
        code: "missing-field",
        line: "- id: tool-hours",
        nth: 0,
        // A problem about a whole block-style question is placed at its
        // first key.
        column_at: Some("id: tool-hours"),
        message: "a number question needs `max`",
        hint: Some("number questions need `min` and `max`"),
    },
    OneMistake {
        file: "bad-weight",
        code: "bad-weight",
        line: "weight: 0",
        nth: 0,
        column_at: Some("0"),
        message: "the weight must be a number greater than 0, not 0",
        hint: Some("1.0 is the default"),
    },
    OneMistake {
        file: "bad-version",
        code: "bad-version",
        line: "version: 0",
        nth: 0,
        column_at: Some("0"),
        message: "the version must be 1 or more",
        hint: Some("start at 1"),
    },
    OneMistake {
        file: "bad-threshold",
        code: "bad-threshold",
        line: "clear: 1.5",
        nth: 0,
        column_at: Some("1.5"),
        message: "the `clear` threshold must be between 0 and 1, not 1.5",
        hint: Some("0.10 means 10 percentage points"),
    },
    OneMistake {
        file: "duplicate-value",
        code: "duplicate-value",
        line: "- { value: 2, label: Yes }",
        nth: 0,
        column_at: Some("2"),
        message: "the scale value 2 is used twice",
        hint: Some("scale[1] already has it"),
    },
    OneMistake {
        file: "duplicate-label",
        code: "duplicate-label",
        line: "- { value: 2, label: yes }",
        nth: 0,
        column_at: Some("yes"),
        message: "the scale label `yes` is used twice",
        hint: Some("scale[0] already has it"),
    },
    OneMistake {
        file: "small-scale",
        code: "small-scale",
        line: "- { value: 1, label: Yes }",
        nth: 0,
        column_at: Some("-"),
        message: "a scale needs at least two points, this one has 1",
        hint: Some("list the answers from lowest to highest"),
    },
    OneMistake {
        file: "too-few-roles",
        code: "too-few-roles",
        line: "- id: maker",
        nth: 0,
        column_at: Some("-"),
        message: "a bank needs at least two roles to compare, this one has 1",
        hint: Some("add the roles a student chooses between"),
    },
    OneMistake {
        file: "not-finite",
        code: "not-finite",
        line: "- { id: workshop, text: Build a shelf, scores: { hands: .inf } }",
        nth: 0,
        column_at: Some(".inf"),
        message: "inf is not a usable number",
        hint: None,
    },
    OneMistake {
        file: "unmeasured-dimension",
        code: "unmeasured-dimension",
        line: "- id: numbers",
        nth: 0,
        column_at: Some("numbers"),
        message: "no question measures the dimension `numbers`",
        hint: Some("add questions with `dimension: ` this id"),
    },
];

#[test]
fn each_single_mistake_bank_exits_65_with_one_located_problem() {
    for case in ONE_MISTAKE {
        let bank = fixture(&format!("banks/{}.yaml", case.file));
        let source = read(&bank);
        let (err, found) = bank_problems(&bank);
        let name = case.file;
        assert!(err.contains(": 1 problem found\n"), "{name}:\n{err}");
        assert_eq!(found.len(), 1, "{name}:\n{err}");
        let p = &found[0];
        assert_eq!(p.code, case.code, "{name}:\n{err}");
        assert!(p.message.contains(case.message), "{name}:\n{err}");
        let (line, column) = locate(
            &source,
            |l| l.trim() == case.line,
            case.nth,
            case.column_at.unwrap_or(case.line),
        );
        let (got_line, got_column) = p.location.unwrap_or_else(|| panic!("{name}: {err}"));
        assert_eq!(got_line, line, "{name} line:\n{err}");
        if case.column_at.is_some() {
            assert_eq!(got_column, column, "{name} column:\n{err}");
        }
        match case.hint {
            Some(hint) => assert!(
                p.hint.as_deref().is_some_and(|h| h.contains(hint)),
                "{name} hint:\n{err}"
            ),
            None => assert_eq!(p.hint, None, "{name}"),
        }
        check_snippets(&found, &source);
    }
}

#[test]
fn a_broken_bank_is_refused_before_the_answers_are_read() {
    let bank = fixture("banks/unknown-field.yaml");
    // The answers file does not exist (that alone would be exit 66) ...
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("answers.yaml");
    let err = score_fails(
        &["--bank", &bank, "--answers", missing.to_str().unwrap()],
        65,
    );
    assert!(err.contains("[unknown-field]"), "{err}");
    assert!(!err.contains("cannot read the file"), "{err}");
    // ... or is broken itself: only the bank's problem is reported.
    let broken_answers = fixture("answers/broken.yaml");
    let err = score_fails(&["--bank", &bank, "--answers", &broken_answers], 65);
    assert_eq!(problems(&err, &bank).len(), 1, "{err}");
    assert!(!err.contains(&broken_answers), "{err}");
}

#[test]
fn many_mistakes_are_all_reported_at_their_lines() {
    let bank = fixture("banks/many-mistakes.yaml");
    let source = read(&bank);
    let (err, found) = bank_problems(&bank);

    // Every problem line is FILE:LINE:COL: MESSAGE [CODE].
    let headers: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(&format!("{bank}:")))
        .collect();
    assert_eq!(headers.len(), found.len(), "{err}");
    assert!(found.iter().all(|p| p.location.is_some()), "{err}");

    // Each mistake's line carries a `# CODE` comment in the fixture; the
    // column points at this text on that line.
    let expected = [
        ("duplicate-value", "2"),
        ("wrong-type", "heavy"),
        ("unmeasured-dimension", "numbers"),
        ("missing-target", "profile"),
        ("bad-target", "1.5"),
        ("unknown-field", "wieght"),
        ("unknown-dimension", "peple"),
        ("duplicate-id", "fix-things"),
        ("empty-text", "\"\""),
        ("bad-id", "Tool-Time"),
        ("field-not-for-kind", "options"),
        ("too-few-options", "-"),
        ("bad-range", "8"),
    ];
    assert!(
        err.starts_with(&format!(
            "error: {bank}: {} problems found\n",
            expected.len()
        )),
        "{err}"
    );
    assert_eq!(found.len(), expected.len(), "{err}");
    for (code, column_at) in expected {
        let marker = format!("# {code}");
        let want = locate(&source, |l| l.contains(&marker), 0, column_at);
        assert!(
            found
                .iter()
                .any(|p| p.code == code && p.location == Some(want)),
            "no [{code}] at {want:?}:\n{err}"
        );
    }
    let mut codes: Vec<&str> = found.iter().map(|p| p.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert!(
        codes.len() >= 8,
        "only {} distinct codes: {codes:?}",
        codes.len()
    );
    assert_eq!(codes.len(), expected.len());

    // Problems come in file order, with their snippets and hints.
    let lines: Vec<usize> = found.iter().map(|p| p.location.unwrap().0).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    check_snippets(&found, &source);
    let hint_of = |code: &str| {
        found
            .iter()
            .find(|p| p.code == code)
            .and_then(|p| p.hint.clone())
            .unwrap_or_default()
    };
    assert_eq!(hint_of("unknown-field"), "did you mean `weight`?");
    assert_eq!(hint_of("unknown-dimension"), "did you mean `people`?");
    assert!(hint_of("bad-id").contains("`tool-time`"), "{err}");
    let at_of = |code: &str| found.iter().find(|p| p.code == code).unwrap().at.clone();
    assert_eq!(
        at_of("unknown-field").as_deref(),
        Some("questions[0].wieght")
    );
    assert_eq!(
        at_of("bad-target").as_deref(),
        Some("roles[1].profile.hands")
    );
    assert_eq!(at_of("duplicate-value").as_deref(), Some("scale[2].value"));
}

#[test]
fn a_bank_that_is_not_yaml_exits_65_at_the_syntax_error() {
    let bank = fixture("banks/not-yaml.yaml");
    let source = read(&bank);
    let (_, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{found:?}");
    let p = &found[0];
    assert_eq!(p.code, "yaml-syntax");
    assert_eq!(p.message, "mapping values are not allowed in this context");
    let want = locate(&source, |l| l.trim() == "name: Hands-on work", 0, ": ");
    assert_eq!(p.location, Some(want));
    check_snippets(&found, &source);
}

#[test]
fn a_bank_that_is_a_plain_list_exits_65() {
    let bank = fixture("banks/list.yaml");
    let (_, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "not-a-bank");
    assert!(
        found[0].message.ends_with("but this file holds a list"),
        "{}",
        found[0].message
    );
    // Line 1 is a comment; the list starts on line 2.
    assert_eq!(found[0].location, Some((2, 1)));
}

#[test]
fn an_empty_bank_file_exits_65() {
    let bank = fixture("banks/empty.yaml");
    assert_eq!(std::fs::metadata(&bank).unwrap().len(), 0);
    let (_, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "not-a-bank");
    assert!(found[0].message.ends_with("but this file holds nothing"));
    assert_eq!(found[0].location, None);
}

#[test]
fn an_alias_bomb_is_refused_not_expanded() {
    let bank = fixture("banks/alias-bomb.yaml");
    let (err, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "too-many-aliases");
    assert_eq!(found[0].message, "repetition limit exceeded");
    assert!(err.contains("write the values out instead"), "{err}");
}

#[test]
fn a_duplicated_key_in_a_bank_exits_65() {
    let bank = fixture("banks/duplicate-key.yaml");
    let (err, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "duplicate-key");
    assert_eq!(found[0].message, "duplicate entry with key \"title\"");
    // Points at the second `title:`, not at the start of the mapping.
    let second = locate(&read(&bank), |l| l.starts_with("title:"), 1, "title");
    assert_eq!(found[0].location, Some(second));
}

#[test]
fn a_bank_that_is_not_utf8_exits_65_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("latin1.yaml");
    // "café" in Latin-1: the é (0xE9) is column 11 of line 2.
    std::fs::write(&bank, b"id: tiny\ntitle: caf\xe9\nversion: 1\n").unwrap();
    let bank = bank.to_str().unwrap();
    let err = score_fails(
        &["--bank", bank, "--answers", &fixture("answers/tiny.yaml")],
        65,
    );
    assert!(
        err.starts_with(&format!("error: {bank}:2:11: the file is not UTF-8 text")),
        "{err}"
    );

    let binary = dir.path().join("binary.yaml");
    std::fs::write(&binary, [0x00, 0x9f, 0x92, 0x96, 0xff, 0xfe, 0x00, 0x01]).unwrap();
    let binary = binary.to_str().unwrap();
    let err = score_fails(
        &["--bank", binary, "--answers", &fixture("answers/tiny.yaml")],
        65,
    );
    assert!(
        err.starts_with(&format!("error: {binary}:1:2: the file is not UTF-8 text")),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_refused_past_100_levels() {
    let dir = tempfile::tempdir().unwrap();
    let nested = |depth: usize| format!("{}{}\n", "[".repeat(depth), "]".repeat(depth));

    let deep = dir.path().join("deep.yaml");
    std::fs::write(&deep, nested(101)).unwrap();
    let deep = deep.to_str().unwrap();
    let (_, found) = bank_problems(deep);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "too-deep");
    assert_eq!(found[0].location, Some((1, 101)), "the 101st `[`");

    // 100 levels parse; the file is then simply not a bank.
    let shallow = dir.path().join("shallow.yaml");
    std::fs::write(&shallow, nested(100)).unwrap();
    let (_, found) = bank_problems(shallow.to_str().unwrap());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "not-a-bank");

    // Far too deep for the parser's scanner: still a located problem.
    let huge = dir.path().join("huge.yaml");
    std::fs::write(&huge, nested(200_000)).unwrap();
    let (_, found) = bank_problems(huge.to_str().unwrap());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "too-deep");
    assert_eq!(found[0].location.map(|l| l.0), Some(1));
}

// ---------------------------------------------------------------------------
// Exit 65: broken answers
// ---------------------------------------------------------------------------

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
    let out = pathfit()
        .args(["score", "--answers", "-"])
        .write_stdin(std::fs::read(fixture("answers/not-utf8.yaml")).unwrap())
        .assert()
        .code(65);
    let err = text_of(&out.get_output().stderr);
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

#[test]
fn deep_block_nesting_is_refused_past_100_levels() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("deep.yaml");
    // One-space indents: 150 levels fit in 150 columns.
    let text: String = (0..150).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    std::fs::write(&bank, text).unwrap();
    let (err, found) = bank_problems(bank.to_str().unwrap());
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "too-deep");
    assert_eq!(found[0].location.map(|l| l.0), Some(101));
}

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

#[test]
fn validate_passes_the_bundled_banks_strictly() {
    pathfit()
        .args(["validate", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains("questions/healthcare.yaml: ok"))
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
}

#[test]
fn validate_reports_every_problem_as_a_located_diagnostic() {
    let bank = fixture("banks/many-mistakes.yaml");
    let out = pathfit()
        .args(["validate", &bank, "--color", "never"])
        .assert()
        .code(65);
    let text = text_of(&out.get_output().stdout);
    let headers = text
        .lines()
        .filter(|l| l.trim_start().starts_with("× "))
        .count();
    assert_eq!(headers, 13, "{text}");
    assert!(text.contains("help: did you mean `weight`?"), "{text}");
    assert!(
        text.contains("1 file checked: 13 errors, 0 warnings"),
        "{text}"
    );

    let out = pathfit()
        .args(["validate", &bank, "--format", "json"])
        .assert()
        .code(65);
    let lines: Vec<Value> = text_of(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 13);
    for d in &lines {
        for field in [
            "file", "line", "column", "severity", "code", "message", "hint",
        ] {
            assert!(d.get(field).is_some(), "no {field} in {d}");
        }
        assert_eq!(d["severity"], "error");
        let line = d["line"].as_u64().unwrap() as usize;
        // Each mistake in the fixture is marked with a `# code` comment.
        let code = d["code"].as_str().unwrap();
        assert!(
            read(&bank)
                .lines()
                .nth(line - 1)
                .unwrap()
                .contains(&format!("# {code}"))
                || code == "missing-target",
            "{code} at line {line}"
        );
    }
}

#[test]
fn lints_are_warnings_unless_strict() {
    let bank = fixture("banks/linty.yaml");
    let out = pathfit()
        .args(["validate", &bank, "--format", "json"])
        .assert()
        .success();
    let codes: Vec<String> = text_of(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .inspect(|d| assert_eq!(d["severity"], "warning"))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    for code in [
        "few-questions",
        "unbalanced-dimensions",
        "one-way-keying",
        "zero-option",
        "duplicate-text",
        "similar-roles",
        "unreachable-role",
        "inert-question",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} missing: {codes:?}");
    }
    pathfit()
        .args(["validate", &bank, "--strict"])
        .assert()
        .code(65)
        .stdout(predicate::str::contains("⚠"));
}

#[test]
fn validate_checks_every_file_and_a_missing_one_exits_66() {
    let out = pathfit()
        .args([
            "validate",
            &fixture("banks/valid-tiny.yaml"),
            "no/such/bank.yaml",
            &fixture("banks/bad-range.yaml"),
            "--color",
            "never",
        ])
        .assert()
        .code(66);
    let text = text_of(&out.get_output().stdout);
    assert!(
        text.contains("no/such/bank.yaml: cannot read the file"),
        "{text}"
    );
    assert!(text.contains("bad-range"), "{text}");
    assert!(text.contains("3 files checked: 2 errors"), "{text}");
}

// ---------------------------------------------------------------------------
// inspect
// ---------------------------------------------------------------------------

#[test]
fn inspect_shows_both_healthcare_roles_reachable_and_the_decisive_questions() {
    let out = pathfit().args(["inspect"]).assert().success();
    let text = text_of(&out.get_output().stdout);
    for role in ["Clinician", "Technician"] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(role) && l.contains("best lead"))
            .unwrap_or_else(|| panic!("no reach line for {role}:\n{text}"));
        assert!(line.contains("yes") && line.ends_with("(clear)"), "{line}");
    }
    assert!(text.contains("MOST DECISIVE QUESTIONS"), "{text}");
    assert!(text.contains("   1. "), "{text}");
    assert!(text.contains("1000 RANDOM RESPONDENTS (seed 1)"), "{text}");

    let out = pathfit()
        .args([
            "inspect",
            "--bank",
            "interests",
            "--format",
            "json",
            "--respondents",
            "200",
        ])
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let roles = json["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 6);
    assert!(roles.iter().all(|r| r["reachable"] == true), "{json}");
    assert_eq!(json["synthetic"]["respondents"], 200);
    assert!(json["decisive"].as_array().unwrap().len() >= 20);
}

#[test]
fn validate_refuses_huge_and_binary_files_without_reading_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let binary = dir.path().join("binary.yaml");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    std::fs::write(&binary, bytes).unwrap();
    let out = pathfit()
        .args(["validate", "--format", "json"])
        .arg(&huge)
        .arg(&binary)
        .assert()
        .code(65);
    let lines: Vec<Value> = text_of(&out.get_output().stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0]["message"]
            .as_str()
            .unwrap()
            .contains("larger than 16 MiB")
    );
    assert!(
        lines[1]["message"]
            .as_str()
            .unwrap()
            .contains("not UTF-8 text")
    );
}

#[test]
fn the_guides_minimal_bank_passes_validate_strictly() {
    let guide = read(&format!(
        "{}/docs/bank-format.md",
        env!("CARGO_MANIFEST_DIR")
    ));
    let start = guide
        .find("```yaml\n# yaml-language-server")
        .expect("the minimal bank")
        + 8;
    let end = start + guide[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("my-bank.yaml");
    std::fs::write(&bank, &guide[start..end]).unwrap();
    pathfit()
        .args(["validate", "--strict"])
        .arg(&bank)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
}
