//! The text form of `pathfit inspect`'s analysis, for bank authors reading
//! it in a terminal; the JSON form is the analysis serialized as it is.

use std::io::{self, Write};

use super::percent;
use crate::bank::Bank;
use crate::engine::analysis::Inspection;

/// Writes the inspection of `bank` for a person.
pub fn write_text(out: &mut dyn Write, bank: &Bank, report: &Inspection) -> io::Result<()> {
    let out: &mut dyn Write = &mut crate::visible::Guard::new(out);
    let name = |id: &str| {
        bank.roles
            .iter()
            .find(|r| r.id == id)
            .map_or(id.to_string(), |r| r.name.clone())
    };
    let kinds: Vec<String> = report
        .kinds
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    writeln!(
        out,
        "{}  ({} v{})\n",
        bank.title, report.bank, report.version
    )?;
    writeln!(
        out,
        "{} questions ({}), about {} minutes.",
        report.questions,
        kinds.join(", "),
        report.seconds.div_ceil(60).max(1)
    )?;
    writeln!(out, "\nQUESTIONS PER DIMENSION")?;
    for (id, n) in &report.per_dimension {
        writeln!(out, "  {id:<24} {n:>3}")?;
    }
    writeln!(out, "\nCAN EVERY ROLE WIN?")?;
    for line in textwrap::wrap(
        &format!("Found by {}.", report.method),
        crate::wrap::options(76),
    ) {
        writeln!(out, "  {line}")?;
    }
    for reach in &report.roles {
        let status = match (reach.verdict, reach.cut_short) {
            (Some(verdict), false) => format!(
                "yes, best lead {} points ({})",
                (reach.best_margin * 100.0).round(),
                verdict.as_str()
            ),
            (Some(verdict), true) => format!(
                "yes, best lead at least {} points ({}; the search stopped at its work limit)",
                (reach.best_margin * 100.0).round(),
                verdict.as_str()
            ),
            (None, false) => "NO: no answers found make it the recommendation".to_string(),
            (None, true) => "NOT PROVEN: the search stopped at its work limit before it found answers that make it the recommendation".to_string(),
        };
        writeln!(out, "  {:<24} {status}", name(&reach.role))?;
    }
    writeln!(
        out,
        "\nMOST DECISIVE QUESTIONS ({} vs {}: how far one answer moves the gap)",
        name(&report.compared.0),
        name(&report.compared.1)
    )?;
    for (i, swing) in report.decisive.iter().take(10).enumerate() {
        let text: String = swing.text.chars().take(40).collect();
        writeln!(
            out,
            "  {:>2}. {:<22} {:>3} points  {text}{}",
            i + 1,
            swing.question,
            (swing.swing * 100.0).round(),
            if swing.text.chars().count() > 40 {
                "…"
            } else {
                ""
            }
        )?;
    }
    if let Some(left_out) = report.decisive_left_out {
        note(
            out,
            &format!(
                "{left_out} more questions were not compared: this bank is too big to compare every question within inspect's work limit."
            ),
        )?;
    }
    let s = &report.synthetic;
    writeln!(
        out,
        "\n{} RANDOM RESPONDENTS (seed {})",
        s.respondents, s.seed
    )?;
    for (id, count) in &s.wins {
        let share = if s.respondents > 0 {
            *count as f64 / s.respondents as f64
        } else {
            0.0
        };
        writeln!(out, "  {:<24} {count:>6}  {:>4}", name(id), percent(share))?;
    }
    let verdicts: Vec<String> = s
        .verdicts
        .iter()
        .map(|(v, n)| format!("{} {n}", v.as_str()))
        .collect();
    writeln!(out, "  verdicts: {}", verdicts.join(", "))?;
    let a = &s.adaptive;
    if a.respondents > 0 {
        writeln!(
            out,
            "  adaptive mode: {:.1} questions on average ({} to {}), {} of {} stopped early;",
            a.average_asked, a.fewest_asked, a.most_asked, a.stopped_early, a.respondents
        )?;
        writeln!(
            out,
            "    same result as answering everything for {} of {} ({})",
            a.agree,
            a.respondents,
            percent(a.agree as f64 / a.respondents as f64)
        )?;
    }
    if a.cut_short > 0 {
        note(
            out,
            &format!(
                "for {} of them adaptive mode stopped comparing questions part way (its work limit) and asked the rest in order",
                a.cut_short
            ),
        )?;
    }
    if a.not_replayed > 0 {
        note(
            out,
            &format!(
                "{} more respondents were scored but not replayed through adaptive mode, to keep inspect within its work limit",
                a.not_replayed
            ),
        )?;
    }
    for warning in &s.warnings {
        for (i, line) in textwrap::wrap(warning, crate::wrap::options(74))
            .iter()
            .enumerate()
        {
            writeln!(out, "  {}{line}", if i == 0 { "⚠ " } else { "  " })?;
        }
    }
    Ok(())
}

/// A note about the analysis itself, indented and wrapped like the rest.
fn note(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for (i, line) in textwrap::wrap(text, crate::wrap::options(74))
        .iter()
        .enumerate()
    {
        writeln!(out, "  {}{line}", if i == 0 { "" } else { "  " })?;
    }
    Ok(())
}
