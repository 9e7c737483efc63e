//! Hostile and unlucky banks (issue 11): numbers too large or too small to
//! score safely, YAML documents whose lists or aliases would take gigabytes
//! to build, lists longer than any bank needs, and control characters in
//! bank text. Each is refused at load, located, with its own code and a
//! hint; a bank at the bounds is accepted and scores to finite numbers.
//! Fixtures: tests/fixtures/hostile/bounds/; the largest files are made in
//! a temporary directory.

use std::fmt::Write as _;
use std::path::Path;

use pathfit::answers::AnswerSet;
use pathfit::bank::{self, BankError};
use pathfit::engine::Scorer;
use pathfit::engine::sample::Sampler;
use pathfit::input::source::SourceFile;
use proptest::prelude::*;
use serde_json::Value;

use crate::support::problems::locate;
use crate::support::{Test, fixture, read};

fn bounds(name: &str) -> String {
    fixture(&format!("hostile/bounds/{name}"))
}

/// `pathfit validate --format json FILE`: its exit code and its problems.
fn validate(file: &str) -> (i32, Vec<Value>) {
    let out = Test::new()
        .args(["validate", "--format", "json", file])
        .any_status()
        .run();
    (out.status, out.json_lines())
}

/// The errors among `problems` as `(path, code)`, in file order.
fn errors(problems: &[Value]) -> Vec<(String, String)> {
    problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The problem at `path`; there must be exactly one.
fn at<'a>(problems: &'a [Value], path: &str) -> &'a Value {
    let found: Vec<&Value> = problems.iter().filter(|p| p["path"] == path).collect();
    assert_eq!(found.len(), 1, "one problem at {path}: {problems:#?}");
    found[0]
}

fn location(problem: &Value) -> (usize, usize) {
    let n = |key: &str| problem[key].as_u64().unwrap_or_else(|| panic!("{problem}")) as usize;
    (n("line"), n("column"))
}

/// Checks that the problem at `path` has `code`, a hint, and points at
/// `column_text` on the `nth` line of `source` containing `line_text`.
fn check_at(
    problems: &[Value],
    source: &str,
    path: &str,
    code: &str,
    (line_text, nth, column_text): (&str, usize, &str),
) {
    let problem = at(problems, path);
    assert_eq!(problem["code"], code, "{problem}");
    assert!(problem["hint"].is_string(), "a hint: {problem}");
    let want = locate(source, |l| l.contains(line_text), nth, column_text);
    assert_eq!(location(problem), want, "{problem}");
}

// ---------------------------------------------------------------------
// Numbers (class 2)

#[test]
fn option_scores_of_1e308_are_refused_where_they_are_written() {
    let bank = bounds("huge-scores.yaml");
    let source = read(&bank);
    let (status, problems) = validate(&bank);
    assert_eq!(status, 65, "{problems:#?}");
    let code = "number-out-of-bounds";
    for (path, line, column) in [
        (
            "questions[2].options[0].scores.hands",
            "id: robots",
            "1e308",
        ),
        (
            "questions[2].options[0].scores.people",
            "id: robots",
            "-1e308",
        ),
        (
            "questions[2].options[1].scores.hands",
            "id: drama",
            "-1e308",
        ),
        (
            "questions[2].options[1].scores.people",
            "id: drama",
            "1e308 ",
        ),
    ] {
        check_at(&problems, &source, path, code, (line, 0, column));
    }
    assert_eq!(errors(&problems).len(), 4, "{problems:#?}");
    let message = at(&problems, "questions[2].options[0].scores.hands")["message"]
        .as_str()
        .unwrap();
    assert!(message.starts_with("1e308 is too large"), "{message}");

    // `score` refuses the bank instead of printing NaN.
    let out = Test::new()
        .args(["score", "--bank", &bank, "--answers"])
        .arg(bounds("huge-scores-answers.yaml"))
        .status(65)
        .stdout("")
        .stderr_contains("[number-out-of-bounds]")
        .run();
    assert!(!out.stderr.contains("NaN"), "{}", out.stderr);
}

#[test]
fn every_number_outside_its_bound_is_refused_at_its_place() {
    let bank = bounds("out-of-bounds.yaml");
    let source = read(&bank);
    let (status, problems) = validate(&bank);
    assert_eq!(status, 65, "{problems:#?}");
    let code = "number-out-of-bounds";
    let expected = [
        ("scale[1].value", ("label: Yes", 0, "2e6")),
        ("dimensions[0].weight", ("weight: 1001", 0, "1001")),
        ("dimensions[1].weight", ("weight: 0.0009", 0, "0.0009")),
        ("questions[0].weight", ("weight: 1e300", 0, "1e300")),
        (
            "questions[1].scale[0].value",
            ("label: Never", 0, "-1000001"),
        ),
        (
            "questions[1].scale[1].value",
            ("label: Always", 0, "0.0000001"),
        ),
        (
            "questions[2].options[0].scores.hands",
            ("id: robots", 0, "1.5e6"),
        ),
        (
            "questions[2].options[1].scores.people",
            ("id: drama", 0, "-1e-300"),
        ),
        ("questions[3].min", ("min: -1e308", 0, "-1e308")),
        ("questions[3].max", ("max: 1e308", 0, "1e308")),
    ];
    for (path, place) in expected {
        check_at(&problems, &source, path, code, place);
    }
    assert_eq!(errors(&problems).len(), expected.len(), "{problems:#?}");
    for p in &problems {
        let message = p["message"].as_str().unwrap();
        assert!(message.len() < 200, "short numbers in messages: {message}");
    }
    let hint = |path| at(&problems, path)["hint"].as_str().unwrap().to_string();
    assert!(hint("dimensions[0].weight").contains("1000"));
    assert!(hint("questions[2].options[1].scores.people").contains("0"));
}

#[test]
fn infinite_and_nan_numbers_are_refused_everywhere_once() {
    let bank = bounds("not-finite.yaml");
    let source = read(&bank);
    let (status, problems) = validate(&bank);
    assert_eq!(status, 65, "{problems:#?}");
    let expected = [
        (
            "thresholds.clear",
            "bad-threshold",
            ("thresholds:", 0, ".nan"),
        ),
        (
            "thresholds.lean",
            "bad-threshold",
            ("thresholds:", 0, ".inf"),
        ),
        ("scale[1].value", "not-finite", ("label: Yes", 0, ".inf")),
        (
            "dimensions[0].weight",
            "bad-weight",
            ("weight: .nan", 0, ".nan"),
        ),
        (
            "roles[0].profile.hands",
            "bad-target",
            ("hands: .nan", 0, ".nan"),
        ),
        (
            "roles[1].profile.people",
            "bad-target",
            ("people: -.inf", 0, "-.inf"),
        ),
        (
            "questions[0].weight",
            "bad-weight",
            ("weight: .inf", 0, ".inf"),
        ),
        (
            "questions[2].options[0].scores.hands",
            "not-finite",
            ("id: robots", 0, ".NaN"),
        ),
        (
            "questions[2].options[1].scores.people",
            "not-finite",
            ("id: drama", 0, "-.Inf"),
        ),
        ("questions[3].min", "not-finite", ("min: -.inf", 0, "-.inf")),
        ("questions[3].max", "not-finite", ("max: .nan", 0, ".nan")),
    ];
    for (path, code, place) in expected {
        check_at(&problems, &source, path, code, place);
    }
    // A target that is not a number is not also reported as missing.
    assert_eq!(errors(&problems).len(), expected.len(), "{problems:#?}");
}

/// Every number in a JSON document, with its path; fails on a null where
/// `numbers` lists a number.
fn numbers(value: &Value, at: &str, found: &mut Vec<(String, f64)>) {
    match value {
        Value::Number(n) => found.push((at.to_string(), n.as_f64().unwrap())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                numbers(item, &format!("{at}[{i}]"), found);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                numbers(item, &format!("{at}.{key}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn a_bank_at_the_bounds_scores_to_finite_numbers_in_every_format() {
    let bank = bounds("at-the-bounds.yaml");
    let answers = bounds("at-the-bounds-answers.yaml");
    let (status, problems) = validate(&bank);
    assert_eq!(status, 0, "{problems:#?}");
    assert!(errors(&problems).is_empty(), "{problems:#?}");

    let json = Test::new()
        .args([
            "score",
            "--format",
            "json",
            "--bank",
            &bank,
            "--answers",
            &answers,
        ])
        .run()
        .json();
    for role in json["roles"].as_array().unwrap() {
        assert!(role["fit"].is_f64(), "{role}");
    }
    assert!(json["recommendation"]["margin"].is_f64(), "{json:#}");
    for dimension in json["dimensions"].as_array().unwrap() {
        for key in ["raw", "min", "max", "score"] {
            assert!(dimension[key].is_f64(), "{key}: {dimension}");
        }
    }
    let mut found = Vec::new();
    numbers(&json, "", &mut found);
    assert!(found.iter().all(|(_, n)| n.is_finite()), "{found:?}");

    for format in ["text", "markdown"] {
        let out = Test::new()
            .args(["score", "--format", format, "--color", "never"])
            .args(["--bank", &bank, "--answers", &answers])
            .run();
        for bad in ["NaN", "inf%", "∞"] {
            assert!(!out.stdout.contains(bad), "{format}: {}", out.stdout);
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let class = dir.path().join("class.csv");
    Test::new()
        .args([
            "sample",
            "--respondents",
            "300",
            "--bank",
            &bank,
            "--output",
        ])
        .arg(&class)
        .run();
    let out = Test::new()
        .args(["batch", "--bank", &bank, "--answers"])
        .arg(&class)
        .run();
    assert_eq!(out.stdout.lines().count(), 301, "{}", out.stderr);
    for bad in ["NaN", "inf"] {
        assert!(!out.stdout.contains(bad), "{}", out.stdout);
    }
}

/// A number a hostile or careless author might write: within the bounds,
/// at them, just past them, or absurd.
fn any_number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1000000".to_string()),
        Just("-1000000".to_string()),
        Just("0.000001".to_string()),
        Just("-0.000001".to_string()),
        Just("0".to_string()),
        Just("1e308".to_string()),
        Just("-1e308".to_string()),
        Just("1e-300".to_string()),
        Just("1000001".to_string()),
        Just("5e-324".to_string()),
        Just(".inf".to_string()),
        Just(".nan".to_string()),
        (-1.0e7..1.0e7f64).prop_map(|x| format!("{x:e}")),
        (-3.0..3.0f64).prop_map(|x| x.to_string()),
    ]
}

fn any_weight() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("1000".to_string()),
        Just("0.001".to_string()),
        Just("1e300".to_string()),
        Just("1e-300".to_string()),
        (0.001..1000.0f64).prop_map(|x| x.to_string()),
    ]
}

/// A bank of three dimensions, three roles and every kind of question,
/// whose numbers all come from [`any_number`] and [`any_weight`].
fn hostile_bank() -> impl Strategy<Value = String> {
    let scale = || prop::collection::vec(any_number(), 2..4);
    let scores = || prop::collection::vec(prop::collection::vec(any_number(), 3), 2..4);
    (
        prop::collection::vec(any_weight(), 3),
        prop::collection::vec(any_weight(), 2),
        scale(),
        scale(),
        scores(),
        scores(),
        (any_number(), any_number()),
    )
        .prop_map(|(dim_weights, q_weights, s1, s2, multi, choice, (min, max))| {
            let mut t = String::from("id: p\ntitle: P\nversion: 1\ndimensions:\n");
            for (d, w) in dim_weights.iter().enumerate() {
                let _ = writeln!(t, "  - {{ id: d{d}, name: D, low: l, high: h, weight: {w} }}");
            }
            t.push_str("roles:\n");
            for (r, profile) in ["0, 0.5, 1", "1, 0, 0.5", "0.5, 1, 0"].iter().enumerate() {
                let targets: Vec<String> = profile
                    .split(", ")
                    .enumerate()
                    .map(|(d, v)| format!("d{d}: {v}"))
                    .collect();
                let _ = writeln!(
                    t,
                    "  - {{ id: r{r}, name: R{r}, summary: s, profile: {{ {} }} }}",
                    targets.join(", ")
                );
            }
            let scale = |points: &[String]| -> String {
                let p: Vec<String> = points
                    .iter()
                    .enumerate()
                    .map(|(i, v)| format!("{{ value: {v}, label: p{i} }}"))
                    .collect();
                format!("[{}]", p.join(", "))
            };
            let options = |rows: &[Vec<String>]| -> String {
                let o: Vec<String> = rows
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        format!(
                            "{{ id: o{i}, text: O, scores: {{ d0: {}, d1: {}, d2: {} }} }}",
                            s[0], s[1], s[2]
                        )
                    })
                    .collect();
                format!("[{}]", o.join(", "))
            };
            t.push_str("questions:\n");
            let _ = writeln!(
                t,
                "  - {{ id: q0, kind: likert, text: T, dimension: d0, weight: {}, scale: {} }}",
                q_weights[0],
                scale(&s1)
            );
            let _ = writeln!(
                t,
                "  - {{ id: q1, kind: likert, text: T, dimension: d1, keyed: minus, scale: {} }}",
                scale(&s2)
            );
            let _ = writeln!(t, "  - {{ id: q2, kind: multi, text: T, options: {} }}", options(&multi));
            let _ = writeln!(t, "  - {{ id: q3, kind: choice, text: T, options: {} }}", options(&choice));
            let _ = writeln!(
                t,
                "  - {{ id: q4, kind: number, text: T, dimension: d2, min: {min}, max: {max}, weight: {} }}",
                q_weights[1]
            );
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever numbers a bank holds, it is either refused or every number
    /// scoring it gives is finite, with scores and fits within 0..1.
    #[test]
    fn any_accepted_bank_scores_to_finite_numbers(text in hostile_bank(), seed in 0..1000u64) {
        let bank = match bank::load(SourceFile::new("p.yaml", text.clone())) {
            Ok(bank) => bank,
            Err(BankError::Invalid(_)) => return Ok(()),
            Err(other) => panic!("{other}"),
        };
        let scorer = Scorer::new(&bank);
        for (_, row) in Sampler::new(&bank, seed).take(5) {
            let mut answers = AnswerSet::new(&bank);
            for (q, answer) in row.into_iter().enumerate() {
                answers.set(q, answer);
            }
            let Ok(a) = scorer.score_with_what_if(&answers) else { continue };
            let in_unit = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
            for d in &a.dimensions {
                prop_assert!(d.raw.is_finite() && d.min.is_finite() && d.max.is_finite(), "{d:?}\n{text}");
                prop_assert!(d.score.is_none_or(in_unit), "{d:?}\n{text}");
            }
            for f in &a.fits {
                prop_assert!(in_unit(f.fit), "{f:?}\n{text}");
            }
            prop_assert!(in_unit(a.recommendation.margin), "{:?}\n{text}", a.recommendation);
            for r in &a.reasons {
                prop_assert!(r.advantage.is_finite() && in_unit(r.share), "{r:?}\n{text}");
            }
            if let Some(w) = &a.what_if {
                prop_assert!(w.margin.is_finite(), "{w:?}\n{text}");
            }
        }
    }
}

// ---------------------------------------------------------------------
// Memory (class 8)

/// The control bank with `extra` spliced in after its first role's summary.
fn tiny_with(extra: &str) -> String {
    let tiny = read(fixture("banks/valid-tiny.yaml"));
    let anchor = "    summary: Builds and repairs things.\n";
    assert!(tiny.contains(anchor));
    tiny.replacen(anchor, &format!("{anchor}{extra}"), 1)
}

/// A flow list of `n` one-letter items, twenty to a line.
fn flow_list(n: usize) -> String {
    let mut list = String::with_capacity(n * 3 + 2);
    list.push('[');
    for i in 0..n {
        list.push_str(if i == 0 {
            "a"
        } else if i % 20 == 0 {
            ",\n      a"
        } else {
            ", a"
        });
    }
    list.push(']');
    list
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// Scores answers/tiny.yaml with the bank at `bank`: exit 65 and one
/// problem, whose JSON `validate` gives.
fn one_problem(bank: &str) -> Value {
    Test::new()
        .args(["score", "--bank", bank, "--answers"])
        .arg(fixture("answers/tiny.yaml"))
        .status(65)
        .stdout("")
        .stderr_contains("1 problem found")
        .run();
    let (status, problems) = validate(bank);
    assert_eq!(status, 65);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems[0].clone()
}

#[test]
fn a_15_mb_flow_list_in_a_bank_is_refused_before_it_is_built() {
    let dir = tempfile::tempdir().unwrap();
    // 5 million items: 1.8 GB and 25 s before, in a valid bank.
    let list = flow_list(5_000_000);
    let bank = write(
        dir.path(),
        "examples.yaml",
        &tiny_with(&format!("    examples: {list}\n")),
    );
    assert!(std::fs::metadata(&bank).unwrap().len() > 15_000_000);
    let problem = one_problem(&bank);
    assert_eq!(problem["code"], "too-many-values", "{problem}");
    assert!(problem["hint"].is_string(), "{problem}");
    let message = problem["message"].as_str().unwrap();
    assert!(message.contains("500,000"), "{message}");
    // At the value that went over: the list runs from line 18, 20 a line.
    let (line, _) = location(&problem);
    assert!((18 + 24_990..18 + 25_010).contains(&line), "{problem}");

    // The same list where no field belongs (the path that reports every
    // problem instead of reading the bank in one go).
    let tiny = read(fixture("banks/valid-tiny.yaml"));
    let bank = write(dir.path(), "extra.yaml", &format!("{tiny}extra: {list}\n"));
    assert_eq!(one_problem(&bank)["code"], "too-many-values");
}

#[test]
fn aliases_are_counted_as_the_values_they_repeat() {
    let dir = tempfile::tempdir().unwrap();
    // A 300 KB file: 100,000 items, then 1,000 aliases of them. Before, it
    // took 10 GB and 46 s.
    let tiny = read(fixture("banks/valid-tiny.yaml"));
    let aliases = vec!["*a"; 1_000].join(", ");
    let text = format!("{tiny}x0: &a {}\nx1: [{aliases}]\n", flow_list(100_000));
    let bank = write(dir.path(), "aliases.yaml", &text);
    let problem = one_problem(&bank);
    assert_eq!(problem["code"], "too-many-aliases", "{problem}");
    let line = text.lines().count();
    assert_eq!(
        location(&problem).0,
        line,
        "at an alias of the last line: {problem}"
    );

    // A few aliases of a small anchor are fine.
    let text = tiny_with("    examples: &e [Carpenter, Mechanic]\n").replacen(
        "    summary: Looks after people.\n",
        "    summary: Looks after people.\n    examples: *e\n",
        1,
    );
    let bank = write(dir.path(), "few.yaml", &text);
    let (status, problems) = validate(&bank);
    assert!(errors(&problems).is_empty() && status == 0, "{problems:#?}");
}

#[test]
fn a_15_mb_flow_list_in_a_yaml_answers_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("bank: six\nanswers:\n  jobs: [nurse");
    while text.len() < 15 * 1024 * 1024 {
        text.push_str(", nurse, nurse, nurse, nurse, nurse, nurse, nurse, nurse, nurse\n   ");
    }
    text.push_str("]\n");
    let answers = write(dir.path(), "answers.yaml", &text);
    Test::new()
        .args([
            "score",
            "--bank",
            &fixture("six.yaml"),
            "--answers",
            &answers,
        ])
        .status(65)
        .stdout("")
        .stderr_contains("[too-many-values]")
        .run();
}

/// The bank `extra` makes from the control bank when spliced in with
/// `edit`, through `validate --format json`: its errors.
fn long_list_errors(name: &str, text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let bank = write(dir.path(), name, text);
    let (status, problems) = validate(&bank);
    assert_eq!(status, 65, "{problems:#?}");
    problems
        .into_iter()
        .filter(|p| p["severity"] == "error")
        .collect()
}

#[test]
fn lists_longer_than_their_bound_are_refused_at_the_first_item_too_many() {
    let items = |n: usize, item: &dyn Fn(usize) -> String| -> String { (0..n).map(item).collect() };
    let cases: Vec<(&str, String, &str, String)> = vec![
        (
            "options",
            tiny_with("").replace(
                "questions:\n",
                &format!(
                    "questions:\n  - id: many\n    kind: multi\n    text: Pick.\n    options:\n{}",
                    items(101, &|i| format!("      - {{ id: o{i}, text: O{i}, scores: {{ hands: 1 }} }}\n"))
                ),
            ),
            "questions[0].options[100]",
            "- { id: o100,".to_string(),
        ),
        (
            "roles",
            tiny_with("").replace(
                "questions:\n",
                &format!(
                    "{}questions:\n",
                    items(99, &|i| format!("  - {{ id: r{i}, name: R, summary: S, profile: {{ hands: 0, people: 0 }} }}\n"))
                ),
            ),
            "roles[100]",
            "- { id: r98,".to_string(),
        ),
        (
            "dimensions",
            tiny_with("").replace(
                "roles:\n",
                &format!(
                    "{}roles:\n",
                    items(99, &|i| format!("  - {{ id: x{i}, name: X, low: L, high: H }}\n"))
                ),
            ),
            "dimensions[100]",
            "- { id: x98,".to_string(),
        ),
        (
            "scale",
            tiny_with("").replace(
                "questions:\n",
                &format!(
                    "scale:\n{}questions:\n",
                    items(10_001, &|i| format!("  - {{ value: {i}, label: p{i} }}\n"))
                ),
            ),
            "scale[10000]",
            "- { value: 10000,".to_string(),
        ),
        (
            "examples",
            tiny_with(&format!(
                "    examples:\n{}",
                items(101, &|i| format!("      - Job {i}\n"))
            )),
            "roles[0].examples[100]",
            "- Job 100".to_string(),
        ),
    ];
    for (name, text, path, item) in cases {
        let found = long_list_errors(&format!("{name}.yaml"), &text);
        let too_many: Vec<&Value> = found
            .iter()
            .filter(|p| p["code"] == "too-many-items")
            .collect();
        assert_eq!(too_many.len(), 1, "{name}: {found:#?}");
        let problem = too_many[0];
        assert_eq!(problem["path"], path, "{name}: {problem}");
        assert!(problem["hint"].is_string(), "{problem}");
        let want = locate(
            &text,
            |l| l.trim_start().starts_with(&item),
            0,
            item.trim_start_matches("- "),
        );
        assert_eq!(location(problem), want, "{name}: {problem}");
    }
}

#[test]
fn a_bank_of_more_than_10000_questions_is_refused() {
    let mut text = tiny_with("");
    for i in 0..10_000 {
        let _ = writeln!(
            text,
            "  - {{ id: q{i}, kind: likert, text: Statement {i}., dimension: hands }}"
        );
    }
    let found = long_list_errors("questions.yaml", &text);
    let codes: Vec<&str> = found.iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["too-many-items"], "{found:#?}");
    assert_eq!(found[0]["path"], "questions[10000]");
    assert!(
        found[0]["message"].as_str().unwrap().contains("10,000"),
        "{}",
        found[0]
    );
}

#[test]
fn the_items_past_a_bound_are_not_checked_one_by_one() {
    // 20,000 empty questions: each within the bound is one missing field,
    // the ones past it only make the list too long.
    let tiny = read(fixture("banks/valid-tiny.yaml"));
    let head = &tiny[..tiny.find("questions:").unwrap()];
    let text = format!("{head}questions: [{}]\n", vec!["{}"; 20_000].join(", "));
    let found = long_list_errors("empty.yaml", &text);
    let count = |code: &str| found.iter().filter(|p| p["code"] == code).count();
    // The renderer draws the first 100 problems of a file and counts the
    // rest: 10,000 missing fields and one list too long, nothing else (no
    // dimension is called unmeasured).
    assert_eq!(count("missing-field"), 100);
    assert_eq!(found.len(), 101, "{found:#?}");
    let rest = found.iter().find(|p| p["code"] == "too-many-problems");
    let message = rest.unwrap()["message"].as_str().unwrap();
    assert!(message.starts_with("9901 more problems"), "{message}");
}

#[test]
fn a_text_longer_than_its_bound_is_refused() {
    let title = "a".repeat(10_001);
    let text = read(fixture("banks/valid-tiny.yaml"))
        .replace("title: Hands or people?", &format!("title: {title}"));
    let found = long_list_errors("long.yaml", &text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "text-too-long");
    assert_eq!(found[0]["path"], "title");
    assert_eq!(location(&found[0]), (3, 8));
    assert!(found[0]["message"].as_str().unwrap().len() < 200);
}

// ---------------------------------------------------------------------
// Control characters (class 9)

#[test]
fn control_characters_in_bank_text_are_refused_at_the_character() {
    let bank = bounds("control-characters.yaml");
    let source = read(&bank);
    let (status, problems) = validate(&bank);
    assert_eq!(status, 65, "{problems:#?}");
    let (control, bidi) = ("control-character", "bidi-control");
    let expected = [
        ("title", control, ("title:", 0, "\\e[2J")),
        (
            "dimensions[0].high",
            control,
            ("Works with tools", 0, "\\x9b"),
        ),
        ("roles[0].facts.Pay\\u{7}", control, ("\"Pay", 0, "\\u0007")),
        // Direction controls have a code of their own.
        (
            "roles[1].summary",
            bidi,
            ("summary: Looks after", 0, "\u{202e}"),
        ),
        ("questions[0].text", bidi, ("I like fixing", 0, "\u{202e}")),
        (
            "questions[1].options[0].text",
            control,
            ("Meeting", 0, "\\r\""),
        ),
    ];
    for (path, code, place) in expected {
        check_at(&problems, &source, path, code, place);
    }
    assert_eq!(errors(&problems).len(), expected.len(), "{problems:#?}");
    let title = at(&problems, "title");
    let message = title["message"].as_str().unwrap();
    assert!(message.contains("U+001B"), "{message}");

    // Messages, paths and hints quote nothing hidden.
    for p in &problems {
        let shown = format!("{} {} {}", p["message"], p["path"], p["hint"]);
        assert!(!shown.chars().any(pathfit::visible::is_hidden), "{shown}");
    }

    // --strict fails too; what pathfit itself writes holds nothing hidden
    // (the quoted source lines are the renderer's to escape).
    for args in [&["validate", "--strict"][..], &["validate"][..]] {
        let out = Test::new()
            .args(args)
            .args(["--color", "never", &bank])
            .status(65)
            .stdout_contains("[control-character]")
            .stdout_contains("[bidi-control]")
            .stdout_contains("6 errors")
            .run();
        let quoted = |l: &&str| {
            l.split_once(" │ ")
                .is_some_and(|(gutter, _)| gutter.trim().parse::<usize>().is_ok())
        };
        for line in out.stdout.lines().filter(|l| !quoted(l)) {
            assert!(!line.chars().any(pathfit::visible::is_hidden), "{line:?}");
        }
    }
    let out = Test::new()
        .args(["score", "--color", "never", "--bank", &bank, "--answers"])
        .arg(fixture("answers/tiny.yaml"))
        .status(65)
        .stdout("")
        .run();
    assert!(out.stderr.contains("[control-character]"), "{}", out.stderr);
}

#[test]
fn a_raw_control_character_is_located_at_itself() {
    let dir = tempfile::tempdir().unwrap();
    let text = read(fixture("banks/valid-tiny.yaml"))
        .replace("name: Maker", "name: Ma\u{1b}[2Jker")
        .replace("low: Works mostly alone", "low: Works mostly\u{7} alone");
    let bank = write(dir.path(), "raw.yaml", &text);
    let (status, problems) = validate(&bank);
    assert_eq!(status, 65, "{problems:#?}");
    assert_eq!(
        problems.len(),
        1,
        "the first one stops parsing: {problems:#?}"
    );
    assert_eq!(problems[0]["code"], "control-character");
    assert!(problems[0]["hint"].is_string());
    // The BEL comes first in the file.
    let want = locate(&text, |l| l.contains("Works mostly"), 0, "\u{7}");
    assert_eq!(location(&problems[0]), want, "{problems:#?}");
}

#[test]
fn tabs_and_line_breaks_in_block_text_stay_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let text = read(fixture("banks/valid-tiny.yaml")).replace(
        "    text: I like fixing broken things.\n",
        "    text: I like fixing broken things.\n    help: |\n      A normal week:\tschool\n      and home.\n",
    );
    let bank = write(dir.path(), "tabs.yaml", &text);
    let (status, problems) = validate(&bank);
    assert!(errors(&problems).is_empty() && status == 0, "{problems:#?}");
}
