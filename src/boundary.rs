//! What kurssi may read: files inside the course, and nothing else.
//!
//! A course is built and published by CI from whatever a contributor
//! committed, so a symbolic link in `content/` or a theme must never pull a
//! file from outside into the site (a key, a folder of secrets,
//! `/proc/self/environ`). The [`Boundary`] is the course root and, when the
//! root lies in a git work tree, that work tree. Every file kurssi reads from
//! a course (pages, assets, theme files, `additional-css`/`-js`, includes)
//! goes through [`Boundary::check`] first, so a new output cannot forget it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The folders a course file must lie in, once symbolic links are resolved.
#[derive(Debug, Clone)]
pub struct Boundary {
    /// Allowed folders, made absolute without resolving symbolic links.
    lexical: Vec<PathBuf>,
    /// The same folders with symbolic links resolved.
    canonical: Vec<PathBuf>,
}

/// Why a path may not be read.
#[derive(Debug)]
pub enum Refused {
    /// It resolves (through a symbolic link) to a place outside the course.
    Outside {
        /// Where the link points, as written in it (or the resolved path).
        target: PathBuf,
    },
    /// A device, FIFO, socket or a file of `/proc`, `/sys` or `/dev`.
    Special {
        /// What it is, in words.
        kind: &'static str,
    },
    /// It cannot be resolved (a dangling link, no permission).
    Unreadable(io::Error),
}

impl Refused {
    /// The message to show after the path, and a note saying what to do.
    pub fn describe(&self) -> (String, &'static str) {
        match self {
            Refused::Outside { target } => (
                format!(
                    "this symbolic link points to `{}`, outside the course, so it is never read or published",
                    target.display()
                ),
                "replace the link with the file itself, or point it at a file inside the course \
                 (its folder or its git work tree)",
            ),
            Refused::Special { kind } => (
                format!("this is {kind}, not a regular file, so it is never read or published"),
                "remove it from the course folder",
            ),
            Refused::Unreadable(e) => (
                format!("cannot be read: {e}"),
                "a symbolic link whose target is missing is a common cause: fix or remove it",
            ),
        }
    }
}

impl Boundary {
    /// The boundary of the course at `root`.
    pub fn new(root: &Path) -> Self {
        let root_lex = absolute(root);
        let root_canon = fs::canonicalize(root).unwrap_or_else(|_| root_lex.clone());
        // Canonical forms count as written too: they are what a resolved
        // path looks like, and the canonical check still follows.
        let mut lexical = vec![root_lex.clone(), root_canon.clone()];
        let mut canonical = vec![root_canon.clone()];
        for start in [&root_lex, &root_canon] {
            if let Some(work_tree) = start.ancestors().find(|a| a.join(".git").exists()) {
                let work_canon = fs::canonicalize(work_tree).unwrap_or(work_tree.into());
                lexical.push(work_tree.to_path_buf());
                lexical.push(work_canon.clone());
                canonical.push(work_canon);
            }
        }
        Boundary { lexical, canonical }
    }

    /// Whether an absolute, normalised path lies inside, as written.
    pub fn contains_lexically(&self, path: &Path) -> bool {
        self.lexical.iter().any(|b| path.starts_with(b))
    }

    /// Whether a canonical path lies inside.
    pub fn contains_canonical(&self, path: &Path) -> bool {
        self.canonical.iter().any(|b| path.starts_with(b))
    }

    /// The course root, for naming files in messages.
    pub fn root(&self) -> &Path {
        &self.lexical[0]
    }

    /// Checks that `path` (a file or folder found in the course, maybe
    /// through symbolic links) may be read: its real path lies inside the
    /// boundary and it is a regular file or a folder. Returns the real path.
    pub fn check(&self, path: &Path) -> Result<PathBuf, Refused> {
        let real = fs::canonicalize(path).map_err(Refused::Unreadable)?;
        if !self.contains_canonical(&real) {
            let target = fs::read_link(path).unwrap_or_else(|_| real.clone());
            return Err(Refused::Outside { target });
        }
        if let Some(kind) = special_kind(&real) {
            return Err(Refused::Special { kind });
        }
        Ok(real)
    }

    /// For a walk that follows links (the source folder, the theme): why
    /// `entry` may not be entered or read. Only links and special files
    /// are checked; an ordinary file or folder of the walk is inside.
    fn check_entry(&self, entry: &walkdir::DirEntry) -> Result<(), Refused> {
        let kind = entry.file_type();
        if entry.path_is_symlink() || !(kind.is_file() || kind.is_dir()) {
            self.check(entry.path())?;
        }
        Ok(())
    }

    /// The files under `dir`, sorted by name folder by folder, following
    /// symbolic links that stay inside; hidden entries and those `skip`
    /// names are left out. A link that leads out (or to a special file) is
    /// neither entered nor read; it, a link looping back to a parent and an
    /// unreadable entry are reported in `diags`, by their path as `shown`
    /// writes it.
    pub fn walk_files(
        &self,
        dir: &Path,
        shown: &dyn Fn(&Path) -> String,
        skip: &dyn Fn(&Path) -> bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<PathBuf> {
        // Links are checked before walkdir follows them: a refused one is
        // neither entered nor read.
        let mut refused = Vec::new();
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0
                    && (e.file_name().to_string_lossy().starts_with('.') || skip(e.path()))
                {
                    return false;
                }
                if let Err(why) = self.check_entry(e) {
                    let (message, note) = why.describe();
                    refused.push(Diagnostic::path_error(shown(e.path()), message).with_note(note));
                    return false;
                }
                true
            });
        let mut files = Vec::new();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| shown(dir), shown);
                    let message = match e.loop_ancestor() {
                        Some(ancestor) => format!(
                            "this symbolic link loops back to `{}`, so it is skipped",
                            shown(ancestor)
                        ),
                        None => match e.io_error() {
                            Some(io) => format!("cannot be read: {io}"),
                            None => format!("cannot be read: {e}"),
                        },
                    };
                    diags.push(Diagnostic::path_error(path, message));
                }
            }
        }
        diags.append(&mut refused);
        files
    }

    /// Reads a course file after [`Boundary::check`].
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Refused> {
        let real = self.check(path)?;
        fs::read(real).map_err(Refused::Unreadable)
    }
}

/// What a real path is when it is not a regular file or a folder (or lies
/// in `/proc`, `/sys` or `/dev`, whose files are never course material).
pub fn special_kind(real: &Path) -> Option<&'static str> {
    if ["/proc", "/sys", "/dev"]
        .iter()
        .any(|d| real.starts_with(d))
    {
        return Some("a file of the operating system");
    }
    let Ok(meta) = fs::metadata(real) else {
        return None;
    };
    let kind = meta.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

/// `path` made absolute with `.` and `..` resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Removes `.` and resolves `..` lexically: never above the root, and a
/// relative path keeps its leading `..`s.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_parent =
                    matches!(out.components().next_back(), Some(Component::ParentDir));
                if last_is_parent || (!out.pop() && !out.has_root()) {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_pass_and_links_outside_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("course");
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("content/a.txt"), "a").unwrap();
        fs::write(tmp.path().join("secret"), "s").unwrap();
        symlink("a.txt", root.join("content/b.txt")).unwrap();
        symlink("../../secret", root.join("content/key.txt")).unwrap();
        symlink("/proc/self/environ", root.join("content/env.txt")).unwrap();
        symlink("missing", root.join("content/dangling")).unwrap();
        let b = Boundary::new(&root);
        assert_eq!(b.read(&root.join("content/b.txt")).unwrap(), b"a");
        match b.check(&root.join("content/key.txt")) {
            Err(Refused::Outside { target }) => assert_eq!(target, Path::new("../../secret")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            b.check(&root.join("content/env.txt")),
            Err(Refused::Outside { .. })
        ));
        assert!(matches!(
            b.check(&root.join("content/dangling")),
            Err(Refused::Unreadable(_))
        ));
    }

    #[test]
    fn special_files_are_refused_even_inside() {
        assert_eq!(
            special_kind(Path::new("/proc/self/environ")),
            Some("a file of the operating system")
        );
        assert_eq!(
            special_kind(Path::new("/dev/null")),
            Some("a file of the operating system")
        );
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(
                special_kind(&fs::canonicalize(&fifo).unwrap()),
                Some("a named pipe (FIFO)")
            );
        }
        assert_eq!(special_kind(tmp.path()), None);
    }
}
