//! The trainer's edition (`build --trainer`): notes never reach a
//! participant file, the answer key moves to the trainer's edition, a deck
//! per module with the slides the rules give, and the output-folder rules.

use std::fs;
use std::path::Path;

use crate::support::TestCourse;

/// A string that appears nowhere but inside the notes.
const MARKER: &str = "MUISTIINPANO-7f3a9c";

fn course() -> TestCourse {
    TestCourse::with_files(&[
        (
            "book.toml",
            "[book]\ntitle = \"Kurssi\"\nlanguage = \"fi\"\nsrc = \"src\"\n\n[output.html]\nsite-url = \"https://example.fi/kurssi/\"\n",
        ),
        ("src/README.md", "# Kurssi\n\nTervetuloa.\n\n```notes\nKotisivun muistiinpano MUISTIINPANO-7f3a9c.\n```\n"),
        (
            "src/01-alku/index.md",
            "---\nduration: 30\n---\n\n# Alku\n\nJohdanto.\n\n```notes\nAjoitus 5 min. MUISTIINPANO-7f3a9c\n```\n\n## Ensimmäinen\n\nYksi.\n\n---\n\nKaksi.\n\n## Pitkä {.slides-skip}\n\nPitkä selitys.\n\n```notes\nOhitetun osan muistiinpano MUISTIINPANO-7f3a9c\n```\n\n## Tiivis\n\nPitkä kappale sivulla.\n\n```slides\nVain dialla DIA-ONLY-5e1.\n```\n",
        ),
        (
            "src/01-alku/testi.md",
            "# Testi\n\n```quiz\n## Yksi?\n\n- [x] a\n- [ ] b\n\n## Kaksi?\n\n- [x] c\n- [ ] d\n```\n\n```notes\nKysy ryhmältä MUISTIINPANO-7f3a9c\n```\n",
        ),
    ])
}

/// Every file under `dir`, relative, with its bytes as text (lossy).
fn files_of(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (
                rel,
                String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn notes_never_reach_a_participant_file() {
    let course = course();
    course.run(&["build"]).expect_status(0);
    let files = files_of(&course.path().join("book"));
    for must in [
        "index.html",
        "print.html",
        "search-index.js",
        "sitemap.xml",
        "01-alku/index.html",
    ] {
        assert!(files.iter().any(|(f, _)| f == must), "{must} was built");
    }
    for (file, text) in &files {
        assert!(!text.contains(MARKER), "{file} holds a trainer note");
        assert!(
            !text.contains("DIA-ONLY"),
            "{file} holds a slides-only block"
        );
    }
    for trainers_only in [
        "answers.html",
        "trainer.html",
        "theme/deck.js",
        "theme/deck.css",
    ] {
        assert!(
            !files.iter().any(|(f, _)| f == trainers_only),
            "{trainers_only} is not for participants"
        );
    }
    assert!(!files.iter().any(|(f, _)| f.starts_with("slides/")));
}

#[test]
fn the_trainers_edition_has_notes_decks_the_overview_and_the_answer_key() {
    let course = course();
    course
        .run(&["build", "--trainer"])
        .expect_status(0)
        .expect_stderr("book-trainer");
    assert!(
        !course.path().join("book").exists(),
        "only the trainer's edition was built"
    );
    let dir = course.path().join("book-trainer");
    let read = |p: &str| fs::read_to_string(dir.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let page = read("01-alku/index.html");
    assert!(
        page.contains("class=\"trainer-notes\""),
        "notes are shown in place"
    );
    assert!(page.contains(MARKER));
    assert!(
        page.contains("../slides/01-alku.html#1"),
        "the page links its slides"
    );
    assert!(
        !page.contains("DIA-ONLY"),
        "slides-only text stays off the page"
    );
    assert!(read("answers.html").contains("class=\"quiz-key\""));
    let overview = read("trainer.html");
    assert!(overview.contains("slides/01-alku.html"));
    assert!(overview.contains("answers.html"));
    assert!(
        !dir.join("sitemap.xml").exists(),
        "the trainer's edition is not for search engines"
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));

    let deck = read("slides/01-alku.html");
    // Alku: title, Ensimmäinen (two, split by ---), Tiivis; Pitkä skipped.
    // Testi: title, one slide per question.
    assert_eq!(
        deck.matches("<section class=\"slide ").count(),
        4 + 3,
        "{deck}"
    );
    assert!(deck.contains("DIA-ONLY-5e1"));
    assert!(
        !deck.contains("Pitkä selitys"),
        "a skipped section is not on the slides"
    );
    assert!(
        deck.contains("Ohitetun osan muistiinpano"),
        "its notes still reach the presenter"
    );
    assert_eq!(
        deck.matches("<form class=\"quiz\"").count(),
        2,
        "a form per question"
    );
    assert!(deck.contains("data-duration=\"30\""));
    assert!(dir.join("theme/deck.js").exists() && dir.join("theme/deck.css").exists());
}

#[test]
fn the_deck_runtime_stays_within_its_budget() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let mut bytes = fs::read(root.join("deck.js")).unwrap();
    bytes.extend(fs::read(root.join("deck.css")).unwrap());
    let gz = gzip_size(&bytes);
    assert!(gz < 12 * 1024, "deck.js + deck.css: {gz} bytes gzipped");
}

/// The gzip size of `bytes`, from the system's gzip.
fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    child.wait_with_output().unwrap().stdout.len()
}

#[test]
fn the_trainers_folder_follows_the_output_folder_rules() {
    let course = course();
    course.write("book-trainer/thesis.txt", "mine");
    course
        .run(&["build", "--trainer"])
        .expect_status(1)
        .expect_stderr("book-trainer");
    assert_eq!(
        fs::read_to_string(course.path().join("book-trainer/thesis.txt")).unwrap(),
        "mine"
    );
    course
        .run(&["build", "--trainer", "-d", "src/out"])
        .expect_status(1);
    assert!(!course.path().join("src/out").exists());
    // A folder kurssi wrote is replaced.
    course
        .run(&["build", "--trainer", "-d", "t"])
        .expect_status(0);
    course
        .run(&["build", "--trainer", "-d", "t"])
        .expect_status(0);
}
#[test]
fn the_bundled_course_has_a_deck_per_module_with_notes() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("t");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_kurssi"))
        .args([
            "build",
            "--trainer",
            "--deny-warnings",
            env!("CARGO_MANIFEST_DIR"),
            "-d",
        ])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The English edition, under en/, has its notes too.
    for deck in [
        "slides/01-miksi-olla-sosiaalinen.html",
        "slides/02-dialogi-ennen-tiedottamista.html",
        "slides/03-mittaa-ja-kehita.html",
        "slides/04-karsivallisyys.html",
        "en/slides/01-why-be-social.html",
        "en/slides/02-dialogue-before-announcements.html",
        "en/slides/03-measure-and-improve.html",
        "en/slides/04-patience.html",
    ] {
        let html = fs::read_to_string(dest.join(deck)).unwrap();
        assert!(
            html.contains("<p class=\"slide-notes-title\">"),
            "{deck} has trainer notes"
        );
    }
}
