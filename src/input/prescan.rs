//! What every YAML document passes before `serde_yaml` sees it: no raw
//! control character, nesting no deeper than [`MAX_DEPTH`], and no more
//! than [`MAX_NODES`] values with aliases expanded. `serde_yaml` builds all
//! of a document's events in memory before reading them (a 15 MB flow list
//! took 1.5 GB), and replays an alias's events each time it is used (a
//! 300 KB file of aliases took 10 GB), so the limits must hold before it
//! starts. One cheap pass over the bytes clears nearly every real file; only
//! the others are parsed event by event with yaml-rust2's streaming parser,
//! stopping at the first value too many.

use yaml_rust2::parser::{Event, Parser};

use super::locate::location;
use crate::diag::problem::{Code, Location, Problem};
use crate::visible::is_bidi_control;

/// Deeper nesting than this is refused before parsing: no bank needs it,
/// and the main parser reads the whole document before it notices.
pub const MAX_DEPTH: usize = 100;

/// The most values (nodes: texts, numbers, lists, mappings, keys among
/// them) a document may hold, each alias counted as the values it repeats.
/// `serde_yaml` holds every event of a document in memory before reading
/// it, and the locator keeps a path per value: at a few hundred bytes a
/// value, this keeps any accepted file well under 200 MiB. A generated
/// 10,000-question bank has about 170,000.
pub const MAX_NODES: usize = 500_000;

/// Checks `text` against the limits of this module: the first problem
/// found, located.
pub(super) fn prescan(text: &str) -> Result<(), Box<Problem>> {
    prescan_with(text, MAX_NODES)
}

fn prescan_with(text: &str, max_nodes: usize) -> Result<(), Box<Problem>> {
    let glance = Glance::of(text);
    if glance.control {
        return Err(Box::new(raw_control(text)));
    }
    if !glance.deep() && !glance.aliases && glance.most_nodes() <= max_nodes {
        return Ok(());
    }
    crowded_line(text, max_nodes / 3)?;
    walk(text, max_nodes, &glance)
}

/// Lines longer than this are counted before the walk.
const LONG_LINE: usize = 64 * 1024;

/// Refuses a long line with more than `most` commas. yaml-rust2's scanner
/// holds every token of a line while a flow collection's simple key is
/// still possible (libyaml gives up after 1024 characters; yaml-rust2 does
/// not), so one 16 MiB line of a flow list took 300 MB in the walk before
/// any value could be counted. A minified 10,000-question JSON bank has
/// well under 100,000 commas.
fn crowded_line(text: &str, most: usize) -> Result<(), Box<Problem>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.len() > LONG_LINE {
            let mut commas = 0usize;
            for (at, _) in line.match_indices(',') {
                commas += 1;
                if commas > most {
                    let mut problem = Problem::new(
                        Code::TooManyValues,
                        "",
                        format!(
                            "this line holds more than {} values (list items, keys and texts), more than any bank or answers file needs",
                            thousands(most)
                        ),
                    )
                    .hint("check that this is the right file: a list may have been pasted many times over");
                    problem.location = Some(Location::of_offset(text, start + at + 1));
                    return Err(Box::new(problem));
                }
            }
        }
        start += line.len();
    }
    Ok(())
}

/// What one pass over the bytes tells about a document, erring on the
/// side of too much.
#[derive(Debug, Default, PartialEq)]
struct Glance {
    /// Flow nesting: brackets, counted even inside strings.
    deepest: usize,
    /// The longest run of spaces, tabs and block indicators (`-`, `?`,
    /// `:`) that starts a line. Block nesting needs one of them a level.
    widest: usize,
    /// The indicators that can start a value: `[`, `{`, `,`, and `-`, `?`,
    /// `:` where YAML reads them as indicators. Every value but the
    /// document's own is started by one, and one starts at most three (a
    /// mapping, its key and its value).
    indicators: usize,
    /// A `*` anywhere: perhaps an alias, which repeats other values.
    aliases: bool,
    /// A control character YAML does not allow in a file (C0 but tab and
    /// line breaks, DEL, C1).
    control: bool,
}

/// The bytes [`Glance::of`] looks at past the start of a line: every one
/// its `match` names.
const NOTABLE: [bool; 256] = {
    let mut notable = [false; 256];
    let mut b = 0;
    while b < 256 {
        notable[b] = b < 0x20
            || b == 0x7f
            || b == 0xc2
            || matches!(
                b as u8,
                b'[' | b'{' | b']' | b'}' | b',' | b'-' | b'?' | b':' | b'*'
            );
        b += 1;
    }
    notable
};

impl Glance {
    fn of(text: &str) -> Glance {
        Glance::looking(text, true)
    }

    /// The glance of `text`; with `skip`, past the bytes that tell nothing
    /// (a test checks that this finds what looking at every byte finds).
    fn looking(text: &str, skip: bool) -> Glance {
        let bytes = text.as_bytes();
        let mut glance = Glance::default();
        let (mut depth, mut run, mut line_start) = (0usize, 0usize, true);
        for (i, &b) in bytes.iter().enumerate() {
            // Most bytes (letters, digits, spaces inside a line) tell
            // nothing: skip them before looking at the next byte.
            if skip && !line_start && !NOTABLE[usize::from(b)] {
                continue;
            }
            if b == b'\n' {
                (run, line_start) = (0, true);
                continue;
            }
            if line_start {
                if matches!(b, b' ' | b'\t' | b'-' | b'?' | b':') {
                    run += 1;
                    glance.widest = glance.widest.max(run);
                } else {
                    line_start = false;
                }
            }
            let next = bytes.get(i + 1).copied();
            let spaced = matches!(next, None | Some(b' ' | b'\t' | b'\r' | b'\n'));
            match b {
                b'[' | b'{' => {
                    depth += 1;
                    glance.deepest = glance.deepest.max(depth);
                    glance.indicators += 1;
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                b',' => glance.indicators += 1,
                b'-' | b'?' if spaced => glance.indicators += 1,
                // Not an indicator only inside a word (`12:30`, `http://`);
                // a flow collection or quoted key may have one right after.
                b':' if spaced
                    || matches!(next, Some(b',' | b'[' | b']' | b'{' | b'}'))
                    || (i > 0
                        && matches!(bytes[i - 1], b'"' | b'\'' | b']' | b'}' | b' ' | b'\t')) =>
                {
                    glance.indicators += 1
                }
                b'*' => glance.aliases = true,
                0x7f => glance.control = true,
                0xc2 if matches!(next, Some(0x80..=0x9f)) => glance.control = true,
                b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => glance.control = true,
                _ => {}
            }
        }
        glance
    }

    fn deep(&self) -> bool {
        self.deepest + self.widest >= MAX_DEPTH
    }

    /// At least as many values as the document holds, aliases aside.
    fn most_nodes(&self) -> usize {
        self.indicators.saturating_add(1).saturating_mul(3)
    }
}

/// The first raw control character, as a problem at its place.
fn raw_control(text: &str) -> Problem {
    let (offset, c) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .unwrap_or((0, '\0'));
    let mut problem = Problem::new(
        Code::ControlCharacter,
        "",
        format!(
            "the file contains {} here, which YAML does not allow and which could change or hide what a terminal shows",
            describe_hidden(c)
        ),
    )
    .hint("remove it (retype the line if you cannot see it); line breaks and tabs are fine");
    problem.location = Some(Location::of_offset(text, offset));
    problem
}

/// A character that [`crate::visible::is_hidden`] as a person would call
/// it, with its code point: "an escape character (U+001B)".
pub fn describe_hidden(c: char) -> String {
    let name = match c {
        '\u{1b}' => "an escape character",
        '\u{7}' => "a bell character",
        '\r' => "a carriage return",
        '\0' => "a null character",
        '\u{8}' => "a backspace",
        '\u{202e}' => "a right-to-left override",
        '\u{202d}' => "a left-to-right override",
        c if is_bidi_control(c) => "an invisible text-direction control",
        _ => "an invisible control character",
    };
    format!("{name} (U+{:04X})", c as u32)
}

/// Parses the document event by event: refuses nesting deeper than
/// [`MAX_DEPTH`] and more than `max_nodes` values, counting each alias as
/// the values its anchor holds. Memory stays at the nesting depth and the
/// number of anchors.
fn walk(text: &str, max_nodes: usize, glance: &Glance) -> Result<(), Box<Problem>> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    let mut nodes = 0usize;
    // Per anchor id (from 1): how many values an alias of it repeats.
    let mut sizes: Vec<usize> = vec![0];
    // Per open list or mapping: its anchor id and the count before it.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let located = |mut problem: Problem, mark| {
        problem.location = Some(location(mark));
        Box::new(problem)
    };
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            // Its scanner gives up on deep flow nesting before the parser
            // reports the depth; either way the document cannot be used.
            Err(err) if glance.deep() => {
                let problem = Problem::new(
                    Code::TooDeep,
                    "",
                    format!("the document cannot be read: {}", err.info()),
                )
                .hint("a bank or answers file needs only a few levels of nesting; check that this is the right file");
                return Err(located(problem, *err.marker()));
            }
            // The main parser reports a syntax error better, and without
            // aliases the glance bounds what it would build; with them, or
            // past the bound, the count cannot be trusted.
            Err(_) if !glance.aliases && glance.most_nodes() <= max_nodes => return Ok(()),
            Err(err) => {
                let problem = Problem::new(Code::YamlSyntax, "", err.info().to_string())
                    .hint("check the indentation and quoting around this place; strings containing `: ` or starting with `[`, `{`, `*` or `&` need quotes");
                return Err(located(problem, *err.marker()));
            }
        };
        let is_alias = matches!(event, Event::Alias(_));
        let (added, anchor) = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let problem = Problem::new(
                        Code::TooDeep,
                        "",
                        format!("the document is nested more than {MAX_DEPTH} levels deep"),
                    )
                    .hint("a bank or answers file needs only a few levels; check that this is the right file");
                    return Err(located(problem, mark));
                }
                open.push((anchor, nodes));
                (1, 0)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                if let Some((anchor, before)) = open.pop() {
                    remember(&mut sizes, anchor, nodes - before);
                }
                (0, 0)
            }
            Event::Scalar(_, _, anchor, _) => (1, anchor),
            // An alias of an anchor still open (a loop) counts once.
            Event::Alias(id) => (sizes.get(id).copied().filter(|&n| n > 0).unwrap_or(1), 0),
            Event::StreamEnd => return Ok(()),
            _ => (0, 0),
        };
        nodes = nodes.saturating_add(added);
        remember(&mut sizes, anchor, 1);
        if nodes > max_nodes {
            let many = thousands(max_nodes);
            let problem = if is_alias {
                Problem::new(
                    Code::TooManyAliases,
                    "",
                    format!("the aliases (`*name`) in this file expand to more than {many} values"),
                )
                .hint("the file repeats its aliases (`*name`) too many times: write the values out instead")
            } else {
                Problem::new(
                    Code::TooManyValues,
                    "",
                    format!("the file holds more than {many} values (list items, keys and texts), more than any bank or answers file needs"),
                )
                .hint("check that this is the right file: a list may have been pasted many times over")
            };
            return Err(located(problem, mark));
        }
    }
}

/// A whole number with thousands separators, for messages: `500,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Records that anchor `id` (0: none) stands for `size` values.
fn remember(sizes: &mut Vec<usize>, id: usize, size: usize) {
    if id > 0 {
        if sizes.len() <= id {
            sizes.resize(id + 1, 0);
        }
        sizes[id] = size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_named_with_their_code_point() {
        assert_eq!(describe_hidden('\u{1b}'), "an escape character (U+001B)");
        assert_eq!(
            describe_hidden('\u{9b}'),
            "an invisible control character (U+009B)"
        );
        assert_eq!(
            describe_hidden('\u{2067}'),
            "an invisible text-direction control (U+2067)"
        );
    }

    /// Every value of a document, aliases as one: what the glance bounds.
    fn values(text: &str) -> usize {
        let mut parser = Parser::new_from_str(text);
        let mut n = 0;
        loop {
            match parser.next_token().expect("valid YAML").0 {
                Event::Scalar(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
                | Event::Alias(_) => n += 1,
                Event::StreamEnd => return n,
                _ => {}
            }
        }
    }

    #[test]
    fn the_glance_never_counts_fewer_values_than_a_document_holds() {
        let mut texts: Vec<String> = [
            "a",
            "[]",
            "{}",
            "[a, b, c]",
            "{a, b}",
            "{ a: 1, b: 2 }",
            "[a: 1, b: 2]",
            "[[[a]]]",
            "- - - a\n- b",
            "-\n-\n-\n",
            "a:\nb:\nc:\n",
            "? a\n: b\n? c\n",
            "{\"a\":1,\"b\":[1,2,{\"c\":null}]}",
            "a: [x, {y: [z, w]}, v]\nb:\n  - c: d\n    e: f\n  - - g\n    - h\n",
            "a: |\n  text: with [brackets], commas - and colons\n",
            "[a:, b:]",
            "{\"a\" :1, [b]:2, {c: d}:3}",
            "- a: 1\n  b: 2\n- c: 3",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "json")
                    && let Ok(text) = std::fs::read_to_string(&path)
                    && !text.contains('*')
                    && Parser::new_from_str(&text).load(&mut Sink, true).is_ok()
                {
                    texts.push(text);
                }
            }
        }
        for bank in ["healthcare", "interests"] {
            let path = format!("{}/questions/{bank}.yaml", env!("CARGO_MANIFEST_DIR"));
            texts.push(std::fs::read_to_string(path).unwrap());
        }
        assert!(texts.len() > 40, "{}", texts.len());
        for text in &texts {
            let glance = Glance::of(text);
            assert!(
                glance.most_nodes() >= values(text),
                "{} < {}:\n{text}",
                glance.most_nodes(),
                values(text)
            );
        }
    }

    proptest::proptest! {
        /// Mangled banks that still parse never hold more values than the
        /// glance counts.
        #[test]
        fn the_glance_bounds_mangled_banks(
            edits in proptest::collection::vec((0..20_000usize, proptest::sample::select(b" -:?,[]{}\"'#\n|>&!ax".to_vec())), 1..12)
        ) {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/interests.yaml");
            let mut bytes = std::fs::read(path).unwrap();
            for (at, b) in edits {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            if let Ok(text) = String::from_utf8(bytes)
                && Parser::new_from_str(&text).load(&mut Sink, true).is_ok()
            {
                proptest::prop_assert!(Glance::of(&text).most_nodes() >= values(&text), "{text}");
            }
        }
    }

    /// [`Glance::of`] as it was before it skipped the bytes that tell
    /// nothing: looking at every byte.
    fn glance_of_every_byte(text: &str) -> Glance {
        Glance::looking(text, false)
    }

    proptest::proptest! {
        /// Skipping the bytes that tell nothing changes nothing the glance
        /// finds, whatever the text.
        #[test]
        fn the_glance_skips_only_bytes_that_tell_nothing(
            text in "[ a1\t\r\n\\-:?,\\[\\]{}*\"'#|>&!\u{7f}\u{85}\u{9b}\u{1b}\u{c2}é]{0,80}"
        ) {
            proptest::prop_assert_eq!(Glance::of(&text), glance_of_every_byte(&text));
        }
    }

    #[test]
    fn the_glance_of_the_bundled_banks_is_as_it_was() {
        for bank in ["healthcare", "interests"] {
            let path = format!("{}/questions/{bank}.yaml", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            assert_eq!(Glance::of(&text), glance_of_every_byte(&text), "{bank}");
        }
    }

    struct Sink;
    impl yaml_rust2::parser::MarkedEventReceiver for Sink {
        fn on_event(&mut self, _: Event, _: yaml_rust2::scanner::Marker) {}
    }

    #[test]
    fn a_real_bank_passes_on_the_glance_alone() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/questions/healthcare.yaml");
        let glance = Glance::of(&std::fs::read_to_string(path).unwrap());
        assert!(
            !glance.deep() && !glance.aliases && !glance.control,
            "{glance:?}"
        );
        assert!(glance.most_nodes() < MAX_NODES / 50, "{glance:?}");
    }

    #[test]
    fn values_past_the_bound_are_refused_at_the_first_one_too_many() {
        let text = "a: [1, 2, 3]\nb: [4, 5, 6]\n";
        // The root, `a`, its list and three items, `b`, its list and
        // three items: 11.
        assert!(prescan_with(text, 11).is_ok());
        let err = prescan_with(text, 8).unwrap_err();
        assert_eq!(err.code, Code::TooManyValues);
        assert_eq!(err.location, Some(Location { line: 2, column: 5 }));
        assert!(
            err.message.contains("more than 8 values"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_long_crowded_line_is_refused_before_the_walk_holds_its_tokens() {
        // A flow list inside a flow mapping, all on one line: the walk
        // would hold every token of it before counting one.
        let items = vec!["an example"; 200_000].join(", ");
        let text = format!("roles:\n  - {{ id: maker, examples: [{items}] }}\n");
        let err = prescan_with(&text, MAX_NODES).unwrap_err();
        assert_eq!(err.code, Code::TooManyValues);
        let at = err.location.unwrap();
        assert_eq!(at.line, 2);
        assert!(at.column > 100_000, "{at:?}");
        // A long line of a real size passes to the walk, which counts it.
        let fine = format!("a: [{}]\n", vec!["x"; 30_000].join(", "));
        assert!(fine.len() > LONG_LINE);
        assert!(prescan_with(&fine, MAX_NODES).is_ok());
    }

    #[test]
    fn an_alias_counts_as_every_value_it_repeats() {
        // The root, `a`, its list of 3, `b`, its list of three aliases of
        // those 4 values: 20.
        let text = "a: &x [1, 2, 3]\nb: [*x, *x, *x]\n";
        assert!(prescan_with(text, 20).is_ok());
        let err = prescan_with(text, 19).unwrap_err();
        assert_eq!(err.code, Code::TooManyAliases);
        assert_eq!(
            err.location,
            Some(Location {
                line: 2,
                column: 13
            })
        );
        // Anchors inside anchors multiply.
        let nested = "a: &x [1, 2]\nb: &y [*x, *x]\nc: [*y, *y, *y, *y]\n";
        assert_eq!(
            prescan_with(nested, 30).unwrap_err().code,
            Code::TooManyAliases
        );
        // An alias of a scalar is one value.
        assert!(prescan_with("a: &s x\nb: [*s, *s]\n", 8).is_ok());
    }

    #[test]
    fn a_raw_control_character_is_refused_at_its_place() {
        let err = prescan_with("id: x\ntitle: ab\u{1b}c\n", MAX_NODES).unwrap_err();
        assert_eq!(err.code, Code::ControlCharacter);
        assert_eq!(
            err.location,
            Some(Location {
                line: 2,
                column: 10
            })
        );
        let err = prescan_with("a: caf\u{9b}\n", MAX_NODES).unwrap_err();
        assert_eq!(err.location, Some(Location { line: 1, column: 7 }));
        // Tabs, CRLF line ends, accents and bidi marks (checked per text
        // by the bank) pass.
        assert!(prescan_with("a: \"x\ty\"\r\nb: café £ \u{202e}\r\n", MAX_NODES).is_ok());
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(500_000), "500,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
