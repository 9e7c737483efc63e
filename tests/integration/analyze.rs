//! `pathfit analyze` end to end: the figures of a synthetic class equal an
//! independent computation (pingouin and numpy, `scripts/analyze-reference.py`),
//! a mis-keyed statement is found, CSV, JSON Lines and standard input agree,
//! and bad input is reported as `batch` reports it.

use serde_json::Value;

use crate::support::{Test, fixture, read};

fn analyze_json(bank: &str, answers: &str) -> Value {
    Test::new()
        .args([
            "analyze",
            "--format",
            "json",
            "--bank",
            bank,
            "--answers",
            answers,
        ])
        .run()
        .json()
}

fn dimension<'a>(analysis: &'a Value, id: &str) -> &'a Value {
    analysis["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no dimension {id}"))
}

fn flags(value: &Value) -> Vec<&str> {
    value["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect()
}

#[test]
fn the_figures_equal_pingouin_and_numpy_to_a_millionth() {
    let reference: Value = serde_json::from_str(&read(fixture("analyze/reference.json"))).unwrap();
    let analysis = analyze_json(
        &fixture("analyze/miskeyed.yaml"),
        &fixture("analyze/class.csv"),
    );
    assert_eq!(analysis["schema_version"], 1);
    let same = |what: &str, got: &Value, want: &Value| {
        let (g, w) = (got.as_f64().unwrap(), want.as_f64().unwrap());
        assert!((g - w).abs() < 1e-6, "{what}: pathfit {g}, reference {w}");
    };
    let dims = reference["dimensions"].as_object().unwrap();
    assert_eq!(dims.len(), 4);
    for (id, want) in dims {
        let got = dimension(&analysis, id);
        assert_eq!(got["k"], want["k"], "{id}");
        assert_eq!(got["n"], want["n"], "{id}");
        assert_eq!(
            got["n"].as_u64().unwrap() + got["excluded"].as_u64().unwrap(),
            500
        );
        for figure in ["alpha", "alpha_std", "mean_r", "sem"] {
            same(&format!("{id} {figure}"), &got[figure], &want[figure]);
        }
        for forecast in ["half", "double"] {
            same(
                &format!("{id} spearman_brown.{forecast}"),
                &got["spearman_brown"][forecast],
                &want["spearman_brown"][forecast],
            );
        }
        for item in got["items"].as_array().unwrap() {
            let q = item["question"].as_str().unwrap();
            let want = &want["items"][q];
            for figure in ["mean", "sd", "r_drop", "alpha_if_dropped"] {
                same(&format!("{q} {figure}"), &item[figure], &want[figure]);
            }
        }
    }
}

#[test]
fn a_mis_keyed_statement_is_flagged_and_no_well_built_dimension_is() {
    let analysis = analyze_json(
        &fixture("analyze/miskeyed.yaml"),
        &fixture("analyze/class.csv"),
    );
    let people = dimension(&analysis, "people");
    assert_eq!(flags(people), ["low-alpha"]);
    for item in people["items"].as_array().unwrap() {
        let found = flags(item);
        if item["question"] == "people-3" {
            assert!(found.contains(&"reversed-item"), "{found:?}");
            assert!(found.contains(&"raises-alpha-if-dropped"), "{found:?}");
        } else {
            assert!(found.is_empty(), "{}: {found:?}", item["question"]);
        }
    }
    for id in ["hands", "study", "plans"] {
        let dim = dimension(&analysis, id);
        assert!(flags(dim).is_empty(), "{id}: {:?}", flags(dim));
        assert!(dim["alpha"].as_f64().unwrap() >= 0.8, "{id}");
        for item in dim["items"].as_array().unwrap() {
            assert!(
                flags(item).is_empty(),
                "{}: {:?}",
                item["question"],
                flags(item)
            );
        }
    }
    // Keyed as its wording says, the same class measures people well.
    let fixed = analyze_json(
        &fixture("analyze/class.yaml"),
        &fixture("analyze/class.csv"),
    );
    let people = dimension(&fixed, "people");
    assert!(flags(people).is_empty(), "{:?}", flags(people));
    assert!(people["alpha"].as_f64().unwrap() >= 0.8);
}

/// `class.csv` as JSON Lines, skipped cells left out.
fn as_json_lines(csv: &str) -> String {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut out = String::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let answers: serde_json::Map<String, Value> = header[1..]
            .iter()
            .zip(&cells[1..])
            .filter(|(_, c)| !c.is_empty())
            .map(|(q, c)| (q.to_string(), c.parse::<u64>().unwrap().into()))
            .collect();
        let row = serde_json::json!({ "respondent": cells[0], "answers": answers });
        out.push_str(&row.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn csv_json_lines_and_standard_input_give_the_same_analysis() {
    let bank = fixture("analyze/miskeyed.yaml");
    let csv = read(fixture("analyze/class.csv"));
    let from_csv = analyze_json(&bank, &fixture("analyze/class.csv"));
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("class.jsonl");
    std::fs::write(&jsonl, as_json_lines(&csv)).unwrap();
    assert_eq!(analyze_json(&bank, jsonl.to_str().unwrap()), from_csv);
    for input in [csv.clone(), as_json_lines(&csv)] {
        let piped = Test::new()
            .args([
                "analyze",
                "--format",
                "json",
                "--bank",
                &bank,
                "--answers",
                "-",
            ])
            .stdin(input)
            .run()
            .json();
        assert_eq!(piped, from_csv);
    }
    assert_eq!(from_csv["respondents"]["used"], 500);
    assert_eq!(from_csv["respondents"]["failed"], 0);
}

#[test]
fn bad_rows_are_reported_as_batch_reports_them_and_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = read(fixture("analyze/class.csv"));
    csv.push_str("bad-1,9,,,,,,,,,,,,,,,,,,,\n");
    csv.push_str("bad-2,,,,,,,,,,,,,,,,,,,,\n");
    let path = dir.path().join("class.csv");
    std::fs::write(&path, &csv).unwrap();
    let path = path.to_str().unwrap();
    let bank = fixture("analyze/miskeyed.yaml");
    let run = Test::new()
        .args(["analyze", "--format", "json", "--bank", &bank, "--answers", path])
        .status(65)
        .stderr_contains("line 502 (respondent `bad-1`): ")
        .stderr_contains("line 503 (respondent `bad-2`): no question was answered")
        .stderr_contains("2 of 502 respondents could not be used (listed above); the analysis is of the other 500")
        .run();
    let analysis = run.json();
    assert_eq!(analysis["respondents"]["failed"], 2);
    // The figures are those of the 500 good rows.
    let clean = analyze_json(&bank, &fixture("analyze/class.csv"));
    assert_eq!(analysis["dimensions"], clean["dimensions"]);
    // The batch command reports the same rows the same way.
    let batch = Test::new()
        .args(["batch", "--bank", &bank, "--answers", path, "--output"])
        .arg(dir.path().join("rows.csv"))
        .status(65)
        .run();
    for line in run
        .stderr
        .lines()
        .filter(|l| l.contains("(respondent `bad-"))
    {
        assert!(batch.stderr.contains(line), "{line}\n{}", batch.stderr);
    }
    // --strict stops at the first and writes nothing.
    Test::new()
        .args(["analyze", "--strict", "--bank", &bank, "--answers", path])
        .status(65)
        .stdout("")
        .stderr_contains("stopped there because of --strict")
        .run();
}

#[test]
fn missing_unreadable_and_clashing_inputs_have_their_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.csv");
    Test::new()
        .args(["analyze", "--answers"])
        .arg(&missing)
        .status(66)
        .stderr_contains("nope.csv")
        .run();
    Test::new()
        .args(["analyze", "--answers"])
        .arg(dir.path())
        .status(66)
        .stderr_contains("it is a directory, not a file")
        .run();
    let bad_header = dir.path().join("bad.csv");
    std::fs::write(&bad_header, "respondent,no-such-question\na,1\n").unwrap();
    Test::new()
        .args(["analyze", "--answers"])
        .arg(&bad_header)
        .status(65)
        .stderr_contains("no-such-question")
        .run();
    let input = fixture("analyze/class.csv");
    let copy = dir.path().join("class.csv");
    std::fs::copy(&input, &copy).unwrap();
    Test::new()
        .args([
            "analyze",
            "--bank",
            &fixture("analyze/class.yaml"),
            "--answers",
        ])
        .arg(&copy)
        .arg("--output")
        .arg(&copy)
        .status(2)
        .run();
    assert_eq!(read(&copy), read(&input), "the input was not touched");
    Test::new()
        .args(["analyze", "--answers", &input, "--format", "pdf"])
        .status(2)
        .run();
}

#[test]
fn output_goes_to_the_file_named_and_nothing_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("analysis.json");
    Test::new()
        .args([
            "analyze",
            "--format",
            "json",
            "--bank",
            &fixture("analyze/class.yaml"),
        ])
        .args(["--answers", &fixture("analyze/class.csv"), "--output"])
        .arg(&out)
        .stdout("")
        .run();
    let written: Value = serde_json::from_str(&read(&out)).unwrap();
    assert_eq!(written["bank"]["id"], "class");
}

/// A bank of `questions` statements on one dimension, on a scale of
/// `points` points.
fn one_long_dimension(questions: usize, points: usize) -> String {
    let mut text = String::from(
        "id: long\ntitle: Long\nversion: 1\ndimensions:\n  - { id: d, name: D, low: l, high: h }\n  - { id: e, name: E, low: l, high: h }\nroles:\n  - { id: x, name: X, summary: s, profile: { d: 0.2, e: 0.5 } }\n  - { id: y, name: Y, summary: s, profile: { d: 0.8, e: 0.5 } }\nscale:\n",
    );
    for v in 1..=points {
        text.push_str(&format!("  - {{ value: {v}, label: p{v} }}\n"));
    }
    text.push_str("questions:\n  - { id: e1, kind: likert, text: E, dimension: e }\n  - { id: e2, kind: likert, text: E, dimension: e }\n");
    for q in 0..questions {
        text.push_str(&format!(
            "  - {{ id: q{q}, kind: likert, text: Q{q}, dimension: d }}\n"
        ));
    }
    text
}

#[test]
fn a_huge_dimension_on_a_long_scale_stays_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("long.yaml");
    std::fs::write(&bank, one_long_dimension(600, 1000)).unwrap();
    let bank = bank.to_str().unwrap();
    // Forty respondents who answer everything, so that all are listwise.
    let mut class = String::from("respondent,e1,e2");
    for q in 0..600 {
        class.push_str(&format!(",q{q}"));
    }
    for r in 0..40u64 {
        class.push_str(&format!("\nr{r},{},{}", 1 + r % 5, 1 + r % 7));
        for q in 0..600u64 {
            class.push_str(&format!(
                ",{}",
                1 + (((r + 1) * 2_654_435_761) ^ ((q + 1) * 40_503)) % 1000
            ));
        }
    }
    class.push('\n');
    let analysis = Test::new()
        .args([
            "analyze",
            "--format",
            "json",
            "--bank",
            bank,
            "--answers",
            "-",
        ])
        .stdin(class)
        .run()
        .json();
    let d = dimension(&analysis, "d");
    assert_eq!(d["k"], 600);
    // Pairs of 600 items are not counted; everything else is there.
    assert_eq!(d["mean_r"], Value::Null);
    assert_eq!(d["undefined"]["mean_r"], "too-many-items");
    let items = d["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["r_drop"].is_f64()));
    // A 1,000-point scale is counted in ten ranges, not 1,000 points.
    let bins = items[0]["distribution"].as_array().unwrap();
    assert_eq!(bins.len(), 10, "{bins:?}");
    let counted: u64 = bins.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, items[0]["answered"].as_u64().unwrap());
    assert_eq!(bins[0]["value"], "1–100.9");
}

#[test]
fn a_latent_sample_of_the_true_bank_shows_the_mistake_of_the_mis_keyed_one() {
    let class = Test::new()
        .args([
            "sample",
            "--model",
            "latent",
            "--respondents",
            "400",
            "--bank",
        ])
        .arg(fixture("analyze/class.yaml"))
        .run()
        .stdout;
    let analysis = Test::new()
        .args(["analyze", "--format", "json", "--answers", "-", "--bank"])
        .arg(fixture("analyze/miskeyed.yaml"))
        .stdin(class)
        .run()
        .json();
    for dim in analysis["dimensions"].as_array().unwrap() {
        let flagged: Vec<&str> = dim["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| flags(i).contains(&"reversed-item"))
            .map(|i| i["question"].as_str().unwrap())
            .collect();
        if dim["id"] == "people" {
            assert_eq!(flags(dim), ["low-alpha"]);
            assert_eq!(flagged, ["people-3"]);
        } else {
            assert!(flags(dim).is_empty(), "{}: {:?}", dim["id"], flags(dim));
            assert!(flagged.is_empty());
        }
    }
}

#[test]
fn every_format_shows_the_mistake() {
    let run = |format: &str| {
        Test::new()
            .args(["analyze", "--format", format, "--bank"])
            .arg(fixture("analyze/miskeyed.yaml"))
            .args(["--answers", &fixture("analyze/class.csv")])
            .run()
            .stdout
    };
    let text = run("text");
    assert!(
        text.starts_with("Item analysis: Four areas (version 1)"),
        "{text}"
    );
    let people = &text[text.find("Working with people\n").unwrap()..];
    let first_row = people
        .lines()
        .find(|l| l.trim_start().starts_with("people-"))
        .unwrap();
    assert!(
        first_row.trim_start().starts_with("people-3"),
        "flagged first: {first_row}"
    );
    assert!(text.contains("reversed-item: "), "the flag is explained");
    assert!(
        !text.contains("ceiling: "),
        "only flags that occur are explained"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");

    let markdown = run("markdown");
    assert!(
        markdown.starts_with("# Item analysis: Four areas (version 1)"),
        "{markdown}"
    );
    assert!(markdown.contains("`reversed-item`"));
    assert!(
        markdown
            .lines()
            .any(|l| l.starts_with("| ") && l.contains("people-3"))
    );

    let html = run("html");
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    assert_eq!(page.select(&select("script")).count(), 0);
    assert!(
        page.select(&select("svg[role=img]")).count() >= 1 + 4 + 20,
        "charts"
    );
    let negative = page.select(&select("svg .r-bar.negative")).count();
    assert_eq!(negative, 1, "one question goes against the others");
    let flags: Vec<String> = page
        .select(&select("code.flag"))
        .map(|c| c.text().collect())
        .collect();
    assert!(flags.iter().any(|f| f == "reversed-item"), "{flags:?}");
    for attr in ["src", "href"] {
        for e in page.select(&select(&format!("[{attr}]"))) {
            let url = e.value().attr(attr).unwrap();
            assert!(url.starts_with('#'), "{attr}={url}");
        }
    }
}
