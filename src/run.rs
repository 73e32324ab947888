//! Parses the command line and dispatches to the command, returning the
//! exit status: 0 success, 1 the course has errors, 2 bad usage.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::cmd::{self, SUCCESS, USAGE};

/// Runs kurssi with these arguments (the first is the program name).
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => SUCCESS,
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => USAGE,
                _ => USAGE,
            };
        }
    };
    let quiet = cli.quiet;
    match cli.command {
        Command::Build(a) => {
            cmd::build::run_build(&a.root, a.dest, a.deny_warnings, a.force, quiet)
        }
        Command::Check(a) => cmd::build::run_check(&a.root, a.deny_warnings, quiet),
        Command::Serve(a) => cmd::serve::run(&a, quiet),
        Command::Init(a) => cmd::init::run(&a.dir, &a.language, quiet),
        Command::Clean(a) => cmd::clean::run(&a.root, a.dest, quiet),
        Command::Export(a) => cmd::export::run(a, quiet),
    }
}
