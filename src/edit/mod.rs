//! The one kind of change coach makes to a file a person wrote: setting a few
//! front-matter values in place, at the positions the YAML parser gives, so every
//! other byte (comments, key order, quoting, line ends, the body) stays as it was.

pub mod front_matter;
