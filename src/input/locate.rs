//! Where each path of a YAML (or JSON) document stands in its text, found
//! with a second, position-keeping parser: serde_yaml keeps no positions
//! for values, and a problem must be shown at its line and column.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diag::problem::{Location, Target, path};

/// Where each path of a document starts: the key of a mapping entry and its
/// value. Built with a second, position-keeping parser only when problems
/// need locating, so loading a good file pays nothing for it.
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
    /// Locates what it can; a document the parser rejects part-way is
    /// located up to that point.
    pub fn new(text: &str) -> Self {
        let mut builder = LocatorBuilder::default();
        // An error here was already reported by the main parser.
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        Locator {
            positions: builder.positions,
        }
    }

    /// As [`Locator::new`], but keeping only the places of `wanted` paths
    /// and their parents (all that [`Locator::find`] needs for them): a
    /// list of a million items costs nothing when no problem is inside it.
    pub fn for_paths<'p>(text: &str, wanted: impl IntoIterator<Item = &'p str>) -> Self {
        let mut keep = HashSet::new();
        for mut at in wanted {
            while keep.insert(at.to_string()) && !at.is_empty() {
                at = path::parent(at);
            }
        }
        let mut builder = LocatorBuilder {
            wanted: Some(keep),
            ..LocatorBuilder::default()
        };
        // An error here was already reported by the main parser.
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        Locator {
            positions: builder.positions,
        }
    }

    /// The key of the first mapping entry written twice (by position).
    pub fn first_repeated_key(&self) -> Option<Location> {
        self.positions
            .values()
            .filter(|found| found.len() > 1)
            .filter_map(|found| found[1].key)
            .min()
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
    positions: HashMap<String, Vec<Position>>,
    stack: Vec<Frame>,
    done: bool,
    /// Only these paths are kept, when set.
    wanted: Option<HashSet<String>>,
}

#[derive(Debug)]
enum Frame {
    Mapping {
        path: String,
        key: Option<(String, Location)>,
        /// No key seen yet: the first one's place is the mapping's place
        /// (a block mapping's start mark is after its first key).
        first: bool,
    },
    Sequence {
        path: String,
        next: usize,
    },
    /// A collection no wanted path is in: nothing inside it is kept.
    Skipped,
}

pub(super) fn location(mark: Marker) -> Location {
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl LocatorBuilder {
    fn wants(&self, at: &str) -> bool {
        self.wanted.as_ref().is_none_or(|w| w.contains(at))
    }

    fn record(&mut self, at: &str, position: Position) {
        if self.wants(at) {
            self.positions
                .entry(at.to_string())
                .or_default()
                .push(position);
        }
    }

    /// A collection starts at `mark`: the frame its items are read in.
    fn open(&mut self, mark: Marker, frame: fn(String) -> Frame) {
        if matches!(self.stack.last(), Some(Frame::Skipped)) {
            self.stack.push(Frame::Skipped);
            return;
        }
        let at = self.node(mark, None).unwrap_or_else(|| "\u{0}".into());
        let frame = if self.wants(&at) {
            frame(at)
        } else {
            Frame::Skipped
        };
        self.stack.push(frame);
    }

    /// Called for every node (scalar, alias, or the start of a collection):
    /// returns its path, or None when the node is a mapping key.
    fn node(&mut self, mark: Marker, key_text: Option<&str>) -> Option<String> {
        let here = location(mark);
        match self.stack.last_mut() {
            None => {
                self.record(
                    "",
                    Position {
                        key: None,
                        value: here,
                    },
                );
                Some(String::new())
            }
            Some(Frame::Skipped) => None,
            Some(Frame::Sequence { path: parent, next }) => {
                let at = path::index(parent, *next);
                *next += 1;
                self.record(
                    &at,
                    Position {
                        key: None,
                        value: here,
                    },
                );
                Some(at)
            }
            Some(Frame::Mapping {
                path: parent,
                key,
                first,
            }) => match key.take() {
                None => {
                    if std::mem::take(first)
                        && let Some(own) = self
                            .positions
                            .get_mut(parent.as_str())
                            .and_then(|found| found.last_mut())
                        && here < own.value
                    {
                        own.value = here;
                    }
                    // A complex (non-text) key gets a name no path uses.
                    *key = Some((key_text.unwrap_or("\u{0}").to_string(), here));
                    None
                }
                Some((name, key_at)) => {
                    let at = path::key(parent, &name);
                    self.record(
                        &at,
                        Position {
                            key: Some(key_at),
                            value: here,
                        },
                    );
                    Some(at)
                }
            },
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
                self.node(mark, Some(&text));
            }
            Event::Alias(_) => {
                self.node(mark, None);
            }
            Event::MappingStart(..) => self.open(mark, |path| Frame::Mapping {
                path,
                key: None,
                first: true,
            }),
            Event::SequenceStart(..) => {
                self.open(mark, |path| Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::DocumentEnd => self.done = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locator_finds_keys_values_and_list_items() {
        let text =
            "id: bank\nquestions:\n  - id: q1\n    dimension: nope\n  - { id: q2, weight: 3 }\n";
        let locator = Locator::new(text);
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
    fn a_locator_for_some_paths_finds_them_as_the_full_one_does() {
        let text = "id: bank\nquestions:\n  - id: q1\n    dimension: nope\n  - { id: q2, weight: 3, options: [a, b] }\nbig: [1, 2, 3]\n";
        let full = Locator::new(text);
        let some = Locator::for_paths(text, ["questions[1].weight", "questions[0].nothing"]);
        for (path, target) in [
            ("questions[1].weight", Target::Key),
            ("questions[1].weight", Target::Value),
            ("questions[0].nothing", Target::Key),
        ] {
            assert_eq!(
                some.find(path, 0, target),
                full.find(path, 0, target),
                "{path}"
            );
        }
        // Nothing else is kept.
        assert_eq!(some.positions.len(), 5, "{:?}", some.positions.keys());
    }

    #[test]
    fn the_locator_reads_json_too() {
        let text = "{\n  \"answers\": {\n    \"q1\": 4\n  }\n}\n";
        let locator = Locator::new(text);
        let found = locator.find("answers.q1", 0, Target::Value).unwrap();
        assert_eq!((found.line, found.column), (3, 11));
    }
}
