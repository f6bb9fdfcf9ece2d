//! Child processes for the lessons' parent/child demos: fork, wait, and no zombie left behind.

use std::fmt;
use std::io::Write;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};

use crate::error::{IpcError, Result};
use crate::text::text_with;

/// How a child ended, as `waitpid` tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildEnd {
    Exited(i32),
    Signaled { signal: Signal, core_dumped: bool },
}

impl fmt::Display for ChildEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChildEnd::Exited(code) => f.write_str(&text_with("core.child.exited", &[code])),
            ChildEnd::Signaled { signal, .. } => {
                f.write_str(&text_with("core.child.killed", &[&signal.as_str()]))
            }
        }
    }
}

/// A forked child. Dropping it without waiting kills it (SIGKILL) and reaps it, so no
/// zombie or orphan survives an early return.
#[derive(Debug)]
pub struct Child {
    pid: Pid,
    reaped: bool,
}

/// Forks; the child runs `body` and leaves with `_exit(code)` (after flushing its output),
/// so it never returns into the parent's code nor runs the parent's cleanup guards.
/// A panic in the child becomes exit status 101.
pub fn fork_child(body: impl FnOnce() -> i32) -> Result<Child> {
    // Anything buffered now would otherwise be printed twice, once by each process.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: the lesson programs are single-threaded when they fork, so the child cannot
    // inherit a lock held by another thread; it leaves through _exit below.
    match unsafe { fork() } {
        Err(e) => Err(IpcError::sys("fork()", e)),
        Ok(ForkResult::Parent { child }) => Ok(Child {
            pid: child,
            reaped: false,
        }),
        Ok(ForkResult::Child) => {
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(101);
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            // SAFETY: _exit ends the process without running the parent's atexit handlers or
            // destructors, which belong to the parent.
            unsafe { libc::_exit(code) }
        }
    }
}

fn decode(status: WaitStatus) -> Option<ChildEnd> {
    match status {
        WaitStatus::Exited(_, code) => Some(ChildEnd::Exited(code)),
        WaitStatus::Signaled(_, signal, core_dumped) => Some(ChildEnd::Signaled {
            signal,
            core_dumped,
        }),
        _ => None,
    }
}

impl Child {
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// Blocks until the child ends.
    pub fn wait(mut self) -> Result<ChildEnd> {
        loop {
            match waitpid(self.pid, None) {
                Ok(status) => {
                    if let Some(end) = decode(status) {
                        self.reaped = true;
                        return Ok(end);
                    }
                }
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(IpcError::sys(format!("waitpid({})", self.pid), e)),
            }
        }
    }

    /// Waits at most `limit`; `None` if the child is still running (it is then still ours).
    pub fn wait_timeout(&mut self, limit: Duration) -> Result<Option<ChildEnd>> {
        let start = Instant::now();
        loop {
            match waitpid(self.pid, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::StillAlive) => {}
                Ok(status) => {
                    if let Some(end) = decode(status) {
                        self.reaped = true;
                        return Ok(Some(end));
                    }
                }
                Err(Errno::EINTR) => {}
                Err(e) => return Err(IpcError::sys(format!("waitpid({})", self.pid), e)),
            }
            if start.elapsed() >= limit {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits for the child while watching for Ctrl-C (see `interrupt::install`): returns the
    /// "interrupted" error for `what` once a signal was caught, and after `limit` (if any)
    /// kills the child and says so. Either way the child is killed and reaped (Drop).
    pub fn wait_interruptibly(mut self, what: &str, limit: Option<Duration>) -> Result<ChildEnd> {
        let start = Instant::now();
        loop {
            if let Some(end) = self.wait_timeout(Duration::from_millis(50))? {
                return Ok(end);
            }
            crate::interrupt::check(what)?;
            if limit.is_some_and(|limit| start.elapsed() > limit) {
                let pid = self.pid();
                self.kill()?;
                return Err(IpcError::refused(
                    format!("process {pid}"),
                    crate::text::text("core.child.too-slow"),
                ));
            }
        }
    }

    /// Sends `signal` to the child.
    pub fn signal(&self, signal: Signal) -> Result<()> {
        kill(self.pid, signal)
            .map_err(|e| IpcError::sys(format!("kill({}, {})", self.pid, signal.as_str()), e))
    }

    /// SIGKILL and reap: how a runaway child ends.
    pub fn kill(mut self) -> Result<ChildEnd> {
        let _ = kill(self.pid, Signal::SIGKILL);
        let end = self.wait_timeout(Duration::from_secs(5))?;
        self.reaped = true;
        Ok(end.unwrap_or(ChildEnd::Signaled {
            signal: Signal::SIGKILL,
            core_dumped: false,
        }))
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = kill(self.pid, Signal::SIGKILL);
            let _ = waitpid(self.pid, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_and_signal_are_reported() {
        assert_eq!(
            fork_child(|| 7).unwrap().wait().unwrap(),
            ChildEnd::Exited(7)
        );
        let end = fork_child(|| {
            let _ = kill(Pid::this(), Signal::SIGUSR1);
            0
        })
        .unwrap()
        .wait()
        .unwrap();
        assert!(
            matches!(
                end,
                ChildEnd::Signaled {
                    signal: Signal::SIGUSR1,
                    ..
                }
            ),
            "{end:?}"
        );
        assert_eq!(end.to_string(), "was killed by SIGUSR1");
    }

    #[test]
    fn dropped_child_is_killed_and_reaped() {
        let child = fork_child(|| {
            std::thread::sleep(Duration::from_secs(30));
            0
        })
        .unwrap();
        let pid = child.pid();
        drop(child);
        // Reaped: the pid no longer names a child of ours.
        assert_eq!(
            waitpid(pid, Some(WaitPidFlag::WNOHANG)).unwrap_err(),
            Errno::ECHILD
        );
    }

    #[test]
    fn wait_timeout_returns_none_while_running() {
        let mut child = fork_child(|| {
            std::thread::sleep(Duration::from_secs(30));
            0
        })
        .unwrap();
        assert_eq!(child.wait_timeout(Duration::from_millis(20)).unwrap(), None);
        let end = child.kill().unwrap();
        assert!(matches!(
            end,
            ChildEnd::Signaled {
                signal: Signal::SIGKILL,
                ..
            }
        ));
    }
}
