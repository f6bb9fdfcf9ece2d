//! 000 §3 and §4: removing a segment or an object removes its name at once; the memory
//! stays, readable, for as long as some process still has it attached or mapped.
//! "Marks the segment to be destroyed. The segment is destroyed only after the last process
//! has detached it" (IPC_RMID); "Shared memory object sẽ được xóa sau khi process cuối cùng
//! được unmap" (shm_unlink).

use ipc_support::maps::Placement;
use ipc_support::message::{read_c_string, write_c_string};
use ipc_support::pitfall::not_reproduced;
use ipc_support::unique::{unique_key, unique_name};
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::mman::{mmap, munmap};
use ipc_sys::shm::{ShmatFlags, ShmctlCmd, ShmidDs, shmat, shmctl, shmdt, shmget};
use ipc_text::t;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open, shm_unlink};
use nix::sys::stat::Mode;
use nix::unistd::ftruncate;

const SIZE: usize = 1024;
const PAGE: usize = 4096;
/// The kernel's flag in shm_perm.mode for a segment marked for removal (ipcs: "dest").
const SHM_DEST: u32 = 0o1000;

/// What `shmctl(IPC_STAT)` says of a segment, as ipcs -m shows it.
fn status(shmid: i32) -> std::result::Result<ShmidDs, Errno> {
    let mut ds = ShmidDs::default();
    shmctl(shmid, ShmctlCmd::IPC_STAT(&mut ds)).map(|()| ds)
}

fn show_status(when: &str, ds: &ShmidDs) {
    let dest = if ds.shm_perm.mode & SHM_DEST != 0 {
        "dest"
    } else {
        "-"
    };
    println!(
        "{}",
        t!(
            "shm-claims-rmid-status",
            when = when,
            key = ds.shm_perm.key,
            mode = format!("0{:o}", ds.shm_perm.mode & 0o777),
            nattch = ds.shm_nattch,
            status = dest
        )
    );
}

/// The /proc/self/maps line that holds `addr`, if any.
fn maps_line(addr: usize) -> Result<Option<String>> {
    let maps = std::fs::read_to_string("/proc/self/maps")
        .map_err(|e| IpcError::refused("read /proc/self/maps", e.to_string()))?;
    Ok(Placement::find(&maps, addr).map(|p| p.own.line))
}

/// What `ls /dev/shm` would show of `path`.
fn listed(path: &str, exists: bool) {
    let line = if exists {
        t!("shm-claims-unlink-listed", path = path)
    } else {
        t!("shm-claims-unlink-unlisted", path = path)
    };
    println!("{line}");
}

/// IPC_RMID while this process still has the segment attached.
pub fn rmid() -> Result<()> {
    let key = unique_key();
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let flags = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
    let shmid = shmget(key, SIZE, flags, mode)
        .context(|| call!("shmget", format!("key {key}"), SIZE, (flags, mode)))?;
    let remove = Cleanup::sysv_shm(shmid);
    let message = t!("shm-claims-rmid-message");
    let shm = shmat(shmid, ShmatFlags::empty())
        .context(|| call!("shmat", shmid, "NULL", ShmatFlags::empty()))?;
    write_c_string(&shm, message.as_bytes())?;
    let before = status(shmid).context(|| call!("shmctl", shmid, "IPC_STAT"))?;
    show_status("shmat", &before);

    shmctl(shmid, ShmctlCmd::IPC_RMID).context(|| call!("shmctl", shmid, "IPC_RMID"))?;
    let after = status(shmid).context(|| call!("shmctl", shmid, "IPC_STAT"))?;
    show_status("IPC_RMID", &after);
    // The key is free again: nobody can find the segment by it any more.
    let by_key = shmget(key, 0, IpcFlags::empty(), Mode::empty());
    let errno = by_key.err().map_or("-".to_string(), |e| format!("{e:?}"));
    println!(
        "{}",
        t!("shm-claims-rmid-key-free", key = key, errno = errno)
    );
    if let Some(line) = maps_line(shm.addr())? {
        println!("{}", t!("shm-claims-maps-line", line = line));
    }
    let still = read_c_string(&shm);
    println!("{}", t!("shm-claims-still-reads", text = still.lossy()));

    shmdt(shm).context(|| "shmdt".to_string())?;
    let gone = status(shmid).err();
    let gone_errno = gone.map_or("-".to_string(), |e| format!("{e:?}"));
    println!(
        "{}",
        t!("shm-claims-rmid-gone", shmid = shmid, errno = gone_errno)
    );
    if gone.is_some() {
        remove.keep();
    }

    let reproduced = before.shm_perm.key == key
        && after.shm_perm.key == SysvKey::PRIVATE
        && after.shm_perm.mode & SHM_DEST != 0
        && after.shm_nattch == 1
        && by_key == Err(Errno::ENOENT)
        && still.bytes == message.as_bytes()
        && matches!(gone, Some(Errno::EINVAL | Errno::EIDRM));
    if reproduced {
        println!("{}", t!("shm-claims-rmid-done"));
        return Ok(());
    }
    Err(not_reproduced(
        "rmid",
        &t!("shm-claims-rmid-expected"),
        &t!(
            "shm-claims-rmid-got",
            key = after.shm_perm.key,
            nattch = after.shm_nattch,
            by_key = errno,
            after_shmdt = gone_errno
        ),
    ))
}

/// shm_unlink while this process still has the object mapped.
pub fn unlink() -> Result<()> {
    let name = ObjectName::parse_shm(&unique_name("shm-claims"))
        .map_err(|e| IpcError::refused("shm-claims", e))?;
    let flags = OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_RDWR;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let fd = shm_open(name.as_str(), flags, mode)
        .context(|| call!("shm_open", name, flags, mode))
        .hints(hints::shm_open(&name))?;
    let remove = Cleanup::shm(&name);
    let size = nix::libc::off_t::try_from(PAGE).unwrap_or(4096);
    ftruncate(&fd, size).context(|| call!("ftruncate", name, size))?;
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap(PAGE, prot, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", PAGE, prot, MapFlags::MAP_SHARED))?;
    // The descriptor is not needed any more: the mapping keeps the object.
    drop(fd);
    let message = t!("shm-claims-unlink-message");
    write_c_string(&map, message.as_bytes())?;
    let path = name.fs_path();
    let listed_before = std::path::Path::new(&path).exists();
    listed(&path, listed_before);

    shm_unlink(name.as_str()).context(|| call!("shm_unlink", name))?;
    remove.keep();
    let listed_after = std::path::Path::new(&path).exists();
    listed(&path, listed_after);
    let reopened = shm_open(name.as_str(), OFlag::O_RDONLY, Mode::empty()).err();
    let errno = reopened.map_or("-".to_string(), |e| format!("{e:?}"));
    println!(
        "{}",
        t!("shm-claims-unlink-reopen", name = name, errno = errno)
    );
    let line = maps_line(map.addr())?.unwrap_or_default();
    println!("{}", t!("shm-claims-maps-line", line = line));
    let still = read_c_string(&map);
    println!("{}", t!("shm-claims-still-reads", text = still.lossy()));

    let addr = map.addr();
    munmap(map).context(|| call!("munmap", PAGE))?;
    let mapped_after = maps_line(addr)?.is_some_and(|l| l.contains(&path));
    println!(
        "{}",
        t!("shm-claims-unlink-unmapped", address = format!("{addr:#x}"))
    );

    let deleted = format!("{path} (deleted)");
    let reproduced = listed_before
        && !listed_after
        && reopened == Some(Errno::ENOENT)
        && line.ends_with(&deleted)
        && still.bytes == message.as_bytes()
        && !mapped_after;
    if reproduced {
        println!("{}", t!("shm-claims-unlink-done"));
        return Ok(());
    }
    Err(not_reproduced(
        "unlink",
        &t!("shm-claims-unlink-expected"),
        &t!(
            "shm-claims-unlink-got",
            listed = listed_after,
            reopening = errno,
            line = line
        ),
    ))
}
