//! A class's answers as tables: CSV (a `respondent` column and one column
//! per question id) or JSON Lines (`{"respondent": …, "answers": {…}}` per
//! line), read one respondent at a time or in chunks of whole rows (for
//! threads to decode) so memory stays flat; written back in the same
//! shapes (for `sample`). The header is checked when the
//! input is opened, before anyone writes a result. A cell over
//! [`MAX_CELL_BYTES`], a row or line over [`MAX_ROW_BYTES`], is a bad row
//! (named by line and column), never held in memory; messages quote cells
//! only as short, escaped excerpts.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::path::Path;

use thiserror::Error;

use super::cells::{CsvCells, MAX_CELL_BYTES, MAX_ROW_BYTES, Oversize, Row, RowView};
use super::chunk::{CHUNK_BYTES, Chunk, ChunkReader, RowScratch};
use super::jsonl::{self, Ids};
use super::resolve::{OptionKeys, digit_values};
use super::ticked::Ticked;
use super::{Answer, AnswerSet, answer_value, resolve_cell};
use crate::bank::{Bank, QuestionKind};
use crate::diag::{Code, did_you_mean};
use crate::visible::excerpt;

/// The table's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Jsonl,
}

impl TableFormat {
    /// The input's format, from its extension or, failing that, its content.
    pub fn detect(path: &Path, start: &[u8]) -> TableFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => TableFormat::Csv,
            Some("jsonl" | "ndjson") => TableFormat::Jsonl,
            _ => {
                let first = start.iter().find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'{') {
                    TableFormat::Jsonl
                } else {
                    TableFormat::Csv
                }
            }
        }
    }
}

/// One respondent as read, before scoring.
#[derive(Debug)]
pub struct Respondent {
    /// The line of the input where the row starts.
    pub line: u64,
    pub id: String,
    /// The answers, or why the row cannot be used.
    pub answers: Result<AnswerSet, String>,
}

/// Why a table cannot be read at all (as opposed to one bad row).
#[derive(Debug, Error)]
pub enum TableError {
    #[error("{file}: {message}")]
    Input { file: String, message: String },
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: io::Error,
    },
}

/// The respondents of one table, in input order.
pub struct Respondents<'b, R: Read> {
    file: String,
    source: Source<R>,
    layout: Layout<'b>,
    /// Decoded a chunk at a time, for [`Iterator::next`].
    chunk: Chunk,
    decoded: VecDeque<Respondent>,
    scratch: Scratch,
    /// Reading failed after the rows decoded.
    failed: Option<io::Error>,
    /// The input is all read.
    ended: bool,
}

/// Where a table's rows come from: whole rows in [`Chunk`]s, bounded as
/// [`CsvCells`] bounds them.
pub struct Source<R: Read> {
    reader: ChunkReader<R>,
}

/// How a table's rows are made respondents of: the bank, and for CSV the
/// header's columns. Shared by every thread that decodes chunks.
pub struct Layout<'b> {
    bank: &'b Bank,
    csv: Option<Columns>,
    ids: Ids<'b>,
}

/// What one thread decoding rows keeps from row to row.
pub struct Scratch {
    answers: AnswerSet,
    ticked: Ticked,
    json: jsonl::Scratch,
    rows: RowScratch,
}

struct Columns {
    /// Column -> question index; `None` for the respondent column.
    columns: Vec<Option<usize>>,
    /// The header's names, for messages.
    names: Vec<String>,
    respondent: usize,
    /// Per column: how its commonest cells are read without the general
    /// rules, found once.
    rules: Vec<CellRule>,
}

/// A column's shortcut to its commonest answers; any other cell is read
/// by [`resolve_cell`], so both ways agree.
enum CellRule {
    /// A likert question's answer for each one-digit cell (`4` or `4.0`)
    /// that is on its scale.
    Digits([Option<f64>; 10]),
    /// A choice question's option ids.
    Choice(OptionKeys),
    /// A multi question's option ids, and which multi column of the
    /// header it is (0 for the first), for the cells kept of it.
    Multi(OptionKeys, usize),
    /// A number question's range, for one-digit cells (`4` or `4.0`).
    Number {
        min: f64,
        max: f64,
    },
    None,
}

impl<'b, R: Read> Respondents<'b, R> {
    /// Opens a table; a CSV header is read and checked against `bank` here.
    pub fn open(
        bank: &'b Bank,
        file: &str,
        input: R,
        format: TableFormat,
    ) -> Result<Self, TableError> {
        let (reader, csv) = match format {
            TableFormat::Csv => {
                let (cells, columns) = csv_rows(bank, file, input)?;
                let keep = columns.columns.len() + 1;
                let (input, carry, line, bytes) = cells.into_parts();
                let reader = ChunkReader::csv(input, carry, line, bytes, keep);
                (reader, Some(columns))
            }
            TableFormat::Jsonl => (ChunkReader::lines(input), None),
        };
        Ok(Respondents {
            file: file.to_string(),
            source: Source { reader },
            layout: Layout {
                bank,
                csv,
                ids: Ids::new(bank),
            },
            chunk: Chunk::default(),
            decoded: VecDeque::new(),
            scratch: Scratch::new(bank),
            failed: None,
            ended: false,
        })
    }

    /// The input's name, for messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// How many bytes of the input have been read, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.source.bytes_read()
    }

    /// The table's name, its rows and how to decode them, apart: to read
    /// on one thread and decode on others.
    pub fn into_parts(self) -> (String, Source<R>, Layout<'b>) {
        (self.file, self.source, self.layout)
    }

    fn read_error(&self, source: io::Error) -> TableError {
        TableError::Read {
            file: self.file.clone(),
            source,
        }
    }
}

impl<R: Read> Iterator for Respondents<'_, R> {
    type Item = Result<Respondent, TableError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(respondent) = self.decoded.pop_front() {
                return Some(Ok(respondent));
            }
            if let Some(source) = self.failed.take() {
                self.ended = true;
                return Some(Err(self.read_error(source)));
            }
            if self.ended {
                return None;
            }
            match self.source.fill(&mut self.chunk, CHUNK_BYTES) {
                Ok(more) => self.ended = !more,
                Err(source) => self.failed = Some(source),
            }
            let decoded = &mut self.decoded;
            let _ = self
                .layout
                .each(&self.chunk, &mut self.scratch, |line, id, answers| {
                    decoded.push_back(Respondent {
                        line,
                        id: id.to_string(),
                        answers: answers.cloned(),
                    });
                    Ok::<(), ()>(())
                });
        }
    }
}

impl<R: Read> Source<R> {
    /// How many bytes of the input have been read, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.reader.bytes_read()
    }

    /// Fills `chunk` with the next whole rows, about `bytes` bytes of them
    /// (at least one row); false once the input is all read. After a read
    /// error the chunk holds the whole rows read before it.
    pub fn fill(&mut self, chunk: &mut Chunk, bytes: usize) -> io::Result<bool> {
        self.reader.fill(chunk, bytes)
    }
}

impl Scratch {
    pub fn new(bank: &Bank) -> Self {
        Scratch {
            answers: AnswerSet::new(bank),
            ticked: Ticked::default(),
            json: jsonl::Scratch::new(bank),
            rows: RowScratch::default(),
        }
    }
}

impl Layout<'_> {
    /// Makes respondents of a chunk's rows, in order: `f` gets each one's
    /// line, id and answers (kept in `scratch`, reused from row to row), or
    /// why the row cannot be used. An error from `f` stops it.
    pub fn each<E>(
        &self,
        chunk: &Chunk,
        scratch: &mut Scratch,
        mut f: impl FnMut(u64, &str, Result<&AnswerSet, String>) -> Result<(), E>,
    ) -> Result<(), E> {
        let bank = self.bank;
        let Scratch {
            answers,
            ticked,
            json,
            rows,
        } = scratch;
        match &self.csv {
            Some(columns) => chunk.each_row(rows, columns.columns.len() + 1, |row| {
                let (id, result) = csv_respondent(bank, columns, row, answers, ticked);
                f(row.line, id, result.map(|()| &*answers))
            }),
            None => chunk.each_line(|line| {
                let fast = line.text.and_then(|text| {
                    let text = text.trim();
                    jsonl::plain::read(&self.ids, json, text, answers)
                        .or_else(|| jsonl::read(&self.ids, json, text, answers))
                });
                let (id, result) = match fast {
                    Some(id) => (id, Ok(())),
                    None => jsonl::general(bank, line, answers),
                };
                f(line.line, &id, result.map(|()| &*answers))
            }),
        }
    }
}

fn cell_count(cells: usize, header: usize) -> String {
    format!("the row has {cells} cells but the header has {header}")
}

/// Reads and checks the header: a `respondent` column, every other column
/// a question of the bank, no column twice.
fn csv_rows<R: Read>(
    bank: &Bank,
    file: &str,
    input: R,
) -> Result<(CsvCells<R>, Columns), TableError> {
    let input_error = |message: String| TableError::Input {
        file: file.to_string(),
        message,
    };
    let mut reader = CsvCells::new(input);
    let mut header = Row::default();
    reader
        .read_row(&mut header, usize::MAX)
        .map_err(|source| TableError::Read {
            file: file.to_string(),
            source,
        })?;
    match header.oversize {
        Some(Oversize::Cell { column, bytes }) => {
            return Err(input_error(format!(
                "column {} of the header is {bytes} bytes long, more than the {MAX_CELL_BYTES} a cell may hold [{}]; the header names the columns: `respondent` and question ids",
                column + 1,
                Code::CellTooLong
            )));
        }
        Some(Oversize::Row) => {
            return Err(input_error(format!(
                "the header row is more than {MAX_ROW_BYTES} bytes long [{}]; the header names the columns: `respondent` and question ids",
                Code::LineTooLong
            )));
        }
        None if !header.is_text() => {
            return Err(input_error(
                "the header row is not UTF-8 text; save the file as CSV UTF-8".to_string(),
            ));
        }
        None => {}
    }
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let Some(respondent) = names.iter().position(|h| h == "respondent") else {
        return Err(input_error(
            "the header has no `respondent` column; add one naming each student (any text)"
                .to_string(),
        ));
    };
    let mut columns = Vec::with_capacity(names.len());
    let mut seen = std::collections::HashSet::new();
    for (i, name) in names.iter().enumerate() {
        if !seen.insert(name.as_str()) {
            return Err(input_error(format!(
                "the column `{}` appears twice in the header",
                excerpt(name)
            )));
        }
        if i == respondent {
            columns.push(None);
            continue;
        }
        match bank.question_index(name) {
            Some(q) => columns.push(Some(q)),
            None => {
                return Err(input_error(format!(
                    "the header names `{}` (column {}), which is not a question of the bank `{}`; {}",
                    excerpt(name),
                    i + 1,
                    bank.id,
                    did_you_mean(
                        name,
                        std::iter::once("respondent")
                            .chain(bank.questions.iter().map(|q| q.id.as_str())),
                        "allowed columns"
                    )
                )));
            }
        }
    }
    let mut multi = 0..;
    let rules = columns
        .iter()
        .map(|column| match column.map(|q| &bank.questions[q].kind) {
            Some(QuestionKind::Likert { scale, .. }) => CellRule::Digits(digit_values(scale)),
            Some(QuestionKind::Choice { options }) => CellRule::Choice(OptionKeys::new(options)),
            Some(QuestionKind::Multi { options }) => {
                CellRule::Multi(OptionKeys::new(options), multi.next().unwrap_or_default())
            }
            Some(&QuestionKind::Number { min, max, .. }) => CellRule::Number { min, max },
            _ => CellRule::None,
        })
        .collect();
    Ok((
        reader,
        Columns {
            columns,
            names,
            respondent,
            rules,
        },
    ))
}

/// One CSV row as a respondent, its answers into `answers`: too long a
/// cell or row, text that is not UTF-8 and the wrong number of cells make
/// it a bad row.
fn csv_respondent<'r>(
    bank: &Bank,
    columns: &Columns,
    row: RowView<'r>,
    answers: &mut AnswerSet,
    ticked: &mut Ticked,
) -> (&'r str, Result<(), String>) {
    let Columns {
        columns,
        names,
        respondent,
        rules,
    } = columns;
    let id = row.get(*respondent).unwrap_or("").trim();
    let result = match row.oversize {
        Some(Oversize::Cell { column, bytes }) => Err(format!(
            "column {}{}: the cell is {bytes} bytes long, more than the {MAX_CELL_BYTES} a cell may hold [{}]; a cell holds one answer (a scale value, an option id, option ids joined by `;`) or a name",
            column + 1,
            names
                .get(column)
                .map(|n| format!(" (`{}`)", excerpt(n)))
                .unwrap_or_default(),
            Code::CellTooLong
        )),
        Some(Oversize::Row) => Err(format!(
            "the row is more than {MAX_ROW_BYTES} bytes long [{}]",
            Code::LineTooLong
        )),
        None if !row.is_text() => Err("the row is not UTF-8 text".to_string()),
        None if row.cells != columns.len() => {
            // Which cell is the respondent's is unsure in a row of the wrong length.
            return ("", Err(cell_count(row.cells, columns.len())));
        }
        None => answers_from_cells(bank, columns, rules, row, answers, ticked),
    };
    (id, result)
}

/// A row's cells as answers. Every column's question is set, answered or
/// not, so `answers` needs no clearing from row to row (the questions no
/// column names stay unanswered), and a multi answer's memory is reused.
fn answers_from_cells(
    bank: &Bank,
    columns: &[Option<usize>],
    rules: &[CellRule],
    row: RowView<'_>,
    answers: &mut AnswerSet,
    ticked: &mut Ticked,
) -> Result<(), String> {
    for ((cell, column), rule) in row.byte_cells().zip(columns).zip(rules) {
        let Some(q) = *column else { continue };
        // One digit, maybe with `.0`: a scale value or a number, without
        // parsing.
        let digit = match cell {
            [d @ b'0'..=b'9'] | [d @ b'0'..=b'9', b'.', b'0'] => Some(d - b'0'),
            _ => None,
        };
        match rule {
            // A skip, whatever the question.
            _ if cell.is_empty() => {
                answers.set(q, None);
                continue;
            }
            // The commonest cell.
            CellRule::Digits(digits) => {
                if let Some(value) = digit.and_then(|d| digits[usize::from(d)]) {
                    answers.set(q, Some(Answer::Scale(value)));
                    continue;
                }
            }
            &CellRule::Number { min, max } => {
                if let Some(value) = digit.map(f64::from)
                    && (min..=max).contains(&value)
                {
                    answers.set(q, Some(Answer::Number(value)));
                    continue;
                }
            }
            CellRule::Choice(keys) => {
                if let Some(option) = keys.find(cell) {
                    answers.set(q, Some(Answer::Choice(option)));
                    continue;
                }
            }
            &CellRule::Multi(ref keys, i) => {
                let mut chosen = answers.take_multi(q);
                let found = ticked.find_ticked(keys, i, cell, &mut chosen);
                answers.set(q, Some(Answer::Multi(chosen)));
                if found {
                    continue;
                }
            }
            CellRule::None => {}
        }
        let question = &bank.questions[q];
        // The row is text and its cells end at commas: each is text.
        let Ok(cell) = std::str::from_utf8(cell) else {
            return Err("the row is not UTF-8 text".to_string());
        };
        let answer = resolve_cell(question, cell)
            .map_err(|m| format!("`{}`: {} [{}]; {}", question.id, m.message, m.code, m.hint))?;
        answers.set(q, answer);
    }
    Ok(())
}

/// Writes respondents (an id and one optional answer per bank question) as
/// a table `Respondents` reads back.
pub fn write_respondents(
    bank: &Bank,
    format: TableFormat,
    respondents: impl Iterator<Item = (String, Vec<Option<Answer>>)>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        TableFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            let header =
                std::iter::once("respondent").chain(bank.questions.iter().map(|q| q.id.as_str()));
            csv.write_record(header).map_err(io::Error::other)?;
            for (id, answers) in respondents {
                csv.write_field(id).map_err(io::Error::other)?;
                for (q, answer) in answers.iter().enumerate() {
                    csv.write_field(cell(bank, q, answer.as_ref()))
                        .map_err(io::Error::other)?;
                }
                csv.write_record(None::<&[u8]>).map_err(io::Error::other)?;
            }
            csv.flush()
        }
        TableFormat::Jsonl => {
            for (id, answers) in respondents {
                let answers: indexmap::IndexMap<&str, serde_json::Value> = answers
                    .iter()
                    .enumerate()
                    .filter_map(|(q, a)| {
                        let question = &bank.questions[q];
                        Some((question.id.as_str(), answer_value(question, a.as_ref()?)))
                    })
                    .collect();
                serde_json::to_writer(
                    &mut *out,
                    &serde_json::json!({ "respondent": id, "answers": answers }),
                )?;
                out.write_all(b"\n")?;
            }
            out.flush()
        }
    }
}

/// An answer as a CSV cell: empty for a skip, `;` alone for a multi answer
/// with none of the options, option ids joined by `;`.
fn cell(bank: &Bank, q: usize, answer: Option<&Answer>) -> String {
    match answer {
        None => String::new(),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_kind_is_told_by_extension_then_content() {
        assert_eq!(
            TableFormat::detect(Path::new("a.csv"), b"{"),
            TableFormat::Csv
        );
        assert_eq!(
            TableFormat::detect(Path::new("a.jsonl"), b"respondent"),
            TableFormat::Jsonl
        );
        assert_eq!(
            TableFormat::detect(Path::new("a"), b"  \n{\"respondent\""),
            TableFormat::Jsonl
        );
        assert_eq!(
            TableFormat::detect(Path::new("a.txt"), b"respondent,q"),
            TableFormat::Csv
        );
    }

    proptest::proptest! {
        /// Whatever a cell holds, its answer is the one the full rules
        /// give it: the column shortcuts (digits, option ids, skips)
        /// change nothing, for every question of both bundled banks.
        #[test]
        fn a_cells_answer_is_the_one_the_full_rules_give(
            pick in proptest::sample::select(vec![
                "", " ", "0", "1", "4", "4.0", "5.0", "6", "9", "9.0", "10", "3.75", "4.00", "-1", " 4", "4 ",
                ";", "x", "x;", "4.5", "0.0", "1e0", "ids",
            ]),
            ticked in proptest::collection::vec(proptest::num::usize::ANY, 1..4),
        ) {
            for bank_id in ["healthcare", "interests"] {
                let bank = crate::bank::bundled::find(bank_id).unwrap().load().unwrap();
                for (q, question) in bank.questions.iter().enumerate() {
                    let header = format!("respondent,{}\n", question.id);
                    let (_, columns) = csv_rows(&bank, "t.csv", header.as_bytes()).unwrap();
                    let ids: Vec<&str> = question.kind.options().iter().map(|o| o.id.as_str()).collect();
                    // Option ids, right ones (maybe twice), joined by `;`.
                    let cell = match pick {
                        "ids" if !ids.is_empty() => {
                            ticked.iter().map(|&i| ids[i % ids.len()]).collect::<Vec<_>>().join(";")
                        }
                        _ => pick.to_string(),
                    };
                    let record = format!("r,{cell}");
                    let mut ends = Vec::new();
                    let row = RowView::split(record.as_bytes(), 2, 2, &mut ends);
                    let mut answers = AnswerSet::new(&bank);
                    let got = answers_from_cells(&bank, &columns.columns, &columns.rules, row, &mut answers, &mut Ticked::default());
                    match resolve_cell(question, &cell) {
                        Ok(answer) => {
                            proptest::prop_assert!(got.is_ok(), "{}: {}", question.id, record);
                            proptest::prop_assert_eq!(answers.get(q), answer.as_ref(), "{}: {}", question.id, record);
                        }
                        Err(_) => proptest::prop_assert!(got.is_err(), "{}: {}", question.id, record),
                    }
                }
            }
        }
    }
}
