//! The output folder rule: which folder `build` may replace and `clean` may
//! remove.
//!
//! An output folder is replaced whole, so a mistaken `-d` or `build-dir`
//! must never cost a file that kurssi did not write. Two rules decide:
//!
//! 1. [`Protected`]: never the course root, the source folder, the theme
//!    folder, the course's `.git`, a folder holding an included file, any
//!    folder that contains one of them, nor a folder inside the source or
//!    theme folder; no flag overrides this. Paths are compared canonical,
//!    so `.`, `..`, symbolic links and trailing slashes change nothing.
//! 2. [`inspect`]: an existing folder is replaced only when it is empty or
//!    carries kurssi's [`MARKER`] (every output gets one); any other folder
//!    only with `--force`.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as written by kurssi.
pub const MARKER: &str = ".kurssi-output";

/// What the marker says to someone who finds it.
pub const MARKER_TEXT: &str = "This folder was written by kurssi, which replaces it whole on \
every build (`kurssi build`) and removes it with `kurssi clean`.\nDo not keep your own files here.\n";

/// Why a folder is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Source,
    Theme,
    Git,
    Included,
}

/// One protected place: a folder, or an included file.
#[derive(Debug, Clone)]
struct Place {
    /// Canonical path.
    path: PathBuf,
    /// As shown to the trainer.
    shown: String,
    role: Role,
}

/// The places of a course that no output folder may touch.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    places: Vec<Place>,
}

/// Why an output folder is refused, in words for the trainer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong with the folder (after the folder's name).
    pub reason: String,
    /// What to do instead.
    pub hint: String,
}

impl Protected {
    /// The course at `root` with its source folder and, when it has one,
    /// its theme folder (both as configured: relative to `root`).
    pub fn of_course(root: &Path, src: &Path, theme: Option<&Path>) -> Protected {
        let mut p = Protected::default();
        p.add(root, root, Role::Root);
        p.add(root, &root.join(src), Role::Source);
        if let Some(theme) = theme {
            p.add(root, &root.join(theme), Role::Theme);
        }
        let canonical_root = canonical(root);
        if let Some(work_tree) = canonical_root.ancestors().find(|a| a.join(".git").exists()) {
            p.add(root, &work_tree.join(".git"), Role::Git);
        }
        p
    }

    /// Also protects each included file (canonical paths, as includes
    /// record them): no output folder may hold one.
    pub fn with_included<'a>(
        mut self,
        root: &Path,
        files: impl IntoIterator<Item = &'a Path>,
    ) -> Protected {
        for file in files {
            self.add(root, file, Role::Included);
        }
        self
    }

    fn add(&mut self, root: &Path, path: &Path, role: Role) {
        let path = canonical(path);
        if self.places.iter().any(|p| p.path == path && p.role == role) {
            return;
        }
        let shown = shown_from(&canonical(root), &path);
        self.places.push(Place { path, shown, role });
    }

    /// Why `dest` may never be an output folder, if it may not.
    pub fn refusal(&self, dest: &Path) -> Option<Refusal> {
        let dest = canonical(dest);
        for place in &self.places {
            let holds = place.path.starts_with(&dest);
            let same = place.path == dest;
            let inside = dest.starts_with(&place.path);
            let what = match place.role {
                Role::Root => "the course folder",
                Role::Source => "the source folder",
                Role::Theme => "the theme folder",
                Role::Git => "the course's git folder",
                Role::Included => "the included file",
            };
            let shown = &place.shown;
            let reason = match place.role {
                _ if same => format!("is {what} `{shown}`"),
                _ if holds => format!("holds {what} `{shown}`"),
                Role::Source | Role::Theme | Role::Git if inside => {
                    format!("lies inside {what} `{shown}`")
                }
                _ => continue,
            };
            return Some(Refusal {
                reason,
                hint:
                    "kurssi replaces its output folder whole, so it must be a folder of its own: \
                       choose another with `-d DIR` or `[build] build-dir` in book.toml \
                       (the default is `book`, inside the course folder)"
                        .to_owned(),
            });
        }
        None
    }
}

impl Protected {
    /// Why a single output file (an LMS package) may never be written at
    /// `file`, if it may not: inside the source, theme or git folder, or
    /// over an included file or `book.toml`. The course root itself may
    /// hold it.
    pub fn file_refusal(&self, file: &Path) -> Option<Refusal> {
        let file = canonical(file);
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        for place in &self.places {
            let what = match place.role {
                Role::Source => "the source folder",
                Role::Theme => "the theme folder",
                Role::Git => "the course's git folder",
                Role::Included => "an included file",
                Role::Root => {
                    if file == place.path.join("book.toml") {
                        return Some(Refusal {
                            reason: "is the course's book.toml".to_owned(),
                            hint:
                                "give the package a file name ending in `.zip` with `-o FILE.zip`"
                                    .to_owned(),
                        });
                    }
                    continue;
                }
            };
            let shown = &place.shown;
            let reason = match place.role {
                Role::Included if place.path == file => format!("is {what} `{shown}`"),
                Role::Source | Role::Theme | Role::Git
                    if dir.starts_with(&place.path) || file == place.path =>
                {
                    format!("lies inside {what} `{shown}`")
                }
                _ => continue,
            };
            return Some(Refusal {
                reason,
                hint: "write the package outside the course's sources: the default is \
                       `<course>-scorm-<version>.zip` in the course folder, or choose a file \
                       with `-o FILE.zip`"
                    .to_owned(),
            });
        }
        None
    }
}

/// What is at an output path now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    /// Nothing.
    Missing,
    /// An empty folder.
    Empty,
    /// A folder written by kurssi.
    Marked,
    /// A folder with files that kurssi did not write.
    Foreign {
        /// How many entries it holds at its top level.
        count: usize,
        /// The first few of their names, folders ending in `/`.
        sample: Vec<String>,
    },
    /// A symbolic link (never replaced: the link or its target could be lost).
    Link(PathBuf),
    /// A file or anything else that is not a folder.
    NotAFolder,
}

/// Looks at what is at `dest`, without following a symbolic link.
pub fn inspect(dest: &Path) -> io::Result<Existing> {
    let meta = match fs::symlink_metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        return Ok(Existing::Link(fs::read_link(dest).unwrap_or_default()));
    }
    if !meta.is_dir() {
        return Ok(Existing::NotAFolder);
    }
    if fs::symlink_metadata(dest.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(Existing::Marked);
    }
    let mut names: Vec<String> = fs::read_dir(dest)?
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                format!("{name}/")
            } else {
                name
            }
        })
        .collect();
    if names.is_empty() {
        return Ok(Existing::Empty);
    }
    names.sort();
    let count = names.len();
    names.truncate(3);
    Ok(Existing::Foreign {
        count,
        sample: names,
    })
}

/// Whether what is at an output path may be replaced by a build (`force`:
/// a folder kurssi did not write may be too); the refusal otherwise.
pub fn may_replace(existing: &Existing, force: bool) -> Result<(), Refusal> {
    match existing {
        Existing::Missing | Existing::Empty | Existing::Marked => Ok(()),
        Existing::Foreign { .. } if force => Ok(()),
        Existing::Foreign { count, sample } => Err(Refusal {
            reason: format!(
                "is not empty and was not written by kurssi: it holds {}",
                listing(*count, sample)
            ),
            hint: "choose another output folder, empty this one yourself, or pass `--force` \
                   to replace it and everything in it"
                .to_owned(),
        }),
        Existing::Link(target) => Err(link_refusal(target)),
        Existing::NotAFolder => Err(not_a_folder()),
    }
}

/// Whether what is at an output path may be removed by `clean`.
pub fn may_remove(existing: &Existing) -> Result<(), Refusal> {
    match existing {
        Existing::Missing | Existing::Marked => Ok(()),
        Existing::Empty | Existing::Foreign { .. } => Err(Refusal {
            reason: match existing {
                Existing::Foreign { count, sample } => format!(
                    "was not written by kurssi: it holds {}",
                    listing(*count, sample)
                ),
                _ => "is an empty folder that kurssi did not write".to_owned(),
            },
            hint: "`kurssi clean` removes only an output folder that kurssi wrote \
                   (it holds a `.kurssi-output` file); remove this one yourself if you mean to"
                .to_owned(),
        }),
        Existing::Link(target) => Err(link_refusal(target)),
        Existing::NotAFolder => Err(not_a_folder()),
    }
}

fn link_refusal(target: &Path) -> Refusal {
    Refusal {
        reason: format!("is a symbolic link to `{}`", target.display()),
        hint: "kurssi writes only into a real folder, never through a link: \
               give the folder itself with `-d`"
            .to_owned(),
    }
}

fn not_a_folder() -> Refusal {
    Refusal {
        reason: "is a file, not a folder".to_owned(),
        hint: "choose a folder for the site with `-d DIR` or `[build] build-dir` in book.toml"
            .to_owned(),
    }
}

/// `3 files: a.txt, b/, c.png` or `12 files and folders: a, b, c, ...`.
fn listing(count: usize, sample: &[String]) -> String {
    let noun = if count == 1 { "entry" } else { "entries" };
    let more = if count > sample.len() { ", ..." } else { "" };
    format!("{count} {noun}: {}{more}", sample.join(", "))
}

/// `path` with `.` and `..` resolved and symbolic links followed as far as
/// the path exists; the rest (not yet created) is appended lexically.
pub fn canonical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// A canonical `path` as shown to the trainer: relative to the course root
/// when inside it (`.` for the root itself), else whole.
fn shown_from(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_owned(),
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("course");
        fs::create_dir_all(root.join("content/images")).unwrap();
        fs::create_dir_all(root.join("themes/mine")).unwrap();
        fs::write(root.join("book.toml"), "").unwrap();
        (tmp, root)
    }

    fn protected(root: &Path) -> Protected {
        Protected::of_course(root, Path::new("content"), Some(Path::new("themes/mine")))
    }

    #[test]
    fn refuses_the_course_and_what_holds_or_lies_in_it() {
        let (tmp, root) = course();
        let p = protected(&root);
        let refused = |d: &Path| p.refusal(d).map(|r| r.reason);
        assert_eq!(refused(&root).unwrap(), "is the course folder `.`");
        assert_eq!(
            refused(&root.join(".")).unwrap(),
            "is the course folder `.`"
        );
        assert_eq!(
            refused(&root.join("content/..")).unwrap(),
            "is the course folder `.`"
        );
        assert!(refused(tmp.path())
            .unwrap()
            .starts_with("holds the course folder"));
        assert!(refused(Path::new("/"))
            .unwrap()
            .starts_with("holds the course folder"));
        assert_eq!(
            refused(&root.join("content")).unwrap(),
            "is the source folder `content`"
        );
        assert_eq!(
            refused(&root.join("content/site")).unwrap(),
            "lies inside the source folder `content`"
        );
        assert_eq!(
            refused(&root.join("content/images/new/deeper")).unwrap(),
            "lies inside the source folder `content`"
        );
        assert_eq!(
            refused(&root.join("themes")).unwrap(),
            "holds the theme folder `themes/mine`"
        );
        assert_eq!(refused(&root.join("book")), None);
        assert_eq!(refused(&tmp.path().join("elsewhere")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_course_is_the_course() {
        let (tmp, root) = course();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&root, &link).unwrap();
        let p = protected(&root);
        assert_eq!(p.refusal(&link).unwrap().reason, "is the course folder `.`");
        assert_eq!(
            p.refusal(&link.join("content/x")).unwrap().reason,
            "lies inside the source folder `content`"
        );
    }

    #[test]
    fn included_files_and_git_are_protected() {
        let (tmp, root) = course();
        fs::create_dir_all(tmp.path().join("shared")).unwrap();
        fs::write(tmp.path().join("shared/snippet.rs"), "").unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        let file = canonical(&tmp.path().join("shared/snippet.rs"));
        let p = protected(&root).with_included(&root, [file.as_path()]);
        assert!(p
            .refusal(&tmp.path().join("shared"))
            .unwrap()
            .reason
            .starts_with("holds the included file"));
        assert_eq!(
            p.refusal(&root.join(".git/x")).unwrap().reason,
            "lies inside the course's git folder `.git`"
        );
    }

    #[test]
    fn only_empty_or_marked_folders_are_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("out");
        assert_eq!(inspect(&dest).unwrap(), Existing::Missing);
        fs::create_dir(&dest).unwrap();
        assert_eq!(inspect(&dest).unwrap(), Existing::Empty);
        fs::write(dest.join("thesis.txt"), "mine").unwrap();
        fs::create_dir(dest.join("notes")).unwrap();
        let found = inspect(&dest).unwrap();
        assert_eq!(
            found,
            Existing::Foreign {
                count: 2,
                sample: vec!["notes/".into(), "thesis.txt".into()]
            }
        );
        let refusal = may_replace(&found, false).unwrap_err();
        assert_eq!(
            refusal.reason,
            "is not empty and was not written by kurssi: it holds 2 entries: notes/, thesis.txt"
        );
        assert!(may_replace(&found, true).is_ok());
        assert!(may_remove(&found).is_err());
        fs::write(dest.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(inspect(&dest).unwrap(), Existing::Marked);
        assert!(may_remove(&Existing::Marked).is_ok());
        fs::write(tmp.path().join("file"), "").unwrap();
        assert_eq!(
            inspect(&tmp.path().join("file")).unwrap(),
            Existing::NotAFolder
        );
        assert!(may_replace(&Existing::NotAFolder, true).is_err());
    }

    #[test]
    fn canonical_appends_what_does_not_exist_yet() {
        let tmp = tempfile::tempdir().unwrap();
        let real = fs::canonicalize(tmp.path()).unwrap();
        assert_eq!(canonical(&tmp.path().join("a/b/../c/")), real.join("a/c"));
        assert_eq!(canonical(&tmp.path().join("a/./b")), real.join("a/b"));
    }
}
