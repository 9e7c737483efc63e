//! The terminal prompter: asks each question with `inquire`. Esc goes back,
//! Ctrl-C stops (and the caller saves), and every question offers "Skip this
//! question". This is the only module that talks to the terminal while the
//! quiz runs. Every text from the bank is shown through [`visible`], so a
//! control character in it is seen, not obeyed, and wrapped to the
//! terminal's width by [`layout`], so the terminal never breaks a word.
//! Going back erases the abandoned prompt and the answer being changed, so
//! only answered questions stay on screen.

pub mod layout;
mod resize;
mod screen;

use inquire::error::InquireError;
use inquire::list_option::ListOption;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};

use super::{AfterSettled, Prompt, PromptError, Prompter, Settled, Step};
use crate::answers::Answer;
use crate::bank::QuestionKind;
use crate::visible::visible;
use layout::{LIST_PREFIX, TICK_PREFIX};
use screen::{Kept, Screen};

/// Bank text as a prompt shows it.
fn shown(text: &str) -> String {
    visible(text).into_owned()
}

/// The entry that skips a question, offered on every list.
pub const SKIP: &str = "Skip this question";

const KEYS: &str = "↑↓ move, Enter answers, Esc back, Ctrl-C stops and saves";
const MULTI_KEYS: &str = "↑↓ move, Space ticks, Enter answers, nothing ticked means none of these, Esc back, Ctrl-C stops";
const NUMBER_KEYS: &str =
    "type a number and press Enter, Enter alone skips, Esc back, Ctrl-C stops";
const SETTLED_KEYS: &str = "↑↓ move, Enter chooses, Esc back, Ctrl-C stops and saves";
/// The keys, shorter, for a terminal under [`SHORT_BELOW`] rows: the
/// options need the room more.
const SHORT_KEYS: &str = "Enter answers, Esc back, Ctrl-C stops and saves";
const SHORT_MULTI_KEYS: &str = "Space ticks, Enter answers, Esc back, Ctrl-C stops";
const SHORT_NUMBER_KEYS: &str = "Enter answers (alone: skips), Esc back, Ctrl-C stops";
const SHORT_BELOW: usize = 16;
/// Said, until it is answered, on the first question after Esc there.
pub const FIRST_QUESTION: &str = "This is the first question.";

/// Rows assumed when the terminal's size cannot be read.
const DEFAULT_ROWS: u16 = 24;

pub struct TerminalPrompter {
    render: RenderConfig<'static>,
    /// Whether the window got smaller during a prompt.
    watch: resize::Watch,
    /// The answered prompts on screen.
    screen: Screen,
    /// Esc was pressed on the first question: say so when it is asked again.
    at_first: bool,
}

impl TerminalPrompter {
    /// `color` is decided by the caller (`--color`, `NO_COLOR`, `TERM=dumb`,
    /// terminal).
    pub fn new(color: bool) -> Self {
        TerminalPrompter {
            render: if color {
                RenderConfig::default_colored()
            } else {
                RenderConfig::empty()
            }
            .with_canceled_prompt_indicator(Styled::new("")),
            watch: resize::Watch::new(),
            screen: Screen::new(color),
            at_first: false,
        }
    }

    /// The terminal's width and height now.
    fn size() -> (usize, usize) {
        let (cols, rows) =
            crate::wrap::terminal_size().unwrap_or((crate::wrap::DEFAULT_COLUMNS, DEFAULT_ROWS));
        (usize::from(cols), usize::from(rows))
    }
}

/// Room for a list's options in a terminal `rows` high, with the question,
/// the help and a message about a wrong answer laid out as given.
fn room(rows: usize, cols: usize, message: &str, help: &str, error: Option<&str>) -> usize {
    let taken = layout::rows(&format!("? {message} "), cols)
        + layout::rows(&format!("[{help}]"), cols)
        + error.map_or(0, |e| layout::rows(&format!("# {e}"), cols));
    rows.saturating_sub(taken)
}

/// Options wrapped after `prefix` columns, and how many to show at once.
fn options(labels: &[String], cols: usize, prefix: usize, room: usize) -> (Vec<String>, usize) {
    let wrapped: Vec<String> = labels
        .iter()
        .map(|l| layout::option(l, cols, prefix))
        .collect();
    let heights: Vec<usize> = wrapped.iter().map(|w| layout::rows(w, cols)).collect();
    let page = layout::page_size(&heights, room);
    (wrapped, page)
}

impl TerminalPrompter {
    /// A list with one answer (a scale or a choice), laid out `size`
    /// (columns, rows): what the student did, by `step` from the chosen
    /// entry, and the answer's text; and the question as laid out.
    #[allow(clippy::type_complexity)]
    fn select_one(
        &self,
        prompt: &Prompt<'_>,
        labels: &[String],
        help: &str,
        cursor: usize,
        (cols, rows): (usize, usize),
        step: impl Fn(usize) -> Step,
    ) -> (Result<(Step, String), InquireError>, String) {
        let message = layout::question(&message(prompt), cols);
        let (wrapped, page) = options(
            labels,
            cols,
            LIST_PREFIX,
            room(rows, cols, &message, help, None),
        );
        let formatter = |o: ListOption<&String>| layout::answer(&message, &labels[o.index], cols);
        let result = Select::new(&message, wrapped)
            .with_help_message(help)
            .with_render_config(self.render)
            .with_starting_cursor(cursor)
            .without_filtering()
            .with_page_size(page)
            .with_formatter(&formatter)
            .raw_prompt()
            .map(|chosen| (step(chosen.index), labels[chosen.index].clone()));
        (result, message)
    }

    /// Asks `prompt` once, laid out `cols` × `rows`: what the student did
    /// and the answer's text, and the question as laid out.
    #[allow(clippy::type_complexity)]
    fn attempt(
        &self,
        prompt: &Prompt<'_>,
        notice: bool,
        cols: usize,
        rows: usize,
    ) -> (Result<(Step, String), InquireError>, String) {
        let question = prompt.question;
        let labels = labels(prompt);
        let short = rows < SHORT_BELOW;
        let help = |keys: &str| {
            let keys = match keys {
                KEYS if short => SHORT_KEYS,
                MULTI_KEYS if short => SHORT_MULTI_KEYS,
                NUMBER_KEYS if short => SHORT_NUMBER_KEYS,
                keys => keys,
            };
            let text = help(prompt, keys);
            layout::help(
                &if notice {
                    format!("{FIRST_QUESTION} {text}")
                } else {
                    text
                },
                cols,
            )
        };
        match &question.kind {
            QuestionKind::Likert { scale, .. } => {
                let cursor = match prompt.previous {
                    Some(Answer::Scale(v)) => scale.points.iter().position(|p| p.value == *v),
                    _ => None,
                };
                let step = |chosen: usize| match scale.points.get(chosen) {
                    Some(point) => Step::Answer(Answer::Scale(point.value)),
                    None => Step::Skip,
                };
                let start = cursor.unwrap_or(scale.points.len() / 2);
                self.select_one(prompt, &labels, &help(KEYS), start, (cols, rows), step)
            }
            QuestionKind::Choice { .. } => {
                let cursor = match prompt.previous {
                    Some(Answer::Choice(o)) => prompt.options.iter().position(|x| x == o),
                    _ => None,
                };
                let step = |chosen: usize| match prompt.options.get(chosen) {
                    Some(&o) => Step::Answer(Answer::Choice(o)),
                    None => Step::Skip,
                };
                self.select_one(
                    prompt,
                    &labels,
                    &help(KEYS),
                    cursor.unwrap_or(0),
                    (cols, rows),
                    step,
                )
            }
            QuestionKind::Multi { .. } => {
                let message = layout::question(&message(prompt), cols);
                let skip_at = prompt.options.len();
                let ticked: Vec<usize> = match prompt.previous {
                    Some(Answer::Multi(chosen)) => prompt
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| chosen.contains(o))
                        .map(|(i, _)| i)
                        .collect(),
                    _ => Vec::new(),
                };
                let help = help(MULTI_KEYS);
                let both = layout::error(
                    &format!("Tick either “{SKIP}” or some answers, not both"),
                    cols,
                );
                let (wrapped, page) = options(
                    &labels,
                    cols,
                    TICK_PREFIX,
                    room(
                        rows,
                        cols,
                        &message,
                        &help,
                        // In a short terminal the options need the rows
                        // more than this rare message does.
                        (!short).then_some(both.as_str()),
                    ),
                );
                let chosen_text = |chosen: &[usize]| {
                    if chosen.is_empty() {
                        "None of these".to_string()
                    } else {
                        chosen
                            .iter()
                            .map(|&i| labels[i].as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                };
                let formatter = |chosen: &[ListOption<&String>]| {
                    let indices: Vec<usize> = chosen.iter().map(|c| c.index).collect();
                    layout::answer(&message, &chosen_text(&indices), cols)
                };
                let result = MultiSelect::new(&message, wrapped)
                    .with_help_message(&help)
                    .with_render_config(self.render)
                    .with_default(&ticked)
                    .without_filtering()
                    .with_page_size(page)
                    .with_formatter(&formatter)
                    .with_validator(move |chosen: &[ListOption<&String>]| {
                        Ok(
                            if chosen.len() > 1 && chosen.iter().any(|c| c.index == skip_at) {
                                Validation::Invalid(both.clone().into())
                            } else {
                                Validation::Valid
                            },
                        )
                    })
                    .raw_prompt()
                    .map(|chosen| {
                        let indices: Vec<usize> = chosen.iter().map(|c| c.index).collect();
                        let answer = chosen_text(&indices);
                        let step = if indices.contains(&skip_at) {
                            Step::Skip
                        } else {
                            Step::Answer(Answer::Multi(
                                indices.iter().map(|&i| prompt.options[i]).collect(),
                            ))
                        };
                        (step, answer)
                    });
                (result, message)
            }
            QuestionKind::Number { min, max, unit, .. } => {
                let message = layout::number_question(&message(prompt), cols);
                let (min, max) = (*min, *max);
                let unit = unit_text(unit.as_deref());
                let previous = match prompt.previous {
                    Some(Answer::Number(x)) => x.to_string(),
                    _ => String::new(),
                };
                let help = help(NUMBER_KEYS);
                let range = layout::error(
                    &format!("Type a number from {min} to {max}{unit}, or leave it empty to skip"),
                    cols,
                );
                let typed = |input: &str| {
                    let input = input.trim();
                    if input.is_empty() {
                        "Skipped".to_string()
                    } else {
                        input.to_string()
                    }
                };
                let formatter = |input: &str| layout::answer(&message, &typed(input), cols);
                let result = Text::new(&message)
                    .with_help_message(&help)
                    .with_render_config(self.render)
                    .with_initial_value(&previous)
                    .with_formatter(&formatter)
                    .with_validator(move |input: &str| {
                        let input = input.trim();
                        Ok(match input.parse::<f64>() {
                            _ if input.is_empty() => Validation::Valid,
                            Ok(x) if x.is_finite() && (min..=max).contains(&x) => Validation::Valid,
                            _ => Validation::Invalid(range.clone().into()),
                        })
                    })
                    .prompt()
                    .map(|input| {
                        let answer = typed(&input);
                        let step = match input.trim().parse::<f64>() {
                            Ok(x) => Step::Answer(Answer::Number(x)),
                            Err(_) => Step::Skip,
                        };
                        (step, answer)
                    });
                (result, message)
            }
        }
    }
}

impl Prompter for TerminalPrompter {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Step, PromptError> {
        let notice = std::mem::take(&mut self.at_first);
        let (cols, rows) = Self::size();
        self.watch.reset();
        let (result, message) = self.attempt(prompt, notice, cols, rows);
        let smaller = self.watch.smaller_than(cols, rows);
        match result {
            Ok((step, answer)) => {
                let kept = Kept {
                    settled: false,
                    number: matches!(prompt.question.kind, QuestionKind::Number { .. }),
                    text: self::message(prompt),
                    answer,
                    rows: 0,
                };
                self.screen.keep(kept, cols);
                if smaller {
                    self.screen.redraw(Self::size().0);
                }
                Ok(step)
            }
            Err(InquireError::OperationCanceled) => {
                self.screen
                    .went_back(&message, cols, true, smaller.then(|| Self::size().0));
                self.at_first = prompt.position == 1;
                Ok(Step::Back)
            }
            Err(InquireError::OperationInterrupted) => {
                if smaller {
                    self.screen.redraw(Self::size().0);
                }
                Ok(Step::Quit)
            }
            Err(err) => Err(terminal_error(err)),
        }
    }

    fn settled(&mut self, notice: &Settled<'_>) -> Result<AfterSettled, PromptError> {
        let left = notice.total - notice.asked;
        let text = format!(
            "Your result is settled after {} of {} questions: {} fits you best, and no answer to the other {left} can change that.",
            notice.asked,
            notice.total,
            shown(&notice.role.name)
        );
        let choices = vec![
            "Show my result".to_string(),
            format!(
                "Keep answering ({left} more question{})",
                if left == 1 { "" } else { "s" }
            ),
        ];
        let (cols, rows) = Self::size();
        let message = layout::question(&text, cols);
        let help = layout::help(SETTLED_KEYS, cols);
        let (wrapped, page) = options(
            &choices,
            cols,
            LIST_PREFIX,
            room(rows, cols, &message, &help, None),
        );
        let formatter = |o: ListOption<&String>| layout::answer(&message, &choices[o.index], cols);
        self.watch.reset();
        let result = Select::new(&message, wrapped)
            .with_help_message(&help)
            .with_render_config(self.render)
            .without_filtering()
            .with_page_size(page)
            .with_formatter(&formatter)
            .raw_prompt();
        let smaller = self.watch.smaller_than(cols, rows);
        match result {
            Ok(chosen) => {
                let kept = Kept {
                    settled: true,
                    number: false,
                    text,
                    answer: choices[chosen.index].clone(),
                    rows: 0,
                };
                self.screen.keep(kept, cols);
                if smaller {
                    self.screen.redraw(Self::size().0);
                }
                Ok(if chosen.index == 0 {
                    AfterSettled::Finish
                } else {
                    AfterSettled::KeepAnswering
                })
            }
            Err(InquireError::OperationCanceled) => {
                self.screen
                    .went_back(&message, cols, false, smaller.then(|| Self::size().0));
                Ok(AfterSettled::Back)
            }
            Err(InquireError::OperationInterrupted) => {
                if smaller {
                    self.screen.redraw(Self::size().0);
                }
                Ok(AfterSettled::Quit)
            }
            Err(err) => Err(terminal_error(err)),
        }
    }
}

/// The question as its prompt shows it: "[3/12] text" ("[3 · at most 12]"
/// in adaptive mode, which stops when the result is settled), with a number
/// question's range.
fn message(prompt: &Prompt<'_>) -> String {
    let question = prompt.question;
    let progress = if prompt.adaptive {
        format!("[{} · at most {}]", prompt.position, prompt.total)
    } else {
        format!("[{}/{}]", prompt.position, prompt.total)
    };
    let text = format!("{progress} {}", shown(&question.text));
    match &question.kind {
        QuestionKind::Number { min, max, unit, .. } => {
            format!("{text} ({min} to {max}{})", unit_text(unit.as_deref()))
        }
        _ => text,
    }
}

/// " hours" for a unit, nothing without one.
fn unit_text(unit: Option<&str>) -> String {
    unit.map(|u| format!(" {}", shown(u))).unwrap_or_default()
}

/// The question's help, if it has one, then the keys.
fn help(prompt: &Prompt<'_>, keys: &str) -> String {
    match &prompt.question.help {
        Some(help) => format!("{}  ({keys})", shown(help)),
        None => keys.to_string(),
    }
}

/// The entries of a list question, in display order, then [`SKIP`]; none
/// for a number question.
fn labels(prompt: &Prompt<'_>) -> Vec<String> {
    let mut labels = prompt.entries();
    if !matches!(prompt.question.kind, QuestionKind::Number { .. }) {
        labels.push(SKIP.to_string());
    }
    labels
}

fn terminal_error(err: InquireError) -> PromptError {
    match err {
        InquireError::IO(err) => PromptError::Io(err),
        other => PromptError::Terminal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bank_text_in_a_prompt_is_shown_escaped() {
        // Banks with control characters are refused when they load; this
        // is the second line of defence.
        let mut bank = crate::bank::bundled::find("healthcare")
            .unwrap()
            .load()
            .unwrap();
        let hostile = "Tools\u{1b}[2J\u{1b}]0;TITLE\u{7} or people?\u{202e}";
        for question in &mut bank.questions {
            question.text = hostile.to_string();
            question.help = Some(hostile.to_string());
            match &mut question.kind {
                QuestionKind::Likert { scale, .. } => {
                    let mut points = scale.points.to_vec();
                    points[0].label = hostile.to_string();
                    scale.points = points.into();
                }
                QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                    options[0].text = hostile.to_string();
                }
                QuestionKind::Number { unit, .. } => *unit = Some(hostile.to_string()),
            }
        }
        let mut kinds = std::collections::BTreeSet::new();
        for question in &bank.questions {
            kinds.insert(question.kind.name());
            let options: Vec<usize> = match &question.kind {
                QuestionKind::Likert { scale, .. } => (0..scale.points.len()).collect(),
                QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                    (0..options.len()).collect()
                }
                QuestionKind::Number { .. } => Vec::new(),
            };
            let prompt = Prompt {
                question,
                position: 1,
                total: 1,
                adaptive: false,
                options: &options,
                previous: None,
            };
            let mut texts = labels(&prompt);
            texts.push(message(&prompt));
            texts.push(help(&prompt, KEYS));
            for text in &texts {
                assert!(crate::visible::first_hidden(text).is_none(), "{text:?}");
            }
            assert!(
                message(&prompt).contains("Tools\\u{1b}[2J"),
                "{}",
                message(&prompt)
            );
        }
        assert!(kinds.len() >= 3, "{kinds:?}");
    }
}
