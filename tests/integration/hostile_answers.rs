//! Hostile and unlucky answers, class tables and problem locations (issue
//! 11, classes 1, 8 and 9): a problem past column 65535 or on line 100,000
//! is drawn at its real place; a multi answer listing an option millions of
//! times, an oversized CSV cell or JSON Lines line, and a file of a million
//! mistakes are refused early with their own codes and a bounded message;
//! control characters from banks, answers and cells never reach a person's
//! terminal raw, while batch's output files keep respondent ids byte-exact.
//!
//! Time and memory are measured by hand (see the report of the change);
//! these tests bound what can be counted: message sizes and output lengths.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::{Test, fixture, json_lines};

/// Every byte a terminal would act on: C0 controls but newline and tab, DEL,
/// and the C1 controls and bidi overrides as UTF-8.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Text as drawn, with the renderer's wrapped lines joined again: a
/// message's `│ ` lines and a hint's indented ones.
fn flat(text: &str) -> String {
    text.replace("\n  │ ", " ").replace("\n        ", " ")
}

/// `text`, unwrapped, contains `part`.
#[track_caller]
fn has(text: &str, part: impl AsRef<str>) {
    let part = part.as_ref();
    assert!(flat(text).contains(part), "lacks {part:?}:\n{text}");
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A valid two-dimension bank as one minified JSON line, padded with likert
/// questions until it is longer than `chars`, with `last` as its final
/// question: what a bank exported by a web tool looks like.
fn minified_bank(chars: usize, last: &str) -> String {
    let mut questions = String::new();
    let mut n = 0;
    while questions.len() < chars {
        let _ = write!(
            questions,
            r#"{{"id":"q{n}","kind":"likert","text":"Question number {n}, about hands.","dimension":"{}"}},"#,
            if n % 2 == 0 { "hands" } else { "people" }
        );
        n += 1;
    }
    format!(
        r#"{{"id":"tiny","title":"Hands or people?","version":1,"dimensions":[{{"id":"hands","name":"Hands","low":"Rarely","high":"Always"}},{{"id":"people","name":"People","low":"Alone","high":"Crowds"}}],"roles":[{{"id":"maker","name":"Maker","summary":"Builds things.","profile":{{"hands":0.9,"people":0.2}}}},{{"id":"helper","name":"Helper","summary":"Helps people.","profile":{{"hands":0.2,"people":0.9}}}}],"questions":[{questions}{last}]}}"#
    )
}

/// The 1-based character column of `needle` in one-line `text`.
fn column_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count() + 1
}

// --- class 1: any location draws ---------------------------------------

#[test]
fn a_typo_past_column_65535_of_a_minified_bank_is_drawn_at_its_real_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = minified_bank(
        70_000,
        r#"{"id":"last","kind":"likert","text":"Last one.","dimension":"hands","wieght":2}"#,
    );
    let column = column_of(&text, "\"wieght\"");
    assert!(column > 65_535, "{column}");
    let bank = write(dir.path(), "bank.json", &text);

    let out = Test::new()
        .args(["validate", &bank])
        .status(65)
        .stdout_contains(format!("bank.json:1:{column}: unknown field `wieght`"))
        .stdout_contains("did you mean `weight`?")
        .run();
    // The source line is shown as a short window around the typo.
    assert!(out.stdout.contains(r#""wieght":2}]}"#), "{}", out.stdout);
    assert!(
        out.stdout.lines().all(|l| l.chars().count() < 200),
        "{}",
        out.stdout
    );

    let json = Test::new()
        .args(["validate", "--format", "json", &bank])
        .status(65)
        .run()
        .json_lines();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["line"], 1);
    assert_eq!(json[0]["column"], column);
    assert_eq!(json[0]["code"], "unknown-field");

    Test::new()
        .args(["score", "--bank", &bank, "--answers", "-"])
        .stdin("answers: {}\n")
        .status(65)
        .stdout("")
        .stderr_contains(format!("bank.json:1:{column}: unknown field `wieght`"))
        .run();
}

#[test]
fn a_problem_on_line_100000_and_in_odd_lines_is_drawn_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(fixture("banks/valid-tiny.yaml")).unwrap();
    // 100,000 comment lines, then a misspelt field; a line of tabs, wide
    // characters just before it.
    text = text.replacen(
        "questions:\n",
        &format!(
            "{}# \t\t\t\t中文中文😀!\nquestions:\n",
            "#\n".repeat(100_000)
        ),
        1,
    );
    text.push_str("    wieght: 2\n");
    let bank = write(dir.path(), "long.yaml", &text);
    let line = text.lines().count();
    assert!(line > 100_000);
    let out = Test::new()
        .args(["validate", &bank])
        .status(65)
        .stdout_contains(format!("long.yaml:{line}:5: unknown field `wieght`"))
        .run();
    assert!(
        out.stdout.contains(&format!(" {line} │     wieght: 2")),
        "{}",
        out.stdout
    );
    assert!(raw_controls(&out.stdout).is_empty(), "{:?}", out.stdout);
}

// --- class 8: bounded answers ------------------------------------------

#[test]
fn a_multi_answer_listing_an_option_a_million_times_is_refused_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let list = vec!["\"a\""; 1_000_000].join(", ");
    let text =
        format!("{{\"answers\": {{\"satisfying-tasks\": [{list}], \"first-day\": \"moon\"}}}}");
    let column = column_of(&text, "[");
    let answers = write(dir.path(), "many.json", &text);
    let out = Test::new()
        .args(["score", "--answers", &answers])
        .status(65)
        .stdout("")
        .stderr_contains("2 problems found")
        .run();
    has(
        &out.stderr,
        format!(
            "many.json:1:{column}: `satisfying-tasks`: the list has 1000000 items, but this question has only 6 options [list-too-long]"
        ),
    );
    // The other mistake is still found.
    has(&out.stderr, "`first-day`: `moon` is not an option");
    assert!(out.stderr.len() < 4_000, "{}", out.stderr);
}

#[test]
fn a_repeated_option_is_refused_with_its_own_code_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let answers = write(
        dir.path(),
        "repeats.json",
        r#"{"answers": {"satisfying-tasks": ["plan-care", "calm-patient", "fix-error", "calm-patient"]}}"#,
    );
    let out = Test::new()
        .args(["score", "--format", "json", "--answers", &answers])
        .status(65)
        .stdout("")
        .run();
    has(
        &out.stderr,
        "repeats.json:1:34: `satisfying-tasks`: the option `calm-patient` is listed twice [repeated-option]",
    );
    has(
        &out.stderr,
        "help: tick each option at most once; answer with a list of option ids",
    );
    let yaml = write(
        dir.path(),
        "repeats.yaml",
        "answers:\n  satisfying-tasks: [fix-error, plan-care, fix-error]\n",
    );
    let out = Test::new()
        .args(["score", "--answers", &yaml])
        .status(65)
        .run();
    has(
        &out.stderr,
        "repeats.yaml:2:21: `satisfying-tasks`: the option `fix-error` is listed twice [repeated-option]",
    );
    // A cell: repeated, and listing more items than there are options.
    let csv = write(
        dir.path(),
        "class.csv",
        format!(
            "respondent,satisfying-tasks\nann,fix-error;plan-care; fix-error\nbob,fix-error\ncat,{}\n",
            vec!["fix-error"; 5000].join(";")
        ),
    );
    Test::new()
        .args(["batch", "--answers", &csv])
        .status(65)
        .stderr_contains("line 2 (respondent `ann`): `satisfying-tasks`: the option `fix-error` is listed twice [repeated-option]")
        .stderr_contains("line 4 (respondent `cat`): `satisfying-tasks`: the list has 5000 items, but this question has only 6 options [list-too-long]")
        .stderr_contains("1 respondents scored, 2 failed")
        .run();
}

#[test]
fn a_list_of_a_hundred_thousand_distinct_items_is_counted_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let list: Vec<String> = (0..100_000).map(|i| format!("\"x{i}\"")).collect();
    let text = format!(
        "{{\"answers\": {{\"satisfying-tasks\": [{}]}}}}",
        list.join(",")
    );
    let answers = write(dir.path(), "distinct.json", &text);
    let out = Test::new()
        .args(["score", "--answers", &answers])
        .status(65)
        .run();
    has(
        &out.stderr,
        "the list has 100000 items, but this question has only 6 options [list-too-long]",
    );
}

#[test]
fn a_csv_cell_over_64_kib_is_refused_naming_its_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let big = "a;".repeat(100_000);
    let csv = write(
        dir.path(),
        "class.csv",
        format!(
            "respondent,explain-result,satisfying-tasks\nann,4,{big}\nbob,4,fix-error\n\"c\nd\",{big},\n"
        ),
    );
    let out = Test::new()
        .args(["batch", "--format", "jsonl", "--answers", &csv])
        .status(65)
        .stderr_contains("line 2 (respondent `ann`): column 3 (`satisfying-tasks`): the cell is 200000 bytes long, more than the 65536 a cell may hold [cell-too-long]")
        .stderr_contains("line 4 (respondent `c\\nd`): column 2 (`explain-result`): the cell is 200000 bytes long")
        .stderr_contains("1 respondents scored, 2 failed")
        .run();
    let rows = out.json_lines();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["respondent"], "bob");
    assert_eq!(rows[1]["role"], "technician");
    assert_eq!(rows[2]["respondent"], "c\nd");
    assert!(out.stderr.len() < 2_000, "{}", out.stderr);

    // An oversized respondent id or header cell, too.
    let csv = write(
        dir.path(),
        "ids.csv",
        format!(
            "respondent,explain-result\n{},4\nbob,4\n",
            "x".repeat(70_000)
        ),
    );
    let out = Test::new()
        .args(["batch", "--answers", &csv])
        .status(65)
        .stderr_contains("line 2: column 1 (`respondent`): the cell is 70000 bytes long")
        .run();
    assert!(out.stderr.len() < 2_000, "{}", out.stderr);
    let csv = write(
        dir.path(),
        "header.csv",
        format!("respondent,{}\nbob,4\n", "x".repeat(70_000)),
    );
    let out = Test::new()
        .args(["batch", "--answers", &csv])
        .status(65)
        .stderr_contains("column 2 of the header is 70000 bytes long")
        .stdout("")
        .run();
    assert!(out.stderr.len() < 2_000, "{}", out.stderr);
}

#[test]
fn many_rows_with_huge_cells_give_a_short_message_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("respondent,first-day\n");
    let cell = "x".repeat(50_000);
    for i in 0..40 {
        let _ = writeln!(text, "r{i},{cell}");
    }
    let csv = write(dir.path(), "class.csv", &text);
    let out = Test::new()
        .args(["batch", "--answers", &csv])
        .status(65)
        .stderr_contains("line 2 (respondent `r0`): `first-day`: `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…` is not an option of this question")
        .run();
    assert!(out.stderr.len() < 40 * 400, "{} bytes", out.stderr.len());
    assert!(out.stdout.len() < 40 * 400, "{} bytes", out.stdout.len());
}

#[test]
fn a_json_lines_line_over_the_cap_is_refused_and_the_next_line_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{{\"respondent\": \"ann\", \"answers\": {{\"first-day\": \"{}\"}}}}\n{{\"respondent\": \"bob\", \"answers\": {{\"first-day\": \"lab\"}}}}\n",
        "x".repeat(2 << 20)
    );
    let jsonl = write(dir.path(), "class.jsonl", text);
    let out = Test::new()
        .args(["batch", "--format", "jsonl", "--answers", &jsonl])
        .status(65)
        .stderr_contains("line 1: the line is 2097203 bytes long, more than the 1048576 a JSON Lines row may hold [line-too-long]")
        .stderr_contains("1 respondents scored, 1 failed")
        .run();
    let rows = out.json_lines();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["respondent"], "bob");
    assert_eq!(rows[1]["role"], "technician");
}

#[test]
fn a_million_mistakes_show_the_first_hundred_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let keys: Vec<String> = (0..200_000).map(|i| format!("\"q{i}\": 1")).collect();
    let answers = write(
        dir.path(),
        "keys.json",
        format!("{{\"answers\": {{{}}}}}", keys.join(", ")),
    );
    let out = Test::new()
        .args(["score", "--answers", &answers])
        .status(65)
        .stdout("")
        .run();
    has(&out.stderr, "keys.json: 200000 problems found");
    has(&out.stderr, "the bank `healthcare` has no question `q0`");
    has(
        &out.stderr,
        "199900 more problems are not shown [too-many-problems]",
    );
    assert!(!out.stderr.contains("`q100`"), "{}", out.stderr);
    assert!(out.stderr.len() < 100_000, "{} bytes", out.stderr.len());
}

// --- class 9: nothing raw reaches a terminal -----------------------------

#[test]
fn control_characters_in_a_respondent_id_are_escaped_on_stderr_and_kept_in_files() {
    let dir = tempfile::tempdir().unwrap();
    let id = "bad\u{1b}]0;TITLE\u{7}\u{1b}[2J\u{202e}";
    let csv = write(
        dir.path(),
        "class.csv",
        format!("respondent,first-day\n\"{id}\",moon\nbob,lab\n"),
    );
    let output = dir.path().join("out.csv");
    let out = Test::new()
        .args(["batch", "--answers", &csv, "--output"])
        .arg(&output)
        .status(65)
        .stderr_contains("line 2 (respondent `bad\\u{1b}]0;TITLE\\u{7}\\u{1b}[2J\\u{202e}`)")
        .run();
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);
    // The output file is data: the id is kept byte for byte.
    let rows: Vec<csv::StringRecord> = csv::Reader::from_path(&output)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(&rows[0][0], id);
    // So is standard output when it is not a terminal (a pipe here).
    let out = Test::new()
        .args(["batch", "--format", "jsonl", "--answers", &csv])
        .status(65)
        .run();
    assert_eq!(json_lines(&out.stdout)[0]["respondent"], id);
    // --strict's message too.
    let out = Test::new()
        .args(["batch", "--strict", "--answers", &csv])
        .status(65)
        .stderr_contains("respondent `bad\\u{1b}]0;TITLE")
        .run();
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);
}

#[test]
fn control_characters_in_answers_files_and_headers_are_escaped_in_messages() {
    let answers = fixture("hostile/answers-messages/escapes.yaml");
    let out = Test::new()
        .args(["score", "--answers", &answers])
        .status(65)
        .run();
    has(&out.stderr, "has no question `ev\\u{1b}[2Jil`");
    has(
        &out.stderr,
        "`first-day`: `ward\\u{7}\\u{1b}]0;TITLE` is not an option",
    );
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);

    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "class.csv",
        "respondent,first\u{1b}[2J-day\nann,lab\n",
    );
    let out = Test::new()
        .args(["batch", "--answers", &csv])
        .status(65)
        .stderr_contains("`first\\u{1b}[2J-day` (column 2)")
        .run();
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);

    let jsonl = write(
        dir.path(),
        "class.jsonl",
        "{\"respondent\": \"a\\u001b[2J\", \"answers\": {\"first-day\": \"x\\u0007\"}}\n",
    );
    let out = Test::new()
        .args(["batch", "--answers", &jsonl])
        .status(65)
        .stderr_contains(
            "line 1 (respondent `a\\u{1b}[2J`): `first-day`: `x\\u{7}` is not an option",
        )
        .run();
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);
}

#[test]
fn the_renderer_escapes_messages_source_lines_and_labels() {
    let bank = fixture("hostile/answers-messages/escapes-bank.yaml");
    let out = Test::new().args(["validate", &bank]).status(65).run();
    assert!(raw_controls(&out.stdout).is_empty(), "{:?}", out.stdout);
    assert!(
        out.stdout
            .contains("unknown field `wi\\u{1b}[2Jght` [unknown-field]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("questions[1].wi\\u{1b}[2Jght"),
        "{}",
        out.stdout
    );
    // JSON is escaped by JSON itself, and exact.
    let json = Test::new()
        .args(["validate", "--format", "json", &bank])
        .status(65)
        .run();
    assert!(raw_controls(&json.stdout).is_empty(), "{:?}", json.stdout);
    assert!(json.stdout.contains("`wi\\u001b[2Jght`"), "{}", json.stdout);
    // The path is pathfit's own name for the place, built with the key
    // already escaped (the bank checks do that for every key they name).
    assert_eq!(json.json_lines()[0]["path"], "questions[1].wi\\u{1b}[2Jght");

    // A raw escape byte in the source line, and a raw bidi override in the
    // message, the source line and the label.
    let answers = fixture("hostile/answers-messages/raw-escape.json");
    let out = Test::new()
        .args(["score", "--answers", &answers])
        .status(65)
        .stderr_contains(r#"{"answers": {"first-day": "ward\u{1b}[2J"}}"#)
        .run();
    has(&out.stderr, "raw-escape.json:1:32: control character");
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);
    let caret = out.stderr.lines().find(|l| l.contains('┬')).unwrap();
    let source = out.stderr.lines().find(|l| l.contains("ward")).unwrap();
    assert_eq!(
        caret.chars().position(|c| c == '─'),
        source.chars().position(|c| c == '\\'),
        "the marker points at the escaped character:\n{}",
        out.stderr
    );
    let answers = fixture("hostile/answers-messages/bidi.yaml");
    let out = Test::new()
        .args(["score", "--answers", &answers])
        .status(65)
        .stderr_contains("│   ev\\u{202e}il: 3")
        .stderr_contains("answers.ev\\u{202e}il")
        .run();
    has(
        &out.stderr,
        "has no question `ev\\u{202e}il` [unknown-question]",
    );
    assert!(raw_controls(&out.stderr).is_empty(), "{:?}", out.stderr);
}

/// Batch writing its rows to a terminal escapes what would act on it; the
/// same run into a pipe or a file keeps the bytes (tested above).
#[cfg(unix)]
#[test]
fn batch_rows_shown_on_a_terminal_are_escaped() {
    use expectrl::session::OsSession;
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "class.csv",
        "respondent,first-day\n\"x\u{1b}]0;TITLE\u{7}\",lab\n",
    );
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_pathfit"));
    command.args(["batch", "--answers", &csv]);
    let mut session = OsSession::spawn(command).expect("spawn in a pty");
    let mut raw = Vec::new();
    let _ = std::io::Read::read_to_end(&mut session, &mut raw);
    let _ = session.get_process().wait();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("x\\u{1b}]0;TITLE\\u{7},technician"),
        "{text:?}"
    );
    assert!(!text.contains('\u{7}'), "{text:?}");
}

#[test]
fn a_json_lines_row_with_a_huge_bad_value_gets_a_short_message_in_both_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let key = "k".repeat(200_000);
    let jsonl = write(
        dir.path(),
        "class.jsonl",
        format!(
            "{{\"respondent\": \"ann\", \"{key}\": 1}}\n{{\"respondent\": \"bob\", \"answers\": {{\"explain-result\": [\"{key}\"]}}}}\n"
        ),
    );
    let out = Test::new()
        .args(["batch", "--format", "jsonl", "--answers", &jsonl])
        .status(65)
        .stderr_contains("line 1: not a respondent object (unknown field `kkkk")
        .stderr_contains("line 2 (respondent `bob`): `explain-result`: the list [kkkk")
        .run();
    assert!(out.stderr.len() < 4_000, "{} bytes", out.stderr.len());
    assert!(out.stdout.len() < 4_000, "{} bytes", out.stdout.len());
}
