//! 2.1: mmap of an object that was never given a size, then a store into it → SIGBUS.

use ipc_support::args::PRIVATE_MODE;
use ipc_support::message::{read_c_string, write_c_string};
use ipc_support::pitfall::{Outcome, Pitfall, not_reproduced};
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Context, Hint, Result, call, hints};
use ipc_sys::mman::mmap;
use ipc_text::t;
use nix::fcntl::{OFlag, posix_fallocate};
use nix::sys::mman::{MapFlags, ProtFlags};
use nix::sys::resource::{Resource, setrlimit};
use nix::sys::signal::Signal;
use nix::sys::stat::fstat;
use nix::unistd::ftruncate;

use crate::fresh_shm;

const SIZE: usize = 4096;
const MESSAGE: &[u8] = b"Hello SHM";

const PROT: ProtFlags = ProtFlags::PROT_READ.union(ProtFlags::PROT_WRITE);

pub fn run() -> Result<()> {
    let (name, fd, _guard) = fresh_shm("demo_shm_nf", OFlag::O_RDWR, PRIVATE_MODE)?;
    let size = fstat(&fd).context(|| call!("fstat", name))?.st_size;
    println!(
        "{}",
        t!(
            "shm-errors-sigbus-created",
            path = name.fs_path(),
            size = size
        )
    );
    // No ftruncate: the object has size 0. mmap itself succeeds: the kernel checks the
    // object's size only when a page is touched.
    let map = mmap(SIZE, PROT, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", SIZE, PROT, MapFlags::MAP_SHARED))?;
    println!("{}", t!("shm-errors-sigbus-mapped", size = SIZE));
    let child = fork_child(|| {
        // A core file would only litter the student's directory.
        let _ = setrlimit(Resource::RLIMIT_CORE, 0, 0);
        // A plain store, as the lesson's C program makes: no guard turns SIGBUS into an error.
        match map.write_unguarded(0, MESSAGE) {
            Ok(()) => 0,
            Err(_) => 2,
        }
    })?;
    let pid = child.pid();
    let end = child.wait()?;
    if !matches!(
        end,
        ChildEnd::Signaled {
            signal: Signal::SIGBUS,
            ..
        }
    ) {
        return Err(not_reproduced(
            "sigbus",
            &t!("shm-errors-sigbus-nr-expected"),
            &t!("pitfall-child-that", end = end),
        ));
    }
    Pitfall {
        scenario: t!("shm-errors-sigbus-scenario", name = name),
        call: t!("shm-errors-sigbus-call", size = SIZE, pid = pid),
        outcome: Outcome::Signal(Signal::SIGBUS),
        why: t!("shm-errors-sigbus-why"),
        fix: t!("shm-errors-sigbus-fix"),
    }
    .print();

    // The fixed path: give the object its size first, then the same store works.
    let len = nix::libc::off_t::try_from(SIZE).unwrap_or(nix::libc::off_t::MAX);
    ftruncate(&fd, len).context(|| call!("ftruncate", name, len))?;
    // And reserve its pages: a full /dev/shm is then ENOSPC here, not SIGBUS at the store.
    posix_fallocate(&fd, 0, len)
        .context(|| call!("posix_fallocate", name, 0, len))
        .hints(hints::posix_fallocate(SIZE))?;
    let fixed = mmap(SIZE, PROT, MapFlags::MAP_SHARED, &fd, 0)
        .context(|| call!("mmap", SIZE, PROT, MapFlags::MAP_SHARED))?;
    let end = fork_child(|| match write_c_string(&fixed, MESSAGE) {
        Ok(()) => 0,
        Err(_) => 1,
    })?
    .wait()?;
    let read_back = read_c_string(&fixed);
    if end != ChildEnd::Exited(0) || read_back.bytes != MESSAGE {
        return Err(not_reproduced(
            "sigbus (fixed path)",
            &t!("shm-errors-sigbus-nr-fixed"),
            &t!("pitfall-child-that", end = end),
        ));
    }
    println!(
        "{}",
        t!(
            "shm-errors-sigbus-fixed",
            name = name,
            size = SIZE,
            text = read_back.lossy()
        )
    );
    Ok(())
}
