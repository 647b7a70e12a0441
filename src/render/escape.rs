//! Making text from the files into data for each format it lands in: Markdown
//! (the templates' own escaping) and link targets.

use std::io::{self, Write};

/// Escapes a value for a Markdown template, as tera's escape function for `.md`
/// templates: whatever the value holds, it renders as the same plain text and can
/// never become structure. A line break becomes a space (a value is never a line of
/// its own), leading and trailing white space goes (it could start code or a hard
/// break), every character that can open inline markup is escaped with a
/// backslash, and so is a first character that could start a block (a heading, a
/// list item, a quote, a setext underline). Control characters are shown as
/// `\u{1b}`.
pub fn markdown(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let chars: Vec<char> = input.trim().chars().collect();
    let leading_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut buffer = [0u8; 4];
    for (index, &c) in chars.iter().enumerate() {
        let before = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
        let after = chars.get(index + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => true,
            // Intraword underscores cannot open emphasis: leave `dana_reyes` readable.
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            // An entity (`&lt;`, `&#60;`) would decode into markup characters.
            '&' => after.is_some_and(|a| a.is_alphanumeric() || a == '#'),
            '-' | '+' | '=' => index == 0,
            '.' | ')' => {
                index == leading_digits && index > 0 && after.is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        // Invisible marks pasted from a document carry nothing a reader needs.
        if matches!(c, '\u{200b}' | '\u{ad}' | '\u{feff}' | '\u{2060}') {
            continue;
        }
        if matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' | '\u{85}') {
            out.write_all(b" ")?;
        } else if c.is_control() {
            write!(out, "\\u{{{:x}}}", c as u32)?;
        } else {
            if escape {
                out.write_all(b"\\")?;
            }
            out.write_all(c.encode_utf8(&mut buffer).as_bytes())?;
        }
    }
    Ok(())
}

/// [`markdown`] into a string.
pub fn markdown_string(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = markdown(input, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// A link target that output may keep: http, https and mailto only. Anything else
/// (`javascript:`, `data:`, `vbscript:`, a relative path, a file) is dropped and its
/// text kept as plain text.
pub fn link_allowed(target: &str) -> bool {
    let target = target.trim_start();
    let Some((scheme, rest)) = target.split_once(':') else {
        return false;
    };
    let scheme = scheme.to_ascii_lowercase();
    !rest.is_empty()
        && !target
            .chars()
            .any(|c| c.is_control() || crate::printable::is_invisible(c))
        && match scheme.as_str() {
            "http" | "https" => rest.starts_with("//") && rest.len() > 2,
            // Only an address: `?bcc=` or `?body=` would add to the message.
            "mailto" => !rest.contains('?'),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Parser, Tag};

    /// What CommonMark makes of `markdown`: its plain text, and whether anything but
    /// a paragraph of text came out.
    fn read_back(markdown: &str) -> (String, bool) {
        let mut text = String::new();
        let mut structure = false;
        for event in Parser::new_ext(markdown, crate::parse::markdown::MARKDOWN_OPTIONS) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Paragraph) | Event::End(_) => {}
                _ => structure = true,
            }
        }
        (text, structure)
    }

    #[test]
    fn values_stay_plain_text_at_the_start_of_a_line_and_inside_one() {
        for value in [
            "## Commitments",
            "- [ ] injected, by 2026-01-01",
            "> quote",
            "1. one",
            "2) two",
            "===",
            "---",
            "+ plus",
            "[click](javascript:alert(1))",
            "![pixel](https://tracker.example/p.gif)",
            "<script>alert(1)</script>",
            "<quickly>",
            "&lt;b&gt; and &#60;",
            "*bold* _em_ `code` ~~gone~~",
            "a | b | c",
            "https://example.com",
            "    indented code",
            "```",
            "back\\slash",
            "O'Brien & Søn",
            "line one\n## Coach notes\nline three",
        ] {
            let escaped = markdown_string(value);
            for template in [
                format!("{escaped}\n"),
                format!("Hi {escaped}\n"),
                format!("- {escaped}\n"),
            ] {
                let (text, structure) = read_back(&template);
                let expected = value.split_whitespace().collect::<Vec<_>>().join(" ");
                let got = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    got.ends_with(&expected),
                    "{value:?} in {template:?} read back as {text:?}"
                );
                if !template.starts_with("- ") {
                    assert!(!structure, "{value:?} in {template:?} made structure");
                }
            }
        }
    }

    #[test]
    fn ordinary_text_stays_readable() {
        assert_eq!(markdown_string("Dana Reyes"), "Dana Reyes");
        assert_eq!(
            markdown_string("dana_reyes@example.com"),
            "dana_reyes@example.com"
        );
        assert_eq!(markdown_string("R & D, 2026."), "R & D, 2026.");
        assert_eq!(markdown_string("a\u{1b}[31m"), "a\\u{1b}\\[31m");
    }

    #[test]
    fn only_web_and_mail_links_are_kept() {
        for ok in [
            "https://video.example/x",
            "http://a.example",
            "mailto:a@b.example",
        ] {
            assert!(link_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "/relative",
            "../sessions/01.md",
            "https:",
            "java\nscript:x",
            "mailto:a@b.example?bcc=eve@evil.example",
            "https://a.example/\u{202e}x",
        ] {
            assert!(!link_allowed(bad), "{bad}");
        }
    }
}
