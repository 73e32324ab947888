//! One file per command; each returns the process exit status.

pub mod build;
pub mod clean;
pub mod export;
pub mod init;
pub mod serve;

/// Exit status: success (warnings allowed).
pub const SUCCESS: u8 = 0;
/// Exit status: the course has errors.
pub const COURSE_ERRORS: u8 = 1;
/// Exit status: bad command-line usage.
pub const USAGE: u8 = 2;
