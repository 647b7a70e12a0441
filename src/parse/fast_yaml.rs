//! A fast path in front of serde-saphyr for the YAML coach writes and documents:
//! block mappings (and block lists of one-line items) of plain and quoted
//! one-line scalars, one-line flow lists and flow mappings, and comments.
//!
//! It answers only when it is certain: anything else (anchors, aliases, tags,
//! multi-line or block scalars, duplicate keys, a quoted key, a tab, a number at
//! the edges, a plain scalar that could be read as null, a boolean or a number
//! where text is wanted, a value of the wrong type) makes it decline, and
//! serde-saphyr reads the text, with every error and position. A differential
//! property test (tests/properties.rs) asserts that whenever it answers, it gives
//! exactly serde-saphyr's value.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};

/// `text` as `T`, or `None` when the fast path cannot be sure.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let node = parse(text)?;
    T::deserialize(&node).ok()
}

/// The deepest nesting of block mappings read; deeper text declines.
const MAX_DEPTH: usize = 4;

/// A YAML value of the subset, borrowing from the text where it can.
#[derive(Debug, PartialEq)]
enum Node<'a> {
    /// A key with no value.
    Empty,
    /// A plain scalar, resolved when its type is asked for.
    Plain(&'a str),
    /// A quoted scalar: always text.
    Quoted(Cow<'a, str>),
    /// A block or flow list.
    Seq(Vec<Node<'a>>),
    /// A block or flow mapping, in written order, keys unique.
    Map(Vec<(&'a str, Node<'a>)>),
}

/// One line of the text that holds content: its indentation and what follows it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    content: &'a str,
}

/// Front matter longer than this is not read here: serde-saphyr's budgets
/// (nodes, nesting) apply to it.
const MAX_TEXT: usize = 64 * 1024;

/// YAML's longest implicit key, in characters.
const MAX_KEY: usize = 1024;

/// The whole text as a mapping, or `None` when it steps outside the subset.
fn parse(text: &str) -> Option<Node<'_>> {
    if text.len() > MAX_TEXT {
        return None;
    }
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 2);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for end in ends {
        let raw = &text[start..end];
        start = end + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if has_char_left_to_saphyr(raw) {
            return None;
        }
        let content = raw.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if raw.starts_with("---") || raw.starts_with("...") || raw.starts_with('%') {
            return None;
        }
        let indent = raw.len() - content.len();
        let content = content.trim_end_matches(' ');
        // `- key: value` opens a mapping inside the item: read as `-` and the
        // mapping's first line, indented where its key stands.
        if let Some(after) = content.strip_prefix("- ") {
            let key = after.trim_start_matches(' ');
            if key_and_rest(key).is_some() {
                lines.push(Line {
                    indent,
                    content: "-",
                });
                lines.push(Line {
                    indent: indent + content.len() - key.len(),
                    content: key,
                });
                continue;
            }
        }
        lines.push(Line { indent, content });
    }
    if lines.is_empty() {
        return None;
    }
    let mut at = 0;
    let node = block_map(&lines, &mut at, 0, 0)?;
    (at == lines.len()).then_some(node)
}

/// Whether a line holds a character YAML does not allow anywhere, comments
/// included (a control character, U+FFFE, U+FFFF), or one the subset leaves to
/// serde-saphyr (a tab, a CR, a BOM). Read byte by byte: each of them is an
/// ASCII byte or starts with 0xC2 (the C1 controls) or 0xEF.
fn has_char_left_to_saphyr(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Most lines are printable ASCII: one pass the compiler vectorises.
    if bytes.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        return false;
    }
    bytes.iter().enumerate().any(|(at, &byte)| match byte {
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
        0xef => matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        _ => false,
    })
}

/// The block mapping whose keys stand at `indent`, from `lines[*at]` on.
fn block_map<'a>(
    lines: &[Line<'a>],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Option<Node<'a>> {
    if depth > MAX_DEPTH || lines.get(*at)?.indent != indent {
        return None;
    }
    let mut entries: Vec<(&'a str, Node<'a>)> = Vec::with_capacity(8);
    while let Some(line) = lines.get(*at).filter(|l| l.indent == indent) {
        let (key, rest) = key_and_rest(line.content)?;
        if entries.iter().any(|(k, _)| *k == key) {
            return None;
        }
        *at += 1;
        let value = if rest.is_empty() {
            match lines.get(*at) {
                Some(next) if next.indent > indent && !is_item(next.content) => {
                    block_map(lines, at, next.indent, depth + 1)?
                }
                Some(next) if next.indent >= indent && is_item(next.content) => {
                    block_seq(lines, at, next.indent, depth + 1)?
                }
                _ => Node::Empty,
            }
        } else {
            inline(rest, false)?
        };
        entries.push((key, value));
        // Whatever is indented further now would continue a scalar or open
        // something the subset does not read.
        if lines.get(*at).is_some_and(|next| next.indent > indent) {
            return None;
        }
    }
    Some(Node::Map(entries))
}

/// A block list at `indent` of one-line items and of mappings (`- key: value`
/// and the lines indented under it).
fn block_seq<'a>(
    lines: &[Line<'a>],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Option<Node<'a>> {
    let mut items = Vec::new();
    while let Some(line) = lines
        .get(*at)
        .filter(|l| l.indent == indent && is_item(l.content))
    {
        *at += 1;
        if line.content == "-" {
            let next = lines
                .get(*at)
                .filter(|next| next.indent > indent && !is_item(next.content))?;
            items.push(block_map(lines, at, next.indent, depth + 1)?);
        } else {
            let item = line.content.strip_prefix("- ")?.trim_start_matches(' ');
            if item.is_empty() || key_and_rest(item).is_some() {
                return None;
            }
            items.push(inline(item, false)?);
        }
        if lines.get(*at).is_some_and(|next| next.indent > indent) {
            return None;
        }
    }
    Some(Node::Seq(items))
}

fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// `key: rest` with a plain key of letters, digits, `_` and `-` (a letter or `_`
/// first), and the rest after the separator (empty for a key alone).
fn key_and_rest(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(bytes.len());
    let key = &content[..end];
    if key.len() > MAX_KEY
        || !bytes
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
    {
        return None;
    }
    let after = content[end..].strip_prefix(':')?;
    if after.is_empty() {
        return Some((key, ""));
    }
    let rest = after.strip_prefix(' ')?.trim_start_matches(' ');
    if rest.starts_with('#') {
        return Some((key, ""));
    }
    Some((key, rest))
}

/// A value written on the rest of one line: quoted, flow or plain, with an
/// optional comment after it.
fn inline(text: &str, in_flow: bool) -> Option<Node<'_>> {
    let mut cursor = Cursor { text, at: 0 };
    let node = cursor.value(in_flow, 0)?;
    cursor.skip_spaces();
    let rest = cursor.rest();
    (rest.is_empty()
        || (rest.starts_with('#') && cursor.at > 0 && text[..cursor.at].ends_with(' ')))
    .then_some(node)
}

/// A reader over one line's value.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_spaces(&mut self) {
        while self.rest().starts_with(' ') {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.rest().starts_with(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    /// One value: in a flow collection (`in_flow`), plain scalars end at `,`, `]`
    /// and `}`; flow collections nest at most two deep.
    fn value(&mut self, in_flow: bool, depth: usize) -> Option<Node<'a>> {
        match self.rest().chars().next()? {
            '[' if depth < 2 => self.flow_seq(depth + 1),
            '{' if depth < 2 => self.flow_map(depth + 1),
            '"' => self.double_quoted(),
            '\'' => self.single_quoted(),
            _ => self.plain(in_flow),
        }
    }

    fn flow_seq(&mut self, depth: usize) -> Option<Node<'a>> {
        self.eat('[');
        let mut items = Vec::new();
        loop {
            self.skip_spaces();
            if self.eat(']') {
                return Some(Node::Seq(items));
            }
            items.push(self.value(true, depth)?);
            self.skip_spaces();
            if !self.eat(',') {
                self.skip_spaces();
                return self.eat(']').then_some(Node::Seq(items));
            }
        }
    }

    fn flow_map(&mut self, depth: usize) -> Option<Node<'a>> {
        self.eat('{');
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        loop {
            self.skip_spaces();
            if self.eat('}') {
                return Some(Node::Map(entries));
            }
            let (key, _) = key_and_rest(self.rest())?;
            if entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            self.at += key.len();
            if !self.eat(':') || !self.eat(' ') {
                return None;
            }
            self.skip_spaces();
            entries.push((key, self.value(true, depth)?));
            self.skip_spaces();
            if !self.eat(',') {
                self.skip_spaces();
                return self.eat('}').then_some(Node::Map(entries));
            }
        }
    }

    /// A plain scalar up to a comment, the line's end, or in flow a `,`, `]` or
    /// `}`. One that starts with an indicator or holds `: ` is not read.
    fn plain(&mut self, in_flow: bool) -> Option<Node<'a>> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        let second = rest[first.len_utf8()..].chars().next();
        let indicator = matches!(
            first,
            '-' | '?'
                | ':'
                | ','
                | '['
                | ']'
                | '{'
                | '}'
                | '#'
                | '&'
                | '*'
                | '!'
                | '|'
                | '>'
                | '\''
                | '"'
                | '%'
                | '@'
                | '`'
        );
        if indicator && !(first == '-' && second.is_some_and(|c| c.is_ascii_digit() || c == '.')) {
            return None;
        }
        // Byte by byte: every character that ends or refuses the scalar is ASCII
        // (the line holds no control character: `parse` declined those).
        let bytes = rest.as_bytes();
        let mut end = rest.len();
        for (i, &b) in bytes.iter().enumerate() {
            let comment = b == b'#' && i > 0 && bytes[i - 1] == b' ';
            if comment || (in_flow && matches!(b, b',' | b']' | b'}')) {
                end = i;
                break;
            }
            if b == b':' && bytes.get(i + 1) == Some(&b' ') {
                return None;
            }
        }
        let scalar = rest[..end].trim_end_matches(' ');
        if scalar.ends_with(':') || (in_flow && scalar.contains([':', '[', '{'])) {
            return None;
        }
        self.at += scalar.len();
        Some(Node::Plain(scalar))
    }

    /// `'...'` on one line, `''` standing for a quote.
    fn single_quoted(&mut self) -> Option<Node<'a>> {
        self.eat('\'');
        let rest = self.rest();
        // Most values hold no quote: they are borrowed as written.
        if let Some(end) = memchr::memchr(b'\'', rest.as_bytes())
            && rest.as_bytes().get(end + 1) != Some(&b'\'')
            && !has_char_left_to_saphyr(&rest[..end])
        {
            self.at += end + 1;
            return Some(Node::Quoted(Cow::Borrowed(&rest[..end])));
        }
        let mut value = String::new();
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                    chars.next();
                    value.push('\'');
                    continue;
                }
                self.at += i + 1;
                return Some(Node::Quoted(Cow::Owned(value)));
            }
            if c.is_control() {
                return None;
            }
            value.push(c);
        }
        None
    }

    /// `"..."` on one line, with the escapes `\\`, `\"`, `\/`, `\n`, `\t` and
    /// `\uXXXX` (a scalar value, not half a surrogate pair).
    fn double_quoted(&mut self) -> Option<Node<'a>> {
        self.eat('"');
        let rest = self.rest();
        // Most values hold no escape: they are borrowed as written.
        if let Some(end) = memchr::memchr2(b'"', b'\\', rest.as_bytes())
            && rest.as_bytes()[end] == b'"'
            && !has_char_left_to_saphyr(&rest[..end])
        {
            self.at += end + 1;
            return Some(Node::Quoted(Cow::Borrowed(&rest[..end])));
        }
        let mut value = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Some(Node::Quoted(Cow::Owned(value)));
                }
                '\\' => value.push(match chars.next()?.1 {
                    '\\' => '\\',
                    '"' => '"',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    'u' => {
                        let hex: String = (0..4)
                            .map(|_| chars.next().map(|(_, h)| h).filter(char::is_ascii_hexdigit))
                            .collect::<Option<_>>()?;
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                }),
                c if c.is_control() => return None,
                c => value.push(c),
            }
        }
        None
    }
}

/// Whether a plain scalar could mean something besides text: null, a boolean or
/// a number in YAML 1.2's core schema, or in the 1.1 forms some readers still take
/// (`yes`, `0b101`, `1_000`, `1:30`). Where text is wanted, such a scalar declines.
fn could_be_other_than_text(plain: &str) -> bool {
    const WORDS: [&str; 11] = [
        "", "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ];
    if plain.len() <= 5 && WORDS.iter().any(|w| plain.eq_ignore_ascii_case(w)) {
        return true;
    }
    let unsigned = plain.trim_start_matches(['-', '+']);
    let bytes = unsigned.as_bytes();
    let Some(&first) = bytes.first() else {
        return true;
    };
    if !(first.is_ascii_digit() || first == b'.') {
        return false;
    }
    let starts = |prefix: &str| {
        unsigned
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if [".inf", ".nan", "0x", "0o", "0b"].into_iter().any(starts) {
        return true;
    }
    // Digits with `_` or `:` between them (YAML 1.1), one `.`, an exponent.
    let (mut digits, mut dot, mut exponent) = (0, false, false);
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => digits += 1,
            b'_' | b':' => {}
            b'.' if !dot && !exponent => dot = true,
            b'e' | b'E' if !exponent => {
                exponent = true;
                if matches!(bytes.get(at + 1), Some(b'+' | b'-')) {
                    at += 1;
                }
            }
            _ => return false,
        }
        at += 1;
    }
    digits > 0
}

/// `0` or digits without a leading zero, optionally negative.
fn integer(plain: &str, signed: bool) -> Option<&str> {
    let digits = if signed {
        plain.strip_prefix('-').unwrap_or(plain)
    } else {
        plain
    };
    let canonical = digits == "0"
        || (!digits.is_empty()
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit()));
    (canonical && digits.len() <= 18).then_some(plain)
}

/// An integer, or one with a fraction of digits: `-2`, `4.5`; no exponent, no
/// leading zeros, no `.5`.
fn decimal(plain: &str) -> Option<f64> {
    let (whole, fraction) = match plain.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (plain, None),
    };
    integer(whole, true)?;
    if whole == "-0" {
        return None;
    }
    if let Some(f) = fraction
        && (f.is_empty() || f.len() > 15 || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    plain.parse().ok()
}

/// Why the fast path declined: the text goes to serde-saphyr.
#[derive(Debug)]
pub struct Decline;

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the fast path")
    }
}

impl std::error::Error for Decline {}

impl de::Error for Decline {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Decline
    }
}

impl<'de> Deserializer<'de> for &Node<'de> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Plain(text) if !could_be_other_than_text(text) => {
                visitor.visit_borrowed_str(text)
            }
            Node::Quoted(text) => visitor.visit_str(text),
            Node::Seq(_) => self.deserialize_seq(visitor),
            Node::Map(_) => self.deserialize_map(visitor),
            _ => Err(Decline),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Plain(text) if !could_be_other_than_text(text) => {
                visitor.visit_borrowed_str(text)
            }
            Node::Quoted(text) => visitor.visit_str(text),
            _ => Err(Decline),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Plain("true") => visitor.visit_bool(true),
            Node::Plain("false") => visitor.visit_bool(false),
            _ => Err(Decline),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Plain(text) => visitor.visit_u64(
                integer(text, false)
                    .ok_or(Decline)?
                    .parse()
                    .map_err(|_| Decline)?,
            ),
            _ => Err(Decline),
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Plain(text) if *text != "-0" => visitor.visit_i64(
                integer(text, true)
                    .ok_or(Decline)?
                    .parse()
                    .map_err(|_| Decline)?,
            ),
            _ => Err(Decline),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Plain(text) => visitor.visit_f64(decimal(text).ok_or(Decline)?),
            _ => Err(Decline),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Empty | Node::Plain("null" | "~") => visitor.visit_none(),
            Node::Plain(text) if could_be_other_than_text(text) && decimal(text).is_none() => {
                Err(Decline)
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
            _ => Err(Decline),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            _ => Err(Decline),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Decline> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Decline> {
        match self {
            Node::Plain(text) if !could_be_other_than_text(text) => {
                visitor.visit_enum((*text).into_deserializer())
            }
            _ => Err(Decline),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Decline> {
        visitor.visit_newtype_struct(self)
    }

    /// serde-saphyr still reads an ignored value (and refuses `.inf` there), so
    /// only values whose every scalar is plain text or a plain decimal are skipped.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        if self.only_text_and_decimals() {
            visitor.visit_unit()
        } else {
            Err(Decline)
        }
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct
    }
}

impl Node<'_> {
    /// Every scalar is text, a plain decimal, or absent.
    fn only_text_and_decimals(&self) -> bool {
        match self {
            Node::Empty | Node::Quoted(_) => true,
            Node::Plain(text) => !could_be_other_than_text(text) || decimal(text).is_some(),
            Node::Seq(items) => items.iter().all(Node::only_text_and_decimals),
            Node::Map(entries) => entries.iter().all(|(_, v)| v.only_text_and_decimals()),
        }
    }
}

/// The items of a list, for serde.
struct Items<'b, 'de>(std::slice::Iter<'b, Node<'de>>);

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Decline;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Decline> {
        self.0.next().map(|node| seed.deserialize(node)).transpose()
    }
}

/// The entries of a mapping, for serde.
struct Entries<'b, 'de> {
    entries: std::slice::Iter<'b, (&'de str, Node<'de>)>,
    value: Option<&'b Node<'de>>,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Decline> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(&Node::Plain(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Decline> {
        seed.deserialize(self.value.take().ok_or(Decline)?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::session::FrontMatter;

    fn node(text: &str) -> Option<Node<'_>> {
        parse(text)
    }

    #[test]
    fn reads_the_subset_coach_writes() {
        let text = "session: 8\ndate: 2026-03-19   # a comment\ntime: \"09:00\"\nkind: regular\nstatus: held\nfocus: [delegation, authority]\nmeasures: {escalations: 5, confidence: 6.5}\nalliance: 8\nshift: 'You let Keiko decide: it''s hers.'\nprogress:\n  delegation: {rating: emerging, sponsor_note: \"Owns \\\"routine\\\" escalations.\"}\nprivate:\n  note: anything at all\n";
        let front: FrontMatter = from_str(text).expect("fast path");
        assert_eq!(front.session, 8);
        assert_eq!(front.focus, ["delegation", "authority"]);
        assert_eq!(front.measures["confidence"], 6.5);
        assert_eq!(
            front.shift.as_deref(),
            Some("You let Keiko decide: it's hers.")
        );
        assert_eq!(
            front.progress["delegation"].sponsor_note.as_deref(),
            Some("Owns \"routine\" escalations.")
        );
    }

    #[test]
    fn declines_what_it_cannot_be_sure_of() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: one\n  two\n",
            "a: 1\na: 2\n",
            "\"a\": 1\n",
            "a:\tb\n",
            "a: [1, 2\n",
            "a: {b: 1, b: 2}\n",
            "a: x: y\n",
            "a: \"\\x41\"\n",
            "a: \"unterminated\n",
            "- a\n- b\n",
            "a:\n  - - b\n",
            "a:\n  -\n  - b\n",
            "<<: {a: 1}\n",
            "? a\n: b\n",
            "a: b\n---\nc: d\n",
            "a: \"\\u+041\"\n",
            "a: b # pasted \u{1b}[0m\n",
            "a: b\u{7f}\n",
            "a: \"x\u{fffe}\"\n",
            "",
        ] {
            assert_eq!(node(text), None, "{text:?}");
        }
    }

    #[test]
    fn leaves_types_it_is_unsure_of_to_serde_saphyr() {
        let decline = |text: &str| from_str::<BTreeMap<String, String>>(text).is_none();
        for text in [
            "a: yes\n",
            "a: 1\n",
            "a: 0x1F\n",
            "a: .inf\n",
            "a: ~\n",
            "a: 1e3\n",
            "a:\n",
        ] {
            assert!(decline(text), "{text:?}");
        }
        assert!(!decline("a: 2026-03-19\n"));
        let number = |text: &str| from_str::<BTreeMap<String, f64>>(text);
        assert_eq!(number("a: -2.5\n").expect("read")["a"], -2.5);
        for text in [
            "a: 007\n",
            "a: 1e3\n",
            "a: .5\n",
            "a: 1_000\n",
            "a: -0\n",
            "a: +1\n",
        ] {
            assert!(number(text).is_none(), "{text:?}");
        }
    }
}
