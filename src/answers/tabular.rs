//! A class's answers as tables: CSV (a `respondent` column and one column
//! per question id) or JSON Lines (`{"respondent": …, "answers": {…}}` per
//! line), read one respondent at a time so memory stays flat, and written
//! back in the same shapes (for `sample`). The header is checked when the
//! input is opened, before anyone writes a result.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

use super::{Answer, AnswerSet, Entries, Resolver, answer_value, resolve_cell};
use crate::bank::Bank;
use crate::diag::{Code, did_you_mean};

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
        reader: csv::Reader<R>,
        /// Column -> question index; `None` for the respondent column.
        columns: Vec<Option<usize>>,
        respondent: usize,
        record: csv::StringRecord,
    },
    Jsonl {
        reader: BufReader<R>,
        buffer: String,
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
                buffer: String::new(),
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
            Rows::Csv { reader, .. } => reader.position().byte(),
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
                respondent,
                record,
            } => {
                let line = reader.position().line() + 1;
                match reader.read_record(record) {
                    Ok(false) => None,
                    Ok(true) => {
                        let line = record.position().map_or(line, |p| p.line());
                        let id = record.get(*respondent).unwrap_or("").trim().to_string();
                        let answers = if record.len() != columns.len() {
                            Err(cell_count(record.len(), columns.len()))
                        } else {
                            answers_from_cells(bank, columns, record)
                        };
                        Some(Ok(Respondent { line, id, answers }))
                    }
                    Err(err) => match err.kind() {
                        csv::ErrorKind::UnequalLengths {
                            pos,
                            expected_len,
                            len,
                        } => Some(Ok(Respondent {
                            line: pos.as_ref().map_or(line, |p| p.line()),
                            id: String::new(),
                            answers: Err(cell_count(*len as usize, *expected_len as usize)),
                        })),
                        csv::ErrorKind::Utf8 { pos, .. } => Some(Ok(Respondent {
                            line: pos.as_ref().map_or(line, |p| p.line()),
                            id: String::new(),
                            answers: Err("the row is not UTF-8 text".to_string()),
                        })),
                        _ => Some(Err(self.read_error(io::Error::other(err.to_string())))),
                    },
                }
            }
            Rows::Jsonl {
                reader,
                buffer,
                line,
                bytes,
            } => loop {
                buffer.clear();
                let read = match reader.read_line(buffer) {
                    Ok(0) => return None,
                    Ok(read) => read,
                    Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                        *line += 1;
                        // Skip the rest of the bad line.
                        let mut rest = Vec::new();
                        if let Err(source) = reader.read_until(b'\n', &mut rest) {
                            return Some(Err(self.read_error(source)));
                        }
                        return Some(Ok(Respondent {
                            line: *line,
                            id: String::new(),
                            answers: Err("the line is not UTF-8 text".to_string()),
                        }));
                    }
                    Err(source) => return Some(Err(self.read_error(source))),
                };
                *line += 1;
                *bytes += read as u64;
                let text = buffer.trim();
                if !text.is_empty() {
                    return Some(Ok(json_respondent(bank, *line, text)));
                }
            },
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
    let mut reader = csv::ReaderBuilder::new()
        .buffer_capacity(1 << 16)
        .has_headers(true)
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| input_error(format!("cannot read the header row: {e}")))?
        .clone();
    let name_of = |h: &str| h.trim().trim_start_matches('\u{feff}').to_string();
    let Some(respondent) = headers.iter().position(|h| name_of(h) == "respondent") else {
        return Err(input_error(
            "the header has no `respondent` column; add one naming each student (any text)"
                .to_string(),
        ));
    };
    let mut columns = Vec::with_capacity(headers.len());
    let mut seen = std::collections::HashSet::new();
    for (i, name) in headers.iter().map(name_of).enumerate() {
        if !seen.insert(name.clone()) {
            return Err(input_error(format!(
                "the column `{name}` appears twice in the header"
            )));
        }
        if i == respondent {
            columns.push(None);
            continue;
        }
        match bank.question_index(&name) {
            Some(q) => columns.push(Some(q)),
            None => {
                return Err(input_error(format!(
                    "the header names `{name}` (column {}), which is not a question of the bank `{}`; {}",
                    i + 1,
                    bank.id,
                    did_you_mean(
                        &name,
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
        respondent,
        record: csv::StringRecord::new(),
    })
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
        let answer = resolve_cell(question, cell).map_err(|m| {
            format!(
                "`{}`: {} [{}]; {}",
                question.id,
                m.message,
                Code::BadAnswer,
                m.hint
            )
        })?;
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
                answers: Err(format!(
                    "not a respondent object ({err}); write {{\"respondent\": \"id\", \"answers\": {{…}}}}"
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
