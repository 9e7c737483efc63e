//! The Markdown report: the whole result as one document to paste into a
//! message, a wiki or a repository. What it shows comes from the [`View`];
//! this module writes it as Markdown. Bank text is untrusted and escaped, so
//! a `|` or a newline in a role name cannot break a table and `<`, `*` or
//! `[` cannot turn into markup.

use std::io::{self, Write};

use super::prose::{self, heading};
use super::view::{Bank, Fact, Layout, MatchRow, Role, Run, Scores, Section, Specialties, View};
use super::{Report, ReportInput, percent};

pub struct MarkdownReport;

impl Report for MarkdownReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Bank text cannot hold control characters (the bank checks refuse
        // them); the guard makes sure none ever reaches a terminal anyway.
        let out: &mut dyn Write = &mut crate::visible::Guard::new(out);
        let view = View::new(input, Layout::Document);
        let header = &view.header;
        writeln!(out, "# {}", inline(&view.bank.title))?;
        writeln!(out)?;
        writeln!(out, "**{}**", inline(&header.headline))?;
        writeln!(out)?;
        let note = inline(&header.verdict_note);
        writeln!(out, "**Verdict: {}.** {note}", header.verdict_name)?;
        writeln!(out)?;
        writeln!(out, "{}", inline(&header.answered))?;
        for section in &view.sections {
            match section {
                Section::WhatIf(what_if) => write_what_if(out, what_if)?,
                Section::Match { rows } => match_table(out, rows)?,
                Section::Scores(scores) => scores_table(out, scores)?,
                Section::Why { reasons } => {
                    writeln!(out, "\n## {}\n", heading::WHY)?;
                    for reason in reasons {
                        writeln!(out, "- {}", inline(&reason.text))?;
                        for given in &reason.given {
                            let (q, a) = (inline(&given.question), inline(&given.answer));
                            writeln!(out, "  - {}", prose::given(&q, &a))?;
                        }
                    }
                }
                Section::About(role) => about(out, role)?,
                Section::Specialties(specialties) => write_specialties(out, specialties)?,
                Section::Warnings { warnings } => {
                    writeln!(out, "\n## {}\n", heading::WARNINGS)?;
                    for warning in warnings {
                        writeln!(out, "- {}", inline(warning))?;
                    }
                }
                Section::Answers { answers } => {
                    writeln!(out, "\n## {}\n", heading::ANSWERS)?;
                    writeln!(out, "| Question | Your answer |")?;
                    writeln!(out, "| --- | --- |")?;
                    for row in answers {
                        let unanswered = if row.asked {
                            "*skipped*"
                        } else {
                            "*not asked*"
                        };
                        let answer = row
                            .answer
                            .as_deref()
                            .map_or_else(|| unanswered.to_string(), cell);
                        writeln!(out, "| {} | {answer} |", cell(&row.question))?;
                    }
                }
                Section::Run(run) => about_report(out, &view.bank, run)?,
            }
        }
        Ok(())
    }
}

fn write_what_if(out: &mut dyn Write, what_if: &prose::WhatIfText) -> io::Result<()> {
    writeln!(out, "\n## {}\n", heading::WHAT_IF)?;
    writeln!(out, "{}", inline(&what_if.lead))?;
    if !what_if.changes.is_empty() {
        writeln!(out)?;
        for change in &what_if.changes {
            writeln!(out, "- {}", inline(change))?;
        }
    }
    if let Some(note) = &what_if.note {
        // Numbers and fixed words only: its backticks are a code span.
        writeln!(out, "\n{note}")?;
    }
    Ok(())
}

fn match_table(out: &mut dyn Write, rows: &[MatchRow]) -> io::Result<()> {
    writeln!(out, "\n## {}\n", heading::MATCH)?;
    writeln!(out, "| Role | Match |")?;
    writeln!(out, "| --- | ---: |")?;
    for row in rows {
        let name = cell(&row.name);
        let name = if row.best {
            format!("**{name}** (best match)")
        } else {
            name
        };
        writeln!(out, "| {name} | {} |", percent(row.fit))?;
    }
    Ok(())
}

/// A row per dimension: the student's score, each role's target, and what
/// the two ends mean.
fn scores_table(out: &mut dyn Write, scores: &Scores) -> io::Result<()> {
    writeln!(out, "\n## {}\n", heading::SCORES)?;
    writeln!(
        out,
        "Each dimension runs from 0% to 100%. “You” is your score; each role's column is that role's target, the score that suits it best.\n"
    )?;
    let mut header = vec!["Dimension".to_string(), "You".to_string()];
    header.extend(scores.roles.iter().map(|r| cell(&r.name)));
    header.extend(["0% means".to_string(), "100% means".to_string()]);
    let mut align = vec!["---", "---:"];
    align.extend(scores.roles.iter().map(|_| "---:"));
    align.extend(["---", "---"]);
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "| {} |", align.join(" | "))?;
    for d in &scores.dimensions {
        let you = d
            .score
            .map_or_else(|| prose::NOT_MEASURED.to_string(), percent);
        let mut row = vec![cell(&d.name), you];
        row.extend(d.targets.iter().map(|&t| percent(t)));
        row.extend([cell(&d.low), cell(&d.high)]);
        writeln!(out, "| {} |", row.join(" | "))?;
    }
    Ok(())
}

fn about(out: &mut dyn Write, role: &Role) -> io::Result<()> {
    writeln!(out, "\n## {}\n", prose::about(&inline(&role.name)))?;
    writeln!(out, "{}", inline(&role.summary))?;
    facts(out, &role.facts)?;
    if !role.examples.is_empty() {
        let examples: Vec<String> = role.examples.iter().map(|e| inline(e)).collect();
        writeln!(out, "\n{}", prose::examples(&examples))?;
    }
    if let Some(source) = &role.source {
        writeln!(out, "\n{}", prose::source(&inline(source)))?;
    }
    if !role.next_steps.is_empty() {
        writeln!(out, "\n### {}\n", heading::NEXT_STEPS)?;
        for step in &role.next_steps {
            writeln!(out, "- {}", inline(step))?;
        }
    }
    Ok(())
}

/// `- **label:** text`, after a blank line; nothing when there are none.
fn facts(out: &mut dyn Write, facts: &[Fact]) -> io::Result<()> {
    if !facts.is_empty() {
        writeln!(out)?;
        for fact in facts {
            writeln!(out, "- **{}:** {}", inline(&fact.label), inline(&fact.text))?;
        }
    }
    Ok(())
}

fn write_specialties(out: &mut dyn Write, specialties: &Specialties) -> io::Result<()> {
    writeln!(out, "\n## {}", specialties.heading)?;
    for (i, specialty) in specialties.items.iter().enumerate() {
        let role = specialty.role.as_deref().map(inline);
        let name = inline(&specialty.name);
        let fit = percent(specialty.fit);
        let title = prose::specialty_title(i + 1, &name, role.as_deref(), &fit);
        writeln!(out, "\n### {title}")?;
        if let Some(summary) = &specialty.summary {
            writeln!(out, "\n{}", inline(summary))?;
        }
        facts(out, &specialty.facts)?;
        if let Some(source) = &specialty.source {
            writeln!(out, "\n{}", prose::source(&inline(source)))?;
        }
    }
    writeln!(out, "\n{}", inline(specialties.note))
}

/// The bank, and how the answers were gathered.
fn about_report(out: &mut dyn Write, bank: &Bank, run: &Run) -> io::Result<()> {
    writeln!(out, "\n## {}\n", heading::ABOUT_REPORT)?;
    writeln!(
        out,
        "Question bank: {} version {} (“{}”).",
        inline(&bank.id),
        bank.version,
        inline(&bank.title)
    )?;
    // Neither sentence holds bank text: their backticks are code spans.
    if let Some(adaptive) = &run.adaptive {
        writeln!(out, "\n{adaptive}")?;
    }
    writeln!(out, "\n{}", run.order)
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
