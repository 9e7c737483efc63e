//! Showing a scored result. Each output format is one module behind the
//! [`Report`] trait; the CLI picks one by name and nothing else changes.

pub mod json;
pub mod text;

use std::io;

use crate::answers::AnswerSet;
use crate::bank::Bank;
use crate::engine::Assessment;

/// Everything a report shows.
pub struct ReportInput<'a> {
    pub bank: &'a Bank,
    pub answers: &'a AnswerSet,
    pub assessment: &'a Assessment,
}

pub trait Report {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn io::Write) -> io::Result<()>;
}

/// The output formats, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a person: the recommendation, charts, reasons and facts.
    Text,
    /// For programs: stable field names, `schema_version: 1`.
    Json,
}

impl Format {
    pub fn report(self) -> Box<dyn Report> {
        match self {
            Format::Text => Box::new(text::TextReport),
            Format::Json => Box::new(json::JsonReport),
        }
    }
}

/// A fit or score as a whole percentage.
pub fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}
