//! Where results go: standard output, or a file that is replaced atomically
//! (written to a temporary file beside it, then renamed) so a crash or a
//! full disk never leaves half a file. A symlink is written through (the
//! link stays), a FIFO or a device such as `/dev/null` straight into, a
//! replaced file keeps its mode; [`Files`] refuses an output that would
//! destroy an input before any work begins, and a signal removes the
//! temporary files of unfinished outputs ([`clean_up_on_signals`]).

mod files;
mod pending;
mod target;

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use files::{Files, Refused, SameFile};
pub use pending::{clean_up_on_signals, remove_temporaries};
use target::{Stream, Target};

/// An output that could not be written, named as the user gave it.
#[derive(Debug, Error)]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display().to_string();
        write!(
            f,
            "{}: cannot write the output: {}",
            crate::visible::visible(&path),
            self.source
        )?;
        // pathfit's own explanations say what to do; the system's do not.
        if self.source.raw_os_error().is_some() {
            write!(f, "; check that the folder exists and is writable")?;
        }
        Ok(())
    }
}

/// Why [`write_with`] failed: the output could not be written, or the
/// caller's own work stopped (then a file output is left as it was).
#[derive(Debug)]
pub enum Failed<E> {
    Write(WriteError),
    Content(E),
}

/// Runs `write` against `path` (or standard output when `None`).
pub fn write_to(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let name = || path.map_or_else(|| PathBuf::from("<standard output>"), Path::to_path_buf);
    match write_with(path, write) {
        Ok(()) => Ok(()),
        Err(Failed::Write(err)) => Err(err),
        // A closed pipe (`pathfit … | head`) is the reader's choice, not a
        // failure.
        Err(Failed::Content(err)) if path.is_none() && err.kind() == io::ErrorKind::BrokenPipe => {
            Ok(())
        }
        Err(Failed::Content(source)) => Err(WriteError {
            path: name(),
            source,
        }),
    }
}

/// Runs `write`, whose own error type is the caller's, against `path` (or
/// standard output when `None`). A file is only replaced when `write`
/// succeeds: on its error the temporary file is removed.
pub fn write_with<T, E>(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            let value = write(&mut lock).map_err(Failed::Content)?;
            match lock.flush() {
                Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
                    Err(Failed::Write(WriteError {
                        path: PathBuf::from("<standard output>"),
                        source: err,
                    }))
                }
                _ => Ok(value),
            }
        }
        Some(path) => write_file(path, NewFile::Shared, write),
    }
}

/// Writes `path` as [`write_with`] does: a regular file atomically (into a
/// temporary file beside it, renamed over it once complete and synced), a
/// FIFO or device straight.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    write_atomic_as(path, NewFile::Shared, write)
}

/// Who may read a file pathfit creates (a replaced file always keeps its
/// own mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// As the umask says (0644 under umask 022): reports and tables, made
    /// to be handed on.
    Shared,
    /// The owner only (0600): a session holds one student's answers.
    Private,
}

/// [`write_atomic`], creating a new file as `new` says.
pub fn write_atomic_as(
    path: &Path,
    new: NewFile,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    write_file(path, new, write).map_err(|failed| match failed {
        Failed::Write(err) => err,
        Failed::Content(source) => WriteError {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn write_file<T, E>(
    path: &Path,
    new_file: NewFile,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    let fail = |source| {
        Failed::Write(WriteError {
            path: path.to_path_buf(),
            source,
        })
    };
    match Target::of(path).map_err(fail)? {
        Target::Stream(Stream::Stdout) => write_with(None, write),
        Target::Stream(Stream::Stderr) => {
            let mut err = io::stderr().lock();
            let value = write(&mut err).map_err(Failed::Content)?;
            err.flush().map_err(fail)?;
            Ok(value)
        }
        Target::Device(device) => {
            // A FIFO or a device has no folder to put a temporary file in,
            // and no half-written state to protect: write straight in.
            let file = fs::OpenOptions::new()
                .write(true)
                .open(device)
                .map_err(fail)?;
            let mut buffered = io::BufWriter::new(file);
            let value = write(&mut buffered).map_err(Failed::Content)?;
            buffered.flush().map_err(fail)?;
            Ok(value)
        }
        Target::Replace { path: real, meta } => replace(path, &real, Some(&meta), new_file, write),
        Target::New(new) => replace(path, &new, None, new_file, write),
    }
}

/// Writes `real` (the file `asked` names, links followed) atomically: into
/// a temporary file beside it, renamed over it once complete and synced. A
/// replaced file keeps its mode and, where pathfit may keep it, its owner;
/// a new file gets the mode the umask gives (0644 under umask 022).
fn replace<T, E>(
    asked: &Path,
    real: &Path,
    old: Option<&fs::Metadata>,
    new_file: NewFile,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    let fail = |source| {
        Failed::Write(WriteError {
            path: asked.to_path_buf(),
            source,
        })
    };
    let dir = folder_of(real).map_err(fail)?;
    let prefix = temporary_prefix(real);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The umask applies to this, as it does to any new file; the mode
        // of a replaced file is set exactly below.
        let mode = match (old, new_file) {
            (Some(_), _) | (None, NewFile::Private) => 0o600,
            (None, NewFile::Shared) => 0o666,
        };
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    // The temporary file's name means nothing to the user: report the
    // error against the file they asked for.
    let mut file = builder
        .tempfile_in(dir)
        .map_err(|e| fail(io::Error::new(e.kind(), without_path(&e))))?;
    let registered = pending::register(file.path(), asked, old.is_some());
    if let Some(old) = old {
        keep_owner_and_mode(file.as_file(), old);
    }
    let written = (|| {
        let mut buffered = io::BufWriter::new(file.as_file_mut());
        let value = write(&mut buffered).map_err(Failed::Content)?;
        buffered.flush().map_err(fail)?;
        drop(buffered);
        file.as_file().sync_all().map_err(fail)?;
        Ok(value)
    })();
    match written {
        Ok(value) => {
            registered
                .finish(|| file.persist(real))
                .map_err(|e| fail(e.error))?;
            Ok(value)
        }
        Err(failed) => {
            // Removed before it leaves the list, so a signal in between
            // finds nothing left behind.
            drop(file);
            drop(registered);
            Err(failed)
        }
    }
}

/// Gives the temporary file `old`'s owner (best effort: only root may give
/// a file away, and a group only to one of the user's groups) and then its
/// mode (after the owner, which would clear set-id bits).
#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, old: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    if let Ok(new) = file.metadata()
        && (new.uid(), new.gid()) != (old.uid(), old.gid())
        && std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err()
    {
        let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
    }
    let _ = file.set_permissions(old.permissions());
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, old: &fs::Metadata) {
    let _ = file.set_permissions(old.permissions());
}

/// The folder a new file at `path` goes in, which must exist.
fn folder_of(path: &Path) -> io::Result<&Path> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(io::Error::other(format!(
            "the folder {} does not exist",
            dir.display()
        )));
    }
    Ok(dir)
}

/// The temporary file for `target` is `.NAME.pathfit-tmp-XXXXXX` beside it,
/// so that a person, or a later run, can tell what a leftover one is.
fn temporary_prefix(target: &Path) -> OsString {
    /// Room for the rest of the name within the usual 255-byte limit.
    const MAX_NAME: usize = 200;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut cut = name.len().min(MAX_NAME);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    OsString::from(format!(".{}.pathfit-tmp-", &name[..cut]))
}

/// An I/O error's message without the " at path …" tempfile adds.
fn without_path(err: &io::Error) -> String {
    let message = err.to_string();
    match message.split_once(" at path ") {
        Some((head, _)) => head.to_string(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        std::fs::write(&target, "old").unwrap();
        let err = write_atomic(&target, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        write_atomic(&target, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn a_long_name_still_leaves_room_for_its_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // 250 bytes, two of them in a character that must not be split.
        let name = format!("{}é.csv", "x".repeat(244));
        assert_eq!(name.len(), 250);
        let prefix = temporary_prefix(Path::new(&name));
        assert!(prefix.len() < 255 - 6, "{prefix:?}");
        let prefix = prefix.to_string_lossy();
        assert!(prefix.starts_with(".xxx") && prefix.ends_with(".pathfit-tmp-"));
        write_atomic(&dir.path().join(&name), |w| w.write_all(b"ok")).unwrap();
        assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), b"ok");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_failed_one_leaves_no_trace() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("shared.csv");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&target, |w| w.write_all(b"new")).unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o7777, 0o640);
        let failed = write_atomic(&target, |_| Err(io::Error::other("stopped")));
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_a_write_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("no/such/out.txt"), |w| w.write_all(b"x"));
        assert!(err.is_err());
    }
}
