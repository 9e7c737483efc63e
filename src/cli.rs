//! The command line: argument definitions (clap) and the wiring from them
//! to the library's stages. No behaviour of its own beyond choosing inputs
//! and outputs.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::Error;
use crate::answers;
use crate::bank::{self, bundled};
use crate::engine;
use crate::output;
use crate::report::{Format, ReportInput};
use crate::source::{ReadError, SourceFile};

#[derive(Debug, Parser)]
#[command(
    name = "pathfit",
    version,
    about = "Career-guidance quiz: scores a student's preferences against role profiles and says which path fits, how clearly, and why.",
    arg_required_else_help = true,
    after_help = "Exit codes: 0 ok, 2 usage, 65 bad bank or answers data, 66 input missing or unreadable, 74 cannot write output, 130 interrupted."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score a finished answers file (YAML or JSON) without prompting.
    Score(ScoreArgs),
    /// List the question banks built into pathfit.
    Banks,
}

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// The answers file (YAML or JSON; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file.
    #[arg(long, value_name = "FILE|NAME", default_value = bundled::DEFAULT_BANK)]
    pub bank: String,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the result to FILE (replaced atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Score(args) => score(&args),
        Command::Banks => banks(),
    }
}

fn score(args: &ScoreArgs) -> Result<(), Error> {
    let bank = bundled::resolve(Some(&args.bank))?;
    let source = read_input(&args.answers).map_err(answers::file::AnswersError::from)?;
    let name = source.name.clone();
    let answers = answers::file::read(source, &bank)?;
    let assessment =
        engine::score(&bank, &answers).map_err(|source| Error::Score { file: name, source })?;
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
    };
    let report = args.format.report();
    output::write_to(args.output.as_deref(), |out| report.write(&input, out))?;
    Ok(())
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &Path) -> Result<SourceFile, ReadError> {
    if path.as_os_str() != "-" {
        return SourceFile::read(path);
    }
    SourceFile::from_reader("<standard input>".to_string(), std::io::stdin())
}

fn banks() -> Result<(), Error> {
    let mut rows = Vec::new();
    for b in bundled::BUNDLED {
        let bank = b.load()?;
        rows.push(format!(
            "{:<14} {}  ({} questions, {} roles: {})",
            bank.id,
            bank.title,
            bank.questions.len(),
            bank.roles.len(),
            bank.roles
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    output::write_to(None, |out| {
        for row in &rows {
            writeln!(out, "{row}")?;
        }
        writeln!(
            out,
            "\nUse one with `--bank ID`, or give `--bank path/to/bank.yaml` for your own."
        )
    })?;
    Ok(())
}

/// Loads a bank for commands that take `--bank`.
pub fn load_bank(spec: &str) -> Result<bank::Bank, Error> {
    Ok(bundled::resolve(Some(spec))?)
}
