//! The JSON report: stable field names under `schema_version`, for programs
//! and for comparing runs. Field names are a contract; add, never rename.

use std::io;

use serde::Serialize;

use super::{Report, ReportInput};
use crate::answers::{answer_value, describe_answer};
use crate::engine::Warning;
use crate::report::text::{reason_sentence, warning_sentence};

pub struct JsonReport;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    schema_version: u32,
    bank: BankRef<'a>,
    answered: usize,
    skipped: usize,
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
        let (bank, result) = (input.bank, input.assessment);
        let role_id = |r: usize| bank.roles[r].id.as_str();
        let rec = result.recommendation;
        let output = Output {
            schema_version: SCHEMA_VERSION,
            bank: BankRef {
                id: &bank.id,
                version: bank.version,
                title: &bank.title,
            },
            answered: result.answered,
            skipped: result.skipped,
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
                    id: role_id(f.role),
                    name: &bank.roles[f.role].name,
                    fit: f.fit,
                })
                .collect(),
            recommendation: Recommendation {
                role: role_id(rec.role),
                runner_up: role_id(rec.runner_up),
                margin: rec.margin,
                verdict: rec.verdict.as_str(),
                tie: rec.tie,
            },
            reasons: result
                .reasons
                .iter()
                .map(|r| Reason {
                    dimension: &bank.dimensions[r.dimension].id,
                    favours: role_id(r.favours),
                    against: role_id(r.against),
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
                    text: reason_sentence(input, r),
                })
                .collect(),
            warnings: result
                .warnings
                .iter()
                .map(|w| WarningOut {
                    code: match w {
                        Warning::SameLikertAnswer { .. } => "same-answer",
                        Warning::NotMeasured { .. } => "not-measured",
                    },
                    message: warning_sentence(input, w),
                })
                .collect(),
            seed: input.quiz.as_ref().map(|q| q.seed),
            order: input.quiz.as_ref().map(|q| q.order.as_slice()),
        };
        serde_json::to_writer_pretty(&mut *out, &output)?;
        writeln!(out)
    }
}
