//! Hand-computed examples of every figure (the worked example of
//! docs/analyze.md), the one-pass accumulation against a naive two-pass
//! computation, and the accumulator over a real bank.

use proptest::prelude::*;

use super::figures::{Figures, compute};
use super::moments::{MAX_PAIRED_ITEMS, Moments};
use super::*;
use crate::answers::{Answer, AnswerSet};
use crate::bank::{self, Bank};
use crate::engine::Scorer;
use crate::input::source::SourceFile;

/// Five respondents, three items scored 1 to 5: the worked example.
const WORKED: [[f64; 3]; 5] = [
    [1.0, 2.0, 1.0],
    [2.0, 3.0, 2.0],
    [3.0, 3.0, 4.0],
    [4.0, 5.0, 4.0],
    [5.0, 4.0, 5.0],
];

fn moments(rows: &[Vec<f64>], k: usize) -> Moments {
    let mut m = Moments::new(k);
    for row in rows {
        m.add(row);
    }
    m
}

fn close(got: Option<f64>, want: f64) {
    let got = got.unwrap_or_else(|| panic!("expected {want}, got null"));
    assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
}

#[test]
fn the_worked_example_gives_the_hand_computed_figures() {
    let rows: Vec<Vec<f64>> = WORKED.iter().map(|r| r.to_vec()).collect();
    // Three items of 1..5: the total runs from 3 to 15.
    let f = compute(&moments(&rows, 3), 12.0);
    // Variances 2.5, 1.3, 2.7 (sum 6.5); the total's variance 17.3.
    close(f.alpha, 162.0 / 173.0);
    let r = [
        1.5 / (2.5f64 * 1.3).sqrt(),
        2.5 / (2.5f64 * 2.7).sqrt(),
        1.4 / (1.3f64 * 2.7).sqrt(),
    ];
    let mean_r = r.iter().sum::<f64>() / 3.0;
    close(f.mean_r, mean_r);
    close(f.alpha_std, 3.0 * mean_r / (1.0 + 2.0 * mean_r));
    close(
        f.sem,
        17.3f64.sqrt() / 12.0 * (1.0 - 162.0 / 173.0f64).sqrt(),
    );
    close(f.spearman_brown.half, 81.0 / 92.0);
    close(f.spearman_brown.double, 324.0 / 335.0);
    close(f.r_drop[0], 4.0 / 17.0f64.sqrt());
    close(f.r_drop[1], 2.9 / (1.3f64 * 10.2).sqrt());
    close(f.r_drop[2], 3.9 / (2.7f64 * 6.8).sqrt());
    close(f.alpha_if_dropped[0], 14.0 / 17.0);
    close(f.alpha_if_dropped[1], 50.0 / 51.0);
    close(f.alpha_if_dropped[2], 15.0 / 17.0);
    assert!(f.undefined.is_empty(), "{:?}", f.undefined);
}

#[test]
fn figures_that_cannot_exist_are_null_with_the_reason() {
    let one = compute(&moments(&[vec![1.0], vec![2.0], vec![3.0]], 1), 4.0);
    assert_eq!(one.alpha, None);
    assert_eq!(one.undefined["alpha"], Undefined::TooFewItems);
    assert_eq!(one.undefined["r_drop"], Undefined::TooFewItems);

    let two_rows = compute(&moments(&[vec![1.0, 2.0], vec![2.0, 3.0]], 2), 8.0);
    assert_eq!(two_rows.alpha, None);
    assert_eq!(two_rows.undefined["alpha"], Undefined::TooFewRespondents);

    let same = vec![vec![3.0, 3.0, 3.0]; 4];
    let flat = compute(&moments(&same, 3), 12.0);
    assert_eq!((flat.alpha, flat.sem, flat.mean_r), (None, None, None));
    assert_eq!(flat.undefined["alpha"], Undefined::NoVariance);
    assert_eq!(flat.undefined["mean_r"], Undefined::ConstantItem);

    // The second item never changes: alpha exists, its correlations do not.
    let rows = vec![
        vec![1.0, 3.0, 2.0],
        vec![2.0, 3.0, 2.0],
        vec![4.0, 3.0, 5.0],
        vec![5.0, 3.0, 4.0],
    ];
    let constant = compute(&moments(&rows, 3), 12.0);
    assert!(constant.alpha.is_some());
    assert_eq!(constant.r_drop[1], None);
    assert!(constant.r_drop[0].is_some());
    assert_eq!(constant.mean_r, None);
    assert_eq!(constant.undefined["mean_r"], Undefined::ConstantItem);
    assert_eq!(constant.undefined["r_drop"], Undefined::ConstantItem);

    // Two items that disagree: alpha below zero, no forecast from it.
    let rows = vec![
        vec![1.0, 5.0],
        vec![2.0, 4.0],
        vec![4.0, 3.0],
        vec![5.0, 1.0],
    ];
    let negative = compute(&moments(&rows, 2), 8.0);
    assert!(negative.alpha.is_some_and(|a| a < 0.0));
    assert_eq!(negative.spearman_brown.half, None);
    assert_eq!(
        negative.undefined["spearman_brown"],
        Undefined::NegativeAlpha
    );
    assert_eq!(
        negative.undefined["alpha_if_dropped"],
        Undefined::TooFewItems
    );
}

#[test]
fn a_dimension_of_many_items_has_no_pairs_but_every_other_figure() {
    let k = MAX_PAIRED_ITEMS + 1;
    let rows: Vec<Vec<f64>> = (0..5)
        .map(|r| {
            (0..k)
                .map(|i| ((r * 7 + i * 3) % 5) as f64 + r as f64)
                .collect()
        })
        .collect();
    let f = compute(&moments(&rows, k), 4.0 * k as f64);
    assert!(f.alpha.is_some() && f.r_drop.iter().all(Option::is_some));
    assert_eq!(f.mean_r, None);
    assert_eq!(f.undefined["mean_r"], Undefined::TooManyItems);
}

/// The figures computed the plain way: means first, then deviations.
fn naive(rows: &[Vec<f64>], k: usize, width: f64) -> Figures {
    let n = rows.len() as f64;
    let mean = |f: &dyn Fn(&Vec<f64>) -> f64| rows.iter().map(f).sum::<f64>() / n;
    let cov = |f: &dyn Fn(&Vec<f64>) -> f64, g: &dyn Fn(&Vec<f64>) -> f64| {
        let (mf, mg) = (mean(f), mean(g));
        rows.iter().map(|r| (f(r) - mf) * (g(r) - mg)).sum::<f64>() / (n - 1.0)
    };
    let item = |i: usize| move |r: &Vec<f64>| r[i];
    let total = |r: &Vec<f64>| r.iter().sum::<f64>();
    let alpha_of = |items: &[usize]| {
        let sum_var: f64 = items.iter().map(|&i| cov(&item(i), &item(i))).sum();
        let sum = |r: &Vec<f64>| items.iter().map(|&i| r[i]).sum::<f64>();
        let kk = items.len() as f64;
        kk / (kk - 1.0) * (1.0 - sum_var / cov(&sum, &sum))
    };
    let all: Vec<usize> = (0..k).collect();
    let alpha = alpha_of(&all);
    let mut rs = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            rs.push(
                cov(&item(i), &item(j))
                    / (cov(&item(i), &item(i)) * cov(&item(j), &item(j))).sqrt(),
            );
        }
    }
    let mean_r = rs.iter().sum::<f64>() / rs.len() as f64;
    Figures {
        alpha: Some(alpha),
        alpha_std: Some(k as f64 * mean_r / (1.0 + (k as f64 - 1.0) * mean_r)),
        mean_r: Some(mean_r),
        sem: Some(cov(&total, &total).sqrt() / width * (1.0 - alpha).sqrt()),
        spearman_brown: SpearmanBrown {
            half: Some(0.5 * alpha / (1.0 - 0.5 * alpha)),
            double: Some(2.0 * alpha / (1.0 + alpha)),
        },
        undefined: Default::default(),
        r_drop: (0..k)
            .map(|i| {
                let rest = move |r: &Vec<f64>| total(r) - r[i];
                Some(cov(&item(i), &rest) / (cov(&item(i), &item(i)) * cov(&rest, &rest)).sqrt())
            })
            .collect(),
        alpha_if_dropped: (0..k)
            .map(|i| {
                let others: Vec<usize> = (0..k).filter(|&j| j != i).collect();
                (k >= 3).then(|| alpha_of(&others))
            })
            .collect(),
    }
}

fn near(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-8 * (1.0 + a.abs().max(b.abs())),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// One pass gives the figures of two passes, on answers far from zero
    /// too (where summing raw squares would lose them).
    #[test]
    fn one_pass_equals_two_passes(
        k in 2usize..7,
        n in 3usize..60,
        offset in prop::sample::select(vec![0.0, 1e6]),
        seed in any::<u64>(),
    ) {
        let mut state = seed | 1;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let rows: Vec<Vec<f64>> = (0..n)
            .map(|_| {
                let level = (next() % 5) as f64;
                (0..k).map(|_| offset + level + (next() % 3) as f64).collect()
            })
            .collect();
        let width = 6.0 * k as f64;
        let got = compute(&moments(&rows, k), width);
        let want = naive(&rows, k, width);
        let constant = (0..k).any(|i| rows.iter().all(|r| r[i] == rows[0][i]));
        prop_assume!(!constant);
        if !want.alpha.is_some_and(f64::is_finite) {
            // The total never changes (items that cancel out): no alpha.
            prop_assert_eq!(got.alpha, None);
            prop_assert_eq!(got.undefined["alpha"], Undefined::NoVariance);
            return Ok(());
        }
        prop_assert!(near(got.alpha, want.alpha), "alpha {:?} {:?}", got.alpha, want.alpha);
        prop_assert!(near(got.mean_r, want.mean_r), "mean_r {:?} {:?}", got.mean_r, want.mean_r);
        prop_assert!(near(got.alpha_std, want.alpha_std));
        if want.alpha.is_some_and(|a| a < 1.0) {
            prop_assert!(near(got.sem, want.sem), "sem {:?} {:?}", got.sem, want.sem);
        }
        for i in 0..k {
            if want.r_drop[i].is_some_and(f64::is_finite) {
                prop_assert!(near(got.r_drop[i], want.r_drop[i]), "r_drop {i}: {:?} {:?}", got.r_drop[i], want.r_drop[i]);
            }
            if want.alpha_if_dropped[i].is_some_and(f64::is_finite) {
                prop_assert!(near(got.alpha_if_dropped[i], want.alpha_if_dropped[i]));
            }
        }
    }
}

/// Two dimensions: `a` has three statements (a3 keyed minus) and a choice
/// that moves both; `b` has one statement.
const BANK: &str = r#"
id: t
title: T
version: 1
dimensions:
  - { id: a, name: A, low: l, high: h }
  - { id: b, name: B, low: l, high: h }
roles:
  - { id: x, name: X, summary: s, profile: { a: 0.9, b: 0.1 } }
  - { id: y, name: Y, summary: s, profile: { a: 0.1, b: 0.9 } }
questions:
  - { id: a1, kind: likert, text: t, dimension: a }
  - { id: a2, kind: likert, text: t, dimension: a }
  - { id: a3, kind: likert, text: t, dimension: a, keyed: minus }
  - { id: b1, kind: likert, text: t, dimension: b }
  - id: pick
    kind: choice
    text: t
    options:
      - { id: p, text: P, scores: { a: 2, b: -1 } }
      - { id: q, text: Q, scores: { a: 0, b: 1 } }
      - { id: r, text: R, scores: { a: 1 } }
"#;

fn bank() -> Bank {
    bank::load(SourceFile::new("t.yaml", BANK)).unwrap()
}

fn answers(bank: &Bank, row: [Option<Answer>; 5]) -> AnswerSet {
    let mut set = AnswerSet::new(bank);
    for (q, a) in row.into_iter().enumerate() {
        set.set(q, a);
    }
    set
}

fn analyse(bank: &Bank, rows: Vec<[Option<Answer>; 5]>) -> ItemAnalysis {
    let scorer = Scorer::new(bank);
    let mut acc = Accumulator::new(scorer.clone());
    for row in rows {
        let set = answers(bank, row);
        acc.add(&set, &scorer.score_without_reasons(&set).unwrap());
    }
    acc.finish()
}

fn s(v: f64) -> Option<Answer> {
    Some(Answer::Scale(v))
}

#[test]
fn item_scores_are_contributions_and_sum_to_the_raw_score() {
    let bank = bank();
    let rows = vec![
        [s(1.0), s(2.0), s(5.0), s(3.0), Some(Answer::Choice(1))],
        [s(2.0), s(2.0), s(4.0), s(3.0), Some(Answer::Choice(2))],
        [s(4.0), s(5.0), s(2.0), s(3.0), Some(Answer::Choice(0))],
        [s(5.0), s(4.0), s(1.0), None, Some(Answer::Choice(0))],
        [s(3.0), None, s(3.0), s(3.0), Some(Answer::Choice(2))],
    ];
    let found = analyse(&bank, rows.clone());
    let a = &found.dimensions[0];
    // a1, a2, a3 and the choice; the fifth respondent skipped a2.
    assert_eq!((a.k, a.n, a.excluded), (4, 4, 1));
    let ids: Vec<&str> = a.items.iter().map(|i| i.question.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "pick"]);
    // a3 is keyed minus: 5 scores 1. The choice scores 0, 1 or 2 on a.
    let listwise: Vec<Vec<f64>> = vec![
        vec![1.0, 2.0, 1.0, 0.0],
        vec![2.0, 2.0, 2.0, 1.0],
        vec![4.0, 5.0, 4.0, 2.0],
        vec![5.0, 4.0, 5.0, 2.0],
    ];
    let want = naive(&listwise, 4, 3.0 * 4.0 + 2.0);
    assert!(near(a.alpha, want.alpha), "{:?} {:?}", a.alpha, want.alpha);
    assert!(near(a.sem, want.sem));
    // The item scores of a respondent sum to the engine's raw score.
    let scorer = Scorer::new(&bank);
    let raw = scorer
        .score_without_reasons(&answers(&bank, rows[0].clone()))
        .unwrap()
        .dimensions[0]
        .raw;
    assert_eq!(raw, listwise[0].iter().sum::<f64>());
    assert_eq!(a.items[2].range, [1.0, 5.0]);
    assert_eq!(a.items[3].range, [0.0, 2.0]);
    // Item means are over everyone who answered the item.
    assert_eq!(a.items[1].answered, 4);
    assert!(near(a.items[1].mean, Some(13.0 / 4.0)));
    assert!(near(a.items[1].skipped.into(), Some(0.2)));
    // b: b1 and the choice (q and p move it, r does not name it: 0).
    let b = &found.dimensions[1];
    assert_eq!((b.k, b.n, b.excluded), (2, 4, 1));
    assert_eq!(b.items[1].range, [-1.0, 1.0]);
    assert_eq!(b.items[0].sd, Some(0.0));
}

#[test]
fn distributions_flags_and_respondent_counts() {
    let bank = bank();
    // Everyone agrees strongly with a1 (ceiling), picks p or q (r rarely,
    // never), answers b1 the same as every statement (straight lines).
    let mut rows = Vec::new();
    for i in 0..40 {
        let v = 1.0 + (i % 5) as f64;
        rows.push([
            s(5.0),
            s(v),
            s(6.0 - v),
            if i % 10 == 0 { None } else { s(3.0) },
            Some(Answer::Choice(i % 2)),
        ]);
    }
    rows.push([s(4.0), s(4.0), s(4.0), s(4.0), Some(Answer::Choice(0))]);
    let found = analyse(&bank, rows);
    let a = &found.dimensions[0];
    assert!(
        a.items[0].flags.contains(&Flag::Ceiling),
        "{:?}",
        a.items[0]
    );
    assert!(!a.items[0].flags.contains(&Flag::Floor));
    let pick = &a.items[3];
    assert!(pick.flags.contains(&Flag::RarelyChosen));
    let rare: Vec<(&str, usize, bool)> = pick
        .distribution
        .iter()
        .map(|b| (b.value.as_str(), b.count, b.rare))
        .collect();
    assert_eq!(rare, [("p", 21, false), ("q", 20, false), ("r", 0, true)]);
    let points: Vec<usize> = a.items[0].distribution.iter().map(|b| b.count).collect();
    assert_eq!(points, [0, 0, 0, 1, 40]);
    let r = &found.respondents;
    assert_eq!((r.used, r.failed), (41, 0));
    assert_eq!(r.answered_everything, 41 - 4);
    assert_eq!(r.straight_lined, 1);
    assert_eq!(r.roles.values().sum::<usize>(), 41);
    assert!(a.flags.is_empty() || !a.flags.contains(&Flag::FewRespondents));
    // b has 2 items but only 37 listwise respondents: figures, no flag.
    assert!(!found.dimensions[1].flags.contains(&Flag::FewRespondents));
}

#[test]
fn few_respondents_and_low_alpha_are_dimension_flags() {
    let bank = bank();
    let rows = vec![
        [s(1.0), s(5.0), s(1.0), s(3.0), Some(Answer::Choice(0))],
        [s(5.0), s(1.0), s(5.0), s(2.0), Some(Answer::Choice(1))],
        [s(2.0), s(4.0), s(3.0), s(4.0), Some(Answer::Choice(2))],
        [s(4.0), s(2.0), s(2.0), s(1.0), Some(Answer::Choice(0))],
    ];
    let found = analyse(&bank, rows);
    let a = &found.dimensions[0];
    assert!(a.flags.contains(&Flag::FewRespondents));
    assert!(a.alpha.is_some_and(|x| x < LOW_ALPHA), "{:?}", a.alpha);
    assert!(a.flags.contains(&Flag::LowAlpha));
}

#[test]
fn flags_serialize_as_their_codes() {
    for flag in [
        Flag::LowAlpha,
        Flag::FewRespondents,
        Flag::WeakItem,
        Flag::ReversedItem,
        Flag::RaisesAlphaIfDropped,
        Flag::Ceiling,
        Flag::Floor,
        Flag::RarelyChosen,
    ] {
        assert_eq!(serde_json::to_value(flag).unwrap(), flag.code());
    }
    for why in [
        Undefined::TooFewItems,
        Undefined::TooFewRespondents,
        Undefined::NoVariance,
        Undefined::ConstantItem,
        Undefined::NegativeAlpha,
        Undefined::TooManyItems,
    ] {
        assert_eq!(serde_json::to_value(why).unwrap(), why.code());
    }
}
