//! `pathfit inspect`: the bank-author's report of what random and searched
//! answers make of a bank.

use super::args::{BankArg, TextOrJson};
use crate::engine::analysis::inspect;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::report::inspect::write_text;

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[command(flatten)]
    pub bank: BankArg,
    /// `text` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
    /// How many random respondents to score.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub respondents: usize,
    /// Seed for the random respondents (the same seed, the same crowd).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
}

pub fn exec(args: &InspectArgs) -> Result<Exit, Error> {
    output::Files::new()
        .reads_maybe("--bank", args.bank.path())
        .writes_or_stdout("--output", None)
        .check()?;
    let bank = args.bank.spec.load()?;
    let report = inspect(&bank, args.respondents, args.seed);
    output::write_to(None, |out| match args.format {
        TextOrJson::Json => {
            serde_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)
        }
        TextOrJson::Text => write_text(out, &bank, &report),
    })?;
    Ok(Exit::Ok)
}
