//! Text from the files made safe to show: control characters and invisible
//! characters written as escapes. The lowest layer: every other module may use it.

/// A character that changes how text around it is shown without showing itself:
/// bidirectional overrides and isolates, zero-width characters, the soft hyphen,
/// the byte-order mark. Shown escaped, a look-alike heading or a reversed name
/// cannot pass for what it is not.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

/// Text for a terminal: every control character but line feeds and tabs (and a
/// carriage return that ends a CRLF line, as in iCalendar and mail), and every
/// [invisible](is_invisible) character, is shown escaped, so text from a file can
/// never drive the terminal or disguise itself.
pub fn terminal(text: &str) -> String {
    if !text
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t' && c != '\r') || is_invisible(c))
        && !text.replace("\r\n", "").contains('\r')
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text on one line, for a message: [`terminal`], with line feeds, carriage
/// returns and tabs escaped too.
pub fn inline(text: &str) -> String {
    terminal(text)
        .replace('\r', "\\u{d}")
        .replace('\n', "\\u{a}")
        .replace('\t', "\\u{9}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_get_escapes_not_control_characters() {
        assert_eq!(terminal("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\n");
        assert_eq!(terminal("x\r\ny\rz"), "x\r\ny\\u{d}z");
        assert_eq!(terminal("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            terminal("Coach\u{200b}notes \u{202e}olleh"),
            "Coach\\u{200b}notes \\u{202e}olleh"
        );
    }
}
