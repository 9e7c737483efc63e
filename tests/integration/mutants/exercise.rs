//! One input through every command that reads it, in process: loading,
//! `validate`'s text and JSON, `score`'s path (answers, scoring with the
//! what-if search, every report format, adaptive replay), the cheap parts
//! of `inspect`, `batch` and a resumed session. Each stage runs under
//! `catch_unwind` and the counting allocator, and what it writes is checked:
//! a documented exit code, a message that names the file, no NaN or
//! infinity, no raw control character where a person reads it, short
//! quotes in errors, and memory in proportion to the input.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use pathfit::Error;
use pathfit::answers::AnswerSet;
use pathfit::answers::tabular::{Respondents, TableFormat, write_respondents};
use pathfit::bank::bundled::BankSpec;
use pathfit::bank::{Bank, BankError, load};
use pathfit::batch::{self, BatchError, Progress};
use pathfit::diag::Severity;
use pathfit::diag::render::{self, Renderer};
use pathfit::engine::adaptive::{Adaptive, replay};
use pathfit::engine::sample::Sampler;
use pathfit::engine::{self, Assessment, Scorer};
use pathfit::input::source::SourceFile;
use pathfit::quiz::question_order;
use pathfit::quiz::session::{Session, SessionError};
use pathfit::report::{Format, ReportInput};
use pathfit::visible;

use super::alloc;
use super::corpus::{Kind, Pair};

/// The classes of failure the harness tells apart. The first six are
/// issue 11's known classes; the rest are failures of any other kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Defect {
    /// A panic while drawing a problem on a line wider than 65,535
    /// columns (issue 11, class 1).
    WideColumn,
    /// NaN or infinity in a result or in any output (class 2).
    NotFinite,
    /// A raw control character or bidi override in text a person reads
    /// (class 9).
    Hidden,
    /// An error message quoting far more of the input than a short
    /// excerpt (class 9).
    LongMessage,
    /// Memory out of proportion to the input (class 8).
    Memory,
    /// Searches whose work grows with the scale or the options (class 10).
    Slow,
    /// An error that came from a session file but does not name it
    /// (class 12).
    SessionUnnamed,
    /// Any other panic (exit 101).
    Panic,
    /// An undocumented exit code, or the wrong documented one.
    Exit,
    /// A message that does not name the file it is about.
    Unnamed,
}

impl Defect {
    pub fn name(self) -> &'static str {
        match self {
            Defect::WideColumn => "wide-column panic (class 1)",
            Defect::NotFinite => "NaN or infinity (class 2)",
            Defect::Hidden => "raw control character (class 9)",
            Defect::LongMessage => "long quote in an error (class 9)",
            Defect::Memory => "memory out of proportion (class 8)",
            Defect::Slow => "search out of budget (class 10)",
            Defect::SessionUnnamed => "session file not named (class 12)",
            Defect::Panic => "panic",
            Defect::Exit => "exit code",
            Defect::Unnamed => "file not named",
        }
    }
}

/// Issue 11's classes that other branches are fixing. Until they are
/// merged the harness reports them without failing; the strict variants
/// (`cargo test --test integration mutants -- --ignored`) tolerate none.
pub const KNOWN: &[Defect] = &[];

/// One failed check.
#[derive(Debug, Clone)]
pub struct Finding {
    pub defect: Defect,
    pub stage: &'static str,
    pub detail: String,
}

/// One input to exercise.
pub struct Case<'a> {
    pub kind: Kind,
    /// The name messages must use for it.
    pub name: String,
    pub bytes: &'a [u8],
    /// The bank (for answers, tables and sessions) and the answers (for
    /// banks) it goes with.
    pub pair: &'a Pair,
    /// Where session files are written, to be read back by path.
    pub scratch: &'a Path,
    /// Run the searches (what-if, adaptive replay, `inspect`) whatever
    /// they cost; otherwise only on banks where they are small.
    pub deep: bool,
}

/// What exercising one input found, and what it cost.
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Allocations made over all stages: work, counted.
    pub allocations: u64,
    /// The most bytes any one stage had live.
    pub peak_bytes: u64,
}

/// A stage's memory may be this much plus [`PER_INPUT_BYTE`] per byte of
/// input. Issue 11 allows 200 MiB for any accepted input of up to 16 MiB,
/// about twelve bytes per input byte; the base covers what any input may
/// cost whatever its size (an alias bomb is refused after some 40 MiB).
/// How memory grows with a list's length is the probes' to check.
const BASE_BYTES: u64 = 64 * 1024 * 1024;
const PER_INPUT_BYTE: u64 = 12;

/// The longest message or hint of one problem, in characters: room for a
/// sentence, a hint and a short quote of the input.
const LONG_MESSAGE: usize = 600;

/// The searches run on every mutant of a bank with at most this many
/// questions (the test banks); on larger ones (the bundled banks, where
/// the what-if search of a partly answered quiz alone takes half a second
/// in a debug build) only on the [`Case::deep`] ones, which keeps the whole
/// test within about a minute.
const SEARCH_QUESTIONS: usize = 16;

/// Respondents for `inspect`'s crowd: enough to go through every path.
const INSPECT_RESPONDENTS: usize = 4;

/// Runs `case` through every command that reads its kind of input, and
/// checks what each wrote.
pub fn exercise(case: &Case<'_>) -> Outcome {
    install_hook();
    let mut words = number_words(&String::from_utf8_lossy(case.bytes));
    words.extend(number_words(&case.pair.bank_text));
    let mut run = Run {
        case,
        allowed_words: words,
        wide: String::from_utf8_lossy(case.bytes)
            .lines()
            .any(|l| l.chars().count() > 65_535),
        findings: Vec::new(),
        allocations: 0,
        peak_bytes: 0,
    };
    match case.kind {
        Kind::Bank => run.bank(),
        Kind::Answers => run.answers(),
        Kind::Table => run.table(),
        Kind::Session => run.session(),
    }
    Outcome {
        findings: run.findings,
        allocations: run.allocations,
        peak_bytes: run.peak_bytes,
    }
}

struct Run<'a> {
    case: &'a Case<'a>,
    /// `nan`, `inf` and `infinity` when the input itself says them: an
    /// error may quote them back.
    allowed_words: HashSet<String>,
    /// The input has a line over 65,535 characters.
    wide: bool,
    findings: Vec<Finding>,
    allocations: u64,
    peak_bytes: u64,
}

impl Run<'_> {
    fn found(&mut self, defect: Defect, stage: &'static str, detail: impl Into<String>) {
        self.findings.push(Finding {
            defect,
            stage,
            detail: detail.into(),
        });
    }

    /// Runs one stage: a panic becomes a finding (and `None`), and so does
    /// memory out of proportion to the input.
    fn stage<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> Option<T> {
        let mark = alloc::mark();
        CATCHING.with(|c| c.set(true));
        let result = catch_unwind(AssertUnwindSafe(work));
        CATCHING.with(|c| c.set(false));
        let usage = mark.usage();
        self.allocations += usage.allocations;
        self.peak_bytes = self.peak_bytes.max(usage.peak_bytes);
        let limit = BASE_BYTES + PER_INPUT_BYTE * self.case.bytes.len() as u64;
        if usage.peak_bytes > limit {
            self.found(
                Defect::Memory,
                stage,
                format!(
                    "{} MiB live at once for {} KiB of input (limit {} MiB)",
                    usage.peak_bytes >> 20,
                    self.case.bytes.len() >> 10,
                    limit >> 20
                ),
            );
        }
        match result {
            Ok(value) => Some(value),
            Err(_) => {
                let message = PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
                let defect = if self.wide && is_drawing(stage) {
                    Defect::WideColumn
                } else {
                    Defect::Panic
                };
                self.found(defect, stage, message);
                None
            }
        }
    }

    /// Text a person reads: no raw control character, no NaN or infinity.
    fn person(&mut self, stage: &'static str, text: &str) {
        if let Some((at, c)) = visible::first_hidden(text) {
            let around: String = text.chars().skip(at.saturating_sub(20)).take(40).collect();
            self.found(
                Defect::Hidden,
                stage,
                format!("U+{:04X} in {}", c as u32, visible::excerpt(&around)),
            );
        }
        self.finite_words(stage, text);
    }

    fn finite_words(&mut self, stage: &'static str, text: &str) {
        let bad = number_words(text)
            .into_iter()
            .find(|w| !self.allowed_words.contains(w))
            .or_else(|| text.contains('∞').then(|| "∞".to_string()));
        if let Some(word) = bad {
            let at = text.to_lowercase().find(&word).unwrap_or(0);
            let around: String = text
                .get(at.saturating_sub(40)..)
                .unwrap_or(text)
                .chars()
                .take(80)
                .collect();
            self.found(
                Defect::NotFinite,
                stage,
                format!("`{word}` in {}", visible::excerpt(&around)),
            );
        }
    }

    /// JSON for programs, one document or one a line: it parses, and no
    /// number that is always a number (a fit, a margin…) came out null,
    /// which is how serde_json writes NaN and infinity.
    fn program_json(&mut self, stage: &'static str, text: &str, lines: bool) {
        let docs: Vec<&str> = if lines {
            text.lines().collect()
        } else {
            vec![text]
        };
        for doc in docs {
            match serde_json::from_str::<serde_json::Value>(doc) {
                Ok(value) => {
                    if let Some(key) = null_number(&value) {
                        self.found(Defect::NotFinite, stage, format!("`{key}` is null"));
                        return;
                    }
                }
                Err(err) => {
                    self.found(Defect::Panic, stage, format!("not JSON ({err})"));
                    return;
                }
            }
        }
    }

    /// An error message, as the CLI draws it: it names `file`, quotes the
    /// input briefly and is safe to show.
    fn message(&mut self, stage: &'static str, text: &str, file: &str) {
        if !text.contains(file) {
            let defect = if self.case.kind == Kind::Session && stage.starts_with("session") {
                Defect::SessionUnnamed
            } else {
                Defect::Unnamed
            };
            self.found(
                defect,
                stage,
                format!("{file} not in {}", visible::excerpt(text)),
            );
        }
        self.person(stage, text);
    }

    fn long(&mut self, stage: &'static str, text: &str) {
        let chars = text.chars().count();
        if chars > LONG_MESSAGE {
            self.found(
                Defect::LongMessage,
                stage,
                format!("{chars} characters: {}", visible::excerpt(text)),
            );
        }
    }

    /// The exit code a command would end with must be one of `allowed`.
    fn exit(&mut self, stage: &'static str, code: u8, allowed: &[u8]) {
        if !allowed.contains(&code) {
            self.found(
                Defect::Exit,
                stage,
                format!("exit {code}, expected one of {allowed:?}"),
            );
        }
    }

    /// A command that ends in `err`: its message and its exit code.
    fn error(&mut self, stage: &'static str, err: &Error, file: &str, allowed: &[u8]) {
        let text = self.stage(stage, || render_error(err)).unwrap_or_default();
        self.message(stage, &text, file);
        if let Some(found) = err.problems() {
            for p in &found.problems {
                self.long(stage, &p.message);
                self.long(stage, p.hint.as_deref().unwrap_or_default());
            }
        } else {
            // One sentence and the file's name.
            let rest = text.replace(file, "");
            self.long(stage, &rest);
        }
        self.exit(stage, err.exit().code(), allowed);
    }

    fn bank(&mut self) {
        let case = self.case;
        let name = case.name.clone();
        let Some(read) = self.stage("read", || SourceFile::from_reader(name.clone(), case.bytes))
        else {
            return;
        };
        let source = match read {
            Ok(source) => source,
            Err(err) => {
                self.message("validate-text", &format!("error: {err}\n"), &name);
                let mut json = Vec::new();
                let _ = render::read_error_json(&mut json, &err);
                self.program_json("validate-json", &String::from_utf8_lossy(&json), true);
                self.exit("validate", if err.is_missing() { 66 } else { 65 }, &[65]);
                self.error("load", &Error::Bank(err.into()), &name, &[65]);
                return;
            }
        };
        // `score` loads with `bank::load` and `validate` with
        // `load::validate`: both read the file the same way and differ only
        // in the lints `validate` adds to a bank that loads, so one parse
        // serves both (parsing is most of the cost of a mutant).
        let Some((loaded, found)) = self.stage("validate", || load::validate(source)) else {
            return;
        };
        let text = self.stage("validate-text", || {
            let mut text = String::new();
            let _ = Renderer::new(false).problems(&mut text, &found);
            text
        });
        if let Some(text) = text {
            if text.matches(name.as_str()).count() < found.problems.len() {
                self.found(Defect::Unnamed, "validate-text", visible::excerpt(&text));
            }
            self.person("validate-text", &text);
        }
        for p in &found.problems {
            self.long("validate", &p.message);
            self.long("validate", p.hint.as_deref().unwrap_or_default());
        }
        let mut json = Vec::new();
        if self
            .stage("validate-json", || render::json_lines(&mut json, &found))
            .is_some()
        {
            let json = String::from_utf8_lossy(&json).into_owned();
            self.program_json("validate-json", &json, true);
            let unnamed = json.lines().any(|line| {
                serde_json::from_str::<serde_json::Value>(line)
                    .is_ok_and(|v| v["file"].as_str() != Some(name.as_str()))
            });
            if unnamed {
                self.found(Defect::Unnamed, "validate-json", visible::excerpt(&json));
            }
        }
        let errors = found.count(Severity::Error);
        self.exit("validate", if errors > 0 { 65 } else { 0 }, &[0, 65]);
        let bank = match loaded {
            Some(bank) => bank,
            None => {
                let err = Error::Bank(BankError::Invalid(found));
                return self.error("load", &err, &name, &[65]);
            }
        };
        let pair = case.pair;
        let answers = SourceFile::new(pair.answers_name.clone(), pair.answers_text.clone());
        self.score_file(&bank, answers);
        // Random respondents of the mutated bank reach what the seed's
        // answers no longer fit.
        let drawn: Vec<_> = Sampler::new(&bank, 5).take(2).collect();
        // The same respondents as a class, through `batch`.
        let mut class = Vec::new();
        let written = self.stage("sample", || {
            write_respondents(
                &bank,
                TableFormat::Csv,
                drawn.clone().into_iter(),
                &mut class,
            )
        });
        if let Some(Ok(())) = written {
            self.batch(&bank, "sampled.csv", &class, TableFormat::Csv);
        }
        let sampled = self.stage("sample", || {
            drawn
                .into_iter()
                .map(|(_, answers)| {
                    let mut set = AnswerSet::new(&bank);
                    for (q, a) in answers.into_iter().enumerate() {
                        set.set(q, a);
                    }
                    set
                })
                .collect::<Vec<_>>()
        });
        for answers in sampled.unwrap_or_default() {
            self.score(&bank, &answers, "sampled answers");
        }
        self.inspect(&bank);
    }

    fn answers(&mut self) {
        let case = self.case;
        let name = case.name.clone();
        let Some(read) = self.stage("read", || SourceFile::from_reader(name.clone(), case.bytes))
        else {
            return;
        };
        match read {
            Ok(source) => self.score_file(&case.pair.bank, source),
            Err(err) => self.error("answers", &Error::Answers(err.into()), &name, &[65]),
        }
    }

    /// `score --answers`: the file read against `bank`, then scored.
    fn score_file(&mut self, bank: &Bank, source: SourceFile) {
        let name = source.name.clone();
        let Some(read) = self.stage("answers", || pathfit::answers::file::read(source, bank))
        else {
            return;
        };
        match read {
            Ok(answers) => {
                self.score(bank, &answers, &name);
                self.adaptive(bank, &answers);
            }
            Err(err) => self.error("answers", &Error::Answers(err), &name, &[65]),
        }
    }

    /// Scoring with the what-if search, and every report format.
    fn score(&mut self, bank: &Bank, answers: &AnswerSet, file: &str) {
        let search = self.searches(bank);
        let scored = self.stage("score", || {
            let scorer = Scorer::new(bank);
            if search {
                scorer.score_with_what_if(answers)
            } else {
                scorer.score(answers)
            }
        });
        let Some(scored) = scored else {
            return;
        };
        let assessment = match scored {
            Ok(assessment) => assessment,
            Err(source) => {
                let err = Error::Score {
                    file: file.to_string(),
                    source,
                };
                return self.error("score", &err, file, &[65]);
            }
        };
        self.assessment("score", &assessment);
        let input = ReportInput {
            bank,
            answers,
            assessment: &assessment,
            quiz: None,
        };
        for (format, stage) in [
            (Format::Text, "report-text"),
            (Format::Json, "report-json"),
            (Format::Markdown, "report-markdown"),
            (Format::Html, "report-html"),
        ] {
            let mut out = Vec::new();
            let Some(written) = self.stage(stage, || format.report(false).write(&input, &mut out))
            else {
                continue;
            };
            if let Err(err) = written {
                self.found(
                    Defect::Exit,
                    stage,
                    format!("exit 74 writing to memory: {err}"),
                );
                continue;
            }
            let text = String::from_utf8_lossy(&out).into_owned();
            match format {
                Format::Json => self.program_json(stage, &text, false),
                // A page for a browser: its markup may hold anything a
                // browser shows safely, but never NaN.
                Format::Html => self.finite_words(stage, &text),
                Format::Text | Format::Markdown => self.person(stage, &text),
            }
        }
    }

    fn assessment(&mut self, stage: &'static str, a: &Assessment) {
        let mut numbers = vec![("margin", a.recommendation.margin)];
        numbers.extend(a.fits.iter().map(|f| ("fit", f.fit)));
        numbers.extend(a.specialties.iter().map(|s| ("specialty fit", s.fit)));
        for d in &a.dimensions {
            numbers.extend([("raw", d.raw), ("min", d.min), ("max", d.max)]);
            numbers.extend(d.score.map(|s| ("score", s)));
        }
        if let Some(w) = &a.what_if {
            numbers.push(("what-if margin", w.margin));
        }
        if let Some((what, value)) = numbers.into_iter().find(|(_, v)| !v.is_finite()) {
            self.found(Defect::NotFinite, stage, format!("{what} is {value}"));
        }
    }

    /// Whether the searches run on this case and bank.
    fn searches(&self, bank: &Bank) -> bool {
        self.case.deep || bank.questions.len() <= SEARCH_QUESTIONS
    }

    /// `score --adaptive`: the answers replayed in adaptive order.
    fn adaptive(&mut self, bank: &Bank, answers: &AnswerSet) {
        if !self.searches(bank) {
            return;
        }
        let replayed = self.stage("adaptive", || {
            let order = question_order(bank, None).questions;
            let chooser = Adaptive::new(bank, &order);
            replay(&chooser, answers).answers
        });
        if let Some(early) = replayed
            && let Some(Ok(a)) = self.stage("adaptive", || engine::score(bank, &early))
        {
            self.assessment("adaptive", &a);
        }
    }

    /// `inspect`, where its search is small; its text and JSON.
    fn inspect(&mut self, bank: &Bank) {
        if !self.searches(bank) {
            return;
        }
        let Some(report) = self.stage("inspect", || {
            engine::analysis::inspect(bank, INSPECT_RESPONDENTS, 1)
        }) else {
            return;
        };
        let mut text = Vec::new();
        if let Some(Ok(())) = self.stage("inspect-text", || {
            pathfit::report::inspect::write_text(&mut text, bank, &report)
        }) {
            self.person("inspect-text", &String::from_utf8_lossy(&text));
        }
        if let Some(Ok(json)) = self.stage("inspect-json", || serde_json::to_string(&report)) {
            self.program_json("inspect-json", &json, false);
        }
    }

    fn table(&mut self) {
        let case = self.case;
        let format = TableFormat::detect(Path::new(&case.name), case.bytes);
        self.batch(&case.pair.bank, &case.name, case.bytes, format);
    }

    /// `batch` on `bytes` named `name`, writing CSV and then JSON Lines.
    fn batch(&mut self, bank: &Bank, name: &str, bytes: &[u8], format: TableFormat) {
        let name = name.to_string();
        for out_format in [TableFormat::Csv, TableFormat::Jsonl] {
            let Some(opened) = self.stage("batch-open", || {
                Respondents::open(bank, &name, bytes, format)
            }) else {
                return;
            };
            let respondents = match opened {
                Ok(respondents) => respondents,
                Err(err) => {
                    let err = Error::Batch(BatchError::Table(err));
                    return self.error("batch-open", &err, &name, &[65]);
                }
            };
            let mut out = Vec::new();
            let mut rows = Vec::new();
            let ran = self.stage("batch", || {
                let progress = Progress {
                    on_error: &mut |row| rows.push(format!("{name}: {row}")),
                    on_bytes: &mut |_| {},
                };
                batch::run(
                    bank,
                    respondents,
                    &mut out,
                    out_format,
                    false,
                    false,
                    progress,
                )
            });
            for row in &rows {
                self.message("batch-row", row, &name);
                self.long("batch-row", row);
            }
            let text = String::from_utf8_lossy(&out).into_owned();
            match out_format {
                TableFormat::Csv => self.finite_words("batch-output", &text),
                TableFormat::Jsonl => self.program_json("batch-output", &text, true),
            }
            match ran {
                Some(Ok(summary)) => {
                    self.person("batch-summary", &summary.describe());
                    if let Ok(json) = serde_json::to_string(&summary) {
                        self.program_json("batch-summary", &json, false);
                    }
                    if summary.failed > 0 {
                        let err = Error::Batch(BatchError::SomeFailed {
                            file: name.clone(),
                            failed: summary.failed,
                            total: summary.failed + summary.scored,
                        });
                        self.error("batch", &err, &name, &[65]);
                    }
                }
                Some(Err(err)) => self.error("batch", &Error::Batch(err), &name, &[65, 74]),
                None => {}
            }
        }
    }

    fn session(&mut self) {
        let case = self.case;
        let file = case
            .scratch
            .join(Path::new(&case.name).file_name().unwrap_or_default());
        let path = file.display().to_string();
        let written = std::fs::File::create(&file).and_then(|mut f| f.write_all(case.bytes));
        written.unwrap_or_else(|e| panic!("{path}: {e}"));
        let Some(loaded) = self.stage("session-load", || Session::load(&file)) else {
            return;
        };
        let session = match loaded {
            Ok(session) => session,
            Err(err) => return self.error("session-load", &Error::Session(err), &path, &[65]),
        };
        let spec = BankSpec::parse(&session.bank.source);
        if let BankSpec::File(bank_path) = &spec
            && bank_path.exists()
            && !bank_path.is_file()
        {
            // A mutant naming a device or a folder: issue 11's class 12,
            // and not worth the risk of reading it here.
            return;
        }
        let Some(bank) = self.stage("session-bank", || spec.load()) else {
            return;
        };
        let bank = match bank {
            Ok(bank) => bank,
            // As `take --resume` does: the session file chose the bank, so
            // the error is the session's.
            Err(err) => {
                let err = SessionError::bank(&file, &session.bank.source, err);
                return self.error("session-bank", &Error::Session(err), &path, &[65, 66]);
            }
        };
        let Some(restored) = self.stage("session-restore", || session.restore(&bank, &file)) else {
            return;
        };
        match restored {
            Ok(quiz) => {
                let answers = quiz.answers().clone();
                if answers.answered() > 0 {
                    self.score(&bank, &answers, "your answers");
                }
            }
            Err(err) => self.error("session-restore", &Error::Session(err), &path, &[65]),
        }
    }
}

/// The stages that draw problems with the diagnostics renderer.
fn is_drawing(stage: &str) -> bool {
    matches!(
        stage,
        "validate-text" | "load" | "answers" | "score" | "batch-open" | "session-load"
    ) || stage.starts_with("session")
}

/// An error as `pathfit` prints it on standard error, without colours.
fn render_error(err: &Error) -> String {
    match err.problems() {
        Some(found) => format!("error: {}", render::report(found, false)),
        None => format!("error: {}", render::plain(&err.to_string())),
    }
}

/// The words `nan`, `inf` and `infinity` in `text`, lowercased, where they
/// stand alone (not inside `information`).
pub fn number_words(text: &str) -> HashSet<String> {
    // YAML's own spellings, quoted in the hint that refuses them.
    let text = text.replace("`.inf`", "").replace("`.nan`", "");
    text.split(|c: char| !c.is_ascii_alphabetic())
        .map(str::to_ascii_lowercase)
        .filter(|w| matches!(w.as_str(), "nan" | "inf" | "infinity"))
        .collect()
}

/// The first key whose value is always a number but is null.
fn null_number(value: &serde_json::Value) -> Option<String> {
    const NUMBERS: &[&str] = &[
        "fit",
        "margin",
        "raw",
        "min",
        "max",
        "share",
        "advantage",
        "best_margin",
        "swing",
        "average_asked",
    ];
    match value {
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            if v.is_null() && NUMBERS.contains(&k.as_str()) {
                Some(k.clone())
            } else {
                null_number(v)
            }
        }),
        serde_json::Value::Array(items) => items.iter().find_map(null_number),
        _ => None,
    }
}

thread_local! {
    /// The current thread is exercising a mutant: its panics are findings.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last such panic's message and place.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that keeps a mutant's panic for the finding instead of
/// printing it, and leaves every other thread's panics as they were.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) {
                let payload = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let mut message = payload;
                if let Some(at) = info.location() {
                    let _ = write!(message, " (at {}:{})", at.file(), at.line());
                }
                PANIC.with(|p| *p.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

mod tests {
    use super::*;
    use crate::mutants::corpus;

    fn run<'a>(case: &'a Case<'a>) -> Run<'a> {
        install_hook();
        Run {
            case,
            allowed_words: HashSet::new(),
            wide: false,
            findings: Vec::new(),
            allocations: 0,
            peak_bytes: 0,
        }
    }

    #[test]
    fn the_checks_catch_what_they_look_for() {
        let pairs = corpus::pairs();
        let scratch = tempfile::tempdir().unwrap();
        let case = Case {
            kind: Kind::Answers,
            name: "a.yaml".to_string(),
            bytes: b"",
            pair: &pairs[0],
            scratch: scratch.path(),
            deep: false,
        };
        let mut run = run(&case);
        assert_eq!(run.stage("ok", || 7), Some(7));
        assert_eq!(run.stage("boom", || -> u8 { panic!("on purpose") }), None);
        run.person("text", "Fine (NaN%) \u{1b}[2J");
        run.person("text", "information about infants is fine");
        run.message("message", "error: b.yaml: wrong", "a.yaml");
        run.program_json("json", r#"{"fits": [{"fit": null}]}"#, false);
        run.program_json("json", r#"{"score": null}"#, false);
        run.exit("exit", 101, &[65]);
        let found: Vec<(Defect, &str)> = run.findings.iter().map(|f| (f.defect, f.stage)).collect();
        assert_eq!(
            found,
            [
                (Defect::Panic, "boom"),
                (Defect::Hidden, "text"),
                (Defect::NotFinite, "text"),
                (Defect::Unnamed, "message"),
                (Defect::NotFinite, "json"),
                (Defect::Exit, "exit"),
            ]
        );
        assert!(
            run.findings[0].detail.contains("on purpose"),
            "{:?}",
            run.findings[0]
        );
    }

    #[test]
    fn number_words_stand_alone() {
        let words = number_words("NaN% and -inf, not information or Infinity5");
        let mut words: Vec<String> = words.into_iter().collect();
        words.sort();
        assert_eq!(words, ["inf", "infinity", "nan"]);
    }
}
