//! A JSON Lines row read straight into the answer slots: serde visitors
//! over the line's text look each question id up (the id that followed the
//! one before, the last time, is tried first) and check each answer as it is read, with no general value, no
//! copy of an id and no map built first. Only rows that are plainly right
//! are read this way; anything else (a repeat, an unknown id or field, an
//! answer written another way than the usual, a mistake in the JSON) makes
//! [`read`] give up, and the row is read again the general way, which
//! words the problem — so both ways always agree. Before either, [`plain`]
//! reads a row written the plainest way without serde at all.

pub(super) mod plain;

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use serde::Deserialize;

use super::cells::{MAX_ROW_BYTES, same_bytes};
use super::chunk::LineView;
use super::resolve::{OptionKeys, digit_values};
use super::{Answer, AnswerSet, Entries, Resolver};
use crate::bank::{Bank, Question, QuestionKind};
use crate::diag::Code;
use crate::diag::render::plain;

/// The bank's question ids, sorted, to look ids up, and each choice and
/// multi question's option ids.
pub(super) struct Ids<'b> {
    bank: &'b Bank,
    sorted: Vec<(&'b str, usize)>,
    options: Vec<OptionKeys>,
    /// Each question id as a JSON string, `"id"`, when that is the only
    /// way to write it (no character in it needs an escape).
    quoted: Vec<Option<Box<[u8]>>>,
    /// Per likert question: the scale point each one-digit value is.
    digits: Vec<[Option<f64>; 10]>,
    /// Each question's kind, as the plain reader needs it: next to the
    /// ids, not behind the bank's questions.
    kinds: Vec<Kind>,
}

/// A question's kind, with a number question's range.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Likert,
    Number { min: f64, max: f64 },
    Choice,
    Multi,
}

impl<'b> Ids<'b> {
    pub(super) fn new(bank: &'b Bank) -> Self {
        let mut sorted: Vec<(&str, usize)> = bank
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        sorted.sort_unstable();
        let options = bank
            .questions
            .iter()
            .map(|q| OptionKeys::new(q.kind.options()))
            .collect();
        let quoted = bank
            .questions
            .iter()
            .map(|q| {
                let id = q.id.as_bytes();
                let plain = !id.iter().any(|&b| b == b'"' || b == b'\\' || b < 0x20);
                plain.then(|| [b"\"", id, b"\""].concat().into_boxed_slice())
            })
            .collect();
        let digits = bank
            .questions
            .iter()
            .map(|q| match &q.kind {
                QuestionKind::Likert { scale, .. } => digit_values(scale),
                _ => [None; 10],
            })
            .collect();
        let kinds = bank
            .questions
            .iter()
            .map(|q| match q.kind {
                QuestionKind::Likert { .. } => Kind::Likert,
                QuestionKind::Number { min, max, .. } => Kind::Number { min, max },
                QuestionKind::Choice { .. } => Kind::Choice,
                QuestionKind::Multi { .. } => Kind::Multi,
            })
            .collect();
        Ids {
            bank,
            sorted,
            options,
            quoted,
            digits,
            kinds,
        }
    }
}

/// What one thread keeps from row to row.
pub(super) struct Scratch {
    /// Per question: answered in this row already.
    seen: Vec<bool>,
    /// Per question, and last for a row's start: the question written
    /// after it the last time it was met (rows are mostly written alike,
    /// so this guesses the next id; a skipped question costs one miss).
    next: Vec<usize>,
    /// Multi answers' memory, from the row before, for the plain reader.
    spare: Vec<Vec<usize>>,
}

impl Scratch {
    pub(super) fn new(bank: &Bank) -> Self {
        Scratch {
            seen: vec![false; bank.questions.len()],
            next: vec![usize::MAX; bank.questions.len() + 1],
            spare: Vec::new(),
        }
    }
}

/// Reads `text`, one respondent's line, into `answers`: its respondent id,
/// or `None` if the row must be read the general way (then `answers`
/// holds nothing of use).
pub(super) fn read<'t>(
    ids: &Ids<'_>,
    scratch: &mut Scratch,
    text: &'t str,
    answers: &mut AnswerSet,
) -> Option<Cow<'t, str>> {
    answers.clear();
    scratch.seen.fill(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let row = RowSeed {
        ids,
        scratch,
        answers,
    };
    let id = row.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(id)
}

/// Any error: the row is read the general way.
fn give_up<E: de::Error>() -> E {
    E::custom("read the general way")
}

struct RowSeed<'s, 'b> {
    ids: &'s Ids<'b>,
    scratch: &'s mut Scratch,
    answers: &'s mut AnswerSet,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_, '_> {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_, '_> {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a respondent object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = None;
        let mut answered = false;
        while let Some(field) = map.next_key_seed(FieldSeed)? {
            match field {
                Field::Respondent if id.is_none() => id = Some(map.next_value_seed(IdSeed)?),
                Field::Answers if !answered => {
                    answered = true;
                    map.next_value_seed(AnswersSeed {
                        ids: self.ids,
                        scratch: &mut *self.scratch,
                        answers: &mut *self.answers,
                    })?;
                }
                _ => return Err(give_up()),
            }
        }
        id.ok_or_else(give_up)
    }
}

enum Field {
    Respondent,
    Answers,
}

struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for FieldSeed {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`respondent` or `answers`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        match v {
            "respondent" => Ok(Field::Respondent),
            "answers" => Ok(Field::Answers),
            _ => Err(give_up()),
        }
    }
}

/// A respondent id written as a string (borrowed unless it has escapes).
struct IdSeed;

impl<'de> DeserializeSeed<'de> for IdSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for IdSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a respondent id")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
}

struct AnswersSeed<'s, 'b> {
    ids: &'s Ids<'b>,
    scratch: &'s mut Scratch,
    answers: &'s mut AnswerSet,
}

impl<'de> DeserializeSeed<'de> for AnswersSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AnswersSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping from question ids to answers")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let bank = self.ids.bank;
        let mut after = bank.questions.len();
        while let Some(q) = map.next_key_seed(QuestionSeed {
            ids: self.ids,
            scratch: &mut *self.scratch,
            after,
        })? {
            after = q;
            if std::mem::replace(&mut self.scratch.seen[q], true) {
                return Err(give_up());
            }
            let answer =
                map.next_value_seed(AnswerSeed(&bank.questions[q], &self.ids.options[q]))?;
            self.answers.set(q, answer);
        }
        Ok(())
    }
}

/// A question id, as its index: the question written after `after` the
/// last time is tried first, as rows are mostly written alike.
struct QuestionSeed<'s, 'b> {
    ids: &'s Ids<'b>,
    scratch: &'s mut Scratch,
    after: usize,
}

impl<'de> DeserializeSeed<'de> for QuestionSeed<'_, '_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for QuestionSeed<'_, '_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a question id")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        question(self.ids, self.scratch, self.after, v).ok_or_else(give_up)
    }
}

/// The question `id` names, written after question `after` (the number
/// of questions: first in its row): the question that followed `after`
/// the last time is tried first, then the sorted ids.
fn question(ids: &Ids<'_>, scratch: &mut Scratch, after: usize, id: &str) -> Option<usize> {
    let Ids { bank, sorted, .. } = ids;
    let guess = scratch.next[after];
    if let Some(question) = bank.questions.get(guess)
        && same_bytes(question.id.as_bytes(), id.as_bytes())
    {
        return Some(guess);
    }
    let found = sorted.binary_search_by(|(known, _)| (*known).cmp(id));
    let q = found.map(|i| sorted[i].1).ok()?;
    scratch.next[after] = q;
    Some(q)
}

struct AnswerSeed<'q>(&'q Question, &'q OptionKeys);

impl<'de> DeserializeSeed<'de> for AnswerSeed<'_> {
    type Value = Option<Answer>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl AnswerSeed<'_> {
    fn number<E: de::Error>(self, v: f64) -> Result<Option<Answer>, E> {
        match &self.0.kind {
            QuestionKind::Likert { scale, .. } => scale
                .by_value(v)
                .map(|p| Some(Answer::Scale(p.value)))
                .ok_or_else(give_up),
            QuestionKind::Number { min, max, .. }
                if v.is_finite() && (*min..=*max).contains(&v) =>
            {
                Ok(Some(Answer::Number(v)))
            }
            _ => Err(give_up()),
        }
    }
}

impl<'de> Visitor<'de> for AnswerSeed<'_> {
    type Value = Option<Answer>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.number(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.number(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.number(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match &self.0.kind {
            QuestionKind::Choice { .. } => self
                .1
                .find(v.as_bytes())
                .map(|o| Some(Answer::Choice(o)))
                .ok_or_else(give_up),
            _ => Err(give_up()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let QuestionKind::Multi { .. } = &self.0.kind else {
            return Err(give_up());
        };
        let mut chosen = Vec::new();
        while let Some(o) = seq.next_element_seed(OptionSeed(self.1))? {
            if chosen.contains(&o) {
                return Err(give_up());
            }
            chosen.push(o);
        }
        chosen.sort_unstable();
        Ok(Some(Answer::Multi(chosen)))
    }
}

/// One option id of a multi answer, as its index.
struct OptionSeed<'q>(&'q OptionKeys);

impl<'de> DeserializeSeed<'de> for OptionSeed<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for OptionSeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an option id")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0.find(v.as_bytes()).ok_or_else(give_up)
    }
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

/// One JSON Lines line as a respondent, its answers into `answers`, the
/// general way: every entry read first, then resolved, so that a bad one
/// is refused as in an answers file.
pub(super) fn general<'l>(
    bank: &Bank,
    line: LineView<'l>,
    answers: &mut AnswerSet,
) -> (Cow<'l, str>, Result<(), String>) {
    if line.length > MAX_ROW_BYTES {
        let length = line.length;
        return (
            Cow::Borrowed(""),
            Err(format!(
                "the line is {length} bytes long, more than the {MAX_ROW_BYTES} a JSON Lines row may hold [{}]; write one respondent per line",
                Code::LineTooLong
            )),
        );
    }
    let Some(text) = line.text else {
        return (
            Cow::Borrowed(""),
            Err("the line is not UTF-8 text".to_string()),
        );
    };
    let parsed = match serde_json::from_str::<JsonLine>(text.trim()) {
        Ok(parsed) => parsed,
        Err(err) => {
            return (
                Cow::Borrowed(""),
                // serde's message may quote the line's text: cut it short.
                Err(format!(
                    "not a respondent object ({}); write {{\"respondent\": \"id\", \"answers\": {{…}}}}",
                    plain(&err.to_string())
                )),
            );
        }
    };
    let id = match parsed.respondent {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let mut resolver = Resolver::new(bank);
    let result = parsed
        .answers
        .0
        .iter()
        .try_for_each(|(qid, raw)| resolver.answer(qid, raw))
        .map(|()| *answers = resolver.finish())
        .map_err(|problem| problem.sentence());
    (Cow::Owned(id), result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Resolver;
    use crate::bank::bundled;

    /// The general way: the respondent id and answers as an answers file
    /// would have them, or `None` for a bad row.
    fn general(bank: &Bank, text: &str) -> Option<(String, AnswerSet)> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Line {
            respondent: String,
            #[serde(default)]
            answers: crate::answers::Entries,
        }
        let line: Line = serde_json::from_str(text).ok()?;
        let mut resolver = Resolver::new(bank);
        for (id, raw) in &line.answers.0 {
            resolver.answer(id, raw).ok()?;
        }
        Some((line.respondent, resolver.finish()))
    }

    #[test]
    fn rows_read_straight_agree_with_the_general_way() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let ids = Ids::new(&bank);
        let mut scratch = Scratch::new(&bank);
        let mut answers = AnswerSet::new(&bank);
        // (line, read straight?)
        let lines = [
            (
                r#"{"respondent":"a","answers":{"explain-result":4,"first-day":"clinic"}}"#,
                true,
            ),
            (
                r#"{"answers":{"first-day":"clinic","explain-result":4.0},"respondent":"a"}"#,
                true,
            ),
            (
                r#"{"respondent":"b\u0041","answers":{"expl\u0061in-result":4}}"#,
                true,
            ),
            (
                r#"{"respondent":"c","answers":{"satisfying-tasks":["fix-error","calm-patient"],"workplaces":[]}}"#,
                true,
            ),
            (
                r#"{"respondent":"d","answers":{"explain-result":null,"ward-days":2.5}}"#,
                true,
            ),
            (r#"{"respondent":"e","answers":null}"#, false),
            (r#"{"respondent":"f"}"#, true),
            (r#"{"respondent":7,"answers":{"explain-result":4}}"#, false),
            (
                r#"{"respondent":"g","answers":{"explain-result":4,"explain-result":5}}"#,
                false,
            ),
            (
                r#"{"respondent":"h","answers":{"explain-result":"agree"}}"#,
                false,
            ),
            (
                r#"{"respondent":"i","answers":{"explain-result":4}} x"#,
                false,
            ),
            (
                r#"{"respondent":"j","answers":{"satisfying-tasks":["fix-error","fix-error"]}}"#,
                false,
            ),
            (
                r#"{"respondent":"k","answers":{"satisfying-tasks":"fix-error"}}"#,
                false,
            ),
            (
                r#"{"respondent":"l","answers":{"explain-result":4},"extra":1}"#,
                false,
            ),
            (r#"{"respondent":"m","respondent":"n"}"#, false),
            (r#"{"answers":{"explain-result":4}}"#, false),
            (r#"["o",{"explain-result":4}]"#, false),
            (
                r#"{"respondent":"p","answers":{"first-day":" clinic"}}"#,
                false,
            ),
            (
                r#"{"respondent":"q","answers":{"explain-result":6}}"#,
                false,
            ),
            (
                r#"{"respondent":"r","answers":{"years-after-school":99}}"#,
                false,
            ),
            (r#"{"respondent":"s","answers":{"first-day":3}}"#, false),
            (r#"{"respondent":"t","answers":{"nope":1}}"#, false),
            (
                r#"{"respondent":"u","answers":{"satisfying-tasks":["fix-error",1]}}"#,
                false,
            ),
            (
                r#"{"respondent":"v","answers":{"explain-result":1e400}}"#,
                false,
            ),
        ];
        for (text, straight) in lines {
            let fast = read(&ids, &mut scratch, text, &mut answers);
            assert_eq!(fast.is_some(), straight, "{text}");
            if let Some(id) = fast {
                let (general_id, general_answers) = general(&bank, text).expect(text);
                assert_eq!(
                    (id.as_ref(), &answers),
                    (general_id.as_str(), &general_answers)
                );
            }
        }
        // The order of the row before is only a guess.
        let a = r#"{"respondent":"x","answers":{"explain-result":4,"upset-strangers":5}}"#;
        let b = r#"{"respondent":"y","answers":{"upset-strangers":5,"explain-result":3}}"#;
        for text in [a, b, a] {
            assert!(read(&ids, &mut scratch, text, &mut answers).is_some());
            assert_eq!(answers, general(&bank, text).unwrap().1);
        }
    }
}
