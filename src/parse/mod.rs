//! From text to model: front matter, YAML, Markdown sections and commitments.

pub mod fast_yaml;
pub mod frontmatter;
pub mod markdown;
pub mod sections;
pub mod yaml;
pub mod yaml_map;
