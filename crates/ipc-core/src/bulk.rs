//! Bulk copies out of shared memory into a caller's buffer, without an allocation per copy:
//! what a benchmark's receiver does with every message.

use crate::error::{IpcError, Result};
use crate::region::SharedRegion;

/// Copies `dst.len()` bytes from `region` at `offset` into `dst`; refuses to read past the
/// region's end.
pub fn copy_out(region: &SharedRegion, offset: usize, dst: &mut [u8]) -> Result<()> {
    let end = offset.checked_add(dst.len()).filter(|&e| e <= region.len());
    if end.is_none() {
        return Err(IpcError::refused(
            format!("read of {} bytes at offset {offset}", dst.len()),
            format!("the region holds only {} bytes", region.len()),
        ));
    }
    // SAFETY: offset + dst.len() <= region.len() (checked above) and the region is mapped
    // readable while borrowed; `dst` is private memory that cannot overlap the mapping.
    unsafe {
        std::ptr::copy_nonoverlapping(region.as_ptr().add(offset), dst.as_mut_ptr(), dst.len())
    };
    Ok(())
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
}
