//! Text from the files made safe to show: control characters and invisible
//! characters written as escapes. The lowest layer: every other module may use it.

/// A character that changes how text around it is shown without showing itself:
/// bidirectional overrides and isolates, the zero-width space, the soft hyphen,
/// the byte-order mark, fillers. (The zero-width joiner and non-joiner are left:
/// Persian, Indic scripts and emoji need them.) Shown escaped, a look-alike heading or a reversed name
/// cannot pass for what it is not.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180b}'..='\u{180e}'
            | '\u{200b}'
            | '\u{200e}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// JSON text with every [invisible](is_invisible) character written as a JSON
/// escape (`\u2028`), so it stays valid JSON and shows on a terminal what it holds
/// (serde_json escapes control characters already).
pub fn json(text: &str) -> String {
    let escaped = |c: char| is_invisible(c) || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
    if !text.chars().any(escaped) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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
        assert_eq!(
            json("\"a\u{2028}b\u{e0041}\""),
            "\"a\\u2028b\\udb40\\udc41\""
        );
    }
}
