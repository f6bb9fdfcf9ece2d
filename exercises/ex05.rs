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
//!
//! Edit this file until `ipc-lab grade ex05` gives full marks (or `rustlings` moves on).

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Prefix of the two semaphores' names.
    #[arg(long)]
    name: Option<String>,
    /// How many moves each process makes.
    #[arg(long, default_value_t = 20_000)]
    moves: u64,
}

fn run(args: Args) -> ipc_support::Result<()> {
    // TODO: sem_open(`NAME-a`, O_CREAT|O_EXCL, 0600, 1) and the same for `NAME-b`
    //       (ipc_sys::semaphore::sem_open); guard each sem_unlink (ipc_support::Cleanup::sem).
    // TODO: map the two accounts: mmap_anonymous(16, PROT_READ|PROT_WRITE, MAP_SHARED)
    //       (ipc_sys::mman::mmap_anonymous) and place a #[repr(C)] struct of two AtomicU64 in
    //       it (declare it with ipc_sys::shareable!, then mapping.place(0)); set each to 100000000.
    // TODO: fork P (moves a -> b) and Q (moves b -> a). A move takes BOTH locks (sem_wait).
    //       If P takes a then b while Q takes b then a, they can wait for each other forever:
    //       choose an order that cannot deadlock. Release them (sem_post) in reverse.
    // TODO: wait for both and print `total: ...`.
    todo!(
        "ex05: run 2 x {} moves between two accounts with the locks NAME-a and NAME-b (NAME = {}), without deadlock (see the TODOs, or `ipc-lab hint ex05`)",
        args.moves,
        args.name.as_deref().unwrap_or("a unique name")
    )
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    ipc_support::run("ex05", || run(args))
}
