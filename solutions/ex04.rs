//! Exercise 4 — fix the race.
//!
//! Contract (checked by `ipc-lab grade ex04`):
//! - `ex04 [--name NAME] [--processes K] [--count M]` (defaults: a unique name, 4, 100000).
//! - The parent maps a shared counter (0 at the start), forks K children; each child adds 1
//!   to the counter M times, as a separate read then write of the shared memory.
//! - The parent waits for all children and prints `total: T`, and T must be exactly K×M,
//!   however large M is and however busy the machine: the read-then-write must be protected
//!   (here by a POSIX named semaphore `NAME` used as a lock).
//! - K goes from 1 to 16; anything else is refused (one line on stderr, exit status 1).
//! - The semaphore is unlinked at the end (`/dev/shm/sem.NAME` is gone), also on failure.

use std::sync::atomic::{AtomicU64, Ordering};

use clap::Parser;
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Cleanup, Context, IpcError, ObjectName, call};
use ipc_sys::mman::mmap_anonymous;
use ipc_sys::semaphore::{NamedSemaphore, sem_open, sem_post, sem_wait};
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags};
use nix::sys::stat::Mode;

#[derive(Parser)]
struct Args {
    /// Name of the semaphore that guards the counter.
    #[arg(long, value_parser = ObjectName::parse_sem)]
    name: Option<ObjectName>,
    /// How many processes add to the counter.
    #[arg(long, default_value_t = 4)]
    processes: u32,
    /// How many times each process adds 1.
    #[arg(long, default_value_t = 100_000)]
    count: u64,
}

ipc_sys::shareable! {
    /// The page the processes share: the counter, 0 in a new mapping.
    #[repr(C)]
    struct Shared {
        counter: AtomicU64,
    }
}

fn add(shared: &Shared, lock: &NamedSemaphore, count: u64) -> ipc_support::Result<()> {
    for _ in 0..count {
        sem_wait(lock).context(|| call!("sem_wait", "lock"))?;
        // A read, then a write: two steps another process could slip between without the lock.
        let seen = shared.counter.load(Ordering::Relaxed);
        shared.counter.store(seen + 1, Ordering::Relaxed);
        sem_post(lock).context(|| call!("sem_post", "lock"))?;
    }
    Ok(())
}

fn run(args: Args) -> ipc_support::Result<()> {
    if !(1..=16).contains(&args.processes) {
        return Err(IpcError::refused(
            format!("--processes {}", args.processes),
            "give 1 to 16 processes",
        ));
    }
    let name = match args.name {
        Some(name) => name,
        None => ObjectName::parse_sem(&ipc_support::unique::unique_name("ex04"))
            .map_err(|why| IpcError::refused("--name", why))?,
    };
    // sem_open(name, O_CREAT|O_EXCL, 0600, 1): a semaphore of value 1 is a free lock.
    let flags = OFlag::O_CREAT | OFlag::O_EXCL;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let lock = sem_open(name.as_str(), flags, mode, 1)
        .context(|| call!("sem_open", name, "O_CREAT|O_EXCL", mode, 1))?;
    let _unlink = Cleanup::sem(&name);
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap_anonymous(8, prot, MapFlags::MAP_SHARED).context(|| {
        call!(
            "mmap",
            8,
            prot,
            MapFlags::MAP_SHARED | MapFlags::MAP_ANONYMOUS
        )
    })?;
    let shared: &Shared = map.place(0).context(|| "the counter".to_string())?;
    let mut children = Vec::new();
    for _ in 0..args.processes {
        children.push(fork_child(|| match add(shared, &lock, args.count) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("ex04 (child): {e}");
                1
            }
        })?);
    }
    for child in children {
        match child.wait()? {
            ChildEnd::Exited(0) => {}
            end => return Err(IpcError::refused("a child", format!("{end}"))),
        }
    }
    println!("total: {}", shared.counter.load(Ordering::SeqCst));
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex04", || run(args))
}
