//! `kurssi serve`: turns the command-line arguments into [`crate::serve::Options`]
//! and runs the server; everything else is in [`crate::serve`].

use crate::cli::ServeArgs;

/// Serves the course until Ctrl-C; returns the exit status.
pub fn run(args: &ServeArgs, quiet: bool) -> u8 {
    crate::serve::run(&crate::serve::Options {
        root: args.root.clone(),
        host: args.hostname.clone(),
        port: args.port,
        open: args.open,
        trainer: args.trainer,
        quiet,
    })
}
