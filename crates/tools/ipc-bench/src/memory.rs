//! Anonymous shared memory (ipc-sys's), with the error line of the call that made it.

use ipc_support::{IpcError, Result};
use ipc_sys::mem::SharedMemory;

/// `len` zero bytes shared with the child of the next `fork`.
pub fn shared(len: usize) -> Result<SharedMemory> {
    SharedMemory::anonymous(len).map_err(|e| {
        IpcError::sys(
            format!("mmap({len}, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS)"),
            e,
        )
    })
}
