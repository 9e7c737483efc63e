//! The analysis behind `pathfit inspect`, for bank authors. It answers what
//! `validate` cannot: can every role actually be recommended, by how much at best,
//! which questions decide the result, how long the quiz takes, and what a
//! crowd of random respondents gets (a bank where one role wins almost
//! everyone is suspicious).

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use serde::Serialize;

use super::adaptive::{Adaptive, replay};
use crate::answers::{Answer, AnswerSet, candidates};
use crate::bank::{Bank, QuestionKind, Verdict, VerdictCounts};
use crate::engine::Scorer;
use crate::engine::draw::below;

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
    pub method: &'static str,
    pub roles: Vec<Reach>,
    /// The two roles the question ranking compares.
    pub compared: (String, String),
    pub decisive: Vec<Swing>,
    pub synthetic: Synthetic,
}

#[derive(Debug, Serialize)]
pub struct Reach {
    pub role: String,
    /// Some answer set makes it the recommendation.
    pub reachable: bool,
    /// Its best lead over the best other role (negative: never ahead).
    pub best_margin: f64,
    pub verdict: Option<Verdict>,
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

fn best_lead(
    scorer: &Scorer<'_>,
    cands: &[Vec<Option<Answer>>],
    start: AnswerSet,
    role: usize,
) -> f64 {
    let mut answers = start;
    let mut best = lead(scorer, &answers, role);
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for (q, options) in cands.iter().enumerate() {
            let kept = answers.get(q).cloned();
            let mut choice = kept.clone();
            for candidate in options {
                answers.set(q, candidate.clone());
                let value = lead(scorer, &answers, role);
                if value > best + 1e-12 {
                    best = value;
                    choice = candidate.clone();
                    improved = true;
                }
            }
            answers.set(q, choice);
        }
        if !improved {
            break;
        }
    }
    best
}

pub fn inspect(bank: &Bank, respondents: usize, seed: u64) -> Inspection {
    let scorer = Scorer::new(bank);
    let cands: Vec<Vec<Option<Answer>>> =
        bank.questions.iter().map(|q| candidates(&q.kind)).collect();

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

    let roles = (0..bank.roles.len())
        .map(|role| {
            let best = best_lead(&scorer, &cands, AnswerSet::new(bank), role).max(best_lead(
                &scorer,
                &cands,
                neutral(bank),
                role,
            ));
            let verdict = (best > 1e-9).then(|| bank.thresholds.verdict(best, false));
            Reach {
                role: bank.roles[role].id.clone(),
                reachable: best > 1e-9,
                best_margin: best,
                verdict,
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
    let gap = |answers: &AnswerSet| {
        scorer
            .score_without_reasons(answers)
            .ok()
            .map(|r| r.fit_of(a) - r.fit_of(b))
    };
    let mut decisive: Vec<Swing> = (0..bank.questions.len())
        .map(|q| {
            let mut answers = base.clone();
            let gaps: Vec<f64> = cands[q]
                .iter()
                .filter_map(|c| {
                    answers.set(q, c.clone());
                    gap(&answers)
                })
                .collect();
            let swing = gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - gaps.iter().copied().fold(f64::INFINITY, f64::min);
            Swing {
                question: bank.questions[q].id.clone(),
                text: bank.questions[q].text.clone(),
                swing: if swing.is_finite() { swing } else { 0.0 },
            }
        })
        .collect();
    decisive.sort_by(|x, y| y.swing.total_cmp(&x.swing));

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
        method: METHOD,
        roles,
        compared: (bank.roles[a].id.clone(), bank.roles[b].id.clone()),
        decisive,
        synthetic: synthetic(bank, &scorer, &cands, respondents, seed),
    }
}

/// Scores `n` respondents who answer every question at random.
fn synthetic(
    bank: &Bank,
    scorer: &Scorer<'_>,
    cands: &[Vec<Option<Answer>>],
    n: usize,
    seed: u64,
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
    };
    let mut asked_total = 0usize;
    for _ in 0..n {
        let mut answers = AnswerSet::new(bank);
        for (q, options) in cands.iter().enumerate() {
            // Index 0 is the skip: random respondents answer everything.
            let pick = 1 + below(&mut rng, options.len() as u64 - 1) as usize;
            answers.set(q, options[pick].clone());
        }
        if let Ok(result) = scorer.score_without_reasons(&answers) {
            scored += 1;
            let replay = replay(&chooser, &answers);
            adaptive.respondents += 1;
            asked_total += replay.asked.len();
            adaptive.fewest_asked = adaptive.fewest_asked.min(replay.asked.len());
            adaptive.most_asked = adaptive.most_asked.max(replay.asked.len());
            adaptive.stopped_early += usize::from(replay.asked.len() < bank.questions.len());
            if let Ok(early) = scorer.score_without_reasons(&replay.answers)
                && early.recommendation.role == result.recommendation.role
            {
                adaptive.agree += 1;
            }
            wins[result.recommendation.role] += 1;
            verdicts.add(result.recommendation.verdict);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled::{self, BUNDLED};
    use crate::diag::Code;
    use crate::input::source::SourceFile;

    #[test]
    fn every_bundled_role_is_reachable_with_a_clear_margin() {
        for b in BUNDLED {
            let bank = b.load().unwrap();
            let report = inspect(&bank, 200, 1);
            for reach in &report.roles {
                assert!(reach.reachable, "{}: {} unreachable", b.id, reach.role);
                assert_eq!(reach.verdict, Some(Verdict::Clear), "{}: {:?}", b.id, reach);
            }
            assert!(
                report.synthetic.warnings.is_empty(),
                "{:?}",
                report.synthetic.warnings
            );
        }
    }

    #[test]
    fn adaptive_mode_agrees_with_the_full_quiz_for_a_thousand_respondents() {
        for b in BUNDLED {
            let bank = b.load().unwrap();
            let report = inspect(&bank, 1000, 42);
            let a = &report.synthetic.adaptive;
            assert_eq!(a.respondents, 1000, "{}", b.id);
            assert_eq!(a.agree, a.respondents, "{}: {a:?}", b.id);
            assert!(a.stopped_early > 0, "{}: {a:?}", b.id);
            assert!(
                a.average_asked < bank.questions.len() as f64,
                "{}: {a:?}",
                b.id
            );
            assert!(a.fewest_asked <= a.most_asked && a.most_asked <= bank.questions.len());
        }
    }

    /// `a` is measured by one either/or choice, so its score is 0 or 1 and
    /// never the 0.5 that `r3` needs; on `b` all roles agree. `r3` loses to
    /// `r1` or `r2` whatever the answers, though its profile differs from
    /// both (so no lint can tell).
    const UNREACHABLE: &str = r#"
id: u
title: U
version: 1
dimensions:
  - { id: a, name: A, low: l, high: h }
  - { id: b, name: B, low: l, high: h }
roles:
  - { id: r1, name: R1, summary: s, profile: { a: 1, b: 0.5 } }
  - { id: r2, name: R2, summary: s, profile: { a: 0, b: 0.5 } }
  - { id: r3, name: R3, summary: s, profile: { a: 0.5, b: 0.5 } }
questions:
  - id: q1
    kind: choice
    text: One.
    options:
      - { id: x, text: X, scores: { a: 1 } }
      - { id: y, text: Y, scores: { a: 0 } }
  - { id: q2, kind: likert, text: Two., dimension: b }
"#;

    #[test]
    fn an_unreachable_role_is_flagged_and_the_search_matches_brute_force() {
        let bank = crate::bank::load(SourceFile::new("u.yaml", UNREACHABLE)).unwrap();
        let report = inspect(&bank, 100, 1);
        let scorer = Scorer::new(&bank);
        let cands: Vec<Vec<Option<Answer>>> =
            bank.questions.iter().map(|q| candidates(&q.kind)).collect();
        for role in 0..3 {
            let mut best = f64::NEG_INFINITY;
            for first in &cands[0] {
                for second in &cands[1] {
                    let mut answers = AnswerSet::new(&bank);
                    answers.set(0, first.clone());
                    answers.set(1, second.clone());
                    best = best.max(lead(&scorer, &answers, role));
                }
            }
            let found = &report.roles[role];
            assert!(
                (found.best_margin - best).abs() < 1e-9,
                "{found:?} vs brute force {best}"
            );
        }
        let r3 = &report.roles[2];
        assert!(!r3.reachable && r3.verdict.is_none(), "{r3:?}");
        assert!(report.roles[0].reachable && report.roles[1].reachable);
        // The lints see nothing wrong: only the search can tell.
        assert!(
            crate::bank::lint::lint(&bank)
                .iter()
                .all(|p| p.code != Code::UnreachableRole)
        );
    }

    #[test]
    fn the_decisive_questions_are_ranked_by_swing() {
        let bank = bundled::find("healthcare").unwrap().load().unwrap();
        let report = inspect(&bank, 10, 1);
        assert_eq!(report.decisive.len(), bank.questions.len());
        assert!(report.decisive.windows(2).all(|w| w[0].swing >= w[1].swing));
        assert!(report.decisive[0].swing > 0.0);
        let mut pair = [report.compared.0.as_str(), report.compared.1.as_str()];
        pair.sort();
        assert_eq!(pair, ["clinician", "technician"]);
    }

    #[test]
    fn a_role_that_wins_almost_everyone_is_called_suspicious() {
        // Eight random agree/disagree answers per dimension average out near
        // the middle, where `center` sits; the corners almost never win.
        let mut text = String::from(
            "id: s\ntitle: S\nversion: 1\ndimensions:\n  - { id: a, name: A, low: l, high: h }\n  - { id: b, name: B, low: l, high: h }\nroles:\n  - { id: center, name: C, summary: s, profile: { a: 0.5, b: 0.5 } }\n  - { id: low, name: L, summary: s, profile: { a: 0, b: 0 } }\n  - { id: high, name: H, summary: s, profile: { a: 1, b: 1 } }\nquestions:\n",
        );
        for i in 0..16 {
            let d = if i % 2 == 0 { "a" } else { "b" };
            text.push_str(&format!(
                "  - {{ id: q{i}, kind: likert, text: Q{i}., dimension: {d} }}\n"
            ));
        }
        let bank = crate::bank::load(SourceFile::new("s.yaml", text)).unwrap();
        let report = inspect(&bank, 500, 7);
        assert_eq!(report.synthetic.respondents, 500);
        assert!(
            report
                .synthetic
                .warnings
                .iter()
                .any(|w| w.contains("`center` is recommended to")),
            "{:?}",
            report.synthetic
        );
        // The same seed gives the same crowd.
        let again = inspect(&bank, 500, 7);
        assert_eq!(again.synthetic.wins, report.synthetic.wins);
    }
}
