//! Result rows as bytes, CSV or JSON Lines: the header once, then each
//! chunk's rows into a buffer of their own (on whichever thread scored
//! them), so that the rows come out the same whichever thread wrote them.

use std::borrow::Cow;
use std::io::{self, Write};

use indexmap::IndexMap;
use serde::ser::{Serialize, Serializer};

use crate::answers::tabular::TableFormat;
use crate::bank::Bank;
use crate::engine::{Recommendation, Tally};
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
    let mut row = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if i > 0 {
            row.push(b',');
        }
        csv_field(&mut row, name.as_bytes());
    }
    row.push(b'\n');
    out.write_all(&row)
}

/// Writes result rows into a buffer, to be taken with [`RowWriter::take`].
pub(super) struct RowWriter {
    format: TableFormat,
    rows: Vec<u8>,
    number: Shortest,
    /// Dimension scores met before, as written.
    scores: Numbers,
    /// The rows are shown on a terminal: escape what would act on it.
    terminal: bool,
    /// Each role's id as a CSV cell, in bank order.
    role_cells: Vec<Vec<u8>>,
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
    tally: &'a Tally,
}

impl Serialize for Fits<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.bank
                .roles
                .iter()
                .zip(&self.tally.fits)
                .map(|(role, fit)| (role.id.as_str(), fit)),
        )
    }
}

/// Each dimension's score, `{"dimension": score or null, …}` in bank
/// order, without building a map first (dimension ids are unique).
struct Scores<'a> {
    bank: &'a Bank,
    tally: &'a Tally,
}

impl Serialize for Scores<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.tally
                .dimensions
                .iter()
                .map(|d| (self.bank.dimensions[d.dimension].id.as_str(), d.score)),
        )
    }
}

/// No map: the type a failure row's absent maps have.
type NoMap = IndexMap<String, f64>;

impl RowWriter {
    pub(super) fn new(bank: &Bank, format: TableFormat, terminal: bool) -> Self {
        let role_cells = bank
            .roles
            .iter()
            .map(|r| {
                let mut cell = Vec::new();
                csv_field(&mut cell, shown(terminal, &r.id).as_bytes());
                cell
            })
            .collect();
        RowWriter {
            format,
            rows: Vec::new(),
            number: Shortest::new(),
            scores: Numbers::new(),
            terminal,
            role_cells,
        }
    }

    /// The rows written since the last take, swapped into `into` (whose
    /// old bytes are dropped, its memory kept for the next rows).
    pub(super) fn take(&mut self, into: &mut Vec<u8>) {
        into.clear();
        std::mem::swap(&mut self.rows, into);
    }

    pub(super) fn result(
        &mut self,
        bank: &Bank,
        respondent: &str,
        tally: &Tally,
        rec: &Recommendation,
    ) -> io::Result<()> {
        let terminal = self.terminal;
        let respondent = &*shown(terminal, respondent);
        match self.format {
            TableFormat::Csv => {
                let row = &mut self.rows;
                csv_field(row, respondent.as_bytes());
                row.push(b',');
                row.extend_from_slice(&self.role_cells[rec.role]);
                row.push(b',');
                row.extend_from_slice(&self.role_cells[rec.runner_up]);
                row.push(b',');
                row.extend_from_slice(rec.verdict.as_str().as_bytes());
                row.push(b',');
                row.extend_from_slice(self.number.format(rec.margin).as_bytes());
                for &fit in &tally.fits {
                    row.push(b',');
                    row.extend_from_slice(self.number.format(fit).as_bytes());
                }
                for d in &tally.dimensions {
                    row.push(b',');
                    if let Some(score) = d.score {
                        self.scores.write(score, row);
                    }
                }
                // The error cell, empty.
                row.extend_from_slice(b",\n");
                Ok(())
            }
            TableFormat::Jsonl if terminal => {
                // Escaped ids might meet: a map keeps the first place and
                // the last value of a repeated key, as it always did.
                let fits: IndexMap<Cow<'_, str>, f64> = bank
                    .roles
                    .iter()
                    .zip(&tally.fits)
                    .map(|(role, &fit)| (shown(terminal, &role.id), fit))
                    .collect();
                let scores: IndexMap<Cow<'_, str>, Option<f64>> = tally
                    .dimensions
                    .iter()
                    .map(|d| (shown(terminal, &bank.dimensions[d.dimension].id), d.score))
                    .collect();
                let row = JsonRow {
                    respondent,
                    role: Some(&shown(terminal, &bank.roles[rec.role].id)),
                    runner_up: Some(&shown(terminal, &bank.roles[rec.runner_up].id)),
                    verdict: Some(rec.verdict.as_str()),
                    margin: Some(rec.margin),
                    fits: Some(fits),
                    scores: Some(scores),
                    error: None,
                };
                serde_json::to_writer(&mut self.rows, &row)?;
                self.rows.push(b'\n');
                Ok(())
            }
            TableFormat::Jsonl => {
                let row = JsonRow {
                    respondent,
                    role: Some(&bank.roles[rec.role].id),
                    runner_up: Some(&bank.roles[rec.runner_up].id),
                    verdict: Some(rec.verdict.as_str()),
                    margin: Some(rec.margin),
                    fits: Some(Fits { bank, tally }),
                    scores: Some(Scores { bank, tally }),
                    error: None,
                };
                serde_json::to_writer(&mut self.rows, &row)?;
                self.rows.push(b'\n');
                Ok(())
            }
        }
    }

    pub(super) fn failure(&mut self, bank: &Bank, respondent: &str, error: &str) -> io::Result<()> {
        let respondent = &*shown(self.terminal, respondent);
        let error = &*shown(self.terminal, error);
        match self.format {
            TableFormat::Csv => {
                let row = &mut self.rows;
                csv_field(row, respondent.as_bytes());
                for _ in 0..4 + bank.roles.len() + bank.dimensions.len() {
                    row.push(b',');
                }
                row.push(b',');
                csv_field(row, error.as_bytes());
                row.push(b'\n');
                Ok(())
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
                serde_json::to_writer(&mut self.rows, &row)?;
                self.rows.push(b'\n');
                Ok(())
            }
        }
    }
}

/// Appends `field` as the csv crate writes a cell: in quotes, its quotes
/// doubled, when it holds a comma, a quote or a line break; as it is
/// otherwise. (Written here because the general writer's bookkeeping
/// cost more than the rest of a row.)
fn csv_field(row: &mut Vec<u8>, field: &[u8]) {
    if !field
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        row.extend_from_slice(field);
        return;
    }
    row.push(b'"');
    for part in field.split_inclusive(|&b| b == b'"') {
        row.extend_from_slice(part);
        if part.ends_with(b"\"") {
            row.push(b'"');
        }
    }
    row.push(b'"');
}

/// A number as the shortest text that reads back the same, exactly as
/// `ryu` writes it (`0.1`, `1.0`, `1e-7`, `1e16`). `zmij` finds the same
/// digits in about half the instructions and writes them the same way,
/// except that it puts a `+` in a positive exponent (`1e+16`): numbers
/// that big, and NaN and infinities, go to `ryu`. A result row holds eight
/// numbers, and writing them was a tenth of scoring a class.
struct Shortest {
    zmij: zmij::Buffer,
    ryu: ryu::Buffer,
}

impl Shortest {
    fn new() -> Self {
        Shortest {
            zmij: zmij::Buffer::new(),
            ryu: ryu::Buffer::new(),
        }
    }

    fn format(&mut self, value: f64) -> &str {
        // Below 1e16 both write the digits out, or a negative exponent.
        if value.abs() < 1e16 {
            self.zmij.format_finite(value)
        } else {
            self.ryu.format(value)
        }
    }
}

/// Numbers written before, kept as written: a dimension's score takes
/// few values over a class (its answers' sums over the same range), and
/// copying one is far cheaper than formatting it again. A table of slots
/// picked by the number's bits, each holding the last number met there; a
/// number is written by [`Shortest`] the first time, so the text is the
/// same either way.
struct Numbers {
    shortest: Shortest,
    /// Each slot's number, its text's length (0: unused) and its text.
    slots: Vec<(u64, u8, [u8; NUMBER_BYTES])>,
}

/// How many numbers [`Numbers`] keeps (a power of two).
const NUMBER_SLOTS: usize = 1024;

/// Room for a number's text: the shortest text of any `f64` has at most
/// 24 bytes (`-2.2250738585072014e-308`); a longer one would not be kept.
const NUMBER_BYTES: usize = 24;

impl Numbers {
    fn new() -> Self {
        Numbers {
            shortest: Shortest::new(),
            slots: vec![(0, 0, [0; NUMBER_BYTES]); NUMBER_SLOTS],
        }
    }

    /// Appends `value`'s text to `row`.
    fn write(&mut self, value: f64, row: &mut Vec<u8>) {
        let bits = value.to_bits();
        // Fibonacci hashing: the top bits of the product pick the slot.
        let slot = (bits.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> (64 - NUMBER_SLOTS.trailing_zeros())) as usize;
        let (kept, len, text) = &mut self.slots[slot];
        if *kept != bits || *len == 0 {
            let written = self.shortest.format(value).as_bytes();
            let Some(room) = text.get_mut(..written.len()) else {
                row.extend_from_slice(written);
                return;
            };
            room.copy_from_slice(written);
            (*kept, *len) = (bits, written.len() as u8);
        }
        // The whole slot, a copy of known length (no call to copy memory),
        // then cut to the text.
        let at = row.len();
        row.extend_from_slice(text);
        row.truncate(at + usize::from(*len));
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
            let mut row = b"x".to_vec();
            numbers.write(*value, &mut row);
            assert_eq!(
                row,
                [b"x", ryu.format(*value).as_bytes()].concat(),
                "{value:e}"
            );
        }
    }

    #[test]
    fn numbers_at_the_edges_are_written_as_ryu_writes_them() {
        let mut shortest = Shortest::new();
        let mut ryu = ryu::Buffer::new();
        let below = |x: f64| f64::from_bits(x.to_bits() - 1);
        for value in [
            0.0,
            -0.0,
            1.0,
            0.1,
            1e-5,
            below(1e-5),
            1e-7,
            1e15,
            below(1e16),
            1e16,
            1e17,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.036716965290606085,
        ] {
            for value in [value, -value] {
                assert_eq!(shortest.format(value), ryu.format(value), "{value:e}");
            }
        }
    }

    proptest::proptest! {
        /// Whatever the number, it is written as `ryu` writes it: any bits
        /// at all, and the scores and fits of a result (0 to 1), closely.
        #[test]
        fn shortest_numbers_are_the_ones_ryu_writes(bits in proptest::num::u64::ANY, unit in 0.0..=1.0f64, wide in -1e18..1e18f64) {
            let mut shortest = Shortest::new();
            let mut ryu = ryu::Buffer::new();
            for value in [f64::from_bits(bits), unit, wide, unit * 1e-6] {
                proptest::prop_assert_eq!(shortest.format(value), ryu.format(value));
            }
        }

        /// A cell is written as the csv crate writes it, whatever it holds.
        #[test]
        fn cells_are_written_as_the_csv_crate_writes_them(cell in "[a\",\r\n é;]{0,12}") {
            let mut ours = Vec::new();
            csv_field(&mut ours, cell.as_bytes());
            ours.extend_from_slice(b",x\n");
            let mut theirs = csv::Writer::from_writer(Vec::new());
            theirs.write_record([cell.as_str(), "x"]).unwrap();
            proptest::prop_assert_eq!(ours, theirs.into_inner().unwrap());
        }
    }
}
