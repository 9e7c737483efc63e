//! The bundled bank's 26 questions in terminals of 80×24 and 40×12: no
//! screen shows a word broken across two rows, a tick list's question stays
//! on screen with its options scrolling, a resized window shows the prompt
//! again without leftovers, and Esc leaves only answered questions on
//! screen. `TERM=dumb` means no escape codes in a report.

use std::time::{Duration, Instant};

use super::{ENTER, ESC, PATIENCE, Pty, SPACE};
use crate::support::example;

const TOTAL: usize = 26;
const SEED: &str = "5";

fn bank() -> pathfit::bank::Bank {
    pathfit::bank::bundled::find("healthcare")
        .unwrap()
        .load()
        .unwrap()
}

/// `take` on the bundled bank, shuffled with [`SEED`], in a terminal of
/// `cols` × `rows`; the result goes to a file in `dir`.
fn take(dir: &tempfile::TempDir, cols: u16, rows: u16) -> Pty {
    let out = dir.path().join("result.json");
    Pty::spawn_sized(
        &[
            "take",
            "--seed",
            SEED,
            "--format",
            "json",
            "--output",
            out.to_str().unwrap(),
        ],
        &[],
        cols,
        rows,
    )
}

/// Waits until question `n` is asked and drawn whole (its help, the last
/// thing a prompt draws, closed with "]").
fn wait_for_prompt(pty: &mut Pty, n: usize) {
    pty.wait_for(&format!("? [{n}/{TOTAL}]"));
    let start = Instant::now();
    loop {
        let rows = pty.rows();
        let last = rows.iter().rev().find(|r| !r.trim().is_empty());
        if last.is_some_and(|r| r.trim_end().ends_with(']')) {
            return;
        }
        if !pty.pump() {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(
            start.elapsed() < PATIENCE,
            "question {n} was never drawn whole:\n{}",
            pty.contents()
        );
    }
}

/// Where `screen` shows a word broken across two rows: a row that fills
/// its last column with a letter or digit, and the next row starting with
/// one. Both rows, for each.
fn broken_words(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let letter = |row: u16, col: u16| {
        screen.cell(row, col).is_some_and(|cell| {
            cell.contents()
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
    };
    let texts: Vec<String> = screen.rows(0, cols).collect();
    (0..rows.saturating_sub(1))
        .filter(|&r| letter(r, cols - 1) && letter(r + 1, 0))
        .map(|r| {
            format!(
                "rows {r} and {}: {:?} / {:?}",
                r + 1,
                texts[usize::from(r)],
                texts[usize::from(r) + 1]
            )
        })
        .collect()
}

fn screen_of(bytes: &[u8], cols: u16, rows: u16) -> vt100::Parser {
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(rows).unwrap(),
        std::num::NonZeroU16::new(cols).unwrap(),
        0,
    );
    parser.process(bytes);
    parser
}

#[test]
fn the_checker_finds_a_word_the_terminal_broke() {
    // What inquire drew before prompts were wrapped: a line longer than the
    // terminal, which the terminal breaks anywhere.
    let broke = screen_of(b"? [3/26] Which partial\r\n", 20, 10);
    assert_eq!(broken_words(broke.screen()).len(), 1);
    let wrapped = screen_of(b"? [3/26] Which part\r\n  of sorting it out\r\n", 20, 10);
    assert_eq!(broken_words(wrapped.screen()), Vec::<String>::new());
    // A row that ends at the last column before a space is whole.
    let whole = screen_of(b"? [3/26] Which part \r\nof sorting\r\n", 19, 10);
    assert_eq!(broken_words(whole.screen()), Vec::<String>::new());
}

/// A whole run, ticking the first option of every list (Space does nothing
/// on the others, and a number question left with a space is skipped), with
/// every screen checked for broken words.
fn full_run_breaks_no_word(cols: u16, rows: u16) {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = take(&dir, cols, rows);
    for n in 1..=TOTAL {
        wait_for_prompt(&mut pty, n);
        let broken = broken_words(pty.screen.screen());
        assert!(
            broken.is_empty(),
            "question {n} at {cols}×{rows}: {broken:#?}\n{}",
            pty.contents()
        );
        pty.answer(n, TOTAL, &[SPACE, ENTER]);
    }
    assert_eq!(pty.exit_code(), 0);
    assert!(dir.path().join("result.json").exists());
}

#[test]
fn no_screen_of_a_full_run_breaks_a_word_at_80_by_24() {
    full_run_breaks_no_word(80, 24);
}

#[test]
fn no_screen_of_a_full_run_breaks_a_word_at_40_by_12() {
    full_run_breaks_no_word(40, 12);
}

/// Where the first tick-list question comes in the shuffled quiz (1-based),
/// and the question.
fn first_tick_list() -> (usize, pathfit::bank::Question) {
    let bank = bank();
    let order = pathfit::quiz::question_order(&bank, Some(SEED.parse().unwrap()));
    let (at, &q) = order
        .questions
        .iter()
        .enumerate()
        .find(|&(_, &q)| {
            matches!(
                bank.questions[q].kind,
                pathfit::bank::QuestionKind::Multi { .. }
            )
        })
        .unwrap();
    (at + 1, bank.questions[q].clone())
}

/// Answers questions 1 to `before - 1` with Enter.
fn answer_up_to(pty: &mut Pty, before: usize) {
    for n in 1..before {
        pty.answer(n, TOTAL, &[ENTER]);
    }
}

#[test]
fn a_tick_list_at_40_by_12_shows_its_question_and_scrolls_its_options() {
    let (at, question) = first_tick_list();
    let pathfit::bank::QuestionKind::Multi { options } = &question.kind else {
        unreachable!()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut pty = take(&dir, 40, 12);
    answer_up_to(&mut pty, at);
    wait_for_prompt(&mut pty, at);
    let screen = pty.contents();
    let flat = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&question.text), "{screen}");
    // Not every option fits: the list scrolls ("v" marks more below).
    let ticks = screen.matches("[ ]").count();
    assert!(ticks < options.len() + 1, "{screen}");
    assert!(screen.lines().any(|l| l.starts_with("v [ ]")), "{screen}");
    assert!(broken_words(pty.screen.screen()).is_empty(), "{screen}");
    // Down to the end of the list: the question is still there.
    for _ in 0..options.len() {
        pty.keys(super::DOWN);
        std::thread::sleep(Duration::from_millis(30));
    }
    pty.wait_for(&format!("> [ ] {}", pathfit::quiz::terminal::SKIP));
    let screen = pty.contents();
    assert!(screen.contains(&format!("? [{at}/{TOTAL}]")), "{screen}");
}

/// The non-blank rows shown more than once, and how often.
fn repeated_rows(pty: &Pty) -> Vec<(String, usize)> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for row in pty.rows() {
        let row = row.trim_end().to_string();
        if row.trim().is_empty() {
            continue;
        }
        match seen.iter_mut().find(|(r, _)| *r == row) {
            Some((_, n)) => *n += 1,
            None => seen.push((row, 1)),
        }
    }
    seen.retain(|(_, n)| *n > 1);
    seen
}

#[test]
fn a_window_made_smaller_mid_question_is_drawn_again_cleanly() {
    // inquire cannot be made to draw again while it waits for a key (see
    // `quiz::terminal::resize`): the question being asked keeps its ticks,
    // and once it is answered the screen is drawn again at the new size.
    let (at, question) = first_tick_list();
    let pathfit::bank::QuestionKind::Multi { options } = &question.kind else {
        unreachable!()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut pty = take(&dir, 80, 24);
    answer_up_to(&mut pty, at);
    wait_for_prompt(&mut pty, at);
    // Tick the first option, then make the window narrower and shorter.
    pty.keys(SPACE);
    pty.wait_for("[x]");
    pty.resize(40, 16);
    // A moment for the signal to arrive before the answer (not a timing
    // assertion: a late signal only means nothing is redrawn, and the
    // checks below then fail).
    std::thread::sleep(Duration::from_millis(200));
    pty.keys(ENTER);
    wait_for_prompt(&mut pty, at + 1);
    let screen = pty.contents();
    assert_eq!(
        broken_words(pty.screen.screen()),
        Vec::<String>::new(),
        "{screen}"
    );
    assert_eq!(repeated_rows(&pty), Vec::new(), "{screen}");
    // (The answered question's first rows may have scrolled off the top.)
    assert!(
        screen.matches(&format!("[{at}/{TOTAL}]")).count() <= 1,
        "{screen}"
    );
    assert_eq!(
        screen.matches(&format!("[{}/{TOTAL}]", at + 1)).count(),
        1,
        "{screen}"
    );
    // The tick made before the resize is the answer, drawn at 40 columns.
    let shown = pathfit::quiz::question_order(&bank(), Some(SEED.parse().unwrap())).options;
    let q = bank()
        .questions
        .iter()
        .position(|q| q.id == question.id)
        .unwrap();
    let first = &options[shown[q][0]].text;
    let flat = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(flat.contains(first.as_str()), "{first:?} in {screen}");
    assert!(
        pty.rows()
            .iter()
            .all(|r| r.trim_end().chars().count() <= 40)
    );
}

#[test]
fn esc_leaves_only_answered_questions_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = take(&dir, 80, 24);
    pty.answer(1, TOTAL, &[SPACE, ENTER]);
    pty.answer(2, TOTAL, &[ENTER]);
    pty.answer(3, TOTAL, &[ENTER]);
    wait_for_prompt(&mut pty, 4);
    pty.keys(ESC);
    // Question 4 is gone, and so is question 3's old answer: it is asked
    // again right there, once.
    pty.wait_until_gone(&format!("[4/{TOTAL}]"));
    wait_for_prompt(&mut pty, 3);
    let screen = pty.contents();
    assert_eq!(
        screen.matches(&format!("? [3/{TOTAL}]")).count(),
        1,
        "{screen}"
    );
    assert_eq!(
        screen.matches(&format!("[2/{TOTAL}]")).count(),
        1,
        "{screen}"
    );
    assert!(
        !screen.contains("<back>") && !screen.contains("<canceled>"),
        "{screen}"
    );
    assert!(screen.contains("Skip this question"), "{screen}");
    // Back twice more: only question 1 is on screen, being asked.
    pty.keys(ESC);
    pty.wait_until_gone(&format!("[3/{TOTAL}]"));
    wait_for_prompt(&mut pty, 2);
    pty.answer(2, TOTAL, &[ESC]);
    pty.wait_until_gone(&format!("[2/{TOTAL}]"));
    wait_for_prompt(&mut pty, 1);
    let screen = pty.contents();
    assert_eq!(screen.matches("[1/26]").count(), 1, "{screen}");
    assert!(!screen.contains("first question"), "{screen}");
    let _ = pty;
}

#[test]
fn esc_on_the_first_question_says_so_until_it_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = take(&dir, 80, 24);
    wait_for_prompt(&mut pty, 1);
    pty.keys(ESC);
    std::thread::sleep(Duration::from_millis(30));
    pty.wait_for("This is the first question.");
    wait_for_prompt(&mut pty, 1);
    let screen = pty.contents();
    assert_eq!(screen.matches("[1/26]").count(), 1, "{screen}");
    assert!(!screen.contains("<back>"), "{screen}");
    pty.answer(1, TOTAL, &[ENTER]);
    wait_for_prompt(&mut pty, 2);
    let screen = pty.contents();
    assert!(!screen.contains("first question"), "{screen}");
    assert!(screen.contains("[1/26]"), "{screen}");
}

#[test]
fn term_dumb_gets_a_report_without_escape_codes() {
    let answers = example("clinician.yaml");
    let args = ["score", "--answers", answers.as_str()];
    // In a terminal that understands them, the report is styled...
    let (code, raw) = Pty::spawn_sized(&args, &[], 80, 24).finish();
    assert_eq!(code, 0);
    assert!(raw.contains(&0x1b), "{}", String::from_utf8_lossy(&raw));
    // ...and with TERM=dumb, it has no escape byte at all.
    let (code, raw) = Pty::spawn_sized(&args, &[("TERM", "dumb")], 80, 24).finish();
    assert_eq!(code, 0);
    let text = String::from_utf8_lossy(&raw);
    assert!(!raw.contains(&0x1b), "{text:?}");
    assert!(text.contains("fits you best"), "{text}");
}
