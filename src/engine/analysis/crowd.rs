//! `inspect`'s crowd: random respondents who answer every question, scored
//! and replayed through adaptive mode. Each replay has its own budget
//! ([`REPLAY_WORK`]), and all of them together share one (by default
//! [`crate::engine::budget::CROWD_WORK`]): once that is spent the remaining
//! respondents are still scored but no longer replayed.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::{AdaptiveStats, DOMINANT, Synthetic};
use crate::answers::AnswerSet;
use crate::bank::{Bank, VerdictCounts};
use crate::engine::Scorer;
use crate::engine::adaptive::{Adaptive, replay_within};
use crate::engine::budget::{Budget, REPLAY_WORK};
use crate::engine::draw::below;
use crate::engine::space::Space;

/// Scores `n` respondents who answer every question at random.
pub fn synthetic(
    bank: &Bank,
    scorer: &Scorer<'_>,
    spaces: &[Space<'_>],
    n: usize,
    seed: u64,
    crowd: &Budget,
) -> Synthetic {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut wins = vec![0usize; bank.roles.len()];
    let mut verdicts = VerdictCounts::default();
    let mut scored = 0;
    let tie_order: Vec<usize> = (0..bank.questions.len()).collect();
    let chooser = Adaptive::new(bank, &tie_order);
    let mut adaptive = AdaptiveStats {
        respondents: 0,
        average_asked: 0.0,
        fewest_asked: usize::MAX,
        most_asked: 0,
        agree: 0,
        stopped_early: 0,
        cut_short: 0,
        not_replayed: 0,
    };
    let mut asked_total = 0usize;
    let mut spent = false;
    for _ in 0..n {
        let mut answers = AnswerSet::new(bank);
        for (q, space) in spaces.iter().enumerate() {
            // Index 0 is the skip: random respondents answer everything.
            let pick = 1 + below(&mut rng, space.len() as u64 - 1) as usize;
            answers.set(q, space.get(pick));
        }
        if let Ok(result) = scorer.score_without_reasons(&answers) {
            scored += 1;
            wins[result.recommendation.role] += 1;
            verdicts.add(result.recommendation.verdict);
            if spent {
                adaptive.not_replayed += 1;
                continue;
            }
            let budget = crowd.part(REPLAY_WORK);
            let replay = replay_within(&chooser, &answers, &budget);
            crowd.absorb(&budget);
            // Cut for want of what was left of the crowd's budget: no
            // replay after this one could get further.
            spent = budget.cut() && budget.limit() < REPLAY_WORK;
            adaptive.respondents += 1;
            adaptive.cut_short += usize::from(replay.cut_after.is_some());
            asked_total += replay.asked.len();
            adaptive.fewest_asked = adaptive.fewest_asked.min(replay.asked.len());
            adaptive.most_asked = adaptive.most_asked.max(replay.asked.len());
            adaptive.stopped_early += usize::from(replay.asked.len() < bank.questions.len());
            if let Ok(early) = scorer.score_without_reasons(&replay.answers)
                && early.recommendation.role == result.recommendation.role
            {
                adaptive.agree += 1;
            }
        }
    }
    if adaptive.respondents > 0 {
        adaptive.average_asked = asked_total as f64 / adaptive.respondents as f64;
    } else {
        adaptive.fewest_asked = 0;
    }
    let mut warnings = Vec::new();
    if adaptive.agree < adaptive.respondents {
        warnings.push(format!(
            "adaptive mode disagreed with the full quiz for {} of {} respondents: please report this as a bug",
            adaptive.respondents - adaptive.agree,
            adaptive.respondents
        ));
    }
    for (role, &count) in wins.iter().enumerate() {
        let name = &bank.roles[role].id;
        if scored > 0 && count as f64 >= DOMINANT * scored as f64 {
            warnings.push(format!(
                "`{name}` is recommended to {:.0}% of random respondents: the questions or profiles lean towards it whatever the answers",
                100.0 * count as f64 / scored as f64
            ));
        } else if scored >= 100 && count == 0 {
            warnings.push(format!(
                "`{name}` is never recommended to {scored} random respondents: check that its profile is reachable by ordinary answers"
            ));
        }
    }
    Synthetic {
        respondents: scored,
        seed,
        wins: bank.roles.iter().map(|r| r.id.clone()).zip(wins).collect(),
        verdicts: verdicts.iter().collect(),
        warnings,
        adaptive,
    }
}
