use super::*;
use crate::answers::candidates;
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

#[test]
fn every_part_stops_at_its_budget_and_says_so() {
    let bank = crate::engine::hostile::many_multi(40, 8, 5, 4);
    let limits = Limits {
        reach: 400_000,
        decisive: 20_000,
        crowd: 200_000,
    };
    let report = inspect_within(&bank, 50, 1, limits);
    let spent = report.spent;
    assert!(spent.reach <= limits.reach, "{spent:?}");
    assert!(spent.decisive <= limits.decisive, "{spent:?}");
    assert!(spent.crowd <= limits.crowd, "{spent:?}");
    assert!(
        report.roles.iter().all(|r| r.cut_short),
        "{:?}",
        report.roles
    );
    let left_out = report.decisive_left_out.expect("decisive was cut");
    assert_eq!(report.decisive.len() + left_out, 40);
    let a = &report.synthetic.adaptive;
    assert_eq!(report.synthetic.respondents, 50);
    assert!(
        a.not_replayed > 0 && a.respondents + a.not_replayed == 50,
        "{a:?}"
    );
    assert_eq!(a.agree, a.respondents, "{a:?}");
    // Said in JSON only when it happened.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["roles"][0]["cut_short"], true);
    assert_eq!(json["decisive_left_out"], left_out);
    assert!(json["synthetic"]["adaptive"]["not_replayed"].as_u64() > Some(0));
    let whole = serde_json::to_value(inspect(
        &crate::engine::hostile::many_multi(3, 3, 2, 3),
        20,
        1,
    ))
    .unwrap();
    assert!(whole["roles"][0].get("cut_short").is_none(), "{whole}");
    assert!(whole.get("decisive_left_out").is_none());
    assert!(whole["synthetic"]["adaptive"].get("not_replayed").is_none());
}

#[test]
fn a_long_scale_is_searched_at_a_few_points_and_said_so() {
    let bank = crate::engine::hostile::long_scale(50, 1_000, 5, 4);
    let report = inspect(&bank, 100, 1);
    assert!(
        report.method.contains("more than 16 points"),
        "{}",
        report.method
    );
    assert!(
        report.roles.iter().all(|r| !r.cut_short),
        "{:?}",
        report.roles
    );
    assert!(report.roles.iter().any(|r| r.reachable));
    assert_eq!(report.decisive_left_out, None);
    assert_eq!(report.synthetic.adaptive.not_replayed, 0);
    let limits = Limits::default();
    assert!(report.spent.reach <= limits.reach && report.spent.crowd <= limits.crowd);
}
