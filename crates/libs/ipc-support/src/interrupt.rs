//! Ctrl-C and SIGTERM during a blocking call: the call returns EINTR, the program cleans up
//! and exits 128 + signal, as a shell expects. The handlers (ipc-sys `signal::catch`) only
//! record the signal; [`Context`](crate::Context) turns the EINTR into "interrupted by SIGINT".
//!
//! This is the side that *receives* Ctrl-C; tests and tours that press it on a running
//! program use ipc-testkit's `interrupt_when_blocked`.

use nix::errno::Errno;
use nix::sys::signal::Signal;

use crate::call;
use crate::error::{Context, IpcError, Result};

/// Catches SIGINT and SIGTERM from now on.
pub fn install() -> Result<()> {
    for signal in [Signal::SIGINT, Signal::SIGTERM] {
        ipc_sys::signal::catch(signal).context(|| call!("sigaction", signal))?;
    }
    Ok(())
}

/// The signal caught since `install`, if any.
pub fn received() -> Option<Signal> {
    ipc_sys::signal::caught()
}

/// Err(interrupted) once a signal was caught: for loops that poll between calls.
pub fn check(what: impl Into<String>) -> Result<()> {
    match received() {
        Some(signal) => Err(IpcError::interrupted(what, signal)),
        None => Ok(()),
    }
}

/// Runs a blocking call until it ends for another reason than a signal nobody asked to
/// stop for: EINTR after a caught Ctrl-C (or one caught before the call began, which would
/// not interrupt it) is returned, any other EINTR retried.
pub fn retry_eintr<T>(
    mut call: impl FnMut() -> std::result::Result<T, Errno>,
) -> std::result::Result<T, Errno> {
    loop {
        if received().is_some() {
            return Err(Errno::EINTR);
        }
        match call() {
            Err(Errno::EINTR) if received().is_none() => continue,
            result => return result,
        }
    }
}
