//! Processes: `fork` made sound by refusing to run in a multi-threaded process.

use nix::errno::Errno;
use nix::unistd::ForkResult;

/// The number of threads of this process, from /proc/self/task.
pub fn thread_count() -> Result<usize, Errno> {
    let tasks = std::fs::read_dir("/proc/self/task")
        .map_err(|e| Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))?;
    Ok(tasks.count())
}

/// `fork(2)` in a process that has exactly one thread, so the child may do anything the
/// parent could (allocate, lock, print). Refused with `EDEADLK` in a multi-threaded process,
/// where the child would inherit locks held by threads that no longer exist.
pub fn fork() -> Result<ForkResult, Errno> {
    if thread_count()? != 1 {
        return Err(Errno::EDEADLK);
    }
    // SAFETY: the process has one thread (checked just above, and only this thread could
    // start another), so no lock can be held by a thread that does not exist in the child.
    unsafe { nix::unistd::fork() }
}

/// Makes the program `cmd` will start end with this process: `prctl(PR_SET_PDEATHSIG,
/// signal)` in the child between fork and exec, then, should this process have ended already
/// (before the prctl could take effect), the child leaves at once. `signal` SIGTERM lets a
/// lesson program run its cleanup; SIGKILL is for a child that must not outlive us at all.
pub fn die_with_parent(cmd: &mut std::process::Command, signal: nix::sys::signal::Signal) {
    use std::os::unix::process::CommandExt;
    let parent = nix::unistd::getpid();
    // SAFETY: between fork and exec the closure makes only prctl, getppid and _exit, which
    // are async-signal-safe system calls, and touches no memory it shares with the parent.
    unsafe {
        cmd.pre_exec(move || {
            nix::sys::prctl::set_pdeathsig(signal).map_err(std::io::Error::from)?;
            if nix::unistd::getppid() != parent {
                libc::_exit(128 + signal as libc::c_int);
            }
            Ok(())
        });
    }
}

/// Gives `signal` its default action in the program `cmd` will start, whatever this process
/// does with it. A shell started with SIGINT ignored (a background job, `nohup`) passes that on,
/// and a shell that finds SIGINT ignored cannot trap it: Ctrl-C sent to such a program by a
/// test would do nothing.
pub fn default_action(cmd: &mut std::process::Command, signal: nix::sys::signal::Signal) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec the closure makes only the sigaction() system call,
    // which is async-signal-safe, and SIG_DFL runs no code of ours.
    unsafe {
        cmd.pre_exec(move || {
            crate::signal::set_ignored(signal, false).map_err(std::io::Error::from)
        });
    }
}

/// The Landlock ABI version this kernel offers (`landlock_create_ruleset(NULL, 0,
/// LANDLOCK_CREATE_RULESET_VERSION)`), or None when it has none (or it is disabled).
pub fn landlock_abi() -> Option<u32> {
    const LANDLOCK_CREATE_RULESET_VERSION: libc::c_uint = 1;
    // SAFETY: with a null attribute pointer and size 0, this call only reports the ABI
    // version; it reads and writes no memory of ours.
    let version = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<libc::c_void>(),
            0usize,
            LANDLOCK_CREATE_RULESET_VERSION,
        )
    };
    u32::try_from(version).ok().filter(|v| *v > 0)
}
