//! The analysis behind `pathfit inspect`, for bank authors. It answers what
//! `validate` cannot: can every role actually be recommended, by how much at best,
//! which questions decide the result, how long the quiz takes, and what a
//! crowd of random respondents gets (a bank where one role wins almost
//! everyone is suspicious).

use serde::Serialize;

use super::budget::{Budget, CROWD_WORK, DECISIVE_WORK, REACH_WORK};
use super::space::{LONG_SCALE, Space};
use crate::answers::{Answer, AnswerSet};
use crate::bank::{Bank, QuestionKind, Verdict};
use crate::engine::Scorer;
use crate::engine::adaptive::Tally;

mod crowd;
mod reach;

/// A role winning at least this share of random respondents is suspicious.
const DOMINANT: f64 = 0.95;
/// Passes of the local search before it stops anyway.
const MAX_PASSES: usize = 12;

#[derive(Debug, Serialize)]
pub struct Inspection {
    pub bank: String,
    pub version: u32,
    pub questions: usize,
    pub kinds: Vec<(String, usize)>,
    pub per_dimension: Vec<(String, usize)>,
    pub seconds: u64,
    pub method: String,
    pub roles: Vec<Reach>,
    /// The two roles the question ranking compares.
    pub compared: (String, String),
    pub decisive: Vec<Swing>,
    /// Only when the work budget ran out: how many questions were left out
    /// of `decisive`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisive_left_out: Option<usize>,
    pub synthetic: Synthetic,
    /// The work each part did, against [`Limits`].
    #[serde(skip)]
    pub spent: Limits,
}

#[derive(Debug, Serialize)]
pub struct Reach {
    pub role: String,
    /// Some answer set makes it the recommendation.
    pub reachable: bool,
    /// Its best lead over the best other role (negative: never ahead).
    pub best_margin: f64,
    pub verdict: Option<Verdict>,
    /// Only when true: the search stopped at its work budget, so a better
    /// lead (or, for a role not reached, a win) may exist.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cut_short: bool,
}

#[derive(Debug, Serialize)]
pub struct Swing {
    pub question: String,
    pub text: String,
    /// How far this one answer can move the gap between the compared roles.
    pub swing: f64,
}

#[derive(Debug, Serialize)]
pub struct Synthetic {
    pub respondents: usize,
    pub seed: u64,
    /// Role id -> how many random respondents it was recommended to.
    pub wins: Vec<(String, usize)>,
    pub verdicts: Vec<(Verdict, usize)>,
    pub warnings: Vec<String>,
    /// The same respondents replayed through adaptive mode.
    pub adaptive: AdaptiveStats,
}

/// How adaptive mode did on the random respondents.
#[derive(Debug, Serialize)]
pub struct AdaptiveStats {
    /// Respondents replayed (those whose full answers score).
    pub respondents: usize,
    /// Questions asked on average, and the fewest and most.
    pub average_asked: f64,
    pub fewest_asked: usize,
    pub most_asked: usize,
    /// Respondents whose adaptive result named the same role as answering
    /// everything; anything short of all of them is a bug.
    pub agree: usize,
    /// How many stopped before the last question.
    pub stopped_early: usize,
    /// Only when the work budget ran out: respondents whose replay stopped
    /// comparing questions part way (and asked the rest in order).
    #[serde(skip_serializing_if = "is_zero")]
    pub cut_short: usize,
    /// Only when the work budget ran out: scored respondents not replayed.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_replayed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

const METHOD: &str = "local search: starting from no answers and from neutral answers, change one answer at a time (every scale point, option, option set, a spread of numbers, or a skip) while the role's lead over the best other role grows";

/// A middle-of-the-road respondent: the middle of every scale and range,
/// nothing picked from lists.
fn neutral(bank: &Bank) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    for (q, question) in bank.questions.iter().enumerate() {
        let answer = match &question.kind {
            QuestionKind::Likert { scale, .. } => {
                let mut values: Vec<f64> = scale.points.iter().map(|p| p.value).collect();
                values.sort_by(f64::total_cmp);
                Some(Answer::Scale(values[(values.len() - 1) / 2]))
            }
            QuestionKind::Number { min, max, .. } => Some(Answer::Number((min + max) / 2.0)),
            _ => None,
        };
        answers.set(q, answer);
    }
    answers
}

/// The role's lead over the best other role, or -inf when nothing scores.
fn lead(scorer: &Scorer<'_>, answers: &AnswerSet, role: usize) -> f64 {
    match scorer.score_without_reasons(answers) {
        Ok(result) => {
            let own = result.fit_of(role);
            let other = result
                .fits
                .iter()
                .filter(|f| f.role != role)
                .map(|f| f.fit)
                .fold(f64::NEG_INFINITY, f64::max);
            own - other
        }
        Err(_) => f64::NEG_INFINITY,
    }
}

/// [`lead`] from a tally: the same number up to rounding, at the cost of
/// one comparison of every role instead of a re-scoring.
fn tally_lead(bank: &Bank, tally: &Tally, role: usize) -> f64 {
    let Some(fits) = tally.fits(bank) else {
        return f64::NEG_INFINITY;
    };
    let other = (0..fits.len())
        .filter(|&r| r != role)
        .map(|r| fits[r])
        .fold(f64::NEG_INFINITY, f64::max);
    fits[role] - other
}

/// The work budgets of one inspection.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// All roles' best-lead searches together.
    pub reach: u64,
    /// The ranking of the decisive questions.
    pub decisive: u64,
    /// The random respondents' adaptive replays together.
    pub crowd: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            reach: REACH_WORK,
            decisive: DECISIVE_WORK,
            crowd: CROWD_WORK,
        }
    }
}

pub fn inspect(bank: &Bank, respondents: usize, seed: u64) -> Inspection {
    inspect_within(bank, respondents, seed, Limits::default())
}

/// [`inspect`] within `limits`.
pub fn inspect_within(bank: &Bank, respondents: usize, seed: u64, limits: Limits) -> Inspection {
    let scorer = Scorer::new(bank);
    let spaces: Vec<Space<'_>> = bank.questions.iter().map(|q| Space::of(&q.kind)).collect();

    let mut kinds: Vec<(String, usize)> = Vec::new();
    for kind in ["likert", "choice", "multi", "number"] {
        let n = bank
            .questions
            .iter()
            .filter(|q| q.kind.name() == kind)
            .count();
        if n > 0 {
            kinds.push((kind.to_string(), n));
        }
    }
    let mut per_dimension = vec![0usize; bank.dimensions.len()];
    for q in &bank.questions {
        for d in q.moves() {
            per_dimension[d] += 1;
        }
    }

    // Each role's two searches share the budget evenly.
    let reach_budget = Budget::new(limits.reach);
    let share = limits.reach / (2 * bank.roles.len() as u64).max(1);
    let roles = (0..bank.roles.len())
        .map(|role| {
            let from_nothing = reach_budget.part(share);
            let from_neutral = reach_budget.part(share);
            let best =
                reach::best_lead(&scorer, &spaces, AnswerSet::new(bank), role, &from_nothing).max(
                    reach::best_lead(&scorer, &spaces, neutral(bank), role, &from_neutral),
                );
            reach_budget.absorb(&from_nothing);
            reach_budget.absorb(&from_neutral);
            let verdict = (best > 1e-9).then(|| bank.thresholds.verdict(best, false));
            Reach {
                role: bank.roles[role].id.clone(),
                reachable: best > 1e-9,
                best_margin: best,
                verdict,
                cut_short: from_nothing.cut() || from_neutral.cut(),
            }
        })
        .collect();

    // The question ranking compares the two roles a neutral respondent
    // fits best: that is where a single answer tips the balance.
    let base = neutral(bank);
    let (a, b) = match scorer.score_without_reasons(&base) {
        Ok(result) => (result.fits[0].role, result.fits[1].role),
        Err(_) => (0, 1),
    };
    let decisive_budget = Budget::new(limits.decisive);
    let (mut decisive, left_out) =
        reach::decisive(&scorer, &spaces, &base, (a, b), &decisive_budget);
    decisive.sort_by(|x, y| y.swing.total_cmp(&x.swing));

    let crowd_budget = Budget::new(limits.crowd);
    let mut method = METHOD.to_string();
    if spaces.iter().any(|s| s.long_scale().is_some()) {
        method.push_str(&format!(
            "; on a scale of more than {LONG_SCALE} points, {LONG_SCALE} points spread along it and then ever closer points around the best"
        ));
    }
    Inspection {
        bank: bank.id.clone(),
        version: bank.version,
        questions: bank.questions.len(),
        kinds,
        per_dimension: bank
            .dimensions
            .iter()
            .zip(per_dimension)
            .map(|(d, n)| (d.id.clone(), n))
            .collect(),
        seconds: bank.estimated_seconds(&(0..bank.questions.len()).collect::<Vec<_>>()),
        method,
        roles,
        compared: (bank.roles[a].id.clone(), bank.roles[b].id.clone()),
        decisive,
        decisive_left_out: (left_out > 0).then_some(left_out),
        synthetic: crowd::synthetic(bank, &scorer, &spaces, respondents, seed, &crowd_budget),
        spent: Limits {
            reach: reach_budget.spent(),
            decisive: decisive_budget.spent(),
            crowd: crowd_budget.spent(),
        },
    }
}

#[cfg(test)]
mod tests;
