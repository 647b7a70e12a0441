//! The output formats: Markdown from the template, and text, HTML, email and
//! JSON made from it or from the context.

use std::borrow::Cow;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::codes;
use crate::error::{Error, Result};
use crate::printable;
use crate::render::eml::{self, Mail};
use crate::render::html::{markdown_to_html, with_content_security_policy};
use crate::render::page_check;
use crate::render::templates::{Origin, Templates};
use crate::render::text::{Headings, markdown_to_text};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, as the template writes it.
    Md,
    /// Plain text wrapped at 78 columns.
    Text,
    /// A self-contained HTML page.
    Html,
    /// A MIME email draft (text and HTML), addressed and dated from the files.
    Eml,
    /// The template context, for scripts.
    Json,
}

impl Format {
    /// The file extension used by `--write`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Eml => "eml",
            Format::Json => "json",
        }
    }
}

/// Everything needed to produce an artefact in any format.
pub struct Artefact<'a, C: Serialize> {
    /// The Markdown template's name.
    pub template: &'a str,
    /// The typed context.
    pub context: &'a C,
    /// The page title and email subject.
    pub title: String,
    /// Addressing for `eml`, or why the files cannot address a draft (a missing or
    /// placeholder address), said only when `eml` is asked for.
    pub mail: std::result::Result<Mail, String>,
    /// SVG charts by id, spliced into HTML at their markers.
    pub charts: BTreeMap<String, String>,
    /// Where `--write` saves it: `out/<folder>/<stem>.<extension>`.
    pub folder: &'a str,
    /// The file name without its extension.
    pub stem: String,
    /// A template that writes a short cover note, put before the artefact in an
    /// email draft only (rendered from the same context).
    pub cover: Option<&'a str>,
}

/// Markdown as a reader gets it: the chart markers (HTML comments, for the
/// html format only) left out, and never two blank lines in a row.
fn clean_markdown(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = true;
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            continue;
        }
        if trimmed.is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        // Trailing spaces stay: two of them are a line break in Markdown.
        out.push_str(if blank { "" } else { line });
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The width plain text wraps at.
pub const TEXT_WIDTH: usize = 78;

/// Stands for the artefact while the page around it is checked: private-use
/// characters no template or escaping produces.
const BODY_PLACEHOLDER: &str = "\u{E000}coach-artefact\u{E000}";

#[derive(Serialize)]
struct PageContext<'a> {
    title: &'a str,
    body: &'a str,
}

/// Renders `artefact` in `format`.
pub fn render<C: Serialize>(
    templates: &Templates,
    artefact: &Artefact<'_, C>,
    format: Format,
) -> Result<String> {
    // Whatever a template or a file holds, no control character reaches a reader.
    let markdown = || {
        templates
            .render(artefact.template, artefact.context)
            .map(|m| match printable::terminal(&m) {
                Cow::Borrowed(_) => m,
                Cow::Owned(escaped) => escaped,
            })
    };
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(artefact.context)
                .map_err(|e| Error::Request(format!("cannot write json: {e}")))?;
            Ok(format!("{}\n", printable::json(&json)))
        }
        Format::Md => Ok(clean_markdown(&markdown()?)),
        Format::Text => Ok(format!(
            "{}\n",
            markdown_to_text(&markdown()?, TEXT_WIDTH, Headings::Underlined)
        )),
        Format::Html => page(templates, artefact, &markdown()?),
        Format::Eml => {
            let mail = artefact
                .mail
                .as_ref()
                .map_err(|why| Error::Request(why.clone()))?;
            let mut markdown = markdown()?;
            if let Some(cover) = artefact.cover {
                let note = templates.render(cover, artefact.context)?;
                markdown = format!(
                    "{}\n\n---\n\n{markdown}",
                    printable::terminal(note.trim_end())
                );
            }
            let text = format!(
                "{}\n",
                markdown_to_text(&markdown, TEXT_WIDTH, Headings::Letter)
            );
            let html = page(templates, artefact, &markdown)?;
            eml::draft(mail, &artefact.title, &text, &html)
        }
    }
}

fn page<C: Serialize>(
    templates: &Templates,
    artefact: &Artefact<'_, C>,
    markdown: &str,
) -> Result<String> {
    // The page is rendered around a placeholder and checked before the artefact,
    // which is safe by construction, goes in.
    let page = templates.render(
        "page.html",
        &PageContext {
            title: &artefact.title,
            body: BODY_PLACEHOLDER,
        },
    )?;
    if let Some(reason) = page_check::refusal(&page) {
        let path = match templates.origin("page.html") {
            Some(Origin::Engagement(p) | Origin::Practice(p)) => p.clone(),
            _ => PathBuf::from("page.html"),
        };
        return Err(Error::at(
            codes::PAGE_TEMPLATE,
            &path,
            None,
            format!("the page template may hold layout and style only, but {reason}"),
        ));
    }
    let body = markdown_to_html(markdown, &artefact.charts);
    Ok(with_content_security_policy(
        &page.replace(BODY_PLACEHOLDER, &body),
    ))
}
