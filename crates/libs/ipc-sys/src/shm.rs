//! `<sys/shm.h>`: System V shared memory: `shmget`, `shmat`, `shmdt`, `shmctl`.

use std::ops::Deref;
use std::ptr::NonNull;

use nix::errno::Errno;
use nix::sys::stat::Mode;

use crate::ipc::{IpcFlags, IpcPerm, SysvKey, with_mode};
use crate::shared::SharedBytes;

/// `shmget(key, size, flags | mode)`: the id of the segment with `key`, created (with
/// `size` bytes and permission bits `mode`) when `flags` has IPC_CREAT and none exists.
/// To find an existing segment, pass size 0 and no flags.
pub fn shmget(key: SysvKey, size: usize, flags: IpcFlags, mode: Mode) -> Result<i32, Errno> {
    // SAFETY: shmget takes plain integers and touches no memory of ours.
    let id = unsafe { libc::shmget(key.raw(), size, with_mode(flags, mode)) };
    Errno::result(id)
}

bitflags::bitflags! {
    /// Flags of `shmat`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct ShmatFlags: libc::c_int {
        /// Attach read-only: a store into the segment would raise SIGSEGV.
        const SHM_RDONLY = libc::SHM_RDONLY;
    }
}

/// The kernel's flag in `shm_perm.mode` for a segment removed (IPC_RMID) while still
/// attached: it lives on, keyless, until its last `shmdt`.
pub const SHM_DEST: u32 = 0o1000;

/// A segment attached to this process; `shmdt` runs when it is dropped (or by [`shmdt`]).
/// Its length is the segment's size, so no access runs past it. Read and written through
/// [`SharedBytes`] (it derefs to one), since other processes may attach it too.
#[derive(Debug)]
pub struct Shm {
    bytes: SharedBytes,
}

/// `shmat(id, NULL, flags)`: attaches the segment where the kernel chooses (so nothing of
/// ours is replaced). The segment's size comes from `shmctl(IPC_STAT)` first.
pub fn shmat(id: i32, flags: ShmatFlags) -> Result<Shm, Errno> {
    let mut ds = ShmidDs::default();
    shmctl(id, ShmctlCmd::IPC_STAT(&mut ds))?;
    // SAFETY: a NULL address lets the kernel choose where to attach; nothing is replaced.
    let addr = unsafe { libc::shmat(id, std::ptr::null(), flags.bits()) };
    if addr == libc::MAP_FAILED {
        return Err(Errno::last());
    }
    let ptr = NonNull::new(addr.cast::<u8>()).ok_or(Errno::EFAULT)?;
    let writable = !flags.contains(ShmatFlags::SHM_RDONLY);
    // SAFETY: the segment's shm_segsz bytes are attached at ptr and stay so until Drop (or
    // shmdt) detaches them, which needs this value, so after every borrow.
    let bytes = unsafe { SharedBytes::new(ptr, ds.shm_segsz, writable) };
    Ok(Shm { bytes })
}

/// `shmdt(addr)` now, reporting a failure instead of ignoring it as Drop must.
pub fn shmdt(shm: Shm) -> Result<(), Errno> {
    let ptr = shm.bytes.ptr();
    std::mem::forget(shm);
    // SAFETY: ptr is the address shmat returned, and the attachment was moved in here, so
    // nothing borrows it any more.
    Errno::result(unsafe { libc::shmdt(ptr.as_ptr().cast()) }).map(drop)
}

impl Deref for Shm {
    type Target = SharedBytes;
    fn deref(&self) -> &SharedBytes {
        &self.bytes
    }
}

impl Drop for Shm {
    fn drop(&mut self) {
        // SAFETY: the address came from shmat and no borrow outlives self.
        unsafe { libc::shmdt(self.bytes.ptr().as_ptr().cast()) };
    }
}

/// `struct shmid_ds`: what `shmctl(IPC_STAT)` reports about a segment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ShmidDs {
    pub shm_perm: IpcPerm,
    /// Size in bytes.
    pub shm_segsz: usize,
    /// How many attachments exist now.
    pub shm_nattch: u64,
    /// The process that created the segment, and the last one that attached or detached.
    pub shm_cpid: i32,
    pub shm_lpid: i32,
    /// Seconds since the epoch of the last attach, detach and change; 0 means never.
    pub shm_atime: i64,
    pub shm_dtime: i64,
    pub shm_ctime: i64,
}

/// What `shmctl` does.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub enum ShmctlCmd<'a> {
    /// Fill in the segment's `shmid_ds`.
    IPC_STAT(&'a mut ShmidDs),
    /// Mark the segment for removal: it goes once the last process detaches.
    IPC_RMID,
}

/// `shmctl(id, cmd, buf)`.
pub fn shmctl(id: i32, cmd: ShmctlCmd<'_>) -> Result<(), Errno> {
    match cmd {
        ShmctlCmd::IPC_STAT(out) => {
            // SAFETY: shmid_ds is plain data, for which all-zero bytes are a valid value.
            let mut ds: libc::shmid_ds = unsafe { std::mem::zeroed() };
            // SAFETY: ds is a valid, writable shmid_ds for the kernel to fill.
            Errno::result(unsafe { libc::shmctl(id, libc::IPC_STAT, &mut ds) })?;
            *out = ShmidDs {
                shm_perm: IpcPerm::from(&ds.shm_perm),
                shm_segsz: ds.shm_segsz,
                shm_nattch: ds.shm_nattch,
                shm_cpid: ds.shm_cpid,
                shm_lpid: ds.shm_lpid,
                shm_atime: ds.shm_atime,
                shm_dtime: ds.shm_dtime,
                shm_ctime: ds.shm_ctime,
            };
            Ok(())
        }
        ShmctlCmd::IPC_RMID => {
            // SAFETY: IPC_RMID reads no buffer.
            let rc = unsafe { libc::shmctl(id, libc::IPC_RMID, std::ptr::null_mut()) };
            Errno::result(rc).map(drop)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key nobody else uses: the pid in the high bits, a per-test number in the low ones.
    fn key(n: i32) -> SysvKey {
        let pid = i32::try_from(std::process::id() & 0x7fff).unwrap();
        SysvKey(0x5300_0000 | (pid << 8) | n)
    }

    /// Removes the segment when dropped, so a failing test leaves nothing behind.
    struct Rm(i32);

    impl Drop for Rm {
        fn drop(&mut self) {
            let _ = shmctl(self.0, ShmctlCmd::IPC_RMID);
        }
    }

    #[test]
    fn create_attach_write_read_stat_remove() {
        let k = key(1);
        let mode = Mode::S_IRUSR | Mode::S_IWUSR;
        let id = shmget(k, 1024, IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL, mode).unwrap();
        let _rm = Rm(id);
        let mut ds = ShmidDs::default();
        shmctl(id, ShmctlCmd::IPC_STAT(&mut ds)).unwrap();
        assert_eq!(
            (
                ds.shm_perm.key,
                ds.shm_segsz,
                ds.shm_perm.mode & 0o777,
                ds.shm_nattch
            ),
            (k, 1024, 0o600, 0)
        );
        let w = shmat(id, ShmatFlags::empty()).unwrap();
        assert_eq!(w.len(), 1024);
        w.write(0, b"hi\0").unwrap();
        shmctl(id, ShmctlCmd::IPC_STAT(&mut ds)).unwrap();
        assert_eq!(ds.shm_nattch, 1);
        drop(w);
        let r = shmat(
            shmget(k, 0, IpcFlags::empty(), Mode::empty()).unwrap(),
            ShmatFlags::SHM_RDONLY,
        )
        .unwrap();
        assert_eq!(r.read_until_nul(0), (b"hi".to_vec(), true));
        assert_eq!(r.write(0, b"x"), Err(Errno::EACCES));
        shmdt(r).unwrap();
        shmctl(id, ShmctlCmd::IPC_RMID).unwrap();
        assert_eq!(
            shmget(k, 0, IpcFlags::empty(), Mode::empty()),
            Err(Errno::ENOENT)
        );
    }

    #[test]
    fn exclusive_create_of_a_key_in_use_is_eexist() {
        let k = key(2);
        let mode = Mode::S_IRUSR | Mode::S_IWUSR;
        let excl = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
        let _rm = Rm(shmget(k, 64, excl, mode).unwrap());
        assert_eq!(shmget(k, 64, excl, mode), Err(Errno::EEXIST));
    }

    #[test]
    fn private_segments_are_new_each_time() {
        let mode = Mode::S_IRUSR | Mode::S_IWUSR;
        let a = Rm(shmget(SysvKey::PRIVATE, 64, IpcFlags::empty(), mode).unwrap());
        let b = Rm(shmget(SysvKey::PRIVATE, 64, IpcFlags::empty(), mode).unwrap());
        assert_ne!(a.0, b.0);
    }
}
