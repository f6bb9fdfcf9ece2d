//! `<sys/ipc.h>`: what the three System V mechanisms share: keys (`ftok`), the `IPC_CREAT`
//! and `IPC_EXCL` flags, and the owner and permission record (`struct ipc_perm`).

use std::fmt;

use nix::NixPath;
use nix::errno::Errno;

/// A System V key (`key_t`), printed in hex as `ipcs` shows it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SysvKey(pub libc::key_t);

impl SysvKey {
    /// `IPC_PRIVATE`: a new object that only this process and its children know (by its id).
    pub const PRIVATE: SysvKey = SysvKey(libc::IPC_PRIVATE);

    pub fn raw(self) -> libc::key_t {
        self.0
    }

    /// The key's 32 bits as ipcs shows them (key_t is signed: 0xffffffff is -1).
    pub fn bits(self) -> u32 {
        u32::from_ne_bytes(self.0.to_ne_bytes())
    }
}

impl fmt::Display for SysvKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:x}` of a signed key prints its two's-complement bits, as ipcs does.
        write!(f, "0x{:08x}", self.0)
    }
}

bitflags::bitflags! {
    /// The creation flags of `shmget` and `msgget` (the permission bits go apart, as a `Mode`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct IpcFlags: libc::c_int {
        /// Create the object when no object has the key.
        const IPC_CREAT = libc::IPC_CREAT;
        /// With IPC_CREAT: fail with EEXIST when an object has the key already.
        const IPC_EXCL = libc::IPC_EXCL;
    }
}

/// The permission bits of `mode` in the form the System V calls take in their flag word.
pub(crate) fn with_mode(flags: IpcFlags, mode: nix::sys::stat::Mode) -> libc::c_int {
    // Permission bits are at most 0o7777, so they always fit a c_int.
    let perms = libc::c_int::try_from(mode.bits() & 0o777).unwrap_or(0);
    flags.bits() | perms
}

/// `struct ipc_perm`: who owns an object and who may use it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IpcPerm {
    /// The key the object was created with (`__key`).
    pub key: SysvKey,
    pub uid: u32,
    pub gid: u32,
    /// The creator's user and group.
    pub cuid: u32,
    pub cgid: u32,
    /// The permission bits and the kernel's own flags above them (e.g. SHM_DEST, 0o1000).
    pub mode: u32,
}

impl From<&libc::ipc_perm> for IpcPerm {
    fn from(p: &libc::ipc_perm) -> Self {
        IpcPerm {
            key: SysvKey(p.__key),
            uid: p.uid,
            gid: p.gid,
            cuid: p.cuid,
            cgid: p.cgid,
            mode: u32::from(p.mode),
        }
    }
}

/// `ftok(path, proj_id)`: a key made from the file's inode and device and the low 8 bits of
/// `proj_id`, so the file must exist (ENOENT otherwise) and 0 is no project.
pub fn ftok<P: ?Sized + NixPath>(path: &P, proj_id: u8) -> Result<SysvKey, Errno> {
    let key = path.with_nix_path(|c_path| {
        // SAFETY: c_path is a NUL-terminated string that outlives the call.
        unsafe { libc::ftok(c_path.as_ptr(), libc::c_int::from(proj_id)) }
    })?;
    if key == -1 {
        return Err(Errno::last());
    }
    Ok(SysvKey(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn keys_print_as_ipcs_shows_them() {
        assert_eq!(SysvKey(0x4101_2345).to_string(), "0x41012345");
        assert_eq!(SysvKey(-1).to_string(), "0xffffffff");
        assert_eq!(SysvKey::PRIVATE.raw(), 0);
    }

    #[test]
    fn ftok_needs_an_existing_file_and_is_stable_for_one() {
        assert_eq!(
            ftok(Path::new("/nonexistent/shmfile"), 65),
            Err(Errno::ENOENT)
        );
        let a = ftok(Path::new("/"), 65).unwrap();
        assert_eq!(a, ftok(Path::new("/"), 65).unwrap());
        assert_ne!(a, ftok(Path::new("/"), 66).unwrap());
    }

    #[test]
    fn flags_and_mode_share_one_word() {
        let mode = nix::sys::stat::Mode::from_bits_truncate(0o640);
        assert_eq!(
            with_mode(IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL, mode),
            libc::IPC_CREAT | libc::IPC_EXCL | 0o640
        );
    }
}
