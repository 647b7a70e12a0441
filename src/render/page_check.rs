//! What a page template may write around an artefact: layout and style only. The
//! page (built-in or a custom `page.html`) is rendered around a placeholder and
//! read tag by tag before the artefact goes in; anything that could run, load,
//! navigate or submit refuses the page, naming it. Mail clients ignore a
//! Content-Security-Policy, so this check, not the policy, is what keeps an eml safe.

/// The elements a page template may use.
const ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
    "article", "aside", "nav", "div", "span", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br",
    "em", "strong", "small", "b", "i", "ul", "ol", "li",
];

/// The attributes a page template may use; `aria-*` and `data-*` are allowed too.
const ATTRIBUTES: &[&str] = &[
    "lang", "dir", "class", "id", "role", "charset", "name", "content", "title",
];

/// What CSS may not contain: each loads something, or runs script in old browsers.
const CSS_LOADS: &[&str] = &["url(", "@import", "image-set(", "expression(", "@font-face"];

/// An element of an HTML text: its name and attributes (names lowercased).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The element's name.
    pub name: String,
    /// Its attributes, in order.
    pub attributes: Vec<(String, String)>,
}

/// The start tags of `html`, in order. Escaped text has no `<`, so only real tags
/// are found.
pub fn tags(html: &str) -> Vec<Tag> {
    html.split('<')
        .skip(1)
        .filter(|piece| piece.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(read_tag)
        .collect()
}

fn read_tag(piece: &str) -> Tag {
    let mut chars = piece.chars().peekable();
    let mut name = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || c == '>' || c == '/' {
            break;
        }
        name.push(c.to_ascii_lowercase());
        chars.next();
    }
    let mut attributes = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        if matches!(chars.peek(), None | Some('>')) {
            break;
        }
        let mut attribute = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '=' || c == '>' {
                break;
            }
            attribute.push(c.to_ascii_lowercase());
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            match chars.peek().copied() {
                Some(quote @ ('"' | '\'')) => {
                    chars.next();
                    value.extend(chars.by_ref().take_while(|c| *c != quote));
                }
                _ => {
                    while let Some(&c) = chars.peek() {
                        if c.is_whitespace() || c == '>' {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        attributes.push((attribute, value));
    }
    Tag { name, attributes }
}

/// Why a page template's output may not go out, or `None` when it may.
pub fn refusal(page: &str) -> Option<String> {
    for tag in tags(page) {
        if !ELEMENTS.contains(&tag.name.as_str()) {
            return Some(format!("it writes a `<{}>` element", tag.name));
        }
        for (attribute, value) in &tag.attributes {
            let allowed = ATTRIBUTES.contains(&attribute.as_str())
                || attribute.starts_with("aria-")
                || attribute.starts_with("data-");
            if !allowed {
                return Some(format!(
                    "it writes a `{attribute}` attribute on `<{}>`",
                    tag.name
                ));
            }
            if tag.name == "meta"
                && attribute == "name"
                && !matches!(value.as_str(), "viewport" | "color-scheme" | "description")
            {
                return Some(format!("it writes a `<meta name=\"{value}\">`"));
            }
        }
    }
    let lower = page.to_ascii_lowercase();
    CSS_LOADS
        .iter()
        .find(|css| lower.contains(*css))
        .map(|css| format!("its style uses `{css}`, which loads from elsewhere"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_page_is_accepted() {
        let page = include_str!("../../templates/page.html");
        assert_eq!(refusal(page), None);
    }

    #[test]
    fn anything_that_runs_loads_or_navigates_is_refused() {
        for page in [
            "<script>x</script>",
            "<body onload=x>",
            "<img src=https://evil.example/p.gif>",
            "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
            "<link rel=dns-prefetch href=//evil.example>",
            "<base href=https://evil.example/>",
            "<form action=https://evil.example>",
            "<iframe src=x>",
            "<a href=\"javascript:x\">a</a>",
            "<svg><script>x</script></svg>",
            "<style>body { background: URL(https://evil.example/p.gif) }</style>",
            "<style>@import 'https://evil.example/x.css';</style>",
            "<div style=\"background:url(x)\">",
            "<meta name=referrer content=unsafe-url>",
        ] {
            assert!(refusal(page).is_some(), "{page}");
        }
    }

    #[test]
    fn tags_are_read_with_their_attributes() {
        let found = tags("text &lt;b&gt; <a href='x' class=y>z</a>");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].attributes,
            [
                ("href".to_string(), "x".to_string()),
                ("class".to_string(), "y".to_string())
            ]
        );
    }
}
