//! ipc-sandbox: runs one untrusted program the way a grader must, and reports what it did.
//!
//! The program gets its own IPC, pid, mount, network and UTS namespaces (a user namespace
//! too when the grader is not root), a read-only root with a private /dev/shm, /dev/mqueue,
//! /proc and /tmp, an unprivileged identity, resource limits and a seccomp filter. The
//! supervisor traces every process and thread of it with ptrace from their birth and
//! records what the lessons teach: the IPC calls and their arguments, which process wrote
//! each line, the shared memory behind a line, the objects in the namespace. When the main
//! process ends, everything else of the run ends with it, and the namespace (with every
//! object still in it, listed in the report first) disappears.
//!
//! The supervisor is a fresh process (`run` starts it): unsharing a user namespace needs a
//! single-threaded process, and a grader runs several sandboxes from several threads.

// The observing half (ptrace, /proc, the report) is its own crate; its modules keep their
// names here.
use ipc_observe::{inspect, tracer, watch};
pub use ipc_observe::{report, spec};

mod confine;
mod degraded;
mod filter;
mod fs;
mod live;
mod supervisor;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

pub use live::trace;
pub use report::{
    Call, End, Event, ExportProblem, Limit, Mapping, MappingKind, Missing, Object, Report,
    Snapshot, Task, Usage, What,
};
pub use spec::{Action, Bind, Isolation, Limits, Observe, Spec, Stdin, Trigger};
pub use tracer::Sink;

/// The argument that makes a program that embeds the supervisor run it (see
/// `supervisor_main`).
pub const SUPERVISOR_ARG: &str = "--ipc-sandbox-supervisor";

/// The supervisor's entry point: a binary calls this when its first argument is
/// `SUPERVISOR_ARG`, before anything else (no thread may have started).
pub fn supervisor_main() -> ExitCode {
    let code = supervisor::main();
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// The largest report read back (events and snapshots are bounded well below it).
const MAX_REPORT: u64 = 128 << 20;

/// Runs `spec` under a supervisor started from `supervisor` (a binary that embeds it) and
/// returns its report. An error means the supervisor itself failed, not the program.
pub fn run(supervisor: &Path, spec: &Spec) -> Result<Report, String> {
    let input = serde_json::to_vec(spec).map_err(|e| format!("encoding the spec: {e}"))?;
    let mut child = Command::new(supervisor)
        .arg(SUPERVISOR_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "starting the sandbox supervisor {}: {e}",
                supervisor.display()
            )
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(&input)
            .map_err(|e| format!("sending the spec to the supervisor: {e}"))?;
    }
    let stderr = child.stderr.take().map(|mut e| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = (&mut e).take(64 * 1024).read_to_string(&mut text);
            let _ = std::io::copy(&mut e, &mut std::io::sink());
            text
        })
    });
    let mut output = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = stdout.take(MAX_REPORT).read_to_end(&mut output);
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for the supervisor: {e}"))?;
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    if !status.success() {
        return Err(format!(
            "the sandbox supervisor failed ({status}): {}",
            stderr.lines().next().unwrap_or("")
        ));
    }
    serde_json::from_slice(&output).map_err(|e| format!("reading the supervisor's report: {e}"))
}
