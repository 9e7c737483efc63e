//! `pathfit sample`: random respondents in `batch`'s input format.

use super::args::{BankArg, OutputArg};
use crate::answers::tabular::{TableFormat, write_respondents};
use crate::engine::sample::Sampler;
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
    #[command(flatten)]
    pub output: OutputArg,
}

pub fn exec(args: &SampleArgs) -> Result<Exit, Error> {
    output::Files::new()
        .reads_maybe("--bank", args.bank.path())
        .writes_or_stdout("--output", args.output.path())
        .check()?;
    let bank = args.bank.spec.load()?;
    let respondents = Sampler::new(&bank, args.seed).take(args.respondents as usize);
    output::write_to(args.output.path(), |out| {
        write_respondents(&bank, args.format, respondents, out)
    })?;
    Ok(Exit::Ok)
}
