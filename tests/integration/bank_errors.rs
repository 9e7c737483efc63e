//! Banks with mistakes in them, through `pathfit score` (exit 65): each
//! single-mistake bank under tests/fixtures/banks/ reports its one problem
//! at its line and column with its code, message, snippet and hint; a
//! broken bank is refused before the answers are read; a bank with many
//! mistakes reports them all, in file order.

use crate::support::problems::{bank_problems, check_snippets, locate, problems};
use crate::support::{fixture, read, score_fails, score_json};

#[test]
fn the_control_bank_beside_the_broken_ones_is_valid() {
    // Every file in tests/fixtures/banks/ except this one is broken; each
    // single-mistake file is this one with one change.
    let json = score_json(&[
        "--bank",
        &fixture("banks/valid-tiny.yaml"),
        "--answers",
        &fixture("answers/tiny.yaml"),
    ]);
    assert_eq!(json["bank"]["id"], "tiny");
    assert_eq!(json["recommendation"]["role"], "maker");
}

/// A bank file with one mistake: its code, the line it is on (a whole
/// trimmed line of the file, and which occurrence of it), the text the
/// column points at (None: not checked), a piece of the message and of the
/// hint.
struct OneMistake {
    file: &'static str,
    code: &'static str,
    line: &'static str,
    nth: usize,
    column_at: Option<&'static str>,
    message: &'static str,
    hint: Option<&'static str>,
}

const ONE_MISTAKE: &[OneMistake] = &[
    OneMistake {
        file: "specialty-bad-target",
        code: "bad-target",
        line: "hands: 1.2",
        nth: 0,
        column_at: Some("1.2"),
        message: "the target for `hands` must be between 0 and 1, not 1.2",
        hint: Some("0 means the dimension's `low` end"),
    },
    OneMistake {
        file: "specialty-duplicate-id",
        code: "duplicate-id",
        line: "- id: mechanic",
        nth: 1,
        column_at: Some("mechanic"),
        message: "the specialty id `mechanic` is used twice",
        hint: Some("it is already used at roles[0].specialties[0]"),
    },
    OneMistake {
        file: "specialty-unknown-field",
        code: "unknown-field",
        line: "profil:",
        nth: 0,
        column_at: Some("profil"),
        message: "unknown field `profil`",
        hint: Some("did you mean `profile`?"),
    },
    OneMistake {
        file: "unknown-field",
        code: "unknown-field",
        line: "wieght: 2",
        nth: 0,
        column_at: Some("wieght"),
        message: "unknown field `wieght`",
        hint: Some("did you mean `weight`?"),
    },
    OneMistake {
        file: "wrong-type",
        code: "wrong-type",
        line: "weight: heavy",
        nth: 0,
        column_at: Some("heavy"),
        message: "invalid type: string \"heavy\", expected a number",
        hint: Some("write a number here"),
    },
    OneMistake {
        file: "unknown-dimension",
        code: "unknown-dimension",
        line: "dimension: hand",
        nth: 0,
        column_at: Some("hand"),
        message: "unknown dimension `hand`",
        hint: Some("did you mean `hands`?"),
    },
    OneMistake {
        file: "duplicate-id",
        code: "duplicate-id",
        line: "- id: fix-things",
        nth: 1,
        column_at: Some("fix-things"),
        message: "the question id `fix-things` is used twice",
        hint: Some("it is already used at questions[0]"),
    },
    OneMistake {
        file: "missing-target",
        code: "missing-target",
        line: "profile:",
        nth: 1,
        column_at: Some("profile"),
        message: "the profile of `helper` has no target for `hands`",
        hint: Some("give a target between 0 and 1 for every dimension"),
    },
    OneMistake {
        file: "bad-target",
        code: "bad-target",
        line: "hands: 1.5",
        nth: 0,
        column_at: Some("1.5"),
        message: "the target for `hands` must be between 0 and 1, not 1.5",
        hint: Some("0 means the dimension's `low` end"),
    },
    OneMistake {
        file: "bad-id",
        code: "bad-id",
        line: "- id: Fix Things",
        nth: 0,
        column_at: Some("Fix Things"),
        message: "`Fix Things` is not a valid id",
        hint: Some("for example `fix-things`"),
    },
    OneMistake {
        file: "empty-text",
        code: "empty-text",
        line: "text: \"   \"",
        nth: 0,
        column_at: Some("\""),
        message: "this text is empty",
        hint: Some("write the text"),
    },
    OneMistake {
        file: "field-not-for-kind",
        code: "field-not-for-kind",
        line: "options:",
        nth: 0,
        column_at: Some("options"),
        message: "a likert question has no `options`",
        hint: Some("`options` is for choice and multi questions"),
    },
    OneMistake {
        file: "too-few-options",
        code: "too-few-options",
        line: "- { id: workshop, text: Build a shelf, scores: { hands: 2 } }",
        nth: 0,
        column_at: Some("-"),
        message: "a choice question needs at least two options, this one has 1",
        hint: Some("add options, or make it a likert question"),
    },
    OneMistake {
        file: "bad-range",
        code: "bad-range",
        line: "max: 5",
        nth: 0,
        column_at: Some("5"),
        message: "`max` (5) must be greater than `min` (10)",
        hint: Some("the answer must be a number from `min` to `max`"),
    },
    OneMistake {
        file: "missing-field",
        code: "missing-field",
        line: "- id: tool-hours",
        nth: 0,
        // A problem about a whole block-style question is placed at its
        // first key.
        column_at: Some("id: tool-hours"),
        message: "a number question needs `max`",
        hint: Some("number questions need `min` and `max`"),
    },
    OneMistake {
        file: "bad-weight",
        code: "bad-weight",
        line: "weight: 0",
        nth: 0,
        column_at: Some("0"),
        message: "the weight must be a number greater than 0, not 0",
        hint: Some("1.0 is the default"),
    },
    OneMistake {
        file: "bad-version",
        code: "bad-version",
        line: "version: 0",
        nth: 0,
        column_at: Some("0"),
        message: "the version must be 1 or more",
        hint: Some("start at 1"),
    },
    OneMistake {
        file: "bad-threshold",
        code: "bad-threshold",
        line: "clear: 1.5",
        nth: 0,
        column_at: Some("1.5"),
        message: "the `clear` threshold must be between 0 and 1, not 1.5",
        hint: Some("0.10 means 10 percentage points"),
    },
    OneMistake {
        file: "duplicate-value",
        code: "duplicate-value",
        line: "- { value: 2, label: Yes }",
        nth: 0,
        column_at: Some("2"),
        message: "the scale value 2 is used twice",
        hint: Some("scale[1] already has it"),
    },
    OneMistake {
        file: "duplicate-label",
        code: "duplicate-label",
        line: "- { value: 2, label: yes }",
        nth: 0,
        column_at: Some("yes"),
        message: "the scale label `yes` is used twice",
        hint: Some("scale[0] already has it"),
    },
    OneMistake {
        file: "small-scale",
        code: "small-scale",
        line: "- { value: 1, label: Yes }",
        nth: 0,
        column_at: Some("-"),
        message: "a scale needs at least two points, this one has 1",
        hint: Some("list the answers from lowest to highest"),
    },
    OneMistake {
        file: "too-few-roles",
        code: "too-few-roles",
        line: "- id: maker",
        nth: 0,
        column_at: Some("-"),
        message: "a bank needs at least two roles to compare, this one has 1",
        hint: Some("add the roles a student chooses between"),
    },
    OneMistake {
        file: "not-finite",
        code: "not-finite",
        line: "- { id: workshop, text: Build a shelf, scores: { hands: .inf } }",
        nth: 0,
        column_at: Some(".inf"),
        message: "inf is not a usable number",
        hint: Some("`.inf` and `.nan` cannot be scored"),
    },
    OneMistake {
        file: "unmeasured-dimension",
        code: "unmeasured-dimension",
        line: "- id: numbers",
        nth: 0,
        column_at: Some("numbers"),
        message: "no question measures the dimension `numbers`",
        hint: Some("add questions with `dimension: ` this id"),
    },
];

#[test]
fn each_single_mistake_bank_exits_65_with_one_located_problem() {
    for case in ONE_MISTAKE {
        let bank = fixture(&format!("banks/{}.yaml", case.file));
        let source = read(&bank);
        let (err, found) = bank_problems(&bank);
        let name = case.file;
        assert!(err.contains(": 1 problem found\n"), "{name}:\n{err}");
        assert_eq!(found.len(), 1, "{name}:\n{err}");
        let p = &found[0];
        assert_eq!(p.code, case.code, "{name}:\n{err}");
        assert!(p.message.contains(case.message), "{name}:\n{err}");
        let (line, column) = locate(
            &source,
            |l| l.trim() == case.line,
            case.nth,
            case.column_at.unwrap_or(case.line),
        );
        let (got_line, got_column) = p.location.unwrap_or_else(|| panic!("{name}: {err}"));
        assert_eq!(got_line, line, "{name} line:\n{err}");
        if case.column_at.is_some() {
            assert_eq!(got_column, column, "{name} column:\n{err}");
        }
        match case.hint {
            Some(hint) => assert!(
                p.hint.as_deref().is_some_and(|h| h.contains(hint)),
                "{name} hint:\n{err}"
            ),
            None => assert_eq!(p.hint, None, "{name}"),
        }
        check_snippets(&found, &source);
    }
}

#[test]
fn a_broken_bank_is_refused_before_the_answers_are_read() {
    let bank = fixture("banks/unknown-field.yaml");
    // The answers file does not exist (that alone would be exit 66) ...
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("answers.yaml");
    let err = score_fails(
        &["--bank", &bank, "--answers", missing.to_str().unwrap()],
        65,
    );
    assert!(err.contains("[unknown-field]"), "{err}");
    assert!(!err.contains("cannot read the file"), "{err}");
    // ... or is broken itself: only the bank's problem is reported.
    let broken_answers = fixture("answers/broken.yaml");
    let err = score_fails(&["--bank", &bank, "--answers", &broken_answers], 65);
    assert_eq!(problems(&err, &bank).len(), 1, "{err}");
    assert!(!err.contains(&broken_answers), "{err}");
}

#[test]
fn many_mistakes_are_all_reported_at_their_lines() {
    let bank = fixture("banks/many-mistakes.yaml");
    let source = read(&bank);
    let (err, found) = bank_problems(&bank);

    // Every problem starts with × FILE:LINE:COL: MESSAGE [CODE].
    let headers: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(&format!("  × {bank}:")))
        .collect();
    assert_eq!(headers.len(), found.len(), "{err}");
    assert!(found.iter().all(|p| p.location.is_some()), "{err}");

    // Each mistake's line carries a `# CODE` comment in the fixture; the
    // column points at this text on that line.
    let expected = [
        ("duplicate-value", "2"),
        ("wrong-type", "heavy"),
        ("unmeasured-dimension", "numbers"),
        ("missing-target", "profile"),
        ("bad-target", "1.5"),
        ("unknown-field", "wieght"),
        ("unknown-dimension", "peple"),
        ("duplicate-id", "fix-things"),
        ("empty-text", "\"\""),
        ("bad-id", "Tool-Time"),
        ("field-not-for-kind", "options"),
        ("too-few-options", "-"),
        ("bad-range", "8"),
    ];
    assert!(
        err.starts_with(&format!(
            "error: {bank}: {} problems found\n",
            expected.len()
        )),
        "{err}"
    );
    assert_eq!(found.len(), expected.len(), "{err}");
    for (code, column_at) in expected {
        let marker = format!("# {code}");
        let want = locate(&source, |l| l.contains(&marker), 0, column_at);
        assert!(
            found
                .iter()
                .any(|p| p.code == code && p.location == Some(want)),
            "no [{code}] at {want:?}:\n{err}"
        );
    }
    let mut codes: Vec<&str> = found.iter().map(|p| p.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert!(
        codes.len() >= 8,
        "only {} distinct codes: {codes:?}",
        codes.len()
    );
    assert_eq!(codes.len(), expected.len());

    // Problems come in file order, with their snippets and hints.
    let lines: Vec<usize> = found.iter().map(|p| p.location.unwrap().0).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    check_snippets(&found, &source);
    let hint_of = |code: &str| {
        found
            .iter()
            .find(|p| p.code == code)
            .and_then(|p| p.hint.clone())
            .unwrap_or_default()
    };
    assert_eq!(hint_of("unknown-field"), "did you mean `weight`?");
    assert_eq!(hint_of("unknown-dimension"), "did you mean `people`?");
    assert!(hint_of("bad-id").contains("`tool-time`"), "{err}");
    let at_of = |code: &str| found.iter().find(|p| p.code == code).unwrap().at.clone();
    assert_eq!(
        at_of("unknown-field").as_deref(),
        Some("questions[0].wieght")
    );
    assert_eq!(
        at_of("bad-target").as_deref(),
        Some("roles[1].profile.hands")
    );
    assert_eq!(at_of("duplicate-value").as_deref(), Some("scale[2].value"));
}
