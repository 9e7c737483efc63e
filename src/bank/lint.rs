//! Lints: things that load fine but make a bank give weaker or misleading
//! advice. Each is a warning with a stable code (documented in
//! docs/bank-format.md); `pathfit validate --strict` fails on them.

use std::collections::HashMap;

use super::model::{Bank, Keyed, QuestionKind};
use crate::diag::{Code, Problem, path};

/// A dimension measured by fewer questions than this is warned about.
pub const MIN_QUESTIONS: usize = 3;

/// Every lint's code, for documentation and tests.
pub const CODES: [Code; 8] = [
    Code::FewQuestions,
    Code::UnbalancedDimensions,
    Code::OneWayKeying,
    Code::ZeroOption,
    Code::DuplicateText,
    Code::SimilarRoles,
    Code::UnreachableRole,
    Code::InertQuestion,
];

pub fn lint(bank: &Bank) -> Vec<Problem> {
    let mut found = Vec::new();
    let moves: Vec<Vec<usize>> = bank.questions.iter().map(|q| q.moves()).collect();
    let dim_at = |d: usize| path::key(&path::index("dimensions", d), "id");
    let question_at = |q: usize| path::key(&path::index("questions", q), "id");

    // How many questions measure each dimension.
    let mut counts = vec![0usize; bank.dimensions.len()];
    for dims in &moves {
        for &d in dims {
            counts[d] += 1;
        }
    }
    for (d, &count) in counts.iter().enumerate() {
        if count < MIN_QUESTIONS {
            found.push(
                Problem::new(
                    Code::FewQuestions,
                    dim_at(d),
                    format!(
                        "the dimension `{}` is measured by {count} question{}; one odd answer can swing it",
                        bank.dimensions[d].id,
                        if count == 1 { "" } else { "s" }
                    ),
                )
                .hint(format!("give every dimension at least {MIN_QUESTIONS} questions"))
                .warning(),
            );
        }
    }
    if let (Some(most), Some(fewest)) = (
        (0..counts.len()).max_by_key(|&d| (counts[d], std::cmp::Reverse(d))),
        (0..counts.len()).min_by_key(|&d| (counts[d], d)),
    ) && counts[fewest] > 0
        && counts[most] > 2 * counts[fewest]
    {
        found.push(
            Problem::new(
                Code::UnbalancedDimensions,
                dim_at(fewest),
                format!(
                    "`{}` is measured by {} questions but `{}` by {}: the better-measured dimension is steadier, not more important, yet students will read it that way",
                    bank.dimensions[fewest].id, counts[fewest], bank.dimensions[most].id, counts[most]
                ),
            )
            .hint("balance the question counts within a factor of two, or use dimension `weight` for importance")
            .warning(),
        );
    }

    // Acquiescence: a dimension whose likert items are all keyed one way
    // rewards students who agree with everything.
    let mut keyings: HashMap<usize, (usize, usize)> = HashMap::new();
    for q in &bank.questions {
        if let QuestionKind::Likert {
            dimension, keyed, ..
        } = q.kind
        {
            let entry = keyings.entry(dimension).or_default();
            match keyed {
                Keyed::Plus => entry.0 += 1,
                Keyed::Minus => entry.1 += 1,
            }
        }
    }
    let mut one_way: Vec<(usize, usize, &str)> = keyings
        .into_iter()
        .filter(|(_, (plus, minus))| plus + minus >= 2 && (*plus == 0 || *minus == 0))
        .map(|(d, (plus, minus))| (d, plus + minus, if plus > 0 { "plus" } else { "minus" }))
        .collect();
    one_way.sort_unstable();
    for (d, count, way) in one_way {
        found.push(
            Problem::new(
                Code::OneWayKeying,
                dim_at(d),
                format!(
                    "all {count} agree/disagree items on `{}` are keyed {way}: a student who agrees with everything scores at one end",
                    bank.dimensions[d].id
                ),
            )
            .hint("reword at least one item so that agreeing means the other end, and mark it `keyed: minus`")
            .warning(),
        );
    }

    for (q, question) in bank.questions.iter().enumerate() {
        for (o, option) in question.kind.options().iter().enumerate() {
            if option.scores.iter().all(|(_, s)| *s == 0.0) {
                found.push(
                    Problem::new(
                        Code::ZeroOption,
                        path::key(
                            &path::index(&path::key(&path::index("questions", q), "options"), o),
                            "id",
                        ),
                        format!("the option `{}` of `{}` scores nothing", option.id, question.id),
                    )
                    .hint("fine for a deliberate \"none of these\"; otherwise give it the scores it stands for")
                    .warning(),
                );
            }
        }
    }

    let mut texts: HashMap<String, usize> = HashMap::new();
    for (q, question) in bank.questions.iter().enumerate() {
        let key = question.text.trim().to_lowercase();
        match texts.get(&key) {
            Some(&first) => found.push(
                Problem::new(
                    Code::DuplicateText,
                    path::key(&path::index("questions", q), "text"),
                    format!(
                        "`{}` asks the same as `{}`",
                        question.id, bank.questions[first].id
                    ),
                )
                .hint("a repeated question counts twice; remove one or reword it")
                .warning(),
            ),
            None => {
                texts.insert(key, q);
            }
        }
    }

    // The best margin answers can give role a over role b is the weighted
    // distance between their profiles: at scores equal to a's targets a fits
    // 100%, and no scores separate them further (triangle inequality).
    let total_weight: f64 = bank.dimensions.iter().map(|d| d.weight).sum();
    let distance = |a: usize, b: usize| {
        let sum: f64 = bank
            .dimensions
            .iter()
            .enumerate()
            .map(|(d, dim)| {
                dim.weight * (bank.roles[a].profile[d] - bank.roles[b].profile[d]).powi(2)
            })
            .sum();
        (sum / total_weight).sqrt()
    };
    for a in 0..bank.roles.len() {
        for b in a + 1..bank.roles.len() {
            let gap = distance(a, b);
            let (ra, rb) = (&bank.roles[a], &bank.roles[b]);
            if gap == 0.0 {
                found.push(
                    Problem::new(
                        Code::UnreachableRole,
                        path::key(&path::index("roles", b), "profile"),
                        format!(
                            "`{}` has the same profile as `{}`: no answers can make either the recommendation over the other",
                            rb.id, ra.id
                        ),
                    )
                    .at_key()
                    .hint("give the two roles different targets on the dimensions that tell them apart")
                    .warning(),
                );
            } else if gap < bank.thresholds.clear {
                found.push(
                    Problem::new(
                        Code::SimilarRoles,
                        path::key(&path::index("roles", b), "profile"),
                        format!(
                            "`{}` and `{}` are so alike that no answers separate them by a clear margin (at most {:.0} points, a clear result needs {:.0})",
                            ra.id,
                            rb.id,
                            gap * 100.0,
                            bank.thresholds.clear * 100.0
                        ),
                    )
                    .at_key()
                    .hint("move their targets apart on the dimensions where they differ, or merge them")
                    .warning(),
                );
            }
        }
    }

    // A question that only moves dimensions on which every role has the same
    // target cannot change which role wins.
    let differs = |d: usize| {
        let first = bank.roles[0].profile[d];
        bank.roles.iter().any(|r| r.profile[d] != first)
    };
    for (q, dims) in moves.iter().enumerate() {
        if !dims.iter().any(|&d| differs(d)) {
            found.push(
                Problem::new(
                    Code::InertQuestion,
                    question_at(q),
                    format!(
                        "`{}` cannot change the result: {}",
                        bank.questions[q].id,
                        if dims.is_empty() {
                            "no answer to it moves any dimension".to_string()
                        } else {
                            "every role has the same target on what it measures".to_string()
                        }
                    ),
                )
                .hint("point it at a dimension on which the roles differ, or remove it")
                .warning(),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{bundled, load};
    use crate::input::source::SourceFile;

    /// Every lint, each triggered on purpose: the bank that the CLI and
    /// snapshot tests validate too.
    const LINTY: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/banks/linty.yaml"
    ));

    fn codes(text: &str) -> Vec<Code> {
        let (bank, found) = load::validate(SourceFile::new("t.yaml", text));
        assert!(bank.is_some(), "{found}");
        found.problems.iter().map(|p| p.code).collect()
    }

    #[test]
    fn every_lint_fires_on_a_bank_built_to_trigger_it() {
        let found = codes(LINTY);
        for code in CODES {
            assert!(found.contains(&code), "{code} did not fire: {found:?}");
        }
    }

    #[test]
    fn lints_point_at_what_they_are_about() {
        let (_, found) = load::validate(SourceFile::new("t.yaml", LINTY));
        let at = |code: Code| {
            let p = found.problems.iter().find(|p| p.code == code).unwrap();
            assert_eq!(p.severity, crate::diag::Severity::Warning);
            (p.path.clone(), p.location.map(|l| l.line))
        };
        assert_eq!(at(Code::FewQuestions).0, "dimensions[1].id");
        assert_eq!(at(Code::UnbalancedDimensions).0, "dimensions[1].id");
        assert_eq!(at(Code::OneWayKeying).0, "dimensions[0].id");
        assert_eq!(
            at(Code::DuplicateText),
            ("questions[3].text".to_string(), Some(18))
        );
        assert_eq!(at(Code::UnreachableRole).0, "roles[2].profile");
        assert_eq!(at(Code::SimilarRoles).0, "roles[1].profile");
        assert_eq!(
            at(Code::InertQuestion),
            ("questions[7].id".to_string(), Some(22))
        );
        assert_eq!(at(Code::ZeroOption).0, "questions[8].options[1].id");
    }

    #[test]
    fn the_bundled_banks_are_lint_free() {
        for b in bundled::BUNDLED {
            let (_, found) = load::validate(SourceFile::new(b.id, b.text));
            assert!(found.problems.is_empty(), "{found}");
        }
    }
}
