//! The one place pathfit parses YAML. `serde_yaml` is archived upstream, so
//! every call of it stays in this module: swapping the parser means changing
//! only this file. Besides parsing, it turns type errors and unknown fields
//! into [`Problem`]s (collecting as many as it can instead of stopping at the
//! first), and it maps document paths back to line and column, which
//! `serde_yaml` does not keep for values.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::locate::{Lines, Locator, hidden_from};
use super::prescan::prescan;

pub(in crate::input) mod plain;

use crate::diag::problem::{Code, Location, Problem, did_you_mean, path};
use crate::diag::problems::Problems;
use crate::input::source::SourceFile;
use crate::visible::visible;

/// A parsed YAML document, or a part of one.
#[derive(Debug, Clone)]
pub struct Node(Value);

/// How many times one element is re-read after dropping a bad field, so that
/// several type errors in one element are all reported.
const MAX_REREADS: usize = 32;

/// Parses YAML text. A syntax error is a single problem with its location.
pub fn parse(text: &str) -> Result<Node, Box<Problem>> {
    prescan(text)?;
    serde_yaml::from_str::<Value>(text)
        .map(Node)
        .map_err(|err| Box::new(syntax_problem(&err, text)))
}

/// Reads `T` straight from the text when it has no problem at all (no
/// syntax or type error, no unknown field); `None` otherwise, for the
/// caller to take the path that reports every problem.
pub fn read_clean<T: DeserializeOwned>(text: &str) -> Option<T> {
    prescan(text).ok()?;
    // Most banks are in the plain subset, which reads about ten times
    // faster; the rest are read as before.
    if let Some(value) = plain::read(text) {
        return Some(value);
    }
    read_clean_by_serde_yaml(text)
}

/// [`read_clean`] without the plain reader, after the prescan.
fn read_clean_by_serde_yaml<T: DeserializeOwned>(text: &str) -> Option<T> {
    let mut unknown = false;
    let value =
        serde_ignored::deserialize(serde_yaml::Deserializer::from_str(text), |_| unknown = true)
            .ok()?;
    (!unknown).then_some(value)
}

/// YAML text as a JSON value (for checking a bank against its JSON Schema).
pub fn to_json(text: &str) -> Result<serde_json::Value, Box<Problem>> {
    from_str(text)
}

/// Parses YAML text straight into `T` (for small documents where the first
/// error is enough), with the error's location.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Box<Problem>> {
    prescan(text)?;
    serde_yaml::from_str(text).map_err(|err| Box::new(syntax_problem(&err, text)))
}

fn syntax_problem(err: &serde_yaml::Error, text: &str) -> Problem {
    let mut message = err.to_string();
    let location = err.location().map(|l| Location {
        line: l.line(),
        column: l.column(),
    });
    if let Some(l) = location {
        message = message.replace(&format!(" at line {} column {}", l.line, l.column), "");
    }
    document_problem(Code::YamlSyntax, &message, location, text)
}

/// A problem that stopped a whole document from being read (YAML or JSON):
/// named by what went wrong, not all called syntax errors.
pub fn document_problem(
    syntax_code: Code,
    message: &str,
    location: Option<Location>,
    text: &str,
) -> Problem {
    let message = friendly(message);
    let (code, hint, location) = if message.contains("duplicate entry")
        || message.contains("duplicate field")
    {
        (
            Code::DuplicateKey,
            "a key may appear only once in a mapping: remove or rename one of them".to_string(),
            Locator::first_repeated_key(text).or(location),
        )
    } else if message.contains("repetition limit exceeded") {
        (
            Code::TooManyAliases,
            "the file repeats its aliases (`*name`) too many times: write the values out instead"
                .to_string(),
            location,
        )
    } else if message.contains("recursion limit exceeded") {
        (
            Code::TooDeep,
            "a bank or answers file needs only a few levels of nesting; check that this is the right file".to_string(),
            location,
        )
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        (
            Code::UnknownField,
            did_you_mean(field, expected.iter().copied(), "fields allowed here"),
            location,
        )
    } else {
        (
            syntax_code,
            "check the indentation and quoting around this place; strings containing `: ` or starting with `[`, `{`, `*` or `&` need quotes".to_string(),
            location,
        )
    };
    let mut problem = Problem::new(code, "", message).hint(hint);
    problem.location = location;
    problem
}

/// Fills in the place of every problem that has none from the document's
/// paths, and orders them: how a stage's problems become [`Problems`] the
/// renderer can show. The positions parser runs only when needed.
///
/// A [`Code::ControlCharacter`] or [`Code::BidiControl`] problem is moved from the start of its
/// text to the hidden character itself (or the escape that writes it), and
/// every path is made safe to show: a path names keys the author wrote.
pub fn locate(source: SourceFile, mut problems: Vec<Problem>) -> Problems {
    if problems.iter().any(|p| p.location.is_none()) {
        let unlocated = problems.iter().filter(|p| p.location.is_none());
        let locator = Locator::new(&source.text, unlocated.map(|p| p.path.as_str()));
        for problem in problems.iter_mut().filter(|p| p.location.is_none()) {
            problem.location = locator.find(&problem.path, problem.occurrence, problem.target);
        }
    }
    let at_character = |code: Code| matches!(code, Code::ControlCharacter | Code::BidiControl);
    if problems.iter().any(|p| at_character(p.code)) {
        let lines = Lines::new(&source.text);
        for problem in &mut problems {
            if at_character(problem.code)
                && let Some(start) = problem.location.and_then(|at| lines.offset(at))
                && let Some(found) = hidden_from(&source.text, start)
            {
                problem.location = Some(lines.location(found));
            }
        }
    }
    for problem in &mut problems {
        if let Cow::Owned(path) = visible(&problem.path) {
            problem.path = path;
        }
    }
    Problems::new(source, problems)
}

impl Node {
    /// A short name for what this node is, for messages ("a list").
    pub fn kind_name(&self) -> &'static str {
        match &self.0 {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Sequence(_) => "a list",
            Value::Mapping(_) => "a mapping",
            Value::Tagged(_) => "a tagged value",
        }
    }

    pub fn is_mapping(&self) -> bool {
        matches!(self.0, Value::Mapping(_))
    }

    /// Removes and returns the entry `key` of a mapping.
    pub fn take(&mut self, key: &str) -> Option<Node> {
        match &mut self.0 {
            Value::Mapping(map) => map.remove(key).map(Node),
            _ => None,
        }
    }

    /// Puts an entry back into a mapping.
    pub fn insert(&mut self, key: &str, value: Node) {
        if let Value::Mapping(map) = &mut self.0 {
            map.insert(Value::String(key.to_string()), value.0);
        }
    }

    /// The elements of a list, or the node itself back when it is no list.
    pub fn into_list(self) -> Result<Vec<Node>, Node> {
        match self.0 {
            Value::Sequence(items) => Ok(items.into_iter().map(Node).collect()),
            other => Err(Node(other)),
        }
    }

    /// An empty list, to stand in for a list that is read element by element.
    pub fn empty_list() -> Node {
        Node(Value::Sequence(Vec::new()))
    }

    /// The text of a mapping's entry `key`, when it is text.
    pub fn str_field(&self, key: &str) -> Option<&str> {
        self.0.get(key)?.as_str()
    }

    /// Reads this node as `T`. Type errors and unknown fields become problems
    /// at `at` (the node's path). Unknown fields do not stop the read; a bad
    /// field is reported, dropped and the node read again, so one element with
    /// several mistakes reports them all. Returns `None` when `T` could not be
    /// built.
    pub fn read<T: DeserializeOwned>(
        &self,
        at: &str,
        unknown_field: &mut dyn FnMut(String) -> Problem,
        problems: &mut Vec<Problem>,
    ) -> Option<T> {
        let mut value = Cow::Borrowed(&self.0);
        let mut dropped: HashSet<String> = HashSet::new();
        let mut unknown: HashSet<String> = HashSet::new();
        for _ in 0..MAX_REREADS {
            let mut track = serde_path_to_error::Track::new();
            let mut ignored = Vec::new();
            let result = {
                let tracked = serde_path_to_error::Deserializer::new(&*value, &mut track);
                let mut callback = |p: serde_ignored::Path| ignored.push(ignored_path(at, &p));
                T::deserialize(serde_ignored::Deserializer::new(tracked, &mut callback))
            };
            for field in ignored {
                if unknown.insert(field.clone()) {
                    problems.push(unknown_field(field));
                }
            }
            let err = match result {
                Ok(v) => return Some(v),
                Err(err) => err,
            };
            let segments = error_path(&track.path());
            let relative = segments.iter().fold(String::new(), |acc, s| join(&acc, s));
            let full = segments.iter().fold(at.to_string(), |acc, s| join(&acc, s));
            let message = err.to_string();
            if let Some(field) = missing_field(&message)
                && dropped.contains(&join(&relative, &Segment::Key(field.to_string())))
            {
                // The field was dropped after its own error was reported.
                return None;
            }
            let code = if missing_field(&message).is_some() {
                Code::MissingField
            } else {
                Code::WrongType
            };
            let message = friendly(&message);
            let hint = type_hint(&message);
            problems.push(Problem::new(code, full, message).hint_opt(hint));
            match remove_entry(value.to_mut(), &segments) {
                true => {
                    dropped.insert(relative);
                }
                false => return None,
            }
        }
        None
    }
}

#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

fn join(parent: &str, segment: &Segment) -> String {
    match segment {
        Segment::Key(k) => path::key(parent, k),
        Segment::Index(i) => path::index(parent, *i),
    }
}

fn error_path(p: &serde_path_to_error::Path) -> Vec<Segment> {
    p.iter()
        .filter_map(|s| match s {
            serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
            _ => None,
        })
        .collect()
}

fn ignored_path(at: &str, p: &serde_ignored::Path) -> String {
    match p {
        serde_ignored::Path::Root => at.to_string(),
        serde_ignored::Path::Seq { parent, index } => {
            path::index(&ignored_path(at, parent), *index)
        }
        serde_ignored::Path::Map { parent, key } => path::key(&ignored_path(at, parent), key),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => ignored_path(at, parent),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// Drops the mapping entry at `segments`; false when there is none to drop
/// (the error is about the whole node or a list element).
fn remove_entry(value: &mut Value, segments: &[Segment]) -> bool {
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    let mut node = value;
    for segment in parents {
        node = match (segment, node) {
            (Segment::Key(k), Value::Mapping(map)) => match map.get_mut(k.as_str()) {
                Some(next) => next,
                None => return false,
            },
            (Segment::Index(i), Value::Sequence(items)) => match items.get_mut(*i) {
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node) {
        (Segment::Key(k), Value::Mapping(map)) => map.remove(k.as_str()).is_some(),
        _ => false,
    }
}

/// What to write instead, from a type error's "expected …".
fn type_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let given = rest.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return Some(did_you_mean(
            given,
            allowed.iter().copied(),
            "allowed values",
        ));
    }
    let expected = message.rsplit_once(", expected ")?.1;
    Some(format!("write {expected} here"))
}

/// Serde's messages name Rust types; say what a bank author would write.
fn friendly(message: &str) -> String {
    let mut out = message
        .replace("expected f64", "expected a number")
        .replace("expected u32", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected a sequence", "expected a list")
        .replace("expected a map", "expected a mapping")
        .replace(
            "invalid type: unit value",
            "invalid type: nothing (an empty value)",
        )
        .replace("invalid type: map", "invalid type: a mapping")
        .replace("invalid type: sequence", "invalid type: a list");
    if let Some(start) = out.find("expected struct ") {
        out.replace_range(start.., "expected a mapping");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        #[serde(default)]
        weight: Option<f64>,
        #[serde(default)]
        count: Option<u32>,
    }

    fn read_item(text: &str) -> (Option<Item>, Vec<Problem>) {
        let node = parse(text).unwrap();
        let mut problems = Vec::new();
        let item = node.read::<Item>(
            "items[0]",
            &mut |p| Problem::new(Code::UnknownField, p, "unknown field"),
            &mut problems,
        );
        (item, problems)
    }

    #[test]
    fn syntax_errors_carry_their_location() {
        let err = parse("id: x\nlist: [a, b\n").unwrap_err();
        assert_eq!(err.code, Code::YamlSyntax);
        let at = err.location.expect("a syntax error has a location");
        assert_eq!(at.line, 3, "{}", err.message);
        assert!(
            err.message.starts_with("did not find expected ',' or ']'"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_fields_are_collected_without_stopping_the_read() {
        let (item, problems) = read_item("id: a\nwieght: 2\ncolour: red\n");
        assert_eq!(item.unwrap().id, "a");
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["items[0].wieght", "items[0].colour"]);
    }

    #[test]
    fn several_type_errors_in_one_element_are_all_reported() {
        let (item, problems) = read_item("id: a\nweight: heavy\ncount: -3\n");
        assert!(item.is_some(), "optional bad fields are dropped");
        let found: Vec<_> = problems.iter().map(|p| (p.code, p.path.as_str())).collect();
        assert_eq!(
            found,
            [
                (Code::WrongType, "items[0].weight"),
                (Code::WrongType, "items[0].count")
            ]
        );
        assert!(
            problems[0].message.contains("expected a number"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn a_bad_required_field_is_reported_once() {
        let (item, problems) = read_item("id: [1, 2]\n");
        assert!(item.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, "items[0].id");
        let (_, problems) = read_item("weight: 1\n");
        assert_eq!(problems[0].code, Code::MissingField);
        assert_eq!(problems[0].path, "items[0]");
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.code, Code::TooDeep);
        assert_eq!(err.location.map(|l| l.line), Some(1));
        // Brackets inside strings are not nesting.
        let text = format!("a: \"{}\"\nb: 1\n", "[".repeat(500));
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn alias_bombs_are_refused_not_expanded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        // Either refused outright or kept unexpanded; never a hang.
        if let Ok(node) = parse(&text) {
            let mut problems = Vec::new();
            let read: Option<std::collections::HashMap<String, Vec<String>>> = node.read(
                "",
                &mut |p| Problem::new(Code::UnknownField, p, "unknown"),
                &mut problems,
            );
            assert!(read.is_none());
        }
        let _ = Locator::new(&text, ["a11[3]"]);
        let _ = Locator::first_repeated_key(&text);
    }
}
