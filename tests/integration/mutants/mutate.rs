//! Seeded mutations of a file's bytes, the way an attacker or an unlucky
//! user would change them: flipped bytes, lines deleted, repeated and
//! swapped, values of the wrong type, huge and special numbers, hostile
//! unicode, deep nesting, anchors and aliases, merge keys, tags, several
//! documents in one stream and very long lines. Every draw comes from one
//! ChaCha stream, so a seed and an index always give the same mutant.

use pathfit::engine::draw::below;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

/// No mutant is larger than this: the test bounds each mutant's work, and
/// the bounds themselves are checked against the input's size.
pub const MAX_MUTANT: usize = 192 * 1024;

/// How a file is written, for mutations that need to fit (or break) it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Json,
    Csv,
    /// JSON Lines: one JSON document a line.
    Jsonl,
}

/// A seeded stream of draws.
pub struct Dice(ChaCha8Rng);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        below(&mut self.0, n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The mutation operators, one per kind of damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    FlipBits,
    SetByte,
    Truncate,
    DeleteLines,
    RepeatLines,
    SwapLines,
    Indent,
    Splice,
    SwapScalar,
    SpecialNumber,
    NumberStorm,
    HostileText,
    DeepNesting,
    Alias,
    MergeKey,
    Tag,
    MultiDocument,
    LongLine,
    KeyTypo,
    BigList,
    LineEndings,
}

pub const OPS: &[Op] = &[
    Op::FlipBits,
    Op::SetByte,
    Op::Truncate,
    Op::DeleteLines,
    Op::RepeatLines,
    Op::SwapLines,
    Op::Indent,
    Op::Splice,
    Op::SwapScalar,
    Op::SpecialNumber,
    Op::NumberStorm,
    Op::HostileText,
    Op::DeepNesting,
    Op::Alias,
    Op::MergeKey,
    Op::Tag,
    Op::MultiDocument,
    Op::LongLine,
    Op::KeyTypo,
    Op::BigList,
    Op::LineEndings,
];

impl Op {
    pub fn name(self) -> &'static str {
        match self {
            Op::FlipBits => "flip-bits",
            Op::SetByte => "set-byte",
            Op::Truncate => "truncate",
            Op::DeleteLines => "delete-lines",
            Op::RepeatLines => "repeat-lines",
            Op::SwapLines => "swap-lines",
            Op::Indent => "indent",
            Op::Splice => "splice",
            Op::SwapScalar => "swap-scalar",
            Op::SpecialNumber => "special-number",
            Op::NumberStorm => "number-storm",
            Op::HostileText => "hostile-text",
            Op::DeepNesting => "deep-nesting",
            Op::Alias => "alias",
            Op::MergeKey => "merge-key",
            Op::Tag => "tag",
            Op::MultiDocument => "multi-document",
            Op::LongLine => "long-line",
            Op::KeyTypo => "key-typo",
            Op::BigList => "big-list",
            Op::LineEndings => "line-endings",
        }
    }
}

/// Huge, tiny and special numbers, and numbers YAML or JSON may not take.
const NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
    "1e309",
    "-1e309",
    ".inf",
    "-.inf",
    ".nan",
    ".NaN",
    "-0",
    "-0.0",
    "1e-320",
    "-1e-320",
    "4.9e-324",
    "9007199254740993",
    "18446744073709551616",
    "123456789012345678901234567890",
    "0x7FFFFFFFFFFFFFFF",
    "1_000",
    "0o17",
    "+.5",
    "NaN",
    "Infinity",
    "-Infinity",
    "nan",
    "inf",
];

/// Values of other types than the one expected.
const SCALARS: &[&str] = &[
    "~",
    "null",
    "true",
    "no",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "\"7\"",
    "7",
    "-3",
    "0.5",
    "''",
    "\"\"",
    "2001-12-14",
    "x",
    "\"plain text\"",
    "|\n  block",
    ">-\n  folded",
];

/// Text that must never reach a terminal as it is, and unicode that must.
/// The escapes are JSON's, which YAML's double quotes read too.
const HOSTILE: &[&str] = &[
    "\"Tools\\u001b[2J\\u001b]0;TITLE\\u0007 or people?\"",
    "\"Tools\\e[2J\\e]0;TITLE\\a or people?\"",
    "\"\\u001b[31mred\\u001b[0m\"",
    "\"left \\u202e thgir\"",
    "\"bell \\u0007 bell\"",
    "\"nul \\u0000 byte\"",
    "\"csi \\u009b2J\"",
    "\"del \\u007f\"",
    "\"over\\rwrite\"",
    "\"isolate \\u2066 x \\u2069\"",
    "\"back\\bspace\"",
    "\"line \\u2028 separator\"",
    "مرحبا بالعالم",
    "שלום \u{200f}עולם",
    "e\u{301}\u{301}\u{301}\u{301} combining",
    "\u{1f469}\u{200d}\u{2695}\u{fe0f} \u{1f527} emoji",
    "\u{feff}zero width",
    "\u{1b}[2J raw escape",
    "raw bell \u{7}",
];

/// Tags, standard and not.
const TAGS: &[&str] = &[
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!binary ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!timestamp ",
    "!custom ",
    "!<tag:yaml.org,2002:str> ",
];

/// Bytes worth setting: structure, controls and invalid UTF-8.
const BYTES: &[u8] = &[
    0x00, 0x1b, 0x07, 0x7f, 0xff, 0xc3, 0x80, b'"', b'\'', b':', b'{', b'[', b'-', b'\n', b'\t',
    b'&', b'*', b'!', b'|', b'>', b'#', b',', b';', b'%', b'@', b'`', b' ',
];

/// Applies one to three seeded mutations to `seed`; returns the mutant and
/// the names of the operators applied.
pub fn mutant(seed: &[u8], syntax: Syntax, dice: &mut Dice) -> (Vec<u8>, Vec<&'static str>) {
    let mut bytes = seed.to_vec();
    let mut applied = Vec::new();
    let count = 1 + dice.below(3);
    for _ in 0..count {
        let op = *dice.pick(OPS);
        apply(op, &mut bytes, syntax, dice);
        applied.push(op.name());
    }
    bytes.truncate(MAX_MUTANT);
    (bytes, applied)
}

/// Applies `op` once.
pub fn apply(op: Op, bytes: &mut Vec<u8>, syntax: Syntax, dice: &mut Dice) {
    if bytes.is_empty() {
        bytes.extend_from_slice(b"x");
    }
    match op {
        Op::FlipBits => {
            for _ in 0..1 + dice.below(4) {
                let at = dice.below(bytes.len());
                bytes[at] ^= 1 << dice.below(8);
            }
        }
        Op::SetByte => {
            let at = dice.below(bytes.len());
            bytes[at] = *dice.pick(BYTES);
        }
        Op::Truncate => {
            let at = dice.below(bytes.len());
            bytes.truncate(at);
        }
        Op::DeleteLines => {
            let mut lines = lines(bytes);
            let at = dice.below(lines.len());
            let n = (1 + dice.below(3)).min(lines.len() - at);
            lines.drain(at..at + n);
            *bytes = join(&lines);
        }
        Op::RepeatLines => {
            let mut lines = lines(bytes);
            let at = dice.below(lines.len());
            let n = (1 + dice.below(4)).min(lines.len() - at);
            let block: Vec<Vec<u8>> = lines[at..at + n].to_vec();
            let size: usize = block.iter().map(|l| l.len() + 1).sum();
            let times = (*dice.pick(&[1, 2, 5, 50, 400]))
                .min(MAX_MUTANT / size.max(1))
                .max(1);
            let repeated: Vec<Vec<u8>> = std::iter::repeat_n(block, times).flatten().collect();
            lines.splice(at..at, repeated);
            *bytes = join(&lines);
        }
        Op::SwapLines => {
            let mut lines = lines(bytes);
            let (a, b) = (dice.below(lines.len()), dice.below(lines.len()));
            lines.swap(a, b);
            *bytes = join(&lines);
        }
        Op::Indent => {
            let mut lines = lines(bytes);
            let at = dice.below(lines.len());
            match dice.below(3) {
                0 => lines[at].splice(0..0, *b"  ").for_each(drop),
                1 => lines[at].insert(0, b'\t'),
                _ => {
                    let spaces = lines[at].iter().take_while(|b| **b == b' ').count();
                    lines[at].drain(..spaces.min(2));
                }
            }
            *bytes = join(&lines);
        }
        Op::Splice => {
            let from = dice.below(bytes.len());
            let len = (1 + dice.below(64)).min(bytes.len() - from);
            let chunk = bytes[from..from + len].to_vec();
            let to = dice.below(bytes.len());
            bytes.splice(to..to, chunk);
        }
        Op::SwapScalar => {
            let with = if syntax == Syntax::Csv {
                dice.pick(&["", "x", "1.5", "\"a,b\"", "\"two\nlines\"", ";", "a;;b"])
                    .to_string()
            } else {
                dice.pick(SCALARS).to_string()
            };
            replace_value(bytes, syntax, dice, |_| true, &with);
        }
        Op::SpecialNumber => {
            let with = dice.pick(NUMBERS).to_string();
            if !replace_value(bytes, syntax, dice, is_number, &with) {
                replace_value(bytes, syntax, dice, |_| true, &with);
            }
        }
        Op::NumberStorm => {
            // Huge scores of both signs in one question overflow its sums
            // and ranges: every number in a few lines around one place.
            let numbers: Vec<(usize, usize)> = values(bytes, syntax)
                .into_iter()
                .filter(|&(s, e)| is_number(&bytes[s..e]))
                .collect();
            if let Some(&(centre, _)) = pick_span(&numbers, dice) {
                let reach = *dice.pick(&[200, 600, 2000]);
                let window = centre.saturating_sub(reach / 2)..centre + reach / 2;
                for &(start, end) in numbers.iter().rev() {
                    if window.contains(&start) {
                        let with = dice.pick(&["1e308", "-1e308", "1.7e308", "-1.7e308", "1e-320"]);
                        bytes.splice(start..end, with.bytes());
                    }
                }
            }
        }
        Op::HostileText => {
            let text = *dice.pick(HOSTILE);
            let with = if syntax == Syntax::Csv {
                text.trim_matches('"').replace("\\u001b", "\u{1b}")
            } else {
                text.to_string()
            };
            replace_value(bytes, syntax, dice, |v| !is_number(v), &with);
        }
        Op::DeepNesting => {
            let depth = *dice.pick(&[20, 99, 101, 129, 300, 20_000]);
            let with = match dice.below(3) {
                0 => format!("{}1{}", "[".repeat(depth), "]".repeat(depth)),
                1 if syntax == Syntax::Yaml => {
                    format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth))
                }
                _ => format!("{}1{}", "{\"a\": ".repeat(depth), "}".repeat(depth)),
            };
            replace_value(bytes, syntax, dice, |_| true, &with);
        }
        Op::Alias => match dice.below(4) {
            // An anchor on one value and an alias to it in another place.
            0 | 1 => {
                let anchored = anchor(bytes, syntax, dice);
                let name = if anchored { "*m1" } else { "*nowhere" };
                replace_value(bytes, syntax, dice, |_| true, name);
            }
            // A small alias bomb in place of a value.
            2 => {
                let with = "&b0 [x, x, x, x, x, x, x, x, x, x]";
                replace_value(bytes, syntax, dice, |_| true, with);
                let mut bomb = String::from("\n");
                for level in 1..8 {
                    let prev = format!("*b{}", level - 1);
                    let list = [prev.as_str(); 10].join(", ");
                    bomb.push_str(&format!("bomb{level}: &b{level} [{list}]\n"));
                }
                bytes.extend_from_slice(bomb.as_bytes());
            }
            // An anchor that refers to itself.
            _ => {
                replace_value(bytes, syntax, dice, |_| true, "&r [*r]");
            }
        },
        Op::MergeKey => {
            let mut lines = lines(bytes);
            let at = dice.below(lines.len());
            let indent: Vec<u8> = lines[at]
                .iter()
                .take_while(|b| **b == b' ')
                .copied()
                .collect();
            let merge = match dice.below(3) {
                0 => "<<: {id: merged, text: Merged}".to_string(),
                1 => "<<: [{a: 1}, {b: 2}]".to_string(),
                _ => "<<: *m1".to_string(),
            };
            if merge.contains("*m1") {
                *bytes = join(&lines);
                anchor(bytes, syntax, dice);
                lines = self::lines(bytes);
            }
            let at = at.min(lines.len());
            let mut line = indent;
            line.extend_from_slice(merge.as_bytes());
            lines.insert(at, line);
            *bytes = join(&lines);
        }
        Op::Tag => {
            let tag = dice.pick(TAGS);
            let spans = values(bytes, syntax);
            if let Some(&(start, _)) = pick_span(&spans, dice) {
                bytes.splice(start..start, tag.bytes());
            }
        }
        Op::MultiDocument => match dice.below(4) {
            0 => bytes.splice(0..0, b"---\n".iter().copied()).for_each(drop),
            1 => bytes
                .splice(0..0, b"%YAML 1.2\n---\n".iter().copied())
                .for_each(drop),
            2 => {
                let copy = bytes.clone();
                bytes.extend_from_slice(b"\n---\n");
                bytes.extend_from_slice(&copy[..copy.len().min(4096)]);
            }
            _ => {
                let mut lines = lines(bytes);
                let at = dice.below(lines.len());
                lines.insert(at, b"...".to_vec());
                *bytes = join(&lines);
            }
        },
        Op::LongLine => {
            let width = *dice.pick(&[65_535, 65_536, 70_000, 100_000]);
            let long = "x".repeat(width);
            let with = match syntax {
                Syntax::Csv => long,
                Syntax::Jsonl | Syntax::Json => format!("\"{long}\""),
                Syntax::Yaml => format!("\"{long}\""),
            };
            replace_value(bytes, syntax, dice, |v| !is_number(v), &with);
        }
        Op::KeyTypo => {
            let keys = keys(bytes);
            if let Some(&(start, end)) = pick_span(&keys, dice) {
                let key = &mut bytes[start..end];
                if key.len() >= 2 {
                    let i = dice.below(key.len() - 1);
                    key.swap(i, i + 1);
                } else {
                    bytes.insert(start, b'z');
                }
            }
        }
        Op::BigList => {
            let spans = values(bytes, syntax);
            if let Some(&(start, end)) = pick_span(&spans, dice) {
                let item = String::from_utf8_lossy(&bytes[start..end]).into_owned();
                let item = item.trim_matches(|c| c == '"' || c == '[' || c == ']');
                // As long as the size cap leaves room for.
                let room = MAX_MUTANT.saturating_sub(bytes.len()) / (item.len() + 4);
                let count = (*dice.pick(&[9, 100, 5_000, 30_000])).min(room).max(2);
                let list = if syntax == Syntax::Csv {
                    vec![item; count].join(";")
                } else {
                    let quoted = format!("\"{item}\"");
                    format!("[{}]", vec![quoted.as_str(); count].join(", "))
                };
                bytes.splice(start..end, list.bytes());
            }
        }
        Op::LineEndings => match dice.below(4) {
            0 => *bytes = replace_all(bytes, b"\n", b"\r\n"),
            1 => *bytes = replace_all(bytes, b"\n", b"\r"),
            2 => bytes.splice(0..0, "\u{feff}".bytes()).for_each(drop),
            _ => {
                let at = dice.below(bytes.len());
                bytes.insert(at, 0);
            }
        },
    }
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

fn join(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    let mut rest = bytes;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn is_number(value: &[u8]) -> bool {
    std::str::from_utf8(value).is_ok_and(|v| v.trim().parse::<f64>().is_ok())
}

fn pick_span<'a>(spans: &'a [(usize, usize)], dice: &mut Dice) -> Option<&'a (usize, usize)> {
    (!spans.is_empty()).then(|| dice.pick(spans))
}

/// Replaces one value that `fits` with `with`; false when there was none.
fn replace_value(
    bytes: &mut Vec<u8>,
    syntax: Syntax,
    dice: &mut Dice,
    fits: impl Fn(&[u8]) -> bool,
    with: &str,
) -> bool {
    let spans: Vec<(usize, usize)> = values(bytes, syntax)
        .into_iter()
        .filter(|&(s, e)| fits(&bytes[s..e]))
        .collect();
    match pick_span(&spans, dice) {
        Some(&(start, end)) => {
            bytes.splice(start..end, with.bytes());
            true
        }
        None => false,
    }
}

/// Puts the anchor `&m1` on one value; false when there is no value.
fn anchor(bytes: &mut Vec<u8>, syntax: Syntax, dice: &mut Dice) -> bool {
    let spans = values(bytes, syntax);
    match pick_span(&spans, dice) {
        Some(&(start, _)) => {
            bytes.splice(start..start, b"&m1 ".iter().copied());
            true
        }
        None => false,
    }
}

/// The byte spans of scalar values: what follows `: `, `- `, `[` or `, ` up
/// to the end of the line or the next `,`, `]` or `}` (for CSV: the cells
/// below the header). A heuristic, not a parser: a mutant only needs a
/// plausible place.
pub fn values(bytes: &[u8], syntax: Syntax) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if syntax == Syntax::Csv {
        let header = bytes.iter().position(|b| *b == b'\n').unwrap_or(0);
        let mut start = 0;
        for (i, b) in bytes.iter().enumerate() {
            if matches!(b, b',' | b'\n') {
                spans.push((start, i));
                start = i + 1;
            }
        }
        spans.push((start, bytes.len()));
        // A broken header stops every row: other operators break it, and
        // cells are the better targets here.
        spans.retain(|&(s, _)| s > header);
        return spans;
    }
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        let b = bytes[i];
        let opens = match syntax {
            Syntax::Yaml => {
                matches!(b, b':' | b'-' | b',') && bytes.get(i + 1) == Some(&b' ') || b == b'['
            }
            _ => matches!(b, b':' | b',' | b'['),
        };
        if !opens {
            i += 1;
            continue;
        }
        let mut start = i + 1;
        while start < len && bytes[start] == b' ' {
            start += 1;
        }
        if start >= len {
            break;
        }
        if matches!(bytes[start], b'{' | b'[' | b'\n' | b'\r') {
            i = start;
            if bytes[start] != b'[' {
                i += 1;
            }
            continue;
        }
        let mut end = start;
        if bytes[start] == b'"' {
            end += 1;
            while end < len && bytes[end] != b'"' && bytes[end] != b'\n' {
                end += 1 + usize::from(bytes[end] == b'\\');
            }
            end = (end + 1).min(len);
            if bytes.get(end) == Some(&b':') {
                // A key, not a value.
                i = end;
                continue;
            }
        } else {
            while end < len && !matches!(bytes[end], b'\n' | b'\r' | b',' | b']' | b'}' | b'#') {
                end += 1;
            }
        }
        while end > start && bytes[end - 1] == b' ' {
            end -= 1;
        }
        let span = &bytes[start..end];
        if let Some(key) = span.windows(2).position(|w| w == b": ") {
            i = start + key;
            continue;
        }
        if end > start {
            spans.push((start, end));
        }
        i = end.max(i + 1);
    }
    spans
}

/// The byte spans of keys: identifier characters just before a `:`.
fn keys(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if *b != b':' {
            continue;
        }
        let mut end = i;
        if end > 0 && bytes[end - 1] == b'"' {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            start -= 1;
        }
        if end > start {
            spans.push((start, end));
        }
    }
    spans
}

#[test]
fn mutants_are_the_same_for_the_same_seed() {
    let seed = b"id: x\nscale:\n  - { value: 1, label: One }\nanswers: [a, b]\n";
    let draw = |n| mutant(seed, Syntax::Yaml, &mut Dice::new(n));
    assert_eq!(draw(7), draw(7));
    let distinct: std::collections::HashSet<Vec<u8>> = (0..50).map(|n| draw(n).0).collect();
    assert!(distinct.len() > 40, "{}", distinct.len());
}

#[test]
fn values_and_keys_are_found_in_yaml_json_and_csv() {
    let yaml = b"a: 1\nb:\n  - x\n  - { c: 2, d: [e, f] }\n";
    let found: Vec<&[u8]> = values(yaml, Syntax::Yaml)
        .iter()
        .map(|&(s, e)| &yaml[s..e])
        .collect();
    assert_eq!(found, [&b"1"[..], b"x", b"2", b"e", b"f"]);
    let json = br#"{"a":1,"b":["x y",2]}"#;
    let found: Vec<&[u8]> = values(json, Syntax::Json)
        .iter()
        .map(|&(s, e)| &json[s..e])
        .collect();
    assert_eq!(found, [&b"1"[..], b"\"x y\"", b"2"]);
    let csv = b"respondent,q1\ns1,4\n";
    let found: Vec<&[u8]> = values(csv, Syntax::Csv)
        .iter()
        .map(|&(s, e)| &csv[s..e])
        .collect();
    assert_eq!(found, [&b"s1"[..], b"4", b""]);
    assert_eq!(keys(b"ab: 1, \"cd\":2").len(), 2);
}
