//! The seeds the mutants grow from: the bundled banks and the test banks,
//! each with answers that fit it; those answers as YAML and JSON; a class
//! of each bank as CSV and JSON Lines; and saved sessions. Each seed has a
//! key (`healthcare`, `six`, …) that found inputs are filed under, so a
//! replayed fixture is checked with the same bank and answers again.

use std::path::{Path, PathBuf};

use pathfit::answers::answer_value;
use pathfit::answers::tabular::{TableFormat, write_respondents};
use pathfit::bank::Bank;
use pathfit::engine::sample::Sampler;
use pathfit::input::source::SourceFile;
use pathfit::input::yaml;

use super::mutate::Syntax;

/// What a seed or mutant is, and so which commands read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A bank file: `validate`, `score --bank`, `inspect`.
    Bank,
    /// An answers file: `score --answers`.
    Answers,
    /// A class table: `batch --answers`.
    Table,
    /// A saved session: `take --resume`.
    Session,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Bank, Kind::Answers, Kind::Table, Kind::Session];

    /// The folder of `tests/fixtures/mutants/` its found inputs go to.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Bank => "banks",
            Kind::Answers => "answers",
            Kind::Table => "tables",
            Kind::Session => "sessions",
        }
    }
}

/// A bank with answers that fit it.
pub struct Pair {
    pub key: &'static str,
    pub bank_name: String,
    pub bank_text: String,
    pub bank: Bank,
    pub answers_name: String,
    pub answers_text: String,
}

/// One file to mutate.
pub struct Seed {
    /// The [`Pair`] it belongs to.
    pub key: &'static str,
    /// `yaml`, `json`, `csv` or `jsonl`.
    pub ext: &'static str,
    pub syntax: Syntax,
    pub bytes: Vec<u8>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every bank the mutants use, each with its answers. The paths are
/// relative to the crate, as a session names its bank.
const PAIRS: &[(&str, &str, &str)] = &[
    (
        "healthcare",
        "questions/healthcare.yaml",
        "examples/clinician.yaml",
    ),
    (
        "interests",
        "questions/interests.yaml",
        "examples/interests.yaml",
    ),
    (
        "six",
        "tests/fixtures/six.yaml",
        "tests/fixtures/answers/six.yaml",
    ),
    (
        "tiny",
        "tests/fixtures/banks/valid-tiny.yaml",
        "tests/fixtures/answers/tiny.yaml",
    ),
    (
        "close",
        "tests/fixtures/close/bank.yaml",
        "tests/fixtures/close/answers.yaml",
    ),
    (
        "hostile",
        "tests/fixtures/hostile/bank.yaml",
        "tests/fixtures/hostile/answers.yaml",
    ),
    // No answers file: one random respondent's, as JSON.
    ("quiz", "tests/fixtures/quiz.yaml", ""),
];

/// More answers files, each for one of the banks above.
const MORE_ANSWERS: &[(&str, &str)] = &[
    ("healthcare", "examples/technician.yaml"),
    ("healthcare", "tests/fixtures/answers/by-value.json"),
    ("healthcare", "tests/fixtures/answers/by-label.yaml"),
    ("healthcare", "tests/fixtures/answers/with-skips.yaml"),
];

/// The banks, loaded, with their answers.
pub fn pairs() -> Vec<Pair> {
    PAIRS
        .iter()
        .map(|&(key, bank_path, answers_path)| {
            let bank_text = read(bank_path);
            let bank = pathfit::bank::load(SourceFile::new(bank_path, bank_text.clone()))
                .unwrap_or_else(|e| panic!("{e}"));
            let (answers_name, answers_text) = if answers_path.is_empty() {
                (format!("{key}-answers.json"), sampled_answers(&bank))
            } else {
                (answers_path.to_string(), read(answers_path))
            };
            Pair {
                key,
                bank_name: bank_path.to_string(),
                bank_text,
                bank,
                answers_name,
                answers_text,
            }
        })
        .collect()
}

/// One random respondent of `bank` as an answers file in JSON.
fn sampled_answers(bank: &Bank) -> String {
    let (_, answers) = Sampler::new(bank, 3).next().unwrap();
    let answers: serde_json::Map<String, serde_json::Value> = bank
        .questions
        .iter()
        .zip(&answers)
        .filter_map(|(q, a)| Some((q.id.clone(), answer_value(q, a.as_ref()?))))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "bank": bank.id, "answers": answers }))
        .unwrap()
}

pub fn pair<'p>(pairs: &'p [Pair], key: &str) -> &'p Pair {
    pairs
        .iter()
        .find(|p| p.key == key)
        .unwrap_or_else(|| panic!("no seed bank `{key}`"))
}

/// One line of JSON for `text`'s YAML.
fn minified(text: &str) -> String {
    let value = yaml::to_json(text).unwrap_or_else(|p| panic!("{}", p.message));
    serde_json::to_string(&value).unwrap()
}

/// Every seed of `kind`.
pub fn seeds(pairs: &[Pair], kind: Kind) -> Vec<Seed> {
    let mut seeds = Vec::new();
    let mut push = |key, ext, syntax, text: String| {
        seeds.push(Seed {
            key,
            ext,
            syntax,
            bytes: text.into_bytes(),
        })
    };
    match kind {
        Kind::Bank => {
            for p in pairs {
                push(p.key, "yaml", Syntax::Yaml, p.bank_text.clone());
            }
            for key in ["healthcare", "six"] {
                let text = &pair(pairs, key).bank_text;
                push(key, "json", Syntax::Json, minified(text));
            }
            // A one-line JSON bank over 65,535 columns wide, so that any
            // problem the mutants make in it is far along the line.
            let mut value = yaml::to_json(&pair(pairs, "healthcare").bank_text).unwrap();
            value["description"] = serde_json::Value::String("wide ".repeat(14_000));
            push(
                "healthcare",
                "json",
                Syntax::Json,
                serde_json::to_string(&value).unwrap(),
            );
        }
        Kind::Answers => {
            for p in pairs {
                let syntax = syntax_of(&p.answers_name);
                push(p.key, ext_of(syntax), syntax, p.answers_text.clone());
            }
            for &(key, path) in MORE_ANSWERS {
                let syntax = syntax_of(path);
                push(key, ext_of(syntax), syntax, read(path));
            }
            push(
                "healthcare",
                "json",
                Syntax::Json,
                minified(&pair(pairs, "healthcare").answers_text),
            );
        }
        Kind::Table => {
            for p in pairs {
                if p.key == "quiz" {
                    continue;
                }
                for (format, ext, syntax) in [
                    (TableFormat::Csv, "csv", Syntax::Csv),
                    (TableFormat::Jsonl, "jsonl", Syntax::Jsonl),
                ] {
                    let mut out = Vec::new();
                    write_respondents(&p.bank, format, Sampler::new(&p.bank, 11).take(6), &mut out)
                        .unwrap();
                    push(p.key, ext, syntax, String::from_utf8(out).unwrap());
                }
            }
        }
        Kind::Session => {
            for p in pairs {
                if !matches!(p.key, "healthcare" | "interests" | "six" | "close") {
                    continue;
                }
                for adaptive in [false, true] {
                    push(p.key, "json", Syntax::Json, session(p, adaptive));
                }
            }
        }
    }
    seeds
}

fn syntax_of(path: &str) -> Syntax {
    if path.ends_with(".json") {
        Syntax::Json
    } else {
        Syntax::Yaml
    }
}

fn ext_of(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::Json => "json",
        Syntax::Csv => "csv",
        Syntax::Jsonl => "jsonl",
        Syntax::Yaml => "yaml",
    }
}

/// A session saved halfway through `pair`'s answers: the first half
/// answered, one question skipped, the rest still open.
fn session(pair: &Pair, adaptive: bool) -> String {
    let answers = yaml::to_json(&pair.answers_text).unwrap();
    let answers = answers["answers"].as_object().cloned().unwrap_or_default();
    let half = answers.len() / 2;
    let kept: serde_json::Map<String, serde_json::Value> = answers
        .iter()
        .take(half)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let skipped: Vec<&String> = answers.keys().skip(half).take(1).collect();
    let mut session = serde_json::json!({
        "pathfit_session": 1,
        "bank": {
            "id": pair.bank.id,
            "version": pair.bank.version,
            "digest": pair.bank.digest,
            "source": if pair.key == "healthcare" || pair.key == "interests" {
                pair.key.to_string()
            } else {
                pair.bank_name.clone()
            },
        },
        "seed": 7,
        "answers": kept,
        "skipped": skipped,
    });
    if adaptive {
        let asked: Vec<&String> = answers.keys().take(half + 1).collect();
        session["adaptive"] = serde_json::json!({ "asked": asked, "keep_going": false });
    }
    serde_json::to_string_pretty(&session).unwrap()
}

/// `tests/fixtures/mutants/`.
pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures/mutants")
}

/// The seed key of a found input's file name (`six--banks-00042.yaml`).
pub fn key_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    name.split_once("--").map(|(key, _)| key.to_string())
}
