//! The files one command reads and writes, checked together before any
//! work: an output that is the same file as an input (by device and inode,
//! so `./x`, a hard link and a symlink are caught) or as another output
//! would destroy it, and is refused with exit 2; an output that cannot be
//! one (a folder, a missing folder) is refused with exit 74 at once rather
//! than after a long batch.

use std::path::Path;

use thiserror::Error;

use super::WriteError;
use super::target::{self, Identity, Stream, Target};
use crate::visible::visible;

/// Why a command's files were refused before it began.
#[derive(Debug, Error)]
pub enum Refused {
    #[error(transparent)]
    SameFile(#[from] SameFile),
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// An output that names the same file as an input or another output.
#[derive(Debug, Error)]
#[error("{output} is the same file as {other}, so {consequence}. Nothing was written; {advice}.")]
pub struct SameFile {
    /// The output, as the user named it: "`--output class.csv`".
    pub output: String,
    /// The input or output it clashes with, named the same way.
    pub other: String,
    consequence: &'static str,
    advice: String,
}

/// One file a command was told about: the flag that named it, or `None`
/// for standard input or output.
#[derive(Debug, Clone, Copy)]
struct Named<'a> {
    flag: &'a str,
    path: Option<&'a Path>,
    /// The writer makes missing folders (a session file), so a missing
    /// folder is no reason to refuse.
    makes_folders: bool,
}

impl Named<'_> {
    fn describe(&self, stream: &str) -> String {
        match self.path {
            None => stream.to_string(),
            Some(path) if self.flag.is_empty() => {
                format!("`{}`", visible(&path.display().to_string()))
            }
            Some(path) => format!("`{} {}`", self.flag, visible(&path.display().to_string())),
        }
    }
}

/// The inputs and outputs of one command, to [`check`](Files::check)
/// before it reads or writes anything.
///
/// ```
/// # use std::path::Path;
/// use pathfit::input::output::Files;
/// Files::new()
///     .reads("--answers", Path::new("class.csv"))
///     .writes_or_stdout("--output", Some(Path::new("class-results.csv")))
///     .check()
///     .unwrap();
/// ```
#[derive(Debug, Default)]
pub struct Files<'a> {
    inputs: Vec<Named<'a>>,
    outputs: Vec<Named<'a>>,
    /// Pairs of flags that may name one file (a resumed session saved back
    /// where it came from).
    allowed: Vec<(&'a str, &'a str)>,
}

impl<'a> Files<'a> {
    pub fn new() -> Self {
        Files::default()
    }

    /// An input file named by `flag` (empty for an argument without one);
    /// `-` is standard input.
    pub fn reads(mut self, flag: &'a str, path: &'a Path) -> Self {
        let path = (path != Path::new("-")).then_some(path);
        self.inputs.push(Named {
            flag,
            path,
            makes_folders: false,
        });
        self
    }

    /// An input file, when the command was given one.
    pub fn reads_maybe(self, flag: &'a str, path: Option<&'a Path>) -> Self {
        match path {
            Some(path) => self.reads(flag, path),
            None => self,
        }
    }

    /// An output file, when the command was given one.
    pub fn writes(mut self, flag: &'a str, path: Option<&'a Path>) -> Self {
        if let Some(path) = path {
            self.outputs.push(Named {
                flag,
                path: Some(path),
                makes_folders: false,
            });
        }
        self
    }

    /// An output file whose writer makes its folder if need be.
    pub fn writes_making_folders(mut self, flag: &'a str, path: Option<&'a Path>) -> Self {
        if let Some(path) = path {
            self.outputs.push(Named {
                flag,
                path: Some(path),
                makes_folders: true,
            });
        }
        self
    }

    /// The main output: the file given, or standard output without one.
    pub fn writes_or_stdout(mut self, flag: &'a str, path: Option<&'a Path>) -> Self {
        self.outputs.push(Named {
            flag,
            path,
            makes_folders: false,
        });
        self
    }

    /// `first` and `second` may name the same file.
    pub fn allow(mut self, first: &'a str, second: &'a str) -> Self {
        self.allowed.push((first, second));
        self
    }

    /// Refuses an output that cannot be written (a folder, a missing
    /// folder, a disk device) or that is the same file as an input or an
    /// earlier output. Touches nothing.
    pub fn check(&self) -> Result<(), Refused> {
        let inputs: Vec<(Named, Option<Identity>)> = self
            .inputs
            .iter()
            .map(|n| {
                let id = match n.path {
                    Some(path) => target::identity_of_input(path),
                    None => target::identity_of_stdin(),
                };
                (*n, id)
            })
            .collect();
        let mut outputs: Vec<(Named, Option<Identity>)> = Vec::new();
        for out in &self.outputs {
            let id = output_identity(out)?;
            let Some(id) = id else { continue };
            let clash = |(other, other_id): &&(Named, Option<Identity>)| {
                other_id.as_ref() == Some(&id) && !self.is_allowed(out.flag, other.flag)
            };
            if let Some((input, _)) = inputs.iter().find(clash) {
                return Err(SameFile {
                    output: out.describe("standard output"),
                    other: input.describe("standard input"),
                    consequence: "writing the output would destroy the input",
                    advice: match out.path {
                        Some(_) => format!("give {} another file name", out.flag),
                        None => "send the output to another file (with --output, or `>` to a file that is not an input)".to_string(),
                    },
                }
                .into());
            }
            if let Some((earlier, _)) = outputs.iter().find(clash) {
                return Err(SameFile {
                    output: out.describe("standard output"),
                    other: earlier.describe("standard output"),
                    consequence: "one output would overwrite the other",
                    advice: "give each output its own file".to_string(),
                }
                .into());
            }
            outputs.push((*out, Some(id)));
        }
        Ok(())
    }

    fn is_allowed(&self, a: &str, b: &str) -> bool {
        self.allowed
            .iter()
            .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    }
}

/// What one output would be, or why it cannot be one.
fn output_identity(out: &Named) -> Result<Option<Identity>, WriteError> {
    let Some(path) = out.path else {
        return Ok(Stream::Stdout.identity());
    };
    let fail = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let target = Target::of(path).map_err(fail)?;
    if let Target::New(new) = &target
        && !out.makes_folders
    {
        super::folder_of(new).map_err(fail)?;
    }
    target.identity().map_err(fail)
}
