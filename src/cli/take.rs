//! `pathfit take`: the quiz in a terminal, then the result.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::args::{Color, OutputArg, parse_bank};
use crate::bank::Bank;
use crate::bank::bundled::BankSpec;
use crate::engine;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::output;
use crate::quiz::Quiz;
use crate::quiz::lock::{LockError, SessionLock};
use crate::quiz::run::{self, Ended, Stopped};
use crate::quiz::session::{self, Session, SessionError};
use crate::quiz::terminal::TerminalPrompter;
use crate::quiz::watch::Guard;
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput};

#[derive(Debug, Default, clap::Args)]
pub struct TakeArgs {
    /// A bundled bank's id (see `pathfit banks`) or a path to a bank file
    /// [default: healthcare, or the resumed session's bank].
    #[arg(long, value_name = "FILE|NAME", value_parser = parse_bank)]
    pub bank: Option<BankSpec>,
    /// Shuffle questions and options with this seed: the same seed asks in
    /// the same order. Without it a seed is drawn and shown with the result.
    #[arg(long, value_name = "N", conflicts_with_all = ["no_shuffle", "resume"])]
    pub seed: Option<u64>,
    /// Ask the questions in the bank's own order.
    #[arg(long, conflicts_with = "resume")]
    pub no_shuffle: bool,
    /// Ask the most telling question next and offer to stop as soon as no
    /// further answer can change the result.
    #[arg(long, conflicts_with = "resume")]
    pub adaptive: bool,
    /// Save the session to FILE as you go (default: a file in your data folder).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Carry on with a session saved when a quiz was stopped.
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArg,
}

pub fn exec(args: &TakeArgs, color: Color) -> Result<Exit, Error> {
    let bank_file = match &args.bank {
        Some(BankSpec::File(path)) => Some(path.as_path()),
        _ => None,
    };
    output::Files::new()
        .reads_maybe("--bank", bank_file)
        .reads_maybe("--resume", args.resume.as_deref())
        .writes_or_stdout("--output", args.output.path())
        .writes_making_folders("--save", args.save.as_deref())
        .allow("--resume", "--save")
        .check()?;
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::NoTerminal);
    }
    let mut resumed = match &args.resume {
        Some(path) => Some((Session::load(path)?, path.clone())),
        None => None,
    };
    let spec = match (&args.bank, &resumed) {
        (Some(bank), _) => bank.clone(),
        (None, Some((session, _))) => BankSpec::parse(&session.bank.source),
        (None, None) => BankSpec::default(),
    };
    let bank = match (&args.bank, &resumed) {
        // The session file chose the bank: its errors are the session's.
        (None, Some((session, path))) => spec
            .load()
            .map_err(|err| SessionError::bank(path, &session.bank.source, err))?,
        _ => spec.load()?,
    };
    let seed = if args.no_shuffle {
        None
    } else {
        Some(args.seed.unwrap_or_else(rand::random))
    };
    // One quiz per session file: refused before anything is asked.
    let (save_path, lock) = match (&args.save, &resumed) {
        (Some(path), _) | (None, Some((_, path))) => (
            path.clone(),
            SessionLock::acquire(path).map_err(SessionError::from)?,
        ),
        (None, None) => fresh_session(&bank, seed)?,
    };
    if let Some((session, path)) = &mut resumed
        && lock.guards(path)
    {
        // Read again now that it is ours: another quiz may have changed or
        // removed it since.
        *session = Session::load(path)?;
    }
    let mut quiz = match &resumed {
        Some((session, path)) => session.restore(&bank, path)?,
        None if args.adaptive => Quiz::adaptive(&bank, seed),
        None => Quiz::new(&bank, seed),
    };
    let stopped = Stopped {
        path: save_path.clone(),
        reason: None,
    };
    let guard = Guard::start(save_path.clone(), lock, stopped.to_string());

    run::opening_screen(&bank, &quiz, resumed.is_some());
    let mut prompter = TerminalPrompter::new(color.enabled(std::io::stderr().is_terminal()));
    let ended = run::run(
        &mut quiz,
        &mut prompter,
        &spec.to_string(),
        &save_path,
        &guard,
    )?;
    let answers = match ended {
        Ended::Finished(answers) => answers,
        Ended::Stopped(stopped) => {
            // The terminal may be gone: nothing here may fail or panic.
            let _ = writeln!(std::io::stderr(), "{stopped}");
            return Ok(Exit::Interrupted);
        }
    };
    let scored = if quiz.is_adaptive() {
        engine::score_asked(&bank, &answers, quiz.sequence())
    } else {
        engine::score(&bank, &answers)
    };
    let assessment = scored.map_err(|source| Error::Score {
        file: match &resumed {
            Some((_, path)) => format!("your answers (resumed from {})", path.display()),
            None => "your answers".to_string(),
        },
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
                cut_after: None,
            }),
        }),
    };
    let path = args.output.path();
    let report = args
        .format
        .report(color.enabled(path.is_none() && std::io::stdout().is_terminal()));
    if args.format == Format::Text && path.is_none() {
        let _ = writeln!(std::io::stderr());
    }
    output::write_to(path, |out| report.write(&input, out))?;
    // The quiz is over: its session has nothing left to resume. Removed
    // while the lock is held, so no other quiz's session can be lost.
    guard.finish(remove_session);
    Ok(Exit::Ok)
}

/// A new quiz's session file when `--save` is not given, locked: the
/// default name, or a numbered one when that is in use or already holds a
/// stopped quiz (which a new quiz must not overwrite).
fn fresh_session(bank: &Bank, seed: Option<u64>) -> Result<(PathBuf, SessionLock), Error> {
    const ATTEMPTS: u32 = 100;
    for attempt in 0..ATTEMPTS {
        let path = session::default_path(bank, seed, attempt);
        if path.exists() {
            continue;
        }
        match SessionLock::acquire(&path) {
            // Made in between by a quiz that has just stopped: keep it.
            Ok(_) if path.exists() => continue,
            Ok(lock) => return Ok((path, lock)),
            Err(LockError::InUse { .. }) => continue,
            Err(err) => return Err(SessionError::from(err).into()),
        }
    }
    let path = session::default_path(bank, seed, 0);
    Err(SessionError::from(LockError::InUse { path, pid: None }).into())
}

/// Removes a finished quiz's session file: the file a link leads to, and
/// only a regular file (never a device or pipe named by `--save`).
fn remove_session(path: &Path) {
    if let Ok(real) = std::fs::canonicalize(path)
        && std::fs::metadata(&real).is_ok_and(|meta| meta.is_file())
    {
        let _ = std::fs::remove_file(real);
    }
}
