//! Answers files: YAML or JSON (told apart by content), mapping question ids
//! to written answers. Every problem in the file is reported, each at its
//! line and column.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use thiserror::Error;

use super::{AnswerSet, RawAnswer, question_for, resolve};
use crate::bank::Bank;
use crate::source::{Location, Problem, Problems, ReadError, SourceFile, path};

#[derive(Debug, Error)]
pub enum AnswersError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{0}")]
    Invalid(Problems),
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswersDef {
    /// The id of the bank these answers are for.
    #[serde(default)]
    bank: Option<String>,
    answers: Entries,
}

/// The `answers` mapping, keeping duplicates so they can be reported.
#[derive(Debug, Default)]
struct Entries(Vec<(String, RawAnswer)>);

pub fn read_file(path: &Path, bank: &Bank) -> Result<AnswerSet, AnswersError> {
    read(SourceFile::read(path)?, bank)
}

/// Parses and checks answers text against `bank`.
pub fn read(source: SourceFile, bank: &Bank) -> Result<AnswerSet, AnswersError> {
    let mut problems = Vec::new();
    let answers = check(&source.text, bank, &mut problems);
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(AnswersError::Invalid(Problems::new(source, problems)))
    }
}

fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}

fn parse(text: &str) -> Result<AnswersDef, Box<Problem>> {
    // A byte-order mark is not content; editors on Windows add one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let problem = if is_json(text) {
        match serde_json::from_str(text) {
            Ok(def) => return Ok(def),
            Err(err) => {
                let message = err.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                let location = (err.line() > 0).then(|| Location {
                    line: err.line(),
                    column: err.column(),
                });
                crate::yaml::document_problem("json-syntax", message, location, text)
            }
        }
    } else {
        match crate::yaml::from_str(text) {
            Ok(def) => return Ok(def),
            Err(problem) => *problem,
        }
    };
    let problem = match problem.code {
        "yaml-syntax" | "json-syntax" | "wrong-type" => problem.hint(
            "an answers file looks like:\n  bank: healthcare\n  answers:\n    question-id: 4\n    other-question: option-id",
        ),
        _ => problem,
    };
    Err(Box::new(problem))
}

fn check(text: &str, bank: &Bank, problems: &mut Vec<Problem>) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    let def = match parse(text) {
        Ok(def) => def,
        Err(problem) => {
            problems.push(*problem);
            return answers;
        }
    };
    if let Some(id) = &def.bank
        && *id != bank.id
    {
        problems.push(
            Problem::new(
                "bank-mismatch",
                "bank",
                format!(
                    "these answers are for the bank `{id}`, but the bank being scored is `{}`",
                    bank.id
                ),
            )
            .hint(format!("pass `--bank {id}`, or correct the `bank:` line")),
        );
    }
    let mut seen = std::collections::HashMap::new();
    for (id, raw) in &def.answers.0 {
        let at = path::key("answers", id);
        let index = match question_for(bank, id) {
            Ok(index) => index,
            Err(unknown) => {
                problems.push(
                    Problem::new("unknown-question", at, unknown.message)
                        .at_key()
                        .hint(unknown.hint),
                );
                continue;
            }
        };
        let times = seen.entry(index).or_insert(0);
        *times += 1;
        if *times > 1 {
            problems.push(
                Problem::new("duplicate-answer", at, format!("`{id}` is answered twice"))
                    .occurrence(*times - 1)
                    .at_key()
                    .hint("keep one answer per question"),
            );
            continue;
        }
        match resolve(&bank.questions[index], raw) {
            Ok(answer) => answers.set(index, answer),
            Err(mismatch) => problems.push(
                Problem::new("bad-answer", at, format!("`{id}`: {}", mismatch.message))
                    .hint(mismatch.hint),
            ),
        }
    }
    answers
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from question ids to answers")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Entries, E> {
                Ok(Entries::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Key>()? {
                    entries.push((key.0, map.next_value::<RawAnswer>()?));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

/// A question id; YAML reads `12:` as a number, which is still an id.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a question id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

/// Any value deserializes; whether it fits its question is decided later,
/// so that every bad answer is reported, not only the first.
impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Skip)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Skip)
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<RawAnswer, D::Error> {
                RawAnswer::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Unusable("true/false"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswer, A::Error> {
                let mut items = Vec::new();
                let mut usable = true;
                while let Some(item) = seq.next_element::<RawAnswer>()? {
                    match item {
                        RawAnswer::Text(t) => items.push(t),
                        RawAnswer::Number(n) => items.push(n.to_string()),
                        _ => usable = false,
                    }
                }
                Ok(if usable {
                    RawAnswer::List(items)
                } else {
                    RawAnswer::Unusable("a list with something other than option ids in it")
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswer, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawAnswer::Unusable("a mapping"))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::bank::bundled;

    fn bank() -> Bank {
        bundled::find("healthcare").unwrap().load().unwrap()
    }

    fn first_of_kind(bank: &Bank, kind: &str) -> usize {
        bank.questions
            .iter()
            .position(|q| q.kind.name() == kind)
            .unwrap()
    }

    #[test]
    fn yaml_and_json_give_the_same_answers() {
        let bank = bank();
        let likert = &bank.questions[first_of_kind(&bank, "likert")].id;
        let number = &bank.questions[first_of_kind(&bank, "number")].id;
        let yaml = format!("bank: healthcare\nanswers:\n  {likert}: Agree\n  {number}: 3\n");
        let json = format!(
            "{{\"bank\": \"healthcare\", \"answers\": {{\"{likert}\": 4, \"{number}\": 3}}}}"
        );
        let a = read(SourceFile::new("a.yaml", yaml), &bank).unwrap();
        let b = read(SourceFile::new("a.json", json), &bank).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.answered(), 2);
        assert_eq!(
            a.get(first_of_kind(&bank, "likert")),
            Some(&Answer::Scale(4.0))
        );
    }

    #[test]
    fn every_bad_answer_is_reported_with_its_line() {
        let bank = bank();
        let likert = &bank.questions[first_of_kind(&bank, "likert")].id;
        let choice = &bank.questions[first_of_kind(&bank, "choice")].id;
        let text = format!(
            "bank: other\nanswers:\n  {likert}: 9\n  no-such-question: 1\n  {choice}: [a]\n  {likert}: 2\n"
        );
        let Err(AnswersError::Invalid(found)) = read(SourceFile::new("a.yaml", text), &bank) else {
            panic!("expected problems");
        };
        let summary: Vec<(&str, usize)> = found
            .problems
            .iter()
            .map(|p| (p.code, p.location.unwrap().line))
            .collect();
        assert_eq!(
            summary,
            [
                ("bank-mismatch", 1),
                ("bad-answer", 3),
                ("unknown-question", 4),
                ("bad-answer", 5),
                ("duplicate-answer", 6)
            ]
        );
    }

    #[test]
    fn syntax_errors_name_their_place_in_both_formats() {
        let bank = bank();
        for (name, text, line) in [
            ("a.yaml", "answers:\n  q: [1, 2\n", 3),
            ("a.json", "{\"answers\": {\"q\": 1,}}", 1),
        ] {
            let Err(AnswersError::Invalid(found)) = read(SourceFile::new(name, text), &bank) else {
                panic!("expected a syntax problem for {name}");
            };
            assert_eq!(found.problems.len(), 1);
            assert_eq!(found.problems[0].location.unwrap().line, line, "{name}");
        }
    }

    #[test]
    fn unknown_top_level_fields_are_refused() {
        let Err(AnswersError::Invalid(found)) =
            read(SourceFile::new("a.yaml", "answer:\n  q: 1\n"), &bank())
        else {
            panic!("expected a problem");
        };
        assert!(
            found.problems[0].message.contains("unknown field `answer`"),
            "{found}"
        );
    }
}
