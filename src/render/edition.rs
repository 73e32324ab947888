//! What a render produces. An [`Edition`] is one output of a course from
//! the same sources and checks: today the participants' site (built, or
//! served with live reload); the trainer's edition, the LMS package and one
//! edition per language plug in here. A [`Part`] says which of its files a
//! render makes, so that `serve` can redo only what an edit touched.

use crate::model::PageId;

/// One output of the course.
#[derive(Debug, Clone, Default)]
pub struct Edition {
    /// HTML put before `</body>` of every page: `serve`'s live-reload script.
    pub inject: Option<String>,
    /// Where the edition goes under the site root: empty for the default
    /// language, `en/` for the English edition of a Finnish course.
    pub subfolder: String,
    /// For an LMS package: the SCORM launch page, runtime and schema files
    /// to add to the participants' site.
    pub lms: Option<crate::scorm::Lms>,
    /// Who it is for: the trainer's edition adds notes, decks, the
    /// overview and the answer key.
    pub audience: Audience,
}

/// Who an edition is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Audience {
    /// The participants' site: never a trainer note or the answer key.
    #[default]
    Participants,
    /// The trainer's edition (`--trainer`).
    Trainer,
}

impl Edition {
    /// The participants' site, as `build` writes it.
    pub fn participants() -> Edition {
        Edition::default()
    }

    /// The participants' site as `serve` shows it, with `script` in every page.
    pub fn served(script: String) -> Edition {
        Edition {
            inject: Some(script),
            ..Edition::default()
        }
    }

    /// The participants' site packaged for an LMS.
    pub fn lms(lms: crate::scorm::Lms) -> Edition {
        Edition {
            lms: Some(lms),
            ..Edition::default()
        }
    }

    /// The trainer's edition, as `build --trainer` writes it.
    pub fn trainer() -> Edition {
        Edition::participants().for_audience(Audience::Trainer)
    }

    /// This edition for `audience`.
    pub fn for_audience(self, audience: Audience) -> Edition {
        Edition { audience, ..self }
    }

    /// Whether this is the trainer's edition.
    pub fn is_trainer(&self) -> bool {
        self.audience == Audience::Trainer
    }

    /// The same edition written under `subfolder` of the site (one
    /// language of several).
    pub fn in_subfolder(self, subfolder: String) -> Edition {
        Edition { subfolder, ..self }
    }
}

/// Which files of an edition a render makes.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// Every file.
    Everything,
    /// These pages only.
    Pages(&'a [PageId]),
    /// The files that gather every page: a generated home page, 404, the
    /// answer key, the print view, the search index, the sitemap.
    Gathered,
    /// One of the files that gather every page, by its path in the edition
    /// (`print.html`, `search-index.js`); any other path makes the small
    /// ones together (home page, 404, answer key, sitemap...), so that
    /// `serve` renders the large ones only when they are asked for.
    GatheredFile(&'a str),
    /// The files copied as they are: the theme's static files, the
    /// course's assets, `additional-css`/`-js`.
    CourseFiles,
}
