//! A zip file as a sink: an edition rendered into one archive (the LMS
//! package). Files are gathered as the render hands them over, then
//! written sorted, with fixed times and permissions, so that the same
//! course gives a byte-identical zip; the archive is written into a
//! temporary file beside the destination and renamed over it only when it
//! is complete, so a failed export leaves the old file as it was.
//!
//! A zip that kurssi wrote carries a comment starting with
//! [`GENERATOR_MARK`]: only such a file is replaced without
//! `--force` ([`inspect`]).

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use super::sink::{Memory, Sink, SinkError};
use super::{Content, OutFile, WriteError};

/// The first words of the comment of a zip that kurssi wrote (and of an
/// LMS package's manifest): how such a file is recognised, and so may be
/// replaced.
pub const GENERATOR_MARK: &str = "Written by kurssi";

/// Gathers the files of an edition for one zip: in memory, as
/// [`Memory`] does, refusing a path that would leave the package.
#[derive(Debug, Default)]
pub struct ZipSink {
    files: Memory,
}

impl ZipSink {
    /// An empty package.
    pub fn new() -> ZipSink {
        ZipSink::default()
    }

    /// The paths taken so far, sorted, each once.
    pub fn paths(&self) -> Vec<String> {
        self.files.paths()
    }

    fn inside(path: &str) -> Result<(), SinkError> {
        if super::is_inside_path(path) {
            Ok(())
        } else {
            Err(SinkError {
                path: path.to_owned(),
                message: "the path leaves the package".to_owned(),
            })
        }
    }
}

impl Sink for ZipSink {
    fn put(&self, file: OutFile) -> Result<(), SinkError> {
        ZipSink::inside(&file.path)?;
        self.files.put(file)
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), SinkError> {
        ZipSink::inside(path)?;
        self.files.stream(path, fill)
    }
}

impl ZipSink {
    /// Writes the archive to `dest` atomically, with `comment` (which
    /// should start with the generator mark).
    pub fn write(self, dest: &Path, comment: &str) -> Result<(), WriteError> {
        let files = self.files.into_files();
        let temp = temp_beside(dest);
        let result = write_zip(&temp, &files, comment).and_then(|()| {
            fs::rename(&temp, dest).map_err(|error| WriteError {
                path: dest.to_path_buf(),
                error,
            })
        });
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }
}

/// `.NAME.kurssi-new-PID` beside `dest`.
fn temp_beside(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "package.zip".into());
    let temp = format!(".{name}.kurssi-new-{}", std::process::id());
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(temp),
        _ => PathBuf::from(temp),
    }
}

fn write_zip(temp: &Path, files: &[OutFile], comment: &str) -> Result<(), WriteError> {
    let at = |path: &Path| {
        let path = path.to_path_buf();
        move |error: io::Error| WriteError { path, error }
    };
    let zip_error = |path: &Path| {
        let path = path.to_path_buf();
        move |e: zip::result::ZipError| WriteError {
            path,
            error: match e {
                zip::result::ZipError::Io(e) => e,
                other => io::Error::other(other.to_string()),
            },
        }
    };
    let file = fs::File::create(temp).map_err(at(temp))?;
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
    // Fixed time (the zip epoch) and permissions: the same course gives
    // the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut made_dirs = std::collections::BTreeSet::new();
    for f in files {
        // Folders get entries of their own: some LMS unpackers need them.
        let mut dir = String::new();
        for part in f
            .path
            .split('/')
            .rev()
            .skip(1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            dir.push_str(part);
            dir.push('/');
            if made_dirs.insert(dir.clone()) {
                zip.add_directory(dir.as_str(), options.unix_permissions(0o755))
                    .map_err(zip_error(temp))?;
            }
        }
        zip.start_file(f.path.as_str(), options)
            .map_err(zip_error(temp))?;
        match &f.content {
            Content::Bytes(b) => zip.write_all(b).map_err(at(temp))?,
            Content::Copy(src) => {
                let mut input = fs::File::open(src).map_err(at(src))?;
                let mut buf = Vec::new();
                input.read_to_end(&mut buf).map_err(at(src))?;
                zip.write_all(&buf).map_err(at(temp))?;
            }
        }
    }
    zip.set_comment(comment);
    let mut out = zip.finish().map_err(zip_error(temp))?;
    out.flush().map_err(at(temp))?;
    let file = out.into_inner().map_err(|e| WriteError {
        path: temp.to_path_buf(),
        error: io::Error::other(e.to_string()),
    })?;
    file.sync_all().map_err(at(temp))
}

/// What is at a package's destination now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    /// Nothing.
    Missing,
    /// A zip that kurssi wrote.
    Ours,
    /// A file kurssi did not write.
    Foreign,
    /// A folder, a link or anything else that is not a plain file.
    NotAFile,
}

/// Looks at `dest` without following a symbolic link.
pub fn inspect(dest: &Path) -> io::Result<Existing> {
    let meta = match fs::symlink_metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(e) => return Err(e),
    };
    if !meta.is_file() {
        return Ok(Existing::NotAFile);
    }
    let ours = fs::File::open(dest)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
        .is_some_and(|z| z.comment().starts_with(GENERATOR_MARK.as_bytes()));
    Ok(if ours {
        Existing::Ours
    } else {
        Existing::Foreign
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sink_with(files: &[(&str, &str)]) -> ZipSink {
        let sink = ZipSink::new();
        for (p, b) in files {
            sink.put(OutFile::bytes(*p, *b)).unwrap();
        }
        sink
    }

    #[test]
    fn writes_sorted_deterministic_marked_zips() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.zip");
        let b = dir.path().join("b.zip");
        let comment = format!("{GENERATOR_MARK} test");
        sink_with(&[("z/b.html", "b"), ("a.html", "a")])
            .write(&a, &comment)
            .unwrap();
        sink_with(&[("a.html", "a"), ("z/b.html", "b")])
            .write(&b, &comment)
            .unwrap();
        assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
        let mut z = zip::ZipArchive::new(fs::File::open(&a).unwrap()).unwrap();
        let names: Vec<String> = z.file_names().map(str::to_owned).collect();
        assert_eq!(names, ["a.html", "z/", "z/b.html"]);
        let mut text = String::new();
        z.by_name("z/b.html")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "b");
        assert_eq!(inspect(&a).unwrap(), Existing::Ours);
        // Nothing left beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn tells_foreign_files_and_folders_from_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let other = dir.path().join("other.zip");
        fs::write(&other, "not a zip").unwrap();
        assert_eq!(inspect(&other).unwrap(), Existing::Foreign);
        assert_eq!(inspect(dir.path()).unwrap(), Existing::NotAFile);
        assert_eq!(
            inspect(&dir.path().join("none.zip")).unwrap(),
            Existing::Missing
        );
    }

    #[test]
    fn refuses_paths_out_of_the_package() {
        let sink = ZipSink::new();
        assert!(sink.put(OutFile::bytes("../x", "x")).is_err());
        assert!(sink.put(OutFile::bytes("/x", "x")).is_err());
    }
}
