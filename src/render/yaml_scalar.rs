//! Writing a string into YAML so it reads back as the same string.

/// `text` as a YAML scalar: plain when that is safe, double-quoted otherwise.
pub fn yaml_scalar(text: &str) -> String {
    let plain_safe = text.chars().next().is_some_and(|c| c.is_alphabetic())
        && !text.ends_with(' ')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .,'()/&-_@".contains(c))
        && !["yes", "no", "true", "false", "null", "on", "off", "y", "n"]
            .contains(&text.to_lowercase().as_str());
    if plain_safe {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed_and_round_trips() {
        assert_eq!(yaml_scalar("Dana Reyes"), "Dana Reyes");
        for tricky in [
            "O'Neil: CEO",
            "#1 fan",
            "yes",
            "",
            "  x",
            "a \"b\"",
            "[list]",
            "12",
        ] {
            let yaml = format!("v: {}\n", yaml_scalar(tricky));
            let back: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(back["v"], tricky, "{yaml}");
        }
    }
}
