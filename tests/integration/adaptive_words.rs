//! Adaptive mode's words (issue 12): the questions it did not ask are not
//! asked, not skipped, in the text and in the JSON, and what would change
//! the result changes only the answers given, as the settle notice
//! promised that no answer to the others could.

use serde_json::Value;

use crate::support::{Test, example, fixture};

fn adaptive(format: &str, answers: &str, stdin: Option<String>) -> String {
    let mut test = Test::new().args([
        "score",
        "--adaptive",
        "--answers",
        answers,
        "--format",
        format,
    ]);
    if let Some(text) = stdin {
        test = test.stdin(text);
    }
    test.run().stdout
}

fn clinician(format: &str) -> String {
    adaptive(format, &example("clinician.yaml"), None)
}

#[test]
fn the_json_counts_unasked_questions_as_not_asked() {
    let report: Value = serde_json::from_str(&clinician("json")).unwrap();
    assert_eq!(report["skipped"], 0);
    assert_eq!(report["not_asked"], 15);
    assert_eq!(report["asked"], 11);
    let count = |k: &str| report[k].as_u64().unwrap();
    assert_eq!(
        count("answered") + count("skipped") + count("not_asked"),
        count("total")
    );
}

#[test]
fn the_text_says_asked_and_never_skipped() {
    let text = clinician("text");
    assert!(
        text.contains("You were asked 11 of 26 questions; the other 15 could not change your"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("skipped"), "{text}");
    assert!(text.contains("of the answers you gave"), "{text}");
    assert!(!text.contains("of your answers were"), "{text}");
}

#[test]
fn markdown_and_html_list_unasked_questions_as_not_asked() {
    let markdown = clinician("markdown");
    assert!(!markdown.contains("*skipped*"), "{markdown}");
    assert_eq!(markdown.matches("| *not asked* |").count(), 15);
    let html = clinician("html");
    assert!(!html.contains(">Skipped<"));
    assert_eq!(html.matches(">Not asked<").count(), 15);
}

#[test]
fn what_if_changes_only_questions_that_were_asked() {
    let report: Value = serde_json::from_str(&clinician("json")).unwrap();
    let order: Vec<&str> = report["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    let changes = report["what_if"].as_array().unwrap();
    assert!(!changes.is_empty());
    for change in changes {
        let question = change["question"].as_str().unwrap();
        assert!(order.contains(&question), "{question} was not asked");
        assert!(!change["from"].is_null(), "{change}");
    }
}

#[test]
fn a_real_skip_among_the_asked_questions_is_still_a_skip() {
    // The first question adaptive mode asks, left unanswered.
    let report: Value = serde_json::from_str(&clinician("json")).unwrap();
    let first = report["order"][0].as_str().unwrap().to_string();
    let text = std::fs::read_to_string(example("clinician.yaml")).unwrap();
    let skipped: String = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with(&format!("{first}:")) {
                format!("  {first}: null")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let json: Value = serde_json::from_str(&adaptive("json", "-", Some(skipped.clone()))).unwrap();
    assert_eq!(json["skipped"], 1, "{json}");
    let asked = json["asked"].as_u64().unwrap();
    assert_eq!(json["not_asked"].as_u64().unwrap(), 26 - asked);
    let text = adaptive("text", "-", Some(skipped));
    assert!(
        text.contains(&format!(
            "You were asked {asked} of 26 questions and skipped 1 of them; the other {}",
            26 - asked
        )),
        "{text}"
    );
}

#[test]
fn without_adaptive_mode_skips_are_skips() {
    let text = Test::new()
        .args(["score", "--answers", &fixture("answers/with-skips.yaml")])
        .run()
        .stdout;
    assert!(
        text.contains("You answered 23 of 26 questions and skipped 3."),
        "{text}"
    );
    assert!(!text.contains("not asked"));
    let json: Value = serde_json::from_str(
        &Test::new()
            .args(["score", "--answers", &fixture("what_if/not-sure.yaml")])
            .args(["--format", "json"])
            .run()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        (json["skipped"].as_u64(), json["not_asked"].as_u64()),
        (Some(7), Some(0))
    );
}
