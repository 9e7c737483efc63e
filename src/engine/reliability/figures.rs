//! The figures, from a dimension's accumulated [`Moments`]: Cronbach's
//! alpha and its relatives, and the flags that read them. Each formula is
//! written out in docs/analyze.md.

use indexmap::IndexMap;

use super::moments::Moments;
use super::{END_SHARE, Flag, ItemStats, RAISES_ALPHA, SpearmanBrown, Undefined, WEAK_ITEM};

/// Variances this small next to the values they come from are zero: they
/// are what is left of subtracting equal sums.
const ZERO: f64 = 1e-10;

/// What [`compute`] found for one dimension.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figures {
    pub alpha: Option<f64>,
    pub alpha_std: Option<f64>,
    pub mean_r: Option<f64>,
    pub sem: Option<f64>,
    pub spearman_brown: SpearmanBrown,
    pub undefined: IndexMap<&'static str, Undefined>,
    pub r_drop: Vec<Option<f64>>,
    pub alpha_if_dropped: Vec<Option<f64>>,
}

/// Cronbach's alpha of `k` items from the sum of their variances and the
/// variance of their total.
fn cronbach(k: usize, item_variances: f64, total_variance: f64) -> f64 {
    let k = k as f64;
    k / (k - 1.0) * (1.0 - item_variances / total_variance)
}

/// The Spearman–Brown forecast of `alpha` for `factor` times the items.
fn spearman_brown(alpha: f64, factor: f64) -> f64 {
    factor * alpha / (1.0 + (factor - 1.0) * alpha)
}

/// `variance` is zero for all purposes, next to `scale` (a sum of the
/// variances it was computed from).
fn is_zero(variance: f64, scale: f64) -> bool {
    variance <= ZERO * scale.max(f64::MIN_POSITIVE) || variance.is_nan()
}

/// The figures of one dimension; `width` is its total's range (the largest
/// minus the smallest raw score), for the standard error in score units.
pub(super) fn compute(m: &Moments, width: f64) -> Figures {
    let k = m.k();
    let mut undefined = IndexMap::new();
    let mut figures = Figures {
        alpha: None,
        alpha_std: None,
        mean_r: None,
        sem: None,
        spearman_brown: SpearmanBrown {
            half: None,
            double: None,
        },
        undefined: IndexMap::new(),
        r_drop: vec![None; k],
        alpha_if_dropped: vec![None; k],
    };
    let all = [
        "alpha",
        "alpha_std",
        "mean_r",
        "sem",
        "spearman_brown",
        "r_drop",
        "alpha_if_dropped",
    ];
    let mut none = |figures: &[&'static str], why: Undefined| {
        for f in figures {
            undefined.entry(*f).or_insert(why);
        }
    };
    if k < 2 {
        none(&all, Undefined::TooFewItems);
        figures.undefined = undefined;
        return figures;
    }
    if m.n < 3 {
        none(&all, Undefined::TooFewRespondents);
        figures.undefined = undefined;
        return figures;
    }
    let df = (m.n - 1) as f64;
    let variances: Vec<f64> = m.m2.iter().map(|s| s / df).collect();
    let with_total: Vec<f64> = m.with_total.iter().map(|s| s / df).collect();
    let total_variance = m.total_m2 / df;
    let sum_variances: f64 = variances.iter().sum();
    let scale = sum_variances + total_variance;

    if is_zero(total_variance, scale) {
        none(&["alpha", "sem", "spearman_brown"], Undefined::NoVariance);
    } else {
        let alpha = cronbach(k, sum_variances, total_variance);
        figures.alpha = Some(alpha);
        if width > 0.0 {
            let sd = total_variance.sqrt() / width;
            figures.sem = Some(sd * (1.0 - alpha).max(0.0).sqrt());
        } else {
            none(&["sem"], Undefined::NoVariance);
        }
        if alpha < 0.0 {
            none(&["spearman_brown"], Undefined::NegativeAlpha);
        } else {
            figures.spearman_brown = SpearmanBrown {
                half: Some(spearman_brown(alpha, 0.5)),
                double: Some(spearman_brown(alpha, 2.0)),
            };
        }
    }

    let constant = variances.iter().any(|&v| is_zero(v, scale));
    match &m.pairs {
        _ if constant => none(&["mean_r", "alpha_std"], Undefined::ConstantItem),
        None => none(&["mean_r", "alpha_std"], Undefined::TooManyItems),
        Some(pairs) => {
            let mut sum = 0.0;
            let mut at = 0;
            for i in 0..k {
                for j in i + 1..k {
                    sum += pairs[at] / df / (variances[i] * variances[j]).sqrt();
                    at += 1;
                }
            }
            let mean_r = sum / (k * (k - 1) / 2) as f64;
            figures.mean_r = Some(mean_r);
            let denominator = 1.0 + (k as f64 - 1.0) * mean_r;
            if is_zero(denominator.abs(), 1.0) {
                none(&["alpha_std"], Undefined::NoVariance);
            } else {
                figures.alpha_std = Some(k as f64 * mean_r / denominator);
            }
        }
    }

    for i in 0..k {
        // The other items' total: its variance and covariance with item i.
        let rest_variance = total_variance - 2.0 * with_total[i] + variances[i];
        let covariance = with_total[i] - variances[i];
        if !is_zero(variances[i], scale) && !is_zero(rest_variance, scale) {
            figures.r_drop[i] = Some(covariance / (variances[i] * rest_variance).sqrt());
        }
        if k >= 3 && !is_zero(rest_variance, scale) {
            figures.alpha_if_dropped[i] =
                Some(cronbach(k - 1, sum_variances - variances[i], rest_variance));
        }
    }
    if figures.r_drop.iter().any(Option::is_none) {
        none(&["r_drop"], Undefined::ConstantItem);
    }
    if k < 3 {
        none(&["alpha_if_dropped"], Undefined::TooFewItems);
    } else if figures.alpha_if_dropped.iter().any(Option::is_none) {
        none(&["alpha_if_dropped"], Undefined::NoVariance);
    }
    figures.undefined = undefined;
    figures
}

/// The flags of one item, from its figures, the dimension's `alpha`, and
/// how many answers were at its low and high end (`ranged`: it has two
/// ends).
pub(super) fn item_flags(
    item: &ItemStats,
    alpha: Option<f64>,
    at_low: usize,
    at_high: usize,
    ranged: bool,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(r) = item.r_drop {
        if r < 0.0 {
            flags.push(Flag::ReversedItem);
        }
        if r < WEAK_ITEM {
            flags.push(Flag::WeakItem);
        }
    }
    if let (Some(without), Some(alpha)) = (item.alpha_if_dropped, alpha)
        && without - alpha >= RAISES_ALPHA - 1e-12
    {
        flags.push(Flag::RaisesAlphaIfDropped);
    }
    if ranged && item.answered > 0 {
        let share = |n: usize| n as f64 / item.answered as f64;
        if share(at_high) >= END_SHARE {
            flags.push(Flag::Ceiling);
        }
        if share(at_low) >= END_SHARE {
            flags.push(Flag::Floor);
        }
    }
    if item.distribution.iter().any(|b| b.rare) {
        flags.push(Flag::RarelyChosen);
    }
    flags
}

/// A number as short as it can be written exactly enough for a label:
/// whole numbers without a point, others with up to three decimals.
pub(super) fn describe(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
