//! Leak checks: whether the kernel still holds a System V object with a given key, from
//! /proc/sysvipc (the data behind `ipcs`).

use ipc_sys::ipc::SysvKey;

/// The three kinds of System V IPC object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SysvKind {
    SharedMemory,
    MessageQueue,
    SemaphoreSet,
}

impl SysvKind {
    fn proc_path(self) -> &'static str {
        match self {
            SysvKind::SharedMemory => "/proc/sysvipc/shm",
            SysvKind::MessageQueue => "/proc/sysvipc/msg",
            SysvKind::SemaphoreSet => "/proc/sysvipc/sem",
        }
    }
}

/// True when an object of `kind` with this key exists. The key is the first column of the
/// kernel's table, in decimal.
pub fn key_in_use(kind: SysvKind, key: SysvKey) -> bool {
    let table = std::fs::read_to_string(kind.proc_path())
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", kind.proc_path()));
    table
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next()?.parse::<i32>().ok())
        .any(|k| k == key.raw())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ipc_sys::ipc::IpcFlags;
    use ipc_sys::shm::{ShmctlCmd, shmctl, shmget};
    use nix::sys::stat::Mode;

    #[test]
    fn a_new_segment_is_seen_until_it_is_removed() {
        let key = ipc_support::unique::unique_key();
        let excl = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
        let id = shmget(key, 10, excl, Mode::S_IRUSR | Mode::S_IWUSR).unwrap();
        let seen = key_in_use(SysvKind::SharedMemory, key);
        shmctl(id, ShmctlCmd::IPC_RMID).unwrap();
        assert!(seen);
        assert!(!key_in_use(SysvKind::SharedMemory, key));
    }
}
