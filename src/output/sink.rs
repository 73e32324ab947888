//! Where rendered files go. A [`Sink`] takes finished files and streams
//! large ones; rendering hands it files from many threads at once. The
//! sinks: a staging folder on disk ([`crate::output::Staging`]), memory
//! ([`Memory`], for `serve` and tests), none ([`Discard`], for `check`), and
//! a zip ([`crate::output::zip::ZipSink`]). They are output's, not render's,
//! so that output imports nothing of the renderer that uses it.

use std::io::{self, Read, Seek};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
use crate::output::OutFile;

/// A file the sink could not take, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkError {
    /// The output path.
    pub path: String,
    /// What failed, in words.
    pub message: String,
}

impl From<SinkError> for Diagnostic {
    fn from(e: SinkError) -> Diagnostic {
        Diagnostic::path_error(e.path, format!("cannot write: {}", e.message))
            .with_note("check that the output folder can be written, and that its disk has room")
    }
}

/// Where the files of an edition go.
pub trait Sink: Sync {
    /// Takes one file (called from many threads).
    fn put(&self, file: OutFile) -> Result<(), SinkError>;

    /// Takes a file too large to build in memory first: `fill` writes it.
    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), SinkError>;
}

/// Keeps every file in memory.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<Vec<OutFile>>,
}

impl Memory {
    /// An empty sink.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// The paths taken so far, sorted, each once.
    pub fn paths(&self) -> Vec<String> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let mut paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// The files taken, sorted by path (the first of two with one path).
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        files
    }
}

impl Sink for Memory {
    fn put(&self, file: OutFile) -> Result<(), SinkError> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), SinkError> {
        let bytes = fill_exactly(fill).map_err(|e| SinkError {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        self.put(OutFile::bytes(path, bytes))
    }
}

/// What `fill` writes, in a buffer of its exact size. It goes through a
/// temporary file first: grown in memory, a buffer held up to twice its
/// size while it was made, and the print view of a large course is a
/// hundred megabytes (see bench/README.md, "serve"). Without a temporary
/// folder to write to, the buffer grows in memory as before.
fn fill_exactly(fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let Ok(file) = tempfile::tempfile() else {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        return Ok(bytes);
    };
    let mut temp = io::BufWriter::new(file);
    fill(&mut temp)?;
    let mut file = temp.into_inner().map_err(|e| e.into_error())?;
    let len = file.stream_position()?;
    file.rewind()?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).map_err(io::Error::other)?);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Puts every file under a folder of another sink: one language's edition
/// under `en/` of the site.
pub struct Prefixed<'a> {
    /// Where the files go.
    pub inner: &'a dyn Sink,
    /// The folder, ending in `/`.
    pub prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn put(&self, mut file: OutFile) -> Result<(), SinkError> {
        file.path = format!("{}{}", self.prefix, file.path);
        self.inner.put(file)
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), SinkError> {
        self.inner.stream(&format!("{}{path}", self.prefix), fill)
    }
}

/// Takes every file and keeps none: `check`, and a build with errors,
/// render the templates only for the problems they report.
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutFile) -> Result<(), SinkError> {
        Ok(())
    }

    /// A streamed file (print view, search index) is not made at all:
    /// its template is rendered before it is streamed, and filling it in
    /// can fail only in writing, which nothing here does.
    fn stream(
        &self,
        _path: &str,
        _fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), SinkError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Content;

    #[test]
    fn memory_keeps_files_sorted_and_streams_into_bytes() {
        let sink = Memory::new();
        sink.put(OutFile::bytes("b.html", "b")).unwrap();
        sink.stream("a.js", &mut |w| w.write_all(b"streamed"))
            .unwrap();
        let files = sink.into_files();
        assert_eq!(files[0].path, "a.js");
        assert_eq!(files[0].content, Content::Bytes(b"streamed".to_vec()));
        assert_eq!(files[1].path, "b.html");
    }

    #[test]
    fn a_streamed_file_is_kept_at_its_exact_size() {
        // Written in pieces larger than a write buffer, as the print view is.
        let piece = "<p>sivu – äö</p>".repeat(1000);
        let bytes = fill_exactly(&mut |w| {
            for _ in 0..20 {
                w.write_all(piece.as_bytes())?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(bytes, piece.repeat(20).into_bytes());
        assert_eq!(bytes.capacity(), bytes.len());
    }

    #[test]
    fn a_failed_stream_names_its_path() {
        let sink = Memory::new();
        let err = sink
            .stream("x", &mut |_| Err(io::Error::other("full")))
            .unwrap_err();
        let d: Diagnostic = err.into();
        assert_eq!(d.location, crate::diagnostics::Location::Path("x".into()));
        assert_eq!(d.message, "cannot write: full");
    }
}
