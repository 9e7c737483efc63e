//! `pathfit banks`: the banks built into the binary.

use crate::bank::bundled::BUNDLED;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;

pub fn exec() -> Result<Exit, Error> {
    let mut rows = Vec::new();
    for b in BUNDLED {
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
    Ok(Exit::Ok)
}
