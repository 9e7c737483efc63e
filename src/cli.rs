//! The command line: argument definitions (clap) and the wiring from them
//! to the library's stages. No behaviour of its own beyond choosing inputs
//! and outputs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::Error;
use crate::answers;
use crate::bank::bundled;
use crate::engine;
use crate::output;
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput};
use crate::source::{ReadError, SourceFile};

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
    pub command: Option<Command>,
    #[command(flatten)]
    pub take: TakeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the quiz in the terminal (the default when no command is given).
    Take(TakeArgs),
    /// Score a finished answers file (YAML or JSON) without prompting.
    Score(ScoreArgs),
    /// Score a whole class from CSV or JSON Lines, one result row each.
    Batch(crate::batch::BatchArgs),
    /// Write random respondents (seeded) in batch's input format, to try it.
    Sample(crate::batch::SampleArgs),
    /// Check bank files: every problem, with lints, and exit 65 on errors.
    Validate(crate::validate::ValidateArgs),
    /// A report for bank authors: can every role win, which questions decide,
    /// and what random respondents get.
    Inspect(crate::inspect::InspectArgs),
    /// List the question banks built into pathfit.
    Banks,
    /// Print the JSON Schema (draft-07) of the bank format, for editors.
    Schema,
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
    /// Replay the answers through adaptive mode: ask, in adaptive order,
    /// only what `take --adaptive` would ask, and report `asked` and
    /// `settled_after`.
    #[arg(long)]
    pub adaptive: bool,
    /// With --adaptive: break ties between equally useful questions with
    /// this seed, as `take --adaptive --seed N` does [default: bank order].
    #[arg(long, value_name = "N", requires = "adaptive")]
    pub seed: Option<u64>,
}

#[derive(Debug, Default, clap::Args)]
pub struct TakeArgs {
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file
    /// [default: healthcare, or the resumed session's bank].
    #[arg(long, value_name = "FILE|NAME")]
    pub bank: Option<String>,
    /// Shuffle questions and options with this seed: the same seed asks in
    /// the same order. Without it a seed is drawn and shown with the result.
    #[arg(long, value_name = "N", conflicts_with_all = ["no_shuffle", "resume"])]
    pub seed: Option<u64>,
    /// Ask the questions in the bank's own order.
    #[arg(long, conflicts_with = "resume")]
    pub no_shuffle: bool,
    /// Ask the most telling question next and offer to stop as soon as no
    /// further answer can change the result.
    #[arg(long, conflicts_with = "resume")]
    pub adaptive: bool,
    /// Save the session to FILE as you go (default: a file in your data folder).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Carry on with a session saved when a quiz was stopped.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the result to FILE (replaced atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colours: auto follows NO_COLOR and whether output is a terminal.
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether to colour output going to a stream that `is_terminal` or not.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && is_terminal,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command.unwrap_or(Command::Take(cli.take)) {
        Command::Take(args) => crate::take::take(&args),
        Command::Score(args) => score(&args),
        Command::Batch(args) => crate::batch::batch(&args),
        Command::Sample(args) => crate::batch::sample(&args),
        Command::Validate(args) => crate::validate::validate(&args),
        Command::Inspect(args) => crate::inspect::run(&args),
        Command::Banks => banks(),
        Command::Schema => {
            let schema = crate::bank::def::schema();
            output::write_to(None, |out| {
                serde_json::to_writer_pretty(&mut *out, &schema)?;
                writeln!(out)
            })?;
            Ok(())
        }
    }
}

fn score(args: &ScoreArgs) -> Result<(), Error> {
    let bank = bundled::resolve(Some(&args.bank))?;
    let source = read_input(&args.answers).map_err(answers::file::AnswersError::from)?;
    let name = source.name.clone();
    let mut answers = answers::file::read(source, &bank)?;
    let mut quiz = None;
    if args.adaptive {
        let order = crate::quiz::question_order(&bank, args.seed).questions;
        let chooser = engine::adaptive::Adaptive::new(&bank, &order);
        let replay = engine::adaptive::replay(&chooser, &answers);
        quiz = Some(QuizRun {
            seed: args.seed,
            order: replay
                .asked
                .iter()
                .map(|&q| bank.questions[q].id.clone())
                .collect(),
            adaptive: Some(AdaptiveRun {
                asked: replay.asked.len(),
                settled_after: replay.settled_after,
            }),
        });
        answers = replay.answers;
    }
    let assessment =
        engine::score(&bank, &answers).map_err(|source| Error::Score { file: name, source })?;
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz,
    };
    let color = args.output.is_none() && Color::Auto.enabled(std::io::stdout().is_terminal());
    let report = args.format.report(color);
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
