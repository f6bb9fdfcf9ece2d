//! System V shared memory: `shmget`, `shmat`/`shmdt`, `shmctl(IPC_STAT | IPC_RMID)`.
//! nix has none of these, so this module is the one safe layer over libc.

use std::ops::Deref;
use std::ptr::NonNull;

use nix::errno::Errno;

use crate::error::{IpcError, Result};
use crate::key::SysvKey;
use crate::region::{Access, SharedRegion};
use crate::text::text;

/// A System V shared-memory segment, known by its id (`shmid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SysvSegment {
    id: libc::c_int,
}

/// What `shmctl(IPC_STAT)` reports about a segment (the fields of `shmid_ds`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShmStat {
    pub key: SysvKey,
    pub size: usize,
    /// Permission bits, e.g. 0o600.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub cuid: u32,
    pub cgid: u32,
    /// How many attachments exist right now.
    pub nattch: u64,
    /// Process that created the segment.
    pub cpid: i32,
    /// Process that last attached or detached.
    pub lpid: i32,
    /// Seconds since the epoch; 0 means never.
    pub atime: i64,
    pub dtime: i64,
    pub ctime: i64,
}

/// Options of `shmget` when creating.
#[derive(Debug, Clone, Copy)]
pub struct CreateOptions {
    pub size: usize,
    /// Permission bits (0600 by default in every program).
    pub mode: u32,
    /// IPC_EXCL: fail with EEXIST when a segment with this key exists already.
    pub exclusive: bool,
}

impl SysvSegment {
    /// `shmget(key, size, IPC_CREAT [| IPC_EXCL] | mode)`.
    pub fn create(key: SysvKey, opts: CreateOptions) -> Result<Self> {
        let excl = if opts.exclusive { "|IPC_EXCL" } else { "" };
        let call = format!(
            "shmget(key {key}, {}, IPC_CREAT{excl}|0{:o})",
            opts.size, opts.mode
        );
        let mut flags = libc::IPC_CREAT | (opts.mode & 0o777) as libc::c_int;
        if opts.exclusive {
            flags |= libc::IPC_EXCL;
        }
        Self::get(key.raw(), opts.size, flags, call).map_err(|e| {
            e.hint_if(Errno::EEXIST, text("core.shmget.eexist"))
                .hint_if(Errno::EINVAL, text("core.shmget.einval"))
        })
    }

    /// A new segment only this process and its children know: `shmget(IPC_PRIVATE, ...)`.
    pub fn create_private(size: usize, mode: u32) -> Result<Self> {
        let call = format!("shmget(IPC_PRIVATE, {size}, 0{mode:o})");
        Self::get(libc::IPC_PRIVATE, size, (mode & 0o777) as libc::c_int, call)
    }

    /// `shmget(key, 0, 0)`: the existing segment with this key.
    pub fn open(key: SysvKey) -> Result<Self> {
        Self::get(key.raw(), 0, 0, format!("shmget(key {key})"))
    }

    fn get(key: libc::key_t, size: usize, flags: libc::c_int, call: String) -> Result<Self> {
        // SAFETY: shmget takes plain integers and touches no memory of ours.
        let id = unsafe { libc::shmget(key, size, flags) };
        if id == -1 {
            return Err(IpcError::last(call));
        }
        Ok(SysvSegment { id })
    }

    /// The segment with this id, as `ipcs -m` lists it.
    pub fn from_id(id: i32) -> Self {
        SysvSegment { id }
    }

    pub fn id(self) -> i32 {
        self.id
    }

    /// `shmctl(IPC_STAT)`.
    pub fn stat(self) -> Result<ShmStat> {
        // SAFETY: shmid_ds is plain data; all-zero bytes are a valid value.
        let mut ds: libc::shmid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: ds is a valid, writable shmid_ds for the kernel to fill.
        if unsafe { libc::shmctl(self.id, libc::IPC_STAT, &mut ds) } == -1 {
            return Err(IpcError::last(format!("shmctl({}, IPC_STAT)", self.id)));
        }
        let p = &ds.shm_perm;
        Ok(ShmStat {
            key: SysvKey(p.__key),
            size: ds.shm_segsz,
            mode: u32::from(p.mode) & 0o777,
            uid: p.uid,
            gid: p.gid,
            cuid: p.cuid,
            cgid: p.cgid,
            nattch: ds.shm_nattch,
            cpid: ds.shm_cpid,
            lpid: ds.shm_lpid,
            atime: ds.shm_atime,
            dtime: ds.shm_dtime,
            ctime: ds.shm_ctime,
        })
    }

    /// `shmctl(IPC_RMID)`: the segment goes away once the last process detaches.
    pub fn remove(self) -> Result<()> {
        // SAFETY: IPC_RMID ignores the buffer argument.
        if unsafe { libc::shmctl(self.id, libc::IPC_RMID, std::ptr::null_mut()) } == -1 {
            return Err(IpcError::last(format!("shmctl({}, IPC_RMID)", self.id)));
        }
        Ok(())
    }

    /// `shmat(id, NULL, 0 | SHM_RDONLY)`; the attachment detaches (`shmdt`) when dropped.
    /// Its length is the segment's size as IPC_STAT reports it.
    pub fn attach(self, access: Access) -> Result<SysvAttachment> {
        let size = self.stat()?.size;
        let (flags, flag_name) = match access {
            Access::ReadOnly => (libc::SHM_RDONLY, "SHM_RDONLY"),
            Access::ReadWrite => (0, "0"),
        };
        // SAFETY: a NULL address lets the kernel choose where to attach; nothing is replaced.
        let addr = unsafe { libc::shmat(self.id, std::ptr::null(), flags) };
        if addr as isize == -1 {
            return Err(IpcError::last(format!(
                "shmat({}, NULL, {flag_name})",
                self.id
            )));
        }
        let ptr = NonNull::new(addr.cast::<u8>()).expect("shmat never returns NULL on success");
        // SAFETY: the segment is `size` bytes long and stays attached until Drop calls shmdt.
        let region = unsafe { SharedRegion::new(ptr, size, access) };
        Ok(SysvAttachment { region })
    }
}

/// A segment attached to this process; `shmdt` runs when it is dropped.
#[derive(Debug)]
pub struct SysvAttachment {
    region: SharedRegion,
}

impl SysvAttachment {
    /// Detaches now, reporting a failure instead of ignoring it as Drop must.
    pub fn detach(self) -> Result<()> {
        let ptr = self.region.as_ptr();
        std::mem::forget(self);
        // SAFETY: ptr is the address shmat returned and nothing borrows the region any more.
        if unsafe { libc::shmdt(ptr.cast()) } == -1 {
            return Err(IpcError::last("shmdt"));
        }
        Ok(())
    }
}

impl Deref for SysvAttachment {
    type Target = SharedRegion;
    fn deref(&self) -> &SharedRegion {
        &self.region
    }
}

impl Drop for SysvAttachment {
    fn drop(&mut self) {
        // SAFETY: the address came from shmat and the region is no longer borrowed.
        unsafe { libc::shmdt(self.region.as_ptr().cast()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::Cleanup;
    use crate::unique::unique_key;

    fn opts(size: usize) -> CreateOptions {
        CreateOptions {
            size,
            mode: 0o600,
            exclusive: true,
        }
    }

    #[test]
    fn create_attach_write_read_stat_remove() {
        let key = unique_key();
        let seg = SysvSegment::create(key, opts(1024)).unwrap();
        let _rm = Cleanup::sysv_shm(seg);
        let st = seg.stat().unwrap();
        assert_eq!((st.key, st.size, st.mode, st.nattch), (key, 1024, 0o600, 0));
        {
            let w = seg.attach(Access::ReadWrite).unwrap();
            w.write_c_string(b"hi").unwrap();
            assert_eq!(seg.stat().unwrap().nattch, 1);
        }
        assert_eq!(seg.stat().unwrap().nattch, 0);
        let r = SysvSegment::open(key)
            .unwrap()
            .attach(Access::ReadOnly)
            .unwrap();
        assert_eq!(r.read_c_string().bytes, b"hi");
        assert!(r.write_bytes(0, b"x").is_err());
        r.detach().unwrap();
        seg.remove().unwrap();
        assert_eq!(
            SysvSegment::open(key).unwrap_err().errno(),
            Some(Errno::ENOENT)
        );
    }

    #[test]
    fn exclusive_create_of_existing_key_is_eexist_with_hint() {
        let key = unique_key();
        let seg = SysvSegment::create(key, opts(64)).unwrap();
        let _rm = Cleanup::sysv_shm(seg);
        let err = SysvSegment::create(key, opts(64)).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EEXIST));
        assert!(err.to_string().contains("IPC_EXCL"), "{err}");
    }

    #[test]
    fn private_segment_is_created_each_time() {
        let a = SysvSegment::create_private(64, 0o600).unwrap();
        let _ra = Cleanup::sysv_shm(a);
        let b = SysvSegment::create_private(64, 0o600).unwrap();
        let _rb = Cleanup::sysv_shm(b);
        assert_ne!(a.id(), b.id());
    }
}
