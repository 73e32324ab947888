//! Where pages go in the output: the output path of a Markdown source
//! path, and the prefix that leads from an output file back to the site
//! root. It imports no other module of the crate, so every stage (loading,
//! Markdown, the model, rendering) may use it.

/// Output path of a Markdown source path: `a/b.md` -> `a/b.html`,
/// `a/README.md` and `a/index.md` -> `a/index.html`.
pub fn output_path_of(source_path: &str) -> String {
    let (dir, file) = match source_path.rfind('/') {
        Some(i) => (&source_path[..=i], &source_path[i + 1..]),
        None => ("", source_path),
    };
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".markdown"))
        .unwrap_or(file);
    if stem.eq_ignore_ascii_case("readme") || stem == "index" {
        format!("{dir}index.html")
    } else {
        format!("{dir}{stem}.html")
    }
}

/// The prefix that leads from an output file back to the output root:
/// `""` for `index.html`, `"../"` for `a/b.html`.
pub fn root_prefix(output_path: &str) -> String {
    "../".repeat(output_path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_path_of("a/b.md"), "a/b.html");
        assert_eq!(output_path_of("README.md"), "index.html");
        assert_eq!(output_path_of("a/readme.md"), "a/index.html");
        assert_eq!(output_path_of("a/index.md"), "a/index.html");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
