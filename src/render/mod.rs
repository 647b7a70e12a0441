//! From model to artefact: typed contexts, the template set, and output formats.

pub mod templates;
pub mod yaml_scalar;
