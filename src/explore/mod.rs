//! The result, explored in a terminal: a one-screen summary, a menu of
//! sections, a pager. After the quiz a student needs the headline on the
//! screen, not 190 lines of report scrolled past it; the rest of the report
//! is a menu away, each section drawn by the text report from the one
//! [`View`] (no second copy of its wording) and paged when it is longer than
//! the screen.
//!
//! The terminal itself is behind [`Screen`], so the flow (what the menu
//! offers, which section each entry shows, when a section is paged, what
//! saving a web page says) is tested without one; [`terminal`] is the real
//! screen (the [`menu`], the [`pager`]).

pub mod menu;
pub mod pager;
pub mod plain;
pub mod save;
pub mod summary;
pub mod terminal;

use std::io;
use std::path::{Path, PathBuf};

use crate::report::ReportInput;
use crate::report::text::TextReport;
use crate::report::view::{Layout, Section, View};

/// What the flow needs from a terminal.
pub trait Screen {
    /// The terminal's (columns, rows).
    fn size(&self) -> (u16, u16);
    /// Writes `lines` below what is on the screen.
    fn print(&mut self, lines: &[String]) -> io::Result<()>;
    /// Asks which entry of `menu` to open.
    fn choose(&mut self, menu: &Menu<'_>) -> Choice;
    /// Shows a section too long for the screen a page at a time, drawn by
    /// `render` for a given width (again after a resize), until the
    /// student goes back.
    fn page(&mut self, title: &str, render: &dyn Fn(usize) -> Vec<String>) -> Paged;
    /// Charts in words only (see [`TextReport::words`]): for a screen
    /// that is read out.
    fn words(&self) -> bool {
        false
    }
}

/// The menu as [`Screen::choose`] shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu<'a> {
    pub prompt: &'a str,
    pub entries: Vec<&'static str>,
    /// How many entries are shown at once.
    pub page_size: usize,
    /// The entry the cursor starts on.
    pub cursor: usize,
    pub help: &'a str,
}

/// What the student did at the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Picked(usize),
    /// q or Esc.
    Leave,
    /// Ctrl-C, or the terminal cannot be read.
    Interrupted,
}

/// How the student left the pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paged {
    /// q or Esc: back to the menu.
    Back,
    /// Ctrl-C, or the terminal cannot be read: leave altogether.
    Interrupted,
}

/// The menu's entries, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Why,
    Scores,
    WhatIf,
    Jobs,
    About,
    Save,
    Done,
}

impl Entry {
    pub fn label(self) -> &'static str {
        match self {
            Entry::Why => "Why this result",
            Entry::Scores => "Your scores",
            Entry::WhatIf => "What would change your result",
            Entry::Jobs => "All jobs on this path",
            Entry::About => "About the path",
            Entry::Save => "Save as a web page",
            Entry::Done => "Done",
        }
    }
}

pub const PROMPT: &str = "What would you like to see?";
pub const HELP: &str = "↑↓ move, Enter opens, q or Esc leaves";

/// The rows the menu takes: its prompt, its entries, its help line.
fn menu_rows(page_size: usize) -> usize {
    page_size + 2
}

/// Where the result is kept and where a web page goes.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Emphasis with ANSI styles.
    pub color: bool,
    /// Where the result was saved, when it was.
    pub saved: Option<&'a Path>,
    /// The folder "Save as a web page" writes into.
    pub save_in: PathBuf,
    /// Today's date as `YYYY-MM-DD`, for the web page's name.
    pub today: String,
}

/// Shows the summary, then the menu until the student leaves it. Nothing
/// here fails: a terminal that cannot be written to ends the exploring.
pub fn explore(screen: &mut dyn Screen, input: &ReportInput<'_>, options: &Options<'_>) {
    let view = View::new(input, Layout::Explore);
    let entries = entries(&view);
    let (columns, rows) = screen.size();
    let width = width(columns);
    let words = screen.words();
    let report = TextReport {
        color: options.color,
        width,
        words,
    };
    let saved = options.saved.map(summary::shown_path);
    let page_size = page_size(&view, &report, rows, entries.len());
    let budget = usize::from(rows).saturating_sub(menu_rows(page_size) + 1);
    let lines = summary::summary(&view, &report, saved.as_deref(), budget);
    if screen.print(&lines).is_err() {
        return;
    }
    let mut cursor = 0;
    loop {
        let labels = entries.iter().map(|e| e.label()).collect();
        let menu = Menu {
            prompt: PROMPT,
            entries: labels,
            page_size,
            cursor,
            help: HELP,
        };
        let entry = match screen.choose(&menu) {
            Choice::Picked(i) if i < entries.len() => entries[i],
            Choice::Picked(_) | Choice::Leave | Choice::Interrupted => return,
        };
        cursor = entries.iter().position(|e| *e == entry).unwrap_or(0);
        let shown = match entry {
            Entry::Done => return,
            Entry::Save => {
                let said = save::web_page(input, &options.save_in, &input.bank.id, &options.today);
                let text = match said {
                    Ok(path) => save::saved_message(&path),
                    Err(err) => save::failed_message(&err),
                };
                let lines = wrapped(&text, width);
                screen.print(&lines)
            }
            _ => {
                let (columns, rows) = screen.size();
                let render = |width: usize| {
                    let report = TextReport {
                        color: options.color,
                        width,
                        words,
                    };
                    section_lines(&view, &report, entry)
                };
                let mut lines = render(self::width(columns));
                // Blank lines between the section and what is above and
                // below it.
                lines.insert(0, String::new());
                lines.push(String::new());
                let room = usize::from(rows).saturating_sub(menu_rows(page_size) + 1);
                if lines.len() <= room {
                    screen.print(&lines)
                } else {
                    match screen.page(entry.label(), &render) {
                        Paged::Back => Ok(()),
                        Paged::Interrupted => return,
                    }
                }
            }
        };
        if shown.is_err() {
            return;
        }
    }
}

/// The width text is wrapped to in a terminal `columns` wide: one column of
/// margin, at most the report's widest (the terminal never breaks a line,
/// so no word is cut at its edge).
pub fn width(columns: u16) -> usize {
    usize::from(columns)
        .saturating_sub(2)
        .min(crate::wrap::report_width(columns))
        .max(1)
}

/// The entries this result has: no "Why" without reasons, no "What would
/// change" without a change, no jobs list for roles without specialties.
pub fn entries(view: &View) -> Vec<Entry> {
    let has = |f: fn(&Section) -> bool| view.sections.iter().any(f);
    let mut entries = Vec::new();
    entries.push(Entry::Why);
    entries.push(Entry::Scores);
    if has(|s| matches!(s, Section::WhatIf(_))) {
        entries.push(Entry::WhatIf);
    }
    if view.all_jobs.is_some() {
        entries.push(Entry::Jobs);
    }
    entries.extend([Entry::About, Entry::Save, Entry::Done]);
    entries
}

/// How many entries the menu shows at once: all of them when the headline,
/// the match and the whole menu fit, otherwise as many as leave the
/// headline and the match on the screen, and never fewer than three.
fn page_size(view: &View, report: &TextReport, rows: u16, entries: usize) -> usize {
    let top = summary::essential_rows(view, report);
    usize::from(rows)
        .saturating_sub(top + menu_rows(0) + 1)
        .clamp(3.min(entries), entries)
}

/// A section's lines as the text report draws them, without the blank
/// line its heading starts with.
pub fn section_lines(view: &View, report: &TextReport, entry: Entry) -> Vec<String> {
    let mut out = Vec::new();
    let _ = write_section(
        view,
        report,
        entry,
        &mut crate::visible::Guard::new(&mut out),
    );
    let text = String::from_utf8_lossy(&out);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

fn write_section(
    view: &View,
    report: &TextReport,
    entry: Entry,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let sections = |f: fn(&Section) -> bool| view.sections.iter().filter(move |s| f(s));
    match entry {
        Entry::Why => {
            for section in sections(|s| matches!(s, Section::Why { .. })) {
                report.section(out, section)?;
            }
            writeln!(out)?;
            for line in textwrap::wrap(&view.header.answered, crate::wrap::options(report.width)) {
                writeln!(out, "{line}")?;
            }
            for section in sections(|s| matches!(s, Section::Run(_) | Section::Warnings { .. })) {
                report.section(out, section)?;
            }
        }
        Entry::Scores => {
            for section in sections(|s| matches!(s, Section::Match { .. } | Section::Scores(_))) {
                report.section(out, section)?;
            }
        }
        Entry::WhatIf => {
            for section in sections(|s| matches!(s, Section::WhatIf(_))) {
                report.section(out, section)?;
            }
        }
        Entry::Jobs => {
            if let Some(jobs) = &view.all_jobs {
                report.section(out, &Section::Specialties(jobs.clone()))?;
            }
        }
        Entry::About => {
            for section in sections(|s| matches!(s, Section::About(_))) {
                report.section(out, section)?;
            }
        }
        Entry::Save | Entry::Done => {}
    }
    Ok(())
}

/// `text` wrapped to `width`, after a blank line.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let shown = crate::visible::visible(text);
    std::iter::once(String::new())
        .chain(
            textwrap::wrap(&shown, crate::wrap::options(width))
                .into_iter()
                .map(|l| l.into_owned()),
        )
        .collect()
}

#[cfg(test)]
mod tests;
