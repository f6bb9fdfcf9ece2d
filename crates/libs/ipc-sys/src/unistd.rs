//! `<unistd.h>`: what nix lacks of it: `_exit`.

/// `_exit(status)`: ends the process at once, running no atexit handler and no destructor.
/// How a forked child leaves, so that it never runs the parent's cleanup (its guards would
/// remove objects the parent still uses) nor flushes the parent's buffered output twice.
pub fn _exit(status: i32) -> ! {
    // SAFETY: _exit only ends the process; nothing of this process is used afterwards.
    unsafe { libc::_exit(status) }
}
