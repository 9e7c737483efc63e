//! Ending a running quiz cleanly whatever ends it. The quiz's session is
//! saved after every answer; a [`Guard`] makes each save whole and, on
//! SIGINT (outside a prompt), SIGTERM or SIGHUP, or when the terminal goes
//! away, lets the last save finish, restores the terminal, says how to
//! carry on, lets go of the session file's lock and exits 130.
//!
//! The terminal going away needs watching of its own. crossterm 0.29's
//! event reader, which every prompt waits in, retries forever when a read
//! of a closed terminal returns end of file or fails (crossterm issue #793;
//! the fix, crossterm PR #1067, is not released), so the prompt never
//! returns and the process spins. A terminal that is our controlling one
//! also sends SIGHUP, but one that is not (or a SIGHUP lost to a watcher
//! that had died writing to the closed terminal, as happened before) would
//! leave nothing to end the spin. So a watcher thread waits, at no cost, for
//! either a signal or a hang-up on standard input or standard error, and a
//! second signal while it is stopping ends the process at once.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::lock::SessionLock;
use crate::input::output::WriteError;

/// What a quiz stopped before its first answer (or skip) says: a new
/// quiz's session is saved only once there is something in it.
pub const NOTHING_SAVED: &str = "Stopped. You had not answered anything yet, so nothing was saved.";

/// A running quiz's session file, its lock, and what to say if it is
/// stopped from outside. Dropping it lets go of the lock.
pub struct Guard {
    shared: Arc<Mutex<State>>,
}

struct State {
    /// Where the session is saved, as the user named it.
    path: PathBuf,
    /// `None` once the quiz is over (or stopped).
    lock: Option<SessionLock>,
    /// Other session files held for the quiz (the one it replaces), let
    /// go of with `lock`.
    held: Vec<SessionLock>,
    /// The session file holds this quiz (a save has completed, or it was
    /// resumed from it): there is something to resume.
    saved: bool,
    /// The quiz is over and its session removed: nothing to resume.
    done: bool,
    /// What a stopped quiz tells the student.
    stopped: String,
}

impl Guard {
    /// Holds `lock` for the session file `path` and starts watching for
    /// signals and the terminal going away. `stopped` is what to tell the
    /// student if either stops the quiz after a save; `saved` says whether
    /// the file already holds this quiz (it was resumed from it).
    pub fn start(path: PathBuf, lock: SessionLock, stopped: String, saved: bool) -> Guard {
        let shared = Arc::new(Mutex::new(State {
            path,
            lock: Some(lock),
            held: Vec::new(),
            saved,
            done: false,
            stopped,
        }));
        watch(Arc::clone(&shared));
        Guard { shared }
    }

    /// Runs `save` on the session file's path. A stop from outside waits
    /// for it to finish, so a save is never cut off half way.
    pub fn save(
        &self,
        save: impl FnOnce(&Path) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        let mut state = lock(&self.shared);
        save(&state.path)?;
        state.saved = true;
        Ok(())
    }

    /// Holds `lock` too until the quiz ends, however it ends (a stop from
    /// outside exits without running destructors).
    pub fn hold(&self, lock: SessionLock) {
        self::lock(&self.shared).held.push(lock);
    }

    /// Whether the session file holds this quiz yet.
    pub fn has_saved(&self) -> bool {
        lock(&self.shared).saved
    }

    /// The quiz is over: runs `remove` on the session file's path (it has
    /// nothing left to resume), then lets go of the lock. Until then no
    /// other quiz can start on the file, so none can lose its session to
    /// the removal.
    pub fn finish(self, remove: impl FnOnce(&Path)) {
        let mut state = lock(&self.shared);
        remove(&state.path);
        state.done = true;
        state.lock = None;
        state.held.clear();
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // The watcher thread keeps the state alive; the lock goes now.
        let mut state = lock(&self.shared);
        state.done = true;
        state.lock = None;
        state.held.clear();
    }
}

fn lock(shared: &Mutex<State>) -> MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Stops the quiz from outside: waits for a save in progress, restores the
/// terminal, says how to carry on (ignoring a terminal that is gone: this
/// must never fail), lets go of the lock and exits 130.
#[cfg_attr(not(unix), allow(dead_code))]
fn stop(shared: &Mutex<State>) -> ! {
    use std::io::Write;
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut state = lock(shared);
        // No save is under way while the state is held: the lock can go
        // first, before anything that could be slow or cut short by a
        // second signal.
        state.lock = None;
        state.held.clear();
        let _ = crossterm::terminal::disable_raw_mode();
        if !state.done {
            let mut err = std::io::stderr().lock();
            let text = if state.saved {
                state.stopped.as_str()
            } else {
                NOTHING_SAVED
            };
            let _ = writeln!(err, "\n{text}");
            let _ = err.flush();
        }
        // The report may be being written when the signal comes (`take
        // --output`): its unfinished copy goes, the old file stays.
        let unfinished = crate::input::output::remove_temporaries();
        if !unfinished.is_empty() {
            let mut err = std::io::stderr().lock();
            for line in unfinished {
                let _ = writeln!(err, "{line}");
            }
        }
        // Held to the end, so that no save starts while the process exits.
        std::mem::forget(state);
    }));
    std::process::exit(i32::from(crate::exit::Exit::Interrupted.code()))
}

/// Starts the watcher thread (see the module's comment); without it, a quiz
/// still saves after every answer.
#[cfg(unix)]
fn watch(shared: Arc<Mutex<State>>) {
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicBool, Ordering};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    // Once set, any of the signals ends the process at once. Set when
    // stopping begins, and when the watcher cannot be had: then a signal's
    // default action (ending the process) is better than a signal nobody
    // hears.
    let stopping = Arc::new(AtomicBool::new(false));
    let Ok((wake, woken)) = UnixStream::pair() else {
        return;
    };
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // The shutdown goes first, so that a second signal ends the process
        // before the watcher would hear it.
        let armed = signal_hook::flag::register_conditional_shutdown(
            signal,
            i32::from(crate::exit::Exit::Interrupted.code()),
            Arc::clone(&stopping),
        );
        let wakes = armed.is_ok()
            && wake
                .try_clone()
                .is_ok_and(|pipe| signal_hook::low_level::pipe::register(signal, pipe).is_ok());
        if !wakes {
            stopping.store(true, Ordering::SeqCst);
            return;
        }
    }
    drop(wake);
    let flag = Arc::clone(&stopping);
    let spawned = std::thread::Builder::new()
        .name("quiz-watch".into())
        .spawn(move || {
            wait_for_an_end(&woken);
            flag.store(true, Ordering::SeqCst);
            stop(&shared)
        });
    if spawned.is_err() {
        stopping.store(true, Ordering::SeqCst);
    }
}

/// Blocks until a signal is written to `woken` or the terminal hangs up
/// (on standard input or standard error). `poll` reports a hang-up whatever
/// it is asked to watch for, so the terminal's own input is left alone for
/// the prompt to read.
#[cfg(unix)]
fn wait_for_an_end(woken: &std::os::unix::net::UnixStream) {
    use rustix::event::{PollFd, PollFlags, poll};
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    let stderr = std::io::stderr();
    let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
    // Only a terminal is watched. A pipe of typed answers (plain mode)
    // reports a hang-up as soon as its writer is done, while lines are
    // still to be read, and would report it on every poll (a spin): its
    // end is the prompter's to see.
    let (watch_stdin, watch_stderr) = (stdin.is_terminal(), stderr.is_terminal());
    loop {
        let mut fds = vec![PollFd::new(woken, PollFlags::IN)];
        if watch_stdin {
            fds.push(PollFd::new(&stdin, PollFlags::empty()));
        }
        if watch_stderr {
            fds.push(PollFd::new(&stderr, PollFlags::empty()));
        }
        match poll(&mut fds, None) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            // Cannot watch the terminal: wait for a signal alone.
            Err(_) => {
                let mut byte = [0u8];
                let _ = std::io::Read::read(&mut &*woken, &mut byte);
                return;
            }
        }
        if !fds[0].revents().is_empty() || fds[1..].iter().any(|fd| fd.revents().intersects(gone)) {
            return;
        }
    }
}

/// Elsewhere Ctrl-C reaches the prompt as a key, and the session is saved
/// after every answer either way.
#[cfg(not(unix))]
fn watch(_shared: Arc<Mutex<State>>) {}
