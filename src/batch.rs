//! Scoring a whole class or district in one streaming pass: respondents
//! come from a table ([`Respondents`]), each gets one result row in input
//! order, and a [`Summary`] counts them. Memory stays flat however many rows
//! there are, and whatever a cell holds; a bad row is reported (its
//! respondent quoted short and escaped) and the rest are still scored.
//! Result rows keep respondent ids byte for byte, unless they are shown on
//! a terminal, where what would act on it is escaped. Files, progress bars
//! and exit codes are the command's business, not this one's.

use std::borrow::Cow;
use std::io::{self, Read, Write};

use indexmap::IndexMap;
use serde::Serialize;
use thiserror::Error;

use crate::answers::tabular::{Respondents, TableError, TableFormat};
use crate::bank::{Bank, VerdictCounts};
use crate::diag::render::plain;
use crate::engine::{Assessment, Scorer};
use crate::visible::{excerpt, visible};

/// A respondent that could not be scored.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// The line of the input where the row starts.
    pub line: u64,
    pub respondent: String,
    pub message: String,
}

/// For people: the respondent as a short, escaped excerpt, the message
/// escaped and cut, so that a row of megabytes costs a line.
impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = plain(&self.message);
        if self.respondent.is_empty() {
            write!(f, "line {}: {message}", self.line)
        } else {
            write!(
                f,
                "line {} (respondent `{}`): {message}",
                self.line,
                excerpt(&self.respondent)
            )
        }
    }
}

/// Why a batch stopped, or what it ended with.
#[derive(Debug, Error)]
pub enum BatchError {
    #[error(transparent)]
    Table(#[from] TableError),
    #[error("{file}: {row}; stopped there because of --strict")]
    Strict { file: String, row: RowError },
    #[error("{file}: cannot write the results: {source}")]
    Write {
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

/// Counts and means over all respondents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub scored: usize,
    pub failed: usize,
    /// Role id -> respondents recommended it.
    pub roles: IndexMap<String, usize>,
    pub verdicts: VerdictCounts,
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
            verdicts: VerdictCounts::default(),
            mean_scores: IndexMap::new(),
            sums: vec![(0.0, 0); bank.dimensions.len()],
        }
    }

    fn add(&mut self, result: &Assessment) {
        self.scored += 1;
        self.roles[result.recommendation.role] += 1;
        self.verdicts.add(result.recommendation.verdict);
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

    /// The summary for people, on standard error (the bank's ids escaped).
    pub fn describe(&self) -> String {
        let roles: Vec<String> = self
            .roles
            .iter()
            .map(|(r, n)| format!("{} {n}", visible(r)))
            .collect();
        let verdicts: Vec<String> = self
            .verdicts
            .iter()
            .map(|(v, n)| format!("{} {n}", v.as_str()))
            .collect();
        let means: Vec<String> = self
            .mean_scores
            .iter()
            .map(|(d, m)| match m {
                Some(m) => format!("{} {:.0}%", visible(d), m * 100.0),
                None => format!("{} -", visible(d)),
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
    format: TableFormat,
    csv: Option<csv::Writer<&'w mut dyn Write>>,
    raw: Option<&'w mut dyn Write>,
    number: ryu::Buffer,
    /// The rows are shown on a terminal: escape what would act on it.
    terminal: bool,
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
    fits: Option<IndexMap<Cow<'a, str>, f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<IndexMap<Cow<'a, str>, Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl<'w> RowWriter<'w> {
    fn new(
        format: TableFormat,
        out: &'w mut dyn Write,
        bank: &Bank,
        terminal: bool,
    ) -> io::Result<Self> {
        let mut writer = RowWriter {
            format,
            csv: None,
            raw: None,
            number: ryu::Buffer::new(),
            terminal,
        };
        match format {
            TableFormat::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .buffer_capacity(1 << 16)
                    .from_writer(out);
                let mut header: Vec<String> =
                    ["respondent", "role", "runner_up", "verdict", "margin"]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                header.extend(
                    bank.roles
                        .iter()
                        .map(|r| format!("fit:{}", shown(terminal, &r.id))),
                );
                header.extend(
                    bank.dimensions
                        .iter()
                        .map(|d| format!("score:{}", shown(terminal, &d.id))),
                );
                header.push("error".to_string());
                csv.write_record(&header).map_err(io::Error::other)?;
                writer.csv = Some(csv);
            }
            TableFormat::Jsonl => writer.raw = Some(out),
        }
        Ok(writer)
    }

    fn result(&mut self, bank: &Bank, respondent: &str, result: &Assessment) -> io::Result<()> {
        let rec = result.recommendation;
        let terminal = self.terminal;
        let respondent = &*shown(terminal, respondent);
        let role = &*shown(terminal, &bank.roles[rec.role].id);
        let runner_up = &*shown(terminal, &bank.roles[rec.runner_up].id);
        match self.format {
            TableFormat::Csv => {
                let csv = self.csv.as_mut().expect("csv writer");
                csv.write_field(respondent)?;
                csv.write_field(role)?;
                csv.write_field(runner_up)?;
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
            TableFormat::Jsonl => {
                let row = JsonRow {
                    respondent,
                    role: Some(role),
                    runner_up: Some(runner_up),
                    verdict: Some(rec.verdict.as_str()),
                    margin: Some(rec.margin),
                    fits: Some(
                        (0..bank.roles.len())
                            .map(|r| (shown(terminal, &bank.roles[r].id), result.fit_of(r)))
                            .collect(),
                    ),
                    scores: Some(
                        result
                            .dimensions
                            .iter()
                            .map(|d| (shown(terminal, &bank.dimensions[d.dimension].id), d.score))
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
        let respondent = &*shown(self.terminal, respondent);
        let error = &*shown(self.terminal, error);
        match self.format {
            TableFormat::Csv => {
                let csv = self.csv.as_mut().expect("csv writer");
                csv.write_field(respondent)?;
                for _ in 0..4 + bank.roles.len() + bank.dimensions.len() {
                    csv.write_field("")?;
                }
                csv.write_field(error)?;
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)
            }
            TableFormat::Jsonl => {
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

/// `text` as a result row holds it: exact, or escaped for a terminal.
fn shown(terminal: bool, text: &str) -> Cow<'_, str> {
    if terminal {
        visible(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// What to tell the caller while the batch runs.
pub struct Progress<'a> {
    /// Hears about each bad row as it is met.
    pub on_error: &'a mut dyn FnMut(&RowError),
    /// Gets the bytes of input read so far, now and then.
    pub on_bytes: &'a mut dyn FnMut(u64),
}

/// How often (in rows) the progress hears how far the input is read.
const PROGRESS_EVERY: u64 = 4096;

/// Scores every respondent of `respondents` into `out`, one row each in
/// `format`. With `strict` the first bad row stops it. With `terminal`
/// (`out` is shown on one) respondent ids, ids and messages in the rows are
/// escaped with [`visible`]; otherwise they are written byte for byte.
pub fn run<R: Read>(
    bank: &Bank,
    mut respondents: Respondents<'_, R>,
    out: &mut dyn Write,
    format: TableFormat,
    strict: bool,
    terminal: bool,
    progress: Progress<'_>,
) -> Result<Summary, BatchError> {
    let file = respondents.file().to_string();
    let write_error = |source| BatchError::Write {
        file: file.clone(),
        source,
    };
    let scorer = Scorer::new(bank);
    let mut summary = Summary::new(bank);
    let mut writer = RowWriter::new(format, out, bank, terminal).map_err(write_error)?;
    let mut rows = 0u64;
    while let Some(respondent) = respondents.next() {
        let r = respondent?;
        let outcome = r.answers.and_then(|answers| {
            scorer
                .score_without_reasons(&answers)
                .map_err(|e| e.to_string())
        });
        match outcome {
            Ok(result) => {
                summary.add(&result);
                writer.result(bank, &r.id, &result).map_err(write_error)?;
            }
            Err(message) => {
                summary.failed += 1;
                let row = RowError {
                    line: r.line,
                    respondent: r.id,
                    message,
                };
                (progress.on_error)(&row);
                if strict {
                    return Err(BatchError::Strict { file, row });
                }
                writer
                    .failure(bank, &row.respondent, &row.message)
                    .map_err(write_error)?;
            }
        }
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) {
            (progress.on_bytes)(respondents.bytes_read());
        }
    }
    (progress.on_bytes)(respondents.bytes_read());
    writer.finish().map_err(write_error)?;
    summary.finish(bank);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::file;
    use crate::answers::tabular::write_respondents;
    use crate::bank::bundled;
    use crate::engine::sample::Sampler;
    use crate::input::source::SourceFile;
    use proptest::prelude::*;

    fn run_to_jsonl(bank: &Bank, input: &[u8], kind: TableFormat) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        let respondents = Respondents::open(bank, "t", input, kind).unwrap();
        let progress = Progress {
            on_error: &mut |_| {},
            on_bytes: &mut |_| {},
        };
        run(
            bank,
            respondents,
            &mut out,
            TableFormat::Jsonl,
            false,
            false,
            progress,
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
            write_respondents(&bank, TableFormat::Csv, Sampler::new(&bank, seed).take(20), &mut csv).unwrap();
            write_respondents(&bank, TableFormat::Jsonl, Sampler::new(&bank, seed).take(20), &mut jsonl).unwrap();
            let from_csv = run_to_jsonl(&bank, &csv, TableFormat::Csv);
            let from_jsonl = run_to_jsonl(&bank, &jsonl, TableFormat::Jsonl);
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
}
