//! `pathfit batch`: a whole class from CSV or JSON Lines, one result row
//! each, with a summary and a progress bar on a terminal.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use super::args::{BankArg, OutputArg, Reading, TableArg};
use crate::answers::tabular::TableFormat;
use crate::batch::{self, BatchError, Progress, RowError, Summary};
use crate::diag::render::plain;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output::{self, WriteError};

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    #[command(flatten)]
    pub answers: TableArg,
    #[command(flatten)]
    pub bank: BankArg,
    #[command(flatten)]
    pub output: OutputArg,
    /// Output format, one row per respondent.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// Also write the summary to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Stop at the first bad row (exit 65) instead of scoring the rest.
    #[arg(long)]
    pub strict: bool,
    /// Score on N threads at once (default: one per core). The results
    /// are the same, in the same order, whatever N is.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=batch::MAX_JOBS as i64))]
    pub jobs: Option<u16>,
}

pub fn exec(args: &BatchArgs) -> Result<Exit, Error> {
    output::Files::new()
        .reads("--answers", &args.answers.answers)
        .reads_maybe("--bank", args.bank.path())
        .writes_or_stdout("--output", args.output.path())
        .writes("--summary", args.summary.as_deref())
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
    let destination = args.output.path();
    let terminal = shows_on_terminal(destination);
    let summary = output::write_with(destination, |out| {
        let settings = batch::Settings {
            format: args.format,
            strict: args.strict,
            terminal,
            jobs: args.jobs.map_or_else(batch::default_jobs, usize::from),
        };
        batch::run_with(&bank, respondents, out, settings, progress)
    });
    bar.finish_and_clear();
    let summary: Summary = match summary {
        Ok(summary) => summary,
        Err(output::Failed::Write(err)) => return Err(err.into()),
        // A closed pipe (`pathfit batch … | head`) is the reader's choice.
        Err(output::Failed::Content(BatchError::Write { source, .. }))
            if destination.is_none() && source.kind() == io::ErrorKind::BrokenPipe =>
        {
            return Ok(Exit::Ok);
        }
        Err(output::Failed::Content(BatchError::Write { source, .. })) => {
            return Err(WriteError {
                path: destination.map_or_else(|| "<standard output>".into(), PathBuf::from),
                source,
            }
            .into());
        }
        Err(output::Failed::Content(err)) => return Err(err.into()),
    };
    eprintln!("{}", summary.describe());
    if let Some(path) = &args.summary {
        output::write_atomic(path, |out| {
            serde_json::to_writer_pretty(&mut *out, &summary)?;
            writeln!(out)
        })?;
    }
    if summary.failed > 0 {
        return Err(BatchError::SomeFailed {
            file,
            failed: summary.failed,
            total: summary.failed + summary.scored,
        }
        .into());
    }
    Ok(Exit::Ok)
}

/// Whether rows written to `destination` (standard output when `None`)
/// are shown on a terminal: there respondent ids are escaped, as everything
/// else a person reads; in files and pipes they are data, kept byte for
/// byte.
fn shows_on_terminal(destination: Option<&Path>) -> bool {
    match destination {
        None => io::stdout().is_terminal(),
        #[cfg(unix)]
        Some(path) => {
            use std::os::unix::fs::FileTypeExt;
            // Only a character device can be a terminal; opening anything
            // else (a FIFO) to ask could block.
            std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
                && std::fs::File::open(path).is_ok_and(|f| f.is_terminal())
        }
        #[cfg(not(unix))]
        Some(_) => false,
    }
}
