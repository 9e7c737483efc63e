//! `pathfit score` on good input: the text and JSON reports of the bundled
//! bank, the winning path's specialties, what would change the result,
//! adaptive replay, unmeasured and skipped answers, answers by label and
//! from standard input, hand-summed raw scores on a six-dimension bank, and
//! `--output`.

use serde_json::Value;

use crate::support::problems::problems;
use crate::support::{HEALTHCARE, Test, example, fixture, read, score_fails, score_json};

// ---------------------------------------------------------------------------
// Scoring the bundled bank: text and JSON
// ---------------------------------------------------------------------------

#[test]
fn clinician_text_report_says_clinician_clearly_in_80_columns() {
    let text = Test::new()
        .args(["score", "--answers", &example("clinician.yaml")])
        .stderr("")
        .run()
        .stdout;
    assert!(text.starts_with("Clinician or technician?\n\n"), "{text}");
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
    assert_eq!(json["bank"]["version"], 3);
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
        let text = Test::new()
            .args(["score", "--answers", &example(example_file)])
            .run()
            .stdout;
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
    let file =
        pathfit::input::source::SourceFile::read(std::path::Path::new(&example(name))).unwrap();
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
    Test::new()
        .args([
            "score",
            "--answers",
            &example("clinician.yaml"),
            "--seed",
            "9",
        ])
        .status(2)
        .run();
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

    Test::new()
        .args(["score", "--answers", &fixture("answers/with-skips.yaml")])
        .stdout_contains("You answered 23 of 26 questions and skipped 3.")
        .run();
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
    let text = read(fixture("answers/by-value.yaml"));
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
    let from_stdin = Test::new()
        .args(["score", "--answers", "-", "--format", "json"])
        .stdin(read(fixture("answers/by-value.yaml")))
        .stderr("")
        .run()
        .json();
    assert_eq!(from_stdin, from_file);

    // Problems in standard input are reported under that name.
    let err = Test::new()
        .args(["score", "--answers", "-"])
        .stdin("answers:\n  first-day: moon\n")
        .status(65)
        .stdout("")
        .run()
        .stderr;
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
        Test::new()
            .args(args)
            .arg("--output")
            .arg(&target)
            .stdout("")
            .stderr("")
            .run();
        let stdout = Test::new().args(args).run().stdout;
        assert!(!stdout.is_empty());
        assert_eq!(
            std::fs::read(&target).unwrap(),
            stdout.as_bytes(),
            "{format}"
        );
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
