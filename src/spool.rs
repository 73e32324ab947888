//! Page HTML set aside in a temporary file during a one-off build. Every
//! page's HTML is made by the Markdown stage and read again by the page
//! templates and the print view, after the checks that need every page:
//! held in memory all that time, it was the larger part of a large build's
//! peak memory (see bench/README.md). The file lies in the system's
//! temporary folder and is removed as soon as it is opened (on Windows, the
//! system removes it when it is closed), so nothing is left behind, however
//! the build ends.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

/// Where one text is in the spool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spooled {
    at: u64,
    len: usize,
}

/// A temporary file that texts are appended to and read back from, from
/// many threads.
#[derive(Debug)]
pub struct Spool {
    /// The file and its length.
    file: Mutex<(File, u64)>,
}

impl Spool {
    /// A new, empty spool in the system's temporary folder.
    pub fn new() -> io::Result<Spool> {
        Spool::new_in(&std::env::temp_dir())
    }

    /// A new, empty spool in `dir`: a file without a name there (or whose
    /// name goes as soon as it is made), which the system removes when it
    /// is closed, however the process ends.
    pub fn new_in(dir: &Path) -> io::Result<Spool> {
        Ok(Spool {
            file: Mutex::new((tempfile::tempfile_in(dir)?, 0)),
        })
    }

    /// Appends `text`; says where it is.
    pub fn put(&self, text: &str) -> io::Result<Spooled> {
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, end) = &mut *guard;
        let at = *end;
        file.seek(SeekFrom::Start(at))?;
        file.write_all(text.as_bytes())?;
        *end += text.len() as u64;
        Ok(Spooled {
            at,
            len: text.len(),
        })
    }

    /// Reads back a text put in.
    pub fn get(&self, spooled: Spooled) -> io::Result<String> {
        let mut bytes = vec![0; spooled.len];
        {
            let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
            let (file, _) = &mut *guard;
            file.seek(SeekFrom::Start(spooled.at))?;
            file.read_exact(&mut bytes)?;
        }
        String::from_utf8(bytes).map_err(io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_as_they_were_put_in_from_many_threads() {
        let spool = Spool::new().unwrap();
        let texts: Vec<String> = (0..200)
            .map(|i| format!("<p>sivu {i} – äö</p>").repeat(i % 7))
            .collect();
        let spooled: Vec<Spooled> = std::thread::scope(|s| {
            let handles: Vec<_> = texts
                .chunks(50)
                .map(|chunk| {
                    s.spawn(|| {
                        chunk
                            .iter()
                            .map(|t| spool.put(t).unwrap())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        for (text, at) in texts.iter().zip(&spooled).rev() {
            assert_eq!(&spool.get(*at).unwrap(), text);
        }
    }

    #[test]
    fn the_file_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let spool = Spool::new_in(dir.path()).unwrap();
        let at = spool.put("x").unwrap();
        let names = || std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(names(), 0, "no name in the folder while it is used");
        assert_eq!(spool.get(at).unwrap(), "x");
        drop(spool);
        assert_eq!(names(), 0);
    }
}
