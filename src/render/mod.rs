//! From model to artefact: typed contexts, the template set, and output formats.

pub mod anonymous;
pub mod diagnostics;
pub mod eml;
pub mod escape;
pub mod figures;
pub mod html;
pub mod ics;
pub mod insights;
pub mod output;
pub mod page_check;
pub mod report;
pub mod svg;
pub mod templates;
pub mod text;
pub mod views;
pub mod yaml_scalar;
