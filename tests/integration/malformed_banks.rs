//! Bank files that are not banks at all, through `pathfit score` (exit 65):
//! not YAML, a list, empty, an alias bomb, a duplicated key, not UTF-8, and
//! nested too deep, each refused with one located problem.

use crate::support::problems::{bank_problems, check_snippets, locate};
use crate::support::{fixture, read, score_fails};

#[test]
fn a_bank_that_is_not_yaml_exits_65_at_the_syntax_error() {
    let bank = fixture("banks/not-yaml.yaml");
    let source = read(&bank);
    let (_, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{found:?}");
    let p = &found[0];
    assert_eq!(p.code, "yaml-syntax");
    assert_eq!(p.message, "mapping values are not allowed in this context");
    let want = locate(&source, |l| l.trim() == "name: Hands-on work", 0, ": ");
    assert_eq!(p.location, Some(want));
    check_snippets(&found, &source);
}

#[test]
fn a_bank_that_is_a_plain_list_exits_65() {
    let bank = fixture("banks/list.yaml");
    let (_, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "not-a-bank");
    assert!(
        found[0].message.ends_with("but this file holds a list"),
        "{}",
        found[0].message
    );
    // Line 1 is a comment; the list starts on line 2.
    assert_eq!(found[0].location, Some((2, 1)));
}

#[test]
fn an_empty_bank_file_exits_65() {
    let bank = fixture("banks/empty.yaml");
    assert_eq!(std::fs::metadata(&bank).unwrap().len(), 0);
    let (_, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "not-a-bank");
    assert!(found[0].message.ends_with("but this file holds nothing"));
    assert_eq!(found[0].location, None);
}

#[test]
fn an_alias_bomb_is_refused_not_expanded() {
    let bank = fixture("banks/alias-bomb.yaml");
    let (err, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "too-many-aliases");
    // Counted before anything is built: refused at the alias that takes
    // the expanded count over the bound.
    assert_eq!(
        found[0].message,
        "the aliases (`*name`) in this file expand to more than 500,000 values"
    );
    assert_eq!(found[0].location, Some((8, 40)));
    let hint = found[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("write the values out instead"), "{err}");
}

#[test]
fn a_duplicated_key_in_a_bank_exits_65() {
    let bank = fixture("banks/duplicate-key.yaml");
    let (err, found) = bank_problems(&bank);
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "duplicate-key");
    assert_eq!(found[0].message, "duplicate entry with key \"title\"");
    // Points at the second `title:`, not at the start of the mapping.
    let second = locate(&read(&bank), |l| l.starts_with("title:"), 1, "title");
    assert_eq!(found[0].location, Some(second));
}

#[test]
fn a_bank_that_is_not_utf8_exits_65_at_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("latin1.yaml");
    // "café" in Latin-1: the é (0xE9) is column 11 of line 2.
    std::fs::write(&bank, b"id: tiny\ntitle: caf\xe9\nversion: 1\n").unwrap();
    let bank = bank.to_str().unwrap();
    let err = score_fails(
        &["--bank", bank, "--answers", &fixture("answers/tiny.yaml")],
        65,
    );
    assert!(
        err.starts_with(&format!("error: {bank}:2:11: the file is not UTF-8 text")),
        "{err}"
    );

    let binary = dir.path().join("binary.yaml");
    std::fs::write(&binary, [0x00, 0x9f, 0x92, 0x96, 0xff, 0xfe, 0x00, 0x01]).unwrap();
    let binary = binary.to_str().unwrap();
    let err = score_fails(
        &["--bank", binary, "--answers", &fixture("answers/tiny.yaml")],
        65,
    );
    assert!(
        err.starts_with(&format!("error: {binary}:1:2: the file is not UTF-8 text")),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_refused_past_100_levels() {
    let dir = tempfile::tempdir().unwrap();
    let nested = |depth: usize| format!("{}{}\n", "[".repeat(depth), "]".repeat(depth));

    let deep = dir.path().join("deep.yaml");
    std::fs::write(&deep, nested(101)).unwrap();
    let deep = deep.to_str().unwrap();
    let (_, found) = bank_problems(deep);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "too-deep");
    assert_eq!(found[0].location, Some((1, 101)), "the 101st `[`");

    // 100 levels parse; the file is then simply not a bank.
    let shallow = dir.path().join("shallow.yaml");
    std::fs::write(&shallow, nested(100)).unwrap();
    let (_, found) = bank_problems(shallow.to_str().unwrap());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "not-a-bank");

    // Far too deep for the parser's scanner: still a located problem.
    let huge = dir.path().join("huge.yaml");
    std::fs::write(&huge, nested(200_000)).unwrap();
    let (_, found) = bank_problems(huge.to_str().unwrap());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, "too-deep");
    assert_eq!(found[0].location.map(|l| l.0), Some(1));
}

#[test]
fn deep_block_nesting_is_refused_past_100_levels() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("deep.yaml");
    // One-space indents: 150 levels fit in 150 columns.
    let text: String = (0..150).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    std::fs::write(&bank, text).unwrap();
    let (err, found) = bank_problems(bank.to_str().unwrap());
    assert_eq!(found.len(), 1, "{err}");
    assert_eq!(found[0].code, "too-deep");
    assert_eq!(found[0].location.map(|l| l.0), Some(101));
}
