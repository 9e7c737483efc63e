//! The located problems in pathfit's error messages, parsed back into
//! their parts ([`problems`]), and the checks made on them: where a problem
//! points ([`locate`]) and the source line and caret shown under it
//! ([`check_snippets`]).

use super::{fixture, score_fails};

/// `(line, column)`, both 1-based and the column in characters, of
/// `column_text` inside the `nth` (0-based) line of `text` that `is_line`
/// accepts.
pub fn locate(
    text: &str,
    is_line: impl Fn(&str) -> bool,
    nth: usize,
    column_text: &str,
) -> (usize, usize) {
    let (index, line) = text
        .lines()
        .enumerate()
        .filter(|(_, l)| is_line(l))
        .nth(nth)
        .unwrap_or_else(|| panic!("no line #{nth} for `{column_text}` in:\n{text}"));
    let byte = line
        .find(column_text)
        .unwrap_or_else(|| panic!("`{column_text}` not on line {}: {line}", index + 1));
    (index + 1, line[..byte].chars().count() + 1)
}

/// One problem block of an error message, as the diagnostics renderer
/// draws it (the message line may wrap onto `│` lines):
///
/// ```text
///   × FILE:LINE:COL: MESSAGE [CODE]
///     ╭─[FILE:LINE:COL]
///  LINE │ SOURCE LINE
///       ·     ┬
///       ·     ╰── PATH
///     ╰────
///   help: HINT
/// ```
#[derive(Debug, Default)]
pub struct Reported {
    pub location: Option<(usize, usize)>,
    pub message: String,
    pub code: String,
    pub at: Option<String>,
    /// The source line echoed under the message.
    pub source: Option<(usize, String)>,
    /// The 1-based column of the marker under the source line.
    pub caret: Option<usize>,
    pub hint: Option<String>,
}

/// The problems in pathfit's standard error for the file it calls `file`.
pub fn problems(stderr: &str, file: &str) -> Vec<Reported> {
    let mut found: Vec<Reported> = Vec::new();
    // The message of the block being read, until its `[code]` is seen.
    let mut heading: Option<String> = None;
    let mut in_block = false;
    for line in stderr.lines() {
        let start = line
            .strip_prefix("  × ")
            .or_else(|| line.strip_prefix("  ⚠ "))
            .and_then(|rest| rest.strip_prefix(file))
            .and_then(|rest| rest.strip_prefix(':'));
        if let Some(rest) = start {
            heading = Some(rest.to_string());
        } else if let Some(head) = &mut heading {
            match line.strip_prefix("  │ ") {
                Some(more) => {
                    head.push(' ');
                    head.push_str(more);
                }
                None => panic!("a message without its code: {head}"),
            }
        }
        if let Some(head) = heading.take_if(|h| h.ends_with(']')) {
            found.push(heading_of(&head));
            in_block = true;
            continue;
        }
        if heading.is_some() {
            continue;
        }
        if line.is_empty() {
            in_block = false;
            continue;
        }
        let Some(problem) = found.last_mut().filter(|_| in_block) else {
            continue;
        };
        if let Some(hint) = line.strip_prefix("  help: ") {
            problem.hint = Some(hint.to_string());
        } else if let Some((_, label)) = line.split_once("╰── ") {
            problem.at = (label != "here").then(|| label.to_string());
        } else if let Some((gutter, shown)) = line.split_once(" │ ") {
            let number: usize = gutter
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("unexpected line in a problem block: {line}"));
            if Some(number) == problem.location.map(|l| l.0) {
                problem.source = Some((number, shown.to_string()));
            }
        } else if let Some((_, marks)) = line.split_once("· ") {
            if problem.caret.is_none() {
                let column = marks.chars().take_while(|c| *c == ' ').count() + 1;
                problem.caret = Some(column);
            }
        } else if line.trim_start().starts_with(['╭', '╰', '·', '│']) {
            // The frame around the source lines.
        } else if let Some(hint) = &mut problem.hint {
            // A hint that runs over several lines, indented under `help: `:
            // wrapped where the line was full, or a line of its own where
            // it is indented further.
            let rest = line.strip_prefix("        ").unwrap_or(line);
            hint.push(if rest.starts_with(' ') { '\n' } else { ' ' });
            hint.push_str(rest);
        }
    }
    found
}

/// `LINE:COL: MESSAGE [CODE]` or ` MESSAGE [CODE]`, as after `FILE:`.
fn heading_of(head: &str) -> Reported {
    let (head, code) = head
        .strip_suffix(']')
        .and_then(|r| r.rsplit_once(" ["))
        .unwrap_or_else(|| panic!("no code in {head}"));
    let mut problem = Reported {
        code: code.to_string(),
        ..Reported::default()
    };
    match head.strip_prefix(' ') {
        Some(message) => problem.message = message.to_string(),
        None => {
            let (position, message) = head
                .split_once(": ")
                .unwrap_or_else(|| panic!("no message in {head}"));
            let (l, c) = position
                .split_once(':')
                .unwrap_or_else(|| panic!("no LINE:COL in {head}"));
            let number = |s: &str| -> usize {
                s.parse()
                    .unwrap_or_else(|_| panic!("`{s}` is no number in {head}"))
            };
            problem.location = Some((number(l), number(c)));
            problem.message = message.to_string();
        }
    }
    problem
}

/// Checks what every located problem must show: the source line it names,
/// with the caret under its column.
pub fn check_snippets(reported: &[Reported], source: &str) {
    let lines: Vec<&str> = source.lines().collect();
    let mut checked = 0;
    for p in reported {
        let Some((line, column)) = p.location else {
            continue;
        };
        let Some(text) = lines.get(line - 1) else {
            continue;
        };
        let (number, shown) = p
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("no source line shown for {p:?}"));
        assert_eq!(*number, line, "{p:?}");
        if text.chars().count() <= 100 {
            assert_eq!(shown, text.trim_end(), "{p:?}");
            assert_eq!(p.caret, Some(column), "caret misplaced: {p:?}");
        }
        checked += 1;
    }
    assert!(checked > 0, "no located problem to check: {reported:?}");
}

/// Scores answers/tiny.yaml (valid for the control bank) against the bank at
/// `bank`, expecting exit 65; returns standard error and the problems
/// reported for the bank.
pub fn bank_problems(bank: &str) -> (String, Vec<Reported>) {
    let err = score_fails(
        &["--bank", bank, "--answers", &fixture("answers/tiny.yaml")],
        65,
    );
    assert!(err.starts_with(&format!("error: {bank}: ")), "{err}");
    let found = problems(&err, bank);
    (err, found)
}
