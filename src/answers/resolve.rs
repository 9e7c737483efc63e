//! The only path from a written answer to an [`Answer`]. Whatever the
//! source — an answers file, a CSV cell, a JSON Lines row, a saved session,
//! an answer picked in the quiz — an unknown question, a question answered
//! twice and an answer that does not fit are found here and worded the
//! same way, so every command refuses the same input with the same code.

use super::cells::{bytes_equal, each_word, word_at};
use super::written::ListReader;
use super::{Answer, AnswerSet, RawAnswer};
use crate::bank::{Bank, ChoiceOption, Question, QuestionKind, Scale};
use crate::diag::{Code, Problem, path};
use crate::visible::excerpt;

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
                    _ => {
                        ok = false;
                        break;
                    }
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
                QuestionKind::Multi { .. } => {
                    let mut list = ListReader::default();
                    for id in cell.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                        list.push(id.to_string());
                    }
                    list.finish()
                }
                _ => RawAnswer::Text(cell.to_string()),
            };
            resolve(question, &raw)
        }
    }
}

/// The scale value each one-digit answer (`0` to `9`) is, if it is a point
/// of `scale`: found once per question, as most answers are one digit.
pub fn digit_values(scale: &Scale) -> [Option<f64>; 10] {
    std::array::from_fn(|d| scale.by_value(d as f64).map(|p| p.value))
}

/// A question's option ids, each of up to 15 bytes packed with its length
/// into one number, so that finding the option a cell names compares
/// numbers, not strings. Longer ids are compared as strings.
#[derive(Debug, Clone)]
pub struct OptionKeys {
    keys: Vec<u128>,
    /// The ids too long to pack, with their option's index.
    long: Vec<(Box<[u8]>, usize)>,
}

/// No id of up to 15 bytes packs to this (its length byte is 255).
const NO_KEY: u128 = u128::MAX;

impl OptionKeys {
    pub fn new(options: &[ChoiceOption]) -> Self {
        let id = |o: &ChoiceOption| o.id.as_bytes().to_vec().into_boxed_slice();
        OptionKeys {
            keys: options
                .iter()
                .map(|o| pack(o.id.as_bytes()).unwrap_or(NO_KEY))
                .collect(),
            long: options
                .iter()
                .enumerate()
                .filter(|(_, o)| pack(o.id.as_bytes()).is_none())
                .map(|(i, o)| (id(o), i))
                .collect(),
        }
    }

    /// The index of the option whose id is `id`.
    pub fn find(&self, id: &[u8]) -> Option<usize> {
        match pack(id) {
            Some(key) => self.find_key(key),
            None => self
                .long
                .iter()
                .find(|(long, _)| **long == *id)
                .map(|&(_, i)| i),
        }
    }

    /// The index of the option whose id packs to `key` (see
    /// [`pack_window`]).
    pub fn find_key(&self, key: u128) -> Option<usize> {
        self.keys.iter().position(|&k| k == key)
    }

    /// The options a multi cell ticks (`a;b`, spaces around ids ignored,
    /// `;` alone for none), in option order, into `chosen`; false if the
    /// cell is anything else (then [`resolve_cell`] reads it, or says what
    /// is wrong).
    pub fn find_ticked(&self, cell: &[u8], chosen: &mut Vec<usize>) -> bool {
        chosen.clear();
        // What resolve_cell would trim or skip goes its way.
        match (cell.first(), cell.last()) {
            (Some(a), Some(b)) if !a.is_ascii_whitespace() && !b.is_ascii_whitespace() => {}
            _ => return false,
        }
        // Options ticked as bits, which also puts them in order; a
        // question with more options than bits keeps a list.
        let bits = self.keys.len() <= 64;
        let mut ticked = 0u64;
        let mut tick = |id: &[u8]| {
            let id = id.trim_ascii();
            if id.is_empty() {
                return true;
            }
            let Some(option) = self.find(id) else {
                return false;
            };
            if bits {
                let bit = 1u64 << option;
                let fresh = ticked & bit == 0;
                ticked |= bit;
                fresh
            } else if chosen.contains(&option) {
                false
            } else {
                chosen.push(option);
                true
            }
        };
        // Split at each `;`, found eight bytes at a time.
        let mut start = 0;
        let split = each_word(cell, |word, offset| {
            let mut found = bytes_equal(word, b';');
            while found != 0 {
                let end = offset + found.trailing_zeros() as usize / 8;
                if !tick(&cell[start..end]) {
                    return false;
                }
                start = end + 1;
                found &= found - 1;
            }
            true
        });
        if !split || !tick(&cell[start..]) {
            return false;
        }
        if bits {
            while ticked != 0 {
                chosen.push(ticked.trailing_zeros() as usize);
                ticked &= ticked - 1;
            }
        } else {
            chosen.sort_unstable();
        }
        true
    }
}

/// `id` and its length in one number, if it has at most 15 bytes: byte
/// `i` in bits `8i..8i + 8` (little-endian), the length on top. Found with
/// two loads whatever the length, not byte by byte: the first four or
/// eight bytes, and the last ones, shifted down past the bytes the first
/// already hold ([`packed_bytes`] is the byte-by-byte way, for the
/// shortest ids and the tests).
fn pack(id: &[u8]) -> Option<u128> {
    let len = id.len();
    let le = |bytes: &[u8]| -> u64 {
        match bytes.len() {
            4 => bytes
                .try_into()
                .map_or(0, |b: [u8; 4]| u64::from(u32::from_le_bytes(b))),
            _ => word_at(bytes).unwrap_or(0),
        }
    };
    // `last >> bits`, nothing left when `bits` is the whole word.
    let down = |last: u64, bits: usize| last.checked_shr(bits as u32).unwrap_or(0);
    let (first, rest) = match len {
        0..=3 => (packed_bytes(id), 0),
        4..=7 => {
            let last = down(le(&id[len - 4..]), 8 * (8 - len));
            (le(&id[..4]) | last << 32, 0)
        }
        8..=15 => (le(&id[..8]), down(le(&id[len - 8..]), 8 * (16 - len))),
        _ => return None,
    };
    Some(u128::from(first) | u128::from(rest) << 64 | (len as u128) << 120)
}

/// The first `len` (at most 15) of 16 bytes, read as two words, packed
/// as an id is packed for [`OptionKeys`]: for a reader that has the bytes after an id at
/// hand and finds where it ends in them.
pub fn pack_window(low: u64, high: u64, len: usize) -> u128 {
    // The low `n` bytes of `word` (n at most 8).
    let keep = |word: u64, n: usize| word & u64::MAX.checked_shr(64 - 8 * n as u32).unwrap_or(0);
    let len = len.min(15);
    let (first, rest) = if len <= 8 {
        (keep(low, len), 0)
    } else {
        (low, keep(high, len - 8))
    };
    u128::from(first) | u128::from(rest) << 64 | (len as u128) << 120
}

/// Up to eight bytes as a little-endian number, byte by byte.
fn packed_bytes(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0u64, |word, &b| (word << 8) | u64::from(b))
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
    /// `bad-answer`, or `list-too-long` and `repeated-option` for a multi
    /// answer that ticks more options than there are, or one twice.
    pub code: Code,
    pub message: String,
    pub hint: String,
}

/// The index of the question `id` answers, or what is wrong with the id:
/// the same message and "did you mean" for every input format.
pub fn question_for(bank: &Bank, id: &str) -> Result<usize, AnswerMismatch> {
    bank.question_index(id).ok_or_else(|| AnswerMismatch {
        code: Code::UnknownQuestion,
        message: format!("the bank `{}` has no question `{}`", bank.id, excerpt(id)),
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
        code: Code::BadAnswer,
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
                None if matches!(raw, RawAnswer::List(_) | RawAnswer::Cut { .. }) => Err(mismatch(
                    "this question takes one option, not a list".to_string(),
                )),
                None => Err(mismatch(format!(
                    "{} is not an option of this question",
                    describe(raw)
                ))),
            }
        }
        QuestionKind::Multi { options } => {
            let number;
            let (ids, total) = match raw {
                RawAnswer::List(ids) => (ids.as_slice(), ids.len()),
                RawAnswer::Cut { items, total } => (items.as_slice(), *total),
                RawAnswer::Text(t) => (std::slice::from_ref(t), 1),
                RawAnswer::Number(n) => {
                    number = n.to_string();
                    (std::slice::from_ref(&number), 1)
                }
                _ => {
                    return Err(mismatch(format!(
                        "{} is not a list of options",
                        describe(raw)
                    )));
                }
            };
            if total > options.len() {
                return Err(AnswerMismatch {
                    code: Code::ListTooLong,
                    ..mismatch(format!(
                        "the list has {total} items, but this question has only {} options",
                        options.len()
                    ))
                });
            }
            let mut chosen = Vec::with_capacity(ids.len());
            for id in ids {
                let id = id.trim();
                let Some(index) = options.iter().position(|o| o.id == id) else {
                    return Err(mismatch(format!(
                        "`{}` is not an option of this question",
                        excerpt(id)
                    )));
                };
                if chosen.contains(&index) {
                    return Err(AnswerMismatch {
                        code: Code::RepeatedOption,
                        message: format!("the option `{}` is listed twice", excerpt(id)),
                        hint: format!("tick each option at most once; {}", allowed(question)),
                    });
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
        RawAnswer::Text(t) => format!("`{}`", excerpt(t)),
        RawAnswer::List(items) => format!("the list [{}]", excerpt(&items.join(", "))),
        RawAnswer::Cut { total, .. } => format!("a list of {total} items"),
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
    /// `unknown-question`, `duplicate-answer`, `bad-answer`,
    /// `list-too-long` or `repeated-option`.
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
            Code::UnknownQuestion | Code::DuplicateAnswer => problem.at_key(),
            _ => problem,
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
        self.take(id, raw, true)
    }

    /// As [`Resolver::answer`], but a refused entry is only named by its
    /// code, without the cost of a message ("did you mean" compares the id
    /// with every question's): for counting the problems past those shown.
    pub fn count(&mut self, id: &str, raw: &RawAnswer) -> Result<(), Code> {
        self.take(id, raw, false).map_err(|p| p.code)
    }

    fn take(&mut self, id: &str, raw: &RawAnswer, detailed: bool) -> Result<(), EntryProblem> {
        let problem = |code, occurrence, message: String, hint: String| EntryProblem {
            code,
            id: id.to_string(),
            occurrence,
            message,
            hint,
        };
        let index = match self.bank.question_index(id) {
            Some(index) => index,
            None if !detailed => {
                return Err(problem(
                    Code::UnknownQuestion,
                    0,
                    String::new(),
                    String::new(),
                ));
            }
            None => {
                let unknown = question_for(self.bank, id).unwrap_err();
                return Err(problem(unknown.code, 0, unknown.message, unknown.hint));
            }
        };
        let times = self.seen[index];
        self.seen[index] += 1;
        if times > 0 {
            return Err(problem(
                Code::DuplicateAnswer,
                times,
                format!("`{}` is answered twice", excerpt(id)),
                "keep one answer per question".to_string(),
            ));
        }
        let answer = resolve(&self.bank.questions[index], raw).map_err(|mismatch| {
            problem(
                mismatch.code,
                0,
                format!("`{}`: {}", excerpt(id), mismatch.message),
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An id packs, a few bytes at a time, to the number its bytes
        /// make one by one, for every length up to the limit and past it.
        #[test]
        fn ids_pack_as_their_bytes_one_by_one(id in proptest::collection::vec(proptest::num::u8::ANY, 0..20)) {
            let expected = (id.len() <= 15).then(|| {
                let (low, high) = id.split_at(id.len().min(8));
                u128::from(packed_bytes(low)) | u128::from(packed_bytes(high)) << 64 | (id.len() as u128) << 120
            });
            proptest::prop_assert_eq!(pack(&id), expected);
        }

        /// The first bytes of a window pack as those bytes alone do.
        #[test]
        fn a_window_packs_as_its_first_bytes(window in proptest::array::uniform16(proptest::num::u8::ANY), len in 0usize..16) {
            let word = |at: usize| u64::from_le_bytes(window[at..at + 8].try_into().unwrap());
            proptest::prop_assert_eq!(Some(pack_window(word(0), word(8), len)), pack(&window[..len]));
        }
    }
}
