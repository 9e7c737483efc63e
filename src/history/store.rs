//! Reading kept results back: listing them newest first, finding one by
//! id (or `latest`), drawing its report again from the record alone, and
//! removing them. Every record is read bounded and checked; a broken one
//! is named, never trusted.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{FORMAT, HistoryError, Record};
use crate::answers::{AnswerSet, RawAnswer, Resolver};
use crate::bank::Bank;
use crate::engine::{self, Assessment};
use crate::input::source::{ReadError, SourceFile};
use crate::report::{AdaptiveRun, Format, QuizRun, ReportInput};
use crate::visible::{excerpt, is_hidden, visible};

/// The most records `results` reads; more are mentioned, not read.
pub const MAX_RECORDS: usize = 1000;

/// The kept results that could be read, newest first, and a warning line
/// for each that could not.
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub warnings: Vec<String>,
}

/// One kept result, as `results` lists it. Texts are from the record, not
/// yet made [`visible`].
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub when: jiff::Timestamp,
    pub bank: String,
    pub role: String,
    pub runner_up: String,
    /// `clear`, `lean` or `close`.
    pub verdict: String,
    pub tie: bool,
    /// How well the recommended role fits, 0 to 1.
    pub fit: f64,
}

/// A result ready to be written again in the format asked for.
pub enum Shown {
    /// The JSON report as it was kept, made safe for a terminal.
    Json(String),
    Report {
        format: Format,
        bank: Box<Bank>,
        answers: AnswerSet,
        assessment: Box<Assessment>,
        quiz: QuizRun,
    },
}

/// What `results delete` removed: the ids, or how many for `--all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deleted {
    These(Vec<String>),
    All(usize),
}

/// The kept results in [`crate::folders::results_dir`].
pub fn list() -> Result<Listing, HistoryError> {
    list_in(&crate::folders::results_dir())
}

/// The result `id` (or `latest`), read and ready to write as `format`.
pub fn show(id: &str, format: Format) -> Result<(String, Shown), HistoryError> {
    show_in(&crate::folders::results_dir(), id, format)
}

/// Removes the kept results `ids` (records and pages); all or none: every
/// id is found before any is removed.
pub fn delete(ids: &[String]) -> Result<Deleted, HistoryError> {
    let dir = crate::folders::results_dir();
    let mut found = Vec::new();
    for id in ids {
        let (id, _) = find(&dir, id)?;
        if !found.contains(&id) {
            found.push(id);
        }
    }
    for id in &found {
        remove(&dir, id)?;
    }
    Ok(Deleted::These(found))
}

/// Removes every kept result.
pub fn delete_all() -> Result<Deleted, HistoryError> {
    let dir = crate::folders::results_dir();
    let ids = ids_of(&dir, ".json")?;
    for id in ids.iter().chain(&ids_of(&dir, ".html")?) {
        remove(&dir, id)?;
    }
    Ok(Deleted::All(ids.len()))
}

fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// Whether `id` can name a kept result: letters, digits and `-`, as the
/// ids pathfit makes, so that no id reaches outside the results folder.
fn is_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && !id.starts_with('-')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The ids of every record file in `dir`, newest first by name (ids begin
/// with their date).
fn record_ids(dir: &Path) -> Result<Vec<String>, HistoryError> {
    ids_of(dir, ".json")
}

/// The ids of the files in `dir` named `<id><extension>`, newest first.
fn ids_of(dir: &Path, extension: &str) -> Result<Vec<String>, HistoryError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ReadError::Unreadable {
                path: shown(dir),
                source,
            }
            .into());
        }
    };
    let mut ids: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let id = name.strip_suffix(extension)?;
            is_id(id).then(|| id.to_string())
        })
        .collect();
    ids.sort_by(|a, b| b.cmp(a));
    Ok(ids)
}

pub(super) fn list_in(dir: &Path) -> Result<Listing, HistoryError> {
    let mut listing = Listing::default();
    let ids = record_ids(dir)?;
    if ids.len() > MAX_RECORDS {
        listing.warnings.push(format!(
            "warning: {}: there are {} kept results; only the newest {MAX_RECORDS} by name are read",
            shown(dir),
            ids.len()
        ));
    }
    for id in ids.into_iter().take(MAX_RECORDS) {
        let path = dir.join(format!("{id}.json"));
        // Claimed by a quiz that is ending right now: not written yet.
        if fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            continue;
        }
        match load(&path).and_then(|record| entry(&id, &path, &record)) {
            Ok(entry) => listing.entries.push(entry),
            Err(err) => listing.warnings.push(format!("warning: {err} (skipped)")),
        }
    }
    listing
        .entries
        .sort_by(|a, b| b.when.cmp(&a.when).then_with(|| b.id.cmp(&a.id)));
    Ok(listing)
}

/// The id and record path of `id`, or of the newest readable result for
/// `latest`.
fn find(dir: &Path, id: &str) -> Result<(String, PathBuf), HistoryError> {
    if id == "latest" {
        let listing = list_in(dir)?;
        return match listing.entries.first() {
            Some(entry) => Ok((entry.id.clone(), dir.join(format!("{}.json", entry.id)))),
            None => Err(HistoryError::Unknown {
                id: id.to_string(),
                known: Vec::new(),
            }),
        };
    }
    let path = dir.join(format!("{id}.json"));
    if is_id(id) && path.symlink_metadata().is_ok() {
        return Ok((id.to_string(), path));
    }
    Err(HistoryError::Unknown {
        id: id.to_string(),
        known: record_ids(dir)?,
    })
}

fn remove(dir: &Path, id: &str) -> Result<(), HistoryError> {
    for name in [format!("{id}.json"), format!("{id}.html")] {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                return Err(HistoryError::Io {
                    path: shown(&path),
                    what: "delete the result",
                    source: err,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

fn invalid(path: &Path, id: &str, message: impl AsRef<str>) -> HistoryError {
    const LONGEST: usize = 300;
    let message = visible(message.as_ref());
    let message = if message.chars().count() > LONGEST {
        let head: String = message.chars().take(LONGEST).collect();
        format!("{head}…")
    } else {
        message.into_owned()
    };
    HistoryError::Invalid {
        path: shown(path),
        message,
        delete: crate::invocation::command(&["results", "delete", id]),
    }
}

/// Reads the record at `path`: a regular file of bounded size, of this
/// format (checked first, so a newer one says so).
pub(super) fn load(path: &Path) -> Result<Record, HistoryError> {
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| is_id(s))
        .unwrap_or("ID");
    let source = SourceFile::read_regular(path)?;
    #[derive(Deserialize)]
    struct Head {
        pathfit_result: Option<serde_json::Value>,
    }
    let head: Head =
        serde_json::from_str(&source.text).map_err(|e| invalid(path, id, e.to_string()))?;
    match head.pathfit_result.as_ref().map(serde_json::Value::as_u64) {
        None => {
            return Err(invalid(
                path,
                id,
                "it has no `pathfit_result` format number",
            ));
        }
        Some(Some(format)) if format > u64::from(FORMAT) => {
            return Err(HistoryError::Newer {
                path: shown(path),
                format,
            });
        }
        Some(Some(format)) if format == u64::from(FORMAT) => {}
        Some(_) => {
            return Err(invalid(
                path,
                id,
                format!("its format is not one this pathfit reads ({FORMAT})"),
            ));
        }
    }
    serde_json::from_str(&source.text).map_err(|e| invalid(path, id, e.to_string()))
}

/// What the listing shows of a record, from its JSON report.
fn entry(id: &str, path: &Path, record: &Record) -> Result<Entry, HistoryError> {
    #[derive(Deserialize)]
    struct Report {
        roles: Vec<Role>,
        recommendation: Recommendation,
    }
    #[derive(Deserialize)]
    struct Role {
        id: String,
        name: String,
        fit: f64,
    }
    #[derive(Deserialize)]
    struct Recommendation {
        role: String,
        runner_up: String,
        verdict: String,
        tie: bool,
    }
    let report: Report = serde_json::from_str(record.result.get())
        .map_err(|e| invalid(path, id, format!("its result: {e}")))?;
    let when: jiff::Timestamp = record.when.parse().map_err(|_| {
        invalid(
            path,
            id,
            format!(
                "its time `{}` is not a date and time",
                excerpt(&record.when)
            ),
        )
    })?;
    if !["clear", "lean", "close"].contains(&report.recommendation.verdict.as_str()) {
        return Err(invalid(
            path,
            id,
            format!(
                "its verdict `{}` is not clear, lean or close",
                excerpt(&report.recommendation.verdict)
            ),
        ));
    }
    let role = |wanted: &str| {
        report.roles.iter().find(|r| r.id == wanted).ok_or_else(|| {
            invalid(
                path,
                id,
                format!(
                    "its result names a role `{}` it does not list",
                    excerpt(wanted)
                ),
            )
        })
    };
    let (winner, runner_up) = (
        role(&report.recommendation.role)?,
        role(&report.recommendation.runner_up)?,
    );
    Ok(Entry {
        id: id.to_string(),
        when,
        bank: record.bank.title.clone(),
        role: winner.name.clone(),
        runner_up: runner_up.name.clone(),
        verdict: report.recommendation.verdict.clone(),
        tie: report.recommendation.tie,
        fit: winner.fit.clamp(0.0, 1.0),
    })
}

pub(super) fn show_in(
    dir: &Path,
    id: &str,
    format: Format,
) -> Result<(String, Shown), HistoryError> {
    let (id, path) = find(dir, id)?;
    let record = load(&path)?;
    if format == Format::Json {
        return Ok((id, Shown::Json(json_for_a_person(record.result.get()))));
    }
    let text = record
        .bank
        .text
        .as_deref()
        .ok_or_else(|| HistoryError::NoBank { path: shown(&path) })?;
    let bank = crate::bank::load(SourceFile::new(
        format!("the bank kept in {}", path.display()),
        text,
    ))
    .map_err(|err| {
        invalid(
            &path,
            &id,
            format!("the bank kept with it does not load: {err}"),
        )
    })?;
    if bank.digest != record.bank.digest {
        return Err(invalid(
            &path,
            &id,
            "the bank kept with it is not the one it was scored on (its digest differs)",
        ));
    }
    let mut resolver = Resolver::new(&bank);
    for (question, value) in &record.answers {
        let raw = RawAnswer::deserialize(value).unwrap_or(RawAnswer::Unusable("a mapping"));
        resolver.answer(question, &raw).map_err(|p| {
            invalid(
                &path,
                &id,
                format!("its answers do not fit its bank: {}", p.sentence()),
            )
        })?;
    }
    let answers = resolver.finish();
    for question in record.quiz.order.iter().chain(&record.skipped) {
        if bank.question_index(question).is_none() {
            return Err(invalid(
                &path,
                &id,
                format!(
                    "it names a question `{}` its bank does not have",
                    excerpt(question)
                ),
            ));
        }
    }
    // An adaptive run changes only the answers it asked for, as it did
    // when the result was first shown.
    let assessment = match &record.quiz.adaptive {
        Some(_) => {
            let asked: Vec<usize> = record
                .quiz
                .order
                .iter()
                .filter_map(|q| bank.question_index(q))
                .collect();
            engine::score_asked(&bank, &answers, &asked)
        }
        None => engine::score(&bank, &answers),
    }
    .map_err(|err| invalid(&path, &id, format!("its answers cannot be scored: {err}")))?;
    let quiz = QuizRun {
        seed: record.quiz.seed,
        order: record.quiz.order.clone(),
        adaptive: record.quiz.adaptive.map(|a| AdaptiveRun {
            asked: a.asked,
            settled_after: a.settled_after,
            cut_after: None,
        }),
    };
    Ok((
        id,
        Shown::Report {
            format,
            bank: Box::new(bank),
            answers,
            assessment: Box::new(assessment),
            quiz,
        },
    ))
}

impl Shown {
    /// Writes the result; `color` applies to text only.
    pub fn write(&self, color: bool, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Shown::Json(json) => {
                out.write_all(json.as_bytes())?;
                writeln!(out)
            }
            Shown::Report {
                format,
                bank,
                answers,
                assessment,
                quiz,
            } => {
                let input = ReportInput {
                    bank,
                    answers,
                    assessment,
                    quiz: Some(quiz.clone()),
                };
                format.report(color).write(&input, out)
            }
        }
    }
}

/// Kept JSON (checked to be JSON) with any character that must not reach a
/// terminal written as a JSON escape: inside strings, where JSON allows
/// them unescaped, they become `\uXXXX`; a carriage return between values
/// becomes a space. The same document, safe to print.
fn json_for_a_person(json: &str) -> String {
    if !json.chars().any(is_hidden) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c == '\r' {
            out.push(' ');
        } else if is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
