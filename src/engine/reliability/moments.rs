//! Listwise moments of one dimension's item scores and their total,
//! updated one respondent at a time with Welford's method (running means
//! and sums of products of deviations), which stays exact where summing raw
//! squares would cancel. The cost per respondent is linear in the items;
//! only the mean inter-item correlation needs every pair, so pairs are kept
//! for dimensions of at most [`MAX_PAIRED_ITEMS`] items.

/// Dimensions with more items than this get no mean inter-item
/// correlation (and no standardized alpha): the pairs would cost the square
/// of the items for every respondent.
pub const MAX_PAIRED_ITEMS: usize = 200;

/// Listwise moments of one dimension's items and their total.
#[derive(Debug, Clone)]
pub(super) struct Moments {
    pub n: usize,
    pub mean: Vec<f64>,
    /// Per item: the sum of squared deviations from its mean.
    pub m2: Vec<f64>,
    /// Per item: the sum of products of its deviations with the total's.
    pub with_total: Vec<f64>,
    pub total_mean: f64,
    pub total_m2: f64,
    /// Item pairs `i < j`, row by row: sums of products of deviations.
    pub pairs: Option<Vec<f64>>,
    before: Vec<f64>,
}

impl Moments {
    pub fn new(k: usize) -> Self {
        Moments {
            n: 0,
            mean: vec![0.0; k],
            m2: vec![0.0; k],
            with_total: vec![0.0; k],
            total_mean: 0.0,
            total_m2: 0.0,
            pairs: (k <= MAX_PAIRED_ITEMS).then(|| vec![0.0; k * k.saturating_sub(1) / 2]),
            before: vec![0.0; k],
        }
    }

    pub fn k(&self) -> usize {
        self.mean.len()
    }

    /// Adds one respondent's item scores (one per item, in item order).
    pub fn add(&mut self, x: &[f64]) {
        debug_assert_eq!(x.len(), self.k());
        self.n += 1;
        let weight = 1.0 / self.n as f64;
        let total: f64 = x.iter().sum();
        for ((before, mean), &xi) in self.before.iter_mut().zip(&mut self.mean).zip(x) {
            *before = xi - *mean;
            *mean += *before * weight;
        }
        let total_before = total - self.total_mean;
        self.total_mean += total_before * weight;
        let total_after = total - self.total_mean;
        self.total_m2 += total_before * total_after;
        for (i, &xi) in x.iter().enumerate() {
            let after = xi - self.mean[i];
            self.m2[i] += self.before[i] * after;
            self.with_total[i] += self.before[i] * total_after;
        }
        if let Some(pairs) = &mut self.pairs {
            let mut pair = pairs.iter_mut();
            for (i, before) in self.before.iter().enumerate() {
                for (&xj, &mean) in x[i + 1..].iter().zip(&self.mean[i + 1..]) {
                    if let Some(sum) = pair.next() {
                        *sum += before * (xj - mean);
                    }
                }
            }
        }
    }
}
