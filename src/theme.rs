//! The theme: Tera templates and static files, loaded with the course
//! (the site holds it) for `render` to use. The default theme is embedded
//! in the binary; a course's theme folder overrides any file of it by path
//! (`templates/page.html`, `static/style.css`) and may add files.

use std::collections::BTreeMap;
use std::path::Path;

use tera::Tera;

use crate::diagnostics::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Where a theme file came from, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded default theme.
    BuiltIn,
    /// A file of the course's theme folder, path relative to the course root.
    Course(String),
}

/// A loaded theme: compiled templates and the static files to copy.
pub struct Theme {
    /// Compiled templates, named by file name (`page.html`).
    pub tera: Tera,
    /// Static files: path under `static/` -> bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// Reads the files of the theme folder `dir` (relative to `root`) over the
/// built-in ones. Only files inside the course are read: a symbolic link
/// out of it, or to a special file, is an error and is not followed.
fn read_overrides(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, (Vec<u8>, Origin)>,
    diags: &mut Vec<Diagnostic>,
) {
    let abs = root.join(dir);
    let boundary = crate::boundary::Boundary::new(root);
    let shown_of = |path: &Path| match path.strip_prefix(&abs) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            format!(
                "{}/{}",
                dir.display(),
                rel.to_string_lossy().replace('\\', "/")
            )
        }
        _ => dir.display().to_string(),
    };
    for path in boundary.walk_files(&abs, &shown_of, &|_| false, diags) {
        let Ok(rel) = path.strip_prefix(&abs) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let shown = shown_of(&path);
        match std::fs::read(&path) {
            Ok(bytes) => {
                files.insert(rel, (bytes, Origin::Course(shown)));
            }
            Err(e) => diags.push(Diagnostic::path_error(
                shown,
                format!("cannot be read: {e}"),
            )),
        }
    }
}

/// Loads the default theme with the course's overrides from `theme_dir`
/// (relative to `root`), compiling every template. Problems go to `diags`;
/// `None` when the templates cannot be compiled.
pub fn load(root: &Path, theme_dir: Option<&Path>, diags: &mut Vec<Diagnostic>) -> Option<Theme> {
    let mut files: BTreeMap<String, (Vec<u8>, Origin)> = DEFAULT_THEME
        .iter()
        .map(|(path, bytes)| (path.to_string(), (bytes.to_vec(), Origin::BuiltIn)))
        .collect();
    if let Some(dir) = theme_dir {
        let abs = root.join(dir);
        if !abs.is_dir() {
            diags.push(
                Diagnostic::path_error(
                    dir.display().to_string(),
                    "the theme folder does not exist",
                )
                .with_note("create it, or fix `theme` in book.toml: the path is relative to the course folder"),
            );
        } else {
            read_overrides(root, dir, &mut files, diags);
        }
    }

    let mut templates = Vec::new();
    let mut statics = BTreeMap::new();
    for (path, (bytes, origin)) in files {
        if let Some(name) = path.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => templates.push((name.to_string(), text, origin)),
                Err(e) => {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                    diags.push(
                        Diagnostic::path_error(
                            format!("{}:{line}", shown_path(&path, &origin)),
                            "this line of the template is not valid UTF-8",
                        )
                        .with_note("save the file with the UTF-8 encoding"),
                    )
                }
            }
        } else if let Some(name) = path.strip_prefix("static/") {
            statics.insert(name.to_string(), bytes);
        }
    }

    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera escapes `/` by default, which bloats every URL; HTML needs only these.
    tera.set_escape_fn(escape_html);
    if let Err(e) = tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, text, _)| (name.as_str(), text.as_str())),
    ) {
        let message = template_error(&e);
        // Tera names the failing template in its message; point at its file.
        let culprit = templates.iter().find(|(name, _, _)| {
            message.contains(&format!("'{name}'")) || message.contains(&format!("`{name}`"))
        });
        let path = match culprit {
            Some((name, _, origin)) => shown_path(&format!("templates/{name}"), origin),
            None => "templates".to_string(),
        };
        diags.push(Diagnostic::path_error(path, message));
        return None;
    }
    Some(Theme { tera, statics })
}

fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 16);
    push_escaped(&mut out, input);
    out
}

/// Appends `text` with the five characters HTML needs escaped (and only
/// those: Tera's default also escapes `/`, which bloats every URL). Copies
/// the runs between them whole, as most text has none.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
}

fn shown_path(path: &str, origin: &Origin) -> String {
    match origin {
        Origin::BuiltIn => format!("(built-in theme) {path}"),
        Origin::Course(p) => p.clone(),
    }
}

/// The whole chain of a Tera error in one line: Tera puts the template name
/// and the line in the outer error and the cause in the inner ones.
pub fn template_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
