//! One build at a time into one output folder, and nothing left beside it.
//!
//! A lock file beside the destination (`.NAME.kurssi-lock`, holding the
//! builder's process id) keeps two builds from mixing their files: a second
//! build waits for the first. A lock whose process is gone is stale and is
//! taken over. Once it holds the lock, a build removes the staging and old
//! folders that earlier kurssi runs left when they were killed: recognised
//! by kurssi's marker inside them and by a process id that is no longer
//! running, never by name alone.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::guard::MARKER;

/// How long a build waits for another build into the same folder.
const WAIT: Duration = Duration::from_secs(600);

/// The lock on an output folder; released when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        super::stop::forget(&self.path);
    }
}

/// The folder beside `dest` where its lock, staging and old folders live,
/// and `dest`'s own name.
pub fn beside(dest: &Path) -> (PathBuf, String) {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    (parent, name)
}

impl Lock {
    /// Takes the lock on `dest`, waiting while another live kurssi holds
    /// it (saying so once); `waiting` is told the other's process id.
    pub fn take(dest: &Path, waiting: &mut dyn FnMut(u32)) -> io::Result<Lock> {
        let (parent, name) = beside(dest);
        fs::create_dir_all(&parent)?;
        let path = parent.join(format!(".{name}.kurssi-lock"));
        let started = Instant::now();
        let mut told = false;
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut file) => {
                    writeln!(file, "{}", std::process::id())?;
                    super::stop::remove_if_stopped(&path);
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path)
                        .ok()
                        .and_then(|t| t.trim().parse::<u32>().ok());
                    match holder {
                        Some(pid) if is_running(pid) && pid != std::process::id() => {
                            if !told {
                                waiting(pid);
                                told = true;
                            }
                            if started.elapsed() > WAIT {
                                return Err(io::Error::new(
                                    io::ErrorKind::WouldBlock,
                                    format!(
                                        "another kurssi (process {pid}) has been building into this folder for {} minutes; \
                                         stop it, or remove {} if it is not running",
                                        WAIT.as_secs() / 60,
                                        path.display()
                                    ),
                                ));
                            }
                            std::thread::sleep(Duration::from_millis(100));
                        }
                        // A stale lock (its process is gone), or one being
                        // written this instant (no id yet): a lock with no
                        // id after a moment is stale too.
                        None if fresh(&path) => std::thread::sleep(Duration::from_millis(50)),
                        _ => {
                            let _ = fs::remove_file(&path);
                        }
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// Whether a file was changed in the last second.
fn fresh(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < Duration::from_secs(1)))
}

/// Whether a process with this id is running. Where the system cannot
/// tell (no `/proc`), a process counts as running: leaving a folder behind
/// is better than removing one in use.
pub fn is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Removes the folders beside `dest` that earlier kurssi runs left: named
/// `.NAME.kurssi-new-PID`, `.NAME.kurssi-old-PID` (or `...-stopped`),
/// holding kurssi's marker, with a process id that is not running. Returns
/// how many were removed.
pub fn remove_leftovers(dest: &Path) -> usize {
    let (parent, name) = beside(dest);
    let Ok(entries) = fs::read_dir(&parent) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&file_name, &name) else {
            continue;
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let marked = fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file());
        if is_dir && marked && !is_running(pid) && fs::remove_dir_all(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in the name of a leftover folder of output `name`.
fn leftover_pid(file_name: &str, name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(&format!(".{name}.kurssi-"))?;
    let rest = rest
        .strip_prefix("new-")
        .or_else(|| rest.strip_prefix("old-"))?;
    let digits = rest.strip_suffix("-stopped").unwrap_or(rest);
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id that is not running: above the kernel's largest.
    const DEAD: u32 = 4_194_305;

    #[test]
    fn leftover_names() {
        assert_eq!(leftover_pid(".book.kurssi-new-42", "book"), Some(42));
        assert_eq!(
            leftover_pid(".book.kurssi-old-42-stopped", "book"),
            Some(42)
        );
        assert_eq!(leftover_pid(".book.kurssi-lock", "book"), None);
        assert_eq!(leftover_pid(".site.kurssi-new-42", "book"), None);
        assert_eq!(leftover_pid(".book.kurssi-new-x", "book"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_marked_folders_of_dead_runs_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("book");
        let make = |name: &str, marked: bool| {
            let dir = tmp.path().join(name);
            fs::create_dir(&dir).unwrap();
            fs::write(dir.join("index.html"), "x").unwrap();
            if marked {
                fs::write(dir.join(MARKER), "").unwrap();
            }
            dir
        };
        let dead = make(&format!(".book.kurssi-new-{DEAD}"), true);
        let unmarked = make(&format!(".book.kurssi-old-{DEAD}"), false);
        let alive = make(&format!(".book.kurssi-new-{}", std::process::id()), true);
        let other = make(&format!(".site.kurssi-new-{DEAD}"), true);
        assert_eq!(remove_leftovers(&dest), 1);
        assert!(!dead.exists());
        assert!(unmarked.exists() && alive.exists() && other.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_stale_lock_is_taken_over_and_a_lock_is_released() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("book");
        let lock_file = tmp.path().join(".book.kurssi-lock");
        fs::write(&lock_file, format!("{DEAD}\n")).unwrap();
        let mut waited = false;
        let lock = Lock::take(&dest, &mut |_| waited = true).unwrap();
        assert!(!waited);
        assert_eq!(
            fs::read_to_string(&lock_file).unwrap().trim(),
            std::process::id().to_string()
        );
        drop(lock);
        assert!(!lock_file.exists());
    }
}
