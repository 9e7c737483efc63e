//! Generators of hostile banks for the budget tests: the shapes that once
//! made the searches run for minutes (long scales, many multi questions
//! with many options), at any size.

use crate::answers::{Answer, AnswerSet};
use crate::bank::{self, Bank, QuestionKind};
use crate::input::source::SourceFile;

fn head(id: &str, dims: usize, roles: usize) -> String {
    let mut text = format!("id: {id}\ntitle: {id}\nversion: 1\ndimensions:\n");
    for d in 0..dims {
        text.push_str(&format!(
            "  - {{ id: d{d}, name: D{d}, low: l, high: h }}\n"
        ));
    }
    text.push_str("roles:\n");
    for r in 0..roles {
        let profile: Vec<String> = (0..dims)
            .map(|d| format!("d{d}: {}", ((r * 3 + d * 7) % 10) as f64 / 10.0))
            .collect();
        text.push_str(&format!(
            "  - {{ id: r{r}, name: R{r}, summary: s, profile: {{ {} }} }}\n",
            profile.join(", ")
        ));
    }
    text
}

/// `questions` likert questions sharing one scale of `points` points.
pub fn long_scale(questions: usize, points: usize, dims: usize, roles: usize) -> Bank {
    let mut text = head("long", dims, roles);
    text.push_str("scale:\n");
    for v in 1..=points {
        text.push_str(&format!("  - {{ value: {v}, label: p{v} }}\n"));
    }
    text.push_str("questions:\n");
    for q in 0..questions {
        let keyed = if q % 3 == 1 { ", keyed: minus" } else { "" };
        text.push_str(&format!(
            "  - {{ id: q{q}, kind: likert, text: Q{q}, dimension: d{}{keyed} }}\n",
            q % dims
        ));
    }
    load(&text)
}

/// `questions` multi questions of `options` options each.
pub fn many_multi(questions: usize, options: usize, dims: usize, roles: usize) -> Bank {
    let mut text = head("multi", dims, roles);
    text.push_str("questions:\n");
    for q in 0..questions {
        text.push_str(&format!(
            "  - id: q{q}\n    kind: multi\n    text: Q{q}\n    options:\n"
        ));
        for o in 0..options {
            text.push_str(&format!(
                "      - {{ id: o{o}, text: O{o}, scores: {{ d{}: {} }} }}\n",
                (q + o) % dims,
                1 + (q * o) % 3
            ));
        }
    }
    load(&text)
}

fn load(text: &str) -> Bank {
    bank::load(SourceFile::new("hostile.yaml", text.to_string())).unwrap()
}

/// A one-sided respondent: the top of every scale, every option of the
/// first half ticked; every `skip`th question skipped (0: none).
pub fn one_sided(bank: &Bank, skip: usize) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    for (q, question) in bank.questions.iter().enumerate() {
        if skip > 0 && q % skip == skip - 1 {
            continue;
        }
        let answer = match &question.kind {
            QuestionKind::Likert { scale, .. } => Answer::Scale(scale.max()),
            QuestionKind::Choice { .. } => Answer::Choice(0),
            QuestionKind::Multi { options } => Answer::Multi((0..options.len() / 2).collect()),
            QuestionKind::Number { max, .. } => Answer::Number(*max),
        };
        answers.set(q, Some(answer));
    }
    answers
}
