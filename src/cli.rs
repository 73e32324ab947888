//! The command line, declared with clap, and the exit statuses the commands
//! return. Parsing only: each command's work is in `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Exit status: success (warnings allowed).
pub const SUCCESS: u8 = 0;
/// Exit status: the course has errors.
pub const COURSE_ERRORS: u8 = 1;
/// Exit status: bad command-line usage.
pub const USAGE: u8 = 2;

/// kurssi turns Markdown course modules and quizzes into a static site.
#[derive(Debug, Parser)]
#[command(name = "kurssi", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Print only errors: no progress, no warnings.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the course into its output folder.
    Build(BuildArgs),
    /// Check the course as `build` does, without writing anything.
    Check(CheckArgs),
    /// Build, serve on a local port, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Write a small working course into DIR (never overwrites a file).
    Init(InitArgs),
    /// Remove the output folder.
    Clean(CleanArgs),
    /// Export the course in another format: a question bank or an LMS package.
    Export(ExportArgs),
    /// Print a quiz written for another tool in kurssi's quiz syntax.
    Convert(ConvertArgs),
}

/// Whether `--links LEVEL` makes broken links errors; `None` when not given.
pub fn links_are_errors(level: &Option<String>) -> Option<bool> {
    level.as_deref().map(|l| l != "warn")
}

/// `kurssi build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The course folder (the one holding book.toml; default: the nearest
    /// one from the current folder up).
    pub root: Option<PathBuf>,
    /// Output folder (default: `[build] build-dir`, else `book`, inside ROOT).
    #[arg(short = 'd', long = "dest-dir", value_name = "DEST")]
    pub dest: Option<PathBuf>,
    /// Treat warnings as errors: exit with status 1 and write nothing.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Replace an output folder that kurssi did not write (never the course
    /// itself, its sources, its theme or a folder holding any of them).
    #[arg(long)]
    pub force: bool,
    /// Report broken links as warnings instead of errors (`warn`), to
    /// migrate a book first and fix its links next; overrides
    /// `[build] link-check`.
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warn"])]
    pub links: Option<String>,
    /// Build the trainer's edition (notes, slides, presenter view, answer
    /// key) into DEST, default `<build-dir>-trainer`. Never publish it.
    #[arg(long)]
    pub trainer: bool,
}

/// `kurssi check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The course folder (the one holding book.toml; default: the nearest
    /// one from the current folder up).
    pub root: Option<PathBuf>,
    /// Treat warnings as errors: exit with status 1.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report broken links as warnings instead of errors (`warn`), to
    /// migrate a book first and fix its links next; overrides
    /// `[build] link-check`.
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warn"])]
    pub links: Option<String>,
}

/// `kurssi serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The course folder (the one holding book.toml; default: the nearest
    /// one from the current folder up).
    pub root: Option<PathBuf>,
    /// Port to listen on.
    #[arg(short, long, default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on.
    #[arg(short = 'n', long, default_value = "127.0.0.1")]
    pub hostname: String,
    /// Open the course in the default web browser.
    #[arg(short, long)]
    pub open: bool,
    /// Report broken links as warnings instead of errors (`warn`), to
    /// migrate a book first and fix its links next; overrides
    /// `[build] link-check`.
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warn"])]
    pub links: Option<String>,
    /// Serve the trainer's edition (notes, slides, presenter view, answer key).
    #[arg(long)]
    pub trainer: bool,
}

/// `kurssi init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write the course into (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Language of the course and its user interface (`fi` or `en`).
    #[arg(long, default_value = "en")]
    pub language: String,
}

/// `kurssi clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The course folder (the one holding book.toml; default: the nearest
    /// one from the current folder up).
    pub root: Option<PathBuf>,
    /// Output folder to remove (default: `[build] build-dir`, else `book`).
    #[arg(short = 'd', long = "dest-dir", value_name = "DEST")]
    pub dest: Option<PathBuf>,
}

/// `kurssi export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write.
    #[command(subcommand)]
    pub format: ExportFormat,
}

/// The formats of `kurssi export`.
#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// Moodle's GIFT text format (no ordering questions, hints or images).
    Gift(ExportBankArgs),
    /// Moodle XML: every question kind, hints and images included.
    MoodleXml(ExportBankArgs),
    /// A SCORM package for an LMS (Moodle, Canvas, ...): one SCO that
    /// reports completion, pass/fail and score, and resumes.
    #[command(disable_version_flag = true)]
    Scorm(ScormArgs),
}

/// `kurssi export scorm`.
#[derive(Debug, Args)]
pub struct ScormArgs {
    /// The course folder (the one holding book.toml; default: the nearest
    /// one from the current folder up).
    pub root: Option<PathBuf>,
    /// SCORM version: `1.2` or `2004` (4th edition; default: `[scorm]
    /// version`, else 2004).
    #[arg(long = "version", value_name = "VERSION", value_parser = ["1.2", "2004"])]
    pub scorm_version: Option<String>,
    /// The zip file to write (default: `<course>-scorm-<version>.zip` in ROOT).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace a file that kurssi did not write (never one of the course's
    /// sources).
    #[arg(long)]
    pub force: bool,
}

/// `kurssi export gift` and `kurssi export moodle-xml`.
#[derive(Debug, Args)]
pub struct ExportBankArgs {
    /// The course folder (the one holding book.toml; default: the nearest
    /// one from the current folder up).
    pub root: Option<PathBuf>,
    /// File to write (default: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `kurssi convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The format to read.
    #[command(subcommand)]
    pub from: ConvertFrom,
}

/// The formats `kurssi convert` reads.
#[derive(Debug, Subcommand)]
pub enum ConvertFrom {
    /// An mdbook-quiz TOML file, printed as a ```quiz block.
    MdbookQuiz(ConvertFileArgs),
}

/// `kurssi convert mdbook-quiz`.
#[derive(Debug, Args)]
pub struct ConvertFileArgs {
    /// The quiz file to convert.
    pub file: PathBuf,
}
