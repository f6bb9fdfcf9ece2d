//! Bulk copies out of shared memory into a caller's buffer, without an allocation per copy:
//! what a benchmark's receiver does with every message.

use crate::error::{IpcError, Result};
use crate::region::SharedRegion;
use crate::text::text_with;

/// Copies `dst.len()` bytes from `region` at `offset` into `dst`; refuses to read past the
/// region's end.
pub fn copy_out(region: &SharedRegion, offset: usize, dst: &mut [u8]) -> Result<()> {
    let end = offset.checked_add(dst.len()).filter(|&e| e <= region.len());
    if end.is_none() {
        return Err(IpcError::refused(
            format!("read of {} bytes at offset {offset}", dst.len()),
            text_with("core.region.too-small", &[&region.len()]),
        ));
    }
    // SAFETY: offset + dst.len() <= region.len() (checked above) and the region is mapped
    // readable while borrowed; `dst` is private memory that cannot overlap the mapping.
    unsafe { copy(region.as_ptr().add(offset), dst.as_mut_ptr(), dst.len()) };
    Ok(())
}

/// Copies `src` into `region` at `offset`; refuses to write past the region's end or into
/// a read-only region.
pub fn copy_in(region: &SharedRegion, offset: usize, src: &[u8]) -> Result<()> {
    let end = offset.checked_add(src.len()).filter(|&e| e <= region.len());
    if end.is_none() || region.access() == crate::region::Access::ReadOnly {
        return region.write_bytes(offset, src);
    }
    // SAFETY: offset + src.len() <= region.len() and the region is writable (both checked
    // above); `src` is caller memory that cannot overlap the mapping.
    unsafe { copy(src.as_ptr(), region.as_ptr().add(offset), src.len()) };
    Ok(())
}

/// Copies `src` into `region` at `offset` with non-temporal stores, which write whole
/// lines without first fetching them: slower than `copy_in` while the other core's caches
/// are near, far faster when taking a line from the other core costs a trip across the
/// chip. Falls back to `copy_in` where AVX2 is missing.
pub fn copy_in_streaming(region: &SharedRegion, offset: usize, src: &[u8]) -> Result<()> {
    let end = offset.checked_add(src.len()).filter(|&e| e <= region.len());
    #[cfg(target_arch = "x86_64")]
    if end.is_some()
        && region.access() == crate::region::Access::ReadWrite
        && std::arch::is_x86_feature_detected!("avx2")
    {
        // SAFETY: the range is inside the writable region (checked above), AVX2 is present,
        // and `src` is caller memory that cannot overlap the mapping.
        unsafe { copy_streaming(src.as_ptr(), region.as_ptr().add(offset), src.len()) };
        return Ok(());
    }
    let _ = end;
    copy_in(region, offset, src)
}

/// # Safety
/// As `copy`, and AVX2 must be present.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn copy_streaming(src: *const u8, dst: *mut u8, len: usize) {
    use std::arch::x86_64::{__m256i, _mm_sfence, _mm256_loadu_si256, _mm256_stream_si256};
    let head = dst.align_offset(32).min(len);
    // SAFETY: head <= len: inside both ranges.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
    let mut i = head;
    while i + 128 <= len {
        // SAFETY: i + 128 <= len, and dst + i is 32-byte aligned as the stores require.
        unsafe {
            let a = _mm256_loadu_si256(src.add(i).cast::<__m256i>());
            let b = _mm256_loadu_si256(src.add(i + 32).cast::<__m256i>());
            let c = _mm256_loadu_si256(src.add(i + 64).cast::<__m256i>());
            let d = _mm256_loadu_si256(src.add(i + 96).cast::<__m256i>());
            _mm256_stream_si256(dst.add(i).cast::<__m256i>(), a);
            _mm256_stream_si256(dst.add(i + 32).cast::<__m256i>(), b);
            _mm256_stream_si256(dst.add(i + 64).cast::<__m256i>(), c);
            _mm256_stream_si256(dst.add(i + 96).cast::<__m256i>(), d);
        }
        i += 128;
    }
    // SAFETY: the tail [i, len) is inside both ranges.
    unsafe { std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), len - i) };
    // Non-temporal stores are not ordered by a later Release store: fence them first.
    _mm_sfence();
}

/// Large copies with plain 32-byte vector loads and stores instead of glibc's `rep movsb`,
/// which moved 64 KiB ring pieces between two cores at 16-29 GB/s where this loop moves
/// them at about 40 (AMD EPYC, KVM).
///
/// # Safety
/// `src` must be readable and `dst` writable for `len` bytes, and they must not overlap.
unsafe fn copy(src: *const u8, dst: *mut u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    if len >= 1024 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 is present (checked above); the caller's contract covers the ranges.
        unsafe { copy_avx2(src, dst, len) };
        return;
    }
    // SAFETY: the caller's contract.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, len) };
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn copy_avx2(src: *const u8, dst: *mut u8, len: usize) {
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_storeu_si256};
    let mut i = 0;
    while i + 128 <= len {
        // SAFETY: i + 128 <= len keeps the four 32-byte loads and stores inside the ranges.
        unsafe {
            let a = _mm256_loadu_si256(src.add(i).cast::<__m256i>());
            let b = _mm256_loadu_si256(src.add(i + 32).cast::<__m256i>());
            let c = _mm256_loadu_si256(src.add(i + 64).cast::<__m256i>());
            let d = _mm256_loadu_si256(src.add(i + 96).cast::<__m256i>());
            _mm256_storeu_si256(dst.add(i).cast::<__m256i>(), a);
            _mm256_storeu_si256(dst.add(i + 32).cast::<__m256i>(), b);
            _mm256_storeu_si256(dst.add(i + 64).cast::<__m256i>(), c);
            _mm256_storeu_si256(dst.add(i + 96).cast::<__m256i>(), d);
        }
        i += 128;
    }
    // SAFETY: the tail [i, len) is inside both ranges.
    unsafe { std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), len - i) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{Mapping, Sharing};

    #[test]
    fn copies_and_refuses_overruns() {
        let m = Mapping::anonymous(16, Sharing::Shared).unwrap();
        m.write_bytes(4, b"abcd").unwrap();
        let mut out = [0u8; 4];
        copy_out(&m, 4, &mut out).unwrap();
        assert_eq!(&out, b"abcd");
        assert!(copy_out(&m, 14, &mut out).is_err());
    }

    #[test]
    fn big_copies_in_every_way_keep_every_byte() {
        let m = Mapping::anonymous(10_000, Sharing::Shared).unwrap();
        let src: Vec<u8> = (0..5_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for offset in [0, 3, 17, 64, 4_999] {
            for streaming in [false, true] {
                let write = if streaming {
                    copy_in_streaming
                } else {
                    copy_in
                };
                write(&m, offset, &src).unwrap();
                let mut out = vec![0u8; src.len()];
                copy_out(&m, offset, &mut out).unwrap();
                assert_eq!(out, src, "offset {offset}, streaming {streaming}");
            }
        }
        assert!(copy_in(&m, 6_000, &src).is_err());
        assert!(copy_in_streaming(&m, 6_000, &src).is_err());
    }
}
