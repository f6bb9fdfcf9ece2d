//! A live trace (`ipc-lab trace -- PROGRAM`): the user's own program, run as the user with
//! its standard streams untouched, traced from its birth with its children and threads;
//! each event goes to a sink as it happens. Nothing is refused and no limit applies: it is
//! strace's place, with the lessons' calls picked out.

use std::ffi::{CString, OsStr, OsString};
use std::os::unix::ffi::OsStrExt;

use nix::sys::ptrace;
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::ForkResult;

use crate::filter;
use crate::inspect::Namespace;
use crate::report::{End, Report};
use crate::spec::{Limits, Observe};
use crate::tracer::{Sink, Tracer};
use crate::watch::Watch;

fn c(text: &OsStr) -> Result<CString, String> {
    CString::new(text.as_bytes()).map_err(|_| "an argument contains a NUL byte".to_string())
}

/// Runs `program ARGS` (found on PATH as a shell would) traced, handing every event to
/// `sink`; returns when it and everything it started have ended. Ctrl-C reaches the
/// program (it shares the terminal) and not this tracer, which then reports.
pub fn trace(program: &OsStr, args: &[OsString], sink: &mut Sink<'_>) -> Result<Report, String> {
    let path = c(program)?;
    let mut argv = vec![path.clone()];
    for a in args {
        argv.push(c(a)?);
    }
    let filters = filter::live_programs()?;
    let (go_read, go_write) =
        nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).map_err(|e| format!("pipe: {e}"))?;
    let mut sigchld = SigSet::empty();
    sigchld.add(Signal::SIGCHLD);
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&sigchld), None)
        .map_err(|e| format!("sigprocmask: {e}"))?;
    let child = match ipc_sys::process::fork().map_err(|e| format!("fork: {e}"))? {
        ForkResult::Child => {
            // As from a terminal: not the tracer's ignored Ctrl-C, SIGQUIT and SIGPIPE, nor
            // its blocked SIGCHLD (the sandbox's programs start the same way).
            let _ = ipc_sys::signal::defaults_for_exec();
            let mut byte = [0u8; 1];
            let _ = nix::unistd::read(&go_read, &mut byte);
            if let Err(e) = filter::install(&filters) {
                eprintln!("ipc-lab trace: {e}");
                std::process::exit(127);
            }
            let err = nix::unistd::execvp(&path, &argv).err();
            eprintln!(
                "ipc-lab trace: cannot run {}: {}",
                program.to_string_lossy(),
                err.map_or_else(String::new, |e| e.desc().to_string())
            );
            std::process::exit(127)
        }
        ForkResult::Parent { child } => child,
    };
    drop(go_read);
    // The terminal's Ctrl-C is the program's to handle; the tracer stays to report.
    let _ = ipc_sys::signal::set_ignored(Signal::SIGINT, true);
    let _ = ipc_sys::signal::set_ignored(Signal::SIGQUIT, true);
    let options = crate::tracer::options();
    if let Err(e) = ptrace::seize(child, options) {
        let _ = nix::sys::signal::kill(child, Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(child, None);
        return Err(format!("ptrace(PTRACE_SEIZE): {e}"));
    }
    let _ = nix::unistd::write(&go_write, b"g");
    drop(go_write);
    let sigfd = SignalFd::with_flags(&sigchld, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .map_err(|e| format!("signalfd: {e}"))?;
    let limits = Limits {
        wall_ms: u64::MAX,
        memory_bytes: u64::MAX,
        output_bytes: u64::MAX,
        tasks: u32::MAX,
        ..Limits::default()
    };
    let observe = Observe {
        syscalls: true,
        ..Observe::default()
    };
    let ns = Namespace::host();
    let mut tracer = Tracer::new(&observe, &ns, Watch::unlimited(limits), (0, 0), None);
    tracer.live(sink);
    tracer.set_root(child, true);
    tracer.run(&sigfd);
    let _ = sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&sigchld), None);
    let _ = ipc_sys::signal::set_ignored(Signal::SIGINT, false);
    Ok(Report {
        end: tracer.end.take().unwrap_or(End::NotStarted),
        tasks: std::mem::take(&mut tracer.report_tasks),
        ..Report::default()
    })
}
