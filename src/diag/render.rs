//! The one way problems are drawn. For people: miette's graphical report,
//! one block per problem with the source line, a marker and the hint, the
//! same for `validate`, `score`, `take` and every other command. For
//! programs: one JSON object per problem per line.
//!
//! Everything drawn here may quote someone else's file, so this is where
//! it is made safe and bounded: every message, hint, label, file name and
//! source line a person reads passes through [`visible`] (JSON is escaped
//! by JSON and kept exact); long lines are cut to a window around the
//! problem, so a one-line minified file shows a readable excerpt at its
//! real line and column whatever the column; messages are cut at
//! [`MAX_TEXT`] characters; and at most [`MAX_SHOWN`] problems of a file are
//! drawn, the rest counted, so a file of a million mistakes costs a screen.

use std::borrow::Cow;
use std::fmt;
use std::io;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;

use super::problem::{Code, Location, Problem, Severity};
use super::problems::{MAX_SHOWN, Problems};
use crate::input::source::{ReadError, SourceFile};
use crate::visible::{is_hidden, visible};

/// The width problems are wrapped to.
const WIDTH: usize = 80;

/// At most this many characters of a source line are shown (an escaped
/// control character counts as the characters of its escape, a tab as 4).
const SNIPPET: usize = 100;

/// How many columns miette draws a tab as.
const TAB: usize = 4;

/// Context lines longer than this many bytes are shown as `…`: finding the
/// problem's window in them would mean reading them whole for each problem.
const CONTEXT_BYTES: usize = 1 << 20;

/// Messages, hints and other lines longer than this many characters are cut
/// with `…`.
pub const MAX_TEXT: usize = 1000;

/// Labels (paths in the document) longer than this many characters are cut.
const MAX_LABEL: usize = 120;

/// `text` as a person may see it: control characters and bidi overrides
/// escaped, at most `max` characters, then `…`.
fn shown(text: &str, max: usize) -> Cow<'_, str> {
    let escaped = visible(text);
    match escaped.char_indices().nth(max) {
        None => escaped,
        Some((cut, _)) => Cow::Owned(format!("{}…", &escaped[..cut])),
    }
}

/// A line of text for a person that did not come from the renderer (an
/// error's message, a batch row's message): escaped, and cut at
/// [`MAX_TEXT`] characters per line. Every error pathfit ends with is drawn
/// through this or [`Renderer`].
pub fn plain(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_TEXT && !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(|l| shown(l, MAX_TEXT)).collect();
    Cow::Owned(lines.join("\n"))
}

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
                .tab_width(TAB)
                .with_break_words(false)
                .with_word_separator(textwrap::WordSeparator::AsciiSpace)
                .with_word_splitter(textwrap::WordSplitter::NoHyphenation),
        }
    }

    /// One block per problem, each followed by a blank line: the first
    /// [`MAX_SHOWN`], then a block counting the rest.
    pub fn problems(&self, out: &mut impl fmt::Write, found: &Problems) -> fmt::Result {
        let mut lines = Lines::new(&found.source.text);
        for problem in found.problems.iter().take(MAX_SHOWN) {
            self.draw(out, &found.source.name, &mut lines, problem)?;
            writeln!(out)?;
        }
        if let Some(rest) = not_shown(found) {
            self.draw(out, &found.source.name, &mut lines, &rest)?;
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
        self.draw(out, &source.name, &mut Lines::new(&source.text), problem)
    }

    fn draw(
        &self,
        out: &mut impl fmt::Write,
        file: &str,
        lines: &mut Lines<'_>,
        problem: &Problem,
    ) -> fmt::Result {
        let file = visible(file);
        let excerpt = problem
            .location
            .and_then(|location| Excerpt::around(&file, lines, location));
        let diagnostic = Diag {
            problem,
            file: &file,
            message: shown(&problem.message, MAX_TEXT),
            hint: problem.hint.as_deref().map(|h| shown(h, MAX_TEXT)),
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

/// The problem that stands for the ones past [`MAX_SHOWN`] (and those
/// not kept): an error if any of them is one.
fn not_shown(found: &Problems) -> Option<Problem> {
    let rest = found.problems.get(MAX_SHOWN..).unwrap_or_default();
    let count = rest.len() + found.omitted;
    if count == 0 {
        return None;
    }
    let problem = Problem::new(
        Code::TooManyProblems,
        "",
        format!(
            "{count} more problem{} {} not shown",
            if count == 1 { "" } else { "s" },
            if count == 1 { "is" } else { "are" },
        ),
    )
    .hint(format!(
        "pathfit shows the first {MAX_SHOWN} problems of a file; correct them and run it again (is this the right file?)"
    ));
    Some(
        if found.omitted > 0 || rest.iter().any(|p| p.severity == Severity::Error) {
            problem
        } else {
            problem.warning()
        },
    )
}

/// `file: N problems found`, then every problem: how an error that ends a
/// command shows the problems behind it.
pub fn report(found: &Problems, color: bool) -> String {
    let count = found.total();
    let mut text = format!(
        "{}: {count} problem{} found\n\n",
        visible(&found.source.name),
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

/// The first [`MAX_SHOWN`] problems of `found`, one JSON object a line,
/// then one counting the rest. Texts are exact (JSON escapes what needs
/// it), only cut at [`MAX_TEXT`] characters.
pub fn json_lines(out: &mut dyn io::Write, found: &Problems) -> io::Result<()> {
    let rest = not_shown(found);
    for p in found.problems.iter().take(MAX_SHOWN).chain(rest.as_ref()) {
        write_json(
            out,
            &JsonDiagnostic {
                file: &found.source.name,
                line: p.location.map(|l| l.line),
                column: p.location.map(|l| l.column),
                severity: p.severity.as_str(),
                code: p.code,
                message: &cut(&p.message, MAX_TEXT),
                hint: p.hint.as_deref().map(|h| cut(h, MAX_TEXT)).as_deref(),
                path: &cut(&p.path, MAX_TEXT),
            },
        )?;
    }
    Ok(())
}

/// At most `max` characters of `text`, then `…`.
fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
    }
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

/// The lines of a file, found once for all its problems, and where the
/// last problem's column was, so that problems along one long line (they
/// come sorted) cost one pass over it, not one each.
struct Lines<'t> {
    text: &'t str,
    /// The byte offset where each line starts.
    starts: Vec<usize>,
    /// `(line index, character column, byte offset in the line)` of the
    /// last column found.
    cursor: (usize, usize, usize),
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        // As `str::lines`: no empty last line after a final newline.
        if starts.last() == Some(&text.len()) {
            starts.pop();
        }
        Lines {
            text,
            starts,
            cursor: (usize::MAX, 0, 0),
        }
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// Line `index` (0-based), without its line break or trailing space.
    fn get(&self, index: usize) -> Option<&'t str> {
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |e| e - 1);
        Some(self.text[start..end].trim_end())
    }

    /// The byte offset in line `index` of its character `column` (0-based),
    /// and that column, both clamped to the line's end.
    fn seek(&mut self, index: usize, line: &str, column: usize) -> (usize, usize) {
        let (mut chars, mut byte) = match self.cursor {
            (at, chars, byte) if at == index && chars <= column => (chars, byte),
            _ => (0, 0),
        };
        for c in line[byte..].chars() {
            if chars == column {
                break;
            }
            chars += 1;
            byte += c.len_utf8();
        }
        self.cursor = (index, chars, byte);
        (byte, chars)
    }
}

/// How many characters `c` takes in a shown source line.
fn width(c: char) -> usize {
    match c {
        '\t' => TAB,
        c if is_hidden(c) => escaped(c).chars().count(),
        _ => 1,
    }
}

fn escaped(c: char) -> String {
    visible(c.encode_utf8(&mut [0; 4])).into_owned()
}

fn push_shown(out: &mut String, text: &str) {
    out.push_str(&visible(text));
}

/// The lines around a problem, each cut to the same window of at most
/// [`SNIPPET`] characters around the problem's column and escaped, with
/// their real line numbers.
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
    fn around(name: &str, lines: &mut Lines<'_>, location: Location) -> Option<Excerpt> {
        let index = location.line.checked_sub(1)?;
        let line = lines.get(index)?;
        let (at, column) = lines.seek(index, line, location.column.saturating_sub(1));
        let (marked, start) = Marked::new(line, at);
        let first = index.saturating_sub(1);
        let last = (index + 1).min(lines.count() - 1);
        let mut text = String::new();
        let mut span = SourceSpan::new(0.into(), 0);
        for i in first..=last {
            if i == index {
                span = SourceSpan::new((text.len() + marked.offset).into(), marked.length);
                text.push_str(&marked.text);
            } else if let Some(other) = lines.get(i) {
                text.push_str(&context(other, start));
            }
            text.push('\n');
        }
        Some(Excerpt {
            name: name.to_string(),
            text,
            first_line: first,
            span,
            column,
        })
    }
}

/// The problem's line as shown: its window, and where in it the marker goes.
struct Marked {
    text: String,
    /// Byte offset of the marked token in `text`, and its length.
    offset: usize,
    length: usize,
}

impl Marked {
    /// The window of `line` around byte `at`: up to [`SNIPPET`] characters,
    /// at least half of them before `at` when the line has them. Also the
    /// character index in `line` where the window starts.
    fn new(line: &str, at: usize) -> (Marked, usize) {
        let mut before = 0;
        let mut left = Vec::new();
        for (i, c) in line[..at].char_indices().rev() {
            if before + width(c) > SNIPPET {
                break;
            }
            before += width(c);
            left.push(i);
        }
        let mut after = 0;
        let mut right_end = at;
        for c in line[at..].chars() {
            if after + width(c) > SNIPPET {
                break;
            }
            after += width(c);
            right_end += c.len_utf8();
        }
        // Half the window before the problem, more where the line ends soon.
        let keep_left = before.min((SNIPPET / 2).max(SNIPPET.saturating_sub(after)));
        let mut kept = 0;
        let mut from = at;
        for &i in &left {
            let w = width(line[i..].chars().next().unwrap_or(' '));
            if kept + w > keep_left {
                break;
            }
            kept += w;
            from = i;
        }
        let mut budget = SNIPPET - kept;
        let mut to = at;
        for c in line[at..right_end].chars() {
            if width(c) > budget {
                break;
            }
            budget -= width(c);
            to += c.len_utf8();
        }
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        push_shown(&mut text, &line[from..at]);
        let offset = text.len();
        push_shown(&mut text, &line[at..to]);
        let length = match line[at..].chars().next() {
            Some(c) if is_hidden(c) => escaped(c).len(),
            _ => token_len(&text[offset..]),
        };
        if to < line.len() {
            text.push('…');
        }
        let start = line[..from].chars().count();
        (
            Marked {
                text,
                offset,
                length,
            },
            start,
        )
    }
}

/// A line next to the problem's, from character `start` on, as the
/// problem's line is shown.
fn context(line: &str, start: usize) -> String {
    if line.len() > CONTEXT_BYTES {
        return "…".to_string();
    }
    let from = line
        .char_indices()
        .nth(start)
        .map_or(line.len(), |(i, _)| i);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    let mut budget = SNIPPET;
    let mut to = from;
    for c in line[from..].chars() {
        if width(c) > budget {
            break;
        }
        budget -= width(c);
        to += c.len_utf8();
    }
    push_shown(&mut text, &line[from..to]);
    if to < line.len() {
        text.push('…');
    }
    text
}

/// The length in bytes of the token at the start of `rest` (up to white
/// space or YAML punctuation), at least one character.
fn token_len(rest: &str) -> usize {
    rest.char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | '}' | ']' | ':' | '…'))
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

/// One problem as a miette diagnostic, its texts already made safe.
struct Diag<'a> {
    problem: &'a Problem,
    file: &'a str,
    message: Cow<'a, str>,
    hint: Option<Cow<'a, str>>,
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
        write!(f, "{} [{}]", self.message, self.problem.code)
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
        self.hint
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
            shown(&self.problem.path, MAX_LABEL).into_owned()
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
    use proptest::prelude::*;

    fn draw(text: &str, line: usize, column: usize, path: &str) -> String {
        let source = SourceFile::new("f.yaml", text);
        let mut problem = Problem::new(Code::UnknownField, path, "unknown field");
        problem.location = Some(Location { line, column });
        let mut out = String::new();
        Renderer::new(false)
            .problem(&mut out, &source, &problem)
            .unwrap();
        out
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(1000);
        let (shown, start) = Marked::new(&line, 499);
        assert_eq!(shown.text.chars().count(), SNIPPET + 2);
        // '…' is three bytes, then 50 characters before the column.
        assert_eq!((shown.offset, start), (3 + 50, 449));
        // Near the end, the window keeps its width by showing more before.
        let (shown, start) = Marked::new(&line, 990);
        assert_eq!((shown.text.chars().count(), start), (SNIPPET + 1, 900));
        let (shown, start) = Marked::new("short", 2);
        assert_eq!((shown.text.as_str(), shown.offset, start), ("short", 2, 0));
    }

    #[test]
    fn a_problem_far_along_a_long_line_shows_a_window_with_its_real_place() {
        let mut text = String::from("first: line\n");
        text.push_str(&format!(
            "{}wieght: 2{}\n",
            "a".repeat(70_000),
            "b".repeat(500)
        ));
        let out = draw(&text, 2, 70_001, "x.wieght");
        assert!(out.contains("f.yaml:2:70001"), "{out}");
        assert!(out.contains("wieght: 2"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    }

    #[test]
    fn control_characters_are_escaped_and_marked_where_they_are() {
        let out = draw("a: 1\nb\u{1b}[2J: 2\u{7}\n", 2, 2, "b\u{1b}[2J");
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("│ b\\u{1b}[2J: 2\\u{7}"), "{out}");
        assert!(out.contains("╰── b\\u{1b}[2J"), "{out}");
        // The marker spans the escape, under it.
        let caret = out.lines().find(|l| l.contains('┬')).unwrap();
        let source = out.lines().find(|l| l.contains("[2J: 2")).unwrap();
        assert_eq!(
            caret.chars().position(|c| c == '─'),
            source.chars().position(|c| c == '\\')
        );
    }

    #[test]
    fn a_million_problems_draw_the_first_hundred_and_a_count() {
        let problems = (0..1_000_000)
            .map(|i| {
                let mut p = Problem::new(Code::UnknownQuestion, "", format!("problem {i}"));
                p.location = Some(Location {
                    line: 1,
                    column: i + 1,
                });
                p
            })
            .collect();
        let found = Problems::new(SourceFile::new("f.json", "x".repeat(1_000_000)), problems);
        let text = report(&found, false);
        assert!(text.starts_with("f.json: 1000000 problems found"), "{text}");
        assert!(text.contains("problem 99 [unknown-question]"));
        assert!(!text.contains("problem 100 "));
        assert!(text.contains("f.json: 999900 more problems are not shown [too-many-problems]"));
        assert!(text.len() < 100 * 1_000, "{}", text.len());
        let mut json = Vec::new();
        json_lines(&mut json, &found).unwrap();
        let json = String::from_utf8(json).unwrap();
        assert_eq!(json.lines().count(), MAX_SHOWN + 1);
        assert!(
            json.lines()
                .last()
                .unwrap()
                .contains("\"code\":\"too-many-problems\"")
        );
    }

    #[test]
    fn messages_hints_and_labels_are_bounded() {
        let mut problem = Problem::new(Code::BadAnswer, "p".repeat(10_000), "m".repeat(1 << 20))
            .hint("h\u{1b}".repeat(10_000));
        problem.location = Some(Location { line: 1, column: 1 });
        let source = SourceFile::new("f", "x: 1\n");
        let mut out = String::new();
        Renderer::new(false)
            .problem(&mut out, &source, &problem)
            .unwrap();
        assert!(out.len() < 4 * (MAX_TEXT * 3 + MAX_LABEL), "{}", out.len());
        assert!(!out.contains('\u{1b}'));
        assert_eq!(plain("a\u{1b}b"), "a\\u{1b}b");
        assert!(matches!(plain("fine"), Cow::Borrowed("fine")));
        assert_eq!(plain(&"z".repeat(5_000)).chars().count(), MAX_TEXT + 1);
    }

    #[test]
    fn odd_sources_and_places_draw_without_a_panic() {
        for (text, line, column) in [
            ("", 1, 1),
            ("", 0, 0),
            ("\n\n\n", 2, 9),
            ("a", usize::MAX, usize::MAX),
            ("a\n", 1, usize::MAX),
            ("\t\t\t", 1, 3),
        ] {
            let out = draw(text, line, column, "x");
            assert!(out.contains("unknown field"), "{out}");
        }
        let wide = "中".repeat(100_000);
        let out = draw(&wide, 1, 80_000, "x");
        assert!(out.contains("f.yaml:1:80000"), "{out}");
        let tabs = "\t".repeat(100_000);
        let out = draw(&format!("{tabs}\n{tabs}x\n{tabs}"), 2, 100_001, "x");
        assert!(out.contains("f.yaml:2:100001"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 600), "{out}");
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        let c = prop::sample::select(vec![
            'a', ' ', ':', ',', '}', '\n', '\r', '\t', 'é', '中', '😀', '\u{1b}', '\u{7}', '\u{0}',
            '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{300}', '\u{200b}',
            '\u{2028}', '…',
        ]);
        prop::collection::vec(c, 0..300).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any text, any place: a block that names the file, no raw control
        /// character, no line wider than the window allows.
        #[test]
        fn any_place_in_any_text_draws_safely(
            text in hostile_text(),
            line in prop_oneof![0usize..8, Just(usize::MAX)],
            column in prop_oneof![0usize..320, 65_530usize..65_540, Just(usize::MAX)],
            path in hostile_text(),
        ) {
            let out = draw(&text, line, column, &path);
            prop_assert!(out.contains("f.yaml"), "{}", out);
            prop_assert!(!out.chars().any(is_hidden), "{:?}", out);
            prop_assert!(out.lines().all(|l| l.chars().count() < 1_000), "{}", out);
        }
    }
}
