//! Keeping a finished quiz's result: its record and its web page, written
//! under a new id that a student can type (`2026-12-01-1405`, the local
//! date and time the quiz ended, with `-2`, `-3` … when two end in the same
//! minute).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{FORMAT, HistoryError, NO_HISTORY_VAR, Record, RecordAdaptive, RecordBank, RecordQuiz};
use crate::answers::answer_value;
use crate::bank::Bank;
use crate::bank::bundled::BankSpec;
use crate::input::output::{self, NewFile};
use crate::input::source::{MAX_INPUT_BYTES, SourceFile};
use crate::report::{Format, ReportInput};

/// Where a result was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// What `pathfit results show` takes.
    pub id: String,
    /// The record, `<id>.json`.
    pub record: PathBuf,
    /// The web page, `<id>.html`; `None` when it could not be written (the
    /// record can still draw it: `results show ID --format html`).
    pub page: Option<PathBuf>,
}

/// Whether keeping is turned off: by `--no-history`, or by
/// `PATHFIT_NO_HISTORY` set to anything but the empty string.
pub fn is_off(no_history: bool) -> bool {
    no_history || std::env::var_os(NO_HISTORY_VAR).is_some_and(|v| !v.is_empty())
}

/// The text of the bank `spec` named, as `bank` was loaded from it: a
/// bundled bank's own text, or the file read again and checked to be the
/// very text that was scored. `None` when the file has changed or cannot
/// be read now.
pub fn bank_text(spec: &BankSpec, bank: &Bank) -> Option<String> {
    match spec {
        BankSpec::Bundled(bundled) => Some(bundled.text.to_string()),
        BankSpec::File(path) => {
            let source = SourceFile::read_regular(path).ok()?;
            let text = source.text.clone();
            let again = crate::bank::load(source).ok()?;
            (again.digest == bank.digest).then_some(text)
        }
        BankSpec::Unknown(_) => None,
    }
}

/// Keeps the result `input` shows under a new id in
/// [`crate::folders::results_dir`]. `source` is what `--bank` was, and
/// `text` the bank's text ([`bank_text`]).
pub fn keep(
    input: &ReportInput<'_>,
    source: &str,
    text: Option<String>,
) -> Result<Kept, HistoryError> {
    keep_in(
        &crate::folders::results_dir(),
        jiff::ZonedDateTime::now(),
        input,
        source,
        text,
    )
}

pub(super) fn keep_in(
    dir: &Path,
    now: jiff::ZonedDateTime,
    input: &ReportInput<'_>,
    source: &str,
    text: Option<String>,
) -> Result<Kept, HistoryError> {
    let mut json = Vec::new();
    Format::Json
        .report(false)
        .write(input, &mut json)
        .map_err(|source| io_error(dir, "draw the result", source))?;
    let json = String::from_utf8(json)
        .map_err(|err| io_error(dir, "draw the result", io::Error::other(err)))?;
    let result = serde_json::value::RawValue::from_string(json.trim_end().to_string())
        .map_err(|err| io_error(dir, "draw the result", io::Error::other(err)))?;
    make_folder(dir)?;
    let (id, path) = reserve(dir, &now)?;
    let mut record = record(input, source, text, &id, &now, result);
    let mut bytes = to_bytes(&record);
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        // Never written larger than it can be read back: without the bank's
        // text it still shows as JSON.
        record.bank.text = None;
        bytes = to_bytes(&record);
    }
    if let Err(err) = output::write_atomic_as(&path, NewFile::Private, |out| out.write_all(&bytes))
    {
        let _ = fs::remove_file(&path);
        return Err(err.into());
    }
    let page = dir.join(format!("{id}.html"));
    let written = output::write_atomic_as(&page, NewFile::Private, |out| {
        Format::Html.report(false).write(input, out)
    });
    Ok(Kept {
        id,
        record: path,
        page: written.is_ok().then_some(page),
    })
}

fn to_bytes(record: &Record) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(record).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn io_error(path: &Path, what: &'static str, source: io::Error) -> HistoryError {
    HistoryError::Io {
        path: crate::visible::visible(&path.display().to_string()).into_owned(),
        what,
        source,
    }
}

/// The results folder, made the owner's alone when pathfit makes it.
fn make_folder(dir: &Path) -> Result<(), HistoryError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|source| io_error(dir, "make the results folder", source))
}

/// Most ids tried for one minute before giving up.
const ATTEMPTS: u32 = 1000;

/// A new id for a result kept at `now`, and its record's path, claimed by
/// creating the (empty, private) file so that two quizzes ending in the
/// same minute never share one.
fn reserve(dir: &Path, now: &jiff::ZonedDateTime) -> Result<(String, PathBuf), HistoryError> {
    let base = now.strftime("%Y-%m-%d-%H%M").to_string();
    for attempt in 1..=ATTEMPTS {
        let id = if attempt == 1 {
            base.clone()
        } else {
            format!("{base}-{attempt}")
        };
        let path = dir.join(format!("{id}.json"));
        // A page left without its record still holds the id.
        if dir.join(format!("{id}.html")).symlink_metadata().is_ok() {
            continue;
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(_) => return Ok((id, path)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(io_error(&path, "keep the result", source)),
        }
    }
    Err(io_error(
        dir,
        "keep the result",
        io::Error::other(format!(
            "{ATTEMPTS} results were already kept in that minute"
        )),
    ))
}

fn record(
    input: &ReportInput<'_>,
    source: &str,
    text: Option<String>,
    id: &str,
    now: &jiff::ZonedDateTime,
    result: Box<serde_json::value::RawValue>,
) -> Record {
    let bank = input.bank;
    let ids = |qs: &mut dyn Iterator<Item = usize>| -> Vec<String> {
        qs.map(|q| bank.questions[q].id.clone()).collect()
    };
    let quiz = input.quiz.as_ref();
    Record {
        pathfit_result: FORMAT,
        id: id.to_string(),
        // To the second: a person reads it.
        when: jiff::Timestamp::from_second(now.timestamp().as_second())
            .unwrap_or(now.timestamp())
            .to_string(),
        bank: RecordBank {
            id: bank.id.clone(),
            version: bank.version,
            title: bank.title.clone(),
            source: source.to_string(),
            digest: bank.digest.clone(),
            text,
        },
        answers: input
            .answers
            .iter()
            .map(|(q, a)| {
                (
                    bank.questions[q].id.clone(),
                    answer_value(&bank.questions[q], a),
                )
            })
            .collect(),
        skipped: ids(&mut (0..bank.questions.len()).filter(|&q| {
            input.answers.get(q).is_none()
                && quiz.is_none_or(|quiz| quiz.order.contains(&bank.questions[q].id))
        })),
        quiz: RecordQuiz {
            seed: quiz.and_then(|q| q.seed),
            order: quiz.map(|q| q.order.clone()).unwrap_or_default(),
            adaptive: quiz.and_then(|q| q.adaptive).map(|a| RecordAdaptive {
                asked: a.asked,
                settled_after: a.settled_after,
            }),
        },
        result,
    }
}

/// Keeps a finished quiz's result unless keeping is off ([`is_off`]):
/// where it was kept, or `None` when it was not to be.
pub fn keep_quiz(
    no_history: bool,
    spec: &BankSpec,
    input: &ReportInput<'_>,
) -> Result<Option<Kept>, HistoryError> {
    if is_off(no_history) {
        return Ok(None);
    }
    keep(input, &spec.to_string(), bank_text(spec, input.bank)).map(Some)
}
