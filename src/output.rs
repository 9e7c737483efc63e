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

/// Runs `write` against `path` (or standard output when `None`).
pub fn write_to(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    match path {
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            match write(&mut lock).and_then(|()| lock.flush()) {
                // A closed pipe (`pathfit … | head`) is the reader's choice,
                // not a failure.
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|source| WriteError {
                    path: PathBuf::from("<standard output>"),
                    source,
                }),
            }
        }
        Some(path) => write_atomic(path, write),
    }
}

pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |source| WriteError {
        path: path.to_path_buf(),
        source,
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
    {
        let mut buffered = io::BufWriter::new(file.as_file_mut());
        write(&mut buffered).map_err(fail)?;
        buffered.flush().map_err(fail)?;
    }
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
