//! Tracing: what a stopped tracee is doing, from `ptrace(PTRACE_GET_SYSCALL_INFO)`.

use nix::errno::Errno;
use nix::unistd::Pid;

/// The system call a tracee is stopped at, as the kernel reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyscallStop {
    /// Stopped on entry to (or by a seccomp filter before) system call `nr`.
    Entry { nr: u64, args: [u64; 6] },
    /// Stopped on return from a system call: its value, or the errno when `is_error`.
    Exit { value: i64, is_error: bool },
    /// Not stopped at a system call (a signal or an event stop).
    None,
}

/// `ptrace(PTRACE_GET_SYSCALL_INFO, pid)` (Linux 5.3 and later), with the kernel's union
/// read according to its `op` tag.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn syscall_stop(pid: Pid) -> Result<SyscallStop, Errno> {
    let info = nix::sys::ptrace::syscall_info(pid)?;
    Ok(match info.op {
        libc::PTRACE_SYSCALL_INFO_ENTRY => {
            // SAFETY: op ENTRY means the kernel filled the `entry` member of the union.
            let entry = unsafe { info.u.entry };
            SyscallStop::Entry {
                nr: entry.nr,
                args: entry.args,
            }
        }
        libc::PTRACE_SYSCALL_INFO_SECCOMP => {
            // SAFETY: op SECCOMP means the kernel filled the `seccomp` member of the union.
            let seccomp = unsafe { info.u.seccomp };
            SyscallStop::Entry {
                nr: seccomp.nr,
                args: seccomp.args,
            }
        }
        libc::PTRACE_SYSCALL_INFO_EXIT => {
            // SAFETY: op EXIT means the kernel filled the `exit` member of the union.
            let exit = unsafe { info.u.exit };
            SyscallStop::Exit {
                value: exit.sval,
                is_error: exit.is_error != 0,
            }
        }
        _ => SyscallStop::None,
    })
}
