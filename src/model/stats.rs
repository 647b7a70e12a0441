//! Descriptive statistics for insights: mean, quantiles, the spread of a set of
//! values, Spearman's rank correlation and a least-squares trend. Pure functions
//! of numbers; docs/INSIGHTS.md gives each formula.

/// The arithmetic mean, or none of no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The `q`-quantile (0 to 1) of `sorted` (ascending), interpolated linearly
/// between the two values around position (n − 1)·q: a spreadsheet's
/// PERCENTILE.INC, R's type 7. None of no values.
fn quantile_of_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let position = last as f64 * q.clamp(0.0, 1.0);
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    let fraction = position - below as f64;
    Some(sorted[below] + (sorted[above] - sorted[below]) * fraction)
}

/// Where a set of values lies: its size, ends, quartiles, median and mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// How many values.
    pub n: usize,
    /// The smallest.
    pub min: f64,
    /// The 0.25-quantile.
    pub lower_quartile: f64,
    /// The 0.5-quantile.
    pub median: f64,
    /// The 0.75-quantile.
    pub upper_quartile: f64,
    /// The largest.
    pub max: f64,
    /// The arithmetic mean.
    pub mean: f64,
}

impl Spread {
    /// The spread of `values` (any order), or none of no values.
    pub fn of(values: &[f64]) -> Option<Spread> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |q| quantile_of_sorted(&sorted, q);
        Some(Spread {
            n: sorted.len(),
            min: *sorted.first()?,
            lower_quartile: at(0.25)?,
            median: at(0.5)?,
            upper_quartile: at(0.75)?,
            max: *sorted.last()?,
            mean: mean(&sorted)?,
        })
    }
}

/// The rank of each value, 1 for the smallest, in the values' own order; tied
/// values share the mean of the ranks they span (2 and 3 tied: 2.5 each).
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end; their mean:
        let shared = (start + 1 + end) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = shared;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation of two equally long lists; none when either has no
/// spread (every value the same) or there are fewer than two.
fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() != ys.len() || xs.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(xs)?, mean(ys)?);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation of the pairs: Pearson's correlation of their
/// ranks, ties averaged. From −1 (one falls as the other rises) to 1; none when
/// either side has no spread or there are fewer than two pairs.
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    let xs: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    pearson(&ranks(&xs), &ranks(&ys))
}

/// The least-squares slope of `values` against their positions 1, 2, 3…: how
/// much they change from one to the next, on average. None under two values.
pub fn slope(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let positions: Vec<f64> = (1..=values.len()).map(|i| i as f64).collect();
    let (mx, my) = (mean(&positions)?, mean(values)?);
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (x, y) in positions.iter().zip(values) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
    }
    Some(sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn mean_of_nothing_is_none() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[2.0, 4.0, 9.0]), Some(5.0));
    }

    #[test]
    fn quartiles_interpolate_between_ranks() {
        // By hand: sorted 1 2 4 7 10 15; (n-1)q = 1.25, 2.5, 3.75.
        // Q1 = 2 + 0.25*(4-2) = 2.5; median = 4 + 0.5*(7-4) = 5.5; Q3 = 7 + 0.75*(10-7) = 9.25.
        let s = Spread::of(&[10.0, 1.0, 7.0, 2.0, 15.0, 4.0]).unwrap();
        assert_eq!(s.n, 6);
        assert_eq!((s.min, s.max), (1.0, 15.0));
        assert!(close(s.lower_quartile, 2.5), "{s:?}");
        assert!(close(s.median, 5.5), "{s:?}");
        assert!(close(s.upper_quartile, 9.25), "{s:?}");
        assert!(close(s.mean, 39.0 / 6.0));
        let one = Spread::of(&[0.4]).unwrap();
        assert_eq!((one.min, one.median, one.max), (0.4, 0.4, 0.4));
        assert_eq!(Spread::of(&[]), None);
    }

    #[test]
    fn ties_share_the_mean_of_their_ranks() {
        assert_eq!(
            ranks(&[10.0, 20.0, 20.0, 5.0, 20.0]),
            [2.0, 4.0, 4.0, 1.0, 4.0]
        );
        assert_eq!(ranks(&[3.0, 1.0, 2.0]), [3.0, 1.0, 2.0]);
    }

    #[test]
    fn spearman_by_hand_with_ties() {
        // x = 1 2 3 4 5, y = 2 1 4 3 3.
        // Ranks of y: 2 1 5 3.5 3.5 (the two 3s share ranks 3 and 4). Pearson of
        // the ranks, both means 3: sxy = (-2)(-1)+(-1)(-2)+0(2)+1(0.5)+2(0.5)
        // = 5.5; sxx = 10; syy = 1+4+4+0.25+0.25 = 9.5.
        // rho = 5.5 / sqrt(95) = 0.564288...
        let pairs = [(1.0, 2.0), (2.0, 1.0), (3.0, 4.0), (4.0, 3.0), (5.0, 3.0)];
        let rho = spearman(&pairs).unwrap();
        assert!(close(rho, 5.5 / 95f64.sqrt()), "{rho}");
        assert!(close(rho, 0.564_288_093_6), "{rho}");
    }

    #[test]
    fn spearman_ends_and_undefined_cases() {
        let rising: Vec<(f64, f64)> = (1..=6).map(|i| (i as f64, (i * i) as f64)).collect();
        assert!(close(spearman(&rising).unwrap(), 1.0));
        let falling: Vec<(f64, f64)> = (1..=6).map(|i| (i as f64, -(i as f64))).collect();
        assert!(close(spearman(&falling).unwrap(), -1.0));
        let flat: Vec<(f64, f64)> = (1..=6).map(|i| (i as f64, 7.0)).collect();
        assert_eq!(spearman(&flat), None, "no spread, no correlation");
        assert_eq!(spearman(&[(1.0, 2.0)]), None);
    }

    #[test]
    fn slope_is_the_least_squares_change_per_step() {
        // By hand: 9 9 8 7 over positions 1..4: mean x 2.5, mean y 8.25;
        // sxy = (-1.5)(0.75)+(-0.5)(0.75)+(0.5)(-0.25)+(1.5)(-1.25) = -3.5; sxx = 5.
        assert!(close(slope(&[9.0, 9.0, 8.0, 7.0]).unwrap(), -0.7));
        assert!(close(slope(&[8.0, 8.0, 8.0]).unwrap(), 0.0));
        assert_eq!(slope(&[8.0]), None);
    }
}
