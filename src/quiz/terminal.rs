//! The terminal prompter: asks each question with `inquire`. Esc goes back,
//! Ctrl-C stops (and the caller saves), and every question offers "Skip this
//! question". This is the only module that talks to the terminal while the
//! quiz runs. Every text from the bank is shown through [`visible`], so a
//! control character in it is seen, not obeyed.

use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};

use super::{AfterSettled, Prompt, PromptError, Prompter, Settled, Step};
use crate::answers::Answer;
use crate::bank::QuestionKind;
use crate::visible::visible;

/// Bank text as a prompt shows it.
fn shown(text: &str) -> String {
    visible(text).into_owned()
}

/// The entry that skips a question, offered on every list.
pub const SKIP: &str = "Skip this question";

const KEYS: &str = "↑↓ move, Enter answers, Esc goes back, Ctrl-C stops and saves";
const MULTI_KEYS: &str =
    "↑↓ move, Space ticks, Enter answers (none ticked = none of these), Esc back, Ctrl-C stops";
const NUMBER_KEYS: &str = "type a number and press Enter (empty skips), Esc back, Ctrl-C stops";

pub struct TerminalPrompter {
    render: RenderConfig<'static>,
}

impl TerminalPrompter {
    /// `color` is decided by the caller (`--color`, `NO_COLOR`, terminal).
    pub fn new(color: bool) -> Self {
        TerminalPrompter {
            render: if color {
                RenderConfig::default_colored()
            } else {
                RenderConfig::empty()
            }
            .with_canceled_prompt_indicator(inquire::ui::Styled::new("<back>")),
        }
    }
}

impl Prompter for TerminalPrompter {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Step, PromptError> {
        let question = prompt.question;
        let message = message(prompt);
        let labels = labels(prompt);
        let help = |keys: &str| help(prompt, keys);
        let result = match &question.kind {
            QuestionKind::Likert { scale, .. } => {
                let cursor = match prompt.previous {
                    Some(Answer::Scale(v)) => scale.points.iter().position(|p| p.value == *v),
                    _ => None,
                };
                let help = help(KEYS);
                Select::new(&message, labels)
                    .with_help_message(&help)
                    .with_render_config(self.render)
                    .with_starting_cursor(cursor.unwrap_or(scale.points.len() / 2))
                    .without_filtering()
                    .with_page_size(scale.points.len() + 1)
                    .raw_prompt()
                    .map(|chosen| match scale.points.get(chosen.index) {
                        Some(point) => Step::Answer(Answer::Scale(point.value)),
                        None => Step::Skip,
                    })
            }
            QuestionKind::Choice { .. } => {
                let cursor = match prompt.previous {
                    Some(Answer::Choice(o)) => prompt.options.iter().position(|x| x == o),
                    _ => None,
                };
                let help = help(KEYS);
                Select::new(&message, labels)
                    .with_help_message(&help)
                    .with_render_config(self.render)
                    .with_starting_cursor(cursor.unwrap_or(0))
                    .without_filtering()
                    .with_page_size(prompt.options.len() + 1)
                    .raw_prompt()
                    .map(|chosen| match prompt.options.get(chosen.index) {
                        Some(&o) => Step::Answer(Answer::Choice(o)),
                        None => Step::Skip,
                    })
            }
            QuestionKind::Multi { .. } => {
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
                MultiSelect::new(&message, labels)
                    .with_help_message(&help)
                    .with_render_config(self.render)
                    .with_default(&ticked)
                    .without_filtering()
                    .with_page_size(prompt.options.len() + 1)
                    .with_validator(
                        move |chosen: &[inquire::list_option::ListOption<&String>]| {
                            Ok(
                                if chosen.len() > 1 && chosen.iter().any(|c| c.index == skip_at) {
                                    Validation::Invalid(
                                        format!("Tick either “{SKIP}” or some answers, not both")
                                            .into(),
                                    )
                                } else {
                                    Validation::Valid
                                },
                            )
                        },
                    )
                    .raw_prompt()
                    .map(|chosen| {
                        if chosen.iter().any(|c| c.index == skip_at) {
                            Step::Skip
                        } else {
                            Step::Answer(Answer::Multi(
                                chosen.iter().map(|c| prompt.options[c.index]).collect(),
                            ))
                        }
                    })
            }
            QuestionKind::Number { min, max, unit, .. } => {
                let (min, max) = (*min, *max);
                let unit = unit_text(unit.as_deref());
                let previous = match prompt.previous {
                    Some(Answer::Number(x)) => x.to_string(),
                    _ => String::new(),
                };
                let help = help(NUMBER_KEYS);
                let range =
                    format!("Type a number from {min} to {max}{unit}, or leave it empty to skip");
                Text::new(&message)
                    .with_help_message(&help)
                    .with_render_config(self.render)
                    .with_initial_value(&previous)
                    .with_validator(move |input: &str| {
                        let input = input.trim();
                        Ok(match input.parse::<f64>() {
                            _ if input.is_empty() => Validation::Valid,
                            Ok(x) if x.is_finite() && (min..=max).contains(&x) => Validation::Valid,
                            _ => Validation::Invalid(range.clone().into()),
                        })
                    })
                    .prompt()
                    .map(|input| match input.trim().parse::<f64>() {
                        Ok(x) => Step::Answer(Answer::Number(x)),
                        Err(_) => Step::Skip,
                    })
            }
        };
        match result {
            Ok(step) => Ok(step),
            Err(InquireError::OperationCanceled) => Ok(Step::Back),
            Err(InquireError::OperationInterrupted) => Ok(Step::Quit),
            Err(err) => Err(terminal_error(err)),
        }
    }

    fn settled(&mut self, notice: &Settled<'_>) -> Result<AfterSettled, PromptError> {
        let left = notice.total - notice.asked;
        let message = format!(
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
        let result = Select::new(&message, choices)
            .with_help_message("↑↓ move, Enter chooses, Esc goes back, Ctrl-C stops and saves")
            .with_render_config(self.render)
            .without_filtering()
            .raw_prompt();
        match result {
            Ok(chosen) if chosen.index == 0 => Ok(AfterSettled::Finish),
            Ok(_) => Ok(AfterSettled::KeepAnswering),
            Err(InquireError::OperationCanceled) => Ok(AfterSettled::Back),
            Err(InquireError::OperationInterrupted) => Ok(AfterSettled::Quit),
            Err(err) => Err(terminal_error(err)),
        }
    }
}

/// The question as its prompt shows it: "[3/12] text", with a number
/// question's range.
fn message(prompt: &Prompt<'_>) -> String {
    let question = prompt.question;
    let text = format!(
        "[{}/{}] {}",
        prompt.position,
        prompt.total,
        shown(&question.text)
    );
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
    let mut labels: Vec<String> = match &prompt.question.kind {
        QuestionKind::Likert { scale, .. } => {
            scale.points.iter().map(|p| shown(&p.label)).collect()
        }
        QuestionKind::Choice { options } | QuestionKind::Multi { options } => prompt
            .options
            .iter()
            .map(|&o| shown(&options[o].text))
            .collect(),
        QuestionKind::Number { .. } => return Vec::new(),
    };
    labels.push(SKIP.to_string());
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
