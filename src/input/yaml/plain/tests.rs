use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::super::read_clean_by_serde_yaml;
use super::*;
use crate::bank::def::BankDef;
use crate::diag::problem::{Target, path};
use crate::input::locate::Locator;

/// What each reader makes of `text`, as debug text (so NaN equals NaN).
fn both<T: DeserializeOwned + Debug>(text: &str) -> (Option<String>, Option<String>) {
    let plain = read::<T>(text).map(|v| format!("{v:?}"));
    let serde = read_clean_by_serde_yaml::<T>(text).map(|v| format!("{v:?}"));
    (plain, serde)
}

/// Fails unless the plain reader reads `text` as serde_yaml does.
fn same<T: DeserializeOwned + Debug>(text: &str) -> String {
    let (plain, serde) = both::<T>(text);
    assert!(plain.is_some(), "the plain reader refused:\n{text}");
    assert_eq!(plain, serde, "{text}");
    plain.unwrap()
}

/// Fails unless the plain reader leaves `text` to serde_yaml.
fn refused<T: DeserializeOwned + Debug>(text: &str) {
    assert_eq!(read::<T>(text).map(|v| format!("{v:?}")), None, "{text}");
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read through Debug
struct Texts {
    a: String,
    #[serde(default)]
    b: Option<String>,
    #[serde(default)]
    list: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read through Debug
struct Numbers {
    whole: Option<u32>,
    real: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read through Debug
struct Wrapped {
    n: Numbers,
}

#[test]
fn the_bundled_banks_are_read_the_plain_way_as_serde_yaml_reads_them() {
    for name in ["healthcare", "interests"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("questions/{name}.yaml"));
        let text = std::fs::read_to_string(path).unwrap();
        same::<BankDef>(&text);
    }
}

#[test]
fn every_fixture_bank_the_plain_reader_takes_reads_as_serde_yaml_reads_it() {
    fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut files,
    );
    let mut taken = 0;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let (plain, serde) = both::<BankDef>(&text);
        if plain.is_some() {
            taken += 1;
            assert_eq!(plain, serde, "{}", file.display());
        }
    }
    // Most fixtures are broken on purpose, but the good ones are plain.
    assert!(taken >= 10, "only {taken} of {} fixtures", files.len());
}

#[test]
fn block_texts_fold_and_keep_lines_as_libyaml_does() {
    let folded = same::<Texts>("a: >-\n  one\n  two\n\n  three\n\n\n  four\nb: >\n  x\n  y\n\n");
    assert!(
        folded.contains(r#"a: "one two\nthree\n\nfour", b: Some("x y\n")"#),
        "{folded}"
    );
    let literal = same::<Texts>("a: |\n  one\n    two\n\n  three\nb: |-\n  x\n");
    assert!(
        literal.contains(r#"a: "one\n  two\n\nthree\n", b: Some("x")"#),
        "{literal}"
    );
    same::<Texts>("list:\n  - >-\n    one\n    two # not a comment\n  - |\n    #3\na: x\n");
    same::<Texts>("a: >- # a comment\n  one\n# a comment\nb: x\n");
    same::<Texts>("a: >\n  one  \n  two \nb: |\n  three  \n\n  # four\n\n\n# five\n");
    same::<Texts>("list:\n- |-\n  x\n\n  y\n- >-\n   deeper\n   still\na: |\n  end\n");
}

#[test]
fn quoted_and_plain_texts_read_as_libyaml_reads_them() {
    same::<Texts>("a: \"it\\\"s \\\\ \\u00e9 \\n\\t/\"\nb: 'it''s # not a comment'\n");
    same::<Texts>("a: 50% of $70,000 (a - b) [c] {d} x:y #e\nb: text # a comment\n");
    same::<Texts>("a: true\nb: null\nlist: [1, '2', \"3\", -4, 0.5, ~]\n");
    same::<Texts>("a: ''\nb:\nlist: []\n");
    same::<Texts>("# comment\n\na:   spaced   \n   # indented comment\nlist:\n- one\n-   two\n");
}

#[test]
fn numbers_and_nulls_read_as_serde_yaml_reads_them() {
    for (whole, real) in [
        ("3", "0.5"),
        ("0", "-2"),
        ("~", "null"),
        ("", "1e3"),
        ("Null", "007"),
        ("4294967295", ".5"),
        ("12", "+1.5"),
        ("12", ".inf"),
        ("12", "-.Inf"),
        ("12", ".NaN"),
    ] {
        same::<Numbers>(&format!("whole: {whole}\nreal: {real}\n"));
        same::<Wrapped>(&format!("n: {{whole: {whole}, real: {real}}}\n"));
    }
    // Quoted numbers are text to serde_yaml, so not numbers at all; the
    // other forms of whole numbers, and numbers too large, are left to it.
    for text in [
        "whole: '3'\n",
        "real: \"0.5\"\n",
        "whole: 0x1F\n",
        "whole: +3\n",
        "whole: 007\n",
        "whole: 4294967296\n",
        "whole: 1.0\n",
        "real: 1_000\n",
    ] {
        refused::<Numbers>(text);
    }
}

#[test]
fn what_the_subset_leaves_out_is_left_to_serde_yaml() {
    for text in [
        "a:\tx\n",
        "a: x\ry\n",
        "a: x\r",
        "\u{FEFF}a: x\n",
        "a: x\u{2028}y\n",
        "---\na: x\n",
        "a: x\n...\n",
        "%YAML 1.2\n---\na: x\n",
        "a: &anchor x\nb: *anchor\n",
        "a: !tag x\n",
        "a: x\na: y\n",
        "a: x\nb: one\n  two\n",
        "a: 'one\n  two'\n",
        "a: \"one\n  two\"\n",
        "a: [x,\n  y]\n",
        "a: \"\\x41\"\n",
        "a: >+\n  x\n",
        "a: >2\n   x\n",
        "a: >\n\n  x\n",
        "a: >\n  x\n    more\n",
        "a: >\n  x\n   \n  y\n",
        "a: >-\n  x",
        "a: x: y\n",
        "a: x:\n",
        "? a\n: x\n",
        "a : x\n",
        "\"a\": x\n",
        "a: x\nlist:\n  - - y\n",
        "a: x\nlist:\n  -\n",
        "a: x\nlist: [a: b]\n",
        "a: x\nlist: [y,]\n",
        "a: x\nlist: [y # no\n",
        "a: x\nlist: [{y: z}]\n",
        "a: x\nc: unknown\n",
        "a: x\n  b: y\n",
        "  a: x\nb: y\n",
        "- a\n",
        "a\n",
        "",
    ] {
        refused::<Texts>(text);
    }
    refused::<Texts>(&format!(
        "a: x\nlist: {}y{}\n",
        "[".repeat(60),
        "]".repeat(60)
    ));
}

#[test]
fn a_mapping_of_many_keys_is_checked_for_repeats_in_linear_time() {
    let mut text = String::from("whole: 1\nreal:\n");
    let keys: Vec<String> = (0..5000).map(|i| format!("  k{i}: {i}\n")).collect();
    text.push_str(&keys.concat());
    // Read into a map of its own to see the keys.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // read through Debug
    struct Many {
        real: indexmap::IndexMap<String, u32>,
    }
    let read = same::<Many>(&text.replace("whole: 1\n", ""));
    assert!(read.contains("\"k4999\": 4999"));
    text.push_str("  k17: 1\n");
    refused::<Many>(&text.replace("whole: 1\n", ""));
}

/// A piece of text for a generated bank, and whether it can be written
/// plain (the generator quotes the rest).
const WORDS: &[&str] = &[
    "a",
    "b c",
    "it's",
    "50%",
    "$70,000",
    "x: y",
    "#tag",
    "a #b",
    "é",
    "–",
    "(a)",
    "a - b",
    "true",
    "null",
    "123",
    "0.5",
    "~",
    "yes",
    "-1",
    "[x]",
    "{y}",
    "a,b",
    "\"q\"",
    "back\\slash",
    "tab\there",
    "line\nbreak",
    "  padded ",
    "",
    "&a",
    "*b",
    "!c",
    "|",
    ">",
    "@",
    "`",
    "?",
    ":",
    "-",
    "%d",
    "a:b",
    "trailing:",
];

fn plain_safe(text: &str) -> bool {
    !text.is_empty()
        && !indicator(text.as_bytes()[0])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains(['\t', '\n'])
        && text.trim() == text
        && !["true", "null", "123", "0.5", "~", "-1"].contains(&text)
}

/// Writes `text` as a block value in one of the styles that fit it.
fn scalar(text: &str, style: u8) -> String {
    let plain_in_flow = plain_safe(text) && !text.contains([',', '[', ']', '{', '}', ':', '#']);
    match style % 5 {
        0 if plain_in_flow => text.to_string(),
        1 if !text.contains(['\t', '\n']) => format!("'{}'", text.replace('\'', "''")),
        _ => {
            let escaped: String = text
                .chars()
                .map(|c| match c {
                    '"' => "\\\"".to_string(),
                    '\\' => "\\\\".to_string(),
                    '\n' => "\\n".to_string(),
                    '\t' => "\\t".to_string(),
                    'é' if style.is_multiple_of(2) => "\\u00e9".to_string(),
                    c => c.to_string(),
                })
                .collect();
            format!("\"{escaped}\"")
        }
    }
}

/// Writes `text` as a block value: any scalar style, or a block text.
fn block_scalar(text: &str, style: u8, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    match style % 7 {
        5 | 6 if !text.is_empty() && !text.starts_with(' ') && !text.contains(['\t', '\n']) => {
            let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
            let head = if style.is_multiple_of(2) { ">-" } else { "|" };
            let body: Vec<String> = words.iter().map(|w| format!("{pad}{w}\n")).collect();
            format!("{head}\n{}", body.concat().trim_end_matches('\n'))
        }
        _ => scalar(text, style),
    }
}

prop_compose! {
    fn styled_text()(word in 0..WORDS.len(), more in 0..WORDS.len(), style in any::<u8>()) -> (String, u8) {
        (format!("{} {}", WORDS[word], WORDS[more]).trim().to_string(), style)
    }
}

prop_compose! {
    fn number()(form in 0..8u8, n in 0..200u32) -> String {
        match form {
            0 => n.to_string(),
            1 => format!("{}.{}", n / 10, n % 10),
            2 => format!("-{n}"),
            3 => format!("{n}e-2"),
            4 => format!(".{n}"),
            5 => format!("+{n}"),
            6 => format!("0{n}"),
            _ => format!("{n}.0"),
        }
    }
}

prop_compose! {
    /// A bank in random but sound styles: block or flow, quoted or plain,
    /// block texts, comments and blank lines, two or four spaces.
    fn styled_bank()(
        texts in proptest::collection::vec(styled_text(), 12),
        numbers in proptest::collection::vec(number(), 8),
        flow in any::<[bool; 4]>(),
        wide in any::<bool>(),
        inline_list in any::<bool>(),
        comments in any::<bool>(),
        questions in 1..4usize,
    ) -> String {
        let step = if wide { 4 } else { 2 };
        let sp = |n: usize| " ".repeat(n);
        // The column of a list's dashes under a key at column `key`, and
        // the column of its items' keys.
        let dash = |key: usize| if inline_list { key } else { key + step };
        let note = if comments { " # a note" } else { "" };
        let (l0, k1) = (dash(0), dash(0) + 2);
        let (l1, k2) = (dash(k1), dash(k1) + 2);
        let mut out = String::new();
        if comments {
            out.push_str("# A bank\n\n");
        }
        out.push_str(&format!("id: {}\ntitle: {}\nversion: {}\n", scalar("bank-1", texts[0].1), block_scalar(&texts[0].0, texts[0].1, 0), questions));
        out.push_str(&format!("description: {}{}\n", block_scalar(&texts[1].0, texts[1].1, 0), if texts[1].1 % 7 >= 5 { "" } else { note }));
        out.push_str("dimensions:\n");
        for d in 0..2 {
            let (t, s) = &texts[2 + d];
            if flow[0] {
                out.push_str(&format!("{}- {{ id: d{d}, name: {}, low: {}, high: low, weight: {} }}\n", sp(l0), scalar(t, *s), scalar(t, s / 3), numbers[1 + d]));
            } else {
                out.push_str(&format!("{}- id: d{d}\n{}name: {}\n", sp(l0), sp(k1), block_scalar(t, *s, k1)));
                if comments {
                    out.push_str(&format!("\n{}# about the dimension\n", sp(k1)));
                }
                out.push_str(&format!("{}low: {}\n{}high: high\n", sp(k1), scalar(t, s / 3), sp(k1)));
            }
        }
        out.push_str("roles:\n");
        for r in 0..2 {
            let (t, s) = &texts[4 + r];
            out.push_str(&format!("{}- id: r{r}\n{}name: {}\n{}summary: {}\n", sp(l0), sp(k1), scalar(t, *s), sp(k1), block_scalar(t, s / 2, k1)));
            if flow[1] {
                out.push_str(&format!("{}profile: {{ d0: {}, d1: {} }}\n", sp(k1), numbers[3 + r], numbers[5]));
            } else {
                out.push_str(&format!("{}profile:\n{}d0: {}\n{}d1: {}\n", sp(k1), sp(k1 + step), numbers[3 + r], sp(k1 + step), numbers[5]));
            }
            if flow[2] {
                out.push_str(&format!("{}examples: [{}, {}]\n", sp(k1), scalar(t, *s), scalar(&texts[6].0, texts[6].1)));
            } else {
                let label = &texts[7].0;
                let label = if plain_safe(label) && !label.contains(['#', ',', '[', ']', '{', '}', '"', '\'', ':']) { label.clone() } else { "Label".to_string() };
                out.push_str(&format!("{}examples:\n{}- {}\n{}facts:\n{}{label}: {}\n", sp(k1), sp(l1), block_scalar(t, *s, l1), sp(k1), sp(k1 + step), block_scalar(&texts[8].0, texts[8].1, k1 + step)));
            }
        }
        out.push_str("questions:\n");
        for q in 0..questions {
            let (t, s) = &texts[9 + q % 3];
            if flow[3] {
                out.push_str(&format!("{}- {{ id: q{q}, kind: likert, text: {}, dimension: d0, keyed: {} }}\n", sp(l0), scalar(t, *s), if s % 2 == 0 { "minus" } else { "plus" }));
            } else {
                out.push_str(&format!("{}- id: q{q}\n{}kind: choice\n{}text: {}\n{}options:\n", sp(l0), sp(k1), sp(k1), block_scalar(t, *s, k1), sp(k1)));
                out.push_str(&format!("{}- {{ id: a, text: {}, scores: {{ d0: {} }} }}\n", sp(l1), scalar(t, s / 5), numbers[6]));
                out.push_str(&format!("{}- id: b\n{}text: B\n{}scores:\n{}d1: {}\n", sp(l1), sp(k2), sp(k2), sp(k2 + step), numbers[7]));
            }
        }
        out
    }
}

/// Every path of a document in the subset.
fn paths(text: &str) -> Vec<String> {
    enum Open {
        Map(String, Option<String>),
        Seq(String, usize),
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut found = vec![String::new()];
    // The path of the node that comes next, and whether it is a key.
    let next_path = |stack: &mut Vec<Open>| -> Option<String> {
        match stack.last_mut() {
            None => Some(String::new()),
            Some(Open::Seq(at, n)) => {
                *n += 1;
                Some(path::index(at, *n - 1))
            }
            Some(Open::Map(at, key)) => key.take().map(|k| path::key(at, &k)),
        }
    };
    let text = with_lf(text).unwrap();
    for event in events(&text).unwrap() {
        match event {
            Event::Scalar(text, _) => {
                if let Some(Open::Map(_, key @ None)) = stack.last_mut() {
                    *key = Some(text.into_owned());
                    continue;
                }
                found.extend(next_path(&mut stack));
            }
            Event::MapStart | Event::SeqStart => {
                let at = next_path(&mut stack).unwrap_or_default();
                found.push(at.clone());
                stack.push(if event == Event::MapStart {
                    Open::Map(at, None)
                } else {
                    Open::Seq(at, 0)
                });
            }
            Event::MapEnd | Event::SeqEnd => {
                stack.pop();
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Whether the locator takes the plain reader's marks for all of `text`.
fn surely_placed(text: &str) -> bool {
    struct Sure;
    impl<'a> Sink<'a> for Sure {
        fn event(&mut self, _: Event<'a>, _: usize) -> bool {
            true
        }
        fn unsure(&mut self) -> bool {
            false
        }
    }
    with_lf(text).is_some_and(|text| stream(&text, &mut Sure))
}

/// Whether yaml-rust2 reads all of `text`: where it does not (it refuses
/// `[a -, b]`, which libyaml reads), only the plain reader's marks are
/// there to compare.
fn yaml_rust2_reads(text: &str) -> bool {
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((yaml_rust2::parser::Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// Fails unless the plain reader places every path of `text` where
/// yaml-rust2 does, or leaves the document to it.
fn placed_alike(text: &str) -> Result<(), TestCaseError> {
    if !surely_placed(text) || !yaml_rust2_reads(text) {
        return Ok(());
    }
    let all = paths(text);
    // One path asked for alone: the reading stops once it is placed.
    for at in all.iter().step_by(all.len() / 5 + 1) {
        let plain = Locator::new(text, [at.as_str()]);
        let yaml_rust2 = Locator::by_yaml_rust2(text, [at.as_str()]);
        for target in [Target::Key, Target::Value] {
            prop_assert_eq!(plain.find(at, 0, target), yaml_rust2.find(at, 0, target));
        }
    }
    let plain = Locator::new(text, all.iter().map(String::as_str));
    let yaml_rust2 = Locator::by_yaml_rust2(text, all.iter().map(String::as_str));
    for at in &all {
        for target in [Target::Key, Target::Value] {
            prop_assert_eq!(
                plain.find(at, 0, target),
                yaml_rust2.find(at, 0, target),
                "{} {:?} in\n{}",
                at,
                target,
                text
            );
        }
    }
    Ok(())
}

#[test]
fn the_bundled_banks_are_placed_as_yaml_rust2_places_them() {
    for name in ["healthcare", "interests"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("questions/{name}.yaml"));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(surely_placed(&text));
        placed_alike(&text).unwrap();
    }
    placed_alike("a:\nb: [1, {c: d}]\ne:\n- f\n- g: h\n  i:\n  j: >-\n    k\nl:\n").unwrap();
}

/// Bytes that matter to YAML, for edits that may or may not break it.
const EDITS: &[&str] = &[
    "\t", "#", ":", " ", "  ", "\n", "- ", "'", "\"", "&a ", "*a", "!", "{", "}", "[", "]", ",",
    "---\n", "~", "null", "\\", "|", ">", "\n\n", "? ", "%", "\r", "x: y\n", "\u{85}",
];

/// Applies `edits` (where, which, how many bytes it replaces) to `text`.
fn edited(mut text: String, edits: Vec<(prop::sample::Index, usize, usize)>) -> String {
    for (at, edit, cut) in edits {
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(at..end, EDITS[edit]);
    }
    text
}

fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, usize, usize)>> {
    proptest::collection::vec(
        (any::<prop::sample::Index>(), 0..EDITS.len(), 0..3usize),
        1..3,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn a_styled_bank_is_read_the_plain_way_as_serde_yaml_reads_it(text in styled_bank(), crlf in any::<bool>()) {
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let (plain, serde) = both::<BankDef>(&text);
        prop_assert!(plain.is_some(), "the plain reader refused:\n{}", text);
        prop_assert_eq!(plain, serde, "{}", text);
    }

    #[test]
    fn an_edited_bank_is_read_as_serde_yaml_reads_it_or_left_to_it(
        text in styled_bank(),
        edits in edits(),
    ) {
        let text = edited(text, edits);
        let (plain, serde) = both::<BankDef>(&text);
        if plain.is_some() {
            prop_assert_eq!(plain, serde, "{}", text);
        }
    }

    #[test]
    fn a_styled_bank_is_placed_as_yaml_rust2_places_it(text in styled_bank(), edits in edits()) {
        placed_alike(&text)?;
        placed_alike(&text.replace('\n', "\r\n"))?;
        placed_alike(&edited(text, edits))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// The bundled bank has long block texts, comments and quoted facts.
    #[test]
    fn an_edited_bundled_bank_is_read_as_serde_yaml_reads_it_or_left_to_it(edits in edits()) {
        let text = edited(include_str!("../../../../questions/healthcare.yaml").to_string(), edits);
        let (plain, serde) = both::<BankDef>(&text);
        if plain.is_some() {
            prop_assert_eq!(plain, serde, "{}", text);
        }
    }
}
