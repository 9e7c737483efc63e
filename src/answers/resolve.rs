//! The only path from a written answer to an [`Answer`]. Whatever the
//! source — an answers file, a CSV cell, a JSON Lines row, a saved session,
//! an answer picked in the quiz — an unknown question, a question answered
//! twice and an answer that does not fit are found here and worded the
//! same way, so every command refuses the same input with the same code.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

use super::{Answer, AnswerSet};
use crate::bank::{Bank, Question, QuestionKind};
use crate::diag::{Code, Problem, path};

/// An answer as written, before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    Skip,
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// Something no question takes (true/false, a mapping), named for the
    /// message.
    Unusable(&'static str),
}

/// Checks a spreadsheet cell against its question without copying it:
/// the same rules as [`resolve`], with `a;b` listing a multi question's
/// options (`;` alone: none of them). An empty cell is a skip.
pub fn resolve_cell(question: &Question, cell: &str) -> Result<Option<Answer>, AnswerMismatch> {
    let bytes = cell.as_bytes();
    let cell = match (bytes.first(), bytes.last()) {
        (Some(a), Some(b)) if !a.is_ascii_whitespace() && !b.is_ascii_whitespace() => cell,
        _ => cell.trim(),
    };
    if cell.is_empty() {
        return Ok(None);
    }
    let fast = match &question.kind {
        QuestionKind::Likert { scale, .. } => parse_number(cell)
            .and_then(|v| scale.by_value(v))
            .map(|p| Answer::Scale(p.value)),
        QuestionKind::Choice { options } => options
            .iter()
            .position(|o| o.id == cell)
            .map(Answer::Choice),
        QuestionKind::Number { min, max, .. } => parse_number(cell)
            .filter(|v| v.is_finite() && (*min..=*max).contains(v))
            .map(Answer::Number),
        QuestionKind::Multi { options } => {
            let mut chosen = Vec::new();
            let mut ok = true;
            // Byte-wise: `;` is ASCII, and ids are compared as bytes.
            for id in cell
                .as_bytes()
                .split(|&b| b == b';')
                .map(<[u8]>::trim_ascii)
            {
                if id.is_empty() {
                    continue;
                }
                match options.iter().position(|o| o.id.as_bytes() == id) {
                    Some(i) if !chosen.contains(&i) => chosen.push(i),
                    _ => ok = false,
                }
            }
            ok.then(|| {
                chosen.sort_unstable();
                Answer::Multi(chosen)
            })
        }
    };
    match fast {
        Some(answer) => Ok(Some(answer)),
        // Labels, and the messages for bad cells, come from the full rules.
        None => {
            let raw = match question.kind {
                QuestionKind::Multi { .. } => RawAnswer::List(
                    cell.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                ),
                _ => RawAnswer::Text(cell.to_string()),
            };
            resolve(question, &raw)
        }
    }
}

/// A number as written in a cell. Small whole numbers (`4`, `4.0`), by far
/// the most common in class spreadsheets, skip the general float parser.
fn parse_number(cell: &str) -> Option<f64> {
    let digits = match cell.as_bytes() {
        [d] => Some(d),
        [d, b'.', b'0'] => Some(d),
        _ => None,
    };
    match digits {
        Some(d) if d.is_ascii_digit() => Some(f64::from(d - b'0')),
        _ => cell.parse().ok(),
    }
}

/// Why a written answer does not fit its question.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerMismatch {
    pub message: String,
    pub hint: String,
}

/// The index of the question `id` answers, or what is wrong with the id:
/// the same message and "did you mean" for every input format.
pub fn question_for(bank: &Bank, id: &str) -> Result<usize, AnswerMismatch> {
    bank.question_index(id).ok_or_else(|| AnswerMismatch {
        message: format!("the bank `{}` has no question `{id}`", bank.id),
        hint: crate::diag::did_you_mean(
            id,
            bank.questions.iter().map(|q| q.id.as_str()),
            "question ids",
        ),
    })
}

/// Checks a written answer against its question.
pub fn resolve(question: &Question, raw: &RawAnswer) -> Result<Option<Answer>, AnswerMismatch> {
    if *raw == RawAnswer::Skip {
        return Ok(None);
    }
    let mismatch = |message: String| AnswerMismatch {
        message,
        hint: allowed(question),
    };
    match &question.kind {
        QuestionKind::Likert { scale, .. } => {
            let point = match raw {
                RawAnswer::Number(v) => scale.by_value(*v),
                RawAnswer::Text(t) => scale
                    .by_label(t)
                    .or_else(|| t.trim().parse().ok().and_then(|v| scale.by_value(v))),
                _ => None,
            };
            point.map(|p| Some(Answer::Scale(p.value))).ok_or_else(|| {
                mismatch(format!("{} is not on this question's scale", describe(raw)))
            })
        }
        QuestionKind::Choice { options } => {
            let id = match raw {
                RawAnswer::Text(t) => Some(t.trim().to_string()),
                RawAnswer::Number(n) => Some(n.to_string()),
                _ => None,
            };
            match id.and_then(|id| options.iter().position(|o| o.id == id)) {
                Some(index) => Ok(Some(Answer::Choice(index))),
                None if matches!(raw, RawAnswer::List(_)) => Err(mismatch(
                    "this question takes one option, not a list".to_string(),
                )),
                None => Err(mismatch(format!(
                    "{} is not an option of this question",
                    describe(raw)
                ))),
            }
        }
        QuestionKind::Multi { options } => {
            let ids: Vec<String> = match raw {
                RawAnswer::List(ids) => ids.clone(),
                RawAnswer::Text(t) => vec![t.clone()],
                RawAnswer::Number(n) => vec![n.to_string()],
                _ => {
                    return Err(mismatch(format!(
                        "{} is not a list of options",
                        describe(raw)
                    )));
                }
            };
            let mut chosen = Vec::with_capacity(ids.len());
            for id in &ids {
                let id = id.trim();
                let Some(index) = options.iter().position(|o| o.id == id) else {
                    return Err(mismatch(format!(
                        "`{id}` is not an option of this question"
                    )));
                };
                if chosen.contains(&index) {
                    return Err(mismatch(format!("the option `{id}` is listed twice")));
                }
                chosen.push(index);
            }
            chosen.sort_unstable();
            Ok(Some(Answer::Multi(chosen)))
        }
        QuestionKind::Number { min, max, .. } => {
            let value = match raw {
                RawAnswer::Number(v) => Some(*v),
                RawAnswer::Text(t) => t.trim().parse::<f64>().ok(),
                _ => None,
            };
            match value {
                Some(v) if v.is_finite() && (*min..=*max).contains(&v) => {
                    Ok(Some(Answer::Number(v)))
                }
                Some(v) if v.is_finite() => {
                    Err(mismatch(format!("{v} is outside the allowed range")))
                }
                _ => Err(mismatch(format!("{} is not a number", describe(raw)))),
            }
        }
    }
}

fn describe(raw: &RawAnswer) -> String {
    match raw {
        RawAnswer::Skip => "nothing".to_string(),
        RawAnswer::Number(n) => n.to_string(),
        RawAnswer::Text(t) => format!("`{t}`"),
        RawAnswer::List(items) => format!("the list [{}]", items.join(", ")),
        RawAnswer::Unusable(what) => what.to_string(),
    }
}

/// What the question accepts, for hints.
pub fn allowed(question: &Question) -> String {
    let format_number = |v: f64| v.to_string();
    match &question.kind {
        QuestionKind::Likert { scale, .. } => {
            let points: Vec<String> = scale
                .points
                .iter()
                .map(|p| format!("{} ({})", format_number(p.value), p.label))
                .collect();
            format!(
                "answer with a scale value or its label: {}",
                points.join(", ")
            )
        }
        QuestionKind::Choice { options } => {
            format!("answer with one option id: {}", option_ids(options))
        }
        QuestionKind::Multi { options } => format!(
            "answer with a list of option ids (may be empty): {}",
            option_ids(options)
        ),
        QuestionKind::Number { min, max, unit, .. } => format!(
            "answer with a number from {} to {}{}",
            format_number(*min),
            format_number(*max),
            unit.as_ref().map(|u| format!(" ({u})")).unwrap_or_default()
        ),
    }
}

fn option_ids(options: &[crate::bank::ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| format!("`{}`", o.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with one entry of a set of answers (`id: answer`).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryProblem {
    /// `unknown-question`, `duplicate-answer` or `bad-answer`.
    pub code: Code,
    /// The question id as written.
    pub id: String,
    /// Which time this id was written (0 = the first).
    pub occurrence: usize,
    pub message: String,
    pub hint: String,
}

impl EntryProblem {
    /// The problem at its place in an answers file's `answers` mapping.
    pub fn to_problem(&self) -> Problem {
        let problem = Problem::new(
            self.code,
            path::key("answers", &self.id),
            self.message.clone(),
        )
        .occurrence(self.occurrence)
        .hint(self.hint.clone());
        match self.code {
            Code::BadAnswer => problem,
            _ => problem.at_key(),
        }
    }

    /// The problem as one sentence with its code, for a table row or a
    /// session file.
    pub fn sentence(&self) -> String {
        format!("{} [{}]; {}", self.message, self.code, self.hint)
    }
}

/// Builds an [`AnswerSet`] from `id: answer` entries, refusing unknown
/// questions, repeats and answers that do not fit.
pub struct Resolver<'b> {
    bank: &'b Bank,
    answers: AnswerSet,
    /// Per question: how many times it was written so far.
    seen: Vec<usize>,
}

impl<'b> Resolver<'b> {
    pub fn new(bank: &'b Bank) -> Self {
        Resolver {
            bank,
            answers: AnswerSet::new(bank),
            seen: vec![0; bank.questions.len()],
        }
    }

    /// Takes the answer `raw` to the question `id`. A refused entry leaves
    /// the answers as they were.
    pub fn answer(&mut self, id: &str, raw: &RawAnswer) -> Result<(), EntryProblem> {
        let problem = |code, occurrence, message: String, hint: String| EntryProblem {
            code,
            id: id.to_string(),
            occurrence,
            message,
            hint,
        };
        let index = question_for(self.bank, id)
            .map_err(|unknown| problem(Code::UnknownQuestion, 0, unknown.message, unknown.hint))?;
        let times = self.seen[index];
        self.seen[index] += 1;
        if times > 0 {
            return Err(problem(
                Code::DuplicateAnswer,
                times,
                format!("`{id}` is answered twice"),
                "keep one answer per question".to_string(),
            ));
        }
        let answer = resolve(&self.bank.questions[index], raw).map_err(|mismatch| {
            problem(
                Code::BadAnswer,
                0,
                format!("`{id}`: {}", mismatch.message),
                mismatch.hint,
            )
        })?;
        self.answers.set(index, answer);
        Ok(())
    }

    /// The answers taken.
    pub fn finish(self) -> AnswerSet {
        self.answers
    }
}

/// Checks an answer from a prompter (the quiz) against its question: the right kind, an
/// existing option, a point on the scale, a finite number in range. Multi
/// answers are returned sorted into option order, as [`Answer::Multi`]
/// requires; an option chosen twice is refused.
impl Answer {
    pub fn check(self, question: &Question) -> Result<Answer, String> {
        match (&question.kind, self) {
            (QuestionKind::Likert { scale, .. }, Answer::Scale(value)) => {
                if scale.by_value(value).is_some() {
                    Ok(Answer::Scale(value))
                } else {
                    Err(format!("{value} is not a point on its scale"))
                }
            }
            (QuestionKind::Choice { options }, Answer::Choice(index)) => {
                if index < options.len() {
                    Ok(Answer::Choice(index))
                } else {
                    Err(no_such_option(index, options.len()))
                }
            }
            (QuestionKind::Multi { options }, Answer::Multi(mut chosen)) => {
                chosen.sort_unstable();
                if let Some(&index) = chosen.iter().find(|&&i| i >= options.len()) {
                    return Err(no_such_option(index, options.len()));
                }
                if let Some(pair) = chosen.windows(2).find(|pair| pair[0] == pair[1]) {
                    return Err(format!("option {} is chosen twice", pair[0]));
                }
                Ok(Answer::Multi(chosen))
            }
            (QuestionKind::Number { min, max, .. }, Answer::Number(value)) => {
                if value.is_finite() && (*min..=*max).contains(&value) {
                    Ok(Answer::Number(value))
                } else {
                    Err(format!("{value} is not a number from {min} to {max}"))
                }
            }
            (kind, answer) => Err(format!(
                "a {} answer was given to a {} question",
                answer_kind(&answer),
                kind.name()
            )),
        }
    }
}

fn no_such_option(index: usize, count: usize) -> String {
    format!("there is no option {index}: the question has {count} options, numbered from 0")
}

fn answer_kind(answer: &Answer) -> &'static str {
    match answer {
        Answer::Scale(_) => "likert",
        Answer::Choice(_) => "choice",
        Answer::Multi(_) => "multi",
        Answer::Number(_) => "number",
    }
}

/// The `answers` mapping as written, keeping every entry in order, repeats
/// included, so that they can be refused.
#[derive(Debug, Default)]
pub struct Entries(pub Vec<(String, RawAnswer)>);

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
