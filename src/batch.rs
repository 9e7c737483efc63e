//! `pathfit batch`: scores a whole class or district in one streaming pass.
//! Respondents come from CSV (one column per question) or JSON Lines; each
//! gets one output row in input order. Memory stays flat however many rows
//! there are; a bad row is reported and the rest are still scored.

use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::Error;
use crate::answers::{AnswerSet, RawAnswer, question_for, resolve, resolve_cell};
use crate::bank::{Bank, bundled};
use crate::engine::{Assessment, Scorer, Verdict};
use crate::output::{self, WriteError};
use crate::source::did_you_mean;

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Respondents: CSV (a `respondent` column and one column per question
    /// id) or JSON Lines (`{"respondent": …, "answers": {…}}` per line).
    #[arg(long, value_name = "FILE")]
    pub answers: PathBuf,
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file.
    #[arg(long, value_name = "FILE|NAME", default_value = bundled::DEFAULT_BANK)]
    pub bank: String,
    /// Write results to FILE (replaced atomically at the end) instead of
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format, one row per respondent.
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    pub format: BatchFormat,
    /// Also write the summary to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Stop at the first bad row (exit 65) instead of scoring the rest.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
}

/// The input's format, from its extension or, failing that, its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Csv,
    Jsonl,
}

impl InputKind {
    pub fn detect(path: &Path, start: &[u8]) -> InputKind {
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => InputKind::Csv,
            Some("jsonl" | "ndjson") => InputKind::Jsonl,
            _ => {
                let first = start.iter().find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'{') {
                    InputKind::Jsonl
                } else {
                    InputKind::Csv
                }
            }
        }
    }
}

/// A respondent that could not be scored.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// The line of the input where the row starts.
    pub line: u64,
    pub respondent: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.respondent.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(
                f,
                "line {} (respondent `{}`): {}",
                self.line, self.respondent, self.message
            )
        }
    }
}

#[derive(Debug, Error)]
pub enum BatchError {
    #[error("{file}: {message}")]
    Input { file: String, message: String },
    #[error("{file}: {row}; stopped there because of --strict")]
    Strict { file: String, row: RowError },
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error(
        "{file}: {failed} of {total} respondents could not be scored (listed above); the others are in the output"
    )]
    SomeFailed {
        file: String,
        failed: usize,
        total: usize,
    },
}

impl BatchError {
    pub fn exit_code(&self) -> i32 {
        match self {
            BatchError::Read { .. } => crate::exit::NO_INPUT,
            _ => crate::exit::DATA,
        }
    }
}

/// Counts and means over all respondents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub scored: usize,
    pub failed: usize,
    /// Role id -> respondents recommended it.
    pub roles: IndexMap<String, usize>,
    pub verdicts: IndexMap<&'static str, usize>,
    /// Dimension id -> mean score over the respondents it was measured for.
    pub mean_scores: IndexMap<String, Option<f64>>,
    #[serde(skip)]
    sums: Vec<(f64, usize)>,
}

impl Summary {
    fn new(bank: &Bank) -> Self {
        Summary {
            scored: 0,
            failed: 0,
            roles: bank.roles.iter().map(|r| (r.id.clone(), 0)).collect(),
            verdicts: ["clear", "lean", "close"]
                .into_iter()
                .map(|v| (v, 0))
                .collect(),
            mean_scores: IndexMap::new(),
            sums: vec![(0.0, 0); bank.dimensions.len()],
        }
    }

    fn add(&mut self, result: &Assessment) {
        self.scored += 1;
        self.roles[result.recommendation.role] += 1;
        // Positions fixed in `new`: clear, lean, close.
        let slot = match result.recommendation.verdict {
            Verdict::Clear => 0,
            Verdict::Lean => 1,
            Verdict::Close => 2,
        };
        self.verdicts[slot] += 1;
        for d in &result.dimensions {
            if let Some(score) = d.score {
                self.sums[d.dimension].0 += score;
                self.sums[d.dimension].1 += 1;
            }
        }
    }

    fn finish(&mut self, bank: &Bank) {
        self.mean_scores = bank
            .dimensions
            .iter()
            .zip(&self.sums)
            .map(|(d, (sum, n))| (d.id.clone(), (*n > 0).then(|| sum / *n as f64)))
            .collect();
    }

    /// The summary for people, on standard error.
    pub fn describe(&self) -> String {
        let roles: Vec<String> = self.roles.iter().map(|(r, n)| format!("{r} {n}")).collect();
        let verdicts: Vec<String> = self
            .verdicts
            .iter()
            .map(|(v, n)| format!("{v} {n}"))
            .collect();
        let means: Vec<String> = self
            .mean_scores
            .iter()
            .map(|(d, m)| match m {
                Some(m) => format!("{d} {:.0}%", m * 100.0),
                None => format!("{d} -"),
            })
            .collect();
        format!(
            "{} respondents scored, {} failed\n  recommended: {}\n  verdicts: {}\n  mean scores: {}",
            self.scored,
            self.failed,
            roles.join(", "),
            verdicts.join(", "),
            means.join(", ")
        )
    }
}

/// Writes result rows in CSV or JSON Lines.
struct RowWriter<'w> {
    format: BatchFormat,
    csv: Option<csv::Writer<&'w mut dyn Write>>,
    raw: Option<&'w mut dyn Write>,
    number: ryu::Buffer,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    respondent: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    runner_up: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fits: Option<IndexMap<&'a str, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<IndexMap<&'a str, Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl<'w> RowWriter<'w> {
    fn new(format: BatchFormat, out: &'w mut dyn Write, bank: &Bank) -> io::Result<Self> {
        let mut writer = RowWriter {
            format,
            csv: None,
            raw: None,
            number: ryu::Buffer::new(),
        };
        match format {
            BatchFormat::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .buffer_capacity(1 << 16)
                    .from_writer(out);
                let mut header: Vec<String> =
                    ["respondent", "role", "runner_up", "verdict", "margin"]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                header.extend(bank.roles.iter().map(|r| format!("fit:{}", r.id)));
                header.extend(bank.dimensions.iter().map(|d| format!("score:{}", d.id)));
                header.push("error".to_string());
                csv.write_record(&header).map_err(io::Error::other)?;
                writer.csv = Some(csv);
            }
            BatchFormat::Jsonl => writer.raw = Some(out),
        }
        Ok(writer)
    }

    fn result(&mut self, bank: &Bank, respondent: &str, result: &Assessment) -> io::Result<()> {
        let rec = result.recommendation;
        match self.format {
            BatchFormat::Csv => {
                let csv = self.csv.as_mut().expect("csv writer");
                csv.write_field(respondent)?;
                csv.write_field(&bank.roles[rec.role].id)?;
                csv.write_field(&bank.roles[rec.runner_up].id)?;
                csv.write_field(rec.verdict.as_str())?;
                csv.write_field(self.number.format(rec.margin))?;
                for role in 0..bank.roles.len() {
                    csv.write_field(self.number.format(result.fit_of(role)))?;
                }
                for d in &result.dimensions {
                    match d.score {
                        Some(score) => csv.write_field(self.number.format(score))?,
                        None => csv.write_field("")?,
                    }
                }
                csv.write_field("")?;
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)
            }
            BatchFormat::Jsonl => {
                let row = JsonRow {
                    respondent,
                    role: Some(&bank.roles[rec.role].id),
                    runner_up: Some(&bank.roles[rec.runner_up].id),
                    verdict: Some(rec.verdict.as_str()),
                    margin: Some(rec.margin),
                    fits: Some(
                        (0..bank.roles.len())
                            .map(|r| (bank.roles[r].id.as_str(), result.fit_of(r)))
                            .collect(),
                    ),
                    scores: Some(
                        result
                            .dimensions
                            .iter()
                            .map(|d| (bank.dimensions[d.dimension].id.as_str(), d.score))
                            .collect(),
                    ),
                    error: None,
                };
                let out = self.raw.as_mut().expect("raw writer");
                serde_json::to_writer(&mut **out, &row)?;
                out.write_all(b"\n")
            }
        }
    }

    fn failure(&mut self, bank: &Bank, respondent: &str, error: &str) -> io::Result<()> {
        match self.format {
            BatchFormat::Csv => {
                let csv = self.csv.as_mut().expect("csv writer");
                csv.write_field(respondent)?;
                for _ in 0..4 + bank.roles.len() + bank.dimensions.len() {
                    csv.write_field("")?;
                }
                csv.write_field(error)?;
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)
            }
            BatchFormat::Jsonl => {
                let row = JsonRow {
                    respondent,
                    role: None,
                    runner_up: None,
                    verdict: None,
                    margin: None,
                    fits: None,
                    scores: None,
                    error: Some(error),
                };
                let out = self.raw.as_mut().expect("raw writer");
                serde_json::to_writer(&mut **out, &row)?;
                out.write_all(b"\n")
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        match self.csv {
            Some(mut csv) => csv.flush(),
            None => self.raw.map_or(Ok(()), |out| out.flush()),
        }
    }
}

/// One respondent as read, before scoring.
struct Respondent {
    line: u64,
    id: String,
    answers: Result<AnswerSet, String>,
}

/// Scores every respondent from `input` into `out`. `on_error` hears about
/// each bad row as it is met; `progress` gets the bytes read so far.
#[allow(clippy::too_many_arguments)]
pub fn run(
    bank: &Bank,
    file: &str,
    input: impl Read,
    kind: InputKind,
    out: &mut dyn Write,
    format: BatchFormat,
    strict: bool,
    on_error: &mut dyn FnMut(&RowError),
    progress: &mut dyn FnMut(u64),
) -> Result<Summary, BatchRunError> {
    let scorer = Scorer::new(bank);
    let mut summary = Summary::new(bank);
    let mut writer = RowWriter::new(format, out, bank)?;
    let mut handle = |r: Respondent,
                      summary: &mut Summary,
                      writer: &mut RowWriter<'_>|
     -> Result<(), BatchRunError> {
        let outcome = r.answers.and_then(|answers| {
            scorer
                .score_without_reasons(&answers)
                .map_err(|e| e.to_string())
        });
        match outcome {
            Ok(result) => {
                summary.add(&result);
                writer.result(bank, &r.id, &result)?;
            }
            Err(message) => {
                summary.failed += 1;
                let row = RowError {
                    line: r.line,
                    respondent: r.id.clone(),
                    message,
                };
                on_error(&row);
                if strict {
                    return Err(BatchRunError::Batch(BatchError::Strict {
                        file: file.to_string(),
                        row,
                    }));
                }
                writer.failure(bank, &r.id, &row.message)?;
            }
        }
        Ok(())
    };
    match kind {
        InputKind::Csv => read_csv(
            bank,
            file,
            input,
            &mut |r, s| handle(r, s, &mut writer),
            &mut summary,
            progress,
        )?,
        InputKind::Jsonl => read_jsonl(
            bank,
            file,
            input,
            &mut |r, s| handle(r, s, &mut writer),
            &mut summary,
            progress,
        )?,
    }
    writer.finish()?;
    summary.finish(bank);
    Ok(summary)
}

/// A batch that failed as a whole, or could not write.
#[derive(Debug, Error)]
pub enum BatchRunError {
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Write(#[from] io::Error),
}

type Handler<'a> = dyn FnMut(Respondent, &mut Summary) -> Result<(), BatchRunError> + 'a;

fn read_csv(
    bank: &Bank,
    file: &str,
    input: impl Read,
    handle: &mut Handler<'_>,
    summary: &mut Summary,
    progress: &mut dyn FnMut(u64),
) -> Result<(), BatchRunError> {
    let input_error = |message: String| BatchError::Input {
        file: file.to_string(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .buffer_capacity(1 << 16)
        .has_headers(true)
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| input_error(format!("cannot read the header row: {e}")))?
        .clone();
    let Some(respondent_column) = headers
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}') == "respondent")
    else {
        return Err(input_error(
            "the header has no `respondent` column; add one naming each student (any text)"
                .to_string(),
        )
        .into());
    };
    // Column -> question index.
    let mut columns: Vec<Option<usize>> = Vec::with_capacity(headers.len());
    let mut seen = std::collections::HashSet::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim().trim_start_matches('\u{feff}');
        if !seen.insert(name.to_string()) {
            return Err(
                input_error(format!("the column `{name}` appears twice in the header")).into(),
            );
        }
        if i == respondent_column {
            columns.push(None);
            continue;
        }
        match bank.question_index(name) {
            Some(q) => columns.push(Some(q)),
            None => {
                return Err(input_error(format!(
                    "the header names `{name}` (column {}), which is not a question of the bank `{}`; {}",
                    i + 1,
                    bank.id,
                    did_you_mean(
                        name,
                        std::iter::once("respondent").chain(bank.questions.iter().map(|q| q.id.as_str())),
                        "allowed columns"
                    )
                ))
                .into());
            }
        }
    }
    let mut record = csv::StringRecord::new();
    let mut rows = 0u64;
    loop {
        let line = reader.position().line() + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                let id = record
                    .get(respondent_column)
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let answers = if record.len() != headers.len() {
                    Err(format!(
                        "the row has {} cells but the header has {}",
                        record.len(),
                        headers.len()
                    ))
                } else {
                    answers_from_cells(bank, &columns, &record)
                };
                handle(Respondent { line, id, answers }, summary)?;
            }
            Err(err) => match err.kind() {
                csv::ErrorKind::UnequalLengths {
                    pos,
                    expected_len,
                    len,
                } => {
                    let line = pos.as_ref().map_or(line, |p| p.line());
                    handle(
                        Respondent {
                            line,
                            id: String::new(),
                            answers: Err(format!(
                                "the row has {len} cells but the header has {expected_len}"
                            )),
                        },
                        summary,
                    )?;
                }
                csv::ErrorKind::Utf8 { pos, .. } => {
                    let line = pos.as_ref().map_or(line, |p| p.line());
                    handle(
                        Respondent {
                            line,
                            id: String::new(),
                            answers: Err("the row is not UTF-8 text".to_string()),
                        },
                        summary,
                    )?;
                }
                _ => {
                    return Err(BatchError::Read {
                        file: file.to_string(),
                        source: io::Error::other(err.to_string()),
                    }
                    .into());
                }
            },
        }
        rows += 1;
        if rows.is_multiple_of(4096) {
            progress(reader.position().byte());
        }
    }
    progress(reader.position().byte());
    Ok(())
}

fn answers_from_cells(
    bank: &Bank,
    columns: &[Option<usize>],
    record: &csv::StringRecord,
) -> Result<AnswerSet, String> {
    let mut answers = AnswerSet::new(bank);
    for (cell, column) in record.iter().zip(columns) {
        let Some(q) = *column else { continue };
        let question = &bank.questions[q];
        let answer = resolve_cell(question, cell)
            .map_err(|m| format!("`{}`: {}; {}", question.id, m.message, m.hint))?;
        answers.set(q, answer);
    }
    Ok(answers)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonLine {
    respondent: serde_json::Value,
    #[serde(default)]
    answers: IndexMap<String, RawAnswer>,
}

fn read_jsonl(
    bank: &Bank,
    file: &str,
    input: impl Read,
    handle: &mut Handler<'_>,
    summary: &mut Summary,
    progress: &mut dyn FnMut(u64),
) -> Result<(), BatchRunError> {
    let mut reader = BufReader::new(input);
    let mut buffer = String::new();
    let (mut line, mut bytes) = (0u64, 0u64);
    loop {
        buffer.clear();
        let read = match reader.read_line(&mut buffer) {
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                line += 1;
                handle(
                    Respondent {
                        line,
                        id: String::new(),
                        answers: Err("the line is not UTF-8 text".to_string()),
                    },
                    summary,
                )?;
                // Skip the rest of the bad line.
                let mut rest = Vec::new();
                reader
                    .read_until(b'\n', &mut rest)
                    .map_err(|source| BatchError::Read {
                        file: file.to_string(),
                        source,
                    })?;
                continue;
            }
            Err(source) => {
                return Err(BatchError::Read {
                    file: file.to_string(),
                    source,
                }
                .into());
            }
        };
        if read == 0 {
            break;
        }
        line += 1;
        bytes += read as u64;
        let text = buffer.trim();
        if text.is_empty() {
            continue;
        }
        let respondent = match serde_json::from_str::<JsonLine>(text) {
            Ok(parsed) => {
                let id = match &parsed.respondent {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let mut answers = AnswerSet::new(bank);
                let mut problem = None;
                for (qid, raw) in &parsed.answers {
                    let q = match question_for(bank, qid) {
                        Ok(q) => q,
                        Err(m) => {
                            problem = Some(format!("{}; {}", m.message, m.hint));
                            break;
                        }
                    };
                    match resolve(&bank.questions[q], raw) {
                        Ok(answer) => answers.set(q, answer),
                        Err(m) => {
                            problem = Some(format!("`{qid}`: {}; {}", m.message, m.hint));
                            break;
                        }
                    }
                }
                Respondent {
                    line,
                    id,
                    answers: problem.map_or(Ok(answers), Err),
                }
            }
            Err(err) => Respondent {
                line,
                id: String::new(),
                answers: Err(format!(
                    "not a respondent object ({err}); write {{\"respondent\": \"id\", \"answers\": {{…}}}}"
                )),
            },
        };
        handle(respondent, summary)?;
        if line.is_multiple_of(4096) {
            progress(bytes);
        }
    }
    progress(bytes);
    Ok(())
}

/// The command: files, progress bar, summary, exit code.
pub fn batch(args: &BatchArgs) -> Result<(), Error> {
    let bank = bundled::resolve(Some(&args.bank))?;
    let file = args.answers.display().to_string();
    let read_error = |source: io::Error| BatchError::Read {
        file: file.clone(),
        source,
    };
    let opened = std::fs::File::open(&args.answers).map_err(read_error)?;
    let length = opened.metadata().map(|m| m.len()).unwrap_or(0);
    if opened.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(read_error(io::Error::other("it is a directory, not a file")).into());
    }
    let mut input = BufReader::with_capacity(1 << 16, opened);
    let start = input.fill_buf().map_err(read_error)?;
    let kind = InputKind::detect(&args.answers, start);

    let bar = if std::io::stderr().is_terminal() && length > 4 * 1024 * 1024 {
        indicatif::ProgressBar::new(length)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut on_error = |row: &RowError| {
        bar.suspend(|| eprintln!("{file}: {row}"));
    };
    let mut progress = |bytes: u64| bar.set_position(bytes);
    let mut outcome: Option<Result<Summary, BatchRunError>> = None;
    let written = output::write_to(args.output.as_deref(), |out| {
        let result = run(
            &bank,
            &file,
            &mut input,
            kind,
            out,
            args.format,
            args.strict,
            &mut on_error,
            &mut progress,
        );
        match result {
            Err(BatchRunError::Write(err)) => Err(err),
            // Refuse to keep the output of a run that stopped.
            Err(other) => {
                outcome = Some(Err(other));
                Err(io::Error::other("stopped"))
            }
            Ok(summary) => {
                outcome = Some(Ok(summary));
                Ok(())
            }
        }
    });
    bar.finish_and_clear();
    let summary = match outcome {
        Some(Ok(summary)) => {
            written?;
            summary
        }
        Some(Err(BatchRunError::Batch(err))) => return Err(err.into()),
        Some(Err(BatchRunError::Write(err))) => {
            return Err(WriteError {
                path: args
                    .output
                    .clone()
                    .unwrap_or_else(|| "<standard output>".into()),
                source: err,
            }
            .into());
        }
        None => {
            written?;
            return Ok(());
        }
    };
    eprintln!("{}", summary.describe());
    if let Some(path) = &args.summary {
        output::write_atomic(path, |out| {
            serde_json::to_writer_pretty(&mut *out, &summary)?;
            writeln!(out)
        })?;
    }
    if summary.failed > 0 {
        return Err(BatchError::SomeFailed {
            file,
            failed: summary.failed,
            total: summary.failed + summary.scored,
        }
        .into());
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file.
    #[arg(long, value_name = "FILE|NAME", default_value = bundled::DEFAULT_BANK)]
    pub bank: String,
    /// How many respondents.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub respondents: u64,
    /// The same seed writes the same respondents.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// `csv` or `jsonl`, as `batch` reads them.
    #[arg(long, value_enum, default_value_t = BatchFormat::Csv)]
    pub format: BatchFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// One in this many random answers is left empty (skipped).
const SAMPLE_SKIP: u64 = 20;

/// Writes `n` random respondents for `bank` (seeded, reproducible) in the
/// format `batch` reads: for trying batch, tests and benchmarks.
pub fn write_sample(
    bank: &Bank,
    n: u64,
    seed: u64,
    format: BatchFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    use crate::answers::{Answer, answer_value};
    use rand_chacha::rand_core::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let candidates: Vec<Vec<Option<Answer>>> = bank
        .questions
        .iter()
        .map(|q| crate::answers::candidates(&q.kind))
        .collect();
    let mut draw = || -> Vec<Option<Answer>> {
        candidates
            .iter()
            .map(|options| {
                let skip = crate::quiz::order::below(&mut rng, SAMPLE_SKIP) == 0;
                // Index 0 is the skip itself.
                let pick =
                    1 + crate::quiz::order::below(&mut rng, options.len() as u64 - 1) as usize;
                if skip { None } else { options[pick].clone() }
            })
            .collect()
    };
    match format {
        BatchFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            let header =
                std::iter::once("respondent").chain(bank.questions.iter().map(|q| q.id.as_str()));
            csv.write_record(header).map_err(io::Error::other)?;
            for i in 1..=n {
                csv.write_field(format!("s{i:07}"))
                    .map_err(io::Error::other)?;
                for (q, answer) in draw().iter().enumerate() {
                    let text = match answer {
                        None => String::new(),
                        // `;` alone: answered, none of the options.
                        Some(Answer::Multi(chosen)) if chosen.is_empty() => ";".to_string(),
                        Some(a) => match answer_value(&bank.questions[q], a) {
                            serde_json::Value::Array(ids) => ids
                                .iter()
                                .filter_map(|v| v.as_str())
                                .collect::<Vec<_>>()
                                .join(";"),
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        },
                    };
                    csv.write_field(text).map_err(io::Error::other)?;
                }
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)?;
            }
            csv.flush()
        }
        BatchFormat::Jsonl => {
            for i in 1..=n {
                let drawn = draw();
                let answers: IndexMap<&str, serde_json::Value> = drawn
                    .iter()
                    .enumerate()
                    .filter_map(|(q, a)| {
                        let a = a.as_ref()?;
                        Some((
                            bank.questions[q].id.as_str(),
                            answer_value(&bank.questions[q], a),
                        ))
                    })
                    .collect();
                serde_json::to_writer(
                    &mut *out,
                    &serde_json::json!({ "respondent": format!("s{i:07}"), "answers": answers }),
                )?;
                out.write_all(b"\n")?;
            }
            out.flush()
        }
    }
}

pub fn sample(args: &SampleArgs) -> Result<(), Error> {
    let bank = bundled::resolve(Some(&args.bank))?;
    output::write_to(args.output.as_deref(), |out| {
        write_sample(&bank, args.respondents, args.seed, args.format, out)
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::file;
    use crate::source::SourceFile;
    use proptest::prelude::*;

    fn run_to_jsonl(bank: &Bank, input: &[u8], kind: InputKind) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        run(
            bank,
            "t",
            input,
            kind,
            &mut out,
            BatchFormat::Jsonl,
            false,
            &mut |_| {},
            &mut |_| {},
        )
        .unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Generated respondents give the same rows from CSV and from JSON
        /// Lines, and each row equals scoring that respondent's answers as
        /// an answers file.
        #[test]
        fn batch_rows_equal_scoring_each_respondent(seed in any::<u64>(), bank_id in prop::sample::select(vec!["healthcare", "interests"])) {
            let bank = bundled::find(bank_id).unwrap().load().unwrap();
            let (mut csv, mut jsonl) = (Vec::new(), Vec::new());
            write_sample(&bank, 20, seed, BatchFormat::Csv, &mut csv).unwrap();
            write_sample(&bank, 20, seed, BatchFormat::Jsonl, &mut jsonl).unwrap();
            let from_csv = run_to_jsonl(&bank, &csv, InputKind::Csv);
            let from_jsonl = run_to_jsonl(&bank, &jsonl, InputKind::Jsonl);
            prop_assert_eq!(&from_csv, &from_jsonl);
            let scorer = Scorer::new(&bank);
            for (line, row) in String::from_utf8(jsonl).unwrap().lines().zip(&from_jsonl) {
                let respondent: serde_json::Value = serde_json::from_str(line).unwrap();
                let text = serde_json::json!({ "answers": respondent["answers"] }).to_string();
                let answers = file::read(SourceFile::new("r.json", text), &bank).unwrap();
                match scorer.score_without_reasons(&answers) {
                    Ok(result) => {
                        let rec = result.recommendation;
                        prop_assert_eq!(&row["role"], &serde_json::json!(bank.roles[rec.role].id));
                        prop_assert_eq!(&row["verdict"], &serde_json::json!(rec.verdict.as_str()));
                        prop_assert_eq!(row["margin"].as_f64().unwrap(), rec.margin);
                        for fit in &result.fits {
                            prop_assert_eq!(row["fits"][&bank.roles[fit.role].id].as_f64().unwrap(), fit.fit);
                        }
                        for d in &result.dimensions {
                            prop_assert_eq!(row["scores"][&bank.dimensions[d.dimension].id].as_f64(), d.score);
                        }
                    }
                    Err(_) => prop_assert!(row.get("error").is_some()),
                }
            }
        }
    }

    #[test]
    fn input_kind_is_told_by_extension_then_content() {
        assert_eq!(InputKind::detect(Path::new("a.csv"), b"{"), InputKind::Csv);
        assert_eq!(
            InputKind::detect(Path::new("a.jsonl"), b"respondent"),
            InputKind::Jsonl
        );
        assert_eq!(
            InputKind::detect(Path::new("a"), b"  \n{\"respondent\""),
            InputKind::Jsonl
        );
        assert_eq!(
            InputKind::detect(Path::new("a.txt"), b"respondent,q"),
            InputKind::Csv
        );
    }
}
