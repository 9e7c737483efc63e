//! Issue 12, "Words for a 16-year-old and a parent": the results of the
//! bundled banks, for answer sets from one-sided to all "Not sure", mostly
//! skipped and adaptive, in every format a person reads (text, Markdown and
//! the HTML page's text), hold none of the jargon the issue lists: no "seed
//! document" (nor "seed" at all), no bank version, no "of the difference",
//! no command-line option or code span, and no "BLS" before the name it
//! stands for has been spelled out.

use scraper::{Html, Selector};

use crate::support::{Test, example, fixture};

/// The answer sets: (bank, answers file, replayed in adaptive mode).
fn cases() -> Vec<(&'static str, String, bool)> {
    vec![
        ("healthcare", example("clinician.yaml"), false),
        ("healthcare", example("technician.yaml"), false),
        (
            "healthcare",
            fixture("words/healthcare-middling.yaml"),
            false,
        ),
        (
            "healthcare",
            fixture("words/healthcare-not-sure.yaml"),
            false,
        ),
        (
            "healthcare",
            fixture("words/healthcare-mostly-skipped.yaml"),
            false,
        ),
        ("healthcare", example("clinician.yaml"), true),
        (
            "healthcare",
            fixture("words/healthcare-middling.yaml"),
            true,
        ),
        ("interests", example("interests.yaml"), false),
        ("interests", fixture("words/interests-middling.yaml"), false),
        ("interests", fixture("words/interests-not-sure.yaml"), false),
        ("interests", example("interests.yaml"), true),
    ]
}

fn score(bank: &str, answers: &str, adaptive: bool, format: &str) -> String {
    let mut test = Test::new().args(["score", "--bank", bank, "--answers", answers]);
    if adaptive {
        test = test.arg("--adaptive");
    }
    test.args(["--format", format]).run().stdout
}

/// What a person reads of an HTML page: its title and the text of its
/// body (the style sheet is not read).
fn page_text(page: &str) -> String {
    let doc = Html::parse_document(page);
    let mut text = String::new();
    for css in ["title", "body"] {
        let selector = Selector::parse(css).unwrap();
        for element in doc.select(&selector) {
            text.push_str(&element.text().collect::<Vec<_>>().join(" "));
            text.push('\n');
        }
    }
    text
}

/// Runs of white space (line breaks and the indents of wrapped lines) as
/// one space, so that a phrase wrapped over two lines is found.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Everything in `text` that the issue calls jargon, one line per finding.
fn jargon(text: &str) -> Vec<String> {
    let flat = flat(text);
    let lower = flat.to_lowercase();
    let mut found = Vec::new();
    for word in ["seed", "of the difference"] {
        if lower.contains(word) {
            found.push(format!("says {word:?}"));
        }
    }
    if flat.contains('`') {
        found.push("has a backtick".to_string());
    }
    // `--format`, `--seed`, any option: two hyphens and a letter.
    let chars: Vec<char> = flat.chars().collect();
    for w in chars.windows(3) {
        if w[0] == '-' && w[1] == '-' && w[2].is_ascii_alphabetic() {
            found.push("names a command-line option".to_string());
            break;
        }
    }
    // A bank version: " v2", "(healthcare v3)".
    for w in chars.windows(3) {
        if !w[0].is_alphanumeric() && w[1] == 'v' && w[2].is_ascii_digit() {
            found.push(format!(
                "names a version: {:?}",
                w.iter().collect::<String>()
            ));
            break;
        }
    }
    if let Some(at) = flat.find("BLS")
        && !flat[..at].contains("Bureau of Labor Statistics")
    {
        found.push("says BLS before spelling it out".to_string());
    }
    found
}

#[test]
fn results_of_the_bundled_banks_hold_no_jargon() {
    let mut failures = Vec::new();
    for (bank, answers, adaptive) in cases() {
        for format in ["text", "markdown", "html"] {
            let out = score(bank, &answers, adaptive, format);
            let read = if format == "html" {
                page_text(&out)
            } else {
                out
            };
            for finding in jargon(&read) {
                let mode = if adaptive { " --adaptive" } else { "" };
                failures.push(format!("{bank} {answers}{mode} ({format}): {finding}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checks_find_the_jargon_they_look_for() {
    // Each check can fail: the sentences of the old reports are caught.
    for old in [
        "Clinician or technician?  (healthcare v2)",
        "(figures from the seed document, which gives no data year)",
        "Equipment work points to Clinician (24% of the\n    difference): you",
        "…and 7 more (`--format json` lists them all).",
        "Median pay: $229,300 a year (2022; BLS figure quoted by USAFacts).",
        "Run pathfit take --seed 7 again.",
    ] {
        assert!(!jargon(old).is_empty(), "not caught: {old}");
    }
    let spelled = "the US Bureau of Labor Statistics (BLS) says; BLS again";
    assert!(jargon(spelled).is_empty(), "{:?}", jargon(spelled));
}

#[test]
fn the_role_facts_name_their_source_in_words() {
    let raw = score("healthcare", &example("clinician.yaml"), false, "text");
    // The first line is the quiz's title alone.
    assert_eq!(raw.lines().next(), Some("Clinician or technician?"));
    let text = flat(&raw);
    for said in [
        "Clinician vs Technician in Healthcare",
        "M Clark",
        "5 March 2025",
        "Bureau of Labor Statistics (BLS)",
    ] {
        assert!(text.contains(said), "no {said:?} in:\n{text}");
    }
}

#[test]
fn more_changes_than_are_shown_are_counted_in_words() {
    let text = flat(&score(
        "healthcare",
        &example("clinician.yaml"),
        false,
        "text",
    ));
    // How many depends on the search; the sentence ends at the count.
    let (_, rest) = text
        .split_once("…and ")
        .unwrap_or_else(|| panic!("no \"…and N more\" in:\n{text}"));
    let count: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(!count.is_empty(), "{rest}");
    assert!(rest[count.len()..].starts_with(" more."), "{rest}");
}
