//! Text from the files made safe to show: control characters and invisible
//! characters written as escapes. The lowest layer: every other module may use it.

use std::borrow::Cow;

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
/// never drive the terminal or disguise itself. Text with nothing to escape (most
/// of it) is returned as it is.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !needs_terminal_escapes(text) {
        return Cow::Borrowed(text);
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
    Cow::Owned(out)
}

/// Whether [`terminal`] changes `text`: runs of printable ASCII, line feeds and
/// tabs are skipped in passes the compiler vectorises, and only the characters
/// between them are looked at.
fn needs_terminal_escapes(text: &str) -> bool {
    let bytes = text.as_bytes();
    let plain = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n' || *b == b'\t';
    let mut at = 0;
    while let Some(skip) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| !plain(b)))
    {
        at += skip;
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return true;
        };
        let escaped = match c {
            '\r' => bytes.get(at + 1) != Some(&b'\n'),
            c => c.is_control() || is_invisible(c),
        };
        if escaped {
            return true;
        }
        at += c.len_utf8();
    }
    false
}

/// Text on one line, for a message: [`terminal`], with line feeds, carriage
/// returns and tabs escaped too.
pub fn inline(text: &str) -> String {
    terminal(text)
        .into_owned()
        .replace('\r', "\\u{d}")
        .replace('\n', "\\u{a}")
        .replace('\t', "\\u{9}")
}

/// `text` with every run of whitespace (as [`char::is_whitespace`] defines it)
/// made one space, and none at either end: the words `split_whitespace` finds,
/// joined by single spaces. Text already so (most of it) is returned as it is.
pub fn single_spaced(text: String) -> String {
    if is_single_spaced(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// No whitespace but single spaces between words, looked at byte by byte: only
/// text holding the lead byte of a non-ASCII space is read as characters.
fn is_single_spaced(text: &str) -> bool {
    let mut after_space = true;
    let mut maybe_unicode_space = false;
    for &byte in text.as_bytes() {
        match byte {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            // The lead bytes of U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000.
            0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                maybe_unicode_space = true;
                after_space = false;
            }
            _ => after_space = false,
        }
    }
    (!after_space || text.is_empty())
        && !(maybe_unicode_space && text.chars().any(|c| !c.is_ascii() && c.is_whitespace()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_spacing_keeps_the_words_split_whitespace_finds() {
        for text in [
            "",
            "   ",
            "one",
            "  two  words ",
            "tab\tand\nline\r\nbreaks",
            "vertical\u{b}tab and form\u{c}feed",
            "no-break\u{a0}space, ideographic\u{3000}space, next\u{85}line",
            "Zoë  Nguyễn\u{2003}Hồng",
            "zero\u{200b}width is not whitespace",
            "ends with a space ",
            " starts with one",
            "ends with a line\n",
            "narrow\u{202f}no-break and medium\u{205f}math spaces, en\u{2002}space",
            "Ogham\u{1680}space mark",
            "no space at all: ümlaut, 中文, ½",
        ] {
            assert_eq!(
                single_spaced(text.to_string()),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }

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
