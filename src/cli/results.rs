//! `pathfit results`: the results kept from finished quizzes, listed
//! newest first, shown again in any format, or deleted.

use std::io::{IsTerminal, Write};

use clap::Subcommand;

use super::args::{Color, OutputArg};
use crate::error::Error;
use crate::exit::Exit;
use crate::history;
use crate::input::output;
use crate::report::Format;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ResultsArgs {
    #[command(subcommand)]
    command: Option<ResultsCommand>,
}

#[derive(Debug, Subcommand)]
enum ResultsCommand {
    /// List the kept results, newest first (what `pathfit results` does).
    List,
    /// Print a kept result again, as it was when the quiz ended.
    Show(ShowArgs),
    /// Delete kept results (each one's record and web page).
    Delete(DeleteArgs),
}

#[derive(Debug, clap::Args)]
struct ShowArgs {
    /// The result's id, as `pathfit results` lists it, or `latest`.
    #[arg(value_name = "ID|latest")]
    id: String,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Debug, clap::Args)]
struct DeleteArgs {
    /// The results' ids, as `pathfit results` lists them (or `latest`).
    #[arg(value_name = "ID|latest", required_unless_present = "all")]
    ids: Vec<String>,
    /// Delete every kept result.
    #[arg(long, conflicts_with = "ids")]
    all: bool,
}

pub fn exec(args: &ResultsArgs, color: Color) -> Result<Exit, Error> {
    match &args.command {
        None | Some(ResultsCommand::List) => list(),
        Some(ResultsCommand::Show(show)) => self::show(show, color),
        Some(ResultsCommand::Delete(delete)) => {
            let deleted = if delete.all {
                history::delete_all()?
            } else {
                history::delete(&delete.ids)?
            };
            let _ = writeln!(std::io::stdout(), "{}", history::deleted(&deleted));
            Ok(Exit::Ok)
        }
    }
}

fn list() -> Result<Exit, Error> {
    let listing = history::list()?;
    let mut err = std::io::stderr().lock();
    for warning in &listing.warnings {
        let _ = writeln!(err, "{warning}");
    }
    let text = history::listing(&listing, &jiff::ZonedDateTime::now());
    output::write_to(None, |out| out.write_all(text.as_bytes()))?;
    Ok(Exit::Ok)
}

fn show(args: &ShowArgs, color: Color) -> Result<Exit, Error> {
    let (id, shown) = history::show(&args.id, args.format)?;
    let record = crate::folders::results_dir().join(format!("{id}.json"));
    let page = record.with_extension("html");
    let path = args.output.path();
    output::Files::new()
        .reads("the kept result", &record)
        .reads("the kept result's page", &page)
        .writes_or_stdout("--output", path)
        .check()?;
    let color = color.enabled(path.is_none() && std::io::stdout().is_terminal());
    output::write_to(path, |out| shown.write(color, out))?;
    if let Some(path) = path {
        let _ = writeln!(
            std::io::stderr(),
            "Saved the result to {}",
            crate::visible::visible(&path.display().to_string())
        );
    }
    Ok(Exit::Ok)
}
