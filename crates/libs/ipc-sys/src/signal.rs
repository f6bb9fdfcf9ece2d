//! `<signal.h>`: catching Ctrl-C and SIGTERM so that a program can clean up. The handler
//! only records the signal (an atomic store, the one thing it may safely do), and is
//! installed without SA_RESTART, so a blocked `mq_receive`, `sem_wait` or `msgrcv` returns
//! EINTR instead of silently resuming.

use std::sync::atomic::{AtomicI32, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

static CAUGHT: AtomicI32 = AtomicI32::new(0);

extern "C" fn remember(signal: libc::c_int) {
    CAUGHT.store(signal, Ordering::SeqCst);
}

/// `sigaction(signal, {remember it, no SA_RESTART})`: from now on `signal` only records
/// itself, for [`caught`].
pub fn catch(signal: Signal) -> Result<(), Errno> {
    let action = SigAction::new(
        SigHandler::Handler(remember),
        SaFlags::empty(),
        SigSet::empty(),
    );
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { sigaction(signal, &action) }.map(drop)
}

/// The last signal caught by a handler [`catch`] installed, if any.
pub fn caught() -> Option<Signal> {
    match CAUGHT.load(Ordering::SeqCst) {
        0 => None,
        n => Signal::try_from(n).ok(),
    }
}

/// Forgets the signal recorded so far: a child forked just after its parent caught Ctrl-C
/// starts with nothing caught (the signal was the parent's, who acts on it), rather than
/// leaving at its first check while the parent waits for it.
pub fn forget_caught() {
    CAUGHT.store(0, Ordering::SeqCst);
}

/// `sigaction(signal, {SIG_IGN or SIG_DFL})`: ignores `signal` (`ignore` true) or gives it
/// back its default action. A tracer ignores Ctrl-C so that it outlives its tracee and
/// can report; the tracee, before exec, takes the default back (ignoring is inherited).
pub fn set_ignored(signal: Signal, ignore: bool) -> Result<(), Errno> {
    let handler = if ignore {
        SigHandler::SigIgn
    } else {
        SigHandler::SigDfl
    };
    let action = SigAction::new(handler, SaFlags::empty(), SigSet::empty());
    // SAFETY: SIG_IGN and SIG_DFL run no code of ours in the signal's context.
    unsafe { sigaction(signal, &action) }.map(drop)
}

/// Before an execve: every signal back to its default action and none blocked, as a program
/// started from a terminal would have them. Ignoring survives exec (a Rust program ignores
/// SIGPIPE, a background job SIGINT), and so does the mask; a program started with either
/// would not die of the signal its author expects. Only sigaction and sigprocmask, both
/// async-signal-safe, so it may be called between fork and exec.
pub fn defaults_for_exec() -> Result<(), Errno> {
    for signal in Signal::iterator() {
        if matches!(signal, Signal::SIGKILL | Signal::SIGSTOP) {
            continue;
        }
        set_ignored(signal, false)?;
    }
    nix::sys::signal::sigprocmask(
        nix::sys::signal::SigmaskHow::SIG_SETMASK,
        Some(&SigSet::empty()),
        None,
    )
}
