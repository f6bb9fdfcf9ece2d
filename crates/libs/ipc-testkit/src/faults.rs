//! Conditions a test makes so that a program meets a fault at a known moment: a stdout that
//! blocks its first write (so the test acts while the program waits there), and a private
//! mount namespace (a tiny /dev/shm, /dev/mqueue unmounted) that no other process sees.

use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, OwnedFd};
use std::process::{Command, Stdio};

use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::unistd::pipe;

/// A pipe whose buffer is already full: a program given `write_end` as stdout blocks at its
/// first print until the test drains `read_end`. Panics if it cannot be made.
pub struct FullPipe {
    pub read_end: File,
    pub write_end: OwnedFd,
}

impl FullPipe {
    pub fn new() -> Self {
        let (read_end, write_end) = pipe().expect("pipe");
        // Filled without blocking, then made blocking again for the program.
        fcntl(write_end.as_fd(), FcntlArg::F_SETFL(OFlag::O_NONBLOCK)).expect("fcntl");
        let mut filler = File::from(write_end.try_clone().expect("dup"));
        let chunk = [b'.'; 4096];
        while filler.write(&chunk).is_ok() {}
        fcntl(write_end.as_fd(), FcntlArg::F_SETFL(OFlag::empty())).expect("fcntl");
        FullPipe {
            read_end: File::from(read_end),
            write_end,
        }
    }

    /// The write end, for `Command::stdout`.
    pub fn stdout(&self) -> Stdio {
        Stdio::from(self.write_end.try_clone().expect("dup"))
    }

    /// Reads everything until every writer has closed its end (the program has ended):
    /// what it printed, after the filler.
    pub fn drain(self) -> String {
        use std::io::Read;
        drop(self.write_end);
        let mut all = Vec::new();
        let mut read_end = self.read_end;
        read_end.read_to_end(&mut all).expect("read the pipe");
        let text = String::from_utf8_lossy(&all).into_owned();
        text.trim_start_matches('.').to_string()
    }
}

impl Default for FullPipe {
    fn default() -> Self {
        Self::new()
    }
}

/// `sh -c SCRIPT` in a private mount namespace (`unshare --mount`, mounts private), so the
/// script may mount over /dev/shm or /dev/mqueue for itself alone. As root that needs only
/// the mount namespace; an ordinary user gets a user namespace too (`--map-root-user`),
/// where it is root over its own mounts. `$0` in the script is `program` and `"$@"` the
/// `args`. Panics, failing the test, when this machine allows neither.
pub fn in_private_mounts(script: &str, program: &std::path::Path, args: &[&str]) -> Command {
    let root = nix::unistd::geteuid().is_root();
    let unshare = |check: bool| {
        let mut cmd = Command::new("unshare");
        if !root {
            cmd.args(["--user", "--map-root-user"]);
        }
        cmd.args(["--mount", "--propagation", "private", "sh", "-c"]);
        if check {
            cmd.arg("mount -t tmpfs none /tmp");
        } else {
            cmd.arg(script).arg(program).args(args);
        }
        cmd
    };
    let probe = unshare(true).output();
    match probe {
        Ok(out) if out.status.success() => {}
        other => panic!(
            "cannot make a private mount namespace here (unshare{}): {other:?}",
            if root { "" } else { " --user" }
        ),
    }
    unshare(false)
}
