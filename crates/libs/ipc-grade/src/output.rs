//! Where the grader writes its results, checked before any grading starts: finding out
//! after minutes of grading that `--output` cannot be written would throw the grades away.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use ipc_support::{IpcError, Result};
use ipc_text::t;

use super::safe_text::one_line;

/// Refuses, in one line, a file that cannot be written: its folder is missing or read-only,
/// or it is a folder itself. Nothing is left behind by the check; an existing file is not
/// changed.
pub fn check_writable_file(option: &str, path: &Path) -> Result<()> {
    let refuse = |why: String| {
        IpcError::refused(
            format!("{option} {}", one_line(&path.display().to_string())),
            why,
        )
    };
    if path.is_dir() {
        return Err(refuse(t!("grade-output-is-a-directory")));
    }
    if path.exists() {
        OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| refuse(t!("grade-output-cannot-write-it", why = e)))?;
    }
    // The file is written through a temporary file beside it and a rename, so its folder
    // must take a new file.
    probe_folder(&folder_of(path))
        .map_err(|e| refuse(t!("grade-output-cannot-write-there", why = e)))
}

/// Creates `dir` if needed and refuses it, in one line, when no file can be written in it.
pub fn prepare_writable_dir(option: &str, dir: &Path) -> Result<()> {
    let refuse = |why: String| {
        IpcError::refused(
            format!("{option} {}", one_line(&dir.display().to_string())),
            why,
        )
    };
    if dir.exists() && !dir.is_dir() {
        return Err(refuse(t!("grade-output-not-a-directory")));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| refuse(t!("grade-output-cannot-create-it", why = e)))?;
    probe_folder(dir).map_err(|e| refuse(t!("grade-output-cannot-write-there", why = e)))
}

/// The folder a file name is in ("." for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn probe_folder(dir: &Path) -> std::io::Result<()> {
    // A name no other writer uses (a check left by a killed grader is overwritten).
    let probe = dir.join(format!(".ipc-lab-write-check-{}", std::process::id()));
    let _ = std::fs::remove_file(&probe);
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)
}
