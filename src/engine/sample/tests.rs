//! The random respondents: the uniform model as it always was, the latent
//! one answering validly and consistently enough for item analysis. The
//! reliability figures here are a naive, independent computation (sample
//! variances with n − 1, listwise), not `pathfit analyze`'s.

use super::latent::{SKIP, nearest, per_unit};
use super::*;
use crate::answers::AnswerSet;
use crate::answers::tabular::{Respondents, TableFormat, write_respondents};
use crate::bank::bundled::BUNDLED;
use crate::engine::Scorer;

fn bundled(id: &str) -> Bank {
    BUNDLED
        .iter()
        .find(|b| b.id == id)
        .unwrap_or_else(|| panic!("no bundled bank {id}"))
        .load()
        .unwrap()
}

fn draw(bank: &Bank, seed: u64, model: Model, n: usize) -> Vec<Vec<Option<Answer>>> {
    Sampler::with_model(bank, seed, model)
        .take(n)
        .map(|(_, answers)| answers)
        .collect()
}

/// Per dimension: its items (the questions that can move it) and, for each
/// respondent who answered all of them, their item scores: each question's
/// contribution to the dimension, as scoring counts it.
fn item_scores(bank: &Bank, rows: &[Vec<Option<Answer>>]) -> Vec<(Vec<usize>, Vec<Vec<f64>>)> {
    let scorer = Scorer::new(bank);
    (0..bank.dimensions.len())
        .map(|d| {
            let items: Vec<usize> = (0..bank.questions.len())
                .filter(|&q| {
                    let mut moves = false;
                    scorer.spans(q, |dim, _, _| moves |= dim == d);
                    moves
                })
                .collect();
            let table = rows
                .iter()
                .filter_map(|row| {
                    items
                        .iter()
                        .map(|&q| {
                            let answer = row[q].as_ref()?;
                            let mut score = 0.0;
                            scorer.contributions(q, answer, |dim, c, _, _| {
                                if dim == d {
                                    score = c;
                                }
                            });
                            Some(score)
                        })
                        .collect::<Option<Vec<f64>>>()
                })
                .collect();
            (items, table)
        })
        .collect()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn variance(xs: &[f64]) -> f64 {
    let m = mean(xs);
    xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() as f64 - 1.0)
}

fn correlation(xs: &[f64], ys: &[f64]) -> f64 {
    let (mx, my) = (mean(xs), mean(ys));
    let cov: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let sy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    cov / (sx * sy).sqrt()
}

fn column(table: &[Vec<f64>], i: usize) -> Vec<f64> {
    table.iter().map(|row| row[i]).collect()
}

/// Cronbach's alpha of a respondents × items table.
fn alpha(table: &[Vec<f64>]) -> f64 {
    let k = table[0].len() as f64;
    let items: f64 = (0..table[0].len())
        .map(|i| variance(&column(table, i)))
        .sum();
    let totals: Vec<f64> = table.iter().map(|row| row.iter().sum()).collect();
    k / (k - 1.0) * (1.0 - items / variance(&totals))
}

/// The correlation of item `i` with the sum of the others.
fn r_drop(table: &[Vec<f64>], i: usize) -> f64 {
    let rest: Vec<f64> = table
        .iter()
        .map(|row| row.iter().sum::<f64>() - row[i])
        .collect();
    correlation(&column(table, i), &rest)
}

#[test]
#[ignore = "prints the figures the noise was calibrated on"]
fn calibration() {
    for id in ["healthcare", "interests"] {
        let bank = bundled(id);
        for model in [Model::Latent, Model::Uniform] {
            let rows = draw(&bank, 1, model, 500);
            for (d, (items, table)) in item_scores(&bank, &rows).iter().enumerate() {
                let drops: Vec<String> = (0..items.len())
                    .map(|i| {
                        format!(
                            "{}={:.2}",
                            bank.questions[items[i]].id,
                            r_drop(table, i)
                        )
                    })
                    .collect();
                println!(
                    "{id} {model:?} {}: k {} n {} alpha {:.3}  {}",
                    bank.dimensions[d].id,
                    items.len(),
                    table.len(),
                    alpha(table),
                    drops.join(" ")
                );
            }
        }
    }
}
