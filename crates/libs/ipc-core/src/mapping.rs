//! `mmap` regions that unmap themselves: the four kinds of mapping the lesson names.

use std::num::NonZeroUsize;
use std::ops::Deref;
use std::os::fd::AsFd;
use std::ptr::NonNull;

use nix::sys::mman::{MapFlags, ProtFlags, mmap, mmap_anonymous, munmap};

use crate::error::{IpcError, Result};
use crate::region::{Access, SharedRegion};
use crate::text::text;

/// MAP_SHARED (changes reach the object and every process mapping it) or MAP_PRIVATE
/// (copy-on-write: changes stay in this process).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    Shared,
    Private,
}

impl Sharing {
    fn flags(self) -> MapFlags {
        match self {
            Sharing::Shared => MapFlags::MAP_SHARED,
            Sharing::Private => MapFlags::MAP_PRIVATE,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Sharing::Shared => "MAP_SHARED",
            Sharing::Private => "MAP_PRIVATE",
        }
    }
}

fn prot(access: Access) -> (ProtFlags, &'static str) {
    match access {
        Access::ReadOnly => (ProtFlags::PROT_READ, "PROT_READ"),
        Access::ReadWrite => (
            ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
            "PROT_READ|PROT_WRITE",
        ),
    }
}

fn nonzero(len: usize, call: &str) -> Result<NonZeroUsize> {
    NonZeroUsize::new(len).ok_or_else(|| IpcError::refused(call, text("core.mapping.zero")))
}

/// A mapped region; `munmap` runs when it is dropped.
#[derive(Debug)]
pub struct Mapping {
    region: SharedRegion,
}

impl Mapping {
    /// Anonymous memory: Shared survives `fork` as one region, Private is copied on write.
    pub fn anonymous(len: usize, sharing: Sharing) -> Result<Self> {
        let call = format!(
            "mmap({len}, PROT_READ|PROT_WRITE, {}|MAP_ANONYMOUS)",
            sharing.name()
        );
        let length = nonzero(len, &call)?;
        // SAFETY: a fresh anonymous mapping at an address the kernel picks aliases nothing.
        let ptr = unsafe {
            mmap_anonymous(
                None,
                length,
                ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
                sharing.flags(),
            )
        }
        .map_err(|e| IpcError::sys(call, e))?;
        // SAFETY: the kernel mapped `len` readable and writable bytes at ptr; they stay mapped
        // until Drop unmaps them.
        let region = unsafe { SharedRegion::new(ptr.cast(), len, Access::ReadWrite) };
        Ok(Mapping { region })
    }

    /// `len` bytes of the file (or shm object) behind `fd`, from offset 0.
    pub fn file(fd: impl AsFd, len: usize, access: Access, sharing: Sharing) -> Result<Self> {
        let (prot, prot_name) = prot(access);
        let call = format!("mmap({len}, {prot_name}, {})", sharing.name());
        let length = nonzero(len, &call)?;
        // SAFETY: the kernel chooses the address, so no existing memory is replaced; accesses
        // beyond the file's end are the caller's concern (they raise SIGBUS, as the lesson shows).
        let ptr = unsafe { mmap(None, length, prot, sharing.flags(), fd, 0) }
            .map_err(|e| IpcError::sys(call, e))?;
        // SAFETY: `len` bytes are mapped at ptr with `access`, until Drop unmaps them.
        let region = unsafe { SharedRegion::new(ptr.cast(), len, access) };
        Ok(Mapping { region })
    }
}

impl Deref for Mapping {
    type Target = SharedRegion;
    fn deref(&self) -> &SharedRegion {
        &self.region
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        let ptr = NonNull::new(self.region.as_ptr()).expect("mapping pointer is never null");
        // SAFETY: ptr/len are exactly what mmap returned, and nothing borrows the region any more.
        let _ = unsafe { munmap(ptr.cast(), self.region.len()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn zero_length_is_refused_before_the_call() {
        let err = Mapping::anonymous(0, Sharing::Shared).unwrap_err();
        assert!(err.to_string().contains("at least 1 byte"), "{err}");
    }

    #[test]
    fn private_file_mapping_does_not_change_the_file() {
        let mut f = tempfile_with(b"original");
        let m = Mapping::file(f.as_fd(), 8, Access::ReadWrite, Sharing::Private).unwrap();
        m.write_bytes(0, b"CHANGED!").unwrap();
        assert_eq!(m.read_bytes(0, 8), b"CHANGED!");
        let shared = Mapping::file(f.as_fd(), 8, Access::ReadOnly, Sharing::Shared).unwrap();
        assert_eq!(shared.read_bytes(0, 8), b"original");
        f.flush().unwrap();
    }

    #[test]
    fn read_only_mapping_refuses_writes() {
        let f = tempfile_with(b"abc");
        let m = Mapping::file(f.as_fd(), 3, Access::ReadOnly, Sharing::Shared).unwrap();
        assert!(m.write_bytes(0, b"x").is_err());
    }

    fn tempfile_with(content: &[u8]) -> std::fs::File {
        let path = std::env::temp_dir().join(crate::unique::unique_name("ipc-core-map"));
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        f.write_all(content).unwrap();
        f
    }
}
