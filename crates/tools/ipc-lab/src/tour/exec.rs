//! Runs one lesson program for the tour: its stdout and stderr go through one pipe (so
//! their lines keep their order), are shown live, indented, and kept for the checks. The
//! program runs in its own process group, so a timeout or Ctrl-C reaches every process it
//! forked.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ipc_support::{IpcError, interrupt};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// The longest a step may run before the tour stops it.
pub const STEP_LIMIT: Duration = Duration::from_secs(30);
/// How long a program has to clean up after Ctrl-C before it is killed.
const GRACE: Duration = Duration::from_secs(3);
const POLL: Duration = Duration::from_millis(10);
/// How each output line is indented under the command.
pub const GUTTER: &str = "    │ ";

/// How a program ended and what it printed.
#[derive(Debug)]
pub struct Outcome {
    /// The exit status; None when a signal ended it.
    pub status: Option<i32>,
    pub signal: Option<i32>,
    pub timed_out: bool,
    pub output: String,
}

/// Runs `program ARGS` with `envs` set, streaming its output when `show`; stops it after
/// `STEP_LIMIT`.
pub fn run(
    program: &Path,
    args: &[String],
    envs: &[(&str, String)],
    show: bool,
) -> ipc_support::Result<Outcome> {
    let call = format!("run {}", program.display());
    let (read, write) = nix::unistd::pipe().map_err(|e| IpcError::sys("pipe()", e))?;
    let write2 = write
        .try_clone()
        .map_err(|e| IpcError::refused("dup(pipe)", e.to_string()))?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::from(write))
        .stderr(Stdio::from(write2))
        .process_group(0);
    // A tour killed outright (SIGKILL skips its cleanup) takes its step with it; SIGTERM
    // lets the step's program remove what it made, as on Ctrl-C.
    ipc_sys::process::die_with_parent(&mut cmd, nix::sys::signal::Signal::SIGTERM);
    let mut child = cmd
        .spawn()
        .map_err(|e| IpcError::refused(&call, e.to_string()))?;
    drop(cmd);
    // The Command (and its copies of the pipe's write end) is gone: EOF comes when the
    // program and everything it forked have closed theirs.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(File::from(read));
        let mut all = String::new();
        let mut line = Vec::new();
        while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
            let text = String::from_utf8_lossy(&line);
            if show {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{GUTTER}{}", text.trim_end_matches(['\n', '\r']));
                let _ = out.flush();
            }
            all.push_str(&text);
            line.clear();
        }
        let _ = tx.send(all);
    });

    let group = Pid::from_raw(
        i32::try_from(child.id()).map_err(|_| IpcError::refused("spawn", "pid out of range"))?,
    );
    let start = Instant::now();
    let mut stop_sent: Option<Instant> = None;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| IpcError::refused(&call, e.to_string()))?
        {
            break status;
        }
        let over_time = start.elapsed() > STEP_LIMIT;
        if stop_sent.is_none() && (over_time || interrupt::received().is_some()) {
            timed_out = over_time;
            let _ = killpg(group, Signal::SIGINT);
            stop_sent = Some(Instant::now());
        }
        if stop_sent.is_some_and(|t| t.elapsed() > GRACE) {
            let _ = killpg(group, Signal::SIGKILL);
        }
        std::thread::sleep(POLL);
    };
    // Whatever the program forked and left running goes with it.
    let _ = killpg(group, Signal::SIGKILL);
    let output = rx.recv_timeout(GRACE).unwrap_or_default();
    Ok(Outcome {
        status: status.code(),
        signal: status.signal(),
        timed_out,
        output,
    })
}
