//! `pathfit batch` end to end: CSV and JSON Lines in, one row per
//! respondent out, equal to `pathfit score` on the same answers; bad rows
//! reported and skipped; the summary.

use serde_json::Value;

use crate::support::{Test, read_json};

/// `pathfit sample` output: seeded random respondents for the bank.
fn sample(n: u64, seed: u64, format: &str) -> String {
    Test::new()
        .args([
            "sample",
            "--respondents",
            &n.to_string(),
            "--seed",
            &seed.to_string(),
            "--format",
            format,
        ])
        .run()
        .stdout
}

/// Batch JSON Lines output for `input` written to a file named `name`.
fn batch_jsonl(dir: &std::path::Path, name: &str, input: &str) -> Vec<Value> {
    let path = dir.join(name);
    std::fs::write(&path, input).unwrap();
    Test::new()
        .args(["batch", "--format", "jsonl", "--answers"])
        .arg(&path)
        .run()
        .json_lines()
}

#[test]
fn every_batch_result_equals_score_on_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    for seed in [1, 2, 3] {
        let jsonl = sample(25, seed, "jsonl");
        let from_csv = batch_jsonl(dir.path(), "in.csv", &sample(25, seed, "csv"));
        let from_jsonl = batch_jsonl(dir.path(), "in.jsonl", &jsonl);
        assert_eq!(
            from_csv, from_jsonl,
            "seed {seed}: CSV and JSON Lines disagree"
        );
        for (line, row) in jsonl.lines().zip(&from_jsonl) {
            let respondent: Value = serde_json::from_str(line).unwrap();
            let answers = dir.path().join("one.json");
            std::fs::write(&answers, respondent.to_string()).unwrap();
            // An answers file takes `bank` and `answers`; drop the id.
            let body = serde_json::json!({ "answers": respondent["answers"] });
            std::fs::write(&answers, body.to_string()).unwrap();
            let score = Test::new()
                .args(["score", "--format", "json", "--answers"])
                .arg(&answers)
                .run()
                .json();
            assert_eq!(row["respondent"], respondent["respondent"]);
            assert_eq!(row["role"], score["recommendation"]["role"]);
            assert_eq!(row["runner_up"], score["recommendation"]["runner_up"]);
            assert_eq!(row["verdict"], score["recommendation"]["verdict"]);
            assert_eq!(row["margin"], score["recommendation"]["margin"]);
            for fit in score["roles"].as_array().unwrap() {
                assert_eq!(row["fits"][fit["id"].as_str().unwrap()], fit["fit"]);
            }
            for d in score["dimensions"].as_array().unwrap() {
                assert_eq!(row["scores"][d["id"].as_str().unwrap()], d["score"]);
            }
        }
    }
}

#[test]
fn bad_rows_are_reported_with_line_and_respondent_and_the_rest_scored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("class.csv");
    std::fs::write(
        &input,
        "respondent,explain-result,first-day,satisfying-tasks,years-after-school\n\
         ann,4,ward,calm-patient;plan-care,6\n\
         bob,9,ward,,2\n\
         cat,2,moon,,2\n\
         dan,2,lab\n\
         \"eve, the \"\"second\"\"\",Agree,\"lab\",;,40\n\
         fay,1,lab,fix-error,1\n",
    )
    .unwrap();
    let summary = dir.path().join("summary.json");
    let out = Test::new()
        .args(["batch", "--answers"])
        .arg(&input)
        .arg("--summary")
        .arg(&summary)
        .status(65)
        .run();
    let err = &out.stderr;
    assert!(
        err.contains(
            "line 3 (respondent `bob`): `explain-result`: `9` is not on this question's scale"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 4 (respondent `cat`): `first-day`: `moon` is not an option"),
        "{err}"
    );
    assert!(
        err.contains("line 5: the row has 3 cells but the header has 5"),
        "{err}"
    );
    assert!(
        err.contains("`years-after-school`: 40 is outside the allowed range"),
        "{err}"
    );
    assert!(
        err.contains("4 of 6 respondents could not be scored"),
        "{err}"
    );

    let rows: Vec<Vec<String>> = csv::Reader::from_reader(out.stdout.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 6, "one row per respondent, in input order");
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["ann", "bob", "cat", "", "eve, the \"second\"", "fay"]);
    assert_eq!(rows[0][1], "clinician");
    assert!(rows[0].last().unwrap().is_empty());
    assert!(
        !rows[1].last().unwrap().is_empty(),
        "a failed row carries its error"
    );
    assert_eq!(rows[5][1], "technician");

    let summary = read_json(&summary);
    assert_eq!(summary["scored"], 2);
    assert_eq!(summary["failed"], 4);
    assert_eq!(summary["roles"]["clinician"], 1);
    assert_eq!(summary["roles"]["technician"], 1);
}

#[test]
fn strict_stops_at_the_first_bad_row_and_keeps_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("class.csv");
    std::fs::write(&input, "respondent,explain-result\nann,4\nbob,9\ncat,3\n").unwrap();
    let output = dir.path().join("out.csv");
    Test::new()
        .args(["batch", "--strict", "--answers"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .status(65)
        .stderr_contains("line 3 (respondent `bob`)")
        .stderr_contains("--strict")
        .run();
    assert!(!output.exists(), "a stopped run leaves no half output");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nor a temporary file"
    );
}

#[test]
fn a_header_naming_an_unknown_question_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("class.csv");
    std::fs::write(&input, "respondent,explain-resutl\nann,4\n").unwrap();
    Test::new()
        .args(["batch", "--answers"])
        .arg(&input)
        .status(65)
        .stderr_contains("`explain-resutl` (column 2)")
        .stderr_contains("did you mean `explain-result`?")
        .run();
    std::fs::write(&input, "name,explain-result\nann,4\n").unwrap();
    Test::new()
        .args(["batch", "--answers"])
        .arg(&input)
        .status(65)
        .stderr_contains("no `respondent` column")
        .run();
}

#[test]
fn empty_input_and_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("class.csv");
    std::fs::write(&input, "respondent,explain-result\n").unwrap();
    let out = Test::new().args(["batch", "--answers"]).arg(&input).run();
    assert_eq!(out.stdout.lines().count(), 1, "just the header");
    assert!(out.stderr.contains("0 respondents scored, 0 failed"));
    Test::new()
        .args(["batch", "--answers", "no/such/class.csv"])
        .status(66)
        .run();
}

#[test]
fn a_quoted_cell_may_hold_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    let rows = batch_jsonl(
        dir.path(),
        "class.csv",
        "respondent,explain-result\n\"ann\nsmith\",4\nbob,2\n",
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["respondent"], "ann\nsmith");
    assert_eq!(rows[1]["respondent"], "bob");
}

#[test]
fn a_thousand_respondents_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("class.csv");
    std::fs::write(&input, sample(1000, 9, "csv")).unwrap();
    let output = dir.path().join("out.csv");
    let summary = dir.path().join("summary.json");
    Test::new()
        .args(["batch", "--answers"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .arg("--summary")
        .arg(&summary)
        .stdout("")
        .run();
    let rows = csv::Reader::from_path(&output).unwrap().records().count();
    assert_eq!(rows, 1000);
    let summary = read_json(&summary);
    assert_eq!(summary["scored"], 1000);
    let wins: u64 = summary["roles"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(wins, 1000);
    let verdicts: u64 = summary["verdicts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(verdicts, 1000);
    for mean in summary["mean_scores"].as_object().unwrap().values() {
        let m = mean.as_f64().unwrap();
        assert!((0.0..=1.0).contains(&m));
    }
}

#[test]
fn json_lines_input_is_told_apart_by_content_too() {
    let dir = tempfile::tempdir().unwrap();
    let rows = batch_jsonl(
        dir.path(),
        "class.txt",
        "{\"respondent\": 7, \"answers\": {\"explain-result\": \"Agree\"}}\n\n{\"respondent\": \"b\", \"answers\": {\"first-day\": \"lab\"}}\n",
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["respondent"], "7");
    assert_eq!(rows[1]["role"], "technician");
}

#[test]
fn any_number_of_jobs_writes_the_same_rows_bad_rows_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    // Some 700 KB: about ten chunks of rows, bad rows among them.
    let mut text = sample(3000, 4, "csv");
    let width = text.lines().next().unwrap().split(',').count();
    text.push_str("short,1\n");
    text.push_str(&format!("\"two\nlines\"{}\n", ",".repeat(width - 1)));
    text.push_str(
        &sample(500, 5, "csv")
            .split_once('\n')
            .unwrap()
            .1
            .replace(",4.0,", ",9,"),
    );
    let input = dir.path().join("class.csv");
    std::fs::write(&input, &text).unwrap();
    let run = |jobs: &str| {
        let summary = dir.path().join(format!("summary-{jobs}.json"));
        let out = Test::new()
            .args(["batch", "--jobs", jobs, "--answers"])
            .arg(&input)
            .arg("--summary")
            .arg(&summary)
            .status(65)
            .run();
        (
            out.stdout,
            out.stderr,
            std::fs::read_to_string(summary).unwrap(),
        )
    };
    let one = run("1");
    for said in [
        "line 3002: the row has 2 cells",
        "line 3003 (respondent `two\\nlines`): no question was answered",
        "line 3005 (respondent `s0000001`)",
    ] {
        assert!(one.1.contains(said), "{said}\n{}", one.1);
    }
    assert!(
        one.1.matches(" is not on this question's scale").count() > 10,
        "{}",
        one.1
    );
    let rows = csv::Reader::from_reader(one.0.as_bytes()).records().count();
    assert_eq!(rows, 3000 + 2 + 500);
    for jobs in ["2", "3", "8"] {
        assert!(run(jobs) == one, "--jobs {jobs} differs from --jobs 1");
    }
}

#[test]
fn jobs_must_be_from_1_to_256() {
    // Refused before any file is read.
    let input = crate::support::example("clinician.yaml");
    for jobs in ["0", "257", "many"] {
        Test::new()
            .args(["batch", "--jobs", jobs, "--answers", &input])
            .status(2)
            .stderr_contains("--jobs")
            .run();
    }
}

#[test]
fn answers_from_standard_input_give_the_same_rows_as_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "jsonl"] {
        let input = sample(40, 5, format);
        let path = dir.path().join(format!("class.{format}"));
        std::fs::write(&path, &input).unwrap();
        let from_file = Test::new().args(["batch", "--answers"]).arg(&path).run();
        let from_stdin = Test::new()
            .args(["batch", "--answers", "-"])
            .stdin(input)
            .run();
        assert_eq!(from_stdin.stdout, from_file.stdout, "{format}");
        assert!(
            from_stdin.stderr.contains("40 respondents scored"),
            "{}",
            from_stdin.stderr
        );
    }
}
