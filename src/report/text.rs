//! The text report: what a student reads at the end. It fits in 80 columns
//! and says everything in words, so it reads the same with colours off.

use std::io::{self, Write};

use super::{Report, ReportInput, percent};
use crate::answers::describe_answer;
use crate::engine::{Reason, Verdict, Warning};

/// Width of the text, leaving a margin in an 80-column terminal.
const WIDTH: usize = 78;
/// Width of a match bar.
const BAR: usize = 40;
/// Width of a dimension track between its end marks.
const TRACK: usize = WIDTH - 4;

#[derive(Debug, Default)]
pub struct TextReport {
    /// Emphasis with ANSI styles; everything is said in words as well.
    pub color: bool,
}

const HEADING: anstyle::Style = anstyle::Style::new().bold();
const BEST: anstyle::Style = anstyle::AnsiColor::Green.on_default().bold();
const YOU: anstyle::Style = anstyle::AnsiColor::Cyan.on_default().bold();

impl TextReport {
    fn paint(&self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

impl Report for TextReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (bank, result) = (input.bank, input.assessment);
        let rec = result.recommendation;
        writeln!(out, "{}  ({} v{})", bank.title, bank.id, bank.version)?;
        writeln!(out)?;
        for line in textwrap::wrap(&headline(input), WIDTH) {
            writeln!(out, "{}", self.paint(HEADING, &line))?;
        }
        let mut answered = format!(
            "You answered {} of {} questions",
            result.answered, result.total
        );
        if result.skipped > 0 {
            answered.push_str(&format!(" and skipped {}", result.skipped));
        }
        answered.push('.');
        paragraph(out, &answered, "", "")?;

        writeln!(out, "\n{}", self.paint(HEADING, "MATCH"))?;
        let name_width = bank
            .roles
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        for fit in &result.fits {
            let filled = (fit.fit * BAR as f64).round() as usize;
            let style = if fit.role == rec.role {
                BEST
            } else {
                anstyle::Style::new()
            };
            writeln!(
                out,
                "  {:<name_width$}  {}{}  {:>4}",
                truncate(&bank.roles[fit.role].name, name_width),
                self.paint(style, &"█".repeat(filled)),
                "░".repeat(BAR - filled),
                percent(fit.fit)
            )?;
        }

        let markers = role_markers(input);
        writeln!(out, "\n{}", self.paint(HEADING, "YOUR SCORES"))?;
        let legend: Vec<String> = std::iter::once("● you".to_string())
            .chain(
                markers
                    .iter()
                    .map(|(role, m)| format!("{m} {}", bank.roles[*role].name)),
            )
            .collect();
        paragraph(
            out,
            &format!("On each line: {}.", legend.join(", ")),
            "  ",
            "  ",
        )?;
        for d in &result.dimensions {
            let dimension = &bank.dimensions[d.dimension];
            writeln!(out)?;
            let Some(score) = d.score else {
                writeln!(
                    out,
                    "  {}: not measured (no answered question)",
                    dimension.name
                )?;
                continue;
            };
            let label = format!("you {}", percent(score));
            writeln!(
                out,
                "  {:<width$}{label}",
                truncate(&dimension.name, WIDTH - 2 - label.len() - 1),
                width = WIDTH - 2 - label.len()
            )?;
            let line = track(input, d.dimension, score, &markers);
            writeln!(out, "  {}", line.replace('●', &self.paint(YOU, "●")))?;
            let (low, high) = (&dimension.low, &dimension.high);
            let gap =
                WIDTH as isize - 4 - low.chars().count() as isize - high.chars().count() as isize;
            if gap >= 2 {
                writeln!(out, "  {low}{}{high}", " ".repeat(gap as usize))?;
            } else {
                paragraph(out, &format!("0% = {low}"), "  ", "    ")?;
                paragraph(out, &format!("100% = {high}"), "  ", "    ")?;
            }
        }

        if !result.reasons.is_empty() {
            writeln!(out, "\n{}", self.paint(HEADING, "WHY"))?;
            for reason in &result.reasons {
                paragraph(out, &reason_sentence(input, reason), "  • ", "    ")?;
                let given: Vec<String> = reason
                    .answers
                    .iter()
                    .filter_map(|&q| {
                        let question = &bank.questions[q];
                        let answer = input.answers.get(q)?;
                        Some(format!(
                            "“{}” → {}",
                            question.text,
                            describe_answer(question, answer)
                        ))
                    })
                    .collect();
                for line in given {
                    paragraph(out, &line, "    ", "      ")?;
                }
            }
        }

        let shown: Vec<usize> = if rec.verdict == Verdict::Close {
            vec![rec.role, rec.runner_up]
        } else {
            vec![rec.role]
        };
        for &role in &shown {
            let role = &bank.roles[role];
            let heading = format!("ABOUT {}", role.name.to_uppercase());
            writeln!(out, "\n{}", self.paint(HEADING, &heading))?;
            paragraph(out, &role.summary, "  ", "  ")?;
            for (label, text) in &role.facts {
                paragraph(out, &format!("{label}: {text}"), "  ", "    ")?;
            }
            if !role.examples.is_empty() {
                paragraph(
                    out,
                    &format!("For example: {}.", role.examples.join(", ")),
                    "  ",
                    "    ",
                )?;
            }
            if let Some(source) = &role.source {
                paragraph(out, &format!("Source: {source}"), "  ", "    ")?;
            }
            if !role.next_steps.is_empty() {
                writeln!(out, "\n  Next steps")?;
                for step in &role.next_steps {
                    paragraph(out, step, "  • ", "    ")?;
                }
            }
        }

        if let Some(quiz) = &input.quiz {
            let again = match quiz.seed {
                Some(seed) => format!(
                    "Questions were shuffled with seed {seed}: `pathfit take --seed {seed}` asks them in the same order."
                ),
                None => "Questions were asked in the bank's own order.".to_string(),
            };
            writeln!(out)?;
            paragraph(out, &again, "", "")?;
        }

        if !result.warnings.is_empty() {
            writeln!(out, "\n{}", self.paint(HEADING, "PLEASE NOTE"))?;
            for warning in &result.warnings {
                paragraph(out, &warning_sentence(input, warning), "  • ", "    ")?;
            }
        }
        Ok(())
    }
}

/// The recommendation in one sentence that matches the verdict.
pub fn headline(input: &ReportInput<'_>) -> String {
    let (bank, result) = (input.bank, input.assessment);
    let rec = result.recommendation;
    let (w, r) = (&bank.roles[rec.role].name, &bank.roles[rec.runner_up].name);
    let (fw, fr) = (
        percent(result.fit_of(rec.role)),
        percent(result.fit_of(rec.runner_up)),
    );
    match rec.verdict {
        _ if rec.tie => format!(
            "{w} and {r} fit you equally well ({fw} each): both paths suit you, and the reasons below show where each one matches."
        ),
        Verdict::Clear => {
            format!("{w} fits you best, and clearly: you match it {fw}, against {fr} for {r}.")
        }
        Verdict::Lean => format!(
            "You lean towards {w}: you match it {fw}, against {fr} for {r}. The lead is real but not large."
        ),
        Verdict::Close => format!(
            "It is a close call: both {w} ({fw}) and {r} ({fr}) fit you. The reasons below show what separates them."
        ),
    }
}

/// One reason in plain words.
pub fn reason_sentence(input: &ReportInput<'_>, reason: &Reason) -> String {
    let bank = input.bank;
    let dimension = &bank.dimensions[reason.dimension];
    let (favours, against) = (&bank.roles[reason.favours], &bank.roles[reason.against]);
    format!(
        "{} points to {} ({} of the difference): you scored {}, where {} is at {} and {} at {}.",
        dimension.name,
        favours.name,
        percent(reason.share),
        percent(reason.score),
        favours.name,
        percent(favours.profile[reason.dimension]),
        against.name,
        percent(against.profile[reason.dimension]),
    )
}

pub fn warning_sentence(input: &ReportInput<'_>, warning: &Warning) -> String {
    match warning {
        Warning::SameLikertAnswer { value, count } => {
            let label = input
                .bank
                .questions
                .iter()
                .find_map(|q| match &q.kind {
                    crate::bank::QuestionKind::Likert { scale, .. } => scale.by_value(*value),
                    _ => None,
                })
                .map_or_else(|| value.to_string(), |p| format!("“{}”", p.label));
            format!(
                "You gave all {count} agree/disagree statements the same answer ({label}), so this result says little about your preferences. Try again and weigh each statement on its own."
            )
        }
        Warning::NotMeasured { dimension } => format!(
            "No answered question measured “{}”, so it was left out of the match.",
            input.bank.dimensions[*dimension].name
        ),
    }
}

/// A letter per role for the dimension tracks: the first letter of each
/// name when those differ, otherwise numbers.
fn role_markers(input: &ReportInput<'_>) -> Vec<(usize, char)> {
    let rec = input.assessment.recommendation;
    let roles: Vec<usize> = if input.bank.roles.len() <= 3 {
        (0..input.bank.roles.len()).collect()
    } else {
        vec![rec.role, rec.runner_up]
    };
    let initials: Vec<char> = roles
        .iter()
        .map(|&r| {
            input.bank.roles[r]
                .name
                .chars()
                .next()
                .map_or('?', |c| c.to_ascii_uppercase())
        })
        .collect();
    let distinct = initials
        .iter()
        .enumerate()
        .all(|(i, c)| !initials[..i].contains(c) && *c != '?');
    roles
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let marker = if distinct {
                initials[i]
            } else {
                char::from_digit(i as u32 + 1, 10).unwrap_or('+')
            };
            (r, marker)
        })
        .collect()
}

/// `├──T──────C────●─┤`: the student's score and each role's target on one
/// line from 0% to 100%.
fn track(
    input: &ReportInput<'_>,
    dimension: usize,
    score: f64,
    markers: &[(usize, char)],
) -> String {
    let place = |v: f64| ((v * (TRACK - 1) as f64).round() as usize).min(TRACK - 1);
    let mut cells = vec!['─'; TRACK];
    for &(role, marker) in markers {
        cells[place(input.bank.roles[role].profile[dimension])] = marker;
    }
    cells[place(score)] = '●';
    format!("├{}┤", cells.into_iter().collect::<String>())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Writes `text` wrapped to the report width.
fn paragraph(out: &mut dyn Write, text: &str, first: &str, rest: &str) -> io::Result<()> {
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in textwrap::wrap(text, options) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
