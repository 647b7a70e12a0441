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
pub mod show;
pub mod sparkline;
pub mod svg;
pub mod templates;
pub mod text;
pub mod three_way;
pub mod views;
pub mod yaml_scalar;
