//! What every report format shows beyond the scores, and in which order:
//! what would change the result (first on a close call, after the reasons
//! on a clear one), the jobs on the path that fit best, and how an adaptive
//! quiz was settled.

use scraper::Html;
use serde_json::Value;

use super::{check_page, percent, score, select, selector, text};
use crate::support::{example, fixture};

/// The close-call fixture: a bank and answers whose verdict is `close`.
fn close_args() -> Vec<String> {
    vec![
        "--bank".into(),
        fixture("close/bank.yaml"),
        "--answers".into(),
        fixture("close/answers.yaml"),
    ]
}

/// `pathfit score ARGS --format FORMAT`.
fn score_as(args: &[String], format: &str) -> String {
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    all.extend(["--format", format]);
    score(&all)
}

/// Where `needle` starts in `haystack`; it must be there.
fn at(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is missing from:\n{haystack}"))
}

/// The ids of the headings of `<main>`'s sections, in page order.
fn html_sections(doc: &Html) -> Vec<String> {
    select(doc, "main > section")
        .into_iter()
        .map(|s| s.attr("aria-labelledby").unwrap_or("").to_string())
        .collect()
}

fn position(sections: &[String], id: &str) -> usize {
    sections
        .iter()
        .position(|s| s == id)
        .unwrap_or_else(|| panic!("no section {id:?} in {sections:?}"))
}

/// The suggested specialties in the JSON report: the Markdown heading
/// each should get (with its role's name on a close verdict), and its name.
fn json_specialties(json: &Value) -> Vec<(String, String)> {
    let close = json["recommendation"]["verdict"] == "close";
    let role_name = |id: &Value| {
        json["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| &r["id"] == id)
            .map(|r| r["name"].as_str().unwrap().to_string())
            .unwrap()
    };
    json["recommendation"]["specialties"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = s["name"].as_str().unwrap().to_string();
            let path = if close {
                format!(" ({})", role_name(&s["role"]))
            } else {
                String::new()
            };
            // One job per path on a close call: not a ranking, so not
            // numbered.
            let number = if close {
                String::new()
            } else {
                format!("{}. ", i + 1)
            };
            let heading = format!(
                "### {number}{name}{path}, {} match",
                percent(s["fit"].as_f64().unwrap())
            );
            (heading, name)
        })
        .collect()
}

#[test]
fn clear_result_shows_what_if_after_the_reasons_and_the_top_jobs() {
    let args = vec!["--answers".to_string(), example("clinician.yaml")];
    let json: Value = serde_json::from_str(&score_as(&args, "json")).unwrap();
    assert_eq!(json["recommendation"]["verdict"], "clear");
    let changes = json["what_if"]
        .as_array()
        .expect("a what-if for the clinician");
    assert!(!changes.is_empty());
    let specialties = json_specialties(&json);
    assert!(!specialties.is_empty(), "healthcare suggests specialties");

    // Markdown: Why, then what would change the result, then the role, then
    // its jobs in the JSON's order.
    let md = score_as(&args, "markdown");
    let why = at(&md, "\n## Why\n");
    let what_if = at(&md, "\n## What would change your result\n");
    let about = at(&md, "\n## About Clinician\n");
    let jobs = at(&md, "\n## Jobs on this path that fit you best\n");
    assert!(why < what_if && what_if < about && about < jobs, "{md}");
    assert!(at(&md, "\n## Match\n") < why);
    assert!(md.contains("Technician would fit you better than Clinician if"));
    let shown: Vec<&str> = md[jobs..]
        .lines()
        .filter(|l| l.starts_with("### "))
        .take_while(|l| l.chars().nth(4).is_some_and(|c| c.is_ascii_digit()))
        .collect();
    let expected: Vec<&str> = specialties.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(shown, expected, "Markdown specialties vs JSON");
    assert!(md.contains("a pointer to explore, not a measurement."));

    // HTML: the same order of sections, and the same names.
    let page = score_as(&args, "html");
    let doc = check_page(&page);
    let sections = html_sections(&doc);
    let (why, what_if, about, jobs) = (
        position(&sections, "why-h"),
        position(&sections, "what-if-h"),
        position(&sections, "role-1-h"),
        position(&sections, "specialties-h"),
    );
    assert!(
        position(&sections, "match-h") < why && why < what_if && what_if < about && about < jobs,
        "{sections:?}"
    );
    let section = select(&doc, "#what-if")[0];
    assert!(text(section).contains("Technician would fit you better than Clinician if"));
    assert_eq!(
        section.select(&selector("li")).count(),
        changes.len().min(3),
        "at most three changes are spelled out"
    );
    if changes.len() > 3 {
        // The rest are counted, without a command to list them.
        let more = format!("…and {} more.", changes.len() - 3);
        assert!(text(section).contains(&more), "{}", text(section));
        assert_eq!(section.select(&selector("code")).count(), 0);
    }
    let names: Vec<String> = select(&doc, ".specialty-name")
        .into_iter()
        .map(text)
        .collect();
    let expected: Vec<String> = specialties.into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, expected, "HTML specialties vs JSON");
    assert_eq!(
        text(select(&doc, "#specialties-h")[0]),
        "Jobs on this path that fit you best"
    );
}

#[test]
fn close_result_leads_with_what_would_change_it() {
    let args = close_args();
    let json: Value = serde_json::from_str(&score_as(&args, "json")).unwrap();
    assert_eq!(json["recommendation"]["verdict"], "close", "the fixture");
    assert_eq!(json["recommendation"]["tie"], false, "the fixture");
    assert!(
        json["what_if"].as_array().is_some_and(|c| !c.is_empty()),
        "the fixture has a what-if"
    );
    let specialties = json_specialties(&json);
    assert_eq!(specialties.len(), 2, "one job per path");

    let md = score_as(&args, "markdown");
    let what_if = at(&md, "\n## What would change your result\n");
    assert!(at(&md, "You answered 5 of 5 questions.") < what_if);
    assert!(what_if < at(&md, "\n## Match\n"), "{md}");
    assert!(what_if < at(&md, "\n## Your scores\n"));
    assert!(!md.contains("\n## Why\n") || what_if < at(&md, "\n## Why\n"));
    assert_eq!(md.matches("## What would change your result").count(), 1);
    assert!(md.contains("Helper would fit you better than Maker if you changed just one answer:"));
    let jobs = at(&md, "\n## The best-fitting job on each path\n");
    for (heading, _) in &specialties {
        assert!(
            md[jobs..].contains(&format!("\n{heading}\n")),
            "{heading:?} in\n{md}"
        );
    }

    let page = score_as(&args, "html");
    let doc = check_page(&page);
    let sections = html_sections(&doc);
    assert_eq!(
        sections.first().map(String::as_str),
        Some("what-if-h"),
        "{sections:?}"
    );
    assert!(position(&sections, "what-if-h") < position(&sections, "match-h"));
    assert!(position(&sections, "what-if-h") < position(&sections, "scores-h"));
    assert_eq!(select(&doc, "#what-if").len(), 1);
    let titles: Vec<String> = select(&doc, ".specialty h3")
        .into_iter()
        .map(text)
        .collect();
    let expected: Vec<String> = specialties
        .iter()
        .map(|(heading, _)| heading.trim_start_matches("### ").to_string())
        .collect();
    assert_eq!(titles, expected, "HTML specialties vs JSON");
    assert_eq!(
        text(select(&doc, "#specialties-h")[0]),
        "The best-fitting job on each path"
    );
}

/// `text` with every run of white space made one space, as a wrapped
/// paragraph reads.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn adaptive_runs_say_when_the_result_was_settled() {
    let mut args = vec![
        "--answers".to_string(),
        example("clinician.yaml"),
        "--adaptive".to_string(),
    ];
    let md = score_as(&args, "markdown");
    let about = &md[at(&md, "\n## About this report\n")..];
    let adaptive = about
        .lines()
        .find(|l| l.starts_with("Adaptive mode:"))
        .unwrap_or_else(|| panic!("no adaptive sentence in\n{md}"));
    assert!(adaptive.contains("settled after"), "{adaptive:?}");
    let order = "Ties between equally telling questions were settled in the quiz's own order.";
    assert!(about.contains(order), "{about}");
    assert!(!about.contains("Scored from an answers file"));
    // The same words as the text report.
    let text_report = unwrapped(&score_as(&args, "text"));
    assert!(text_report.contains(adaptive), "{adaptive:?}");
    assert!(text_report.contains(order));

    let page = score_as(&args, "html");
    let doc = check_page(&page);
    let footer = unwrapped(&text(select(&doc, "footer")[0]));
    assert!(
        footer.contains(adaptive) && footer.contains(order),
        "{footer}"
    );

    // With a seed, its number, in words: no command for a student or a
    // parent to read.
    args.extend(["--seed".to_string(), "7".to_string()]);
    let md = score_as(&args, "markdown");
    assert!(
        md.contains("shuffled order, number 7, which also settled ties"),
        "{md}"
    );
    assert!(!md.contains("--seed"), "{md}");
}
