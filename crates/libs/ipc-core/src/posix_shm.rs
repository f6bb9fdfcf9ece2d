//! POSIX shared memory on top of nix: `shm_open`, `ftruncate`, `fstat`, `mmap`, `shm_unlink`.

use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::stat::{Mode, fstat};

use crate::error::{IpcError, Result};
use crate::mapping::{Mapping, Sharing};
use crate::name::ObjectName;
use crate::region::Access;
use crate::text::text_with;

/// How `shm_open` opens the object.
#[derive(Debug, Clone, Copy)]
pub struct ShmOptions {
    pub access: Access,
    /// O_CREAT
    pub create: bool,
    /// O_EXCL: fail with EEXIST if it exists
    pub exclusive: bool,
    /// O_TRUNC: cut an existing object to size 0
    pub truncate: bool,
    /// Permission bits for a new object.
    pub mode: u32,
}

impl ShmOptions {
    /// Open an existing object, read-only.
    pub fn read_only() -> Self {
        ShmOptions {
            access: Access::ReadOnly,
            create: false,
            exclusive: false,
            truncate: false,
            mode: 0,
        }
    }

    /// Open read-write, creating with `mode` when missing (`O_CREAT|O_RDWR`).
    pub fn create(mode: u32) -> Self {
        ShmOptions {
            access: Access::ReadWrite,
            create: true,
            exclusive: false,
            truncate: false,
            mode,
        }
    }

    fn flags(&self) -> (OFlag, String) {
        let mut flags = match self.access {
            Access::ReadOnly => OFlag::O_RDONLY,
            Access::ReadWrite => OFlag::O_RDWR,
        };
        let mut names = vec![match self.access {
            Access::ReadOnly => "O_RDONLY",
            Access::ReadWrite => "O_RDWR",
        }];
        for (on, flag, name) in [
            (self.create, OFlag::O_CREAT, "O_CREAT"),
            (self.exclusive, OFlag::O_EXCL, "O_EXCL"),
            (self.truncate, OFlag::O_TRUNC, "O_TRUNC"),
        ] {
            if on {
                flags |= flag;
                names.push(name);
            }
        }
        (flags, names.join("|"))
    }
}

/// An open POSIX shared-memory object; the descriptor closes when it is dropped.
#[derive(Debug)]
pub struct PosixShm {
    name: ObjectName,
    fd: OwnedFd,
}

impl PosixShm {
    /// `shm_open(name, flags, mode)`.
    pub fn open(name: &ObjectName, opts: ShmOptions) -> Result<Self> {
        let (flags, flag_names) = opts.flags();
        let call = if opts.create {
            format!("shm_open({name}, {flag_names}, 0{:o})", opts.mode)
        } else {
            format!("shm_open({name}, {flag_names})")
        };
        let mode = Mode::from_bits_truncate(opts.mode & 0o777);
        let fd = nix::sys::mman::shm_open(name.as_str(), flags, mode).map_err(|e| {
            IpcError::sys(call, e).hint_if(
                Errno::EEXIST,
                text_with("core.shm_open.eexist", &[&name.fs_path()]),
            )
        })?;
        Ok(PosixShm {
            name: name.clone(),
            fd,
        })
    }

    pub fn name(&self) -> &ObjectName {
        &self.name
    }

    pub fn fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    /// The object's size from `fstat` (a new object has size 0 until `ftruncate`).
    pub fn size(&self) -> Result<u64> {
        let st = fstat(self.fd.as_fd())
            .map_err(|e| IpcError::sys(format!("fstat({})", self.name), e))?;
        Ok(st.st_size as u64)
    }

    /// Mode bits from `fstat`.
    pub fn mode(&self) -> Result<u32> {
        let st = fstat(self.fd.as_fd())
            .map_err(|e| IpcError::sys(format!("fstat({})", self.name), e))?;
        Ok(st.st_mode & 0o777)
    }

    /// `ftruncate(fd, len)`: gives the object its size.
    pub fn set_size(&self, len: u64) -> Result<()> {
        let call = format!("ftruncate({}, {len})", self.name);
        let len = libc::off_t::try_from(len)
            .map_err(|_| IpcError::refused(&call, crate::text::text("core.size-too-large")))?;
        nix::unistd::ftruncate(self.fd.as_fd(), len).map_err(|e| IpcError::sys(call, e))
    }

    /// `mmap(NULL, len, prot, MAP_SHARED, fd, 0)`.
    pub fn map(&self, len: usize, access: Access) -> Result<Mapping> {
        Mapping::file(self.fd.as_fd(), len, access, Sharing::Shared)
    }
}

/// `shm_unlink(name)`: the name goes at once; the memory when the last mapping goes.
pub fn shm_unlink(name: &ObjectName) -> Result<()> {
    nix::sys::mman::shm_unlink(name.as_str())
        .map_err(|e| IpcError::sys(format!("shm_unlink({name})"), e))
}

/// True when `/dev/shm` holds an object with this name.
pub fn shm_exists(name: &ObjectName) -> bool {
    std::path::Path::new(&name.fs_path()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guard::Cleanup;
    use crate::unique::unique_name;

    fn fresh() -> ObjectName {
        ObjectName::parse_shm(&unique_name("ipc-core-test")).unwrap()
    }

    #[test]
    fn create_size_map_read_back_unlink() {
        let name = fresh();
        let shm = PosixShm::open(
            &name,
            ShmOptions {
                exclusive: true,
                ..ShmOptions::create(0o600)
            },
        )
        .unwrap();
        let guard = Cleanup::shm(&name);
        assert_eq!(shm.size().unwrap(), 0);
        assert_eq!(shm.mode().unwrap(), 0o600);
        shm.set_size(100).unwrap();
        shm.map(100, Access::ReadWrite)
            .unwrap()
            .write_c_string(b"Hello")
            .unwrap();
        let reader = PosixShm::open(&name, ShmOptions::read_only()).unwrap();
        assert_eq!(reader.size().unwrap(), 100);
        assert_eq!(
            reader
                .map(100, Access::ReadOnly)
                .unwrap()
                .read_c_string()
                .bytes,
            b"Hello"
        );
        assert!(shm_exists(&name));
        guard.run_now().unwrap();
        assert!(!shm_exists(&name));
    }

    #[test]
    fn missing_object_is_enoent() {
        let err = PosixShm::open(&fresh(), ShmOptions::read_only()).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOENT));
        assert!(
            err.to_string().starts_with("shm_open(/ipc-core-test"),
            "{err}"
        );
    }

    #[test]
    fn exclusive_on_existing_is_eexist() {
        let name = fresh();
        let _a = PosixShm::open(&name, ShmOptions::create(0o600)).unwrap();
        let _g = Cleanup::shm(&name);
        let err = PosixShm::open(
            &name,
            ShmOptions {
                exclusive: true,
                ..ShmOptions::create(0o600)
            },
        )
        .unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EEXIST));
        assert!(err.to_string().contains("O_RDWR|O_CREAT|O_EXCL"), "{err}");
    }
}
