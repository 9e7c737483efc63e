//! Plain mode on a real terminal, as a screen reader or a dumb terminal
//! meets it: typed numbers are the answers, the result is explored by
//! section numbers, and not one escape sequence is written.

use super::{ENTER, Pty};
use crate::support::fixture;

fn plain_run(env: &[(&str, &str)]) {
    let bank = fixture("quiz.yaml");
    let args = ["take", "--bank", &bank, "--no-shuffle"];
    let mut pty = Pty::spawn_sized(&args, env, 80, 24);
    for (n, answer) in ["4", "2", "5", "2", "1 3", "6"].iter().enumerate() {
        pty.wait_for(&format!("Question {} of 6.", n + 1));
        pty.keys(answer);
        pty.keys(ENTER);
    }
    pty.wait_for("You chose: 6 hours.");
    pty.wait_for("Type a section number to read it, or press Enter to finish.");
    pty.keys("1");
    pty.keys(ENTER);
    pty.wait_for("WHY");
    pty.keys(ENTER);
    let (code, raw) = pty.finish();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("> "),
        "the typed answer follows a marker: {text}"
    );
    assert!(
        !raw.contains(&0x1b),
        "an escape sequence in {env:?}: {text:?}"
    );
    // The summary's match in words, not bars.
    assert!(text.contains("  Helper: 67%"), "{text}");
    assert!(!text.contains('█'), "{text}");
}

#[test]
fn with_accessible_set_the_quiz_writes_no_escape_sequence() {
    plain_run(&[("ACCESSIBLE", "1")]);
}

#[test]
fn on_a_dumb_terminal_the_quiz_writes_no_escape_sequence() {
    plain_run(&[("TERM", "dumb")]);
}

#[test]
fn ctrl_c_in_plain_mode_saves_and_says_how_to_carry_on_without_escapes() {
    let bank = fixture("quiz.yaml");
    let data = tempfile::tempdir().unwrap();
    let session = data.path().join("s.json");
    let args = [
        "take",
        "--bank",
        &bank,
        "--no-shuffle",
        "--save",
        session.to_str().unwrap(),
    ];
    let mut pty = Pty::spawn_sized(&args, &[("ACCESSIBLE", "1")], 80, 24);
    pty.wait_for("Question 1 of 6.");
    pty.keys("4");
    pty.keys(ENTER);
    pty.wait_for("Question 2 of 6.");
    pty.keys(super::CTRL_C);
    pty.wait_for("To carry on where you left off:");
    let (code, raw) = pty.finish();
    assert_eq!(code, 130);
    assert!(!raw.contains(&0x1b), "{:?}", String::from_utf8_lossy(&raw));
    let saved = std::fs::read_to_string(&session).unwrap();
    assert!(saved.contains("\"fix\""), "{saved}");
}
