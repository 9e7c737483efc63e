//! Every check the bank format promises, turning the definitions read from
//! YAML into the typed [`Bank`]: ids, texts, weights, scales, thresholds and
//! dimensions here; roles, their specialties, facts and profiles in
//! [`roles`]; questions and their options in [`questions`]; the bounds of
//! [`super::bounds`] on every number, list and text in [`limits`].

mod at;
mod limits;
mod questions;
mod roles;

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use super::bounds::*;
use super::def::*;
use super::model::*;
use crate::diag::problem::Target;
use crate::diag::{Code, Problem, did_you_mean, path};
use crate::input::yaml::Node;
use crate::visible::excerpt;
use at::At;

pub(super) struct Checker<'p> {
    problems: &'p mut Vec<Problem>,
    /// Ids of dimensions whose definition could not be read: references to
    /// them are not reported again as unknown.
    pub(super) broken_dimension_ids: HashSet<String>,
    /// A list of the bank was longer than its bound and only its first
    /// items are checked: what holds for all of them is not checked.
    cut_short: bool,
}

/// Where each dimension id is defined.
struct DimensionIds(HashMap<String, DimIdx>);

impl<'p> Checker<'p> {
    pub(super) fn new(problems: &'p mut Vec<Problem>) -> Self {
        Checker {
            problems,
            broken_dimension_ids: HashSet::new(),
            cut_short: false,
        }
    }

    fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub(super) fn read_list<T: serde::de::DeserializeOwned>(
        &mut self,
        name: &str,
        nodes: &[Node],
        unknown: &mut dyn FnMut(String) -> Problem,
    ) -> Vec<Option<T>> {
        nodes
            .iter()
            .enumerate()
            .map(|(i, node)| node.read(&path::index(name, i), unknown, self.problems))
            .collect()
    }

    pub(super) fn bank(
        &mut self,
        header: Option<BankDef>,
        dimensions: &[Option<DimensionDef>],
        roles: &[Option<RoleDef>],
        questions: &[Option<QuestionDef>],
    ) -> Option<Bank> {
        let header_ok = header.is_some();
        let (scale, thresholds) = match &header {
            Some(h) => {
                self.id(At::top("id"), &h.id);
                self.text(At::top("title"), &h.title);
                if h.version == 0 {
                    self.push(
                        Problem::new(Code::BadVersion, "version", "the version must be 1 or more")
                            .hint("start at 1 and raise it whenever questions or profiles change"),
                    );
                }
                if let Some(description) = &h.description {
                    self.text(At::top("description"), description);
                }
                if let Some(language) = &h.language {
                    self.language(language);
                }

                let scale = match &h.scale {
                    Some(points) => self.scale(At::top("scale"), points),
                    None => Some(Scale::default_likert()),
                };
                (scale, self.thresholds(h.thresholds.as_ref()))
            }
            None => (Some(Scale::default_likert()), Thresholds::default()),
        };

        let dimension_ids = self.dimensions(dimensions);
        let built_dimensions: Vec<Dimension> = dimensions
            .iter()
            .flatten()
            .filter(|d| dimension_ids.0.contains_key(&d.id))
            .map(|d| Dimension {
                id: d.id.clone(),
                name: d.name.trim().to_string(),
                low: d.low.trim().to_string(),
                high: d.high.trim().to_string(),
                weight: d.weight.unwrap_or(1.0),
                description: d.description.clone(),
            })
            .collect();
        let built_roles = self.roles(roles, &dimension_ids);
        let built_questions = self.questions(questions, &dimension_ids, scale.as_ref());

        if questions.iter().all(Option::is_some) && !self.cut_short {
            self.unmeasured(dimensions, questions);
        }
        let header = header?;
        let complete = header_ok
            && dimensions.iter().all(Option::is_some)
            && roles.iter().all(Option::is_some)
            && questions.iter().all(Option::is_some);
        if !complete || !self.problems.is_empty() {
            return None;
        }
        Some(Bank {
            id: header.id,
            title: header.title.trim().to_string(),
            version: header.version,
            description: header.description.map(|d| d.trim().to_string()),
            language: header
                .language
                .unwrap_or_else(|| DEFAULT_LANGUAGE.to_string()),
            thresholds,
            min_per_dimension: header
                .min_per_dimension
                .map_or(DEFAULT_MIN_PER_DIMENSION, |n| n as usize),
            dimensions: built_dimensions,
            roles: built_roles,
            questions: built_questions,
            digest: String::new(),
        })
    }

    /// A language tag: a two- or three-letter language, then up to four
    /// `-` parts of letters and digits (`en`, `pt-BR`, `zh-Hant-TW`).
    fn language(&mut self, language: &str) {
        let mut parts = language.split('-');
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let valid = (2..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_alphabetic())
            && rest.len() <= 4
            && rest.iter().all(|p| {
                (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !valid {
            self.push(
                Problem::new(
                    Code::BadLanguage,
                    "language",
                    format!(
                        "`{}` is not a language tag",
                        crate::visible::excerpt(language)
                    ),
                )
                .hint("write a language tag such as `en`, `fr`, `he` or `pt-BR`, or leave `language` out for English"),
            );
        }
    }

    fn id(&mut self, at: At<'_>, id: &str) {
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            let suggestion: String = id
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            let hint = if suggestion.is_empty() || suggestion.chars().all(|c| c == '-') {
                "use lowercase letters, digits, `-` and `_`".to_string()
            } else {
                format!(
                    "use lowercase letters, digits, `-` and `_`, for example `{}`",
                    excerpt(&suggestion)
                )
            };
            let id = excerpt(id);
            self.push(
                Problem::new(Code::BadId, at, format!("`{id}` is not a valid id")).hint(hint),
            );
        }
    }

    fn text(&mut self, at: At<'_>, text: &str) {
        if text.trim().is_empty() {
            self.push(
                Problem::new(Code::EmptyText, at, "this text is empty")
                    .hint("write the text, or remove the field if it is optional"),
            );
        }
        self.shown(at, text, Target::Value);
    }

    fn weight(&mut self, at: At<'_>, weight: Option<f64>) -> f64 {
        let weight = weight.unwrap_or(1.0);
        if !(weight.is_finite() && weight > 0.0) {
            self.push(
                Problem::new(
                    Code::BadWeight,
                    at,
                    format!(
                        "the weight must be a number greater than 0, not {}",
                        show(weight)
                    ),
                )
                .hint("1.0 is the default; use 2 to count something twice as much"),
            );
        } else if let Some(message) = weight_problem(weight) {
            self.push(Problem::new(Code::NumberOutOfBounds, at, message).hint(
                "use a weight from 0.001 to 1000: only how weights compare matters, and 2 counts twice as much as 1",
            ));
        }
        weight
    }

    /// Reports an id already used in the same list; true when it is new.
    /// `seen` keeps where each id was first used as `here` (the indices of
    /// its item, not a path: a 10,000-question bank keeps 10,000), and
    /// `place` makes them a path again for a message.
    fn unique<'a, 'w, P: Copy>(
        &mut self,
        seen: &mut HashMap<&'a str, P>,
        id: &'a str,
        here: P,
        place: impl Fn(P) -> At<'w>,
        what: &str,
    ) -> bool {
        match seen.get(id) {
            Some(&first) => {
                let first = place(first);
                self.push(
                    Problem::new(
                        Code::DuplicateId,
                        place(here).key("id"),
                        format!("the {what} id `{}` is used twice", excerpt(id)),
                    )
                    .hint(format!(
                        "it is already used at {first}; give each {what} its own id"
                    )),
                );
                false
            }
            None => {
                seen.insert(id, here);
                true
            }
        }
    }

    fn scale(&mut self, at: At<'_>, points: &[ScalePointDef]) -> Option<Scale> {
        let before = self.problems.len();
        if points.len() < 2 {
            self.push(
                Problem::new(
                    Code::SmallScale,
                    at,
                    format!(
                        "a scale needs at least two points, this one has {}",
                        points.len()
                    ),
                )
                .hint("list the answers from lowest to highest, e.g. 1 Disagree .. 5 Agree"),
            );
        }
        let within = self.within(at, points.len(), MAX_SCALE_POINTS, "a scale", "points");
        let points = &points[..within];
        // By the value's bits (0 and -0 as one), so a long scale costs no
        // more than a short one per point.
        let mut values: HashMap<u64, usize> = HashMap::new();
        let mut labels: HashMap<String, usize> = HashMap::new();
        for (i, point) in points.iter().enumerate() {
            let here = at.index(i);
            if self.number(here.key("value"), point.value) {
                let bits = if point.value == 0.0 {
                    0
                } else {
                    point.value.to_bits()
                };
                if let Some(first) = values.get(&bits) {
                    self.push(
                        Problem::new(
                            Code::DuplicateValue,
                            here.key("value"),
                            format!("the scale value {} is used twice", show(point.value)),
                        )
                        .hint(format!(
                            "{} already has it; give each point its own value",
                            at.index(*first)
                        )),
                    );
                } else {
                    values.insert(bits, i);
                }
            }
            self.text(here.key("label"), &point.label);
            let key = point.label.trim().to_lowercase();
            if let Some(first) = labels.get(&key) {
                self.push(
                    Problem::new(
                        Code::DuplicateLabel,
                        here.key("label"),
                        format!(
                            "the scale label `{}` is used twice",
                            excerpt(point.label.trim())
                        ),
                    )
                    .hint(format!(
                        "{} already has it; answers may give a label, so each must be unique",
                        at.index(*first)
                    )),
                );
            } else {
                labels.insert(key, i);
            }
        }
        (self.problems.len() == before).then(|| Scale {
            points: points
                .iter()
                .map(|p| ScalePoint {
                    value: p.value,
                    label: p.label.trim().to_string(),
                })
                .collect(),
        })
    }

    fn thresholds(&mut self, def: Option<&ThresholdsDef>) -> Thresholds {
        let default = Thresholds::default();
        let Some(def) = def else { return default };
        let thresholds = Thresholds {
            clear: def.clear.unwrap_or(default.clear),
            lean: def.lean.unwrap_or(default.lean),
        };
        for (name, value) in [("clear", thresholds.clear), ("lean", thresholds.lean)] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                self.push(
                    Problem::new(
                        Code::BadThreshold,
                        path::key("thresholds", name),
                        format!(
                            "the `{name}` threshold must be between 0 and 1, not {}",
                            show(value)
                        ),
                    )
                    .hint("it is a difference in fit: 0.10 means 10 percentage points"),
                );
            }
        }
        // Only when both are in range: an out-of-range one is told above.
        let in_range = |v: f64| (0.0..=1.0).contains(&v);
        if thresholds.lean > thresholds.clear
            && in_range(thresholds.lean)
            && in_range(thresholds.clear)
        {
            self.push(
                Problem::new(
                    Code::BadThreshold,
                    "thresholds.lean",
                    format!(
                        "the `lean` threshold ({}) is above the `clear` threshold ({})",
                        show(thresholds.lean),
                        show(thresholds.clear)
                    ),
                )
                .hint("a lean is a smaller margin than a clear result: make `lean` ≤ `clear`"),
            );
        }
        thresholds
    }

    fn dimensions(&mut self, dimensions: &[Option<DimensionDef>]) -> DimensionIds {
        if dimensions.is_empty() {
            self.push(
                Problem::new(
                    Code::NoDimensions,
                    "dimensions",
                    "the bank defines no dimensions",
                )
                .hint("add at least one dimension for the questions to score"),
            );
        }
        let mut seen = HashMap::new();
        let mut ids = HashMap::new();
        for (i, dimension) in dimensions.iter().enumerate() {
            let Some(d) = dimension else { continue };
            let at = At::top("dimensions").index(i);
            self.id(at.key("id"), &d.id);
            for (field, text) in [("name", &d.name), ("low", &d.low), ("high", &d.high)] {
                self.text(at.key(field), text);
            }
            if let Some(description) = &d.description {
                self.shown(at.key("description"), description, Target::Value);
            }
            self.weight(at.key("weight"), d.weight);
            if self.unique(
                &mut seen,
                &d.id,
                i,
                |i| At::top("dimensions").index(i),
                "dimension",
            ) {
                let index = ids.len();
                ids.insert(d.id.clone(), index);
            }
        }
        DimensionIds(ids)
    }

    /// Resolves a dimension id, reporting an unknown one with a hint.
    fn dimension_ref(&mut self, at: At<'_>, id: &str, ids: &DimensionIds) -> Option<DimIdx> {
        if let Some(&index) = ids.0.get(id) {
            return Some(index);
        }
        if !self.broken_dimension_ids.contains(id) {
            let known = known_ids(ids);
            self.push(
                Problem::new(
                    Code::UnknownDimension,
                    at,
                    format!("unknown dimension `{}`", excerpt(id)),
                )
                .hint(did_you_mean(id, known.iter().copied(), "dimensions")),
            );
        }
        None
    }
}

fn known_ids(ids: &DimensionIds) -> Vec<&str> {
    let mut known: Vec<(&str, DimIdx)> = ids.0.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    known.sort_by_key(|(_, index)| *index);
    known.into_iter().map(|(k, _)| k).collect()
}

#[cfg(test)]
mod tests {
    use crate::bank::load::{BankError, load};
    use crate::input::source::SourceFile;

    /// Every list whose ids must differ names the item that used the id
    /// first, wherever it is, and places the problem at the second one.
    #[test]
    fn a_repeated_id_names_where_it_was_first_used() {
        let text = "id: twice\ntitle: Twice\nversion: 1\n\
            dimensions:\n  - { id: hands, name: H, low: l, high: h }\n  - { id: hands, name: H, low: l, high: h }\n\
            roles:\n  - { id: maker, name: M, summary: s, profile: { hands: 0.9 }, specialties: [{ id: s1, name: S, profile: { hands: 0.9 } }] }\n\
            \x20 - { id: maker, name: M, summary: s, profile: { hands: 0.1 }, specialties: [{ id: s2, name: S, profile: { hands: 0.1 } }, { id: s1, name: S, profile: { hands: 0.1 } }] }\n\
            questions:\n  - { id: q, kind: likert, text: T, dimension: hands }\n\
            \x20 - { id: c, kind: choice, text: C, options: [{ id: a, text: A, scores: { hands: 1 } }, { id: a, text: B, scores: { hands: 2 } }] }\n\
            \x20 - { id: q, kind: likert, text: U, dimension: hands }\n";
        let Err(BankError::Invalid(found)) = load(SourceFile::new("t.yaml", text)) else {
            panic!("a bank with repeated ids loaded");
        };
        let repeated: Vec<(&str, &str)> = found
            .problems
            .iter()
            .filter(|p| p.code == crate::diag::Code::DuplicateId)
            .map(|p| (p.path.as_str(), p.hint.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            repeated,
            [
                (
                    "dimensions[1].id",
                    "it is already used at dimensions[0]; give each dimension its own id"
                ),
                (
                    "roles[1].id",
                    "it is already used at roles[0]; give each role its own id"
                ),
                (
                    "roles[1].specialties[1].id",
                    "it is already used at roles[0].specialties[0]; give each specialty its own id"
                ),
                (
                    "questions[1].options[1].id",
                    "it is already used at questions[1].options[0]; give each option its own id"
                ),
                (
                    "questions[2].id",
                    "it is already used at questions[0]; give each question its own id"
                ),
            ],
            "{found}"
        );
    }
}
