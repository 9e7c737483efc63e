//! A [`Prompter`] that plays back a fixed list of steps instead of asking
//! anyone, so the quiz flow (going back, skipping, quitting, resuming) can be
//! tested without a terminal. It records every prompt it was shown, so a
//! test can check which question came when and what was pre-selected.

use std::collections::VecDeque;

use super::{Prompt, PromptError, Prompter, Step};
use crate::answers::Answer;

/// What a [`ScriptedPrompter`] was shown for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The question's id.
    pub question: String,
    /// 1-based, as in [`Prompt::position`].
    pub position: usize,
    pub total: usize,
    pub options: Vec<usize>,
    pub previous: Option<Answer>,
}

/// Answers each prompt with the next scripted [`Step`]; once the script is
/// used up, every prompt is a [`PromptError::ScriptEnded`].
#[derive(Debug, Clone, Default)]
pub struct ScriptedPrompter {
    steps: VecDeque<Step>,
    shown: Vec<Shown>,
}

impl ScriptedPrompter {
    pub fn new(steps: Vec<Step>) -> Self {
        ScriptedPrompter {
            steps: steps.into(),
            shown: Vec::new(),
        }
    }

    /// Every prompt shown so far, in order (including one the script had no
    /// step left for).
    pub fn shown(&self) -> &[Shown] {
        &self.shown
    }

    /// The ids of the questions shown so far, in order.
    pub fn asked(&self) -> Vec<&str> {
        self.shown.iter().map(|s| s.question.as_str()).collect()
    }

    /// How many scripted steps are still unused.
    pub fn remaining(&self) -> usize {
        self.steps.len()
    }
}

impl Prompter for ScriptedPrompter {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Step, PromptError> {
        self.shown.push(Shown {
            question: prompt.question.id.clone(),
            position: prompt.position,
            total: prompt.total,
            options: prompt.options.to_vec(),
            previous: prompt.previous.cloned(),
        });
        self.steps
            .pop_front()
            .ok_or_else(|| PromptError::ScriptEnded {
                question: prompt.question.id.clone(),
            })
    }
}
