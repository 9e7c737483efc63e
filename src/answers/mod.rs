//! A student's answers: the typed [`AnswerSet`] the engine scores. Answers
//! files ([`mod@file`]), tables of a class ([`tabular`], its CSV cells read
//! with a bound by [`cells`]), saved sessions and the quiz all turn written
//! answers into one through [`mod@resolve`].

pub mod cells;
pub mod chunk;
pub mod file;
mod jsonl;
mod places;
pub mod resolve;
pub mod tabular;
mod ticked;
pub mod written;

pub use resolve::{
    AnswerMismatch, EntryProblem, Resolver, allowed, question_for, resolve, resolve_cell,
};
pub use written::{Entries, MAX_LIST_ITEMS, RawAnswer};

use crate::bank::{Bank, Question, QuestionKind};

/// One question's answer, already checked against the question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A likert answer: the chosen scale point's value.
    Scale(f64),
    /// The index of the chosen option.
    Choice(usize),
    /// The indices of the chosen options, in option order; may be empty.
    Multi(Vec<usize>),
    Number(f64),
}

/// Answers to one bank's questions, in the bank's question order; `None` is a
/// skipped (or not yet asked) question.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSet {
    answers: Vec<Option<Answer>>,
}

impl AnswerSet {
    /// No question answered yet.
    pub fn new(bank: &Bank) -> Self {
        AnswerSet {
            answers: vec![None; bank.questions.len()],
        }
    }

    pub fn get(&self, question: usize) -> Option<&Answer> {
        self.answers.get(question)?.as_ref()
    }

    /// Every question unanswered again, keeping the memory.
    pub fn clear(&mut self) {
        self.answers.fill(None);
    }

    /// Every question unanswered again, as [`AnswerSet::clear`], the
    /// memory of multi answers kept in `spare` (emptied) to be filled
    /// again; `spare` keeps at most one per question, whatever comes.
    pub fn clear_keeping(&mut self, spare: &mut Vec<Vec<usize>>) {
        let most = self.answers.len();
        for answer in &mut self.answers {
            if let Some(Answer::Multi(mut chosen)) = answer.take()
                && spare.len() < most
            {
                chosen.clear();
                spare.push(chosen);
            }
        }
    }

    pub fn set(&mut self, question: usize, answer: Option<Answer>) {
        self.answers[question] = answer;
    }

    /// Takes `question`'s answer away, giving back the memory of its
    /// options if it was a multi answer (emptied), to fill and set again.
    pub fn take_multi(&mut self, question: usize) -> Vec<usize> {
        match self.answers[question].take() {
            Some(Answer::Multi(mut chosen)) => {
                chosen.clear();
                chosen
            }
            _ => Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    /// Every question's answer, `None` if it has none, in question order.
    pub fn slots(&self) -> &[Option<Answer>] {
        &self.answers
    }

    /// `(question index, answer)` for every answered question.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Answer)> {
        self.answers
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.as_ref().map(|a| (i, a)))
    }
}

/// An answer in words, as the student saw it: the scale label, the option
/// text, or the number with its unit.
pub fn describe_answer(question: &Question, answer: &Answer) -> String {
    let options = question.kind.options();
    match (&question.kind, answer) {
        (QuestionKind::Likert { scale, .. }, Answer::Scale(v)) => scale
            .by_value(*v)
            .map_or_else(|| v.to_string(), |p| p.label.clone()),
        (_, Answer::Choice(i)) => options.get(*i).map_or_else(String::new, |o| o.text.clone()),
        (_, Answer::Multi(chosen)) if chosen.is_empty() => "none of these".to_string(),
        (_, Answer::Multi(chosen)) => chosen
            .iter()
            .filter_map(|i| options.get(*i))
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        (QuestionKind::Number { unit, .. }, Answer::Number(x)) => match unit {
            Some(unit) => format!("{x} {unit}"),
            None => x.to_string(),
        },
        (_, other) => format!("{other:?}"),
    }
}

/// An answer as it would be written in an answers file: the scale value,
/// option id(s) or number.
pub fn answer_value(question: &Question, answer: &Answer) -> serde_json::Value {
    let options = question.kind.options();
    match answer {
        Answer::Scale(v) | Answer::Number(v) => serde_json::json!(v),
        Answer::Choice(i) => serde_json::json!(options.get(*i).map(|o| o.id.as_str())),
        Answer::Multi(chosen) => serde_json::json!(
            chosen
                .iter()
                .filter_map(|i| options.get(*i))
                .map(|o| o.id.as_str())
                .collect::<Vec<_>>()
        ),
    }
}

/// Multi questions with more options than this are not enumerated subset by
/// subset in [`candidates`].
pub const MAX_SUBSET_OPTIONS: usize = 8;

/// Every answer a question can get, a skip (`None`) first. Number
/// questions get a spread of five values; multi questions with more than
/// [`MAX_SUBSET_OPTIONS`] options get no options, each one alone, and all.
pub fn candidates(kind: &QuestionKind) -> Vec<Option<Answer>> {
    let mut all = vec![None];
    match kind {
        QuestionKind::Likert { scale, .. } => {
            all.extend(scale.points.iter().map(|p| Some(Answer::Scale(p.value))));
        }
        QuestionKind::Choice { options } => {
            all.extend((0..options.len()).map(|o| Some(Answer::Choice(o))));
        }
        QuestionKind::Multi { options } => {
            let n = options.len();
            if n <= MAX_SUBSET_OPTIONS {
                all.extend((0..1usize << n).map(|mask| {
                    Some(Answer::Multi(
                        (0..n).filter(|o| mask & (1 << o) != 0).collect(),
                    ))
                }));
            } else {
                all.push(Some(Answer::Multi(Vec::new())));
                all.extend((0..n).map(|o| Some(Answer::Multi(vec![o]))));
                all.push(Some(Answer::Multi((0..n).collect())));
            }
        }
        QuestionKind::Number { min, max, .. } => {
            all.extend(
                [0.0, 0.25, 0.5, 0.75, 1.0]
                    .iter()
                    .map(|f| Some(Answer::Number(min + f * (max - min)))),
            );
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{ChoiceOption, Keyed, Scale};

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: "q".into(),
            text: "Q?".into(),
            help: None,
            kind,
        }
    }

    fn options() -> Vec<ChoiceOption> {
        ["a", "b", "c"]
            .iter()
            .map(|id| ChoiceOption {
                id: id.to_string(),
                text: id.to_uppercase(),
                scores: vec![(0, 1.0)],
            })
            .collect()
    }

    fn likert() -> Question {
        question(QuestionKind::Likert {
            dimension: 0,
            keyed: Keyed::Plus,
            weight: 1.0,
            scale: Scale::default_likert(),
        })
    }

    #[test]
    fn likert_takes_values_labels_and_numeric_text() {
        let q = likert();
        assert_eq!(
            resolve(&q, &RawAnswer::Number(4.0)),
            Ok(Some(Answer::Scale(4.0)))
        );
        assert_eq!(
            resolve(&q, &RawAnswer::Text(" agree ".into())),
            Ok(Some(Answer::Scale(4.0)))
        );
        assert_eq!(
            resolve(&q, &RawAnswer::Text("2".into())),
            Ok(Some(Answer::Scale(2.0)))
        );
        assert_eq!(resolve(&q, &RawAnswer::Skip), Ok(None));
        let err = resolve(&q, &RawAnswer::Number(6.0)).unwrap_err();
        assert_eq!(err.message, "6 is not on this question's scale");
        assert!(err.hint.contains("5 (Strongly agree)"), "{}", err.hint);
        assert!(resolve(&q, &RawAnswer::Unusable("true/false")).is_err());
    }

    #[test]
    fn choice_and_multi_take_option_ids() {
        let choice = question(QuestionKind::Choice { options: options() });
        assert_eq!(
            resolve(&choice, &RawAnswer::Text("b".into())),
            Ok(Some(Answer::Choice(1)))
        );
        let err = resolve(&choice, &RawAnswer::Text("z".into())).unwrap_err();
        assert!(err.hint.contains("`a`, `b`, `c`"), "{}", err.hint);
        assert!(resolve(&choice, &RawAnswer::List(vec!["a".into()])).is_err());

        let multi = question(QuestionKind::Multi { options: options() });
        let list = |ids: &[&str]| RawAnswer::List(ids.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            resolve(&multi, &list(&["c", "a"])),
            Ok(Some(Answer::Multi(vec![0, 2])))
        );
        assert_eq!(resolve(&multi, &list(&[])), Ok(Some(Answer::Multi(vec![]))));
        assert_eq!(
            resolve(&multi, &RawAnswer::Text("b".into())),
            Ok(Some(Answer::Multi(vec![1])))
        );
        let err = resolve(&multi, &list(&["a", "a"])).unwrap_err();
        assert_eq!(err.message, "the option `a` is listed twice");
        assert!(resolve(&multi, &list(&["a", "nope"])).is_err());
    }

    #[test]
    fn numbers_must_be_in_range() {
        let q = question(QuestionKind::Number {
            dimension: 0,
            min: 0.0,
            max: 12.0,
            unit: Some("years".into()),
            weight: 1.0,
        });
        assert_eq!(
            resolve(&q, &RawAnswer::Number(12.0)),
            Ok(Some(Answer::Number(12.0)))
        );
        assert_eq!(
            resolve(&q, &RawAnswer::Text("3.5".into())),
            Ok(Some(Answer::Number(3.5)))
        );
        let err = resolve(&q, &RawAnswer::Number(13.0)).unwrap_err();
        assert_eq!(err.message, "13 is outside the allowed range");
        assert_eq!(err.hint, "answer with a number from 0 to 12 (years)");
        assert!(resolve(&q, &RawAnswer::Number(f64::NAN)).is_err());
        assert!(resolve(&q, &RawAnswer::Text("six".into())).is_err());
    }

    proptest::proptest! {
        /// The option shortcuts a CSV column uses find what the full rules
        /// find, for ids of every length around the packed limit.
        #[test]
        fn option_keys_agree_with_the_full_rules(parts in proptest::collection::vec(proptest::sample::select(vec!["a", "b", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "long-option-id-over-sixteen", ";", ";", " ", "x", "é"]), 0..6)) {
            let ids = ["a", "b", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "long-option-id-over-sixteen"];
            let options: Vec<ChoiceOption> = ids
                .iter()
                .map(|id| ChoiceOption { id: id.to_string(), text: id.to_string(), scores: vec![(0, 1.0)] })
                .collect();
            let keys = resolve::OptionKeys::new(&options);
            let cell = parts.concat();
            let choice = question(QuestionKind::Choice { options: options.clone() });
            if let Some(found) = keys.find(cell.as_bytes()) {
                proptest::prop_assert_eq!(resolve_cell(&choice, &cell), Ok(Some(Answer::Choice(found))));
            } else {
                proptest::prop_assert!(!ids.contains(&cell.as_str()));
            }
            let multi = question(QuestionKind::Multi { options: options.clone() });
            let mut chosen = Vec::new();
            if keys.find_ticked(cell.as_bytes(), &mut chosen) {
                proptest::prop_assert_eq!(resolve_cell(&multi, &cell), Ok(Some(Answer::Multi(chosen))));
            } else if !cell.contains(' ') && !cell.is_empty() {
                // Refused without spaces: the full rules refuse it too.
                proptest::prop_assert!(resolve_cell(&multi, &cell).is_err(), "{cell:?}");
            }
        }
    }
}
