//! The text report: what a student reads at the end. It fits in 80 columns
//! (or the terminal's width, see [`width_for`]) and says everything in
//! words, so it reads the same with colours off. What it shows comes from
//! the [`View`]; this module wraps, draws the bars and tracks, and paints.
//! [`TextReport::section`] draws one section alone, for a terminal that
//! shows the result a section at a time.

use std::io::{self, Write};

use super::prose::{self, heading};
use super::view::{Dimension, Layout, MatchRow, Role, Run, Scores, Section, Specialties, View};
use super::{Report, ReportInput, percent, truncate};

/// Width of the text for a file or pipe, leaving a margin in an 80-column
/// terminal.
pub const WIDTH: usize = 78;
/// The narrowest text drawn: below this the bars and tracks no longer say
/// anything.
const NARROWEST: usize = 20;
/// Width of a match bar, at most.
const BAR: usize = 40;

#[derive(Debug)]
pub struct TextReport {
    /// Emphasis with ANSI styles; everything is said in words as well.
    pub color: bool,
    /// Columns of text; [`WIDTH`] for files and pipes.
    pub width: usize,
    /// Charts in words only, without bar and track characters (which a
    /// screen reader reads out one by one): plain mode.
    pub words: bool,
}

impl Default for TextReport {
    fn default() -> Self {
        TextReport {
            color: false,
            width: WIDTH,
            words: false,
        }
    }
}

/// The width of a report written to a terminal (`terminal`) or elsewhere:
/// the terminal's [`crate::wrap::report_width`], or [`WIDTH`] for files,
/// pipes and a terminal whose size cannot be read.
pub fn width_for(terminal: bool) -> usize {
    match crate::wrap::terminal_size() {
        Some((columns, _)) if terminal => crate::wrap::report_width(columns),
        _ => WIDTH,
    }
}

const HEADING: anstyle::Style = anstyle::Style::new().bold();
const BEST: anstyle::Style = anstyle::AnsiColor::Green.on_default().bold();
const YOU: anstyle::Style = anstyle::AnsiColor::Cyan.on_default().bold();

impl Report for TextReport {
    fn write(&self, input: &ReportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Bank text cannot hold control characters (the bank checks refuse
        // them); the guard makes sure none ever reaches a terminal anyway.
        let out: &mut dyn Write = &mut crate::visible::Guard::new(out);
        let view = View::new(input, Layout::Text);
        let bank = &view.bank;
        // The student's title line: the quiz's name, no id or version.
        writeln!(out, "{}", bank.title)?;
        writeln!(out)?;
        self.headline(out, &view.header.headline)?;
        self.paragraph(out, &view.header.answered, "", "")?;
        for section in &view.sections {
            self.section(out, section)?;
        }
        Ok(())
    }
}

impl TextReport {
    /// The report's width, never below what the bars need.
    fn width(&self) -> usize {
        self.width.max(NARROWEST)
    }

    /// The headline, wrapped and in bold.
    pub fn headline(&self, out: &mut dyn Write, headline: &str) -> io::Result<()> {
        for line in textwrap::wrap(headline, crate::wrap::options(self.width())) {
            writeln!(out, "{}", self.paint(HEADING, &line))?;
        }
        Ok(())
    }

    /// One section as the whole report draws it, its heading after a blank
    /// line.
    pub fn section(&self, out: &mut dyn Write, section: &Section) -> io::Result<()> {
        match section {
            Section::WhatIf(what_if) => self.what_if(out, what_if),
            Section::Match { rows } => self.match_bars(out, rows),
            Section::Scores(scores) => self.scores(out, scores),
            Section::Why { reasons } => {
                self.heading(out, heading::WHY)?;
                for reason in reasons {
                    self.paragraph(out, &reason.text, "  • ", "    ")?;
                    for given in &reason.given {
                        let line = prose::given(&given.question, &given.answer);
                        self.paragraph(out, &line, "    ", "      ")?;
                    }
                }
                Ok(())
            }
            Section::About(role) => self.about(out, role),
            Section::Specialties(specialties) => self.specialties(out, specialties),
            Section::Run(run) => self.run_notes(out, run),
            Section::Warnings { warnings } => {
                self.heading(out, heading::WARNINGS)?;
                for warning in warnings {
                    self.paragraph(out, warning, "  • ", "    ")?;
                }
                Ok(())
            }
            // The student has just given them.
            Section::Answers { .. } => Ok(()),
        }
    }

    /// The match bars alone, without a heading: `name  ████░░░░  87%`.
    pub fn bars(&self, out: &mut dyn Write, rows: &[MatchRow]) -> io::Result<()> {
        let name_width = rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(24)
            .min(self.width() / 3);
        // Two spaces before the name and after it, two and four for the
        // percentage.
        if self.words {
            for row in rows {
                writeln!(out, "  {}: {}", row.name, percent(row.fit))?;
            }
            return Ok(());
        }
        let bar = BAR.min(self.width().saturating_sub(name_width + 10)).max(1);
        for row in rows {
            let filled = ((row.fit.clamp(0.0, 1.0) * bar as f64).round() as usize).min(bar);
            let style = if row.best {
                BEST
            } else {
                anstyle::Style::new()
            };
            writeln!(
                out,
                "  {:<name_width$}  {}{}  {:>4}",
                truncate(&row.name, name_width),
                self.paint(style, &"█".repeat(filled)),
                "░".repeat(bar - filled),
                percent(row.fit)
            )?;
        }
        Ok(())
    }

    fn paint(&self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// A section heading, in capitals after a blank line.
    fn heading(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        writeln!(out, "\n{}", self.paint(HEADING, &text.to_uppercase()))
    }

    fn what_if(&self, out: &mut dyn Write, what_if: &prose::WhatIfText) -> io::Result<()> {
        self.heading(out, heading::WHAT_IF)?;
        self.paragraph(out, &what_if.lead, "  ", "  ")?;
        for change in &what_if.changes {
            self.paragraph(out, change, "  • ", "    ")?;
        }
        if let Some(note) = &what_if.note {
            self.paragraph(out, note, "  ", "  ")?;
        }
        Ok(())
    }

    /// A bar per role, its name cut to fit.
    fn match_bars(&self, out: &mut dyn Write, rows: &[MatchRow]) -> io::Result<()> {
        self.heading(out, heading::MATCH)?;
        self.bars(out, rows)
    }

    /// A track per dimension with the student's score and the roles'
    /// targets on it.
    fn scores(&self, out: &mut dyn Write, scores: &Scores) -> io::Result<()> {
        let markers = role_markers(&scores.roles);
        self.heading(out, heading::SCORES)?;
        if self.words {
            for dimension in &scores.dimensions {
                writeln!(out)?;
                self.dimension_in_words(out, dimension, scores)?;
            }
            return Ok(());
        }
        let legend: Vec<String> = std::iter::once("● you".to_string())
            .chain(
                markers
                    .iter()
                    .map(|&(column, m)| format!("{m} {}", scores.roles[column].name)),
            )
            .collect();
        let legend = format!("On each line: {}.", legend.join(", "));
        self.paragraph(out, &legend, "  ", "  ")?;
        for dimension in &scores.dimensions {
            writeln!(out)?;
            self.dimension(out, dimension, &markers)?;
        }
        Ok(())
    }

    fn dimension(
        &self,
        out: &mut dyn Write,
        dimension: &Dimension,
        markers: &[(usize, char)],
    ) -> io::Result<()> {
        let Some(score) = dimension.score else {
            return writeln!(out, "  {}", prose::unmeasured(&dimension.name));
        };
        let label = format!("you {}", percent(score));
        let width = self.width() - 2;
        writeln!(
            out,
            "  {:<width$}{label}",
            truncate(&dimension.name, width.saturating_sub(label.len() + 1)),
            width = width.saturating_sub(label.len())
        )?;
        let line = track(dimension, score, markers, self.width() - 4);
        writeln!(out, "  {}", line.replace('●', &self.paint(YOU, "●")))?;
        let (low, high) = (&dimension.low, &dimension.high);
        let gap = self.width() as isize
            - 4
            - low.chars().count() as isize
            - high.chars().count() as isize;
        if gap >= 2 {
            writeln!(out, "  {low}{}{high}", " ".repeat(gap as usize))
        } else {
            self.paragraph(out, &format!("0% = {low}"), "  ", "    ")?;
            self.paragraph(out, &format!("100% = {high}"), "  ", "    ")
        }
    }

    /// A dimension as sentences: the student's score, each role's target,
    /// and what the ends mean.
    fn dimension_in_words(
        &self,
        out: &mut dyn Write,
        dimension: &Dimension,
        scores: &Scores,
    ) -> io::Result<()> {
        let Some(score) = dimension.score else {
            return writeln!(out, "  {}", prose::unmeasured(&dimension.name));
        };
        let targets: Vec<String> = scores
            .roles
            .iter()
            .zip(&dimension.targets)
            .map(|(role, &target)| format!("{} {}", role.name, percent(target)))
            .collect();
        let line = format!(
            "{}: you {}; {}.",
            dimension.name,
            percent(score),
            targets.join(", ")
        );
        self.paragraph(out, &line, "  ", "    ")?;
        self.paragraph(out, &format!("0% = {}", dimension.low), "  ", "    ")?;
        self.paragraph(out, &format!("100% = {}", dimension.high), "  ", "    ")
    }

    fn about(&self, out: &mut dyn Write, role: &Role) -> io::Result<()> {
        self.heading(out, &prose::about(&role.name))?;
        self.paragraph(out, &role.summary, "  ", "  ")?;
        for fact in &role.facts {
            self.paragraph(out, &format!("{}: {}", fact.label, fact.text), "  ", "    ")?;
        }
        if !role.examples.is_empty() {
            self.paragraph(out, &prose::examples(&role.examples), "  ", "    ")?;
        }
        if let Some(source) = &role.source {
            self.sources(out, source, "  ")?;
        }
        if !role.next_steps.is_empty() {
            writeln!(out, "\n  {}", heading::NEXT_STEPS)?;
            for step in &role.next_steps {
                self.paragraph(out, step, "  • ", "    ")?;
            }
        }
        Ok(())
    }

    fn specialties(&self, out: &mut dyn Write, specialties: &Specialties) -> io::Result<()> {
        self.heading(out, specialties.heading)?;
        for (i, specialty) in specialties.items.iter().enumerate() {
            writeln!(out)?;
            let title = prose::specialty_title(
                i + 1,
                &specialty.name,
                specialty.role.as_deref(),
                &percent(specialty.fit),
            );
            self.paragraph(out, &self.paint(HEADING, &title), "  ", "     ")?;
            if let Some(summary) = &specialty.summary {
                self.paragraph(out, summary, "     ", "     ")?;
            }
            for fact in &specialty.facts {
                let line = format!("{}: {}", fact.label, fact.text);
                self.paragraph(out, &line, "     ", "       ")?;
            }
            if let Some(source) = &specialty.source {
                self.sources(out, source, "     ")?;
            }
        }
        writeln!(out)?;
        self.paragraph(out, specialties.note, "  ", "  ")
    }
}

impl TextReport {
    /// How the quiz was run, after a blank line and without a heading.
    fn run_notes(&self, out: &mut dyn Write, run: &Run) -> io::Result<()> {
        writeln!(out)?;
        if let Some(line) = &run.adaptive {
            self.paragraph(out, line, "", "")?;
        }
        self.paragraph(out, &run.order, "", "")
    }
}

/// The roles marked on the dimension tracks, as columns of
/// [`Scores::roles`], with a letter each: up to three roles all, in bank
/// order; with more, only the best two, so one line of text stays
/// readable. The letter is the first of each name when those differ,
/// otherwise a number.
fn role_markers(roles: &[MatchRow]) -> Vec<(usize, char)> {
    let mut columns: Vec<usize> = (0..roles.len()).collect();
    if roles.len() <= 3 {
        columns.sort_by_key(|&c| roles[c].role);
    } else {
        columns.truncate(2);
    }
    let initials: Vec<char> = columns
        .iter()
        .map(|&c| {
            roles[c]
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
    columns
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let marker = if distinct {
                initials[i]
            } else {
                char::from_digit(i as u32 + 1, 10).unwrap_or('+')
            };
            (c, marker)
        })
        .collect()
}

/// `├──T──────C────●─┤`: the student's score and each role's target on one
/// line from 0% to 100%.
fn track(dimension: &Dimension, score: f64, markers: &[(usize, char)], cells: usize) -> String {
    let place = |v: f64| ((v.clamp(0.0, 1.0) * (cells - 1) as f64).round() as usize).min(cells - 1);
    let mut cells = vec!['─'; cells];
    for &(column, marker) in markers {
        cells[place(dimension.targets[column])] = marker;
    }
    cells[place(score)] = '●';
    format!("├{}┤", cells.into_iter().collect::<String>())
}

impl TextReport {
    /// Writes a role's or specialty's `source` at `indent`. Several sources,
    /// separated by ` ; ` in the bank, are listed one per line: wrapped as one
    /// paragraph, a separator after a long web address would start a line.
    fn sources(&self, out: &mut dyn Write, source: &str, indent: &str) -> io::Result<()> {
        let parts: Vec<&str> = source
            .split(" ; ")
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() < 2 {
            let rest = format!("{indent}  ");
            return self.paragraph(out, &prose::source(source), indent, &rest);
        }
        writeln!(out, "{indent}Sources:")?;
        for part in parts {
            self.paragraph(
                out,
                part,
                &format!("{indent}  • "),
                &format!("{indent}    "),
            )?;
        }
        Ok(())
    }
}

impl TextReport {
    /// Writes `text` wrapped to the report width.
    fn paragraph(
        &self,
        out: &mut dyn Write,
        text: &str,
        first: &str,
        rest: &str,
    ) -> io::Result<()> {
        let options = crate::wrap::options(self.width())
            .initial_indent(first)
            .subsequent_indent(rest);
        for line in textwrap::wrap(text, options) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::TextReport;
    use crate::answers::file::read_file;
    use crate::bank::bundled::BankSpec;
    use crate::report::{Report, ReportInput};

    fn report(width: usize) -> String {
        let bank = BankSpec::default().load().unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/clinician.yaml");
        let answers = read_file(std::path::Path::new(path), &bank).unwrap();
        let assessment = crate::engine::score(&bank, &answers).unwrap();
        let input = ReportInput {
            bank: &bank,
            answers: &answers,
            assessment: &assessment,
            quiz: None,
        };
        let mut out = Vec::new();
        let report = TextReport {
            color: false,
            width,
            words: false,
        };
        report.write(&input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The longest line that has a space in it (a web address alone on a
    /// line may be longer).
    fn widest(text: &str) -> usize {
        text.lines()
            .filter(|l| l.trim().contains(' '))
            .map(|l| l.chars().count())
            .max()
            .unwrap()
    }

    #[test]
    fn the_report_keeps_to_its_width() {
        assert_eq!(report(78), report(TextReport::default().width));
        for width in [60, 78, 100] {
            let text = report(width);
            assert!(widest(&text) <= width, "{width}: {}", widest(&text));
            assert!(widest(&text) > width - 10, "{width}: {}", widest(&text));
        }
        // The tracks span the width.
        let wide = report(100);
        assert!(
            wide.lines()
                .any(|l| l.starts_with("  ├") && l.chars().count() == 100)
        );
    }
}
