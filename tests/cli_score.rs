//! The `pathfit` binary end to end: `score` in text and JSON, `banks`, and
//! every exit code, with the broken files under tests/fixtures/.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn pathfit() -> Command {
    Command::cargo_bin("pathfit").unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json_of(args: &[&str]) -> Value {
    let out = pathfit()
        .args(args)
        .arg("--format")
        .arg("json")
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// The line number (1-based) of the first line of `file` containing `text`.
fn line_of(file: &str, text: &str) -> usize {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not in {file}"))
        + 1
}

#[test]
fn a_clinician_minded_student_gets_clinician_clearly() {
    let out = pathfit()
        .args(["score", "--answers", &example("clinician.yaml")])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("Clinician fits you best, and clearly"),
        "{text}"
    );
    for section in [
        "MATCH",
        "YOUR SCORES",
        "WHY",
        "ABOUT CLINICIAN",
        "Next steps",
    ] {
        assert!(text.contains(section), "missing {section}");
    }
    assert!(
        !text.contains("ABOUT TECHNICIAN"),
        "a clear result shows one role"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn json_carries_every_field_of_the_contract() {
    let json = json_of(&["score", "--answers", &example("clinician.yaml")]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["bank"]["id"], "healthcare");
    assert_eq!(json["bank"]["version"], 1);
    assert_eq!(json["answered"], json["total"]);
    assert_eq!(json["skipped"], 0);
    let dimensions = json["dimensions"].as_array().unwrap();
    assert!(dimensions.len() >= 5);
    for d in dimensions {
        for field in ["id", "name", "raw", "min", "max", "score", "answered"] {
            assert!(d.get(field).is_some(), "dimension without {field}: {d}");
        }
    }
    let roles = json["roles"].as_array().unwrap();
    let fits: Vec<f64> = roles.iter().map(|r| r["fit"].as_f64().unwrap()).collect();
    assert!(
        fits.windows(2).all(|w| w[0] >= w[1]),
        "sorted best first: {fits:?}"
    );
    assert!(
        roles
            .iter()
            .all(|r| r["id"].is_string() && r["name"].is_string())
    );
    let rec = &json["recommendation"];
    assert_eq!(rec["role"], "clinician");
    assert_eq!(rec["runner_up"], "technician");
    assert_eq!(rec["verdict"], "clear");
    let margin = rec["margin"].as_f64().unwrap();
    assert!((margin - (fits[0] - fits[1])).abs() < 1e-12);
    let reasons = json["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    assert!(
        reasons
            .iter()
            .all(|r| r["text"].as_str().is_some_and(|t| !t.is_empty()))
    );
    assert!(json["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn a_technician_minded_student_gets_technician_clearly() {
    let json = json_of(&["score", "--answers", &example("technician.yaml")]);
    assert_eq!(json["recommendation"]["role"], "technician");
    assert_eq!(json["recommendation"]["verdict"], "clear");
}

#[test]
fn six_dimensions_six_roles_and_a_0_to_4_scale_sum_plainly() {
    let json = json_of(&[
        "score",
        "--bank",
        &fixture("six.yaml"),
        "--answers",
        &fixture("six-answers.yaml"),
    ]);
    assert_eq!(json["roles"].as_array().unwrap().len(), 6);
    // (raw, min, max, answered), worked out from six-answers.yaml by hand:
    let expected = [
        // build: b1 4 + b2 minus (0 + 4 - 1 = 3) + weekend club 0; ranges 4 + 4 + 2
        ("build", 7.0, 0.0, 10.0, 3),
        // think: t1 weight 2 x 3 = 6 + t2 minus "Quite" (4 - 3 = 1); ranges 8 + 4
        ("think", 7.0, 0.0, 12.0, 2),
        // create: c1 0 + c2 2 + weekend club 0; ranges 4 + 4 + 2
        ("create", 2.0, 0.0, 10.0, 3),
        // help: h1 4 + h2 minus (4 - 0 = 4) + jobs nurse 1 and boss -1; ranges 4 + 4 + (-1..1)
        ("help", 8.0, -1.0, 9.0, 3),
        // lead: l1 1 + weekend club 2 + jobs boss 1; ranges 4 + 2 + 1
        ("lead", 4.0, 0.0, 7.0, 3),
        // order: o1 skipped; weekend club 1 + jobs (no clerk) 0 + hours 5/20; ranges 1 + 1 + 1
        ("order", 1.25, 0.0, 3.0, 3),
    ];
    let dimensions = json["dimensions"].as_array().unwrap();
    for (d, (id, raw, min, max, answered)) in dimensions.iter().zip(expected) {
        assert_eq!(d["id"], id);
        assert_eq!(d["raw"].as_f64().unwrap(), raw, "{id} raw");
        assert_eq!(d["min"].as_f64().unwrap(), min, "{id} min");
        assert_eq!(d["max"].as_f64().unwrap(), max, "{id} max");
        assert_eq!(d["answered"], answered, "{id} answered");
        let score = d["score"].as_f64().unwrap();
        assert!((score - (raw - min) / (max - min)).abs() < 1e-12);
    }
    assert_eq!(json["skipped"], 1);
}

#[test]
fn a_bank_with_many_mistakes_reports_them_all_with_positions() {
    let bank = fixture("broken/many-mistakes.yaml");
    let out = pathfit()
        .args([
            "score",
            "--bank",
            &bank,
            "--answers",
            &example("clinician.yaml"),
        ])
        .assert()
        .code(65);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("14 problems found"), "{err}");
    let expect = [
        ("bad-id", "id: Bad Bank"),
        ("empty-text", "title: \"\""),
        ("unknown-field", "wieght"),
        ("wrong-type", "heavy"),
        ("duplicate-id", "name: A2"),
        ("missing-target", "profile: { a: 1.5 }"),
        ("bad-target", "profile: { a: 1.5 }"),
        ("unknown-dimension", "c: 0"),
        ("field-not-for-kind", "options: []"),
        ("too-few-options", "kind: choice"),
        ("bad-range", "min: 5, max: 5"),
    ];
    for (code, text) in expect {
        let line = line_of(&bank, text);
        let wanted = format!("many-mistakes.yaml:{line}:");
        assert!(
            err.lines()
                .any(|l| l.contains(&wanted) && l.ends_with(&format!("[{code}]"))),
            "no [{code}] at line {line}:\n{err}"
        );
    }
    assert!(err.contains("hint: did you mean `weight`?"));
    assert!(err.contains("hint: did you mean `a`?"));
}

#[test]
fn broken_banks_exit_65_with_a_located_message() {
    for (name, message) in [
        (
            "broken/syntax.yaml",
            "syntax.yaml:6:6: did not find expected ',' or '}'",
        ),
        ("broken/list.yaml", "a bank is a mapping"),
    ] {
        pathfit()
            .args([
                "score",
                "--bank",
                &fixture(name),
                "--answers",
                &example("clinician.yaml"),
            ])
            .assert()
            .code(65)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn hostile_bank_files_are_refused_quickly_not_crashed_on() {
    let dir = tempfile::tempdir().unwrap();
    let bomb: String = std::iter::once("a0: &a0 [x, x, x, x, x, x, x, x, x]\n".to_string())
        .chain((1..10).map(|i| {
            format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 9].join(", ")
            )
        }))
        .collect();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("bomb.yaml", bomb.into_bytes(), "repetition limit exceeded"),
        (
            "deep.yaml",
            format!("{}{}", "[".repeat(300_000), "]".repeat(300_000)).into_bytes(),
            "[too-deep]",
        ),
        (
            "binary.yaml",
            b"id: x\n\xff\xfe\x00\x01".to_vec(),
            "not UTF-8 text",
        ),
        ("empty.yaml", Vec::new(), "a bank is a mapping"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        pathfit()
            .args([
                "score",
                "--bank",
                path.to_str().unwrap(),
                "--answers",
                &example("clinician.yaml"),
            ])
            .assert()
            .code(65)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn bad_answers_are_all_reported_with_lines_and_hints() {
    let answers = fixture("broken/answers-many.yaml");
    let out = pathfit()
        .args(["score", "--answers", &answers])
        .assert()
        .code(65);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for (code, text) in [
        ("bank-mismatch", "bank: other-bank"),
        ("bad-answer", "explain-result: 9"),
        ("unknown-question", "explain-resul:"),
        ("bad-answer", "first-day: moon"),
        ("bad-answer", "years-after-school: 40"),
        ("duplicate-answer", "upset-strangers: 4"),
    ] {
        let wanted = format!("answers-many.yaml:{}:", line_of(&answers, text));
        assert!(
            err.lines()
                .any(|l| l.contains(&wanted) && l.ends_with(&format!("[{code}]"))),
            "no [{code}] at {wanted}:\n{err}"
        );
    }
    assert!(err.contains("did you mean `explain-result`?"), "{err}");
    assert!(err.contains("answer with a number from 0 to 12"), "{err}");
}

#[test]
fn answers_can_be_json_labels_skips_or_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let by_value = dir.path().join("v.json");
    std::fs::write(
        &by_value,
        r#"{"answers": {"explain-result": 4, "first-day": "ward", "behind-scenes": null}}"#,
    )
    .unwrap();
    let by_label = dir.path().join("l.yaml");
    std::fs::write(
        &by_label,
        "answers:\n  explain-result: agree\n  first-day: ward\n",
    )
    .unwrap();
    let a = json_of(&["score", "--answers", by_value.to_str().unwrap()]);
    let b = json_of(&["score", "--answers", by_label.to_str().unwrap()]);
    assert_eq!(a, b);
    assert_eq!(a["answered"], 2);
    assert_eq!(a["skipped"], a["total"].as_u64().unwrap() - 2);
    assert!(
        a["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "not-measured")
    );

    let out = pathfit()
        .args(["score", "--answers", "-", "--format", "json"])
        .write_stdin(std::fs::read(&by_label).unwrap())
        .assert()
        .success();
    let c: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(a, c);
}

#[test]
fn nothing_answered_is_bad_data() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.yaml");
    std::fs::write(&empty, "answers: {}\n").unwrap();
    pathfit()
        .args(["score", "--answers", empty.to_str().unwrap()])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("no question was answered"));
}

#[test]
fn output_goes_to_a_file_atomically_or_fails_with_74() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("result.json");
    pathfit()
        .args([
            "score",
            "--answers",
            &example("technician.yaml"),
            "--format",
            "json",
            "--output",
        ])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(
        written,
        json_of(&["score", "--answers", &example("technician.yaml")])
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );

    pathfit()
        .args([
            "score",
            "--answers",
            &example("technician.yaml"),
            "--output",
        ])
        .arg(dir.path().join("missing/dir/out.txt"))
        .assert()
        .code(74)
        .stderr(predicate::str::contains("cannot write the output"));
}

#[test]
fn missing_inputs_exit_66() {
    let dir = tempfile::tempdir().unwrap();
    pathfit()
        .args(["score", "--answers", "no/such/answers.yaml"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains(
            "no/such/answers.yaml: cannot read the file",
        ));
    pathfit()
        .args(["score", "--answers"])
        .arg(dir.path())
        .assert()
        .code(66)
        .stderr(predicate::str::contains("directory"));
    pathfit()
        .args([
            "score",
            "--bank",
            "no/such/bank.yaml",
            "--answers",
            &example("clinician.yaml"),
        ])
        .assert()
        .code(66);
    pathfit()
        .args([
            "score",
            "--bank",
            "nosuchbank",
            "--answers",
            &example("clinician.yaml"),
        ])
        .assert()
        .code(66)
        .stderr(predicate::str::contains("bundled banks: healthcare"));
}

#[test]
fn usage_errors_exit_2() {
    pathfit()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Usage"));
    pathfit()
        .args(["score"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--answers"));
    pathfit()
        .args(["score", "--answers", "x", "--format", "pdf"])
        .assert()
        .code(2);
    pathfit().args(["score", "--colour"]).assert().code(2);
    pathfit().args(["frobnicate"]).assert().code(2);
}

#[test]
fn help_version_and_banks_succeed() {
    pathfit()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("pathfit "));
    pathfit()
        .args(["score", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--answers <FILE>"));
    pathfit().arg("banks").assert().success().stdout(
        predicate::str::contains("healthcare")
            .and(predicate::str::contains("Clinician or technician?")),
    );
}
