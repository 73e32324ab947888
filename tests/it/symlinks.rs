//! Nothing outside the course is ever published: a symbolic link in the
//! sources or the theme that leads out of the course (or to a special file)
//! is an error at the link, and its target is never read; a link inside the
//! course still works. Each case asserts the exit status, the message, and
//! that no file of the output holds the secret.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use crate::support::{Run, TestCourse};

const SECRET: &str = "SECRET-a71c9f-NEVER-PUBLISH";
const BOOK: &str = "[book]\ntitle = \"T\"\nsrc = \"content\"\n\n[course]\ntheme = \"mine\"\n";

fn course() -> TestCourse {
    TestCourse::with_files(&[
        ("book.toml", BOOK),
        ("content/README.md", "# Home\n\n![logo](images/logo.svg)\n"),
        (
            "content/images/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        ),
        ("themes/mine/static/extra.css", "body { color: black }\n"),
    ])
}

/// A folder of secrets beside the course (not inside it).
fn secrets() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("id_ed25519"), SECRET).unwrap();
    fs::create_dir(dir.path().join("folder")).unwrap();
    fs::write(dir.path().join("folder/token.txt"), SECRET).unwrap();
    dir
}

/// Builds with the secret also in the environment of the child process.
fn build(c: &TestCourse, dest: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_kurssi"))
        .args(["build", "-d"])
        .arg(dest)
        .current_dir(c.path())
        .env("NO_COLOR", "1")
        .env("CI_TOKEN", SECRET)
        .output()
        .unwrap();
    Run::from(out)
}

/// Asserts that no file under `dir` holds the secret.
fn nothing_published(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(SECRET),
                "{} holds the secret",
                entry.path().display()
            );
        }
    }
}

fn refused(c: &TestCourse, link: &str, target: &str) {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let run = build(c, &dest);
    run.expect_status(1)
        .expect_stderr(&format!(
            "{link}: this symbolic link points to `{target}`, outside the course"
        ))
        .expect_stderr("replace the link with the file itself");
    assert!(!dest.exists(), "nothing is written");
    nothing_published(out.path());
    // `check` says the same, so CI fails before publishing.
    c.run(&["check"]).expect_status(1).expect_stderr(link);
}

#[test]
fn a_key_beside_the_course_is_not_published() {
    let s = secrets();
    let c = course();
    let key = s.path().join("id_ed25519");
    symlink(&key, c.path().join("content/images/key.txt")).unwrap();
    refused(&c, "content/images/key.txt", &key.display().to_string());
}

#[test]
fn a_relative_link_climbing_out_is_not_published() {
    let s = secrets();
    let c = course();
    // From content/images/ up through the course and over to the secrets.
    let rel = format!(
        "../../../{}/id_ed25519",
        s.path().file_name().unwrap().to_string_lossy()
    );
    let parent_of_course = c.path().parent().unwrap();
    assert_eq!(
        parent_of_course,
        s.path().parent().unwrap(),
        "both in the temp folder"
    );
    symlink(&rel, c.path().join("content/images/key.txt")).unwrap();
    refused(&c, "content/images/key.txt", &rel);
}

#[test]
fn a_folder_of_secrets_is_not_published() {
    let s = secrets();
    let c = course();
    let folder = s.path().join("folder");
    symlink(&folder, c.path().join("content/attachments")).unwrap();
    refused(&c, "content/attachments", &folder.display().to_string());
}

#[test]
fn the_environment_of_the_build_is_not_published() {
    let c = course();
    symlink("/proc/self/environ", c.path().join("content/env.txt")).unwrap();
    refused(&c, "content/env.txt", "/proc/self/environ");
}

#[test]
fn the_same_holds_in_the_theme() {
    let s = secrets();
    let c = course();
    let key = s.path().join("id_ed25519");
    symlink(&key, c.path().join("themes/mine/static/key.txt")).unwrap();
    refused(&c, "themes/mine/static/key.txt", &key.display().to_string());
    fs::remove_file(c.path().join("themes/mine/static/key.txt")).unwrap();
    symlink(
        "/proc/self/environ",
        c.path().join("themes/mine/templates.env"),
    )
    .unwrap();
    refused(&c, "themes/mine/templates.env", "/proc/self/environ");
}

#[test]
fn additional_css_through_a_link_is_not_published() {
    let s = secrets();
    let c = course();
    c.write(
        "book.toml",
        format!("{BOOK}\n[output.html]\nadditional-css = [\"custom.css\"]\n"),
    );
    symlink(s.path().join("id_ed25519"), c.path().join("custom.css")).unwrap();
    let out = tempfile::tempdir().unwrap();
    build(&c, &out.path().join("site"))
        .expect_status(1)
        .expect_stderr("custom.css: this symbolic link points to");
    nothing_published(out.path());
}

#[test]
fn a_special_file_inside_the_course_is_never_read() {
    let c = course();
    let fifo = c.path().join("content/pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // A read of a FIFO would block forever: the build must not hang.
    let out = tempfile::tempdir().unwrap();
    build(&c, &out.path().join("site"))
        .expect_status(1)
        .expect_stderr("content/pipe.txt: this is a named pipe (FIFO), not a regular file");
}

#[test]
fn a_link_inside_the_course_is_published_under_its_name() {
    let c = course();
    symlink("logo.svg", c.path().join("content/images/logo-link.svg")).unwrap();
    fs::create_dir_all(c.path().join("shared")).unwrap();
    fs::write(c.path().join("shared/a.md"), "# Shared page\n").unwrap();
    symlink("../shared", c.path().join("content/linked")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    build(&c, &dest).expect_status(0);
    assert_eq!(
        fs::read(dest.join("images/logo-link.svg")).unwrap(),
        fs::read(c.path().join("content/images/logo.svg")).unwrap()
    );
    assert!(dest.join("linked/a.html").is_file());
}
