//! Answers files: YAML or JSON (told apart by content), mapping question ids
//! to written answers. Every problem in the file is found, and the first
//! [`MAX_SHOWN`] are reported, each at its line and column; the rest are
//! counted.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

use super::places::{JsonPlaces, locations};
use super::{AnswerSet, Entries, Resolver};
use crate::bank::Bank;
use crate::diag::problems::MAX_SHOWN;
use crate::diag::{Code, Location, Problem, Problems};
use crate::input::locate::Locator;
use crate::input::source::{ReadError, SourceFile};
use crate::input::yaml;

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

pub fn read_file(path: &Path, bank: &Bank) -> Result<AnswerSet, AnswersError> {
    read(SourceFile::read(path)?, bank)
}

/// Parses and checks answers text against `bank`.
pub fn read(source: SourceFile, bank: &Bank) -> Result<AnswerSet, AnswersError> {
    let mut problems = Vec::new();
    let (answers, omitted) = check(&source.text, bank, &mut problems);
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(AnswersError::Invalid(
            locate(source, problems).with_omitted(omitted),
        ))
    }
}

/// Fills in the place of each problem from its path. Only the problems'
/// paths are looked for, so a file of a million entries with a problem or
/// two costs the parse, not a million places: in JSON with serde_json's
/// raw values ([`JsonPlaces`]), otherwise with the YAML locator.
fn locate(source: SourceFile, mut problems: Vec<Problem>) -> Problems {
    let text = source.text.as_str();
    let unlocated = |p: &&mut Problem| p.location.is_none();
    if is_json(text) && problems.iter().any(|p| p.location.is_none()) {
        let ids: HashSet<&str> = problems
            .iter()
            .filter_map(|p| p.path.strip_prefix("answers."))
            .collect();
        if let Some(places) = JsonPlaces::read(text, &ids) {
            let offsets: Vec<Option<usize>> = problems
                .iter()
                .map(|p| places.offset(&p.path, p.occurrence, p.target))
                .collect();
            let found = locations(text, &offsets.iter().flatten().copied().collect::<Vec<_>>());
            for (problem, offset) in problems.iter_mut().zip(offsets) {
                if problem.location.is_none() {
                    problem.location = offset.and_then(|o| found.get(&o).copied());
                }
            }
        }
    }
    if problems.iter().any(|p| p.location.is_none()) {
        let wanted: Vec<&str> = problems
            .iter()
            .filter(|p| p.location.is_none())
            .map(|p| p.path.as_str())
            .collect();
        let locator = Locator::new(text, wanted);
        for problem in problems.iter_mut().filter(unlocated) {
            problem.location = locator.find(&problem.path, problem.occurrence, problem.target);
        }
    }
    Problems::new(source, problems)
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
                yaml::document_problem(Code::JsonSyntax, message, location, text)
            }
        }
    } else {
        match yaml::from_str(text) {
            Ok(def) => return Ok(def),
            Err(problem) => *problem,
        }
    };
    let problem = match problem.code {
        Code::YamlSyntax | Code::JsonSyntax | Code::WrongType => problem.hint(
            "an answers file looks like:\n  bank: healthcare\n  answers:\n    question-id: 4\n    other-question: option-id",
        ),
        _ => problem,
    };
    Err(Box::new(problem))
}

/// The answers, with every problem up to [`MAX_SHOWN`] in `problems`, and
/// how many more there were.
fn check(text: &str, bank: &Bank, problems: &mut Vec<Problem>) -> (AnswerSet, usize) {
    let def = match parse(text) {
        Ok(def) => def,
        Err(problem) => {
            problems.push(*problem);
            return (AnswerSet::new(bank), 0);
        }
    };
    if let Some(id) = &def.bank
        && *id != bank.id
    {
        problems.push(
            Problem::new(
                Code::BankMismatch,
                "bank",
                format!(
                    "these answers are for the bank `{id}`, but the bank being scored is `{}`",
                    bank.id
                ),
            )
            .hint(format!("pass `--bank {id}`, or correct the `bank:` line")),
        );
    }
    let mut resolver = Resolver::new(bank);
    let mut omitted = 0;
    for (id, raw) in &def.answers.0 {
        if problems.len() < MAX_SHOWN {
            if let Err(problem) = resolver.answer(id, raw) {
                problems.push(problem.to_problem());
            }
        } else if resolver.count(id, raw).is_err() {
            omitted += 1;
        }
    }
    (resolver.finish(), omitted)
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
        let summary: Vec<(Code, usize)> = found
            .problems
            .iter()
            .map(|p| (p.code, p.location.unwrap().line))
            .collect();
        assert_eq!(
            summary,
            [
                (Code::BankMismatch, 1),
                (Code::BadAnswer, 3),
                (Code::UnknownQuestion, 4),
                (Code::BadAnswer, 5),
                (Code::DuplicateAnswer, 6)
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
