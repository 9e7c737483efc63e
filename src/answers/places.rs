//! Where the entries of a JSON answers file stand in its text, found with
//! serde_json itself: each value is read as a borrowed raw slice of the
//! text, whose address is its place. One pass, and only the entries a
//! problem is about are kept, so a minified file of millions of items with
//! one mistake is located in the time it takes to parse it (the general
//! YAML locator builds a place for every item first).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::diag::{Location, Target};

/// Byte offsets of `bank:`'s value and of the wanted `answers` entries.
#[derive(Debug, Default)]
pub struct JsonPlaces {
    bank: Option<usize>,
    /// Question id -> `(key, value)` offsets of each time it is written.
    entries: HashMap<String, Vec<(Option<usize>, usize)>>,
}

impl JsonPlaces {
    /// The places in JSON `text` of `bank` and of the entries of
    /// `answers` whose ids are `wanted`; `None` if the text does not parse.
    pub fn read(text: &str, wanted: &HashSet<&str>) -> Option<JsonPlaces> {
        let mut places = JsonPlaces::default();
        let seed = Top {
            base: text.as_ptr() as usize,
            wanted,
            places: &mut places,
        };
        let mut de = serde_json::Deserializer::from_str(text);
        seed.deserialize(&mut de).ok()?;
        Some(places)
    }

    /// The byte offset of `path` (`bank`, `answers.ID`), its `occurrence`th
    /// time, at its key or value.
    pub fn offset(&self, path: &str, occurrence: usize, target: Target) -> Option<usize> {
        if path == "bank" {
            return self.bank;
        }
        let found = self.entries.get(path.strip_prefix("answers.")?)?;
        let (key, value) = *found.get(occurrence).or(found.first())?;
        Some(match target {
            Target::Key => key.unwrap_or(value),
            Target::Value => value,
        })
    }
}

/// The location of each of `offsets` in `text`, in one pass.
pub fn locations(text: &str, offsets: &[usize]) -> HashMap<usize, Location> {
    let mut sorted = offsets.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut found = HashMap::new();
    let (mut at, mut line, mut column) = (0, 1, 1);
    for offset in sorted {
        let to = offset.min(text.len());
        for c in text.get(at..to).unwrap_or_default().chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        at = at.max(to);
        found.insert(offset, Location { line, column });
    }
    found
}

fn offset_of(base: usize, text: &str) -> usize {
    (text.as_ptr() as usize).saturating_sub(base)
}

struct Top<'p, 's> {
    base: usize,
    wanted: &'s HashSet<&'s str>,
    places: &'p mut JsonPlaces,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answers file")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.text.as_str() {
                "bank" => {
                    let raw: &RawValue = map.next_value()?;
                    self.places.bank = Some(offset_of(self.base, raw.get()));
                }
                "answers" => map.next_value_seed(Answers {
                    base: self.base,
                    wanted: self.wanted,
                    places: &mut *self.places,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Answers<'p, 's> {
    base: usize,
    wanted: &'s HashSet<&'s str>,
    places: &'p mut JsonPlaces,
}

impl<'de> DeserializeSeed<'de> for Answers<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping from question ids to answers")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let raw: &RawValue = map.next_value()?;
            if self.wanted.contains(key.text.as_str()) {
                // A key's place is its opening quote.
                let at = key.at.map(|a| offset_of(self.base, a).saturating_sub(1));
                self.places
                    .entries
                    .entry(key.text)
                    .or_default()
                    .push((at, offset_of(self.base, raw.get())));
            }
        }
        Ok(())
    }
}

/// A key's text, and the key as it stands in the input when it has no
/// escapes (so that its place is known).
struct Key<'de> {
    text: String,
    at: Option<&'de str>,
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key {
                    text: v.to_string(),
                    at: Some(v),
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key {
                    text: v.to_string(),
                    at: None,
                })
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_of_keys_values_and_repeats() {
        let text = "{\"bank\": \"x\",\n \"answers\": {\"a\": [1, 2], \"b\": 3, \"a\": 4, \"c\\u0041\": 5}}";
        let wanted: HashSet<&str> = ["a", "cA"].into();
        let places = JsonPlaces::read(text, &wanted).unwrap();
        let at = |path, n, target| {
            let offset = places.offset(path, n, target).unwrap();
            let found = locations(text, &[offset]);
            let l = found[&offset];
            (l.line, l.column)
        };
        assert_eq!(at("bank", 0, Target::Value), (1, 10));
        assert_eq!(at("answers.a", 0, Target::Key), (2, 14));
        assert_eq!(at("answers.a", 0, Target::Value), (2, 19));
        assert_eq!(at("answers.a", 1, Target::Key), (2, 35));
        // An escaped key is placed at its value.
        assert_eq!(at("answers.cA", 0, Target::Key), (2, 54));
        assert_eq!(places.offset("answers.b", 0, Target::Key), None);
        assert!(JsonPlaces::read("{\"answers\": [}", &wanted).is_none());
    }

    #[test]
    fn locations_are_found_in_one_pass_for_many_offsets() {
        let text = "ab\ncdé\nf";
        let found = locations(text, &[8, 0, 3, 7, 99]);
        assert_eq!(found[&7], Location { line: 2, column: 4 });
        assert_eq!(found[&8], Location { line: 3, column: 1 });
        assert_eq!(found[&0], Location { line: 1, column: 1 });
        assert_eq!(found[&99], Location { line: 3, column: 2 });
    }
}
