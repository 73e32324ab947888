//! The command line, declared with clap. Parsing only: each command's work
//! is in `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    /// Export the course in another format (an LMS package).
    Export(ExportArgs),
}

/// `kurssi build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The course folder (the one holding book.toml).
    #[arg(default_value = ".")]
    pub root: PathBuf,
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
}

/// `kurssi check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The course folder (the one holding book.toml).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Treat warnings as errors: exit with status 1.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `kurssi serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The course folder (the one holding book.toml).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on.
    #[arg(short, long, default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on.
    #[arg(short = 'n', long, default_value = "127.0.0.1")]
    pub hostname: String,
    /// Open the course in the default web browser.
    #[arg(short, long)]
    pub open: bool,
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
    /// The course folder (the one holding book.toml).
    #[arg(default_value = ".")]
    pub root: PathBuf,
    /// Output folder to remove (default: `[build] build-dir`, else `book`).
    #[arg(short = 'd', long = "dest-dir", value_name = "DEST")]
    pub dest: Option<PathBuf>,
}

/// `kurssi export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[command(subcommand)]
    pub format: ExportFormat,
}

/// The formats of `kurssi export`.
#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// A SCORM package for an LMS (Moodle, Canvas, ...): one SCO that
    /// reports completion, pass/fail and score, and resumes.
    #[command(disable_version_flag = true)]
    Scorm(ScormArgs),
}

/// `kurssi export scorm`.
#[derive(Debug, Args)]
pub struct ScormArgs {
    /// The course folder (the one holding book.toml).
    #[arg(default_value = ".")]
    pub root: PathBuf,
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
