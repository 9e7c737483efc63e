//! The bank file's shape, exactly as an author writes it. These types are
//! what YAML is read into; [`super::load`] checks them and builds the typed
//! model in [`super::model`]. Optional fields default here so the checks see
//! what the author meant.

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

#[derive(Debug, Clone, Deserialize)]
pub struct BankDef {
    /// The bank's id: lowercase letters, digits, `-` and `_`.
    pub id: String,
    pub title: String,
    /// Raise it whenever questions or profiles change.
    pub version: u32,
    #[serde(default)]
    pub description: Option<String>,
    /// The default answer scale of likert questions.
    #[serde(default)]
    pub scale: Option<Vec<ScalePointDef>>,
    /// Margins that make a result `clear` or `lean`.
    #[serde(default)]
    pub thresholds: Option<ThresholdsDef>,
    pub dimensions: Vec<DimensionDef>,
    pub roles: Vec<RoleDef>,
    pub questions: Vec<QuestionDef>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ScalePointDef {
    pub value: f64,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ThresholdsDef {
    #[serde(default)]
    pub clear: Option<f64>,
    #[serde(default)]
    pub lean: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DimensionDef {
    pub id: String,
    pub name: String,
    /// What a score of 0 means.
    pub low: String,
    /// What a score of 1 means.
    pub high: String,
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoleDef {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Target score (0..1) per dimension id.
    pub profile: IndexMap<String, f64>,
    /// Label -> text, shown with the result in this order.
    #[serde(default)]
    pub facts: IndexMap<String, String>,
    #[serde(default)]
    pub examples: Vec<String>,
    /// What a student with this result could do next.
    #[serde(default)]
    pub next_steps: Vec<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyedDef {
    #[default]
    Plus,
    Minus,
}

/// One question. Which optional fields apply depends on `kind`; the loader
/// reports fields that do not apply instead of ignoring them.
#[derive(Debug, Clone, Deserialize)]
pub struct QuestionDef {
    pub id: String,
    pub kind: KindDef,
    pub text: String,
    #[serde(default)]
    pub help: Option<String>,
    /// likert, number: the dimension the answer scores.
    #[serde(default)]
    pub dimension: Option<String>,
    /// likert: `minus` reverses the scale.
    #[serde(default)]
    pub keyed: Option<KeyedDef>,
    /// likert, number: importance of this question, > 0.
    #[serde(default)]
    pub weight: Option<f64>,
    /// likert: a scale of its own instead of the bank's.
    #[serde(default)]
    pub scale: Option<Vec<ScalePointDef>>,
    /// choice, multi.
    #[serde(default)]
    pub options: Option<Vec<OptionDef>>,
    /// number.
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OptionDef {
    pub id: String,
    pub text: String,
    /// Points per dimension id when this option is picked.
    #[serde(default)]
    pub scores: IndexMap<String, f64>,
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
    fn struct_fields_reads_the_derived_names() {
        assert_eq!(struct_fields::<OptionDef>(), ["id", "text", "scores"]);
        assert!(struct_fields::<QuestionDef>().contains(&"weight"));
        assert!(struct_fields::<BankDef>().contains(&"dimensions"));
    }
}
