//! Every rule coach checks, in one place. The loader parses; these rules run once
//! over what it read and report each problem with a stable code, a position the
//! parser gave (a YAML value through [`YamlSource`], a heading or an item through
//! pulldown-cmark's offsets) and a help line. No text search decides a position.

mod across;
mod body;
mod checkins;
mod engagement;
mod keys;
mod session;
mod source;

pub use across::{across, three_way_misplaced};
pub use engagement::{INTAKE_MINUTES, SESSION_MINUTES, engagement};
pub use keys::misspelt_keys;
pub use session::{MAX_SESSION_NUMBER, session, session_file_name};
pub use source::{YamlSource, located};
