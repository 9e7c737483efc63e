//! Issue 12, "Words for a 16-year-old and a parent": a quiz saved before
//! the bundled bank's text was reworded (its version 2) is refused when
//! resumed, and the student is told in plain words that the quiz has
//! changed and has to be started again.

use super::Pty;
use crate::support::fixture;

#[test]
fn a_session_of_the_old_bank_version_says_to_start_again() {
    // Saved by `pathfit take --seed 5` on the version 2 bank, stopped
    // after two answers and a skip.
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("healthcare-5.json");
    std::fs::copy(fixture("words/healthcare-v2-session.json"), &session).unwrap();
    let before = std::fs::read(&session).unwrap();
    let path = session.to_str().unwrap();
    // Wide enough for the message to stay on one line.
    let mut pty = Pty::spawn_sized(
        &["take", "--color", "never", "--resume", path],
        &[],
        400,
        24,
    );
    pty.wait_for("error:");
    pty.wait_for("Start again");
    let screen = pty.contents();
    assert_eq!(pty.exit_code(), 65, "{screen}");
    let line = screen
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error line in\n{screen}"));
    assert!(line.contains(path), "names the session file: {line}");
    for said in [
        "this quiz has changed since these answers were saved",
        "version 2; it is now version 3",
        "the quiz has to be started again",
        "Start again with",
    ] {
        assert!(line.contains(said), "no {said:?} in: {line}");
    }
    // Refused before anything is asked, and the saved answers are kept.
    assert!(!screen.contains("[1/26]"), "{screen}");
    assert_eq!(std::fs::read(&session).unwrap(), before);
}
