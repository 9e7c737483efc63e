//! The latent model of `pathfit sample --model latent`: respondents who
//! answer from what they are like, so that `pathfit analyze` has a
//! believable class to look at.
//!
//! **Levels.** Each respondent has a level in 0..1 on every dimension: the
//! mean of two uniform draws, so most people are somewhere in the middle,
//! fewer near the ends, none past them (a triangular distribution, standard
//! deviation about 0.20). Levels are independent across dimensions: a bank
//! says nothing about how its dimensions relate, and a relation made up
//! here would be "found" again by anyone analysing the sample.
//!
//! **Answers.** Every question is answered from the levels of the
//! dimensions it moves, each time seen through fresh noise (a normal draw,
//! approximated by the sum of four uniform ones so that only portable
//! arithmetic is used):
//!
//! - likert: the level plus noise ([`SPREAD`]), clamped to 0..1, is placed
//!   on the scale's values, low end to high (high to low for `keyed:
//!   minus`), and the point nearest it is the answer (a binary search over
//!   the scale's values sorted once, however many points);
//! - number: the same, placed on `min..max` and rounded to what a person
//!   would type (a whole number; a tenth, a hundredth… on a range narrower
//!   than one), kept within the range;
//! - choice: each option's scores are placed on 0..1 by the question's
//!   range on each dimension; the option nearest the levels (mean squared
//!   distance) plus noise per option ([`CHOICE_NOISE`]) is chosen: a random
//!   utility choice, the normal cousin of a softmax. For this comparison a
//!   level's distance from the middle is doubled ([`STRETCH`]): having to
//!   pick one option makes a respondent take a side, and without it a
//!   balanced option ("a bit of both") takes four answers in five on the
//!   bundled banks, where it now takes about three in five;
//! - multi: each option leans towards the high or the low end of the
//!   dimensions it scores (its scores over the question's range on each);
//!   it is ticked when that lean times the levels' distance from the middle,
//!   plus noise ([`TICK_NOISE`]), is above zero: a respondent in the middle
//!   ticks about half, one high on the dimension ticks most of its options.
//!
//! One answer in [`SKIP`] is skipped: rarer than the uniform model's one in
//! twenty, because real students skip few questions, and item analysis
//! keeps only those who answered every item of a dimension.
//!
//! The noise is set so that on the bundled banks every dimension's
//! questions give a Cronbach's alpha of 0.72 to 0.89 from 500
//! respondents (over seeds 1 to 20), and every question a corrected
//! item-total correlation of 0.3 or more (the tests check it loosely). A draw costs a few words of
//! the generator per question and per option, nothing per scale point.

use std::collections::HashMap;

use rand_chacha::rand_core::Rng;

use crate::answers::Answer;
use crate::bank::{Bank, DimIdx, Keyed, QuestionKind};
use crate::engine::Scorer;
use crate::engine::draw::below;

/// One in this many latent answers is left empty (skipped).
pub const SKIP: u64 = 50;

/// The standard deviation of the noise on a level, for a likert or number
/// question (the levels' own is about 0.20).
pub const SPREAD: f64 = 0.17;

/// The standard deviation of the noise on each option of a choice question,
/// on the mean squared distance between its scores and the levels.
pub const CHOICE_NOISE: f64 = 0.08;

/// How much further from the middle a level is taken to be when options
/// are compared.
pub const STRETCH: f64 = 2.0;

/// The standard deviation of the noise on a multi option's lean.
pub const TICK_NOISE: f64 = 0.15;

/// What a latent respondent needs to know of each question, found once.
pub(super) struct Latent {
    dimensions: usize,
    items: Vec<Item>,
    /// The distinct scales' values, lowest first; questions sharing the
    /// bank's scale share one list.
    scales: Vec<Vec<f64>>,
}

enum Item {
    Likert {
        dimension: DimIdx,
        minus: bool,
        /// Index into [`Latent::scales`].
        scale: usize,
    },
    Number {
        dimension: DimIdx,
        min: f64,
        max: f64,
        /// Values are rounded to whole multiples of `1 / per_unit`.
        per_unit: f64,
    },
    Choice {
        dimensions: Vec<DimIdx>,
        options: usize,
        /// `places[o * dimensions.len() + k]`: option `o`'s score on the
        /// `k`th dimension, placed on 0..1 by the question's range there.
        places: Vec<f64>,
    },
    Multi {
        dimensions: Vec<DimIdx>,
        options: usize,
        /// `leans[o * dimensions.len() + k]`: option `o`'s score on the
        /// `k`th dimension over the question's range there, scaled so that
        /// an option's leans add up to 1 in size (or are all 0).
        leans: Vec<f64>,
    },
}

impl Latent {
    pub(super) fn new(bank: &Bank) -> Latent {
        let scorer = Scorer::new(bank);
        let mut scales = Vec::new();
        // A scale's points are shared by pointer; one sorted copy each.
        let mut seen: HashMap<*const crate::bank::ScalePoint, usize> = HashMap::new();
        let items = bank
            .questions
            .iter()
            .enumerate()
            .map(|(q, question)| match &question.kind {
                QuestionKind::Likert {
                    dimension,
                    keyed,
                    scale,
                    ..
                } => {
                    let key = scale.points.as_ptr();
                    let index = *seen.entry(key).or_insert_with(|| {
                        let mut values: Vec<f64> = scale.points.iter().map(|p| p.value).collect();
                        values.sort_by(f64::total_cmp);
                        scales.push(values);
                        scales.len() - 1
                    });
                    Item::Likert {
                        dimension: *dimension,
                        minus: *keyed == Keyed::Minus,
                        scale: index,
                    }
                }
                QuestionKind::Number {
                    dimension,
                    min,
                    max,
                    ..
                } => Item::Number {
                    dimension: *dimension,
                    min: *min,
                    max: *max,
                    per_unit: per_unit(max - min),
                },
                QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                    let multi = matches!(question.kind, QuestionKind::Multi { .. });
                    let mut dimensions = Vec::new();
                    scorer.spans(q, |d, _, _| dimensions.push(d));
                    let mut table = Vec::with_capacity(options.len() * dimensions.len());
                    for o in 0..options.len() {
                        let answer = if multi {
                            Answer::Multi(vec![o])
                        } else {
                            Answer::Choice(o)
                        };
                        let start = table.len();
                        scorer.contributions(q, &answer, |_, c, lo, hi| {
                            let width = hi - lo;
                            let ok = width.is_finite() && width > 0.0;
                            table.push(match (ok, multi) {
                                (false, _) => 0.0,
                                (true, false) => ((c - lo) / width).clamp(0.0, 1.0),
                                (true, true) => c / width,
                            });
                        });
                        if multi {
                            let size: f64 = table[start..].iter().map(|w| w.abs()).sum();
                            for w in &mut table[start..] {
                                *w = if size > 0.0 { *w / size } else { 0.0 };
                            }
                        }
                    }
                    if multi {
                        Item::Multi {
                            dimensions,
                            options: options.len(),
                            leans: table,
                        }
                    } else {
                        Item::Choice {
                            dimensions,
                            options: options.len(),
                            places: table,
                        }
                    }
                }
            })
            .collect();
        Latent {
            dimensions: bank.dimensions.len(),
            items,
            scales,
        }
    }

    /// One respondent: levels, then an answer or a skip per question.
    pub(super) fn respondent(&self, rng: &mut impl Rng) -> Vec<Option<Answer>> {
        let levels: Vec<f64> = (0..self.dimensions)
            .map(|_| (unit(rng) + unit(rng)) / 2.0)
            .collect();
        self.items
            .iter()
            .map(|item| {
                if below(rng, SKIP) == 0 {
                    None
                } else {
                    Some(self.answer(item, &levels, rng))
                }
            })
            .collect()
    }

    fn answer(&self, item: &Item, levels: &[f64], rng: &mut impl Rng) -> Answer {
        match item {
            Item::Likert {
                dimension,
                minus,
                scale,
            } => {
                let t = seen(levels[*dimension], rng);
                Answer::Scale(nearest(
                    &self.scales[*scale],
                    if *minus { 1.0 - t } else { t },
                ))
            }
            Item::Number {
                dimension,
                min,
                max,
                per_unit,
            } => {
                let x = min + seen(levels[*dimension], rng) * (max - min);
                Answer::Number(((x * per_unit).round() / per_unit).clamp(*min, *max))
            }
            Item::Choice {
                dimensions,
                options,
                places,
            } => {
                // With no dimension moved, the noise alone chooses.
                let m = dimensions.len();
                let mut best = (0, f64::NEG_INFINITY);
                for o in 0..*options {
                    let row = &places[o * m..(o + 1) * m];
                    let distance: f64 = dimensions
                        .iter()
                        .zip(row)
                        .map(|(&d, &p)| {
                            let level = (0.5 + STRETCH * (levels[d] - 0.5)).clamp(0.0, 1.0);
                            (level - p) * (level - p)
                        })
                        .sum::<f64>()
                        / m.max(1) as f64;
                    let utility = CHOICE_NOISE * normal(rng) - distance;
                    if utility > best.1 {
                        best = (o, utility);
                    }
                }
                Answer::Choice(best.0)
            }
            Item::Multi {
                dimensions,
                options,
                leans,
            } => {
                let m = dimensions.len();
                let ticked = (0..*options)
                    .filter(|&o| {
                        let lean: f64 = dimensions
                            .iter()
                            .zip(&leans[o * m..(o + 1) * m])
                            .map(|(&d, &w)| w * (levels[d] - 0.5))
                            .sum();
                        lean + TICK_NOISE * normal(rng) > 0.0
                    })
                    .collect();
                Answer::Multi(ticked)
            }
        }
    }
}

/// A uniform draw in `0..1`: 53 random bits, exactly.
fn unit(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A draw from (nearly) the standard normal: the sum of four uniform draws,
/// centred and scaled to variance 1 (Irwin–Hall); within ±3.5.
fn normal(rng: &mut impl Rng) -> f64 {
    const SQRT_3: f64 = 1.732_050_807_568_877_2;
    let sum = unit(rng) + unit(rng) + unit(rng) + unit(rng);
    (sum - 2.0) * SQRT_3
}

/// A level as one answer sees it: with noise, kept within 0..1.
fn seen(level: f64, rng: &mut impl Rng) -> f64 {
    (level + SPREAD * normal(rng)).clamp(0.0, 1.0)
}

/// The value of `values` (sorted, not empty) nearest to the point `t` of
/// the way from the lowest to the highest; the lower one on a tie.
pub(super) fn nearest(values: &[f64], t: f64) -> f64 {
    let (Some(&lo), Some(&hi)) = (values.first(), values.last()) else {
        return 0.0;
    };
    let target = lo + t * (hi - lo);
    let above = values.partition_point(|&v| v < target);
    match (above.checked_sub(1), values.get(above)) {
        (Some(below), Some(&up)) if target - values[below] > up - target => up,
        (Some(below), _) => values[below],
        (None, Some(&up)) => up,
        (None, None) => lo,
    }
}

/// How many steps per unit a number of a range `width` wide is rounded
/// to: 1 (whole numbers) unless the range is narrower than one, then 10,
/// 100, … so that the range holds at least ten steps. Powers of ten are
/// exact, so a rounded value prints as a person would type it.
pub(super) fn per_unit(width: f64) -> f64 {
    let mut per = 1.0;
    // The bank's bounds keep a range at least 0.000001 wide; the count
    // bounds the loop whatever it holds.
    for _ in 0..12 {
        if width * per >= 10.0 || width >= 1.0 {
            break;
        }
        per *= 10.0;
    }
    per
}
