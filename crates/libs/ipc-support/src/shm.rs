//! What a program that opens a POSIX shared-memory object by name checks before it trusts
//! it: anyone may put a FIFO, a directory or a socket in /dev/shm under that name, and
//! another process may remove the object while it is being written.

use ipc_text::t;
use nix::sys::stat::{FileStat, SFlag};

use crate::error::{IpcError, Result};
use crate::name::ObjectName;

/// Refuses an open name that is not a regular file (the only kind `shm_open` makes): a
/// FIFO would block a reader for ever, and none of them can be sized or mapped.
pub fn refuse_unless_regular(name: &ObjectName, stat: &FileStat) -> Result<()> {
    let kind = SFlag::from_bits_truncate(stat.st_mode & SFlag::S_IFMT.bits());
    let what = match kind {
        SFlag::S_IFREG => return Ok(()),
        SFlag::S_IFIFO => t!("faults-kind-fifo"),
        SFlag::S_IFDIR => t!("faults-kind-directory"),
        _ => t!("faults-kind-other"),
    };
    let path = name.fs_path();
    Err(
        IpcError::refused(path.clone(), t!("faults-shm-not-regular", kind = what))
            .hint(t!("faults-shm-not-regular-hint", path = path)),
    )
}

/// True when the object behind an open descriptor has no name any more (`st_nlink` 0):
/// someone called `shm_unlink` (or `rm`) while it was open, so no reader can find it.
pub fn unlinked(stat: &FileStat) -> bool {
    stat.st_nlink == 0
}
