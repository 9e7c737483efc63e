//! The questions asked before a quiz begins, so that no unfinished quiz is
//! silently abandoned or overwritten: a new quiz offers the latest
//! unfinished one for the same bank back ("carry on, or start again?"), and
//! `--save FILE` asks before it replaces what FILE holds. Each is one
//! `inquire` list, wrapped to the terminal; Esc or Ctrl-C stops with
//! nothing changed. Without a terminal there is no one to ask, and a file
//! that would be replaced is refused ([`replace_refused`]), in this one
//! place.

use std::path::Path;
use std::time::SystemTime;

use inquire::Select;
use inquire::error::InquireError;
use inquire::ui::RenderConfig;

use super::saved::{Unfinished, when};
use super::session::{Session, SessionError};
use crate::visible::visible;

/// What a student stopped at a question before the quiz is told.
pub const NOTHING_CHANGED: &str = "Stopped. Nothing was changed.";

const CARRY_ON: &str = "Carry on where I left off";
const START_AGAIN: &str = "Start again";
const REPLACE: &str = "Start a new quiz in its place";
const KEEP: &str = "Keep it, and stop here";
const KEYS: &str = "↑↓ move, Enter chooses, Esc stops";

/// The student's answer to "carry on, or start again?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    CarryOn,
    StartAgain,
}

/// What `--save FILE` holds, when it holds something.
#[derive(Debug)]
pub enum Existing {
    /// An unfinished quiz (it may be for another bank), and when it was
    /// last saved.
    Session(Box<Session>, SystemTime),
    /// Something else.
    Other,
}

impl Existing {
    /// What is at `path`, when a quiz saving there would replace it: a
    /// regular file (or a link to one), read as a session if it is one.
    pub fn at(path: &Path) -> Option<Existing> {
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let saved = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        Some(match Session::load(path) {
            Ok(session) => Existing::Session(Box::new(session), saved),
            Err(_) => Existing::Other,
        })
    }

    /// It, in a few words, for a message.
    pub fn described(&self) -> String {
        match self {
            Existing::Session(session, _) => {
                format!("an unfinished quiz ({} answered)", session.answers.len())
            }
            Existing::Other => "something that is not a pathfit quiz".to_string(),
        }
    }
}

/// The offer's question: "You have an unfinished quiz from today at 14:05
/// (9 of 26 answered). Carry on where you left off, or start again?"
pub fn offer_text(unfinished: &Unfinished, now: SystemTime) -> String {
    format!(
        "You have an unfinished quiz from {} ({}). Carry on where you left off, or start again?",
        when(unfinished.saved, now),
        unfinished.progress()
    )
}

/// The question `--save FILE` asks before replacing what FILE holds.
pub fn replace_text(path: &Path, existing: &Existing) -> String {
    let path = visible(&path.display().to_string()).into_owned();
    match existing {
        Existing::Session(session, saved) => format!(
            "{path} holds an unfinished quiz from {} ({} answered). Start a new quiz in its place? It is replaced once you answer the first question.",
            when(*saved, SystemTime::now()),
            session.answers.len()
        ),
        Existing::Other => format!(
            "{path} already exists and is not an unfinished pathfit quiz. Save this quiz in its place? It is replaced once you answer the first question."
        ),
    }
}

/// Asks whether to carry on with `unfinished` or start again; `None`: the
/// student stopped (Esc, Ctrl-C, or the terminal failed).
/// How a question before the quiz is asked: as a list in the terminal
/// (with colours or not), or as plain numbered lines (see
/// [`super::plain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Terminal { color: bool },
    Plain,
}

pub fn offer(unfinished: &Unfinished, ask: Ask) -> Option<Offer> {
    let text = offer_text(unfinished, SystemTime::now());
    match choose(&text, &[CARRY_ON, START_AGAIN], ask)? {
        0 => Some(Offer::CarryOn),
        _ => Some(Offer::StartAgain),
    }
}

/// Asks whether to replace what `path` holds; `Some(true)`: replace,
/// `Some(false)`: keep it and stop, `None`: the student stopped.
pub fn may_replace(path: &Path, existing: &Existing, ask: Ask) -> Option<bool> {
    let text = replace_text(path, existing);
    Some(choose(&text, &[REPLACE, KEEP], ask)? == 0)
}

/// Why `path` is not replaced when there is no terminal to ask in.
pub fn replace_refused(path: &Path, existing: &Existing) -> SessionError {
    SessionError::WouldReplace {
        path: path.to_path_buf(),
        what: existing.described(),
        session: matches!(existing, Existing::Session(..)),
    }
}

/// The width plain lines are wrapped to: the terminal's, less a column,
/// when standard error is one.
pub fn plain_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    crate::wrap::terminal_size().map(|(cols, _)| usize::from(cols).saturating_sub(1))
}

/// One list: `message` wrapped to the terminal, then `options`; the index
/// chosen, or `None` when the student stopped.
fn choose(message: &str, options: &[&str], ask: Ask) -> Option<usize> {
    let color = match ask {
        Ask::Terminal { color } => color,
        Ask::Plain => {
            return super::plain::choose(
                &mut std::io::stdin().lock(),
                &mut std::io::stderr(),
                message,
                options,
                plain_width(),
            );
        }
    };
    let columns =
        crate::wrap::terminal_size().map_or(crate::wrap::DEFAULT_COLUMNS, |(cols, _)| cols);
    // inquire puts "? " before the message and redraws from its first line.
    let width = usize::from(columns).saturating_sub(3).max(20);
    let message = textwrap::fill(message, crate::wrap::options(width));
    let render = if color {
        RenderConfig::default_colored()
    } else {
        RenderConfig::empty()
    }
    .with_canceled_prompt_indicator(inquire::ui::Styled::new("(stopped)"));
    let options: Vec<String> = options.iter().map(|o| o.to_string()).collect();
    match Select::new(&message, options)
        .with_help_message(KEYS)
        .with_render_config(render)
        .without_filtering()
        .raw_prompt()
    {
        Ok(chosen) => Some(chosen.index),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => None,
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::quiz::Quiz;

    #[test]
    fn the_offer_says_when_and_how_far_in_plain_words() {
        let bank = crate::bank::bundled::find("healthcare")
            .unwrap()
            .load()
            .unwrap();
        let session = Session::of(&Quiz::new(&bank, Some(3)), "healthcare");
        let now = SystemTime::now();
        let unfinished = Unfinished {
            path: PathBuf::from("s.json"),
            id: "abcdef".to_string(),
            saved: now,
            session,
            total: Some(26),
            blocked: None,
        };
        let text = offer_text(&unfinished, now);
        assert!(
            text.starts_with("You have an unfinished quiz from today at "),
            "{text}"
        );
        assert!(
            text.ends_with("(0 of 26 answered). Carry on where you left off, or start again?"),
            "{text}"
        );
    }

    #[test]
    fn a_file_that_would_be_replaced_is_refused_without_asking_and_named_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s\u{1b}[2J.json");
        assert!(Existing::at(&path).is_none(), "nothing there yet");
        std::fs::write(&path, "my notes").unwrap();
        let existing = Existing::at(&path).unwrap();
        assert!(matches!(existing, Existing::Other));
        let text = replace_text(&path, &existing);
        assert!(crate::visible::first_hidden(&text).is_none(), "{text:?}");
        let err = replace_refused(&path, &existing);
        assert_eq!(err.exit(), crate::exit::Exit::Usage);
        let message = err.to_string();
        assert!(
            crate::visible::first_hidden(&message).is_none(),
            "{message:?}"
        );
        assert!(
            message.contains("already holds something that is not a pathfit quiz"),
            "{message}"
        );
        assert!(
            message.ends_with("To keep it, give --save another file"),
            "{message}"
        );
        // A folder or a device is not replaced by a save, so not asked about.
        assert!(Existing::at(dir.path()).is_none());
        #[cfg(unix)]
        assert!(Existing::at(Path::new("/dev/null")).is_none());
    }
}
