//! The HTML report: one well-formed, self-contained page (checked by
//! `check_page`) whose numbers agree with the JSON report, and where a
//! hostile bank's text shows up as text and never as markup.

use scraper::Html;
use serde_json::Value;

use super::{IMG, SCRIPT, check_page, hostile_report, percent, score, select, selector, text};
use crate::support::{Test, example, fixture};

/// The HTML match chart's (role name, percentage) rows against the JSON
/// report's fits, in the same order; and the scores table's "You" column
/// against the JSON dimension scores.
fn check_numbers_match_json(html: &str, json: &str) {
    let doc = Html::parse_document(html);
    let json: Value = serde_json::from_str(json).unwrap();

    let shown: Vec<(String, String)> = select(&doc, "#match-chart li.row")
        .into_iter()
        .map(|row| {
            let name = row
                .select(&selector(".name bdi"))
                .next()
                .map(text)
                .expect("each bar names its role");
            let pct = row
                .select(&selector(".pct"))
                .next()
                .map(text)
                .expect("each bar shows its percentage");
            (name, pct)
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
    let chart_text: String = select(&doc, "#match-chart .name")
        .into_iter()
        .map(text)
        .collect();
    assert!(chart_text.contains(SCRIPT), "chart text: {chart_text:?}");
    assert!(chart_text.contains(IMG), "chart text: {chart_text:?}");

    // Attributes keep the strings whole as values.
    let label = select(&doc, "svg.track")[0]
        .attr("aria-labelledby")
        .unwrap();
    assert!(!label.is_empty());
    let track_titles: String = select(&doc, "svg.track > title")
        .into_iter()
        .map(text)
        .collect();
    assert!(track_titles.contains("Hands | tools <script>alert(1)</script>"));
}

/// `pathfit score` on the browser test's hostile bank (six roles, Hebrew
/// and Arabic names, sources with web addresses) in HTML.
fn browser_hostile() -> String {
    score(&[
        "--bank",
        &fixture("browser/hostile.yaml"),
        "--answers",
        &fixture("browser/hostile-answers.yaml"),
        "--format",
        "html",
    ])
}

#[test]
fn every_bank_text_in_the_page_is_isolated_from_its_sentences() {
    let page = browser_hostile();
    let doc = check_page(&page);
    // The Hebrew name leads: in the headline it sits in its own <bdi>, so
    // its right-to-left letters cannot move the percentages after it.
    let headline = select(&doc, ".headline")[0];
    let names: Vec<String> = headline.select(&selector("bdi")).map(text).collect();
    assert_eq!(names[0], "רופא שיניים", "{names:?}");
    assert!(
        !text(headline).contains('\u{2068}'),
        "marks became elements"
    );
    for css in [
        "#match-chart .name",
        "#scores-table thead th",
        ".dim-head h3",
    ] {
        for element in select(&doc, css) {
            let shown = text(element);
            if ["Dimension", "You"].contains(&shown.as_str()) {
                continue;
            }
            let isolated: String = element.select(&selector("bdi")).map(text).collect();
            assert!(
                !isolated.is_empty() && shown.contains(&isolated),
                "{css}: {shown:?} is not in a <bdi>"
            );
        }
    }
    // Where elements cannot go (the title, SVG titles), the isolates are
    // character references, and no raw direction control is in the bytes.
    assert!(page.contains("<title>&#x2068;"), "the page title");
    assert!(
        !page
            .chars()
            .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    );
}

#[test]
fn a_bank_language_marks_its_text_and_defaults_to_english() {
    let dir = tempfile::tempdir().unwrap();
    let bank = std::fs::read_to_string(fixture("close/bank.yaml"))
        .unwrap()
        .replace("version: 1\n", "version: 1\nlanguage: fr\n");
    let path = dir.path().join("fr.yaml");
    std::fs::write(&path, bank).unwrap();
    let page = Test::new()
        .args(["score", "--format", "html", "--bank"])
        .arg(&path)
        .args(["--answers", &fixture("close/answers.yaml")])
        .run()
        .stdout;
    let doc = check_page(&page);
    let langs: Vec<&str> = select(&doc, "bdi")
        .iter()
        .filter_map(|b| b.attr("lang"))
        .collect();
    assert!(
        !langs.is_empty() && langs.iter().all(|l| *l == "fr"),
        "{langs:?}"
    );
    // The page's own words stay English.
    assert_eq!(select(&doc, "html")[0].attr("lang"), Some("en"));
    // Without the field nothing is marked: the bank is English.
    let english = browser_hostile();
    assert!(select(&Html::parse_document(&english), "bdi[lang]").is_empty());

    // A language that is not a tag is refused, with its own code.
    for bad in ["\"en\\\" onload=\\\"x\"", "english", "e", "fr-", "\"\""] {
        let text = std::fs::read_to_string(fixture("close/bank.yaml"))
            .unwrap()
            .replace("version: 1\n", &format!("version: 1\nlanguage: {bad}\n"));
        let path = dir.path().join("bad.yaml");
        std::fs::write(&path, text).unwrap();
        Test::new()
            .args(["validate", "--color", "never"])
            .arg(&path)
            .status(65)
            .stdout_contains("is not a language tag")
            .stdout_contains("[bad-language]")
            .stdout_contains("bad.yaml:")
            .run();
    }
    for good in ["he", "pt-BR", "zh-Hant-TW", "ast"] {
        let text = std::fs::read_to_string(fixture("close/bank.yaml"))
            .unwrap()
            .replace("version: 1\n", &format!("version: 1\nlanguage: {good}\n"));
        let path = dir.path().join("good.yaml");
        std::fs::write(&path, text).unwrap();
        Test::new().args(["validate"]).arg(&path).status(0).run();
    }
}

#[test]
fn sources_are_one_a_line_with_web_addresses_as_links() {
    let page = browser_hostile();
    let doc = check_page(&page);
    let role = select(&doc, "section.role")[0];
    let lines: Vec<String> = role.select(&selector(".sources li")).map(text).collect();
    assert_eq!(
        lines,
        [
            "Bureau of Labor Statistics, Occupational Outlook Handbook: https://www.bls.gov/ooh/healthcare/dentists.htm",
            "A printed leaflet with no address",
            "Not a link: javascript:alert(1) and ftp://example.org/file",
        ]
    );
    let links: Vec<(String, String)> = select(&doc, "a")
        .into_iter()
        .map(|a| (a.attr("href").unwrap().to_string(), text(a)))
        .collect();
    assert_eq!(
        links,
        [
            (
                "https://www.bls.gov/ooh/healthcare/dentists.htm".to_string(),
                "https://www.bls.gov/ooh/healthcare/dentists.htm".to_string()
            ),
            // Escaped in the attribute, whole as a value; the full stop
            // after it ends the sentence.
            (
                "https://example.org/a?b=1&c=\"2\"<x>".to_string(),
                "https://example.org/a?b=1&c=\"2\"<x>".to_string()
            ),
        ]
    );
    assert!(page.contains("rel=\"noreferrer\""));
    // A single source keeps its one line.
    let one = select(&doc, ".specialty .source")[0];
    assert_eq!(
        text(one),
        "Source: See https://example.org/a?b=1&c=\"2\"<x>."
    );
}

#[test]
fn a_close_call_names_both_roles_in_the_title_and_does_not_number_its_jobs() {
    let page = score(&[
        "--bank",
        &fixture("close/bank.yaml"),
        "--answers",
        &fixture("close/answers.yaml"),
        "--format",
        "html",
    ]);
    let doc = check_page(&page);
    let title = text(select(&doc, "title")[0]);
    assert!(
        title.contains("a close call between")
            && title.contains("Maker")
            && title.contains("Helper"),
        "{title:?}"
    );
    assert!(
        select(&doc, "ol.specialties").is_empty(),
        "a close call ranks no jobs"
    );
    for job in select(&doc, "ul.specialties .specialty h3") {
        let heading = text(job);
        assert!(
            !heading.starts_with(|c: char| c.is_ascii_digit()),
            "{heading:?}"
        );
    }
    // A clear result still ranks them.
    let clear = score(&["--answers", &example("clinician.yaml"), "--format", "html"]);
    let doc = Html::parse_document(&clear);
    let first = text(select(&doc, "ol.specialties .specialty h3")[0]);
    assert!(first.starts_with("1. "), "{first:?}");
    assert!(!text(select(&doc, "title")[0]).contains("close call"));
}

#[test]
fn a_role_keeps_its_shape_and_colour_from_one_report_to_the_next() {
    // Clinician leads one report and trails the other; its marker must not
    // follow its rank.
    let marker = |answers: &str, role: &str| -> (String, String) {
        let page = score(&["--answers", &example(answers), "--format", "html"]);
        let doc = Html::parse_document(&page);
        let item = select(&doc, ".legend li")
            .into_iter()
            .find(|li| text(*li) == role)
            .unwrap_or_else(|| panic!("{role} in the legend"));
        let path = item.select(&selector("path")).next().unwrap();
        (
            path.attr("d").unwrap().into(),
            path.attr("fill").unwrap().into(),
        )
    };
    for role in ["Clinician", "Technician"] {
        assert_eq!(
            marker("clinician.yaml", role),
            marker("technician.yaml", role),
            "{role}"
        );
    }
    assert_ne!(
        marker("clinician.yaml", "Clinician"),
        marker("clinician.yaml", "Technician")
    );
}

#[test]
fn six_roles_have_six_shapes_and_six_colours() {
    let doc = Html::parse_document(&browser_hostile());
    let paths: Vec<(String, String)> = select(&doc, ".legend li path")
        .into_iter()
        .map(|p| (p.attr("d").unwrap().into(), p.attr("fill").unwrap().into()))
        .collect();
    assert_eq!(paths.len(), 6);
    let shapes: std::collections::BTreeSet<&str> = paths.iter().map(|p| p.0.as_str()).collect();
    let colours: std::collections::BTreeSet<&str> = paths.iter().map(|p| p.1.as_str()).collect();
    assert_eq!((shapes.len(), colours.len()), (6, 6), "{paths:?}");
}

#[test]
fn the_warnings_come_before_the_first_chart() {
    for answers in [
        "browser/flat-answers.yaml",
        "browser/skipped-healthcare.yaml",
    ] {
        let bank = if answers.contains("flat") {
            fixture("close/bank.yaml")
        } else {
            "healthcare".into()
        };
        let page = score(&[
            "--bank",
            &bank,
            "--answers",
            &fixture(answers),
            "--format",
            "html",
        ]);
        let note = page.find("id=\"note-h\"").expect("a warning");
        let chart = page.find("id=\"match-chart\"").unwrap();
        assert!(note < chart, "{answers}: the warning comes after the chart");
        let main = page.find("<main>").unwrap();
        let first = page[main..].find("<section").unwrap() + main;
        assert_eq!(
            Some(first),
            page[..note].rfind("<section"),
            "{answers}: first section"
        );
    }
}

#[test]
fn the_numbers_are_a_table_only_when_its_words_fit() {
    // Two roles with short names: the table (a list instead on a phone).
    let page = score(&["--answers", &example("clinician.yaml"), "--format", "html"]);
    let doc = check_page(&page);
    assert_eq!(
        select(&doc, "div.scroll:not(.unfit) #scores-table").len(),
        1
    );
    assert_eq!(select(&doc, "div.numbers:not(.unfit)").len(), 1);
    // Six roles, or a 300-letter word: the list at every width.
    let six = score(&[
        "--bank",
        "interests",
        "--answers",
        &example("interests.yaml"),
        "--format",
        "html",
    ]);
    for page in [six, browser_hostile()] {
        let doc = check_page(&page);
        assert_eq!(select(&doc, "div.scroll.unfit").len(), 1);
        assert_eq!(select(&doc, "div.numbers.unfit").len(), 1);
        // The list holds every number the table does.
        let rows = select(&doc, "#scores-table tbody tr").len();
        let roles = select(&doc, "#scores-table thead th").len() - 2;
        assert_eq!(select(&doc, ".numbers dd li").len(), rows * (roles + 1));
    }
}
