//! The Markdown report: the clinician example's report as a snapshot, and
//! tables that hold together whatever the bank's text contains.

use super::{hostile_report, score};
use crate::support::example;

#[test]
fn markdown_report_for_the_clinician_example() {
    let report = score(&[
        "--answers",
        &example("clinician.yaml"),
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!("clinician_markdown", report);
}

/// The cells of a Markdown table row: split on `|` not escaped by `\`.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let inner = row
        .strip_prefix('|')
        .and_then(|r| r.strip_suffix('|'))
        .unwrap_or_else(|| panic!("a table row must start and end with |: {row:?}"));
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    cells
}

#[test]
fn markdown_tables_hold_whatever_the_bank_says() {
    let report = hostile_report("markdown");

    // Every table: each row has as many cells as its header.
    let lines: Vec<&str> = report.lines().collect();
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            i += 1;
            continue;
        }
        tables += 1;
        let width = cells(lines[i]).len();
        assert!(
            lines.get(i + 1).is_some_and(|l| l.starts_with("| ---")),
            "a header without a delimiter row: {}",
            lines[i]
        );
        while i < lines.len() && lines[i].starts_with('|') {
            assert_eq!(
                cells(lines[i]).len(),
                width,
                "row {:?} does not match its header",
                lines[i]
            );
            i += 1;
        }
    }
    assert_eq!(tables, 3, "match, scores and answers tables:\n{report}");

    // The pipes, line breaks and markup are escaped, not dropped.
    for expected in [
        r"| Hands \| tools \<script\>alert(1)\</script\> |",
        r"Rarely \| never<br>at all",
        r#"| I like \<script\>alert(1)\</script\> fixing \| things | Yes "\>\<img src=x onerror=alert(1)\> |"#,
        r"**Pay \<script\>alert(1)\</script\>:** Fact",
        r"### Job \<script\>alert(1)\</script\> \| one (\<script\>alert(1)\</script\>), ",
        r"### \# Job ",
        r"- **Pay \| \<b\>:** \*\*lots\*\* \[x\](y)",
        r#""\>\<img src=x onerror=alert(1)\> would fit you better than \<script\>"#,
    ] {
        assert!(
            report.contains(expected),
            "the report lacks {expected:?}:\n{report}"
        );
    }
    // No `<` opens a tag but the report's own `<br>`.
    for (at, _) in report.match_indices('<') {
        assert!(
            report[..at].ends_with('\\') || report[at..].starts_with("<br>"),
            "unescaped markup at {:?}",
            &report[at..(at + 20).min(report.len())]
        );
    }
}
