//! A build stopped by SIGINT or SIGTERM (Ctrl-C, or CI cancelling a job)
//! leaves nothing behind: the staging folder is removed, the old output is
//! left exactly as it was, one line says so, and the process exits with the
//! usual status for the signal (130, 143).
//!
//! The signal only sets a flag; a watcher thread does the cleaning, after
//! taking the same lock that [`critical`] holds while the old output is
//! swapped for the new one, so a stop never lands between the two renames.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Folders to remove when the build is stopped, and the lock of the swap.
static CLEANUP: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Set once the build is being stopped: no file is written after it.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Whether the build is being stopped (writers check it before each file,
/// so that none recreates a folder that is being removed).
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// What the build is writing into, for the one line printed when stopped.
static DEST: OnceLock<PathBuf> = OnceLock::new();

/// Makes SIGINT and SIGTERM stop the build cleanly from now on (once per
/// process; later calls do nothing). `dest` is the output folder.
pub fn install(dest: &Path) {
    if DEST.set(dest.to_path_buf()).is_err() {
        return;
    }
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Without the handler the default (exit at once) still holds, and
        // the next build removes what this one left (see `leftovers`).
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize);
    }
    std::thread::spawn(move || loop {
        let sig = signal.load(Ordering::SeqCst);
        if sig != 0 {
            stop(sig as i32);
        }
        std::thread::sleep(Duration::from_millis(20));
    });
}

/// Removes what the build made and exits with status 128 + `signal`.
fn stop(signal: i32) -> ! {
    STOPPING.store(true, Ordering::SeqCst);
    // Waits for a swap in progress to finish.
    let folders = CLEANUP.lock().unwrap_or_else(|e| e.into_inner());
    // Files being written this instant land before the folders go.
    std::thread::sleep(Duration::from_millis(50));
    for folder in folders.iter() {
        remove_now(folder);
    }
    let name = if signal == signal_hook::consts::SIGINT {
        "Ctrl-C (SIGINT)"
    } else {
        "SIGTERM"
    };
    let dest = DEST
        .get()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    eprintln!("kurssi: stopped by {name}; nothing was written, {dest} is as it was");
    std::process::exit(128 + signal);
}

/// Removes a folder that other threads may still be writing into: renamed
/// first, so that their next file cannot land in it, then deleted.
fn remove_now(folder: &Path) {
    if folder.is_file() {
        let _ = std::fs::remove_file(folder);
        return;
    }
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let gone = folder.with_file_name(format!("{name}-stopped"));
    let target = if std::fs::rename(folder, &gone).is_ok() {
        gone
    } else {
        folder.to_path_buf()
    };
    for _ in 0..5 {
        if std::fs::remove_dir_all(&target).is_ok() || !target.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Remembers a folder (or the lock file) to remove if the build is stopped.
pub fn remove_if_stopped(folder: &Path) {
    CLEANUP
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(folder.to_path_buf());
}

/// Forgets a folder: it was committed or removed.
pub fn forget(folder: &Path) {
    CLEANUP
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|f| f != folder);
}

/// Runs `f` (the swap of the old output for the new) without a stop in
/// the middle of it: a signal that arrives meanwhile is acted on after.
/// `f` gets the folders to remove if stopped, to change them as it goes.
pub fn critical<T>(f: impl FnOnce(&mut Vec<PathBuf>) -> T) -> T {
    let mut folders = CLEANUP.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut folders)
}
