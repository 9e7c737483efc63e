//! Reading a bank file: YAML text to [`BankDef`] pieces, every check the
//! format promises, and the typed [`Bank`]. All problems in a file are
//! collected and reported together, each with its path (and, once the
//! source is consulted, line and column).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;

use thiserror::Error;

use super::def::*;
use super::model::*;
use crate::diag::{Code, Problem, Problems, did_you_mean, path};
use crate::input::source::{ReadError, SourceFile};
use crate::input::yaml::{self, Node};

/// Why a bank could not be loaded.
#[derive(Debug, Error)]
pub enum BankError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{0}")]
    Invalid(Problems),
    #[error(
        "there is no bank file or bundled bank called `{name}`; bundled banks: {bundled} (give a path to use your own file)"
    )]
    NotFound { name: String, bundled: String },
}

/// Loads and checks the bank file at `path`.
pub fn load_file(path: &Path) -> Result<Bank, BankError> {
    load(SourceFile::read(path)?)
}

/// Checks bank text; `source.name` is used in messages.
pub fn load(source: SourceFile) -> Result<Bank, BankError> {
    let mut problems = Vec::new();
    let bank = check(&source.text, &mut problems);
    match bank {
        Some(mut bank) if problems.is_empty() => {
            bank.digest = digest(&source.text);
            Ok(bank)
        }
        _ => Err(BankError::Invalid(yaml::locate(source, problems))),
    }
}

/// Everything `pathfit validate` reports for one bank: its errors, or, when
/// it has none, its lints. The bank is returned when it loaded.
pub fn validate(source: SourceFile) -> (Option<Bank>, Problems) {
    let mut problems = Vec::new();
    let bank = check(&source.text, &mut problems);
    match bank {
        Some(mut bank) if problems.is_empty() => {
            bank.digest = digest(&source.text);
            let lints = super::lint::lint(&bank);
            (Some(bank), yaml::locate(source, lints))
        }
        _ => (None, yaml::locate(source, problems)),
    }
}

/// The lists that are read element by element, so that a mistake in one
/// element does not hide mistakes in the others.
const LISTS: [&str; 3] = ["dimensions", "roles", "questions"];

fn check(text: &str, problems: &mut Vec<Problem>) -> Option<Bank> {
    // Most banks are well formed: read them straight into the typed
    // definitions, and take the slower element-by-element path (which
    // collects every problem) only when that fails.
    if let Some(def) = yaml::read_clean::<BankDef>(text) {
        let mut checker = Checker {
            problems,
            broken_dimension_ids: HashSet::new(),
        };
        let header = BankDef {
            dimensions: Vec::new(),
            roles: Vec::new(),
            questions: Vec::new(),
            ..def.clone()
        };
        let dimensions: Vec<Option<DimensionDef>> = def.dimensions.into_iter().map(Some).collect();
        let roles: Vec<Option<RoleDef>> = def.roles.into_iter().map(Some).collect();
        let questions: Vec<Option<QuestionDef>> = def.questions.into_iter().map(Some).collect();
        return checker.bank(Some(header), &dimensions, &roles, &questions);
    }
    let mut root = match yaml::parse(text) {
        Ok(root) => root,
        Err(problem) => {
            problems.push(*problem);
            return None;
        }
    };
    if !root.is_mapping() {
        problems.push(
            Problem::new(
                Code::NotABank,
                "",
                format!(
                    "a bank is a mapping with `id`, `title`, `version`, `dimensions`, `roles` and `questions`, but this file holds {}",
                    root.kind_name()
                ),
            )
            .hint("see questions/healthcare.yaml for a complete example"),
        );
        return None;
    }
    let mut unknown = |at: String| unknown_field(at);
    let mut lists: HashMap<&str, Vec<Node>> = HashMap::new();
    for name in LISTS {
        if let Some(node) = root.take(name) {
            match node.into_list() {
                Ok(items) => {
                    lists.insert(name, items);
                    root.insert(name, Node::empty_list());
                }
                // Left in place so the header read reports its type.
                Err(node) => root.insert(name, node),
            }
        }
    }
    let header: Option<BankDef> = root.read("", &mut unknown, problems);
    let mut elements = |name: &str| lists.remove(name).unwrap_or_default();
    let dimension_nodes = elements("dimensions");
    let role_nodes = elements("roles");
    let question_nodes = elements("questions");

    let mut checker = Checker {
        problems,
        broken_dimension_ids: HashSet::new(),
    };
    let dimensions: Vec<Option<DimensionDef>> =
        checker.read_list("dimensions", &dimension_nodes, &mut unknown);
    for node in dimension_nodes.iter().zip(&dimensions) {
        if let (node, None) = node
            && let Some(id) = node.str_field("id")
        {
            checker.broken_dimension_ids.insert(id.to_string());
        }
    }
    let roles: Vec<Option<RoleDef>> = checker.read_list("roles", &role_nodes, &mut unknown);
    let questions: Vec<Option<QuestionDef>> =
        checker.read_list("questions", &question_nodes, &mut unknown);
    checker.bank(header, &dimensions, &roles, &questions)
}

fn digest(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn unknown_field(at: String) -> Problem {
    let field = at.rsplit('.').next().unwrap_or(&at).to_string();
    let known = fields_at(path::parent(&at));
    let hint = if known.is_empty() {
        "remove it".to_string()
    } else {
        did_you_mean(&field, known.iter().copied(), "fields allowed here")
    };
    Problem::new(Code::UnknownField, at, format!("unknown field `{field}`"))
        .at_key()
        .hint(hint)
}

/// The fields allowed in the mapping at `at`, for "did you mean" hints.
fn fields_at(at: &str) -> &'static [&'static str] {
    // `questions[3].options[0]` -> `questions[].options[]`
    let mut shape = String::with_capacity(at.len());
    let mut in_index = false;
    for c in at.chars() {
        match c {
            '[' => {
                in_index = true;
                shape.push(c);
            }
            ']' => {
                in_index = false;
                shape.push(c);
            }
            _ if in_index => {}
            _ => shape.push(c),
        }
    }
    match shape.as_str() {
        "" => struct_fields::<BankDef>(),
        "thresholds" => struct_fields::<ThresholdsDef>(),
        "scale[]" | "questions[].scale[]" => struct_fields::<ScalePointDef>(),
        "dimensions[]" => struct_fields::<DimensionDef>(),
        "roles[]" => struct_fields::<RoleDef>(),
        "roles[].specialties[]" => struct_fields::<SpecialtyDef>(),
        "questions[]" => struct_fields::<QuestionDef>(),
        "questions[].options[]" => struct_fields::<OptionDef>(),
        _ => &[],
    }
}

struct Checker<'p> {
    problems: &'p mut Vec<Problem>,
    /// Ids of dimensions whose definition could not be read: references to
    /// them are not reported again as unknown.
    broken_dimension_ids: HashSet<String>,
}

/// Where each dimension id is defined.
struct DimensionIds(HashMap<String, DimIdx>);

impl Checker<'_> {
    fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn read_list<T: serde::de::DeserializeOwned>(
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

    fn bank(
        &mut self,
        header: Option<BankDef>,
        dimensions: &[Option<DimensionDef>],
        roles: &[Option<RoleDef>],
        questions: &[Option<QuestionDef>],
    ) -> Option<Bank> {
        let header_ok = header.is_some();
        let (scale, thresholds) = match &header {
            Some(h) => {
                self.id("id", &h.id);
                self.text("title", &h.title);
                if h.version == 0 {
                    self.push(
                        Problem::new(Code::BadVersion, "version", "the version must be 1 or more")
                            .hint("start at 1 and raise it whenever questions or profiles change"),
                    );
                }
                if let Some(description) = &h.description {
                    self.text("description", description);
                }
                let scale = match &h.scale {
                    Some(points) => self.scale("scale", points),
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

        if questions.iter().all(Option::is_some) {
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
            thresholds,
            min_per_dimension: header
                .min_per_dimension
                .map_or(crate::engine::adaptive::DEFAULT_MIN_PER_DIMENSION, |n| {
                    n as usize
                }),
            dimensions: built_dimensions,
            roles: built_roles,
            questions: built_questions,
            digest: String::new(),
        })
    }

    fn id(&mut self, at: &str, id: &str) {
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
                format!("use lowercase letters, digits, `-` and `_`, for example `{suggestion}`")
            };
            self.push(
                Problem::new(Code::BadId, at, format!("`{id}` is not a valid id")).hint(hint),
            );
        }
    }

    fn text(&mut self, at: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(
                Problem::new(Code::EmptyText, at, "this text is empty")
                    .hint("write the text, or remove the field if it is optional"),
            );
        }
    }

    fn weight(&mut self, at: &str, weight: Option<f64>) -> f64 {
        let weight = weight.unwrap_or(1.0);
        if !(weight.is_finite() && weight > 0.0) {
            self.push(
                Problem::new(
                    Code::BadWeight,
                    at,
                    format!("the weight must be a number greater than 0, not {weight}"),
                )
                .hint("1.0 is the default; use 2 to count something twice as much"),
            );
        }
        weight
    }

    fn finite(&mut self, at: &str, value: f64) -> bool {
        if !value.is_finite() {
            self.push(Problem::new(
                Code::NotFinite,
                at,
                format!("{value} is not a usable number: use an ordinary finite number"),
            ));
        }
        value.is_finite()
    }

    /// Reports an id already used in the same list; true when it is new.
    fn unique<'a>(
        &mut self,
        seen: &mut HashMap<&'a str, String>,
        id: &'a str,
        at: &str,
        what: &str,
    ) -> bool {
        match seen.get(id) {
            Some(first) => {
                self.push(
                    Problem::new(
                        Code::DuplicateId,
                        path::key(at, "id"),
                        format!("the {what} id `{id}` is used twice"),
                    )
                    .hint(format!(
                        "it is already used at {first}; give each {what} its own id"
                    )),
                );
                false
            }
            None => {
                seen.insert(id, at.to_string());
                true
            }
        }
    }

    fn scale(&mut self, at: &str, points: &[ScalePointDef]) -> Option<Scale> {
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
        let mut values: Vec<(f64, usize)> = Vec::new();
        let mut labels: HashMap<String, usize> = HashMap::new();
        for (i, point) in points.iter().enumerate() {
            let here = path::index(at, i);
            if self.finite(&path::key(&here, "value"), point.value) {
                if let Some((_, first)) = values.iter().find(|(v, _)| *v == point.value) {
                    self.push(
                        Problem::new(
                            Code::DuplicateValue,
                            path::key(&here, "value"),
                            format!("the scale value {} is used twice", point.value),
                        )
                        .hint(format!(
                            "{} already has it; give each point its own value",
                            path::index(at, *first)
                        )),
                    );
                } else {
                    values.push((point.value, i));
                }
            }
            self.text(&path::key(&here, "label"), &point.label);
            let key = point.label.trim().to_lowercase();
            if let Some(first) = labels.get(&key) {
                self.push(
                    Problem::new(
                        Code::DuplicateLabel,
                        path::key(&here, "label"),
                        format!("the scale label `{}` is used twice", point.label.trim()),
                    )
                    .hint(format!(
                        "{} already has it; answers may give a label, so each must be unique",
                        path::index(at, *first)
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
                        format!("the `{name}` threshold must be between 0 and 1, not {value}"),
                    )
                    .hint("it is a difference in fit: 0.10 means 10 percentage points"),
                );
            }
        }
        if thresholds.lean > thresholds.clear {
            self.push(
                Problem::new(
                    Code::BadThreshold,
                    "thresholds.lean",
                    format!(
                        "the `lean` threshold ({}) is above the `clear` threshold ({})",
                        thresholds.lean, thresholds.clear
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
            let at = path::index("dimensions", i);
            self.id(&path::key(&at, "id"), &d.id);
            for (field, text) in [("name", &d.name), ("low", &d.low), ("high", &d.high)] {
                self.text(&path::key(&at, field), text);
            }
            self.weight(&path::key(&at, "weight"), d.weight);
            if self.unique(&mut seen, &d.id, &at, "dimension") {
                let index = ids.len();
                ids.insert(d.id.clone(), index);
            }
        }
        DimensionIds(ids)
    }

    /// Resolves a dimension id, reporting an unknown one with a hint.
    fn dimension_ref(&mut self, at: &str, id: &str, ids: &DimensionIds) -> Option<DimIdx> {
        if let Some(&index) = ids.0.get(id) {
            return Some(index);
        }
        if !self.broken_dimension_ids.contains(id) {
            let known = known_ids(ids);
            self.push(
                Problem::new(
                    Code::UnknownDimension,
                    at,
                    format!("unknown dimension `{id}`"),
                )
                .hint(did_you_mean(id, known.iter().copied(), "dimensions")),
            );
        }
        None
    }

    fn roles(&mut self, roles: &[Option<RoleDef>], ids: &DimensionIds) -> Vec<Role> {
        if roles.len() < 2 {
            self.push(
                Problem::new(
                    Code::TooFewRoles,
                    "roles",
                    format!(
                        "a bank needs at least two roles to compare, this one has {}",
                        roles.len()
                    ),
                )
                .hint("add the roles a student chooses between"),
            );
        }
        let mut seen = HashMap::new();
        let mut seen_specialties = HashMap::new();
        let mut built = Vec::new();
        for (i, role) in roles.iter().enumerate() {
            let Some(r) = role else { continue };
            let at = path::index("roles", i);
            self.id(&path::key(&at, "id"), &r.id);
            self.unique(&mut seen, &r.id, &at, "role");
            self.text(&path::key(&at, "name"), &r.name);
            self.text(&path::key(&at, "summary"), &r.summary);
            let facts = self.facts(&at, &r.facts);
            for (field, list) in [("examples", &r.examples), ("next_steps", &r.next_steps)] {
                for (j, text) in list.iter().enumerate() {
                    self.text(&path::index(&path::key(&at, field), j), text);
                }
            }
            let profile = self.profile(&at, &r.id, &r.profile, ids);
            let mut specialties = Vec::new();
            for (j, sp) in r.specialties.iter().enumerate() {
                let at = path::index(&path::key(&at, "specialties"), j);
                self.id(&path::key(&at, "id"), &sp.id);
                self.unique(&mut seen_specialties, &sp.id, &at, "specialty");
                self.text(&path::key(&at, "name"), &sp.name);
                if let Some(summary) = &sp.summary {
                    self.text(&path::key(&at, "summary"), summary);
                }
                if let Some(source) = &sp.source {
                    self.text(&path::key(&at, "source"), source);
                }
                specialties.push(Specialty {
                    id: sp.id.clone(),
                    name: sp.name.trim().to_string(),
                    summary: sp.summary.as_ref().map(|t| t.trim().to_string()),
                    facts: self.facts(&at, &sp.facts),
                    profile: self.profile(&at, &sp.id, &sp.profile, ids),
                    source: sp.source.as_ref().map(|t| t.trim().to_string()),
                });
            }
            built.push(Role {
                id: r.id.clone(),
                name: r.name.trim().to_string(),
                summary: r.summary.trim().to_string(),
                profile,
                facts,
                examples: r.examples.clone(),
                next_steps: r.next_steps.clone(),
                source: r.source.clone(),
                specialties,
            });
        }
        built
    }

    /// Checks a role's or specialty's facts and returns them trimmed.
    fn facts(&mut self, at: &str, facts: &IndexMap<String, String>) -> Vec<(String, String)> {
        for (label, text) in facts {
            let fact = path::key(&path::key(at, "facts"), label);
            if label.trim().is_empty() {
                self.push(
                    Problem::new(Code::EmptyText, fact.clone(), "a fact has an empty label")
                        .at_key(),
                );
            }
            self.text(&fact, text);
        }
        facts
            .iter()
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    }

    /// Checks a role's or specialty's profile (`owner` is its id): a target
    /// in 0..1 for every dimension and no other.
    fn profile(
        &mut self,
        at: &str,
        owner: &str,
        targets: &IndexMap<String, f64>,
        ids: &DimensionIds,
    ) -> Vec<f64> {
        let profile_at = path::key(at, "profile");
        let mut profile = vec![f64::NAN; ids.0.len()];
        for (dimension, &target) in targets {
            let here = path::key(&profile_at, dimension);
            let Some(index) = self.dimension_ref(&here, dimension, ids) else {
                continue;
            };
            if !(target.is_finite() && (0.0..=1.0).contains(&target)) {
                self.push(
                    Problem::new(
                        Code::BadTarget,
                        here,
                        format!(
                            "the target for `{dimension}` must be between 0 and 1, not {target}"
                        ),
                    )
                    .hint("0 means the dimension's `low` end, 1 its `high` end"),
                );
            }
            profile[index] = target;
        }
        let mut missing: Vec<&str> = ids
            .0
            .iter()
            .filter(|(_, index)| profile[**index].is_nan())
            .map(|(id, _)| id.as_str())
            .collect();
        if !missing.is_empty() {
            missing.sort_by_key(|id| ids.0[*id]);
            let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            self.push(
                Problem::new(
                    Code::MissingTarget,
                    profile_at,
                    format!(
                        "the profile of `{}` has no target for {}",
                        owner,
                        list.join(", ")
                    ),
                )
                .at_key()
                .hint("give a target between 0 and 1 for every dimension"),
            );
        }
        profile
    }

    fn questions(
        &mut self,
        questions: &[Option<QuestionDef>],
        ids: &DimensionIds,
        bank_scale: Option<&Scale>,
    ) -> Vec<Question> {
        if questions.is_empty() {
            self.push(
                Problem::new(Code::NoQuestions, "questions", "the bank has no questions")
                    .hint("add questions that score the dimensions"),
            );
        }
        let mut seen = HashMap::new();
        let mut built = Vec::new();
        for (i, question) in questions.iter().enumerate() {
            let Some(q) = question else { continue };
            let at = path::index("questions", i);
            self.id(&path::key(&at, "id"), &q.id);
            self.unique(&mut seen, &q.id, &at, "question");
            self.text(&path::key(&at, "text"), &q.text);
            if let Some(help) = &q.help {
                self.text(&path::key(&at, "help"), help);
            }
            self.fields_for_kind(&at, q);
            if let Some(kind) = self.kind(&at, q, ids, bank_scale) {
                built.push(Question {
                    id: q.id.clone(),
                    text: q.text.trim().to_string(),
                    help: q.help.as_ref().map(|h| h.trim().to_string()),
                    kind,
                });
            }
        }
        built
    }

    /// Fields that belong to other kinds are errors, not silently ignored:
    /// an author who writes `options` on a likert question meant something.
    fn fields_for_kind(&mut self, at: &str, q: &QuestionDef) {
        use KindDef::*;
        let present = [
            ("dimension", q.dimension.is_some(), &[Likert, Number][..]),
            ("keyed", q.keyed.is_some(), &[Likert][..]),
            ("weight", q.weight.is_some(), &[Likert, Number][..]),
            ("scale", q.scale.is_some(), &[Likert][..]),
            ("options", q.options.is_some(), &[Choice, Multi][..]),
            ("min", q.min.is_some(), &[Number][..]),
            ("max", q.max.is_some(), &[Number][..]),
            ("unit", q.unit.is_some(), &[Number][..]),
        ];
        for (field, is_present, kinds) in present {
            if is_present && !kinds.contains(&q.kind) {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                let hint = if q.kind == Choice || q.kind == Multi {
                    if field == "weight" {
                        "an option's `scores` already set how much it counts; remove `weight` or scale the scores".to_string()
                    } else {
                        format!(
                            "remove `{field}`: each option's `scores` name the dimensions it moves"
                        )
                    }
                } else {
                    format!(
                        "`{field}` is for {} questions; remove it or change `kind`",
                        names.join(" and ")
                    )
                };
                self.push(
                    Problem::new(
                        Code::FieldNotForKind,
                        path::key(at, field),
                        format!("a {} question has no `{field}`", q.kind.name()),
                    )
                    .at_key()
                    .hint(hint),
                );
            }
        }
    }

    fn required<'a, T>(
        &mut self,
        at: &str,
        field: &str,
        value: Option<&'a T>,
        kind: KindDef,
    ) -> Option<&'a T> {
        if value.is_none() {
            self.push(
                Problem::new(
                    Code::MissingField,
                    at,
                    format!("a {} question needs `{field}`", kind.name()),
                )
                .hint(match field {
                    "dimension" => "name the dimension this question scores",
                    "options" => "list at least two options, each with `id`, `text` and `scores`",
                    _ => "number questions need `min` and `max`",
                }),
            );
        }
        value
    }

    fn kind(
        &mut self,
        at: &str,
        q: &QuestionDef,
        ids: &DimensionIds,
        bank_scale: Option<&Scale>,
    ) -> Option<QuestionKind> {
        let dimension_of = |this: &mut Self| -> Option<DimIdx> {
            let id = this.required(at, "dimension", q.dimension.as_ref(), q.kind)?;
            this.dimension_ref(&path::key(at, "dimension"), id, ids)
        };
        match q.kind {
            KindDef::Likert => {
                let dimension = dimension_of(self);
                let weight = self.weight(&path::key(at, "weight"), q.weight);
                let scale = match &q.scale {
                    Some(points) => self.scale(&path::key(at, "scale"), points),
                    None => bank_scale.cloned(),
                };
                Some(QuestionKind::Likert {
                    dimension: dimension?,
                    keyed: match q.keyed.unwrap_or_default() {
                        KeyedDef::Plus => Keyed::Plus,
                        KeyedDef::Minus => Keyed::Minus,
                    },
                    weight,
                    scale: scale?,
                })
            }
            KindDef::Choice | KindDef::Multi => {
                let options = self.options(at, q, ids);
                let options = options?;
                Some(if q.kind == KindDef::Choice {
                    QuestionKind::Choice { options }
                } else {
                    QuestionKind::Multi { options }
                })
            }
            KindDef::Number => {
                let dimension = dimension_of(self);
                let weight = self.weight(&path::key(at, "weight"), q.weight);
                let min = self.required(at, "min", q.min.as_ref(), q.kind).copied();
                let max = self.required(at, "max", q.max.as_ref(), q.kind).copied();
                let (min, max) = (min?, max?);
                let finite = self.finite(&path::key(at, "min"), min)
                    & self.finite(&path::key(at, "max"), max);
                if finite && min >= max {
                    self.push(
                        Problem::new(
                            Code::BadRange,
                            path::key(at, "max"),
                            format!("`max` ({max}) must be greater than `min` ({min})"),
                        )
                        .hint("the answer must be a number from `min` to `max`"),
                    );
                }
                if let Some(unit) = &q.unit {
                    self.text(&path::key(at, "unit"), unit);
                }
                Some(QuestionKind::Number {
                    dimension: dimension?,
                    min,
                    max,
                    unit: q.unit.as_ref().map(|u| u.trim().to_string()),
                    weight,
                })
            }
        }
    }

    fn options(
        &mut self,
        at: &str,
        q: &QuestionDef,
        ids: &DimensionIds,
    ) -> Option<Vec<ChoiceOption>> {
        let options = self.required(at, "options", q.options.as_ref(), q.kind)?;
        let options_at = path::key(at, "options");
        if options.len() < 2 {
            self.push(
                Problem::new(
                    Code::TooFewOptions,
                    options_at.clone(),
                    format!(
                        "a {} question needs at least two options, this one has {}",
                        q.kind.name(),
                        options.len()
                    ),
                )
                .hint("add options, or make it a likert question"),
            );
        }
        let mut seen = HashMap::new();
        let mut built = Vec::new();
        for (j, option) in options.iter().enumerate() {
            let here = path::index(&options_at, j);
            self.id(&path::key(&here, "id"), &option.id);
            self.unique(&mut seen, &option.id, &here, "option");
            self.text(&path::key(&here, "text"), &option.text);
            let mut scores = Vec::new();
            for (dimension, &score) in &option.scores {
                let score_at = path::key(&path::key(&here, "scores"), dimension);
                let index = self.dimension_ref(&score_at, dimension, ids);
                if self.finite(&score_at, score)
                    && let Some(index) = index
                {
                    scores.push((index, score));
                }
            }
            built.push(ChoiceOption {
                id: option.id.clone(),
                text: option.text.trim().to_string(),
                scores,
            });
        }
        Some(built)
    }

    fn unmeasured(
        &mut self,
        dimensions: &[Option<DimensionDef>],
        questions: &[Option<QuestionDef>],
    ) {
        let mut measured: HashSet<&str> = HashSet::new();
        for q in questions.iter().flatten() {
            if let Some(d) = &q.dimension {
                measured.insert(d);
            }
            for option in q.options.iter().flatten() {
                measured.extend(option.scores.keys().map(String::as_str));
            }
        }
        let mut reported = HashSet::new();
        for (i, d) in dimensions.iter().enumerate() {
            let Some(d) = d else { continue };
            if !measured.contains(d.id.as_str()) && reported.insert(d.id.as_str()) {
                self.push(
                    Problem::new(
                        Code::UnmeasuredDimension,
                        path::key(&path::index("dimensions", i), "id"),
                        format!("no question measures the dimension `{}`", d.id),
                    )
                    .hint("add questions with `dimension: ` this id (or options that score it), or remove the dimension"),
                );
            }
        }
    }
}

fn known_ids(ids: &DimensionIds) -> Vec<&str> {
    let mut known: Vec<(&str, DimIdx)> = ids.0.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    known.sort_by_key(|(_, index)| *index);
    known.into_iter().map(|(k, _)| k).collect()
}
