//! What the served course is made of on disk: the files its pages, assets,
//! includes, theme and book.toml come from (to judge a change by), and the
//! folders to watch for them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use notify::RecursiveMode;

use crate::model::PageId;
use crate::site::Site;

/// The course's files, every path absolute.
#[derive(Debug, Default, Clone)]
pub struct Known {
    /// `book.toml`.
    pub book_toml: PathBuf,
    /// The source folder.
    pub src_dir: PathBuf,
    /// The output folder (ignored when it is inside the source folder).
    pub build_dir: PathBuf,
    /// The theme folder, if the course has one.
    pub theme_dir: Option<PathBuf>,
    /// Page files and their pages.
    pub pages: HashMap<PathBuf, PageId>,
    /// Asset files.
    pub assets: HashSet<PathBuf>,
    /// Included files and the pages that include them.
    pub included: HashMap<PathBuf, Vec<PageId>>,
}

impl Known {
    /// The files of a loaded course whose root is `root`.
    pub fn of(site: &Site, root: &Path) -> Known {
        let c = &site.course;
        let mut included: HashMap<PathBuf, Vec<PageId>> = HashMap::new();
        for (i, page) in c.pages.with_ids() {
            for (file, _) in &page.body.included {
                included.entry(file.clone()).or_default().push(i);
            }
        }
        Known {
            book_toml: root.join("book.toml"),
            src_dir: c.src_dir.clone(),
            build_dir: root.join(&c.config.build_dir),
            theme_dir: c.config.theme_dir.as_ref().map(|d| root.join(d)),
            pages: c
                .pages
                .with_ids()
                .map(|(i, p)| (c.src_dir.join(&p.source_path), i))
                .collect(),
            assets: c.assets.iter().map(|a| c.src_dir.join(a)).collect(),
            included,
        }
    }

    /// What to watch: the source folder and the theme with everything in
    /// them, and the folders of book.toml and of included files that lie
    /// outside those (only their own entries).
    pub fn watch_targets(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut targets = vec![(self.src_dir.clone(), RecursiveMode::Recursive)];
        if let Some(theme) = &self.theme_dir {
            if !theme.starts_with(&self.src_dir) {
                targets.push((theme.clone(), RecursiveMode::Recursive));
            }
        }
        let mut files: Vec<&PathBuf> = self.included.keys().collect();
        files.sort();
        files.insert(0, &self.book_toml);
        for file in files {
            let Some(dir) = file.parent() else { continue };
            let covered = targets.iter().any(|(t, mode)| match mode {
                RecursiveMode::Recursive => file.starts_with(t),
                RecursiveMode::NonRecursive => dir == t,
            });
            if !covered {
                targets.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        targets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(theme: Option<&str>, included: &[&str]) -> Known {
        Known {
            book_toml: "/c/book.toml".into(),
            src_dir: "/c/content".into(),
            theme_dir: theme.map(PathBuf::from),
            included: included
                .iter()
                .map(|p| (PathBuf::from(p), vec![PageId::new(0)]))
                .collect(),
            ..Known::default()
        }
    }

    #[test]
    fn watches_the_source_the_theme_and_the_folders_of_other_files() {
        let targets = known(
            Some("/c/mytheme"),
            &["/c/code/a.rs", "/c/code/b.rs", "/c/content/x.rs"],
        )
        .watch_targets();
        assert_eq!(
            targets,
            vec![
                ("/c/content".into(), RecursiveMode::Recursive),
                ("/c/mytheme".into(), RecursiveMode::Recursive),
                ("/c".into(), RecursiveMode::NonRecursive),
                ("/c/code".into(), RecursiveMode::NonRecursive),
            ]
        );
    }

    #[test]
    fn a_source_folder_at_the_root_covers_everything() {
        let k = Known {
            src_dir: "/c".into(),
            ..known(Some("/c/themes/t"), &[])
        };
        assert_eq!(
            k.watch_targets(),
            vec![("/c".into(), RecursiveMode::Recursive)]
        );
    }
}
