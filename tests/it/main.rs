//! Integration tests: build fixture courses with the real binary and check
//! the output and the diagnostics. See `tests/README.md` for adding a case.

mod architecture;
mod build;
mod bundled;
mod cli;
mod docs;
mod errors;
mod export;
mod fuzz_regressions;
mod languages;
mod mdbook_quiz;
mod messages;
mod output_folder;
mod record;
mod release;
mod robustness;
mod scorm;
mod snapshots;
mod stopped;
mod support;
mod symlinks;
mod trainer;
