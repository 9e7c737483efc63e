//! Every scoring rule checked against numbers worked out by hand.

use super::*;
use crate::answers::{RawAnswer, resolve};
use crate::bank::{self, Bank};
use crate::input::source::SourceFile;

const BANK: &str = r#"
id: t
title: Test
version: 1
dimensions:
  - { id: x, name: X, low: lo, high: hi }
  - { id: y, name: Y, low: lo, high: hi, weight: 3 }
roles:
  - { id: r1, name: R1, summary: s, profile: { x: 1, y: 0 } }
  - { id: r2, name: R2, summary: s, profile: { x: 0, y: 1 } }
questions:
  - { id: l1, kind: likert, text: t, dimension: x }
  - { id: l2, kind: likert, text: t, dimension: x, keyed: minus }
  - id: l3
    kind: likert
    text: t
    dimension: x
    keyed: minus
    weight: 2
    scale: [ { value: 0, label: a }, { value: 1, label: b }, { value: 2, label: c }, { value: 3, label: d }, { value: 4, label: e } ]
  - id: c
    kind: choice
    text: t
    options:
      - { id: a, text: a, scores: { x: 2, y: 0 } }
      - { id: b, text: b, scores: { x: 0, y: 2 } }
  - id: m
    kind: multi
    text: t
    options:
      - { id: p, text: p, scores: { y: 1 } }
      - { id: q, text: q, scores: { y: -1 } }
      - { id: r, text: r, scores: { x: 1 } }
  - { id: n, kind: number, text: t, dimension: y, min: 0, max: 10, weight: 2 }
"#;

fn bank() -> Bank {
    bank::load(SourceFile::new("t.yaml", BANK)).unwrap_or_else(|e| panic!("{e}"))
}

fn answers(bank: &Bank, given: &[(&str, RawAnswer)]) -> AnswerSet {
    let mut set = AnswerSet::new(bank);
    for (id, raw) in given {
        let q = bank.question_index(id).unwrap();
        set.set(q, resolve(&bank.questions[q], raw).unwrap());
    }
    set
}

fn n(v: f64) -> RawAnswer {
    RawAnswer::Number(v)
}

fn ids(list: &[&str]) -> RawAnswer {
    RawAnswer::List(list.iter().map(|s| s.to_string()).collect())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn reverse_keying_mirrors_the_scale() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("l1", n(5.0)), ("l2", n(5.0))])).unwrap();
    let x = &result.dimensions[0];
    // l1: 5; l2 minus-keyed: 1 + 5 - 5 = 1; range 2..10.
    assert_eq!((x.raw, x.min, x.max, x.answered), (6.0, 2.0, 10.0, 2));
    assert_eq!(x.score, Some(0.5));
}

#[test]
fn a_custom_scale_with_a_weight_uses_its_own_ends() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("l3", n(1.0))])).unwrap();
    let x = &result.dimensions[0];
    // weight 2 x (0 + 4 - 1) = 6, range 2 x 0 .. 2 x 4.
    assert_eq!((x.raw, x.min, x.max), (6.0, 0.0, 8.0));
    assert_eq!(x.score, Some(0.75));
    // The label works as well as the value.
    let by_label = answers(&bank, &[("l3", RawAnswer::Text("b".into()))]);
    assert_eq!(
        score(&bank, &by_label).unwrap().dimensions[0].score,
        Some(0.75)
    );
}

#[test]
fn choice_uses_the_chosen_option_and_the_options_range() {
    let bank = bank();
    let result = score(
        &bank,
        &answers(&bank, &[("c", RawAnswer::Text("b".into()))]),
    )
    .unwrap();
    let (x, y) = (&result.dimensions[0], &result.dimensions[1]);
    assert_eq!((x.raw, x.min, x.max, x.score), (0.0, 0.0, 2.0, Some(0.0)));
    assert_eq!((y.raw, y.min, y.max, y.score), (2.0, 0.0, 2.0, Some(1.0)));
    assert!(close(result.fit_of(1), 1.0));
    assert!(close(result.fit_of(0), 0.0));
}

#[test]
fn multi_sums_the_chosen_options_over_negative_to_positive_range() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("m", ids(&["p", "r"]))])).unwrap();
    let (x, y) = (&result.dimensions[0], &result.dimensions[1]);
    assert_eq!((y.raw, y.min, y.max, y.score), (1.0, -1.0, 1.0, Some(1.0)));
    assert_eq!((x.raw, x.min, x.max, x.score), (1.0, 0.0, 1.0, Some(1.0)));

    // Choosing nothing is an answer: y sits mid-range, x at its low end.
    let none = score(&bank, &answers(&bank, &[("m", ids(&[]))])).unwrap();
    assert_eq!(none.answered, 1);
    assert_eq!(none.dimensions[1].score, Some(0.5));
    assert_eq!(none.dimensions[0].score, Some(0.0));
}

#[test]
fn number_scales_into_the_range_times_its_weight() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("n", n(2.5))])).unwrap();
    let y = &result.dimensions[1];
    assert_eq!((y.raw, y.min, y.max, y.score), (0.5, 0.0, 2.0, Some(0.25)));
}

#[test]
fn an_unmeasured_dimension_is_left_out_of_the_fit_and_warned_about() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("l1", n(4.0))])).unwrap();
    assert_eq!(result.dimensions[1].score, None);
    assert_eq!(result.dimensions[1].answered, 0);
    assert!(
        result
            .warnings
            .contains(&Warning::NotMeasured { dimension: 1 })
    );
    // Only x counts: s = 0.75; r1 fit = 1 - |0.75 - 1|, r2 = 1 - |0.75 - 0|.
    assert!(close(result.fit_of(0), 0.75));
    assert!(close(result.fit_of(1), 0.25));
    assert_eq!(result.skipped, 5);
    assert_eq!(result.total, 6);
}

#[test]
fn dimension_weights_enter_the_fit() {
    let bank = bank();
    // x = 0.5 (l1 = 3), y = 1 (choice b gives y = 1 and x = 0: use n instead).
    let result = score(&bank, &answers(&bank, &[("l1", n(3.0)), ("n", n(10.0))])).unwrap();
    assert_eq!(result.dimensions[0].score, Some(0.5));
    assert_eq!(result.dimensions[1].score, Some(1.0));
    // r1: (1 x 0.25 + 3 x 1) / 4 = 0.8125; r2: (1 x 0.25 + 3 x 0) / 4 = 0.0625.
    assert!(close(result.fit_of(0), 1.0 - 0.8125f64.sqrt()));
    assert!(close(result.fit_of(1), 0.75));
    let rec = result.recommendation;
    assert_eq!(
        (rec.role, rec.runner_up, rec.verdict),
        (1, 0, Verdict::Clear)
    );
    assert!(close(rec.margin, 0.75 - (1.0 - 0.8125f64.sqrt())));
}

#[test]
fn a_tie_is_close_and_never_broken_silently() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("l1", n(3.0)), ("n", n(5.0))])).unwrap();
    let rec = result.recommendation;
    assert!(rec.tie);
    assert_eq!(rec.verdict, Verdict::Close);
    assert_eq!(rec.margin, 0.0);
    // Bank order, not chance, decides which is named first.
    assert_eq!((rec.role, rec.runner_up), (0, 1));
}

#[test]
fn verdict_thresholds_come_from_the_bank() {
    let text = BANK.replace(
        "version: 1",
        "version: 1\nthresholds: { clear: 0.9, lean: 0.5 }",
    );
    let bank = bank::load(SourceFile::new("t.yaml", text)).unwrap();
    // Margin 0.5 (fits 0.75 and 0.25): lean under these thresholds.
    let result = score(&bank, &answers(&bank, &[("l1", n(4.0))])).unwrap();
    assert_eq!(result.recommendation.verdict, Verdict::Lean);
    let result = score(&bank, &answers(&bank, &[("l1", n(3.0))])).unwrap();
    // l1 = 3: x = 0.5, both fits 0.5: a tie.
    assert_eq!(result.recommendation.verdict, Verdict::Close);
}

#[test]
fn default_thresholds_split_clear_lean_and_close() {
    let bank = bank();
    // Fits 1 - |s - 1| and 1 - |s|: margin = |2s - 1| with s from l3 (0..4 scale, minus).
    let verdict = |v: f64| {
        let r = score(&bank, &answers(&bank, &[("l3", n(v))])).unwrap();
        (r.recommendation.verdict, r.recommendation.margin)
    };
    assert_eq!(verdict(0.0).0, Verdict::Clear); // s = 1, margin 1
    assert_eq!(verdict(2.0).0, Verdict::Close); // s = 0.5, tie
}

#[test]
fn nothing_answered_is_an_error_not_a_guess() {
    let bank = bank();
    assert_eq!(
        score(&bank, &AnswerSet::new(&bank)),
        Err(EngineError::NothingAnswered)
    );
}

#[test]
fn same_answer_everywhere_is_warned_about() {
    let bank = bank();
    let result = score(&bank, &answers(&bank, &[("l1", n(4.0)), ("l2", n(4.0))])).unwrap();
    assert!(result.warnings.contains(&Warning::SameLikertAnswer {
        value: 4.0,
        count: 2
    }));
    let result = score(&bank, &answers(&bank, &[("l1", n(4.0)), ("l2", n(2.0))])).unwrap();
    assert!(
        !result
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::SameLikertAnswer { .. }))
    );
}

#[test]
fn reasons_split_the_advantage_and_name_the_answers_behind_it() {
    let bank = bank();
    // x = 1 (pushes to r1), y = 0.25 (pushes to r1 too, on a heavier dimension).
    let set = answers(&bank, &[("l1", n(5.0)), ("l2", n(1.0)), ("n", n(2.5))]);
    let result = score(&bank, &set).unwrap();
    assert_eq!(result.recommendation.role, 0);
    let reasons = &result.reasons;
    assert_eq!(reasons.len(), 2);
    // y: 3 x ((0.25 - 1)^2 - (0.25 - 0)^2) = 1.5; x: 1 x ((1 - 0)^2 - 0) = 1.
    assert_eq!(reasons[0].dimension, 1);
    assert!(close(reasons[0].advantage, 1.5));
    assert!(close(reasons[0].share, 0.6));
    assert_eq!(reasons[0].answers, [bank.question_index("n").unwrap()]);
    assert_eq!(reasons[1].dimension, 0);
    assert!(close(reasons[1].share, 0.4));
    assert_eq!(reasons[1].answers.len(), 2);
    assert!(reasons.iter().all(|r| r.favours == 0 && r.against == 1));
}

#[test]
fn reasons_include_dimensions_that_favour_the_runner_up() {
    let bank = bank();
    // x = 1 favours r1 strongly; y = 0.6 favours r2 a little.
    let set = answers(&bank, &[("l1", n(5.0)), ("n", n(6.0))]);
    let result = score(&bank, &set).unwrap();
    let against: Vec<_> = result
        .reasons
        .iter()
        .filter(|r| r.favours != result.recommendation.role)
        .collect();
    assert_eq!(against.len(), 1);
    assert_eq!(against[0].dimension, 1);
}

/// Two one-dimension roles with specialties; x is measured by a number
/// question from 0 to 10, so an answer of 7 scores 0.7.
const SPECIALTIES: &str = r#"
id: s
title: S
version: 1
dimensions:
  - { id: x, name: X, low: lo, high: hi }
roles:
  - id: up
    name: Up
    summary: s
    profile: { x: 1 }
    specialties:
      - { id: u1, name: U1, profile: { x: 0.9 } }
      - { id: u2, name: U2, profile: { x: 0.5 } }
      - { id: u3, name: U3, profile: { x: 0.75 } }
      - { id: u4, name: U4, profile: { x: 0.1 } }
  - id: down
    name: Down
    summary: s
    profile: { x: 0 }
    specialties:
      - { id: d1, name: D1, profile: { x: 0.2 } }
      - { id: d2, name: D2, profile: { x: 0.45 } }
questions:
  - { id: n, kind: number, text: t, dimension: x, min: 0, max: 10 }
"#;

fn specialties_for(value: f64) -> (Bank, Assessment) {
    let bank = bank::load(SourceFile::new("s.yaml", SPECIALTIES)).unwrap();
    let set = answers(&bank, &[("n", n(value))]);
    let result = score(&bank, &set).unwrap();
    (bank, result)
}

#[test]
fn the_winning_roles_top_three_specialties_are_ranked_by_fit() {
    let (bank, result) = specialties_for(7.0);
    assert_eq!(bank.roles[result.recommendation.role].id, "up");
    assert_eq!(result.recommendation.verdict, Verdict::Clear);
    // One dimension of weight 1: fit = 1 - |0.7 - target|.
    let got: Vec<(&str, f64)> = result
        .specialties
        .iter()
        .map(|f| {
            assert_eq!(f.role, result.recommendation.role);
            (
                bank.roles[f.role].specialties[f.specialty].id.as_str(),
                f.fit,
            )
        })
        .collect();
    let expected = [("u3", 0.95), ("u1", 0.8), ("u2", 0.8)];
    assert_eq!(got.len(), TOP_SPECIALTIES);
    for ((id, fit), (want_id, want_fit)) in got.iter().zip(expected) {
        assert_eq!(*id, want_id);
        assert!((fit - want_fit).abs() < 1e-12, "{id}: {fit}");
    }
}

#[test]
fn a_close_result_suggests_the_best_specialty_of_each_leading_role() {
    // 0.51: Up fits 0.51, Down 0.49, a close call.
    let (bank, result) = specialties_for(5.1);
    assert_eq!(result.recommendation.verdict, Verdict::Close);
    let got: Vec<&str> = result
        .specialties
        .iter()
        .map(|f| bank.roles[f.role].specialties[f.specialty].id.as_str())
        .collect();
    // Up's nearest is u2 (0.5); Down's is d2 (0.45).
    assert_eq!(got, ["u2", "d2"]);
}

#[test]
fn roles_without_specialties_suggest_none() {
    let result = score(&bank(), &answers(&bank(), &[("n", n(3.0))])).unwrap();
    assert!(result.specialties.is_empty());
}
