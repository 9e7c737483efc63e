//! `pathfit validate`: every problem and lint in every bank file, as
//! diagnostics with source snippets (miette) or as JSON Lines for editors
//! and CI.

use std::io::Write;
use std::path::PathBuf;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

use crate::Error;
use crate::bank::bundled;
use crate::bank::load;
use crate::output;
use crate::source::{Location, Problem, Problems, ReadError, Severity, SourceFile};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Bank files to check (default: the bundled banks).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// `text` for people, `json` for one JSON object per line per diagnostic.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
    /// Fail (exit 65) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Colours: auto follows NO_COLOR and whether output is a terminal.
    #[arg(long, value_enum, default_value_t = crate::cli::Color::Auto, value_name = "WHEN")]
    pub color: crate::cli::Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

/// What one file came to.
enum Checked {
    Read(Problems),
    Unreadable(ReadError),
}

pub fn validate(args: &ValidateArgs) -> Result<(), Error> {
    let checked: Vec<Checked> = if args.files.is_empty() {
        bundled::BUNDLED
            .iter()
            .map(|b| {
                let source = SourceFile::new(format!("questions/{}.yaml", b.id), b.text);
                Checked::Read(load::validate(source).1)
            })
            .collect()
    } else {
        args.files
            .iter()
            .map(|path| match SourceFile::read(path) {
                Ok(source) => Checked::Read(load::validate(source).1),
                Err(err) => Checked::Unreadable(err),
            })
            .collect()
    };
    let (mut errors, mut warnings, mut missing) = (0, 0, false);
    for c in &checked {
        match c {
            Checked::Read(found) => {
                for p in &found.problems {
                    match p.severity {
                        Severity::Error => errors += 1,
                        Severity::Warning => warnings += 1,
                    }
                }
            }
            Checked::Unreadable(err) => {
                errors += 1;
                missing |= err.is_missing();
            }
        }
    }
    let color = args
        .color
        .enabled(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    output::write_to(None, |out| match args.format {
        ValidateFormat::Text => write_text(out, &checked, color, errors, warnings),
        ValidateFormat::Json => write_json(out, &checked),
    })?;
    let failed = errors > 0 || (args.strict && warnings > 0);
    match (failed, missing) {
        (false, _) => Ok(()),
        (true, true) => Err(Error::Validation {
            code: crate::exit::NO_INPUT,
        }),
        (true, false) => Err(Error::Validation {
            code: crate::exit::DATA,
        }),
    }
}

fn write_text(
    out: &mut dyn Write,
    checked: &[Checked],
    color: bool,
    errors: usize,
    warnings: usize,
) -> std::io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(80);
    for c in checked {
        match c {
            Checked::Unreadable(err) => writeln!(out, "error: {err}\n")?,
            Checked::Read(found) => {
                let named = NamedSource::new(&found.source.name, found.source.text.clone());
                for problem in &found.problems {
                    let diagnostic = Diag {
                        problem,
                        source: &named,
                        span: span(&found.source, problem.location),
                        file: &found.source.name,
                    };
                    let mut rendered = String::new();
                    if handler.render_report(&mut rendered, &diagnostic).is_err() {
                        rendered = format!("{}: {}\n", found.source.name, problem.message);
                    }
                    writeln!(out, "{rendered}")?;
                }
                if found.problems.is_empty() {
                    writeln!(out, "{}: ok", found.source.name)?;
                }
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

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    message: String,
    hint: Option<&'a str>,
    path: &'a str,
}

fn write_json(out: &mut dyn Write, checked: &[Checked]) -> std::io::Result<()> {
    for c in checked {
        match c {
            Checked::Unreadable(err) => {
                let file = match err {
                    ReadError::Unreadable { path, .. }
                    | ReadError::TooLarge { path }
                    | ReadError::NotText { path, .. } => path.as_str(),
                };
                let (line, column) = match err {
                    ReadError::NotText { line, column, .. } => (Some(*line), Some(*column)),
                    _ => (None, None),
                };
                let diagnostic = JsonDiagnostic {
                    file,
                    line,
                    column,
                    severity: "error",
                    code: if err.is_missing() {
                        "unreadable"
                    } else {
                        "not-a-bank-file"
                    },
                    message: err.to_string(),
                    hint: None,
                    path: "",
                };
                serde_json::to_writer(&mut *out, &diagnostic)?;
                writeln!(out)?;
            }
            Checked::Read(found) => {
                for p in &found.problems {
                    let diagnostic = JsonDiagnostic {
                        file: &found.source.name,
                        line: p.location.map(|l| l.line),
                        column: p.location.map(|l| l.column),
                        severity: p.severity.as_str(),
                        code: p.code,
                        message: p.message.clone(),
                        hint: p.hint.as_deref(),
                        path: &p.path,
                    };
                    serde_json::to_writer(&mut *out, &diagnostic)?;
                    writeln!(out)?;
                }
            }
        }
    }
    Ok(())
}

/// The byte span to underline: from the location to the end of the token
/// there (at least one character).
fn span(source: &SourceFile, location: Option<Location>) -> Option<(usize, usize)> {
    let location = location?;
    let line_start: usize = source
        .text
        .split_inclusive('\n')
        .take(location.line - 1)
        .map(str::len)
        .sum();
    let line = source.text[line_start..].lines().next().unwrap_or("");
    let column_byte: usize = line
        .chars()
        .take(location.column - 1)
        .map(char::len_utf8)
        .sum();
    let rest = &line[column_byte.min(line.len())..];
    let token = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | '}' | ']' | ':'))
        .map_or(rest.len(), |(i, _)| i)
        .max(rest.chars().next().map_or(0, char::len_utf8));
    Some((line_start + column_byte, token))
}

/// One problem as a miette diagnostic.
struct Diag<'a> {
    problem: &'a Problem,
    source: &'a NamedSource<String>,
    span: Option<(usize, usize)>,
    file: &'a str,
}

impl std::fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.problem)
    }
}

impl std::fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.problem.location {
            Some(at) => write!(f, "{}:{at}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "{} [{}]", self.problem.message, self.problem.code)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.problem
            .hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span.map(|_| self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (start, len) = self.span?;
        let label = if self.problem.path.is_empty() {
            "here".to_string()
        } else {
            self.problem.path.clone()
        };
        Some(Box::new(std::iter::once(LabeledSpan::at(
            start..start + len,
            label,
        ))))
    }
}
