//! The checked, typed bank that the rest of pathfit works with. Everything
//! here is valid by construction: ids are unique, dimensions are referred to
//! by index, every role has a target for every dimension.

/// Index of a dimension in [`Bank::dimensions`].
pub type DimIdx = usize;

/// How many answered questions per dimension adaptive mode wants before it
/// stops, when the bank does not say (`min_per_dimension`).
pub const DEFAULT_MIN_PER_DIMENSION: usize = 2;

/// The language of a bank that does not say.
pub const DEFAULT_LANGUAGE: &str = "en";

#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub description: Option<String>,
    /// A language tag such as `en` or `pt-BR`: what the bank's texts are
    /// written in.
    pub language: String,
    pub thresholds: Thresholds,
    /// Adaptive mode's least number of answered questions per dimension.
    pub min_per_dimension: usize,
    pub dimensions: Vec<Dimension>,
    pub roles: Vec<Role>,
    pub questions: Vec<Question>,
    /// SHA-256 of the bank's text, in hex: tells whether a saved session was
    /// made with this very bank.
    pub digest: String,
}

/// Minimum margins for a `clear` and a `lean` verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub clear: f64,
    pub lean: f64,
}

impl Thresholds {
    /// The verdict on a lead of `margin` over the runner-up; a tie (`margin`
    /// of 0) is always `close`. The one rule for turning a margin into words.
    pub fn verdict(&self, margin: f64, tie: bool) -> Verdict {
        if tie {
            Verdict::Close
        } else if margin >= self.clear {
            Verdict::Clear
        } else if margin >= self.lean {
            Verdict::Lean
        } else {
            Verdict::Close
        }
    }
}

/// How clearly the best role beat the runner-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Clear,
    Lean,
    Close,
}

impl Verdict {
    /// Every verdict, clearest first: the order they are counted and listed in.
    pub const ALL: [Verdict; 3] = [Verdict::Clear, Verdict::Lean, Verdict::Close];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clear => "clear",
            Verdict::Lean => "lean",
            Verdict::Close => "close",
        }
    }
}

impl serde::Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// How many results got each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerdictCounts([usize; 3]);

impl VerdictCounts {
    pub fn add(&mut self, verdict: Verdict) {
        self.0[verdict as usize] += 1;
    }

    pub fn get(&self, verdict: Verdict) -> usize {
        self.0[verdict as usize]
    }

    /// `(verdict, count)` for every verdict, clearest first.
    pub fn iter(&self) -> impl Iterator<Item = (Verdict, usize)> + '_ {
        Verdict::ALL.into_iter().map(|v| (v, self.get(v)))
    }
}

impl serde::Serialize for VerdictCounts {
    /// `{"clear": n, "lean": n, "close": n}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(v, n)| (v.as_str(), n)))
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            clear: 0.10,
            lean: 0.03,
        }
    }
}

/// An answer scale. Its points are shared, not copied, by every question
/// that uses the bank's scale: 10,000 questions on a 10,000-point scale
/// hold one list of points, not a hundred million.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub points: std::sync::Arc<[ScalePoint]>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScalePoint {
    pub value: f64,
    pub label: String,
}

impl Scale {
    /// The five-point agree/disagree scale used when a bank names none.
    pub fn default_likert() -> Self {
        let labels = [
            "Strongly disagree",
            "Disagree",
            "Not sure",
            "Agree",
            "Strongly agree",
        ];
        Scale {
            points: labels
                .iter()
                .zip(1..)
                .map(|(label, value)| ScalePoint {
                    value: f64::from(value),
                    label: label.to_string(),
                })
                .collect(),
        }
    }

    pub fn min(&self) -> f64 {
        self.points
            .iter()
            .map(|p| p.value)
            .fold(f64::INFINITY, f64::min)
    }

    pub fn max(&self) -> f64 {
        self.points
            .iter()
            .map(|p| p.value)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    pub fn by_value(&self, value: f64) -> Option<&ScalePoint> {
        self.points.iter().find(|p| p.value == value)
    }

    /// Labels match ignoring case and surrounding spaces.
    pub fn by_label(&self, label: &str) -> Option<&ScalePoint> {
        let label = label.trim();
        self.points
            .iter()
            .find(|p| p.label.eq_ignore_ascii_case(label))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub low: String,
    pub high: String,
    pub weight: f64,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Target score per dimension, indexed like [`Bank::dimensions`].
    pub profile: Vec<f64>,
    pub facts: Vec<(String, String)>,
    pub examples: Vec<String>,
    pub next_steps: Vec<String>,
    pub source: Option<String>,
    pub specialties: Vec<Specialty>,
}

/// A concrete job inside a role.
#[derive(Debug, Clone, PartialEq)]
pub struct Specialty {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    /// Target score per dimension, indexed like [`Bank::dimensions`].
    pub profile: Vec<f64>,
    pub facts: Vec<(String, String)>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub help: Option<String>,
    pub kind: QuestionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyed {
    Plus,
    Minus,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// Agree/disagree on a scale; the bank's scale unless the question has
    /// its own.
    Likert {
        dimension: DimIdx,
        keyed: Keyed,
        weight: f64,
        scale: Scale,
    },
    /// Pick one option.
    Choice { options: Vec<ChoiceOption> },
    /// Pick any number of options, none included.
    Multi { options: Vec<ChoiceOption> },
    /// A number in `min..=max`.
    Number {
        dimension: DimIdx,
        min: f64,
        max: f64,
        unit: Option<String>,
        weight: f64,
    },
}

impl QuestionKind {
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::Likert { .. } => "likert",
            QuestionKind::Choice { .. } => "choice",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Number { .. } => "number",
        }
    }

    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => options,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub id: String,
    pub text: String,
    /// Points per dimension; dimensions the option does not name are absent.
    pub scores: Vec<(DimIdx, f64)>,
}

impl ChoiceOption {
    pub fn score(&self, dimension: DimIdx) -> f64 {
        self.scores
            .iter()
            .find(|(d, _)| *d == dimension)
            .map_or(0.0, |(_, s)| *s)
    }
}

impl Question {
    /// The dimensions an answer to this question can move: its dimension,
    /// or those on which its options' scores differ (a multi question moves
    /// a dimension as soon as one option scores it).
    pub fn moves(&self) -> Vec<DimIdx> {
        match &self.kind {
            QuestionKind::Likert { dimension, .. } | QuestionKind::Number { dimension, .. } => {
                vec![*dimension]
            }
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                let multi = matches!(self.kind, QuestionKind::Multi { .. });
                let mut dims: Vec<DimIdx> = options
                    .iter()
                    .flat_map(|o| o.scores.iter().map(|(d, _)| *d))
                    .collect();
                dims.sort_unstable();
                dims.dedup();
                dims.retain(|&d| {
                    let scores: Vec<f64> = options.iter().map(|o| o.score(d)).collect();
                    if multi {
                        scores.iter().any(|s| *s != 0.0)
                    } else {
                        scores.iter().any(|s| *s != scores[0])
                    }
                });
                dims
            }
        }
    }
}

impl Bank {
    /// A rough time to answer `questions` in seconds: reading and choosing
    /// takes longer for lists than for a scale.
    pub fn estimated_seconds(&self, questions: &[usize]) -> u64 {
        questions
            .iter()
            .map(|&q| match self.questions[q].kind {
                QuestionKind::Likert { .. } => 8,
                QuestionKind::Number { .. } => 10,
                QuestionKind::Choice { .. } => 12,
                QuestionKind::Multi { .. } => 20,
            })
            .sum()
    }

    pub fn dimension_index(&self, id: &str) -> Option<DimIdx> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::QuestionKind;
    use crate::bank::bundled::BankSpec;

    /// Questions on the bank's scale share its points: a long scale used by
    /// many questions costs memory once (a 494 KB bank with a 10,000-point
    /// scale and 2,000 questions took 1.2 GB when each held a copy).
    #[test]
    fn questions_share_the_bank_scale_instead_of_copying_it() {
        let bank = BankSpec::parse("tests/fixtures/close/bank.yaml")
            .load()
            .unwrap();
        let scales: Vec<_> = (bank.questions.iter())
            .filter_map(|q| match &q.kind {
                QuestionKind::Likert { scale, .. } => Some(&scale.points),
                _ => None,
            })
            .collect();
        assert!(scales.len() >= 2);
        assert!(
            scales
                .windows(2)
                .all(|w| std::sync::Arc::ptr_eq(w[0], w[1]))
        );
    }
}
