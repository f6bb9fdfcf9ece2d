//! What bounds a message queue, and whether a POSIX one exists: the kernel's limits
//! (`/proc/sys/fs/mqueue/*`, RLIMIT_MSGQUEUE, CAP_SYS_RESOURCE, `kernel.msgmax` for System V)
//! and the mqueue mount.

use nix::errno::Errno;
use nix::mqueue::{MQ_OFlag, mq_close, mq_open};
use nix::sys::resource::{Resource, getrlimit, setrlimit};
use nix::sys::stat::Mode;

use crate::call;
use crate::error::{Context, IpcError, Result};
use crate::name::ObjectName;

/// True when a queue with this name exists. Works without `/dev/mqueue` mounted: it tries
/// `mq_open(O_RDONLY)`; any answer but ENOENT means the name is taken.
pub fn exists(name: &ObjectName) -> bool {
    let flags = MQ_OFlag::O_RDONLY | MQ_OFlag::O_NONBLOCK;
    match mq_open(name.as_str(), flags, Mode::empty(), None) {
        Ok(mqd) => {
            let _ = mq_close(mqd);
            true
        }
        Err(e) => e != Errno::ENOENT,
    }
}

/// Where Linux shows POSIX queues as files, once an mqueue file system is mounted there.
pub const MQUEUE_DIR: &str = "/dev/mqueue";

/// The command that makes queues visible as files (root only).
pub const MOUNT_HINT: &str = "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue";

/// True when an mqueue file system is mounted on /dev/mqueue (queues work without it;
/// only listing them as files needs it).
pub fn mqueue_mounted() -> bool {
    std::fs::read_to_string("/proc/self/mounts").is_ok_and(|m| {
        m.lines().any(|l| {
            let mut f = l.split_whitespace();
            (f.nth(1), f.next()) == (Some(MQUEUE_DIR), Some("mqueue"))
        })
    })
}

/// HARD_MSGMAX of the kernel: the most messages a queue may hold even with CAP_SYS_RESOURCE.
pub const HARD_MSGMAX: u64 = 65_536;
/// HARD_MSGSIZEMAX of the kernel: the longest message even with CAP_SYS_RESOURCE (16 MiB).
pub const HARD_MSGSIZEMAX: u64 = 16 * 1024 * 1024;

/// The directory whose files hold the kernel's limits for POSIX queues.
pub const LIMITS_DIR: &str = "/proc/sys/fs/mqueue";

/// `/proc/sys/fs/mqueue/*`: the limits `mq_open` checks a new queue against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KernelLimits {
    /// Most messages per queue for a process without CAP_SYS_RESOURCE.
    pub msg_max: u64,
    /// Longest message for a process without CAP_SYS_RESOURCE.
    pub msgsize_max: u64,
    /// Most queues on the machine (an IPC namespace) without CAP_SYS_RESOURCE.
    pub queues_max: u64,
    /// Attributes of a queue created with `attr == NULL`.
    pub msg_default: u64,
    pub msgsize_default: u64,
}

fn read_number(path: &str) -> Result<u64> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| IpcError::refused(format!("read {path}"), e.to_string()))?;
    text.trim()
        .parse()
        .map_err(|_| IpcError::refused(format!("read {path}"), ipc_text::t!("core-not-a-number")))
}

/// Reads the five files of `/proc/sys/fs/mqueue`.
pub fn kernel_limits() -> Result<KernelLimits> {
    let read = |f: &str| read_number(&format!("{LIMITS_DIR}/{f}"));
    Ok(KernelLimits {
        msg_max: read("msg_max")?,
        msgsize_max: read("msgsize_max")?,
        queues_max: read("queues_max")?,
        msg_default: read("msg_default")?,
        msgsize_default: read("msgsize_default")?,
    })
}

/// RLIMIT_MSGQUEUE as (soft, hard): the bytes all of this user's queues may reserve.
/// `u64::MAX` means unlimited.
pub fn rlimit_msgqueue() -> Result<(u64, u64)> {
    getrlimit(Resource::RLIMIT_MSGQUEUE).context(|| "getrlimit(RLIMIT_MSGQUEUE)".to_string())
}

/// Sets RLIMIT_MSGQUEUE of this process (lowering needs no privilege; raising the soft
/// limit back up to the hard one neither).
pub fn set_rlimit_msgqueue(soft: u64, hard: u64) -> Result<()> {
    setrlimit(Resource::RLIMIT_MSGQUEUE, soft, hard)
        .context(|| call!("setrlimit", "RLIMIT_MSGQUEUE", soft, hard))
}

/// About how many bytes of RLIMIT_MSGQUEUE a queue of `max_msgs` messages of `msg_size`
/// bytes reserves when it is created: its messages' space plus the kernel's bookkeeping per
/// message (a `struct msg_msg`, 48 bytes on 64-bit Linux) and per priority in use (a tree
/// node, counted here at 48 bytes).
pub fn queue_bytes(max_msgs: u64, msg_size: u64) -> u64 {
    max_msgs
        .saturating_mul(msg_size)
        .saturating_add(max_msgs.saturating_mul(48))
        .saturating_add(max_msgs.min(32_768) * 48)
}

/// `/proc/sys/kernel/msgmax`: the longest text one System V message may carry.
pub fn sysv_msgmax() -> Option<usize> {
    std::fs::read_to_string("/proc/sys/kernel/msgmax")
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// CAP_SYS_RESOURCE lets a process exceed msg_max/msgsize_max (up to the hard limits)
/// and queues_max. Read from `CapEff` in /proc/self/status.
pub fn has_cap_sys_resource() -> bool {
    const CAP_SYS_RESOURCE: u32 = 24;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        })
        .is_some_and(|caps| caps & (1 << CAP_SYS_RESOURCE) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_readable() {
        let l = kernel_limits().unwrap();
        assert!(l.msg_max >= 1 && l.msgsize_max >= 128 && l.queues_max >= 1);
        let (soft, hard) = rlimit_msgqueue().unwrap();
        assert!(soft <= hard);
        assert!(queue_bytes(10, 8192) > 81_920);
    }

    #[test]
    fn a_queue_nobody_made_does_not_exist() {
        let name =
            ObjectName::parse_mq(&format!("/{}", crate::unique::unique_name("mq-exists"))).unwrap();
        assert!(!exists(&name));
    }
}
