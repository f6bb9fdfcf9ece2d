//! Helpers for the tests of every package: scratch directories that remove themselves, and a
//! lock that serializes, across test processes, the tests that use the lesson's fixed names
//! (`tho_mmap`, the key of `./shmfile`), which no unique name can replace.

use std::fs::File;
use std::path::{Path, PathBuf};

use nix::fcntl::{Flock, FlockArg};

use crate::guard::Cleanup;
use crate::key::SysvKey;
use crate::sysv_shm::SysvSegment;
use crate::unique::unique_name;

/// A fresh directory under the system's temp dir, removed with its contents on drop.
#[derive(Debug)]
pub struct ScratchDir {
    path: PathBuf,
}

impl ScratchDir {
    /// Creates `$TMPDIR/PREFIX-PID-N-XXXXX`. Panics if it cannot: it is for tests.
    pub fn new(prefix: &str) -> Self {
        let path = std::env::temp_dir().join(unique_name(prefix));
        std::fs::create_dir(&path)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        ScratchDir { path }
    }

    /// The same, with an empty file `shmfile` inside, for `ftok("./shmfile", 65)`.
    pub fn with_shmfile(prefix: &str) -> Self {
        let dir = Self::new(prefix);
        File::create(dir.path.join("shmfile")).expect("create shmfile");
        dir
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.path.join(name)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Holds the fixed-names lock until dropped.
#[derive(Debug)]
pub struct FixedNamesLock {
    _lock: Flock<File>,
}

/// Waits for, then takes, the lock every test using a lesson's fixed name must hold.
/// It is an `flock` on one file in the temp dir, so it works across test binaries.
pub fn lock_fixed_names() -> FixedNamesLock {
    let path = std::env::temp_dir().join("ipc-lab-fixed-names.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let lock = Flock::lock(file, FlockArg::LockExclusive)
        .unwrap_or_else(|(_, e)| panic!("flock {}: {e}", path.display()));
    FixedNamesLock { _lock: lock }
}

/// A guard that removes whatever System V segment has `key` when dropped (if one does):
/// for tests, where the program under test made the segment.
pub fn remove_sysv_key_on_drop(key: SysvKey) -> Cleanup {
    Cleanup::new(format!("System V segment with key {key}"), move || {
        SysvSegment::open(key)?.remove()
    })
}

/// What a program printed on stderr, checked to be exactly one line and no panic.
/// Panics (failing the test) otherwise.
pub fn single_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr).into_owned();
    assert!(!text.contains("panicked"), "the program panicked: {text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got: {text:?}");
    lines[0].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_dir_goes_away() {
        let dir = ScratchDir::with_shmfile("ipc-core-scratch");
        let p = dir.path().to_path_buf();
        assert!(p.join("shmfile").exists());
        drop(dir);
        assert!(!p.exists());
    }

    #[test]
    fn one_line_is_accepted_two_are_not() {
        assert_eq!(single_line(b"x: failed\n"), "x: failed");
        assert!(std::panic::catch_unwind(|| single_line(b"a\nb\n")).is_err());
    }

    #[test]
    fn lock_can_be_taken_twice_in_turn() {
        drop(lock_fixed_names());
        drop(lock_fixed_names());
    }
}
