//! `pathfit take`: the quiz in a terminal, then the result.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::args::{Color, OutputArg, parse_bank};
use crate::bank::bundled::BankSpec;
use crate::engine;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::quiz::Quiz;
use crate::quiz::run::{self, Ended};
use crate::quiz::session::{self, Session};
use crate::quiz::terminal::TerminalPrompter;
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput};

#[derive(Debug, Default, clap::Args)]
pub struct TakeArgs {
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file
    /// [default: healthcare, or the resumed session's bank].
    #[arg(long, value_name = "FILE|NAME", value_parser = parse_bank)]
    pub bank: Option<BankSpec>,
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
    #[command(flatten)]
    pub output: OutputArg,
}

pub fn exec(args: &TakeArgs, color: Color) -> Result<Exit, Error> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::NoTerminal);
    }
    let resumed = match &args.resume {
        Some(path) => Some((Session::load(path)?, path.clone())),
        None => None,
    };
    let spec = match (&args.bank, &resumed) {
        (Some(bank), _) => bank.clone(),
        (None, Some((session, _))) => BankSpec::parse(&session.bank.source),
        (None, None) => BankSpec::default(),
    };
    let bank = spec.load()?;
    let (mut quiz, save_path) = match &resumed {
        Some((session, path)) => (
            session.restore(&bank, path)?,
            args.save.clone().unwrap_or_else(|| path.clone()),
        ),
        None => {
            let seed = if args.no_shuffle {
                None
            } else {
                Some(args.seed.unwrap_or_else(rand::random))
            };
            let path = args
                .save
                .clone()
                .unwrap_or_else(|| session::default_path(&bank, seed));
            let quiz = if args.adaptive {
                Quiz::adaptive(&bank, seed)
            } else {
                Quiz::new(&bank, seed)
            };
            (quiz, path)
        }
    };

    run::opening_screen(&bank, &quiz, resumed.is_some());
    let mut prompter = TerminalPrompter::new(color.enabled(std::io::stderr().is_terminal()));
    let answers = match run::run(&mut quiz, &mut prompter, &spec.to_string(), &save_path)? {
        Ended::Finished(answers) => answers,
        Ended::Stopped(stopped) => {
            eprintln!("{stopped}");
            return Ok(Exit::Interrupted);
        }
    };
    let assessment = engine::score(&bank, &answers).map_err(|source| Error::Score {
        file: "your answers".to_string(),
        source,
    })?;
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: Some(QuizRun {
            seed: quiz.seed(),
            order: quiz
                .sequence()
                .iter()
                .map(|&q| bank.questions[q].id.clone())
                .collect(),
            adaptive: quiz.is_adaptive().then(|| AdaptiveRun {
                asked: quiz.sequence().len(),
                settled_after: quiz.settled_after(),
                cut_after: None,
            }),
        }),
    };
    let path = args.output.output.as_deref();
    let report = args
        .format
        .report(color.enabled(path.is_none() && std::io::stdout().is_terminal()));
    if args.format == Format::Text && path.is_none() {
        eprintln!();
    }
    output::write_to(path, |out| report.write(&input, out))?;
    // The quiz is over: its session has nothing left to resume.
    let _ = std::fs::remove_file(&save_path);
    Ok(Exit::Ok)
}
