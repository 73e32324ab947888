//! `kurssi serve`: turns the command-line arguments into [`crate::serve::Options`]
//! and runs the server; everything else is in [`crate::serve`].

use std::path::Path;

use crate::cli::ServeArgs;

/// Serves the course at `root` until Ctrl-C; returns the exit status.
pub fn run(root: &Path, args: &ServeArgs, quiet: bool) -> u8 {
    crate::serve::run(&crate::serve::Options {
        root: root.to_path_buf(),
        host: args.hostname.clone(),
        port: args.port,
        open: args.open,
        trainer: args.trainer,
        links_are_errors: crate::cli::links_are_errors(&args.links),
        quiet,
    })
}
