//! `pathfit score`: a finished answers file, scored without prompting.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::args::{BankArg, Color, OutputArg};
use crate::answers;
use crate::engine;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::input::source::SourceFile;
use crate::quiz::question_order;
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput, text};

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// The answers file (YAML or JSON; `-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    #[command(flatten)]
    pub bank: BankArg,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArg,
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

pub fn exec(args: &ScoreArgs, color: Color) -> Result<Exit, Error> {
    output::Files::new()
        .reads("--answers", &args.answers)
        .reads_maybe("--bank", args.bank.path())
        .writes_or_stdout("--output", args.output.path())
        .check()?;
    let bank = args.bank.spec.load()?;
    let source =
        SourceFile::read_or_stdin(&args.answers).map_err(answers::file::AnswersError::from)?;
    let name = source.name.clone();
    let mut answers = answers::file::read(source, &bank)?;
    let mut quiz = None;
    // Adaptive mode: only the answers given may change in what-if.
    let mut asked = None;
    if args.adaptive {
        let order = question_order(&bank, args.seed).questions;
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
                cut_after: replay.cut_after,
            }),
        });
        answers = replay.answers;
        asked = Some(replay.asked);
    }
    let assessment = match &asked {
        Some(asked) => engine::score_asked(&bank, &answers, asked),
        None => engine::score(&bank, &answers),
    }
    .map_err(|source| Error::Score { file: name, source })?;
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz,
    };
    let path = args.output.path();
    let terminal = std::io::stdout().is_terminal();
    let report = args.format.report_at(
        path.is_none() && color.enabled(terminal),
        text::width_for(path.is_none() && terminal),
    );
    output::write_to(path, |out| report.write(&input, out))?;
    Ok(Exit::Ok)
}
