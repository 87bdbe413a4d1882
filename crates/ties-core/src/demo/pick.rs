//! Seeded picking: uniform, weighted, and distinct.

use fastrand::Rng;

/// Picks indices in proportion to their weights, in O(log n).
pub(super) struct WeightedIndex {
    cumulative: Vec<f64>,
}

impl WeightedIndex {
    pub(super) fn new(weights: impl Iterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .map(|w| {
                total += w;
                total
            })
            .collect();
        WeightedIndex { cumulative }
    }

    pub(super) fn pick(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.f64() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

pub(super) fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

pub(super) fn pick_weighted<T: Copy>(rng: &mut Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.u32(..total);
    for &(value, weight) in table {
        if x < weight {
            return value;
        }
        x -= weight;
    }
    table[table.len() - 1].0
}

/// Moves `count` randomly chosen elements of `pool` to its front and returns
/// them (a partial Fisher–Yates shuffle).
pub(super) fn choose_distinct<'a>(
    rng: &mut Rng,
    pool: &'a mut [usize],
    count: usize,
) -> &'a [usize] {
    let count = count.min(pool.len());
    for i in 0..count {
        let j = rng.usize(i..pool.len());
        pool.swap(i, j);
    }
    &pool[..count]
}
