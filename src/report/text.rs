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

impl TextReport {
    fn what_if(&self, out: &mut dyn Write, input: &ReportInput<'_>) -> io::Result<()> {
        let Some((lead, changes, note)) = what_if_sentences(input) else {
            return Ok(());
        };
        writeln!(
            out,
            "\n{}",
            self.paint(HEADING, "WHAT WOULD CHANGE YOUR RESULT")
        )?;
        paragraph(out, &lead, "  ", "  ")?;
        for change in &changes {
            paragraph(out, change, "  • ", "    ")?;
        }
        if let Some(note) = note {
            paragraph(out, &note, "  ", "  ")?;
        }
        Ok(())
    }
}

/// Said under the suggested specialties, whatever the bank.
pub const SPECIALTY_NOTE: &str = "Job matches compare your scores with a profile of each job that the bank's authors judged from its description: a pointer to explore, not a measurement.";

/// At most this many answer changes are spelled out; the JSON lists all.
const SHOWN_CHANGES: usize = 3;

/// "What would change your result" in plain words: a lead sentence, one
/// line per changed answer (at most three), and a note when the search was
/// not exact or more changes are needed than are shown.
pub fn what_if_sentences(input: &ReportInput<'_>) -> Option<(String, Vec<String>, Option<String>)> {
    let (bank, result) = (input.bank, input.assessment);
    let what_if = result.what_if.as_ref()?;
    let winner = &bank.roles[result.recommendation.role].name;
    let other = &bank.roles[what_if.role].name;
    let n = what_if.changes.len();
    let lead = if n == 1 {
        format!("{other} would fit you better than {winner} if you changed just one answer:")
    } else {
        format!("{other} would fit you better than {winner} if {n} of your answers were different:")
    };
    let lines = what_if
        .changes
        .iter()
        .take(SHOWN_CHANGES)
        .map(|c| change_sentence(input, c))
        .collect();
    let mut notes = Vec::new();
    if n > SHOWN_CHANGES {
        notes.push(format!(
            "…and {} more (`--format json` lists them all).",
            n - SHOWN_CHANGES
        ));
    }
    if !what_if.exact {
        notes.push(format!(
            "This is the smallest change found, not proven smallest: at least {} changes are needed.",
            what_if.at_least
        ));
    }
    let note = (!notes.is_empty()).then(|| notes.join(" "));
    Some((lead, lines, note))
}

/// How to ask the questions in the same order again.
pub fn order_sentence(input: &ReportInput<'_>) -> String {
    let adaptive = input.quiz.as_ref().is_some_and(|q| q.adaptive.is_some());
    match (input.quiz.as_ref().and_then(|q| q.seed), adaptive) {
        (Some(seed), false) => format!(
            "Questions were shuffled with seed {seed}: `pathfit take --seed {seed}` asks them in the same order."
        ),
        (Some(seed), true) => format!(
            "Options were shuffled, and ties between equally telling questions broken, with seed {seed}: `pathfit take --adaptive --seed {seed}` asks the same way again."
        ),
        (None, false) => "Questions were asked in the bank's own order.".to_string(),
        (None, true) => {
            "Ties between equally telling questions were broken in the bank's own order."
                .to_string()
        }
    }
}

/// One changed answer in words. For a multi question only the difference
/// is named: which options to tick as well, and which to leave unticked.
fn change_sentence(input: &ReportInput<'_>, change: &crate::engine::what_if::Change) -> String {
    use crate::answers::Answer;
    let question = &input.bank.questions[change.question];
    let options = question.kind.options();
    let quoted = |picked: Vec<usize>| {
        let names: Vec<String> = picked
            .iter()
            .map(|&o| format!("“{}”", options[o].text))
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    };
    let how = match (&change.from, &change.to) {
        (Some(Answer::Multi(from)), Answer::Multi(to)) => {
            let added: Vec<usize> = to.iter().copied().filter(|o| !from.contains(o)).collect();
            let removed: Vec<usize> = from.iter().copied().filter(|o| !to.contains(o)).collect();
            match (added.is_empty(), removed.is_empty()) {
                (false, true) => format!("also ticking {}", quoted(added)),
                (true, false) => format!("not ticking {}", quoted(removed)),
                _ => format!("ticking {} rather than {}", quoted(added), quoted(removed)),
            }
        }
        (Some(from), to) => format!(
            "{} instead of {}",
            describe_answer(question, to),
            describe_answer(question, from)
        ),
        (None, to) => format!("{} (you gave no answer)", describe_answer(question, to)),
    };
    format!("“{}”: {how}.", question.text)
}

/// How adaptive mode went, in one sentence; `None` outside adaptive mode.
pub fn adaptive_sentence(input: &ReportInput<'_>) -> Option<String> {
    let run = input.quiz.as_ref()?.adaptive?;
    let total = input.bank.questions.len();
    Some(match run.settled_after {
        Some(k) if k < run.asked => format!(
            "Adaptive mode: your result was settled after {k} of {total} questions, and you went on to answer {} in all.",
            run.asked
        ),
        Some(k) => format!(
            "Adaptive mode: your result was settled after {k} of {total} questions; no answer to the other {} could have changed it.",
            total - k
        ),
        None => format!(
            "Adaptive mode: {} of {total} questions were asked before they ran out.",
            run.asked
        ),
    })
}

impl Report for TextReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (bank, result) = (input.bank, input.assessment);
        let rec = result.recommendation;
        writeln!(out, "{}  ({} v{})", bank.title, bank.id, bank.version)?;
        writeln!(out)?;
        for line in textwrap::wrap(&headline(input), crate::wrap::options(WIDTH)) {
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

        // A student on the fence needs this first.
        if rec.verdict == Verdict::Close {
            self.what_if(out, input)?;
        }

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

        if rec.verdict != Verdict::Close {
            self.what_if(out, input)?;
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
                sources(out, source, "  ")?;
            }
            if !role.next_steps.is_empty() {
                writeln!(out, "\n  Next steps")?;
                for step in &role.next_steps {
                    paragraph(out, step, "  • ", "    ")?;
                }
            }
        }

        if !result.specialties.is_empty() {
            let heading = if rec.verdict == Verdict::Close {
                "THE BEST-FITTING JOB ON EACH PATH"
            } else {
                "JOBS ON THIS PATH THAT FIT YOU BEST"
            };
            writeln!(out, "\n{}", self.paint(HEADING, heading))?;
            for (i, fit) in result.specialties.iter().enumerate() {
                let specialty = &bank.roles[fit.role].specialties[fit.specialty];
                writeln!(out)?;
                let path = if rec.verdict == Verdict::Close {
                    format!(" ({})", bank.roles[fit.role].name)
                } else {
                    String::new()
                };
                let title = format!(
                    "{}. {}{path}, {} match",
                    i + 1,
                    specialty.name,
                    percent(fit.fit)
                );
                paragraph(out, &self.paint(HEADING, &title), "  ", "     ")?;
                if let Some(summary) = &specialty.summary {
                    paragraph(out, summary, "     ", "     ")?;
                }
                for (label, text) in &specialty.facts {
                    paragraph(out, &format!("{label}: {text}"), "     ", "       ")?;
                }
                if let Some(source) = &specialty.source {
                    sources(out, source, "     ")?;
                }
            }
            writeln!(out)?;
            paragraph(out, SPECIALTY_NOTE, "  ", "  ")?;
        }

        if input.quiz.is_some() {
            writeln!(out)?;
            if let Some(line) = adaptive_sentence(input) {
                paragraph(out, &line, "", "")?;
            }
            paragraph(out, &order_sentence(input), "", "")?;
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

/// Writes a role's or specialty's `source` at `indent`. Several sources,
/// separated by ` ; ` in the bank, are listed one per line: wrapped as one
/// paragraph, a separator after a long web address would start a line.
fn sources(out: &mut dyn Write, source: &str, indent: &str) -> io::Result<()> {
    let parts: Vec<&str> = source
        .split(" ; ")
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.len() < 2 {
        return paragraph(
            out,
            &format!("Source: {source}"),
            indent,
            &format!("{indent}  "),
        );
    }
    writeln!(out, "{indent}Sources:")?;
    for part in parts {
        paragraph(
            out,
            part,
            &format!("{indent}  • "),
            &format!("{indent}    "),
        )?;
    }
    Ok(())
}

/// Writes `text` wrapped to the report width.
fn paragraph(out: &mut dyn Write, text: &str, first: &str, rest: &str) -> io::Result<()> {
    let options = crate::wrap::options(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest);
    for line in textwrap::wrap(text, options) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}
