//! Where in a bank a check looks, kept as its parts and written out as a
//! path (`questions[3].options[0].id`) only when a problem is reported
//! there. A 10,000-question bank passes through some 200,000 checks and
//! nearly all of them pass: formatting each one's path up front took a
//! tenth of `pathfit validate`'s time.

use std::fmt;

/// The most parts a path in a bank has (`roles[0].specialties[1].facts.x`
/// has six).
const MAX_PARTS: usize = 8;

/// A place in a bank: a path of mapping keys and list indices, cheap to
/// copy. Written out, it is exactly what `diag::problem::path::key` and
/// `path::index` build part by part.
#[derive(Clone, Copy)]
pub(in crate::bank) struct At<'a> {
    parts: [Part<'a>; MAX_PARTS],
    len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Part<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The whole document (the empty path).
    pub(in crate::bank) const ROOT: At<'static> = At {
        parts: [Part::Index(0); MAX_PARTS],
        len: 0,
    };

    /// A top-level entry (`dimensions`, `thresholds`).
    pub(in crate::bank) fn top(key: &'a str) -> At<'a> {
        At::ROOT.key(key)
    }

    /// The entry `key` of the mapping here.
    pub(in crate::bank) fn key<'b>(&self, key: &'b str) -> At<'b>
    where
        'a: 'b,
    {
        self.with(Part::Key(key))
    }

    /// The item `index` of the list here.
    pub(in crate::bank) fn index(&self, index: usize) -> At<'a> {
        self.with(Part::Index(index))
    }

    /// Whether the path goes through an entry `key` (`specialties`).
    pub(in crate::bank) fn has_key(&self, key: &str) -> bool {
        self.parts[..self.len].contains(&Part::Key(key))
    }

    fn with<'b>(&self, part: Part<'b>) -> At<'b>
    where
        'a: 'b,
    {
        let mut next: At<'b> = *self;
        // No check goes deeper than MAX_PARTS (a test walks the deepest
        // ones); should one, its problem is placed at the parent's path,
        // which the locator falls back to anyway.
        debug_assert!(self.len < MAX_PARTS, "a bank path deeper than {MAX_PARTS}");
        if next.len < MAX_PARTS {
            next.parts[next.len] = part;
            next.len += 1;
        }
        next
    }
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `path::key` does: a key follows a dot unless nothing has
        // been written before it.
        let mut empty = true;
        for part in &self.parts[..self.len] {
            match part {
                Part::Key(key) => {
                    if !empty {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                    empty &= key.is_empty();
                }
                Part::Index(index) => {
                    write!(f, "[{index}]")?;
                    empty = false;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Debug for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "At({self})")
    }
}

impl From<At<'_>> for String {
    fn from(at: At<'_>) -> String {
        at.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::path;
    use proptest::prelude::*;

    #[test]
    fn an_at_is_written_as_the_path_it_stands_for() {
        let question = At::top("questions").index(3);
        assert_eq!(question.to_string(), "questions[3]");
        assert_eq!(
            question.key("options").index(0).key("id").to_string(),
            "questions[3].options[0].id"
        );
        assert_eq!(At::ROOT.to_string(), "");
        assert_eq!(At::top("id").to_string(), "id");
        let deepest = At::top("roles")
            .index(0)
            .key("specialties")
            .index(1)
            .key("facts")
            .key("Pay, per year");
        assert_eq!(
            String::from(deepest),
            "roles[0].specialties[1].facts.Pay, per year"
        );
        assert!(deepest.has_key("specialties"));
        assert!(!question.has_key("specialties"));
    }

    proptest! {
        /// Any path of up to MAX_PARTS parts reads exactly as the path
        /// helpers the rest of the crate uses (and the locator reads) build
        /// it, keys with dots and brackets and empty keys included.
        #[test]
        fn an_at_reads_as_the_path_helpers_build_it(
            parts in proptest::collection::vec(
                prop_oneof![
                    "[a-z.\\[\\] ]{0,6}".prop_map(Ok),
                    (0usize..20_000).prop_map(Err),
                ],
                0..=MAX_PARTS,
            )
        ) {
            let mut at = At::ROOT;
            let mut built = String::new();
            for part in &parts {
                match part {
                    Ok(key) => {
                        at = at.key(key);
                        built = path::key(&built, key);
                    }
                    Err(index) => {
                        at = at.index(*index);
                        built = path::index(&built, *index);
                    }
                }
            }
            prop_assert_eq!(at.to_string(), built);
        }
    }
}
