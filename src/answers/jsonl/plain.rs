//! The plainest JSON Lines rows read without serde: what `sample` and most
//! exports write — `{"respondent": "id", "answers": {…}}` with whole-number
//! or `.0` answers, option ids and lists of them, `null` for a skip, no
//! escapes. One pass over the bytes, each id looked up as it is met. Any
//! other way of writing (an escape, an exponent, a repeat, an unknown id,
//! anything JSON itself refuses) gives up, and the row is read by the
//! serde visitors of [`super::read`], so both ways always agree (a test
//! checks every row this one reads against them).

use std::borrow::Cow;

use super::{Ids, Kind, Scratch, question};
use crate::answers::cells::{bytes_below, bytes_equal, word_at};
use crate::answers::resolve::{OptionKeys, pack_window};
use crate::answers::{Answer, AnswerSet};
use crate::bank::QuestionKind;

/// Reads `text`, one respondent's line, into `answers`: its respondent id,
/// or `None` if the row is not written the plainest way (then `answers`
/// holds nothing of use).
pub(in crate::answers) fn read<'t>(
    ids: &Ids<'_>,
    scratch: &mut Scratch,
    text: &'t str,
    answers: &mut AnswerSet,
) -> Option<Cow<'t, str>> {
    answers.clear_keeping(&mut scratch.spare);
    scratch.seen.fill(false);
    let mut scan = Scan { text, at: 0 };
    let (mut id, mut answered) = (None, false);
    scan.expect(b'{')?;
    if scan.peek()? != b'}' {
        loop {
            match scan.string()? {
                "respondent" if id.is_none() => {
                    scan.expect(b':')?;
                    id = Some(scan.string()?);
                }
                "answers" if !answered => {
                    answered = true;
                    scan.expect(b':')?;
                    scan.answers(ids, scratch, answers)?;
                }
                _ => return None,
            }
            if !scan.next_item(b'}')? {
                break;
            }
        }
    } else {
        scan.at += 1;
    }
    scan.skip_space();
    (scan.at == text.len()).then_some(Cow::Borrowed(id?))
}

/// Where `bytes` first holds a quote, a backslash or a control
/// character: eight bytes at a time, as a string is mostly none of them.
fn special(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(word) = word_at(&bytes[at..]) {
        let found = bytes_equal(word, b'"') | bytes_equal(word, b'\\') | bytes_below(word, 0x20);
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = bytes[at..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at + rest)
}

/// Whether `byte` may follow a number (an exponent, more digits or any
/// other byte stuck to it may not).
fn ends_number(byte: u8) -> bool {
    matches!(byte, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
}

/// 10⁰ to 10¹⁵, each exact.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

struct Scan<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Scan<'t> {
    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not space.
    fn peek(&mut self) -> Option<u8> {
        match self.bytes().get(self.at) {
            // Not space (all four are at most a space), the commonest.
            Some(&byte) if byte > b' ' => Some(byte),
            Some(b' ' | b'\t' | b'\n' | b'\r') => {
                self.skip_space();
                self.bytes().get(self.at).copied()
            }
            next => next.copied(),
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// After an item: true at `,` (another follows), false at `end`.
    fn next_item(&mut self, end: u8) -> Option<bool> {
        let next = self.peek()?;
        self.at += 1;
        match next {
            b',' => Some(true),
            b if b == end => Some(false),
            _ => None,
        }
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'t str> {
        match self.bytes().get(self.at) {
            Some(b'"') => self.at += 1,
            _ => self.expect(b'"')?,
        }
        let start = self.at;
        let end = start + special(&self.bytes()[start..])?;
        if self.bytes()[end] != b'"' {
            return None;
        }
        self.at = end + 1;
        // Both ends are quotes, so both are character boundaries.
        self.text.get(start..end)
    }

    /// An option id, as a string, found in `keys`. An id of up to 15
    /// bytes, its closing quote among the 16 bytes after the opening one
    /// and nothing to escape before it, is packed from those 16 bytes as
    /// they are (a string costs more than a key); any other goes the way
    /// of [`Scan::string`].
    fn option(&mut self, keys: &OptionKeys) -> Option<usize> {
        let bytes = self.bytes();
        let start = self.at + 1;
        if bytes.get(self.at) == Some(&b'"')
            && let Some(window) = bytes.get(start..start + 16)
            && let (Some(low), Some(high)) = (word_at(window), word_at(&window[8..]))
        {
            let special =
                |w: u64| bytes_equal(w, b'"') | bytes_equal(w, b'\\') | bytes_below(w, 0x20);
            let (in_low, in_high) = (special(low), special(high));
            let len = if in_low != 0 {
                in_low.trailing_zeros() as usize / 8
            } else {
                8 + in_high.trailing_zeros() as usize / 8
            };
            if len < 16 && window[len] == b'"' {
                self.at = start + len + 1;
                return keys.find_key(pack_window(low, high, len));
            }
        }
        keys.find(self.string()?.as_bytes())
    }

    /// A number of at most 15 digits in all, maybe with a fraction, as
    /// serde_json reads it (its digits as a whole number over a power of
    /// ten: both exact, so one division rounds it right).
    /// A number of one digit (`4`, `4.0`), the commonest answer.
    fn digit(&mut self) -> Option<usize> {
        let (d, length) = match self.bytes().get(self.at..)? {
            [d @ b'0'..=b'9', b'.', b'0', next, ..] if ends_number(*next) => (d, 3),
            [d @ b'0'..=b'9', next, ..] if ends_number(*next) => (d, 1),
            _ => return None,
        };
        self.at += length;
        Some(usize::from(d - b'0'))
    }

    fn number(&mut self) -> Option<f64> {
        let bytes = self.bytes();
        let start = self.at;
        // At most 15 digits in all (checked below), so it is exact.
        let (mut at, mut significand) = (start, 0u64);
        let mut digits = |at: &mut usize| {
            let from = *at;
            while let Some(&d @ b'0'..=b'9') = bytes.get(*at) {
                significand = significand
                    .checked_mul(10)?
                    .checked_add(u64::from(d - b'0'))?;
                *at += 1;
            }
            Some(*at - from)
        };
        let whole = digits(&mut at)?;
        // JSON refuses leading zeros and a bare point.
        if whole == 0 || (whole > 1 && bytes[start] == b'0') {
            return None;
        }
        let fraction = if bytes.get(at) == Some(&b'.') {
            at += 1;
            let fraction = digits(&mut at)?;
            if fraction == 0 {
                return None;
            }
            fraction
        } else {
            0
        };
        if whole + fraction > 15 {
            return None;
        }
        let end = at;
        self.at = end;
        // An exponent, or anything stuck to the number.
        let ended = bytes.get(end).is_some_and(|&b| ends_number(b));
        ended.then(|| significand as f64 / POWERS_OF_TEN[fraction])
    }

    /// The key that followed question `after` the last time, or the one
    /// that followed that one (a question skipped in this row, or in the
    /// row before), if it is next, written as it must be. (Guessing only
    /// the first, a skip cost two full lookups: in its row, and in the
    /// next, whose guess the skip had changed.)
    fn guessed_key(&mut self, ids: &Ids<'_>, scratch: &Scratch, after: usize) -> Option<usize> {
        self.peek()?;
        let first = scratch.next[after];
        if self.key_is(ids, first) {
            return Some(first);
        }
        let second = *scratch.next.get(first)?;
        self.key_is(ids, second).then_some(second)
    }

    /// Whether question `q`'s id, as a JSON string, is next (then it is
    /// read).
    fn key_is(&mut self, ids: &Ids<'_>, q: usize) -> bool {
        let Some(Some(quoted)) = ids.quoted.get(q) else {
            return false;
        };
        let found = self.bytes()[self.at..].starts_with(quoted);
        if found {
            self.at += quoted.len();
        }
        found
    }

    /// The answers object, into `answers`.
    fn answers(
        &mut self,
        ids: &Ids<'_>,
        scratch: &mut Scratch,
        answers: &mut AnswerSet,
    ) -> Option<()> {
        self.expect(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        let bank = ids.bank;
        let mut after = bank.questions.len();
        loop {
            let q = match self.guessed_key(ids, scratch, after) {
                Some(q) => q,
                None => question(ids, scratch, after, self.string()?)?,
            };
            after = q;
            if std::mem::replace(&mut scratch.seen[q], true) {
                return None;
            }
            self.expect(b':')?;
            let keys = &ids.options[q];
            let answer = match (ids.kinds[q], self.peek()?) {
                (_, b'n') => {
                    // A skip.
                    self.bytes()[self.at..].starts_with(b"null").then_some(())?;
                    self.at += 4;
                    None
                }
                (Kind::Likert, _) => match self.digit() {
                    // The commonest answer, one digit, from a table.
                    Some(d) => Some(Answer::Scale(ids.digits[q][d]?)),
                    None => {
                        let QuestionKind::Likert { scale, .. } = &bank.questions[q].kind else {
                            return None;
                        };
                        Some(Answer::Scale(scale.by_value(self.number()?)?.value))
                    }
                },
                (Kind::Number { min, max }, _) => {
                    let value = self.number()?;
                    (min..=max).contains(&value).then_some(())?;
                    Some(Answer::Number(value))
                }
                (Kind::Choice, _) => Some(Answer::Choice(self.option(keys)?)),
                (Kind::Multi, _) => {
                    let mut chosen = scratch.spare.pop().unwrap_or_default();
                    self.expect(b'[')?;
                    if self.peek()? == b']' {
                        self.at += 1;
                    } else {
                        loop {
                            let option = self.option(keys)?;
                            if chosen.contains(&option) {
                                return None;
                            }
                            chosen.push(option);
                            if !self.next_item(b']')? {
                                break;
                            }
                        }
                    }
                    chosen.sort_unstable();
                    Some(Answer::Multi(chosen))
                }
            };
            answers.set(q, answer);
            if !self.next_item(b'}')? {
                break;
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::tabular::{TableFormat, write_respondents};
    use crate::bank::bundled;
    use crate::engine::sample::Sampler;
    use proptest::prelude::*;

    /// Both readers on `line`: this one's outcome and the serde one's.
    type Both = (Option<(String, AnswerSet)>, Option<(String, AnswerSet)>);

    fn both(bank: &crate::bank::Bank, line: &str) -> Both {
        let ids = Ids::new(bank);
        let mut scratch = Scratch::new(bank);
        let mut answers = AnswerSet::new(bank);
        let plain = read(&ids, &mut scratch, line, &mut answers)
            .map(|id| (id.into_owned(), answers.clone()));
        let mut scratch = Scratch::new(bank);
        let serde = super::super::read(&ids, &mut scratch, line, &mut answers)
            .map(|id| (id.into_owned(), answers.clone()));
        (plain, serde)
    }

    #[test]
    fn rows_sample_writes_are_read_the_plain_way_as_serde_reads_them() {
        for bank_id in ["healthcare", "interests"] {
            let bank = bundled::find(bank_id).unwrap().load().unwrap();
            let mut jsonl = Vec::new();
            write_respondents(
                &bank,
                TableFormat::Jsonl,
                Sampler::new(&bank, 5).take(200),
                &mut jsonl,
            )
            .unwrap();
            for line in String::from_utf8(jsonl).unwrap().lines() {
                let (plain, serde) = both(&bank, line);
                assert!(plain.is_some(), "{line}");
                assert_eq!(plain, serde, "{line}");
            }
        }
    }

    #[test]
    fn rows_in_another_order_or_with_skips_and_spaces_are_read() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let ids = Ids::new(&bank);
        let mut scratch = Scratch::new(&bank);
        let mut answers = AnswerSet::new(&bank);
        let lines = [
            r#"{"respondent":"a","answers":{"fix-it":2,"busy-ward":5.0}}"#,
            r#"{"answers":{"busy-ward":1,"fix-it":null},"respondent":"b"}"#,
            r#" { "respondent" : "c" , "answers" : { } } "#,
        ];
        let mut got = Vec::new();
        for line in lines {
            let id = read(&ids, &mut scratch, line, &mut answers).unwrap();
            got.push((id.into_owned(), answers.iter().count()));
        }
        assert_eq!(got, [("a".into(), 2), ("b".into(), 1), ("c".into(), 0)]);
    }

    #[test]
    fn multi_answers_memory_is_reused_and_bounded() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let ids = Ids::new(&bank);
        let mut scratch = Scratch::new(&bank);
        let mut answers = AnswerSet::new(&bank);
        let q = bank.question_index("workplaces").unwrap();
        let capacity = |answers: &AnswerSet| match answers.get(q) {
            Some(Answer::Multi(chosen)) => chosen.capacity(),
            other => panic!("{other:?}"),
        };
        let all = r#"{"respondent":"a","answers":{"workplaces":["hospital-ward","family-clinic","care-home","blood-lab","imaging-center","repair-workshop"]}}"#;
        let one = r#"{"respondent":"b","answers":{"workplaces":["care-home"]}}"#;
        read(&ids, &mut scratch, all, &mut answers).unwrap();
        let grown = capacity(&answers);
        assert!(grown >= 6);
        // One option ticked, in the memory six needed.
        read(&ids, &mut scratch, one, &mut answers).unwrap();
        assert_eq!(capacity(&answers), grown);
        assert_eq!(answers.get(q), Some(&Answer::Multi(vec![2])));

        // Rows the serde reader reads bring new memory each time; what is
        // kept stays bounded.
        let plain = r#"{"respondent":"a","answers":{"workplaces":["care-home","blood-lab"],"summer-plans":["first-aid"]}}"#;
        let escaped =
            r#"{"respondent":"\u0062","answers":{"workplaces":["blood-lab"],"summer-plans":[]}}"#;
        for round in 0..50 {
            let line = if round % 3 == 0 { plain } else { escaped };
            let read = read(&ids, &mut scratch, line, &mut answers)
                .or_else(|| super::super::read(&ids, &mut scratch, line, &mut answers));
            assert!(read.is_some(), "{line}");
            assert!(
                scratch.spare.len() <= bank.questions.len(),
                "{}",
                scratch.spare.len()
            );
        }
    }

    /// Pieces of rows, right and wrong, for the property below.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\"respondent\"",
            "\"answers\"",
            "\"s1\"",
            "\"fix-it\"",
            "\"busy-ward\"",
            "\"workplaces\"",
            "\"first-day\"",
            "\"years-after-school\"",
            "\"ward\"",
            "\"care-home\"",
            "\"family-clinic\"",
            "\"repair-workshop\"",
            "\"imaging-center\"",
            "\"summer-plans\"",
            "\"quick-qualification\"",
            "\"first-aid\"",
            "\"care-hom\\u0065\"",
            "\"care-home\u{e9}\"",
            "\"x\\n\"",
            "\"bad\"",
            "1",
            "5",
            "5.0",
            "05",
            "5.5",
            "1e0",
            "-1",
            "12",
            "99",
            "null",
            "true",
            "0",
            "\"\u{1}\"",
            "3.75",
            "0.1",
            "2.",
            ".5",
            "1.5e1",
            "7.250",
            "123456789012345",
            "1234567890123456",
            "0.30000000000000004",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the line, a row read the plain way is read the same by
        /// the serde visitors.
        #[test]
        fn a_row_read_the_plain_way_is_the_row_serde_reads(pieces in prop::collection::vec(piece(), 0..24)) {
            let bank = bundled::find("healthcare").unwrap().load().unwrap();
            let line = pieces.concat();
            let (plain, serde) = both(&bank, &line);
            if plain.is_some() {
                prop_assert_eq!(plain, serde, "{}", line);
            }
        }

        /// Rows read one after the other, their keys guessed from the rows
        /// before, each with keys left out or swapped: every row is read
        /// as serde reads it alone.
        #[test]
        fn rows_in_a_row_with_skips_are_read_as_serde_reads_them(
            rows in prop::collection::vec((any::<u32>(), any::<u32>()), 1..12),
        ) {
            let bank = bundled::find("healthcare").unwrap().load().unwrap();
            let mut jsonl = Vec::new();
            write_respondents(&bank, TableFormat::Jsonl, Sampler::new(&bank, 3).take(1), &mut jsonl).unwrap();
            let row: serde_json::Value = serde_json::from_slice(&jsonl).unwrap();
            let pairs: Vec<String> = row["answers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| format!("{}:{v}", serde_json::Value::from(k.as_str())))
                .collect();
            let ids = Ids::new(&bank);
            let mut scratch = Scratch::new(&bank);
            let mut answers = AnswerSet::new(&bank);
            for (dropped, swapped) in rows {
                let mut kept: Vec<&String> = pairs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| dropped & (1 << (i % 32)) == 0 || dropped % 3 == 0)
                    .map(|(_, p)| p)
                    .collect();
                for i in 1..kept.len() {
                    if swapped & (1 << (i % 32)) != 0 && swapped % 5 == 0 {
                        kept.swap(i - 1, i);
                    }
                }
                let line = format!(r#"{{"respondent":"r","answers":{{{}}}}}"#, kept.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(","));
                let plain = read(&ids, &mut scratch, &line, &mut answers).map(|id| (id.into_owned(), answers.clone()));
                prop_assert!(plain.is_some(), "{}", line);
                let (_, serde) = both(&bank, &line);
                prop_assert_eq!(plain, serde, "{}", line);
            }
        }

        /// Option ids, packed from the bytes after their quote or read as
        /// strings, are found as serde finds them, whatever they hold, and
        /// plain ones are read the plain way.
        #[test]
        fn option_ids_are_found_as_serde_finds_them(
            ticked in prop::collection::vec(prop::sample::select(vec![
                "\"care-home\"", "\"blood-lab\"", "\"repair-workshop\"", "\"imaging-center\"",
                "\"hospital-ward\"", " \"care-home\"", "\"care-hom\\u0065\"", "\"care-home\u{e9}\"",
                "\"repair-workshopp\"", "\"\"", "\"x\"", "\"care-home\\\"\"",
            ]), 0..4),
            day in prop::sample::select(vec!["\"ward\"", "\"lab\"", "\"clinic\"", "\"equipment-room\"", "\"equipment-room2\"", "\"war\u{1}\""]),
            tail in prop::sample::select(vec!["", " ", "\t"]),
        ) {
            let bank = bundled::find("healthcare").unwrap().load().unwrap();
            let line = format!(
                r#"{{"respondent":"r","answers":{{"workplaces":[{}],"first-day":{day}{tail}}}}}"#,
                ticked.join(",")
            );
            let (plain, serde) = both(&bank, &line);
            let known = ["\"care-home\"", "\"blood-lab\"", "\"repair-workshop\"", "\"imaging-center\"", "\"hospital-ward\"", " \"care-home\""];
            let mut unique = ticked.clone();
            unique.sort_unstable();
            unique.dedup_by(|a, b| a.trim() == b.trim());
            if ticked.iter().all(|t| known.contains(t)) && unique.len() == ticked.len() && serde.is_some() {
                prop_assert!(plain.is_some(), "{}", line);
            }
            if plain.is_some() {
                prop_assert_eq!(plain, serde, "{}", line);
            }
        }

        /// Rows of the plain shape with any spacing are read the plain way.
        #[test]
        fn spaced_rows_are_still_plain(space in prop::sample::select(vec!["", " ", "\t", "  "])) {
            let bank = bundled::find("healthcare").unwrap().load().unwrap();
            let s = space;
            let line = format!(
                "{s}{{{s}\"respondent\"{s}:{s}\"r\"{s},{s}\"answers\"{s}:{s}{{{s}\"fix-it\"{s}:{s}3{s},{s}\"workplaces\"{s}:{s}[{s}\"care-home\"{s},{s}\"family-clinic\"{s}]{s},{s}\"years-after-school\"{s}:{s}6.0{s}}}{s}}}{s}"
            );
            let (plain, serde) = both(&bank, line.trim());
            prop_assert!(plain.is_some(), "{}", line);
            prop_assert_eq!(plain, serde);
        }

        /// Decimals are read to the same bits as serde_json reads them.
        #[test]
        fn decimals_are_read_as_serde_reads_them(whole in 0u32..7, fraction in "[0-9]{0,17}") {
            let bank = bundled::find("healthcare").unwrap().load().unwrap();
            let number = if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") };
            let line = format!(r#"{{"respondent":"r","answers":{{"ward-days":{number}}}}}"#);
            let (plain, serde) = both(&bank, &line);
            let value: f64 = number.parse().unwrap();
            if number.len() - usize::from(!fraction.is_empty()) <= 15 && value <= 5.0 {
                prop_assert!(plain.is_some(), "{}", line);
            }
            if plain.is_some() {
                prop_assert_eq!(plain, serde, "{}", line);
            }
        }
    }
}
