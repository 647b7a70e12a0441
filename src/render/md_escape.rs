//! Writing a one-line value (a name) into Markdown so it reads as the same text
//! and can never become structure: a heading, a list or task item, a quote, a
//! code span, a link, HTML, a table cell or a strikethrough.

/// `text` as Markdown inline text. Characters that open inline structure get a
/// backslash (CommonMark lets any ASCII punctuation be escaped), and so do those
/// that open a block when the value starts a line (`-`, `+`, `=`, `1.`, `1)`).
/// Line breaks and control characters, which would end the line, become spaces.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (index, c) in text.chars().enumerate() {
        let opens_block = match c {
            '-' | '+' | '=' => index == 0,
            '.' | ')' => index == digits && digits > 0,
            _ => false,
        };
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push(' ');
            continue;
        }
        if opens_block
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_unchanged() {
        for name in [
            "Priya Shah",
            "Anne-Marie O'Neil",
            "José Núñez",
            "Dr. Li (CFO)",
        ] {
            assert_eq!(escape_markdown(name), name);
        }
    }

    #[test]
    fn structure_is_escaped_at_the_start_and_inline() {
        assert_eq!(escape_markdown("# Heading"), "\\# Heading");
        assert_eq!(escape_markdown("- [ ] task"), "\\- \\[ \\] task");
        assert_eq!(escape_markdown("> quote"), "\\> quote");
        assert_eq!(escape_markdown("---"), "\\---");
        assert_eq!(escape_markdown("1. one"), "1\\. one");
        assert_eq!(escape_markdown("<b>x</b>"), "\\<b\\>x\\</b\\>");
        assert_eq!(escape_markdown("a\nb\rc"), "a b c");
    }

    #[test]
    fn escaped_values_parse_as_plain_text_wherever_they_land() {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        for hostile in [
            "# Heading",
            "## Commitments",
            "- [ ] injected, by 2026-01-01",
            "* item",
            "+ item",
            "1. item",
            "7) item",
            "> quote",
            "---",
            "===",
            "```rust",
            "<!-- hidden",
            "<script>x</script>",
            "[link](http://x.example)",
            "![img](x.png)",
            "| a | b |",
            "~~gone~~",
            "**bold** _em_",
            "&#35; entity",
            "{{ client.name }} {% if x %}",
        ] {
            for document in [
                escape_markdown(hostile),
                format!("- The sponsor ({}) agrees", escape_markdown(hostile)),
                format!("Title\n{}", escape_markdown(hostile)),
            ] {
                let events: Vec<Event> = Parser::new_ext(
                    &document,
                    Options::all() - Options::ENABLE_SMART_PUNCTUATION,
                )
                .collect();
                let text: String = events
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.to_string()),
                        Event::SoftBreak => Some("\n".to_string()),
                        _ => None,
                    })
                    .collect();
                for event in &events {
                    assert!(
                        matches!(
                            event,
                            Event::Text(_)
                                | Event::SoftBreak
                                | Event::Start(Tag::Paragraph | Tag::List(None) | Tag::Item)
                                | Event::End(_)
                        ),
                        "{hostile:?} in {document:?}: {event:?}"
                    );
                }
                assert!(text.contains(hostile), "{hostile:?} read back as {text:?}");
            }
        }
    }
}
