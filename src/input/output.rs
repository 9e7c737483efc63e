//! Where results go: standard output, or a file that is replaced atomically
//! (written to a temporary file beside it, then renamed) so a crash or a
//! full disk never leaves half a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
#[error("{}: cannot write the output: {source}; check that the folder exists and is writable", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
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
        Some(path) => write_file(path, write),
    }
}

/// Writes `path` atomically: into a temporary file beside it, renamed over
/// it once complete and synced.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    write_file(path, write).map_err(|failed| match failed {
        Failed::Write(err) => err,
        Failed::Content(source) => WriteError {
            path: path.to_path_buf(),
            source,
        },
    })
}

fn write_file<T, E>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    let fail = |source| {
        Failed::Write(WriteError {
            path: path.to_path_buf(),
            source,
        })
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(fail(io::Error::other("it is a directory")));
    }
    if !dir.is_dir() {
        return Err(fail(io::Error::other(format!(
            "the folder {} does not exist",
            dir.display()
        ))));
    }
    // The temporary file's random name means nothing to the user: report
    // the error against the file they asked for.
    let mut file = tempfile::Builder::new()
        .prefix(".pathfit-")
        .tempfile_in(dir)
        .map_err(|e| fail(io::Error::new(e.kind(), without_path(&e))))?;
    let value = {
        let mut buffered = io::BufWriter::new(file.as_file_mut());
        let value = write(&mut buffered).map_err(Failed::Content)?;
        buffered.flush().map_err(fail)?;
        value
    };
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(value)
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
    fn a_missing_folder_is_a_write_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("no/such/out.txt"), |w| w.write_all(b"x"));
        assert!(err.is_err());
    }
}
