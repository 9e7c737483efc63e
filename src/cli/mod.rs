//! The command line: the commands, their arguments (clap) and the wiring
//! from them to the library, one file per command as in cargo's
//! `commands/`. Each command opens its inputs, calls the library and picks
//! a renderer; none has domain logic of its own. Errors are drawn here, in
//! one place.

mod analyze;
mod args;
mod banks;
mod batch;
mod inspect;
mod results;
mod sample;
mod schema;
mod score;
mod sessions;
mod take;
mod validate;

use std::io::IsTerminal;
use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diag::render;
use crate::error::Error;

pub use args::Color;

#[derive(Debug, Parser)]
#[command(
    name = "pathfit",
    version,
    about = "Career-guidance quiz: scores a student's preferences against role profiles and says which path fits, how clearly, and why.",
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 ok, 2 usage, 65 bad bank or answers data, 66 input missing or unreadable, 74 cannot write output, 130 interrupted."
)]
pub struct Cli {
    /// With no command, pathfit runs `take` (and takes its options).
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    take: take::TakeArgs,
    /// Colours: auto follows NO_COLOR and whether the output is a terminal.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Take the quiz in the terminal (the default when no command is given).
    Take(take::TakeArgs),
    /// Score a finished answers file (YAML or JSON) without prompting.
    Score(score::ScoreArgs),
    /// Score a whole class from CSV or JSON Lines, one result row each.
    Batch(batch::BatchArgs),
    /// Item analysis of a class's answers, for the bank's author: does each
    /// dimension measure one thing reliably, and which questions work
    /// against the rest.
    Analyze(analyze::AnalyzeArgs),
    /// Write random respondents (seeded) in batch's input format, to try it.
    Sample(sample::SampleArgs),
    /// Check bank files: every problem, with lints, and exit 65 on errors.
    Validate(validate::ValidateArgs),
    /// A report for bank authors: can every role win, which questions decide,
    /// and what random respondents get.
    Inspect(inspect::InspectArgs),
    /// List the results kept from finished quizzes; `results show ID`
    /// prints one again, `results delete ID` removes it.
    Results(results::ResultsArgs),
    /// List unfinished quizzes, or remove them (`sessions delete ID|--all`).
    Sessions(sessions::SessionsArgs),
    /// List the question banks built into pathfit.
    Banks,
    /// Print the JSON Schema (draft-07) of the bank format, for editors.
    Schema,
}

/// Runs a parsed command line to its exit code, drawing any error on
/// standard error.
pub fn run(cli: Cli) -> ExitCode {
    let color = cli.color;
    let command = cli.command.unwrap_or(Command::Take(cli.take));
    // The quiz watches signals itself (it saves and says how to resume).
    if !matches!(command, Command::Take(_)) {
        crate::input::output::clean_up_on_signals();
    }
    let result = match command {
        Command::Take(args) => take::exec(&args, color),
        Command::Score(args) => score::exec(&args, color),
        Command::Batch(args) => batch::exec(&args),
        Command::Analyze(args) => analyze::exec(&args),
        Command::Sample(args) => sample::exec(&args),
        Command::Validate(args) => validate::exec(&args, color),
        Command::Inspect(args) => inspect::exec(&args),
        Command::Results(args) => results::exec(&args, color),
        Command::Sessions(args) => sessions::exec(&args),
        Command::Banks => banks::exec(),
        Command::Schema => schema::exec(),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(err) => {
            // A closed or full standard error must not turn a clean
            // refusal into a panic; the exit code still says what happened.
            // `render_error` has escaped the text already.
            let _ = writeln!(std::io::stderr().lock(), "{}", render_error(&err, color));
            err.exit().into()
        }
    }
}

/// An error as shown on standard error: problems in a file are drawn by the
/// diagnostics renderer, in colour where the terminal takes it.
fn render_error(err: &Error, color: Color) -> String {
    match err.problems() {
        Some(found) => format!(
            "error: {}",
            render::report(found, color.enabled(std::io::stderr().is_terminal()))
        ),
        None => format!("error: {}", render::plain(&err.to_string())),
    }
}
