//! The bank file's shape, exactly as an author writes it. These types are
//! what YAML is read into; [`mod@super::load`] checks them and builds the typed
//! model in [`super::model`]. Optional fields default here so the checks see
//! what the author meant.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// A pathfit question bank: dimensions that describe how someone likes to
/// work, roles with a target on each, and questions that score the
/// dimensions. See docs/bank-format.md.
#[schemars(title = "pathfit question bank")]
pub struct BankDef {
    /// The bank's id: lowercase letters, digits, `-` and `_`.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// The title shown on the opening screen and the result.
    pub title: String,
    /// Raise it whenever questions or profiles change.
    pub version: u32,
    /// One or two sentences shown on the opening screen.
    #[serde(default)]
    pub description: Option<String>,
    /// The language the bank is written in, as a language tag such as
    /// `en`, `fr` or `pt-BR`; `en` when not given. The HTML report marks
    /// the bank's text with it, so that browsers and screen readers read it
    /// in that language.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$"))]
    pub language: Option<String>,
    /// The default answer scale of likert questions.
    #[serde(default)]
    pub scale: Option<Vec<ScalePointDef>>,
    /// Margins that make a result `clear` or `lean`.
    #[serde(default)]
    pub thresholds: Option<ThresholdsDef>,
    /// Adaptive mode (`take --adaptive`) asks at least this many questions
    /// on each dimension before it stops (fewer if the bank has fewer);
    /// 2 when not given.
    #[serde(default)]
    pub min_per_dimension: Option<u32>,
    /// What the questions measure, each scored from 0 (`low`) to 1 (`high`).
    #[schemars(length(max = 100))]
    pub dimensions: Vec<DimensionDef>,
    /// The paths a student chooses between (at least two).
    #[schemars(length(max = 100))]
    pub roles: Vec<RoleDef>,
    /// The questions, in the bank's own order.
    #[schemars(length(max = 10_000))]
    pub questions: Vec<QuestionDef>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// One point of an answer scale.
pub struct ScalePointDef {
    /// 0, or from 0.000001 to 1,000,000 in size (negative too); values
    /// must differ within a scale.
    #[schemars(range(min = -1_000_000.0, max = 1_000_000.0))]
    pub value: f64,
    /// What the student sees and may write in an answers file.
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// Margins between the best and second-best fit (0..1).
pub struct ThresholdsDef {
    /// A margin at least this large is a `clear` result (default 0.10).
    #[serde(default)]
    pub clear: Option<f64>,
    /// A margin at least this large is a `lean` (default 0.03); below it the
    /// result is `close`.
    #[serde(default)]
    pub lean: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// One thing the questions measure.
pub struct DimensionDef {
    /// Lowercase letters, digits, `-` and `_`; questions and profiles use it.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// The name shown with the result.
    pub name: String,
    /// What a score of 0 means.
    pub low: String,
    /// What a score of 1 means.
    pub high: String,
    /// Importance in the fit, from 0.001 to 1000 (default 1).
    #[serde(default)]
    #[schemars(range(min = 0.001, max = 1000.0))]
    pub weight: Option<f64>,
    /// A longer explanation, for authors.
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// A path the student may be recommended.
pub struct RoleDef {
    /// Lowercase letters, digits, `-` and `_`.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// The name shown with the result.
    pub name: String,
    /// One sentence saying what the role does.
    pub summary: String,
    /// Target score (0..1) per dimension id.
    pub profile: IndexMap<String, f64>,
    /// Label -> text, shown with the result in this order.
    #[serde(default)]
    pub facts: IndexMap<String, String>,
    /// Example jobs on this path.
    #[serde(default)]
    pub examples: Vec<String>,
    /// What a student with this result could do next.
    #[serde(default)]
    pub next_steps: Vec<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub source: Option<String>,
    /// Concrete jobs on this path, ranked for a student whose result is
    /// this role.
    #[serde(default)]
    pub specialties: Vec<SpecialtyDef>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// A concrete job inside a role, with its own profile.
pub struct SpecialtyDef {
    /// Lowercase letters, digits, `-` and `_`; unique in the bank.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// The name shown with the result.
    pub name: String,
    /// One sentence saying what the job is.
    #[serde(default)]
    pub summary: Option<String>,
    /// Target score (0..1) per dimension id, like a role's.
    pub profile: IndexMap<String, f64>,
    /// Label -> text, shown with the specialty in this order.
    #[serde(default)]
    pub facts: IndexMap<String, String>,
    /// Where the facts come from.
    #[serde(default)]
    pub source: Option<String>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum KindDef {
    Likert,
    Choice,
    Multi,
    Number,
}

impl KindDef {
    pub fn name(self) -> &'static str {
        match self {
            KindDef::Likert => "likert",
            KindDef::Choice => "choice",
            KindDef::Multi => "multi",
            KindDef::Number => "number",
        }
    }
}

/// `plus`: agreeing means a high score; `minus`: agreeing means a low one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum KeyedDef {
    #[default]
    Plus,
    Minus,
}

/// One question. Which optional fields apply depends on `kind`; the loader
/// reports fields that do not apply instead of ignoring them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct QuestionDef {
    /// Lowercase letters, digits, `-` and `_`; answers files use it.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// `likert` (agree/disagree on a scale), `choice` (pick one option),
    /// `multi` (pick any number of options) or `number`.
    pub kind: KindDef,
    /// The question or statement as the student reads it.
    pub text: String,
    /// A hint shown under the question.
    #[serde(default)]
    pub help: Option<String>,
    /// likert, number: the dimension the answer scores.
    #[serde(default)]
    pub dimension: Option<String>,
    /// likert: `minus` reverses the scale.
    #[serde(default)]
    pub keyed: Option<KeyedDef>,
    /// likert, number: importance of this question, from 0.001 to 1000.
    #[serde(default)]
    #[schemars(range(min = 0.001, max = 1000.0))]
    pub weight: Option<f64>,
    /// likert: a scale of its own instead of the bank's.
    #[serde(default)]
    pub scale: Option<Vec<ScalePointDef>>,
    /// choice, multi (at most 100).
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub options: Option<Vec<OptionDef>>,
    /// number: the smallest answer (at most 1,000,000 in size).
    #[serde(default)]
    #[schemars(range(min = -1_000_000.0, max = 1_000_000.0))]
    pub min: Option<f64>,
    /// number: the largest answer (> min, at most 1,000,000 in size).
    #[serde(default)]
    #[schemars(range(min = -1_000_000.0, max = 1_000_000.0))]
    pub max: Option<f64>,
    /// number: shown after the answer, e.g. `years`.
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
/// One option of a choice or multi question.
pub struct OptionDef {
    /// Unique within the question; answers files use it.
    #[schemars(regex(pattern = r"^[a-z0-9_-]+$"))]
    pub id: String,
    /// What the student sees.
    pub text: String,
    /// Points per dimension id when this option is picked: 0, or from
    /// 0.000001 to 1,000,000 in size (negative too).
    #[serde(default)]
    pub scores: IndexMap<String, f64>,
}

/// The JSON Schema (draft-07) of the bank format, from these very types, for
/// editors' YAML language servers.
pub fn schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<BankDef>();
    schema.to_value()
}

/// The field names of a `Deserialize` struct, read from serde's derive so
/// that "did you mean" hints never drift from the real fields.
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probed"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let committed: serde_json::Value =
            serde_json::from_str(include_str!("../../questions/bank.schema.json")).unwrap();
        assert_eq!(
            committed,
            schema(),
            "questions/bank.schema.json is stale: run `cargo run -- schema > questions/bank.schema.json`"
        );
    }

    #[test]
    fn struct_fields_reads_the_derived_names() {
        assert_eq!(struct_fields::<OptionDef>(), ["id", "text", "scores"]);
        assert!(struct_fields::<QuestionDef>().contains(&"weight"));
        assert!(struct_fields::<BankDef>().contains(&"dimensions"));
    }
}
