//! The Markdown and HTML reports through the real binary (`pathfit score
//! --format markdown|html`). This module holds what the three below share
//! and the checks of both formats at once; `html` checks the page itself,
//! `markdown` the Markdown report, and `sections` the order and content of
//! what would change the result, the suggested jobs and the adaptive note
//! in every format.

mod html;
mod markdown;
mod sections;

use scraper::{ElementRef, Html, Selector};

use crate::support::{Test, example, fixture, read};

/// Markup that the hostile fixture's text carries.
const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

/// `pathfit score` with these arguments; it must succeed with UTF-8 output.
fn score(args: &[&str]) -> String {
    Test::new().arg("score").args(args).run().stdout
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
            if name == "a" && attr == "href" {
                // A link to a bank's source: followed only when clicked,
                // never loaded, and only to a web address.
                assert!(
                    value.starts_with("http://") || value.starts_with("https://"),
                    "a link that is not a web address: {value:?}"
                );
                assert_eq!(element.attr("rel"), Some("noreferrer"), "{value:?}");
                continue;
            }
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
    // (Links to sources are checked above, element by element.)
    for reference in ["src=\"http", "src=\"//", "href=\"//", "url(", "@import"] {
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

// ---------------------------------------------------------------------------
// Both formats
// ---------------------------------------------------------------------------

#[test]
fn the_new_formats_are_listed_in_help() {
    for command in ["score", "take"] {
        let help = Test::new().args([command, "--help"]).run().stdout;
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
        Test::new()
            .args(["score", "--answers", &example("clinician.yaml")])
            .args(["--format", format, "--output"])
            .arg(&path)
            .run();
        let written = read(&path);
        let printed = score(&["--answers", &example("clinician.yaml"), "--format", format]);
        assert_eq!(written, printed);
    }
}
