//! Parses the command line and dispatches to the command, returning the
//! exit status: 0 success, 1 the course has errors, 2 bad usage.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::Parser;

use crate::cli::{Cli, Command, ConvertFrom, ExportFormat, SUCCESS, USAGE};
use crate::cmd;

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
    let root = |given: &Option<std::path::PathBuf>| cmd::course_root(given.as_deref(), quiet);
    match cli.command {
        Command::Build(a) => match root(&a.root) {
            Ok(r) => {
                let edition = if a.trainer {
                    crate::render::Edition::trainer()
                } else {
                    crate::render::Edition::participants()
                };
                cmd::build::run_build(
                    &r,
                    a.dest,
                    a.deny_warnings,
                    a.force,
                    crate::cli::links_are_errors(&a.links),
                    quiet,
                    &edition,
                )
            }
            Err(status) => status,
        },
        Command::Check(a) => match root(&a.root) {
            Ok(r) => cmd::build::run_check(
                &r,
                a.deny_warnings,
                crate::cli::links_are_errors(&a.links),
                quiet,
            ),
            Err(status) => status,
        },
        Command::Serve(a) => match root(&a.root) {
            Ok(r) => cmd::serve::run(&r, &a, quiet),
            Err(status) => status,
        },
        Command::Init(a) => cmd::init::run(&a.dir, &a.language, quiet),
        Command::Clean(a) => match root(&a.root) {
            Ok(r) => cmd::clean::run(&r, a.dest, quiet),
            Err(status) => status,
        },
        Command::Export(a) => {
            let (format, a) = match a.format {
                ExportFormat::Gift(a) => (cmd::export::Format::Gift, a),
                ExportFormat::MoodleXml(a) => (cmd::export::Format::MoodleXml, a),
                ExportFormat::Scorm(a) => {
                    return match root(&a.root) {
                        Ok(r) => cmd::scorm::run(&r, &a, quiet),
                        Err(status) => status,
                    };
                }
            };
            match root(&a.root) {
                Ok(r) => cmd::export::run(&r, format, a.output.as_deref(), quiet),
                Err(status) => status,
            }
        }
        Command::Convert(a) => match a.from {
            ConvertFrom::MdbookQuiz(a) => cmd::convert::run_mdbook_quiz(&a.file),
        },
    }
}
