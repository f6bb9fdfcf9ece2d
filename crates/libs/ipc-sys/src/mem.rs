//! Memory shared by the two processes of a `fork`: an anonymous `MAP_SHARED` mapping, seen
//! only through atomic words and bounded copies.
//!
//! The other process may write this memory at any moment, so it is never handed out as a
//! Rust slice. Which bytes are complete is for the caller's protocol to say (a sequence word
//! stored with Release after the bytes, loaded with Acquire before them); a copy that races
//! the other process's writes gets stale or torn bytes, never memory outside the mapping.
//! The protocol must also keep its words and its copies apart: a copy over a word in use
//! is such a race.
//!
//! The copies are tuned for a benchmark that moves big messages between two cores: 32-byte
//! vector loads and stores (faster than glibc's `rep movsb` between cores), and streaming
//! stores that skip fetching lines the other core holds.

use std::num::NonZeroUsize;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, AtomicU64};

use nix::errno::Errno;
use nix::sys::mman::{MapFlags, ProtFlags, mmap_anonymous, munmap};

/// An anonymous shared mapping: made before `fork`, the same bytes in the parent and the
/// child; `munmap` runs when it is dropped.
///
/// Neither `Send` nor `Sync`: within one process only one thread copies in or out, so this
/// process's copies never race each other.
#[derive(Debug)]
pub struct SharedMemory {
    ptr: NonNull<u8>,
    len: usize,
}

impl SharedMemory {
    /// `mmap(NULL, len, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS, -1, 0)`: `len` zero
    /// bytes. `EINVAL` for a length of 0.
    pub fn anonymous(len: usize) -> Result<Self, Errno> {
        let length = NonZeroUsize::new(len).ok_or(Errno::EINVAL)?;
        // SAFETY: a fresh mapping at an address the kernel picks replaces no memory of ours.
        let ptr = unsafe {
            mmap_anonymous(
                None,
                length,
                ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
                MapFlags::MAP_SHARED,
            )
        }?;
        Ok(SharedMemory {
            ptr: ptr.cast(),
            len,
        })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The start of `len` bytes at `offset`, when they lie inside the mapping.
    fn span(&self, offset: usize, len: usize) -> Result<*mut u8, Errno> {
        match offset.checked_add(len) {
            Some(end) if end <= self.len => {
                // SAFETY: offset <= end <= self.len: the result points into the mapping or
                // one past its end.
                Ok(unsafe { self.ptr.as_ptr().add(offset) })
            }
            _ => Err(Errno::EFAULT),
        }
    }

    fn atomic_ptr<T>(&self, offset: usize) -> *mut T {
        let ptr = self.span(offset, std::mem::size_of::<T>());
        match ptr {
            Ok(p) if p.align_offset(std::mem::align_of::<T>()) == 0 => p.cast(),
            _ => panic!(
                "a {}-byte atomic at offset {offset} does not fit, aligned, in a mapping of {} bytes",
                std::mem::size_of::<T>(),
                self.len
            ),
        }
    }

    /// The 32-bit word at `offset`, as an atomic (the mapping starts page-aligned).
    ///
    /// # Panics
    /// When the word is not inside the mapping or `offset` is not a multiple of 4: the
    /// offsets are the caller's layout, as a slice index is.
    pub fn atomic_u32(&self, offset: usize) -> &AtomicU32 {
        // SAFETY: the word is inside the mapping and aligned (atomic_ptr checks both), and the
        // mapping lives as long as the borrow; the other process may change it at any time,
        // which an atomic allows.
        unsafe { AtomicU32::from_ptr(self.atomic_ptr(offset)) }
    }

    /// The 64-bit word at `offset`, as an atomic.
    ///
    /// # Panics
    /// As [`SharedMemory::atomic_u32`], for a multiple of 8.
    pub fn atomic_u64(&self, offset: usize) -> &AtomicU64 {
        // SAFETY: as in atomic_u32.
        unsafe { AtomicU64::from_ptr(self.atomic_ptr(offset)) }
    }

    /// Copies `src` into the mapping at `offset`. `EFAULT` when it would not fit.
    pub fn write(&self, offset: usize, src: &[u8]) -> Result<(), Errno> {
        let dst = self.span(offset, src.len())?;
        // SAFETY: dst is writable for src.len() bytes (span checked the range), and `src`,
        // memory of this process's own, cannot overlap a mapping it never hands out.
        unsafe { copy(src.as_ptr(), dst, src.len()) };
        Ok(())
    }

    /// Copies `src` into the mapping at `offset` with non-temporal stores, which write whole
    /// lines without first fetching them: slower than [`SharedMemory::write`] while the other
    /// core's caches are near, far faster when taking a line back from it costs a trip across
    /// the chip. Ordinary stores where AVX2 is missing. `EFAULT` when it would not fit.
    pub fn write_streaming(&self, offset: usize, src: &[u8]) -> Result<(), Errno> {
        let dst = self.span(offset, src.len())?;
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as in write, and AVX2 is present (checked just above).
            unsafe { copy_avx2::<true>(src.as_ptr(), dst, src.len()) };
            return Ok(());
        }
        // SAFETY: as in write.
        unsafe { copy(src.as_ptr(), dst, src.len()) };
        Ok(())
    }

    /// Copies `dst.len()` bytes at `offset` out of the mapping. `EFAULT` when they are not
    /// all inside it.
    pub fn read(&self, offset: usize, dst: &mut [u8]) -> Result<(), Errno> {
        let src = self.span(offset, dst.len())?;
        // SAFETY: src is readable for dst.len() bytes (span checked the range), and `dst`,
        // borrowed mutably from this process's own memory, cannot overlap the mapping.
        unsafe { copy(src, dst.as_mut_ptr(), dst.len()) };
        Ok(())
    }
}

impl Drop for SharedMemory {
    fn drop(&mut self) {
        // SAFETY: ptr and len are what mmap returned, and no borrow of the mapping outlives
        // self.
        let _ = unsafe { munmap(self.ptr.cast(), self.len) };
    }
}

/// Big copies with plain 32-byte vector loads and stores instead of glibc's `rep movsb`,
/// which moved 64 KiB pieces between two cores at 16-29 GB/s where this loop moves them at
/// about 40 (AMD EPYC, KVM).
///
/// # Safety
/// `src` must be readable and `dst` writable for `len` bytes, and they must not overlap.
unsafe fn copy(src: *const u8, dst: *mut u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    if len >= 1024 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present (checked above); the caller's contract covers the ranges.
        unsafe { copy_avx2::<false>(src, dst, len) };
        return;
    }
    // SAFETY: the caller's contract.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, len) };
}

/// 128 bytes a round in 32-byte loads and stores; `STREAMING`: non-temporal stores, which
/// need 32-byte aligned destinations (the unaligned head goes plainly).
///
/// # Safety
/// As `copy`, and AVX2 must be present.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn copy_avx2<const STREAMING: bool>(src: *const u8, dst: *mut u8, len: usize) {
    use std::arch::x86_64::{
        __m256i, _mm_sfence, _mm256_loadu_si256, _mm256_storeu_si256, _mm256_stream_si256,
    };
    let mut i = if STREAMING {
        let head = dst.align_offset(32).min(len);
        // SAFETY: head <= len: inside both ranges.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
        head
    } else {
        0
    };
    while i + 128 <= len {
        // SAFETY: i + 128 <= len keeps the four 32-byte loads and stores inside the ranges,
        // and for streaming stores dst + i is 32-byte aligned, as they require.
        unsafe {
            let from = src.add(i).cast::<__m256i>();
            let to = dst.add(i).cast::<__m256i>();
            let v = [
                _mm256_loadu_si256(from),
                _mm256_loadu_si256(from.add(1)),
                _mm256_loadu_si256(from.add(2)),
                _mm256_loadu_si256(from.add(3)),
            ];
            for (k, v) in v.into_iter().enumerate() {
                if STREAMING {
                    _mm256_stream_si256(to.add(k), v);
                } else {
                    _mm256_storeu_si256(to.add(k), v);
                }
            }
        }
        i += 128;
    }
    // SAFETY: the tail [i, len) is inside both ranges.
    unsafe { std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), len - i) };
    if STREAMING {
        // Non-temporal stores are not ordered by a later Release store: fence them first.
        _mm_sfence();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn an_empty_mapping_is_refused() {
        assert_eq!(SharedMemory::anonymous(0).unwrap_err(), Errno::EINVAL);
    }

    #[test]
    fn copies_in_every_way_keep_every_byte_and_refuse_overruns() {
        let m = SharedMemory::anonymous(10_000).unwrap();
        let src: Vec<u8> = (0..5_000u32).map(|i| (i * 7 % 251) as u8).collect();
        // Short and long copies (the vector loop starts at 1 KiB), aligned and not.
        for len in [0, 5, 1_000, 5_000] {
            for offset in [0, 3, 17, 64, 4_999] {
                for streaming in [false, true] {
                    let src = &src[..len];
                    if streaming {
                        m.write_streaming(offset, src).unwrap();
                    } else {
                        m.write(offset, src).unwrap();
                    }
                    let mut out = vec![0u8; len];
                    m.read(offset, &mut out).unwrap();
                    assert_eq!(
                        out, src,
                        "len {len}, offset {offset}, streaming {streaming}"
                    );
                }
            }
        }
        let mut out = [0u8; 4];
        assert_eq!(m.read(9_997, &mut out), Err(Errno::EFAULT));
        assert_eq!(m.read(usize::MAX, &mut out), Err(Errno::EFAULT));
        assert_eq!(m.write(6_000, &src), Err(Errno::EFAULT));
        assert_eq!(m.write_streaming(6_000, &src), Err(Errno::EFAULT));
    }

    #[test]
    fn atomics_are_words_of_the_mapping() {
        let m = SharedMemory::anonymous(64).unwrap();
        m.atomic_u64(8).store(42, Ordering::SeqCst);
        let mut word = [0u8; 8];
        m.read(8, &mut word).unwrap();
        assert_eq!(word, 42u64.to_ne_bytes());
        m.write(0, &7u32.to_ne_bytes()).unwrap();
        assert_eq!(m.atomic_u32(0).fetch_add(1, Ordering::SeqCst), 7);
        assert_eq!(m.atomic_u32(0).load(Ordering::SeqCst), 8);
    }

    #[test]
    #[should_panic(expected = "does not fit")]
    fn a_misaligned_atomic_is_a_bug() {
        SharedMemory::anonymous(64).unwrap().atomic_u32(2);
    }

    #[test]
    #[should_panic(expected = "does not fit")]
    fn an_atomic_past_the_end_is_a_bug() {
        SharedMemory::anonymous(64).unwrap().atomic_u64(64);
    }
}
