//! The Markdown and HTML reports through the real binary (`pathfit score
//! --format markdown|html`): the HTML is one well-formed, self-contained
//! page whose numbers agree with the JSON report, a hostile bank's text
//! shows up as text and never as markup, and Markdown tables hold together
//! whatever the bank's text contains.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

fn pathfit() -> Command {
    let mut cmd = Command::cargo_bin("pathfit").unwrap();
    // A guard against hangs, not a timing assertion.
    cmd.timeout(Duration::from_secs(20));
    cmd
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// `pathfit score` with these arguments; it must succeed with UTF-8 output.
fn score(args: &[&str]) -> String {
    let output = pathfit().arg("score").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "pathfit score {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pathfit writes UTF-8")
}

/// `pathfit score` on the hostile fixture (tests/fixtures/hostile/: a bank
/// whose every kind of text carries markup and Markdown table breakers, and
/// whose verdicts are all close) in `format`.
fn hostile_report(format: &str) -> String {
    score(&[
        "--bank",
        &fixture("hostile/bank.yaml"),
        "--answers",
        &fixture("hostile/answers.yaml"),
        "--format",
        format,
    ])
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&selector(css)).collect()
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// Parses `page` and checks what every HTML report must be: well formed,
/// one document with a language, a title, a viewport and print styles, at
/// least two accessible SVG charts, and nothing that runs or loads.
fn check_page(page: &str) -> Html {
    let doc = Html::parse_document(page);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    assert!(page.starts_with("<!DOCTYPE html>"), "a standards-mode page");

    assert_eq!(select(&doc, "html").len(), 1, "exactly one <html>");
    let html = select(&doc, "html")[0];
    assert_eq!(html.attr("lang"), Some("en"));
    let titles = select(&doc, "head > title");
    assert_eq!(titles.len(), 1, "one <title>");
    assert!(
        !text(titles[0]).trim().is_empty(),
        "the title says something"
    );
    assert!(
        select(&doc, r#"meta[name="viewport"]"#).iter().any(|m| m
            .attr("content")
            .unwrap_or("")
            .contains("width=device-width")),
        "a viewport for phones"
    );
    let style: String = select(&doc, "style").into_iter().map(text).collect();
    assert!(style.contains("@media print"), "print styles");
    assert!(style.contains("@page"), "page margins for print");
    assert!(style.contains("max-width"), "a readable line length");

    // Charts: inline SVG with a role and an accessible name.
    let charts = select(&doc, r#"svg[role="img"]"#);
    assert!(
        charts.len() >= 2,
        "at least two SVG charts, got {}",
        charts.len()
    );
    for chart in &charts {
        let named = chart.attr("aria-label").is_some_and(|l| !l.is_empty())
            || chart.attr("aria-labelledby").is_some();
        assert!(named, "a chart without an accessible name");
        assert!(
            chart
                .children()
                .filter_map(ElementRef::wrap)
                .any(|c| c.value().name() == "title"),
            "a chart without a <title>"
        );
    }
    assert!(!select(&doc, "#match-chart").is_empty(), "the match chart");
    assert!(
        !select(&doc, "svg.track").is_empty(),
        "the dimension charts"
    );

    // Nothing runs and nothing is fetched.
    for element in select(&doc, "*") {
        let name = element.value().name();
        assert!(
            !matches!(
                name,
                "script" | "img" | "iframe" | "object" | "embed" | "link" | "image" | "use"
            ),
            "a <{name}> element in the page"
        );
        for (attr, value) in element.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(
                !attr.starts_with("on"),
                "an event handler attribute {attr}={value:?} on <{name}>"
            );
            if matches!(
                attr.as_str(),
                "src" | "href" | "srcset" | "action" | "poster"
            ) {
                let value = value.trim().to_ascii_lowercase();
                assert!(
                    !(value.starts_with("http:")
                        || value.starts_with("https:")
                        || value.starts_with("//")),
                    "an external resource: <{name} {attr}={value:?}>"
                );
            }
        }
    }
    let lower = page.to_ascii_lowercase();
    for reference in [
        "src=\"http",
        "src=\"//",
        "href=\"http",
        "href=\"//",
        "url(",
        "@import",
    ] {
        assert!(
            !lower.contains(reference),
            "an external reference {reference:?}"
        );
    }
    doc
}

/// Percentages as the reports print them.
fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// The HTML match chart's (role name, percentage) rows against the JSON
/// report's fits, in the same order; and the scores table's "You" column
/// against the JSON dimension scores.
fn check_numbers_match_json(html: &str, json: &str) {
    let doc = Html::parse_document(html);
    let json: Value = serde_json::from_str(json).unwrap();

    let shown: Vec<(String, String)> = select(&doc, "#match-chart g.row")
        .into_iter()
        .map(|row| {
            let title = row
                .children()
                .filter_map(ElementRef::wrap)
                .find(|c| c.value().name() == "title")
                .map(text)
                .expect("each bar has a title");
            let (name, _) = title.rsplit_once(": ").expect("title is `name: NN%`");
            let pct = row
                .select(&selector("text.pct"))
                .next()
                .map(text)
                .expect("each bar shows its percentage");
            (name.to_string(), pct)
        })
        .collect();
    let expected: Vec<(String, String)> = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                percent(r["fit"].as_f64().unwrap()),
            )
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(shown, expected, "match chart vs JSON fits");

    // The same numbers, written out as text in the aria-label.
    let label = select(&doc, "#match-chart")[0].attr("aria-label").unwrap();
    for (name, pct) in &expected {
        assert!(
            label.contains(&format!("{name} {pct}")),
            "{label:?} lacks {name} {pct}"
        );
    }

    let you: Vec<String> = select(&doc, "#scores-table tbody tr")
        .into_iter()
        .map(|row| text(row.select(&selector("td")).next().unwrap()))
        .collect();
    let expected: Vec<String> = json["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["score"].as_f64().map_or("not measured".into(), percent))
        .collect();
    assert_eq!(you, expected, "scores table vs JSON dimension scores");
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

#[test]
fn the_html_parser_reports_errors() {
    // Otherwise "no parse errors" below would prove nothing.
    let broken = Html::parse_document("<p><b>unclosed</p></i>");
    assert!(!broken.errors.is_empty());
}

#[test]
fn html_report_is_one_self_contained_page() {
    let page = score(&["--answers", &example("clinician.yaml"), "--format", "html"]);
    let json: Value = serde_json::from_str(&score(&[
        "--answers",
        &example("clinician.yaml"),
        "--format",
        "json",
    ]))
    .unwrap();
    let doc = check_page(&page);
    let body = text(select(&doc, "body")[0]);
    let bank = format!(
        "Question bank: healthcare version {}",
        json["bank"]["version"]
    );
    for expected in [
        "Clinician fits you best, and clearly",
        "Verdict: clear.",
        "Match per role",
        "Patient interaction",
        "Why",
        "About Clinician",
        "Next steps",
        "Your answers",
        "→ Strongly agree",
        &bank,
        "Scored from an answers file",
    ] {
        assert!(body.contains(expected), "the page lacks {expected:?}");
    }
    // A clear verdict shows only the winner's facts.
    assert!(!body.contains("About Technician"));
    // One track per dimension, each with a dot for the student and a
    // marker per role.
    let tracks = select(&doc, "svg.track");
    assert_eq!(tracks.len(), 5);
    for track in tracks {
        assert_eq!(track.select(&selector("circle.you")).count(), 1);
        assert_eq!(track.select(&selector("g > svg > path")).count(), 2);
    }
}

#[test]
fn html_match_percentages_equal_the_json_fits() {
    for (bank, answers) in [
        ("healthcare", "clinician.yaml"),
        ("healthcare", "technician.yaml"),
        ("interests", "interests.yaml"),
    ] {
        let args = |format| {
            score(&[
                "--bank",
                bank,
                "--answers",
                &example(answers),
                "--format",
                format,
            ])
        };
        check_numbers_match_json(&args("html"), &args("json"));
    }
    check_numbers_match_json(&hostile_report("html"), &hostile_report("json"));
}

#[test]
fn html_report_shows_a_hostile_bank_as_text() {
    let page = hostile_report("html");
    let doc = check_page(&page);

    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a raw <script> in the page");
    assert!(!lower.contains("<img"), "a raw <img> in the page");
    assert!(select(&doc, "script, img").is_empty());

    // Visible text, in the body, the title, and the SVG text of the charts.
    let body = text(select(&doc, "body")[0]);
    assert!(body.contains(SCRIPT), "the <script> text is not shown");
    assert!(body.contains(IMG), "the <img> text is not shown");
    for expected in [
        "I like <script>alert(1)</script> fixing | things",
        "Fact \"><img src=x onerror=alert(1)> | 100%",
        "Garage <script>alert(1)</script>",
        "Drama \"><img src=x onerror=alert(1)>",
        "Step \"><img src=x onerror=alert(1)>",
        "About <script>alert(1)</script>",
        "About \"><img src=x onerror=alert(1)>",
        "Job summary \"><img src=x onerror=alert(1)>",
        "Pay | <b>",
        "**lots** [x](y)",
    ] {
        assert!(body.contains(expected), "the page lacks {expected:?}");
    }
    let names: Vec<String> = select(&doc, ".specialty-name")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        names,
        [
            "Job <script>alert(1)</script> | one",
            "# Job \"><img src=x onerror=alert(1)>"
        ]
    );
    let what_if = text(select(&doc, "#what-if")[0]);
    assert!(
        what_if.contains(&format!("{IMG} would fit you better than {SCRIPT}")),
        "{what_if:?}"
    );
    assert!(text(select(&doc, "title")[0]).contains(SCRIPT));
    let chart_text: String = select(&doc, "#match-chart text")
        .into_iter()
        .map(text)
        .collect();
    assert!(chart_text.contains(SCRIPT), "SVG text: {chart_text:?}");
    assert!(chart_text.contains(IMG), "SVG text: {chart_text:?}");

    // Attributes keep the strings whole as values.
    let label = select(&doc, "#match-chart")[0].attr("aria-label").unwrap();
    assert!(label.contains(SCRIPT) && label.contains(IMG), "{label:?}");
    let track_titles: String = select(&doc, "svg.track > title")
        .into_iter()
        .map(text)
        .collect();
    assert!(track_titles.contains("Hands | tools <script>alert(1)</script>"));
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

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
        r"### 1. Job \<script\>alert(1)\</script\> \| one (\<script\>alert(1)\</script\>), ",
        r"### 2. \# Job ",
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

#[test]
fn the_new_formats_are_listed_in_help() {
    for command in ["score", "take"] {
        let output = pathfit().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            help.contains("markdown") && help.contains("html"),
            "{command} --help:\n{help}"
        );
    }
}

#[test]
fn html_and_markdown_can_be_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["html", "markdown"] {
        let path = dir.path().join(format!("report.{format}"));
        pathfit()
            .args(["score", "--answers", &example("clinician.yaml")])
            .args(["--format", format, "--output"])
            .arg(&path)
            .assert()
            .success();
        let written = std::fs::read_to_string(Path::new(&path)).unwrap();
        let printed = score(&["--answers", &example("clinician.yaml"), "--format", format]);
        assert_eq!(written, printed);
    }
}

// ---------------------------------------------------------------------------
// What would change the result, specialties, and how the quiz was run
// ---------------------------------------------------------------------------

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
            let heading = format!(
                "### {}. {name}{path}, {} match",
                i + 1,
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
        // The report's own command in the note is code, not bank text.
        let code: Vec<String> = section.select(&selector("code")).map(text).collect();
        assert_eq!(code, ["--format json"]);
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
    let order = "Ties between equally telling questions were broken in the bank's own order.";
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

    // With a seed, the command to ask the same way again is code. (Each
    // adaptive run costs seconds in a debug build, so HTML code spans are
    // checked on the what-if note instead.)
    args.extend(["--seed".to_string(), "7".to_string()]);
    let md = score_as(&args, "markdown");
    assert!(md.contains("`pathfit take --adaptive --seed 7`"), "{md}");
}
