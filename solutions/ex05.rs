//! Exercise 5 — no deadlock.
//!
//! Contract (checked by `ipc-lab grade ex05`):
//! - `ex05 [--name NAME] [--moves M]` (defaults: a unique name, 20000).
//! - Two accounts live in shared memory, each starting with 100000000. Each account has its
//!   own lock: the POSIX named semaphores `NAME-a` and `NAME-b`.
//! - Two processes run at once: P moves money from a to b, Q from b to a, M moves each
//!   (move i moves i % 7 + 1). Every move holds BOTH locks while it updates both balances.
//! - The program always finishes (no deadlock, however the processes interleave), prints
//!   `total: 200000000` (money is neither created nor lost) and exits 0.
//! - Both semaphores are unlinked at the end, also on failure.

use std::sync::atomic::Ordering;

use clap::Parser;
use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::{IpcError, Mapping, NamedSemaphore, ObjectName, SemCreate, Sharing, sem};

const START: u64 = 100_000_000;

#[derive(Parser)]
struct Args {
    /// Prefix of the two semaphores' names.
    #[arg(long)]
    name: Option<String>,
    /// How many moves each process makes.
    #[arg(long, default_value_t = 20_000)]
    moves: u64,
}

struct Bank {
    accounts: Mapping,
    locks: [NamedSemaphore; 2],
}

impl Bank {
    /// Moves `amount` from account `from` to account `to`, holding both locks.
    fn transfer(&self, from: usize, to: usize, amount: u64) -> ipc_core::Result<()> {
        // The fix: every process takes the locks in the same order (a before b), so no
        // process can hold one lock while waiting for the other's holder.
        let (first, second) = (from.min(to), from.max(to));
        self.locks[first].wait()?;
        self.locks[second].wait()?;
        let src = self.accounts.atomic_u64(from * 8);
        let dst = self.accounts.atomic_u64(to * 8);
        src.store(src.load(Ordering::Relaxed) - amount, Ordering::Relaxed);
        dst.store(dst.load(Ordering::Relaxed) + amount, Ordering::Relaxed);
        self.locks[second].post()?;
        self.locks[first].post()
    }

    fn total(&self) -> u64 {
        (0..2)
            .map(|i| self.accounts.atomic_u64(i * 8).load(Ordering::SeqCst))
            .sum()
    }
}

fn run(args: Args) -> ipc_core::Result<()> {
    let prefix = args
        .name
        .unwrap_or_else(|| ipc_core::unique::unique_name("ex05"));
    let mut guards = Vec::new();
    let mut locks = Vec::new();
    for part in ["a", "b"] {
        let name = ObjectName::parse_sem(&format!("{prefix}-{part}"))
            .map_err(|why| IpcError::refused("--name", why))?;
        locks.push(NamedSemaphore::create(
            &name,
            SemCreate::new(1).exclusive(),
        )?);
        guards.push(sem::unlink_guard(&name));
    }
    let locks: [NamedSemaphore; 2] = locks.try_into().expect("two locks");
    let bank = Bank {
        accounts: Mapping::anonymous(16, Sharing::Shared)?,
        locks,
    };
    for i in 0..2 {
        bank.accounts
            .atomic_u64(i * 8)
            .store(START, Ordering::SeqCst);
    }
    let mover = |from: usize, to: usize| {
        let bank = &bank;
        move || {
            for i in 0..args.moves {
                if let Err(e) = bank.transfer(from, to, i % 7 + 1) {
                    eprintln!("ex05 (mover): {e}");
                    return 1;
                }
            }
            0
        }
    };
    let p = fork_child(mover(0, 1))?;
    let q = fork_child(mover(1, 0))?;
    for child in [p, q] {
        match child.wait()? {
            ChildEnd::Exited(0) => {}
            end => return Err(IpcError::refused("a mover", format!("{end}"))),
        }
    }
    println!("total: {}", bank.total());
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_core::run("ex05", || run(args))
}
