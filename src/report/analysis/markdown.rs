//! The item analysis as one Markdown document, to paste into a message, a
//! wiki or a repository. Bank text is untrusted and escaped with the
//! report's own [`inline`] and [`cell`], so a `|` or a backtick in a
//! question cannot break a table or open code.

use std::io::{self, Write};

use super::prose::{self, fig, heading};
use super::{
    answers_line, flags_present, half_double, items_in_order, question_text, role_name, sem_or,
    two_or,
};
use crate::bank::Bank;
use crate::engine::reliability::{DimensionReliability, Flag, ItemAnalysis, ItemStats};
use crate::report::markdown::{cell, inline};

/// Writes `analysis` of `bank` as Markdown.
pub fn write_markdown(out: &mut dyn Write, bank: &Bank, analysis: &ItemAnalysis) -> io::Result<()> {
    // Bank text cannot hold control characters (the bank checks refuse
    // them); the guard makes sure none ever reaches a terminal anyway.
    let out: &mut dyn Write = &mut crate::visible::Guard::new(out);
    writeln!(
        out,
        "# {}\n",
        prose::title(&inline(&bank.title), analysis.bank.version)
    )?;
    writeln!(out, "{}", prose::INTRO)?;

    writeln!(out, "\n## {}\n", heading::WHO)?;
    let role = |id: &str| inline(role_name(bank, id));
    for sentence in prose::respondents(&analysis.respondents, &role) {
        writeln!(out, "- {sentence}")?;
    }

    writeln!(out, "\n## {}\n", heading::HOW_TO_READ)?;
    for figure in prose::figures() {
        writeln!(out, "- **{}**: {}", figure.name, figure.meaning)?;
    }

    writeln!(out, "\n## {}\n", heading::OVERVIEW)?;
    writeln!(
        out,
        "| {} | {} | {} |",
        prose::DIMENSION,
        prose::short(fig::ALPHA),
        prose::FLAGS
    )?;
    writeln!(out, "| --- | ---: | --- |")?;
    for d in &analysis.dimensions {
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(&d.name),
            two_or(d.alpha, prose::NOT_COMPUTED),
            flag_codes(&d.flags)
        )?;
    }

    let count = analysis.dimensions.len();
    for (i, d) in analysis.dimensions.iter().enumerate() {
        let name = inline(&d.name);
        writeln!(
            out,
            "\n## {}\n",
            prose::dimension_heading(i + 1, count, &name)
        )?;
        dimension(out, bank, d)?;
    }

    writeln!(out, "\n## {}\n", heading::FLAGS)?;
    let flags = flags_present(analysis);
    if flags.is_empty() {
        writeln!(out, "{}", prose::NOTHING_FLAGGED)?;
    }
    for flag in flags {
        let text = prose::flag(flag);
        writeln!(out, "- `{}`: {} {}", text.code, text.meaning, text.try_this)?;
    }
    Ok(())
}

fn dimension(out: &mut dyn Write, bank: &Bank, d: &DimensionReliability) -> io::Result<()> {
    writeln!(out, "{}\n", prose::dimension_counts(d.k, d.n, d.excluded))?;
    let none = prose::NOT_COMPUTED;
    writeln!(out, "| Figure | Value |")?;
    writeln!(out, "| --- | ---: |")?;
    for (index, value) in [
        (fig::ALPHA, two_or(d.alpha, none)),
        (fig::ALPHA_STD, two_or(d.alpha_std, none)),
        (fig::MEAN_R, two_or(d.mean_r, none)),
        (fig::SEM, sem_or(d.sem, none)),
        (fig::SPEARMAN_BROWN, half_double(d, none)),
    ] {
        writeln!(out, "| {} | {value} |", prose::short(index))?;
    }
    let flags = if d.flags.is_empty() {
        prose::NO_FLAGS.to_string()
    } else {
        flag_codes(&d.flags)
    };
    writeln!(out, "\n{}: {flags}", prose::FLAGS)?;
    let reasons = d.undefined.iter().map(|(k, r)| (*k, *r));
    for sentence in prose::undefined(reasons, d.k, d.n) {
        writeln!(out, "\n{sentence}")?;
    }
    if d.items.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n### {}\n", heading::ITEMS)?;
    let mut header = format!("| {} |", prose::QUESTION);
    let mut rule = String::from("| --- |");
    for index in prose::ITEM_COLUMNS {
        header.push_str(&format!(" {} |", prose::short(index)));
        rule.push_str(" ---: |");
    }
    writeln!(
        out,
        "{header} {} | {} |\n{rule} --- | --- |",
        prose::FLAGS,
        prose::ANSWERS
    )?;
    for item in items_in_order(d) {
        row(out, bank, item)?;
    }
    Ok(())
}

fn row(out: &mut dyn Write, bank: &Bank, item: &ItemStats) -> io::Result<()> {
    let none = prose::NOT_COMPUTED;
    let mut question = format!("**{}**", cell(&item.question));
    if let Some(text) = question_text(bank, &item.question) {
        question.push_str("<br>");
        question.push_str(&cell(text));
    }
    let values = [
        item.mean.map_or_else(|| none.to_string(), prose::two),
        item.sd.map_or_else(|| none.to_string(), prose::two),
        prose::share(item.skipped),
        two_or(item.r_drop, none),
        two_or(item.alpha_if_dropped, none),
    ];
    writeln!(
        out,
        "| {question} | {} | {} | {} |",
        values.join(" | "),
        flag_codes(&item.flags),
        distribution(item)
    )
}

/// A question's answers in a cell: `1 10%, 2 20%, …`.
fn distribution(item: &ItemStats) -> String {
    answers_line(item, |b| {
        let mut s = format!("{} {}", cell(&b.label), prose::share(b.share));
        if b.rare {
            s.push_str(&format!(" (*{}*)", prose::RARE));
        }
        s
    })
}

/// Flag codes as code spans.
fn flag_codes(flags: &[Flag]) -> String {
    let codes: Vec<String> = flags.iter().map(|f| format!("`{}`", f.code())).collect();
    codes.join(", ")
}
