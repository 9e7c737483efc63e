//! `pathfit validate`: every problem and lint in every bank file, drawn by
//! the one diagnostics renderer or as JSON Lines for editors and CI.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::args::{Color, TextOrJson};
use crate::bank::bundled::BUNDLED;
use crate::bank::load;
use crate::diag::render::{self, Renderer};
use crate::diag::{Problems, Severity};
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::input::source::{ReadError, SourceFile};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Bank files to check (default: the bundled banks).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// `text` for people, `json` for one JSON object per line per diagnostic.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
    /// Fail (exit 65) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// What one file came to.
enum Checked {
    Read(Problems),
    Unreadable(ReadError),
}

pub fn exec(args: &ValidateArgs, color: Color) -> Result<Exit, Error> {
    args.files
        .iter()
        .fold(output::Files::new(), |files, path| files.reads("", path))
        .writes_or_stdout("--output", None)
        .check()?;
    let checked: Vec<Checked> = if args.files.is_empty() {
        BUNDLED
            .iter()
            .map(|b| {
                let source = SourceFile::new(format!("questions/{}.yaml", b.id), b.text);
                Checked::Read(load::validate(source).1)
            })
            .collect()
    } else {
        args.files
            .iter()
            .map(|path| match SourceFile::read_regular(path) {
                Ok(source) => Checked::Read(load::validate(source).1),
                Err(err) => Checked::Unreadable(err),
            })
            .collect()
    };
    let (mut errors, mut warnings, mut missing) = (0, 0, false);
    for c in &checked {
        match c {
            Checked::Read(found) => {
                errors += found.count(Severity::Error);
                warnings += found.count(Severity::Warning);
            }
            Checked::Unreadable(err) => {
                errors += 1;
                missing |= err.is_missing();
            }
        }
    }
    let color = color.enabled(std::io::stdout().is_terminal());
    output::write_to(None, |out| match args.format {
        TextOrJson::Text => write_text(out, &checked, color, errors, warnings),
        TextOrJson::Json => checked.iter().try_for_each(|c| match c {
            Checked::Unreadable(err) => render::read_error_json(out, err),
            Checked::Read(found) => render::json_lines(out, found),
        }),
    })?;
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(match (failed, missing) {
        (false, _) => Exit::Ok,
        (true, true) => Exit::NoInput,
        (true, false) => Exit::Data,
    })
}

fn write_text(
    out: &mut dyn Write,
    checked: &[Checked],
    color: bool,
    errors: usize,
    warnings: usize,
) -> std::io::Result<()> {
    let renderer = Renderer::new(color);
    for c in checked {
        match c {
            Checked::Unreadable(err) => {
                writeln!(out, "error: {}\n", render::plain(&err.to_string()))?
            }
            Checked::Read(found) if found.problems.is_empty() => {
                writeln!(out, "{}: ok", render::plain(&found.source.name))?;
            }
            Checked::Read(found) => {
                let mut blocks = String::new();
                // Writing into a String cannot fail.
                let _ = renderer.problems(&mut blocks, found);
                out.write_all(blocks.as_bytes())?;
            }
        }
    }
    writeln!(
        out,
        "{} file{} checked: {errors} error{}, {warnings} warning{}",
        checked.len(),
        plural(checked.len()),
        plural(errors),
        plural(warnings)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
