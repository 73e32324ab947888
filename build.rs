//! Embeds the default theme: lists every file under `themes/default/` so
//! `src/theme.rs` can `include_bytes!` them, and the binary builds any
//! course without a theme folder.

use std::path::Path;
use std::{env, fs};

fn main() {
    let dir = Path::new("themes/default");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut code = String::from("/// Every file of the default theme: (path within the theme, bytes).\npub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let abs = fs::canonicalize(dir.join(rel)).expect("theme file");
        println!("cargo:rerun-if-changed={}", abs.display());
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("default_theme.rs");
    fs::write(out, code).expect("write default_theme.rs");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.split('/').any(|part| part.starts_with('.')) {
                files.push(rel);
            }
        }
    }
}
