//! Scoring a whole class or district in one streaming pass: respondents
//! come from a table ([`Respondents`]), each gets one result row in input
//! order, and a [`Summary`] counts them. Memory stays flat however many rows
//! there are, and whatever a cell holds; a bad row is reported (its
//! respondent quoted short and escaped) and the rest are still scored.
//! Result rows keep respondent ids byte for byte, unless they are shown on
//! a terminal, where what would act on it is escaped. Files, progress bars
//! and exit codes are the command's business, not this one's.

mod pipeline;
mod rows;

use std::io::{self, Read, Write};

use indexmap::IndexMap;
use serde::Serialize;
use thiserror::Error;

use crate::answers::tabular::{Respondents, TableError, TableFormat};
use crate::bank::{Bank, Verdict, VerdictCounts};
use crate::diag::render::plain;
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

    /// Counts one respondent scored: the role recommended, the verdict
    /// and each dimension's score in bank order. Added in input order, so
    /// that the means are the same however the rows were scored.
    fn add(&mut self, role: usize, verdict: Verdict, scores: &[Option<f64>]) {
        self.scored += 1;
        self.roles[role] += 1;
        self.verdicts.add(verdict);
        for (sum, score) in self.sums.iter_mut().zip(scores) {
            if let Some(score) = score {
                sum.0 += score;
                sum.1 += 1;
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

/// What to tell the caller while the batch runs.
pub struct Progress<'a> {
    /// Hears about each bad row as it is met.
    pub on_error: &'a mut dyn FnMut(&RowError),
    /// Gets the bytes of input read so far, now and then.
    pub on_bytes: &'a mut dyn FnMut(u64),
}

/// How a batch runs.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The rows' format.
    pub format: TableFormat,
    /// The first bad row stops the batch.
    pub strict: bool,
    /// The rows are shown on a terminal: respondent ids, ids and messages
    /// in them are escaped with [`visible`]; otherwise they are written
    /// byte for byte.
    pub terminal: bool,
    /// How many threads score respondents (1: all on the calling thread).
    pub jobs: usize,
}

/// The most threads that score respondents, whatever is asked for.
pub const MAX_JOBS: usize = 256;

/// How many threads score respondents when not told: one per core this
/// process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_JOBS))
}

/// Scores every respondent of `respondents` into `out`, one row each in
/// `format`, on the calling thread. With `strict` the first bad row stops
/// it. With `terminal` (`out` is shown on one) respondent ids, ids and
/// messages in the rows are escaped with [`visible`]; otherwise they are
/// written byte for byte.
pub fn run<R: Read + Send>(
    bank: &Bank,
    respondents: Respondents<'_, R>,
    out: &mut dyn Write,
    format: TableFormat,
    strict: bool,
    terminal: bool,
    progress: Progress<'_>,
) -> Result<Summary, BatchError> {
    let settings = Settings {
        format,
        strict,
        terminal,
        jobs: 1,
    };
    run_with(bank, respondents, out, settings, progress)
}

/// As [`run`], on `settings.jobs` threads: one reads the input in chunks
/// of whole rows, the others score them, and the calling thread writes
/// their rows in input order. The rows, the bad rows met and the summary
/// are the same for any number of threads.
pub fn run_with<R: Read + Send>(
    bank: &Bank,
    respondents: Respondents<'_, R>,
    out: &mut dyn Write,
    settings: Settings,
    progress: Progress<'_>,
) -> Result<Summary, BatchError> {
    pipeline::run(
        bank,
        respondents,
        out,
        settings,
        progress,
        crate::answers::chunk::CHUNK_BYTES,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::file;
    use crate::answers::tabular::write_respondents;
    use crate::bank::bundled;
    use crate::engine::Scorer;
    use crate::engine::sample::Sampler;
    use crate::input::source::SourceFile;
    use proptest::prelude::*;

    /// What one run gave: the rows' bytes, the bad rows met, the
    /// progress heard and the summary or error.
    struct Ran {
        out: Vec<u8>,
        errors: Vec<RowError>,
        bytes: Vec<u64>,
        result: Result<Summary, String>,
    }

    /// Runs a batch on `jobs` threads in chunks of `rows` rows.
    fn batch(bank: &Bank, input: &[u8], kind: TableFormat, settings: Settings, rows: usize) -> Ran {
        let mut out = Vec::new();
        let (mut errors, mut bytes) = (Vec::new(), Vec::new());
        let respondents = Respondents::open(bank, "t", input, kind).unwrap();
        let progress = Progress {
            on_error: &mut |row| errors.push(row.clone()),
            on_bytes: &mut |n| bytes.push(n),
        };
        let result = pipeline::run(bank, respondents, &mut out, settings, progress, rows)
            .map_err(|e| e.to_string());
        Ran {
            out,
            errors,
            bytes,
            result,
        }
    }

    fn settings(format: TableFormat, strict: bool, jobs: usize) -> Settings {
        Settings {
            format,
            strict,
            terminal: false,
            jobs,
        }
    }

    /// The rows from `input` as JSON, from one thread in one chunk, after
    /// checking that three threads in chunks of `rows` give the same bytes,
    /// bad rows and summary.
    fn run_to_jsonl(
        bank: &Bank,
        input: &[u8],
        kind: TableFormat,
        rows: usize,
    ) -> Vec<serde_json::Value> {
        let one = batch(
            bank,
            input,
            kind,
            settings(TableFormat::Jsonl, false, 1),
            4096,
        );
        let three = batch(
            bank,
            input,
            kind,
            settings(TableFormat::Jsonl, false, 3),
            rows,
        );
        assert_eq!(one.out, three.out);
        assert_eq!(one.errors, three.errors);
        assert_eq!(one.result, three.result);
        assert_eq!(one.bytes.last(), three.bytes.last());
        String::from_utf8(one.out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Healthcare respondents with bad rows among them, as CSV.
    fn with_bad_rows(bank: &Bank) -> Vec<u8> {
        let mut csv = Vec::new();
        write_respondents(
            bank,
            TableFormat::Csv,
            Sampler::new(bank, 7).take(40),
            &mut csv,
        )
        .unwrap();
        let text = String::from_utf8(csv).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let width = lines[0].split(',').count();
        lines.insert(5, "short,1".to_string());
        lines.insert(12, format!("\"two\nlines\"{}", ",".repeat(width - 1)));
        lines.insert(30, format!("odd{}", ",x".repeat(width - 1)));
        lines.join("\n").into_bytes()
    }

    #[test]
    fn several_threads_write_what_one_writes_bad_rows_included() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let input = with_bad_rows(&bank);
        for format in [TableFormat::Csv, TableFormat::Jsonl] {
            let one = batch(
                &bank,
                &input,
                TableFormat::Csv,
                settings(format, false, 1),
                4096,
            );
            assert_eq!(one.errors.len(), 3, "{:?}", one.errors);
            assert_eq!(
                one.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
                [6, 13, 32]
            );
            assert_eq!(one.bytes.last(), Some(&(input.len() as u64)));
            let summary = one.result.as_ref().unwrap();
            assert_eq!((summary.scored, summary.failed), (40, 3));
            for (jobs, rows) in [(1, 1), (2, 1), (3, 2), (4, 7), (8, 4096)] {
                let many = batch(
                    &bank,
                    &input,
                    TableFormat::Csv,
                    settings(format, false, jobs),
                    rows,
                );
                assert_eq!(one.out, many.out, "{jobs} jobs, {rows} rows a chunk");
                assert_eq!(one.errors, many.errors);
                assert_eq!(one.result, many.result);
            }
        }
    }

    #[test]
    fn strict_stops_at_the_same_row_on_several_threads() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let input = with_bad_rows(&bank);
        let one = batch(
            &bank,
            &input,
            TableFormat::Csv,
            settings(TableFormat::Csv, true, 1),
            4096,
        );
        let stopped = one.result.as_ref().unwrap_err();
        assert!(
            stopped.starts_with("t: line 6: the row has 2 cells"),
            "{stopped}"
        );
        assert!(
            stopped.ends_with("stopped there because of --strict"),
            "{stopped}"
        );
        assert_eq!(one.errors.len(), 1);
        // The header and the four rows before the bad one.
        assert_eq!(String::from_utf8_lossy(&one.out).lines().count(), 5);
        for (jobs, rows) in [(2, 1), (3, 2), (4, 3)] {
            let many = batch(
                &bank,
                &input,
                TableFormat::Csv,
                settings(TableFormat::Csv, true, jobs),
                rows,
            );
            assert_eq!(one.out, many.out, "{jobs} jobs, {rows} rows a chunk");
            assert_eq!(one.errors, many.errors);
            assert_eq!(one.result, many.result);
        }
    }

    /// Fails after `after` bytes, as a disk or network might.
    struct Failing<'a> {
        input: &'a [u8],
        after: usize,
    }

    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.after == 0 {
                return Err(io::Error::other("the disk is gone"));
            }
            let n = buf.len().min(self.after).min(self.input.len());
            buf[..n].copy_from_slice(&self.input[..n]);
            self.input = &self.input[n..];
            self.after -= n;
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_keeps_the_rows_before_it_on_several_threads() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let mut input = Vec::new();
        write_respondents(
            &bank,
            TableFormat::Jsonl,
            Sampler::new(&bank, 3).take(30),
            &mut input,
        )
        .unwrap();
        let after = input.len() / 2;
        let mut outs = Vec::new();
        for (jobs, rows) in [(1, 4096), (1, 2), (3, 1), (2, 5)] {
            let mut out = Vec::new();
            let failing = Failing {
                input: &input,
                after,
            };
            let respondents = Respondents::open(&bank, "t", failing, TableFormat::Jsonl).unwrap();
            let progress = Progress {
                on_error: &mut |_| {},
                on_bytes: &mut |_| {},
            };
            let settings = settings(TableFormat::Jsonl, false, jobs);
            let result = pipeline::run(&bank, respondents, &mut out, settings, progress, rows);
            let err = result.unwrap_err().to_string();
            assert_eq!(err, "t: cannot read: the disk is gone");
            outs.push(out);
        }
        assert!(!outs[0].is_empty());
        assert!(outs.iter().all(|o| *o == outs[0]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Generated respondents give the same rows from CSV and from JSON
        /// Lines, on one thread and on three in small chunks, and each row
        /// equals scoring that respondent's answers as an answers file.
        #[test]
        fn batch_rows_equal_scoring_each_respondent(seed in any::<u64>(), bank_id in prop::sample::select(vec!["healthcare", "interests"]), rows in 1usize..8) {
            let bank = bundled::find(bank_id).unwrap().load().unwrap();
            let (mut csv, mut jsonl) = (Vec::new(), Vec::new());
            write_respondents(&bank, TableFormat::Csv, Sampler::new(&bank, seed).take(20), &mut csv).unwrap();
            write_respondents(&bank, TableFormat::Jsonl, Sampler::new(&bank, seed).take(20), &mut jsonl).unwrap();
            let from_csv = run_to_jsonl(&bank, &csv, TableFormat::Csv, rows);
            let from_jsonl = run_to_jsonl(&bank, &jsonl, TableFormat::Jsonl, rows);
            prop_assert_eq!(&from_csv, &from_jsonl);
            let scorer = Scorer::new(&bank);
            for (line, row) in String::from_utf8(jsonl).unwrap().lines().zip(&from_jsonl) {
                let respondent: serde_json::Value = serde_json::from_str(line).unwrap();
                let text = serde_json::json!({ "answers": respondent["answers"] }).to_string();
                let answers = file::read(SourceFile::new("r.json", text), &bank).unwrap();
                match scorer.score_numbers(&answers) {
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
