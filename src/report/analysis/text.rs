//! The item analysis as text for a terminal or a file, wrapped to a width:
//! who the figures are from, what each figure means, alpha per dimension at
//! a glance, then per dimension its figures and a table of its questions
//! (flagged first), and what the flags that occur mean.

use std::borrow::Cow;
use std::io::{self, Write};

use super::prose::{self, fig, heading};
use super::{
    answers_line, codes, flags_present, half_double, items_in_order, question_text, role_name,
    sem_or, two_or,
};
use crate::bank::Bank;
use crate::engine::reliability::{DimensionReliability, ItemAnalysis, ItemStats};
use crate::report::truncate;
use crate::visible::visible;

/// The numeric columns of the question table: header and width.
const COLUMNS: [(&str, usize); 5] = [
    ("Mean", 5),
    ("SD", 5),
    ("Skipped", 7),
    ("r drop", 6),
    (prose::IF_DROPPED, 10),
];
/// The narrowest the question-id column gets.
const MIN_ID: usize = 8;
/// Where a figure's value starts in a dimension's list of figures.
const VALUE_AT: usize = 21;

/// Writes `analysis` of `bank` for a person, wrapped to `width` columns
/// (a longer line only where one word is longer). Bank text reaches the
/// output through [`visible`], so it cannot hold a raw control character.
pub fn write_text(
    out: &mut dyn Write,
    bank: &Bank,
    analysis: &ItemAnalysis,
    width: usize,
) -> io::Result<()> {
    let out: &mut dyn Write = &mut crate::visible::Guard::new(out);
    let w = Writer { width };
    w.para(
        out,
        &prose::title(&visible(&bank.title), analysis.bank.version),
        "",
    )?;
    writeln!(out)?;
    w.para(out, prose::INTRO, "")?;

    w.heading(out, heading::WHO)?;
    let role = |id: &str| visible(role_name(bank, id)).into_owned();
    for sentence in prose::respondents(&analysis.respondents, &role) {
        w.para(out, &sentence, "  ")?;
    }

    w.heading(out, heading::HOW_TO_READ)?;
    for figure in prose::figures() {
        w.hanging(out, &format!("{}: {}", figure.name, figure.meaning), 2)?;
    }

    w.heading(out, heading::OVERVIEW)?;
    w.overview(out, analysis)?;

    let count = analysis.dimensions.len();
    for (i, d) in analysis.dimensions.iter().enumerate() {
        writeln!(out)?;
        let name = visible(&d.name);
        w.para(out, &prose::dimension_heading(i + 1, count, &name), "")?;
        w.dimension(out, bank, d)?;
    }

    w.heading(out, heading::FLAGS)?;
    let flags = flags_present(analysis);
    if flags.is_empty() {
        w.para(out, prose::NOTHING_FLAGGED, "  ")?;
    }
    for flag in flags {
        let text = prose::flag(flag);
        w.hanging(
            out,
            &format!("{}: {} {}", text.code, text.meaning, text.try_this),
            2,
        )?;
    }
    Ok(())
}

struct Writer {
    width: usize,
}

impl Writer {
    /// `text` wrapped, every line indented by `indent`.
    fn para(&self, out: &mut dyn Write, text: &str, indent: &str) -> io::Result<()> {
        let options = crate::wrap::options(self.width)
            .initial_indent(indent)
            .subsequent_indent(indent);
        for line in textwrap::wrap(text, options) {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// A figure's label and value, the value wrapped under itself.
    fn figure(&self, out: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
        let text = format!("{label:<VALUE_AT$}{value}");
        let rest = " ".repeat(2 + VALUE_AT);
        let options = crate::wrap::options(self.width)
            .initial_indent("  ")
            .subsequent_indent(&rest);
        for line in textwrap::wrap(&text, options) {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// `text` wrapped, indented by `indent`, its later lines two more.
    fn hanging(&self, out: &mut dyn Write, text: &str, indent: usize) -> io::Result<()> {
        let first = " ".repeat(indent);
        let rest = " ".repeat(indent + 2);
        let options = crate::wrap::options(self.width)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        for line in textwrap::wrap(text, options) {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    fn heading(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        writeln!(out)?;
        self.para(out, &text.to_uppercase(), "")
    }

    /// Alpha per dimension, one line each: the dimensions to look at
    /// stand out by their flags.
    fn overview(&self, out: &mut dyn Write, analysis: &ItemAnalysis) -> io::Result<()> {
        let name_width = self.width.saturating_sub(2 + 7 + 2 + 12).clamp(MIN_ID, 32);
        writeln!(
            out,
            "  {:<name_width$} {:>6}  {}",
            prose::DIMENSION,
            prose::short(fig::ALPHA),
            prose::FLAGS
        )?;
        for d in &analysis.dimensions {
            let name = one_line(&d.name);
            let alpha = two_or(d.alpha, prose::DASH);
            let line = format!(
                "  {:<name_width$} {alpha:>6}  {}",
                truncate(&name, name_width),
                codes(&d.flags)
            );
            if line.trim_end().chars().count() <= self.width {
                writeln!(out, "{}", line.trim_end())?;
            } else {
                // No room beside the figure: the flags go under it.
                writeln!(
                    out,
                    "  {:<name_width$} {alpha:>6}",
                    truncate(&name, name_width)
                )?;
                self.hanging(out, &codes(&d.flags), 4)?;
            }
        }
        Ok(())
    }

    fn dimension(
        &self,
        out: &mut dyn Write,
        bank: &Bank,
        d: &DimensionReliability,
    ) -> io::Result<()> {
        self.para(out, &prose::dimension_counts(d.k, d.n, d.excluded), "  ")?;
        let dash = prose::DASH;
        let figures = [
            (fig::ALPHA, two_or(d.alpha, dash)),
            (fig::ALPHA_STD, two_or(d.alpha_std, dash)),
            (fig::MEAN_R, two_or(d.mean_r, dash)),
            (fig::SEM, sem_or(d.sem, dash)),
            (fig::SPEARMAN_BROWN, half_double(d, dash)),
        ];
        for (index, value) in figures {
            let label = format!("{}:", prose::short(index));
            self.figure(out, &label, &value)?;
        }
        let flags = if d.flags.is_empty() {
            prose::NO_FLAGS.to_string()
        } else {
            codes(&d.flags)
        };
        self.figure(out, &format!("{}:", prose::FLAGS), &flags)?;
        let reasons = d.undefined.iter().map(|(k, r)| (*k, *r));
        for sentence in prose::undefined(reasons, d.k, d.n) {
            self.para(out, &sentence, "  ")?;
        }
        if d.items.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        let numbers: usize = COLUMNS.iter().map(|(_, w)| w + 1).sum();
        let longest = (d.items.iter())
            .map(|i| one_line(&i.question).chars().count())
            .chain([prose::QUESTION.chars().count(), MIN_ID])
            .max()
            .unwrap_or(MIN_ID);
        // Ids are what an author looks for in the bank: never cut. When
        // the longest does not fit beside the numbers, each id gets a line
        // of its own above them (`id_width` 0).
        let id_width = if 2 + longest + numbers <= self.width {
            self.width - 2 - numbers
        } else {
            writeln!(out, "  {}", prose::QUESTION)?;
            0
        };
        let mut header = format!(
            "  {:<id_width$}",
            if id_width > 0 { prose::QUESTION } else { "" }
        );
        for (name, w) in COLUMNS {
            header.push_str(&format!(" {name:>w$}"));
        }
        writeln!(out, "{header}")?;
        for item in items_in_order(d) {
            self.item(out, bank, item, id_width)?;
        }
        Ok(())
    }

    /// One question's row, then its text (shortened to a line), flags and
    /// answers.
    fn item(
        &self,
        out: &mut dyn Write,
        bank: &Bank,
        item: &ItemStats,
        id_width: usize,
    ) -> io::Result<()> {
        let dash = prose::DASH;
        let id = one_line(&item.question);
        let values = [
            item.mean.map_or_else(|| dash.to_string(), prose::two),
            item.sd.map_or_else(|| dash.to_string(), prose::two),
            prose::share(item.skipped),
            two_or(item.r_drop, dash),
            two_or(item.alpha_if_dropped, dash),
        ];
        let mut row = if id_width == 0 {
            writeln!(out, "  {id}")?;
            "  ".to_string()
        } else {
            format!("  {id:<id_width$}")
        };
        for ((_, w), value) in COLUMNS.iter().zip(values) {
            row.push_str(&format!(" {value:>w$}"));
        }
        writeln!(out, "{row}")?;
        if let Some(text) = question_text(bank, &item.question) {
            let room = self.width.saturating_sub(4).max(MIN_ID);
            writeln!(out, "    {}", truncate(&one_line(text), room))?;
        }
        if !item.flags.is_empty() {
            self.hanging(out, &format!("{}: {}", prose::FLAGS, codes(&item.flags)), 4)?;
        }
        self.hanging(
            out,
            &format!("{}: {}", prose::ANSWERS, distribution(item)),
            4,
        )?;
        Ok(())
    }
}

/// A question's answers on one line: `1 10%, 2 20%, …`, each answer's
/// value and share held together so a wrap never separates them.
fn distribution(item: &ItemStats) -> String {
    answers_line(item, |b| {
        let mut s = format!("{}\u{a0}{}", one_line(&b.value), prose::share(b.share));
        if b.rare {
            s.push_str(&format!(" ({})", prose::RARE));
        }
        s
    })
}

/// Bank text made visible and put on one line.
fn one_line(text: &str) -> String {
    let shown: Cow<'_, str> = visible(text);
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}
