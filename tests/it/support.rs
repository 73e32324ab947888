//! A small test builder: a course in a temporary folder (copied from a
//! fixture or written from inline files), the kurssi binary run on it, and
//! helpers to read and scan the output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A course in a temporary folder.
pub struct TestCourse {
    dir: tempfile::TempDir,
}

/// What a run of kurssi did.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// What a finished process did.
    pub fn from(out: Output) -> Run {
        Run {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts the exit status, showing stderr when it differs.
    pub fn expect_status(&self, status: i32) -> &Self {
        assert_eq!(self.status, status, "exit status; stderr:\n{}", self.stderr);
        self
    }

    /// Asserts that stderr holds `text`.
    pub fn expect_stderr(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }
}

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

impl TestCourse {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestCourse {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixtures().join(name), dir.path());
        TestCourse { dir }
    }

    /// A course made of these files (path, text).
    pub fn with_files(files: &[(&str, &str)]) -> TestCourse {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = TestCourse { dir };
        for (path, text) in files {
            course.write(path, text);
        }
        course
    }

    /// The course folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the course, creating folders.
    pub fn write(&self, path: &str, text: impl AsRef<[u8]>) {
        let full = self.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }

    /// Runs kurssi with these arguments in the course folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(
            Command::new(env!("CARGO_BIN_EXE_kurssi"))
                .args(args)
                .current_dir(self.path())
                .env("NO_COLOR", "1")
                .output()
                .expect("run kurssi"),
        )
    }

    /// Reads an output file of `book/`.
    pub fn output(&self, path: &str) -> String {
        let full = self.path().join("book").join(path);
        fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
    }

    /// Every file under `book/`, relative, sorted.
    pub fn output_files(&self) -> Vec<String> {
        let root = self.path().join("book");
        let mut files: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// Every file under `book/` with its bytes.
    pub fn snapshot_output(&self) -> Vec<(String, Vec<u8>)> {
        self.output_files()
            .into_iter()
            .map(|f| {
                let bytes = fs::read(self.path().join("book").join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Values of `attr="..."` in an HTML text.
pub fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

/// Extracts the `<main>` element of a page, for snapshots.
pub fn main_element(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}
