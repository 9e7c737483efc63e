//! The HTML report: one self-contained page (inline CSS and SVG, no
//! scripts, nothing fetched) that reads on a phone and prints on A4 or
//! Letter. What it shows comes from the [`View`]; this module lays it out.
//!
//! The page is the minijinja template `templates/report.html`, embedded in
//! the binary. A bank is untrusted input, so every value reaches the
//! template as plain data and is HTML-escaped on output: [`environment`]
//! turns auto-escaping on for every template whatever its name, removes the
//! `safe` filter, and fails on undefined variables. Bank text is isolated
//! from the page's own sentences ([`super::isolate`]): the `bdi` filter
//! writes it with `<bdi>` elements, and everything else is written with its
//! direction controls as character references. Geometry (bar widths,
//! marker positions, SVG paths) is computed here, from numbers only.

use std::io::{self, Write};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use super::view::{self, Fact, Layout, Section, View};
use super::{Report, ReportInput, isolate, percent, prose};

const TEMPLATE: &str = include_str!("templates/report.html");

/// The language of the page's own words; bank text in another language is
/// marked as such.
const PAGE_LANGUAGE: &str = "en";

pub struct HtmlReport;

impl Report for HtmlReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        let page = render(input).map_err(|e| io::Error::other(format!("HTML report: {e:#}")))?;
        out.write_all(page.as_bytes())
    }
}

/// The template environment. Auto-escaping does not depend on template
/// names here: every template is HTML-escaped, and `safe` (the one way to
/// turn escaping off for a value) does not exist. Values are written by
/// [`isolate::attribute`] (escaped, direction controls as references);
/// `bdi` writes element content with its isolates as `<bdi>` elements.
pub fn environment() -> Environment<'static> {
    environment_for(None)
}

/// [`environment`], with bank text marked as being in `lang` when it is
/// not the page's language.
fn environment_for(lang: Option<String>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.remove_filter("safe");
    env.set_formatter(|out, _state, value| {
        if value.is_safe() {
            // Only `bdi` makes these, from text it escaped itself.
            return out
                .write_str(value.as_str().unwrap_or_default())
                .map_err(Into::into);
        }
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        out.write_str(&isolate::attribute(&text))
            .map_err(Into::into)
    });
    env.add_filter("bdi", move |text: &str| {
        Value::from_safe_string(isolate::content(text, lang.as_deref()))
    });
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
    let bank = isolate::bank(input.bank);
    let marked = ReportInput {
        bank: &bank,
        answers: input.answers,
        assessment: input.assessment,
        quiz: input.quiz.clone(),
    };
    let env = environment_for(Some(bank.language.clone()).filter(|l| l != PAGE_LANGUAGE));
    let view = View::new(&marked, Layout::Document);
    let page = page(&view);
    env.get_template("report.html")?
        .render(Value::from(Serde(&page)))
}

/// Height of one role's lane above a dimension track.
const LANE: f64 = 16.0;
/// Radius of a role's marker.
const MARK: f64 = 7.0;

/// Role colours, picked by the role's place in the bank so a role keeps its
/// colour from one report to the next: Paul Tol's medium-contrast scheme,
/// made to stay apart for the three common colour-vision deficiencies and
/// in greyscale print. Its lightness (CIELAB L*) runs 29, 83, 41, 62, 52,
/// 72 in this order, so any two differ by at least 10 in greyscale, and
/// under simulated protanopia, deuteranopia and tritanopia (Machado 2009)
/// any two stay at least 21 apart (CIE76 ΔE). The light ones have little
/// contrast with white, so every mark and bar has a dark outline, and each
/// role has its own shape too ([`shape`]): colour is never the only cue.
const COLOURS: [&str; 6] = [
    "#004488", "#eecc66", "#994455", "#6699cc", "#997700", "#ee99aa",
];

/// How many marker shapes there are: with the six colours, 24 roles each
/// have a pair of their own.
const SHAPES: usize = 8;

fn colour(role: usize) -> &'static str {
    COLOURS[role % COLOURS.len()]
}

/// What the template gets: the view, with the geometry worked out.
#[derive(Serialize)]
struct Page<'a> {
    generator: String,
    bank: &'a view::Bank,
    header: &'a view::Header,
    /// The marks along every dimension track.
    ticks: Vec<Tick>,
    /// The sections of `<main>`, in the view's order.
    sections: Vec<Placed<'a>>,
    /// How the answers were gathered: the page's footer.
    run: Option<RunOut>,
}

/// A section and the blank lines after it.
#[derive(Serialize)]
struct Placed<'a> {
    #[serde(flatten)]
    section: PageSection<'a>,
    gap: usize,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum PageSection<'a> {
    WhatIf {
        lead: &'a str,
        changes: &'a [String],
        note: Option<Vec<Span>>,
    },
    Match(MatchChart),
    Scores {
        legend: Vec<LegendItem>,
        dimensions: Vec<DimensionOut>,
        table_roles: Vec<&'a str>,
        /// Whether the numbers table fits a page's width without breaking
        /// words ([`table_fits`]); if not, and on a phone, the numbers
        /// show as a list per dimension instead.
        table_fits: bool,
    },
    Why {
        reasons: Vec<ReasonOut<'a>>,
    },
    About(RoleOut<'a>),
    Specialties {
        heading: &'a str,
        /// Numbered when the jobs are ranked (one path); on a close call
        /// they are one per path, and a number would read as a ranking
        /// that their percentages may contradict.
        ranked: bool,
        items: Vec<SpecialtyOut<'a>>,
        note: &'a str,
    },
    Warnings {
        warnings: &'a [String],
    },
    Answers {
        answers: &'a [view::AnswerRow],
    },
}

#[derive(Serialize)]
struct MatchChart {
    rows: Vec<MatchRow>,
}

/// One role's row: its name wraps above its bar, so that a long name takes
/// more lines rather than being cut.
#[derive(Serialize)]
struct MatchRow {
    name: String,
    percent: String,
    best: bool,
    colour: &'static str,
    /// The role's marker, as in the legend.
    path: String,
    /// A percentage of the chart's width, such as `83.2%`.
    bar_width: String,
}

#[derive(Serialize)]
struct LegendItem {
    name: String,
    colour: &'static str,
    path: String,
}

/// A source as the page shows it: pieces of text, the web addresses among
/// them as links.
type SourceLine = Vec<SourcePiece>;

#[derive(Serialize)]
struct SourcePiece {
    text: String,
    /// For an `http` or `https` address only.
    href: Option<String>,
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
    /// Every role's target, in the order of the legend.
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
    /// The same shape in a 16 × 16 box, for a key beside the role's name.
    key: String,
    /// Position along the track, as a percentage.
    x: String,
    /// The centre of the role's lane above the track.
    lane_y: f64,
    /// Where the line down to the track starts.
    y: f64,
}

#[derive(Serialize)]
struct ReasonOut<'a> {
    text: &'a str,
    /// `“question” → answer`, each.
    given: Vec<String>,
}

#[derive(Serialize)]
struct RoleOut<'a> {
    /// 1 for the first role shown, for the heading's id.
    number: usize,
    title: String,
    summary: &'a str,
    facts: &'a [Fact],
    examples: Option<String>,
    /// One line per source.
    sources: Vec<SourceLine>,
    next_steps: &'a [String],
}

#[derive(Serialize)]
struct SpecialtyOut<'a> {
    name: &'a str,
    role: Option<&'a str>,
    percent: String,
    summary: Option<&'a str>,
    facts: &'a [Fact],
    sources: Vec<SourceLine>,
}

/// A piece of one of the report's own sentences (never bank text): a code
/// span where the sentence has backticks.
#[derive(Serialize)]
struct Span {
    text: String,
    code: bool,
}

#[derive(Serialize)]
struct RunOut {
    /// How adaptive mode went, when it was used.
    adaptive: Option<String>,
    /// How the questions were asked, and how to ask them so again.
    order: Vec<Span>,
}

fn page(view: &View) -> Page<'_> {
    let mut sections = Vec::new();
    let mut run = None;
    let mut roles = 0;
    for section in &view.sections {
        let section = match section {
            Section::WhatIf(w) => PageSection::WhatIf {
                lead: &w.lead,
                changes: &w.changes,
                note: w.note.as_deref().map(spans),
            },
            Section::Match { rows } => PageSection::Match(match_chart(rows)),
            Section::Scores(scores) => scores_out(scores),
            Section::Why { reasons } => PageSection::Why {
                reasons: reasons.iter().map(reason).collect(),
            },
            Section::About(role) => {
                roles += 1;
                PageSection::About(role_out(role, roles))
            }
            Section::Specialties(s) => PageSection::Specialties {
                heading: s.heading,
                ranked: s.items.iter().all(|i| i.role.is_none()),
                items: s.items.iter().map(specialty).collect(),
                note: s.note,
            },
            Section::Warnings { warnings } => PageSection::Warnings { warnings },
            Section::Answers { answers } => PageSection::Answers { answers },
            Section::Run(r) => {
                run = Some(RunOut {
                    adaptive: r.adaptive.clone(),
                    order: spans(&r.order),
                });
                continue;
            }
        };
        sections.push(section);
    }
    Page {
        generator: format!("pathfit {}", env!("CARGO_PKG_VERSION")),
        bank: &view.bank,
        header: &view.header,
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
        sections: place_sections(sections),
        run,
    }
}

/// The blank lines after each section, as the page had them when every
/// section had a fixed place in the template: one after each place from
/// the match chart to the warnings, whether or not it held a section (so
/// a page's bytes do not change with the way it is built).
fn place_sections(sections: Vec<PageSection<'_>>) -> Vec<Placed<'_>> {
    let mut seen_match = false;
    let slots: Vec<usize> = sections
        .iter()
        .map(|s| match s {
            PageSection::WhatIf { .. } if !seen_match => 0,
            PageSection::Match(_) => {
                seen_match = true;
                1
            }
            PageSection::Scores { .. } => 2,
            PageSection::Why { .. } => 3,
            PageSection::WhatIf { .. } => 4,
            PageSection::About(_) => 5,
            PageSection::Specialties { .. } => 6,
            PageSection::Warnings { .. } => 7,
            PageSection::Answers { .. } => 8,
        })
        .collect();
    (sections.into_iter().enumerate())
        .map(|(i, section)| {
            let next = slots.get(i + 1).copied().unwrap_or(8);
            let gap = (slots[i]..next).filter(|k| (1..=7).contains(k)).count();
            Placed { section, gap }
        })
        .collect()
}

fn match_chart(rows: &[view::MatchRow]) -> MatchChart {
    let rows = rows
        .iter()
        .map(|row| MatchRow {
            name: row.name.clone(),
            percent: percent(row.fit),
            best: row.best,
            colour: colour(row.role),
            path: shape(row.role, 8.0, 8.0, 7.0),
            bar_width: place(row.fit),
        })
        .collect();
    MatchChart { rows }
}

/// A track per dimension, with a lane above it for each role (best fit
/// first) holding that role's marker.
fn scores_out(scores: &view::Scores) -> PageSection<'_> {
    let roles = &scores.roles;
    let legend = roles
        .iter()
        .map(|r| LegendItem {
            name: r.name.clone(),
            colour: colour(r.role),
            path: shape(r.role, 8.0, 8.0, 7.0),
        })
        .collect();
    let track_y = round1(12.0 + LANE * roles.len() as f64);
    let dimensions = scores
        .dimensions
        .iter()
        .map(|d| {
            let markers: Vec<Marker> = roles
                .iter()
                .zip(&d.targets)
                .enumerate()
                .map(|(lane, (r, &target))| {
                    let lane_y = 12.0 + LANE * lane as f64;
                    Marker {
                        name: r.name.clone(),
                        target: percent(target),
                        colour: colour(r.role),
                        path: shape(r.role, 0.0, 0.0, MARK),
                        key: shape(r.role, 8.0, 8.0, 7.0),
                        x: place(target),
                        lane_y,
                        y: round1(lane_y + MARK),
                    }
                })
                .collect();
            let you = d.score.map(percent);
            let targets = markers.iter().map(|m| (m.name.as_str(), m.target.as_str()));
            DimensionOut {
                id: format!("dim-{}", d.index),
                name: d.name.clone(),
                low: d.low.clone(),
                high: d.high.clone(),
                label: prose::dimension_label(&d.name, you.as_deref(), targets),
                you,
                you_x: d.score.map(place),
                targets: d.targets.iter().map(|&t| percent(t)).collect(),
                height: track_y + 26.0,
                track_y,
                markers,
            }
        })
        .collect();
    PageSection::Scores {
        legend,
        dimensions,
        table_roles: roles.iter().map(|r| r.name.as_str()).collect(),
        table_fits: table_fits(scores),
    }
}

/// Most roles whose numbers fit a table as wide as the page.
const TABLE_ROLES: usize = 4;
/// The longest word, in characters, that a column of the table holds
/// without breaking it on a page.
const TABLE_WORD: usize = 14;
/// The longest role name, in characters, for a column of the table.
const TABLE_NAME: usize = 40;

/// Whether the numbers table fits a page (a window or paper about 36 em
/// wide and more) with no word broken: a column per role with short names.
/// A table's columns are sized before its words can wrap, so a table
/// with more (or longer) names would break words mid-way or scroll.
fn table_fits(scores: &view::Scores) -> bool {
    let longest_word = |text: &str| {
        isolate::unmarked(text)
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    scores.roles.len() <= TABLE_ROLES
        && scores.roles.iter().all(|r| {
            isolate::unmarked(&r.name).chars().count() <= TABLE_NAME
                && longest_word(&r.name) <= TABLE_WORD
        })
        && scores
            .dimensions
            .iter()
            .all(|d| longest_word(&d.name) <= TABLE_WORD)
}

fn reason(reason: &view::Reason) -> ReasonOut<'_> {
    ReasonOut {
        text: &reason.text,
        given: reason
            .given
            .iter()
            .map(|g| prose::given(&g.question, &g.answer))
            .collect(),
    }
}

fn role_out(role: &view::Role, number: usize) -> RoleOut<'_> {
    RoleOut {
        number,
        title: prose::about(&role.name),
        summary: &role.summary,
        facts: &role.facts,
        examples: (!role.examples.is_empty()).then(|| prose::examples(&role.examples)),
        sources: role.source.as_deref().map(sources).unwrap_or_default(),
        next_steps: &role.next_steps,
    }
}

fn specialty(specialty: &view::Specialty) -> SpecialtyOut<'_> {
    SpecialtyOut {
        name: &specialty.name,
        role: specialty.role.as_deref(),
        percent: percent(specialty.fit),
        summary: specialty.summary.as_deref(),
        facts: &specialty.facts,
        sources: specialty.source.as_deref().map(sources).unwrap_or_default(),
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

/// A bank's source text (marked by [`isolate::bank`]) as lines: one per
/// source (the bank separates them with ` ; `), each address starting
/// `http://` or `https://` a link. Any other text (a `javascript:` address
/// included) stays text.
fn sources(source: &str) -> Vec<SourceLine> {
    let source = isolate::unmarked(source);
    source
        .split(" ; ")
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(source_line)
        .collect()
}

fn source_line(line: &str) -> SourceLine {
    let mut pieces = Vec::new();
    let mut text = String::new();
    for (i, word) in line.split(' ').enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let lower = word.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            text.push_str(word);
            continue;
        }
        // Punctuation after an address ends the sentence, not the address.
        let address = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"', '\'']);
        if !address.contains("://") || address.ends_with("://") {
            text.push_str(word);
            continue;
        }
        if !text.is_empty() {
            pieces.push(SourcePiece {
                text: isolate::wrapped(&std::mem::take(&mut text)),
                href: None,
            });
        }
        pieces.push(SourcePiece {
            text: isolate::wrapped(address),
            href: Some(address.to_string()),
        });
        text.push_str(&word[address.len()..]);
    }
    if !text.is_empty() {
        pieces.push(SourcePiece {
            text: isolate::wrapped(&text),
            href: None,
        });
    }
    pieces
}

/// An SVG path for the `n`th role's marker (in bank order), centred on
/// (`cx`, `cy`) with radius `r`: a different shape for each of
/// [`SHAPES`] roles, none of them the student's circle.
fn shape(n: usize, cx: f64, cy: f64, r: f64) -> String {
    let p = |dx: f64, dy: f64| format!("{:.1},{:.1}", cx + dx * r, cy + dy * r);
    let points: Vec<String> = match n % SHAPES {
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
        // An hourglass.
        5 => vec![p(-0.9, -0.9), p(0.9, -0.9), p(-0.9, 0.9), p(0.9, 0.9)],
        // A five-pointed star.
        6 => (0..10)
            .map(|k| {
                let a = std::f64::consts::PI / 5.0 * k as f64 - std::f64::consts::FRAC_PI_2;
                let f = if k % 2 == 0 { 1.0 } else { 0.45 };
                p(f * a.cos(), f * a.sin())
            })
            .collect(),
        // A plus sign.
        _ => [
            (-0.35, -1.0),
            (0.35, -1.0),
            (0.35, -0.35),
            (1.0, -0.35),
            (1.0, 0.35),
            (0.35, 0.35),
            (0.35, 1.0),
            (-0.35, 1.0),
            (-0.35, 0.35),
            (-1.0, 0.35),
            (-1.0, -0.35),
            (-0.35, -0.35),
        ]
        .into_iter()
        .map(|(x, y)| p(x, y))
        .collect(),
    };
    format!("M{}Z", points.join("L"))
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::{TEMPLATE, environment, spans};

    /// A direction override cannot come from a checked bank (it is refused
    /// as `bidi-control`), but the page must hold it in if one ever does.
    #[test]
    fn a_right_to_left_override_in_a_role_name_stays_inside_its_bdi() {
        use crate::answers::{Answer, AnswerSet};
        use crate::bank::bundled::BankSpec;
        use crate::report::ReportInput;
        let mut bank = BankSpec::parse("tests/fixtures/close/bank.yaml")
            .load()
            .unwrap();
        bank.roles[0].name = "Ma\u{202e}ker\u{2069}".into();
        let mut answers = AnswerSet::new(&bank);
        for (q, v) in [5.0, 4.0, 5.0, 4.0, 4.0].into_iter().enumerate() {
            answers.set(q, Some(Answer::Scale(v)));
        }
        let assessment = crate::engine::score(&bank, &answers).unwrap();
        let page = super::render(&ReportInput {
            bank: &bank,
            answers: &answers,
            assessment: &assessment,
            quiz: None,
        })
        .unwrap();
        // The stray end of an isolate is dropped; the override is written
        // as a reference, inside the name's own element.
        assert!(page.contains("<bdi>Ma&#x202E;ker</bdi>"), "{page}");
        // In attributes and titles one end follows the name: ours.
        assert!(page.contains("&#x2068;Ma&#x202E;ker&#x2069;"), "{page}");
        assert!(!page.contains("ker&#x2069;&#x2069;"));
        assert!(!page.chars().any(crate::visible::is_bidi_control));
        // In the headline, the sentence goes on after the name's element.
        let headline = page.split("class=\"headline\">").nth(1).unwrap();
        let headline = &headline[..headline.find("</p>").unwrap()];
        assert!(
            headline.contains("<bdi>Ma&#x202E;ker</bdi> ("),
            "{headline}"
        );
    }

    #[test]
    fn sources_link_only_web_addresses() {
        let marked = crate::report::isolate::wrapped(
            "See https://a.example/x. ; javascript:alert(1) ; HTTP://B.example ; http:// alone",
        );
        let lines: Vec<Vec<(String, Option<String>)>> = super::sources(&marked)
            .into_iter()
            .map(|line| {
                line.into_iter()
                    .map(|p| (crate::report::isolate::unmarked(&p.text), p.href))
                    .collect()
            })
            .collect();
        let text = |t: &str| (t.to_string(), None);
        let link = |t: &str| (t.to_string(), Some(t.to_string()));
        assert_eq!(
            lines,
            [
                vec![text("See "), link("https://a.example/x"), text(".")],
                vec![text("javascript:alert(1)")],
                vec![link("HTTP://B.example")],
                vec![text("http:// alone")],
            ]
        );
    }

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
        crate::report::inert::assert_template_is_inert("report.html", TEMPLATE);
    }
}
