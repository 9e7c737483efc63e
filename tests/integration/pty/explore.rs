//! The end of `pathfit take` in a terminal: the summary that fits the
//! screen with the headline on it (80×24 and 40×12), every menu section
//! opened and left, paging a long section, saving a web page, leaving with
//! exit 0, and no word broken at the terminal's edge on any of these
//! screens. The bundled bank, every question answered with Enter (the
//! default of each prompt) in the order of seed 3: Clinician, a lean.

use super::{CTRL_C, DOWN, ENTER, ESC, Pty, SPACE, UP};

const TOTAL: usize = 26;
const PROMPT: &str = "What would you like to see?";
const HEADLINE: &str = "You lean towards Clinician: you match it";

fn quiz_args() -> Vec<&'static str> {
    vec!["take", "--seed", "3", "--color", "never"]
}

/// Answers questions `from..=to` with Enter.
fn enter_through(pty: &mut Pty, from: usize, to: usize) {
    for n in from..=to {
        pty.answer(n, TOTAL, &[ENTER]);
    }
}

/// A whole quiz at `cols` × `rows`, to the menu.
fn to_the_menu(cols: u16, rows: u16) -> Pty {
    let mut pty = Pty::spawn_sized(&quiz_args(), &[], cols, rows);
    enter_through(&mut pty, 1, TOTAL);
    pty.wait_for(PROMPT);
    pty
}

/// The rows of the screen, as many as it has.
fn rows(pty: &Pty) -> Vec<String> {
    let screen = pty.screen.screen();
    let (_, cols) = screen.size();
    screen
        .rows(0, cols.get())
        .map(|r| r.trim_end().to_string())
        .collect()
}

/// No word is cut at the edge: a row that fills the last column is never
/// followed by one that starts with a letter.
fn assert_no_broken_word(pty: &Pty) {
    let (_, cols) = pty.screen.screen().size();
    let rows = rows(pty);
    for pair in rows.windows(2) {
        let full = pair[0].chars().count() >= usize::from(cols.get());
        let goes_on = pair[1].chars().next().is_some_and(char::is_alphanumeric);
        assert!(
            !(full && goes_on),
            "a word broken at the edge:\n{}\n{}\n\nthe screen:\n{}",
            pair[0],
            pair[1],
            pty.contents()
        );
    }
}

/// Reads until the pager's status line differs from the one on `before`.
fn next_page(pty: &mut Pty, before: &str) {
    let status = |screen: &str| screen.lines().last().unwrap_or("").to_string();
    let old = status(before);
    let start = std::time::Instant::now();
    while status(&pty.contents()) == old {
        if !pty.pump() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the page never changed from:\n{before}"
        );
    }
}

#[test]
fn at_80_by_24_the_headline_the_match_and_the_menu_are_on_the_screen_and_esc_leaves() {
    let mut pty = to_the_menu(80, 24);
    pty.wait_for("[↑↓ move, Enter opens, q or Esc leaves]");
    let screen = pty.contents();
    assert!(screen.contains(HEADLINE), "{screen}");
    assert!(screen.contains("Clinician   ███"), "{screen}");
    assert!(screen.contains("Technician  ██"), "{screen}");
    // Every question was answered with Enter: the same answer to every
    // statement, which the summary says before the bars (it takes the
    // room the jobs had).
    let note = screen.find("Please note: You gave all").expect(&screen);
    assert!(note < screen.find("Clinician   ███").unwrap(), "{screen}");
    for entry in [
        "Why this result",
        "Your scores",
        "What would change your result",
        "All jobs on this path",
        "About the path",
        "Save as a web page",
        "Done",
    ] {
        assert!(screen.contains(entry), "{entry}: {screen}");
    }
    // Not the whole report: its sections are a menu away.
    assert!(!screen.contains("ABOUT CLINICIAN"), "{screen}");
    assert_no_broken_word(&pty);
    pty.keys(ESC);
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn at_40_by_12_the_headline_stays_above_a_shorter_menu() {
    // Asked at 80×24, the window shrinks before the last answer.
    let mut pty = Pty::spawn_sized(&quiz_args(), &[], 80, 24);
    enter_through(&mut pty, 1, TOTAL - 1);
    pty.wait_for(&format!("[{TOTAL}/{TOTAL}]"));
    pty.resize(40, 12);
    std::thread::sleep(std::time::Duration::from_millis(100));
    pty.keys(ENTER);
    pty.wait_for(PROMPT);
    pty.wait_for("Esc leaves");
    let screen = pty.contents();
    assert!(screen.contains("You lean towards Clinician"), "{screen}");
    assert!(screen.contains("Technician"), "{screen}");
    assert!(screen.contains("Why this result"), "{screen}");
    assert!(!screen.contains("Done"), "a page of the menu: {screen}");
    assert_no_broken_word(&pty);
    // Done is the last entry, below the page.
    pty.keys(UP);
    pty.wait_for("> Done");
    assert_no_broken_word(&pty);
    pty.keys(ENTER);
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn every_section_opens_and_goes_back_to_the_menu() {
    let mut pty = to_the_menu(80, 24);
    // Heading, and whether it is longer than the screen (then paged).
    let sections = [
        ("WHY", true),
        ("MATCH", true),
        ("WHAT WOULD CHANGE YOUR RESULT", false),
        ("ALL JOBS ON THIS PATH", true),
        ("ABOUT CLINICIAN", true),
    ];
    for (i, (heading, paged)) in sections.into_iter().enumerate() {
        // The cursor stays on the entry last opened.
        if i > 0 {
            pty.keys(DOWN);
        }
        pty.keys(ENTER);
        pty.wait_for(heading);
        if paged {
            pty.wait_for(" of ");
            assert_no_broken_word(&pty);
            // q goes back, and so does Esc.
            pty.keys(if i % 2 == 0 { "q" } else { ESC });
        }
        pty.wait_for(PROMPT);
        assert_no_broken_word(&pty);
        if paged {
            pty.wait_for("Esc leaves");
            let screen = pty.contents();
            assert!(!screen.contains(heading), "{screen}");
            if i == 0 {
                // The screen as it was: the summary and the menu.
                assert!(screen.contains(HEADLINE), "{screen}");
            }
        }
    }
    // q leaves the menu too, and the menu goes with it.
    pty.keys("q");
    let (code, raw) = pty.finish();
    assert_eq!(code, 0);
    let raw = String::from_utf8_lossy(&raw);
    let after = &raw[raw.rfind("q or Esc leaves]").unwrap()..];
    assert!(after.contains("\u{1b}[J"), "the menu is erased: {after:?}");
}

#[test]
fn a_long_section_pages_forward_and_back() {
    let mut pty = to_the_menu(80, 24);
    for _ in 0..3 {
        pty.keys(DOWN);
    }
    pty.keys(ENTER);
    pty.wait_for("ALL JOBS ON THIS PATH");
    pty.wait_for("All jobs on this path · 1–23 of ");
    pty.keys(SPACE);
    pty.wait_for("All jobs on this path · 24–46 of ");
    assert!(!pty.contents().contains("ALL JOBS ON THIS PATH"));
    assert_no_broken_word(&pty);
    pty.keys("b");
    pty.wait_for("· 1–23 of ");
    pty.keys(DOWN);
    pty.wait_for("· 2–24 of ");
    // Page to the end: Registered nurse is on the path, however far down.
    pty.keys("g");
    pty.wait_for("· 1–23 of ");
    let mut screens = vec![pty.contents()];
    while !screens.last().unwrap().contains("(end)") {
        pty.keys(SPACE);
        next_page(&mut pty, screens.last().unwrap());
        assert_no_broken_word(&pty);
        screens.push(pty.contents());
        assert!(screens.len() < 50, "never reached the end");
    }
    assert!(
        screens.iter().any(|s| s.contains("Registered nurse")),
        "{screens:#?}"
    );
    pty.keys("q");
    pty.wait_for(PROMPT);
    // Ctrl-C at the menu is a normal end: the result was shown and kept.
    pty.keys(CTRL_C);
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn save_as_a_web_page_writes_a_page_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn_in(dir.path(), &quiz_args(), &[], 80, 24);
    enter_through(&mut pty, 1, TOTAL);
    pty.wait_for(PROMPT);
    for _ in 0..5 {
        pty.keys(DOWN);
    }
    pty.wait_for("> Save as a web page");
    pty.keys(ENTER);
    pty.wait_for("Saved your result as a web page");
    pty.wait_for(PROMPT);
    assert_no_broken_word(&pty);
    let pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pages.len(), 1, "{pages:?}");
    let name = pages[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        name.starts_with("healthcare-result-") && name.ends_with(".html"),
        "{name}"
    );
    let screen = pty.contents().replace('\n', "");
    assert!(screen.contains(&name), "{screen}");
    let page = std::fs::read_to_string(&pages[0]).unwrap();
    assert!(page.contains("Clinician") && page.contains("</html>"));
    // Done leaves.
    pty.keys(DOWN);
    pty.wait_for("> Done");
    pty.keys(ENTER);
    assert_eq!(pty.exit_code(), 0);
}
