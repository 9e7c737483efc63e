//! YAML text to the format's definitions ([`BankDef`] and its parts). A
//! clean file is read in one go; otherwise the lists are read element by
//! element, so that one bad element does not hide the mistakes in others,
//! and unknown fields get "did you mean" hints from the format's own field
//! names.

use std::collections::HashMap;

use super::check::Checker;
use super::def::*;
use super::model::Bank;
use crate::diag::{Code, Problem, did_you_mean, path};
use crate::input::yaml::{self, Node};

/// The lists that are read element by element, so that a mistake in one
/// element does not hide mistakes in the others.
const LISTS: [&str; 3] = ["dimensions", "roles", "questions"];

/// Reads and checks bank text; `None` when no bank could be built.
pub(super) fn read(text: &str, problems: &mut Vec<Problem>) -> Option<Bank> {
    // Most banks are well formed: read them straight into the typed
    // definitions, and take the slower element-by-element path (which
    // collects every problem) only when that fails.
    if let Some(mut header) = yaml::read_clean::<BankDef>(text) {
        let mut checker = Checker::new(problems);
        // The lists are moved out of the header, not copied: the header is
        // checked without them.
        fn some<T>(checker: &mut Checker, name: &str, items: &mut Vec<T>) -> Vec<Option<T>> {
            let items = std::mem::take(items);
            checker.bounded(name, items).into_iter().map(Some).collect()
        }
        let dimensions: Vec<Option<DimensionDef>> =
            some(&mut checker, "dimensions", &mut header.dimensions);
        let roles: Vec<Option<RoleDef>> = some(&mut checker, "roles", &mut header.roles);
        let questions: Vec<Option<QuestionDef>> =
            some(&mut checker, "questions", &mut header.questions);
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

    let mut checker = Checker::new(problems);
    let dimension_nodes = checker.bounded("dimensions", dimension_nodes);
    let role_nodes = checker.bounded("roles", role_nodes);
    let question_nodes = checker.bounded("questions", question_nodes);
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
