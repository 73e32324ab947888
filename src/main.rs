//! The `kurssi` binary: everything happens in [`kurssi::run`], which returns
//! the exit status, so the whole program is testable as a library.

use std::process::ExitCode;

fn main() -> ExitCode {
    return_freed_memory_at_once();
    ExitCode::from(kurssi::run(std::env::args_os()))
}

/// mimalloc keeps freed memory a while (10 ms, ten times that in its
/// arenas) before it gives it back to the system, in case it is wanted
/// again. A build frees the course's texts page by page while it takes new
/// memory for the output, so both were held at once and made the build's
/// peak; given back at once, they are not, for no measurable time (see
/// bench/README.md, "Peak memory of a build"). `MIMALLOC_PURGE_DELAY` set
/// in the environment still decides.
#[allow(unsafe_code)]
fn return_freed_memory_at_once() {
    // `mi_option_purge_delay` in mimalloc.h (v2 and v3); the Rust binding
    // names no constant for it.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options before any other thread
        // starts; mimalloc reads it when it next frees memory.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    }
}

/// mimalloc rather than the system allocator: see Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
