//! For tests and tours: run a program until it blocks in the kernel, press "Ctrl-C" on it
//! (SIGINT), and collect how it ended. No timing is assumed: the child is watched through
//! /proc until it has a SIGINT handler and sleeps.
//!
//! This is the side that *sends* Ctrl-C, from outside; the programs' own side, catching it
//! and turning EINTR into exit 130, is ipc-support's `interrupt`.

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use ipc_support::{IpcError, Result};

/// True once `pid` catches SIGINT and is sleeping (state S: blocked in a system call).
pub fn blocked_with_handler(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(str::trim)
            .unwrap_or("")
            .to_string()
    };
    let caught = u64::from_str_radix(&field("SigCgt:"), 16).unwrap_or(0);
    // SigCgt is a mask whose bit N-1 stands for signal N; SIGINT is 2.
    let sigint_bit = 1u64 << 1;
    caught & sigint_bit != 0 && field("State:").starts_with('S')
}

/// Spawns `cmd`, waits (at most `patience`) until it blocks with a SIGINT handler, then sends
/// SIGINT until it ends, and returns its status and output.
///
/// SIGINT is repeated because one that lands between the handler's installation and the
/// blocking call is only remembered; the next one interrupts the call. It is sent only while
/// the child is not yet reaped, so the pid cannot name another process.
pub fn interrupt_when_blocked(cmd: &mut Command, patience: Duration) -> Result<Output> {
    // Run from a background job, the child would start with SIGINT ignored.
    ipc_sys::process::default_action(cmd, Signal::SIGINT);
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| IpcError::refused(format!("spawn {cmd:?}"), e.to_string()))?;
    let start = Instant::now();
    while !blocked_with_handler(child.id()) && start.elapsed() < patience {
        std::thread::sleep(Duration::from_millis(10));
    }
    let pid = Pid::from_raw(
        i32::try_from(child.id()).map_err(|_| IpcError::refused("spawn", "pid out of range"))?,
    );
    let wait_err = |e: std::io::Error| IpcError::refused("wait for the child", e.to_string());
    let status = loop {
        let _ = kill(pid, Signal::SIGINT);
        let round = Instant::now() + Duration::from_millis(200);
        let mut status = None;
        while status.is_none() && Instant::now() < round {
            status = child.try_wait().map_err(wait_err)?;
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Some(status) = status {
            break status;
        }
        if start.elapsed() > patience * 2 {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IpcError::refused(
                format!("{cmd:?}"),
                "did not end on SIGINT",
            ));
        }
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_end(&mut stdout);
    }
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_end(&mut stderr);
    }
    Ok(Output {
        status,
        stdout,
        stderr,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleeping_shell_is_interrupted() {
        // The shell traps SIGINT and sleeps in wait(); the trap ends it with status 7.
        let out = interrupt_when_blocked(
            Command::new("sh").args(["-c", "trap 'exit 7' INT; while :; do sleep 0.1; done"]),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(out.status.code(), Some(7));
    }
}
