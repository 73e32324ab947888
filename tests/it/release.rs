//! The release and the installer, run here as a trainer would run them:
//!
//! - `scripts/package-release` packs the real binary into a release archive
//!   with the README, the changelog and the licences, and writes SHA256SUMS;
//! - `install.sh` downloads that release from a local HTTP server on
//!   127.0.0.1 and installs it without root; it refuses an archive whose
//!   checksum does not match (installing nothing) and says clearly when there
//!   is no binary for the platform;
//! - every file that names kurssi's repository names the one in Cargo.toml.
//!
//! `install.ps1` is not run: PowerShell cannot be installed where the tests
//! run. It mirrors `install.sh`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, OnceLock};
use std::thread;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The repository root.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command to its end; panics if it cannot start.
fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// A fake release of the real binary, served over HTTP on 127.0.0.1:
/// `URL/good/...` as GitHub lays out releases (`download/vX.Y.Z/` and
/// `latest/download/`), and `URL/bad/...` the same with the Linux archive
/// changed after its checksum was taken.
struct Release {
    url: String,
    root: PathBuf,
}

fn release() -> &'static Release {
    static RELEASE: OnceLock<Release> = OnceLock::new();
    RELEASE.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fake-release");
        let _ = fs::remove_dir_all(&root);
        let tag = format!("v{VERSION}");
        let good = root.join("good/download").join(&tag);
        for target in ["x86_64-unknown-linux-musl", "aarch64-apple-darwin"] {
            package(&[
                "--binary",
                env!("CARGO_BIN_EXE_kurssi"),
                "--target",
                target,
                "--out",
                good.to_str().unwrap(),
            ]);
        }
        package(&["--checksums", good.to_str().unwrap()]);
        copy_dir(&good, &root.join("good/latest/download"));

        let bad = root.join("bad/download").join(&tag);
        copy_dir(&good, &bad);
        let archive = bad.join(format!("kurssi-{tag}-x86_64-unknown-linux-musl.tar.gz"));
        let mut bytes = fs::read(&archive).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        fs::write(&archive, bytes).unwrap();

        let url = serve(root.clone());
        Release { url, root }
    })
}

/// Runs scripts/package-release; panics if it fails.
fn package(args: &[&str]) -> Output {
    let out = run(Command::new(repo().join("scripts/package-release"))
        .args(args)
        .env_remove("KURSSI_RELEASE_TAG"));
    assert!(
        out.status.success(),
        "scripts/package-release {args:?}:\n{}",
        text(&out.stderr)
    );
    out
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Serves the files under `root` on 127.0.0.1 from a thread that lives as
/// long as the test binary; returns the base URL.
fn serve(root: PathBuf) -> String {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("listen on 127.0.0.1"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().split('?').next().unwrap_or("").to_owned();
            let file = (!path.split('/').any(|part| part == ".."))
                .then(|| root.join(path.trim_start_matches('/')))
                .filter(|f| f.is_file());
            let _ = match file.and_then(|f| fs::read(f).ok()) {
                Some(bytes) => request.respond(tiny_http::Response::from_data(bytes)),
                None => request.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Runs install.sh with `sh`, against the fake release at `base` (a folder
/// of the server), with the platform `uname` would give and more arguments.
fn install(base: &str, platform: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg(repo().join("install.sh"))
        .args(args)
        .env("KURSSI_DOWNLOAD_URL", format!("{}/{base}", release().url))
        .env_remove("KURSSI_VERSION")
        .env_remove("KURSSI_INSTALL_DIR")
        .env_remove("KURSSI_PLATFORM")
        .env_remove("KURSSI_REPO");
    if let Some(platform) = platform {
        cmd.env("KURSSI_PLATFORM", platform);
    }
    run(&mut cmd)
}

#[test]
fn a_release_archive_holds_the_program_readme_changelog_and_licences() {
    let tag = format!("v{VERSION}");
    let dir = release().root.join("good/download").join(&tag);
    let archive = dir.join(format!("kurssi-{tag}-x86_64-unknown-linux-musl.tar.gz"));
    let list = run(Command::new("tar").arg("-tzf").arg(&archive));
    assert!(list.status.success(), "{}", text(&list.stderr));
    let mut files: Vec<String> = text(&list.stdout).lines().map(str::to_owned).collect();
    files.sort();
    assert_eq!(
        files,
        [
            "CHANGELOG.md",
            "LICENSE-APACHE",
            "LICENSE-MIT",
            "README.md",
            "kurssi"
        ]
    );

    let sums = fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let names: Vec<&str> = sums
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            format!("kurssi-{tag}-aarch64-apple-darwin.tar.gz").as_str(),
            format!("kurssi-{tag}-x86_64-unknown-linux-musl.tar.gz").as_str(),
            "install.sh",
            "install.ps1",
        ]
    );
    let check = run(Command::new("sha256sum")
        .arg("--check")
        .arg("SHA256SUMS")
        .current_dir(&dir));
    assert!(check.status.success(), "{}", text(&check.stdout));
}

#[test]
fn a_release_tag_must_match_the_version_in_cargo_toml() {
    let out = run(Command::new(repo().join("scripts/package-release"))
        .args(["--checksums", "/nonexistent"])
        .env("KURSSI_RELEASE_TAG", "v0.0.0-not-this"));
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains(&format!("Cargo.toml says version {VERSION}")),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn install_sh_installs_the_latest_release_without_root() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("not/yet/there");
    let out = install(
        "good",
        Some("Linux/x86_64"),
        &["--to", dir.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("latest"), "{stderr}");
    let version = run(Command::new(dir.join("kurssi")).arg("--version"));
    assert_eq!(text(&version.stdout).trim(), format!("kurssi {VERSION}"));
    assert!(
        stderr.contains(&format!("installed kurssi {VERSION}")),
        "{stderr}"
    );
    assert!(stderr.contains("is not on your search path"), "{stderr}");
    let left: Vec<_> = fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "only kurssi is installed: {left:?}");
}

#[test]
fn install_sh_installs_a_pinned_version_into_home_local_bin() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new("sh");
    cmd.arg(repo().join("install.sh"))
        .env("HOME", home.path())
        .env("KURSSI_VERSION", VERSION)
        .env("KURSSI_PLATFORM", "Darwin/arm64")
        .env("KURSSI_DOWNLOAD_URL", format!("{}/good", release().url))
        .env_remove("KURSSI_INSTALL_DIR");
    let out = run(&mut cmd);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("kurssi v{VERSION} for aarch64-apple-darwin")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "/download/v{VERSION}/kurssi-v{VERSION}-aarch64-apple-darwin.tar.gz"
        )),
        "{stderr}"
    );
    assert!(home.path().join(".local/bin/kurssi").is_file());
}

#[test]
fn install_sh_refuses_an_archive_whose_checksum_does_not_match() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("bin");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("kurssi"), "the old kurssi").unwrap();
    let out = install(
        "bad",
        Some("Linux/x86_64"),
        &[
            "--version",
            &format!("v{VERSION}"),
            "--to",
            dir.to_str().unwrap(),
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("does not match SHA256SUMS"), "{stderr}");
    assert!(stderr.contains("Nothing was installed"), "{stderr}");
    assert_eq!(
        fs::read_to_string(dir.join("kurssi")).unwrap(),
        "the old kurssi"
    );
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);

    // And into a folder that does not exist yet, nothing at all.
    let fresh = home.path().join("fresh");
    let out = install(
        "bad",
        Some("Linux/x86_64"),
        &["--version", VERSION, "--to", fresh.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(!fresh.exists());
}

#[test]
fn install_sh_says_clearly_when_there_is_no_binary_for_the_platform() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("bin");
    let out = install(
        "good",
        Some("SunOS/sparc64"),
        &["--to", dir.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("there is no ready-made kurssi for this platform (SunOS/sparc64)"),
        "{stderr}"
    );
    assert!(stderr.contains("cargo install --locked kurssi"), "{stderr}");
    assert!(!dir.exists());

    // A platform kurssi has binaries for, but this release lacks.
    let out = install(
        "good",
        Some("Linux/aarch64"),
        &["--to", dir.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("has no archive for aarch64-unknown-linux-musl"),
        "{stderr}"
    );
    assert!(!dir.exists());

    // Windows is sent to install.ps1.
    let out = install(
        "good",
        Some("MINGW64_NT-10.0/x86_64"),
        &["--to", dir.to_str().unwrap()],
    );
    assert!(
        text(&out.stderr).contains("install.ps1"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn install_sh_says_when_a_version_is_not_a_release() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("bin");
    let out = install(
        "good",
        Some("Linux/x86_64"),
        &["--version", "9.9.9", "--to", dir.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is v9.9.9 a kurssi release?"), "{stderr}");
    assert!(!dir.exists());
}

#[test]
fn release_notes_come_from_the_changelog() {
    let out = package(&["--notes"]);
    let notes = text(&out.stdout);
    assert!(
        !notes.trim().is_empty(),
        "CHANGELOG.md has a section for {VERSION}"
    );
    assert!(
        !notes.contains("## ["),
        "only this version's section:\n{notes}"
    );
}

// --- the repository's address ----------------------------------------

/// The repository named in Cargo.toml, as `owner/name`.
fn repository() -> String {
    let manifest = fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let line = manifest
        .lines()
        .find(|l| l.starts_with("repository = "))
        .expect("Cargo.toml names its repository");
    let url = line.split('"').nth(1).unwrap();
    url.strip_prefix("https://github.com/")
        .expect("a GitHub address")
        .trim_end_matches('/')
        .to_owned()
}

/// Every `github.com/OWNER/NAME` in `text` whose NAME starts with `kurssi`,
/// and every `KURSSI_REPO` default or setting.
fn repositories_named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("github.com/") {
        let rest = &text[i + "github.com/".len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c)))
            .unwrap_or(rest.len());
        let mut parts = rest[..end].split('/');
        if let (Some(owner), Some(name)) = (parts.next(), parts.next()) {
            if name.starts_with("kurssi") && !owner.starts_with('$') {
                out.push(format!("{owner}/{name}"));
            }
        }
    }
    for line in text.lines() {
        let t = line.trim();
        let value = t
            .strip_prefix("KURSSI_REPO=${KURSSI_REPO:-")
            .map(|v| v.trim_end_matches('}'))
            .or_else(|| t.strip_prefix("KURSSI_REPO: "))
            .or_else(|| {
                let ps1 = t.starts_with("$Repo = ") && t.contains("KURSSI_REPO");
                let default = t.split("else { '").nth(1)?.split('\'').next();
                default.filter(|_| ps1)
            });
        if let Some(v) = value {
            out.push(v.trim().to_owned());
        }
    }
    out
}

#[test]
fn every_file_names_the_repository_in_cargo_toml() {
    let expected = repository();
    let mut files = vec![
        repo().join("install.sh"),
        repo().join("install.ps1"),
        repo().join("README.md"),
        repo().join("CHANGELOG.md"),
    ];
    for dir in ["docs/examples", ".github/workflows"] {
        for entry in fs::read_dir(repo().join(dir)).unwrap().flatten() {
            files.push(entry.path());
        }
    }
    for entry in walkdir::WalkDir::new(repo().join("docs/src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.into_path());
        }
    }
    let mut seen = 0;
    let mut wrong = Vec::new();
    for file in files.iter().filter(|f| f.is_file()) {
        let text = fs::read_to_string(file).unwrap();
        for named in repositories_named(&text) {
            seen += 1;
            if named != expected {
                wrong.push(format!("{}: {named}", file.display()));
            }
        }
    }
    assert!(
        seen >= 5,
        "the installers, the guide and the workflows name the repository"
    );
    assert!(
        wrong.is_empty(),
        "these name another repository than Cargo.toml's {expected}:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        repositories_named("x https://github.com/acme/kurssi/releases y\nKURSSI_REPO=${KURSSI_REPO:-a/b}\n  KURSSI_REPO: c/d\n$Repo = if ($env:KURSSI_REPO) { y } else { 'e/f' }\n$V = if (x) { y } else { 'latest' }\n"),
        ["acme/kurssi", "a/b", "c/d", "e/f"]
    );
}
