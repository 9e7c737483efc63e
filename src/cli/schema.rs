//! `pathfit schema`: the bank format's JSON Schema, for editors.

use crate::bank::def::schema;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;

pub fn exec() -> Result<Exit, Error> {
    output::write_to(None, |out| {
        serde_json::to_writer_pretty(&mut *out, &schema())?;
        writeln!(out)
    })?;
    Ok(Exit::Ok)
}
