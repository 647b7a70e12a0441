//! "Did you mean" suggestions for misspelt names.

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::osa_distance(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// ", did you mean `x`?" or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|c| format!(": did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_miss_only() {
        assert_eq!(
            closest("biweekley", ["weekly", "biweekly", "monthly"]),
            Some("biweekly")
        );
        assert_eq!(closest("helld", ["planned", "held"]), Some("held"));
        assert_eq!(closest("zzz", ["planned", "held"]), None);
    }

    #[test]
    fn time_zones_get_a_suggestion() {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
        assert_eq!(closest("Asia/Kolkatta", names), Some("Asia/Kolkata"));
    }
}
