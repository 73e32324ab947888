//! What a render produces. An [`Edition`] is one output of a course from
//! the same sources and checks: today the participants' site (built, or
//! served with live reload); the trainer's edition, the LMS package and one
//! edition per language plug in here. A [`Part`] says which of its files a
//! render makes, so that `serve` can redo only what an edit touched.

/// One output of the course.
#[derive(Debug, Clone, Default)]
pub struct Edition {
    /// HTML put before `</body>` of every page: `serve`'s live-reload script.
    pub inject: Option<String>,
    /// For an LMS package: the SCORM launch page, runtime and schema files
    /// to add to the participants' site.
    pub lms: Option<crate::scorm::Lms>,
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
            lms: None,
        }
    }

    /// The participants' site packaged for an LMS.
    pub fn lms(lms: crate::scorm::Lms) -> Edition {
        Edition {
            inject: None,
            lms: Some(lms),
        }
    }
}

/// Which files of an edition a render makes.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// Every file.
    Everything,
    /// These pages only (indices into the course's pages).
    Pages(&'a [usize]),
    /// The files that gather every page: a generated home page, 404, the
    /// answer key, the print view, the search index, the sitemap.
    Gathered,
}
