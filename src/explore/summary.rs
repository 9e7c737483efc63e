//! The summary the quiz ends on: the headline, any caveat (the same answer
//! to every statement, a dimension not measured), the match bars, the
//! reasons one line each, the best-fitting jobs, where the result was saved
//! and a next step, cut to the rows left above the menu so the headline and
//! the match are on the screen the moment the last question is answered.
//!
//! Every line is made from the [`View`] the report is drawn from; the text
//! report draws the headline and the bars.

use std::path::Path;

use crate::report::percent;
use crate::report::text::TextReport;
use crate::report::view::{Section, View};

/// The rows the headline and the match bars take, with the blank line
/// between them: what the menu must leave room for.
pub fn essential_rows(view: &View, report: &TextReport) -> usize {
    headline(view, report).len() + 1 + bars(view, report).len()
}

/// The summary in at most `budget` rows (the headline and the match are
/// kept whatever the budget: they are what the student came for). Parts are
/// left out, least needed first: the next step, the jobs, the reasons one
/// by one, where the result was saved, and last the caveats, which say how
/// far to trust the rest.
pub fn summary(
    view: &View,
    report: &TextReport,
    saved: Option<&str>,
    budget: usize,
) -> Vec<String> {
    let width = report.width;
    let head = headline(view, report);
    let bars = bars(view, report);
    let mut caveats = caveats(view, width);
    let mut reasons = reasons(view, width);
    let mut jobs = jobs(view, width);
    let saved = saved.map(|path| wrap(&format!("Your result is saved in {path}."), width, ""));
    let mut saved = saved.unwrap_or_default();
    let mut next = next_step(view, width);
    let assemble = |caveats: &[String],
                    reasons: &[String],
                    jobs: &[String],
                    saved: &[String],
                    next: &[String]| {
        let mut lines = head.clone();
        if !caveats.is_empty() {
            lines.push(String::new());
            lines.extend(caveats.iter().cloned());
        }
        lines.push(String::new());
        lines.extend(bars.iter().cloned());
        if !reasons.is_empty() {
            lines.push(String::new());
            lines.extend(reasons.iter().cloned());
        }
        let tail: Vec<&String> = jobs.iter().chain(saved).chain(next).collect();
        if !tail.is_empty() {
            lines.push(String::new());
            lines.extend(tail.into_iter().cloned());
        }
        lines
    };
    loop {
        let lines = assemble(&caveats, &reasons, &jobs, &saved, &next);
        if lines.len() <= budget {
            return lines;
        }
        if !next.is_empty() {
            next.clear();
        } else if !jobs.is_empty() {
            jobs.clear();
        } else if !reasons.is_empty() {
            // The last reason, all its lines.
            let last = reasons.iter().rposition(|l| l.starts_with("  • "));
            reasons.truncate(last.unwrap_or(0));
        } else if !saved.is_empty() {
            saved.clear();
        } else if !caveats.is_empty() {
            caveats.clear();
        } else {
            return lines;
        }
    }
}

/// A path as the summary shows it: escaped, the home folder as `~`.
pub fn shown_path(path: &Path) -> String {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let shown = match home.and_then(|h| path.strip_prefix(h).ok().map(Path::to_path_buf)) {
        Some(rest) => Path::new("~").join(rest).display().to_string(),
        None => path.display().to_string(),
    };
    crate::visible::visible(&shown).into_owned()
}

fn headline(view: &View, report: &TextReport) -> Vec<String> {
    lines_of(|out| report.headline(out, &view.header.headline))
}

fn bars(view: &View, report: &TextReport) -> Vec<String> {
    let rows = view.sections.iter().find_map(|s| match s {
        Section::Match { rows } => Some(rows.as_slice()),
        _ => None,
    });
    rows.map_or_else(Vec::new, |rows| lines_of(|out| report.bars(out, rows)))
}

/// The report's caveats, each beginning "Please note:": they come before
/// anything that reads as a result, as in every report.
fn caveats(view: &View, width: usize) -> Vec<String> {
    let warnings = view.sections.iter().find_map(|s| match s {
        Section::Warnings { warnings } => Some(warnings),
        _ => None,
    });
    warnings
        .into_iter()
        .flatten()
        .flat_map(|w| {
            let text = format!("{}: {}", crate::report::prose::heading::WARNINGS, w);
            wrap(&visible(&text), width, "  ")
        })
        .collect()
}

/// At most this many reasons: the strongest, one line each.
const REASONS: usize = 3;

/// The reasons, one line each: with the scores where they fit, otherwise
/// only which way each points (and a name too long for any line wrapped
/// under its bullet, never cut).
fn reasons(view: &View, width: usize) -> Vec<String> {
    let reasons = view.sections.iter().find_map(|s| match s {
        Section::Why { reasons } => Some(reasons),
        _ => None,
    });
    reasons
        .into_iter()
        .flatten()
        .take(REASONS)
        .flat_map(|r| {
            let options = crate::wrap::options(width)
                .initial_indent("  • ")
                .subsequent_indent("    ");
            let fits = |text: &str| textwrap::core::display_width(&visible(text)) + 4 <= width;
            let text = if fits(&r.short) { &r.short } else { &r.gist };
            textwrap::wrap(&visible(text), options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `Jobs on this path that fit you best: A (91%), B (88%).`
fn jobs(view: &View, width: usize) -> Vec<String> {
    let Some(specialties) = view.sections.iter().find_map(|s| match s {
        Section::Specialties(s) => Some(s),
        _ => None,
    }) else {
        return Vec::new();
    };
    let items: Vec<String> = specialties
        .items
        .iter()
        .map(|item| match &item.role {
            Some(role) => format!("{} ({role}, {})", item.name, percent(item.fit)),
            None => format!("{} ({})", item.name, percent(item.fit)),
        })
        .collect();
    let text = format!("{}: {}.", specialties.heading, items.join(", "));
    wrap(&visible(&text), width, "  ")
}

/// The best role's first next step.
fn next_step(view: &View, width: usize) -> Vec<String> {
    let step = view.sections.iter().find_map(|s| match s {
        Section::About(role) => role.next_steps.first(),
        _ => None,
    });
    step.map_or_else(Vec::new, |step| {
        wrap(&visible(&format!("Next step: {step}")), width, "  ")
    })
}

fn visible(text: &str) -> String {
    crate::visible::visible(text).into_owned()
}

fn wrap(text: &str, width: usize, rest: &str) -> Vec<String> {
    let options = crate::wrap::options(width).subsequent_indent(rest);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// The lines `write` writes, with bank text escaped.
fn lines_of(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> Vec<String> {
    let mut out = Vec::new();
    let _ = write(&mut crate::visible::Guard::new(&mut out));
    String::from_utf8_lossy(&out)
        .lines()
        .map(str::to_string)
        .collect()
}
