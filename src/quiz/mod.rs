//! The interactive quiz's flow, kept apart from any terminal so it can be
//! tested with scripted answers: which question comes next, what going back,
//! skipping and quitting do, and checking every answer against its question
//! before it is kept. A [`Prompter`] asks one question at a time and reports
//! what the student did; a terminal prompter belongs with the CLI, and
//! `scripted::ScriptedPrompter` (tests only) plays back a fixed list of steps.
//! The order of questions and options comes from [`order`].

pub mod lock;
pub mod order;
pub mod plain;
pub mod run;
pub mod saved;
#[cfg(test)]
pub mod scripted;
pub mod session;
pub mod start;
pub mod terminal;
pub mod watch;

use thiserror::Error;

use crate::answers::{Answer, AnswerSet};
use crate::bank::{Bank, Question, Role};
use crate::engine::adaptive::{Adaptive, Next};

pub use order::{Order, question_order};
#[cfg(test)]
pub use scripted::ScriptedPrompter;

/// Asks the student one question at a time.
pub trait Prompter {
    /// Ask one question; `prompt.previous` is the earlier answer to
    /// pre-select (when going back).
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Step, PromptError>;

    /// Adaptive mode only: the result can no longer change. Tell the
    /// student and ask whether to see it now or keep answering.
    fn settled(&mut self, notice: &Settled<'_>) -> Result<AfterSettled, PromptError>;
}

/// What adaptive mode tells the student when their result is settled.
#[derive(Debug, Clone, Copy)]
pub struct Settled<'a> {
    /// How many questions have been asked.
    pub asked: usize,
    /// How many the bank has.
    pub total: usize,
    /// The recommendation, which no further answer can change.
    pub role: &'a Role,
}

/// The student's choice once their result is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSettled {
    /// Stop and show the result.
    Finish,
    /// Go on with the remaining questions (the result will not change).
    KeepAnswering,
    /// Go back to the last question.
    Back,
    /// Stop and keep the answers so far.
    Quit,
}

/// One question as it is to be shown.
#[derive(Debug, Clone, Copy)]
pub struct Prompt<'a> {
    pub question: &'a Question,
    /// 1-based place in the quiz ("question 3 of 12").
    pub position: usize,
    pub total: usize,
    /// Adaptive mode: `total` is how many questions there are at most, not
    /// how many will be asked, so progress is not shown as "7 of 26".
    pub adaptive: bool,
    /// The display order: option indices for choice and multi questions,
    /// scale point indices (in scale order) for likert ones, empty for
    /// number questions. See [`Order::options`].
    pub options: &'a [usize],
    /// The answer given earlier, when the student came back to the question.
    pub previous: Option<&'a Answer>,
}

impl Prompt<'_> {
    /// The entries of a list question in display order, bank text escaped
    /// (see [`crate::visible`]); none for a number question.
    pub fn entries(&self) -> Vec<String> {
        use crate::bank::QuestionKind;
        use crate::visible::visible;
        match &self.question.kind {
            QuestionKind::Likert { scale, .. } => scale
                .points
                .iter()
                .map(|p| visible(&p.label).into_owned())
                .collect(),
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => self
                .options
                .iter()
                .map(|&o| visible(&options[o].text).into_owned())
                .collect(),
            QuestionKind::Number { .. } => Vec::new(),
        }
    }
}

/// What the student did with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Answered it. Multi answers may list their options in any order; the
    /// quiz sorts them.
    Answer(Answer),
    /// Chose not to answer it (any earlier answer is cleared).
    Skip,
    /// Went back to the previous question.
    Back,
    /// Ctrl-C / interrupt: stop and keep the answers so far.
    Quit,
}

/// Why a question could not be asked, or its answer could not be kept.
/// After any of these the quiz's answers and position are as they were
/// before the question was asked, so they can still be saved.
#[derive(Debug, Error)]
pub enum PromptError {
    #[error("cannot ask the question: the terminal failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot ask the question: {0}")]
    Terminal(String),
    #[error("the answer to question `{question}` does not fit it: {message}")]
    InvalidAnswer { question: String, message: String },
    /// The plain prompter's input ended (a piped file of answers ran out).
    #[error("the typed answers ended before the quiz did")]
    InputEnded,
    #[error("the scripted answers ran out at question `{question}`; add a step for it")]
    ScriptEnded { question: String },
}

/// How a [`Quiz::run`] ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every question was answered or skipped.
    Finished(AnswerSet),
    /// The student quit; `at` is the 0-based position (in [`Order::questions`])
    /// of the question that was showing. The answers so far are in
    /// [`Quiz::answers`].
    Stopped { at: usize },
}

/// One student's pass through a bank.
#[derive(Debug, Clone)]
pub struct Quiz<'b> {
    bank: &'b Bank,
    order: Order,
    seed: Option<u64>,
    answers: AnswerSet,
    /// Indexed by bank question index.
    skipped: Vec<bool>,
    /// Bank question indices in the order they are asked: the whole order
    /// up front, or in adaptive mode one more each time the student reaches
    /// the end of it.
    sequence: Vec<usize>,
    /// 0-based position in `sequence` of the next question to ask.
    position: usize,
    adaptive: Option<AdaptiveState<'b>>,
    finished: bool,
}

#[derive(Debug, Clone)]
struct AdaptiveState<'b> {
    chooser: Adaptive<'b>,
    /// The student chose to go on after the result was settled.
    keep_going: bool,
}

impl<'b> Quiz<'b> {
    /// A fresh quiz: nothing answered, starting at the first question.
    /// `seed` shuffles questions and options (see [`question_order`]); `None`
    /// keeps the bank's order.
    pub fn new(bank: &'b Bank, seed: Option<u64>) -> Self {
        let order = question_order(bank, seed);
        Quiz {
            bank,
            sequence: order.questions.clone(),
            order,
            seed,
            answers: AnswerSet::new(bank),
            skipped: vec![false; bank.questions.len()],
            position: 0,
            adaptive: None,
            finished: bank.questions.is_empty(),
        }
    }

    /// A fresh adaptive quiz: each question is the one whose answer can
    /// move the two leading roles apart the most, and the quiz offers to
    /// stop once the result is settled (see [`crate::engine::adaptive`]).
    /// `seed` shuffles options and breaks ties between questions.
    pub fn adaptive(bank: &'b Bank, seed: Option<u64>) -> Self {
        let mut quiz = Quiz::new(bank, seed);
        quiz.adaptive = Some(AdaptiveState {
            chooser: Adaptive::new(bank, &quiz.order.questions),
            keep_going: false,
        });
        quiz.sequence.clear();
        quiz
    }

    /// A quiz stopped earlier, with its saved answers and the bank indices
    /// of the questions the student skipped (indices past the bank's end and
    /// questions that have an answer are ignored). Pass the same `seed` to
    /// get the same order back. It continues at the first question in order
    /// that is neither answered nor skipped; if there is none, [`Quiz::run`]
    /// finishes at once.
    ///
    /// # Panics
    ///
    /// If `answers` was not made for `bank` (a different question count):
    /// answers from [`AnswerSet::new`] or an answers file read against the
    /// same bank always fit.
    pub fn resume(
        bank: &'b Bank,
        seed: Option<u64>,
        answers: AnswerSet,
        skipped: impl IntoIterator<Item = usize>,
    ) -> Self {
        assert_eq!(
            answers.len(),
            bank.questions.len(),
            "the saved answers are for a bank with a different number of questions"
        );
        let mut quiz = Quiz::new(bank, seed);
        for q in skipped {
            if q < quiz.skipped.len() && answers.get(q).is_none() {
                quiz.skipped[q] = true;
            }
        }
        quiz.answers = answers;
        quiz.position = quiz.first_open();
        quiz.finished = quiz.position >= quiz.sequence.len();
        quiz
    }

    /// An adaptive quiz stopped earlier (see [`Quiz::resume`]): `asked` is
    /// the order its questions were asked in, and `keep_going` whether the
    /// student chose to go on after the result was settled. Answers to
    /// questions missing from `asked` are kept, as if asked last.
    pub fn resume_adaptive(
        bank: &'b Bank,
        seed: Option<u64>,
        answers: AnswerSet,
        skipped: impl IntoIterator<Item = usize>,
        asked: impl IntoIterator<Item = usize>,
        keep_going: bool,
    ) -> Self {
        let mut quiz = Quiz::resume(bank, seed, answers, skipped);
        let mut sequence: Vec<usize> = Vec::new();
        let mut seen = vec![false; bank.questions.len()];
        for q in asked {
            if q < seen.len() && !seen[q] {
                seen[q] = true;
                sequence.push(q);
            }
        }
        for (q, &seen) in seen.iter().enumerate() {
            if !seen && (quiz.answers.get(q).is_some() || quiz.skipped[q]) {
                sequence.push(q);
            }
        }
        quiz.adaptive = Some(AdaptiveState {
            chooser: Adaptive::new(bank, &quiz.order.questions),
            keep_going,
        });
        quiz.sequence = sequence;
        quiz.position = quiz.first_open();
        quiz.finished = false;
        quiz
    }

    /// The first place in the sequence whose question is neither answered
    /// nor skipped, or the sequence's end.
    fn first_open(&self) -> usize {
        self.sequence
            .iter()
            .position(|&q| self.answers.get(q).is_none() && !self.skipped[q])
            .unwrap_or(self.sequence.len())
    }

    /// Asks questions from the current position until the last one is
    /// answered or skipped ([`Outcome::Finished`]) or the student quits
    /// ([`Outcome::Stopped`]). An error from the prompter, or an answer that
    /// does not fit its question, stops the run with that error and leaves
    /// the answers and position as they were; `run` may be called again.
    pub fn run(&mut self, prompter: &mut dyn Prompter) -> Result<Outcome, PromptError> {
        loop {
            if let Some(outcome) = self.step(prompter)? {
                return Ok(outcome);
            }
        }
    }

    /// Asks the current question once and applies what the student did;
    /// `Some` when the quiz is over. Lets a caller save after every answer.
    pub fn step(&mut self, prompter: &mut dyn Prompter) -> Result<Option<Outcome>, PromptError> {
        if self.finished {
            return Ok(Some(Outcome::Finished(self.answers.clone())));
        }
        if self.position >= self.sequence.len() {
            match self.next_adaptive() {
                None | Some(Next::Done) => return Ok(Some(self.finish())),
                Some(Next::Ask(q)) => self.sequence.push(q),
                Some(Next::Settled { role }) => {
                    let notice = Settled {
                        asked: self.sequence.len(),
                        total: self.total(),
                        role: &self.bank.roles[role],
                    };
                    match prompter.settled(&notice)? {
                        AfterSettled::Finish => return Ok(Some(self.finish())),
                        AfterSettled::KeepAnswering => {
                            if let Some(state) = &mut self.adaptive {
                                state.keep_going = true;
                            }
                        }
                        AfterSettled::Back => self.position = self.position.saturating_sub(1),
                        AfterSettled::Quit => {
                            return Ok(Some(Outcome::Stopped { at: self.position }));
                        }
                    }
                    return Ok(None);
                }
            }
        }
        let q = self.sequence[self.position];
        let question = &self.bank.questions[q];
        let prompt = Prompt {
            question,
            position: self.position + 1,
            total: self.total(),
            adaptive: self.adaptive.is_some(),
            options: &self.order.options[q],
            previous: self.answers.get(q),
        };
        match prompter.ask(&prompt)? {
            Step::Answer(answer) => {
                let answer =
                    answer
                        .check(question)
                        .map_err(|message| PromptError::InvalidAnswer {
                            question: question.id.clone(),
                            message,
                        })?;
                self.answers.set(q, Some(answer));
                self.skipped[q] = false;
                self.position += 1;
            }
            Step::Skip => {
                self.answers.set(q, None);
                self.skipped[q] = true;
                self.position += 1;
            }
            // On the first question this asks it again.
            Step::Back => self.position = self.position.saturating_sub(1),
            Step::Quit => return Ok(Some(Outcome::Stopped { at: self.position })),
        }
        // A fixed quiz ends with its last question; an adaptive one decides
        // at the next step.
        if self.adaptive.is_none() && self.position >= self.sequence.len() {
            return Ok(Some(self.finish()));
        }
        Ok(None)
    }

    fn finish(&mut self) -> Outcome {
        self.finished = true;
        Outcome::Finished(self.answers.clone())
    }

    /// In adaptive mode, what comes after the questions asked so far.
    fn next_adaptive(&self) -> Option<Next> {
        let state = self.adaptive.as_ref()?;
        let mut asked = vec![false; self.bank.questions.len()];
        for &q in &self.sequence {
            asked[q] = true;
        }
        Some(state.chooser.next(&self.answers, &asked, state.keep_going))
    }

    /// Whether this quiz chooses its questions adaptively.
    pub fn is_adaptive(&self) -> bool {
        self.adaptive.is_some()
    }

    /// Adaptive mode: whether the student chose to go on after the result
    /// was settled.
    pub fn keeps_going(&self) -> bool {
        self.adaptive.as_ref().is_some_and(|s| s.keep_going)
    }

    /// Bank question indices in the order asked so far (in a fixed quiz,
    /// the whole order).
    pub fn sequence(&self) -> &[usize] {
        &self.sequence
    }

    /// Adaptive mode: after how many asked questions the result was first
    /// settled, with the answers as they are now.
    pub fn settled_after(&self) -> Option<usize> {
        let state = self.adaptive.as_ref()?;
        crate::engine::adaptive::settled_after(&state.chooser, &self.answers, &self.sequence)
    }

    pub fn bank(&self) -> &'b Bank {
        self.bank
    }

    /// The answers so far, indexed by bank question.
    pub fn answers(&self) -> &AnswerSet {
        &self.answers
    }

    pub fn seed(&self) -> Option<u64> {
        self.seed
    }

    pub fn order(&self) -> &Order {
        &self.order
    }

    /// The 0-based position (in [`Quiz::sequence`]) of the next question
    /// to ask; equal to [`Quiz::total`] once every question of a fixed quiz
    /// is done.
    pub fn position(&self) -> usize {
        self.position
    }

    /// How many questions the quiz asks at most: every question in the bank.
    pub fn total(&self) -> usize {
        self.order.len()
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Whether the student skipped bank question `question`.
    pub fn is_skipped(&self, question: usize) -> bool {
        self.skipped.get(question).copied().unwrap_or(false)
    }

    /// Bank indices of the skipped questions, in bank order.
    pub fn skipped(&self) -> impl Iterator<Item = usize> + '_ {
        self.skipped
            .iter()
            .enumerate()
            .filter_map(|(q, &s)| s.then_some(q))
    }
}

#[cfg(test)]
mod tests;
