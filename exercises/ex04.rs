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
//!
//! Edit this file until `ipc-lab grade ex04` gives full marks (or `rustlings` moves on).

use std::sync::atomic::{AtomicU64, Ordering};

use clap::Parser;
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Context, IpcError, ObjectName, call};
use ipc_sys::mman::mmap_anonymous;
use nix::sys::mman::{MapFlags, ProtFlags};

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

fn add(shared: &Shared, count: u64) {
    for _ in 0..count {
        // TODO: this read-then-write loses updates when two processes interleave. Protect it
        //       with a lock: a named semaphore of value 1, made once before fork with
        //       sem_open(name, O_CREAT|O_EXCL, 0600, 1) (ipc_sys::semaphore::sem_open);
        //       sem_wait(&lock) before, sem_post(&lock) after.
        let seen = shared.counter.load(Ordering::Relaxed);
        shared.counter.store(seen + 1, Ordering::Relaxed);
    }
}

fn run(args: Args) -> ipc_support::Result<()> {
    // TODO: refuse --processes outside 1..=16; create the semaphore named from `--name` (or
    //       ipc_support::unique::unique_name("ex04")) and guard its sem_unlink
    //       (ipc_support::Cleanup::sem).
    todo!(
        "ex04: make {} processes x {} additions give an exact total, using the semaphore {} (see the TODOs, or `ipc-lab hint ex04`)",
        args.processes,
        args.count,
        args.name.as_ref().map_or("(a unique name)", |n| n.as_str())
    );
    #[allow(unreachable_code)]
    {
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
            children.push(fork_child(|| {
                add(shared, args.count);
                0
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
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex04", || run(args))
}
