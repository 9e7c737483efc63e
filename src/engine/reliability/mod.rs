//! Item analysis for bank authors (`pathfit analyze`): after a class has
//! taken a bank, does each dimension measure one thing reliably, and which
//! questions work against the rest? The figures are the ones assessment
//! authors compute with R's `psych::alpha()`: Cronbach's alpha (raw and
//! standardized), the mean inter-item correlation, the standard error of
//! measurement, Spearman–Brown forecasts, and per item the corrected
//! item-total correlation and alpha if it were dropped.
//!
//! An item of a dimension is a question that can move it, and its score is
//! the question's contribution to the dimension exactly as the scoring
//! contract computes it (weight and reverse keying included), so a
//! respondent's item scores sum to the dimension's raw score. Everything is
//! accumulated in one pass ([`Accumulator`]): memory grows with the number
//! of items, never with the number of respondents.

mod accumulate;
mod figures;
mod moments;

pub use accumulate::Accumulator;

use indexmap::IndexMap;
use serde::Serialize;

use crate::bank::VerdictCounts;

/// The JSON form's version; field names are a contract: add, never rename.
pub const SCHEMA_VERSION: u32 = 1;

/// Alpha below this is `low-alpha` (the usual floor for a scale used to
/// compare groups; 0.80 and above is good).
pub const LOW_ALPHA: f64 = 0.70;
/// Alpha from this on is good; drawn as a second line in the chart.
pub const GOOD_ALPHA: f64 = 0.80;
/// A corrected item-total correlation below this is `weak-item`.
pub const WEAK_ITEM: f64 = 0.20;
/// Alpha rising by at least this much without an item is
/// `raises-alpha-if-dropped`.
pub const RAISES_ALPHA: f64 = 0.02;
/// At least this share of answers at the top (bottom) end of an item is
/// `ceiling` (`floor`).
pub const END_SHARE: f64 = 0.80;
/// An option chosen by under this share of those who answered is
/// `rarely-chosen`.
pub const RARE_SHARE: f64 = 0.05;
/// Fewer respondents than this with every item answered is
/// `few-respondents`: the figures are unstable.
pub const FEW_RESPONDENTS: usize = 30;

/// What `pathfit analyze` found, in bank order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemAnalysis {
    pub schema_version: u32,
    pub bank: BankRef,
    pub dimensions: Vec<DimensionReliability>,
    pub respondents: RespondentCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BankRef {
    pub id: String,
    pub version: u32,
}

/// One dimension's reliability, over the respondents who answered every
/// one of its items (listwise).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionReliability {
    pub id: String,
    pub name: String,
    /// How many items (questions that can move it).
    pub k: usize,
    /// Respondents who answered all `k` items: the figures are theirs.
    pub n: usize,
    /// Respondents left out because they skipped at least one item.
    pub excluded: usize,
    /// Cronbach's alpha.
    pub alpha: Option<f64>,
    /// Standardized alpha, from `mean_r`.
    pub alpha_std: Option<f64>,
    /// The mean Pearson correlation between two different items.
    pub mean_r: Option<f64>,
    /// Standard error of measurement, in dimension-score units (0 to 1).
    pub sem: Option<f64>,
    pub spearman_brown: SpearmanBrown,
    /// Why a figure above is null: figure name -> reason.
    pub undefined: IndexMap<&'static str, Undefined>,
    pub flags: Vec<Flag>,
    /// In bank order.
    pub items: Vec<ItemStats>,
}

/// Alpha forecast by the Spearman–Brown formula for a dimension with half
/// and with double the number of items, each like the present ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpearmanBrown {
    pub half: Option<f64>,
    pub double: Option<f64>,
}

/// One item (question) of one dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// The question's id.
    pub question: String,
    /// `likert`, `choice`, `multi` or `number`.
    pub kind: &'static str,
    /// The smallest and largest item score any answer can give.
    pub range: [f64; 2],
    /// Respondents who answered it (of all used respondents).
    pub answered: usize,
    /// The share of used respondents who skipped it.
    pub skipped: f64,
    /// Mean and standard deviation (n − 1) of the item score, over those
    /// who answered it.
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// How the answers fell: per scale point, per option (for multi, how
    /// many ticked each), or for numbers per whole number or range.
    pub distribution: Vec<Bin>,
    /// Corrected item-total correlation: with the sum of the other items
    /// (listwise respondents).
    pub r_drop: Option<f64>,
    /// The dimension's alpha without this item.
    pub alpha_if_dropped: Option<f64>,
    pub flags: Vec<Flag>,
}

/// One answer (scale point, option or number range) and how many gave it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    /// The scale value, option id, or number range (`"3"`, `"2–4"`).
    pub value: String,
    /// The scale point's or option's text; the range again for numbers.
    pub label: String,
    pub count: usize,
    /// `count` over those who answered the item.
    pub share: f64,
    /// An option (of a choice or multi question) chosen by under
    /// [`RARE_SHARE`].
    pub rare: bool,
}

/// A finding, by stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Dimension: alpha below [`LOW_ALPHA`].
    LowAlpha,
    /// Dimension: fewer than [`FEW_RESPONDENTS`] listwise respondents.
    FewRespondents,
    /// Item: `r_drop` below [`WEAK_ITEM`].
    WeakItem,
    /// Item: `r_drop` below 0, probably keyed the wrong way.
    ReversedItem,
    /// Item: alpha rises by [`RAISES_ALPHA`] or more without it.
    RaisesAlphaIfDropped,
    /// Item: [`END_SHARE`] or more of answers at its top end.
    Ceiling,
    /// Item: [`END_SHARE`] or more of answers at its bottom end.
    Floor,
    /// Item: an option chosen by under [`RARE_SHARE`].
    RarelyChosen,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Flag::LowAlpha => "low-alpha",
            Flag::FewRespondents => "few-respondents",
            Flag::WeakItem => "weak-item",
            Flag::ReversedItem => "reversed-item",
            Flag::RaisesAlphaIfDropped => "raises-alpha-if-dropped",
            Flag::Ceiling => "ceiling",
            Flag::Floor => "floor",
            Flag::RarelyChosen => "rarely-chosen",
        }
    }
}

/// Why a figure could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Undefined {
    /// The dimension has fewer than two items.
    TooFewItems,
    /// Fewer than three respondents answered every item.
    TooFewRespondents,
    /// Every listwise respondent has the same total.
    NoVariance,
    /// At least one item got the same score from every listwise respondent,
    /// so its correlations do not exist.
    ConstantItem,
    /// Alpha is below zero: a forecast from it means nothing.
    NegativeAlpha,
    /// More items than the pairs are counted for (the cost grows with the
    /// square of the items).
    TooManyItems,
}

impl Undefined {
    pub fn code(self) -> &'static str {
        match self {
            Undefined::TooFewItems => "too-few-items",
            Undefined::TooFewRespondents => "too-few-respondents",
            Undefined::NoVariance => "no-variance",
            Undefined::ConstantItem => "constant-item",
            Undefined::NegativeAlpha => "negative-alpha",
            Undefined::TooManyItems => "too-many-items",
        }
    }
}

/// Who the figures come from, with `batch`'s recommendation and verdict
/// counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RespondentCounts {
    /// Rows that could be scored: everything above is about them.
    pub used: usize,
    /// Rows that could not (reported one by one as `batch` reports them).
    pub failed: usize,
    /// Used respondents who answered every question of the bank.
    pub answered_everything: usize,
    /// Used respondents who gave every likert statement they answered the
    /// same answer (at least two statements).
    pub straight_lined: usize,
    /// Role id -> respondents recommended it.
    pub roles: IndexMap<String, usize>,
    pub verdicts: VerdictCounts,
}

#[cfg(test)]
mod tests;
