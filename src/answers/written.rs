//! Answers as written, read with serde from any format (YAML, JSON, a
//! saved session): every entry of an `answers` mapping in order, repeats
//! included, so they can be refused; any value, so every bad answer can be
//! reported; and lists read only as far as they could still be an answer
//! (to their first repeat, at most [`MAX_LIST_ITEMS`]), the rest only
//! counted, so a list of millions costs no memory. Whether an answer fits
//! its question is [`mod@super::resolve`]'s to say.

use std::fmt;

use indexmap::IndexSet;
use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A written list of options is read up to its first repeat and at most
/// this many items; the rest is only counted, so a list of millions costs
/// no memory. No real question has this many options; a longer list is
/// refused (`list-too-long`) whatever the question.
pub const MAX_LIST_ITEMS: usize = 4096;

/// An answer as written, before it is checked against its question.
#[derive(Debug, Clone, PartialEq)]
pub enum RawAnswer {
    Skip,
    Number(f64),
    Text(String),
    List(Vec<String>),
    /// A list read only in part ([`MAX_LIST_ITEMS`], or up to its first
    /// repeat, which is its last item here), and how many items it had.
    Cut {
        items: Vec<String>,
        total: usize,
    },
    /// Something no question takes (true/false, a mapping), named for the
    /// message.
    Unusable(&'static str),
}

/// Reads a written list of option ids an item at a time: it keeps items up
/// to the first repeat and at most [`MAX_LIST_ITEMS`], and counts the rest.
/// Repeats are found by comparing while the list is short (as lists are)
/// and by hashing once it is not.
#[derive(Default)]
pub(super) struct ListReader {
    items: Vec<String>,
    seen: Option<IndexSet<String>>,
    repeat: Option<String>,
    pub(super) total: usize,
}

/// Lists longer than this are checked for repeats with a hash set.
const SHORT_LIST: usize = 16;

impl ListReader {
    /// Whether the next item is kept (otherwise only counted).
    pub(super) fn keeps(&self) -> bool {
        self.repeat.is_none() && self.len() < MAX_LIST_ITEMS
    }

    fn len(&self) -> usize {
        self.seen.as_ref().map_or(self.items.len(), IndexSet::len)
    }

    pub(super) fn push(&mut self, item: String) {
        self.total += 1;
        if !self.keeps() {
            return;
        }
        if let Some(seen) = &mut self.seen {
            if let (_, false) = seen.insert_full(item.clone()) {
                self.repeat = Some(item);
            }
        } else if self.items.contains(&item) {
            self.repeat = Some(item);
        } else if self.items.len() == SHORT_LIST {
            let mut seen: IndexSet<String> = std::mem::take(&mut self.items).into_iter().collect();
            seen.insert(item);
            self.seen = Some(seen);
        } else {
            self.items.push(item);
        }
    }

    pub(super) fn finish(self) -> RawAnswer {
        let mut items = match self.seen {
            Some(seen) => seen.into_iter().collect(),
            None => self.items,
        };
        items.extend(self.repeat);
        if items.len() == self.total {
            RawAnswer::List(items)
        } else {
            RawAnswer::Cut {
                items,
                total: self.total,
            }
        }
    }
}

/// The `answers` mapping as written, keeping every entry in order, repeats
/// included, so that they can be refused.
#[derive(Debug, Default)]
pub struct Entries(pub Vec<(String, RawAnswer)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from question ids to answers")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Entries, E> {
                Ok(Entries::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Key>()? {
                    entries.push((key.0, map.next_value::<RawAnswer>()?));
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

/// A question id; YAML reads `12:` as a number, which is still an id.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a question id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key, E> {
                Ok(Key(v.to_string()))
            }
        }
        d.deserialize_any(KeyVisitor)
    }
}

/// Any value deserializes; whether it fits its question is decided later,
/// so that every bad answer is reported, not only the first.
impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Skip)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Skip)
            }
            fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<RawAnswer, D::Error> {
                RawAnswer::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Unusable("true/false"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v.to_string()))
            }
            /// Reads items only while the list could still be an answer:
            /// up to its first repeat, at most [`MAX_LIST_ITEMS`], and not
            /// past an item that is no option id; the rest is counted.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswer, A::Error> {
                let mut list = ListReader::default();
                let mut usable = true;
                while usable && list.keeps() {
                    match seq.next_element::<RawAnswer>()? {
                        None => return Ok(list.finish()),
                        Some(RawAnswer::Text(t)) => list.push(t),
                        Some(RawAnswer::Number(n)) => list.push(n.to_string()),
                        Some(_) => usable = false,
                    }
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    list.total += 1;
                }
                Ok(if usable {
                    list.finish()
                } else {
                    RawAnswer::Unusable("a list with something other than option ids in it")
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswer, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawAnswer::Unusable("a mapping"))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}
