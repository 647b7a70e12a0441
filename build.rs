//! Links the `coach` binary as a position-dependent executable on Linux.
//!
//! A position-independent Rust binary of coach's size carries about 39,000
//! relocations that the dynamic loader applies at every start, writing to some
//! 300 pages of read-only data: about 270 more page faults and 1 ms more per
//! command, a third of the 3 ms a command on one engagement may take
//! (docs/PERFORMANCE.md). Linked with `-no-pie` it needs almost none. What is
//! given up is the randomised load address of the binary itself (shared
//! libraries, the stack and the heap are still placed at random); coach is
//! safe Rust (`unsafe_code = "forbid"` in Cargo.toml), reading files the coach
//! keeps. Only the binaries are linked so: tests and examples are left as they
//! are.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
