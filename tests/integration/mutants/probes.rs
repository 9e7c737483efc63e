//! Inputs that grow along one axis only — a longer list, a longer scale,
//! more options — for the two classes a single small mutant cannot show:
//! memory that grows with a list's length (issue 11, class 8) and searches
//! whose work grows with the scale (class 10). A memory probe is exercised
//! at two sizes, and what the larger one costs beyond the smaller one is
//! compared with how much larger it is. A search probe runs the binary
//! under the test support's guard against hangs: allocations are no
//! measure of a search's work (they grow linearly with the scale while its
//! time grows with the cube), and nothing else can be counted from outside.

use std::fmt::Write as _;

use pathfit::answers::AnswerSet;
use pathfit::bank::Bank;
use pathfit::input::source::SourceFile;

/// A bank with `points` scale points, `likert` likert questions and
/// `multis` multi questions of `options` options, over two dimensions and
/// three roles.
pub fn bank_text(points: usize, likert: usize, multis: usize, options: usize) -> String {
    let mut text = String::from("id: probe\ntitle: Probe\nversion: 1\nscale:\n");
    for p in 1..=points {
        let _ = writeln!(text, "  - {{ value: {p}, label: Point {p} }}");
    }
    text.push_str(
        "dimensions:\n\
         \x20 - { id: hands, name: Hands, low: Rarely, high: Always }\n\
         \x20 - { id: people, name: People, low: Alone, high: Crowds }\n\
         roles:\n\
         \x20 - { id: maker, name: Maker, summary: Makes., profile: { hands: 0.9, people: 0.2 } }\n\
         \x20 - { id: helper, name: Helper, summary: Helps., profile: { hands: 0.2, people: 0.9 } }\n\
         \x20 - { id: mixer, name: Mixer, summary: Mixes., profile: { hands: 0.55, people: 0.5 } }\n\
         questions:\n",
    );
    for q in 0..likert {
        let dimension = if q % 2 == 0 { "hands" } else { "people" };
        let _ = writeln!(
            text,
            "  - {{ id: l{q}, kind: likert, text: Question {q}., dimension: {dimension} }}"
        );
    }
    for m in 0..multis {
        let _ = writeln!(
            text,
            "  - id: pick{m}\n    kind: multi\n    text: Pick some.\n    options:"
        );
        for o in 0..options {
            let dimension = if o % 2 == 0 { "hands" } else { "people" };
            let _ = writeln!(
                text,
                "      - {{ id: o{o}, text: Option {o}, scores: {{ {dimension}: 1 }} }}"
            );
        }
    }
    text
}

/// Loads a probe bank; it must load.
pub fn load(text: &str) -> Bank {
    pathfit::bank::load(SourceFile::new("probe.yaml", text)).unwrap_or_else(|e| panic!("{e}"))
}

/// A half-answered respondent whose answers lean to no role: the case where
/// the what-if search cannot take its shortcut.
pub fn half_answered(bank: &Bank) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    let candidates: Vec<_> = bank
        .questions
        .iter()
        .map(|q| pathfit::answers::candidates(&q.kind))
        .collect();
    for (q, options) in candidates.iter().enumerate().step_by(2) {
        answers.set(q, options[options.len() / 2].clone());
    }
    answers
}

/// One input of a memory probe, `items` long.
pub struct Grown {
    pub kind: super::corpus::Kind,
    /// The seed bank it goes with.
    pub key: &'static str,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// The memory probes: a multi answer, a CSV cell and a bank's list, each
/// repeating one item `items` times.
pub fn grown(items: usize) -> Vec<(&'static str, Grown)> {
    use super::corpus::Kind;
    let repeat = |item: &str, sep: &str| vec![item; items].join(sep);
    let json_list = repeat("\"calm-patient\"", ",");
    vec![
        (
            "an answers file in JSON whose multi answer repeats one option",
            Grown {
                kind: Kind::Answers,
                key: "healthcare",
                ext: "json",
                bytes: format!("{{\"answers\": {{\"satisfying-tasks\": [{json_list}]}}}}")
                    .into_bytes(),
            },
        ),
        (
            "an answers file in YAML whose multi answer repeats one option",
            Grown {
                kind: Kind::Answers,
                key: "healthcare",
                ext: "yaml",
                bytes: format!(
                    "answers:\n  satisfying-tasks: [{}]\n",
                    repeat("calm-patient", ", ")
                )
                .into_bytes(),
            },
        ),
        (
            "a CSV cell listing one option again and again",
            Grown {
                kind: Kind::Table,
                key: "healthcare",
                ext: "csv",
                bytes: format!(
                    "respondent,satisfying-tasks\ns1,{}\n",
                    repeat("calm-patient", ";")
                )
                .into_bytes(),
            },
        ),
        (
            "a JSON Lines row whose multi answer repeats one option",
            Grown {
                kind: Kind::Table,
                key: "healthcare",
                ext: "jsonl",
                bytes: format!(
                    "{{\"respondent\": \"s1\", \"answers\": {{\"satisfying-tasks\": [{json_list}]}}}}\n"
                )
                .into_bytes(),
            },
        ),
        (
            "a bank whose role lists one example again and again",
            Grown {
                kind: Kind::Bank,
                key: "tiny",
                ext: "yaml",
                bytes: bank_text(5, 2, 1, 3)
                    .replacen(
                        "summary: Makes.,",
                        &format!("summary: Makes., examples: [{}],", repeat("an example", ", ")),
                        1,
                    )
                    .into_bytes(),
            },
        ),
    ]
}
