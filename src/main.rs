//! The `kurssi` binary: everything happens in [`kurssi::run`], which returns
//! the exit status, so the whole program is testable as a library.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(kurssi::run(std::env::args_os()))
}

/// mimalloc rather than the system allocator: see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
