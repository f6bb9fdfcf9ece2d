//! 2.7: a process creates a shm object and a named semaphore and exits without unlinking
//! them; both stay in /dev/shm, with nobody using them, until someone removes them.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use ipc_support::args::PRIVATE_MODE;
use ipc_support::message::write_c_string;
use ipc_support::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Cleanup, Context, Hint, NameKind, ObjectName, Result, call, hints};
use ipc_sys::mman::mmap;
use ipc_sys::semaphore::{sem_open, sem_wait};
use ipc_text::t;
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags, shm_open};
use nix::unistd::ftruncate;

use crate::demo_name;

const SIZE: usize = 4096;

/// `-rw-------`, as `ls -l` prints a mode.
fn mode_string(mode: u32) -> String {
    let mut s = String::from("-");
    for shift in [6, 3, 0] {
        let bits = (mode >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        s.push(if bits & 1 != 0 { 'x' } else { '-' });
    }
    s
}

/// One `ls -l`-like line for a file in /dev/shm, or None when it is not there.
fn listing(path: &str) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    Some(format!(
        "  {} {:>5} {:>5} {:>6} {path}",
        mode_string(meta.permissions().mode()),
        meta.uid(),
        meta.gid(),
        meta.size()
    ))
}

/// What the forgetful process does: create, use, and exit without unlinking.
fn forgetful(shm_name: &ObjectName, sem_name: &ObjectName) -> Result<()> {
    let flags = OFlag::O_RDWR | OFlag::O_CREAT | OFlag::O_EXCL;
    let fd = shm_open(shm_name.as_str(), flags, PRIVATE_MODE)
        .context(|| call!("shm_open", shm_name, flags, PRIVATE_MODE))
        .hints(hints::shm_open(shm_name))?;
    let len = nix::libc::off_t::try_from(SIZE).unwrap_or(nix::libc::off_t::MAX);
    ftruncate(&fd, len).context(|| call!("ftruncate", shm_name, len))?;
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap(SIZE, prot, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", SIZE, prot, MapFlags::MAP_SHARED))?;
    write_c_string(&map, b"left behind")?;
    let sem_flags = OFlag::O_CREAT | OFlag::O_EXCL;
    let sem = sem_open(sem_name.as_str(), sem_flags, PRIVATE_MODE, 1)
        .context(|| {
            let flags = ipc_support::call::creation_flags(sem_flags);
            call!("sem_open", sem_name, flags, PRIVATE_MODE, 1)
        })
        .hints(hints::sem_open(sem_name))?;
    sem_wait(&sem).context(|| call!("sem_wait", sem_name))?;
    // And exits: no munmap, no sem_close, above all no shm_unlink nor sem_unlink.
    Ok(())
}

pub fn run() -> Result<()> {
    let shm_name = demo_name(NameKind::SharedMemory, "demo_leak");
    let sem_name = demo_name(NameKind::Semaphore, "demo_sem_leak");
    // Our own guards, armed before the child runs: whatever happens, nothing stays.
    let shm_guard = Cleanup::shm(&shm_name);
    let sem_guard = Cleanup::sem(&sem_name);
    let paths = [shm_name.fs_path(), sem_name.fs_path()];

    let child = fork_child(|| match forgetful(&shm_name, &sem_name) {
        Ok(()) => 0,
        Err(e) => {
            ipc_support::error::report("shm-errors", &e);
            1
        }
    })?;
    let pid = child.pid();
    let end = child.wait()?;
    if end != ChildEnd::Exited(0) {
        return Err(not_reproduced(
            "dangling",
            &t!("shm-errors-dangling-nr-child"),
            &t!("pitfall-child-that", end = end),
        ));
    }
    println!("{}", t!("shm-errors-dangling-exited", pid = pid));
    let lines: Vec<String> = paths.iter().filter_map(|p| listing(p)).collect();
    for line in &lines {
        println!("{line}");
    }
    if lines.len() != 2 {
        return Err(not_reproduced(
            "dangling",
            &t!("shm-errors-dangling-nr-listed"),
            &t!("shm-errors-dangling-nr-count", count = lines.len()),
        ));
    }
    Pitfall {
        scenario: t!(
            "shm-errors-dangling-scenario",
            shm = shm_name,
            sem = sem_name
        ),
        call: t!("shm-errors-dangling-call", shm = shm_name, sem = sem_name),
        outcome: Outcome::Observed(t!("shm-errors-dangling-observed", pid = pid)),
        why: t!("shm-errors-dangling-why"),
        fix: t!(
            "shm-errors-dangling-fix",
            shm_path = paths[0],
            sem_path = paths[1]
        ),
    }
    .print();

    for guard in [shm_guard, sem_guard] {
        let what = guard.what().to_string();
        guard.run_now()?;
        println!("{}", t!("core-removed", what = what));
    }
    if paths.iter().any(|p| Path::new(p).exists()) {
        return Err(not_reproduced(
            "dangling",
            &t!("shm-errors-dangling-nr-gone"),
            &t!("shm-errors-dangling-nr-still"),
        ));
    }
    println!("{}", t!("shm-errors-dangling-gone"));
    Ok(())
}
