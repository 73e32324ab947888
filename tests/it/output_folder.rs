//! The output folder rule (CONTRACT §7): `build` and `clean` never change
//! or remove a file that kurssi did not write. Each case runs the real
//! binary on a course in a temporary folder beside a trainer's own folder,
//! and asserts the exit status, the message, and that every file that
//! existed before is still there with the same bytes.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::support::Run;

/// A course at `<tmp>/course` (sources in `content/`, a theme, an included
/// snippet) and a trainer's folder `<tmp>/mine` with a thesis in it.
struct Setup {
    tmp: tempfile::TempDir,
}

impl Setup {
    fn new(book_toml: &str) -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let s = Setup { tmp };
        s.write("course/book.toml", book_toml);
        s.write("course/content/README.md", "# Home\n\nWelcome.\n");
        s.write(
            "course/content/m/a.md",
            "# A\n\n```rust\n{{#include ../../snippets/hello.rs}}\n```\n",
        );
        s.write("course/snippets/hello.rs", "fn main() {}\n");
        s.write(
            "course/themes/mine/static/extra.css",
            "body { color: black }\n",
        );
        s.write("mine/thesis.txt", "Four years of work.\n");
        s.write("mine/notes/a.txt", "notes\n");
        s
    }

    fn write(&self, path: &str, text: impl AsRef<[u8]>) {
        let full = self.tmp.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Runs kurssi with `args` in `<tmp>/<cwd>`.
    fn run(&self, cwd: &str, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_kurssi"))
            .args(args)
            .current_dir(self.path(cwd))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run::from(out)
    }

    /// Every file and folder under the temporary folder, with the bytes of
    /// each file (links as their target).
    fn tree(&self) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
        walkdir::WalkDir::new(self.tmp.path())
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(self.tmp.path())
                    .unwrap()
                    .to_path_buf();
                let t = e.file_type();
                let content = if t.is_symlink() {
                    Some(
                        fs::read_link(e.path())
                            .unwrap()
                            .into_os_string()
                            .into_encoded_bytes(),
                    )
                } else if t.is_file() {
                    Some(fs::read(e.path()).unwrap())
                } else {
                    None
                };
                (rel, content)
            })
            .collect()
    }

    /// Runs kurssi and asserts that it refuses: exit 1, `message` and
    /// `hint` on stderr, and not one file or folder changed, added or removed.
    fn refuses(&self, cwd: &str, args: &[&str], message: &str, hint: &str) {
        let before = self.tree();
        let run = self.run(cwd, args);
        run.expect_status(1)
            .expect_stderr(message)
            .expect_stderr(hint);
        let after = self.tree();
        assert_eq!(
            before, after,
            "files changed by kurssi {args:?}; stderr:\n{}",
            run.stderr
        );
    }
}

const BOOK: &str = "[book]\ntitle = \"T\"\nsrc = \"content\"\n\n[course]\ntheme = \"mine\"\n";
const NEVER: &str = "it must be a folder of its own";

#[test]
fn the_course_folder_is_never_the_output() {
    let s = Setup::new(BOOK);
    let course = s.path("course");
    let course = course.to_str().unwrap();
    for (cwd, root, dest) in [
        ("course", ".", "."),
        ("course", ".", "./"),
        ("course", ".", "../course"),
        ("course", ".", "content/.."),
        ("mine", course, course),
        ("mine", course, &format!("{course}/")),
        ("mine", "../course", "../course/."),
    ] {
        s.refuses(
            cwd,
            &["build", root, "-d", dest],
            "it is the course folder `.`",
            NEVER,
        );
        s.refuses(
            cwd,
            &["build", root, "-d", dest, "--force"],
            "it is the course folder",
            NEVER,
        );
        s.refuses(
            cwd,
            &["clean", root, "-d", dest],
            "it is the course folder",
            NEVER,
        );
    }
    let run = s.run("course", &["build", "-d", "."]);
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}

#[test]
fn a_folder_holding_the_course_is_never_the_output() {
    let s = Setup::new(BOOK);
    s.refuses(
        "course",
        &["build", "-d", ".."],
        "it holds the course folder `.`",
        NEVER,
    );
    s.refuses(
        "course",
        &["build", "-d", "/", "--force"],
        "it holds the course folder",
        NEVER,
    );
}

#[test]
fn the_source_folder_and_what_lies_in_it_are_never_the_output() {
    let s = Setup::new(BOOK);
    s.refuses(
        "course",
        &["build", "-d", "content"],
        "it is the source folder `content`",
        NEVER,
    );
    s.refuses(
        "course",
        &["build", "-d", "content/site/", "--force"],
        "it lies inside the source folder `content`",
        NEVER,
    );
    s.refuses(
        "course",
        &["build", "-d", "content/m"],
        "lies inside the source folder",
        NEVER,
    );
}

#[test]
fn the_theme_and_included_files_are_never_the_output() {
    let s = Setup::new(BOOK);
    s.refuses(
        "course",
        &["build", "-d", "themes", "--force"],
        "holds the theme folder `themes/mine`",
        NEVER,
    );
    s.refuses(
        "course",
        &["build", "-d", "themes/mine/static"],
        "lies inside the theme folder",
        NEVER,
    );
    s.refuses(
        "course",
        &["build", "-d", "snippets", "--force"],
        "holds the included file `snippets/hello.rs`",
        NEVER,
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_the_course_is_the_course() {
    let s = Setup::new(BOOK);
    std::os::unix::fs::symlink(s.path("course"), s.path("link")).unwrap();
    s.refuses(
        "course",
        &["build", "-d", "../link", "--force"],
        "it is the course folder",
        NEVER,
    );
    s.refuses(
        "course",
        &["build", "-d", "../link/content"],
        "it is the source folder",
        NEVER,
    );
    s.refuses(
        "course",
        &["clean", "-d", "../link"],
        "it is the course folder",
        NEVER,
    );
}

#[test]
fn a_build_dir_that_is_the_sources_is_an_error_at_its_line() {
    let s = Setup::new(&format!("{BOOK}\n[build]\nbuild-dir = \"content\"\n"));
    let line = "book.toml:9:1";
    s.refuses("course", &["check"], line, NEVER);
    s.refuses(
        "course",
        &["check"],
        "`build-dir = \"content\"` cannot be the output folder: it is the source folder `content`",
        NEVER,
    );
    s.refuses("course", &["build"], line, NEVER);
    s.refuses(
        "course",
        &["build", "--force"],
        "it is the source folder",
        NEVER,
    );
    s.refuses("course", &["clean"], "will not remove", NEVER);
}

#[test]
fn a_build_dir_that_is_the_course_is_an_error_and_leaves_nothing_behind() {
    let s = Setup::new(&format!("{BOOK}\n[build]\nbuild-dir = \"../course\"\n"));
    s.refuses("course", &["build"], "it is the course folder `.`", NEVER);
    s.refuses("course", &["check"], "book.toml:9:1", NEVER);
    s.refuses("course", &["clean"], "will not remove", NEVER);
}

#[test]
fn a_source_folder_named_like_the_default_output_is_caught() {
    let s = Setup::new(BOOK);
    s.write(
        "course/book.toml",
        "[book]\ntitle = \"T\"\nsrc = \"book\"\n",
    );
    fs::rename(s.path("course/content"), s.path("course/book")).unwrap();
    s.refuses(
        "course",
        &["build"],
        "the default output folder `book` cannot be the output folder",
        NEVER,
    );
}

#[test]
fn a_folder_kurssi_did_not_write_is_refused_unless_forced() {
    let s = Setup::new(BOOK);
    s.refuses(
        "course",
        &["build", "-d", "../mine"],
        "is not empty and was not written by kurssi: it holds 2 entries: notes/, thesis.txt",
        "pass `--force`",
    );
    s.refuses(
        "course",
        &["clean", "-d", "../mine"],
        "was not written by kurssi",
        "remove this one yourself",
    );
    s.refuses(
        "course",
        &["clean", "-d", "../mine/notes"],
        "was not written by kurssi",
        "`kurssi clean` removes only",
    );
    // An empty folder is taken, as mdBook and every peer do.
    fs::create_dir(s.path("empty")).unwrap();
    s.run("course", &["build", "-d", "../empty"])
        .expect_status(0);
    assert!(s.path("empty/index.html").is_file());
    // Forced: the trainer said so.
    s.run("course", &["build", "-d", "../mine", "--force"])
        .expect_status(0);
    assert!(s.path("mine/.kurssi-output").is_file());
    assert!(!s.path("mine/thesis.txt").exists());
}

#[test]
fn a_file_or_a_link_is_never_replaced() {
    let s = Setup::new(BOOK);
    s.write("course/out.txt", "mine\n");
    s.refuses(
        "course",
        &["build", "-d", "out.txt", "--force"],
        "is a file, not a folder",
        "choose a folder",
    );
    #[cfg(unix)]
    {
        s.run("course", &["build", "-d", "../site"])
            .expect_status(0);
        std::os::unix::fs::symlink(s.path("site"), s.path("course/site-link")).unwrap();
        s.refuses(
            "course",
            &["build", "-d", "site-link", "--force"],
            "is a symbolic link",
            "give the folder itself",
        );
        s.refuses(
            "course",
            &["clean", "-d", "site-link"],
            "is a symbolic link",
            "give the folder itself",
        );
    }
}

#[test]
fn kurssis_own_output_is_replaced_on_every_build_and_cleaned() {
    let s = Setup::new(BOOK);
    s.run("course", &["build"]).expect_status(0);
    let marker = fs::read_to_string(s.path("course/book/.kurssi-output")).unwrap();
    assert!(marker.contains("written by kurssi"), "{marker}");
    s.write("course/book/stale.html", "old");
    s.write("course/content/m/b.md", "# B\n");
    s.run("course", &["build"]).expect_status(0);
    assert!(!s.path("course/book/stale.html").exists());
    assert!(s.path("course/book/m/b.html").is_file());
    // Nothing left beside it.
    let beside: Vec<_> = fs::read_dir(s.path("course"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kurssi-"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    // The same with -d, outside the course.
    s.run("course", &["build", "-d", "../site/"])
        .expect_status(0);
    s.run("course", &["build", "-d", "../site"])
        .expect_status(0);
    let before = s.tree();
    s.run("course", &["clean"])
        .expect_status(0)
        .expect_stderr("Removed");
    assert!(!s.path("course/book").exists());
    let after = s.tree();
    let lost: Vec<_> = before
        .keys()
        .filter(|k| !after.contains_key(*k) && !k.starts_with("course/book"))
        .collect();
    assert!(lost.is_empty(), "clean removed {lost:?}");
    s.run("course", &["clean", "-d", "../site"])
        .expect_status(0);
    assert!(!s.path("site").exists());
    s.run("course", &["clean"])
        .expect_status(0)
        .expect_stderr("Nothing to clean");
}

#[test]
fn a_non_utf8_file_is_reported_at_its_line() {
    let s = Setup::new(BOOK);
    s.write("course/content/m/bad.md", b"# Bad\n\nfine\nnot \xff fine\n");
    let run = s.run("course", &["check"]);
    run.expect_status(1)
        .expect_stderr("content/m/bad.md:4:5")
        .expect_stderr("not valid UTF-8")
        .expect_stderr("save the file with the UTF-8 encoding");
    s.write("course/content/m/bad.md", "# Fine\n");
    s.write(
        "course/themes/mine/templates/page.html",
        b"{{ page.title }}\n\xfe\n",
    );
    s.run("course", &["check"])
        .expect_status(1)
        .expect_stderr("themes/mine/templates/page.html:2");
}
