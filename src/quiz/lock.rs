//! One quiz per session file at a time. A running quiz holds an advisory
//! lock (`flock`, through the standard library's `File::try_lock`) on a lock
//! file beside its session file, and a second quiz on the same file is
//! refused at once instead of overwriting its answers or having the file
//! deleted under it.
//!
//! Sessions are saved by writing a new file and renaming it over the old
//! one, so the session file itself is a different file after every save and
//! cannot carry the lock. The lock file (`.NAME.lock`) is never renamed; it
//! is named after the session file's real path (links and `..` resolved),
//! so every name for one session file meets the same lock. Its holder
//! removes it while still holding it, and whoever locks a lock file checks
//! afterwards that the name still leads to that very file, so a removed
//! lock file is never mistaken for a held one. A lock file left by a killed
//! quiz locks nothing: the lock ends with the process.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::input::source::file_kind;
use crate::visible::visible;

/// How often locking starts over when the lock file was replaced under it.
const ATTEMPTS: usize = 5;

/// The lock on one session file, held until it is dropped.
#[derive(Debug)]
pub struct SessionLock {
    /// Locked, and held open: closing it ends the lock.
    _file: File,
    /// The lock file.
    path: PathBuf,
    /// The session file's real path, as locked.
    session: PathBuf,
}

/// Why a quiz cannot have its session file to itself.
#[derive(Debug, Error)]
pub enum LockError {
    #[error(
        "{}: another pathfit quiz{} is saving to this session file right now, and two quizzes on one file would overwrite each other's answers. Finish or stop that quiz first (Ctrl-C in its window), or save this one elsewhere with --save FILE",
        visible(&path.display().to_string()),
        pid.map(|p| format!(" (process {p})")).unwrap_or_default()
    )]
    InUse { path: PathBuf, pid: Option<u32> },
    #[error(
        "{}: a session is saved in a regular file of its own, and this is {kind}; choose another file with --save FILE",
        visible(&path.display().to_string())
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "{}: cannot lock this session file for the quiz: {source}; check that the folder exists and is writable, or save elsewhere with --save FILE",
        visible(&path.display().to_string())
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl SessionLock {
    /// Locks the session file `session` (which need not exist yet; its
    /// folder is made if missing), or says who holds it.
    pub fn acquire(session: &Path) -> Result<SessionLock, LockError> {
        let io_error = |source| LockError::Io {
            path: session.to_path_buf(),
            source,
        };
        let real = real_path(session).map_err(io_error)?;
        if let Ok(meta) = std::fs::metadata(&real)
            && let Some(kind) = file_kind(&meta.file_type())
        {
            return Err(LockError::NotAFile {
                path: session.to_path_buf(),
                kind,
            });
        }
        let path = lock_path(&real);
        for _ in 0..ATTEMPTS {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io_error)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(LockError::InUse {
                        path: session.to_path_buf(),
                        pid: holder(&mut file),
                    });
                }
                Err(std::fs::TryLockError::Error(err)) => return Err(io_error(err)),
            }
            if !still_named(&file, &path) {
                // Its holder removed it before we locked it: start again
                // with whatever the name leads to now.
                continue;
            }
            // For the message a second quiz shows; best effort.
            let _ = file
                .set_len(0)
                .and_then(|()| writeln!(file, "{}", std::process::id()));
            return Ok(SessionLock {
                _file: file,
                path,
                session: real,
            });
        }
        Err(LockError::InUse {
            path: session.to_path_buf(),
            pid: None,
        })
    }

    /// The session file's real path (links and `..` resolved), as locked.
    pub fn session(&self) -> &Path {
        &self.session
    }

    /// Whether `path` names the locked session file.
    pub fn guards(&self, path: &Path) -> bool {
        real_path(path).is_ok_and(|real| real == self.session)
    }
}

/// Dropping the lock removes the lock file while it is still locked, then
/// closes it, which ends the lock. A process about to exit drops its lock
/// first, since exiting runs no destructors.
impl Drop for SessionLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `session` with its folder and any link resolved: the folder is made if
/// it is missing, and a session file that does not exist yet keeps its
/// name.
fn real_path(session: &Path) -> io::Result<PathBuf> {
    let name = session.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "this names a folder, not a file",
        )
    })?;
    let dir = match session.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let path = std::fs::canonicalize(dir)?.join(name);
    // A session file reached through a link is locked at its target.
    Ok(std::fs::canonicalize(&path).unwrap_or(path))
}

/// The lock file of the session file whose real path is `real`.
fn lock_path(real: &Path) -> PathBuf {
    let name = real.file_name().unwrap_or_default().to_string_lossy();
    real.with_file_name(format!(".{name}.lock"))
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be removed, so the name always leads to it.
#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// The process id the lock's holder wrote into the lock file, if it reads
/// as one.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_one_session_file_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("deeper/s.json");
        let first = SessionLock::acquire(&session).unwrap();
        assert!(dir.path().join("deeper/.s.json.lock").exists());
        let err = SessionLock::acquire(&session).unwrap_err();
        let LockError::InUse { pid, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(*pid, Some(std::process::id()));
        let message = err.to_string();
        assert!(
            message.contains("s.json: another pathfit quiz (process"),
            "{message}"
        );
        // Other names for the same file meet the same lock.
        let other = dir.path().join("deeper/../deeper/s.json");
        assert!(SessionLock::acquire(&other).is_err());
        assert!(first.guards(&other));
        assert!(!first.guards(&dir.path().join("deeper/t.json")));
        // A different session file in the same folder is free.
        let _t = SessionLock::acquire(&dir.path().join("deeper/t.json")).unwrap();
        drop(first);
        assert!(!dir.path().join("deeper/.s.json.lock").exists());
        let again = SessionLock::acquire(&session).unwrap();
        drop(again);
        assert!(!dir.path().join("deeper/.s.json.lock").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_session_file_is_locked_at_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("s.json");
        std::fs::write(&target, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let lock = SessionLock::acquire(&link).unwrap();
        assert!(SessionLock::acquire(&target).is_err());
        assert_eq!(lock.session(), std::fs::canonicalize(&target).unwrap());
    }

    #[test]
    fn a_lock_file_left_unlocked_is_taken_over() {
        // As after a quiz was killed: the file is there, nobody holds it.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".s.json.lock"), "12345\n").unwrap();
        let lock = SessionLock::acquire(&dir.path().join("s.json")).unwrap();
        let text = std::fs::read_to_string(dir.path().join(".s.json.lock")).unwrap();
        assert_eq!(text.trim(), std::process::id().to_string());
        drop(lock);
    }

    #[test]
    fn only_a_regular_file_can_be_a_session_file() {
        let err = SessionLock::acquire(Path::new("/")).unwrap_err();
        assert!(matches!(err, LockError::Io { .. }), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = SessionLock::acquire(dir.path()).unwrap_err();
        assert!(err.to_string().contains("this is a directory"), "{err}");
        #[cfg(unix)]
        {
            let err = SessionLock::acquire(Path::new("/dev/null")).unwrap_err();
            assert!(err.to_string().contains("this is a device"), "{err}");
        }
    }
}
