//! `pathfit take`: the interactive quiz around the library's flow. It shows
//! the opening screen, saves the session after every answer (so a killed or
//! closed terminal loses nothing), turns Ctrl-C and SIGHUP/SIGTERM into
//! "stopped, here is how to resume", and ends on the result screen.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::Error;
use crate::bank::{Bank, QuestionKind, bundled};
use crate::cli::TakeArgs;
use crate::engine;
use crate::output;
use crate::quiz::session::{self, Session};
use crate::quiz::terminal::TerminalPrompter;
use crate::quiz::{Outcome, Quiz};
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput};

pub fn take(args: &TakeArgs) -> Result<(), Error> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::NoTerminal);
    }
    let resumed = match &args.resume {
        Some(path) => Some((Session::load(path)?, path.clone())),
        None => None,
    };
    let bank_source = match (&args.bank, &resumed) {
        (Some(bank), _) => bank.clone(),
        (None, Some((session, _))) => session.bank.source.clone(),
        (None, None) => bundled::DEFAULT_BANK.to_string(),
    };
    let bank = bundled::resolve(Some(&bank_source))?;
    let (mut quiz, save_path) = match &resumed {
        Some((session, path)) => (
            session.restore(&bank, path)?,
            args.save.clone().unwrap_or_else(|| path.clone()),
        ),
        None => {
            let seed = if args.no_shuffle {
                None
            } else {
                Some(args.seed.unwrap_or_else(rand::random))
            };
            let path = args
                .save
                .clone()
                .unwrap_or_else(|| session::default_path(&bank, seed));
            let quiz = if args.adaptive {
                Quiz::adaptive(&bank, seed)
            } else {
                Quiz::new(&bank, seed)
            };
            (quiz, path)
        }
    };

    let stderr_color = args.color.enabled(std::io::stderr().is_terminal());
    opening_screen(&bank, &quiz, resumed.is_some());
    let save = |quiz: &Quiz<'_>| Session::of(quiz, &bank_source).save(&save_path);
    save(&quiz)?;
    watch_signals(save_path.clone());

    let mut prompter = TerminalPrompter::new(stderr_color);
    let answers = loop {
        let step = quiz.step(&mut prompter);
        save(&quiz)?;
        match step {
            Ok(None) => continue,
            Ok(Some(Outcome::Finished(answers))) => break answers,
            Ok(Some(Outcome::Stopped { .. })) => {
                return Err(Error::Stopped {
                    path: save_path.clone(),
                });
            }
            // The terminal went away: the answers are saved.
            Err(err) => {
                return Err(Error::StoppedBy {
                    path: save_path.clone(),
                    reason: err.to_string(),
                });
            }
        }
    };
    let assessment = engine::score(&bank, &answers).map_err(|source| Error::Score {
        file: "your answers".to_string(),
        source,
    })?;
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: Some(QuizRun {
            seed: quiz.seed(),
            order: quiz
                .sequence()
                .iter()
                .map(|&q| bank.questions[q].id.clone())
                .collect(),
            adaptive: quiz.is_adaptive().then(|| AdaptiveRun {
                asked: quiz.sequence().len(),
                settled_after: quiz.settled_after(),
            }),
        }),
    };
    let color = args
        .color
        .enabled(args.output.is_none() && std::io::stdout().is_terminal());
    let report = args.format.report(color);
    if args.format == Format::Text && args.output.is_none() {
        eprintln!();
    }
    output::write_to(args.output.as_deref(), |out| report.write(&input, out))?;
    // The quiz is over: its session has nothing left to resume.
    let _ = std::fs::remove_file(&save_path);
    Ok(())
}

fn opening_screen(bank: &Bank, quiz: &Quiz<'_>, resumed: bool) {
    let mut err = std::io::stderr().lock();
    let wrap = |text: &str| textwrap::fill(text, crate::wrap::options(78));
    let _ = writeln!(err, "{}\n", bank.title);
    if let Some(description) = &bank.description {
        let _ = writeln!(err, "{}\n", wrap(description));
    }
    let (remaining, seconds) = if quiz.is_adaptive() {
        let asked: Vec<bool> = (0..bank.questions.len())
            .map(|q| quiz.sequence()[..quiz.position()].contains(&q))
            .collect();
        let open: Vec<usize> = (0..asked.len()).filter(|&q| !asked[q]).collect();
        (open.len(), estimated_seconds(bank, &open))
    } else {
        let open = &quiz.sequence()[quiz.position()..];
        (open.len(), estimated_seconds(bank, open))
    };
    let minutes = seconds.div_ceil(60).max(1);
    let status = if quiz.is_adaptive() {
        let plural = if minutes == 1 { "" } else { "s" };
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
            "Welcome back: {remaining} of {} questions left, about {minutes} minute{}.",
            quiz.total(),
            if minutes == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{} questions, about {minutes} minute{}. There are no right or wrong answers.",
            quiz.total(),
            if minutes == 1 { "" } else { "s" }
        )
    };
    let _ = writeln!(err, "{}", wrap(&status));
    let _ = writeln!(
        err,
        "{}\n",
        wrap(
            "Use ↑↓ and Enter to answer, Esc to go back, Ctrl-C to stop (your answers are saved and you can carry on later). Any question can be skipped."
        )
    );
}

/// A rough time to answer `questions`: reading and choosing takes longer
/// for lists than for a scale.
pub fn estimated_seconds(bank: &Bank, questions: &[usize]) -> u64 {
    questions
        .iter()
        .map(|&q| match bank.questions[q].kind {
            QuestionKind::Likert { .. } => 8,
            QuestionKind::Number { .. } => 10,
            QuestionKind::Choice { .. } => 12,
            QuestionKind::Multi { .. } => 20,
        })
        .sum()
}

/// On SIGINT (outside a prompt), SIGTERM or SIGHUP: the session is already
/// saved, so restore the terminal, say how to resume, and exit 130.
#[cfg(unix)]
fn watch_signals(path: PathBuf) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = crossterm::terminal::disable_raw_mode();
            eprintln!("\n{}", Error::Stopped { path });
            std::process::exit(crate::exit::INTERRUPTED);
        }
    });
}

/// Elsewhere Ctrl-C reaches the prompt as a key, and the session is saved
/// after every answer either way.
#[cfg(not(unix))]
fn watch_signals(_path: PathBuf) {}

/// `path` as it can be pasted into a shell.
pub fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
