//! Respondents written as a table `Respondents` reads back (for `sample`
//! and tests): CSV with a header of question ids, or JSON Lines.

use std::io::{self, Write};

use super::tabular::TableFormat;
use super::{Answer, answer_value};
use crate::bank::Bank;

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
