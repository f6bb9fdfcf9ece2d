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

use std::sync::atomic::{AtomicU64, Ordering};

use clap::Parser;
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::{Cleanup, Context, IpcError, ObjectName, call};
use ipc_sys::mman::mmap_anonymous;
use ipc_sys::semaphore::{NamedSemaphore, sem_open, sem_post, sem_wait};
use nix::fcntl::OFlag;
use nix::sys::mman::{MapFlags, ProtFlags};
use nix::sys::stat::Mode;

const START: u64 = 100_000_000;
/// The accounts' locks, as the error lines name them.
const LOCKS: [&str; 2] = ["NAME-a", "NAME-b"];

#[derive(Parser)]
struct Args {
    /// Prefix of the two semaphores' names.
    #[arg(long)]
    name: Option<String>,
    /// How many moves each process makes.
    #[arg(long, default_value_t = 20_000)]
    moves: u64,
}

ipc_sys::shareable! {
    /// The page P and Q share: the two balances, a and b.
    #[repr(C)]
    struct Accounts {
        balance: [AtomicU64; 2],
    }
}

struct Bank<'m> {
    accounts: &'m Accounts,
    /// The lock of each account: `NAME-a` and `NAME-b`.
    locks: [NamedSemaphore; 2],
}

impl Bank<'_> {
    /// Moves `amount` from account `from` to account `to`, holding both locks.
    fn transfer(&self, from: usize, to: usize, amount: u64) -> ipc_support::Result<()> {
        // The fix: every process takes the locks in the same order (a before b), so no
        // process can hold one lock while waiting for the other's holder.
        let (first, second) = (from.min(to), from.max(to));
        sem_wait(&self.locks[first]).context(|| call!("sem_wait", LOCKS[first]))?;
        sem_wait(&self.locks[second]).context(|| call!("sem_wait", LOCKS[second]))?;
        let (src, dst) = (&self.accounts.balance[from], &self.accounts.balance[to]);
        src.store(src.load(Ordering::Relaxed) - amount, Ordering::Relaxed);
        dst.store(dst.load(Ordering::Relaxed) + amount, Ordering::Relaxed);
        sem_post(&self.locks[second]).context(|| call!("sem_post", LOCKS[second]))?;
        sem_post(&self.locks[first]).context(|| call!("sem_post", LOCKS[first]))
    }

    fn total(&self) -> u64 {
        self.accounts
            .balance
            .iter()
            .map(|b| b.load(Ordering::SeqCst))
            .sum()
    }
}

fn run(args: Args) -> ipc_support::Result<()> {
    let prefix = args
        .name
        .unwrap_or_else(|| ipc_support::unique::unique_name("ex05"));
    let mut guards = Vec::new();
    let mut locks = Vec::new();
    for part in ["a", "b"] {
        let name = ObjectName::parse_sem(&format!("{prefix}-{part}"))
            .map_err(|why| IpcError::refused("--name", why))?;
        // sem_open(name, O_CREAT|O_EXCL, 0600, 1): a new lock, free.
        let flags = OFlag::O_CREAT | OFlag::O_EXCL;
        let mode = Mode::S_IRUSR | Mode::S_IWUSR;
        locks.push(
            sem_open(name.as_str(), flags, mode, 1)
                .context(|| call!("sem_open", name, "O_CREAT|O_EXCL", mode, 1))?,
        );
        guards.push(Cleanup::sem(&name));
    }
    let locks: [NamedSemaphore; 2] = locks.try_into().expect("two locks");
    let prot = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    let map = mmap_anonymous(16, prot, MapFlags::MAP_SHARED).context(|| {
        call!(
            "mmap",
            16,
            prot,
            MapFlags::MAP_SHARED | MapFlags::MAP_ANONYMOUS
        )
    })?;
    let bank = Bank {
        accounts: map.place(0).context(|| "the accounts".to_string())?,
        locks,
    };
    for balance in &bank.accounts.balance {
        balance.store(START, Ordering::SeqCst);
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
    ipc_support::run("ex05", || run(args))
}
