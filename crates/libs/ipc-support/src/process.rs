//! Child processes for the lessons' parent/child demos: fork, wait, and no zombie left behind.

use std::fmt;
use std::io::Write;
use std::time::{Duration, Instant};

use ipc_text::t;
use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid};

use crate::call;
use crate::error::{Context, IpcError, Result};

/// How a child ended, as `waitpid` tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildEnd {
    Exited(i32),
    Signaled { signal: Signal, core_dumped: bool },
}

impl fmt::Display for ChildEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChildEnd::Exited(code) => f.write_str(&t!("core-child-exited", status = code)),
            ChildEnd::Signaled { signal, .. } => {
                f.write_str(&t!("core-child-killed", signal = signal.as_str()))
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
/// and is killed (SIGKILL) if the parent dies first,
/// so it never returns into the parent's code nor runs the parent's cleanup guards.
/// A panic in the child becomes exit status 101. The process must have one thread
/// (ipc-sys `fork` refuses with EDEADLK otherwise).
pub fn fork_child(body: impl FnOnce() -> i32) -> Result<Child> {
    // Anything buffered now would otherwise be printed twice, once by each process.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    let parent = nix::unistd::getpid();
    match ipc_sys::process::fork().context(|| call!("fork"))? {
        ForkResult::Parent { child } => Ok(Child {
            pid: child,
            reaped: false,
        }),
        ForkResult::Child => {
            ipc_sys::signal::forget_caught();
            // The child ends with its parent, even one killed by SIGKILL, whose cleanup
            // never runs: a racing or deadlocked child must not run on alone. SIGKILL, since
            // a child may have inherited the parent's SIGTERM handler and never look at it.
            // If the parent is already gone, the prctl came too late: leave now.
            if nix::sys::prctl::set_pdeathsig(Signal::SIGKILL).is_err()
                || nix::unistd::getppid() != parent
            {
                ipc_sys::unistd::_exit(128 + Signal::SIGKILL as i32)
            }
            let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(101);
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            ipc_sys::unistd::_exit(code)
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

    /// Hands the child over to a caller that reaps it itself (a tracer's own waitpid
    /// loop): from now on nothing here kills or waits for it.
    pub fn into_pid(mut self) -> Pid {
        self.reaped = true;
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
                Err(e) => return Err(e).context(|| call!("waitpid", self.pid)),
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
                Err(e) => return Err(e).context(|| call!("waitpid", self.pid)),
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
                    ipc_text::t!("core-child-too-slow"),
                ));
            }
        }
    }

    /// Polls the child's /proc/PID/status for at most `limit` until it is asleep in the
    /// kernel (`State: S`), and returns what /proc shows then, with its wchan (the kernel
    /// function it sleeps in). None when it ended, or never slept, meanwhile. How a demo
    /// shows that a call blocks: the child makes the call, this sees it wait.
    pub fn wait_until_asleep(&self, limit: Duration) -> Option<Asleep> {
        // A process that is about to sleep already shows S while it is still on its CPU,
        // and then wchan says 0: wait until wchan names the function, or until S has held
        // long enough to be a real sleep on a kernel that names nothing.
        const STEADY: u32 = 50;
        let start = Instant::now();
        let mut asleep_for = 0;
        loop {
            let state = proc_state(self.pid)?;
            if state.starts_with('S') {
                asleep_for += 1;
                let wchan = std::fs::read_to_string(format!("/proc/{}/wchan", self.pid))
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                if !matches!(wchan.as_str(), "" | "0") || asleep_for >= STEADY {
                    return Some(Asleep { state, wchan });
                }
            } else {
                asleep_for = 0;
            }
            if state.starts_with('Z') || start.elapsed() >= limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Sends `signal` to the child.
    pub fn signal(&self, signal: Signal) -> Result<()> {
        kill(self.pid, signal).context(|| call!("kill", self.pid, signal))
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

/// A page of anonymous shared memory for the processes of a demo to coordinate through
/// (start flags, counters, tallies): not the lesson's object, which a demo makes with the
/// lesson's own calls. A child forked after this shares it.
pub fn coordination_page() -> Result<ipc_sys::mman::Mapping> {
    use nix::sys::mman::{MapFlags, ProtFlags};
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let flags = MapFlags::MAP_SHARED;
    ipc_sys::mman::mmap_anonymous(4096, prot, flags)
        .context(|| call!("mmap", 4096, prot, flags | MapFlags::MAP_ANONYMOUS))
}

/// A process asleep in the kernel, as /proc/PID shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asleep {
    /// The `State:` line's value: `S (sleeping)`.
    pub state: String,
    /// /proc/PID/wchan: the kernel function the process waits in (`0` or empty when this
    /// kernel does not say).
    pub wchan: String,
}

impl Asleep {
    /// The wchan to show: the kernel's function, or a sentence saying this kernel names none.
    pub fn wchan_shown(&self) -> String {
        match self.wchan.as_str() {
            "" | "0" => ipc_text::t!("core-wchan-unnamed"),
            named => named.to_string(),
        }
    }
}

/// The `State:` of /proc/PID/status (`R (running)`, `S (sleeping)`…); None once the
/// process is gone.
pub fn proc_state(pid: Pid) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("State:"))
        .map(|v| v.trim().to_string())
}

impl Drop for Child {
    fn drop(&mut self) {
        if !self.reaped {
            let _ = kill(self.pid, Signal::SIGKILL);
            let _ = waitpid(self.pid, None);
        }
    }
}
