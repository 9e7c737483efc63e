//! Showing a scored result. Each output format is one module behind the
//! [`Report`] trait; the CLI picks one by name and nothing else changes.
//!
//! What a report shows is decided once, in [`view`], and every sentence it
//! says is in [`prose`]; the text, Markdown and HTML modules supply only
//! their syntax. JSON keeps its own stable shape but takes its sentences
//! from [`prose`] too.

pub mod analysis;
pub mod html;
#[cfg(test)]
pub(crate) mod inert;
pub mod inspect;
pub mod isolate;
pub mod json;
pub mod markdown;
pub mod prose;
pub mod text;
pub mod view;

use std::io;

use crate::answers::AnswerSet;
use crate::bank::Bank;
use crate::engine::Assessment;

/// Everything a report shows.
pub struct ReportInput<'a> {
    pub bank: &'a Bank,
    pub answers: &'a AnswerSet,
    pub assessment: &'a Assessment,
    /// How the answers were asked, when they came from the quiz.
    pub quiz: Option<QuizRun>,
}

/// The seed and order of an interactive quiz, for reproducing it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizRun {
    /// `None`: the bank's own order.
    pub seed: Option<u64>,
    /// Question ids in the order they were asked.
    pub order: Vec<String>,
    /// Only for adaptive mode.
    pub adaptive: Option<AdaptiveRun>,
}

/// How far adaptive mode got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdaptiveRun {
    /// How many questions were asked (answered or skipped).
    pub asked: usize,
    /// After how many the result was settled; `None`: not before the
    /// questions ran out.
    pub settled_after: Option<usize>,
    /// Adaptive mode's work budget ran out after this many questions, and
    /// the rest were asked in the usual order (only `score --adaptive`
    /// replays have a budget for the whole run).
    pub cut_after: Option<usize>,
}

pub trait Report {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn io::Write) -> io::Result<()>;
}

/// The output formats, as named on the command line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a person: the recommendation, charts, reasons and facts.
    #[default]
    Text,
    /// For programs: stable field names, `schema_version: 1`.
    Json,
    /// For sharing: the whole result as a Markdown document.
    Markdown,
    /// For printing or a browser: one self-contained page with charts.
    Html,
}

impl Format {
    /// The report for this format; `color` applies to text only, which is
    /// laid out for a file or pipe (80 columns).
    pub fn report(self, color: bool) -> Box<dyn Report> {
        self.report_at(color, text::WIDTH)
    }

    /// [`Format::report`] with text `width` columns wide (see
    /// [`text::width_for`]).
    pub fn report_at(self, color: bool, width: usize) -> Box<dyn Report> {
        match self {
            Format::Text => Box::new(text::TextReport {
                color,
                width,
                words: false,
            }),
            Format::Json => Box::new(json::JsonReport),
            Format::Markdown => Box::new(markdown::MarkdownReport),
            Format::Html => Box::new(html::HtmlReport),
        }
    }
}

/// A fit or score as a whole percentage.
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// `text` cut to `width` characters, the last one an ellipsis, for a name
/// beside a bar.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
