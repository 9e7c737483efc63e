//! The terminal prompter: asks each question with `inquire`. Esc goes back,
//! Ctrl-C stops (and the caller saves), and every question offers "Skip this
//! question". This is the only module that talks to the terminal while the
//! quiz runs.

use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};

use super::{AfterSettled, Prompt, PromptError, Prompter, Settled, Step};
use crate::answers::Answer;
use crate::bank::QuestionKind;

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
        let message = format!("[{}/{}] {}", prompt.position, prompt.total, question.text);
        let help = |keys: &str| match &question.help {
            Some(help) => format!("{help}  ({keys})"),
            None => keys.to_string(),
        };
        let result = match &question.kind {
            QuestionKind::Likert { scale, .. } => {
                let mut labels: Vec<String> =
                    scale.points.iter().map(|p| p.label.clone()).collect();
                labels.push(SKIP.to_string());
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
            QuestionKind::Choice { options } => {
                let mut texts: Vec<String> = prompt
                    .options
                    .iter()
                    .map(|&o| options[o].text.clone())
                    .collect();
                texts.push(SKIP.to_string());
                let cursor = match prompt.previous {
                    Some(Answer::Choice(o)) => prompt.options.iter().position(|x| x == o),
                    _ => None,
                };
                let help = help(KEYS);
                Select::new(&message, texts)
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
            QuestionKind::Multi { options } => {
                let mut texts: Vec<String> = prompt
                    .options
                    .iter()
                    .map(|&o| options[o].text.clone())
                    .collect();
                texts.push(SKIP.to_string());
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
                MultiSelect::new(&message, texts)
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
                let unit = unit.clone().map(|u| format!(" {u}")).unwrap_or_default();
                let message = format!("{message} ({min} to {max}{unit})");
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
            notice.asked, notice.total, notice.role.name
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

fn terminal_error(err: InquireError) -> PromptError {
    match err {
        InquireError::IO(err) => PromptError::Io(err),
        other => PromptError::Terminal(other.to_string()),
    }
}
