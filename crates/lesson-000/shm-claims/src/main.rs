//! shm-claims: what lesson 000 says of shared memory, measured on this machine rather than
//! taken on trust. Each subcommand makes the objects, shows what the kernel reports about
//! them, and exits 0 only when the kernel's report agrees with the lesson.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ipc_support::cli::{LangArg, parse_args};

mod meminfo;
mod readers;
mod removal;

/// Measure lesson 000's claims about shared memory on this machine.
///
/// readers: one writer, many readers at once (shm_nattch), while a FIFO's bytes reach one
/// reader only (§2). rmid and unlink: IPC_RMID and shm_unlink remove the name, the memory
/// lives until the last detach or unmap (§3, §4). meminfo: the data is in RAM, counted as
/// Shmem in /proc/meminfo (§2). Every object made is removed at the end.
#[derive(Parser)]
#[command(name = "shm-claims", version)]
struct Cli {
    #[command(flatten)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// §2: K readers attached to one segment at once all read the text; through a FIFO, one does.
    Readers(readers::Args),
    /// §3: IPC_RMID while attached: key 0, status dest, data still readable, gone after shmdt.
    Rmid,
    /// §4: shm_unlink while mapped: /dev/shm empty, the maps line (deleted), the text still reads.
    Unlink,
    /// §2: Shmem in /proc/meminfo rises by the object's size when its pages are touched, falls on removal.
    Meminfo(meminfo::Args),
}

fn main() -> ExitCode {
    let cli: Cli = parse_args("shm-claims");
    cli.lang.apply();
    ipc_support::run("shm-claims", || match cli.command {
        Command::Readers(args) => readers::run(&args),
        Command::Rmid => removal::rmid(),
        Command::Unlink => removal::unlink(),
        Command::Meminfo(args) => meminfo::run(&args),
    })
}

/// Polls `cond` every millisecond for at most `limit`: whether it came true.
pub fn wait_for(limit: std::time::Duration, cond: impl Fn() -> bool) -> bool {
    let start = std::time::Instant::now();
    while !cond() {
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    true
}
