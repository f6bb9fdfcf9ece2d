//! POSIX shared-memory objects as a test prepares and inspects them, with the lesson's own
//! calls (`shm_open`, `ftruncate`, `fstat`, `mmap`). Each helper panics on failure: a test
//! that cannot set up its objects fails.

use ipc_support::{Cleanup, ObjectName};
use ipc_sys::mman::{Mapping, mmap};
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open};
use nix::sys::stat::{Mode, fstat};
use nix::unistd::ftruncate;

/// An object of `size` bytes (mode 0600) holding `bytes` at offset 0, and the guard that
/// unlinks it. Size 0: the object is never ftruncate'd, as a careless writer leaves it.
pub fn create(name: &ObjectName, size: usize, bytes: &[u8]) -> Cleanup {
    let flags = OFlag::O_CREAT | OFlag::O_RDWR;
    let fd = shm_open(name.as_str(), flags, Mode::S_IRUSR | Mode::S_IWUSR)
        .unwrap_or_else(|e| panic!("shm_open({name}): {e}"));
    let guard = Cleanup::shm(name);
    if size > 0 {
        let len = nix::libc::off_t::try_from(size).expect("a test object's size fits off_t");
        ftruncate(&fd, len).unwrap_or_else(|e| panic!("ftruncate({name}): {e}"));
        map_fd(&fd, size)
            .write(0, bytes)
            .expect("the bytes fit the object");
    }
    guard
}

fn map_fd(fd: &std::os::fd::OwnedFd, len: usize) -> Mapping {
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    mmap(len, prot, MapFlags::MAP_SHARED, fd, 0).unwrap_or_else(|e| panic!("mmap: {e}"))
}

/// The object's size, from fstat.
pub fn size(name: &ObjectName) -> u64 {
    let fd = shm_open(name.as_str(), OFlag::O_RDONLY, Mode::empty())
        .unwrap_or_else(|e| panic!("shm_open({name}): {e}"));
    let size = fstat(&fd)
        .unwrap_or_else(|e| panic!("fstat({name}): {e}"))
        .st_size;
    u64::try_from(size).expect("a size is never negative")
}

/// The object's size and all its bytes, read through a read-only mapping.
pub fn contents(name: &ObjectName) -> (u64, Vec<u8>) {
    let size = size(name);
    let len = usize::try_from(size).expect("a test object fits in memory");
    let fd = shm_open(name.as_str(), OFlag::O_RDONLY, Mode::empty())
        .unwrap_or_else(|e| panic!("shm_open({name}): {e}"));
    let map = mmap(len, ProtFlags::PROT_READ, MapFlags::MAP_SHARED, &fd, 0)
        .unwrap_or_else(|e| panic!("mmap({name}): {e}"));
    let mut bytes = vec![0; len];
    map.read(0, &mut bytes).expect("inside the mapping");
    (size, bytes)
}

/// Maps `name` read-write and shared into this process, so that the object is in use while
/// the mapping lives.
pub fn map(name: &ObjectName, len: usize) -> Mapping {
    let fd = shm_open(name.as_str(), OFlag::O_RDWR, Mode::empty())
        .unwrap_or_else(|e| panic!("shm_open({name}): {e}"));
    map_fd(&fd, len)
}

/// True when /dev/shm holds the object (or the named semaphore) `name`.
pub fn exists(name: &ObjectName) -> bool {
    std::path::Path::new(&name.fs_path()).exists()
}
