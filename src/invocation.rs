//! The commands pathfit prints for a person to paste ("to carry on, run
//! …"), in a form that works in the shell that started it. A student who
//! followed the README ran `cargo run --release`, and has no `pathfit`
//! command: cargo sets `CARGO` and `CARGO_PKG_NAME` for the program it
//! runs, so then the printed command is `cargo run --release -- …`.
//! Otherwise it is `pathfit …` when that is on the `PATH`, or the program
//! as it was invoked (`./target/release/pathfit …`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// How pathfit was started, as far as a printed command needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// By `cargo run` (release or debug build, as this binary is).
    Cargo { release: bool },
    /// A `pathfit` command is on the `PATH`.
    OnPath,
    /// Neither: the program as it was invoked.
    Program(PathBuf),
}

impl Invocation {
    /// How this process was started, from its environment.
    pub fn current() -> Invocation {
        Invocation::from_env(
            std::env::var_os("CARGO"),
            std::env::var_os("CARGO_PKG_NAME"),
            std::env::var_os("PATH"),
            std::env::args_os().next(),
        )
    }

    /// [`Invocation::current`] from the given values, for tests.
    pub fn from_env(
        cargo: Option<OsString>,
        package: Option<OsString>,
        path: Option<OsString>,
        program: Option<OsString>,
    ) -> Invocation {
        if cargo.is_some_and(|c| !c.is_empty()) && package.is_some_and(|p| p == "pathfit") {
            return Invocation::Cargo {
                release: !cfg!(debug_assertions),
            };
        }
        let on_path = path.is_some_and(|path| {
            std::env::split_paths(&path).any(|dir| is_program(&dir.join("pathfit")))
        });
        match program {
            Some(program) if !on_path => Invocation::Program(PathBuf::from(program)),
            _ => Invocation::OnPath,
        }
    }

    /// The command line that runs pathfit with `args`, each quoted for a
    /// POSIX shell where it needs it.
    pub fn command(&self, args: &[&str]) -> String {
        let mut words: Vec<String> = match self {
            Invocation::Cargo { release: true } => vec!["cargo run --release --".to_string()],
            Invocation::Cargo { release: false } => vec!["cargo run --".to_string()],
            Invocation::OnPath => vec!["pathfit".to_string()],
            Invocation::Program(program) => vec![shell_quote(&program.display().to_string())],
        };
        words.extend(args.iter().map(|a| shell_quote(a)));
        words.join(" ")
    }
}

/// The command line that runs this pathfit with `args` (see [`Invocation`]).
pub fn command(args: &[&str]) -> String {
    Invocation::current().command(args)
}

fn is_program(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.with_extension("exe").is_file() || path.is_file()
    }
}

/// `text` as one word of a POSIX shell command: as it is when it holds only
/// safe characters, otherwise in single quotes.
pub fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:,@%".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(text: &str) -> Option<OsString> {
        Some(OsString::from(text))
    }

    #[test]
    fn under_cargo_run_the_command_is_cargo_run() {
        let how = Invocation::from_env(
            os("/home/s/.cargo/bin/cargo"),
            os("pathfit"),
            os("/usr/bin"),
            os("target/release/pathfit"),
        );
        assert!(matches!(how, Invocation::Cargo { .. }));
        let line = how.command(&["take", "--resume", "/tmp/my session.json"]);
        assert!(line.starts_with("cargo run"), "{line}");
        assert!(
            line.ends_with("-- take --resume '/tmp/my session.json'"),
            "{line}"
        );
    }

    #[test]
    fn another_packages_cargo_run_is_not_ours() {
        let how = Invocation::from_env(os("cargo"), os("other"), None, os("./pathfit"));
        assert_eq!(how, Invocation::Program(PathBuf::from("./pathfit")));
        assert_eq!(how.command(&["take"]), "./pathfit take");
    }

    #[test]
    fn a_pathfit_on_the_path_is_named_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let program = dir.path().join("pathfit");
        std::fs::write(&program, "").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = std::env::join_paths([dir.path()]).unwrap();
        let how = Invocation::from_env(None, None, Some(path), os("/opt/x/pathfit"));
        assert_eq!(how, Invocation::OnPath);
        assert_eq!(
            how.command(&["take", "--seed", "7"]),
            "pathfit take --seed 7"
        );
    }

    #[test]
    fn without_pathfit_on_the_path_the_program_is_named_as_invoked() {
        let dir = tempfile::tempdir().unwrap();
        let path = std::env::join_paths([dir.path()]).unwrap();
        let how = Invocation::from_env(None, None, Some(path), os("./target/release/path fit"));
        assert_eq!(how.command(&["take"]), "'./target/release/path fit' take");
    }

    #[test]
    fn quoting_survives_quotes_and_empty_words() {
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a/b-c.json"), "a/b-c.json");
    }
}
