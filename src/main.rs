//! The `kurssi` binary: everything happens in [`kurssi::run`], which returns
//! the exit status, so the whole program is testable as a library.

use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes many small,
/// short-lived allocations on two threads next to a few hundred MB that
/// live until the end, where glibc's allocator spent 12% of the time at
/// 10,000 pages (perf) and mimalloc about half of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    ExitCode::from(kurssi::run(std::env::args_os()))
}
