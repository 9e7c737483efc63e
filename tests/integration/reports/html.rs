//! The HTML report: one well-formed, self-contained page (checked by
//! `check_page`) whose numbers agree with the JSON report, and where a
//! hostile bank's text shows up as text and never as markup.

use scraper::{ElementRef, Html};
use serde_json::Value;

use super::{IMG, SCRIPT, check_page, hostile_report, percent, score, select, selector, text};
use crate::support::example;

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
