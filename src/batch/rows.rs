//! Result rows as bytes, CSV or JSON Lines: the header once, then each
//! chunk's rows into a buffer of their own (on whichever thread scored
//! them), so that the rows come out the same whichever thread wrote them.

use std::borrow::Cow;
use std::io::{self, Write};

use indexmap::IndexMap;
use serde::ser::{Serialize, Serializer};

use crate::answers::tabular::TableFormat;
use crate::bank::Bank;
use crate::engine::Assessment;
use crate::visible::visible;

/// Writes the header row (CSV only; JSON Lines has none).
pub(super) fn header(
    format: TableFormat,
    bank: &Bank,
    terminal: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == TableFormat::Jsonl {
        return Ok(());
    }
    let mut csv = csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["respondent", "role", "runner_up", "verdict", "margin"]
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
    csv.flush()
}

/// Writes result rows into a buffer, to be taken with [`RowWriter::take`].
pub(super) struct RowWriter {
    format: TableFormat,
    csv: csv::Writer<Vec<u8>>,
    raw: Vec<u8>,
    number: ryu::Buffer,
    /// Dimension scores met before, as written.
    scores: Numbers,
    /// The rows are shown on a terminal: escape what would act on it.
    terminal: bool,
}

#[derive(serde::Serialize)]
struct JsonRow<'a, F: Serialize, S: Serialize> {
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
    fits: Option<F>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<S>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// Each role's fit, `{"role": fit, …}` in bank order, without building a
/// map first (role ids are unique in a bank).
struct Fits<'a> {
    bank: &'a Bank,
    result: &'a Assessment,
}

impl Serialize for Fits<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.bank
                .roles
                .iter()
                .enumerate()
                .map(|(r, role)| (role.id.as_str(), self.result.fit_of(r))),
        )
    }
}

/// Each dimension's score, `{"dimension": score or null, …}` in bank
/// order, without building a map first (dimension ids are unique).
struct Scores<'a> {
    bank: &'a Bank,
    result: &'a Assessment,
}

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.result
                .dimensions
                .iter()
                .map(|d| (self.bank.dimensions[d.dimension].id.as_str(), d.score)),
        )
    }
}

/// No map: the type a failure row's absent maps have.
type NoMap = IndexMap<String, f64>;

impl RowWriter {
    pub(super) fn new(format: TableFormat, terminal: bool) -> Self {
        RowWriter {
            format,
            csv: csv_writer(Vec::new()),
            raw: Vec::new(),
            number: ryu::Buffer::new(),
            scores: Numbers::new(),
            terminal,
        }
    }

    /// The rows written since the last take, swapped into `into` (whose
    /// old bytes are dropped, its memory kept for the next rows).
    pub(super) fn take(&mut self, into: &mut Vec<u8>) -> io::Result<()> {
        into.clear();
        match self.format {
            TableFormat::Csv => {
                let fresh = csv_writer(std::mem::take(into));
                let full = std::mem::replace(&mut self.csv, fresh);
                *into = full.into_inner().map_err(|e| e.into_error())?;
            }
            TableFormat::Jsonl => std::mem::swap(&mut self.raw, into),
        }
        Ok(())
    }

    pub(super) fn result(
        &mut self,
        bank: &Bank,
        respondent: &str,
        result: &Assessment,
    ) -> io::Result<()> {
        let rec = result.recommendation;
        let terminal = self.terminal;
        let respondent = &*shown(terminal, respondent);
        let role = &*shown(terminal, &bank.roles[rec.role].id);
        let runner_up = &*shown(terminal, &bank.roles[rec.runner_up].id);
        match self.format {
            TableFormat::Csv => {
                let csv = &mut self.csv;
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
                        Some(score) => csv.write_field(self.scores.format(score))?,
                        None => csv.write_field("")?,
                    }
                }
                csv.write_field("")?;
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)
            }
            TableFormat::Jsonl if terminal => {
                // Escaped ids might meet: a map keeps the first place and
                // the last value of a repeated key, as it always did.
                let fits: IndexMap<Cow<'_, str>, f64> = (0..bank.roles.len())
                    .map(|r| (shown(terminal, &bank.roles[r].id), result.fit_of(r)))
                    .collect();
                let scores: IndexMap<Cow<'_, str>, Option<f64>> = result
                    .dimensions
                    .iter()
                    .map(|d| (shown(terminal, &bank.dimensions[d.dimension].id), d.score))
                    .collect();
                let row = JsonRow {
                    respondent,
                    role: Some(role),
                    runner_up: Some(runner_up),
                    verdict: Some(rec.verdict.as_str()),
                    margin: Some(rec.margin),
                    fits: Some(fits),
                    scores: Some(scores),
                    error: None,
                };
                serde_json::to_writer(&mut self.raw, &row)?;
                self.raw.push(b'\n');
                Ok(())
            }
            TableFormat::Jsonl => {
                let row = JsonRow {
                    respondent,
                    role: Some(role),
                    runner_up: Some(runner_up),
                    verdict: Some(rec.verdict.as_str()),
                    margin: Some(rec.margin),
                    fits: Some(Fits { bank, result }),
                    scores: Some(Scores { bank, result }),
                    error: None,
                };
                serde_json::to_writer(&mut self.raw, &row)?;
                self.raw.push(b'\n');
                Ok(())
            }
        }
    }

    pub(super) fn failure(&mut self, bank: &Bank, respondent: &str, error: &str) -> io::Result<()> {
        let respondent = &*shown(self.terminal, respondent);
        let error = &*shown(self.terminal, error);
        match self.format {
            TableFormat::Csv => {
                let csv = &mut self.csv;
                csv.write_field(respondent)?;
                for _ in 0..4 + bank.roles.len() + bank.dimensions.len() {
                    csv.write_field("")?;
                }
                csv.write_field(error)?;
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)
            }
            TableFormat::Jsonl => {
                let row: JsonRow<'_, NoMap, NoMap> = JsonRow {
                    respondent,
                    role: None,
                    runner_up: None,
                    verdict: None,
                    margin: None,
                    fits: None,
                    scores: None,
                    error: Some(error),
                };
                serde_json::to_writer(&mut self.raw, &row)?;
                self.raw.push(b'\n');
                Ok(())
            }
        }
    }
}

/// Numbers written before, kept as written: a dimension's score takes
/// few values over a class (its answers' sums over the same range), and
/// copying one is far cheaper than formatting it again. A table of slots
/// picked by the number's bits, each holding the last number met there; a
/// number is written by `ryu` (the shortest text that reads back the same)
/// the first time, so the text is the same either way.
struct Numbers {
    ryu: ryu::Buffer,
    slots: Vec<(u64, String)>,
}

/// How many numbers [`Numbers`] keeps (a power of two).
const NUMBER_SLOTS: usize = 1024;

impl Numbers {
    fn new() -> Self {
        Numbers {
            ryu: ryu::Buffer::new(),
            slots: vec![(0, String::new()); NUMBER_SLOTS],
        }
    }

    fn format(&mut self, value: f64) -> &str {
        let bits = value.to_bits();
        // Fibonacci hashing: the top bits of the product pick the slot.
        let slot = (bits.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> (64 - NUMBER_SLOTS.trailing_zeros())) as usize;
        let (kept, text) = &mut self.slots[slot];
        if *kept != bits || text.is_empty() {
            *kept = bits;
            text.clear();
            text.push_str(self.ryu.format(value));
        }
        text
    }
}

/// A CSV writer into `rows` (its bytes are kept; a writer buffers 8 KiB
/// before they get there).
fn csv_writer(rows: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .buffer_capacity(8 * 1024)
        .from_writer(rows)
}

/// `text` as a result row holds it: exact, or escaped for a terminal.
fn shown(terminal: bool, text: &str) -> Cow<'_, str> {
    if terminal {
        visible(text)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_kept_are_written_as_ryu_writes_them() {
        let mut numbers = Numbers::new();
        let mut ryu = ryu::Buffer::new();
        let values: Vec<f64> = (0..5000)
            .map(|i| f64::from(i % 1500) / 1499.0)
            .chain([0.0, -0.0, 1.0, 1e-300, f64::MAX, 0.1 + 0.2])
            .collect();
        // Twice: written, then (mostly) copied; slots are shared.
        for value in values.iter().chain(&values) {
            assert_eq!(numbers.format(*value), ryu.format(*value), "{value:e}");
        }
    }
}
