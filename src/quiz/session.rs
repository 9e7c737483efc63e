//! Saved quiz sessions: what a stopped quiz needs to carry on exactly where
//! it was — the answers so far, the skipped questions, the seed (so the order
//! is the same), and which bank it was, down to a digest of its text so that
//! a session is never applied to a bank that has changed since.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Quiz;
use crate::answers::{RawAnswer, Resolver, answer_value};
use crate::bank::Bank;
use crate::input::output::{self, WriteError};
use crate::input::source::{ReadError, SourceFile};

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

#[derive(Debug, Error)]
pub enum SessionError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(
        "{path}: this is not a pathfit session file: {message}; start again with `pathfit take`"
    )]
    Invalid { path: String, message: String },
    #[error(
        "{path}: this session was saved for the bank `{id}` version {version}, but that bank has changed since ({now}); its answers cannot be applied safely. Start again with `pathfit take --bank {bank_source}`"
    )]
    BankChanged {
        path: String,
        id: String,
        version: u32,
        now: String,
        bank_source: String,
    },
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
        output::write_atomic(path, |out| {
            serde_json::to_writer_pretty(&mut *out, self)?;
            writeln!(out)
        })
    }

    pub fn load(path: &Path) -> Result<Self, SessionError> {
        let source = SourceFile::read(path)?;
        let session: Session =
            serde_json::from_str(&source.text).map_err(|err| SessionError::Invalid {
                path: source.name.clone(),
                message: err.to_string(),
            })?;
        if session.pathfit_session != FORMAT {
            return Err(SessionError::Invalid {
                path: source.name,
                message: format!(
                    "it has format {} and this pathfit reads format {FORMAT}",
                    session.pathfit_session
                ),
            });
        }
        Ok(session)
    }

    /// The quiz this session saved, on `bank`, which must be the very bank
    /// it was saved with.
    pub fn restore<'b>(&self, bank: &'b Bank, path: &Path) -> Result<Quiz<'b>, SessionError> {
        let name = path.display().to_string();
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
                id: self.bank.id.clone(),
                version: self.bank.version,
                now,
                bank_source: self.bank.source.clone(),
            });
        }
        let invalid = |message: String| SessionError::Invalid {
            path: name.clone(),
            message,
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
                invalid(format!("it skips `{id}`, which the bank does not have"))
            })?);
        }
        match &self.adaptive {
            None => Ok(Quiz::resume(bank, self.seed, answers, skipped)),
            Some(adaptive) => {
                let mut asked = Vec::new();
                for id in &adaptive.asked {
                    asked.push(bank.question_index(id).ok_or_else(|| {
                        invalid(format!("it asked `{id}`, which the bank does not have"))
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
/// folder (e.g. `~/.local/share/pathfit/sessions` on Linux).
pub fn default_path(bank: &Bank, seed: Option<u64>) -> PathBuf {
    let dir = directories::ProjectDirs::from("", "", "pathfit")
        .map(|d| d.data_dir().join("sessions"))
        .unwrap_or_else(|| PathBuf::from(".pathfit-sessions"));
    let seed = seed.map_or_else(|| "in-order".to_string(), |s| s.to_string());
    dir.join(format!("{}-{seed}.json", bank.id))
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
