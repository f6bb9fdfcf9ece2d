//! 2.2 and 2.3: EACCES from shm_open (file modes) and from mmap (descriptor access).

use std::os::fd::OwnedFd;

use ipc_support::args::PRIVATE_MODE;
use ipc_support::message::write_c_string;
use ipc_support::pitfall::{NOBODY, Pitfall, drop_privileges, not_reproduced};
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Context, IpcError, ObjectName, Result, call};
use ipc_sys::mman::Mapping;
use ipc_text::t;
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open};
use nix::sys::stat::Mode;
use nix::unistd::{ftruncate, geteuid};

use crate::fresh_shm;

const SIZE: usize = 4096;

/// `shm_open(name, access)` of the existing object.
fn open_existing(name: &ObjectName, access: OFlag) -> Result<OwnedFd> {
    shm_open(name.as_str(), access, Mode::empty()).context(|| call!("shm_open", name, access))
}

fn open_rdwr(name: &ObjectName) -> Result<OwnedFd> {
    open_existing(name, OFlag::O_RDWR)
}

/// `mmap(NULL, SIZE, prot, MAP_SHARED, fd, 0)`.
fn map(fd: &OwnedFd, prot: ProtFlags) -> Result<Mapping> {
    ipc_sys::mman::mmap(SIZE, prot, MapFlags::MAP_SHARED, fd, 0)
        .context(|| call!("mmap", SIZE, prot, MapFlags::MAP_SHARED))
}

/// The report for the EACCES that `shm_open(O_RDWR)` gave, or the reason it is not one.
fn report_open(err: &IpcError, name: &ObjectName, who: &str) -> Result<()> {
    if err.errno() != Some(Errno::EACCES) {
        return Err(not_reproduced("eacces-open", "EACCES", &err.to_string()));
    }
    Pitfall::from_error(
        err,
        t!("shm-errors-eacces-open-scenario", name = name, who = who),
        t!("shm-errors-eacces-open-why"),
        t!("shm-errors-eacces-open-fix"),
    )
    .expect("an errno is present")
    .print();
    Ok(())
}

pub fn open() -> Result<()> {
    // Mode 0400: only its owner may read it, and nobody may write it.
    let (name, fd, _guard) = fresh_shm("demo_shm_ro", OFlag::O_RDONLY, Mode::S_IRUSR)?;
    drop(fd);
    println!(
        "{}",
        t!("shm-errors-eacces-open-created", path = name.fs_path())
    );
    if !geteuid().is_root() {
        let err = open_rdwr(&name).map(drop).err();
        return match err {
            Some(err) => report_open(&err, &name, &format!("uid {}", geteuid())),
            None => Err(not_reproduced(
                "eacces-open",
                "EACCES",
                &t!("pitfall-success"),
            )),
        };
    }

    // Root: the kernel skips the permission check, so the open succeeds.
    open_rdwr(&name).map_err(|e| {
        not_reproduced(
            "eacces-open",
            &t!("shm-errors-eacces-open-nr-root"),
            &e.to_string(),
        )
    })?;
    println!("{}", t!("shm-errors-eacces-open-root-ok"));
    // A child becomes an ordinary user and tries again; its exit status carries the errno.
    let child = fork_child(|| {
        let (uid, gid) = match drop_privileges(NOBODY, NOBODY) {
            Ok(ids) => ids,
            Err(e) => {
                ipc_support::warn(&format!("shm-errors: {e}"));
                return 255;
            }
        };
        println!(
            "{}",
            t!("shm-errors-eacces-open-dropped", uid = uid, gid = gid)
        );
        match open_rdwr(&name) {
            Ok(_) => 0,
            Err(e) => e.errno().map_or(254, |e| e as i32),
        }
    })?;
    match child.wait()? {
        ChildEnd::Exited(code) if code == Errno::EACCES as i32 => {
            let err = IpcError::sys(call!("shm_open", name, OFlag::O_RDWR), Errno::EACCES);
            report_open(&err, &name, &format!("uid {NOBODY}"))?;
            println!("{}", t!("shm-errors-eacces-open-root-why"));
            Ok(())
        }
        ChildEnd::Exited(255) => Err(not_reproduced(
            "eacces-open",
            &t!("shm-errors-eacces-open-nr-child"),
            &t!("shm-errors-eacces-open-nr-drop-failed"),
        )),
        ChildEnd::Exited(0) => Err(not_reproduced(
            "eacces-open",
            "EACCES",
            &t!("pitfall-success"),
        )),
        ChildEnd::Exited(code) => Err(not_reproduced(
            "eacces-open",
            "EACCES",
            &format!("{:?}", Errno::from_raw(code)),
        )),
        end => Err(not_reproduced(
            "eacces-open",
            "EACCES",
            &t!("pitfall-child-that", end = end),
        )),
    }
}

pub fn mmap() -> Result<()> {
    let (name, fd, _guard) = fresh_shm("demo_shm_map", OFlag::O_RDWR, PRIVATE_MODE)?;
    let len = nix::libc::off_t::try_from(SIZE).unwrap_or(nix::libc::off_t::MAX);
    ftruncate(&fd, len).context(|| call!("ftruncate", name, len))?;
    drop(fd);
    let reader = open_existing(&name, OFlag::O_RDONLY)?;
    println!(
        "{}",
        t!("shm-errors-eacces-mmap-opened", path = name.fs_path())
    );
    // PROT_WRITE with MAP_SHARED would write the object: an O_RDONLY descriptor may not.
    let err = match map(&reader, ProtFlags::PROT_READ | ProtFlags::PROT_WRITE) {
        Ok(_) => {
            return Err(not_reproduced(
                "eacces-mmap",
                "EACCES",
                &t!("pitfall-success"),
            ));
        }
        Err(e) if e.errno() == Some(Errno::EACCES) => e,
        Err(e) => return Err(not_reproduced("eacces-mmap", "EACCES", &e.to_string())),
    };
    Pitfall::from_error(
        &err,
        t!("shm-errors-eacces-mmap-scenario", name = name),
        t!("shm-errors-eacces-mmap-why"),
        t!("shm-errors-eacces-mmap-fix"),
    )
    .expect("an errno is present")
    .print();
    // The fix, both ways: map read-only, or open read-write for a writable mapping.
    map(&reader, ProtFlags::PROT_READ)?;
    let writable = map(
        &open_rdwr(&name)?,
        ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
    )?;
    write_c_string(&writable, b"ok")?;
    println!("{}", t!("shm-errors-eacces-mmap-fixed"));
    Ok(())
}
