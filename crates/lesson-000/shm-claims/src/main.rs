//! shm-claims: what lesson 000 says of shared memory, measured on this machine rather than
//! taken on trust. Each subcommand makes the objects, shows what the kernel reports about
//! them, and exits 0 only when the kernel's report agrees with the lesson.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ipc_support::cli::{LangArg, parse_args};

mod meminfo;
mod readers;
mod removal;

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
    Readers(readers::Args),
    Rmid,
    Unlink,
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

#[cfg(test)]
ipc_support::every_option_has_its_help!(Cli);
