//! `pathfit sample`: random respondents in `batch`'s input format, answering
//! at random or (`--model latent`) from a level on each dimension.

use super::args::{BankArg, OutputArg};
use crate::answers::tabular::{TableFormat, write_respondents};
use crate::engine::sample::{Model, Sampler};
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;

#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    #[command(flatten)]
    pub bank: BankArg,
    /// How many respondents.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub respondents: u64,
    /// The same seed writes the same respondents.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// `csv` or `jsonl`, as `batch` reads them.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// How the respondents answer.
    #[arg(long, value_enum, value_name = "MODEL", default_value_t = ModelArg::Uniform)]
    pub model: ModelArg,
    #[command(flatten)]
    pub output: OutputArg,
}

/// `--model`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelArg {
    /// Every answer drawn evenly from what the question allows (one in 20
    /// skipped): answers that agree with nothing.
    Uniform,
    /// Each respondent has a level on every dimension and answers from it
    /// with some noise (one in 50 skipped): answers that agree as in a good
    /// questionnaire, for trying `pathfit analyze`.
    Latent,
}

impl From<ModelArg> for Model {
    fn from(model: ModelArg) -> Model {
        match model {
            ModelArg::Uniform => Model::Uniform,
            ModelArg::Latent => Model::Latent,
        }
    }
}

pub fn exec(args: &SampleArgs) -> Result<Exit, Error> {
    output::Files::new()
        .reads_maybe("--bank", args.bank.path())
        .writes_or_stdout("--output", args.output.path())
        .check()?;
    let bank = args.bank.spec.load()?;
    let respondents =
        Sampler::with_model(&bank, args.seed, args.model.into()).take(args.respondents as usize);
    output::write_to(args.output.path(), |out| {
        write_respondents(&bank, args.format, respondents, out)
    })?;
    Ok(Exit::Ok)
}
