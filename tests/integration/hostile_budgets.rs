//! Searches on hostile banks stay within their work budgets (issue 11,
//! class 10): long scales, many multi questions, many dimensions. Each
//! bank is generated here; nothing is timed. A search the budget cuts
//! short must say so, in words and in JSON; one it does not cut must not.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::Test;

/// The dimensions and roles every generated bank starts with.
fn head(id: &str, dims: usize, roles: usize) -> String {
    let mut text = format!("id: {id}\ntitle: {id}\nversion: 1\ndimensions:\n");
    for d in 0..dims {
        text.push_str(&format!(
            "  - {{ id: d{d}, name: D{d}, low: l, high: h }}\n"
        ));
    }
    text.push_str("roles:\n");
    for r in 0..roles {
        let profile: Vec<String> = (0..dims)
            .map(|d| format!("d{d}: {}", ((r * 3 + d * 7) % 10) as f64 / 10.0))
            .collect();
        text.push_str(&format!(
            "  - {{ id: r{r}, name: R{r}, summary: s, profile: {{ {} }} }}\n",
            profile.join(", ")
        ));
    }
    text
}

/// `questions` likert questions on one shared scale of `points` points.
fn long_scale(questions: usize, points: usize, dims: usize, roles: usize) -> String {
    let mut text = head("long", dims, roles);
    text.push_str("scale:\n");
    for v in 1..=points {
        text.push_str(&format!("  - {{ value: {v}, label: p{v} }}\n"));
    }
    text.push_str("questions:\n");
    for q in 0..questions {
        let keyed = if q % 3 == 1 { ", keyed: minus" } else { "" };
        text.push_str(&format!(
            "  - {{ id: q{q}, kind: likert, text: Q{q}, dimension: d{}{keyed} }}\n",
            q % dims
        ));
    }
    text
}

/// `questions` multi questions of `options` options, each option scoring
/// one dimension.
fn many_multi(questions: usize, options: usize, dims: usize, roles: usize) -> String {
    let mut text = head("multi", dims, roles);
    text.push_str("questions:\n");
    for q in 0..questions {
        text.push_str(&format!(
            "  - id: q{q}\n    kind: multi\n    text: Q{q}\n    options:\n"
        ));
        for o in 0..options {
            text.push_str(&format!(
                "      - {{ id: o{o}, text: O{o}, scores: {{ d{}: {} }} }}\n",
                (q * 5 + o) % dims,
                1 + (q * o) % 3
            ));
        }
    }
    text
}

/// A bank and an answers file for it in a fresh directory.
struct Case {
    _dir: tempfile::TempDir,
    bank: PathBuf,
    answers: PathBuf,
}

impl Case {
    fn new(bank: &str, answers: &str) -> Case {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str, text: &str| -> PathBuf {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        Case {
            bank: path("bank.yaml", bank),
            answers: path("answers.json", answers),
            _dir: dir,
        }
    }

    fn score(&self, extra: &[&str]) -> Test {
        Test::new()
            .args(["score", "--bank"])
            .arg(&self.bank)
            .arg("--answers")
            .arg(&self.answers)
            .args(extra)
    }
}

/// Answers `{"q0": …, …}` for the questions `answer` gives a value for.
fn answers(n: usize, answer: impl Fn(usize) -> Option<Value>) -> String {
    let map: serde_json::Map<String, Value> = (0..n)
        .filter_map(|q| Some((format!("q{q}"), answer(q)?)))
        .collect();
    serde_json::json!({ "answers": map }).to_string()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Three roles on one dimension and twelve likert questions sharing a
/// scale with a hole in it: 0, then 90,002 to 100,000 in steps of one
/// (10,000 points, the most a scale may have). `b` wins when the score is between 0.55 and 0.85.
fn gappy() -> String {
    let mut text = String::from(
        "id: gappy\ntitle: Gappy\nversion: 1\nscale:\n  - { value: 0, label: none }\n",
    );
    for v in 90_002..=100_000 {
        text.push_str(&format!("  - {{ value: {v}, label: p{v} }}\n"));
    }
    text.push_str("dimensions:\n  - { id: a, name: A, low: l, high: h }\nroles:\n  - { id: top, name: Top, summary: s, profile: { a: 1 } }\n  - { id: b, name: B, summary: s, profile: { a: 0.7 } }\n  - { id: c, name: C, summary: s, profile: { a: 0.4 } }\nquestions:\n");
    for q in 0..12 {
        text.push_str(&format!(
            "  - {{ id: q{q}, kind: likert, text: Q{q}., dimension: a }}\n"
        ));
    }
    text
}

#[test]
fn what_if_on_a_long_scale_rules_out_one_change_exactly() {
    // Only q0 answered, at the top. No single change makes `b` win (q0
    // jumps from 0.9 to 0 across b's window; one more answer gives 0.5 or
    // above 0.95); two more answers do. Before, the 120,012 single changes
    // used up the exhaustive search's tries: "not proven smallest: at least
    // 1". Each long scale is now searched by bisection.
    let case = Case::new(&gappy(), r#"{"answers": {"q0": 100000}}"#);
    let json = case.score(&["--format", "json"]).run().json();
    let search = &json["what_if_search"];
    assert_eq!(search["role"], "b", "{search}");
    assert_eq!(search["exact"], true, "{search}");
    assert_eq!(search["at_least"], 2, "{search}");
    assert_eq!(json["what_if"].as_array().unwrap().len(), 2);
    assert!(search.get("cut_short").is_none(), "{search}");
    assert!(json.get("what_if_unfinished").is_none());
}

#[test]
fn what_if_on_an_8000_point_scale_is_not_cut() {
    let case = Case::new(
        &long_scale(30, 8_000, 5, 4),
        &answers(30, |q| {
            (q % 5 != 4).then(|| Value::from(if q % 3 == 1 { 1 } else { 8_000 }))
        }),
    );
    let json = case.score(&["--format", "json"]).run().json();
    let search = &json["what_if_search"];
    assert_eq!(search["exact"], true, "{search}");
    assert!(search.get("cut_short").is_none(), "{search}");
}

#[test]
fn adaptive_replay_on_a_long_scale_compares_every_question() {
    let case = Case::new(
        &long_scale(40, 2_000, 5, 4),
        &answers(40, |q| Some(Value::from((q * 7919) % 2_000 + 1))),
    );
    let json = case.score(&["--adaptive", "--format", "json"]).run().json();
    assert!(json.get("adaptive_cut_after").is_none(), "{json}");
    assert!(json["asked"].as_u64().unwrap() <= 40);
}

/// 100 dimensions (the most a bank may have) make every tried answer
/// costly: adaptive mode cannot afford to compare 80 questions even once,
/// and the what-if search runs out among 80 questions of 64 option sets
/// each.
fn wide() -> Case {
    Case::new(
        &many_multi(80, 6, 100, 3),
        &answers(80, |q| {
            Some(serde_json::json!(["o0", "o1", format!("o{}", 2 + q % 4)]))
        }),
    )
}

#[test]
fn a_budget_cut_is_said_in_json() {
    let json = wide()
        .score(&["--adaptive", "--format", "json"])
        .run()
        .json();
    // The choices ran out of budget part way: the rest in the usual order.
    let cut = json["adaptive_cut_after"].as_u64().expect("a cut") as usize;
    assert!(cut < 80, "{cut}");
    assert_eq!(json["asked"], 80);
    assert_eq!(json["settled_after"], Value::Null);
    let order: Vec<usize> = (json["order"].as_array().unwrap().iter())
        .map(|q| q.as_str().unwrap()[1..].parse().unwrap())
        .collect();
    assert_eq!(order.len(), 80);
    assert!(order[cut..].windows(2).all(|w| w[0] < w[1]), "{order:?}");
    match (&json["what_if_search"], json.get("what_if_unfinished")) {
        (Value::Null, Some(unfinished)) => {
            assert!(unfinished["at_least"].as_u64() >= Some(1), "{unfinished}");
            let text = unfinished["text"].as_str().unwrap();
            assert!(text.contains("pathfit stopped looking"), "{text}");
        }
        (search, None) => {
            assert_eq!(search["cut_short"], true, "{search}");
            assert_eq!(search["exact"], false, "{search}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_budget_cut_is_said_in_words() {
    let out = wide().score(&["--adaptive"]).run().stdout;
    // Wrapped to 80 columns: compare the words.
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(
            "there were too many left to compare in the time pathfit allows, so the other"
        ) && text.contains("were asked in the usual order"),
        "{text}"
    );
    assert!(
        text.contains("pathfit stopped looking") || text.contains("before it stopped looking"),
        "{text}"
    );
}

#[test]
fn inspect_on_a_long_scale_says_how_it_searched_it() {
    let case = Case::new(&long_scale(20, 1_000, 4, 3), "{}");
    let out = Test::new()
        .args([
            "inspect",
            "--respondents",
            "50",
            "--bank",
            path_str(&case.bank),
        ])
        .run()
        .stdout;
    assert!(out.contains("more than 16 points"), "{out}");
    assert!(!out.contains("work limit"), "{out}");
    let json = Test::new()
        .args([
            "inspect",
            "--respondents",
            "50",
            "--format",
            "json",
            "--bank",
        ])
        .arg(&case.bank)
        .run()
        .json();
    assert!(json["roles"][0].get("cut_short").is_none(), "{json}");
    assert!(json.get("decisive_left_out").is_none());
}
