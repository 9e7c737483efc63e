//! The plain prompter: every question as plain lines, for screen readers,
//! braille displays, dumb terminals and typed-in or piped answers. Nothing
//! is redrawn and no escape sequence is written: a question starts with its
//! number in words, lists its answers numbered, says what may be typed,
//! reads exactly one line, and confirms the answer in words (as GitHub
//! CLI's accessible prompter and huh's accessible mode do). The quiz flow
//! is the same [`Quiz`](super::Quiz) as with the terminal prompter.

use std::io::{self, BufRead, Write};

use super::{AfterSettled, Prompt, PromptError, Prompter, Settled, Step};
use crate::answers::{Answer, describe_answer};
use crate::bank::QuestionKind;
use crate::visible::visible;

/// The longest answer line read; the rest of a longer line is skipped, and
/// the line is explained as not an answer.
pub const LINE_LIMIT: u64 = 4096;

/// Where a plain quiz reads its answers and writes its questions.
pub struct PlainPrompter<R, W> {
    input: R,
    out: W,
    /// Writes "> " where the answer is typed (a person at a terminal, not
    /// a pipe, whose lines are not echoed).
    marker: bool,
    /// Lines are wrapped at spaces to this width (a terminal's), so a
    /// screen reader never reads half a word; `None` for a file or pipe.
    width: Option<usize>,
}

/// One line as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Longer than [`LINE_LIMIT`].
    TooLong,
    /// The input ended.
    Ended,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    pub fn new(input: R, out: W) -> Self {
        PlainPrompter {
            input,
            out,
            marker: false,
            width: None,
        }
    }

    /// Wraps lines at spaces to `width` columns (see [`fill`]).
    pub fn with_width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }

    /// With "> " where the answer is typed: for a person at a terminal.
    pub fn with_marker(mut self, marker: bool) -> Self {
        self.marker = marker;
        self
    }

    fn read(&mut self) -> Result<Line, PromptError> {
        read_line(&mut self.input).map_err(PromptError::Io)
    }

    /// "> " before the answer is typed, as a line prompt.
    fn ready(&mut self) -> Result<(), PromptError> {
        if self.marker {
            write!(self.out, "> ")?;
            self.out.flush()?;
        }
        Ok(())
    }

    fn say(&mut self, text: &str) -> Result<(), PromptError> {
        writeln!(self.out, "{}", fill(text, self.width))?;
        self.out.flush()?;
        Ok(())
    }
}

/// `text` with each of its lines wrapped at spaces to `width` (none:
/// as it is); a numbered entry ("  3. …") goes on under its text.
pub fn fill(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    let mut out = Vec::new();
    for line in text.split('\n') {
        let hang = numbered(line).map_or(0, |at| at);
        let options =
            crate::wrap::options(width.max(20)).subsequent_indent(&"          "[..hang.min(10)]);
        if line.is_empty() {
            out.push(String::new());
        } else {
            out.extend(
                textwrap::wrap(line, options)
                    .into_iter()
                    .map(|l| l.into_owned()),
            );
        }
    }
    out.join("\n")
}

/// Where the text of a numbered entry ("  3. text") starts.
fn numbered(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("  ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && rest[digits..].starts_with(". ")).then_some(2 + digits + 2)
}

/// Reads one line (without its line break), at most [`LINE_LIMIT`] bytes
/// of it.
pub fn read_line(input: &mut impl BufRead) -> io::Result<Line> {
    let mut bytes = Vec::new();
    let read = io::Read::take(&mut *input, LINE_LIMIT).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(Line::Ended);
    }
    if bytes.last() != Some(&b'\n') && read as u64 == LINE_LIMIT {
        // Skip the rest of the line, a buffer at a time.
        loop {
            let (done, used) = {
                let buffer = input.fill_buf()?;
                match memchr::memchr(b'\n', buffer) {
                    Some(at) => (true, at + 1),
                    None => (buffer.is_empty(), buffer.len()),
                }
            };
            input.consume(used);
            if done {
                return Ok(Line::TooLong);
            }
        }
    }
    Ok(Line::Text(
        String::from_utf8_lossy(&bytes)
            .trim_end_matches(['\n', '\r'])
            .to_string(),
    ))
}

/// What a typed line asks for, before it is checked against the question.
#[derive(Debug, Clone, PartialEq)]
enum Typed {
    Skip,
    Back,
    Quit,
    Text(String),
}

fn typed(line: &str) -> Typed {
    let text = line.trim();
    match text.to_lowercase().as_str() {
        "" | "s" | "skip" => Typed::Skip,
        "b" | "back" => Typed::Back,
        "q" | "quit" | "stop" => Typed::Quit,
        _ => Typed::Text(text.to_string()),
    }
}

const KEYS: &str = "or s to skip, b to go back, q to stop and save";

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Step, PromptError> {
        let question = prompt.question;
        let mut text = String::new();
        text.push('\n');
        text.push_str(&if prompt.adaptive {
            format!("Question {} (at most {}).\n", prompt.position, prompt.total)
        } else {
            format!("Question {} of {}.\n", prompt.position, prompt.total)
        });
        text.push_str(&visible(&question.text));
        text.push('\n');
        let labels = prompt.entries();
        for (n, label) in labels.iter().enumerate() {
            text.push_str(&format!("  {}. {label}\n", n + 1));
        }
        if let Some(help) = &question.help {
            text.push_str(&visible(help));
            text.push('\n');
        }
        if let Some(previous) = prompt.previous {
            text.push_str(&format!(
                "Your earlier answer: {}.\n",
                visible(&describe_answer(question, previous))
            ));
        }
        let instruction = instruction(prompt, labels.len());
        text.push_str(&instruction);
        self.say(&text)?;
        loop {
            self.ready()?;
            let line = match self.read()? {
                Line::Ended => return Err(PromptError::InputEnded),
                Line::TooLong => {
                    self.say(&format!(
                        "That line is too long to be an answer. {instruction}"
                    ))?;
                    continue;
                }
                Line::Text(line) => line,
            };
            match typed(&line) {
                Typed::Skip => {
                    self.say("You skipped this question.")?;
                    return Ok(Step::Skip);
                }
                Typed::Back => {
                    if prompt.position == 1 {
                        self.say("This is the first question.")?;
                        return Ok(Step::Back);
                    }
                    self.say("Going back to the question before.")?;
                    return Ok(Step::Back);
                }
                Typed::Quit => return Ok(Step::Quit),
                Typed::Text(text) => match answer(prompt, &text) {
                    Ok(answer) => {
                        let said = describe_answer(question, &answer);
                        self.say(&format!("You chose: {}.", visible(&said)))?;
                        return Ok(Step::Answer(answer));
                    }
                    Err(why) => {
                        self.say(&format!("{why} {instruction}"))?;
                    }
                },
            }
        }
    }

    fn settled(&mut self, notice: &Settled<'_>) -> Result<AfterSettled, PromptError> {
        let left = notice.total - notice.asked;
        let plural = if left == 1 { "" } else { "s" };
        let text = format!(
            "\nYour result is settled after {} of {} questions: {} fits you best, and no answer to the other {left} can change that.\n  1. Show my result\n  2. Keep answering ({left} more question{plural})\nType 1 or 2, or b to go back, q to stop and save.",
            notice.asked,
            notice.total,
            visible(&notice.role.name)
        );
        self.say(&text)?;
        loop {
            self.ready()?;
            let line = match self.read()? {
                Line::Ended => return Err(PromptError::InputEnded),
                Line::TooLong => String::new(),
                Line::Text(line) => line,
            };
            match line.trim().to_lowercase().as_str() {
                "1" => return Ok(AfterSettled::Finish),
                "2" => return Ok(AfterSettled::KeepAnswering),
                "b" | "back" => return Ok(AfterSettled::Back),
                "q" | "quit" | "stop" => return Ok(AfterSettled::Quit),
                _ => self.say("Type 1 to see your result or 2 to keep answering.")?,
            }
        }
    }
}

/// What may be typed, in one sentence.
fn instruction(prompt: &Prompt<'_>, count: usize) -> String {
    match &prompt.question.kind {
        QuestionKind::Likert { .. } | QuestionKind::Choice { .. } => {
            format!("Type a number from 1 to {count}, {KEYS}.")
        }
        QuestionKind::Multi { .. } => format!(
            "Type the numbers of all that apply, separated by spaces or commas (0 for none of these), {KEYS}."
        ),
        QuestionKind::Number { min, max, unit, .. } => {
            let unit = unit
                .as_deref()
                .map(|u| format!(" {}", visible(u)))
                .unwrap_or_default();
            format!("Type a number from {min} to {max}{unit}, {KEYS}.")
        }
    }
}

/// The answer `text` gives, or why it is not one.
fn answer(prompt: &Prompt<'_>, text: &str) -> Result<Answer, String> {
    let count = prompt.options.len();
    let pick = |word: &str, count: usize| -> Result<usize, String> {
        match word.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
            _ => Err(format!(
                "“{}” is not one of the numbers 1 to {count}.",
                crate::visible::excerpt(word)
            )),
        }
    };
    match &prompt.question.kind {
        QuestionKind::Likert { scale, .. } => {
            let at = pick(text, scale.points.len())?;
            Ok(Answer::Scale(scale.points[at].value))
        }
        QuestionKind::Choice { .. } => Ok(Answer::Choice(prompt.options[pick(text, count)?])),
        QuestionKind::Multi { .. } => {
            let words: Vec<&str> = text
                .split([' ', ',', ';'])
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() == 1 && matches!(words[0].to_lowercase().as_str(), "0" | "none") {
                return Ok(Answer::Multi(Vec::new()));
            }
            let mut chosen = Vec::new();
            for word in words {
                let option = prompt.options[pick(word, count)?];
                if !chosen.contains(&option) {
                    chosen.push(option);
                }
            }
            chosen.sort_unstable();
            Ok(Answer::Multi(chosen))
        }
        QuestionKind::Number { min, max, .. } => match text.parse::<f64>() {
            Ok(x) if x.is_finite() && (*min..=*max).contains(&x) => Ok(Answer::Number(x)),
            _ => Err(format!(
                "“{}” is not a number from {min} to {max}.",
                crate::visible::excerpt(text)
            )),
        },
    }
}

/// One plain question with numbered `options` before a quiz begins (the
/// unfinished-quiz offer, replacing a `--save` file): the index chosen, or
/// `None` when the student stopped (q, or the input ended).
pub fn choose(
    input: &mut impl BufRead,
    out: &mut impl Write,
    message: &str,
    options: &[&str],
    width: Option<usize>,
) -> Option<usize> {
    let mut text = format!("{}\n", visible(message));
    for (n, option) in options.iter().enumerate() {
        text.push_str(&format!("  {}. {option}\n", n + 1));
    }
    text.push_str(&format!(
        "Type a number from 1 to {}, or q to stop.",
        options.len()
    ));
    writeln!(out, "{}", fill(&text, width)).ok()?;
    loop {
        let _ = out.flush();
        let line = match read_line(input).ok()? {
            Line::Ended => return None,
            Line::TooLong => String::new(),
            Line::Text(line) => line,
        };
        let line = line.trim().to_lowercase();
        if matches!(line.as_str(), "q" | "quit" | "stop") {
            return None;
        }
        match line.parse::<usize>() {
            Ok(n) if (1..=options.len()).contains(&n) => return Some(n - 1),
            _ => writeln!(out, "Type a number from 1 to {}.", options.len()).ok()?,
        }
    }
}

#[cfg(test)]
mod tests;
