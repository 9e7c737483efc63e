//! Input files as pathfit reads them: size-capped UTF-8 text with the name
//! the user gave, so every problem found later can say `file:line:column`.

use std::io::Read;
use std::path::Path;

use thiserror::Error;

use crate::diag::problem::Location;

/// Files larger than this are refused before parsing: a bank or answers file
/// is untrusted input, and no real one comes close.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// A file's name (as given by the user) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Why a file could not be read as text.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the file is larger than {} MiB, which is more than any bank or answers file needs; check that this is the right file",
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge { path: String },
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (is it a binary or a spreadsheet file?); save it as UTF-8 text"
    )]
    NotText {
        path: String,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    /// The file the error is about, as the user named it.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Unreadable { path, .. }
            | ReadError::TooLarge { path }
            | ReadError::NotText { path, .. } => path,
        }
    }

    /// True when the file is missing or unreadable (exit 66), false when it
    /// was read but its content is unusable (exit 65).
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Unreadable { .. })
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads `path`, refusing anything over [`MAX_INPUT_BYTES`] without
    /// reading it all, and anything that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let name = path.display().to_string();
        let unreadable = |source| ReadError::Unreadable {
            path: name.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        if file.metadata().map_err(unreadable)?.is_dir() {
            return Err(ReadError::Unreadable {
                path: name.clone(),
                source: std::io::Error::other("it is a directory, not a file"),
            });
        }
        Self::from_reader(name, file)
    }

    /// Reads `path` as [`SourceFile::read`] does, but only if it is a
    /// regular file (or a link to one): a named pipe, device or socket is
    /// refused before it is opened, since reading one can block forever or
    /// never end. For banks and session files, which are always files.
    pub fn read_regular(path: &Path) -> Result<Self, ReadError> {
        let name = path.display().to_string();
        let refuse = |kind: &str| ReadError::Unreadable {
            path: name.clone(),
            source: std::io::Error::other(format!(
                "it is {kind}, not a regular file; give the path of a file"
            )),
        };
        let unreadable = |source| ReadError::Unreadable {
            path: name.clone(),
            source,
        };
        let kind = |meta: &std::fs::Metadata| file_kind(&meta.file_type());
        if let Some(kind) = kind(&std::fs::metadata(path).map_err(unreadable)?) {
            return Err(refuse(kind));
        }
        // Opened without blocking and checked again, in case the path was
        // swapped for a pipe in between.
        let file = open_nonblocking(path).map_err(unreadable)?;
        if let Some(kind) = kind(&file.metadata().map_err(unreadable)?) {
            return Err(refuse(kind));
        }
        Self::from_reader(name, file)
    }

    /// Reads text from any reader (standard input, a file) with the same
    /// size cap and UTF-8 check as [`SourceFile::read`].
    pub fn from_reader(name: String, reader: impl Read) -> Result<Self, ReadError> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| ReadError::Unreadable {
                path: name.clone(),
                source,
            })?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(ReadError::TooLarge { path: name });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(err) => {
                let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let location = Location::of_offset(valid, valid.len());
                Err(ReadError::NotText {
                    path: name,
                    line: location.line,
                    column: location.column,
                })
            }
        }
    }

    /// Reads `path`, or standard input when it is `-`.
    pub fn read_or_stdin(path: &Path) -> Result<Self, ReadError> {
        if path.as_os_str() == "-" {
            Self::from_reader("<standard input>".to_string(), std::io::stdin())
        } else {
            Self::read(path)
        }
    }

    /// The text of line `line` (1-based), without its line break.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
}

/// What a file that is not a regular one is, in words ("a named pipe
/// (FIFO)"); `None` for a regular file.
pub fn file_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    if kind.is_dir() {
        Some("a directory")
    } else if kind.is_file() {
        None
    } else {
        Some("not a file")
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_refuses_missing_binary_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = SourceFile::read(&dir.path().join("nope.yaml")).unwrap_err();
        assert!(missing.is_missing());

        let binary = dir.path().join("bin.yaml");
        std::fs::write(&binary, b"id: x\nab\xff\xfe").unwrap();
        let err = SourceFile::read(&binary).unwrap_err();
        assert!(!err.is_missing());
        assert!(err.to_string().contains(":2:3:"), "{err}");

        let big = dir.path().join("big.yaml");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_INPUT_BYTES + 1).unwrap();
        let err = SourceFile::read(&big).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }));

        let err = SourceFile::read(dir.path()).unwrap_err();
        assert!(err.is_missing());
    }

    #[test]
    fn reading_a_regular_file_refuses_everything_else_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let bank = dir.path().join("bank.yaml");
        std::fs::write(&bank, "id: x\n").unwrap();
        assert_eq!(SourceFile::read_regular(&bank).unwrap().text, "id: x\n");
        let err = SourceFile::read_regular(dir.path()).unwrap_err();
        assert!(err.to_string().contains("it is a directory"), "{err}");
        assert!(err.is_missing());
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo.yaml");
            rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from(0o600)).unwrap();
            let err = SourceFile::read_regular(&fifo).unwrap_err();
            assert!(err.to_string().contains("named pipe"), "{err}");
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink(&bank, &link).unwrap();
            assert!(SourceFile::read_regular(&link).is_ok());
            let err = SourceFile::read_regular(Path::new("/dev/null")).unwrap_err();
            assert!(err.to_string().contains("it is a device"), "{err}");
        }
    }
}
