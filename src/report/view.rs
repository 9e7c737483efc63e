//! What a report shows, decided once for every format: which sections, in
//! which order, which roles and specialties, the answers behind each reason.
//! The text, Markdown and HTML reports walk a [`View`] and only supply
//! syntax (wrapping, markup, escaping, charts).
//!
//! Prose is already composed (from [`super::prose`]) where a format shows
//! it whole; bank text stays in pieces where a format escapes the pieces;
//! fits and scores stay numbers (0..1) so a format can draw them.

use serde::Serialize;

use super::{ReportInput, prose};
use crate::answers::describe_answer;
use crate::engine::Verdict;

/// Where a report is read, which decides the sections around the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The terminal, right after the quiz: how the quiz was run only when
    /// there was one; no list of the answers just given.
    Text,
    /// A document to keep or share (Markdown, HTML): the answers in full,
    /// and how the answers were gathered, always, at the end.
    Document,
    /// The terminal, explored section by section after the quiz: the
    /// sections of [`Layout::Text`], every what-if change spelled out, and
    /// [`View::all_jobs`].
    Explore,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub bank: Bank,
    pub header: Header,
    /// In the order they are shown.
    pub sections: Vec<Section>,
    /// Every specialty of the leading roles (the best, and on a close
    /// verdict the runner-up too), best fit first; only in
    /// [`Layout::Explore`], and only when the roles have specialties.
    pub all_jobs: Option<Specialties>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bank {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub description: Option<String>,
}

/// The result in a few sentences, above every section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    pub headline: String,
    /// `clear`, `lean` or `close`.
    pub verdict: &'static str,
    /// As [`prose::verdict_name`]: `close (a tie)` on a tie.
    pub verdict_name: &'static str,
    pub verdict_note: String,
    pub answered: String,
    /// For a page's title bar.
    pub page_title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Section {
    /// What would change the result; its lead and changes hold bank text.
    WhatIf(prose::WhatIfText),
    /// Every role, best fit first.
    Match {
        rows: Vec<MatchRow>,
    },
    Scores(Scores),
    /// Only when there are reasons.
    Why {
        reasons: Vec<Reason>,
    },
    /// The facts of a role: the best, and on a close verdict the runner-up
    /// as well, each its own section.
    About(Role),
    Specialties(Specialties),
    Warnings {
        warnings: Vec<String>,
    },
    /// Every question in bank order.
    Answers {
        answers: Vec<AnswerRow>,
    },
    /// How the questions were asked.
    Run(Run),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchRow {
    /// Index in the bank's roles: a role keeps its colour by it.
    pub role: usize,
    pub name: String,
    pub fit: f64,
    /// The recommended role.
    pub best: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Every role, best fit first: the columns of [`Dimension::targets`].
    pub roles: Vec<MatchRow>,
    /// In bank order.
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// Index in the bank's dimensions.
    pub index: usize,
    pub name: String,
    /// What 0% and 100% mean.
    pub low: String,
    pub high: String,
    /// `None`: no answered question measured it.
    pub score: Option<f64>,
    /// Each role's target, in the order of [`Scores::roles`].
    pub targets: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub text: String,
    /// The same in one short line, for a summary: with the scores, and
    /// without them for a narrow window.
    pub short: String,
    pub gist: String,
    /// The answers that pushed it most, strongest first.
    pub given: Vec<Given>,
}

/// A question and the student's answer, in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Given {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub name: String,
    pub summary: String,
    pub facts: Vec<Fact>,
    pub examples: Vec<String>,
    /// As the bank writes it; several sources are separated by ` ; `.
    pub source: Option<String>,
    pub next_steps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Specialties {
    pub heading: &'static str,
    /// Best first.
    pub items: Vec<Specialty>,
    pub note: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Specialty {
    pub name: String,
    /// The role's name, on a close verdict (one job per path).
    pub role: Option<String>,
    pub fit: f64,
    pub summary: Option<String>,
    pub facts: Vec<Fact>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerRow {
    pub question: String,
    /// `None`: skipped, or not asked.
    pub answer: Option<String>,
    /// `false`: adaptive mode did not ask it.
    pub asked: bool,
}

/// How the answers were gathered. Neither sentence holds bank text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    /// How adaptive mode went, when it was used.
    pub adaptive: Option<String>,
    /// The order, and the shuffle number that asks the same way again.
    pub order: String,
}

impl View {
    pub fn new(input: &ReportInput<'_>, layout: Layout) -> View {
        let (bank, result) = (input.bank, input.assessment);
        let close = result.recommendation.verdict == Verdict::Close;
        // A caveat (the same answer everywhere, a dimension not measured)
        // changes how everything below reads: it comes first.
        let warnings: Vec<String> = result
            .warnings
            .iter()
            .map(|w| prose::warning(input, w))
            .collect();
        let mut sections: Vec<Section> = (!warnings.is_empty())
            .then_some(Section::Warnings { warnings })
            .into_iter()
            .collect();
        let what_if = match layout {
            Layout::Explore => prose::what_if_all(input),
            Layout::Text | Layout::Document => prose::what_if(input),
        };
        let mut what_if = what_if.map(Section::WhatIf);
        // A student on the fence needs this first.
        if close {
            sections.extend(what_if.take());
        }
        let rows = match_rows(input);
        sections.push(Section::Match { rows: rows.clone() });
        sections.push(Section::Scores(scores(input, rows)));
        if !result.reasons.is_empty() {
            let reasons = reasons(input);
            sections.push(Section::Why { reasons });
        }
        sections.extend(what_if);
        sections.extend(shown_roles(input).map(|r| Section::About(role(input, r))));
        sections.extend(specialties(input).map(Section::Specialties));
        let run = Section::Run(Run {
            adaptive: prose::adaptive(input),
            order: prose::run(input),
        });
        match layout {
            Layout::Text | Layout::Explore => {
                if input.quiz.is_some() {
                    sections.push(run);
                }
            }
            Layout::Document => {
                sections.push(Section::Answers {
                    answers: answer_rows(input),
                });
                sections.push(run);
            }
        }
        View {
            bank: Bank {
                id: bank.id.clone(),
                version: bank.version,
                title: bank.title.clone(),
                description: bank.description.clone(),
            },
            header: Header {
                headline: prose::headline(input),
                verdict: result.recommendation.verdict.as_str(),
                verdict_name: prose::verdict_name(input),
                verdict_note: prose::verdict_note(input),
                answered: prose::answered(input),
                page_title: prose::page_title(input),
            },
            sections,
            all_jobs: (layout == Layout::Explore)
                .then(|| all_jobs(input))
                .flatten(),
        }
    }
}

fn match_rows(input: &ReportInput<'_>) -> Vec<MatchRow> {
    let result = input.assessment;
    result
        .fits
        .iter()
        .map(|fit| MatchRow {
            role: fit.role,
            name: input.bank.roles[fit.role].name.clone(),
            fit: fit.fit,
            best: fit.role == result.recommendation.role,
        })
        .collect()
}

fn scores(input: &ReportInput<'_>, roles: Vec<MatchRow>) -> Scores {
    let bank = input.bank;
    let dimensions = input
        .assessment
        .dimensions
        .iter()
        .map(|d| {
            let dimension = &bank.dimensions[d.dimension];
            Dimension {
                index: d.dimension,
                name: dimension.name.clone(),
                low: dimension.low.clone(),
                high: dimension.high.clone(),
                score: d.score,
                targets: roles
                    .iter()
                    .map(|r| bank.roles[r.role].profile[d.dimension])
                    .collect(),
            }
        })
        .collect();
    Scores { roles, dimensions }
}

fn reasons(input: &ReportInput<'_>) -> Vec<Reason> {
    let bank = input.bank;
    input
        .assessment
        .reasons
        .iter()
        .map(|reason| Reason {
            text: prose::reason(input, reason),
            short: prose::reason_short(input, reason),
            gist: prose::reason_gist(input, reason),
            given: reason
                .answers
                .iter()
                .filter_map(|&q| {
                    let question = &bank.questions[q];
                    let answer = input.answers.get(q)?;
                    Some(Given {
                        question: question.text.clone(),
                        answer: describe_answer(question, answer),
                    })
                })
                .collect(),
        })
        .collect()
}

/// The roles whose facts are shown: the best, and the runner-up too on a
/// close verdict, when the student is choosing between two.
fn shown_roles(input: &ReportInput<'_>) -> impl Iterator<Item = usize> {
    let rec = input.assessment.recommendation;
    let close = rec.verdict == Verdict::Close;
    std::iter::once(rec.role).chain(close.then_some(rec.runner_up))
}

fn facts(facts: &[(String, String)]) -> Vec<Fact> {
    facts
        .iter()
        .map(|(label, text)| Fact {
            label: label.clone(),
            text: text.clone(),
        })
        .collect()
}

fn role(input: &ReportInput<'_>, index: usize) -> Role {
    let role = &input.bank.roles[index];
    Role {
        name: role.name.clone(),
        summary: role.summary.clone(),
        facts: facts(&role.facts),
        examples: role.examples.clone(),
        source: role.source.clone(),
        next_steps: role.next_steps.clone(),
    }
}

fn specialties(input: &ReportInput<'_>) -> Option<Specialties> {
    let result = input.assessment;
    if result.specialties.is_empty() {
        return None;
    }
    Some(Specialties {
        heading: prose::specialties_heading(result.recommendation.verdict),
        items: specialty_items(input, &result.specialties),
        note: prose::SPECIALTY_NOTE,
    })
}

/// Every job of the roles whose facts are shown, best fit first, so that a
/// student can find the one they came for whatever its fit.
fn all_jobs(input: &ReportInput<'_>) -> Option<Specialties> {
    let result = input.assessment;
    let mut fits: Vec<_> = shown_roles(input)
        .flat_map(|role| result.all_specialties(input.bank, role))
        .collect();
    if fits.is_empty() {
        return None;
    }
    // Stable: equal fits keep the best role's jobs first.
    fits.sort_by(|a, b| b.fit.total_cmp(&a.fit));
    Some(Specialties {
        heading: prose::heading::ALL_JOBS,
        items: specialty_items(input, &fits),
        note: prose::SPECIALTY_NOTE,
    })
}

fn specialty_items(
    input: &ReportInput<'_>,
    fits: &[crate::engine::SpecialtyFit],
) -> Vec<Specialty> {
    let (bank, result) = (input.bank, input.assessment);
    let verdict = result.recommendation.verdict;
    fits.iter()
        .map(|fit| {
            let specialty = &bank.roles[fit.role].specialties[fit.specialty];
            Specialty {
                name: specialty.name.clone(),
                role: (verdict == Verdict::Close).then(|| bank.roles[fit.role].name.clone()),
                fit: fit.fit,
                summary: specialty.summary.clone(),
                facts: facts(&specialty.facts),
                source: specialty.source.clone(),
            }
        })
        .collect()
}

/// Every question in bank order with its answer in words.
fn answer_rows(input: &ReportInput<'_>) -> Vec<AnswerRow> {
    let asked: Option<&[String]> = input
        .quiz
        .as_ref()
        .filter(|q| q.adaptive.is_some())
        .map(|q| q.order.as_slice());
    input
        .bank
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| AnswerRow {
            question: question.text.clone(),
            answer: input.answers.get(q).map(|a| describe_answer(question, a)),
            asked: asked.is_none_or(|order| order.contains(&question.id)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Layout, Section, View};
    use crate::answers::{Answer, AnswerSet};
    use crate::bank::{Bank, bundled};
    use crate::engine::{self, Verdict};
    use crate::report::{AdaptiveRun, QuizRun, ReportInput};

    /// The close fixture's bank: two roles, five agree/disagree questions
    /// (two on hands, three on people).
    fn bank() -> Bank {
        bundled::BankSpec::parse("tests/fixtures/close/bank.yaml")
            .load()
            .unwrap()
    }

    fn answers(bank: &Bank, values: [f64; 5]) -> AnswerSet {
        let mut answers = AnswerSet::new(bank);
        for (q, v) in values.into_iter().enumerate() {
            answers.set(q, Some(Answer::Scale(v)));
        }
        answers
    }

    /// The kinds of the sections, in order.
    fn kinds_of(view: &View) -> Vec<&'static str> {
        (view.sections.iter())
            .map(|s| match s {
                Section::WhatIf(_) => "what_if",
                Section::Match { .. } => "match",
                Section::Scores(_) => "scores",
                Section::Why { .. } => "why",
                Section::About(_) => "about",
                Section::Specialties(_) => "specialties",
                Section::Warnings { .. } => "warnings",
                Section::Answers { .. } => "answers",
                Section::Run(_) => "run",
            })
            .collect()
    }

    fn build(values: [f64; 5], quiz: Option<QuizRun>, layout: Layout) -> (Verdict, View) {
        let bank = bank();
        let answers = answers(&bank, values);
        let assessment = engine::score(&bank, &answers).unwrap();
        let input = ReportInput {
            bank: &bank,
            answers: &answers,
            assessment: &assessment,
            quiz,
        };
        (assessment.recommendation.verdict, View::new(&input, layout))
    }

    /// The fixture's own answers: Maker ahead of Helper by 2 points.
    const CLOSE: [f64; 5] = [5.0, 4.0, 5.0, 4.0, 4.0];
    /// Hands all the way: Maker, clearly.
    const CLEAR: [f64; 5] = [5.0, 5.0, 1.0, 2.0, 1.0];

    #[test]
    fn a_close_call_leads_with_what_would_change_it_and_shows_both_roles() {
        let (verdict, view) = build(CLOSE, None, Layout::Document);
        assert_eq!(verdict, Verdict::Close, "the fixture");
        let kinds = kinds_of(&view);
        assert_eq!(kinds[..3], ["what_if", "match", "scores"], "{kinds:?}");
        assert_eq!(kinds.iter().filter(|k| **k == "what_if").count(), 1);
        assert_eq!(kinds.iter().filter(|k| **k == "about").count(), 2);
        assert!(view.sections.iter().any(|s| matches!(
            s,
            Section::Specialties(s) if s.items.iter().all(|i| i.role.is_some())
        )));
    }

    #[test]
    fn a_clear_result_explains_first_and_shows_one_role() {
        let (verdict, view) = build(CLEAR, None, Layout::Document);
        assert_eq!(verdict, Verdict::Clear, "the answers");
        let kinds = kinds_of(&view);
        let at = |kind| kinds.iter().position(|k| *k == kind).unwrap();
        assert_eq!(kinds[0], "match", "{kinds:?}");
        assert!(at("why") < at("what_if") && at("what_if") < at("about"));
        assert_eq!(kinds.iter().filter(|k| **k == "about").count(), 1);
        assert_eq!(kinds[kinds.len() - 2..], ["answers", "run"], "{kinds:?}");
    }

    #[test]
    fn the_text_layout_tells_how_the_quiz_ran_only_after_one() {
        let (_, view) = build(CLOSE, None, Layout::Text);
        let kinds = kinds_of(&view);
        assert!(!kinds.contains(&"run") && !kinds.contains(&"answers"));

        // The same answer everywhere adds a warning, which comes first,
        // right under the headline.
        let quiz = QuizRun {
            seed: Some(7),
            order: Vec::new(),
            adaptive: Some(AdaptiveRun {
                asked: 5,
                settled_after: None,
                cut_after: None,
            }),
        };
        let (_, view) = build([4.0; 5], Some(quiz), Layout::Text);
        let kinds = kinds_of(&view);
        assert_eq!(kinds[0], "warnings", "{kinds:?}");
        assert_eq!(kinds[kinds.len() - 1], "run", "{kinds:?}");
        let Some(Section::Run(run)) = view.sections.iter().find(|s| matches!(s, Section::Run(_)))
        else {
            unreachable!()
        };
        assert!(run.adaptive.is_some());
        assert!(run.order.contains("number 7"), "{}", run.order);
        assert!(!run.order.contains('`'), "{}", run.order);
    }

    #[test]
    fn warnings_come_right_under_the_headline_in_every_layout() {
        for layout in [Layout::Text, Layout::Document, Layout::Explore] {
            // The same answer everywhere: a close call with a warning.
            let (_, view) = build([4.0; 5], None, layout);
            let kinds = kinds_of(&view);
            assert_eq!(kinds[0], "warnings", "{layout:?}: {kinds:?}");
            assert_eq!(kinds.iter().filter(|k| **k == "warnings").count(), 1);
        }
        let (_, view) = build(CLEAR, None, Layout::Document);
        assert!(!kinds_of(&view).contains(&"warnings"), "none to give");
    }

    #[test]
    fn exploring_lists_every_job_of_the_leading_roles_and_every_change() {
        let bank = bundled::BankSpec::default().load().unwrap();
        // Every agree/disagree statement "Not sure", nothing else answered:
        // many changes, and a nurse's job far down the list.
        let mut answers = AnswerSet::new(&bank);
        for (q, question) in bank.questions.iter().enumerate() {
            if let crate::bank::QuestionKind::Likert { scale, .. } = &question.kind {
                let middle = scale.points[scale.points.len() / 2].value;
                answers.set(q, Some(Answer::Scale(middle)));
            }
        }
        let assessment = engine::score(&bank, &answers).unwrap();
        let input = ReportInput {
            bank: &bank,
            answers: &answers,
            assessment: &assessment,
            quiz: None,
        };
        let text = View::new(&input, Layout::Text);
        assert_eq!(text.all_jobs, None, "only when exploring");
        let view = View::new(&input, Layout::Explore);
        let jobs = view.all_jobs.as_ref().unwrap();
        let rec = assessment.recommendation;
        let mut expected: usize = bank.roles[rec.role].specialties.len();
        if rec.verdict == Verdict::Close {
            expected += bank.roles[rec.runner_up].specialties.len();
        }
        assert_eq!(jobs.items.len(), expected);
        assert!(jobs.items.windows(2).all(|w| w[0].fit >= w[1].fit));
        // The top ones are the ones the report suggests.
        let suggested: Vec<&str> = (assessment.specialties.iter())
            .map(|f| bank.roles[f.role].specialties[f.specialty].name.as_str())
            .collect();
        if rec.verdict != Verdict::Close {
            let top: Vec<&str> = jobs.items[..suggested.len()]
                .iter()
                .map(|i| i.name.as_str())
                .collect();
            assert_eq!(top, suggested);
        }
        let what_if = |view: &View| {
            view.sections.iter().find_map(|s| match s {
                Section::WhatIf(w) => Some(w.clone()),
                _ => None,
            })
        };
        let (all, some) = (what_if(&view).unwrap(), what_if(&text).unwrap());
        let wanted = assessment.what_if.as_ref().unwrap().changes.len();
        assert_eq!(all.changes.len(), wanted);
        assert!(some.changes.len() <= 3);
        assert!(all.note.is_none_or(|n| !n.contains("more")));
    }

    #[test]
    fn hostile_bank_text_never_reaches_a_terminal_raw() {
        use crate::report::Format;
        let mut bank = bank();
        bank.title = "Tools\u{1b}[2J\u{1b}]0;TITLE\u{7} or people?".into();
        bank.roles[0].name = "Ma\u{202e}ker\u{9b}".into();
        let answers = answers(&bank, CLOSE);
        let assessment = engine::score(&bank, &answers).unwrap();
        let input = ReportInput {
            bank: &bank,
            answers: &answers,
            assessment: &assessment,
            quiz: None,
        };
        for (format, color) in [
            (Format::Text, true),
            (Format::Text, false),
            (Format::Markdown, false),
        ] {
            let mut out = Vec::new();
            format.report(color).write(&input, &mut out).unwrap();
            let shown = String::from_utf8(out).unwrap();
            assert!(shown.contains("Tools\\u{1b}"), "{format:?}: {shown}");
            assert!(shown.contains("\\u{202e}"), "{format:?}");
            // What escapes remain are pathfit's own colours.
            let raw = shown.matches('\u{1b}').count();
            let styling = shown.matches("\u{1b}[").count();
            assert_eq!(raw, styling, "{format:?}");
            assert!(!shown.contains('\u{7}') && !shown.contains('\u{202e}'));
            assert_eq!(color, raw > 0, "{format:?}");
        }
    }
}
