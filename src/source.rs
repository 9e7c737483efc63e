//! Input files as pathfit reads them: size-capped, UTF-8 text, and the
//! positions and problems that point back into them. Every stage that reads a
//! file reports through these types so the binary can show `file:line:column`.

use std::fmt;
use std::io::Read;
use std::path::Path;

use thiserror::Error;

/// Files larger than this are refused before parsing: a bank or answers file
/// is untrusted input, and no real one comes close.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// A file's name (as given by the user) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Why a file could not be read as text.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the file is larger than {} MiB, which is more than any bank or answers file needs; check that this is the right file",
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge { path: String },
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (is it a binary or a spreadsheet file?); save it as UTF-8 text"
    )]
    NotText {
        path: String,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    /// True when the file is missing or unreadable (exit 66), false when it
    /// was read but its content is unusable (exit 65).
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Unreadable { .. })
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads `path`, refusing anything over [`MAX_INPUT_BYTES`] without
    /// reading it all, and anything that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let name = path.display().to_string();
        let unreadable = |source| ReadError::Unreadable {
            path: name.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        if file.metadata().map_err(unreadable)?.is_dir() {
            return Err(ReadError::Unreadable {
                path: name.clone(),
                source: std::io::Error::other("it is a directory, not a file"),
            });
        }
        Self::from_reader(name, file)
    }

    /// Reads text from any reader (standard input, a file) with the same
    /// size cap and UTF-8 check as [`SourceFile::read`].
    pub fn from_reader(name: String, reader: impl Read) -> Result<Self, ReadError> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| ReadError::Unreadable {
                path: name.clone(),
                source,
            })?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(ReadError::TooLarge { path: name });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(err) => {
                let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let location = Location::of_offset(valid, valid.len());
                Err(ReadError::NotText {
                    path: name,
                    line: location.line,
                    column: location.column,
                })
            }
        }
    }

    /// The text of line `line` (1-based), without its line break.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
}

/// A position in a source file: 1-based line, 1-based column counted in
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let before = &text[..offset.min(text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Builds the dotted paths (`questions[3].dimension`) that name a place in a
/// document independently of its layout.
pub mod path {
    pub fn key(parent: &str, key: &str) -> String {
        if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        }
    }

    pub fn index(parent: &str, index: usize) -> String {
        format!("{parent}[{index}]")
    }

    /// The parent of a path (`questions[3]` for `questions[3].dimension`).
    pub fn parent(path: &str) -> &str {
        let cut = path.rfind(['.', '[']).unwrap_or(0);
        &path[..cut]
    }
}

/// Which part of a mapping entry a problem is about: the key (`wieght:` is
/// misspelt) or the value (`dimension: nope` names nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Key,
    Value,
}

/// Whether a problem stops a file from being used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// The file cannot be used.
    #[default]
    Error,
    /// The file works, but something in it deserves a look (a lint).
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing wrong with an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// A stable, kebab-case name for the kind of problem (`unknown-field`).
    pub code: &'static str,
    /// Where in the document, as a path (`questions[3].dimension`); empty for
    /// the whole document.
    pub path: String,
    pub target: Target,
    /// Which occurrence of `path` (0 = the first): a key written twice in
    /// one mapping has two places with the same path.
    pub occurrence: usize,
    /// Filled in from the source once all problems are known.
    pub location: Option<Location>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            code,
            path: path.into(),
            target: Target::Value,
            occurrence: 0,
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A lint: the file works, but this deserves a look.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn at_key(mut self) -> Self {
        self.target = Target::Key;
        self
    }

    pub fn occurrence(mut self, occurrence: usize) -> Self {
        self.occurrence = occurrence;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

/// The problems found in one file, with the file for showing where they are.
#[derive(Debug, Clone)]
pub struct Problems {
    pub source: SourceFile,
    pub problems: Vec<Problem>,
}

impl Problems {
    /// Sorts problems by position (unlocated ones last) and fills in locations
    /// from the source text.
    pub fn new(source: SourceFile, mut problems: Vec<Problem>) -> Self {
        if problems.iter().any(|p| p.location.is_none()) {
            let locator = crate::yaml::Locator::new(&source.text);
            for problem in problems.iter_mut().filter(|p| p.location.is_none()) {
                problem.location = locator.find(&problem.path, problem.occurrence, problem.target);
            }
        }
        problems.sort_by_key(|p| (p.location.is_none(), p.location));
        Problems { source, problems }
    }
}

impl fmt::Display for Problems {
    /// `file:line:column: message [code]`, the source line with a marker under
    /// the column, and the hint; one block per problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(
            f,
            "{}: {} problem{} found",
            self.source.name,
            count,
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n\n{}", self.source.name)?;
            if let Some(location) = problem.location {
                write!(f, ":{location}")?;
            }
            write!(f, ": {} [{}]", problem.message, problem.code)?;
            if !problem.path.is_empty() {
                write!(f, "\n  at: {}", problem.path)?;
            }
            if let Some(location) = problem.location
                && let Some(line) = self.source.line_text(location.line)
            {
                let (line, column) = snippet(line.trim_end(), location.column);
                let number = location.line.to_string();
                let pad = " ".repeat(number.len());
                let indent: String = line
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} |\n {number} | {line}\n {pad} | {indent}^")?;
            }
            if let Some(hint) = &problem.hint {
                write!(f, "\n  hint: {hint}")?;
            }
        }
        Ok(())
    }
}

/// At most this many characters of a source line are shown.
const SNIPPET: usize = 100;

/// The part of a long line around `column`, and the column within it.
fn snippet(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= SNIPPET {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(SNIPPET / 2).min(length - SNIPPET);
    let mut shown: String = line.chars().skip(start).take(SNIPPET).collect();
    let mut column = column - start;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if start + SNIPPET < length {
        shown.push('…');
    }
    (shown, column)
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely
/// typo: for "did you mean …?" hints.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `did you mean `x`?` when a near miss exists, otherwise the list of what is
/// allowed.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    match suggest(word, candidates.clone()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            let list: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
            if list.is_empty() {
                format!("no {what} are defined")
            } else {
                format!("the {what} are {}", list.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_of_offset_counts_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 3),
            Location { line: 2, column: 1 }
        );
        // 'é' is two bytes but one column.
        assert_eq!(
            Location::of_offset(text, 7),
            Location { line: 2, column: 4 }
        );
        assert_eq!(
            Location::of_offset(text, 8),
            Location { line: 3, column: 1 }
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = "x".repeat(1000);
        let (shown, column) = snippet(&line, 500);
        assert_eq!(shown.chars().count(), SNIPPET + 2);
        assert_eq!(column, 51);
        assert_eq!(snippet("short", 3), ("short".to_string(), 3));
    }

    #[test]
    fn paths_join_and_split() {
        let q = path::index("questions", 3);
        let d = path::key(&q, "dimension");
        assert_eq!(d, "questions[3].dimension");
        assert_eq!(path::parent(&d), "questions[3]");
        assert_eq!(path::parent(&q), "questions");
        assert_eq!(path::key("", "id"), "id");
    }

    #[test]
    fn suggestions_find_near_misses_only() {
        let fields = ["id", "weight", "dimension"];
        assert_eq!(suggest("wieght", fields), Some("weight"));
        assert_eq!(suggest("colour", fields), None);
        assert_eq!(
            did_you_mean("wieght", fields, "fields"),
            "did you mean `weight`?"
        );
        assert_eq!(
            did_you_mean("zzz", ["a", "b"], "dimensions"),
            "the dimensions are `a`, `b`"
        );
    }

    #[test]
    fn reading_refuses_missing_binary_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = SourceFile::read(&dir.path().join("nope.yaml")).unwrap_err();
        assert!(missing.is_missing());

        let binary = dir.path().join("bin.yaml");
        std::fs::write(&binary, b"id: x\nab\xff\xfe").unwrap();
        let err = SourceFile::read(&binary).unwrap_err();
        assert!(!err.is_missing());
        assert!(err.to_string().contains(":2:3:"), "{err}");

        let big = dir.path().join("big.yaml");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_INPUT_BYTES + 1).unwrap();
        let err = SourceFile::read(&big).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }));

        let err = SourceFile::read(dir.path()).unwrap_err();
        assert!(err.is_missing());
    }
}
