//! The JSON report: stable field names under `schema_version`, for programs
//! and for comparing runs. Field names are a contract; add, never rename.
//! Its shape is its own, built from the assessment, with ids where the other
//! formats have names; its sentences come from [`super::prose`].

use std::io;

use serde::Serialize;

use super::{Report, ReportInput, prose};
use crate::answers::{answer_value, describe_answer};
use crate::engine::{self, Warning};

pub struct JsonReport;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    schema_version: u32,
    bank: BankRef<'a>,
    answered: usize,
    /// Questions the student was asked and left unanswered.
    skipped: usize,
    /// Questions adaptive mode did not ask (0 outside it).
    not_asked: usize,
    total: usize,
    dimensions: Vec<Dimension<'a>>,
    roles: Vec<RoleFit<'a>>,
    recommendation: Recommendation<'a>,
    reasons: Vec<Reason<'a>>,
    warnings: Vec<WarningOut>,
    /// Only after `take`: the seed (null: bank order) and the order asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<Option<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<&'a [String]>,
    /// Only in adaptive mode: how many questions were asked, and after how
    /// many the result was settled (null: not before they ran out).
    #[serde(skip_serializing_if = "Option::is_none")]
    asked: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settled_after: Option<Option<usize>>,
    /// Only when adaptive mode's work budget ran out: after how many
    /// questions; the rest were asked in the usual order.
    #[serde(skip_serializing_if = "Option::is_none")]
    adaptive_cut_after: Option<usize>,
    /// The fewest answer changes that would make the runner-up the
    /// recommendation; empty when none was found.
    what_if: Vec<WhatIfChange<'a>>,
    /// How that change was found, and what it does.
    what_if_search: Option<WhatIfSearch<'a>>,
    /// Only when the what-if search ran out of work budget before it found
    /// any change (`what_if_search` is then null, though a change may
    /// exist).
    #[serde(skip_serializing_if = "Option::is_none")]
    what_if_unfinished: Option<WhatIfUnfinished<'a>>,
}

#[derive(Serialize)]
struct WhatIfChange<'a> {
    question: &'a str,
    /// As an answers file would write it; null: it was not answered.
    from: serde_json::Value,
    to: serde_json::Value,
    from_label: Option<String>,
    to_label: String,
}

#[derive(Serialize)]
struct WhatIfSearch<'a> {
    /// The role the changes make the recommendation.
    role: &'a str,
    /// The changes are provably the fewest.
    exact: bool,
    /// No fewer changes than this can do it.
    at_least: usize,
    /// The new recommendation's margin once the changes are made.
    margin: f64,
    /// Only when true: the search stopped at its work budget, so a smaller
    /// or gentler change may exist.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cut_short: bool,
    text: String,
}

#[derive(Serialize)]
struct WhatIfUnfinished<'a> {
    /// The role whose win was searched for.
    role: &'a str,
    /// No fewer changes than this can do it.
    at_least: usize,
    text: String,
}

#[derive(Serialize)]
struct SpecialtyOut<'a> {
    id: &'a str,
    name: &'a str,
    role: &'a str,
    fit: f64,
}

#[derive(Serialize)]
struct BankRef<'a> {
    id: &'a str,
    version: u32,
    title: &'a str,
}

#[derive(Serialize)]
struct Dimension<'a> {
    id: &'a str,
    name: &'a str,
    raw: f64,
    min: f64,
    max: f64,
    score: Option<f64>,
    answered: usize,
}

#[derive(Serialize)]
struct RoleFit<'a> {
    id: &'a str,
    name: &'a str,
    fit: f64,
}

#[derive(Serialize)]
struct Recommendation<'a> {
    role: &'a str,
    runner_up: &'a str,
    margin: f64,
    verdict: &'static str,
    tie: bool,
    /// The recommended role's best-fitting specialties (top three), or on
    /// a close verdict the best of each leading role.
    specialties: Vec<SpecialtyOut<'a>>,
}

#[derive(Serialize)]
struct Reason<'a> {
    dimension: &'a str,
    favours: &'a str,
    against: &'a str,
    share: f64,
    advantage: f64,
    score: f64,
    answers: Vec<AnswerRef<'a>>,
    text: String,
}

#[derive(Serialize)]
struct AnswerRef<'a> {
    question: &'a str,
    answer: serde_json::Value,
    label: String,
}

#[derive(Serialize)]
struct WarningOut {
    code: &'static str,
    message: String,
}

impl Report for JsonReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &output(input))?;
        writeln!(out)
    }
}

fn output<'a>(input: &'a ReportInput<'a>) -> Output<'a> {
    let (bank, result) = (input.bank, input.assessment);
    let adaptive = input.quiz.as_ref().and_then(|q| q.adaptive);
    Output {
        schema_version: SCHEMA_VERSION,
        bank: BankRef {
            id: &bank.id,
            version: bank.version,
            title: &bank.title,
        },
        answered: result.answered,
        skipped: result.skipped - prose::not_asked(input),
        not_asked: prose::not_asked(input),
        total: result.total,
        dimensions: result
            .dimensions
            .iter()
            .map(|d| Dimension {
                id: &bank.dimensions[d.dimension].id,
                name: &bank.dimensions[d.dimension].name,
                raw: d.raw,
                min: d.min,
                max: d.max,
                score: d.score,
                answered: d.answered,
            })
            .collect(),
        roles: result
            .fits
            .iter()
            .map(|f| RoleFit {
                id: &bank.roles[f.role].id,
                name: &bank.roles[f.role].name,
                fit: f.fit,
            })
            .collect(),
        recommendation: recommendation(input),
        reasons: result.reasons.iter().map(|r| reason(input, r)).collect(),
        warnings: result
            .warnings
            .iter()
            .map(|w| WarningOut {
                code: match w {
                    Warning::SameLikertAnswer { .. } => "same-answer",
                    Warning::NotMeasured { .. } => "not-measured",
                },
                message: prose::warning(input, w),
            })
            .collect(),
        seed: input.quiz.as_ref().map(|q| q.seed),
        order: input.quiz.as_ref().map(|q| q.order.as_slice()),
        asked: adaptive.map(|a| a.asked),
        settled_after: adaptive.map(|a| a.settled_after),
        adaptive_cut_after: adaptive.and_then(|a| a.cut_after),
        what_if: what_if_changes(input),
        what_if_search: what_if_search(input),
        what_if_unfinished: what_if_unfinished(input),
    }
}

fn recommendation<'a>(input: &ReportInput<'a>) -> Recommendation<'a> {
    let (bank, result) = (input.bank, input.assessment);
    let role_id = |r: usize| bank.roles[r].id.as_str();
    let rec = result.recommendation;
    Recommendation {
        role: role_id(rec.role),
        runner_up: role_id(rec.runner_up),
        margin: rec.margin,
        verdict: rec.verdict.as_str(),
        tie: rec.tie,
        specialties: result
            .specialties
            .iter()
            .map(|f| {
                let specialty = &bank.roles[f.role].specialties[f.specialty];
                SpecialtyOut {
                    id: &specialty.id,
                    name: &specialty.name,
                    role: role_id(f.role),
                    fit: f.fit,
                }
            })
            .collect(),
    }
}

fn reason<'a>(input: &ReportInput<'a>, r: &engine::Reason) -> Reason<'a> {
    let bank = input.bank;
    Reason {
        dimension: &bank.dimensions[r.dimension].id,
        favours: &bank.roles[r.favours].id,
        against: &bank.roles[r.against].id,
        share: r.share,
        advantage: r.advantage,
        score: r.score,
        answers: r
            .answers
            .iter()
            .filter_map(|&q| {
                let question = &bank.questions[q];
                let answer = input.answers.get(q)?;
                Some(AnswerRef {
                    question: &question.id,
                    answer: answer_value(question, answer),
                    label: describe_answer(question, answer),
                })
            })
            .collect(),
        text: prose::reason(input, r),
    }
}

fn what_if_changes<'a>(input: &ReportInput<'a>) -> Vec<WhatIfChange<'a>> {
    let bank = input.bank;
    input
        .assessment
        .what_if
        .iter()
        .flat_map(|w| &w.changes)
        .map(|c| {
            let question = &bank.questions[c.question];
            WhatIfChange {
                question: &question.id,
                from: c
                    .from
                    .as_ref()
                    .map_or(serde_json::Value::Null, |a| answer_value(question, a)),
                to: answer_value(question, &c.to),
                from_label: c.from.as_ref().map(|a| describe_answer(question, a)),
                to_label: describe_answer(question, &c.to),
            }
        })
        .collect()
}

fn what_if_search<'a>(input: &ReportInput<'a>) -> Option<WhatIfSearch<'a>> {
    let w = input.assessment.what_if.as_ref()?;
    Some(WhatIfSearch {
        role: &input.bank.roles[w.role].id,
        exact: w.exact,
        at_least: w.at_least,
        margin: w.margin,
        cut_short: w.cut_short,
        text: what_if_text(input),
    })
}

fn what_if_unfinished<'a>(input: &ReportInput<'a>) -> Option<WhatIfUnfinished<'a>> {
    let cut = input.assessment.what_if_unfinished?;
    Some(WhatIfUnfinished {
        role: &input.bank.roles[cut.role].id,
        at_least: cut.at_least,
        text: what_if_text(input),
    })
}

/// The other formats' what-if section, as one paragraph.
fn what_if_text(input: &ReportInput<'_>) -> String {
    prose::what_if(input)
        .map(|w| {
            let mut all = vec![w.lead];
            all.extend(w.changes);
            all.extend(w.note);
            all.join(" ")
        })
        .unwrap_or_default()
}
