//! `pathfit take`: the quiz in a terminal, then the result.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::args::{Color, OutputArg, parse_bank};
use crate::bank::Bank;
use crate::bank::bundled::BankSpec;
use crate::engine;
use crate::error::Error;
use crate::exit::Exit;
use crate::explore::{self, plain::PlainScreen, terminal::TerminalScreen};
use crate::history;
use crate::input::output;
use crate::quiz::Prompter;
use crate::quiz::Quiz;
use crate::quiz::lock::{LockError, SessionLock};
use crate::quiz::plain::PlainPrompter;
use crate::quiz::run::{self, Ended, Replaced, Stopped};
use crate::quiz::saved::{Listing, Unfinished};
use crate::quiz::session::{self, Session, SessionError};
use crate::quiz::start::{self, Ask, Existing, Offer};
use crate::quiz::terminal::TerminalPrompter;
use crate::quiz::watch::Guard;
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput};
use crate::visible::visible;

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
    /// Carry on with a quiz that was stopped: the session FILE, or without
    /// FILE the latest unfinished quiz (with --bank, the latest for it).
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub resume: Option<Option<PathBuf>>,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArg,
    /// Do not keep the result (for shared computers; so does setting
    /// PATHFIT_NO_HISTORY). Kept results are listed by `pathfit results`.
    #[arg(long)]
    pub no_history: bool,
    /// Plain, numbered line-by-line questions, for screen readers, braille
    /// displays, dumb terminals and typed-in or piped answers (also set by
    /// ACCESSIBLE or PATHFIT_ACCESSIBLE, or TERM=dumb).
    #[arg(long)]
    pub plain: bool,
}

/// Whether the quiz is asked in plain lines: `--plain`, a non-empty
/// `ACCESSIBLE` (as huh and GitHub CLI honour it) or `PATHFIT_ACCESSIBLE`,
/// or `TERM=dumb`, which cannot redraw a list.
fn plain_mode(args: &TakeArgs) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    args.plain
        || set("ACCESSIBLE")
        || set("PATHFIT_ACCESSIBLE")
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

pub fn exec(args: &TakeArgs, color: Color) -> Result<Exit, Error> {
    let bank_file = match &args.bank {
        Some(BankSpec::File(path)) => Some(path.as_path()),
        _ => None,
    };
    output::Files::new()
        .reads_maybe("--bank", bank_file)
        .reads_maybe("--resume", resume_file(args))
        .writes_or_stdout("--output", args.output.path())
        .writes_making_folders("--save", args.save.as_deref())
        .allow("--resume", "--save")
        .check()?;
    let plain = plain_mode(args);
    // Asked once: whether a person types the answers, and where the
    // questions go.
    let typed = std::io::stdin().is_terminal();
    let asked_on_terminal = std::io::stderr().is_terminal();
    let at_terminal = typed && asked_on_terminal;
    if !plain && !at_terminal {
        return Err(Error::NoTerminal);
    }
    // Plain mode writes no escape sequence at all: no colour either.
    let color = if plain { Color::Never } else { color };
    let ask = match (plain, typed) {
        (false, _) => Some(Ask::Terminal {
            color: color.enabled(asked_on_terminal),
        }),
        (true, true) => Some(Ask::Plain),
        // Piped answers: every line is an answer, none is spent on a
        // question before the quiz.
        (true, false) => None,
    };
    let Start {
        spec,
        bank,
        mut resumed,
        seed,
        save_path,
        lock,
        replaces,
    } = match start(args, ask)? {
        Ok(start) => start,
        Err(exit) => return Ok(exit),
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
    // The file holds this quiz already when it was resumed from it.
    let saved = resumed.as_ref().is_some_and(|(_, path)| lock.guards(path));
    let stopped = Stopped {
        path: save_path.clone(),
        reason: None,
        saved: true,
    };
    let guard = Guard::start(save_path.clone(), lock, stopped.to_string(), saved);

    run::opening_screen(&bank, &quiz, resumed.is_some(), plain);
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(
            PlainPrompter::new(std::io::stdin().lock(), std::io::stderr())
                .with_marker(typed)
                .with_width(start::plain_width()),
        )
    } else {
        Box::new(TerminalPrompter::new(color.enabled(asked_on_terminal)))
    };
    let ended = run::run(
        &mut quiz,
        prompter.as_mut(),
        &spec.to_string(),
        &save_path,
        &guard,
        replaces,
    )?;
    // It holds standard input's lock, which exploring the result takes.
    drop(prompter);
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
    // Kept before it is shown, so that what is shown can say where.
    let kept = history::keep_quiz(args.no_history, &spec, &input);
    let path = args.output.path();
    let terminal = path.is_none() && std::io::stdout().is_terminal();
    // Plain mode explores only when the student can type: piped answers
    // get the whole report.
    let explore = terminal && (!plain || typed);
    if args.format == Format::Text && explore {
        // The quiz is over: its session has nothing left to resume. Removed
        // while the lock is held, so no other quiz's session can be lost.
        guard.finish(run::remove_session);
        if kept.is_err() {
            // Only a warning: the result is still shown.
            let _ = write!(
                std::io::stderr(),
                "{}",
                history::after_quiz(&input, None, &kept)
            );
        }
        let saved = kept
            .as_ref()
            .ok()
            .and_then(Option::as_ref)
            .map(|k| k.page.as_deref().unwrap_or(&k.record));
        show_result(&input, color.enabled(true), saved, plain);
        return Ok(Exit::Ok);
    }
    let report: Box<dyn crate::report::Report> = if plain && args.format == Format::Text {
        Box::new(crate::report::text::TextReport {
            words: true,
            ..Default::default()
        })
    } else {
        args.format.report_at(
            color.enabled(terminal),
            crate::report::text::width_for(terminal),
        )
    };
    if args.format == Format::Text && path.is_none() {
        let _ = writeln!(std::io::stderr());
    }
    output::write_to(path, |out| report.write(&input, out))?;
    let _ = write!(
        std::io::stderr(),
        "{}",
        history::after_quiz(&input, path, &kept)
    );
    // The quiz is over: its session has nothing left to resume. Removed
    // while the lock is held, so no other quiz's session can be lost.
    guard.finish(run::remove_session);
    Ok(Exit::Ok)
}

/// The end of a quiz in a terminal: a summary that fits the screen, then a
/// menu to explore the result (see [`crate::explore`]). `saved` is where the
/// result was kept, when it was. Leaving the menu, however it is left (Esc,
/// Done, Ctrl-C), is a normal end: the result has been shown and kept.
fn show_result(input: &ReportInput<'_>, color: bool, saved: Option<&Path>, plain: bool) {
    let _ = writeln!(std::io::stderr());
    let options = explore::Options {
        color,
        saved,
        save_in: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        today: explore::save::today(),
    };
    if plain {
        let columns = std::io::stdout()
            .is_terminal()
            .then(crate::wrap::terminal_size)
            .flatten()
            .map(|(cols, _)| cols);
        let mut screen =
            PlainScreen::new(std::io::stdin().lock(), std::io::stdout()).with_columns(columns);
        explore::explore(&mut screen, input, &options);
    } else {
        explore::explore(&mut TerminalScreen::new(color), input, &options);
    }
}

/// What a quiz has before its first question: its bank, the session it
/// carries on (if any), where it saves and the lock on that file, and the
/// unfinished quiz it replaces when the student chose to start again.
struct Start {
    spec: BankSpec,
    bank: Bank,
    resumed: Option<(Session, PathBuf)>,
    /// For a new quiz: `None` asks in the bank's order.
    seed: Option<u64>,
    save_path: PathBuf,
    lock: SessionLock,
    replaces: Option<Replaced>,
}

/// `--resume FILE`'s file (not `--resume` alone).
fn resume_file(args: &TakeArgs) -> Option<&Path> {
    args.resume.as_ref().and_then(|file| file.as_deref())
}

/// Finds the bank and the session, asking first where an unfinished quiz
/// could be lost. `Err(exit)`: the student chose to stop there.
fn start(args: &TakeArgs, ask: Option<Ask>) -> Result<Result<Start, Exit>, Error> {
    // A bank given on the command line is loaded first: `--resume` alone
    // looks for its sessions.
    let given = match &args.bank {
        Some(spec) => Some((spec.clone(), spec.load()?)),
        None => None,
    };
    let mut resumed = match &args.resume {
        Some(Some(path)) => Some((Session::load(path)?, path.clone())),
        Some(None) => Some(latest_session(given.as_ref().map(|(_, bank)| bank))?),
        None => None,
    };
    let (spec, bank) = match (given, &resumed) {
        (Some(given), _) => given,
        // The session file chose the bank: its errors are the session's.
        (None, Some((session, path))) => {
            let spec = BankSpec::parse(&session.bank.source);
            let bank = spec
                .load()
                .map_err(|err| SessionError::bank(path, &session.bank.source, err))?;
            (spec, bank)
        }
        (None, None) => {
            let spec = BankSpec::default();
            let bank = spec.load()?;
            (spec, bank)
        }
    };
    let seed = if args.no_shuffle {
        None
    } else {
        Some(args.seed.unwrap_or_else(rand::random))
    };
    let mut replaces = None;
    let mut offered_lock = None;
    if resumed.is_none() && args.save.is_none() {
        match ask.map_or(Offered::Nothing, |ask| offer_unfinished(&bank, ask)) {
            Offered::Nothing => {}
            Offered::CarryOn(unfinished, lock) => {
                resumed = Some((unfinished.session, unfinished.path));
                offered_lock = Some(lock);
            }
            Offered::StartAgain(old) => replaces = Some(old),
            Offered::Stop => return Ok(Err(stop_unchanged())),
        }
    }
    // One quiz per session file: refused before anything is asked.
    let (save_path, lock) = match (&args.save, &resumed, offered_lock) {
        (None, Some((_, path)), Some(lock)) => (path.clone(), lock),
        (Some(path), _, _) | (None, Some((_, path)), None) => (
            path.clone(),
            SessionLock::acquire(path).map_err(SessionError::from)?,
        ),
        (None, None, _) => fresh_session(&bank, seed)?,
    };
    let resumes_there = resumed.as_ref().is_some_and(|(_, path)| lock.guards(path));
    if let Some(path) = &args.save
        && !resumes_there
        && let Some(existing) = Existing::at(path)
    {
        let Some(ask) = ask else {
            return Err(start::replace_refused(path, &existing).into());
        };
        match start::may_replace(path, &existing, ask) {
            Some(true) => {}
            Some(false) => {
                kept(path, &existing);
                return Ok(Err(Exit::Ok));
            }
            None => return Ok(Err(stop_unchanged())),
        }
    }
    Ok(Ok(Start {
        spec,
        bank,
        resumed,
        seed,
        save_path,
        lock,
        replaces,
    }))
}

/// `--resume` without a file: the newest unfinished quiz that can be
/// carried on (with `bank`, when `--bank` gave one).
fn latest_session(bank: Option<&Bank>) -> Result<(Session, PathBuf), Error> {
    let dir = crate::folders::sessions_dir();
    let listing = match bank {
        Some(bank) => Listing::read_for(&dir, bank),
        None => Listing::read(&dir),
    };
    let found = match bank {
        Some(bank) => listing.latest_for(bank),
        None => listing.latest(),
    };
    match found {
        Some(unfinished) => Ok((unfinished.session.clone(), unfinished.path.clone())),
        None => Err(SessionError::NothingToResume {
            bank: bank.map(|b| visible(&b.id).into_owned()),
            blocked: listing
                .sessions
                .iter()
                .filter(|s| bank.is_none_or(|b| s.session.bank.id == b.id && !s.fits(b)))
                .filter(|s| bank.is_some() || s.blocked.is_some())
                .count(),
        }
        .into()),
    }
}

/// What came of offering an unfinished quiz back.
enum Offered {
    /// There was none to offer (none for this bank, or all in use).
    Nothing,
    /// Carry on with it; its file is locked for this quiz.
    CarryOn(Box<Unfinished>, SessionLock),
    /// Start again; it is kept until the new quiz saves.
    StartAgain(Replaced),
    /// The student stopped at the question.
    Stop,
}

/// Offers the newest unfinished quiz for `bank` that no other quiz is
/// running on.
fn offer_unfinished(bank: &Bank, ask: Ask) -> Offered {
    let listing = Listing::read_for(&crate::folders::sessions_dir(), bank);
    for unfinished in listing.sessions.into_iter().filter(|s| s.fits(bank)) {
        let Ok(lock) = SessionLock::acquire(&unfinished.path) else {
            continue;
        };
        return match start::offer(&unfinished, ask) {
            Some(Offer::CarryOn) => Offered::CarryOn(Box::new(unfinished), lock),
            Some(Offer::StartAgain) => Offered::StartAgain(Replaced {
                path: unfinished.path,
                lock,
            }),
            None => Offered::Stop,
        };
    }
    Offered::Nothing
}

/// The student stopped before the quiz began.
fn stop_unchanged() -> Exit {
    let _ = writeln!(std::io::stderr(), "{}", start::NOTHING_CHANGED);
    Exit::Interrupted
}

/// The student kept what `--save` named, and stopped.
fn kept(path: &Path, existing: &Existing) {
    let shown = visible(&path.display().to_string()).into_owned();
    let text = match existing {
        Existing::Session(..) => format!(
            "Kept the unfinished quiz in {shown}.\nTo carry on with it:\n  {}",
            visible(&crate::invocation::command(&[
                "take",
                "--resume",
                &path.display().to_string()
            ]))
        ),
        Existing::Other => format!("Kept {shown}; nothing was changed."),
    };
    let _ = writeln!(std::io::stderr(), "{text}");
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
