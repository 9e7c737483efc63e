//! A class's answers as tables: CSV (a `respondent` column and one column
//! per question id) or JSON Lines (`{"respondent": …, "answers": {…}}` per
//! line), read one respondent at a time or in chunks of whole rows (for
//! threads to decode) so memory stays flat; written back in the same
//! shapes (for `sample`). The header is checked when the
//! input is opened, before anyone writes a result. A cell over
//! [`MAX_CELL_BYTES`], a row or line over [`MAX_ROW_BYTES`], is a bad row
//! (named by line and column), never held in memory; messages quote cells
//! only as short, escaped excerpts.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use thiserror::Error;

use super::cells::{Chunk, CsvCells, MAX_CELL_BYTES, MAX_ROW_BYTES, Oversize, Row, RowView};
use super::jsonl::{self, Ids};
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
    /// One row at a time, for [`Iterator::next`].
    chunk: Chunk,
    next: usize,
    scratch: Scratch,
}

/// Where a table's rows come from: reads whole rows into [`Chunk`]s,
/// bounded as [`CsvCells`] bounds them.
pub struct Source<R: Read> {
    rows: Rows<R>,
}

enum Rows<R: Read> {
    Csv {
        reader: CsvCells<R>,
        row: Row,
        /// How many cells of a row are kept: the header's, and one to tell
        /// a row is too long.
        keep: usize,
    },
    Jsonl {
        reader: BufReader<R>,
        buffer: Vec<u8>,
        line: u64,
        bytes: u64,
    },
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
    json: jsonl::Scratch,
}

struct Columns {
    /// Column -> question index; `None` for the respondent column.
    columns: Vec<Option<usize>>,
    /// The header's names, for messages.
    names: Vec<String>,
    respondent: usize,
    /// Per column: a likert question's answer for each one-digit cell
    /// (`4` or `4.0`) that is on its scale, found once.
    digits: Vec<[Option<f64>; 10]>,
}

impl<'b, R: Read> Respondents<'b, R> {
    /// Opens a table; a CSV header is read and checked against `bank` here.
    pub fn open(
        bank: &'b Bank,
        file: &str,
        input: R,
        format: TableFormat,
    ) -> Result<Self, TableError> {
        let (rows, csv) = match format {
            TableFormat::Csv => {
                let (reader, columns) = csv_rows(bank, file, input)?;
                let keep = columns.columns.len() + 1;
                let rows = Rows::Csv {
                    reader,
                    row: Row::default(),
                    keep,
                };
                (rows, Some(columns))
            }
            TableFormat::Jsonl => {
                let rows = Rows::Jsonl {
                    reader: BufReader::new(input),
                    buffer: Vec::new(),
                    line: 0,
                    bytes: 0,
                };
                (rows, None)
            }
        };
        Ok(Respondents {
            file: file.to_string(),
            source: Source { rows },
            layout: Layout {
                bank,
                csv,
                ids: Ids::new(bank),
            },
            chunk: Chunk::default(),
            next: 0,
            scratch: Scratch::new(bank),
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
        if self.next >= self.chunk.len() {
            self.chunk.clear();
            self.next = 0;
            match self.source.fill(&mut self.chunk, 1, 0) {
                Ok(_) if self.chunk.is_empty() => return None,
                Ok(_) => {}
                Err(source) => return Some(Err(self.read_error(source))),
            }
        }
        let index = self.next;
        self.next += 1;
        let mut found = None;
        let _ = self
            .layout
            .each(&self.chunk, &mut self.scratch, |i, line, id, answers| {
                if i == index {
                    found = Some(Respondent {
                        line,
                        id: id.to_string(),
                        answers: answers.cloned(),
                    });
                    return Err(());
                }
                Ok(())
            });
        found.map(Ok)
    }
}

impl<R: Read> Source<R> {
    /// How many bytes of the input have been read, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        match &self.rows {
            Rows::Csv { reader, .. } => reader.bytes_read(),
            Rows::Jsonl { bytes, .. } => *bytes,
        }
    }

    /// Adds whole rows to `chunk` until it holds `rows` of them or `bytes`
    /// bytes of text (at least one row either way); false once the input
    /// is all read. Blank JSON Lines lines are skipped.
    pub fn fill(&mut self, chunk: &mut Chunk, rows: usize, bytes: usize) -> io::Result<bool> {
        let more = loop {
            if chunk.len() >= rows.max(1) || (!chunk.is_empty() && chunk.text_len() >= bytes) {
                break true;
            }
            match &mut self.rows {
                Rows::Csv { reader, row, keep } => {
                    if !reader.read_row(row, *keep)? {
                        break false;
                    }
                    chunk.push_row(row);
                }
                Rows::Jsonl {
                    reader,
                    buffer,
                    line,
                    bytes,
                } => {
                    buffer.clear();
                    let (read, length) = read_line(reader, buffer)?;
                    if read == 0 {
                        break false;
                    }
                    *bytes += read as u64;
                    *line += 1;
                    let text = std::str::from_utf8(buffer).ok();
                    if length <= MAX_ROW_BYTES && text.is_some_and(|t| t.trim().is_empty()) {
                        continue;
                    }
                    chunk.push_line(*line, length, text);
                }
            }
        };
        chunk.bytes_read = self.bytes_read();
        Ok(more)
    }
}

impl Scratch {
    pub fn new(bank: &Bank) -> Self {
        Scratch {
            answers: AnswerSet::new(bank),
            json: jsonl::Scratch::new(bank),
        }
    }
}

impl Layout<'_> {
    /// Makes respondents of a chunk's rows, in order: `f` gets each one's
    /// place in the chunk, line, id and answers (kept in `scratch`, reused
    /// from row to row), or why the row cannot be used. An error from `f`
    /// stops it.
    pub fn each<E>(
        &self,
        chunk: &Chunk,
        scratch: &mut Scratch,
        mut f: impl FnMut(usize, u64, &str, Result<&AnswerSet, String>) -> Result<(), E>,
    ) -> Result<(), E> {
        let bank = self.bank;
        let answers = &mut scratch.answers;
        match &self.csv {
            Some(columns) => {
                for (i, row) in chunk.rows().enumerate() {
                    let (id, result) = csv_respondent(bank, columns, row, answers);
                    f(i, row.line, id, result.map(|()| &*answers))?;
                }
            }
            None => {
                for (i, line) in chunk.lines().enumerate() {
                    let fast = match line.text {
                        Some(text) if line.length <= MAX_ROW_BYTES => {
                            jsonl::read(&self.ids, &mut scratch.json, text.trim(), answers)
                        }
                        _ => None,
                    };
                    let (id, result) = match fast {
                        Some(id) => (id, Ok(())),
                        None => jsonl::general(bank, line, answers),
                    };
                    f(i, line.line, &id, result.map(|()| &*answers))?;
                }
            }
        }
        Ok(())
    }
}

/// Reads one line into `buffer`, keeping at most [`MAX_ROW_BYTES`] and a
/// byte of it (enough to tell it is too long) and skipping the rest.
/// Returns how many bytes were read and the line's length without its
/// newline; 0 bytes at the end of the input.
fn read_line<R: Read>(
    reader: &mut BufReader<R>,
    buffer: &mut Vec<u8>,
) -> io::Result<(usize, usize)> {
    let mut total = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((total, total));
        }
        let newline = memchr::memchr(b'\n', chunk);
        let take = newline.map_or(chunk.len(), |i| i + 1);
        let room = (MAX_ROW_BYTES + 1).saturating_sub(buffer.len());
        let kept = newline.unwrap_or(take).min(room);
        buffer.extend_from_slice(&chunk[..kept]);
        reader.consume(take);
        total += take;
        if newline.is_some() {
            return Ok((total, total - 1));
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
    let digits = columns
        .iter()
        .map(|column| {
            let mut digits = [None; 10];
            if let Some(QuestionKind::Likert { scale, .. }) =
                column.map(|q| &bank.questions[q].kind)
            {
                for (d, slot) in digits.iter_mut().enumerate() {
                    *slot = scale.by_value(d as f64).map(|p| p.value);
                }
            }
            digits
        })
        .collect();
    Ok((
        reader,
        Columns {
            columns,
            names,
            respondent,
            digits,
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
) -> (&'r str, Result<(), String>) {
    let Columns {
        columns,
        names,
        respondent,
        digits,
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
        None => answers_from_cells(bank, columns, digits, row, answers),
    };
    (id, result)
}

fn answers_from_cells(
    bank: &Bank,
    columns: &[Option<usize>],
    digits: &[[Option<f64>; 10]],
    row: RowView<'_>,
    answers: &mut AnswerSet,
) -> Result<(), String> {
    answers.clear();
    for ((cell, column), digits) in row.iter().zip(columns).zip(digits) {
        let Some(q) = *column else { continue };
        // The commonest cell, a scale value of one digit, without parsing.
        if let [d, rest @ ..] = cell.as_bytes()
            && d.is_ascii_digit()
            && matches!(rest, [] | [b'.', b'0'])
            && let Some(value) = digits[usize::from(d - b'0')]
        {
            answers.set(q, Some(Answer::Scale(value)));
            continue;
        }
        let question = &bank.questions[q];
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
}
