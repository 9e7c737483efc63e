//! The Markdown report: the whole result as one document to paste into a
//! message, a wiki or a repository. Bank text is untrusted and escaped, so a
//! `|` or a newline in a role name cannot break a table and `<`, `*` or `[`
//! cannot turn into markup.

use std::io::{self, Write};

use super::{Report, ReportInput, percent};
use crate::answers::describe_answer;
use crate::engine::{Reason, Verdict};
use crate::report::text::{
    SPECIALTY_NOTE, adaptive_sentence, headline, order_sentence, reason_sentence, warning_sentence,
    what_if_sentences,
};

pub struct MarkdownReport;

impl Report for MarkdownReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (bank, result) = (input.bank, input.assessment);
        let rec = result.recommendation;

        writeln!(out, "# {}", inline(&bank.title))?;
        writeln!(out)?;
        writeln!(out, "**{}**", inline(&headline(input)))?;
        writeln!(out)?;
        writeln!(
            out,
            "**Verdict: {}.** {}",
            verdict_name(input),
            inline(&verdict_note(input))
        )?;
        writeln!(out)?;
        writeln!(out, "{}", inline(&answered_sentence(input)))?;

        // A student on the fence needs this first (as in the text report).
        if rec.verdict == Verdict::Close {
            what_if(out, input)?;
        }

        writeln!(out, "\n## Match\n")?;
        writeln!(out, "| Role | Match |")?;
        writeln!(out, "| --- | ---: |")?;
        for fit in &result.fits {
            let name = cell(&bank.roles[fit.role].name);
            let name = if fit.role == rec.role {
                format!("**{name}** (best match)")
            } else {
                name
            };
            writeln!(out, "| {name} | {} |", percent(fit.fit))?;
        }

        writeln!(out, "\n## Your scores\n")?;
        writeln!(
            out,
            "Each dimension runs from 0% to 100%. “You” is your score; each role's column is that role's target, the score that suits it best.\n"
        )?;
        let roles: Vec<usize> = result.fits.iter().map(|f| f.role).collect();
        let mut header = vec!["Dimension".to_string(), "You".to_string()];
        header.extend(roles.iter().map(|&r| cell(&bank.roles[r].name)));
        header.extend(["0% means".to_string(), "100% means".to_string()]);
        let mut align = vec!["---", "---:"];
        align.extend(roles.iter().map(|_| "---:"));
        align.extend(["---", "---"]);
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(out, "| {} |", align.join(" | "))?;
        for d in &result.dimensions {
            let dimension = &bank.dimensions[d.dimension];
            let mut row = vec![
                cell(&dimension.name),
                d.score.map_or_else(|| "not measured".to_string(), percent),
            ];
            row.extend(
                roles
                    .iter()
                    .map(|&r| percent(bank.roles[r].profile[d.dimension])),
            );
            row.extend([cell(&dimension.low), cell(&dimension.high)]);
            writeln!(out, "| {} |", row.join(" | "))?;
        }

        if !result.reasons.is_empty() {
            writeln!(out, "\n## Why\n")?;
            for reason in &result.reasons {
                writeln!(out, "- {}", inline(&reason_sentence(input, reason)))?;
                for (question, answer) in reason_answers(input, reason) {
                    writeln!(out, "  - “{}” → {}", inline(&question), inline(&answer))?;
                }
            }
        }

        if rec.verdict != Verdict::Close {
            what_if(out, input)?;
        }

        for &role in &shown_roles(input) {
            let role = &bank.roles[role];
            writeln!(out, "\n## About {}\n", inline(&role.name))?;
            writeln!(out, "{}", inline(&role.summary))?;
            if !role.facts.is_empty() {
                writeln!(out)?;
                for (label, text) in &role.facts {
                    writeln!(out, "- **{}:** {}", inline(label), inline(text))?;
                }
            }
            if !role.examples.is_empty() {
                let examples: Vec<String> = role.examples.iter().map(|e| inline(e)).collect();
                writeln!(out, "\nFor example: {}.", examples.join(", "))?;
            }
            if let Some(source) = &role.source {
                writeln!(out, "\nSource: {}", inline(source))?;
            }
            if !role.next_steps.is_empty() {
                writeln!(out, "\n### Next steps\n")?;
                for step in &role.next_steps {
                    writeln!(out, "- {}", inline(step))?;
                }
            }
        }

        specialties(out, input)?;

        if !result.warnings.is_empty() {
            writeln!(out, "\n## Please note\n")?;
            for warning in &result.warnings {
                writeln!(out, "- {}", inline(&warning_sentence(input, warning)))?;
            }
        }

        writeln!(out, "\n## Your answers\n")?;
        writeln!(out, "| Question | Your answer |")?;
        writeln!(out, "| --- | --- |")?;
        for (question, answer) in answer_rows(input) {
            let answer = answer.map_or_else(|| "*skipped*".to_string(), |a| cell(&a));
            writeln!(out, "| {} | {answer} |", cell(&question))?;
        }

        writeln!(out, "\n## About this report\n")?;
        writeln!(
            out,
            "Question bank: `{}` version {} (“{}”).",
            bank.id,
            bank.version,
            inline(&bank.title)
        )?;
        // Neither sentence holds bank text: their backticks are code spans.
        if let Some(adaptive) = adaptive_sentence(input) {
            writeln!(out, "\n{adaptive}")?;
        }
        let run = run_sentence(input);
        writeln!(out, "\n{run}")?;
        Ok(())
    }
}

/// `clear`, `lean`, `close`, or `close (a tie)`.
pub fn verdict_name(input: &ReportInput<'_>) -> &'static str {
    let rec = input.assessment.recommendation;
    if rec.tie {
        "close (a tie)"
    } else {
        rec.verdict.as_str()
    }
}

/// The margin behind the verdict and the bank's thresholds for it.
pub fn verdict_note(input: &ReportInput<'_>) -> String {
    let (bank, rec) = (input.bank, input.assessment.recommendation);
    let points = |v: f64| format!("{:.0}", v * 100.0);
    let rule = format!(
        "a lead of {} points or more is clear, {} or more a lean, less is close",
        points(bank.thresholds.clear),
        points(bank.thresholds.lean)
    );
    if rec.tie {
        return format!(
            "{} and {} are level ({rule}).",
            bank.roles[rec.role].name, bank.roles[rec.runner_up].name
        );
    }
    let lead = points(rec.margin);
    let unit = if lead == "1" { "point" } else { "points" };
    let what = match rec.verdict {
        Verdict::Clear => "a clear lead",
        Verdict::Lean => "a lean",
        Verdict::Close => "a close call",
    };
    format!(
        "{} leads {} by {lead} {unit}: {what} ({rule}).",
        bank.roles[rec.role].name, bank.roles[rec.runner_up].name
    )
}

/// "You answered 26 of 26 questions." with the skips, if any.
pub fn answered_sentence(input: &ReportInput<'_>) -> String {
    let result = input.assessment;
    let mut text = format!(
        "You answered {} of {} questions",
        result.answered, result.total
    );
    if result.skipped > 0 {
        text.push_str(&format!(" and skipped {}", result.skipped));
    }
    text.push('.');
    text
}

/// The roles whose facts are shown: the best, and the runner-up too on a
/// close verdict (as in the text report).
pub fn shown_roles(input: &ReportInput<'_>) -> Vec<usize> {
    let rec = input.assessment.recommendation;
    if rec.verdict == Verdict::Close {
        vec![rec.role, rec.runner_up]
    } else {
        vec![rec.role]
    }
}

/// The answers behind a reason: (question text, answer in words).
pub fn reason_answers(input: &ReportInput<'_>, reason: &Reason) -> Vec<(String, String)> {
    reason
        .answers
        .iter()
        .filter_map(|&q| {
            let question = &input.bank.questions[q];
            let answer = input.answers.get(q)?;
            Some((question.text.clone(), describe_answer(question, answer)))
        })
        .collect()
}

/// Every question in bank order with its answer in words; `None`: skipped.
pub fn answer_rows(input: &ReportInput<'_>) -> Vec<(String, Option<String>)> {
    input
        .bank
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let answer = input.answers.get(q).map(|a| describe_answer(question, a));
            (question.text.clone(), answer)
        })
        .collect()
}

/// How the questions were put to the student, and how to ask them the
/// same way again. Holds no bank text; `pathfit take` commands are in
/// backticks.
pub fn run_sentence(input: &ReportInput<'_>) -> String {
    if input.quiz.is_some() {
        order_sentence(input)
    } else {
        "Scored from an answers file, so no question order or seed applies.".to_string()
    }
}

/// The heading of the specialties section, which depends on the verdict.
pub fn specialties_heading(input: &ReportInput<'_>) -> &'static str {
    if input.assessment.recommendation.verdict == Verdict::Close {
        "The best-fitting job on each path"
    } else {
        "Jobs on this path that fit you best"
    }
}

/// "What would change your result", if the engine found a change.
fn what_if(out: &mut dyn Write, input: &ReportInput<'_>) -> io::Result<()> {
    let Some((lead, changes, note)) = what_if_sentences(input) else {
        return Ok(());
    };
    writeln!(out, "\n## What would change your result\n")?;
    writeln!(out, "{}", inline(&lead))?;
    if !changes.is_empty() {
        writeln!(out)?;
        for change in &changes {
            writeln!(out, "- {}", inline(change))?;
        }
    }
    if let Some(note) = note {
        // Numbers and fixed words only: its backticks are a code span.
        writeln!(out, "\n{note}")?;
    }
    Ok(())
}

/// The suggested specialties, best first, with their facts.
fn specialties(out: &mut dyn Write, input: &ReportInput<'_>) -> io::Result<()> {
    let (bank, result) = (input.bank, input.assessment);
    if result.specialties.is_empty() {
        return Ok(());
    }
    let close = result.recommendation.verdict == Verdict::Close;
    writeln!(out, "\n## {}", specialties_heading(input))?;
    for (i, fit) in result.specialties.iter().enumerate() {
        let specialty = &bank.roles[fit.role].specialties[fit.specialty];
        let path = if close {
            format!(" ({})", inline(&bank.roles[fit.role].name))
        } else {
            String::new()
        };
        writeln!(
            out,
            "\n### {}. {}{path}, {} match",
            i + 1,
            inline(&specialty.name),
            percent(fit.fit)
        )?;
        if let Some(summary) = &specialty.summary {
            writeln!(out, "\n{}", inline(summary))?;
        }
        if !specialty.facts.is_empty() {
            writeln!(out)?;
            for (label, text) in &specialty.facts {
                writeln!(out, "- **{}:** {}", inline(label), inline(text))?;
            }
        }
        if let Some(source) = &specialty.source {
            writeln!(out, "\nSource: {}", inline(source))?;
        }
    }
    writeln!(out, "\n{}", inline(SPECIALTY_NOTE))?;
    Ok(())
}

/// Bank text for running Markdown (a paragraph, a list item, a heading):
/// line breaks become spaces, characters that start markup are
/// backslash-escaped, and so is anything at the start that would open a
/// block (a heading, a list, a quote).
pub fn inline(text: &str) -> String {
    let text = text.split(['\r', '\n']).filter(|l| !l.is_empty());
    let text = text.collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len() + 8);
    // `12. ` or `3) ` at the start would open an ordered list.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let list_number = digits > 0
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    if text.starts_with(['#', '-', '+', '=']) {
        out.push('\\');
    }
    for (i, c) in text.chars().enumerate() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        ) || (list_number && i == digits)
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Bank text for a table cell: as [`inline`] (which escapes `|`), with line
/// breaks kept as `<br>`.
pub fn cell(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(inline)
        .collect();
    lines.join("<br>")
}

#[cfg(test)]
mod tests {
    use super::{cell, inline};

    #[test]
    fn inline_escapes_markup_and_block_starts() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("**bold** [x](y)"), "\\*\\*bold\\*\\* \\[x\\](y)");
        assert_eq!(inline("# heading"), "\\# heading");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("12. item"), "12\\. item");
        assert_eq!(inline("a\nb"), "a b");
        assert_eq!(inline("3.5 years"), "3.5 years");
        assert_eq!(inline("7)"), "7\\)");
    }

    #[test]
    fn cells_keep_line_breaks_without_breaking_the_row() {
        assert_eq!(cell("one|two\nthree"), "one\\|two<br>three");
        assert!(!cell("a\r\nb").contains('\n'));
    }
}
