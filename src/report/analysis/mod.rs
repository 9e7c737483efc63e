//! `pathfit analyze`'s output for a person: the item analysis
//! ([`ItemAnalysis`]) as text for a terminal or file, as Markdown, and as a
//! self-contained HTML page with charts. The JSON form is the model
//! serialized as it is and lives with the command.
//!
//! What is shown, and in which order, is decided here once; every sentence
//! is in [`prose`]; [`text`], [`markdown`] and [`html`] supply only their
//! syntax.
//!
//! Dimensions come in bank order, as in the JSON: a counselor finds a
//! dimension where the bank has it, and two classes' reports line up
//! side by side. The worst dimensions are still seen first, in the
//! overview (alpha per dimension) that opens every format. Within a
//! dimension the flagged questions come first, in bank order, then the
//! rest: the questions to look at are at the top of each table.

pub mod html;
pub mod markdown;
pub mod prose;
pub mod text;

pub use html::write_html;
pub use markdown::write_markdown;
pub use text::write_text;

use crate::bank::Bank;
use crate::engine::reliability::{Bin, DimensionReliability, Flag, ItemAnalysis, ItemStats};

/// The items of `dimension` in the order they are shown: flagged first,
/// each group in bank order.
pub(crate) fn items_in_order(dimension: &DimensionReliability) -> Vec<&ItemStats> {
    let (flagged, plain): (Vec<&ItemStats>, Vec<&ItemStats>) =
        dimension.items.iter().partition(|i| !i.flags.is_empty());
    flagged.into_iter().chain(plain).collect()
}

/// Every flag that occurs in `analysis`, each once, in the order they are
/// explained.
pub(crate) fn flags_present(analysis: &ItemAnalysis) -> Vec<Flag> {
    prose::present(analysis.dimensions.iter().flat_map(|d| {
        d.flags
            .iter()
            .chain(d.items.iter().flat_map(|i| i.flags.iter()))
    }))
}

/// The text of the question `id`, or nothing when the bank has no such
/// question (an analysis made with another version of the bank).
pub(crate) fn question_text<'b>(bank: &'b Bank, id: &str) -> Option<&'b str> {
    bank.question_index(id)
        .map(|q| bank.questions[q].text.as_str())
}

/// The name of the role `id` in `bank`, or the id itself.
pub(crate) fn role_name<'b>(bank: &'b Bank, id: &'b str) -> &'b str {
    bank.role_index(id)
        .map_or(id, |r| bank.roles[r].name.as_str())
}

/// A dimension's or item's flag codes, comma separated.
pub(crate) fn codes(flags: &[Flag]) -> String {
    let codes: Vec<&str> = flags.iter().map(|f| f.code()).collect();
    codes.join(", ")
}

/// An alpha or correlation with two decimals, or `none` when null.
pub(crate) fn two_or(value: Option<f64>, none: &str) -> String {
    value.map_or_else(|| none.to_string(), prose::two)
}

/// The Spearman–Brown forecasts, `half / double`.
pub(crate) fn half_double(d: &DimensionReliability, none: &str) -> String {
    let sb = d.spearman_brown;
    if sb.half.is_none() && sb.double.is_none() {
        return none.to_string();
    }
    format!("{} / {}", two_or(sb.half, none), two_or(sb.double, none))
}

/// The measurement error in percentage points, or `none`.
pub(crate) fn sem_or(value: Option<f64>, none: &str) -> String {
    value.map_or_else(|| none.to_string(), prose::points)
}

#[cfg(test)]
mod tests;

/// A question's answers in one line, `1 10%, 2 20%, …`, or that nobody
/// answered it: `answer` writes each one (its share, and whether it is
/// rarely chosen) in the format's own syntax.
pub(crate) fn answers_line(item: &ItemStats, answer: impl Fn(&Bin) -> String) -> String {
    if item.distribution.is_empty() || item.answered == 0 {
        return prose::NO_ANSWERS.to_string();
    }
    let bins: Vec<String> = item.distribution.iter().map(answer).collect();
    bins.join(", ")
}
