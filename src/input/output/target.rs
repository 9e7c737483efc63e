//! What an output path names, decided before anything is written: a regular
//! file to replace atomically (its links followed, so a symlink stays a
//! symlink), a file to create, a character device or FIFO to write straight
//! into, or pathfit's own standard output or error; and the refusals (a
//! folder, a disk device). Also the identity of a file (device and inode)
//! that the same-file check compares.

use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};

/// The most symlinks followed from one output path (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Where the bytes of one output go.
#[derive(Debug)]
pub(super) enum Target {
    /// pathfit's own standard output or error (the path names the file it
    /// is redirected to, for example `--output /dev/stdout > out.txt`).
    Stream(Stream),
    /// A character device or FIFO: opened and written in place.
    Device(PathBuf),
    /// An existing regular file, at `path` once links are followed:
    /// replaced atomically, keeping `meta`'s mode and owner.
    Replace { path: PathBuf, meta: Metadata },
    /// Nothing there yet: a new file at `path` (links followed).
    New(PathBuf),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stream {
    Stdout,
    Stderr,
}

/// Two names for one file compare equal by this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Identity {
    /// An existing file's device and inode.
    Inode(u64, u64),
    /// A file not there yet, by its absolute path with links followed.
    Path(PathBuf),
}

impl Target {
    /// What `path` names now. The error says why it cannot be an output,
    /// in words for the message after "cannot write the output: ".
    pub(super) fn of(path: &Path) -> io::Result<Target> {
        if ends_in_separator(path) {
            return Err(io::Error::other(
                "it ends in /, so it is a folder; give a file name",
            ));
        }
        match fs::metadata(path) {
            Ok(meta) => Target::existing(path, meta),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                Ok(Target::New(follow_dangling(path)?))
            }
            Err(err) => Err(err),
        }
    }

    fn existing(path: &Path, meta: Metadata) -> io::Result<Target> {
        let kind = meta.file_type();
        if kind.is_dir() {
            return Err(io::Error::other(format!(
                "it is a folder, not a file; give a file name inside it, for example {}",
                path.join("results").display()
            )));
        }
        if kind.is_file() {
            if let Some(stream) = own_stream(path, &meta) {
                return Ok(Target::Stream(stream));
            }
            let real = if fs::symlink_metadata(path)?.file_type().is_symlink() {
                fs::canonicalize(path)?
            } else {
                path.to_path_buf()
            };
            return Ok(Target::Replace { path: real, meta });
        }
        if is_device_or_fifo(&meta) {
            return Ok(Target::Device(path.to_path_buf()));
        }
        Err(io::Error::other(
            "it is neither a file nor a FIFO nor a character device such as /dev/null (a disk or a socket?); give a file name",
        ))
    }

    /// The file this target is, for the same-file check; `None` for a
    /// device or FIFO, which two outputs may well share (`/dev/null`).
    pub(super) fn identity(&self) -> io::Result<Option<Identity>> {
        Ok(match self {
            Target::Device(_) => None,
            Target::Stream(stream) => stream.identity(),
            Target::Replace { path, meta } => Some(inode(path, meta)),
            Target::New(path) => Some(Identity::Path(absolute(path)?)),
        })
    }
}

impl Stream {
    /// The regular file this stream is redirected to, if it is one.
    pub(super) fn identity(self) -> Option<Identity> {
        let meta = stream_metadata(self)?;
        meta.is_file().then(|| inode(Path::new(""), &meta))
    }
}

/// The identity of an existing regular file, links followed; `None` for
/// anything else (a missing file, a device, a FIFO): only a regular file
/// can be destroyed by replacing it.
pub(super) fn identity_of_input(path: &Path) -> Option<Identity> {
    let meta = fs::metadata(path).ok()?;
    meta.is_file().then(|| inode(path, &meta))
}

/// The identity of standard input when it is a regular file (`< file`).
pub(super) fn identity_of_stdin() -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
        let meta = fs::File::from(fd).metadata().ok()?;
        meta.is_file().then(|| inode(Path::new(""), &meta))
    }
    #[cfg(not(unix))]
    None
}

fn ends_in_separator(path: &Path) -> bool {
    let text = path.as_os_str().as_encoded_bytes();
    text.len() > 1
        && text
            .last()
            .is_some_and(|&b| std::path::is_separator(b as char))
}

/// A path that is not there: itself, or, when it is a symlink to nothing,
/// where its links end (writing creates the file there, as `>` would).
fn follow_dangling(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "it is a chain of more than {MAX_LINKS} symbolic links"
    )))
}

/// `path`'s absolute form with its folder's links resolved, for comparing
/// two names of a file that does not exist yet.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => match fs::canonicalize(dir) {
            Ok(dir) => Ok(dir.join(name)),
            Err(_) => Ok(absolute),
        },
        _ => Ok(absolute),
    }
}

/// An existing file's identity: its device and inode; elsewhere than on
/// Unix, its canonical path.
#[cfg(unix)]
fn inode(_path: &Path, meta: &Metadata) -> Identity {
    use std::os::unix::fs::MetadataExt;
    Identity::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn inode(path: &Path, _meta: &Metadata) -> Identity {
    Identity::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[cfg(unix)]
fn is_device_or_fifo(meta: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device() || meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_device_or_fifo(_meta: &Metadata) -> bool {
    false
}

#[cfg(unix)]
fn stream_metadata(stream: Stream) -> Option<Metadata> {
    use std::os::fd::AsFd;
    let fd = match stream {
        Stream::Stdout => io::stdout().as_fd().try_clone_to_owned(),
        Stream::Stderr => io::stderr().as_fd().try_clone_to_owned(),
    }
    .ok()?;
    fs::File::from(fd).metadata().ok()
}

#[cfg(not(unix))]
fn stream_metadata(_stream: Stream) -> Option<Metadata> {
    None
}

/// Which of pathfit's own output streams is redirected to the regular file
/// `meta` describes, if one is: writing there goes through the stream, so
/// `--output /dev/stdout >> log` appends as `>>` means.
fn own_stream(path: &Path, meta: &Metadata) -> Option<Stream> {
    let file = Some(inode(path, meta));
    [Stream::Stdout, Stream::Stderr]
        .into_iter()
        .find(|s| s.identity() == file)
}
