//! Where each path of a YAML (or JSON) document stands in its text, found
//! with a second, position-keeping parser: serde_yaml keeps no positions
//! for values, and a problem must be shown at its line and column.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::yaml::plain;
use crate::diag::problem::{Location, Target, path};
use crate::visible::is_hidden;

/// Where the paths asked for stand in a document: the key of a mapping
/// entry and its value. Built with a second, position-keeping parser only
/// when problems need locating, so loading a good file pays nothing for
/// it; and it keeps only the paths asked for (and their parents, to fall
/// back on), skipping every part of the document that holds none of them,
/// so its memory does not grow with the document.
#[derive(Debug, Default)]
pub struct Locator {
    positions: HashMap<String, Vec<Position>>,
}

#[derive(Debug, Clone, Copy)]
struct Position {
    key: Option<Location>,
    value: Location,
}

impl Locator {
    /// Locates `paths`, as far as it can; a document the parser rejects
    /// part-way is located up to that point.
    pub fn new<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut builder = LocatorBuilder::wanting(paths);
        builder.run(text);
        Locator {
            positions: builder.positions,
        }
    }

    /// [`Locator::new`] with yaml-rust2 alone, to test the plain reader's
    /// marks against.
    #[cfg(test)]
    pub(super) fn by_yaml_rust2<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut builder = LocatorBuilder::wanting(paths);
        builder.run_yaml_rust2(text);
        Locator {
            positions: builder.positions,
        }
    }

    /// The key of the first mapping entry written twice in its mapping.
    pub fn first_repeated_key(text: &str) -> Option<Location> {
        let mut builder = LocatorBuilder {
            repeats: true,
            ..LocatorBuilder::default()
        };
        builder.run(text);
        builder.repeated
    }

    /// The location of the `occurrence`th `path` (more than one only where a
    /// key is repeated), falling back to its nearest located parent.
    pub fn find(&self, mut at: &str, occurrence: usize, target: Target) -> Option<Location> {
        let mut nth = occurrence;
        loop {
            if let Some(found) = self.positions.get(at) {
                let position = found.get(nth).unwrap_or(&found[0]);
                return Some(match target {
                    Target::Key => position.key.unwrap_or(position.value),
                    Target::Value => position.value,
                });
            }
            if at.is_empty() {
                return None;
            }
            at = path::parent(at);
            nth = 0;
        }
    }
}

#[derive(Debug, Default)]
struct LocatorBuilder {
    /// The paths to locate, with all their parents.
    wanted: HashSet<String>,
    positions: HashMap<String, Vec<Position>>,
    /// Only look for the first repeated key (`repeated`).
    repeats: bool,
    repeated: Option<Location>,
    stack: Vec<Frame>,
    done: bool,
    /// The paths asked for that may still be found again (while the list
    /// or mapping holding them is open, a repeated key can write one
    /// twice), by the path of what holds them: once none is left, the rest
    /// of the document is not read. (The document itself, `""`, is placed
    /// at its first node.)
    unsettled: HashMap<String, Vec<String>>,
}

/// An open list or mapping; `path` is `None` when no wanted path is inside
/// it, so nothing in it needs a name.
#[derive(Debug)]
enum Frame {
    Mapping {
        path: Option<String>,
        key: Option<(String, Location)>,
        /// No key seen yet: the first one's place is the mapping's place
        /// (a block mapping's start mark is after its first key).
        first: bool,
        /// The keys seen so far, when looking for a repeated one.
        seen: HashSet<String>,
        /// The next node is a key.
        at_key: bool,
    },
    Sequence {
        path: Option<String>,
        next: usize,
    },
}

pub(super) fn location(mark: Marker) -> Location {
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl LocatorBuilder {
    /// A builder looking for `paths` (and their parents, to fall back on).
    fn wanting<'p>(paths: impl IntoIterator<Item = &'p str>) -> Self {
        let mut wanted = HashSet::new();
        let mut unsettled: HashMap<String, Vec<String>> = HashMap::new();
        for mut at in paths {
            if !at.is_empty() {
                let asked = unsettled.entry(path::parent(at).to_string()).or_default();
                if !asked.iter().any(|p| p == at) {
                    asked.push(at.to_string());
                }
            }
            while wanted.insert(at.to_string()) && !at.is_empty() {
                at = path::parent(at);
            }
        }
        LocatorBuilder {
            wanted,
            unsettled,
            ..LocatorBuilder::default()
        }
    }

    /// Parses `text` event by event, as far as needed. An error here was
    /// already reported by the main parser: the document is located up to
    /// it. A document in the plain subset is read by the plain reader,
    /// which marks its events where yaml-rust2 does, in a tenth of the time.
    fn run(&mut self, text: &str) {
        if !self.repeats
            && let Some(text) = plain::with_lf(text)
        {
            let text = text.as_ref();
            let mut trial = LocatorBuilder {
                wanted: self.wanted.clone(),
                unsettled: self.unsettled.clone(),
                ..LocatorBuilder::default()
            };
            let mut sink = PlainSink {
                builder: &mut trial,
                lines: LineCursor::new(text),
            };
            if plain::stream(text, &mut sink) || trial.done {
                *self = trial;
                return;
            }
        }
        self.run_yaml_rust2(text);
    }

    fn run_yaml_rust2(&mut self, text: &str) {
        let mut parser = Parser::new_from_str(text);
        while !self.done {
            match parser.next_token() {
                Ok((Event::StreamEnd, _)) | Err(_) => break,
                Ok((event, mark)) => self.on_event(event, mark),
            }
        }
    }

    /// A list or mapping at `at` has ended: the paths asked for directly
    /// in it are settled once found.
    fn closed(&mut self, at: &str) {
        let Some(asked) = self.unsettled.get_mut(at) else {
            return;
        };
        let positions = &self.positions;
        asked.retain(|p| !positions.contains_key(p));
        if asked.is_empty() {
            self.unsettled.remove(at);
            if self.unsettled.is_empty() {
                self.done = true;
            }
        }
    }

    /// Records a node at `at` when it is wanted, and gives its path when
    /// its contents may be.
    fn place(&mut self, at: String, position: Position) -> Option<String> {
        if !self.wanted.contains(&at) {
            return None;
        }
        self.positions.entry(at.clone()).or_default().push(position);
        Some(at)
    }

    /// Called for every node (scalar, alias, or the start of a collection):
    /// returns its path when something in it is wanted, or None (always for
    /// a mapping key).
    fn node(&mut self, here: Location, key_text: Option<&str>) -> Option<String> {
        let repeats = self.repeats;
        let value = |key| Position { key, value: here };
        match self.stack.last_mut() {
            None => self.place(String::new(), value(None)),
            Some(Frame::Sequence { path, next }) => {
                *next += 1;
                let at = path::index(path.as_deref()?, *next - 1);
                self.place(at, value(None))
            }
            Some(Frame::Mapping {
                path,
                key,
                first,
                seen,
                at_key,
            }) => {
                if std::mem::take(at_key) {
                    if repeats
                        && let Some(text) = key_text
                        && !seen.insert(text.to_string())
                    {
                        self.repeated = Some(here);
                        self.done = true;
                    }
                    let parent = path.as_deref()?;
                    if std::mem::take(first)
                        && let Some(own) = self
                            .positions
                            .get_mut(parent)
                            .and_then(|found| found.last_mut())
                        && here < own.value
                    {
                        own.value = here;
                    }
                    // A complex (non-text) key gets a name no path uses.
                    *key = Some((key_text.unwrap_or("\u{0}").to_string(), here));
                    return None;
                }
                *at_key = true;
                let (name, key_at) = key.take()?;
                let at = path::key(path.as_deref()?, &name);
                self.place(at, value(Some(key_at)))
            }
        }
    }
}

impl MarkedEventReceiver for LocatorBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.done {
            return;
        }
        match event {
            Event::Scalar(text, ..) => {
                self.node(location(mark), Some(&text));
            }
            Event::Alias(_) => {
                self.node(location(mark), None);
            }
            Event::MappingStart(..) => self.open(location(mark), true),
            Event::SequenceStart(..) => self.open(location(mark), false),
            Event::MappingEnd | Event::SequenceEnd => self.close(),
            Event::DocumentEnd => self.done = true,
            _ => {}
        }
    }
}

impl LocatorBuilder {
    /// A mapping or list starts at `here`.
    fn open(&mut self, here: Location, mapping: bool) {
        let path = self.node(here, None);
        self.stack.push(if mapping {
            Frame::Mapping {
                path,
                key: None,
                first: true,
                seen: HashSet::new(),
                at_key: true,
            }
        } else {
            Frame::Sequence { path, next: 0 }
        });
    }

    fn close(&mut self) {
        let closed = match self.stack.pop() {
            Some(Frame::Mapping { path, .. } | Frame::Sequence { path, .. }) => path,
            None => None,
        };
        if let Some(at) = closed {
            self.closed(&at);
        }
    }
}

/// Feeds the plain reader's events to a builder, and stops the reading
/// once the builder is done or a mark may be off.
struct PlainSink<'b, 't> {
    builder: &'b mut LocatorBuilder,
    lines: LineCursor<'t>,
}

impl<'t> plain::Sink<'t> for PlainSink<'_, 't> {
    fn event(&mut self, event: plain::Event<'t>, at: usize) -> bool {
        let builder = &mut *self.builder;
        match event {
            plain::Event::Scalar(text, _) => {
                builder.node(self.lines.location(at), Some(&text));
            }
            plain::Event::MapStart => builder.open(self.lines.location(at), true),
            plain::Event::SeqStart => builder.open(self.lines.location(at), false),
            plain::Event::MapEnd | plain::Event::SeqEnd => builder.close(),
        }
        !builder.done
    }

    fn unsure(&mut self) -> bool {
        false
    }
}

/// Turns byte offsets into locations, each counting lines only from the
/// one before: the plain reader's marks come nearly in order.
struct LineCursor<'t> {
    text: &'t str,
    line: usize,
    start: usize,
}

impl<'t> LineCursor<'t> {
    fn new(text: &'t str) -> Self {
        LineCursor {
            text,
            line: 1,
            start: 0,
        }
    }

    fn location(&mut self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        if offset < self.start {
            (self.line, self.start) = (1, 0);
        }
        let from = self.start;
        for newline in memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..offset]) {
            self.line += 1;
            self.start = from + newline + 1;
        }
        let before = self.text.get(self.start..offset).unwrap_or_default();
        Location {
            line: self.line,
            column: before.chars().count() + 1,
        }
    }
}

/// Where each line of a text starts, to turn locations into byte offsets
/// and back without counting from the start of the text each time.
pub(super) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The byte offset of a location (its column counted in characters).
    pub(super) fn offset(&self, at: Location) -> Option<usize> {
        let start = *self.starts.get(at.line.checked_sub(1)?)?;
        let line = &self.text[start..];
        let column = at.column.checked_sub(1)?;
        Some(
            start
                + line
                    .char_indices()
                    .nth(column)
                    .map_or(line.len(), |(i, _)| i),
        )
    }

    pub(super) fn location(&self, offset: usize) -> Location {
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        Location {
            line,
            column: self.text[start..offset].chars().count() + 1,
        }
    }
}

/// The byte offset of the first hidden character of the YAML scalar that
/// starts at `start`: written as it is, or, in a double-quoted scalar, as
/// an escape (`\e`, `\x1b`, `\u202e`, …). A raw carriage return is a line
/// break to YAML, never part of a text.
pub(super) fn hidden_from(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let raw = |c: char| c != '\r' && is_hidden(c);
    if !rest.starts_with('"') {
        return rest
            .char_indices()
            .find(|&(_, c)| raw(c))
            .map(|(i, _)| start + i);
    }
    let mut chars = rest.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let hex = |chars: &mut std::iter::Skip<std::str::CharIndices>, n: usize| {
                    let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                };
                let decoded = match chars.next()?.1 {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    'N' => Some('\u{85}'),
                    'x' => hex(&mut chars, 2),
                    'u' => hex(&mut chars, 4),
                    'U' => hex(&mut chars, 8),
                    _ => None,
                };
                if decoded.is_some_and(is_hidden) {
                    return Some(start + i);
                }
            }
            c if raw(c) => return Some(start + i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_cursor_counts_characters_and_may_go_back() {
        let text = "ab\nçé: x\n\nlast";
        let lines = Lines::new(text);
        let mut cursor = LineCursor::new(text);
        for offset in [0, 1, 3, 7, 8, 11, 12, 15, 5, 0, text.len(), text.len() + 5] {
            let expected = lines.location(offset.min(text.len()));
            assert_eq!(cursor.location(offset), expected, "offset {offset}");
        }
        assert_eq!(cursor.location(7), Location { line: 2, column: 3 });
    }

    #[test]
    fn the_locator_finds_keys_values_and_list_items() {
        let text =
            "id: bank\nquestions:\n  - id: q1\n    dimension: nope\n  - { id: q2, weight: 3 }\n";
        let paths = [
            "id",
            "questions[0].dimension",
            "questions[1].weight",
            "questions[1]",
            "questions[1].nothing.here",
        ];
        let locator = Locator::new(text, paths);
        let at = |p, t| locator.find(p, 0, t).map(|l| (l.line, l.column));
        assert_eq!(at("id", Target::Value), Some((1, 5)));
        assert_eq!(at("questions[0].dimension", Target::Key), Some((4, 5)));
        assert_eq!(at("questions[0].dimension", Target::Value), Some((4, 16)));
        assert_eq!(at("questions[1].weight", Target::Value), Some((5, 23)));
        assert_eq!(at("questions[1]", Target::Value), Some((5, 5)));
        // An unknown path falls back to its nearest parent.
        assert_eq!(at("questions[1].nothing.here", Target::Key), Some((5, 5)));
    }

    #[test]
    fn the_locator_stops_once_what_it_was_asked_for_is_settled() {
        let tail: String = (0..200).map(|i| format!("  - id: q{i}\n")).collect();
        let text = format!("dimensions:\n  - {{ id: d0, id: d1 }}\n  - id: d2\nquestions:\n{tail}");
        let locator = Locator::new(&text, ["dimensions[0].id", "dimensions[1].id"]);
        let at = |p, n| {
            locator
                .find(p, n, Target::Value)
                .map(|l| (l.line, l.column))
        };
        // The repeated key inside the mapping is still found, twice.
        assert_eq!(at("dimensions[0].id", 0), Some((2, 11)));
        assert_eq!(at("dimensions[0].id", 1), Some((2, 19)));
        assert_eq!(at("dimensions[1].id", 0), Some((3, 9)));
        // Reading stopped where `dimensions[1]` ended, long before the end.
        let mut builder = LocatorBuilder {
            wanted: ["", "dimensions", "dimensions[1]", "dimensions[1].id"]
                .map(String::from)
                .into(),
            unsettled: [(
                "dimensions[1]".to_string(),
                vec!["dimensions[1].id".to_string()],
            )]
            .into(),
            ..LocatorBuilder::default()
        };
        builder.run(&text);
        assert!(builder.done);
        assert_eq!(builder.stack.len(), 2, "{:?}", builder.stack);
        // A path never found keeps it reading to the end.
        let missing = Locator::new(&text, ["questions[500].id"]);
        let last = missing.find("questions[500].id", 0, Target::Value);
        assert_eq!(last.map(|l| l.line), Some(5));
    }

    #[test]
    fn hidden_characters_are_found_raw_or_as_escapes() {
        let at = |text: &str| hidden_from(text, 0);
        assert_eq!(at("plain \u{202e}text"), Some(6));
        assert_eq!(at("'single \u{7f}'"), Some(8));
        // A raw carriage return is a line break, not part of a text.
        assert_eq!(at("folded\r\n  on\u{85}"), Some(12));
        assert_eq!(at(r#""Tools\e[2J""#), Some(6));
        assert_eq!(at(r#""a \"quoted\" \r""#), Some(14));
        assert_eq!(at(r#""\x1b and \u202E and \U0000009b""#), Some(1));
        assert_eq!(at(r#""\\e is a backslash and e, \a is a bell""#), Some(27));
        assert_eq!(at(r#""\u00e9 \t \n \_ are fine""#), None);
        // Only the text that starts there is searched.
        assert_eq!(at(r#""clean" then "\e""#), None);
    }

    #[test]
    fn lines_turn_locations_into_offsets_and_back() {
        let text = "ab\ncdé f\n\ng";
        let lines = Lines::new(text);
        for offset in [0, 3, 5, 7, 8, 10, 11] {
            let at = lines.location(offset);
            assert_eq!(at, Location::of_offset(text, offset), "{offset}");
            assert_eq!(lines.offset(at), Some(offset), "{at:?}");
        }
        assert_eq!(lines.offset(Location { line: 9, column: 1 }), None);
    }

    #[test]
    fn the_locator_keeps_only_the_paths_asked_for() {
        let items = vec!["a"; 10_000].join(", ");
        let text = format!("big: [{items}]\nother:\n  deep: {{ x: [{items}] }}\nlast: 1\n");
        let locator = Locator::new(&text, ["last", "big[9999]"]);
        let mut kept: Vec<&str> = locator.positions.keys().map(String::as_str).collect();
        kept.sort_unstable();
        assert_eq!(kept, ["", "big", "big[9999]", "last"]);
        assert_eq!(
            locator.find("big[9999]", 0, Target::Value).map(|l| l.line),
            Some(1)
        );
    }

    #[test]
    fn the_first_repeated_key_is_found_within_its_mapping() {
        let text = "a: 1\nlist:\n  - { k: 1 }\n  - { k: 2, k: 3 }\nb: 2\nb: 4\n";
        assert_eq!(
            Locator::first_repeated_key(text),
            Some(Location {
                line: 4,
                column: 13
            })
        );
        assert_eq!(Locator::first_repeated_key("a: 1\nb: {a: 2}\n"), None);
    }

    #[test]
    fn the_locator_reads_json_too() {
        let text = "{\n  \"answers\": {\n    \"q1\": 4\n  }\n}\n";
        let locator = Locator::new(text, ["answers.q1"]);
        let found = locator.find("answers.q1", 0, Target::Value).unwrap();
        assert_eq!((found.line, found.column), (3, 11));
    }
}
