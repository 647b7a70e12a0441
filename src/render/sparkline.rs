//! Sparklines: a series of numbers as a row of block characters, a trend that
//! Markdown and plain text can show where HTML draws a chart.

/// The eight heights, lowest first (U+2581 to U+2588).
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// `values` as one block each: ▁ at `low`, █ at `high`, the rest at the nearest of
/// the eight heights between; values outside the range take its end. When the
/// range is a single value every block is the middle one (▄). A value that is not
/// a number is a space. Plain arithmetic on the values alone, so the same values
/// give the same characters everywhere.
pub fn sparkline(values: &[f64], (low, high): (f64, f64)) -> String {
    let top = (BLOCKS.len() - 1) as f64;
    values
        .iter()
        .map(|&value| {
            if !value.is_finite() {
                ' '
            } else if high - low <= 0.0 || !(high - low).is_finite() {
                BLOCKS[BLOCKS.len() / 2 - 1]
            } else {
                let share = ((value - low) / (high - low)).clamp(0.0, 1.0);
                BLOCKS[(share * top).round() as usize]
            }
        })
        .collect()
}

/// The smallest range holding every finite value of `values`; (0, 0) when there
/// is none.
pub fn range_of(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |range: Option<(f64, f64)>, v| {
            Some(range.map_or((v, v), |(low, high)| (low.min(v), high.max(v))))
        })
        .unwrap_or((0.0, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_is_one_block_from_lowest_to_highest() {
        let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        assert_eq!(sparkline(&values, (1.0, 8.0)), "▁▂▃▄▅▆▇█");
        assert_eq!(sparkline(&[8.0, 1.0], (1.0, 8.0)), "█▁");
    }

    #[test]
    fn values_round_to_the_nearest_height_within_the_range_given() {
        // A measure from baseline 4 toward target 8: 5 is a quarter of the way.
        assert_eq!(sparkline(&[4.0, 5.0, 6.0, 7.0], (4.0, 8.0)), "▁▃▅▆");
        // A rating of 1 to 10: 8 sits at 7/9 of the way, the seventh height.
        assert_eq!(sparkline(&[8.0], (1.0, 10.0)), "▆");
    }

    #[test]
    fn values_outside_the_range_take_its_end() {
        assert_eq!(sparkline(&[-3.0, 12.0], (0.0, 10.0)), "▁█");
    }

    #[test]
    fn a_flat_range_is_drawn_at_middle_height_and_nothing_as_nothing() {
        assert_eq!(sparkline(&[5.0, 5.0], (5.0, 5.0)), "▄▄");
        assert_eq!(sparkline(&[], (0.0, 10.0)), "");
        assert_eq!(sparkline(&[1.0, f64::NAN, 2.0], (1.0, 2.0)), "▁ █");
        assert_eq!(sparkline(&[1.0], (f64::NEG_INFINITY, 2.0)), "▄");
    }

    #[test]
    fn the_range_of_values_leaves_out_what_is_not_a_number() {
        assert_eq!(range_of([4.0, 8.0, 5.0]), (4.0, 8.0));
        assert_eq!(range_of([f64::NAN, 3.0]), (3.0, 3.0));
        assert_eq!(range_of([]), (0.0, 0.0));
    }
}
