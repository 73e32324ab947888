//! One file per command; each returns the process exit status.

pub mod build;
pub mod clean;
pub mod convert;
pub mod export;
pub mod init;
pub mod scorm;
pub mod serve;

use crate::cli::USAGE;

/// The course folder: ROOT as given (which must exist), or, like cargo,
/// the nearest folder from the current one up that holds `book.toml`
/// (said in one line when it is not the current folder). `Err` is the
/// exit status after the message.
pub fn course_root(given: Option<&std::path::Path>, quiet: bool) -> Result<std::path::PathBuf, u8> {
    use std::path::{Path, PathBuf};
    if let Some(root) = given {
        if !root.exists() {
            eprintln!(
                "error: the course folder `{}` does not exist\n = give the folder that holds book.toml, or leave ROOT out inside the course",
                root.display()
            );
            return Err(USAGE);
        }
        if !root.is_dir() {
            eprintln!(
                "error: `{}` is a file; ROOT is the course folder, the one that holds book.toml",
                root.display()
            );
            return Err(USAGE);
        }
        return Ok(root.to_path_buf());
    }
    let here = Path::new(".");
    if here.join("book.toml").exists() || here.join("src").is_dir() {
        return Ok(PathBuf::from("."));
    }
    let found = std::env::current_dir().ok().and_then(|cwd| {
        cwd.ancestors()
            .skip(1)
            .find(|a| a.join("book.toml").is_file())
            .map(Path::to_path_buf)
    });
    match found {
        Some(root) => {
            if !quiet {
                eprintln!("Using the course in {} (its book.toml)", root.display());
            }
            Ok(root)
        }
        None => Ok(PathBuf::from(".")),
    }
}
