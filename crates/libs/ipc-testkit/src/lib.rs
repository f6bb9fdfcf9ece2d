//! ipc-testkit: helpers for the tests of every package (a dev-dependency only, never in a
//! release binary): scratch directories that remove themselves, a lock that serializes,
//! across test processes, the tests that use the lesson's fixed names (`tho_mmap`, the key
//! of `./shmfile`), which no unique name can replace, checks of the one-line error, pressing
//! Ctrl-C on a blocked program ([`ctrl_c`]), leak checks ([`sysv`]), and faults made on
//! purpose: a stdout that blocks, a private mount namespace ([`faults`]).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, call};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::shm::{ShmctlCmd, shmctl, shmget};
use nix::fcntl::{Flock, FlockArg};
use nix::sys::stat::Mode;

pub mod ctrl_c;
pub mod faults;
pub mod shm;
pub mod sysv;

pub use ctrl_c::interrupt_when_blocked;
pub use shm::exists as shm_exists;
/// Named semaphores live in /dev/shm too (as `sem.NAME`).
pub use shm::exists as sem_exists;
pub use sysv::{SysvKind, key_in_use};

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

/// The file whose `flock` is the fixed-names lock. The lesson's names are the machine's, not
/// a user's, so every user's tests share one lock: the file is opened read-only (flock needs no
/// more), so a file another user created serves as well, and whoever creates it makes it
/// readable by all (0644 whatever the umask). An existing file is opened without O_CREAT:
/// fs.protected_regular refuses O_CREAT on another user's file in a sticky /tmp.
fn fixed_names_lock_file() -> File {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::temp_dir().join("ipc-lab-fixed-names.lock");
    loop {
        match File::open(&path) {
            Ok(file) => return file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("cannot open {}: {e}", path.display()),
        }
        match File::options().write(true).create_new(true).open(&path) {
            Ok(file) => {
                file.set_permissions(std::fs::Permissions::from_mode(0o644))
                    .unwrap_or_else(|e| panic!("cannot chmod {}: {e}", path.display()));
                return file;
            }
            // Another test created it in between: open that one.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => panic!("cannot create {}: {e}", path.display()),
        }
    }
}

/// Waits for, then takes, the lock every test using a lesson's fixed name must hold.
/// It is an `flock` on one file in the temp dir, so it works across test binaries.
pub fn lock_fixed_names() -> FixedNamesLock {
    let lock = Flock::lock(fixed_names_lock_file(), FlockArg::LockExclusive)
        .unwrap_or_else(|(_, e)| panic!("flock: {e}"));
    FixedNamesLock { _lock: lock }
}

/// A guard that removes whatever System V segment has `key` when dropped (if one does):
/// for tests, where the program under test made the segment.
pub fn remove_sysv_key_on_drop(key: SysvKey) -> Cleanup {
    Cleanup::new(format!("System V segment with key {key}"), move || {
        let id = shmget(key, 0, IpcFlags::empty(), Mode::empty())
            .context(|| call!("shmget", format!("key {key}")))?;
        shmctl(id, ShmctlCmd::IPC_RMID).context(|| call!("shmctl", id, "IPC_RMID"))
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

/// The one stderr line of a program that must have exited with `code`.
pub fn error_line(out: &Output, code: i32) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit status; stdout: {}; stderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    single_line(&out.stderr)
}

/// Checks usage errors: for each `(arguments, expected)`, `run(arguments)` must exit 2 with
/// one stderr line that starts with `PROGRAM: ` and contains `expected`.
pub fn assert_usage_errors(
    program: &str,
    cases: &[(&[&str], &str)],
    mut run: impl FnMut(&[&str]) -> Output,
) {
    for (bad, expected) in cases {
        let line = error_line(&run(bad), 2);
        assert!(line.starts_with(&format!("{program}: ")), "{bad:?}: {line}");
        assert!(line.contains(expected), "{bad:?}: {line}");
    }
}

/// Checks that a program succeeded and that its stdout (e.g. its `--help`) names each word.
pub fn assert_stdout_mentions(out: &Output, words: &[&str]) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    for word in words {
        assert!(stdout.contains(word), "{word}: {stdout}");
    }
}

/// How a program ended and what it printed, as text.
#[derive(Debug)]
pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Ran {
    fn from(out: Output) -> Self {
        Ran {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Starts `cmd` in the background (stdout and stderr piped) and reads its stdout until a
/// line contains `needle`. Returns the child, the rest of its stdout, and the text read so
/// far. Panics if the program ends first.
// The child goes back to the caller, who waits for it (clippy cannot see that).
#[allow(clippy::zombie_processes)]
pub fn spawn_until_line(
    cmd: &mut Command,
    needle: &str,
) -> (Child, BufReader<ChildStdout>, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {cmd:?}: {e}"));
    let mut out = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let read = out.read_line(&mut line);
        seen.push_str(&line);
        if line.contains(needle) {
            return (child, out, seen);
        }
        if !matches!(read, Ok(n) if n > 0) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the program ended before printing {needle:?} ({read:?}):\n{seen}");
        }
    }
}

/// Waits for `child` to end, at most `patience`; then kills it and panics.
pub fn wait_patiently(child: &mut Child, patience: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            return status;
        }
        if start.elapsed() > patience {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the program did not end within {patience:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// All a child still has to say on stderr (after it ended).
pub fn rest_of_stderr(child: &mut Child) -> String {
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut err);
    }
    err
}

/// Compiles one C program of a test (`source`, linked with -lpthread) into `dir`, under a
/// name of this test process's own; returns the binary. Panics when there is no `cc`.
pub fn compile_c(dir: &Path, name: &str, source: &str) -> PathBuf {
    std::fs::create_dir_all(dir).expect("create the C programs' folder");
    let src = dir.join(format!("{name}.c"));
    std::fs::write(&src, source).expect("write the C source");
    let bin = dir.join(format!("{name}-{}", std::process::id()));
    let status = Command::new("cc")
        .arg("-o")
        .arg(&bin)
        .arg(&src)
        .arg("-lpthread")
        .status()
        .expect("cc: these tests need a C compiler");
    assert!(status.success(), "cc failed on {name}.c");
    bin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_dir_goes_away() {
        let dir = ScratchDir::with_shmfile("ipc-testkit-scratch");
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
    fn the_lock_excludes_while_held_and_is_free_once_dropped() {
        // Another open file description of the lock file stands for another test process.
        let try_other = || Flock::lock(fixed_names_lock_file(), FlockArg::LockExclusiveNonblock);
        let held = lock_fixed_names();
        assert_eq!(
            try_other().map(drop).map_err(|(_, e)| e),
            Err(nix::errno::Errno::EWOULDBLOCK)
        );
        drop(held);
        // Free again: taken at once (a test elsewhere may hold it for a moment, so retry).
        let start = Instant::now();
        while try_other().is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the lock was never released"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
