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

use std::sync::atomic::Ordering;

use clap::Parser;
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::{IpcError, Mapping, NamedSemaphore, ObjectName, SemCreate, Sharing, sem};

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

fn add(counter: &Mapping, lock: &NamedSemaphore, count: u64) -> ipc_core::Result<()> {
    let value = counter.atomic_u64(0);
    for _ in 0..count {
        lock.wait()?;
        // A read, then a write: two steps another process could slip between without the lock.
        let seen = value.load(Ordering::Relaxed);
        value.store(seen + 1, Ordering::Relaxed);
        lock.post()?;
    }
    Ok(())
}

fn run(args: Args) -> ipc_core::Result<()> {
    if !(1..=16).contains(&args.processes) {
        return Err(IpcError::refused(
            format!("--processes {}", args.processes),
            "give 1 to 16 processes",
        ));
    }
    let name = match args.name {
        Some(name) => name,
        None => ObjectName::parse_sem(&ipc_core::unique::unique_name("ex04"))
            .map_err(|why| IpcError::refused("--name", why))?,
    };
    let lock = NamedSemaphore::create(&name, SemCreate::new(1).exclusive())?;
    let _unlink = sem::unlink_guard(&name);
    let counter = Mapping::anonymous(8, Sharing::Shared)?;
    let mut children = Vec::new();
    for _ in 0..args.processes {
        children.push(fork_child(|| match add(&counter, &lock, args.count) {
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
    println!("total: {}", counter.atomic_u64(0).load(Ordering::SeqCst));
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex04", || run(args))
}
