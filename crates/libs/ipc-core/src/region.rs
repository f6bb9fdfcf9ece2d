//! Memory shared with other processes, read and written as bytes that nobody vouches for.
//!
//! Another process may change this memory at any moment, so it is never handed out as a
//! Rust slice: bytes are copied in and out, bounded by the region's size, and counters
//! live in atomics.

use std::borrow::Cow;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, AtomicU64};

use crate::error::{IpcError, Result};

/// Whether a mapping or attachment may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    ReadWrite,
}

/// A span of shared memory: an attached System V segment or an mmap'ed region.
#[derive(Debug)]
pub struct SharedRegion {
    ptr: NonNull<u8>,
    len: usize,
    access: Access,
}

/// Text read from shared memory as a C string: the bytes before the first NUL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CText {
    pub bytes: Vec<u8>,
    /// False when the region held no NUL at all: the writer did not end its string.
    pub terminated: bool,
}

impl CText {
    /// The text for printing; invalid UTF-8 shows as U+FFFD.
    pub fn lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

impl SharedRegion {
    /// # Safety
    /// `ptr` must point to `len` bytes that stay mapped (readable, and writable when `access`
    /// says so) for the whole life of the returned value.
    pub(crate) unsafe fn new(ptr: NonNull<u8>, len: usize, access: Access) -> Self {
        SharedRegion { ptr, len, access }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn access(&self) -> Access {
        self.access
    }

    /// The start address, for code that builds its own layout on top (benchmarks).
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Copies `len` bytes starting at `offset` out of the region, clamped to its end.
    pub fn read_bytes(&self, offset: usize, len: usize) -> Vec<u8> {
        let start = offset.min(self.len);
        let n = len.min(self.len - start);
        let mut out = vec![0u8; n];
        // SAFETY: start + n <= self.len, the region is mapped readable (see `new`), and `out`
        // is a fresh buffer that cannot overlap shared memory.
        unsafe { std::ptr::copy_nonoverlapping(self.ptr.as_ptr().add(start), out.as_mut_ptr(), n) };
        out
    }

    /// Copies `data` into the region at `offset`; refuses to write past the end or into a
    /// read-only mapping.
    pub fn write_bytes(&self, offset: usize, data: &[u8]) -> Result<()> {
        if self.access == Access::ReadOnly {
            return Err(IpcError::refused(
                "write",
                crate::text::text("core.region.read-only"),
            ));
        }
        let end = offset.checked_add(data.len()).filter(|&e| e <= self.len);
        if end.is_none() {
            return Err(IpcError::refused(
                format!("write of {} bytes at offset {offset}", data.len()),
                crate::text::text_with("core.region.too-small", &[&self.len]),
            ));
        }
        // SAFETY: offset + data.len() <= self.len, the region is writable (checked above), and
        // `data` is caller memory that cannot overlap the mapping we own.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), self.ptr.as_ptr().add(offset), data.len())
        };
        Ok(())
    }

    /// Reads a C string at offset 0: never past the region's end, stopping at the first NUL.
    pub fn read_c_string(&self) -> CText {
        // Chunk by chunk, so a huge region whose text is short costs only the text: a
        // reader never touches (nor, for shm, allocates) pages past the first NUL.
        const CHUNK: usize = 64 * 1024;
        let mut bytes = Vec::new();
        let mut offset = 0;
        while offset < self.len {
            let chunk = self.read_bytes(offset, CHUNK);
            if let Some(nul) = chunk.iter().position(|&b| b == 0) {
                bytes.extend_from_slice(&chunk[..nul]);
                return CText {
                    bytes,
                    terminated: true,
                };
            }
            offset += chunk.len();
            bytes.extend_from_slice(&chunk);
        }
        CText {
            bytes,
            terminated: false,
        }
    }

    /// Writes `text` and its terminating NUL at offset 0, as the lesson's C programs do.
    /// Refuses text that does not fit (it is never truncated) or that holds a NUL itself.
    pub fn write_c_string(&self, text: &[u8]) -> Result<()> {
        check_fits(text, self.len)?;
        self.write_bytes(0, text)?;
        self.write_bytes(text.len(), &[0])
    }

    fn atomic_ptr<T>(&self, offset: usize) -> *mut T {
        let size = std::mem::size_of::<T>();
        assert!(
            offset % std::mem::align_of::<T>() == 0 && offset + size <= self.len,
            "atomic at offset {offset} does not fit a region of {} bytes",
            self.len
        );
        // SAFETY: the assert keeps offset + size inside the region.
        unsafe { self.ptr.as_ptr().add(offset).cast::<T>() }
    }

    /// A 32-bit atomic living in the region at `offset` (aligned, inside the region).
    pub fn atomic_u32(&self, offset: usize) -> &AtomicU32 {
        // SAFETY: atomic_ptr checks bounds and alignment; AtomicU32 may alias memory that other
        // processes access atomically, and the region outlives the returned borrow.
        unsafe { AtomicU32::from_ptr(self.atomic_ptr(offset)) }
    }

    /// A 64-bit atomic living in the region at `offset` (aligned, inside the region).
    pub fn atomic_u64(&self, offset: usize) -> &AtomicU64 {
        // SAFETY: as for atomic_u32.
        unsafe { AtomicU64::from_ptr(self.atomic_ptr(offset)) }
    }
}

/// Whether `text` fits in `capacity` bytes as a C string (text, then its NUL, at offset 0).
/// Writers call it before creating anything, so a refused message leaves nothing behind;
/// `write_c_string` calls it again against the real size of the region.
pub fn check_fits(text: &[u8], capacity: usize) -> Result<()> {
    if text.contains(&0) {
        return Err(IpcError::refused(
            "message",
            crate::text::text("core.message.nul"),
        ));
    }
    if text.len() >= capacity {
        return Err(IpcError::refused(
            format!("message of {} bytes", text.len()),
            crate::text::text_with(
                "core.message.too-long",
                &[&capacity, &capacity.saturating_sub(1)],
            ),
        )
        .hint(crate::text::text_with(
            "core.message.too-long.hint",
            &[&(text.len() + 1)],
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::mapping::{Mapping, Sharing};
    use std::sync::atomic::Ordering;

    fn region(len: usize) -> Mapping {
        Mapping::anonymous(len, Sharing::Shared).unwrap()
    }

    #[test]
    fn c_string_round_trip() {
        let m = region(16);
        m.write_c_string(b"hello").unwrap();
        let t = m.read_c_string();
        assert_eq!(t.bytes, b"hello");
        assert!(t.terminated);
    }

    #[test]
    fn text_that_does_not_fit_is_refused_not_truncated() {
        let m = region(8);
        // 8 bytes of text need 9 with the NUL.
        let err = m.write_c_string(b"12345678").unwrap_err();
        assert!(err.to_string().contains("at most 7 bytes"), "{err}");
        assert!(err.to_string().contains("--size 9"), "{err}");
        assert_eq!(m.read_bytes(0, 8), vec![0; 8]);
        m.write_c_string(b"1234567").unwrap();
    }

    #[test]
    fn c_string_across_chunks() {
        let m = region(200_000);
        let long = vec![b'z'; 150_000];
        m.write_c_string(&long).unwrap();
        assert_eq!(m.read_c_string().bytes, long);
        m.write_bytes(0, &vec![b'y'; 200_000]).unwrap();
        let t = m.read_c_string();
        assert_eq!((t.bytes.len(), t.terminated), (200_000, false));
    }

    #[test]
    fn region_without_nul_is_read_to_its_end_only() {
        let m = region(4);
        m.write_bytes(0, b"abcd").unwrap();
        let t = m.read_c_string();
        assert_eq!(t.bytes, b"abcd");
        assert!(!t.terminated);
    }

    #[test]
    fn reads_and_writes_stay_in_bounds() {
        let m = region(4);
        assert!(m.write_bytes(2, b"abc").is_err());
        assert!(m.write_bytes(usize::MAX, b"a").is_err());
        assert_eq!(m.read_bytes(3, 100).len(), 1);
        assert_eq!(m.read_bytes(100, 100).len(), 0);
    }

    #[test]
    fn nul_inside_message_is_refused() {
        assert!(region(8).write_c_string(b"a\0b").is_err());
    }

    #[test]
    fn atomics_live_in_the_region() {
        let m = region(64);
        m.atomic_u64(8).store(42, Ordering::SeqCst);
        assert_eq!(m.read_bytes(8, 8), 42u64.to_ne_bytes());
        m.atomic_u32(0).fetch_add(1, Ordering::SeqCst);
        assert_eq!(m.atomic_u32(0).load(Ordering::SeqCst), 1);
    }
}
