//! Page HTML set aside in a temporary file during a one-off build. Every
//! page's HTML is made by the Markdown stage and read again by the page
//! templates and the print view, after the checks that need every page:
//! held in memory all that time, it was the larger part of a large build's
//! peak memory (see bench/README.md). The file lies in the system's
//! temporary folder and is removed as soon as it is opened (on Windows, the
//! system removes it when it is closed), so nothing is left behind, however
//! the build ends.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Its path.
    path: PathBuf,
    /// Whether the path is still there (until dropped, where a file that
    /// is open cannot be removed).
    named: bool,
}

impl Spool {
    /// A new, empty spool in the system's temporary folder.
    pub fn new() -> io::Result<Spool> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "kurssi-{}-{}.spool",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(windows)]
        {
            // FILE_FLAG_DELETE_ON_CLOSE: Windows cannot remove an open
            // file's name, but removes the file once it is closed, however
            // the process ends (a build ends without dropping its site).
            use std::os::windows::fs::OpenOptionsExt;
            options.custom_flags(0x0400_0000);
        }
        let file = options.open(&path)?;
        let named = fs::remove_file(&path).is_err();
        Ok(Spool {
            file: Mutex::new((file, 0)),
            path,
            named,
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

impl Drop for Spool {
    fn drop(&mut self) {
        if self.named {
            // Emptied first, in case the name cannot go while the file is
            // open.
            let (file, _) = &mut *self.file.lock().unwrap_or_else(|e| e.into_inner());
            let _ = file.set_len(0);
            let _ = fs::remove_file(&self.path);
        }
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
        let spool = Spool::new().unwrap();
        spool.put("x").unwrap();
        let path = spool.path.clone();
        #[cfg(unix)]
        assert!(!path.exists(), "removed as soon as opened");
        drop(spool);
        assert!(!path.exists());
    }
}
