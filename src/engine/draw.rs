//! Seeded random draws that give the same result on every platform and
//! with every build: a bounded integer and a shuffle, on top of raw words
//! from a generator whose output stream is documented as portable. The quiz
//! order, random respondents for `sample` and `inspect`, all draw through
//! these; why not `rand`'s own is explained in `quiz::order`.

use rand_chacha::rand_core::Rng;

/// A uniform integer in `0..n` (`n > 0`), by rejection sampling: words below
/// `2^64 mod n` are redrawn so that the rest, whose count is a multiple of
/// `n`, map onto `0..n` evenly by `%`. The redraw chance is below `n / 2^64`.
pub fn below(rng: &mut impl Rng, n: u64) -> u64 {
    debug_assert!(n > 0);
    // 2^64 mod n, computed without 128-bit arithmetic.
    let threshold = n.wrapping_neg() % n;
    loop {
        let x = rng.next_u64();
        if x >= threshold {
            return x % n;
        }
    }
}

/// Fisher–Yates (Durstenfeld): for `i` from the last index down to 1, swap
/// item `i` with a uniform pick from `0..=i`.
pub fn shuffle<T>(rng: &mut impl Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        // `usize` fits in `u64` on every platform Rust supports, and the
        // result is at most `i`, so both conversions are lossless.
        let j = below(rng, i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha8Rng;
    use rand_chacha::rand_core::SeedableRng;

    #[test]
    fn shuffles_reach_every_position_evenly() {
        // Each of 4 items should land in each of 4 slots about 1/4 of the
        // time; a biased shuffle (e.g. swapping with any index) would not.
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut counts = [[0u32; 4]; 4];
        let rounds = 40_000;
        for _ in 0..rounds {
            let mut items = [0usize, 1, 2, 3];
            shuffle(&mut rng, &mut items);
            for (slot, item) in items.iter().enumerate() {
                counts[*item][slot] += 1;
            }
        }
        for row in counts {
            for count in row {
                let share = f64::from(count) / f64::from(rounds);
                assert!((share - 0.25).abs() < 0.01, "{counts:?}");
            }
        }
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for n in [1u64, 2, 3, 7, 1 << 63, u64::MAX] {
            for _ in 0..100 {
                assert!(below(&mut rng, n) < n);
            }
        }
    }
}
