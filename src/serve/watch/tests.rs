//! Tests of judging batches and of the watcher on a real folder.

use super::*;

fn known() -> Known {
    let src = PathBuf::from("/c/content");
    Known {
        book_toml: "/c/book.toml".into(),
        src_dir: src.clone(),
        build_dir: "/c/book".into(),
        theme_dir: Some("/c/theme".into()),
        pages: [
            (src.join("a.md"), PageId::new(0)),
            (src.join("m/b.md"), PageId::new(1)),
        ]
        .into(),
        assets: [src.join("img/x.png")].into(),
        included: [(PathBuf::from("/c/code/x.rs"), vec![PageId::new(1)])].into(),
    }
}

fn plan(paths: &[&str], existing: &[&str]) -> Plan {
    let paths = paths.iter().map(PathBuf::from).collect();
    let existing: HashSet<PathBuf> = existing.iter().map(PathBuf::from).collect();
    classify(&paths, &known(), &|p| existing.contains(p))
}

fn update(pages: &[usize], assets: bool) -> Plan {
    Plan::Update {
        pages: pages.iter().copied().map(PageId::new).collect(),
        assets,
    }
}

#[test]
fn a_page_edit_updates_that_page() {
    assert_eq!(
        plan(&["/c/content/a.md"], &["/c/content/a.md"]),
        update(&[0], false)
    );
    assert_eq!(
        plan(&["/c/code/x.rs"], &["/c/code/x.rs"]),
        update(&[1], false)
    );
    assert_eq!(
        plan(&["/c/content/img/x.png"], &["/c/content/img/x.png"]),
        update(&[], true)
    );
}

#[test]
fn editor_save_patterns_are_one_page_edit() {
    // Written to a temporary file, renamed over the page.
    let p = plan(
        &[
            "/c/content/.a.md.tmp",
            "/c/content/a.md.kurssi123",
            "/c/content/a.md",
        ],
        &["/c/content/a.md"],
    );
    assert_eq!(p, update(&[0], false));
    // Vim: probe file, backup, write, delete backup.
    let p = plan(
        &[
            "/c/content/4913",
            "/c/content/a.md~",
            "/c/content/a.md",
            "/c/content/.a.md.swp",
        ],
        &["/c/content/a.md", "/c/content/.a.md.swp"],
    );
    assert_eq!(p, update(&[0], false));
}

#[test]
fn a_theme_stylesheet_is_only_served_anew() {
    let css = "/c/theme/static/style.css";
    assert_eq!(
        plan(&[css], &[css]),
        Plan::Theme {
            templates: false,
            statics: vec![css.into()]
        }
    );
    assert_eq!(
        plan(&["/c/theme/static/.style.css.swp"], &[]),
        Plan::Nothing
    );
    assert!(matches!(plan(&[css], &[]), Plan::Full(_)));
}

#[test]
fn a_template_edit_compiles_the_templates_again() {
    let page = "/c/theme/templates/page.html";
    let expected = Plan::Theme {
        templates: true,
        statics: Vec::new(),
    };
    assert_eq!(plan(&[page], &[page]), expected);
    // A template removed: the built-in one takes its place.
    assert_eq!(plan(&[page], &[]), expected);
    // With a page: everything.
    assert!(matches!(
        plan(&[page, "/c/content/a.md"], &[page, "/c/content/a.md"]),
        Plan::Full(_)
    ));
}

#[test]
fn structure_changes_rebuild_everything() {
    assert!(matches!(
        plan(&["/c/book.toml"], &["/c/book.toml"]),
        Plan::Full(_)
    ));
    assert!(matches!(
        plan(&["/c/content/SUMMARY.md"], &[]),
        Plan::Full(_)
    ));
    let both = ["/c/theme/static/style.css", "/c/content/a.md"];
    assert!(matches!(plan(&both, &both), Plan::Full(_)));
    assert!(matches!(
        plan(&["/c/content/new.md"], &["/c/content/new.md"]),
        Plan::Full(_)
    ));
    assert!(matches!(plan(&["/c/content/a.md"], &[]), Plan::Full(_)));
    assert!(matches!(plan(&["/c/content/m"], &[]), Plan::Full(_)));
}

#[test]
fn unrelated_paths_change_nothing() {
    assert_eq!(
        plan(&["/c/content/.git/index"], &["/c/content/.git/index"]),
        Plan::Nothing
    );
    assert_eq!(plan(&["/c/README.md"], &["/c/README.md"]), Plan::Nothing);
    assert_eq!(plan(&["/c/content/gone.tmp2"], &[]), Plan::Nothing);
    assert!(is_editor_junk("#a.md#") && is_editor_junk(".#a.md") && !is_editor_junk("a.md"));
}

#[test]
fn a_save_by_rename_is_one_batch() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a.md");
    std::fs::write(&page, "one").unwrap();
    let mut watch = Watch::new().unwrap();
    assert!(watch
        .set_targets(vec![(dir.path().to_path_buf(), RecursiveMode::Recursive)])
        .is_empty());
    let tmp = dir.path().join("a.md.tmp");
    std::fs::write(&tmp, "two").unwrap();
    std::fs::rename(&tmp, &page).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut seen = BTreeSet::new();
    while !seen.contains(&page) && Instant::now() < deadline {
        match watch.next(Some(Duration::from_secs(5))) {
            Next::Batch { paths, .. } => seen.extend(paths),
            Next::Idle | Next::Closed | Next::Refresh => break,
        }
    }
    assert!(seen.contains(&page), "{seen:?}");
    assert!(matches!(
        watch.next(Some(Duration::from_millis(50))),
        Next::Idle
    ));
}
