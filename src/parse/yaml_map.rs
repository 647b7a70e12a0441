//! Where each key and value of a YAML document stands, as the YAML parser saw it:
//! the positions checks point at when a value is wrong. Built by serde-saphyr, the
//! same parser that reads the values, and only for a file that has a problem.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A position in a file: 1-based line and column, and the column just past the
/// value when it is on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The 1-based column just past the value, when known.
    pub end_column: Option<usize>,
}

/// One step of a path into the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value under a mapping key.
    Key(&'a str),
    /// The item of a sequence at this index.
    Index(usize),
}

/// A YAML node with its position.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    span: Span,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Map(Vec<(String, Span, Node)>),
    Seq(Vec<Node>),
    Scalar(String),
}

/// The positions of a YAML document's keys and values.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlMap {
    root: Node,
}

impl YamlMap {
    /// Reads `text`, whose first line is line `first_line` of its file. `None` when
    /// the YAML does not parse (its own error has the position then).
    pub fn parse(text: &str, first_line: usize) -> Option<YamlMap> {
        let RawNode(root) =
            serde_saphyr::from_str_with_options(text, super::yaml::options()).ok()?;
        let mut map = YamlMap {
            root: Node {
                span: raw_span(&root.referenced),
                kind: root.value,
            },
        };
        map.root.shift(first_line.saturating_sub(1));
        Some(map)
    }

    /// The position of the value at `path`.
    pub fn value(&self, path: &[Step<'_>]) -> Option<Span> {
        self.find(path).map(|(_, value)| value.span)
    }

    /// The position of the key at the end of `path` (a mapping key), or of the
    /// value for a sequence index.
    pub fn key(&self, path: &[Step<'_>]) -> Option<Span> {
        self.find(path)
            .map(|(key, value)| key.unwrap_or(value.span))
    }

    /// The position of the value at `path` when it is a scalar.
    pub fn scalar(&self, path: &[Step<'_>]) -> Option<Span> {
        match self.find(path) {
            Some((
                _,
                Node {
                    span,
                    kind: Kind::Scalar(_),
                },
            )) => Some(*span),
            _ => None,
        }
    }

    /// The keys of the mapping at `path`, with their positions, in file order.
    pub fn keys(&self, path: &[Step<'_>]) -> Vec<(&str, Span)> {
        let node = if path.is_empty() {
            Some(&self.root)
        } else {
            self.find(path).map(|(_, node)| node)
        };
        match node.map(|n| &n.kind) {
            Some(Kind::Map(entries)) => entries.iter().map(|(k, s, _)| (k.as_str(), *s)).collect(),
            _ => Vec::new(),
        }
    }

    /// Every scalar value in the document, with its position, in file order.
    pub fn scalars(&self) -> Vec<(&str, Span)> {
        let mut out = Vec::new();
        self.root.collect_scalars(&mut out);
        out
    }

    fn find(&self, path: &[Step<'_>]) -> Option<(Option<Span>, &Node)> {
        let mut node = &self.root;
        let mut key_span = None;
        for step in path {
            match (step, &node.kind) {
                (Step::Key(wanted), Kind::Map(entries)) => {
                    let (_, span, value) = entries.iter().find(|(k, _, _)| k == wanted)?;
                    key_span = Some(*span);
                    node = value;
                }
                (Step::Index(index), Kind::Seq(items)) => {
                    node = items.get(*index)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((key_span, node))
    }
}

impl Node {
    fn collect_scalars<'a>(&'a self, out: &mut Vec<(&'a str, Span)>) {
        match &self.kind {
            Kind::Map(entries) => entries.iter().for_each(|(_, _, v)| v.collect_scalars(out)),
            Kind::Seq(items) => items.iter().for_each(|n| n.collect_scalars(out)),
            Kind::Scalar(text) => out.push((text, self.span)),
        }
    }

    fn shift(&mut self, lines: usize) {
        self.span.line += lines;
        match &mut self.kind {
            Kind::Map(entries) => {
                for (_, key, value) in entries {
                    key.line += lines;
                    value.shift(lines);
                }
            }
            Kind::Seq(items) => items.iter_mut().for_each(|n| n.shift(lines)),
            Kind::Scalar(_) => {}
        }
    }
}

/// A node as serde-saphyr gives it: the value with its location.
struct RawNode(Spanned<Kind>);

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Spanned::<Kind>::deserialize(deserializer).map(RawNode)
    }
}

/// A mapping key of any scalar type, as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarText).map(KeyText)
    }
}

struct ScalarText;

impl Visitor<'_> for ScalarText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value: RawNode = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Kind::Map(
            entries
                .into_iter()
                .map(|(key, RawNode(value))| {
                    (
                        key.value.0,
                        raw_span(&key.referenced),
                        Node {
                            span: raw_span(&value.referenced),
                            kind: value.value,
                        },
                    )
                })
                .collect(),
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let mut items = Vec::new();
        while let Some(RawNode(item)) = seq.next_element()? {
            items.push(Node {
                span: raw_span(&item.referenced),
                kind: item.value,
            });
        }
        Ok(Kind::Seq(items))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Kind, E> {
        ScalarText.visit_str(v).map(Kind::Scalar)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Kind, E> {
        ScalarText.visit_bool(v).map(Kind::Scalar)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Kind, E> {
        ScalarText.visit_i64(v).map(Kind::Scalar)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kind, E> {
        ScalarText.visit_u64(v).map(Kind::Scalar)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Kind, E> {
        ScalarText.visit_f64(v).map(Kind::Scalar)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
        ScalarText.visit_unit().map(Kind::Scalar)
    }
}

/// A span from a location alone: the extent is the span's length in characters.
fn raw_span(location: &serde_saphyr::Location) -> Span {
    let column = location.column() as usize;
    let length = location.span().len() as usize;
    Span {
        line: location.line() as usize,
        column,
        end_column: (length > 0).then_some(column + length),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "client: {name: Dana, email: d@x.example}\nobjectives:\n  - id: authority\n    title: Claim it\n  - id: authority\nmeasures: {confidence: 5}\n";

    #[test]
    fn positions_of_keys_and_values_in_block_and_flow_style() {
        let map = YamlMap::parse(YAML, 3).expect("parses");
        let second = map
            .value(&[Step::Key("objectives"), Step::Index(1), Step::Key("id")])
            .expect("found");
        assert_eq!(
            (second.line, second.column, second.end_column),
            (7, 9, Some(18))
        );
        let name = map
            .value(&[Step::Key("client"), Step::Key("name")])
            .expect("found");
        assert_eq!((name.line, name.column), (3, 16));
        let key = map
            .key(&[Step::Key("measures"), Step::Key("confidence")])
            .expect("found");
        assert_eq!((key.line, key.column), (8, 12));
        let keys: Vec<&str> = map.keys(&[]).iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["client", "objectives", "measures"]);
        assert!(map.value(&[Step::Key("nothing")]).is_none());
    }
}
