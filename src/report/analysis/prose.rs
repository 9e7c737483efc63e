//! Every sentence of `pathfit analyze`'s text, Markdown and HTML output in
//! one place: the headings, the name and one-line meaning of each figure,
//! who the figures come from, why a figure is missing, and what each flag
//! means and what to try. The formats only lay these out.
//!
//! The readers are the counselors and teachers who wrote the bank: plain
//! words, each statistic named once with its meaning, no command-line
//! options. The numbers in the sentences come from the thresholds in
//! [`crate::engine::reliability`], never from literals here, so a changed
//! threshold changes the words with it.
//!
//! Sentences are plain text; bank text inside them (role names) is passed
//! in by the format, already escaped as that format needs. A pair of
//! backticks marks a bank field name (`keyed`) that a format may show as
//! code.

use crate::engine::reliability::{
    END_SHARE, FEW_RESPONDENTS, Flag, GOOD_ALPHA, LOW_ALPHA, RAISES_ALPHA, RARE_SHARE,
    RespondentCounts, Undefined, WEAK_ITEM,
};
use crate::report::percent;

/// Section headings, in sentence case; the text output writes them in
/// capitals.
pub mod heading {
    pub const WHO: &str = "Whose answers these figures come from";
    pub const HOW_TO_READ: &str = "How to read the figures";
    pub const OVERVIEW: &str = "Agreement between questions, per dimension";
    pub const ITEMS: &str = "Questions, flagged ones first";
    pub const FLAGS: &str = "What the flags mean and what to try";
}

/// The page's and document's title.
pub fn title(bank_title: &str, version: u32) -> String {
    format!("Item analysis: {bank_title} (version {version})")
}

/// What the analysis is for, under the title.
pub const INTRO: &str = "This report checks, from a class's answers, whether the questions of each dimension measure one thing together, and which questions work against the rest.";

/// Shown instead of a figure that could not be worked out (text output).
pub const DASH: &str = "—";
/// Shown instead of a figure that could not be worked out, in words.
pub const NOT_COMPUTED: &str = "not computed";
/// Said when a dimension has no flag.
pub const NO_FLAGS: &str = "none";

/// A figure the report shows: its name and what it means, in one line.
pub struct Figure {
    /// The short name used in tables (the column header).
    pub short: &'static str,
    /// The full name, with the statistician's name in brackets.
    pub name: &'static str,
    pub meaning: String,
}

/// Every figure, in the order the report shows them: named once here, with
/// what it means; the tables then use the short names.
pub fn figures() -> Vec<Figure> {
    vec![
        Figure {
            short: "Alpha",
            name: "Agreement between questions (Cronbach's alpha)",
            meaning: format!(
                "how consistently the questions of a dimension move together, from 0 (not at all) to 1. Below {} is low; {} or more is good.",
                two(LOW_ALPHA),
                two(GOOD_ALPHA)
            ),
        },
        Figure {
            short: "Standardized alpha",
            name: "Standardized alpha",
            meaning: "the same agreement worked out from the correlations alone, so that questions with a wider range of scores do not count for more.".into(),
        },
        Figure {
            short: "Mean r",
            name: "Mean correlation between questions (mean inter-item r)",
            meaning: "how closely two questions of the dimension go together on average, from −1 to 1.".into(),
        },
        Figure {
            short: "Measurement error",
            name: "Measurement error (standard error of measurement)",
            meaning: "how far a student's score on the dimension may be off by chance, in percentage points of the 0–100% score.".into(),
        },
        Figure {
            short: "Half / double",
            name: "Forecast with half or double the questions (Spearman–Brown)",
            meaning: "the agreement to expect with half as many, or twice as many, questions like these.".into(),
        },
        Figure {
            short: "Mean",
            name: "Mean",
            meaning: "the average score the question gave this dimension, weight and reverse keying included.".into(),
        },
        Figure {
            short: "SD",
            name: "Spread (standard deviation, SD)",
            meaning: "how far answers typically lie from the mean; 0 means everyone scored the same.".into(),
        },
        Figure {
            short: "Skipped",
            name: "Skipped",
            meaning: "the share of people who left the question out.".into(),
        },
        Figure {
            short: "r drop",
            name: "Fit with the other questions (corrected item-total correlation, r drop)",
            meaning: format!(
                "how closely answers to the question follow the total of the dimension's other questions. Below {} is weak; below 0 it goes against them.",
                two(WEAK_ITEM)
            ),
        },
        Figure {
            short: "Alpha if dropped",
            name: "Alpha if dropped",
            meaning: "the dimension's agreement between questions without this one.".into(),
        },
    ]
}

/// The short name of the figure at `index` in [`figures`].
pub fn short(index: usize) -> &'static str {
    figures()[index].short
}

/// Indexes into [`figures`], for the formats.
pub mod fig {
    pub const ALPHA: usize = 0;
    pub const ALPHA_STD: usize = 1;
    pub const MEAN_R: usize = 2;
    pub const SEM: usize = 3;
    pub const SPEARMAN_BROWN: usize = 4;
    pub const MEAN: usize = 5;
    pub const SD: usize = 6;
    pub const SKIPPED: usize = 7;
    pub const R_DROP: usize = 8;
    pub const ALPHA_IF_DROPPED: usize = 9;
}

/// The column headers of a table of questions, after the question.
pub const ITEM_COLUMNS: [usize; 5] = [
    fig::MEAN,
    fig::SD,
    fig::SKIPPED,
    fig::R_DROP,
    fig::ALPHA_IF_DROPPED,
];

/// The header of the question column, and of the flags and answers ones.
pub const QUESTION: &str = "Question";
pub const FLAGS: &str = "Flags";
pub const ANSWERS: &str = "Answers";
pub const DIMENSION: &str = "Dimension";

/// A 0..1 share of answers, as a whole percentage.
pub fn share(value: f64) -> String {
    percent(value)
}

/// An alpha or correlation with two decimals; negative values keep their
/// sign.
pub fn two(value: f64) -> String {
    format!("{value:.2}")
}

/// The measurement error, a 0..1 score unit, in percentage points.
pub fn points(sem: f64) -> String {
    format!("{:.1} percentage points", sem * 100.0)
}

/// The sentences on whose answers the figures are, one per line of
/// thought. `role` gives a role's name (escaped as the format needs) from
/// its id.
pub fn respondents(counts: &RespondentCounts, role: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    if counts.used == 0 {
        out.push("No answers could be used, so no figure could be worked out.".to_string());
    } else {
        out.push(format!(
            "The figures come from the answers of {} that could be scored; {} of them answered every question.",
            people(counts.used),
            counts.answered_everything
        ));
    }
    if counts.failed > 0 {
        out.push(format!(
            "{} could not be used (each was reported with its problem as the answers were read) and {} left out.",
            rows(counts.failed),
            if counts.failed == 1 { "is" } else { "are" }
        ));
    }
    if counts.straight_lined > 0 {
        out.push(format!(
            "{} gave the same answer to every statement (straight-lining). That often means the statements were not read, and such answers make every figure here less trustworthy.",
            people(counts.straight_lined)
        ));
    } else if counts.used > 0 {
        out.push("Nobody gave the same answer to every statement (straight-lining).".to_string());
    }
    if counts.used > 0 {
        let roles: Vec<String> = (counts.roles.iter())
            .map(|(id, n)| format!("{} {n}", role(id)))
            .collect();
        if !roles.is_empty() {
            out.push(format!("Recommended: {}.", roles.join(", ")));
        }
        let verdicts: Vec<String> = (counts.verdicts.iter())
            .map(|(v, n)| format!("{} {n}", v.as_str()))
            .collect();
        out.push(format!(
            "How clear the recommendations were: {}.",
            verdicts.join(", ")
        ));
    }
    out
}

fn people(n: usize) -> String {
    count(n, "person", "people")
}

fn rows(n: usize) -> String {
    count(n, "row", "rows")
}

/// `1 question`, `0 questions`, `2 questions`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Who a dimension's figures are from: its questions, and how many people
/// answered them all.
pub fn dimension_counts(k: usize, n: usize, excluded: usize) -> String {
    let questions = count(k, "question", "questions");
    let mut s = format!(
        "{questions}; the figures come from the {} who answered all of them",
        people(n)
    );
    if n == 0 {
        s = format!("{questions}; nobody answered all of them");
    }
    if excluded > 0 {
        s.push_str(&format!(
            " ({} left out for skipping at least one)",
            people(excluded)
        ));
    }
    s.push('.');
    s
}

/// A figure's plain name from its key in `undefined`.
fn figure_name(key: &str) -> String {
    let index = match key {
        "alpha" => fig::ALPHA,
        "alpha_std" => fig::ALPHA_STD,
        "mean_r" => fig::MEAN_R,
        "sem" => fig::SEM,
        "spearman_brown" | "spearman_brown.half" | "spearman_brown.double" | "half" | "double" => {
            fig::SPEARMAN_BROWN
        }
        "r_drop" => fig::R_DROP,
        "alpha_if_dropped" => fig::ALPHA_IF_DROPPED,
        other => return format!("`{other}`"),
    };
    let name = figures()[index].name;
    // "Agreement between questions (Cronbach's alpha)" reads as the
    // subject of a sentence without its brackets.
    name.split(" (").next().unwrap_or(name).to_lowercase()
}

/// One sentence per reason a figure is missing, naming the figures it
/// applies to, in the order the reasons first occur.
pub fn undefined<'a>(
    reasons: impl IntoIterator<Item = (&'a str, Undefined)>,
    k: usize,
    n: usize,
) -> Vec<String> {
    let mut grouped: Vec<(Undefined, Vec<String>)> = Vec::new();
    for (key, reason) in reasons {
        let name = figure_name(key);
        match grouped.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, names)) if names.contains(&name) => {}
            Some((_, names)) => names.push(name),
            None => grouped.push((reason, vec![name])),
        }
    }
    grouped
        .into_iter()
        .map(|(reason, names)| {
            let mut figures = list(&names);
            if let Some(first) = figures.get(..1) {
                figures = first.to_uppercase() + &figures[1..];
            }
            let why = match reason {
                Undefined::TooFewItems if k >= 2 => format!(
                    "the dimension has {} and at least three are needed to leave one out",
                    count(k, "question", "questions")
                ),
                Undefined::TooFewItems => format!(
                    "the dimension has {} and at least two are needed; add questions to it",
                    count(k, "question", "questions")
                ),
                Undefined::TooFewRespondents => format!(
                    "only {} answered every question of the dimension and at least three are needed; wait for more answers",
                    people(n)
                ),
                Undefined::NoVariance => "everyone counted got the same total on the dimension".to_string(),
                Undefined::ConstantItem => "at least one question got the same score from everyone counted, so it cannot go together with the others".to_string(),
                Undefined::NegativeAlpha => "the agreement between questions is below zero, so a forecast from it means nothing; look at the flagged questions first".to_string(),
                Undefined::TooManyItems => format!(
                    "the dimension has {}, and comparing every pair of them would take too long; the other figures are complete",
                    count(k, "question", "questions")
                ),
            };
            format!("{figures}: {NOT_COMPUTED}, because {why}.")
        })
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Every flag, in the order they are explained: dimension flags first.
pub const ALL_FLAGS: [Flag; 8] = [
    Flag::LowAlpha,
    Flag::FewRespondents,
    Flag::ReversedItem,
    Flag::WeakItem,
    Flag::RaisesAlphaIfDropped,
    Flag::Ceiling,
    Flag::Floor,
    Flag::RarelyChosen,
];

/// What a flag means and what to try about it.
pub struct FlagText {
    pub code: &'static str,
    pub meaning: String,
    pub try_this: String,
}

/// The explanation of `flag`.
pub fn flag(flag: Flag) -> FlagText {
    let (meaning, try_this) = match flag {
        Flag::LowAlpha => (
            format!(
                "the dimension's agreement between questions is below {}: its questions do not agree well enough to measure one thing.",
                two(LOW_ALPHA)
            ),
            "Look at its flagged questions first; if none stands out, add more questions about the same thing.".to_string(),
        ),
        Flag::FewRespondents => (
            format!(
                "fewer than {FEW_RESPONDENTS} people answered every question of the dimension, so its figures are unstable and may change a lot with more answers."
            ),
            "Wait for more answers before changing the questions.".to_string(),
        ),
        Flag::ReversedItem => (
            "the question's fit with the other questions is below 0: people who score high on the rest tend to score low on it. It is probably keyed the wrong way, or worded so that agreeing means the other end.".to_string(),
            "Check its `keyed` and its wording.".to_string(),
        ),
        Flag::WeakItem => (
            format!(
                "the question's fit with the other questions is below {}: it hardly goes together with them, perhaps because it is unclear or about something else.",
                two(WEAK_ITEM)
            ),
            "Reword it, or move it to the dimension it is really about.".to_string(),
        ),
        Flag::RaisesAlphaIfDropped => (
            format!(
                "without this question, the dimension's agreement between questions would rise by {} or more.",
                two(RAISES_ALPHA)
            ),
            "Consider dropping or rewriting it.".to_string(),
        ),
        Flag::Ceiling => (
            format!(
                "{} or more of the answers are at the top end, so the question tells people apart very little.",
                share(END_SHARE)
            ),
            "Make the statement less extreme, so that fewer people agree fully.".to_string(),
        ),
        Flag::Floor => (
            format!(
                "{} or more of the answers are at the bottom end, so the question tells people apart very little.",
                share(END_SHARE)
            ),
            "Make the statement less extreme, so that fewer people disagree fully.".to_string(),
        ),
        Flag::RarelyChosen => (
            format!(
                "at least one option was chosen by fewer than {} of those who answered.",
                share(RARE_SHARE)
            ),
            "Reword that option, or merge it with a neighbouring one.".to_string(),
        ),
    };
    FlagText {
        code: flag.code(),
        meaning,
        try_this,
    }
}

/// The flags that occur anywhere in `flags`, each once, in the order of
/// [`ALL_FLAGS`].
pub fn present<'a>(flags: impl IntoIterator<Item = &'a Flag>) -> Vec<Flag> {
    let seen: Vec<Flag> = flags.into_iter().copied().collect();
    ALL_FLAGS.into_iter().filter(|f| seen.contains(f)).collect()
}

/// Said after the flag explanations when nothing was flagged.
pub const NOTHING_FLAGGED: &str =
    "Nothing was flagged: every figure that could be worked out is within the usual limits.";

/// Said of an option in an answer list when it was rarely chosen.
pub const RARE: &str = "rarely chosen";

/// The alpha chart in words, for screen readers: `(dimension, alpha)`.
pub fn alpha_chart_label<'a>(rows: impl IntoIterator<Item = (&'a str, Option<f64>)>) -> String {
    let parts: Vec<String> = rows
        .into_iter()
        .map(|(name, alpha)| format!("{name}: {}", alpha.map_or(NOT_COMPUTED.to_string(), two)))
        .collect();
    format!(
        "Agreement between questions (Cronbach's alpha) per dimension, against lines at {} (low) and {} (good). {}.",
        two(LOW_ALPHA),
        two(GOOD_ALPHA),
        parts.join("; ")
    )
}

/// The label of the chart's line at [`LOW_ALPHA`] and at [`GOOD_ALPHA`].
pub fn low_line() -> String {
    format!("{} low", two(LOW_ALPHA))
}

pub fn good_line() -> String {
    format!("{} good", two(GOOD_ALPHA))
}

/// The label of the r drop chart's line at [`WEAK_ITEM`].
pub fn weak_line() -> String {
    format!("{} weak", two(WEAK_ITEM))
}

/// A dimension's r drop chart in words: `(question, r drop)`.
pub fn r_drop_chart_label<'a>(
    dimension: &str,
    rows: impl IntoIterator<Item = (&'a str, Option<f64>)>,
) -> String {
    let parts: Vec<String> = rows
        .into_iter()
        .map(|(q, r)| format!("{q}: {}", r.map_or(NOT_COMPUTED.to_string(), two)))
        .collect();
    format!(
        "Fit of each question with the others (r drop) for {dimension}, around a line at 0 and a line at {} (weak). {}.",
        two(WEAK_ITEM),
        parts.join("; ")
    )
}

/// A question's answers in words: `(answer, share)`.
pub fn distribution_label<'a>(
    question: &str,
    bins: impl IntoIterator<Item = (&'a str, f64)>,
) -> String {
    let parts: Vec<String> = bins
        .into_iter()
        .map(|(label, s)| format!("{label} {}", share(s)))
        .collect();
    if parts.is_empty() {
        format!("How {question} was answered: nobody answered it.")
    } else {
        format!("How {question} was answered: {}.", parts.join(", "))
    }
}

/// Said under the r drop chart: how a negative bar is drawn.
pub const R_DROP_NOTE: &str = "Bars to the right of 0 go together with the other questions; hollow, dashed bars to the left go against them.";

/// Said of a question nobody answered, instead of its answers.
pub const NO_ANSWERS: &str = "nobody answered it";

/// The text table's short header for "Alpha if dropped".
pub const IF_DROPPED: &str = "If dropped";

/// A dimension's heading: its place among the bank's dimensions and name.
pub fn dimension_heading(number: usize, count: usize, name: &str) -> String {
    format!("Dimension {number} of {count}: {name}")
}

/// Said beside a negative alpha, which the chart draws at 0.
pub const CLIPPED: &str = "drawn at 0";
