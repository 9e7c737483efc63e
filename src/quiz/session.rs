//! Saved quiz sessions: what a stopped quiz needs to carry on exactly where
//! it was — the answers so far, the skipped questions, the seed (so the order
//! is the same), and which bank it was, down to a digest of its text so that
//! a session is never applied to a bank that has changed since.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Quiz;
use super::lock::LockError;
use crate::answers::{RawAnswer, Resolver, answer_value};
use crate::bank::{Bank, BankError};
use crate::diag::Severity;
use crate::exit::Exit;
use crate::input::output::{self, WriteError};
use crate::input::source::{ReadError, SourceFile};
use crate::invocation::command;
use crate::visible::{excerpt, visible};

/// The session file format's version.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub pathfit_session: u32,
    pub bank: SessionBank,
    /// `None`: the bank's own order (`--no-shuffle`).
    pub seed: Option<u64>,
    /// Question id -> answer as an answers file would write it.
    pub answers: IndexMap<String, serde_json::Value>,
    pub skipped: Vec<String>,
    /// Only for `take --adaptive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptive: Option<SessionAdaptive>,
}

/// Where an adaptive quiz was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionAdaptive {
    /// Question ids in the order they were asked.
    pub asked: Vec<String>,
    /// The student chose to go on after the result was settled.
    pub keep_going: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionBank {
    pub id: String,
    pub version: u32,
    pub digest: String,
    /// What `--bank` was (a bundled id or a path), to load it again.
    pub source: String,
}

/// Why a session file cannot be carried on. Every message names the
/// session file, and quotes what it holds only escaped and short.
#[derive(Debug, Error)]
pub enum SessionError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(
        "{path}: this is not a pathfit session file: {message}; start again with `{}`",
        command(&["take"])
    )]
    Invalid { path: String, message: String },
    #[error(
        "{path}: this quiz has changed since these answers were saved (they were for `{id}` version {version}; {now}), so they cannot be carried over and the quiz has to be started again. Start again with `{} --bank {bank_source}`",
        command(&["take"])
    )]
    BankChanged {
        path: String,
        id: String,
        version: u32,
        now: String,
        bank_source: String,
    },
    #[error(
        "{path}: this session was saved with the bank {bank_source}, which cannot be used now: {problem}. {hint}"
    )]
    Bank {
        path: String,
        bank_source: String,
        problem: String,
        hint: String,
        /// The bank is missing or unreadable (exit 66), not broken (65).
        missing: bool,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    /// `--resume` without a file, and no unfinished quiz to carry on.
    #[error("{}", nothing_to_resume(.bank.as_deref(), *.blocked))]
    NothingToResume {
        /// The `--bank` given, escaped.
        bank: Option<String>,
        /// Unfinished quizzes that cannot be carried on (bank changed).
        blocked: usize,
    },
    /// `--save FILE` names a file that holds something, and there is no
    /// terminal to ask whether to replace it.
    /// `pathfit sessions delete ID` with an id the list does not show.
    #[error(
        "there is no unfinished quiz with the id `{}`; `{}` lists them with their ids",
        excerpt(.id),
        command(&["sessions"])
    )]
    NoSuchSession { id: String },
    /// A session file that could not be removed.
    #[error(
        "{}: cannot remove this unfinished quiz: {source}",
        visible(&.path.display().to_string())
    )]
    Remove {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", would_replace(.path, .what, *.session))]
    WouldReplace {
        path: PathBuf,
        what: String,
        /// It is an unfinished quiz, which can be carried on.
        session: bool,
    },
}

/// What `--save` says when it would replace a file without asking.
fn would_replace(path: &Path, what: &str, session: bool) -> String {
    let shown = visible(&path.display().to_string()).into_owned();
    let mut text = format!(
        "{shown}: this file already holds {what}, and pathfit replaces it only after asking, which needs a terminal. "
    );
    if session {
        text.push_str(&format!(
            "To carry on with it, run `{}`; to keep it and start a new quiz, give --save another file",
            visible(&command(&["take", "--resume", &path.display().to_string()]))
        ));
    } else {
        text.push_str("To keep it, give --save another file");
    }
    text
}

/// What `--resume` says when there is nothing to carry on.
fn nothing_to_resume(bank: Option<&str>, blocked: usize) -> String {
    let mut text = match bank {
        Some(bank) => format!("You have no unfinished quiz with the bank {bank} to carry on"),
        None => "You have no unfinished quiz to carry on".to_string(),
    };
    if blocked > 0 {
        text.push_str(&format!(
            " ({blocked} cannot be carried on because {} question bank has changed since; see `{}`)",
            if blocked == 1 { "its" } else { "their" },
            command(&["sessions"])
        ));
    }
    text.push_str(&format!(". Start a new one with `{}`", command(&["take"])));
    text
}

impl SessionError {
    /// The session file at `path` named the bank `source`, which did not
    /// load: `err`, told from the session file's side.
    pub fn bank(path: &Path, source: &str, err: BankError) -> SessionError {
        let session = shown_path(path);
        let resume = |what: &str| {
            format!(
                "{what}, carry on with `{} --bank FILE`, or start again with `{}`",
                visible(&command(&["take", "--resume", &path.display().to_string()])),
                command(&["take"])
            )
        };
        let (problem, hint, missing) = match &err {
            BankError::Read(read) => {
                // The bank's path is said once, before.
                let text = read.to_string();
                let reason = text
                    .strip_prefix(&format!("{}: ", read.path()))
                    .unwrap_or(&text)
                    .to_string();
                (
                    reason,
                    resume("If the bank file has moved"),
                    read.is_missing(),
                )
            }
            BankError::Invalid(found) => {
                let errors = found.count(Severity::Error);
                (
                    format!(
                        "it has {errors} problem{} now",
                        if errors == 1 { "" } else { "s" },
                    ),
                    format!(
                        "See them with `{}`; once it is fixed its text will differ, so start again with `{}`",
                        visible(&command(&["validate", source])),
                        command(&["take"])
                    ),
                    false,
                )
            }
            BankError::NotFound { bundled, .. } => (
                format!("this pathfit has no such bundled bank (it has {bundled})"),
                resume("If you have the bank as a file"),
                true,
            ),
        };
        SessionError::Bank {
            path: session,
            bank_source: shell_word(source),
            problem: visible(&problem).into_owned(),
            hint,
            missing,
        }
    }

    /// The documented exit code for this error.
    pub fn exit(&self) -> Exit {
        match self {
            SessionError::Read(err) if err.is_missing() => Exit::NoInput,
            SessionError::Bank { missing: true, .. } => Exit::NoInput,
            SessionError::Lock(_) => Exit::CantWrite,
            SessionError::NothingToResume { .. } | SessionError::NoSuchSession { .. } => {
                Exit::NoInput
            }
            SessionError::Remove { .. } => Exit::CantWrite,
            SessionError::WouldReplace { .. } => Exit::Usage,
            _ => Exit::Data,
        }
    }
}

/// A path from or for a session, as a message shows it.
fn shown_path(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// A message that may quote a session file (a JSON error naming a field,
/// an answer that does not fit), escaped and cut short, keeping where in
/// the file it was.
fn short_message(message: &str) -> String {
    const LONGEST: usize = 400;
    let message = visible(message);
    if message.chars().count() <= LONGEST {
        return message.into_owned();
    }
    let head: String = message.chars().take(LONGEST - 100).collect();
    let place = message
        .rfind(" at line ")
        .map(|at| &message[at..])
        .filter(|place| place.len() < 40)
        .unwrap_or("");
    format!("{head}…{place}")
}

/// Text from a session file (a bank's path) as one escaped word that can
/// be pasted into a shell; cut short only when it is longer than any real
/// path.
fn shell_word(text: &str) -> String {
    const LONGEST: usize = 300;
    let text = if text.chars().count() > LONGEST {
        excerpt(text)
    } else {
        visible(text).into_owned()
    };
    crate::invocation::shell_quote(&text)
}

impl Session {
    /// The state of `quiz`, to be saved.
    pub fn of(quiz: &Quiz<'_>, bank_source: &str) -> Self {
        let bank = quiz.bank();
        Session {
            pathfit_session: FORMAT,
            bank: SessionBank {
                id: bank.id.clone(),
                version: bank.version,
                digest: bank.digest.clone(),
                source: bank_source.to_string(),
            },
            seed: quiz.seed(),
            answers: quiz
                .answers()
                .iter()
                .map(|(q, a)| {
                    (
                        bank.questions[q].id.clone(),
                        answer_value(&bank.questions[q], a),
                    )
                })
                .collect(),
            skipped: quiz
                .skipped()
                .map(|q| bank.questions[q].id.clone())
                .collect(),
            adaptive: quiz.is_adaptive().then(|| SessionAdaptive {
                asked: quiz
                    .sequence()
                    .iter()
                    .map(|&q| bank.questions[q].id.clone())
                    .collect(),
                keep_going: quiz.keeps_going(),
            }),
        }
    }

    /// Writes the session atomically: an interrupted save leaves the previous
    /// one intact.
    pub fn save(&self, path: &Path) -> Result<(), WriteError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            // Best effort: the write reports a folder that cannot be made.
            let _ = std::fs::create_dir_all(dir);
        }
        output::write_atomic_as(path, output::NewFile::Private, |out| {
            serde_json::to_writer_pretty(&mut *out, self)?;
            writeln!(out)
        })
    }

    /// Reads the session file at `path`, which must be a regular file. Its
    /// format version is checked first, so that a file from a newer pathfit
    /// says so rather than listing what it does not understand.
    pub fn load(path: &Path) -> Result<Self, SessionError> {
        let source = SourceFile::read_regular(path)?;
        let invalid = |message: String| SessionError::Invalid {
            path: shown_path(path),
            message: short_message(&message),
        };
        let value: serde_json::Value =
            serde_json::from_str(&source.text).map_err(|err| invalid(err.to_string()))?;
        match value
            .get("pathfit_session")
            .and_then(serde_json::Value::as_u64)
        {
            Some(format) if format != u64::from(FORMAT) => {
                return Err(invalid(format!(
                    "it has format {format} and this pathfit reads format {FORMAT}"
                )));
            }
            _ => {}
        }
        Session::deserialize(&value).map_err(|err| invalid(err.to_string()))
    }

    /// The quiz this session saved, on `bank`, which must be the very bank
    /// it was saved with.
    pub fn restore<'b>(&self, bank: &'b Bank, path: &Path) -> Result<Quiz<'b>, SessionError> {
        let name = shown_path(path);
        if bank.id != self.bank.id
            || bank.version != self.bank.version
            || bank.digest != self.bank.digest
        {
            let now = if bank.id != self.bank.id {
                format!("the bank given now is `{}`", bank.id)
            } else if bank.version != self.bank.version {
                format!("it is now version {}", bank.version)
            } else {
                "its text is different".to_string()
            };
            return Err(SessionError::BankChanged {
                path: name,
                id: excerpt(&self.bank.id),
                version: self.bank.version,
                now: visible(&now).into_owned(),
                bank_source: shell_word(&self.bank.source),
            });
        }
        let invalid = |message: String| SessionError::Invalid {
            path: name.clone(),
            message: short_message(&message),
        };
        let mut resolver = Resolver::new(bank);
        for (id, value) in &self.answers {
            // Any JSON value reads as a written answer; whether it fits is
            // the resolver's to say, as for an answers file.
            let raw = RawAnswer::deserialize(value).unwrap_or(RawAnswer::Unusable("a mapping"));
            resolver.answer(id, &raw).map_err(|p| {
                invalid(format!("its answers do not fit the bank: {}", p.sentence()))
            })?;
        }
        let answers = resolver.finish();
        let mut skipped = Vec::new();
        for id in &self.skipped {
            skipped.push(bank.question_index(id).ok_or_else(|| {
                invalid(format!(
                    "it skips `{}`, which the bank does not have",
                    excerpt(id)
                ))
            })?);
        }
        match &self.adaptive {
            None => Ok(Quiz::resume(bank, self.seed, answers, skipped)),
            Some(adaptive) => {
                let mut asked = Vec::new();
                for id in &adaptive.asked {
                    asked.push(bank.question_index(id).ok_or_else(|| {
                        invalid(format!(
                            "it asked `{}`, which the bank does not have",
                            excerpt(id)
                        ))
                    })?);
                }
                Ok(Quiz::resume_adaptive(
                    bank,
                    self.seed,
                    answers,
                    skipped,
                    asked,
                    adaptive.keep_going,
                ))
            }
        }
    }
}

/// Where a session is saved when `--save` is not given: the platform's data
/// folder (e.g. `~/.local/share/pathfit/sessions` on Linux), named after
/// the bank and seed. `attempt` 0 is the plain name; later attempts number
/// it (`healthcare-in-order-2.json`), for when that name is taken.
pub fn default_path(bank: &Bank, seed: Option<u64>, attempt: u32) -> PathBuf {
    let dir = crate::folders::sessions_dir();
    let seed = seed.map_or_else(|| "in-order".to_string(), |s| s.to_string());
    let number = if attempt == 0 {
        String::new()
    } else {
        format!("-{}", attempt + 1)
    };
    dir.join(format!("{}-{seed}{number}.json", bank.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::quiz::{ScriptedPrompter, Step};

    fn bank() -> Bank {
        crate::bank::bundled::find("healthcare")
            .unwrap()
            .load()
            .unwrap()
    }

    #[test]
    fn a_saved_session_restores_the_same_quiz() {
        let bank = bank();
        // In bank order the first question is a likert one.
        let mut quiz = Quiz::new(&bank, None);
        assert_eq!(bank.questions[0].kind.name(), "likert");
        let mut script = ScriptedPrompter::new(vec![
            Step::Answer(Answer::Scale(4.0)),
            Step::Skip,
            Step::Quit,
        ]);
        quiz.run(&mut script).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/s.json");
        let session = Session::of(&quiz, "healthcare");
        assert_eq!(session.skipped, [bank.questions[1].id.clone()]);
        session.save(&path).unwrap();
        #[cfg(unix)]
        {
            // One student's answers: readable by them only, whatever the
            // umask lets other new files be.
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let loaded = Session::load(&path).unwrap();
        assert_eq!(loaded, session);
        let restored = loaded.restore(&bank, &path).unwrap();
        assert_eq!(restored.answers(), quiz.answers());
        assert_eq!(restored.position(), 2);
        assert_eq!(
            restored.skipped().collect::<Vec<_>>(),
            quiz.skipped().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_changed_bank_is_refused() {
        let bank = bank();
        let quiz = Quiz::new(&bank, Some(1));
        let mut session = Session::of(&quiz, "healthcare");
        session.bank.digest = "0".repeat(64);
        let err = session.restore(&bank, Path::new("s.json")).unwrap_err();
        assert!(err.to_string().contains("its text is different"), "{err}");
        session.bank.version = 9;
        let err = session.restore(&bank, Path::new("s.json")).unwrap_err();
        let now = format!("it is now version {}", bank.version);
        assert!(err.to_string().contains(&now), "{err}");
    }

    #[test]
    fn broken_session_files_are_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "{\"pathfit_session\": 1}").unwrap();
        assert!(matches!(
            Session::load(&path),
            Err(SessionError::Invalid { .. })
        ));
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(
            Session::load(&path),
            Err(SessionError::Invalid { .. })
        ));
        assert!(matches!(
            Session::load(&dir.path().join("missing.json")),
            Err(SessionError::Read(_))
        ));
        let bank = bank();
        let mut session = Session::of(&Quiz::new(&bank, None), "healthcare");
        session
            .answers
            .insert("no-such".into(), serde_json::json!(3));
        assert!(session.restore(&bank, &path).is_err());
        // An adaptive session that asked a question the bank lacks.
        let mut session = Session::of(&Quiz::adaptive(&bank, None), "healthcare");
        session
            .adaptive
            .as_mut()
            .unwrap()
            .asked
            .push("no-such".into());
        let err = session.restore(&bank, &path).err().unwrap().to_string();
        assert!(err.contains("it asked `no-such`"), "{err}");
    }

    #[test]
    fn a_session_from_a_newer_pathfit_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, r#"{"pathfit_session": 2, "whatever": []}"#).unwrap();
        let err = Session::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("it has format 2 and this pathfit reads format 1"),
            "{err}"
        );
        assert!(err.starts_with(&path.display().to_string()), "{err}");
    }

    #[test]
    fn what_a_session_file_holds_is_quoted_escaped_and_short() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let key = format!("\u{1b}]0;TITLE\u{7}{}", "k".repeat(100_000));
        std::fs::write(&path, format!(r#"{{"pathfit_session": 1, "{key}": 1}}"#)).unwrap();
        let err = Session::load(&path).unwrap_err().to_string();
        assert!(crate::visible::first_hidden(&err).is_none(), "{err:?}");
        assert!(err.len() < 1000, "{} bytes", err.len());
        assert!(err.contains("at line 1 column"), "{err}");

        let bank = bank();
        let mut session = Session::of(&Quiz::new(&bank, None), "x\u{1b}[2J.yaml");
        session.bank.digest = "0".repeat(64);
        let err = session.restore(&bank, &path).err().unwrap().to_string();
        assert!(crate::visible::first_hidden(&err).is_none(), "{err:?}");
        assert!(err.contains("--bank 'x\\u{1b}[2J.yaml'"), "{err}");
    }

    #[test]
    fn a_bank_the_session_cannot_use_is_told_from_the_session_file() {
        let session = Path::new("saved/s.json");
        let missing = crate::bank::bundled::BankSpec::parse("no/such.yaml")
            .load()
            .unwrap_err();
        let err = SessionError::bank(session, "no/such.yaml", missing);
        assert_eq!(err.exit(), Exit::NoInput);
        let text = err.to_string();
        assert!(
            text.starts_with(
                "saved/s.json: this session was saved with the bank no/such.yaml, which cannot be used now: cannot read the file:"
            ),
            "{text}"
        );
        assert!(
            text.contains(" take --resume saved/s.json --bank FILE"),
            "{text}"
        );
        let unknown = crate::bank::bundled::BankSpec::parse("nursing")
            .load()
            .unwrap_err();
        let err = SessionError::bank(session, "nursing", unknown);
        assert_eq!(err.exit(), Exit::NoInput);
        assert!(err.to_string().contains("no such bundled bank"), "{err}");
        let broken = crate::bank::load(SourceFile::new("b.yaml", "id: [")).unwrap_err();
        let err = SessionError::bank(session, "b.yaml", broken);
        assert_eq!(err.exit(), Exit::Data);
        assert!(err.to_string().contains(" validate b.yaml`"), "{err}");
    }

    #[test]
    fn an_adaptive_session_keeps_its_order_and_choice_to_go_on() {
        let bank = bank();
        // In bank order adaptive mode opens with a multi question.
        let mut quiz = Quiz::adaptive(&bank, None);
        let mut script = ScriptedPrompter::new(vec![
            Step::Answer(Answer::Multi(vec![0])),
            Step::Skip,
            Step::Quit,
        ]);
        quiz.run(&mut script).unwrap();
        assert_eq!(quiz.sequence().len(), 3);
        assert_eq!(quiz.answers().answered(), 1);
        let session = Session::of(&quiz, "healthcare");
        let adaptive = session.adaptive.clone().expect("adaptive is recorded");
        let ids: Vec<String> = quiz
            .sequence()
            .iter()
            .map(|&q| bank.questions[q].id.clone())
            .collect();
        assert_eq!(adaptive.asked, ids);
        assert!(!adaptive.keep_going);
        let restored = session.restore(&bank, Path::new("s.json")).unwrap();
        assert!(restored.is_adaptive());
        assert_eq!(restored.sequence(), quiz.sequence());
        assert_eq!(restored.answers(), quiz.answers());
        // A fixed quiz's session has no adaptive record, and old session
        // files without one still load.
        let fixed = Session::of(&Quiz::new(&bank, None), "healthcare");
        assert!(fixed.adaptive.is_none());
        let text = serde_json::to_string(&fixed).unwrap();
        assert!(!text.contains("adaptive"));
    }
}
