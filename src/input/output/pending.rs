//! The temporary files of outputs being written, in one registry, so that
//! Ctrl-C, SIGTERM or SIGHUP (a closed terminal) removes them instead of
//! leaving tens of megabytes of `.class-results.csv.pathfit-tmp-XXXXXX`
//! beside the user's files. After SIGKILL nothing can run; the names say
//! what such leftovers are.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One temporary file and the output it will become.
struct Pending {
    id: u64,
    temporary: PathBuf,
    target: PathBuf,
    /// Whether `target` was there before (else it is not created).
    existed: bool,
}

struct Registry {
    next: u64,
    files: Vec<Pending>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    next: 0,
    files: Vec::new(),
});

fn registry() -> MutexGuard<'static, Registry> {
    // A panic elsewhere while holding the lock leaves the list usable.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file on the list; dropping it takes it off (the file itself
/// is the caller's to remove or rename).
#[must_use]
pub(super) struct Registered {
    id: u64,
}

/// Puts `temporary`, on its way to replace `target` (or create it, unless it
/// `existed`), on the list.
pub(super) fn register(temporary: &Path, target: &Path, existed: bool) -> Registered {
    let mut registry = registry();
    let id = registry.next;
    registry.next += 1;
    registry.files.push(Pending {
        id,
        temporary: temporary.to_path_buf(),
        target: target.to_path_buf(),
        existed,
    });
    Registered { id }
}

impl Registered {
    /// Runs `rename` (the temporary file becoming the output) with the list
    /// locked, so a signal handler sees the file either before (and removes
    /// it, the rename never happening) or after (nothing left to remove).
    pub(super) fn finish<T>(self, rename: impl FnOnce() -> T) -> T {
        let mut registry = registry();
        let value = rename();
        registry.files.retain(|p| p.id != self.id);
        drop(registry);
        std::mem::forget(self);
        value
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        registry().files.retain(|p| p.id != self.id);
    }
}

/// Removes every temporary file on the list, and returns one line for each
/// output they were for (left as it was), to show the user. The list stays
/// locked until the process ends, so no rename can follow: call this only
/// on the way out.
pub fn remove_temporaries() -> Vec<String> {
    let mut registry = registry();
    let said = registry
        .files
        .drain(..)
        .map(|p| {
            let _ = std::fs::remove_file(&p.temporary);
            let name = p.target.display().to_string();
            format!(
                "Stopped before {} was complete: {}, and the unfinished copy is removed.",
                crate::visible::visible(&name),
                if p.existed {
                    "it is left as it was"
                } else {
                    "it is not created"
                }
            )
        })
        .collect();
    std::mem::forget(registry);
    said
}

/// From now on SIGINT, SIGTERM and SIGHUP remove the temporary files of
/// unfinished outputs, say which outputs were left as they were, and end
/// pathfit with exit 130. For every command but `take`, whose quiz has a
/// watcher of its own. A signal pathfit was started ignoring stays ignored
/// (`nohup pathfit batch …`, or `&` in a script, which ignores SIGINT).
#[cfg(unix)]
pub fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let watched: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|&signal| !is_ignored(signal))
        .collect();
    if watched.is_empty() {
        return;
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new(watched) else {
        return;
    };
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            for line in remove_temporaries() {
                eprintln!("\n{line}");
            }
            std::process::exit(i32::from(crate::exit::Exit::Interrupted.code()));
        }
    });
}

/// Whether `signal` is ignored now (as inherited from the parent).
#[cfg(unix)]
fn is_ignored(signal: i32) -> bool {
    let mut current = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
    // SAFETY: with a null new action, sigaction only reads the current
    // disposition into `current`, which is valid for writes; nothing is
    // changed.
    let read = unsafe { libc::sigaction(signal, std::ptr::null(), current.as_mut_ptr()) };
    // SAFETY: zeroed is a valid `sigaction` (plain integers and pointers),
    // and sigaction filled it in when it returned 0.
    read == 0 && unsafe { current.assume_init() }.sa_sigaction == libc::SIG_IGN
}

/// Elsewhere the default handling of Ctrl-C stays.
#[cfg(not(unix))]
pub fn clean_up_on_signals() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_or_dropped_file_leaves_the_list() {
        let count = |path: &Path| {
            registry()
                .files
                .iter()
                .filter(|p| p.temporary == path)
                .count()
        };
        let a = Path::new("/nowhere/.a.pathfit-tmp-1");
        let b = Path::new("/nowhere/.b.pathfit-tmp-1");
        let first = register(a, Path::new("a"), true);
        let second = register(b, Path::new("b"), false);
        assert_eq!((count(a), count(b)), (1, 1));
        assert_eq!(first.finish(|| 7), 7);
        assert_eq!((count(a), count(b)), (0, 1));
        drop(second);
        assert_eq!(count(b), 0);
    }
}
