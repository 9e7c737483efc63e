//! A class's answers as tables: CSV (a `respondent` column and one column
//! per question id) or JSON Lines (`{"respondent": …, "answers": {…}}` per
//! line), read one respondent at a time so memory stays flat, and written
//! back in the same shapes (for `sample`). The header is checked when the
//! input is opened, before anyone writes a result. A cell over
//! [`MAX_CELL_BYTES`], a row or line over [`MAX_ROW_BYTES`], is a bad row
//! (named by line and column), never held in memory; messages quote cells
//! only as short, escaped excerpts.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

use super::cells::{CsvCells, MAX_CELL_BYTES, MAX_ROW_BYTES, Oversize, Row};
use super::{Answer, AnswerSet, Entries, Resolver, answer_value, resolve_cell};
use crate::bank::Bank;
use crate::diag::render::plain;
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
    bank: &'b Bank,
    file: String,
    rows: Rows<R>,
}

enum Rows<R: Read> {
    Csv {
        reader: CsvCells<R>,
        /// Column -> question index; `None` for the respondent column.
        columns: Vec<Option<usize>>,
        /// The header's names, for messages.
        names: Vec<String>,
        respondent: usize,
        row: Row,
    },
    Jsonl {
        reader: BufReader<R>,
        buffer: Vec<u8>,
        line: u64,
        bytes: u64,
    },
}

impl<'b, R: Read> Respondents<'b, R> {
    /// Opens a table; a CSV header is read and checked against `bank` here.
    pub fn open(
        bank: &'b Bank,
        file: &str,
        input: R,
        format: TableFormat,
    ) -> Result<Self, TableError> {
        let rows = match format {
            TableFormat::Csv => csv_rows(bank, file, input)?,
            TableFormat::Jsonl => Rows::Jsonl {
                reader: BufReader::new(input),
                buffer: Vec::new(),
                line: 0,
                bytes: 0,
            },
        };
        Ok(Respondents {
            bank,
            file: file.to_string(),
            rows,
        })
    }

    /// The input's name, for messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// How many bytes of the input have been read, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        match &self.rows {
            Rows::Csv { reader, .. } => reader.bytes_read(),
            Rows::Jsonl { bytes, .. } => *bytes,
        }
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
        let bank = self.bank;
        match &mut self.rows {
            Rows::Csv {
                reader,
                columns,
                names,
                respondent,
                row,
            } => match reader.read_row(row, columns.len() + 1) {
                Ok(false) => None,
                Ok(true) => Some(Ok(csv_respondent(bank, columns, names, *respondent, row))),
                Err(source) => Some(Err(self.read_error(source))),
            },
            Rows::Jsonl {
                reader,
                buffer,
                line,
                bytes,
            } => loop {
                buffer.clear();
                let length = match read_line(reader, buffer) {
                    Ok((0, _)) => return None,
                    Ok((read, length)) => {
                        *bytes += read as u64;
                        length
                    }
                    Err(source) => return Some(Err(self.read_error(source))),
                };
                *line += 1;
                if length > MAX_ROW_BYTES {
                    return Some(Ok(Respondent {
                        line: *line,
                        id: String::new(),
                        answers: Err(format!(
                            "the line is {length} bytes long, more than the {MAX_ROW_BYTES} a JSON Lines row may hold [{}]; write one respondent per line",
                            Code::LineTooLong
                        )),
                    }));
                }
                let Ok(text) = std::str::from_utf8(buffer) else {
                    return Some(Ok(Respondent {
                        line: *line,
                        id: String::new(),
                        answers: Err("the line is not UTF-8 text".to_string()),
                    }));
                };
                let text = text.trim();
                if !text.is_empty() {
                    return Some(Ok(json_respondent(bank, *line, text)));
                }
            },
        }
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
fn csv_rows<R: Read>(bank: &Bank, file: &str, input: R) -> Result<Rows<R>, TableError> {
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
    Ok(Rows::Csv {
        reader,
        columns,
        names,
        respondent,
        row: Row::default(),
    })
}

/// One CSV row as a respondent: too long a cell or row, text that is not
/// UTF-8 and the wrong number of cells make it a bad row.
fn csv_respondent(
    bank: &Bank,
    columns: &[Option<usize>],
    names: &[String],
    respondent: usize,
    row: &Row,
) -> Respondent {
    let mut id = row.get(respondent).unwrap_or("").trim().to_string();
    let answers = match row.oversize {
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
            id.clear();
            Err(cell_count(row.cells, columns.len()))
        }
        None => answers_from_cells(bank, columns, row),
    };
    Respondent {
        line: row.line,
        id,
        answers,
    }
}

fn answers_from_cells(
    bank: &Bank,
    columns: &[Option<usize>],
    row: &Row,
) -> Result<AnswerSet, String> {
    let mut answers = AnswerSet::new(bank);
    for (cell, column) in row.iter().zip(columns) {
        let Some(q) = *column else { continue };
        let question = &bank.questions[q];
        let answer = resolve_cell(question, cell)
            .map_err(|m| format!("`{}`: {} [{}]; {}", question.id, m.message, m.code, m.hint))?;
        answers.set(q, answer);
    }
    Ok(answers)
}

/// One JSON Lines row as written; `answers` keeps every entry, repeats
/// included, so that they are refused as in an answers file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonLine {
    respondent: serde_json::Value,
    #[serde(default)]
    answers: Entries,
}

fn json_respondent(bank: &Bank, line: u64, text: &str) -> Respondent {
    let parsed = match serde_json::from_str::<JsonLine>(text) {
        Ok(parsed) => parsed,
        Err(err) => {
            return Respondent {
                line,
                id: String::new(),
                // serde's message may quote the line's text: cut it short.
                answers: Err(format!(
                    "not a respondent object ({}); write {{\"respondent\": \"id\", \"answers\": {{…}}}}",
                    plain(&err.to_string())
                )),
            };
        }
    };
    let id = match &parsed.respondent {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut resolver = Resolver::new(bank);
    let answers = parsed
        .answers
        .0
        .iter()
        .try_for_each(|(qid, raw)| resolver.answer(qid, raw))
        .map(|()| resolver.finish())
        .map_err(|problem| problem.sentence());
    Respondent { line, id, answers }
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
