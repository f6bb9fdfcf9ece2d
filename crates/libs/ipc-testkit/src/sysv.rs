//! System V segments as a test prepares and inspects them (`shmget`, `shmat`, `shmctl`),
//! and leak checks: whether the kernel still holds an object with a given key, from
//! /proc/sysvipc (the data behind `ipcs`). Each helper panics on failure.

use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::shm::{ShmatFlags, ShmctlCmd, ShmidDs, shmat, shmctl, shmget};
use nix::sys::stat::Mode;

/// The id of the segment with `key`.
pub fn segment(key: SysvKey) -> i32 {
    shmget(key, 0, IpcFlags::empty(), Mode::empty())
        .unwrap_or_else(|e| panic!("shmget(key {key}): {e}"))
}

/// A new segment of `size` bytes, mode 0600, with `key` (IPC_EXCL: never someone else's).
pub fn create_segment(key: SysvKey, size: usize) -> i32 {
    let flags = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
    shmget(key, size, flags, Mode::S_IRUSR | Mode::S_IWUSR)
        .unwrap_or_else(|e| panic!("shmget(key {key}, {size}): {e}"))
}

/// What IPC_STAT reports about the segment with `key`.
pub fn segment_stat(key: SysvKey) -> ShmidDs {
    let mut ds = ShmidDs::default();
    shmctl(segment(key), ShmctlCmd::IPC_STAT(&mut ds)).expect("shmctl(IPC_STAT)");
    ds
}

/// Writes `bytes` at offset 0 of the segment with `key`.
pub fn write_segment(key: SysvKey, bytes: &[u8]) {
    let shm = shmat(segment(key), ShmatFlags::empty()).expect("shmat");
    shm.write(0, bytes).expect("the bytes fit the segment");
}

/// The C string at offset 0 of the segment with `key`, attached read-only.
pub fn segment_text(key: SysvKey) -> String {
    let shm = shmat(segment(key), ShmatFlags::SHM_RDONLY).expect("shmat");
    let (bytes, _) = shm.read_until_nul(0);
    String::from_utf8_lossy(&bytes).into_owned()
}

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
