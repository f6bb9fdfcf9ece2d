//! Ctrl-C and SIGTERM during a blocking call: the call returns EINTR, the program cleans up
//! and exits 128 + signal, as a shell expects.
//!
//! The handlers are installed without SA_RESTART, so a blocked `mq_receive`, `sem_wait` or
//! `msgrcv` returns EINTR instead of silently resuming.
//!
//! This is the side that *receives* Ctrl-C; tests and tours that press it on a running
//! program use `ctrl_c::interrupt_when_blocked`.

use std::sync::atomic::{AtomicI32, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

use crate::error::{IpcError, Result};

static RECEIVED: AtomicI32 = AtomicI32::new(0);

extern "C" fn remember(signal: libc::c_int) {
    // Only an atomic store: the one thing a signal handler may safely do here.
    RECEIVED.store(signal, Ordering::SeqCst);
}

/// Catches SIGINT and SIGTERM from now on.
pub fn install() -> Result<()> {
    let action = SigAction::new(
        SigHandler::Handler(remember),
        SaFlags::empty(),
        SigSet::empty(),
    );
    for signal in [Signal::SIGINT, Signal::SIGTERM] {
        // SAFETY: `remember` only stores to an atomic, which is async-signal-safe.
        unsafe { sigaction(signal, &action) }
            .map_err(|e| IpcError::sys(format!("sigaction({})", signal.as_str()), e))?;
    }
    Ok(())
}

/// The signal caught since `install`, if any.
pub fn received() -> Option<Signal> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        n => Signal::try_from(n).ok(),
    }
}

/// The error for a failed call: "interrupted by SIGINT" when a caught signal caused EINTR,
/// otherwise the errno as usual.
pub fn call_error(call: impl Into<String>, errno: Errno) -> IpcError {
    match (errno, received()) {
        (Errno::EINTR, Some(signal)) => IpcError::interrupted(call, signal),
        _ => IpcError::sys(call, errno),
    }
}

/// Err(interrupted) once a signal was caught: for loops that poll between calls.
pub fn check(what: impl Into<String>) -> Result<()> {
    match received() {
        Some(signal) => Err(IpcError::interrupted(what, signal)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::{ChildEnd, fork_child};

    #[test]
    fn caught_signal_turns_eintr_into_interruption() {
        // In a child, so the test harness's own signal handling is untouched.
        let end = fork_child(|| {
            install().unwrap();
            if received().is_some() {
                return 2;
            }
            nix::sys::signal::raise(Signal::SIGINT).unwrap();
            let err = call_error("mq_receive(/q)", Errno::EINTR);
            if err.exit_status() == 130 && check("loop").is_err() {
                0
            } else {
                1
            }
        })
        .unwrap()
        .wait()
        .unwrap();
        assert_eq!(end, ChildEnd::Exited(0));
    }

    #[test]
    fn other_errors_stay_as_they_are() {
        assert_eq!(call_error("x", Errno::EAGAIN).errno(), Some(Errno::EAGAIN));
    }
}
