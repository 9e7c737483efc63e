//! The item analysis as one self-contained HTML page in the style of the
//! HTML report: inline CSS and SVG, no scripts, nothing fetched, printable,
//! readable on a phone. Three kinds of chart, each with a text
//! alternative: alpha per dimension against the low and good lines, each
//! question's fit with the others (r drop) around zero, and how each
//! question was answered.
//!
//! The page is the template `templates/analysis.html`, rendered by the
//! report's own [`environment`](crate::report::html::environment) (every
//! value HTML-escaped, no `safe` filter, strict undefined). Bank text
//! reaches the template as plain data; geometry (bar widths and
//! positions) is computed here, from numbers only.

use std::io::{self, Write};

use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::prose::{self, fig, heading};
use super::{
    codes, flags_present, half_double, items_in_order, question_text, role_name, sem_or, two_or,
};
use crate::bank::Bank;
use crate::engine::reliability::{
    DimensionReliability, GOOD_ALPHA, ItemAnalysis, ItemStats, LOW_ALPHA, WEAK_ITEM,
};
use crate::report::truncate;

/// Question ids up to this long are kept on one line in tables.
const WHOLE_ID: usize = 32;

const TEMPLATE: &str = include_str!("../templates/analysis.html");
const NAME: &str = "analysis.html";

/// Height of one dimension's row in the alpha chart.
const ALPHA_ROW: f64 = 44.0;
/// Height of one question's row in an r drop chart.
const R_ROW: f64 = 38.0;
/// Room above a chart's first row for the labels of its lines.
const TOP: f64 = 20.0;
/// Height of a multi question's option row in a distribution chart.
const OPTION_ROW: f64 = 34.0;
/// Height of a stacked distribution bar.
const STACK: f64 = 22.0;
/// The longest name written above a bar, in characters: with the value at
/// the end of the line, it fits a phone's width.
const SHORT: usize = 32;
/// The most characters of a name and the value at the end of its line
/// together.
const LINE: usize = 38;
/// A stacked segment this wide (a share) or wider shows its value.
const LABELLED: f64 = 0.07;

/// Fills of the stacked answer segments, light enough for dark text; the
/// segments are also told apart by the white gaps between them and their
/// printed values.
const FILLS: [&str; 4] = ["#cfe2f3", "#9fc5e8", "#e2e8ee", "#b4d7c4"];

/// Writes `analysis` of `bank` as an HTML page.
pub fn write_html(out: &mut dyn Write, bank: &Bank, analysis: &ItemAnalysis) -> io::Result<()> {
    let page =
        render(bank, analysis).map_err(|e| io::Error::other(format!("HTML analysis: {e:#}")))?;
    out.write_all(page.as_bytes())
}

/// The page for `analysis`.
pub fn render(bank: &Bank, analysis: &ItemAnalysis) -> Result<String, minijinja::Error> {
    let mut env = crate::report::html::environment();
    env.add_template(NAME, TEMPLATE)?;
    // A loaded bank cannot hold control or bidi characters; should one get
    // here anyway, it is written as a visible escape (plain ASCII, safe in
    // text and attributes alike) before it reaches the page, where even as
    // a character reference it would reorder or hide the text around it.
    let mut page = serde_json::to_value(page(bank, analysis)).map_err(|e| {
        minijinja::Error::new(minijinja::ErrorKind::BadSerialization, e.to_string())
    })?;
    make_visible(&mut page);
    env.get_template(NAME)?.render(Value::from(Serde(&page)))
}

/// Every string in `value` through [`crate::visible::visible`].
fn make_visible(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let std::borrow::Cow::Owned(shown) = crate::visible::visible(text) {
                *text = shown;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(make_visible),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(make_visible),
        _ => {}
    }
}

#[derive(Serialize)]
struct Page {
    generator: String,
    title: String,
    bank_id: String,
    intro: &'static str,
    headings: Headings,
    respondents: Vec<String>,
    figures: Vec<FigureOut>,
    alpha_chart: AlphaChart,
    overview: Vec<OverviewRow>,
    dimensions: Vec<DimensionOut>,
    flags: Vec<FlagOut>,
    nothing_flagged: &'static str,
    columns: Vec<&'static str>,
}

#[derive(Serialize)]
struct Headings {
    who: &'static str,
    how_to_read: &'static str,
    overview: &'static str,
    items: &'static str,
    flags: &'static str,
    question: &'static str,
    flag: &'static str,
    answers: &'static str,
    dimension: &'static str,
    alpha: &'static str,
    r_drop_note: &'static str,
}

#[derive(Serialize)]
struct FigureOut {
    name: &'static str,
    meaning: String,
}

#[derive(Serialize)]
struct AlphaChart {
    height: f64,
    label: String,
    low_x: String,
    good_x: String,
    low_label: String,
    good_label: String,
    rows: Vec<AlphaRow>,
}

#[derive(Serialize)]
struct AlphaRow {
    name: String,
    short: String,
    /// The alpha as printed: `0.81`, `-0.12 (drawn at 0)`, `not computed`.
    value: String,
    text_y: f64,
    bar_y: f64,
    /// None when the alpha is null: no bar, only the words.
    bar_width: Option<String>,
    low: bool,
}

#[derive(Serialize)]
struct OverviewRow {
    name: String,
    alpha: String,
    flags: Vec<&'static str>,
}

#[derive(Serialize)]
struct DimensionOut {
    /// `dim-1`, …: from the index, never from bank text.
    id: String,
    heading: String,
    counts: String,
    figures: Vec<(&'static str, String)>,
    flags: String,
    reasons: Vec<String>,
    r_chart: Option<RChart>,
    items: Vec<ItemOut>,
}

#[derive(Serialize)]
struct RChart {
    height: f64,
    label: String,
    zero_x: String,
    weak_x: String,
    weak_label: String,
    rows: Vec<RRow>,
}

#[derive(Serialize)]
struct RRow {
    question: String,
    short: String,
    value: String,
    text_y: f64,
    bar_y: f64,
    /// None for a null r drop: no bar, only the words.
    bar: Option<Span>,
    negative: bool,
}

/// A horizontal extent, as percentages of the chart's width.
#[derive(Serialize)]
struct Span {
    x: String,
    width: String,
}

#[derive(Serialize)]
struct ItemOut {
    id: String,
    question: String,
    /// The id is short enough to keep on one line: a table cell must not
    /// break it at its hyphens.
    whole: bool,
    text: Option<String>,
    values: Vec<String>,
    flags: Vec<&'static str>,
    dist: DistChart,
}

#[derive(Serialize)]
struct DistChart {
    label: String,
    /// One bar of stacked shares; otherwise a bar per option.
    stacked: bool,
    /// The answers in words, shown under the chart.
    words: String,
    height: f64,
    bars: Vec<DistBar>,
}

#[derive(Serialize)]
struct DistBar {
    title: String,
    x: String,
    width: String,
    y: f64,
    fill: &'static str,
    rare: bool,
    /// The value written on the bar, when there is room.
    text: Option<String>,
    text_x: String,
    text_y: f64,
    /// For a multi question's rows: the option beside its bar.
    option: Option<String>,
}

#[derive(Serialize)]
struct FlagOut {
    code: &'static str,
    meaning: String,
    try_this: Vec<Piece>,
}

/// A piece of one of our own sentences: code where it had backticks.
#[derive(Serialize)]
struct Piece {
    text: String,
    code: bool,
}

fn page(bank: &Bank, analysis: &ItemAnalysis) -> Page {
    let role = |id: &str| role_name(bank, id).to_string();
    let count = analysis.dimensions.len();
    Page {
        generator: format!("pathfit {}", env!("CARGO_PKG_VERSION")),
        title: prose::title(&bank.title, analysis.bank.version),
        bank_id: analysis.bank.id.clone(),
        intro: prose::INTRO,
        headings: Headings {
            who: heading::WHO,
            how_to_read: heading::HOW_TO_READ,
            overview: heading::OVERVIEW,
            items: heading::ITEMS,
            flags: heading::FLAGS,
            question: prose::QUESTION,
            flag: prose::FLAGS,
            answers: prose::ANSWERS,
            dimension: prose::DIMENSION,
            alpha: prose::short(fig::ALPHA),
            r_drop_note: prose::R_DROP_NOTE,
        },
        respondents: prose::respondents(&analysis.respondents, &role),
        figures: (prose::figures().into_iter())
            .map(|f| FigureOut {
                name: f.name,
                meaning: f.meaning,
            })
            .collect(),
        alpha_chart: alpha_chart(&analysis.dimensions),
        overview: (analysis.dimensions.iter())
            .map(|d| OverviewRow {
                name: d.name.clone(),
                alpha: two_or(d.alpha, prose::NOT_COMPUTED),
                flags: d.flags.iter().map(|f| f.code()).collect(),
            })
            .collect(),
        dimensions: (analysis.dimensions.iter().enumerate())
            .map(|(i, d)| dimension(bank, d, i + 1, count))
            .collect(),
        flags: (flags_present(analysis).into_iter())
            .map(|f| {
                let text = prose::flag(f);
                FlagOut {
                    code: text.code,
                    meaning: text.meaning,
                    try_this: pieces(&text.try_this),
                }
            })
            .collect(),
        nothing_flagged: prose::NOTHING_FLAGGED,
        columns: prose::ITEM_COLUMNS
            .iter()
            .map(|&i| prose::short(i))
            .collect(),
    }
}

fn alpha_chart(dimensions: &[DimensionReliability]) -> AlphaChart {
    let rows: Vec<AlphaRow> = (dimensions.iter().enumerate())
        .map(|(i, d)| {
            let top = TOP + i as f64 * ALPHA_ROW;
            let value = match d.alpha {
                None => prose::NOT_COMPUTED.to_string(),
                Some(a) if a < 0.0 => format!("{} ({})", prose::two(a), prose::CLIPPED),
                Some(a) => prose::two(a),
            };
            AlphaRow {
                name: d.name.clone(),
                short: shorten_to(&d.name, LINE.saturating_sub(value.chars().count())),
                value,
                text_y: top + 16.0,
                bar_y: top + 22.0,
                bar_width: d.alpha.map(place),
                low: d.alpha.is_some_and(|a| a < LOW_ALPHA),
            }
        })
        .collect();
    AlphaChart {
        height: TOP + rows.len() as f64 * ALPHA_ROW + 4.0,
        label: prose::alpha_chart_label(dimensions.iter().map(|d| (d.name.as_str(), d.alpha))),
        low_x: place(LOW_ALPHA),
        good_x: place(GOOD_ALPHA),
        low_label: prose::low_line(),
        good_label: prose::good_line(),
        rows,
    }
}

fn dimension(bank: &Bank, d: &DimensionReliability, number: usize, count: usize) -> DimensionOut {
    let none = prose::NOT_COMPUTED;
    let items = items_in_order(d);
    DimensionOut {
        id: format!("dim-{number}"),
        heading: prose::dimension_heading(number, count, &d.name),
        counts: prose::dimension_counts(d.k, d.n, d.excluded),
        figures: vec![
            (prose::short(fig::ALPHA), two_or(d.alpha, none)),
            (prose::short(fig::ALPHA_STD), two_or(d.alpha_std, none)),
            (prose::short(fig::MEAN_R), two_or(d.mean_r, none)),
            (prose::short(fig::SEM), sem_or(d.sem, none)),
            (prose::short(fig::SPEARMAN_BROWN), half_double(d, none)),
        ],
        flags: if d.flags.is_empty() {
            prose::NO_FLAGS.to_string()
        } else {
            codes(&d.flags)
        },
        reasons: prose::undefined(d.undefined.iter().map(|(k, r)| (*k, *r)), d.k, d.n),
        // A chart only with a bar to draw: a one-question dimension has
        // no r drop, and its reasons say why.
        r_chart: (items.iter().any(|i| i.r_drop.is_some())).then(|| r_chart(bank, &d.name, &items)),
        items: items.iter().map(|i| item(bank, i)).collect(),
    }
}

/// Each question's r drop as a bar from the zero line, on a scale from −1
/// (left edge) to 1 (right edge). A negative bar is hollow and dashed, not
/// only another colour.
fn r_chart(bank: &Bank, name: &str, items: &[&ItemStats]) -> RChart {
    let x = |r: f64| (r.clamp(-1.0, 1.0) + 1.0) / 2.0;
    let rows: Vec<RRow> = (items.iter().enumerate())
        .map(|(i, item)| {
            let top = TOP + i as f64 * R_ROW;
            let bar = item.r_drop.map(|r| {
                let (from, to) = if r < 0.0 { (x(r), 0.5) } else { (0.5, x(r)) };
                Span {
                    x: place(from),
                    width: place(to - from),
                }
            });
            let value = two_or(item.r_drop, prose::NOT_COMPUTED);
            let name = match question_text(bank, &item.question) {
                Some(text) => format!("{} {text}", item.question),
                None => item.question.clone(),
            };
            RRow {
                question: item.question.clone(),
                short: shorten_to(&name, LINE.saturating_sub(value.chars().count())),
                value,
                text_y: top + 14.0,
                bar_y: top + 20.0,
                bar,
                negative: item.r_drop.is_some_and(|r| r < 0.0),
            }
        })
        .collect();
    RChart {
        height: TOP + rows.len() as f64 * R_ROW + 4.0,
        label: prose::r_drop_chart_label(
            name,
            items.iter().map(|i| (i.question.as_str(), i.r_drop)),
        ),
        zero_x: place(0.5),
        weak_x: place(x(WEAK_ITEM)),
        weak_label: prose::weak_line(),
        rows,
    }
}

fn item(bank: &Bank, item: &ItemStats) -> ItemOut {
    let none = prose::NOT_COMPUTED;
    ItemOut {
        id: item.question.clone(),
        question: item.question.clone(),
        whole: item.question.chars().count() <= WHOLE_ID,
        text: question_text(bank, &item.question).map(str::to_string),
        values: vec![
            item.mean.map_or_else(|| none.to_string(), prose::two),
            item.sd.map_or_else(|| none.to_string(), prose::two),
            prose::share(item.skipped),
            two_or(item.r_drop, none),
            two_or(item.alpha_if_dropped, none),
        ],
        flags: item.flags.iter().map(|f| f.code()).collect(),
        dist: distribution(item),
    }
}

/// How a question was answered: one bar of stacked shares, or for a multi
/// question (where each option's share is of its own) a bar per option.
fn distribution(item: &ItemStats) -> DistChart {
    let bins = if item.answered == 0 {
        &[][..]
    } else {
        &item.distribution[..]
    };
    let label = prose::distribution_label(
        &item.question,
        bins.iter().map(|b| (b.label.as_str(), b.share)),
    );
    // What a segment is marked with: the scale value or number range, or
    // for a choice question the option's place in the list; the words
    // under the chart say which answer each mark stands for.
    let marks: Vec<String> = (bins.iter().enumerate())
        .map(|(i, b)| match item.kind {
            "choice" => (i + 1).to_string(),
            _ => b.value.clone(),
        })
        .collect();
    let words: Vec<String> = (bins.iter().zip(&marks))
        .map(|(b, mark)| {
            let mut s = if item.kind == "multi" || *mark == b.label {
                format!("{} {}", b.label, prose::share(b.share))
            } else {
                format!("{mark} {} {}", b.label, prose::share(b.share))
            };
            if b.rare {
                s.push_str(&format!(" ({})", prose::RARE));
            }
            s
        })
        .collect();
    let words = if words.is_empty() {
        prose::NO_ANSWERS.to_string()
    } else {
        words.join(" · ")
    };
    let stacked = item.kind != "multi";
    let mut bars = Vec::new();
    let mut at = 0.0_f64;
    for (i, b) in bins.iter().enumerate() {
        let share = b.share.clamp(0.0, 1.0);
        let fill = FILLS[i % FILLS.len()];
        let title = format!("{}: {}", b.label, prose::share(b.share));
        if stacked {
            let width = share.min(1.0 - at).max(0.0);
            bars.push(DistBar {
                title,
                x: place(at),
                width: place(width),
                y: 0.0,
                fill,
                rare: b.rare,
                text: (width >= LABELLED).then(|| truncate(&marks[i], 4)),
                text_x: place(at + width / 2.0),
                text_y: 15.0,
                option: None,
            });
            at += width;
        } else {
            let top = i as f64 * OPTION_ROW;
            bars.push(DistBar {
                title,
                x: place(0.0),
                width: place(share),
                y: top + 16.0,
                fill,
                rare: b.rare,
                text: Some(prose::share(b.share)),
                text_x: place(1.0),
                text_y: top + 12.0,
                option: Some(shorten(&b.label)),
            });
        }
    }
    let height = if stacked {
        STACK
    } else {
        (bins.len().max(1) as f64) * OPTION_ROW
    };
    DistChart {
        label,
        stacked,
        words,
        height,
        bars,
    }
}

/// One of our own sentences split at its backticks.
fn pieces(sentence: &str) -> Vec<Piece> {
    (sentence.split('`').enumerate())
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| Piece {
            text: t.to_string(),
            code: i % 2 == 1,
        })
        .collect()
}

/// A 0..1 value as a percentage of a chart's width.
fn place(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    format!("{:.1}%", value.clamp(0.0, 1.0) * 100.0)
}

/// `text` on one line, cut to fit beside a bar.
fn shorten(text: &str) -> String {
    shorten_to(text, SHORT)
}

/// `text` on one line, cut to `max` characters (never more than
/// [`SHORT`], never fewer than 8).
fn shorten_to(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    truncate(&one_line, max.clamp(8, SHORT))
}
