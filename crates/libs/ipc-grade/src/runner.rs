//! Runs one submitted binary the way a grader must: in its own process group, with a
//! timeout, its output captured (and capped), the whole group killed at the end, and every
//! IPC object it left behind found and removed.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ipc_core::ObjectName;
use ipc_core::sysvipc::{self, SysvKind};
use nix::errno::Errno;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// Bytes of each stream kept for the report; the rest is read and dropped, so a chatty
/// submission can neither block on a full pipe nor fill the grader's memory.
const KEEP: usize = 64 * 1024;

/// How one run ended.
#[derive(Debug)]
pub struct Outcome {
    /// None when the run was killed at its timeout.
    pub status: Option<ExitStatus>,
    pub stdout: String,
    pub stderr: String,
    /// Objects the run left behind, each already removed by the grader.
    pub leaked: Vec<String>,
}

impl Outcome {
    /// Why the run did not end with `expected`, or None if it did.
    pub fn status_problem(&self, expected: i32) -> Option<String> {
        use std::os::unix::process::ExitStatusExt;
        match self.status {
            None => Some("did not finish in time (killed; a deadlock or a missing exit?)".into()),
            Some(s) if s.code() == Some(expected) => None,
            Some(s) => Some(match (s.code(), s.signal()) {
                (Some(101), _) if self.stderr.contains("not yet implemented") => {
                    let what = self
                        .stderr
                        .lines()
                        .find_map(|l| l.split_once("not yet implemented: ").map(|(_, w)| w))
                        .unwrap_or("finish the TODOs");
                    let what = elide_middle(what, 160, 80);
                    format!("not done yet (the stub still reaches todo!()): {what}")
                }
                (Some(101), _) => format!("panicked: {}", first_line(&self.stderr)),
                (Some(code), _) => {
                    let err = first_line(&self.stderr);
                    if err.is_empty() {
                        format!("exit status {code}, expected {expected}")
                    } else {
                        format!("exit status {code}, expected {expected}: {err}")
                    }
                }
                (None, Some(sig)) => format!(
                    "killed by signal {}",
                    Signal::try_from(sig).map(|s| s.as_str()).unwrap_or("?")
                ),
                (None, None) => "ended in an unknown way".to_string(),
            }),
        }
    }
}

/// The first line of `text` that says something, shortened for a report.
pub fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.contains("panicked at"))
        .and_then(|_| {
            text.lines()
                .skip_while(|l| !l.contains("panicked at"))
                .nth(1)
        })
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("");
    shorten(line.trim(), 200)
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}…")
}

/// `text` with its middle replaced by `…` when it is longer than `head + tail` characters:
/// a 60000-byte message quoted in a stub's todo!() must not fill the report, but the end of
/// the line (what to do next) must stay.
pub fn elide_middle(text: &str, head: usize, tail: usize) -> String {
    let count = text.chars().count();
    if count <= head + tail {
        return text.to_string();
    }
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elide_middle_keeps_both_ends() {
        assert_eq!(elide_middle("short", 3, 3), "short");
        let long = format!("send \"{}\" (see the TODOs)", "ab".repeat(30000));
        let got = elide_middle(&long, 20, 16);
        assert_eq!(got.chars().count(), 37);
        assert!(got.starts_with("send \"abab"), "{got}");
        assert!(got.ends_with("(see the TODOs)"), "{got}");
    }
}

/// The named objects a run is told to use, so the grader can look for them afterwards.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// A tag that every POSIX name given to the run contains (found in /dev/shm).
    pub tag: Option<String>,
    /// Message queues the run may create (they are invisible without an mqueue mount).
    pub queues: Vec<ObjectName>,
}

/// A started run: its process group, stdin kept open, stdout arriving line by line.
pub struct Running {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    stdout: String,
    stderr: Receiver<String>,
    names: Names,
    sysv_before: BTreeSet<(SysvKind, i32)>,
}

fn sysv_ids() -> BTreeSet<(SysvKind, i32)> {
    SysvKind::ALL
        .iter()
        .flat_map(|&kind| sysvipc::list(kind).into_iter().map(move |e| (kind, e.id())))
        .collect()
}

fn read_capped(mut from: impl Read) -> String {
    let mut kept = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = KEEP.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

impl Running {
    /// Starts `bin ARGS` in a new process group (its pgid is its pid).
    pub fn start(bin: &Path, args: &[String], names: Names) -> std::io::Result<Running> {
        let sysv_before = sysv_ids();
        let mut child = Command::new(bin)
            .args(args)
            .env("RUST_BACKTRACE", "0")
            .env_remove("IPC_LAB_LANG")
            .process_group(0)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let (line_tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut kept = 0usize;
            let mut line = Vec::new();
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(n) if kept < KEEP => {
                        kept += n;
                        if line_tx
                            .send(String::from_utf8_lossy(&line).into_owned())
                            .is_err()
                        {
                            break;
                        }
                    }
                    Ok(_) => {}
                }
            }
        });
        let (err_tx, stderr_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = err_tx.send(read_capped(stderr));
        });
        Ok(Running {
            stdin: child.stdin.take(),
            child,
            lines,
            stdout: String::new(),
            stderr: stderr_rx,
            names,
            sysv_before,
        })
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(self.child.id() as i32)
    }

    /// Waits until stdout has a line equal to `want` (trimmed); false on timeout or exit.
    pub fn wait_for_line(&mut self, want: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.trim() == want;
                    self.stdout.push_str(&line);
                    if found {
                        return true;
                    }
                }
                Err(_) => return false,
            }
        }
    }

    /// Sends `signal` to the main process only (as `kill PID` would).
    pub fn signal(&self, signal: Signal) {
        let _ = nix::sys::signal::kill(self.pid(), signal);
    }

    /// Closes the run's standard input (it sees end of file).
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the main process at most `limit`, then kills the whole group, collects the
    /// output, and finds and removes what the run left behind.
    pub fn finish(mut self, limit: Duration) -> Outcome {
        let deadline = Instant::now() + limit;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => break None,
            }
        };
        kill_group(self.pid());
        if status.is_none() {
            let _ = self.child.wait();
        }
        self.stdin = None;
        // Readers end when the group's last writer is gone; a process that left the group
        // (setsid) could keep a pipe open, so never wait for them without a limit.
        let drain_until = Instant::now() + Duration::from_secs(2);
        loop {
            let left = drain_until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.stdout.push_str(&line),
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let stderr = self
            .stderr
            .recv_timeout(drain_until.saturating_duration_since(Instant::now()))
            .unwrap_or_default();
        let leaked = self.sweep();
        Outcome {
            status,
            stdout: std::mem::take(&mut self.stdout),
            stderr,
            leaked,
        }
    }

    /// Finds and removes the objects this run left: System V objects made by its process
    /// (or a live member of its group), /dev/shm entries carrying its tag, its queues.
    fn sweep(&self) -> Vec<String> {
        let mut leaked = Vec::new();
        let root = self.pid().as_raw() as u64;
        for kind in SysvKind::ALL {
            for entry in sysvipc::list(kind) {
                if self.sysv_before.contains(&(kind, entry.id())) {
                    continue;
                }
                let ours = entry.number("cpid").is_some_and(|cpid| {
                    cpid == root || process_group(cpid).is_some_and(|g| g == root)
                });
                if ours {
                    let (flag, what) = match kind {
                        SysvKind::SharedMemory => ("-m", "System V segment"),
                        SysvKind::MessageQueue => ("-q", "System V queue"),
                        SysvKind::SemaphoreSet => ("-s", "System V semaphore set"),
                    };
                    let _ = Command::new("ipcrm")
                        .args([flag, &entry.id().to_string()])
                        .stderr(Stdio::null())
                        .status();
                    leaked.push(format!("{what} id {}", entry.id()));
                }
            }
        }
        if let Some(tag) = &self.names.tag {
            if let Ok(dir) = std::fs::read_dir("/dev/shm") {
                for entry in dir.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.contains(tag.as_str()) {
                        let _ = std::fs::remove_file(entry.path());
                        leaked.push(format!("/dev/shm/{name}"));
                    }
                }
            }
        }
        for queue in &self.names.queues {
            if ipc_core::mq::unlink(queue).is_ok() {
                leaked.push(format!("message queue {queue}"));
            }
        }
        leaked
    }
}

/// The process group of a live process, from /proc/PID/stat (field 5).
fn process_group(pid: u64) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(2)?.parse().ok()
}

/// SIGKILL to the whole group, repeated a few times in case a fork was under way while the
/// first was delivered. Killed members may stay zombies until init reaps them, and they
/// still count as members, so this does not wait for ESRCH.
fn kill_group(pgid: Pid) {
    for _ in 0..20 {
        if killpg(pgid, Signal::SIGKILL) == Err(Errno::ESRCH) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Starts and finishes a run in one step.
pub fn run(bin: &Path, args: &[String], names: Names, limit: Duration) -> std::io::Result<Outcome> {
    Ok(Running::start(bin, args, names)?.finish(limit))
}
