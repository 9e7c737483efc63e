//! A [`Prompter`] that plays back a fixed list of steps instead of asking
//! anyone, so the quiz flow (going back, skipping, quitting, resuming) can be
//! tested without a terminal. It records every prompt it was shown, so a
//! test can check which question came when and what was pre-selected.

use std::collections::VecDeque;

use super::{AfterSettled, Prompt, PromptError, Prompter, Settled, Step};
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
    /// Replies to adaptive mode's "settled" notices; once used up, finish.
    after_settled: VecDeque<AfterSettled>,
    /// For each "settled" notice: how many questions had been asked.
    settled_at: Vec<usize>,
}

impl ScriptedPrompter {
    pub fn new(steps: Vec<Step>) -> Self {
        ScriptedPrompter {
            steps: steps.into(),
            shown: Vec::new(),
            after_settled: VecDeque::new(),
            settled_at: Vec::new(),
        }
    }

    /// How to reply to adaptive mode's "settled" notices, in turn; after
    /// these, every notice is answered with [`AfterSettled::Finish`].
    pub fn when_settled(mut self, replies: Vec<AfterSettled>) -> Self {
        self.after_settled = replies.into();
        self
    }

    /// For each "settled" notice shown, how many questions had been asked.
    pub fn settled_at(&self) -> &[usize] {
        &self.settled_at
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

    fn settled(&mut self, notice: &Settled<'_>) -> Result<AfterSettled, PromptError> {
        self.settled_at.push(notice.asked);
        Ok(self
            .after_settled
            .pop_front()
            .unwrap_or(AfterSettled::Finish))
    }
}
