//! `<sys/mman.h>`: `mmap` and `munmap` with nix's own flag types, made safe by always
//! letting the kernel choose the address and by owning the result.
//!
//! nix's `mmap` is `unsafe` because a caller may ask for an address (`MAP_FIXED`) that
//! replaces memory Rust code still uses, and its `munmap` because the pointer may still be
//! borrowed. Here the address is always NULL, and [`Mapping`] unmaps itself when the last
//! borrow of it has ended.

use std::num::NonZeroUsize;
use std::ops::Deref;
use std::os::fd::AsFd;

use nix::errno::Errno;
use nix::sys::mman::{MapFlags, ProtFlags};

use crate::shared::SharedBytes;

/// A mapped region; `munmap` runs when it is dropped (or by [`munmap`]). Read and written
/// through [`SharedBytes`] (it derefs to one), since other processes may share it.
#[derive(Debug)]
pub struct Mapping {
    bytes: SharedBytes,
}

fn length(len: usize) -> Result<NonZeroUsize, Errno> {
    // mmap of 0 bytes fails with EINVAL: said here, before the call, in the same words.
    NonZeroUsize::new(len).ok_or(Errno::EINVAL)
}

/// Flags a caller may not pass, since they would let the kernel replace memory in use.
fn refuse_fixed(flags: MapFlags) -> Result<(), Errno> {
    if flags.intersects(MapFlags::MAP_FIXED | MapFlags::MAP_FIXED_NOREPLACE) {
        return Err(Errno::EINVAL);
    }
    Ok(())
}

impl Mapping {
    fn new(ptr: std::ptr::NonNull<std::ffi::c_void>, len: usize, prot: ProtFlags) -> Self {
        // SAFETY: the kernel mapped `len` bytes at ptr with `prot`; they stay mapped until
        // Drop (or munmap) unmaps them, which needs this value, so after every borrow.
        let bytes =
            unsafe { SharedBytes::new(ptr.cast(), len, prot.contains(ProtFlags::PROT_WRITE)) };
        Mapping { bytes }
    }
}

/// `mmap(NULL, len, prot, flags, fd, offset)`: `len` bytes of the file (or shm object)
/// behind `fd`. With `MAP_SHARED`, stores reach the object and every process mapping it;
/// with `MAP_PRIVATE` they stay in this process's copy-on-write pages. Touching a page past
/// the object's end raises SIGBUS. EINVAL for 0 bytes or for MAP_FIXED.
pub fn mmap<F: AsFd>(
    len: usize,
    prot: ProtFlags,
    flags: MapFlags,
    fd: F,
    offset: libc::off_t,
) -> Result<Mapping, Errno> {
    let length = length(len)?;
    refuse_fixed(flags)?;
    // SAFETY: without MAP_FIXED (refused above) and with no address, the kernel picks one
    // that holds nothing of ours, so no memory in use is replaced.
    let ptr = unsafe { nix::sys::mman::mmap(None, length, prot, flags, fd, offset) }?;
    Ok(Mapping::new(ptr, len, prot))
}

/// `mmap(NULL, len, prot, flags | MAP_ANONYMOUS, -1, 0)`: `len` zero bytes backed by no
/// file. `MAP_SHARED` memory stays one region across `fork`; `MAP_PRIVATE` is copied on
/// write.
pub fn mmap_anonymous(len: usize, prot: ProtFlags, flags: MapFlags) -> Result<Mapping, Errno> {
    let length = length(len)?;
    refuse_fixed(flags)?;
    // SAFETY: as in mmap: the kernel picks an address that holds nothing of ours.
    let ptr = unsafe { nix::sys::mman::mmap_anonymous(None, length, prot, flags) }?;
    Ok(Mapping::new(ptr, len, prot))
}

/// `munmap(addr, len)` now, reporting a failure instead of ignoring it as Drop must.
pub fn munmap(mapping: Mapping) -> Result<(), Errno> {
    let (ptr, len) = (mapping.bytes.ptr(), mapping.bytes.len());
    std::mem::forget(mapping);
    // SAFETY: ptr and len are what mmap returned, and the mapping was moved in here, so
    // nothing borrows it any more.
    unsafe { nix::sys::mman::munmap(ptr.cast(), len) }
}

impl Deref for Mapping {
    type Target = SharedBytes;
    fn deref(&self) -> &SharedBytes {
        &self.bytes
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: ptr and len are what mmap returned, and no borrow outlives self.
        let _ = unsafe { nix::sys::mman::munmap(self.bytes.ptr().cast(), self.bytes.len()) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

    fn rw() -> ProtFlags {
        ProtFlags::PROT_READ | ProtFlags::PROT_WRITE
    }

    fn file_with(content: &[u8]) -> std::fs::File {
        let path = std::env::temp_dir().join(format!(
            "ipc-sys-mman-{}-{}",
            std::process::id(),
            content.len()
        ));
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

    #[test]
    fn zero_bytes_and_fixed_addresses_are_refused() {
        assert_eq!(
            mmap_anonymous(0, rw(), MapFlags::MAP_SHARED).unwrap_err(),
            Errno::EINVAL
        );
        assert_eq!(
            mmap_anonymous(4096, rw(), MapFlags::MAP_SHARED | MapFlags::MAP_FIXED).unwrap_err(),
            Errno::EINVAL
        );
    }

    #[test]
    fn a_private_file_mapping_leaves_the_file_alone() {
        let f = file_with(b"original");
        let private = mmap(8, rw(), MapFlags::MAP_PRIVATE, &f, 0).unwrap();
        private.write(0, b"CHANGED!").unwrap();
        let mut seen = [0u8; 8];
        private.read(0, &mut seen).unwrap();
        assert_eq!(&seen, b"CHANGED!");
        let shared = mmap(8, ProtFlags::PROT_READ, MapFlags::MAP_SHARED, &f, 0).unwrap();
        shared.read(0, &mut seen).unwrap();
        assert_eq!(&seen, b"original");
        assert_eq!(shared.write(0, b"x"), Err(Errno::EACCES));
        munmap(shared).unwrap();
    }

    #[test]
    fn copies_and_texts_stay_inside() {
        let m = mmap_anonymous(200_000, rw(), MapFlags::MAP_SHARED).unwrap();
        assert_eq!(m.write(199_999, b"ab"), Err(Errno::EFAULT));
        assert_eq!(m.write(usize::MAX, b"a"), Err(Errno::EFAULT));
        let long = vec![b'z'; 150_000];
        m.write(0, &long).unwrap();
        assert_eq!(m.read_until_nul(0), (long.clone(), true));
        m.write(0, &vec![b'y'; 200_000]).unwrap();
        let (text, terminated) = m.read_until_nul(0);
        assert_eq!((text.len(), terminated), (200_000, false));
        assert_eq!(m.read_until_nul(300_000), (Vec::new(), false));
    }

    #[test]
    fn a_file_that_shrinks_under_its_mapping_is_an_error_not_a_sigbus() {
        let page = 4096;
        let f = file_with(&vec![b'x'; 3 * page]);
        let shared = mmap(3 * page, rw(), MapFlags::MAP_SHARED, &f, 0).unwrap();
        let mut all = vec![0u8; 3 * page];
        shared.read(0, &mut all).unwrap();
        assert!(!shared.vanished());
        // Another process would call ftruncate; this one does it itself.
        f.set_len(u64::try_from(page).unwrap()).unwrap();
        let mut first = vec![0u8; page];
        shared.read(0, &mut first).unwrap();
        assert_eq!(
            first,
            vec![b'x'; page],
            "the page still inside the file reads as before"
        );
        assert_eq!(shared.read(0, &mut all), Err(Errno::EFAULT));
        assert!(shared.vanished());
        // Once gone, always refused: the replaced pages would read as zeros.
        assert_eq!(shared.read(0, &mut first), Err(Errno::EFAULT));
        assert_eq!(shared.write(0, b"y"), Err(Errno::EFAULT));
        assert_eq!(shared.read_until_nul(0), (Vec::new(), false));
        munmap(shared).unwrap();

        // A store past the new end is refused the same way.
        let f = file_with(&vec![b'z'; 2 * page + 1]);
        let shared = mmap(2 * page, rw(), MapFlags::MAP_SHARED, &f, 0).unwrap();
        f.set_len(0).unwrap();
        assert_eq!(shared.write(page, b"lost"), Err(Errno::EFAULT));
        assert!(shared.vanished());
    }

    crate::shareable! {
        /// A page of two words.
        #[repr(C)]
        #[derive(Debug)]
        struct Page {
            count: AtomicU64,
            flags: [AtomicU32; 2],
        }
    }

    #[test]
    fn a_page_is_placed_inside_aligned_and_only_in_writable_memory() {
        let m = mmap_anonymous(64, rw(), MapFlags::MAP_SHARED).unwrap();
        let page: &Page = m.place(8).unwrap();
        page.count.store(42, Ordering::SeqCst);
        page.flags[1].store(7, Ordering::SeqCst);
        let mut word = [0u8; 8];
        m.read(8, &mut word).unwrap();
        assert_eq!(word, 42u64.to_ne_bytes());
        assert_eq!(m.place::<Page>(4).unwrap_err(), Errno::EINVAL);
        assert_eq!(m.place::<Page>(56).unwrap_err(), Errno::EFAULT);
        let ro = mmap_anonymous(64, ProtFlags::PROT_READ, MapFlags::MAP_PRIVATE).unwrap();
        assert_eq!(ro.place::<Page>(0).unwrap_err(), Errno::EACCES);
    }
}
