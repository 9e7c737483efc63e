//! `pathfit analyze`: item analysis of a class's answers for the bank's
//! author — is each dimension measured reliably, and which questions pull
//! their weight. Reads what `batch` reads; writes text, JSON, Markdown or a
//! web page.

use std::io::{self, IsTerminal, Write};

use super::args::{BankArg, OutputArg, Reading, TableArg};
use crate::analyze::{self, AnalyzeError};
use crate::batch::{Progress, RowError};
use crate::diag::render::plain;
use crate::engine::reliability::ItemAnalysis;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::report::analysis;

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub answers: TableArg,
    #[command(flatten)]
    pub bank: BankArg,
    #[command(flatten)]
    pub output: OutputArg,
    /// How to write the analysis.
    #[arg(long, value_enum, default_value_t = AnalysisFormat::Text)]
    pub format: AnalysisFormat,
    /// Stop at the first bad row (exit 65) instead of analyzing the rest.
    #[arg(long)]
    pub strict: bool,
}

/// The analysis's output formats.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalysisFormat {
    /// For a person: a table per dimension, flagged questions first, and
    /// what each flag means.
    #[default]
    Text,
    /// For programs: stable field names, `schema_version: 1`.
    Json,
    /// For sharing: the whole analysis as a Markdown document.
    Markdown,
    /// For printing or a browser: one self-contained page with charts.
    Html,
}

pub fn exec(args: &AnalyzeArgs) -> Result<Exit, Error> {
    output::Files::new()
        .reads("--answers", &args.answers.answers)
        .reads_maybe("--bank", args.bank.path())
        .writes_or_stdout("--output", args.output.path())
        .check()?;
    let bank = args.bank.spec.load()?;
    let Reading {
        respondents,
        file,
        bar,
    } = args.answers.read(&bank)?;
    let progress = Progress {
        on_error: &mut |row: &RowError| bar.suspend(|| eprintln!("{}: {row}", plain(&file))),
        on_bytes: &mut |bytes| bar.set_position(bytes),
    };
    let analysis = analyze::run(&bank, respondents, args.strict, progress);
    bar.finish_and_clear();
    let analysis = analysis?;
    let destination = args.output.path();
    let width = match destination {
        None if io::stdout().is_terminal() => crate::wrap::terminal_size()
            .map_or(crate::wrap::DEFAULT_COLUMNS, |(columns, _)| columns)
            .clamp(40, 120) as usize,
        _ => crate::wrap::DEFAULT_COLUMNS as usize,
    };
    output::write_to(destination, |out| {
        write(args.format, out, &bank, &analysis, width)
    })?;
    let counts = &analysis.respondents;
    if counts.failed > 0 {
        return Err(AnalyzeError::SomeLeftOut {
            file,
            failed: counts.failed,
            total: counts.failed + counts.used,
            used: counts.used,
        }
        .into());
    }
    Ok(Exit::Ok)
}

/// Writes `analysis` in `format`; text is `width` columns wide.
fn write(
    format: AnalysisFormat,
    out: &mut dyn Write,
    bank: &crate::bank::Bank,
    found: &ItemAnalysis,
    width: usize,
) -> io::Result<()> {
    match format {
        AnalysisFormat::Text => analysis::write_text(out, bank, found, width),
        AnalysisFormat::Markdown => analysis::write_markdown(out, bank, found),
        AnalysisFormat::Html => analysis::write_html(out, bank, found),
        AnalysisFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, found)?;
            writeln!(out)
        }
    }
}
