//! The one way problems are drawn. For people: miette's graphical report,
//! one block per problem with the source line, a marker and the hint, the
//! same for `validate`, `score`, `take` and every other command. For
//! programs: one JSON object per problem per line. Long lines are cut to a
//! window around the problem, so a one-line minified file shows a readable
//! excerpt instead of its whole text.

use std::fmt;
use std::io;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use super::problem::{Code, Location, Problem, Severity};
use super::problems::Problems;
use crate::input::source::{ReadError, SourceFile};

/// The width problems are wrapped to.
const WIDTH: usize = 80;

/// At most this many characters of a source line are shown.
const SNIPPET: usize = 100;

/// Draws problems for a person, with or without colours.
pub struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    pub fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Renderer {
            // Break lines only at spaces, as every other paragraph does, so
            // that codes (`bank-mismatch`), paths and addresses stay whole.
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(WIDTH)
                .with_break_words(false)
                .with_word_separator(textwrap::WordSeparator::AsciiSpace)
                .with_word_splitter(textwrap::WordSplitter::NoHyphenation),
        }
    }

    /// One block per problem, each followed by a blank line.
    pub fn problems(&self, out: &mut impl fmt::Write, found: &Problems) -> fmt::Result {
        for problem in &found.problems {
            self.problem(out, &found.source, problem)?;
            writeln!(out)?;
        }
        Ok(())
    }

    /// One problem: `file:line:column: message [code]`, the lines around it
    /// with a marker, and the hint.
    pub fn problem(
        &self,
        out: &mut impl fmt::Write,
        source: &SourceFile,
        problem: &Problem,
    ) -> fmt::Result {
        let excerpt = problem
            .location
            .and_then(|location| Excerpt::around(source, location));
        let diagnostic = Diag {
            problem,
            file: &source.name,
            excerpt: excerpt.as_ref(),
        };
        let mut rendered = String::new();
        if self
            .handler
            .render_report(&mut rendered, &diagnostic)
            .is_err()
        {
            rendered = format!("{diagnostic}\n");
        }
        out.write_str(&rendered)
    }
}

/// `file: N problems found`, then every problem: how an error that ends a
/// command shows the problems behind it.
pub fn report(found: &Problems, color: bool) -> String {
    let count = found.problems.len();
    let mut text = format!(
        "{}: {count} problem{} found\n\n",
        found.source.name,
        if count == 1 { "" } else { "s" }
    );
    // Writing into a String cannot fail.
    let _ = Renderer::new(color).problems(&mut text, found);
    text.truncate(text.trim_end().len());
    text
}

impl fmt::Display for Problems {
    /// The [`report`], without colours.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&report(self, false))
    }
}

/// One problem as a line of JSON, for editors and CI.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: Code,
    message: &'a str,
    hint: Option<&'a str>,
    path: &'a str,
}

/// Every problem of `found`, one JSON object a line.
pub fn json_lines(out: &mut dyn io::Write, found: &Problems) -> io::Result<()> {
    for p in &found.problems {
        write_json(
            out,
            &JsonDiagnostic {
                file: &found.source.name,
                line: p.location.map(|l| l.line),
                column: p.location.map(|l| l.column),
                severity: p.severity.as_str(),
                code: p.code,
                message: &p.message,
                hint: p.hint.as_deref(),
                path: &p.path,
            },
        )?;
    }
    Ok(())
}

/// A file that could not be read at all, as one JSON line.
pub fn read_error_json(out: &mut dyn io::Write, err: &ReadError) -> io::Result<()> {
    let (line, column) = match err {
        ReadError::NotText { line, column, .. } => (Some(*line), Some(*column)),
        _ => (None, None),
    };
    write_json(
        out,
        &JsonDiagnostic {
            file: err.path(),
            line,
            column,
            severity: Severity::Error.as_str(),
            code: if err.is_missing() {
                Code::Unreadable
            } else {
                Code::NotABankFile
            },
            message: &err.to_string(),
            hint: None,
            path: "",
        },
    )
}

fn write_json(out: &mut dyn io::Write, diagnostic: &JsonDiagnostic<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, diagnostic)?;
    writeln!(out)
}

/// The lines around a problem, each cut to the same window of at most
/// [`SNIPPET`] characters around the problem's column, with their real line
/// numbers.
struct Excerpt {
    name: String,
    text: String,
    /// The 0-based line number of the excerpt's first line in the file.
    first_line: usize,
    /// The marked span within `text`.
    span: SourceSpan,
    /// The problem's 0-based column in the file, for miette's header.
    column: usize,
}

impl Excerpt {
    fn around(source: &SourceFile, location: Location) -> Option<Excerpt> {
        let index = location.line.checked_sub(1)?;
        let lines: Vec<&str> = source.text.lines().collect();
        let line = lines.get(index)?.trim_end();
        let first = index.saturating_sub(1);
        let last = (index + 1).min(lines.len() - 1);
        let length = line.chars().count();
        let column = location.column.saturating_sub(1).min(length);
        let start = if length <= SNIPPET {
            0
        } else {
            column.saturating_sub(SNIPPET / 2).min(length - SNIPPET)
        };
        let mut text = String::new();
        let mut span = SourceSpan::new(0.into(), 0);
        for (i, whole) in lines.iter().enumerate().take(last + 1).skip(first) {
            let (shown, marked) = window(whole.trim_end(), start, column);
            if i == index {
                let at = text.len() + marked;
                span = SourceSpan::new(at.into(), token_len(&shown[marked..]));
            }
            text.push_str(&shown);
            text.push('\n');
        }
        Some(Excerpt {
            name: source.name.clone(),
            text,
            first_line: first,
            span,
            column,
        })
    }
}

/// Characters `start..start + SNIPPET` of `line` with `…` where it was cut,
/// and the byte offset in the result of character `column` of the line.
fn window(line: &str, start: usize, column: usize) -> (String, usize) {
    let length = line.chars().count();
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let mut marked = None;
    for (i, c) in line.chars().enumerate().skip(start).take(SNIPPET) {
        if i == column {
            marked = Some(shown.len());
        }
        shown.push(c);
    }
    let marked = marked.unwrap_or(shown.len());
    if start + SNIPPET < length {
        shown.push('…');
    }
    (shown, marked)
}

/// The length in bytes of the token at the start of `rest` (up to white
/// space or YAML punctuation), at least one character.
fn token_len(rest: &str) -> usize {
    rest.char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | '}' | ']' | ':'))
        .map_or(rest.len(), |(i, _)| i)
        .max(rest.chars().next().map_or(0, char::len_utf8))
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        // The marked span's own column is the file's, not the window's.
        let column = if before == 0 && span.offset() == self.span.offset() {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

/// One problem as a miette diagnostic.
struct Diag<'a> {
    problem: &'a Problem,
    file: &'a str,
    excerpt: Option<&'a Excerpt>,
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.problem)
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem.location {
            Some(at) => write!(f, "{}:{at}: ", self.file)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "{} [{}]", self.problem.message, self.problem.code)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.problem
            .hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let excerpt = self.excerpt?;
        let label = if self.problem.path.is_empty() {
            "here".to_string()
        } else {
            self.problem.path.clone()
        };
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(label),
            excerpt.span,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(1000);
        let (shown, marked) = window(&line, 450, 499);
        assert_eq!(shown.chars().count(), SNIPPET + 2);
        // '…' is three bytes, then 49 characters before the column.
        assert_eq!(marked, 3 + 49);
        assert_eq!(window("short", 0, 2), ("short".to_string(), 2));
    }

    #[test]
    fn a_problem_far_along_a_long_line_shows_a_window_with_its_real_place() {
        let mut text = String::from("first: line\n");
        text.push_str(&format!(
            "{}wieght: 2{}\n",
            "a".repeat(70_000),
            "b".repeat(500)
        ));
        let source = SourceFile::new("long.json", text);
        let mut problem = Problem::new(Code::UnknownField, "x.wieght", "unknown field `wieght`");
        problem.location = Some(Location {
            line: 2,
            column: 70_001,
        });
        let mut out = String::new();
        Renderer::new(false)
            .problem(&mut out, &source, &problem)
            .unwrap();
        assert!(out.contains("long.json:2:70001"), "{out}");
        assert!(out.contains("wieght: 2"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    }
}
