//! Flags that several commands share, declared once: `--bank`, `--output`,
//! `--color` and the format choices. Library types get their command-line
//! names here, so nothing below `cli` knows about clap.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::answers::tabular::{Respondents, TableFormat};
use crate::bank::Bank;
use crate::bank::bundled::{BankSpec, DEFAULT_BANK};

/// `--bank FILE|NAME`, for every command that reads one bank.
#[derive(Debug, Clone, clap::Args)]
pub struct BankArg {
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file.
    #[arg(long = "bank", value_name = "FILE|NAME", default_value = DEFAULT_BANK, value_parser = parse_bank)]
    pub spec: BankSpec,
}

impl BankArg {
    /// The bank file, when `--bank` names one rather than a bundled bank.
    pub fn path(&self) -> Option<&Path> {
        match &self.spec {
            BankSpec::File(path) => Some(path),
            _ => None,
        }
    }
}

/// What `--bank` said, as clap hands it over. Never fails: an unknown name
/// is a missing input (exit 66), reported when the bank is loaded.
pub fn parse_bank(text: &str) -> Result<BankSpec, Infallible> {
    Ok(BankSpec::parse(text))
}

/// `--output FILE`, for every command that writes a result.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArg {
    /// Write to FILE instead of standard output (`-`: standard output). A
    /// file is replaced atomically once the output is complete, keeping its
    /// mode; a symlink is written through, a FIFO or device such as
    /// /dev/null straight into. FILE may not be one of the inputs.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArg {
    /// The file to write, or `None` for standard output.
    pub fn path(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| *p != Path::new("-"))
    }
}

/// `--color`, for every command (it is global).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether to colour (and style) output going to a stream that
    /// `is_terminal` or not. `auto` says no when `NO_COLOR` is set (not
    /// empty) or `TERM` is `dumb`, a terminal that shows escape codes as
    /// they are.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                    && is_terminal
            }
        }
    }
}

/// `text` for people, `json` for programs: `validate` and `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

impl ValueEnum for TableFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[TableFormat::Csv, TableFormat::Jsonl]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            TableFormat::Csv => PossibleValue::new("csv"),
            TableFormat::Jsonl => PossibleValue::new("jsonl"),
        })
    }
}

/// `--answers FILE` for the commands that read a whole class: CSV or JSON
/// Lines, `-` for standard input.
#[derive(Debug, Clone, clap::Args)]
pub struct TableArg {
    /// Respondents: CSV (a `respondent` column and one column per question
    /// id) or JSON Lines (`{"respondent": …, "answers": {…}}` per line);
    /// `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
}

/// A class's answers being read: the respondents (their header already
/// checked against the bank), the input's name for messages, and a
/// progress bar for reading them.
pub struct Reading<'b> {
    pub respondents: Respondents<'b, std::io::BufReader<Box<dyn std::io::Read + Send>>>,
    pub file: String,
    pub bar: indicatif::ProgressBar,
}

/// Inputs larger than this show a progress bar on a terminal.
const PROGRESS_BYTES: u64 = 4 * 1024 * 1024;

impl TableArg {
    /// Whether the answers come from standard input.
    pub fn is_stdin(&self) -> bool {
        self.answers == Path::new("-")
    }

    /// Opens the answers for `bank`: their format from the extension, else
    /// from the first bytes, and a CSV header checked here, before anything
    /// is written. A missing file or a folder is exit 66. The progress bar
    /// shows on standard error when it is a terminal and the input a large
    /// file (standard input has no size).
    pub fn read<'b>(&self, bank: &'b Bank) -> Result<Reading<'b>, crate::error::Error> {
        use std::io::{self, BufRead, IsTerminal};

        use crate::answers::tabular::TableError;
        use crate::batch::BatchError;
        let file = if self.is_stdin() {
            "<standard input>".to_string()
        } else {
            self.answers.display().to_string()
        };
        let read_error = |source: io::Error| {
            crate::error::Error::from(BatchError::Table(TableError::Read {
                file: file.clone(),
                source,
            }))
        };
        let (reader, size): (Box<dyn io::Read + Send>, Option<u64>) = if self.is_stdin() {
            (Box::new(io::stdin()), None)
        } else {
            let opened = std::fs::File::open(&self.answers).map_err(read_error)?;
            let metadata = opened.metadata().map_err(read_error)?;
            if metadata.is_dir() {
                return Err(read_error(io::Error::other(
                    "it is a directory, not a file",
                )));
            }
            (Box::new(opened), Some(metadata.len()))
        };
        let mut input = io::BufReader::with_capacity(1 << 16, reader);
        let start = input.fill_buf().map_err(read_error)?;
        let format = TableFormat::detect(&self.answers, start);
        let respondents =
            Respondents::open(bank, &file, input, format).map_err(BatchError::from)?;
        let bar = match size {
            Some(size) if io::stderr().is_terminal() && size > PROGRESS_BYTES => {
                indicatif::ProgressBar::new(size)
            }
            _ => indicatif::ProgressBar::hidden(),
        };
        Ok(Reading {
            respondents,
            file,
            bar,
        })
    }
}
