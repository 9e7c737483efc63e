//! Running a quiz in a terminal session: the opening screen, saving the
//! session after every answer (so a killed or closed terminal loses
//! nothing), and turning Ctrl-C or a terminal that fails into "stopped,
//! here is how to carry on". Signals and a terminal that goes away are the
//! [`Guard`]'s. Scoring and showing the result are the caller's.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::lock::SessionLock;
use super::session::Session;
use super::watch::{Guard, NOTHING_SAVED};
use super::{Outcome, Prompter, Quiz};
use crate::answers::AnswerSet;
use crate::bank::Bank;
use crate::input::output::WriteError;
use crate::visible::visible;

/// How a quiz run ended.
#[derive(Debug)]
pub enum Ended {
    /// Every question was answered or skipped, or the student chose to see
    /// a settled result.
    Finished(AnswerSet),
    /// The student stopped; the session is saved.
    Stopped(Stopped),
}

/// A stopped quiz: where its session is, whether anything was saved in it,
/// and why it stopped when it was not the student's own choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Stopped {
    pub path: PathBuf,
    pub reason: Option<String>,
    /// The session file holds this quiz (it was answered or resumed).
    pub saved: bool,
}

impl fmt::Display for Stopped {
    /// What to do next, in words a student can follow, with a command
    /// that works when pasted into the shell that started pathfit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(reason) = &self.reason {
            writeln!(f, "Stopped: {}.", visible(reason))?;
            if !self.saved {
                return write!(
                    f,
                    "You had not answered anything yet, so nothing was saved."
                );
            }
        } else if !self.saved {
            return write!(f, "{NOTHING_SAVED}");
        } else {
            write!(f, "Stopped. ")?;
        }
        let path = self.path.display().to_string();
        write!(
            f,
            // The file and the command on lines of their own, whole: a
            // terminal breaks a long path, never pathfit.
            "Your answers so far are saved in this file:\n  {}\nTo carry on where you left off:\n  {}",
            visible(&path),
            visible(&crate::invocation::command(&["take", "--resume", &path]))
        )
    }
}

/// An unfinished quiz that a new one replaces (the student chose to start
/// again): held locked so no other quiz takes it meanwhile, and removed
/// only once the new quiz has saved its first answer, so that stopping
/// before then changes nothing.
#[derive(Debug)]
pub struct Replaced {
    pub path: PathBuf,
    pub lock: SessionLock,
}

/// Asks `quiz`'s questions through `prompter`, saving the session through
/// `guard` (to `save_path`) after every step once there is something to
/// save: a new quiz leaves no file until its first answer or skip.
pub fn run(
    quiz: &mut Quiz<'_>,
    prompter: &mut dyn Prompter,
    bank_source: &str,
    save_path: &Path,
    guard: &Guard,
    replaces: Option<Replaced>,
) -> Result<Ended, WriteError> {
    let mut replaces = replaces.map(|old| {
        guard.hold(old.lock);
        old.path
    });
    let mut save = |quiz: &Quiz<'_>| -> Result<(), WriteError> {
        if guard.has_saved() || quiz.answers().answered() > 0 || quiz.skipped().next().is_some() {
            guard.save(|path| Session::of(quiz, bank_source).save(path))?;
            if let Some(old) = replaces.take() {
                remove_session(&old);
            }
        }
        Ok(())
    };
    // A resumed quiz saved elsewhere (`--save`) is there from the start.
    save(quiz)?;
    loop {
        let step = quiz.step(prompter);
        save(quiz)?;
        let stopped = |reason| {
            Ok(Ended::Stopped(Stopped {
                path: save_path.to_path_buf(),
                reason,
                saved: guard.has_saved(),
            }))
        };
        match step {
            Ok(None) => continue,
            Ok(Some(Outcome::Finished(answers))) => return Ok(Ended::Finished(answers)),
            Ok(Some(Outcome::Stopped { .. })) => return stopped(None),
            // The terminal failed: the answers are saved.
            Err(err) => return stopped(Some(err.to_string())),
        }
    }
}

/// Removes a session file that has nothing left to resume: the file a
/// link leads to, and only a regular file (never a device or pipe named by
/// `--save`).
pub fn remove_session(path: &Path) {
    if let Ok(real) = std::fs::canonicalize(path)
        && std::fs::metadata(&real).is_ok_and(|meta| meta.is_file())
    {
        let _ = std::fs::remove_file(real);
    }
}

/// The opening screen, on standard error: the bank's title and description,
/// how many questions and minutes are left, and the keys.
pub fn opening_screen(bank: &Bank, quiz: &Quiz<'_>, resumed: bool, plain: bool) {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{}", opening_text(bank, quiz, resumed, plain));
    let _ = err.flush();
}

/// What [`opening_screen`] shows; the bank's text escaped.
fn opening_text(bank: &Bank, quiz: &Quiz<'_>, resumed: bool, plain: bool) -> String {
    use std::fmt::Write as _;
    let mut err = String::new();
    let columns = crate::wrap::terminal_size().map_or(crate::wrap::DEFAULT_COLUMNS, |(c, _)| c);
    // As wide as a report, but never wider than a narrow terminal.
    let width =
        crate::wrap::report_width(columns).min(usize::from(columns).saturating_sub(1).max(20));
    let wrap = |text: &str| textwrap::fill(text, crate::wrap::options(width));
    let _ = writeln!(err, "{}\n", visible(&bank.title));
    if let Some(description) = &bank.description {
        let _ = writeln!(err, "{}\n", wrap(&visible(description)));
    }
    let open: Vec<usize> = if quiz.is_adaptive() {
        let asked = &quiz.sequence()[..quiz.position()];
        (0..bank.questions.len())
            .filter(|q| !asked.contains(q))
            .collect()
    } else {
        quiz.sequence()[quiz.position()..].to_vec()
    };
    let remaining = open.len();
    let minutes = bank.estimated_seconds(&open).div_ceil(60).max(1);
    let plural = if minutes == 1 { "" } else { "s" };
    let status = if quiz.is_adaptive() {
        let count = if resumed {
            format!(
                "Welcome back: up to {remaining} of {} questions left, at most {minutes} minute{plural}.",
                quiz.total()
            )
        } else {
            format!("Up to {remaining} questions, at most {minutes} minute{plural}.")
        };
        format!(
            "{count} Adaptive mode asks the most telling question next and stops as soon as your answers settle the result. There are no right or wrong answers."
        )
    } else if resumed {
        format!(
            "Welcome back: {remaining} of {} questions left, about {minutes} minute{plural}.",
            quiz.total()
        )
    } else {
        format!(
            "{} questions, about {minutes} minute{plural}. There are no right or wrong answers.",
            quiz.total()
        )
    };
    let _ = writeln!(err, "{}", wrap(&status));
    let _ = writeln!(
        err,
        "{}\n",
        wrap(if plain {
            "Type the number of your answer and press Enter. Type s or press Enter alone to skip a question, b to go back, q to stop (your answers are saved and you can carry on later)."
        } else {
            "Use ↑↓ and Enter to answer, Esc to go back, Ctrl-C to stop (your answers are saved and you can carry on later). Any question can be skipped."
        })
    );
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opening_screen_shows_the_banks_text_escaped() {
        let mut bank = crate::bank::bundled::find("healthcare")
            .unwrap()
            .load()
            .unwrap();
        bank.title = "Tools\u{1b}[2J\u{1b}]0;TITLE\u{7}".to_string();
        bank.description = Some("Hidden\u{202e}text\u{9b}31m".to_string());
        let quiz = Quiz::new(&bank, None);
        let text = opening_text(&bank, &quiz, false, false);
        assert!(crate::visible::first_hidden(&text).is_none(), "{text:?}");
        assert!(text.starts_with("Tools\\u{1b}[2J"), "{text}");
        assert!(text.contains("Hidden\\u{202e}text"), "{text}");
    }

    #[test]
    fn a_stopped_quiz_says_how_to_carry_on_in_words_and_a_command() {
        let stopped = Stopped {
            path: PathBuf::from("my sessions/s\u{1b}[2J.json"),
            reason: Some("the terminal failed: \u{7}".to_string()),
            saved: true,
        };
        let text = stopped.to_string();
        assert!(crate::visible::first_hidden(&text).is_none(), "{text:?}");
        assert!(
            text.contains(" take --resume 'my sessions/s\\u{1b}[2J.json'"),
            "{text}"
        );
    }

    #[test]
    fn a_quiz_stopped_before_any_answer_says_nothing_was_saved() {
        let mut stopped = Stopped {
            path: PathBuf::from("s.json"),
            reason: None,
            saved: false,
        };
        assert_eq!(
            stopped.to_string(),
            "Stopped. You had not answered anything yet, so nothing was saved."
        );
        stopped.reason = Some("the terminal failed".to_string());
        let text = stopped.to_string();
        assert!(
            text.starts_with("Stopped: the terminal failed.\n"),
            "{text}"
        );
        assert!(text.ends_with("nothing was saved."), "{text}");
        assert!(!text.contains("s.json"), "{text}");
    }

    #[test]
    fn the_resume_command_is_the_one_that_started_pathfit() {
        let stopped = Stopped {
            path: PathBuf::from("/tmp/s.json"),
            reason: None,
            saved: true,
        };
        let text = stopped.to_string();
        let command = crate::invocation::command(&["take", "--resume", "/tmp/s.json"]);
        assert!(text.ends_with(&format!("\n  {command}")), "{text}");
    }
}
