//! The engagement as plain data: no I/O here.

pub mod body;
pub mod checkin;
pub mod commitment;
pub mod dates;
pub mod email;
pub mod engagement;
pub mod insights;
pub mod local_time;
pub mod pacing;
pub mod phases;
pub mod progress;
pub mod schedule;
pub mod series;
pub mod session;
pub mod stats;
pub mod valid;
pub mod words;
