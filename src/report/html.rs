//! The HTML report: one self-contained page (inline CSS and SVG, no
//! scripts, nothing fetched) that reads on a phone and prints on A4 or
//! Letter.
//!
//! The page is the minijinja template `templates/report.html`, embedded in
//! the binary. A bank is untrusted input, so every value reaches the
//! template as plain data and is HTML-escaped on output: [`environment`]
//! turns auto-escaping on for every template whatever its name, removes the
//! `safe` filter, and fails on undefined variables. Geometry (bar widths,
//! marker positions, SVG paths) is computed here, from numbers only.

use std::io::{self, Write};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use super::markdown::{
    answer_rows, answered_sentence, reason_answers, run_sentence, shown_roles, specialties_heading,
    verdict_name, verdict_note,
};
use super::{Report, ReportInput, percent};
use crate::engine::Verdict;
use crate::report::text::{
    SPECIALTY_NOTE, adaptive_sentence, headline, reason_sentence, warning_sentence,
    what_if_sentences,
};

const TEMPLATE: &str = include_str!("templates/report.html");

pub struct HtmlReport;

impl Report for HtmlReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        let page = render(input).map_err(|e| io::Error::other(format!("HTML report: {e:#}")))?;
        out.write_all(page.as_bytes())
    }
}

/// The template environment. Auto-escaping does not depend on template
/// names here: every template is HTML-escaped, and `safe` (the one way to
/// turn escaping off for a value) does not exist.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.remove_filter("safe");
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.add_template("report.html", TEMPLATE)
        .expect("the embedded HTML template parses");
    env
}

/// The page for `input`.
pub fn render(input: &ReportInput<'_>) -> Result<String, minijinja::Error> {
    let env = environment();
    let page = page(input);
    env.get_template("report.html")?
        .render(Value::from(Serde(&page)))
}

/// Height of one role's row in the match chart.
const ROW: f64 = 52.0;
/// Height of one role's lane above a dimension track.
const LANE: f64 = 16.0;
/// Radius of a role's marker.
const MARK: f64 = 7.0;

/// Role colours, picked by the role's place in the bank so a role keeps its
/// colour from one report to the next. Each has at least 4.5:1 contrast on
/// white; the shapes differ too, so colour is never the only cue.
const COLOURS: [&str; 6] = [
    "#1f5fae", "#b3501d", "#2e7d32", "#7b3fa0", "#a4243b", "#00707a",
];

#[derive(Serialize)]
struct Page {
    generator: String,
    page_title: String,
    bank: BankOut,
    headline: String,
    verdict: &'static str,
    verdict_name: &'static str,
    verdict_note: String,
    answered: String,
    #[serde(rename = "match")]
    match_chart: MatchChart,
    legend: Vec<LegendItem>,
    /// The marks along every dimension track.
    ticks: Vec<Tick>,
    dimensions: Vec<DimensionOut>,
    table_roles: Vec<String>,
    reasons: Vec<ReasonOut>,
    /// "What would change your result", if a change was found.
    what_if: Option<WhatIfOut>,
    /// The what-if section leads the result (on a close verdict) rather
    /// than following the reasons.
    what_if_first: bool,
    roles: Vec<RoleOut>,
    specialties: Option<SpecialtiesOut>,
    warnings: Vec<String>,
    answers: Vec<AnswerOut>,
    run: RunOut,
}

#[derive(Serialize)]
struct BankOut {
    id: String,
    version: u32,
    title: String,
    description: Option<String>,
}

#[derive(Serialize)]
struct MatchChart {
    height: f64,
    /// The whole chart in words, for screen readers.
    label: String,
    rows: Vec<MatchRow>,
}

#[derive(Serialize)]
struct MatchRow {
    name: String,
    /// The name shortened to fit beside its bar.
    short: String,
    percent: String,
    best: bool,
    colour: &'static str,
    text_y: f64,
    bar_y: f64,
    /// A percentage of the chart's width, such as `83.2%`.
    bar_width: String,
}

#[derive(Serialize)]
struct LegendItem {
    name: String,
    colour: &'static str,
    path: String,
}

#[derive(Serialize)]
struct DimensionOut {
    /// An id for the SVG's title (`dim-0`, …): from the index, never from
    /// bank text.
    id: String,
    name: String,
    low: String,
    high: String,
    you: Option<String>,
    /// Where the student's dot sits, as a percentage of the track.
    you_x: Option<String>,
    /// Every role's target, in the order of [`Page::table_roles`].
    targets: Vec<String>,
    /// The chart in words, for screen readers.
    label: String,
    height: f64,
    track_y: f64,
    markers: Vec<Marker>,
}

#[derive(Serialize)]
struct Tick {
    x: String,
    label: &'static str,
}

#[derive(Serialize)]
struct Marker {
    name: String,
    target: String,
    colour: &'static str,
    /// The marker's shape, centred on the origin.
    path: String,
    /// Position along the track, as a percentage.
    x: String,
    /// The centre of the role's lane above the track.
    lane_y: f64,
    /// Where the line down to the track starts.
    y: f64,
}

#[derive(Serialize)]
struct ReasonOut {
    text: String,
    answers: Vec<QuestionAnswer>,
}

#[derive(Serialize)]
struct QuestionAnswer {
    question: String,
    answer: Option<String>,
}

#[derive(Serialize)]
struct RoleOut {
    name: String,
    summary: String,
    facts: Vec<Fact>,
    examples: String,
    source: Option<String>,
    next_steps: Vec<String>,
}

#[derive(Serialize)]
struct Fact {
    label: String,
    text: String,
}

#[derive(Serialize)]
struct WhatIfOut {
    lead: String,
    changes: Vec<String>,
    note: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct SpecialtiesOut {
    heading: &'static str,
    items: Vec<SpecialtyOut>,
    note: &'static str,
}

#[derive(Serialize)]
struct SpecialtyOut {
    name: String,
    /// The role's name, on a close verdict (one job per path).
    role: Option<String>,
    percent: String,
    summary: Option<String>,
    facts: Vec<Fact>,
    source: Option<String>,
}

/// A piece of one of the report's own sentences (never bank text): a code
/// span where the sentence has backticks.
#[derive(Serialize)]
struct Span {
    text: String,
    code: bool,
}

#[derive(Serialize)]
struct AnswerOut {
    question: String,
    answer: Option<String>,
}

#[derive(Serialize)]
struct RunOut {
    /// How adaptive mode went, when it was used.
    adaptive: Option<String>,
    /// How the questions were asked, and how to ask them so again.
    order: Vec<Span>,
}

fn page(input: &ReportInput<'_>) -> Page {
    let (bank, result) = (input.bank, input.assessment);
    let rec = result.recommendation;
    // Roles best first, as in the match chart.
    let order: Vec<usize> = result.fits.iter().map(|f| f.role).collect();
    let colour = |role: usize| COLOURS[role % COLOURS.len()];
    let role_name = |role: usize| bank.roles[role].name.clone();

    let rows: Vec<MatchRow> = result
        .fits
        .iter()
        .enumerate()
        .map(|(i, fit)| {
            let top = i as f64 * ROW;
            MatchRow {
                name: role_name(fit.role),
                short: shorten(&bank.roles[fit.role].name, 30),
                percent: percent(fit.fit),
                best: fit.role == rec.role,
                colour: colour(fit.role),
                text_y: top + 16.0,
                bar_y: top + 24.0,
                bar_width: place(fit.fit),
            }
        })
        .collect();
    let match_label = format!(
        "Match per role: {}.",
        rows.iter()
            .map(|r| format!("{} {}", r.name, r.percent))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let match_chart = MatchChart {
        height: rows.len() as f64 * ROW,
        label: match_label,
        rows,
    };

    let legend = order
        .iter()
        .enumerate()
        .map(|(lane, &role)| LegendItem {
            name: role_name(role),
            colour: colour(role),
            path: shape(lane, 8.0, 8.0, 7.0),
        })
        .collect();

    let track_y = round1(12.0 + LANE * order.len() as f64);
    let dimensions = result
        .dimensions
        .iter()
        .map(|d| {
            let dimension = &bank.dimensions[d.dimension];
            let target = |role: usize| bank.roles[role].profile[d.dimension];
            let markers: Vec<Marker> = order
                .iter()
                .enumerate()
                .map(|(lane, &role)| {
                    let lane_y = 12.0 + LANE * lane as f64;
                    Marker {
                        name: role_name(role),
                        target: percent(target(role)),
                        colour: colour(role),
                        path: shape(lane, 0.0, 0.0, MARK),
                        x: place(target(role)),
                        lane_y,
                        y: round1(lane_y + MARK),
                    }
                })
                .collect();
            let targets: Vec<String> = order.iter().map(|&r| percent(target(r))).collect();
            let you = d.score.map(percent);
            let label = format!(
                "{}: {}; role targets: {}.",
                dimension.name,
                you.as_ref()
                    .map_or_else(|| "not measured".to_string(), |y| format!("you {y}")),
                markers
                    .iter()
                    .map(|m| format!("{} {}", m.name, m.target))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            DimensionOut {
                id: format!("dim-{}", d.dimension),
                name: dimension.name.clone(),
                low: dimension.low.clone(),
                high: dimension.high.clone(),
                you,
                you_x: d.score.map(place),
                targets,
                label,
                height: track_y + 26.0,
                track_y,
                markers,
            }
        })
        .collect();

    let reasons = result
        .reasons
        .iter()
        .map(|r| ReasonOut {
            text: reason_sentence(input, r),
            answers: reason_answers(input, r)
                .into_iter()
                .map(|(question, answer)| QuestionAnswer {
                    question,
                    answer: Some(answer),
                })
                .collect(),
        })
        .collect();

    let roles = shown_roles(input)
        .into_iter()
        .map(|r| {
            let role = &bank.roles[r];
            RoleOut {
                name: role.name.clone(),
                summary: role.summary.clone(),
                facts: role
                    .facts
                    .iter()
                    .map(|(label, text)| Fact {
                        label: label.clone(),
                        text: text.clone(),
                    })
                    .collect(),
                examples: role.examples.join(", "),
                source: role.source.clone(),
                next_steps: role.next_steps.clone(),
            }
        })
        .collect();

    let what_if = what_if_sentences(input).map(|(lead, changes, note)| WhatIfOut {
        lead,
        changes,
        note: note.as_deref().map(spans),
    });

    let close = rec.verdict == Verdict::Close;
    let specialties = (!result.specialties.is_empty()).then(|| SpecialtiesOut {
        heading: specialties_heading(input),
        items: result
            .specialties
            .iter()
            .map(|fit| {
                let specialty = &bank.roles[fit.role].specialties[fit.specialty];
                SpecialtyOut {
                    name: specialty.name.clone(),
                    role: close.then(|| role_name(fit.role)),
                    percent: percent(fit.fit),
                    summary: specialty.summary.clone(),
                    facts: specialty
                        .facts
                        .iter()
                        .map(|(label, text)| Fact {
                            label: label.clone(),
                            text: text.clone(),
                        })
                        .collect(),
                    source: specialty.source.clone(),
                }
            })
            .collect(),
        note: SPECIALTY_NOTE,
    });

    Page {
        generator: format!("pathfit {}", env!("CARGO_PKG_VERSION")),
        page_title: format!(
            "{}: {} – {}",
            bank.title,
            bank.roles[rec.role].name,
            percent(result.fit_of(rec.role))
        ),
        bank: BankOut {
            id: bank.id.clone(),
            version: bank.version,
            title: bank.title.clone(),
            description: bank.description.clone(),
        },
        headline: headline(input),
        verdict: rec.verdict.as_str(),
        verdict_name: verdict_name(input),
        verdict_note: verdict_note(input),
        answered: answered_sentence(input),
        match_chart,
        legend,
        ticks: [
            (0.0, "0%"),
            (0.25, ""),
            (0.5, "50%"),
            (0.75, ""),
            (1.0, "100%"),
        ]
        .into_iter()
        .map(|(v, label)| Tick { x: place(v), label })
        .collect(),
        dimensions,
        table_roles: order.iter().map(|&r| role_name(r)).collect(),
        reasons,
        what_if,
        what_if_first: close,
        roles,
        specialties,
        warnings: result
            .warnings
            .iter()
            .map(|w| warning_sentence(input, w))
            .collect(),
        answers: answer_rows(input)
            .into_iter()
            .map(|(question, answer)| AnswerOut { question, answer })
            .collect(),
        run: RunOut {
            adaptive: adaptive_sentence(input),
            order: spans(&run_sentence(input)),
        },
    }
}

/// One of the report's own sentences split at its backticks, so that
/// `pathfit take --seed 7` shows as code. Only for sentences that hold no
/// bank text; the pieces are still escaped on output.
fn spans(sentence: &str) -> Vec<Span> {
    sentence
        .split('`')
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| Span {
            text: text.to_string(),
            code: i % 2 == 1,
        })
        .collect()
}

/// A 0..1 value as a percentage of a chart's width, for SVG coordinates.
fn place(value: f64) -> String {
    format!("{:.1}%", value.clamp(0.0, 1.0) * 100.0)
}

/// An SVG path for the `n`th role's marker, centred on (`cx`, `cy`) with
/// radius `r`: a different shape for each of six roles.
fn shape(n: usize, cx: f64, cy: f64, r: f64) -> String {
    let p = |dx: f64, dy: f64| format!("{:.1},{:.1}", cx + dx * r, cy + dy * r);
    let points: Vec<String> = match n % 6 {
        // Triangle pointing down at the track.
        0 => vec![p(-1.0, -0.8), p(1.0, -0.8), p(0.0, 1.0)],
        1 => vec![p(-0.8, -0.8), p(0.8, -0.8), p(0.8, 0.8), p(-0.8, 0.8)],
        2 => vec![p(0.0, -1.0), p(1.0, 0.0), p(0.0, 1.0), p(-1.0, 0.0)],
        3 => vec![p(-1.0, 0.8), p(1.0, 0.8), p(0.0, -1.0)],
        4 => (0..6)
            .map(|k| {
                let a = std::f64::consts::FRAC_PI_3 * k as f64;
                p(a.cos(), a.sin())
            })
            .collect(),
        _ => vec![p(-0.9, -0.9), p(0.9, -0.9), p(-0.9, 0.9), p(0.9, 0.9)],
    };
    format!("M{}Z", points.join("L"))
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// `text` cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::{TEMPLATE, environment, spans};

    #[test]
    fn backticks_become_code_spans() {
        let pieces: Vec<(String, bool)> = spans("Run `pathfit take --seed 7` again.")
            .into_iter()
            .map(|s| (s.text, s.code))
            .collect();
        assert_eq!(
            pieces,
            [
                ("Run ".to_string(), false),
                ("pathfit take --seed 7".to_string(), true),
                (" again.".to_string(), false),
            ]
        );
    }

    #[test]
    fn every_template_is_escaped_whatever_its_name() {
        let mut env = environment();
        env.add_template("plain.txt", "{{ x }}|{{ x | e }}")
            .unwrap();
        let out = env
            .get_template("plain.txt")
            .unwrap()
            .render(minijinja::context! { x => "<script>\"'&" })
            .unwrap();
        assert_eq!(
            out,
            "&lt;script&gt;&quot;&#x27;&amp;|&lt;script&gt;&quot;&#x27;&amp;"
        );
    }

    #[test]
    fn escaping_cannot_be_turned_off_with_safe() {
        let mut env = environment();
        env.add_template("t.html", "{{ x | safe }}").unwrap();
        let rendered = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { x => "<b>" });
        assert!(rendered.is_err(), "the safe filter must not exist");
    }

    #[test]
    fn the_template_never_unescapes() {
        // The template without its comments.
        let mut code = String::new();
        let mut rest = TEMPLATE;
        while let Some(start) = rest.find("{#") {
            code.push_str(&rest[..start]);
            let end = rest[start..].find("#}").expect("comments are closed");
            rest = &rest[start + end + 2..];
        }
        code.push_str(rest);
        // `| safe` and `|safe` alike; `'unsafe-inline'` in the CSP is fine.
        let compact: String = code.split_whitespace().collect();
        for forbidden in [
            "|safe",
            "autoescape",
            "<script",
            "http:",
            "https:",
            "url(",
            "@import",
        ] {
            assert!(
                !compact.contains(forbidden),
                "report.html must not contain {forbidden:?}"
            );
        }
    }
}
