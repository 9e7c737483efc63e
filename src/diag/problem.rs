//! What is wrong with an input, and where: the [`Problem`] every stage
//! reports (bank checks, lints, answers files, batch rows), with its stable
//! [`Code`], its [`Severity`] and its place in the file. Nothing here reads or
//! draws a file; `input` finds the places and [`super::render`] draws them.

use std::fmt;

/// Defines [`Code`] with its kebab-case names, written once.
macro_rules! codes {
    ($($variant:ident => $name:literal,)*) => {
        /// The stable name of a kind of problem, as shown in messages and
        /// JSON (`unknown-field`). Editors and CI match on these names, so a
        /// variant is never renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in alphabetical order of its name.
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The code's stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    BadAnswer => "bad-answer",
    BadId => "bad-id",
    BadLanguage => "bad-language",
    BadRange => "bad-range",
    BadTarget => "bad-target",
    BadThreshold => "bad-threshold",
    BadVersion => "bad-version",
    BadWeight => "bad-weight",
    BankMismatch => "bank-mismatch",
    BidiControl => "bidi-control",
    ControlCharacter => "control-character",
    CellTooLong => "cell-too-long",
    DuplicateAnswer => "duplicate-answer",
    DuplicateId => "duplicate-id",
    DuplicateKey => "duplicate-key",
    DuplicateLabel => "duplicate-label",
    DuplicateText => "duplicate-text",
    DuplicateValue => "duplicate-value",
    EmptyText => "empty-text",
    FewQuestions => "few-questions",
    FieldNotForKind => "field-not-for-kind",
    InertQuestion => "inert-question",
    JsonSyntax => "json-syntax",
    LineTooLong => "line-too-long",
    ListTooLong => "list-too-long",
    MissingField => "missing-field",
    MissingTarget => "missing-target",
    NoDimensions => "no-dimensions",
    NoQuestions => "no-questions",
    NotABank => "not-a-bank",
    NotABankFile => "not-a-bank-file",
    NotFinite => "not-finite",
    NumberOutOfBounds => "number-out-of-bounds",
    OneWayKeying => "one-way-keying",
    RepeatedOption => "repeated-option",
    SimilarRoles => "similar-roles",
    SmallScale => "small-scale",
    TextTooLong => "text-too-long",
    TooDeep => "too-deep",
    TooFewOptions => "too-few-options",
    TooFewRoles => "too-few-roles",
    TooManyAliases => "too-many-aliases",
    TooManyItems => "too-many-items",
    TooManyValues => "too-many-values",
    TooManyProblems => "too-many-problems",
    UnbalancedDimensions => "unbalanced-dimensions",
    UnknownDimension => "unknown-dimension",
    UnknownField => "unknown-field",
    UnknownQuestion => "unknown-question",
    UnmeasuredDimension => "unmeasured-dimension",
    UnreachableRole => "unreachable-role",
    Unreadable => "unreadable",
    WrongType => "wrong-type",
    YamlSyntax => "yaml-syntax",
    ZeroOption => "zero-option",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
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
    pub code: Code,
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
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            code,
            path: path.into(),
            target: Target::Value,
            occurrence: 0,
            location: None,
            message: short_quotes(message.into()),
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
        self.hint = Some(short_quotes(hint.into()));
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint.map(short_quotes);
        self
    }
}

/// `text` with every long `quoted` part cut to a short excerpt: messages
/// quote others' text between backticks (an id, a cell, a serde message's
/// value), and one 100,000-character id must not make a 100,000-character
/// message.
fn short_quotes(text: String) -> String {
    // serde quotes a value in double quotes (`invalid type: string "…"`).
    short_quotes_in(short_quotes_in(text, '`'), '"')
}

fn short_quotes_in(text: String, mark: char) -> String {
    const LONGEST: usize = 2 * crate::visible::EXCERPT_CHARS;
    let parts: Vec<&str> = text.split(mark).collect();
    // Only the odd parts of a text with balanced backticks are quotes.
    if parts.len() < 3 || parts.len().is_multiple_of(2) {
        return text;
    }
    if !parts
        .iter()
        .skip(1)
        .step_by(2)
        .any(|q| q.chars().count() > LONGEST)
    {
        return text;
    }
    let mut out = String::with_capacity(LONGEST * parts.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(mark);
        }
        if i % 2 == 1 && part.chars().count() > LONGEST {
            out.push_str(&crate::visible::excerpt(part));
        } else {
            out.push_str(part);
        }
    }
    out
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
    fn long_quotes_in_messages_and_hints_are_cut_to_an_excerpt() {
        let id = "x".repeat(100_000);
        let problem = Problem::new(
            Code::BankMismatch,
            "bank",
            format!("these answers are for the bank `{id}`, not `healthcare`"),
        )
        .hint(format!("use `--bank {id}`"));
        assert!(problem.message.chars().count() < 120, "{}", problem.message);
        assert!(problem.message.ends_with("…`, not `healthcare`"));
        assert!(problem.hint.unwrap().chars().count() < 60);
        // Short quotes, and a lone backtick, are left alone.
        let short = Problem::new(Code::BadAnswer, "", "`a` is not `b` (a ` here)");
        assert_eq!(short.message, "`a` is not `b` (a ` here)");
        let serde = Problem::new(
            Code::BadAnswer,
            "",
            format!("invalid type: string \"{id}\""),
        );
        assert!(serde.message.chars().count() < 80, "{}", serde.message);
    }

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
}
